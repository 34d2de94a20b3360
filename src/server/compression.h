// Transport compression. cpp-httplib 0.11, built with zlib and brotli, compresses text, JSON,
// JavaScript and SVG bodies itself when the request accepts it; finish_encoding() adds what it
// leaves out: gzip for the other large bodies (the .wasm and .data of the web app, fonts) and
// `Vary: Accept-Encoding` so caches keep the compressed and plain variants apart.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <httplib.h>

namespace cc::server {

inline constexpr std::size_t kMinGzipBytes = 1024;

// True when an Accept-Encoding value accepts gzip (q=0 refuses it).
bool accepts_gzip(std::string_view accept_encoding);
// True for the content types httplib compresses by itself.
bool httplib_compresses(std::string_view content_type);
// gzip (RFC 1952) of `data`; nullopt when zlib fails.
std::optional<std::string> gzip_compress(std::string_view data);

// Call once the handler has filled `res`, before httplib writes it.
void finish_encoding(const httplib::Request& req, httplib::Response& res);

}  // namespace cc::server
