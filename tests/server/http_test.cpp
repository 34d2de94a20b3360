// API tests of the HTTP surface: 404/405 error bodies, the body size limit, static files with
// their MIME types and confinement to --web, and --base-path mounting behind a host console.
#include "server/static_files.h"
#include "test_support.h"

using namespace cc;
using namespace cc::test;

namespace {

std::size_t credential_count(httplib::Client& c, const std::string& token, const std::string& base = "/") {
    return body_json(c.Get((base + "api/v1/asset/credentials").c_str(), bearer(token))).at("entries").size();
}

// A web directory like the Emscripten build's, next to a file that must never be served.
struct WebFixture {
    TempDir dir;
    fs::path web = dir.path() / "web";
    WebFixture() {
        write_file(web / "index.html", "<!doctype html><title>Credentials</title>");
        write_file(web / "app.js", "console.log('app')");
        write_file(web / "app.wasm", std::string("\0asm\1\0\0\0", 8));
        write_file(web / "app.data", "packed-files");
        write_file(web / "style.css", "body{}");
        write_file(web / "fonts" / "Inter.ttf", "ttf");
        write_file(web / "fonts" / "Icons.otf", "otf");
        write_file(web / "docs" / "index.html", "<p>docs</p>");
        write_file(dir.path() / "outside.txt", "TOP-SECRET-OUTSIDE");
        fs::create_symlink(dir.path() / "outside.txt", web / "escape.txt");
    }
};

}  // namespace

TEST_CASE("unknown API paths are 404 and wrong methods 405, with error bodies") {
    auto c = shared_server().client();
    const std::string token = admin_token(c);
    const std::size_t before = credential_count(c, token);

    const Json nf = expect_error(c.Get("/api/v1/asset/credentialz", bearer(token)), 404);
    CHECK(nf.at("details").get<std::string>().find("/api/v1/asset/credentialz") != std::string::npos);
    expect_error(c.Get("/api/v2/clusters", bearer(token)), 404);
    expect_error(c.Get("/api/v1/clusters/", bearer(token)), 404);

    auto del = c.Delete("/api/v1/asset/credentials", bearer(token));
    expect_error(del, 405);
    CHECK(del->get_header_value("Allow") == "GET");
    expect_error(c.Post("/api/v1/asset/credentials", "{}", "application/json"), 401);  // auth comes first
    expect_error(c.Post("/api/v1/asset/credentials", bearer(token), "{}", "application/json"), 405);
    expect_error(c.Put("/api/v1/clusters", bearer(token), "{}", "application/json"), 405);
    expect_error(c.Post("/healthz", "", "text/plain"), 405);

    CHECK(credential_count(c, token) == before);  // nothing changed
}

TEST_CASE("request bodies over 1 MiB are refused with an error body") {
    auto c = shared_server().client();
    const std::string token = admin_token(c);
    const std::size_t before = credential_count(c, token);
    const std::string huge = R"({"grantType":"password","username":")" + std::string(1100 * 1024, 'a') + R"("})";
    auto r = c.Post("/api/v1/token", huge, "application/json");
    expect_error(r, 413);
    auto r2 = c.Post("/api/v1/asset/credentials", bearer(token), huge, "application/json");
    expect_error(r2, 413);
    // Just under the limit is read and judged on its content (here: an unknown user).
    const std::string fits =
        R"({"grantType":"password","password":"x","username":")" + std::string(1000 * 1024, 'a') + R"("})";
    expect_error(c.Post("/api/v1/token", fits, "application/json"), 401);
    CHECK(credential_count(c, token) == before);
}

TEST_CASE("mime types of the web app's files") {
    CHECK(server::mime_type_for("index.html") == "text/html; charset=utf-8");
    CHECK(server::mime_type_for("app.js") == "text/javascript");
    CHECK(server::mime_type_for("app.wasm") == "application/wasm");
    CHECK(server::mime_type_for("app.data") == "application/octet-stream");
    CHECK(server::mime_type_for("style.css") == "text/css");
    CHECK(server::mime_type_for("logo.PNG") == "image/png");
    CHECK(server::mime_type_for("icon.svg") == "image/svg+xml");
    CHECK(server::mime_type_for("x.json") == "application/json");
    CHECK(server::mime_type_for("f.otf") == "font/otf");
    CHECK(server::mime_type_for("f.ttf") == "font/ttf");
    CHECK(server::mime_type_for("README") == "application/octet-stream");
}

TEST_CASE("static files are served from --web with their MIME types") {
    WebFixture fx;
    auto config = test_config({});
    config.web_dir = fx.web;
    TestServer s(config);
    auto c = s.client();

    struct Case {
        const char* path;
        const char* type;
        std::string body;
    };
    const Case cases[] = {
        {"/", "text/html; charset=utf-8", "<!doctype html><title>Credentials</title>"},
        {"/index.html", "text/html; charset=utf-8", "<!doctype html><title>Credentials</title>"},
        {"/app.wasm", "application/wasm", std::string("\0asm\1\0\0\0", 8)},
        {"/app.js", "text/javascript", "console.log('app')"},
        {"/app.data", "application/octet-stream", "packed-files"},
        {"/style.css", "text/css", "body{}"},
        {"/fonts/Inter.ttf", "font/ttf", "ttf"},
        {"/fonts/Icons.otf", "font/otf", "otf"},
        {"/docs/", "text/html; charset=utf-8", "<p>docs</p>"},
    };
    for (const auto& tc : cases) {
        CAPTURE(tc.path);
        auto r = c.Get(tc.path);
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->get_header_value("Content-Type") == tc.type);
        CHECK(r->body == tc.body);
        CHECK(r->get_header_value("Cache-Control") == "no-cache");
    }
    auto head = c.Head("/app.wasm");
    REQUIRE(head);
    CHECK(head->status == 200);
    CHECK(head->body.empty());

    expect_error(c.Get("/missing.js"), 404);
    expect_error(c.Get("/fonts"), 404);  // a directory without the trailing slash
    for (const char* evil : {"/../outside.txt", "/fonts/../../outside.txt", "/%2e%2e/outside.txt", "/escape.txt",
                             "/fonts/..%2F..%2Foutside.txt", "/..\\outside.txt"}) {
        CAPTURE(evil);
        auto r = c.Get(evil);
        REQUIRE(r);
        CHECK(r->status >= 400);
        CHECK(r->body.find("TOP-SECRET-OUTSIDE") == std::string::npos);
    }
    expect_error(c.Post("/index.html", "x", "text/plain"), 405);
}

TEST_CASE("without --web, non-API paths are 404 with an error body") {
    auto c = shared_server().client();
    const Json j = expect_error(c.Get("/"), 404);
    CHECK(j.at("details").get<std::string>().find("--web") != std::string::npos);
}

TEST_CASE("--base-path mounts the app and the API under the prefix; /healthz stays at root") {
    WebFixture fx;
    auto config = test_config({});
    config.web_dir = fx.web;
    config.base_path = "/credentials";  // normalised to "/credentials/"
    TestServer s(config);
    CHECK(s.server->url() == "http://127.0.0.1:" + std::to_string(s.port()) + "/credentials/");
    auto c = s.client();

    auto index = c.Get("/credentials/");
    REQUIRE(index);
    CHECK(index->status == 200);
    CHECK(index->get_header_value("Content-Type") == "text/html; charset=utf-8");
    auto wasm = c.Get("/credentials/app.wasm");
    REQUIRE(wasm);
    CHECK(wasm->get_header_value("Content-Type") == "application/wasm");
    auto bare = c.Get("/credentials");
    REQUIRE(bare);
    CHECK(bare->status == 308);
    CHECK(bare->get_header_value("Location") == "/credentials/");

    const std::string token = admin_token(c, "/credentials/");
    CHECK(credential_count(c, token, "/credentials/") >= 38);
    auto clusters = c.Get("/credentials/api/v1/clusters", bearer(token));
    REQUIRE(clusters);
    CHECK(clusters->status == 200);
    expect_error(c.Get("/credentials/api/v1/nothing", bearer(token)), 404);

    // Outside the prefix only /healthz answers, as behind a host console's proxy.
    auto health = c.Get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
    expect_error(c.Get("/api/v1/clusters", bearer(token)), 404);
    expect_error(c.Get("/index.html"), 404);
    expect_error(
        c.Post("/api/v1/token", R"({"grantType":"password","username":"admin@demo.local","password":"demo-admin"})",
               "application/json"),
        404);
}

TEST_CASE("base path normalisation") {
    CHECK(*server::normalize_base_path("") == "/");
    CHECK(*server::normalize_base_path("/") == "/");
    CHECK(*server::normalize_base_path("/credentials") == "/credentials/");
    CHECK(*server::normalize_base_path("/a/b/") == "/a/b/");
    for (const char* bad : {"credentials", "/a/../b", "/a//b", "/a b", "/a?x"}) {
        CAPTURE(bad);
        CHECK_FALSE(server::normalize_base_path(bad).ok());
    }
}
