// A kiosk or wall display: it gets its session from the server without a sign-in, asks for the
// list again on its own, keeps showing what it has while the server is away, asks for a new
// session when the old one ends, and changes nothing.
#include <doctest/doctest.h>

#include "app/update.h"
#include "app_fixtures.h"

using namespace cc;
using namespace cc::app;
using namespace cc::app::fixtures;

namespace {

// A display started at `now` whose session request was answered: the load requests.
std::vector<SendRequest> start_display(State& s, double refresh_ms) {
    const SendRequest ask = only(update(s, KioskStarted{refresh_ms}));
    CHECK(ask.request.path == "api/v1/kiosk/session");
    CHECK(ask.request.method == "POST");
    CHECK(ask.request.headers.empty());  // no credentials of anyone's
    auto fx = update(s, respond(ask, 200, R"({"accessToken":"kiosk-tok","user":"viewer@demo.local"})"));
    return requests(fx);
}

void answer_load(State& s, const std::vector<SendRequest>& reqs) {
    update(s, respond(find(reqs, LoadPart::Credentials), 200, credentials_body()));
    answer_org(s, reqs);
    update(s, respond(find(reqs, LoadPart::PermittedScopes), 200,
                      R"({"create":null,"read":null,"update":null,"delete":null})"));
}

}  // namespace

TEST_CASE("a display gets a session without a sign-in and shows the credentials, issues first") {
    State s;
    const auto reqs = start_display(s, 10000);
    CHECK(s.screen == Screen::Credentials);
    REQUIRE(s.session);
    CHECK(s.session->user == "viewer@demo.local");
    CHECK_FALSE(s.session_keepable);  // nothing to keep: the next display asks again
    REQUIRE(s.view.sort.size() == 1);
    CHECK(s.view.sort[0].column == Column::Status);
    answer_load(s, reqs);
    CHECK(s.phase == LoadPhase::Loaded);
    CHECK(s.rows.size() == 1);
}

TEST_CASE("a display asks again on its own, and keeps its rows while the server is away") {
    State s;
    answer_load(s, start_display(s, 10000));
    CHECK(requests(update(s, Tick{5000})).empty());  // not due yet
    auto again = requests(update(s, Tick{11500}));
    REQUIRE_FALSE(again.empty());
    CHECK(s.phase == LoadPhase::Loading);
    // The server is gone: the list fails, the rows stay, and the next refresh comes as planned.
    CHECK(kiosk_notice(s).text.rfind("Updated ", 0) == 0);
    CHECK_FALSE(kiosk_notice(s).trouble);
    update(s, respond(find(again, LoadPart::Credentials), 0, ""));
    CHECK(s.phase == LoadPhase::Failed);
    CHECK(s.rows.size() == 1);
    const KioskNotice away = kiosk_notice(s);
    CHECK(away.trouble);
    CHECK(away.text.rfind("The server cannot be reached; retrying", 0) == 0);
    CHECK(away.text.find("(shown: ") != std::string::npos);  // the rows on screen are from then
    CHECK(requests(update(s, Tick{15000})).empty());
    auto retry = requests(update(s, Tick{21600}));
    REQUIRE_FALSE(retry.empty());
    answer_load(s, retry);
    CHECK(s.phase == LoadPhase::Loaded);
}

TEST_CASE("a display whose session ends asks for a new one instead of showing the sign-in form") {
    State s;
    answer_load(s, start_display(s, 10000));
    auto again = requests(update(s, Tick{11500}));
    update(s, respond(find(again, LoadPart::Credentials), 401, R"({"code":401,"message":"expired"})"));
    CHECK(s.screen == Screen::Credentials);
    CHECK_FALSE(s.session);
    CHECK(s.rows.size() == 1);
    // The session is asked for at the next tick; while the server refuses, again a little later.
    const SendRequest ask = only(update(s, Tick{11600}));
    CHECK(ask.request.path == "api/v1/kiosk/session");
    update(s, respond(ask, 404, R"({"code":404,"message":"Kiosk sessions are off"})"));
    CHECK(s.kiosk.problem == "Kiosk sessions are off");
    CHECK(requests(update(s, Tick{1100})).empty());
    const SendRequest ask2 = only(update(s, Tick{7000}));
    auto reqs = requests(update(s, respond(ask2, 200, R"({"accessToken":"new","user":"viewer@demo.local"})")));
    CHECK(s.kiosk.problem.empty());
    answer_load(s, reqs);
    CHECK(s.phase == LoadPhase::Loaded);
}

TEST_CASE("a display changes nothing: no dialog, no selection, no shortcut, no sign-out") {
    State s;
    answer_load(s, start_display(s, 10000));
    const CredentialId id = s.rows.front().id;
    CHECK(update(s, NewCredentialRequested{CredentialKind::GenericSecret}).empty());
    CHECK(s.dialog.open == DialogKind::None);
    update(s, RowClicked{id, false, false});
    CHECK(s.selection.empty());
    update(s, DeleteRequested{});
    CHECK(s.dialog.open == DialogKind::None);
    update(s, LogoutRequested{});
    CHECK(s.session);
}
