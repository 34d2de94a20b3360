// libFuzzer target for the incremental HTTP request reader: the input is read as a stream of
// pipelined requests, whole, byte by byte and in pieces whose sizes come from the input; every
// split must give the same requests and the same verdict, and each request's normalized wire
// form must read back as the same request. Builds against http_request_reader.cpp, zlib and src/.
#include "server/http_request_reader.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace {

using cc::server::HttpLimits;
using cc::server::HttpRequest;
using cc::server::HttpRequestReader;
using cc::server::ReadStatus;

void check(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "invariant failed: %s\n", what);
    std::abort();
}

// Small limits so that inputs of a few KiB reach every limit.
HttpLimits fuzz_limits() {
    HttpLimits l;
    l.max_uri_bytes = 256;
    l.max_header_line_bytes = 256;
    l.max_header_bytes = 1024;
    l.max_header_count = 16;
    l.max_body_bytes = 4096;
    return l;
}

struct Outcome {
    std::vector<HttpRequest> requests;
    std::vector<std::size_t> ends;  // input offset just after each request
    ReadStatus status = ReadStatus::NeedMore;
    int error_code = 0;
};

bool same_request(const HttpRequest& a, const HttpRequest& b) {
    if (a.method != b.method || a.target != b.target || a.version != b.version || a.body != b.body ||
        a.keep_alive != b.keep_alive || a.headers.size() != b.headers.size())
        return false;
    for (std::size_t i = 0; i < a.headers.size(); ++i)
        if (a.headers[i].name != b.headers[i].name || a.headers[i].value != b.headers[i].value) return false;
    return true;
}

void check_request(const HttpRequest& r, const HttpLimits& limits) {
    check(!r.method.empty(), "a request has a method");
    check(!r.target.empty() && r.target.size() <= limits.max_uri_bytes, "the target is within its limit");
    check(r.version == "HTTP/1.1" || r.version == "HTTP/1.0", "the version is HTTP/1.x");
    check(r.body.size() <= limits.max_body_bytes, "the decoded body is within its limit");
    for (const auto& h : r.headers) {
        check(!cc::ascii_iequals(h.name, "Content-Length") && !cc::ascii_iequals(h.name, "Transfer-Encoding") &&
                  !cc::ascii_iequals(h.name, "Content-Encoding") && !cc::ascii_iequals(h.name, "Expect"),
              "framing headers are removed");
        check(h.value.find_first_of("\r\n") == std::string::npos, "header values hold no line breaks");
    }
    // The wire form reads back as the same request (generous limits: the added Content-Length).
    HttpLimits relaxed = limits;
    relaxed.max_header_bytes = limits.max_header_bytes * 2 + 64;
    relaxed.max_header_count = limits.max_header_count + 1;
    relaxed.max_header_line_bytes = limits.max_header_line_bytes + 8;
    HttpRequestReader again(relaxed);
    const std::string wire = r.wire();
    const std::size_t used = again.feed(wire);
    check(again.status() == ReadStatus::Complete, "the wire form is a complete request");
    check(used == wire.size(), "the wire form is read to its end");
    check(same_request(again.take(), r), "the wire form reads back as the same request");
}

// Reads `data` as pipelined requests, offering it in pieces of piece(i) bytes.
template <class Piece>
Outcome read_all(std::string_view data, const HttpLimits& limits, Piece piece) {
    HttpRequestReader reader(limits);
    Outcome out;
    std::size_t pos = 0;
    for (std::size_t i = 0; pos < data.size(); ++i) {
        const std::size_t n = std::min<std::size_t>(std::max<std::size_t>(1, piece(i)), data.size() - pos);
        const std::size_t used = reader.feed(data.substr(pos, n));
        check(used <= n, "feed never takes more than offered");
        pos += used;
        if (reader.status() == ReadStatus::Complete) {
            check(!reader.expects_continue(), "a complete request expects nothing");
            out.requests.push_back(reader.take());
            out.ends.push_back(pos);
            check(reader.status() == ReadStatus::NeedMore && !reader.started(), "take() resets the reader");
            continue;
        }
        if (reader.status() == ReadStatus::Error) break;
        check(used == n, "a reader that needs more takes everything offered");
    }
    out.status = reader.status();
    if (out.status == ReadStatus::Error) {
        out.error_code = reader.error().code;
        const int c = out.error_code;
        check(c == 400 || c == 413 || c == 414 || c == 415 || c == 431 || c == 501, "errors use the known codes");
        check(!reader.error().message.empty() && !reader.error().details.empty(), "errors are explained");
        check(reader.feed("GET / HTTP/1.1\r\n\r\n") == 0, "a reader in error takes nothing more");
    }
    return out;
}

void check_same(const Outcome& a, const Outcome& b) {
    check(a.status == b.status && a.error_code == b.error_code, "every split gives the same verdict");
    check(a.requests.size() == b.requests.size() && a.ends == b.ends, "every split finds the same requests");
    for (std::size_t i = 0; i < a.requests.size(); ++i)
        check(same_request(a.requests[i], b.requests[i]), "every split reads the same request");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 64 * 1024) return 0;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const HttpLimits limits = fuzz_limits();

    const Outcome whole = read_all(input, limits, [&](std::size_t) { return size; });
    for (const auto& r : whole.requests) check_request(r, limits);
    check_same(whole, read_all(input, limits, [](std::size_t) { return std::size_t{1}; }));
    check_same(whole, read_all(input, limits, [&](std::size_t i) {
                   return size == 0 ? std::size_t{1} : std::size_t{1} + data[(i * 7) % size] % 97;
               }));
    return 0;
}
