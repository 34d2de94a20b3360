// API tests of authentication: /healthz needs none, POST /api/v1/token issues JWTs for the
// demo users (keys matched case-insensitively), and every other /api/ path answers 401
// without a valid, unexpired access token; application clients (client_credentials), the OAuth 2.0
// form endpoint /api/v2/token, and the expiry sweep over every API path of the OpenAPI document
// and of this server's extensions.
#include "server/auth.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <thread>

#include "openapi_schema.h"
#include "server/crypto.h"
#include "server/demo_seed.h"
#include "server/time_util.h"
#include "test_support.h"

using namespace cc;
using namespace cc::test;

TEST_CASE("healthz answers without authentication") {
    auto c = shared_server().client();
    auto r = c.Get("/healthz");
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->get_header_value("Content-Type") == "application/json");
    CHECK(body_json(r) == Json{{"status", "ok"}});
}

TEST_CASE("token: password grant for each demo user") {
    auto c = shared_server().client();
    for (const auto& u : server::demo_users()) {
        CAPTURE(u.email);
        const Json req = {{"grantType", "password"}, {"username", u.email}, {"password", u.password}};
        auto r = c.Post("/api/v1/token", req.dump(), "application/json");
        REQUIRE(r);
        REQUIRE(r->status == 200);
        const Json j = body_json(r);
        for (const char* key : {"accessToken", "idToken", "refreshToken"}) {
            REQUIRE(j.at(key).is_string());
            const std::string jwt = j.at(key);
            CHECK(std::count(jwt.begin(), jwt.end(), '.') == 2);
        }
        CHECK(j.at("expiresIn") == 3600);
        // The access token works as a bearer token.
        auto list = c.Get("/api/v1/clusters", bearer(j.at("accessToken").get<std::string>()));
        REQUIRE(list);
        CHECK(list->status == 200);
    }
}

TEST_CASE("token: JSON keys are matched case-insensitively") {
    auto c = shared_server().client();
    const Json req = {
        {"GrantType", "password"}, {"UserName", "ADMIN@demo.local"}, {"PASSWORD", "demo-admin"}, {"clientID", "cli"}};
    auto r = c.Post("/api/v1/token", req.dump(), "application/json");
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(body_json(r).at("accessToken").is_string());
}

TEST_CASE("token: the access token's payload names the user and expires in one hour") {
    auto c = shared_server().client();
    const std::string token = admin_token(c);
    const auto first = token.find('.');
    const auto payload = server::base64url_decode(token.substr(first + 1, token.find('.', first + 1) - first - 1));
    REQUIRE(payload);
    const Json claims = Json::parse(*payload);
    CHECK(claims.at("sub") == "admin@demo.local");
    CHECK(claims.at("exp").get<std::int64_t>() - claims.at("iat").get<std::int64_t>() == 3600);
}

TEST_CASE("token: failures") {
    auto c = shared_server().client();
    SUBCASE("wrong password is 401") {
        auto r = c.Post("/api/v1/token", R"({"grantType":"password","username":"admin@demo.local","password":"nope"})",
                        "application/json");
        const Json j = expect_error(r, 401);
        CHECK(j.dump().find("accessToken") == std::string::npos);
    }
    SUBCASE("unknown user is 401") {
        auto r =
            c.Post("/api/v1/token", R"({"grantType":"password","username":"ghost@demo.local","password":"demo-admin"})",
                   "application/json");
        expect_error(r, 401);
    }
    SUBCASE("malformed JSON is 400") {
        auto r = c.Post("/api/v1/token", R"({"grantType":"password",)", "application/json");
        expect_error(r, 400);
    }
    SUBCASE("a body that is not an object is 400") {
        expect_error(c.Post("/api/v1/token", R"(["password"])", "application/json"), 400);
    }
    SUBCASE("a non-string field is 400") {
        expect_error(
            c.Post("/api/v1/token", R"({"grantType":"password","username":7,"password":"x"})", "application/json"),
            400);
    }
    SUBCASE("unsupported grant is 400") {
        auto r =
            c.Post("/api/v1/token", R"({"grantType":"exchange_token","code":"a","clientID":"b"})", "application/json");
        const Json j = expect_error(r, 400);
        CHECK(j.at("message").get<std::string>().find("exchange_token") != std::string::npos);
    }
    SUBCASE("unknown grant is 400") {
        expect_error(c.Post("/api/v1/token", R"({"grantType":"magic"})", "application/json"), 400);
    }
    SUBCASE("missing grant is 400") {
        expect_error(
            c.Post("/api/v1/token", R"({"username":"admin@demo.local","password":"demo-admin"})", "application/json"),
            400);
    }
    SUBCASE("GET on the token path is 405") {
        auto r = c.Get("/api/v1/token");
        expect_error(r, 405);
        CHECK(r->get_header_value("Allow") == "POST");
    }
}

TEST_CASE("token: refresh_token grant issues a new access token") {
    auto c = shared_server().client();
    const Json req = {{"grantType", "password"}, {"username", "viewer@demo.local"}, {"password", "demo-viewer"}};
    const Json tokens = body_json(c.Post("/api/v1/token", req.dump(), "application/json"));
    const Json refresh = {
        {"grantType", "refresh_token"}, {"refreshToken", tokens.at("refreshToken")}, {"clientID", "cli"}};
    auto r = c.Post("/api/v1/token", refresh.dump(), "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    auto list = c.Get("/api/v1/clusters", bearer(body_json(r).at("accessToken").get<std::string>()));
    REQUIRE(list);
    CHECK(list->status == 200);
    // An access token is not a refresh token.
    const Json wrong = {{"grantType", "refresh_token"}, {"refreshToken", tokens.at("accessToken")}};
    expect_error(c.Post("/api/v1/token", wrong.dump(), "application/json"), 401);
}

TEST_CASE("API paths need a valid bearer token") {
    auto& s = shared_server();
    auto c = s.client();
    const std::string good = admin_token(c);
    const char* paths[] = {"/api/v1/asset/credentials", "/api/v1/clusters", "/api/v1/org-unit/departments",
                           "/api/v1/org-unit/projects", "/api/v1/no-such-endpoint"};
    for (const char* path : paths) {
        CAPTURE(path);
        SUBCASE("no Authorization header") {
            const Json j = expect_error(c.Get(path), 401);
            CHECK(j.at("message") == "Missing bearer token");
        }
        SUBCASE("not a bearer scheme") {
            expect_error(c.Get(path, {{"Authorization", "Basic YWRtaW46eA=="}}), 401);
        }
        SUBCASE("garbage token") {
            expect_error(c.Get(path, bearer("not-a-jwt")), 401);
        }
        SUBCASE("tampered signature") {
            std::string bad = good;
            char& ch = bad[bad.size() - 10];  // a middle character: all of its bits are significant
            ch = ch == 'A' ? 'B' : 'A';
            const Json j = expect_error(c.Get(path, bearer(bad)), 401);
            CHECK(j.at("message") == "Issuer is not familiar.");
        }
        SUBCASE("tampered payload") {
            const auto d1 = good.find('.');
            const auto d2 = good.find('.', d1 + 1);
            std::string payload = *server::base64url_decode(good.substr(d1 + 1, d2 - d1 - 1));
            const auto at = payload.find("admin@demo.local");
            REQUIRE(at != std::string::npos);
            payload.replace(at, 5, "viewr");
            const std::string forged = good.substr(0, d1 + 1) + server::base64url_encode(payload) + good.substr(d2);
            expect_error(c.Get(path, bearer(forged)), 401);
        }
        SUBCASE("signed with another key") {
            server::TokenService other(server::Bytes(32, 7));
            const auto now = server::unix_now();
            expect_error(c.Get(path, bearer(other.issue("admin@demo.local", server::TokenUse::Access, now, 3600))),
                         401);
        }
        SUBCASE("expired token") {
            auto key = server::load_or_create_key_file(s.data_dir() / "jwt.key", server::TokenService::kKeyBytes);
            REQUIRE(key.ok());
            server::TokenService same(std::move(*key));
            const auto now = server::unix_now();
            const std::string expired = same.issue("admin@demo.local", server::TokenUse::Access, now - 7200, 3600);
            const Json j = expect_error(c.Get(path, bearer(expired)), 401);
            CHECK(j.at("message") == "Token expired");
            // The same key with a live window is accepted, so the rejection above was the expiry.
            auto ok =
                c.Get("/api/v1/clusters", bearer(same.issue("admin@demo.local", server::TokenUse::Access, now, 60)));
            REQUIRE(ok);
            CHECK(ok->status == 200);
        }
        SUBCASE("refresh token used as access token") {
            const Json req = {{"grantType", "password"}, {"username", "admin@demo.local"}, {"password", "demo-admin"}};
            const Json t = body_json(c.Post("/api/v1/token", req.dump(), "application/json"));
            expect_error(c.Get(path, bearer(t.at("refreshToken").get<std::string>())), 401);
            expect_error(c.Get(path, bearer(t.at("idToken").get<std::string>())), 401);
        }
        SUBCASE("token of a user that does not exist") {
            auto key = server::load_or_create_key_file(s.data_dir() / "jwt.key", server::TokenService::kKeyBytes);
            REQUIRE(key.ok());
            server::TokenService same(std::move(*key));
            expect_error(
                c.Get(path, bearer(same.issue("ghost@demo.local", server::TokenUse::Access, server::unix_now(), 60))),
                401);
        }
    }
}

// ---- application clients and /api/v2/token ----------------------------------------------------

namespace {

std::string basic(const std::string& id, const std::string& secret) {
    const std::string plain = id + ":" + secret;
    std::string out(sodium_base64_encoded_len(plain.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return "Basic " + out;
}

httplib::Result post_v1(httplib::Client& c, const Json& body) {
    auto r = c.Post("/api/v1/token", body.dump(), "application/json");
    check_response("POST", "/api/v1/token", r);
    return r;
}

httplib::Result post_v2(httplib::Client& c, const std::string& form, const httplib::Headers& headers = {},
                        const char* type = "application/x-www-form-urlencoded") {
    auto r = c.Post("/api/v2/token", headers, form, type);
    check_response("POST", "/api/v2/token", r);
    return r;
}

// An OAuth 2.0 error: the status, {"error", "error_description"}, and no token.
void expect_oauth_error(const httplib::Result& r, int status, const std::string& error) {
    REQUIRE(r);
    CHECK(r->status == status);
    const Json j = body_json(r);
    CHECK(j.at("error") == error);
    CHECK_FALSE(j.at("error_description").get<std::string>().empty());
    CHECK_FALSE(j.contains("access_token"));
    CHECK_FALSE(j.contains("code"));
    if (status == 401) CHECK_FALSE(r->get_header_value("WWW-Authenticate").empty());
}

// The token opens the API (the clusters list).
void expect_usable(httplib::Client& c, const std::string& token) {
    auto r = c.Get("/api/v1/clusters", bearer(token));
    REQUIRE(r);
    CHECK(r->status == 200);
}

}  // namespace

TEST_CASE("token v1: client_credentials for the demo application clients") {
    auto c = shared_server().client();
    REQUIRE(server::demo_clients().size() >= 1);
    for (const auto& client : server::demo_clients()) {
        CAPTURE(client.email);
        auto r = post_v1(
            c, {{"grantType", "client_credentials"}, {"clientID", client.email}, {"clientSecret", client.password}});
        REQUIRE(r->status == 200);
        const Json j = body_json(r);
        CHECK(j.at("expiresIn") == 3600);
        CHECK_FALSE(j.contains("refreshToken"));  // a client asks again with its secret
        expect_usable(c, j.at("accessToken"));
    }
    const auto& ci = server::demo_clients()[0];
    SUBCASE("keys in any case, as runapy sends them") {
        auto r =
            post_v1(c, {{"GRANTTYPE", "client_credentials"}, {"ClientId", ci.email}, {"clientsecret", ci.password}});
        REQUIRE(r->status == 200);
        auto app = post_v1(c, {{"grantType", "app_token"}, {"AppId", ci.email}, {"AppSecret", ci.password}});
        REQUIRE(app->status == 200);
        expect_usable(c, body_json(app).at("accessToken"));
    }
    SUBCASE("a wrong secret or an unknown client is 401") {
        expect_error(
            post_v1(c, {{"grantType", "client_credentials"}, {"clientID", ci.email}, {"clientSecret", "nope"}}), 401);
        expect_error(
            post_v1(c, {{"grantType", "client_credentials"}, {"clientID", "ghost"}, {"clientSecret", ci.password}}),
            401);
    }
    SUBCASE("users and applications cannot use each other's grant") {
        expect_error(post_v1(c, {{"grantType", "client_credentials"},
                                 {"clientID", "admin@demo.local"},
                                 {"clientSecret", "demo-admin"}}),
                     401);
        expect_error(post_v1(c, {{"grantType", "password"}, {"username", ci.email}, {"password", ci.password}}), 401);
    }
    SUBCASE("missing fields are 400") {
        const Json j = expect_error(post_v1(c, {{"grantType", "client_credentials"}, {"clientID", ci.email}}), 400);
        CHECK(j.at("message").get<std::string>().find("clientSecret") != std::string::npos);
        expect_error(post_v1(c, {{"grantType", "app_token"}, {"appSecret", ci.password}}), 400);
    }
}

TEST_CASE("token: an application client acts with its own role") {
    auto c = shared_server().client();
    auto scopes_of = [&](const server::DemoUser& client) {
        const Json t = body_json(post_v1(
            c, {{"grantType", "client_credentials"}, {"clientID", client.email}, {"clientSecret", client.password}}));
        auto r = c.Post("/api/v1/authorization/permitted-scopes", bearer(t.at("accessToken").get<std::string>()),
                        R"({"resourceType":"credentials","action":"create"})", "application/json");
        REQUIRE(r);
        REQUIRE(r->status == 200);
        check_response("POST", "/api/v1/authorization/permitted-scopes", r);
        return body_json(r).at("create");
    };
    const Json ci = scopes_of(server::demo_clients()[0]);  // Credentials administrator, whole account
    CHECK(ci.at("tenants") == Json::array({"1001"}));
    const Json bot = scopes_of(server::demo_clients()[1]);  // L1 researcher, project 1
    CHECK(bot.at("tenants").empty());
    CHECK(bot.at("projects") == Json::array({"1"}));
}

TEST_CASE("token v2: OAuth 2.0 form grants") {
    auto c = shared_server().client();
    const std::string id = server::demo_clients()[0].email, secret = server::demo_clients()[0].password;
    auto expect_token = [&](const httplib::Result& r) {
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == 200, r->body);
        CHECK(r->get_header_value("Cache-Control") == "no-store");
        CHECK(r->get_header_value("Pragma") == "no-cache");
        const Json j = body_json(r);
        CHECK(j.at("token_type") == "Bearer");
        CHECK(j.at("expires_in") == 3600);
        expect_usable(c, j.at("access_token"));
    };
    SUBCASE("password") {
        expect_token(post_v2(c, "grant_type=password&username=researcher%40demo.local&password=demo-researcher"));
        expect_token(post_v2(c, "grant_type=password&username=admin@demo.local&password=demo-admin&client_id=cli"));
    }
    SUBCASE("client_credentials in the body or by HTTP Basic") {
        expect_token(post_v2(c, "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret));
        expect_token(post_v2(c, "grant_type=client_credentials", {{"Authorization", basic(id, secret)}}));
        expect_token(
            post_v2(c, "grant_type=client_credentials&client_id=" + id, {{"Authorization", basic(id, secret)}}));
        expect_token(post_v2(c, "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret +
                                    "&scope=openid"));  // unknown parameters are ignored
    }
    SUBCASE("client authentication failures are 401 invalid_client") {
        expect_oauth_error(post_v2(c, "grant_type=client_credentials&client_id=" + id + "&client_secret=wrong"), 401,
                           "invalid_client");
        expect_oauth_error(post_v2(c, "grant_type=client_credentials", {{"Authorization", basic(id, "wrong")}}), 401,
                           "invalid_client");
        expect_oauth_error(post_v2(c, "grant_type=client_credentials", {{"Authorization", "Basic !!!"}}), 401,
                           "invalid_client");
        expect_oauth_error(
            post_v2(c, "grant_type=client_credentials&client_id=admin@demo.local&client_secret=demo-admin"), 401,
            "invalid_client");
    }
    SUBCASE("wrong user credentials are 400 invalid_grant") {
        expect_oauth_error(post_v2(c, "grant_type=password&username=admin@demo.local&password=wrong"), 400,
                           "invalid_grant");
        expect_oauth_error(post_v2(c, "grant_type=password&username=ghost@demo.local&password=demo-admin"), 400,
                           "invalid_grant");
        expect_oauth_error(post_v2(c, "grant_type=password&username=" + id + "&password=" + secret), 400,
                           "invalid_grant");
    }
    SUBCASE("malformed requests are 400 invalid_request") {
        for (const char* form :
             {"", "username=admin@demo.local&password=demo-admin",
              "grant_type=", "grant_type=password&username=admin@demo.local", "grant_type=password&password=demo-admin",
              "grant_type=password&grant_type=client_credentials", "grant_type=client_credentials",
              "grant_type=client_credentials&client_id=x", "grant_type=client_credentials&client_secret=x",
              "grant_type=password&username=%ZZ"}) {
            CAPTURE(form);
            expect_oauth_error(post_v2(c, form), 400, "invalid_request");
        }
        expect_oauth_error(
            post_v2(c, "grant_type=client_credentials&client_secret=" + secret, {{"Authorization", basic(id, secret)}}),
            400, "invalid_request");
        expect_oauth_error(
            post_v2(c, "grant_type=client_credentials&client_id=other", {{"Authorization", basic(id, secret)}}), 400,
            "invalid_request");
        const Json json_body = {
            {"grant_type", "password"}, {"username", "admin@demo.local"}, {"password", "demo-admin"}};
        expect_oauth_error(post_v2(c, json_body.dump(), {}, "application/json"), 400, "invalid_request");
    }
    SUBCASE("other grants are 400 unsupported_grant_type") {
        for (const char* grant : {"refresh_token&refresh_token=x",
                                  "authorization_code&code=x&redirect_uri=https%3A%2F%2Fa", "magic", "app_token"}) {
            CAPTURE(grant);
            expect_oauth_error(post_v2(c, std::string("grant_type=") + grant), 400, "unsupported_grant_type");
        }
    }
    SUBCASE("only POST") {
        auto r = c.Get("/api/v2/token");
        expect_error(r, 405);
        CHECK(r->get_header_value("Allow") == "POST");
    }
}

// ---- expiry on every path -------------------------------------------------------------------

namespace {

struct Call {
    std::string method;
    std::string path;
};

// Every authenticated operation: the OpenAPI document's (path parameters filled with plausible
// values) and this server's extensions. Without the document, a fixed list stands in.
std::vector<Call> every_api_call() {
    std::vector<Call> calls;
    auto fill = [](std::string path) {
        for (const auto& [param, value] :
             std::vector<std::pair<std::string, std::string>>{{"{AssetId}", "6b0d3a1e-8f1c-4c55-9a57-0f8a2c3e9d11"},
                                                              {"{clusterUuid}", "d73a738f-fab3-430a-8fa3-5241493d7128"},
                                                              {"{departmentId}", "1"},
                                                              {"{projectId}", "1"}})
            for (auto at = path.find(param); at != std::string::npos; at = path.find(param))
                path.replace(at, param.size(), value);
        return path;
    };
    if (const OpenApiDoc* doc = openapi_doc()) {
        for (auto p = doc->json().at("paths").begin(); p != doc->json().at("paths").end(); ++p) {
            if (p.key().find("/token") != std::string::npos) continue;  // public
            for (const char* m : {"get", "post", "put", "delete"})
                if (p.value().contains(m)) {
                    std::string method = m;
                    for (char& ch : method) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
                    calls.push_back({method, fill(p.key())});
                }
        }
    } else {
        for (const char* path : {"/api/v1/clusters", "/api/v1/clusters/{clusterUuid}", "/api/v1/org-unit/departments",
                                 "/api/v1/org-unit/departments/{departmentId}", "/api/v1/org-unit/projects",
                                 "/api/v1/org-unit/projects/{projectId}", "/api/v1/asset/credentials"})
            calls.push_back({"GET", fill(path)});
        calls.push_back({"POST", "/api/v1/authorization/permitted-scopes"});
        for (auto kind : kAllKinds) {
            const std::string list = "/api/v1/asset/credentials/" + std::string(kind_path_segment(kind));
            const std::string item = fill(list + "/{AssetId}");
            for (const Call& call :
                 {Call{"GET", list}, Call{"POST", list}, Call{"GET", item}, Call{"PUT", item}, Call{"DELETE", item}})
                calls.push_back(call);
        }
    }
    for (const char* collection :
         {"/api/v1/asset/datasource/git", "/api/v1/asset/datasource/s3", "/api/v1/asset/environment"}) {
        calls.push_back({"GET", collection});
        calls.push_back({"POST", collection});
        calls.push_back({"GET", fill(std::string(collection) + "/{AssetId}")});
        calls.push_back({"DELETE", fill(std::string(collection) + "/{AssetId}")});
    }
    calls.push_back({"GET", "/api/v1/asset/credentials/existing-secrets?kind=password&scope=project&projectId=1"});
    calls.push_back({"GET", "/api/v1/no-such-endpoint"});
    return calls;
}

httplib::Result send(httplib::Client& c, const Call& call, const httplib::Headers& headers) {
    if (call.method == "GET") return c.Get(call.path.c_str(), headers);
    if (call.method == "POST") return c.Post(call.path.c_str(), headers, "{}", "application/json");
    if (call.method == "PUT") return c.Put(call.path.c_str(), headers, "{}", "application/json");
    return c.Delete(call.path.c_str(), headers);
}

}  // namespace

TEST_CASE("every API path answers 401 to a missing or expired token") {
    auto& s = shared_server();
    auto c = s.client();
    const auto calls = every_api_call();
    CHECK(calls.size() >= 45);
    const std::string expired = issue_test_token(s, "admin@demo.local", 3600, server::unix_now() - 3601);
    for (const auto& call : calls) {
        CAPTURE(call.method);
        CAPTURE(call.path);
        const Json none = expect_error(send(c, call, {}), 401);
        CHECK(none.at("message") == "Missing bearer token");
        auto r = send(c, call, bearer(expired));
        const Json j = expect_error(r, 401);
        CHECK(j.at("message") == "Token expired");
        CHECK(r->get_header_value("WWW-Authenticate") == "Bearer");
        check_response(call.method, call.path, r);
    }
}

TEST_CASE("a short-lived token works until it expires, then every path refuses it") {
    auto& s = shared_server();
    auto c = s.client();
    const std::int64_t issued = server::unix_now();
    // Valid for [issued, issued + 2): at least one full second from now.
    const std::string token = issue_test_token(s, "admin@demo.local", 2, issued);
    auto before = c.Get("/api/v1/clusters", bearer(token));
    REQUIRE(before);
    REQUIRE(before->status == 200);
    while (server::unix_now() < issued + 2) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    for (const auto& call : every_api_call()) {
        CAPTURE(call.path);
        const Json j = expect_error(send(c, call, bearer(token)), 401);
        CHECK(j.at("message") == "Token expired");
    }
    // A token of the v2 endpoint carries the same one-hour expiry.
    const Json t = body_json(post_v2(c, "grant_type=password&username=admin@demo.local&password=demo-admin"));
    const std::string jwt = t.at("access_token");
    const auto d1 = jwt.find('.');
    const auto payload = server::base64url_decode(jwt.substr(d1 + 1, jwt.find('.', d1 + 1) - d1 - 1));
    REQUIRE(payload);
    const Json claims = Json::parse(*payload);
    CHECK(claims.at("exp").get<std::int64_t>() - claims.at("iat").get<std::int64_t>() == 3600);
}
