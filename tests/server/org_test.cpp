// API tests of the org-tree lists: clusters as a bare array, departments and projects as
// paginated {"departments"|"projects", "next"} objects, and what the web app builds from them.
#include <set>

#include "core/org.h"
#include "test_support.h"

using namespace cc;
using namespace cc::test;

namespace {

httplib::Result get(const std::string& path) {
    auto c = shared_server().client();
    static const std::string token = admin_token(c);
    return c.Get(path.c_str(), bearer(token));
}

}  // namespace

TEST_CASE("clusters: an array of two connected clusters") {
    auto r = get("/api/v1/clusters?verbosity=metadata");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    const Json j = body_json(r);
    REQUIRE(j.is_array());
    auto clusters = decode_clusters(r->body);
    REQUIRE(clusters.ok());
    REQUIRE(clusters->size() == 2);
    std::set<std::string> names;
    for (const auto& c : *clusters) {
        names.insert(c.name);
        CHECK(c.tenant_id == 1001);
        CHECK(c.state == "Connected");
        CHECK(c.uuid.value.size() == 36);
    }
    CHECK(names == std::set<std::string>{"cluster-a", "cluster-b"});
    expect_error(get("/api/v1/clusters?verbosity=everything"), 400);
}

TEST_CASE("departments and projects: shapes and the tree they form") {
    auto d = get("/api/v1/org-unit/departments");
    auto p = get("/api/v1/org-unit/projects?limit=500");
    REQUIRE(d);
    REQUIRE(p);
    REQUIRE(d->status == 200);
    REQUIRE(p->status == 200);
    CHECK_FALSE(body_json(d).contains("next"));
    CHECK_FALSE(body_json(p).contains("next"));
    const Json project_list = body_json(p);
    for (const auto& project : project_list.at("projects")) {
        CHECK(project.at("id").is_string());  // a string here, an int in credentials (§4.4)
        CHECK(project.at("status").at("namespace") == "runai-" + project.at("name").get<std::string>());
    }
    auto clusters = decode_clusters(get("/api/v1/clusters")->body);
    auto departments = decode_departments(d->body);
    auto projects = decode_projects(p->body);
    REQUIRE(clusters.ok());
    REQUIRE(departments.ok());
    REQUIRE(projects.ok());
    CHECK(departments->size() == 4);
    CHECK(projects->size() == 12);

    OrgData data;
    data.clusters = *clusters;
    data.departments = *departments;
    data.projects = *projects;
    const OrgTree tree(data);
    const ScopeRef team_a{ScopeType::Project, {}, {}, ProjectId{1}};
    CHECK(tree.scope_path(team_a) == "Account / cluster-a / research / team-a");
    const ScopeRef team_l{ScopeType::Project, {}, {}, ProjectId{12}};
    CHECK(tree.cluster_name(team_l) == "cluster-b");
    for (const auto& pr : *projects) {
        CAPTURE(pr.name);
        const Department* dep = tree.department(pr.parent_id);
        REQUIRE(dep != nullptr);
        CHECK(dep->cluster_id == pr.cluster_id);
        CHECK(pr.parent_name == dep->name);
    }
}

TEST_CASE("org-unit pagination: offset, limit and next") {
    SUBCASE("projects in pages of 5") {
        std::vector<std::string> ids;
        int offset = 0;
        for (int page = 0; page < 5; ++page) {
            const Json j = body_json(get("/api/v1/org-unit/projects?limit=5&offset=" + std::to_string(offset)));
            for (const auto& p : j.at("projects")) ids.push_back(p.at("id"));
            if (!j.contains("next")) break;
            CHECK(j.at("next") == offset + 5);
            offset = j.at("next");
        }
        CHECK(ids == std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"});
    }
    SUBCASE("default limit 50 returns all twelve without next") {
        const Json j = body_json(get("/api/v1/org-unit/projects"));
        CHECK(j.at("projects").size() == 12);
        CHECK_FALSE(j.contains("next"));
    }
    SUBCASE("departments page") {
        const Json j = body_json(get("/api/v1/org-unit/departments?limit=3"));
        CHECK(j.at("departments").size() == 3);
        CHECK(j.at("next") == 3);
        const Json rest = body_json(get("/api/v1/org-unit/departments?limit=3&offset=3"));
        REQUIRE(rest.at("departments").size() == 1);
        CHECK(rest.at("departments")[0].at("name") == "nlp");
        CHECK_FALSE(rest.contains("next"));
    }
    SUBCASE("offset past the end is an empty page") {
        const Json j = body_json(get("/api/v1/org-unit/projects?offset=100"));
        CHECK(j.at("projects").empty());
        CHECK_FALSE(j.contains("next"));
    }
    SUBCASE("bad values are 400") {
        for (const char* q : {"limit=0", "limit=501", "limit=abc", "offset=-1", "offset=1.5", "limit=10&limit=20"}) {
            CAPTURE(q);
            expect_error(get(std::string("/api/v1/org-unit/projects?") + q), 400);
            expect_error(get(std::string("/api/v1/org-unit/departments?") + q), 400);
        }
    }
}
