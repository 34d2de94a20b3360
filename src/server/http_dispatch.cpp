// A Stream that reads the normalized request from memory and
// collects what httplib writes, handed to the protected Server::process_request.
#include "server/http_dispatch.h"

#include <algorithm>
#include <cstring>

namespace cc::server {
namespace {

class MemoryStream final : public httplib::Stream {
public:
    MemoryStream(std::string_view in, const PeerAddress& remote, const PeerAddress& local)
        : in_(in), remote_(remote), local_(local) {}

    bool is_readable() const override { return true; }
    bool is_writable() const override { return true; }
    ssize_t read(char* ptr, size_t size) override {
        const std::size_t n = std::min(size, in_.size() - pos_);
        std::memcpy(ptr, in_.data() + pos_, n);
        pos_ += n;
        return static_cast<ssize_t>(n);
    }
    ssize_t write(const char* ptr, size_t size) override {
        out_.append(ptr, size);
        return static_cast<ssize_t>(size);
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = remote_.ip;
        port = remote_.port;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip = local_.ip;
        port = local_.port;
    }
    socket_t socket() const override { return INVALID_SOCKET; }

    std::string take_output() { return std::move(out_); }

private:
    std::string_view in_;
    std::size_t pos_ = 0;
    std::string out_;
    const PeerAddress& remote_;
    const PeerAddress& local_;
};

}  // namespace

FrontResponse DispatchServer::dispatch(const FrontRequest& request) {
    const std::string wire = request.request.wire();
    MemoryStream stream(wire, request.remote, request.local);
    bool connection_closed = false;
    const bool ok = process_request(stream, request.close_connection, connection_closed, nullptr);
    return FrontResponse{stream.take_output(), !ok || connection_closed || request.close_connection};
}

}  // namespace cc::server
