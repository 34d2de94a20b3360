// API tests of authentication: /healthz needs none, POST /api/v1/token issues JWTs for the
// demo users (keys matched case-insensitively), and every other /api/ path answers 401
// without a valid, unexpired access token.
#include <algorithm>

#include "server/auth.h"
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
    const Json req = {{"GrantType", "password"}, {"UserName", "ADMIN@demo.local"}, {"PASSWORD", "demo-admin"},
                      {"clientID", "cli"}};
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
        auto r = c.Post("/api/v1/token", R"({"grantType":"password","username":"ghost@demo.local","password":"demo-admin"})",
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
        expect_error(c.Post("/api/v1/token", R"({"grantType":"password","username":7,"password":"x"})", "application/json"),
                     400);
    }
    SUBCASE("unsupported grant is 400") {
        auto r = c.Post("/api/v1/token", R"({"grantType":"client_credentials","clientID":"a","clientSecret":"b"})",
                        "application/json");
        const Json j = expect_error(r, 400);
        CHECK(j.at("message").get<std::string>().find("client_credentials") != std::string::npos);
    }
    SUBCASE("unknown grant is 400") {
        expect_error(c.Post("/api/v1/token", R"({"grantType":"magic"})", "application/json"), 400);
    }
    SUBCASE("missing grant is 400") {
        expect_error(c.Post("/api/v1/token", R"({"username":"admin@demo.local","password":"demo-admin"})", "application/json"),
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
    const Json refresh = {{"grantType", "refresh_token"}, {"refreshToken", tokens.at("refreshToken")}, {"clientID", "cli"}};
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
        SUBCASE("not a bearer scheme") { expect_error(c.Get(path, {{"Authorization", "Basic YWRtaW46eA=="}}), 401); }
        SUBCASE("garbage token") { expect_error(c.Get(path, bearer("not-a-jwt")), 401); }
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
            expect_error(c.Get(path, bearer(other.issue("admin@demo.local", server::TokenUse::Access, now, 3600))), 401);
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
            auto ok = c.Get("/api/v1/clusters", bearer(same.issue("admin@demo.local", server::TokenUse::Access, now, 60)));
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
            expect_error(c.Get(path, bearer(same.issue("ghost@demo.local", server::TokenUse::Access, server::unix_now(), 60))),
                         401);
        }
    }
}
