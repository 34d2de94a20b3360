// Serves the web app (the Emscripten build: index.html, .js, .wasm, .data, fonts) from the
// --web directory for every non-API GET. Paths are confined to that directory: dot segments,
// backslashes and symlinks leading outside it are refused.
// Every file carries a strong ETag (a hash of its bytes) and `Cache-Control: no-cache`, so a
// browser revalidates each visit and gets a bodiless 304 while the file is unchanged. A build
// step (cmake/precompress.cmake) may leave FILE.br and FILE.gz next to a file; they are served,
// with Content-Encoding, to clients that accept them, unless they are older than FILE.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cc::server {

// The Content-Type for a file name, by extension; application/octet-stream when unknown.
std::string_view mime_type_for(std::string_view path);

// The content codings an Accept-Encoding value accepts (q=0 refuses one; "*" accepts both).
struct AcceptedCodings {
    bool br = false;
    bool gzip = false;
};
AcceptedCodings accepted_codings(std::string_view accept_encoding);

class StaticFiles {
public:
    explicit StaticFiles(std::filesystem::path root);  // empty: no web app configured

    // `rel_path` is the request path below the base path ("/", "/app.wasm"); `req` gives
    // Accept-Encoding and If-None-Match. HEAD gets headers only.
    void serve(std::string_view rel_path, const httplib::Request& req, httplib::Response& res) const;

private:
    struct Version {
        std::uintmax_t size = 0;
        std::filesystem::file_time_type mtime;
        std::string etag;
    };
    // The ETag of the file's bytes as they were when it had this size and mtime; nullopt when
    // that version has not been hashed yet.
    std::optional<std::string> cached_etag(const std::string& path, std::uintmax_t size,
                                           std::filesystem::file_time_type mtime) const;
    std::string remember_etag(const std::string& path, std::uintmax_t size, std::filesystem::file_time_type mtime,
                              std::string_view content) const;

    std::filesystem::path root_;  // canonical
    mutable std::mutex mutex_;
    mutable std::unordered_map<std::string, Version> etags_;  // by canonical path; guarded by mutex_
};

}  // namespace cc::server
