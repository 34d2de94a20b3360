// An incremental, socket-free HTTP/1.1 request reader: fed bytes as they arrive, it yields
// "need more", one complete request normalized for the dispatcher (exact Content-Length, chunked
// framing and gzip/deflate content coding already decoded), or an error status. Pure so that it
// can be fuzzed; every size it buffers is bounded by HttpLimits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace cc::server {

struct HttpLimits {
    std::size_t max_uri_bytes = 8192;          // the request target; longer: 414
    std::size_t max_header_line_bytes = 8192;  // one header or trailer line; longer: 431
    std::size_t max_header_bytes = 32 * 1024;  // request line, headers and trailers together: 431
    std::size_t max_header_count = 100;        // header plus trailer lines: 431
    // The decoded body (after chunked framing and content coding), and the body as sent: 413.
    std::size_t max_body_bytes = 1024 * 1024;
};

struct HttpHeader {
    std::string name;
    std::string value;  // without surrounding whitespace
};

// One request as the dispatcher sees it. Content-Length, Transfer-Encoding, Content-Encoding and
// Expect are gone from `headers`: the reader acted on them and `body` is the decoded content.
struct HttpRequest {
    std::string method;
    std::string target;
    std::string version;  // "HTTP/1.1" or "HTTP/1.0"
    std::vector<HttpHeader> headers;
    std::string body;
    bool keep_alive = true;  // from the version and the Connection header

    // The normalized wire form: request line, headers, an exact Content-Length, the body.
    std::string wire() const;
};

enum class ReadStatus { NeedMore, Complete, Error };

class HttpRequestReader {
public:
    explicit HttpRequestReader(HttpLimits limits = {});

    // Consumes bytes of the current request and returns how many it took. It stops at the end of
    // a request, so the bytes of a pipelined next request stay with the caller, and takes nothing
    // once the request is complete or in error.
    std::size_t feed(std::string_view bytes);

    ReadStatus status() const { return status_; }
    // The refusal when status() is Error: code (400, 413, 414, 415, 431 or 501), message and
    // details in the Run:ai error shape. They never quote the request's header values or body.
    const ApiError& error() const { return error_; }
    // Some byte of the current request has arrived (a keep-alive connection is no longer idle).
    bool started() const { return started_; }
    bool headers_complete() const { return phase_ > Phase::Headers; }
    // The request asked for "100 Continue" and its body is still to come: the caller answers it
    // once (acceptable lengths only reach this point; larger ones are already a 413).
    bool expects_continue() const { return expect_continue_ && status_ == ReadStatus::NeedMore && headers_complete(); }
    // The complete request; the reader is then ready for the next one.
    HttpRequest take();
    void reset();

private:
    enum class Phase { RequestLine, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Done };

    std::size_t feed_line(std::string_view bytes, std::size_t max_line, int too_long_code);
    bool on_line(std::string_view line);
    bool on_request_line(std::string_view line);
    bool on_header_line(std::string_view line);
    bool on_headers_end();
    bool on_chunk_size_line(std::string_view line);
    bool finish();
    bool fail(int code, std::string message, std::string details);

    HttpLimits limits_;
    ReadStatus status_ = ReadStatus::NeedMore;
    Phase phase_ = Phase::RequestLine;
    ApiError error_;
    bool started_ = false;
    bool expect_continue_ = false;
    bool chunked_ = false;
    bool request_content_length_seen_ = false;
    bool connection_close_ = false;
    bool connection_keep_alive_ = false;
    std::string line_;  // the line being assembled
    std::size_t header_bytes_ = 0;
    std::size_t header_count_ = 0;
    std::uint64_t remaining_ = 0;       // body or chunk bytes still to come
    std::vector<std::string> codings_;  // Content-Encoding, in the order applied by the sender
    std::string raw_body_;
    HttpRequest request_;
};

}  // namespace cc::server
