// What a user notices of the session and the load: a reload of the tab keeps the session (the
// app asks the platform to keep it, and forgets it on sign-out and expiry), Refresh of an
// unchanged list costs no body, a large list shows how far it has arrived, and sorting after
// the spare-time indexing gives the same order as before.
#include <doctest/doctest.h>

#include "app/update_internal.h"
#include "app_fixtures.h"

using namespace cc::app::fixtures;

namespace {

std::optional<KeepSession> kept(const std::vector<Effect>& fx) {
    for (const auto& e : fx)
        if (const auto* k = std::get_if<KeepSession>(&e)) return *k;
    return std::nullopt;
}

bool asks_if_changed(const SendRequest& r, const std::string& etag) {
    for (const auto& [name, value] : r.request.headers)
        if (name == "If-None-Match") return value == etag;
    return false;
}

bool has_header(const SendRequest& r, const std::string& header) {
    for (const auto& [name, value] : r.request.headers)
        if (name == header) return true;
    return false;
}

}  // namespace

TEST_CASE("a session signed in here is kept for the tab, and forgotten on sign-out") {
    State s;
    const SendRequest token = only(update(s, LoginSubmitted{"admin@demo.local", "demo-admin"}));
    auto fx = update(s, respond(token, 200, R"({"accessToken":"tok","expiresIn":3600})"));
    const auto keep = kept(fx);
    REQUIRE(keep);
    CHECK(keep->token == "tok");
    CHECK(keep->user == "admin@demo.local");
    CHECK(requests(fx).size() == 5);  // the load starts as well

    fx = update(s, LogoutRequested{});
    REQUIRE(kept(fx));
    CHECK(kept(fx)->token.empty());
    CHECK_FALSE(kept(update(s, LogoutRequested{})));  // told once
}

TEST_CASE("an expired session is forgotten with the sign-in form") {
    State s = loaded_state();
    auto reqs = requests(update(s, RefreshRequested{}));
    const auto fx = update(s, respond(find(reqs, LoadPart::Clusters), 401, "{}"));
    CHECK(s.screen == Screen::Login);
    REQUIRE(kept(fx));
    CHECK(kept(fx)->token.empty());
}

TEST_CASE("a kept session restored at page load loads at once; a host's token is not kept") {
    State s;
    auto fx = update(s, TokenProvided{"tok", "admin@demo.local", true});
    CHECK(s.screen == Screen::Credentials);
    CHECK(requests(fx).size() == 5);
    CHECK_FALSE(kept(fx));  // the tab holds it already
    CHECK(kept(update(s, LogoutRequested{}))->token.empty());

    State hosted;
    fx = update(hosted, TokenProvided{"host-token", "someone", false});
    CHECK(requests(fx).size() == 5);
    CHECK_FALSE(kept(fx));
    CHECK_FALSE(kept(update(hosted, LogoutRequested{})));  // nothing was kept
    CHECK(update(hosted, TokenProvided{"", "", true}).empty());
}

TEST_CASE("Refresh asks whether the list changed; an unchanged list keeps the rows") {
    State s;
    auto reqs = sign_in(s);
    CHECK_FALSE(has_header(find(reqs, LoadPart::Credentials), "If-None-Match"));  // nothing held yet
    auto list = respond(find(reqs, LoadPart::Credentials), 200, credentials_body());
    list.response.etag = "\"v1\"";
    update(s, std::move(list));
    update(s, respond(find(reqs, LoadPart::Clusters), 200, clusters_body()));
    update(s, respond(find(reqs, LoadPart::Projects), 200, projects_body()));
    update(s, respond(find(reqs, LoadPart::Departments), 200, departments_body(1, 1, std::nullopt)));
    REQUIRE(s.phase == LoadPhase::Loaded);
    REQUIRE(s.rows.size() == 1);

    reqs = requests(update(s, RefreshRequested{}));
    CHECK(asks_if_changed(find(reqs, LoadPart::Credentials), "\"v1\""));
    update(s, respond(find(reqs, LoadPart::Credentials), 304, ""));
    update(s, respond(find(reqs, LoadPart::Clusters), 200, clusters_body()));
    update(s, respond(find(reqs, LoadPart::Projects), 200, projects_body()));
    update(s, respond(find(reqs, LoadPart::Departments), 200, departments_body(1, 1, std::nullopt)));
    CHECK(s.phase == LoadPhase::Loaded);
    REQUIRE(s.rows.size() == 1);
    CHECK(s.rows[0].cell(Column::Credential) == "nvcr");
    CHECK(s.credentials_etag == "\"v1\"");

    // A changed list comes whole with its new tag.
    reqs = requests(update(s, RefreshRequested{}));
    auto changed = respond(find(reqs, LoadPart::Credentials), 200, R"({"entries":[]})");
    changed.response.etag = "\"v2\"";
    update(s, std::move(changed));
    update(s, respond(find(reqs, LoadPart::Clusters), 200, clusters_body()));
    update(s, respond(find(reqs, LoadPart::Projects), 200, projects_body()));
    update(s, respond(find(reqs, LoadPart::Departments), 200, departments_body(1, 1, std::nullopt)));
    CHECK(s.rows.empty());
    CHECK(s.credentials_etag == "\"v2\"");
}

TEST_CASE("a 304 without a list held is not taken for an empty list") {
    State s;
    auto reqs = sign_in(s);
    update(s, respond(find(reqs, LoadPart::Credentials), 304, ""));
    CHECK(s.phase == LoadPhase::Failed);
}

TEST_CASE("a large list shows how much of it has arrived") {
    State s;
    auto reqs = sign_in(s);
    CHECK(loading_message(s) == "Loading credentials\xE2\x80\xA6");
    const RequestContext list = find(reqs, LoadPart::Credentials).context;
    update(s, HttpProgressed{list, 3'600'000, 9'000'000});
    CHECK(loading_message(s) == "Loading credentials\xE2\x80\xA6 40% (3.6 of 9.0 MB)");
    update(s, HttpProgressed{list, 9'000'000, 9'000'000});
    CHECK(loading_message(s) == "Loading credentials\xE2\x80\xA6 99% (9.0 of 9.0 MB)");  // decoding is still to come
    update(s, HttpProgressed{list, 12'000'000, 0});
    CHECK(loading_message(s) == "Loading credentials\xE2\x80\xA6 12.0 MB");  // no total said
    // Progress of another request, or of an earlier load, changes nothing.
    update(s, HttpProgressed{find(reqs, LoadPart::Clusters).context, 1, 2});
    update(s, HttpProgressed{request::Load{LoadPart::Credentials, s.generation - 1}, 1, 2});
    CHECK(loading_message(s) == "Loading credentials\xE2\x80\xA6 12.0 MB");
}

TEST_CASE("the list is decoded from its parts as they arrive, and a broken one fails the load") {
    State s;
    auto reqs = sign_in(s);
    const SendRequest& list = find(reqs, LoadPart::Credentials);
    CHECK(list.in_parts);  // only the list comes in parts
    CHECK_FALSE(find(reqs, LoadPart::Clusters).in_parts);
    const std::string body = credentials_body();
    const std::size_t half = body.size() / 2;
    update(s, HttpProgressed{list.context, half, body.size(), body.substr(0, half)});
    update(s, HttpProgressed{list.context, body.size(), body.size(), body.substr(half)});
    update(s, respond(list, 200, ""));  // the end of the answer, without a body
    update(s, respond(find(reqs, LoadPart::Clusters), 200, clusters_body()));
    update(s, respond(find(reqs, LoadPart::Projects), 200, projects_body()));
    update(s, respond(find(reqs, LoadPart::Departments), 200, departments_body(1, 1, std::nullopt)));
    CHECK(s.phase == LoadPhase::Loaded);
    REQUIRE(s.rows.size() == 1);
    CHECK(s.rows[0].cell(Column::Credential) == "nvcr");

    // A list cut short (the connection dropped after a part) or broken is not shown in part.
    reqs = requests(update(s, RefreshRequested{}));
    const SendRequest& again = find(reqs, LoadPart::Credentials);
    update(s, HttpProgressed{again.context, half, body.size(), body.substr(0, half)});
    update(s, respond(again, 200, ""));
    CHECK(s.phase == LoadPhase::Failed);
    CHECK(s.load_error.message == "The server sent a list that is not valid JSON");
    REQUIRE(s.rows.size() == 1);  // the list held before stays
}

TEST_CASE("spare time builds the sort index; sorting gives the same order before and after") {
    State s = loaded_state();
    // More rows than the fixture's one, in an order the sorts change.
    for (int i = 0; i < 30; ++i) {
        Credential c = s.credentials.at(0);
        c.meta.id = CredentialId{"gen-" + std::to_string(i)};
        c.meta.name = "cred-" + std::to_string((i * 7) % 30);
        s.credentials.push_back(c);
    }
    s.rows = make_rows(s.credentials, s.org, 0);
    rows_changed(s, 0);
    update(s, SortClicked{Column::Credential, false});
    const auto before = s.view_rows;
    CHECK(before == compute_view(s.rows, s.view, &s.org));

    int steps = 0;
    while (has_background_work(s) && steps < 20) {
        update(s, BackgroundWorkDue{});
        ++steps;
    }
    CHECK_FALSE(has_background_work(s));
    CHECK(steps <= static_cast<int>(kColumnCount));
    update(s, SortClicked{Column::Credential, false});  // descending
    CHECK(s.view_rows == compute_view(s.rows, s.view, &s.org));
    CHECK(s.view_rows != before);
    update(s, SearchChanged{"cred-1"});
    CHECK(s.view_rows == compute_view(s.rows, s.view, &s.org));
    update(s, SearchChanged{"cred-12"});
    CHECK(s.view_rows == compute_view(s.rows, s.view, &s.org));
    CHECK(s.view_rows.size() == 1);
}
