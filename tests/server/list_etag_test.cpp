// The credential lists' ETag: it changes with any change a caller could see (a create, an
// agent's status report, another caller, another query, a restart of the server), and a matching
// If-None-Match gets a 304 without a body.
#include "cluster_support.h"

using namespace cc;
using namespace cc::test;

namespace {

struct ListAnswer {
    int status = 0;
    std::string etag;
    std::string body;
};

ListAnswer get_list(const TestServer& s, const std::string& token, const std::string& path,
                    const std::string& if_none_match = {}) {
    auto c = s.client();
    httplib::Headers headers = bearer(token);
    if (!if_none_match.empty()) headers.emplace("If-None-Match", if_none_match);
    auto r = c.Get(path.c_str(), headers);
    REQUIRE(r);
    if (r->status == 200 || r->status == 304) CHECK(r->get_header_value("Cache-Control") == "no-cache, private");
    return {r->status, r->get_header_value("ETag"), r->body};
}

const std::string kFullList = kCredentialsPath + "?usageInfo=true&statusInfo=true";

// The status of credential `id` in a list body; empty when it is not listed.
std::string listed_status(const std::string& body, const std::string& id) {
    const auto list = parse_json(body);
    REQUIRE(list.ok());
    for (const auto& e : list->at("entries"))
        if (e.at("meta").at("id") == id) return e.at("status").at("status");
    return {};
}

}  // namespace

TEST_CASE("credential lists: ETag, 304 without a body, and a new ETag for another caller or query") {
    TestServer s;
    auto c = s.client();
    const std::string admin = admin_token(c);
    const std::string researcher = token_for(c, "/", kResearcher.email, kResearcher.password);

    const ListAnswer first = get_list(s, admin, kFullList);
    REQUIRE(first.status == 200);
    REQUIRE(first.etag.size() > 4);
    CHECK(first.etag.rfind("W/\"", 0) == 0);
    CHECK(get_list(s, admin, kFullList).etag == first.etag);

    const ListAnswer revalidated = get_list(s, admin, kFullList, first.etag);
    CHECK(revalidated.status == 304);
    CHECK(revalidated.body.empty());
    CHECK(revalidated.etag == first.etag);
    CHECK(get_list(s, admin, kFullList, "\"nope\", " + first.etag).status == 304);

    // Another caller sees other entries: another tag, and the admin's tag does not match.
    const ListAnswer theirs = get_list(s, researcher, kFullList, first.etag);
    CHECK(theirs.status == 200);
    CHECK(theirs.etag != first.etag);
    CHECK(theirs.body != first.body);
    // Another query, another body, another tag.
    const ListAnswer without_status = get_list(s, admin, kCredentialsPath + "?usageInfo=true", first.etag);
    CHECK(without_status.status == 200);
    CHECK(without_status.etag != first.etag);
    // The per-kind lists revalidate the same way.
    const std::string per_kind = kCredentialsPath + "/generic-secret?statusInfo=true";
    const ListAnswer kind_list = get_list(s, admin, per_kind);
    REQUIRE(kind_list.status == 200);
    CHECK(kind_list.etag != first.etag);
    CHECK(get_list(s, admin, per_kind, kind_list.etag).status == 304);
    // An invalid query is an error, never a 304.
    auto bad = c.Get((kCredentialsPath + "?statusInfo=maybe").c_str(),
                     {{"Authorization", "Bearer " + admin}, {"If-None-Match", "*"}});
    expect_error(bad, 400);
    CHECK_FALSE(bad->has_header("ETag"));
}

TEST_CASE("credential lists: a create and the agents' status reports change the ETag") {
    auto config = test_config({});
    config.agent_delay_ms = 400;  // long enough to list the credential while it is Creating
    TestServer s(config);
    Api admin(s, kAdmin);
    const ListAnswer before = get_list(s, admin.token(), kFullList);
    REQUIRE(before.status == 200);

    const std::string id = create_credential(admin, CredentialKind::GenericSecret, "etag-probe", project_scope(2),
                                             spec_with_values(CredentialKind::GenericSecret, "etag"));
    const ListAnswer creating = get_list(s, admin.token(), kFullList, before.etag);
    REQUIRE(creating.status == 200);
    CHECK(creating.etag != before.etag);
    REQUIRE(listed_status(creating.body, id) == "Creating");

    // The agent reports the new status: the tag taken while Creating no longer matches.
    const Json settled = wait_settled(admin, CredentialKind::GenericSecret, id);
    const ListAnswer after = get_list(s, admin.token(), kFullList, creating.etag);
    CHECK(after.status == 200);
    CHECK(after.etag != creating.etag);
    CHECK(listed_status(after.body, id) == status_of(settled));
    CHECK(status_of(settled) != "Creating");
}

TEST_CASE("credential lists: an ETag of an earlier run of the server does not match") {
    TestServer s;
    auto c = s.client();
    const ListAnswer first = get_list(s, admin_token(c), kFullList);
    REQUIRE(first.status == 200);
    auto config = s.server->config();
    s.server->stop();
    s.start(config);
    auto c2 = s.client();
    const ListAnswer restarted = get_list(s, admin_token(c2), kFullList, first.etag);
    CHECK(restarted.status == 200);
    CHECK(restarted.etag != first.etag);
}
