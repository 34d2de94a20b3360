// Serves the web app (the Emscripten build: index.html, .js, .wasm, .data, fonts) from the
// --web directory for every non-API GET. Paths are confined to that directory: dot segments,
// backslashes and symlinks leading outside it are refused.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <string_view>

namespace cc::server {

// The Content-Type for a file name, by extension; application/octet-stream when unknown.
std::string_view mime_type_for(std::string_view path);

class StaticFiles {
public:
    explicit StaticFiles(std::filesystem::path root);  // empty: no web app configured

    // `rel_path` is the request path below the base path ("/", "/app.wasm"); HEAD gets headers only.
    void serve(std::string_view rel_path, httplib::Response& res) const;

private:
    std::filesystem::path root_;  // canonical
};

}  // namespace cc::server
