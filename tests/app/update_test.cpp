// update(): the login and loading flows as the platform drives them, with canned HTTP
// responses in place of the network.
#include "app/update.h"

#include <doctest/doctest.h>

#include "core/json_codec.h"

using namespace cc;
using namespace cc::app;

#include "app_fixtures.h"

using namespace cc::app::fixtures;

TEST_CASE("login sends the password only in the token request body and wipes the action's copy") {
    State s;
    LoginSubmitted login{"admin@demo.local", "canary-pw-123456789"};
    auto fx = update(s, login);  // a copy: the action itself is consumed
    const SendRequest& req = only(fx);
    CHECK(req.request.method == "POST");
    CHECK(req.request.body_is_secret);
    CHECK(req.request.body.find("canary-pw-123456789") != std::string::npos);
    CHECK(req.request.path.find("canary") == std::string::npos);
    for (const auto& [k, v] : req.request.headers) CHECK(v.find("canary") == std::string::npos);
    CHECK(s.login.busy);
    CHECK(s.screen == Screen::Login);
}

TEST_CASE("empty login fields are refused without a request") {
    State s;
    CHECK(update(s, LoginSubmitted{"", "x"}).empty());
    CHECK(s.login.error == "Enter your email");
    CHECK(update(s, LoginSubmitted{"a@b", ""}).empty());
    CHECK(s.login.error == "Enter your password");
}

TEST_CASE("a rejected login shows the reason and stays on the login screen") {
    State s;
    const SendRequest req = only(update(s, LoginSubmitted{"admin@demo.local", "wrong"}));
    update(s, respond(req, 401, R"({"code":401,"message":"Invalid credentials"})"));
    CHECK(s.screen == Screen::Login);
    CHECK_FALSE(s.login.busy);
    CHECK(s.login.error == "The email or password is incorrect");
    CHECK_FALSE(s.session);
}

TEST_CASE("a successful login loads credentials and the org tree, then builds the rows") {
    State s;
    auto reqs = sign_in(s);
    CHECK(s.screen == Screen::Credentials);
    REQUIRE(s.session);
    CHECK(s.session->user == "admin@demo.local");
    REQUIRE(reqs.size() == 5);  // the list, the three org lists, the permitted scopes
    CHECK(find(reqs, LoadPart::PermittedScopes).request.method == "POST");
    const SendRequest& list = find(reqs, LoadPart::Credentials);
    CHECK(list.request.path == "api/v1/asset/credentials?usageInfo=true&statusInfo=true");
    bool has_auth = false;
    for (const auto& [k, v] : list.request.headers) has_auth |= (k == "Authorization" && v == "Bearer tok");
    CHECK(has_auth);
    CHECK(s.phase == LoadPhase::Loading);

    update(s, respond(list, 200, credentials_body()));
    update(s, respond(find(reqs, LoadPart::Clusters), 200, clusters_body()));
    update(s, respond(find(reqs, LoadPart::Projects), 200, projects_body()));
    CHECK(s.phase == LoadPhase::Loading);  // departments still missing
    update(s, respond(find(reqs, LoadPart::Departments), 200, departments_body(1, 1, std::nullopt)));
    CHECK(s.phase == LoadPhase::Loaded);
    REQUIRE(s.rows.size() == 1);
    CHECK(s.rows[0].cell(Column::Credential) == "nvcr");
    CHECK(s.rows[0].cell(Column::Scope) == "team-a");
    CHECK(s.rows[0].cell(Column::Cluster) == "cluster-a");
    CHECK(s.rows[0].scope_path() == "Account / cluster-a / dept-1 / team-a");
    CHECK(s.loaded_at_ms == 1000.0);
}

TEST_CASE("org lists are followed page by page") {
    State s;
    auto reqs = sign_in(s);
    const SendRequest& first = find(reqs, LoadPart::Departments);
    CHECK(first.request.path.find("offset=0") != std::string::npos);
    auto fx = update(s, respond(first, 200, departments_body(1, 500, 500)));
    const SendRequest second = only(fx);
    CHECK(part_of(second) == LoadPart::Departments);
    CHECK(second.request.path.find("offset=500") != std::string::npos);
    update(s, respond(find(reqs, LoadPart::Credentials), 200, credentials_body()));
    update(s, respond(find(reqs, LoadPart::Clusters), 200, clusters_body()));
    update(s, respond(find(reqs, LoadPart::Projects), 200, projects_body()));
    CHECK(s.phase == LoadPhase::Loading);
    update(s, respond(second, 200, departments_body(501, 3, std::nullopt)));
    CHECK(s.phase == LoadPhase::Loaded);
    CHECK(s.org.data().departments.size() == 503);
}

TEST_CASE("a failed load shows the server's message; a 401 returns to the login") {
    State s;
    auto reqs = sign_in(s);
    update(s, respond(find(reqs, LoadPart::Credentials), 503,
                      R"({"code":503,"message":"Please try again in few minutes."})"));
    CHECK(s.phase == LoadPhase::Failed);
    CHECK(s.load_error.code == 503);
    CHECK(s.load_error.message == "Please try again in few minutes.");
    // Late answers of the failed load are ignored.
    update(s, respond(find(reqs, LoadPart::Clusters), 200, clusters_body()));
    CHECK(s.phase == LoadPhase::Failed);

    auto retry = update(s, RefreshRequested{});
    CHECK(retry.size() == 5);
    CHECK(s.phase == LoadPhase::Loading);
    update(s, respond(std::get<SendRequest>(retry[1]), 401, R"({"code":401,"message":"Token expired"})"));
    CHECK(s.screen == Screen::Login);
    CHECK_FALSE(s.session);
    CHECK(s.login.error == "Your session has expired. Sign in again.");
}

TEST_CASE("a network failure is reported as unreachable") {
    State s;
    auto reqs = sign_in(s);
    update(s, HttpResponded{find(reqs, LoadPart::Clusters).context, api::HttpResponse{0, {}, "network error"}, 0});
    CHECK(s.phase == LoadPhase::Failed);
    CHECK(s.load_error.message == "The server could not be reached.");
}

TEST_CASE("refresh keeps the old rows on screen until the new load is complete") {
    State s;
    auto reqs = sign_in(s);
    for (auto& r : reqs) {
        std::string body = part_of(r) == LoadPart::Credentials ? credentials_body()
                           : part_of(r) == LoadPart::Clusters  ? clusters_body()
                           : part_of(r) == LoadPart::Projects  ? projects_body()
                                                               : departments_body(1, 1, std::nullopt);
        update(s, respond(r, 200, body));
    }
    REQUIRE(s.phase == LoadPhase::Loaded);
    auto again = update(s, RefreshRequested{});
    CHECK(again.size() == 5);
    CHECK(s.phase == LoadPhase::Loading);
    CHECK(s.rows.size() == 1);
    // Answers to the first load arriving now are stale and dropped.
    update(s, respond(reqs[0], 200, R"({"entries":[]})"));
    CHECK(s.rows.size() == 1);
}

TEST_CASE("a token handed over by a host console skips the login") {
    State s;
    auto fx = update(s, TokenProvided{"host-token", "someone@host"});
    CHECK(fx.size() == 5);
    CHECK(s.screen == Screen::Credentials);
    REQUIRE(s.session);
    CHECK(s.session->access_token == "host-token");
}

TEST_CASE("logout forgets the session and the data") {
    State s;
    sign_in(s);
    update(s, LogoutRequested{});
    CHECK(s.screen == Screen::Login);
    CHECK_FALSE(s.session);
    CHECK(s.rows.empty());
}
