// Transport-neutral HTTP exchange types. The API client builds HttpRequests and parses
// HttpResponses; who carries them (emscripten fetch in the browser, a fake in tests) is
// the platform's business.
#pragma once

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cc::api {

// An answer's body: a string, or a buffer the transport allocated with malloc and hands over
// (a large list then exists once in memory, not once in the transport and once here).
class Body {
public:
    Body() = default;
    Body(std::string text) : owned_(std::move(text)) {}  // NOLINT: implicit, bodies are mostly strings
    Body(const char* text) : owned_(text) {}             // NOLINT
    // Takes `data` (from malloc; freed with free), `size` bytes long.
    // A copy owns its bytes (tests and retries copy answers; the platform moves them).
    Body(const Body& other) : owned_(other.view()) {}
    Body& operator=(const Body& other) {
        if (this != &other) *this = Body(std::string(other.view()));
        return *this;
    }
    Body(Body&&) noexcept = default;
    Body& operator=(Body&&) noexcept = default;
    ~Body() = default;

    static Body adopt(char* data, std::size_t size) {
        Body b;
        b.adopted_.reset(data);
        b.adopted_size_ = size;
        return b;
    }
    std::string_view view() const {
        return adopted_ ? std::string_view(adopted_.get(), adopted_size_) : std::string_view(owned_);
    }
    operator std::string_view() const { return view(); }  // NOLINT: decoders take string_view
    bool empty() const { return view().empty(); }
    std::size_t size() const { return view().size(); }

private:
    struct Free {
        void operator()(char* p) const { std::free(p); }
    };
    std::string owned_;
    std::unique_ptr<char, Free> adopted_;
    std::size_t adopted_size_ = 0;
};

struct HttpRequest {
    std::string method = "GET";
    std::string path;  // relative to the API base, without a leading '/': "api/v1/clusters"
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    bool body_is_secret = false;  // the transport wipes its copy after sending
};

struct HttpResponse {
    int status = 0;  // 0: no HTTP answer (network error, aborted)
    Body body;
    std::string transport_error;  // why there is no answer, when status == 0
    std::string etag;             // the ETag header, when the server sent one
};

}  // namespace cc::api
