// API tests of hostile requests: bodies nested deep enough to exhaust a recursive walk, secret
// values past their limits, bytes that are not UTF-8 in paths, queries and forms, guessing
// passwords, and the security headers every answer carries. Each answer is a 4xx in the Run:ai
// error shape (never a 5xx or a dropped connection) and changes nothing.
#include <future>
#include <vector>

#include "core/text.h"
#include "core/validation.h"
#include "credentials_api.h"
#include "server/http_util.h"
#include "server/login_throttle.h"

using namespace cc;
using namespace cc::test;

namespace {

std::string nested_array(std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

// A create body with `spec` replaced by raw JSON text.
std::string create_with_raw_spec(const std::string& spec) {
    return R"({"meta":{"name":"deep","scope":"tenant"},"spec":)" + spec + "}";
}

// A 4xx error body that is valid UTF-8, bounded, and not cached.
Json expect_clean_error(const httplib::Result& r, int status) {
    Json e = expect_error(r, status);
    CHECK(is_valid_utf8(r->body));
    CHECK(r->get_header_value("Cache-Control") == "no-store");
    CHECK(e.at("details").get<std::string>().size() <= server::kMaxErrorTextChars * 4);
    return e;
}

std::vector<std::string> all_names(Api& api) {
    return api.names(kCredentialsPath);
}

}  // namespace

TEST_CASE("a body nested 150,000 deep is refused for every caller, and the server lives on") {
    TestServer server;
    const std::string hostile = create_with_raw_spec(nested_array(150000));
    // A viewer may create a personal credential, so the body is read first: refused as bad.
    Api viewer(server, kViewer);
    expect_clean_error(viewer.post_raw(kind_path(CredentialKind::GenericSecret), hostile), 400);
    Api admin(server, kAdmin);
    const Json e = expect_clean_error(admin.post_raw(kind_path(CredentialKind::GenericSecret), hostile), 400);
    CHECK(e.at("message").get<std::string>().find("nested too deeply") != std::string::npos);
    const auto before = all_names(admin);
    // Just past the limit is refused too; every JSON endpoint parses through the same check.
    const std::string just_over = nested_array(kMaxJsonDepth + 1);
    expect_clean_error(admin.post_raw(kind_path(CredentialKind::Password), create_with_raw_spec(just_over)), 400);
    expect_clean_error(admin.post_raw("/api/v1/authorization/permitted-scopes", just_over), 400);
    expect_clean_error(admin.post_raw("/api/v1/asset/datasource/git", just_over), 400);
    expect_clean_error(admin.post_raw("/api/v1/asset/environment", just_over), 400);
    expect_clean_error(admin.put(item_path(CredentialKind::Password, "3f1c2d5e-0000-4000-8000-000000000001"),
                                 Json::parse(nested_array(kMaxJsonDepth + 1))),
                       400);
    auto c = server.client();
    expect_clean_error(c.Post("/api/v1/token", nested_array(100000), "application/json"), 400);
    CHECK(all_names(admin) == before);
    auto health = c.Get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
}

TEST_CASE("secret values past their limits are 400s naming the field, and nothing is stored") {
    TestServer server;
    Api api(server, kAdmin);
    const auto before = all_names(api);
    Json spec = spec_with_values(CredentialKind::Password, "x");
    spec["password"] = std::string(kMaxSecretValueBytes + 1, 'p');
    Json e = expect_clean_error(
        api.post(kind_path(CredentialKind::Password), create_body("big-pw", tenant_scope(), spec)), 400);
    CHECK(e.at("details").get<std::string>().find("spec.password") != std::string::npos);

    Json pairs = Json::array();
    for (std::size_t i = 0; i <= kMaxSecretKeys; ++i)
        pairs.push_back({{"key", "K" + std::to_string(i)}, {"value", "v"}});
    e = expect_clean_error(api.post(kind_path(CredentialKind::GenericSecret),
                                    create_body("many-keys", tenant_scope(), Json{{"keyValuePairs", pairs}})),
                           400);
    CHECK(e.at("details").get<std::string>().find("spec.keyValuePairs") != std::string::npos);

    // Five values of 60 KiB: each allowed, together over the credential's 256 KiB (the body
    // itself stays under the 1 MiB request limit).
    pairs = Json::array();
    for (int i = 0; i < 5; ++i)
        pairs.push_back({{"key", "K" + std::to_string(i)}, {"value", std::string(60 * 1024, 'v')}});
    e = expect_clean_error(api.post(kind_path(CredentialKind::GenericSecret),
                                    create_body("too-much", tenant_scope(), Json{{"keyValuePairs", pairs}})),
                           400);
    CHECK(e.at("message").get<std::string>().find("256 KiB") != std::string::npos);
    CHECK(all_names(api) == before);
}

TEST_CASE("bytes that are not UTF-8 in a path, a query or a form are 400s, never 500s") {
    TestServer server;
    auto c = server.client();
    expect_clean_error(c.Get("/%FF"), 400);
    expect_clean_error(c.Get("/api/v1/%C0%AF"), 400);
    Api api(server, kAdmin);
    expect_clean_error(c.Get("/api/v1/org-unit/projects?departmentId=%FF", bearer(api.token())), 400);
    expect_clean_error(c.Get("/api/v1/asset/credentials?%FE=1", bearer(api.token())), 400);
    auto form =
        c.Post("/api/v2/token", "grant_type=password&username=%FF&password=x", "application/x-www-form-urlencoded");
    REQUIRE(form);
    CHECK(form->status == 400);
    CHECK(is_valid_utf8(form->body));
    CHECK(body_json(form).at("error") == "invalid_request");
    // A JSON body with a lone continuation byte in a string is malformed JSON.
    expect_clean_error(api.post_raw(kind_path(CredentialKind::Password),
                                    create_with_raw_spec("{\"user\":\"\x80\",\"password\":\"p\"}")),
                       400);
}

TEST_CASE("an error quoting a long path quotes a short, printable excerpt of it") {
    TestServer server;
    Api api(server, kAdmin);
    const Json e = expect_clean_error(
        server.client().Get(("/api/v1/" + std::string(6000, 'a')).c_str(), bearer(api.token())), 404);
    CHECK(e.at("details").get<std::string>().size() < 300);
}

TEST_CASE("guessing passwords: one name, then one address, get 429 with Retry-After before any hash") {
    server::Config config = test_config({});
    config.login_policy.attempts_per_name = 5;
    config.login_policy.attempts_per_address = 12;
    TestServer server(config);
    auto c = server.client();
    const auto attempt = [&](const std::string& user, const std::string& password) {
        const Json body = {{"grantType", "password"}, {"username", user}, {"password", password}};
        return c.Post("/api/v1/token", body.dump(), "application/json");
    };
    int unauthorized = 0, throttled = 0;
    for (int i = 0; i < 10; ++i) {
        auto r = attempt("admin@demo.local", "guess-" + std::to_string(i));
        REQUIRE(r);
        if (r->status == 401) ++unauthorized;
        if (r->status == 429) {
            ++throttled;
            const int retry = std::stoi(r->get_header_value("Retry-After"));
            CHECK(retry >= 1);
            CHECK(retry <= 20);
            expect_clean_error(r, 429);
        }
    }
    CHECK(unauthorized == 5);
    CHECK(throttled == 5);
    // Even the right password waits now: the name is locked until its bucket refills.
    auto right = attempt("admin@demo.local", "demo-admin");
    REQUIRE(right);
    CHECK(right->status == 429);
    // Other names from the same address: the address's bucket (12) holds 7 more attempts.
    int more = 0;
    for (int i = 0; i < 10; ++i) {
        auto r = attempt("nobody-" + std::to_string(i) + "@demo.local", "x");
        REQUIRE(r);
        if (r->status == 401)
            ++more;
        else
            CHECK(r->status == 429);
    }
    CHECK(more == 7);
    // OAuth 2.0 clients are limited the same way.
    auto v2 = c.Post("/api/v2/token", "grant_type=client_credentials&client_id=demo-ci-client&client_secret=wrong",
                     "application/x-www-form-urlencoded");
    REQUIRE(v2);
    CHECK(v2->status == 429);
    CHECK(v2->has_header("Retry-After"));
}

TEST_CASE("right passwords are given back: many sign-ins from one address keep working") {
    server::Config config = test_config({});
    config.login_policy.attempts_per_address = 3;
    TestServer server(config);
    auto c = server.client();
    for (int i = 0; i < 8; ++i) CHECK_FALSE(admin_token(c).empty());
}

TEST_CASE("concurrent sign-ins share a few argon2 slots and all get an answer") {
    TestServer server;
    std::vector<std::future<int>> answers;
    for (int i = 0; i < 12; ++i)
        answers.push_back(std::async(std::launch::async, [&server, i] {
            auto c = server.client();
            const Json body = {{"grantType", "password"},
                               {"username", "viewer@demo.local"},
                               {"password", i % 2 ? "demo-viewer" : "wrong"}};
            auto r = c.Post("/api/v1/token", body.dump(), "application/json");
            return r ? r->status : -1;
        }));
    int ok = 0;
    for (auto& a : answers) {
        const int status = a.get();
        CHECK((status == 200 || status == 401 || status == 429 || status == 503));
        ok += status == 200;
    }
    CHECK(ok >= 1);
}

TEST_CASE("security headers on every answer: page, API, errors") {
    TempDir web;
    write_file(web.path() / "index.html", "<!doctype html><title>t</title>");
    server::Config config = test_config({});
    config.web_dir = web.path();
    TestServer server(config);
    auto c = server.client();
    for (const char* path : {"/", "/index.html", "/healthz", "/api/v1/asset/credentials", "/missing.js", "/%FF"}) {
        auto r = c.Get(path);
        REQUIRE(r);
        CAPTURE(path);
        const std::string csp = r->get_header_value("Content-Security-Policy");
        CHECK(csp.find("script-src 'self' 'wasm-unsafe-eval'") != std::string::npos);
        CHECK(csp.find("frame-ancestors 'self'") != std::string::npos);
        CHECK(csp.find("unsafe-inline") == std::string::npos);
        CHECK(r->get_header_value("Referrer-Policy") == "no-referrer");
        CHECK(r->get_header_value("X-Content-Type-Options") == "nosniff");
        CHECK(r->get_header_value("X-Frame-Options") == "SAMEORIGIN");
        CHECK(r->get_header_value_count("X-Content-Type-Options") == 1);
        CHECK(r->get_header_value_count("Content-Security-Policy") == 1);
    }
}

TEST_CASE("a script, style sheet or WebAssembly module the page loads carries nosniff, not the page's policy") {
    TempDir web;
    write_file(web.path() / "index.html", "<!doctype html><title>t</title>");
    write_file(web.path() / "app.js", "console.log(1);");
    write_file(web.path() / "app.css", "p{}");
    write_file(web.path() / "app.wasm", std::string("\0asm\1\0\0\0", 8));
    server::Config config = test_config({});
    config.web_dir = web.path();
    TestServer server(config);
    auto c = server.client();
    for (const char* path : {"/app.js", "/app.css", "/app.wasm"}) {
        auto r = c.Get(path);
        REQUIRE(r);
        CAPTURE(path);
        CHECK(r->status == 200);
        CHECK(r->get_header_value("X-Content-Type-Options") == "nosniff");
        CHECK(r->get_header_value_count("X-Content-Type-Options") == 1);
        CHECK_FALSE(r->has_header("Content-Security-Policy"));
        CHECK_FALSE(r->has_header("X-Frame-Options"));
    }
    auto page = c.Get("/");
    REQUIRE(page);
    CHECK(page->get_header_value("Content-Security-Policy").find("script-src 'self'") != std::string::npos);
}

TEST_CASE("frame-ancestors follows the server option, and a bad one stops the start") {
    server::Config config = test_config({});
    config.frame_ancestors = "'self' https://console.example.com";
    TestServer server(config);
    auto r = server.client().Get("/healthz");
    REQUIRE(r);
    CHECK(r->get_header_value("Content-Security-Policy").find("frame-ancestors 'self' https://console.example.com") !=
          std::string::npos);
    CHECK_FALSE(r->has_header("X-Frame-Options"));  // it cannot name another origin

    TempDir dir;
    for (const char* bad : {"'self'; script-src *", "https://a.example\r\nX: y", "", "'none' 'self'"}) {
        server::Config c = test_config(dir.path() / "data");
        c.frame_ancestors = bad;
        server::Server s(c);
        CHECK_FALSE(s.start().ok());
    }
}

TEST_CASE("login throttle: buckets refill with time, and a success forgets the name's failures") {
    using namespace std::chrono_literals;
    server::LoginPolicy policy;
    policy.attempts_per_name = 2;
    policy.name_refill_seconds = 10;
    policy.attempts_per_address = 100;
    server::LoginThrottle t(policy);
    const auto t0 = server::LoginThrottle::Clock::time_point{} + 1h;
    CHECK_FALSE(t.begin_attempt("Ann@x", "10.0.0.1", t0));
    CHECK_FALSE(t.begin_attempt("ann@x", "10.0.0.2", t0));  // names match case-insensitively
    auto wait = t.begin_attempt("ann@x", "10.0.0.1", t0);
    REQUIRE(wait);
    CHECK(*wait == 10);
    CHECK(t.begin_attempt("ann@x", "10.0.0.1", t0 + 5s) == std::optional<int>(5));
    CHECK_FALSE(t.begin_attempt("ann@x", "10.0.0.1", t0 + 10s));
    CHECK(t.begin_attempt("ann@x", "10.0.0.1", t0 + 10s));
    t.succeeded("ann@x", "10.0.0.1", t0 + 10s);
    CHECK_FALSE(t.begin_attempt("ann@x", "10.0.0.1", t0 + 10s));

    // The maps stay bounded however many names are tried.
    policy.max_tracked = 50;
    policy.attempts_per_address = 1e9;
    server::LoginThrottle bounded(policy);
    for (int i = 0; i < 5000; ++i) bounded.begin_attempt("user" + std::to_string(i), "10.0.0.9", t0);
    CHECK_FALSE(bounded.begin_attempt("fresh", "10.0.0.9", t0));
}
