// gzip for response bodies (when the request accepts it), with zlib's deflate in gzip mode.
#include "server/compression.h"

#include <zlib.h>

#include <algorithm>

#include "server/http_util.h"

namespace cc::server {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

bool accepts_coding(std::string_view header, std::string_view wanted) {
    while (!header.empty()) {
        const auto comma = header.find(',');
        std::string_view item = trim(header.substr(0, comma));
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
        const auto semi = item.find(';');
        const std::string coding = ascii_lower(trim(item.substr(0, semi)));
        const bool named = coding == wanted || (wanted == "gzip" && coding == "x-gzip");
        if (!named && coding != "*") continue;
        if (semi == std::string_view::npos) return true;
        std::string params = ascii_lower(item.substr(semi + 1));
        params.erase(std::remove(params.begin(), params.end(), ' '), params.end());
        // q=0, q=0.0, q=0.00, q=0.000 refuse the coding.
        const auto q = params.find("q=");
        if (q == std::string::npos) return true;
        const std::string value = params.substr(q + 2, params.find(';', q) - q - 2);
        return value.find_first_not_of("0.") != std::string::npos;
    }
    return false;
}

bool accepts_gzip(std::string_view header) {
    return accepts_coding(header, "gzip");
}

std::optional<std::string> gzip_compress(std::string_view data, int level) {
    z_stream z{};
    // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
    if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    const auto written = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) return std::nullopt;
    out.resize(written);
    return out;
}

void finish_encoding(const httplib::Request& req, httplib::Response& res) {
    const bool gzip_ok = accepts_gzip(req.get_header_value("Accept-Encoding"));
    // httplib decides its own compression from the request's Accept-Encoding after the
    // handler returns; without the header it leaves the body as we made it. The request is
    // httplib's own non-const object, handed to handlers as const.
    const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
    if (res.body.empty() || res.has_header("Content-Encoding")) return;
    res.headers.erase("Vary");
    res.set_header("Vary", "Accept-Encoding");
    const std::string type = res.get_header_value("Content-Type");
    if (res.body.size() < kMinGzipBytes || !gzip_ok) return;
    if (type.rfind("image/", 0) == 0 || type == "font/woff2" || type == "font/woff") return;  // compressed already
    auto gz = gzip_compress(res.body, res.body.size() >= kFastGzipBytes ? Z_BEST_SPEED : Z_DEFAULT_COMPRESSION);
    if (!gz || gz->size() >= res.body.size()) return;
    set_gzip_body(res, std::move(*gz), res.body.size());
}

void set_gzip_body(httplib::Response& res, std::string gz, std::uint64_t decoded_size) {
    // What the body weighs once decoded: a browser reports a download's progress in decoded
    // bytes, so a page can show how far a large list has come (Content-Length is the gzip size).
    res.headers.erase("X-Decoded-Length");
    res.set_header("X-Decoded-Length", std::to_string(decoded_size));
    res.body = std::move(gz);
    res.headers.erase("Content-Encoding");
    res.set_header("Content-Encoding", "gzip");
    res.headers.erase("Vary");
    res.set_header("Vary", "Accept-Encoding");
    // A strong ETag names one representation: the gzip one gets its own.
    if (auto etag = res.get_header_value("ETag"); etag.size() > 2 && etag.front() == '"' && etag.back() == '"') {
        etag.insert(etag.size() - 1, kGzipEtagSuffix);
        res.headers.erase("ETag");
        res.set_header("ETag", etag);
    }
}

}  // namespace cc::server
