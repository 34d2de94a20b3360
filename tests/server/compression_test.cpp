// Transport compression: JSON answers and static files are gzip-compressed when the request
// accepts gzip, carry Vary: Accept-Encoding, and decode to exactly what an uncompressed request
// gets; without Accept-Encoding nothing is compressed. Plus the Accept-Encoding parser.
#include "server/compression.h"

#include <zlib.h>

#include "credentials_api.h"

using namespace cc;
using namespace cc::test;

namespace {

// A client that shows the bytes on the wire.
httplib::Client raw_client(const TestServer& s) {
    auto c = s.client();
    c.set_decompress(false);
    return c;
}

}  // namespace

TEST_CASE("compression: JSON answers are gzip when accepted and decode to the same JSON") {
    TestServer& server = shared_server();
    auto c = raw_client(server);
    const std::string token = admin_token(c);
    const std::string path = kCredentialsPath + "?usageInfo=true&statusInfo=true";

    httplib::Headers plain_headers = bearer(token);
    auto plain = c.Get(path.c_str(), plain_headers);
    REQUIRE(plain);
    REQUIRE(plain->status == 200);
    CHECK_FALSE(plain->has_header("Content-Encoding"));
    CHECK(plain->get_header_value("Vary") == "Accept-Encoding");

    httplib::Headers gzip_headers = bearer(token);
    gzip_headers.emplace("Accept-Encoding", "gzip");
    auto gz = c.Get(path.c_str(), gzip_headers);
    REQUIRE(gz);
    REQUIRE(gz->status == 200);
    CHECK(gz->get_header_value("Content-Encoding") == "gzip");
    CHECK(gz->get_header_value("Vary") == "Accept-Encoding");
    CHECK(gz->body.size() * 4 < plain->body.size());  // the list compresses well
    const std::string decoded = gunzip(gz->body);
    CHECK(decoded == plain->body);
    // The decoded size, for a page showing how much of a large list has arrived.
    CHECK(gz->get_header_value("X-Decoded-Length") == std::to_string(plain->body.size()));
    CHECK_FALSE(plain->has_header("X-Decoded-Length"));
    check_response("GET", path, 200, body_json(plain));

    // A browser offers brotli too; the answer is gzip (brotli at httplib's quality is slow).
    httplib::Headers browser_headers = bearer(token);
    browser_headers.emplace("Accept-Encoding", "gzip, deflate, br");
    auto browser = c.Get(path.c_str(), browser_headers);
    REQUIRE(browser);
    CHECK(browser->get_header_value("Content-Encoding") == "gzip");
    CHECK(gunzip(browser->body) == plain->body);

    // Small error bodies are not worth compressing, and stay valid JSON.
    auto err = c.Get("/api/v1/asset/credentials/password/nope", gzip_headers);
    REQUIRE(err);
    CHECK(err->status == 404);
    CHECK_FALSE(err->has_header("Content-Encoding"));
    CHECK(parse_json(err->body).ok());
}

TEST_CASE("compression: static files, including the .wasm httplib leaves alone") {
    TempDir dir;
    const fs::path web = dir.path() / "web";
    std::string wasm("\0asm\1\0\0\0", 8);
    for (int i = 0; i < 4000; ++i) wasm += "(func $f" + std::to_string(i % 50) + ")";
    std::string js;
    for (int i = 0; i < 2000; ++i) js += "console.log('app " + std::to_string(i % 10) + "');\n";
    write_file(web / "app.wasm", wasm);
    write_file(web / "app.js", js);
    write_file(web / "tiny.wasm", std::string("\0asm\1\0\0\0", 8));
    auto config = test_config({});
    config.web_dir = web;
    TestServer server(config);
    auto c = raw_client(server);
    const httplib::Headers gzip_headers = {{"Accept-Encoding", "gzip, deflate"}};

    for (const auto& [file, content] : {std::pair{"/app.wasm", wasm}, std::pair{"/app.js", js}}) {
        CAPTURE(file);
        auto r = c.Get(file, gzip_headers);
        REQUIRE(r);
        REQUIRE(r->status == 200);
        CHECK(r->get_header_value("Content-Encoding") == "gzip");
        CHECK(r->get_header_value("Vary") == "Accept-Encoding");
        CHECK(r->body.size() < content.size() / 4);
        CHECK(gunzip(r->body) == content);
        auto plain = c.Get(file);
        REQUIRE(plain);
        CHECK_FALSE(plain->has_header("Content-Encoding"));
        CHECK(plain->body == content);
    }
    CHECK(c.Get("/app.wasm", gzip_headers)->get_header_value("Content-Type") == "application/wasm");
    // Under 1 KiB it is not worth it.
    auto tiny = c.Get("/tiny.wasm", gzip_headers);
    REQUIRE(tiny);
    CHECK_FALSE(tiny->has_header("Content-Encoding"));
}

TEST_CASE("compression: Accept-Encoding parsing") {
    using server::accepts_gzip;
    CHECK(accepts_gzip("gzip"));
    CHECK(accepts_gzip("gzip, deflate, br"));
    CHECK(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
    CHECK(accepts_gzip("*"));
    CHECK(accepts_gzip("deflate, x-gzip"));
    CHECK_FALSE(accepts_gzip(""));
    CHECK_FALSE(accepts_gzip("identity"));
    CHECK_FALSE(accepts_gzip("gzip;q=0"));
    CHECK_FALSE(accepts_gzip("gzip; q=0.000, br"));
    CHECK_FALSE(accepts_gzip("gzipped"));
    const std::string text(5000, 'a');
    auto gz = server::gzip_compress(text);
    REQUIRE(gz);
    CHECK(gz->size() < 100);
    CHECK(gunzip(*gz) == text);
    auto fastest = server::gzip_compress(text, 1);  // the level of large bodies
    REQUIRE(fastest);
    CHECK(gunzip(*fastest) == text);
}

TEST_CASE("compression: a large list is compressed once and kept compressed until the data changes") {
    server::Config config = test_config({});
    config.demo_size = 1500;  // a list of more than 1 MB
    TestServer server(config);
    auto c = raw_client(server);
    const std::string token = admin_token(c);
    const std::string path = kCredentialsPath + "?usageInfo=true&statusInfo=true";
    httplib::Headers gzip_headers = bearer(token);
    gzip_headers.emplace("Accept-Encoding", "gzip, deflate, br");

    auto plain = c.Get(path.c_str(), bearer(token));
    REQUIRE(plain);
    REQUIRE(plain->body.size() > 1024 * 1024);
    auto first = c.Get(path.c_str(), gzip_headers);
    auto again = c.Get(path.c_str(), gzip_headers);
    REQUIRE(first);
    REQUIRE(again);
    for (const auto* r : {&first, &again}) {
        CHECK((*r)->status == 200);
        CHECK((*r)->get_header_value("Content-Encoding") == "gzip");
        CHECK((*r)->get_header_value("Vary") == "Accept-Encoding");
        CHECK((*r)->get_header_value("Content-Type") == "application/json");
        CHECK((*r)->get_header_value("X-Decoded-Length") == std::to_string(plain->body.size()));
        CHECK((*r)->get_header_value("ETag") == first->get_header_value("ETag"));
        CHECK(gunzip((*r)->body) == plain->body);
    }
    // Without gzip the same list comes plain, and a plain request after a gzip one too.
    auto plain_again = c.Get(path.c_str(), bearer(token));
    REQUIRE(plain_again);
    CHECK_FALSE(plain_again->has_header("Content-Encoding"));
    CHECK(plain_again->body == plain->body);

    // A change makes a new list: the kept one is not sent again.
    Api api(server, kAdmin);
    api.expect(
        api.post(kind_path(CredentialKind::GenericSecret),
                 create_body("one-more", project_scope(1), spec_with_values(CredentialKind::GenericSecret, "v"))),
        202);
    auto changed = c.Get(path.c_str(), gzip_headers);
    REQUIRE(changed);
    CHECK(changed->get_header_value("ETag") != first->get_header_value("ETag"));
    const std::string decoded = gunzip(changed->body);
    CHECK(decoded.size() > plain->body.size());
    CHECK(decoded.find("\"one-more\"") != std::string::npos);
    CHECK(changed->get_header_value("X-Decoded-Length") == std::to_string(decoded.size()));
}
