// Registry login checks in the app: the form's "Test login" (the request it sends, NGC's fixed
// registry and user, the answer and its line), the selected credential's kept check asked for
// once, and its "Test login".
#include "app/login_check.h"

#include <doctest/doctest.h>

#include "app/create_form.h"
#include "app_fixtures.h"
#include "core/time_text.h"

using namespace cc::app::fixtures;

namespace {

std::vector<SendRequest> login_requests(const std::vector<Effect>& fx) {
    std::vector<SendRequest> out;
    for (const auto& r : requests(fx))
        if (is<request::FormLoginTest>(r) || is<request::StoredLoginTest>(r) || is<request::LoginCheckLoad>(r))
            out.push_back(r);
    return out;
}

const char* kOkAnswer =
    R"({"outcome":"ok","message":"Signed in to https://nvcr.io","checkedAt":"2026-11-02T09:14:03.000Z","durationMs":120})";

double ms_of(const char* rfc3339) {
    return static_cast<double>(cc::parse_rfc3339(rfc3339, cc::Rfc3339Syntax::Lenient)->unix_ms());
}

}  // namespace

TEST_CASE("login check: the form's test sends the typed values once, and shows the outcome") {
    State s = loaded_state();
    update(s, NewCredentialRequested{CredentialKind::DockerRegistry});
    CHECK_FALSE(form_login_test_ready(s.dialog.create, "registry.example.com", "robot", "", ""));
    CHECK(form_login_test_ready(s.dialog.create, "registry.example.com", "robot", "pw", ""));

    auto fx = login_requests(update(s, CreateLoginTestRequested{"registry.example.com", "robot", "pa\"ss"}));
    REQUIRE(fx.size() == 1);
    CHECK(fx[0].request.method == "POST");
    CHECK(fx[0].request.path == "api/v1/asset/credentials/docker-registry/test-login");
    CHECK(fx[0].request.body_is_secret);
    auto body = parse_json(fx[0].request.body);
    REQUIRE(body.ok());
    CHECK((*body)["url"] == "registry.example.com");
    CHECK((*body)["user"] == "robot");
    CHECK((*body)["password"] == "pa\"ss");
    CHECK(s.dialog.create.login_check.phase == LoginCheckState::Phase::Checking);
    CHECK(login_check_note(s.dialog.create.login_check, 0, 0).tone == LoginCheckTone::Busy);
    // A second press while it runs sends nothing.
    CHECK(login_requests(update(s, CreateLoginTestRequested{"registry.example.com", "robot", "x"})).empty());

    update(
        s,
        respond(
            fx[0], 200,
            R"({"outcome":"wrongCredentials","message":"refused","checkedAt":"2026-11-02T09:14:03.000Z","durationMs":9})"));
    CHECK(s.dialog.create.login_check.phase == LoginCheckState::Phase::Done);
    const auto note = login_check_note(s.dialog.create.login_check, ms_of("2026-11-02T09:16:10Z"), 0);
    CHECK(note.text == "Wrong user or password \xC2\xB7 checked 2 min ago");
    CHECK(note.detail == "refused");
    CHECK(note.tone == LoginCheckTone::Bad);
}

TEST_CASE("login check: editing the login drops the form's outcome, and the answer of a test still running") {
    State s = loaded_state();
    update(s, NewCredentialRequested{CredentialKind::DockerRegistry});
    auto fx = login_requests(update(s, CreateLoginTestRequested{"registry.example.com", "robot", "old"}));
    REQUIRE(fx.size() == 1);
    update(s, respond(fx[0], 200, kOkAnswer));
    REQUIRE(s.dialog.create.login_check.phase == LoginCheckState::Phase::Done);
    CHECK_FALSE(login_check_note(s.dialog.create.login_check, 0, 0).text.empty());

    // Which of the form's fields the login is made of (the name and description are not).
    for (const char* field : {"url", "user", "password", "ngcApiKey"}) CHECK(affects_login_test(field));
    for (const char* field : {"name", "description", "existingSecret", "accessKeyId"})
        CHECK_FALSE(affects_login_test(field));

    // A new password: "Login OK" no longer holds for what the form would save.
    update(s, CreateLoginFieldsEdited{});
    CHECK(s.dialog.create.login_check.phase == LoginCheckState::Phase::Idle);
    CHECK(login_check_note(s.dialog.create.login_check, 0, 0).text.empty());

    // Edited while a test runs: its answer, for the earlier values, is not shown.
    fx = login_requests(update(s, CreateLoginTestRequested{"registry.example.com", "robot", "new"}));
    REQUIRE(fx.size() == 1);
    update(s, CreateLoginFieldsEdited{});
    update(s, respond(fx[0], 200, kOkAnswer));
    CHECK(s.dialog.create.login_check.phase == LoginCheckState::Phase::Idle);
    CHECK(login_check_note(s.dialog.create.login_check, 0, 0).text.empty());
}

TEST_CASE("login check: an NGC key is tested against nvcr.io as $oauthtoken") {
    State s = loaded_state();
    update(s, NewCredentialRequested{CredentialKind::NgcApiKey});
    CreateForm form;
    form.kind = CredentialKind::NgcApiKey;
    form.ngc_key = "nvapi-123";
    auto fx = login_requests(update(s, make_login_test_request(form)));
    REQUIRE(fx.size() == 1);
    auto body = parse_json(fx[0].request.body);
    REQUIRE(body.ok());
    CHECK((*body)["url"] == "https://nvcr.io");
    CHECK((*body)["user"] == "$oauthtoken");
    CHECK((*body)["password"] == "nvapi-123");
    // The dialog closed: its answer is dropped.
    update(s, DialogClosed{});
    update(s, respond(fx[0], 200, kOkAnswer));
    CHECK(s.dialog.create.login_check.phase != LoginCheckState::Phase::Done);
}

TEST_CASE("login check: a failed request says why") {
    State s = loaded_state();
    update(s, NewCredentialRequested{CredentialKind::DockerRegistry});
    auto fx = login_requests(update(s, CreateLoginTestRequested{"r.example.com", "u", "p"}));
    REQUIRE(fx.size() == 1);
    update(s, respond(fx[0], 503,
                      R"({"code":503,"message":"Too many registry login checks are running","details":"later"})"));
    CHECK(s.dialog.create.login_check.phase == LoginCheckState::Phase::Failed);
    CHECK(login_check_note(s.dialog.create.login_check, 0, 0).detail.find("Too many") == 0);
}

TEST_CASE("login check: the selected credential's kept check is asked for once; Test login runs a new one") {
    State s = loaded_state();
    auto fx = login_requests(update(s, RowClicked{CredentialId{"c-1"}}));
    REQUIRE(fx.size() == 1);
    CHECK(fx[0].request.method == "GET");
    CHECK(fx[0].request.path == "api/v1/asset/credentials/docker-registry/c-1/login-check");
    CHECK(login_requests(update(s, SearchChanged{""})).empty());  // not again while selected
    update(s, respond(fx[0], 200, std::string(R"({"loginCheck":)") + kOkAnswer + "}"));
    CHECK(s.login_check.check.phase == LoginCheckState::Phase::Done);
    CHECK(login_check_note(s.login_check.check, ms_of("2026-11-02T09:14:30Z"), 0).text ==
          "Login OK \xC2\xB7 checked just now");

    auto test = login_requests(update(s, LoginTestRequested{}));
    REQUIRE(test.size() == 1);
    CHECK(test[0].request.method == "POST");
    CHECK(test[0].request.path == "api/v1/asset/credentials/docker-registry/c-1/test-login");
    CHECK(test[0].request.body.find("password") == std::string_view::npos);
    CHECK(s.login_check.check.phase == LoginCheckState::Phase::Checking);
    update(
        s,
        respond(
            test[0], 200,
            R"({"outcome":"unreachable","message":"Could not reach","checkedAt":"2026-11-02T10:00:00.000Z","durationMs":5,"failingSince":"2026-11-02T09:50:00.000Z"})"));
    const auto note = login_check_note(s.login_check.check, ms_of("2026-11-02T10:00:01Z"), 0);
    CHECK(note.text.find("Registry unreachable (failing since") == 0);
    CHECK(note.tone == LoginCheckTone::Bad);

    // Deselected: the check is dropped.
    update(s, SelectionCleared{});
    CHECK_FALSE(s.login_check.id);
}
