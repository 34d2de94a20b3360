// Tests of credentials RBAC: the role table and scope expansion of permissions.cpp (unit), the
// permitted-scopes endpoint for each demo user, and its enforcement on the credentials
// endpoints: 403 outside the permitted scopes, lists and GETs limited to what the caller may
// read (inherited credentials included), others' private credentials hidden.
#include "server/permissions.h"

#include <set>

#include "credentials_api.h"

using namespace cc;
using namespace cc::test;
using server::Action;
using server::Permissions;
using server::RoleAssignment;

namespace {

// account 1001 -> c1 { d1 { p1, p2 }, d2 { p3 } }, c2 { d3 { p4 } }
OrgTree small_tree() {
    OrgData d;
    d.clusters = {{ClusterId{"c1"}, "cluster-a", 1001, "", {}, {}, "Connected"},
                  {ClusterId{"c2"}, "cluster-b", 1001, "", {}, {}, "Connected"}};
    d.departments = {{DepartmentId{"1"}, "research", ClusterId{"c1"}, "", "", ""},
                     {DepartmentId{"2"}, "platform", ClusterId{"c1"}, "", "", ""},
                     {DepartmentId{"3"}, "vision", ClusterId{"c2"}, "", "", ""}};
    d.projects = {{ProjectId{1}, "p1", ClusterId{"c1"}, DepartmentId{"1"}, "research", "runai-p1", "", "", ""},
                  {ProjectId{2}, "p2", ClusterId{"c1"}, DepartmentId{"1"}, "research", "runai-p2", "", "", ""},
                  {ProjectId{3}, "p3", ClusterId{"c1"}, DepartmentId{"2"}, "platform", "runai-p3", "", "", ""},
                  {ProjectId{4}, "p4", ClusterId{"c2"}, DepartmentId{"3"}, "vision", "runai-p4", "", "", ""}};
    return OrgTree(std::move(d));
}

ScopeRef tenant() {
    return {ScopeType::Tenant, {}, {}, {}};
}
ScopeRef cluster(const char* id) {
    return {ScopeType::Cluster, ClusterId{id}, {}, {}};
}
ScopeRef department(const char* id, const char* c) {
    return {ScopeType::Department, ClusterId{c}, DepartmentId{id}, {}};
}
ScopeRef project(std::int64_t id, const char* d, const char* c) {
    return {ScopeType::Project, ClusterId{c}, DepartmentId{d}, ProjectId{id}};
}

AssetMeta meta_at(ScopeRef scope, bool is_private = false, const char* by = "someone@x") {
    AssetMeta m;
    m.scope = std::move(scope);
    m.is_private = is_private;
    m.created_by = by;
    return m;
}

Json permitted(Api& api, const Json& body) {
    return api.expect(api.post("/api/v1/authorization/permitted-scopes", body), 200);
}

std::set<std::string> strings(const Json& a) {
    std::set<std::string> out;
    for (const auto& s : a) out.insert(s.get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("permissions: the role table and the scope a role covers") {
    const OrgTree tree = small_tree();
    SUBCASE("system administrator: everything, system included") {
        const auto p = Permissions::for_roles({{"System administrator", ScopeType::Tenant, "1001"}}, tree, 1001);
        for (auto a : server::kAllActions) {
            CHECK(p.scopes(a).system);
            CHECK(p.scopes(a).tenants == std::set<std::string>{"1001"});
            CHECK(p.scopes(a).clusters.size() == 2);
            CHECK(p.scopes(a).departments.size() == 3);
            CHECK(p.scopes(a).projects.size() == 4);
        }
    }
    SUBCASE("department administrator: the department and its projects") {
        const auto p = Permissions::for_roles({{"Department administrator", ScopeType::Department, "1"}}, tree, 1001);
        for (auto a : server::kAllActions) {
            CHECK_FALSE(p.scopes(a).system);
            CHECK(p.scopes(a).tenants.empty());
            CHECK(p.scopes(a).clusters.empty());
            CHECK(p.scopes(a).departments == std::set<std::string>{"1"});
            CHECK(p.scopes(a).projects == std::set<std::int64_t>{1, 2});
        }
        CHECK(p.may(Action::Create, department("1", "c1")));
        CHECK(p.may(Action::Delete, project(2, "1", "c1")));
        CHECK_FALSE(p.may(Action::Create, project(3, "2", "c1")));
        CHECK_FALSE(p.may(Action::Update, cluster("c1")));
        CHECK_FALSE(p.may(Action::Create, tenant()));
        // Reads what is inherited into the department, not the siblings.
        CHECK(p.can_read(meta_at(tenant()), "x"));
        CHECK(p.can_read(meta_at(cluster("c1")), "x"));
        CHECK_FALSE(p.can_read(meta_at(cluster("c2")), "x"));
        CHECK_FALSE(p.can_read(meta_at(department("2", "c1")), "x"));
        CHECK(p.can_read(meta_at(project(1, "1", "c1")), "x"));
    }
    SUBCASE("L1 researcher: the project, plus reading what it inherits") {
        const auto p = Permissions::for_roles({{"L1 researcher", ScopeType::Project, "1"}}, tree, 1001);
        CHECK(p.scopes(Action::Create).projects == std::set<std::int64_t>{1});
        CHECK(p.scopes(Action::Create).departments.empty());
        CHECK(p.may(Action::Update, project(1, "1", "c1")));
        CHECK_FALSE(p.may(Action::Update, project(2, "1", "c1")));
        CHECK_FALSE(p.may(Action::Delete, department("1", "c1")));
        CHECK(p.can_read(meta_at(department("1", "c1")), "x"));
        CHECK(p.can_read(meta_at(tenant()), "x"));
        CHECK_FALSE(p.can_read(meta_at(project(2, "1", "c1")), "x"));
        CHECK_FALSE(p.can_read(meta_at(department("2", "c1")), "x"));
    }
    SUBCASE("viewer: reads everywhere, changes nothing") {
        const auto p = Permissions::for_roles({{"Viewer", ScopeType::Tenant, "1001"}}, tree, 1001);
        CHECK(p.scopes(Action::Create).empty());
        CHECK(p.scopes(Action::Update).empty());
        CHECK(p.scopes(Action::Delete).empty());
        CHECK(p.scopes(Action::Read).projects.size() == 4);
        CHECK_FALSE(p.scopes(Action::Read).system);
        CHECK(p.can_read(meta_at(project(4, "3", "c2")), "x"));
    }
    SUBCASE("a role at a cluster covers its departments and projects; roles add up") {
        const auto p = Permissions::for_roles(
            {{"Editor", ScopeType::Cluster, "c2"}, {"L1 researcher", ScopeType::Project, "3"}}, tree, 1001);
        CHECK(p.scopes(Action::Create).clusters == std::set<std::string>{"c2"});
        CHECK(p.scopes(Action::Create).departments == std::set<std::string>{"3"});
        CHECK(p.scopes(Action::Create).projects == std::set<std::int64_t>{3, 4});
    }
    SUBCASE("unknown roles and unknown nodes grant nothing") {
        const auto p = Permissions::for_roles({{"Janitor", ScopeType::Tenant, "1001"},
                                               {"Editor", ScopeType::Project, "77"},
                                               {"Editor", ScopeType::Department, "nope"},
                                               {"Editor", ScopeType::Project, "x1"}},
                                              tree, 1001);
        for (auto a : server::kAllActions) CHECK(p.scopes(a).empty());
        CHECK_FALSE(p.can_read(meta_at(tenant()), "x"));
    }
    SUBCASE("private credentials: their creator only") {
        const auto admin = Permissions::for_roles({{"System administrator", ScopeType::Tenant, "1001"}}, tree, 1001);
        CHECK_FALSE(admin.can_read(meta_at(project(1, "1", "c1"), true, "other@x"), "admin@x"));
        CHECK(admin.can_read(meta_at(project(1, "1", "c1"), true, "admin@x"), "admin@x"));
    }
    SUBCASE("actions by name") {
        for (auto a : server::kAllActions) CHECK(server::action_from_api_name(server::action_api_name(a)) == a);
        CHECK_FALSE(server::action_from_api_name("Create"));
    }
}

TEST_CASE("permitted-scopes: each demo user's answer") {
    TestServer& server = shared_server();
    const Json req = {{"resourceType", "credentials"}, {"action", "create"}};
    SUBCASE("admin") {
        Api api(server, kAdmin);
        const Json r = permitted(api, req);
        for (const char* a : {"create", "read", "update", "delete"}) {
            CHECK(r.at(a).at("system") == true);
            CHECK(strings(r.at(a).at("tenants")) == std::set<std::string>{"1001"});
            CHECK(r.at(a).at("clusters").size() == 2);
            CHECK(r.at(a).at("departments").size() == 4);
            CHECK(r.at(a).at("projects").size() == 12);
        }
    }
    SUBCASE("department administrator of research") {
        Api api(server, kDeptAdmin);
        const Json r = permitted(api, {{"resourceType", "credentials"}, {"action", nullptr}});
        for (const char* a : {"create", "read", "update", "delete"}) {
            CHECK(r.at(a).at("system") == false);
            CHECK(r.at(a).at("tenants").empty());
            CHECK(r.at(a).at("clusters").empty());
            CHECK(strings(r.at(a).at("departments")) == std::set<std::string>{"1"});
            CHECK(strings(r.at(a).at("projects")) == std::set<std::string>{"1", "2", "3"});
        }
    }
    SUBCASE("researcher of team-a") {
        Api api(server, kResearcher);
        const Json r = permitted(api, {{"resourceType", "credentials"}});
        CHECK(strings(r.at("create").at("projects")) == std::set<std::string>{"1"});
        CHECK(r.at("create").at("departments").empty());
    }
    SUBCASE("viewer") {
        Api api(server, kViewer);
        const Json r = permitted(api, req);
        CHECK(r.at("create").at("projects").empty());
        CHECK(r.at("create").at("tenants").empty());
        CHECK(r.at("read").at("projects").size() == 12);
    }
    SUBCASE("bad requests") {
        Api api(server, kAdmin);
        for (const Json& body :
             {Json::object(), Json{{"resourceType", 3}}, Json{{"resourceType", "galaxies"}},
              Json{{"resourceType", "projects"}}, Json{{"resourceType", "credentials"}, {"action", "fly"}},
              Json{{"resourceType", "credentials"}, {"scope", "x"}}, Json::array()}) {
            CAPTURE(body.dump());
            expect_error(api.post("/api/v1/authorization/permitted-scopes", body), 400);
        }
        expect_error(api.post_raw("/api/v1/authorization/permitted-scopes", "{"), 400);
    }
}

TEST_CASE("RBAC: what each demo user may create, change and see") {
    TestServer server;
    using K = CredentialKind;
    const Json spec = spec_with_values(K::Password, "r");

    SUBCASE("researcher: creates in its project only, sees what its project inherits") {
        Api api(server, kResearcher);
        api.expect(api.post(kind_path(K::Password), create_body("mine", project_scope(1), spec)), 202);
        for (const Json& scope : {project_scope(2), department_scope("1"), cluster_scope(kClusterA), tenant_scope()}) {
            CAPTURE(scope.dump());
            expect_error(api.post(kind_path(K::Password), create_body("not-mine", scope, spec)), 403);
        }
        const auto seen = api.names(kCredentialsPath);
        const std::set<std::string> got(seen.begin(), seen.end());
        for (const char* inherited : {"mine", "team-a-wandb", "research-ghcr", "nvcr-a", "ngc-org-key"})
            CHECK(got.count(inherited) == 1);
        for (const char* hidden : {"team-b-dockerhub", "gitlab-platform", "nvcr-b", "team-g-quay"})
            CHECK(got.count(hidden) == 0);
        CHECK(api.names(kind_path(K::DockerRegistry)) ==
              std::vector<std::string>{"dockerhub-mirror", "nvcr-a", "research-ghcr"});

        // An inherited credential can be read but not changed; another project's cannot be read.
        Api admin(server, kAdmin);
        auto id_of = [&admin](const std::string& name) {
            return admin.expect(admin.get(kCredentialsPath + "?name=" + name), 200)
                .at("entries")[0]
                .at("meta")
                .at("id")
                .get<std::string>();
        };
        const std::string nvcr = id_of("nvcr-a");
        api.expect(api.get(item_path(K::DockerRegistry, nvcr)), 200);
        expect_error(api.put(item_path(K::DockerRegistry, nvcr), {{"meta", {{"description", "mine now"}}}}), 403);
        expect_error(api.del(item_path(K::DockerRegistry, nvcr)), 403);
        const std::string other = id_of("team-b-dockerhub");
        expect_error(api.get(item_path(K::DockerRegistry, other)), 403);
        expect_error(api.del(item_path(K::DockerRegistry, other)), 403);
        // Its own project's credentials it may change.
        const std::string git = id_of("team-a-git");
        api.expect(api.put(item_path(K::Password, git), {{"meta", {{"description", "edited"}}}}), 202);
        CHECK(admin.expect(admin.get(item_path(K::DockerRegistry, nvcr)), 200).at("meta").at("description") ==
              "NGC container registry");
    }
    SUBCASE("department administrator: the department and its projects") {
        Api api(server, kDeptAdmin);
        api.expect(api.post(kind_path(K::Password), create_body("d1", department_scope("1"), spec)), 202);
        api.expect(api.post(kind_path(K::Password), create_body("p3", project_scope(3), spec)), 202);
        expect_error(api.post(kind_path(K::Password), create_body("p4", project_scope(4), spec)), 403);
        expect_error(api.post(kind_path(K::Password), create_body("c", cluster_scope(kClusterA), spec)), 403);
        const auto seen = api.names(kCredentialsPath);
        const std::set<std::string> got(seen.begin(), seen.end());
        CHECK(got.count("team-c-s3") == 1);   // project 3, below the department
        CHECK(got.count("nvcr-a") == 1);      // inherited
        CHECK(got.count("team-d-ngc") == 0);  // project 4, department 2
    }
    SUBCASE("viewer: reads everything, changes nothing") {
        Api viewer(server, kViewer);
        Api admin(server, kAdmin);
        CHECK(viewer.names(kCredentialsPath).size() == admin.names(kCredentialsPath).size());
        expect_error(viewer.post(kind_path(K::Password), create_body("v", project_scope(1), spec)), 403);
        const Json any = admin.expect(admin.get(kind_path(K::Password)), 200).at("entries")[0];
        const std::string id = any.at("meta").at("id");
        expect_error(viewer.put(item_path(K::Password, id), {{"meta", {{"description", "v"}}}}), 403);
        expect_error(viewer.del(item_path(K::Password, id)), 403);
    }
    SUBCASE("private credentials are visible to their creator only") {
        Api admin(server, kAdmin);
        Api researcher(server, kResearcher);
        Json body = create_body("admins-own", tenant_scope(), spec_with_values(K::DockerRegistry, "p"));
        body["meta"]["private"] = true;
        const Json c = admin.expect(admin.post(kind_path(K::DockerRegistry), body), 202);
        CHECK(c.at("meta").at("private") == true);
        const std::string id = c.at("meta").at("id");
        admin.expect(admin.get(item_path(K::DockerRegistry, id)), 200);
        expect_error(researcher.get(item_path(K::DockerRegistry, id)), 404);
        expect_error(researcher.del(item_path(K::DockerRegistry, id)), 404);
        const auto seen = researcher.names(kCredentialsPath);
        CHECK(std::find(seen.begin(), seen.end(), "admins-own") == seen.end());

        body["meta"]["name"] = "researchers-own";
        const Json mine = researcher.expect(researcher.post(kind_path(K::DockerRegistry), body), 202);
        expect_error(admin.get(item_path(K::DockerRegistry, mine.at("meta").at("id"))), 404);
        researcher.expect(researcher.get(item_path(K::DockerRegistry, mine.at("meta").at("id"))), 200);
    }
}
