// API tests of POST /api/v1/kiosk/session: off unless the server names a kiosk user; then a
// session of that user, which can read the credentials and change nothing; refused when the
// named user may change credentials or does not exist.
#include "test_support.h"

using namespace cc;
using namespace cc::test;

namespace {

httplib::Result ask_session(const TestServer& s) {
    auto c = s.client();
    return c.Post("/api/v1/kiosk/session", "", "application/json");
}

}  // namespace

TEST_CASE("kiosk sessions are off by default") {
    auto r = ask_session(shared_server());
    REQUIRE(r);
    CHECK(r->status == 404);
    CHECK(body_json(r)["code"] == 404);
}

TEST_CASE("a kiosk session reads the credentials as the kiosk user and changes nothing") {
    auto config = test_config({});
    config.kiosk_user = "viewer@demo.local";
    TestServer server(config);
    auto r = ask_session(server);
    REQUIRE(r);
    REQUIRE(r->status == 200);
    CHECK(r->get_header_value("Cache-Control") == "no-store");
    const Json body = body_json(r);
    CHECK(body["user"] == "viewer@demo.local");
    const std::string token = body["accessToken"];
    httplib::Headers auth = {{"Authorization", "Bearer " + token}};
    auto c = server.client();
    auto list = c.Get("/api/v1/asset/credentials", auth);
    REQUIRE(list);
    CHECK(list->status == 200);
    CHECK_FALSE(body_json(list)["entries"].empty());
    const Json create = {{"meta", {{"name", "from-a-display"}, {"scope", "tenant"}}},
                         {"spec", {{"keyValuePairs", Json::array({{{"key", "A"}, {"value", "b"}}})}}}};
    auto refused = c.Post("/api/v1/asset/credentials/generic-secret", auth, create.dump(), "application/json");
    REQUIRE(refused);
    CHECK(refused->status == 403);
    // A body is not part of the request.
    auto with_body = c.Post("/api/v1/kiosk/session", R"({"user":"admin@demo.local"})", "application/json");
    REQUIRE(with_body);
    CHECK(with_body->status == 400);
}

TEST_CASE("no kiosk session for a user who may change credentials, or for no user at all") {
    for (const char* user : {"admin@demo.local", "nobody@demo.local"}) {
        CAPTURE(user);
        auto config = test_config({});
        config.kiosk_user = user;
        TestServer server(config);
        auto r = ask_session(server);
        REQUIRE(r);
        CHECK(r->status == (std::string(user) == "nobody@demo.local" ? 503 : 403));
        CHECK_FALSE(body_json(r).contains("accessToken"));
    }
}
