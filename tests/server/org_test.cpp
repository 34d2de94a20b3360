// API tests of the org tree: clusters as a bare array and one by uuid, departments and projects
// as paginated {"departments"|"projects", "next"} objects with filterBy/sortBy/search, one of
// each by id, the 400s and 404s, and what the web app builds from them. Every answer is checked
// against the OpenAPI document.
#include "core/org.h"

#include <set>

#include "openapi_schema.h"
#include "test_support.h"

using namespace cc;
using namespace cc::test;

namespace {

// GET with the admin's token; the answer is checked against the OpenAPI document.
httplib::Result get(const std::string& path) {
    auto c = shared_server().client();
    static const std::string token = admin_token(c);
    auto r = c.Get(path.c_str(), bearer(token));
    check_response("GET", path, r);
    return r;
}

std::vector<std::string> names(const Json& list) {
    std::vector<std::string> out;
    for (const auto& e : list) out.push_back(e.at("name"));
    return out;
}

std::vector<std::string> project_names(const std::string& query) {
    auto r = get("/api/v1/org-unit/projects?" + query);
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
    return names(body_json(r).at("projects"));
}

std::vector<std::string> department_names(const std::string& query) {
    auto r = get("/api/v1/org-unit/departments?" + query);
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
    return names(body_json(r).at("departments"));
}

// A 400 whose message or details name the query parameter.
void expect_bad_parameter(const std::string& path, const std::string& parameter) {
    CAPTURE(path);
    const Json j = expect_error(get(path), 400);
    CHECK((j.at("message").get<std::string>() + j.at("details").get<std::string>()).find(parameter) !=
          std::string::npos);
}

const std::string kClusterA = "d73a738f-fab3-430a-8fa3-5241493d7128";
const std::string kClusterB = "5b1c2e9a-7f3d-4c1b-9e8a-2f6d4a0c3b71";

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
    expect_bad_parameter("/api/v1/clusters?verbosity=everything", "verbosity");
    expect_bad_parameter("/api/v1/clusters?includeRequestedForDelete=maybe", "includeRequestedForDelete");
    // No cluster is requested for deletion, so including those changes nothing.
    CHECK(body_json(get("/api/v1/clusters?includeRequestedForDelete=true&verbosity=full")) == j);
}

TEST_CASE("clusters: one by uuid") {
    const Json all = body_json(get("/api/v1/clusters"));
    for (const auto& c : all) {
        const std::string uuid = c.at("uuid");
        CAPTURE(uuid);
        auto r = get("/api/v1/clusters/" + uuid);
        REQUIRE(r);
        REQUIRE(r->status == 200);
        CHECK(body_json(r) == c);
        CHECK(body_json(get("/api/v1/clusters/" + uuid + "?verbosity=metadata")) == c);
    }
    expect_error(get("/api/v1/clusters/00000000-0000-4000-8000-000000000000"), 404);
    expect_bad_parameter("/api/v1/clusters/cluster-a", "clusterUuid");
    expect_bad_parameter("/api/v1/clusters/" + kClusterA + "?verbosity=all", "verbosity");
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
        CHECK(project.at("id").is_string());  // a string here, an int in credentials
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

TEST_CASE("departments and projects: one by id") {
    SUBCASE("each department, with its projects as children") {
        const Json list = body_json(get("/api/v1/org-unit/departments"));
        const Json projects = body_json(get("/api/v1/org-unit/projects")).at("projects");
        for (const auto& d : list.at("departments")) {
            const std::string id = d.at("id");
            CAPTURE(id);
            const Json one = body_json(get("/api/v1/org-unit/departments/" + id));
            CHECK(one == d);
            std::set<std::string> children, expected;
            for (const auto& c : one.at("children")) children.insert(c.at("name"));
            for (const auto& p : projects)
                if (p.at("parentId") == id) expected.insert(p.at("name"));
            CHECK(children.size() == 3);
            CHECK(children == expected);
        }
    }
    SUBCASE("each project") {
        const Json list = body_json(get("/api/v1/org-unit/projects"));
        for (const auto& p : list.at("projects")) {
            const std::string id = p.at("id");
            CAPTURE(id);
            CHECK(body_json(get("/api/v1/org-unit/projects/" + id)) == p);
        }
    }
    SUBCASE("unknown ids are 404") {
        for (const char* path : {"/api/v1/org-unit/departments/99", "/api/v1/org-unit/departments/research",
                                 "/api/v1/org-unit/projects/13", "/api/v1/org-unit/projects/0",
                                 "/api/v1/org-unit/projects/team-a", "/api/v1/org-unit/projects/1x"}) {
            CAPTURE(path);
            const Json j = expect_error(get(path), 404);
            CHECK(j.at("message") == "Resource id not found.");
        }
    }
}

TEST_CASE("org-unit filterBy over HTTP") {
    SUBCASE("departments of a cluster") {
        CHECK(department_names("filterBy=clusterId==" + kClusterA) == std::vector<std::string>{"research", "platform"});
        CHECK(department_names("filterBy=clusterId!=" + kClusterA) == std::vector<std::string>{"vision", "nlp"});
    }
    SUBCASE("projects by parent, by cluster, by name") {
        CHECK(project_names("filterBy=parentName==vision") == std::vector<std::string>{"team-g", "team-h", "team-i"});
        CHECK(project_names("filterBy=departmentId==4") == std::vector<std::string>{"team-j", "team-k", "team-l"});
        CHECK(project_names("filterBy=parentId==1") == std::vector<std::string>{"team-a", "team-b", "team-c"});
        CHECK(project_names("filterBy=clusterId==" + kClusterB).size() == 6);
        CHECK(project_names("filterBy=name=$-l") == std::vector<std::string>{"team-l"});
        CHECK(project_names("filterBy=name=^TEAM-A") == std::vector<std::string>{"team-a"});
        CHECK(project_names("filterBy=name!@team").empty());
        CHECK(project_names("filterBy=phase==Ready").size() == 12);
        CHECK(project_names("filterBy=departmentId>=3").size() == 6);
    }
    SUBCASE("percent-encoded, repeated and comma-joined terms") {
        const std::vector<std::string> expected{"team-d", "team-e"};
        CHECK(project_names("filterBy=parentName%3D%3Dplatform&filterBy=name%21%3Dteam-f") == expected);
        CHECK(project_names("filterBy=parentName==platform&filterBy=name!=team-f") == expected);
        CHECK(project_names("filterBy=parentName==platform,name!=team-f") == expected);
    }
    SUBCASE("dates") {
        // Departments are created on consecutive minutes of the same day, in id order.
        const Json all = body_json(get("/api/v1/org-unit/departments")).at("departments");
        const std::string third = all[2].at("createdAt");
        CHECK(department_names("filterBy=createdAt>=" + third) == std::vector<std::string>{"vision", "nlp"});
        CHECK(department_names("filterBy=createdAt<=" + third) ==
              std::vector<std::string>{"research", "platform", "vision"});
        CHECK(department_names("filterBy=createdAt==" + third) == std::vector<std::string>{"vision"});
        CHECK(department_names("filterBy=createdAt>=2100-01-01").empty());
    }
    SUBCASE("bad terms are 400 naming filterBy") {
        for (const char* q : {"filterBy=name", "filterBy=bogus==1", "filterBy=phase==Ready", "filterBy=createdAt=@2026",
                              "filterBy=createdAt>=someday", "filterBy=totalGpuQuota>=1", "filterBy="})
            expect_bad_parameter(std::string("/api/v1/org-unit/departments?") + q, "filterBy");
        expect_bad_parameter("/api/v1/org-unit/projects?filterBy=name==a,bogus==b", "filterBy");
    }
}

TEST_CASE("org-unit sortBy, sortOrder, search and paging together") {
    SUBCASE("sort") {
        CHECK(department_names("sortBy=name") == std::vector<std::string>{"nlp", "platform", "research", "vision"});
        CHECK(department_names("sortBy=name&sortOrder=desc") ==
              std::vector<std::string>{"vision", "research", "platform", "nlp"});
        CHECK(department_names("sortOrder=desc") == std::vector<std::string>{"nlp", "vision", "platform", "research"});
        CHECK(project_names("sortBy=parentName&limit=3") == std::vector<std::string>{"team-j", "team-k", "team-l"});
        // Project ids compare as numbers: 10, 11 and 12 come last.
        const auto by_id = project_names("sortBy=id");
        CHECK(by_id.back() == "team-l");
        CHECK(by_id[9] == "team-j");
        CHECK(project_names("sortBy=createdAt&sortOrder=desc&limit=1") == std::vector<std::string>{"team-l"});
    }
    SUBCASE("search") {
        CHECK(project_names("search=TEAM-C") == std::vector<std::string>{"team-c"});
        CHECK(project_names("search=team").size() == 12);
        CHECK(project_names("search=nothing-like-this").empty());
        CHECK(project_names("search=team-a%20").empty());
    }
    SUBCASE("filter, search, sort and page at once") {
        const std::string q = "filterBy=clusterId==" + kClusterB + "&search=team&sortBy=name&sortOrder=desc&limit=4";
        const Json first = body_json(get("/api/v1/org-unit/projects?" + q));
        CHECK(names(first.at("projects")) == std::vector<std::string>{"team-l", "team-k", "team-j", "team-i"});
        REQUIRE(first.at("next") == 4);
        const Json rest = body_json(get("/api/v1/org-unit/projects?" + q + "&offset=4"));
        CHECK(names(rest.at("projects")) == std::vector<std::string>{"team-h", "team-g"});
        CHECK_FALSE(rest.contains("next"));
    }
    SUBCASE("bad values are 400 naming the parameter") {
        expect_bad_parameter("/api/v1/org-unit/projects?sortBy=color", "sortBy");
        expect_bad_parameter("/api/v1/org-unit/projects?sortBy=gpuAllocated", "sortBy");
        expect_bad_parameter("/api/v1/org-unit/departments?sortBy=phase", "sortBy");
        expect_bad_parameter("/api/v1/org-unit/projects?sortOrder=ascending", "sortOrder");
        expect_bad_parameter("/api/v1/org-unit/projects?sortBy=name&sortBy=id", "sortBy");
        expect_bad_parameter("/api/v1/org-unit/projects?search=a&search=b", "search");
        expect_bad_parameter("/api/v1/org-unit/departments?verbosity=full", "verbosity");
        expect_bad_parameter("/api/v1/org-unit/projects?limit=501", "limit");
        expect_bad_parameter("/api/v1/org-unit/departments?offset=x", "offset");
        CHECK(department_names("verbosity=verbose").size() == 4);
    }
}
