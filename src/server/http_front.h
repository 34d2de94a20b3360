// The server's HTTP front: one epoll thread accepts and reads every connection without
// blocking, so idle and slow clients cost a file descriptor and a bounded buffer, never a thread.
// Complete requests (read by HttpRequestReader) go to a fixed pool of workers through a bounded
// queue; the front itself enforces timeouts and connection limits and answers what it refuses.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "server/http_request_reader.h"

namespace cc::server {

struct FrontConfig {
    std::string host = "127.0.0.1";
    int port = 0;  // 0: any free port
    int worker_threads = 8;
    std::size_t max_queued_requests = 256;  // complete requests waiting for a worker; more: 503
    // Open connections in all and from one client address; more are refused with a 503. The
    // global limit is also held under the process's file descriptor limit.
    std::size_t max_connections = 10000;
    std::size_t max_connections_per_address = 256;
    std::chrono::milliseconds header_timeout{10000};  // first byte to the end of the headers: 408
    std::chrono::milliseconds body_timeout{30000};    // end of the headers to the end of the body: 408
    std::chrono::milliseconds idle_timeout{5000};     // no request begun: closed without an answer
    std::chrono::milliseconds write_timeout{60000};   // a response not taken by the client: closed
    int max_requests_per_connection = 1000;
    HttpLimits limits;
    // Whole "Name: value\r\n" lines added to the answers the front makes itself (the server's
    // security headers), so that they match the answers of the handlers.
    std::string error_headers;
};

struct PeerAddress {
    std::string ip;
    int port = 0;
};

// One complete request for a worker. `close_connection` says the connection closes after this
// request whatever it asked for (the front's request limit, or the request itself).
struct FrontRequest {
    HttpRequest request;
    PeerAddress remote;
    PeerAddress local;
    bool close_connection = false;
};

struct FrontResponse {
    std::string bytes;   // the complete response, status line to body
    bool close = false;  // the connection closes once it is sent
};

// Runs on a worker thread; may be called from several at once.
using FrontHandler = std::function<FrontResponse(FrontRequest&)>;

class HttpFront {
public:
    HttpFront(FrontConfig config, FrontHandler handler);
    ~HttpFront();  // stops
    HttpFront(const HttpFront&) = delete;
    HttpFront& operator=(const HttpFront&) = delete;

    // Raises the soft file descriptor limit to the hard one, binds, listens and starts the
    // threads. Returns the bound port.
    Result<int> start();
    // Stops accepting, closes connections that are not in a request, lets requests being
    // handled finish and their answers be sent (within the write timeout), then joins the
    // threads. Idempotent.
    void stop();
    int port() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// A complete error response made by the front itself: the Run:ai error body as JSON,
// Cache-Control: no-store and Connection: close. `extra_headers` are whole "Name: value\r\n" lines.
std::string front_error_response(const ApiError& error, std::string_view extra_headers = {});

}  // namespace cc::server
