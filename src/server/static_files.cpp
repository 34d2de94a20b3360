// Serving the web app's files from the --web directory, confined to it. Files are read whole
// per request: the largest (the .wasm) is a few MiB and the server is a local reference, not a CDN.
#include "server/static_files.h"

#include <fstream>
#include <iterator>
#include <system_error>

#include "server/http_util.h"
#include "server/router.h"

namespace cc::server {
namespace {

struct MimeEntry {
    std::string_view ext;
    std::string_view type;
};

constexpr MimeEntry kMimeTypes[] = {
    {".html", "text/html; charset=utf-8"},
    {".htm", "text/html; charset=utf-8"},
    {".js", "text/javascript"},
    {".mjs", "text/javascript"},
    {".wasm", "application/wasm"},
    {".data", "application/octet-stream"},
    {".css", "text/css"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".ico", "image/x-icon"},
    {".svg", "image/svg+xml"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".txt", "text/plain; charset=utf-8"},
    {".otf", "font/otf"},
    {".ttf", "font/ttf"},
    {".woff2", "font/woff2"},
};

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_within(const std::filesystem::path& root, const std::filesystem::path& p) {
    auto r = root.begin();
    auto q = p.begin();
    for (; r != root.end(); ++r, ++q)
        if (q == p.end() || *r != *q) return false;
    return true;
}

}  // namespace

std::string_view mime_type_for(std::string_view path) {
    const std::string lower = ascii_lower(path);
    for (const auto& m : kMimeTypes)
        if (ends_with(lower, m.ext)) return m.type;
    return "application/octet-stream";
}

StaticFiles::StaticFiles(std::filesystem::path root) {
    if (root.empty()) return;
    std::error_code ec;
    root_ = std::filesystem::canonical(root, ec);
    if (ec) root_ = std::filesystem::absolute(root);
}

void StaticFiles::serve(std::string_view rel_path, httplib::Response& res) const {
    if (root_.empty()) return send_error(res, 404, "Not found", "This server has no web app; start it with --web DIR");
    std::filesystem::path rel;
    for (auto segment : split_path(rel_path)) {
        if (segment == "." || segment == ".." || segment.find('\\') != std::string_view::npos ||
            segment.find('\0') != std::string_view::npos)
            return send_error(res, 404, "Not found", "Path not allowed");
        rel /= std::string(segment);
    }
    if (rel.empty() || rel_path.back() == '/') rel /= "index.html";

    std::error_code ec;
    const auto full = std::filesystem::weakly_canonical(root_ / rel, ec);
    if (ec || !is_within(root_, full) || !std::filesystem::is_regular_file(full, ec))
        return send_error(res, 404, "Not found", "No file " + std::string(rel_path));
    std::ifstream in(full, std::ios::binary);
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) return send_error(res, 500, "Cannot read " + std::string(rel_path));
    res.status = 200;
    res.set_header("Cache-Control", "no-cache");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Content-Type", std::string(mime_type_for(full.filename().string())));
    res.body = std::move(body);
}

}  // namespace cc::server
