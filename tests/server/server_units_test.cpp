// Unit tests of server pieces that later endpoints build on without HTTP in between: the
// router's captures and 404/405 decisions, the credential list filter semantics, base64url,
// the name-derived ids of the demo data, and the stored form of status issues.
#include "server/credential_query.h"
#include "server/crypto.h"
#include "server/router.h"
#include "server/stored_issues.h"
#include "test_support.h"

using namespace cc;
using namespace cc::server;

TEST_CASE("router: captures, 404, 405 with Allow, HEAD as GET") {
    Router router;
    int hit = 0;
    router.add("GET", "/api/v1/asset/credentials/{kind}/{id}", RouteAccess::scoped(Action::Read),
               [&hit](RequestContext&, httplib::Response&) { hit = 1; });
    router.add("PUT", "/api/v1/asset/credentials/{kind}/{id}", RouteAccess::scoped(Action::Update),
               [&hit](RequestContext&, httplib::Response&) { hit = 2; });
    router.add("POST", "/api/v1/token", RouteAccess::public_route(),
               [&hit](RequestContext&, httplib::Response&) { hit = 3; });

    auto m = router.match("GET", "/api/v1/asset/credentials/password/6b0d3a1e");
    REQUIRE(m.kind == Router::Match::Kind::Found);
    CHECK(m.params.at("kind") == "password");
    CHECK(m.params.at("id") == "6b0d3a1e");
    httplib::Request req;
    httplib::Response res;
    CHECK_FALSE(m.is_public);
    REQUIRE(m.access);
    CHECK(m.access->describe() == "scoped:read");
    RequestContext rc{req, "/", {}, {}, {}};
    (*m.handler)(rc, res);
    CHECK(hit == 1);
    CHECK(router.match("HEAD", "/api/v1/asset/credentials/password/x").kind == Router::Match::Kind::Found);

    auto del = router.match("DELETE", "/api/v1/asset/credentials/password/x");
    CHECK(del.kind == Router::Match::Kind::MethodNotAllowed);
    CHECK(del.allow == "GET, PUT");
    CHECK_FALSE(del.is_public);  // a 405 on a signed-in path needs a token first
    auto token = router.match("GET", "/api/v1/token");
    CHECK(token.kind == Router::Match::Kind::MethodNotAllowed);
    CHECK(token.is_public);
    CHECK(router.match("POST", "/api/v1/token").is_public);

    CHECK(router.match("GET", "/api/v1/asset/credentials/password").kind == Router::Match::Kind::NotFound);
    CHECK(router.match("GET", "/api/v1/asset/credentials/password/x/y").kind == Router::Match::Kind::NotFound);
    CHECK(router.match("POST", "/api/v1/token/").kind == Router::Match::Kind::NotFound);
}

TEST_CASE("credential filter: ancestors, descendants and levels") {
    OrgData data;
    data.clusters = {{ClusterId{"c1"}, "cluster-a", 1001, "", {}, {}, "Connected"},
                     {ClusterId{"c2"}, "cluster-b", 1001, "", {}, {}, "Connected"}};
    data.departments = {{DepartmentId{"1"}, "research", ClusterId{"c1"}, "", "", ""},
                        {DepartmentId{"2"}, "vision", ClusterId{"c2"}, "", "", ""}};
    data.projects = {
        {ProjectId{1}, "team-a", ClusterId{"c1"}, DepartmentId{"1"}, "research", "runai-team-a", "", "", ""},
        {ProjectId{2}, "team-b", ClusterId{"c2"}, DepartmentId{"2"}, "vision", "runai-team-b", "", "", ""}};
    const OrgTree tree(data);
    auto meta = [](ScopeRef s) {
        AssetMeta m;
        m.scope = s;
        return m;
    };
    const AssetMeta tenant = meta({ScopeType::Tenant, {}, {}, {}});
    const AssetMeta cluster_a = meta({ScopeType::Cluster, ClusterId{"c1"}, {}, {}});
    const AssetMeta research = meta({ScopeType::Department, ClusterId{"c1"}, DepartmentId{"1"}, {}});
    const AssetMeta team_a = meta({ScopeType::Project, ClusterId{"c1"}, DepartmentId{"1"}, ProjectId{1}});
    const AssetMeta team_b = meta({ScopeType::Project, ClusterId{"c2"}, DepartmentId{"2"}, ProjectId{2}});

    CredentialQuery at_team_a;
    at_team_a.project_id = ProjectId{1};
    for (const auto* m : {&tenant, &cluster_a, &research, &team_a}) CHECK(credential_matches(at_team_a, tree, *m));
    CHECK_FALSE(credential_matches(at_team_a, tree, team_b));

    CredentialQuery at_research;
    at_research.department_id = DepartmentId{"1"};
    CHECK(credential_matches(at_research, tree, cluster_a));
    CHECK_FALSE(credential_matches(at_research, tree, team_a));
    at_research.include_descendants = true;
    CHECK(credential_matches(at_research, tree, team_a));
    CHECK_FALSE(credential_matches(at_research, tree, team_b));

    CredentialQuery projects_of_cluster_a;
    projects_of_cluster_a.scope = ScopeType::Project;
    projects_of_cluster_a.cluster_id = ClusterId{"c1"};
    CHECK(credential_matches(projects_of_cluster_a, tree, team_a));
    CHECK_FALSE(credential_matches(projects_of_cluster_a, tree, team_b));
    CHECK_FALSE(credential_matches(projects_of_cluster_a, tree, research));
}

TEST_CASE("base64url and name-derived ids") {
    for (const std::string& s :
         std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar", std::string("\xff\xfe\x00\x01", 4)})
        CHECK(base64url_decode(base64url_encode(s)) == s);
    CHECK(base64url_encode("\xfb\xff") == "-_8");
    CHECK_FALSE(base64url_decode("Zm9v=").has_value());  // no padding in JWTs
    CHECK_FALSE(base64url_decode("Zm+v").has_value());   // not the URL alphabet
    const std::string id = uuid_from_name("credential/nvcr-a");
    CHECK(id == uuid_from_name("credential/nvcr-a"));
    CHECK(id != uuid_from_name("credential/nvcr-b"));
    CHECK(is_uuid(id));
    CHECK(id[14] == '4');
    CHECK(is_uuid(random_uuid()));
    CHECK(random_uuid() != random_uuid());
}

TEST_CASE("stored status issues: written and read back, unreadable entries skipped") {
    const std::vector<StatusIssue> issues = {{"c1", ScopeType::Cluster, IssueKind::ReplicationError},
                                             {"7", ScopeType::Project, IssueKind::NotCreated},
                                             {"", ScopeType::Tenant, IssueKind::LostPhase}};
    const std::string stored = encode_stored_issues(issues);
    CHECK(stored == R"([["c1","cluster","ReplicationError"],["7","project","NotCreated"],["","tenant","LostPhase"]])");
    const auto back = decode_stored_issues(stored);
    REQUIRE(back.size() == issues.size());
    for (std::size_t i = 0; i < issues.size(); ++i) {
        CHECK(back[i].scope_id == issues[i].scope_id);
        CHECK(back[i].scope_type == issues[i].scope_type);
        CHECK(back[i].issue == issues[i].issue);
    }
    CHECK(encode_stored_issues({}) == "[]");
    CHECK(decode_stored_issues("[]").empty());

    // Not an array, or not JSON at all (a column written by hand): no issues rather than an error.
    CHECK(decode_stored_issues("").empty());
    CHECK(decode_stored_issues("{}").empty());
    CHECK(decode_stored_issues("[[\"c1\",").empty());
    // Each triple stands alone: wrong shapes, wrong types and unknown names are skipped.
    const auto mixed = decode_stored_issues(R"([["d1","department","LostPhase"],)"
                                            R"(["c1","cluster"],)"
                                            R"(["c1","cluster","ReplicationError","extra"],)"
                                            R"([1,"cluster","ReplicationError"],)"
                                            R"(["c1","galaxy","ReplicationError"],)"
                                            R"(["c1","cluster","Exploded"],)"
                                            R"({"scopeId":"c1","scopeType":"cluster","issue":"NotCreated"},)"
                                            R"(["p2","project","NotCreated"]])");
    REQUIRE(mixed.size() == 2);
    CHECK(mixed[0].scope_id == "d1");
    CHECK(mixed[0].scope_type == ScopeType::Department);
    CHECK(mixed[0].issue == IssueKind::LostPhase);
    CHECK(mixed[1].scope_id == "p2");
    CHECK(mixed[1].scope_type == ScopeType::Project);
    CHECK(mixed[1].issue == IssueKind::NotCreated);
}
