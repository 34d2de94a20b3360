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

TEST_CASE("the first load has its first rows pending until rows or an outcome arrive; a refresh has not") {
    State s;
    CHECK_FALSE(first_rows_pending(s));  // the login form shows
    auto reqs = sign_in(s);
    CHECK(first_rows_pending(s));
    update(s, respond(find(reqs, LoadPart::Credentials), 200, credentials_body()));
    answer_org(s, reqs);
    REQUIRE(s.phase == LoadPhase::Loaded);
    CHECK_FALSE(first_rows_pending(s));
    update(s, RefreshRequested{});
    CHECK_FALSE(first_rows_pending(s));  // the rows it has stay on screen

    State failed;
    reqs = sign_in(failed);
    update(failed, respond(find(reqs, LoadPart::Credentials), 500, R"({"code":500,"message":"down"})"));
    CHECK_FALSE(first_rows_pending(failed));  // the error shows at once
}

TEST_CASE("Refresh asks whether the list changed; an unchanged list keeps the rows") {
    State s;
    auto reqs = sign_in(s);
    CHECK_FALSE(has_header(find(reqs, LoadPart::Credentials), "If-None-Match"));  // nothing held yet
    auto list = respond(find(reqs, LoadPart::Credentials), 200, credentials_body());
    list.response.etag = "\"v1\"";
    update(s, std::move(list));
    answer_org(s, reqs);
    REQUIRE(s.phase == LoadPhase::Loaded);
    REQUIRE(s.rows.size() == 1);

    reqs = requests(update(s, RefreshRequested{}));
    CHECK(asks_if_changed(find(reqs, LoadPart::Credentials), "\"v1\""));
    update(s, respond(find(reqs, LoadPart::Credentials), 304, ""));
    answer_org(s, reqs);
    CHECK(s.phase == LoadPhase::Loaded);
    REQUIRE(s.rows.size() == 1);
    CHECK(s.rows[0].cell(Column::Credential) == "nvcr");
    CHECK(s.credentials_etag == "\"v1\"");

    // A changed list comes whole with its new tag.
    reqs = requests(update(s, RefreshRequested{}));
    auto changed = respond(find(reqs, LoadPart::Credentials), 200, R"({"entries":[]})");
    changed.response.etag = "\"v2\"";
    update(s, std::move(changed));
    answer_org(s, reqs);
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
    answer_org(s, reqs);
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

namespace {

// A list of `n` credentials named cred-0, cred-1, ... in that (server) order, and where each
// entry ends in the body.
std::string many_credentials_body(int n, std::vector<std::size_t>& entry_ends) {
    const Json one = Json::parse(credentials_body())["entries"][0];
    std::string body = R"({"entries":[)";
    for (int i = 0; i < n; ++i) {
        Json e = one;
        e["meta"]["id"] = "c-" + std::to_string(i);
        e["meta"]["name"] = "cred-" + std::to_string(i);
        body += (i ? "," : "") + e.dump();
        entry_ends.push_back(body.size());
    }
    return body + "]}";
}

std::vector<std::string> names_shown(const State& s) {
    std::vector<std::string> out;
    for (const auto i : s.view_rows) out.emplace_back(s.rows[i].cell(Column::Credential));
    return out;
}

}  // namespace

TEST_CASE("a first load shows the rows that arrived while the rest is on its way") {
    State s;
    auto reqs = sign_in(s);
    const SendRequest& list = find(reqs, LoadPart::Credentials);
    std::vector<std::size_t> ends;
    const std::string body = many_credentials_body(6, ends);
    // Rows name their scopes: nothing shows before the org has arrived.
    update(s, HttpProgressed{list.context, ends[1], body.size(), body.substr(0, ends[1] + 1)});
    CHECK(s.rows.empty());
    answer_org(s, reqs);
    CHECK(s.phase == LoadPhase::Loading);
    CHECK(s.rows_preview);
    CHECK(names_shown(s) == std::vector<std::string>{"cred-0", "cred-1"});
    CHECK(s.row_at(CredentialId{"c-1"}) == 1u);
    CHECK(s.rows[0].scope_path() == "Account / cluster-a / dept-1 / team-a");  // named by the org

    // A search meanwhile narrows what has arrived and what arrives next.
    update(s, SearchChanged{"cred-3"});
    CHECK(names_shown(s).empty());
    update(s, HttpProgressed{list.context, ends[4], body.size(), body.substr(ends[1] + 1, ends[4] - ends[1])});
    CHECK(names_shown(s) == std::vector<std::string>{"cred-3"});
    update(s, SearchChanged{""});
    CHECK(names_shown(s) == std::vector<std::string>{"cred-0", "cred-1", "cred-2", "cred-3", "cred-4"});

    // The end: every row, the preview's kept, the phase loaded.
    update(s, HttpProgressed{list.context, body.size(), body.size(), body.substr(ends[4] + 1)});
    update(s, respond(list, 200, ""));
    CHECK(s.phase == LoadPhase::Loaded);
    CHECK_FALSE(s.rows_preview);
    CHECK(names_shown(s) == std::vector<std::string>{"cred-0", "cred-1", "cred-2", "cred-3", "cred-4", "cred-5"});
    CHECK(s.row_at(CredentialId{"c-5"}) == 5u);
}

TEST_CASE("no preview under a sort, and a broken list drops the rows it showed") {
    std::vector<std::size_t> ends;
    const std::string body = many_credentials_body(4, ends);
    {
        State s;
        update(s, SortClicked{Column::Credential, true});
        auto reqs = sign_in(s);
        answer_org(s, reqs);
        update(s, HttpProgressed{find(reqs, LoadPart::Credentials).context, ends[2], body.size(),
                                 body.substr(0, ends[2] + 1)});
        CHECK(s.rows.empty());  // a sorted view's first rows are not known before the end
    }
    State s;
    auto reqs = sign_in(s);
    answer_org(s, reqs);
    const SendRequest& list = find(reqs, LoadPart::Credentials);
    update(s, HttpProgressed{list.context, ends[2], body.size(), body.substr(0, ends[2] + 1)});
    CHECK(s.rows.size() == 3);
    update(s, respond(list, 200, ""));  // cut short
    CHECK(s.phase == LoadPhase::Failed);
    CHECK(s.rows.empty());
    CHECK(s.view_rows.empty());
    CHECK_FALSE(s.row_at(CredentialId{"c-0"}));
}
