// API tests of `--demo-org large` (Config::demo_org): a new database gets the standard demo org
// plus 5 clusters, 50 departments and 1,000 projects with namespaces, credentials at every level
// of the new tree with their Secrets in the simulated clusters, the same data on every seed, and
// credentials can be created at the new scopes. Also the option's errors and its empty variant.
#include <chrono>
#include <map>
#include <set>

#include "cluster_support.h"
#include "core/org.h"
#include "server/cluster_store.h"

using namespace cc;
using namespace cc::test;

namespace {

server::Config large_config(std::optional<std::size_t> demo_size = std::nullopt) {
    server::Config c = test_config({});
    c.demo_org = "large";
    c.demo_size = demo_size;
    return c;
}

// Every entry of a paginated org-unit list, following `next`.
std::vector<Json> all_pages(Api& api, const std::string& path, const std::string& key) {
    std::vector<Json> out;
    std::size_t offset = 0;
    for (int pages = 0; pages < 50; ++pages) {
        const Json page = api.expect(api.get(path + "?limit=500&offset=" + std::to_string(offset)), 200);
        for (const auto& e : page.at(key)) out.push_back(e);
        if (!page.contains("next")) break;
        offset = page.at("next").get<std::size_t>();
    }
    return out;
}

OrgTree org_of(Api& api) {
    OrgData d;
    auto clusters = decode_clusters(api.expect(api.get("/api/v1/clusters"), 200).dump());
    REQUIRE(clusters.ok());
    d.clusters = *clusters;
    for (const auto& j : all_pages(api, "/api/v1/org-unit/departments", "departments"))
        d.departments.push_back(Department{DepartmentId{j.at("id").get<std::string>()}, j.at("name"),
                                           ClusterId{j.at("clusterId").get<std::string>()}, "", "", ""});
    for (const auto& j : all_pages(api, "/api/v1/org-unit/projects", "projects"))
        d.projects.push_back(Project{ProjectId{std::stoll(j.at("id").get<std::string>())}, j.at("name"),
                                     ClusterId{j.at("clusterId").get<std::string>()},
                                     DepartmentId{j.at("parentId").get<std::string>()}, j.at("parent").at("name"),
                                     j.at("status").at("namespace"), "", "", ""});
    return OrgTree(std::move(d));
}

}  // namespace

TEST_CASE("demo org large: 5 more clusters, 50 departments, 1,000 projects, credentials at every level") {
    const auto start = std::chrono::steady_clock::now();
    TestServer s(large_config());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(s.server->seeded_on_start());
    CHECK_MESSAGE(seconds < 15.0, "seeding the large org took " << seconds << " s");
    Api api(s, kAdmin);

    const OrgTree tree = org_of(api);
    const OrgData& org = tree.data();
    std::set<std::string> cluster_names;
    for (const auto& c : org.clusters) {
        cluster_names.insert(c.name);
        CHECK(c.state == "Connected");
    }
    CHECK(cluster_names == std::set<std::string>{"cluster-a", "cluster-b", "gpu-central", "gpu-east", "gpu-north",
                                                 "gpu-south", "gpu-west"});
    REQUIRE(org.departments.size() == 4 + 50);
    REQUIRE(org.projects.size() == 12 + 1000);

    // The standard org is still there, with its ids.
    REQUIRE(tree.project(ProjectId{1}) != nullptr);
    CHECK(tree.project(ProjectId{1})->name == "team-a");
    REQUIRE(tree.department(DepartmentId{"4"}) != nullptr);
    CHECK(tree.department(DepartmentId{"4"})->name == "nlp");

    // 10 departments per new cluster, 20 projects per new department, unique DNS-1123 names.
    std::map<std::string, int> departments_per_cluster, projects_per_department;
    for (const auto& d : org.departments)
        ++departments_per_cluster[tree.cluster_name(ScopeRef{ScopeType::Department, {}, d.id, {}})];
    for (const auto& p : org.projects) ++projects_per_department[p.parent_id.value];
    for (const char* c : {"gpu-east", "gpu-west", "gpu-central", "gpu-north", "gpu-south"})
        CHECK(departments_per_cluster[c] == 10);
    int full_departments = 0;
    for (const auto& [id, n] : projects_per_department) full_departments += n == 20;
    CHECK(full_departments == 50);
    std::set<std::string> names;
    int bad_names = 0;
    for (const auto& p : org.projects) {
        names.insert(p.name);
        bad_names += !server::is_dns1123_label(p.name) || p.namespace_name != "runai-" + p.name;
    }
    CHECK(names.size() == 1012);
    CHECK(bad_names == 0);
    const Department* research_east = tree.department(DepartmentId{"5"});
    REQUIRE(research_east != nullptr);
    CHECK(research_east->name == "research-east");
    const Project* first = tree.project(ProjectId{13});
    REQUIRE(first != nullptr);
    CHECK(first->name == "research-east-alpha");
    CHECK(first->namespace_name == "runai-research-east-alpha");
    CHECK(tree.scope_path(ScopeRef{ScopeType::Project, {}, {}, ProjectId{1012}}) ==
          "Account / gpu-south / safety-south / safety-south-tango");
    // A department answers with its 20 projects as children.
    const Json dept = api.expect(api.get("/api/v1/org-unit/departments/30"), 200);
    CHECK(dept.at("children").size() == 20);

    // Credentials at every level of the new tree, steady and truthful.
    auto list = decode_credential_list(api.expect(api.get(kCredentialsPath + "?statusInfo=true"), 200).dump());
    REQUIRE(list.ok());
    std::map<ScopeType, int> new_scopes;
    int hand_written = 0, not_steady = 0;
    for (const auto& c : *list) {
        const ScopeRef scope = tree.normalized(c.meta.scope);
        const bool is_new = scope.cluster_id && tree.cluster(*scope.cluster_id) &&
                            tree.cluster(*scope.cluster_id)->name.rfind("gpu-", 0) == 0;
        if (!is_new) {
            ++hand_written;
            continue;
        }
        ++new_scopes[scope.type];
        not_steady += !c.status || c.status->status != SyncStatus::NoIssuesFound;
    }
    CHECK(hand_written == 42);
    CHECK(new_scopes[ScopeType::Cluster] == 10);
    CHECK(new_scopes[ScopeType::Department] == 50);
    CHECK(new_scopes[ScopeType::Project] == 334 + 100);
    CHECK(not_steady == 0);

    // Their objects are in the simulated clusters: a cluster credential's copy in a project
    // namespace, and the account-wide credentials reach the new clusters too.
    const std::string gpu_west = [&] {
        for (const auto& c : org.clusters)
            if (c.name == "gpu-west") return c.uuid.value;
        return std::string();
    }();
    const Json items = cluster_secrets(api, gpu_west, "runai-vision-west-kilo");
    CHECK(find_secret(items, "runai-vision-west-kilo", "gpu-west-nvcr").has_value());
    CHECK(find_secret(items, "runai-vision-west-kilo", "ngc-org-key").has_value());
    CHECK(find_secret(items, "runai-vision-west-kilo", "nvcr-a").has_value() == false);  // cluster-a's
}

TEST_CASE("demo org large: creating a credential at a new project scope") {
    TestServer s(large_config());
    Api api(s, kAdmin);
    const Json project = api.expect(api.get("/api/v1/org-unit/projects/1012"), 200);
    CHECK(project.at("name") == "safety-south-tango");
    const std::string id = create_credential(api, CredentialKind::Password, "tango-deploy", project_scope(1012),
                                             spec_with_values(CredentialKind::Password, "x1"));
    const Json settled = wait_settled(api, CredentialKind::Password, id);
    CHECK(status_of(settled) == "No issues found");  // the project's namespace exists
    const Json items = cluster_secrets(api, project.at("clusterId"), "runai-safety-south-tango");
    CHECK(find_secret(items, "runai-safety-south-tango", "tango-deploy").has_value());
    // and at a new department
    create_credential(api, CredentialKind::NgcApiKey, "nim-dept-37", department_scope("37"),
                      spec_with_values(CredentialKind::NgcApiKey, "x2"));
}

TEST_CASE("demo org large: deterministic, and without credentials for --demo-size 0") {
    TestServer a(large_config());
    TestServer b(large_config(0));
    Api api_a(a, kAdmin), api_b(b, kAdmin);
    const OrgTree ta = org_of(api_a), tb = org_of(api_b);
    REQUIRE(ta.data().projects.size() == tb.data().projects.size());
    int differences = 0;
    for (std::size_t i = 0; i < ta.data().projects.size(); ++i) {
        const Project& x = ta.data().projects[i];
        const Project& y = tb.data().projects[i];
        differences += x.id != y.id || x.name != y.name || x.cluster_id != y.cluster_id || x.parent_id != y.parent_id;
    }
    for (std::size_t i = 0; i < ta.data().clusters.size(); ++i)
        differences += ta.data().clusters[i].uuid != tb.data().clusters[i].uuid;
    CHECK(differences == 0);
    CHECK(api_b.expect(api_b.get(kCredentialsPath), 200).at("entries").empty());
    // The namespaces exist without credentials too.
    const Project* p = tb.project(ProjectId{500});
    REQUIRE(p != nullptr);
    const Json ns = api_b.expect(api_b.get(kExt + p->cluster_id.value + "/namespaces"), 200);
    CHECK(ns.dump().find(p->namespace_name) != std::string::npos);
}

TEST_CASE("demo org large: generated credentials spread over the whole tree") {
    TestServer s(large_config(1200));
    Api api(s, kAdmin);
    auto list = decode_credential_list(api.expect(api.get(kCredentialsPath), 200).dump());
    REQUIRE(list.ok());
    CHECK(list->size() == 1200);
    const OrgTree tree = org_of(api);
    // Generated names start with their kind's prefix; no hand-written or large-org name does in a project.
    int generated_in_new_projects = 0;
    for (const auto& c : *list) {
        if (!c.meta.scope.project_id || c.meta.scope.project_id->value <= 12) continue;
        for (const char* prefix : {"key-", "login-", "registry-", "secret-", "ngc-"})
            generated_in_new_projects += c.meta.name.rfind(prefix, 0) == 0;
    }
    CHECK(generated_in_new_projects > 200);
}

TEST_CASE("demo org: an unknown name is refused") {
    TempDir dir;
    server::Config c = test_config(dir.path() / "data");
    c.demo_org = "huge";
    server::Server server(c);
    const auto started = server.start();
    REQUIRE_FALSE(started.ok());
    CHECK(started.error().details.find("huge") != std::string::npos);
}
