// Request framing follows RFC 9112 strictly where leniency
// would let two parsers disagree about where a request ends (both Content-Length and chunked,
// differing lengths, folded headers, bare CR): those are 400s. Content codings are inflated with
// zlib into a capped buffer, so a small compressed body cannot become a large one.
#include "server/http_request_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>

#include "core/text.h"

namespace cc::server {
namespace {

// Room for the method, two spaces and the version around a target of the maximum length.
constexpr std::size_t kRequestLineSlack = 64;
// A chunk-size line: up to 15 hex digits and chunk extensions, which this server ignores.
constexpr std::size_t kMaxChunkLineBytes = 1024;
constexpr std::size_t kMaxContentCodings = 4;
constexpr std::size_t kInflateChunkBytes = 16 * 1024;

bool is_tchar(char c) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return u < 0x80 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

bool is_token(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), is_tchar);
}

char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Calls fn on each non-empty, trimmed element of a comma-separated header value.
template <class Fn>
void for_each_element(std::string_view value, Fn fn) {
    while (true) {
        const auto comma = value.find(',');
        const std::string_view item = trim(value.substr(0, comma));
        if (!item.empty()) fn(item);
        if (comma == std::string_view::npos) return;
        value.remove_prefix(comma + 1);
    }
}

// Field values may hold visible ASCII, spaces, tabs and obs-text; never other control bytes.
bool valid_field_value(std::string_view v) {
    for (char c : v) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7F) return false;
    }
    return true;
}

bool valid_target(std::string_view t) {
    if (t.empty()) return false;
    for (char c : t) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7F) return false;
    }
    return true;
}

enum class Inflated { Ok, TooLarge, Invalid };

// zlib's own header is two bytes whose big-endian value is a multiple of 31, with method 8.
bool looks_like_zlib(std::string_view in) {
    if (in.size() < 2) return false;
    const auto b0 = static_cast<unsigned char>(in[0]);
    const auto b1 = static_cast<unsigned char>(in[1]);
    return (b0 & 0x0F) == 8 && ((b0 << 8) | b1) % 31 == 0;
}

// Inflates `in` (gzip, possibly several members; or deflate, zlib-wrapped or raw as some
// clients send it) and stops as soon as the output would pass `max`.
Inflated inflate_capped(std::string_view in, bool gzip, std::size_t max, std::string& out) {
    z_stream z{};
    const int window_bits = gzip ? 15 + 16 : (looks_like_zlib(in) ? 15 : -15);
    if (inflateInit2(&z, window_bits) != Z_OK) return Inflated::Invalid;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    char buf[kInflateChunkBytes];
    Inflated result = Inflated::Invalid;
    while (true) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        const int rc = inflate(&z, Z_NO_FLUSH);
        const std::size_t produced = sizeof buf - z.avail_out;
        if (produced > max - std::min(max, out.size())) {
            result = Inflated::TooLarge;
            break;
        }
        out.append(buf, produced);
        if (rc == Z_STREAM_END) {
            if (z.avail_in == 0) {
                result = Inflated::Ok;
                break;
            }
            if (!gzip || inflateReset(&z) != Z_OK) break;  // trailing bytes after a deflate stream
            continue;                                      // the next gzip member
        }
        if (rc != Z_OK) break;  // corrupt, truncated (Z_BUF_ERROR with no input left) or a dictionary
    }
    inflateEnd(&z);
    return result;
}

}  // namespace

std::string HttpRequest::wire() const {
    std::string out;
    std::size_t size = method.size() + target.size() + version.size() + 32 + body.size();
    for (const auto& h : headers) size += h.name.size() + h.value.size() + 4;
    out.reserve(size);
    out.append(method).append(" ").append(target).append(" ").append(version).append("\r\n");
    for (const auto& h : headers) out.append(h.name).append(": ").append(h.value).append("\r\n");
    // GET and HEAD without a body keep their usual form; everything else states its length so
    // the dispatcher never waits for the end of a stream to find the body's end.
    if (!body.empty() || (method != "GET" && method != "HEAD"))
        out.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
    out.append("\r\n").append(body);
    return out;
}

HttpRequestReader::HttpRequestReader(HttpLimits limits) : limits_(limits) {}

void HttpRequestReader::reset() {
    status_ = ReadStatus::NeedMore;
    phase_ = Phase::RequestLine;
    error_ = {};
    started_ = false;
    expect_continue_ = false;
    chunked_ = false;
    request_content_length_seen_ = false;
    connection_close_ = false;
    connection_keep_alive_ = false;
    line_.clear();
    header_bytes_ = 0;
    header_count_ = 0;
    remaining_ = 0;
    codings_.clear();
    raw_body_.clear();
    request_ = {};
}

HttpRequest HttpRequestReader::take() {
    HttpRequest r = std::move(request_);
    reset();
    return r;
}

bool HttpRequestReader::fail(int code, std::string message, std::string details) {
    status_ = ReadStatus::Error;
    error_ = ApiError{code, std::move(message), std::move(details), {}};
    line_.clear();
    raw_body_.clear();
    return false;
}

std::size_t HttpRequestReader::feed(std::string_view bytes) {
    std::size_t used = 0;
    while (used < bytes.size() && status_ == ReadStatus::NeedMore) {
        started_ = true;
        const std::string_view rest = bytes.substr(used);
        switch (phase_) {
            case Phase::RequestLine: used += feed_line(rest, limits_.max_uri_bytes + kRequestLineSlack, 414); break;
            case Phase::Headers:
            case Phase::Trailers: used += feed_line(rest, limits_.max_header_line_bytes, 431); break;
            case Phase::ChunkSize:
            case Phase::ChunkDataEnd: used += feed_line(rest, kMaxChunkLineBytes, 400); break;
            case Phase::Body:
            case Phase::ChunkData: {
                const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(rest.size(), remaining_));
                raw_body_.append(rest.data(), n);
                remaining_ -= n;
                used += n;
                if (remaining_ == 0) {
                    if (phase_ == Phase::Body)
                        finish();
                    else
                        phase_ = Phase::ChunkDataEnd;
                }
                break;
            }
            case Phase::Done: return used;
        }
    }
    return used;
}

// Assembles one line (LF or CRLF terminated) and hands it to on_line. Limits are checked as
// bytes arrive, so an endless line is refused before it is whole; when a piece of input passes
// two limits, the one passed at the earlier byte wins, which keeps the verdict independent of
// how the input was split.
std::size_t HttpRequestReader::feed_line(std::string_view bytes, std::size_t max_line, int too_long_code) {
    const auto lf = bytes.find('\n');
    const std::size_t take = lf == std::string_view::npos ? bytes.size() : lf + 1;
    const std::size_t content = lf == std::string_view::npos ? bytes.size() : lf;
    const bool in_head = phase_ == Phase::RequestLine || phase_ == Phase::Headers || phase_ == Phase::Trailers;
    constexpr std::size_t kNever = static_cast<std::size_t>(-1);
    // Index in `bytes` of the first byte over each limit (+1 on the line: the CR of a CRLF).
    const std::size_t line_room = max_line + 1 - std::min(max_line + 1, line_.size());
    const std::size_t over_line = content > line_room ? line_room : kNever;
    const std::size_t head_room = limits_.max_header_bytes - std::min(limits_.max_header_bytes, header_bytes_);
    const std::size_t over_head = in_head && take > head_room ? head_room : kNever;
    if (over_line != kNever && over_line <= over_head) {
        if (too_long_code == 414)
            fail(414, "URI too long",
                 "The request target may be at most " + std::to_string(limits_.max_uri_bytes) + " bytes");
        else if (too_long_code == 431)
            fail(431, "Request header fields too large",
                 "A header line may be at most " + std::to_string(max_line) + " bytes");
        else
            fail(400, "Malformed request", "A chunk size line is too long");
        return take;
    }
    if (over_head != kNever) {
        fail(431, "Request header fields too large",
             "The request line, headers and trailers may take at most " + std::to_string(limits_.max_header_bytes) +
                 " bytes");
        return take;
    }
    if (in_head) header_bytes_ += take;
    line_.append(bytes.data(), content);
    if (lf == std::string_view::npos) return take;
    std::string_view line = line_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find('\r') != std::string_view::npos) {
        fail(400, "Malformed request", "A line holds a bare carriage return");
        return take;
    }
    on_line(line);
    line_.clear();
    return take;
}

bool HttpRequestReader::on_line(std::string_view line) {
    switch (phase_) {
        case Phase::RequestLine:
            if (line.empty()) return true;  // empty lines before a request are ignored
            return on_request_line(line);
        case Phase::Headers:
            if (line.empty()) return on_headers_end();
            return on_header_line(line);
        case Phase::ChunkSize: return on_chunk_size_line(line);
        case Phase::ChunkDataEnd:
            if (!line.empty()) return fail(400, "Malformed request", "Chunk data is longer than its size");
            phase_ = Phase::ChunkSize;
            return true;
        case Phase::Trailers:
            if (line.empty()) return finish();
            return on_header_line(line);  // validated and counted, then dropped
        default: return true;
    }
}

bool HttpRequestReader::on_request_line(std::string_view line) {
    const auto sp1 = line.find(' ');
    const auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos)
        return fail(400, "Malformed request", "The request line must be: method, target and HTTP version");
    const std::string_view method = line.substr(0, sp1);
    const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    const std::string_view version = line.substr(sp2 + 1);
    if (!is_token(method)) return fail(400, "Malformed request", "The request method is not a valid token");
    if (target.size() > limits_.max_uri_bytes)
        return fail(414, "URI too long",
                    "The request target may be at most " + std::to_string(limits_.max_uri_bytes) + " bytes");
    if (!valid_target(target)) return fail(400, "Malformed request", "The request target holds invalid characters");
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return fail(400, "Malformed request", "Only HTTP/1.1 and HTTP/1.0 are supported");
    request_.method = method;
    request_.target = target;
    request_.version = version;
    phase_ = Phase::Headers;
    return true;
}

bool HttpRequestReader::on_header_line(std::string_view line) {
    if (++header_count_ > limits_.max_header_count)
        return fail(431, "Request header fields too large",
                    "A request may have at most " + std::to_string(limits_.max_header_count) + " header lines");
    if (line.front() == ' ' || line.front() == '\t')
        return fail(400, "Malformed request", "Folded header lines are not accepted");
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return fail(400, "Malformed request", "A header line has no colon");
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trim(line.substr(colon + 1));
    if (!is_token(name)) return fail(400, "Malformed request", "A header name is not a valid token");
    if (!valid_field_value(value)) return fail(400, "Malformed request", "A header value holds control characters");
    if (phase_ == Phase::Trailers) return true;

    if (ascii_iequals(name, "Content-Length")) {
        bool valid = true;
        bool any = false;
        for_each_element(value, [&](std::string_view item) {
            any = true;
            if (item.size() > 18 || item.find_first_not_of("0123456789") != std::string_view::npos) {
                valid = false;
                return;
            }
            std::uint64_t n = 0;
            for (char c : item) n = n * 10 + static_cast<std::uint64_t>(c - '0');
            if (request_content_length_seen_ && n != remaining_) valid = false;
            request_content_length_seen_ = true;
            remaining_ = n;
        });
        if (!valid || !any) return fail(400, "Malformed request", "Content-Length is not one non-negative integer");
        return true;
    }
    if (ascii_iequals(name, "Transfer-Encoding")) {
        bool known = true;
        bool any = false;
        for_each_element(value, [&](std::string_view item) {
            any = true;
            if (!ascii_iequals(item, "chunked") || chunked_) known = false;
            chunked_ = true;
        });
        if (!any) return fail(400, "Malformed request", "Transfer-Encoding is empty");
        if (!known) return fail(501, "Not implemented", "The only supported Transfer-Encoding is chunked, once");
        return true;
    }
    if (ascii_iequals(name, "Content-Encoding")) {
        bool known = true;
        for_each_element(value, [&](std::string_view item) {
            if (ascii_iequals(item, "identity")) return;
            if (ascii_iequals(item, "gzip") || ascii_iequals(item, "x-gzip"))
                codings_.emplace_back("gzip");
            else if (ascii_iequals(item, "deflate"))
                codings_.emplace_back("deflate");
            else
                known = false;
        });
        if (!known)
            return fail(415, "Unsupported media type", "Request bodies may be encoded with gzip or deflate only");
        if (codings_.size() > kMaxContentCodings)
            return fail(415, "Unsupported media type", "A request body may carry at most 4 content codings");
        return true;
    }
    if (ascii_iequals(name, "Expect")) {
        // Other expectations are not supported and are ignored rather than refused.
        if (ascii_iequals(value, "100-continue")) expect_continue_ = true;
        return true;
    }
    if (ascii_iequals(name, "Host") && std::any_of(request_.headers.begin(), request_.headers.end(),
                                                   [](const HttpHeader& h) { return ascii_iequals(h.name, "Host"); }))
        return fail(400, "Malformed request", "A request may name only one Host");
    if (ascii_iequals(name, "Connection")) {
        for_each_element(value, [&](std::string_view item) {
            if (ascii_iequals(item, "close")) connection_close_ = true;
            if (ascii_iequals(item, "keep-alive")) connection_keep_alive_ = true;
        });
    }
    request_.headers.push_back(HttpHeader{std::string(name), std::string(value)});
    return true;
}

bool HttpRequestReader::on_headers_end() {
    request_.keep_alive = !connection_close_ && (request_.version == "HTTP/1.1" || connection_keep_alive_);
    if (chunked_) {
        if (request_content_length_seen_)
            return fail(400, "Malformed request", "A request may not carry both Content-Length and Transfer-Encoding");
        if (request_.version == "HTTP/1.0")
            return fail(400, "Malformed request", "HTTP/1.0 requests may not use Transfer-Encoding");
        phase_ = Phase::ChunkSize;
        return true;
    }
    if (remaining_ > limits_.max_body_bytes)
        return fail(413, "Request body too large", "The limit is " + std::to_string(limits_.max_body_bytes) + " bytes");
    if (remaining_ == 0) return finish();  // neither a length nor chunks: the body is empty
    raw_body_.reserve(static_cast<std::size_t>(remaining_));
    phase_ = Phase::Body;
    return true;
}

bool HttpRequestReader::on_chunk_size_line(std::string_view line) {
    std::size_t digits = 0;
    std::uint64_t size = 0;
    while (digits < line.size()) {
        const char c = lower(line[digits]);
        int v = -1;
        if (c >= '0' && c <= '9') v = c - '0';
        if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
        if (v < 0) break;
        if (++digits > 15) return fail(400, "Malformed request", "A chunk size is too long");
        size = size * 16 + static_cast<std::uint64_t>(v);
    }
    if (digits == 0) return fail(400, "Malformed request", "A chunk size is not hexadecimal");
    const std::string_view rest = trim(line.substr(digits));
    if (!rest.empty() && (rest.front() != ';' || !valid_field_value(rest)))
        return fail(400, "Malformed request", "A chunk size line is not valid");
    if (size > limits_.max_body_bytes - std::min(limits_.max_body_bytes, raw_body_.size()))
        return fail(413, "Request body too large", "The limit is " + std::to_string(limits_.max_body_bytes) + " bytes");
    if (size == 0) {
        phase_ = Phase::Trailers;
        return true;
    }
    remaining_ = size;
    phase_ = Phase::ChunkData;
    return true;
}

bool HttpRequestReader::finish() {
    std::string body = std::move(raw_body_);
    raw_body_.clear();
    // Codings are listed in the order the sender applied them: undo the last one first.
    for (auto it = codings_.rbegin(); it != codings_.rend() && !body.empty(); ++it) {
        std::string out;
        switch (inflate_capped(body, *it == "gzip", limits_.max_body_bytes, out)) {
            case Inflated::Ok: body = std::move(out); break;
            case Inflated::TooLarge:
                return fail(413, "Request body too large",
                            "The limit is " + std::to_string(limits_.max_body_bytes) + " bytes once decompressed");
            case Inflated::Invalid: return fail(400, "Malformed request", "The body is not valid " + *it + " data");
        }
    }
    request_.body = std::move(body);
    phase_ = Phase::Done;
    status_ = ReadStatus::Complete;
    return true;
}

}  // namespace cc::server
