// The details panel's history: the API client's request and parser for the audit-trail
// extension, and update() asking for the selected credential's history (on selection, after a
// rename made here, after a refresh), one request at a time, with its loading and error states.
#include <doctest/doctest.h>

#include "app_fixtures.h"

using namespace cc::app::fixtures;

namespace {

// The history request among `fx`, if any.
const SendRequest* history_request(const std::vector<Effect>& fx) {
    for (const auto& e : fx)
        if (const auto* r = std::get_if<SendRequest>(&e); r && is<request::History>(*r)) return r;
    return nullptr;
}

std::string history_of(const SendRequest& req) {
    return std::get<request::History>(req.context).id.value;
}

std::string history_body(std::initializer_list<const char*> actions, bool more = false) {
    AuditPage page;
    std::int64_t id = 100;
    for (const char* action : actions) {
        AuditEvent e;
        e.id = id--;
        e.time = "2026-11-02T09:14:03.112Z";
        e.actor = "admin@demo.local";
        e.action = action;
        e.status = 202;
        e.target = AuditTarget{"credential", "c-1", "nvcr"};
        page.entries.push_back(e);
    }
    if (more) page.next = static_cast<std::int64_t>(page.entries.size());
    return encode_audit_page(page).dump();
}

}  // namespace

TEST_CASE("api: the history request and its parser") {
    const api::Session session{"tok", "admin@demo.local", 3600};
    const auto req = api::credential_history_request(session, CredentialId{"c/1 x"});
    CHECK(req.method == "GET");
    CHECK(req.path == "api/v1/x-reference/credentials/c%2F1%20x/history?limit=50");
    CHECK(std::find(req.headers.begin(), req.headers.end(),
                    std::pair<std::string, std::string>{"Authorization", "Bearer tok"}) != req.headers.end());
    CHECK(req.body.empty());

    auto page =
        api::parse_credential_history({200, history_body({"credential.rename", "credential.create"}, true), {}});
    REQUIRE(page.ok());
    REQUIRE(page->entries.size() == 2);
    CHECK(page->entries[0].action == "credential.rename");
    CHECK(page->entries[1].id == 99);
    CHECK(page->next == 2);

    auto denied = api::parse_credential_history(
        {403, R"({"code":403,"message":"You do not have sufficient permissions.","details":"x"})", {}});
    REQUIRE_FALSE(denied.ok());
    CHECK(denied.error().code == 403);
    CHECK(denied.error().message == "You do not have sufficient permissions.");
    auto malformed = api::parse_credential_history({200, R"({"items":[]})", {}});
    REQUIRE_FALSE(malformed.ok());
    CHECK(malformed.error().code == 200);
    auto offline = api::parse_credential_history({0, {}, "network error"});
    REQUIRE_FALSE(offline.ok());
    CHECK(offline.error().code == 0);
}

TEST_CASE("history: selecting one credential asks for its history, the answer fills it") {
    State s = loaded_state();
    CHECK(s.history.phase == HistoryState::Phase::Idle);
    auto fx = update(s, RowClicked{CredentialId{"c-1"}});
    const SendRequest* req = history_request(fx);
    REQUIRE(req);
    CHECK(history_of(*req) == "c-1");
    CHECK(req->request.path.find("api/v1/x-reference/credentials/c-1/history") == 0);
    CHECK(s.history.phase == HistoryState::Phase::Loading);
    REQUIRE(s.history.id);
    CHECK(s.history.id->value == "c-1");

    // A click on the same row asks nothing more.
    CHECK_FALSE(history_request(update(s, RowClicked{CredentialId{"c-1"}})));

    update(s, respond(*req, 200, history_body({"credential.rename", "credential.create"}, true)));
    CHECK(s.history.phase == HistoryState::Phase::Loaded);
    REQUIRE(s.history.entries.size() == 2);
    CHECK(s.history.entries[0].action == "credential.rename");
    CHECK(s.history.more);
    CHECK_FALSE(s.history.in_flight);

    // No selection, no history; selecting again asks again.
    update(s, SelectionCleared{});
    CHECK_FALSE(s.history.id);
    CHECK(s.history.entries.empty());
    CHECK(history_request(update(s, RowClicked{CredentialId{"c-1"}})));
}

TEST_CASE("history: an answer for another selection, or from before a sign-out, is dropped") {
    State s = loaded_state();
    const SendRequest first = *history_request(update(s, RowClicked{CredentialId{"c-1"}}));
    update(s, SelectionCleared{});
    update(s, respond(first, 200, history_body({"credential.create"})));
    CHECK(s.history.entries.empty());
    CHECK_FALSE(s.history.id);

    const SendRequest second = *history_request(update(s, RowClicked{CredentialId{"c-1"}}));
    HttpResponded other = respond(second, 200, history_body({"credential.create"}));
    std::get<request::History>(other.context).id = CredentialId{"c-2"};
    update(s, other);
    CHECK(s.history.phase == HistoryState::Phase::Loading);
    update(s, respond(second, 200, history_body({"credential.create"})));
    CHECK(s.history.phase == HistoryState::Phase::Loaded);
}

TEST_CASE("history: a rename made here asks again once the answer in flight is in") {
    State s = loaded_state();
    const SendRequest first = *history_request(update(s, RowClicked{CredentialId{"c-1"}}));
    update(s, RenameRequested{});
    REQUIRE(s.dialog.open == DialogKind::Rename);
    auto fx = update(s, RenameSubmitted{UpdateRequest{std::string("nvcr-2"), std::nullopt}});
    const SendRequest rename = only(fx);
    CHECK(is<request::Rename>(rename));

    Credential renamed;
    renamed.meta.id = CredentialId{"c-1"};
    renamed.meta.kind = CredentialKind::DockerRegistry;
    renamed.meta.name = "nvcr-2";
    renamed.meta.scope = ScopeRef{ScopeType::Project, {}, {}, ProjectId{7}};
    renamed.spec = DockerRegistrySpec{{}, {}, {}, std::string("nvcr.io")};
    renamed.status = AssetStatus{SyncStatus::Updating, {}, {}, {}};
    fx = update(s, respond(rename, 202, encode_credential(renamed, false).dump()));
    CHECK(s.dialog.open == DialogKind::None);
    CHECK_FALSE(history_request(fx));  // the first request is still out
    CHECK(s.history.stale);

    // The first answer lands (without the rename), and the history is asked for again at once.
    fx = update(s, respond(first, 200, history_body({"credential.create"})));
    CHECK(s.history.entries.size() == 1);
    const SendRequest* again = history_request(fx);
    REQUIRE(again);
    CHECK(s.history.phase == HistoryState::Phase::Loaded);  // the old lines stay while it reloads
    update(s, respond(*again, 200, history_body({"credential.rename", "credential.create"})));
    CHECK(s.history.entries.size() == 2);
    CHECK(s.history.entries[0].action == "credential.rename");
    CHECK_FALSE(s.history.stale);
}

TEST_CASE("history: a refresh asks again; the answer sent before it is dropped") {
    State s = loaded_state();
    const SendRequest before = *history_request(update(s, RowClicked{CredentialId{"c-1"}}));
    auto fx = update(s, RefreshRequested{});
    const SendRequest* again = history_request(fx);
    REQUIRE(again);
    CHECK(std::get<request::History>(again->context).generation !=
          std::get<request::History>(before.context).generation);
    update(s, respond(before, 200, history_body({"credential.create"})));
    CHECK(s.history.entries.empty());
    CHECK(s.history.in_flight);
    update(s, respond(*again, 200, history_body({"credential.rename", "credential.create"})));
    CHECK(s.history.entries.size() == 2);
}

TEST_CASE("history: refusals and failures are shown; Retry asks again; a 401 signs out") {
    State s = loaded_state();
    SendRequest req = *history_request(update(s, RowClicked{CredentialId{"c-1"}}));
    update(s, respond(req, 403, R"({"code":403,"message":"You do not have sufficient permissions.","details":"x"})"));
    CHECK(s.history.phase == HistoryState::Phase::Failed);
    CHECK(s.history.error == "You may not see the history of this credential.");

    auto fx = update(s, HistoryRetryRequested{});
    const SendRequest* retry = history_request(fx);
    REQUIRE(retry);
    CHECK(s.history.phase == HistoryState::Phase::Loading);
    update(s, respond(*retry, 404, R"({"code":404,"message":"Resource not found","details":"x"})"));
    CHECK(s.history.error == "No history is available for this credential.");

    fx = update(s, HistoryRetryRequested{});
    retry = history_request(fx);
    REQUIRE(retry);
    update(s, respond(*retry, 0, ""));
    CHECK(s.history.phase == HistoryState::Phase::Failed);
    CHECK(s.history.error == "The server could not be reached.");

    fx = update(s, HistoryRetryRequested{});
    retry = history_request(fx);
    REQUIRE(retry);
    update(s, respond(*retry, 200, R"({"entries":[{"id":"x"}]})"));
    CHECK(s.history.phase == HistoryState::Phase::Failed);
    CHECK_FALSE(s.history.error.empty());
    // Retry only acts on a failure.
    s.history.phase = HistoryState::Phase::Loaded;
    CHECK_FALSE(history_request(update(s, HistoryRetryRequested{})));

    s.history.phase = HistoryState::Phase::Failed;
    fx = update(s, HistoryRetryRequested{});
    retry = history_request(fx);
    REQUIRE(retry);
    update(s, respond(*retry, 401, R"({"code":401,"message":"expired","details":"x"})"));
    CHECK(s.screen == Screen::Login);
    CHECK_FALSE(s.history.id);
}

TEST_CASE("history: several selected credentials show no history") {
    State s;
    auto reqs = sign_in(s);
    Json list = parse_json(credentials_body()).value();
    Json second = list["entries"][0];
    second["meta"]["id"] = "c-2";
    second["meta"]["name"] = "nvcr-copy";
    list["entries"].push_back(second);
    update(s, respond(find(reqs, LoadPart::Credentials), 200, list.dump()));
    update(s, respond(find(reqs, LoadPart::Clusters), 200, clusters_body()));
    update(s, respond(find(reqs, LoadPart::Projects), 200, projects_body()));
    update(s, respond(find(reqs, LoadPart::Departments), 200, departments_body(1, 1, std::nullopt)));
    REQUIRE(s.rows.size() == 2);

    CHECK(history_request(update(s, RowClicked{CredentialId{"c-1"}})));
    auto fx = update(s, RowClicked{CredentialId{"c-2"}, true});
    CHECK(s.selection.size() == 2);
    CHECK_FALSE(history_request(fx));
    CHECK_FALSE(s.history.id);
    // Back to one: that one's history.
    fx = update(s, RowClicked{CredentialId{"c-1"}, true});
    const SendRequest* req = history_request(fx);
    REQUIRE(req);
    CHECK(history_of(*req) == "c-2");
}
