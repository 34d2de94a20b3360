// Transport compression: gzip for every response body of 1 KiB or more when the request
// accepts it (JSON, the web app's files), and `Vary: Accept-Encoding` so caches keep the
// compressed and plain variants apart. cpp-httplib 0.11 would otherwise compress text and
// JSON itself, preferring brotli at quality 11: about 1 MB/s, so the 90 MB list of 100,000
// credentials took 90 s; finish_encoding() takes that decision away from it.
#pragma once

#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>

namespace cc::server {

inline constexpr std::size_t kMinGzipBytes = 1024;
// Bodies from this size on (the credential list of thousands of entries) are compressed at
// zlib's fastest level: 3-4x faster than the default for ~10% more bytes, which matters more
// to the first rows than the bytes do.
inline constexpr std::size_t kFastGzipBytes = 1024 * 1024;

// True when an Accept-Encoding value accepts `coding` ("gzip", "br"; q=0 refuses it, "*" accepts it).
bool accepts_coding(std::string_view accept_encoding, std::string_view coding);
bool accepts_gzip(std::string_view accept_encoding);

// What finish_encoding() appends inside a strong ETag when it gzips the body: "abc" -> "abc-gzip".
inline constexpr std::string_view kGzipEtagSuffix = "-gzip";
// gzip (RFC 1952) of `data` at a zlib level (1 fastest .. 9 smallest, -1 zlib's default);
// nullopt when zlib fails.
std::optional<std::string> gzip_compress(std::string_view data, int level = -1);

// Makes `gz` (gzip of a body of `decoded_size` bytes) the answer's body, as finish_encoding()
// would have: Content-Encoding, the decoded size, the gzip ETag, Vary. For handlers that keep
// a body compressed.
void set_gzip_body(httplib::Response& res, std::string gz, std::uint64_t decoded_size);

// Call once the handler has filled `res`, before httplib writes it. Bodies that already carry a
// Content-Encoding (precompressed files) are left alone.
void finish_encoding(const httplib::Request& req, httplib::Response& res);

}  // namespace cc::server
