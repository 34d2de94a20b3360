// Serving the web app's files from the --web directory, confined to it. Files are read whole
// per request: the largest (the .wasm) is a few MiB and the server is a local reference, not a CDN.
// A file's ETag is hashed once per version (path, size, mtime), so a revalidation that ends in a
// 304 costs two stat calls and no read.
#include "server/static_files.h"

#include <fstream>
#include <iterator>
#include <system_error>

#include "server/compression.h"
#include "server/crypto.h"
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

// One file as it is now on disk.
struct FileVersion {
    std::filesystem::path path;  // canonical
    std::uintmax_t size = 0;
    std::filesystem::file_time_type mtime;
};

std::optional<FileVersion> regular_file(const std::filesystem::path& p) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) return std::nullopt;
    FileVersion v{p, std::filesystem::file_size(p, ec), {}};
    if (ec) return std::nullopt;
    v.mtime = std::filesystem::last_write_time(p, ec);
    if (ec) return std::nullopt;
    return v;
}

}  // namespace

AcceptedCodings accepted_codings(std::string_view accept_encoding) {
    return {accepts_coding(accept_encoding, "br"), accepts_coding(accept_encoding, "gzip")};
}

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

std::optional<std::string> StaticFiles::cached_etag(const std::string& path, std::uintmax_t size,
                                                    std::filesystem::file_time_type mtime) const {
    std::lock_guard lock(mutex_);
    auto it = etags_.find(path);
    if (it == etags_.end() || it->second.size != size || it->second.mtime != mtime) return std::nullopt;
    return it->second.etag;
}

std::string StaticFiles::remember_etag(const std::string& path, std::uintmax_t size,
                                       std::filesystem::file_time_type mtime, std::string_view content) const {
    std::string etag = "\"" + hex_digest(content, 16) + "\"";
    std::lock_guard lock(mutex_);
    etags_[path] = Version{size, mtime, etag};
    return etag;
}

void StaticFiles::serve(std::string_view rel_path, const httplib::Request& req, httplib::Response& res) const {
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
    std::optional<FileVersion> plain;
    if (!ec && is_within(root_, full)) plain = regular_file(full);
    if (!plain) return send_error(res, 404, "Not found", "No file " + std::string(rel_path));

    // A precompressed sibling, when the client takes its coding, it stays inside the root and it
    // is not older than the file (a stale one is left over from an earlier build).
    const AcceptedCodings accepted = accepted_codings(req.get_header_value("Accept-Encoding"));
    const FileVersion* chosen = &*plain;
    std::optional<FileVersion> variant;
    std::string_view coding;
    struct Sibling {
        const char* suffix;
        std::string_view coding;
        bool wanted;
    };
    const Sibling siblings[] = {{".br", "br", accepted.br}, {".gz", "gzip", accepted.gzip}};
    for (const auto& s : siblings) {
        if (!s.wanted) continue;
        auto sibling_path = full;
        sibling_path += s.suffix;
        const auto sibling = std::filesystem::weakly_canonical(sibling_path, ec);
        if (ec || !is_within(root_, sibling)) continue;
        variant = regular_file(sibling);
        if (variant && variant->mtime >= plain->mtime) {
            chosen = &*variant;
            coding = s.coding;
            break;
        }
        variant.reset();
    }

    const std::string key = chosen->path.string();
    std::optional<std::string> etag = cached_etag(key, chosen->size, chosen->mtime);
    res.set_header("Cache-Control", "no-cache");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Content-Type", std::string(mime_type_for(full.filename().string())));
    res.set_header("Vary", "Accept-Encoding");
    if (!coding.empty()) res.set_header("Content-Encoding", std::string(coding));
    // The tag If-None-Match names, if any: `tag`, or for the plain file also the tag of the gzip
    // encoding finish_encoding() makes of it.
    const std::string if_none_match = req.get_header_value("If-None-Match");
    const auto matched = [&](const std::string& tag) -> std::optional<std::string> {
        if (if_none_match.empty()) return std::nullopt;
        if (etag_matches(if_none_match, tag)) return tag;
        const std::string gzip_tag = tag.substr(0, tag.size() - 1) + std::string(kGzipEtagSuffix) + "\"";
        if (coding.empty() && etag_matches(if_none_match, gzip_tag)) return gzip_tag;
        return std::nullopt;
    };
    const auto answer_not_modified = [&res](const std::string& tag) {
        res.status = 304;
        res.set_header("ETag", tag);
    };
    if (etag)
        if (auto tag = matched(*etag)) return answer_not_modified(*tag);

    std::ifstream in(chosen->path, std::ios::binary);
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
        res.headers.clear();
        return send_error(res, 500, "Cannot read " + std::string(rel_path));
    }
    if (!etag) etag = remember_etag(key, chosen->size, chosen->mtime, body);
    if (auto tag = matched(*etag)) return answer_not_modified(*tag);
    res.set_header("ETag", *etag);
    res.status = 200;
    res.body = std::move(body);
}

}  // namespace cc::server
