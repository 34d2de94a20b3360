// Static files' revalidation and precompressed copies: every file has a strong ETag and answers a
// matching If-None-Match with a bodiless 304 (HEAD too); FILE.br / FILE.gz are sent to
// clients that accept them unless they are older than FILE or lead out of the web directory.
#include <brotli/decode.h>
#include <brotli/encode.h>
#include <zlib.h>

#include <chrono>

#include "server/compression.h"
#include "test_support.h"

using namespace cc;
using namespace cc::test;

namespace {

std::string brotli_compress(const std::string& data) {
    std::string out(BrotliEncoderMaxCompressedSize(data.size()), '\0');
    std::size_t size = out.size();
    REQUIRE(BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                                  reinterpret_cast<const std::uint8_t*>(data.data()), &size,
                                  reinterpret_cast<std::uint8_t*>(out.data())) == BROTLI_TRUE);
    out.resize(size);
    return out;
}

std::string brotli_decompress(const std::string& data, std::size_t expected_size) {
    std::string out(expected_size + 1, '\0');
    std::size_t size = out.size();
    REQUIRE(BrotliDecoderDecompress(data.size(), reinterpret_cast<const std::uint8_t*>(data.data()), &size,
                                    reinterpret_cast<std::uint8_t*>(out.data())) == BROTLI_DECODER_RESULT_SUCCESS);
    out.resize(size);
    return out;
}

// A client that shows the bytes on the wire.
httplib::Client raw_client(const TestServer& s) {
    auto c = s.client();
    c.set_decompress(false);
    return c;
}

// Moves a file's modification time by `seconds` from now.
void set_age(const fs::path& p, int seconds) {
    fs::last_write_time(p, fs::file_time_type::clock::now() + std::chrono::seconds(seconds));
}

std::string javascript(const std::string& word) {
    std::string js;
    for (int i = 0; i < 500; ++i) js += "console.log('" + word + " " + std::to_string(i % 10) + "');\n";
    return js;
}

}  // namespace

TEST_CASE("static files: a strong ETag, 304 on a match, 200 with a new ETag once the file changes") {
    TempDir dir;
    const fs::path web = dir.path() / "web";
    write_file(web / "index.html", "<!doctype html><title>Credentials</title>");
    write_file(web / "app.wasm", std::string("\0asm\1\0\0\0", 8));
    auto config = test_config({});
    config.web_dir = web;
    TestServer s(config);
    auto c = raw_client(s);

    auto first = c.Get("/app.wasm");
    REQUIRE(first);
    REQUIRE(first->status == 200);
    const std::string etag = first->get_header_value("ETag");
    CHECK(etag.size() > 2);
    CHECK(etag.front() == '"');  // strong
    CHECK(first->get_header_value("Cache-Control") == "no-cache");
    CHECK(c.Get("/app.wasm")->get_header_value("ETag") == etag);  // stable
    CHECK(c.Get("/")->get_header_value("ETag") != etag);          // per content
    CHECK(c.Get("/")->get_header_value("Cache-Control") == "no-cache");

    for (const std::string& condition : {etag, "\"other\", " + etag, "W/" + etag, std::string("*")}) {
        CAPTURE(condition);
        auto again = c.Get("/app.wasm", {{"If-None-Match", condition}});
        REQUIRE(again);
        CHECK(again->status == 304);
        CHECK(again->body.empty());
        CHECK(again->get_header_value("ETag") == etag);
        CHECK(again->get_header_value("Cache-Control") == "no-cache");
    }
    auto head = c.Head("/app.wasm", {{"If-None-Match", etag}});
    REQUIRE(head);
    CHECK(head->status == 304);
    auto other = c.Get("/app.wasm", {{"If-None-Match", "\"something-else\""}});
    REQUIRE(other);
    CHECK(other->status == 200);
    CHECK(other->body == std::string("\0asm\1\0\0\0", 8));

    // A rebuild writes new bytes: the old ETag no longer matches.
    write_file(web / "app.wasm", std::string("\0asm\1\0\0\0\1", 9));
    set_age(web / "app.wasm", 2);
    auto changed = c.Get("/app.wasm", {{"If-None-Match", etag}});
    REQUIRE(changed);
    CHECK(changed->status == 200);
    CHECK(changed->body == std::string("\0asm\1\0\0\0\1", 9));
    CHECK(changed->get_header_value("ETag") != etag);
    CHECK(c.Get("/app.wasm", {{"If-None-Match", changed->get_header_value("ETag")}})->status == 304);
}

TEST_CASE("static files: FILE.br and FILE.gz by Accept-Encoding, the plain file when they are stale or absent") {
    TempDir dir;
    const fs::path web = dir.path() / "web";
    const std::string js = javascript("app");
    write_file(web / "app.js", js);
    write_file(web / "app.js.br", brotli_compress(js));
    write_file(web / "app.js.gz", *server::gzip_compress(js, 9));
    write_file(web / "plain.js", js);
    write_file(dir.path() / "outside.txt", "TOP-SECRET-OUTSIDE");
    set_age(web / "app.js", -10);  // built before its copies
    auto config = test_config({});
    config.web_dir = web;
    TestServer s(config);
    auto c = raw_client(s);

    auto plain = c.Get("/app.js");
    REQUIRE(plain);
    CHECK_FALSE(plain->has_header("Content-Encoding"));
    CHECK(plain->body == js);
    const std::string plain_etag = plain->get_header_value("ETag");

    auto br = c.Get("/app.js", {{"Accept-Encoding", "gzip, deflate, br"}});
    REQUIRE(br);
    REQUIRE(br->status == 200);
    CHECK(br->get_header_value("Content-Encoding") == "br");
    CHECK(br->get_header_value("Content-Type") == "text/javascript");
    CHECK(br->get_header_value("Vary") == "Accept-Encoding");
    CHECK(br->get_header_value("Cache-Control") == "no-cache");
    CHECK(brotli_decompress(br->body, js.size()) == js);
    const std::string br_etag = br->get_header_value("ETag");
    CHECK(br_etag != plain_etag);

    auto gz = c.Get("/app.js", {{"Accept-Encoding", "gzip"}});
    REQUIRE(gz);
    CHECK(gz->get_header_value("Content-Encoding") == "gzip");
    CHECK(gz->get_header_value("Content-Type") == "text/javascript");
    CHECK(gz->get_header_value("Vary") == "Accept-Encoding");
    CHECK(gunzip(gz->body) == js);
    CHECK(gz->get_header_value("ETag") != br_etag);
    CHECK(gz->get_header_value("ETag") != plain_etag);
    CHECK_FALSE(c.Get("/app.js", {{"Accept-Encoding", "br;q=0, gzip"}})->get_header_value("Content-Encoding") == "br");

    // Revalidating the variant a client holds.
    auto again = c.Get("/app.js", {{"Accept-Encoding", "br"}, {"If-None-Match", br_etag}});
    REQUIRE(again);
    CHECK(again->status == 304);
    CHECK(again->body.empty());
    CHECK(again->get_header_value("Content-Encoding") == "br");
    auto head = c.Head("/app.js", {{"Accept-Encoding", "br"}});
    REQUIRE(head);
    CHECK(head->status == 200);
    CHECK(head->body.empty());
    CHECK(head->get_header_value("ETag") == br_etag);

    // No copies: the plain file (gzip made on the fly has its own ETag).
    auto absent = c.Get("/plain.js", {{"Accept-Encoding", "br"}});
    REQUIRE(absent);
    CHECK_FALSE(absent->has_header("Content-Encoding"));
    CHECK(absent->body == js);
    auto on_the_fly = c.Get("/plain.js", {{"Accept-Encoding", "gzip"}});
    REQUIRE(on_the_fly);
    CHECK(on_the_fly->get_header_value("Content-Encoding") == "gzip");
    CHECK(gunzip(on_the_fly->body) == js);
    CHECK(on_the_fly->get_header_value("ETag") != absent->get_header_value("ETag"));
    CHECK(c.Get("/plain.js", {{"Accept-Encoding", "gzip"}, {"If-None-Match", on_the_fly->get_header_value("ETag")}})
              ->status == 304);

    // A rebuild leaves the copies older than the file: they are stale and never sent.
    const std::string rebuilt = javascript("rebuilt");
    write_file(web / "app.js", rebuilt);
    set_age(web / "app.js", 10);
    auto stale_br = c.Get("/app.js", {{"Accept-Encoding", "br"}, {"If-None-Match", br_etag}});
    REQUIRE(stale_br);
    CHECK(stale_br->status == 200);
    CHECK_FALSE(stale_br->has_header("Content-Encoding"));
    CHECK(stale_br->body == rebuilt);
    auto stale_gz = c.Get("/app.js", {{"Accept-Encoding", "gzip"}});
    REQUIRE(stale_gz);
    CHECK(gunzip(stale_gz->body) == rebuilt);  // made on the fly from the new file, not the old copy

    // Confinement is the same with any Accept-Encoding.
    fs::create_symlink(dir.path() / "outside.txt", web / "escape.txt");
    for (const char* evil : {"/../outside.txt", "/%2e%2e/outside.txt", "/escape.txt", "/..\\outside.txt"}) {
        CAPTURE(evil);
        auto r = c.Get(evil, {{"Accept-Encoding", "br, gzip"}});
        REQUIRE(r);
        CHECK(r->status == 404);
        CHECK(r->body.find("TOP-SECRET-OUTSIDE") == std::string::npos);
    }
    // A copy that is a symlink out of the directory is not sent either.
    write_file(dir.path() / "outside.js.br", "TOP-SECRET-OUTSIDE");
    write_file(web / "linked.js", js);
    set_age(web / "linked.js", -10);
    fs::create_symlink(dir.path() / "outside.js.br", web / "linked.js.br");
    auto linked = c.Get("/linked.js", {{"Accept-Encoding", "br"}});
    REQUIRE(linked);
    CHECK_FALSE(linked->has_header("Content-Encoding"));
    CHECK(linked->body == js);
}
