// The organizational tree: scope names and paths, cluster derivation, inheritance.
#include "core/org.h"

#include <doctest/doctest.h>

#include <string>

using namespace cc;

namespace {

const ClusterId kClA{"c1a2b3c4-0000-4000-8000-00000000000a"};
const ClusterId kClB{"c1b2b3c4-0000-4000-8000-00000000000b"};

// Demo
//  ├─ cluster-a
//  │   ├─ research (1): team-a (10), team-b (11)
//  │   └─ platform (2): infra (20)
//  └─ cluster-b
//      └─ research-b (3): team-c (30)
OrgTree demo_tree() {
    OrgData d;
    d.account_name = "Demo";
    d.clusters = {Cluster{kClA, "cluster-a", 1001, "", {}, {}, "Connected"},
                  Cluster{kClB, "cluster-b", 1001, "", {}, {}, "Disconnected"}};
    d.departments = {Department{DepartmentId{"1"}, "research", kClA, "", "", ""},
                     Department{DepartmentId{"2"}, "platform", kClA, "", "", ""},
                     Department{DepartmentId{"3"}, "research-b", kClB, "", "", ""}};
    d.projects = {Project{ProjectId{10}, "team-a", kClA, DepartmentId{"1"}, "research", "runai-team-a", "", "", ""},
                  Project{ProjectId{11}, "team-b", kClA, DepartmentId{"1"}, "research", "runai-team-b", "", "", ""},
                  Project{ProjectId{20}, "infra", kClA, DepartmentId{"2"}, "platform", "runai-infra", "", "", ""},
                  Project{ProjectId{30}, "team-c", kClB, DepartmentId{"3"}, "research-b", "runai-team-c", "", "", ""}};
    return OrgTree(std::move(d));
}

ScopeRef tenant() {
    return ScopeRef{ScopeType::Tenant, {}, {}, {}};
}
ScopeRef cluster(const ClusterId& c) {
    return ScopeRef{ScopeType::Cluster, c, {}, {}};
}
ScopeRef dept(const char* id) {
    return ScopeRef{ScopeType::Department, {}, DepartmentId{id}, {}};
}
ScopeRef project(std::int64_t id) {
    return ScopeRef{ScopeType::Project, {}, {}, ProjectId{id}};
}

}  // namespace

TEST_CASE("lookups by id") {
    const OrgTree t = demo_tree();
    REQUIRE(t.cluster(kClB) != nullptr);
    CHECK(t.cluster(kClB)->name == "cluster-b");
    REQUIRE(t.department(DepartmentId{"2"}) != nullptr);
    CHECK(t.department(DepartmentId{"2"})->name == "platform");
    REQUIRE(t.project(ProjectId{30}) != nullptr);
    CHECK(t.project(ProjectId{30})->name == "team-c");
    CHECK(t.cluster(ClusterId{"nope"}) == nullptr);
    CHECK(t.department(DepartmentId{"99"}) == nullptr);
    CHECK(t.project(ProjectId{99}) == nullptr);
    CHECK(t.data().projects.size() == 4);
}

TEST_CASE("scope_name for each level") {
    const OrgTree t = demo_tree();
    CHECK(t.scope_name(tenant()) == "Demo");
    CHECK(t.scope_name(cluster(kClA)) == "cluster-a");
    CHECK(t.scope_name(dept("1")) == "research");
    CHECK(t.scope_name(project(10)) == "team-a");
    CHECK(t.scope_name(ScopeRef{ScopeType::System, {}, {}, {}}) == "System");

    CHECK(OrgTree().scope_name(tenant()) == "Account");  // default account name
}

TEST_CASE("scope_name for unknown ids is a readable placeholder") {
    const OrgTree t = demo_tree();
    CHECK(t.scope_name(project(17)) == "project 17");
    CHECK(t.scope_name(dept("42")) == "department 42");
    const std::string c = t.scope_name(cluster(ClusterId{"deadbeef-1111-2222-3333-444455556666"}));
    CHECK(c == "cluster deadbeef");
    // scope type without id
    CHECK(t.scope_name(ScopeRef{ScopeType::Project, {}, {}, {}}) == "project");
    CHECK(t.scope_name(ScopeRef{ScopeType::Department, {}, {}, {}}) == "department");
    CHECK(t.scope_name(ScopeRef{ScopeType::Cluster, {}, {}, {}}) == "cluster");
}

TEST_CASE("scope_path for each level, with parents derived from the tree") {
    const OrgTree t = demo_tree();
    CHECK(t.scope_path(tenant()) == "Demo");
    CHECK(t.scope_path(cluster(kClA)) == "Demo / cluster-a");
    CHECK(t.scope_path(cluster(kClB)) == "Demo / cluster-b");
    CHECK(t.scope_path(dept("1")) == "Demo / cluster-a / research");
    CHECK(t.scope_path(dept("3")) == "Demo / cluster-b / research-b");
    CHECK(t.scope_path(project(10)) == "Demo / cluster-a / research / team-a");
    CHECK(t.scope_path(project(20)) == "Demo / cluster-a / platform / infra");
    CHECK(t.scope_path(project(30)) == "Demo / cluster-b / research-b / team-c");
    // a project credential as the API sends it (all ids filled) gives the same path
    CHECK(t.scope_path(ScopeRef{ScopeType::Project, kClA, DepartmentId{"1"}, ProjectId{10}}) ==
          "Demo / cluster-a / research / team-a");
}

TEST_CASE("scope_path with unknown ids still reads") {
    const OrgTree t = demo_tree();
    CHECK(t.scope_path(project(17)) == "Demo / project 17");
    CHECK(t.scope_path(ScopeRef{ScopeType::Project, kClA, DepartmentId{"1"}, ProjectId{17}}) ==
          "Demo / cluster-a / research / project 17");
    CHECK(t.scope_path(dept("42")) == "Demo / department 42");
}

TEST_CASE("normalized fills parent ids") {
    const OrgTree t = demo_tree();
    const ScopeRef p = t.normalized(project(11));
    CHECK(p.type == ScopeType::Project);
    REQUIRE(p.department_id.has_value());
    CHECK(p.department_id->value == "1");
    REQUIRE(p.cluster_id.has_value());
    CHECK(*p.cluster_id == kClA);

    const ScopeRef d = t.normalized(dept("3"));
    REQUIRE(d.cluster_id.has_value());
    CHECK(*d.cluster_id == kClB);
    CHECK_FALSE(d.project_id.has_value());

    const ScopeRef ten = t.normalized(tenant());
    CHECK_FALSE(ten.cluster_id.has_value());
}

TEST_CASE("cluster_of and cluster_name derived through department and project") {
    const OrgTree t = demo_tree();
    CHECK_FALSE(t.cluster_of(tenant()).has_value());
    CHECK(t.cluster_name(tenant()) == "");
    CHECK(t.cluster_name(cluster(kClB)) == "cluster-b");
    CHECK(t.cluster_name(dept("2")) == "cluster-a");
    CHECK(t.cluster_name(dept("3")) == "cluster-b");
    CHECK(t.cluster_name(project(10)) == "cluster-a");
    CHECK(t.cluster_name(project(30)) == "cluster-b");
    REQUIRE(t.cluster_of(project(30)).has_value());
    CHECK(*t.cluster_of(project(30)) == kClB);
    CHECK(t.cluster_name(project(17)) == "");  // unknown project: no cluster known
}

TEST_CASE("inherits: tenant covers everything") {
    const OrgTree t = demo_tree();
    CHECK(t.inherits(tenant(), tenant()));
    CHECK(t.inherits(tenant(), cluster(kClA)));
    CHECK(t.inherits(tenant(), cluster(kClB)));
    CHECK(t.inherits(tenant(), dept("1")));
    CHECK(t.inherits(tenant(), dept("3")));
    CHECK(t.inherits(tenant(), project(10)));
    CHECK(t.inherits(tenant(), project(30)));
}

TEST_CASE("inherits: cluster covers its own departments and projects only") {
    const OrgTree t = demo_tree();
    const ScopeRef a = cluster(kClA);
    CHECK(t.inherits(a, a));
    CHECK(t.inherits(a, dept("1")));
    CHECK(t.inherits(a, dept("2")));
    CHECK(t.inherits(a, project(10)));
    CHECK(t.inherits(a, project(11)));
    CHECK(t.inherits(a, project(20)));

    CHECK_FALSE(t.inherits(a, tenant()));
    CHECK_FALSE(t.inherits(a, cluster(kClB)));
    CHECK_FALSE(t.inherits(a, dept("3")));
    CHECK_FALSE(t.inherits(a, project(30)));
    CHECK_FALSE(t.inherits(cluster(kClB), project(10)));
}

TEST_CASE("inherits: department covers its projects only") {
    const OrgTree t = demo_tree();
    const ScopeRef research = dept("1");
    CHECK(t.inherits(research, research));
    CHECK(t.inherits(research, project(10)));
    CHECK(t.inherits(research, project(11)));

    CHECK_FALSE(t.inherits(research, project(20)));  // sibling department's project
    CHECK_FALSE(t.inherits(research, project(30)));  // other cluster
    CHECK_FALSE(t.inherits(research, dept("2")));
    CHECK_FALSE(t.inherits(research, cluster(kClA)));  // not upwards
    CHECK_FALSE(t.inherits(research, tenant()));
}

TEST_CASE("inherits: project covers only itself") {
    const OrgTree t = demo_tree();
    const ScopeRef a = project(10);
    CHECK(t.inherits(a, a));
    CHECK(t.inherits(a, ScopeRef{ScopeType::Project, kClA, DepartmentId{"1"}, ProjectId{10}}));
    CHECK_FALSE(t.inherits(a, project(11)));
    CHECK_FALSE(t.inherits(a, dept("1")));
    CHECK_FALSE(t.inherits(a, cluster(kClA)));
    CHECK_FALSE(t.inherits(a, tenant()));
}

TEST_CASE("a copied or moved tree keeps resolving (the index holds positions, not pointers)") {
    OrgTree original = demo_tree();
    OrgTree copy = original;
    CHECK(copy.scope_path(project(11)) == "Demo / cluster-a / research / team-b");
    OrgTree moved = std::move(original);
    CHECK(moved.scope_path(project(30)) == "Demo / cluster-b / research-b / team-c");
    REQUIRE(moved.project(ProjectId{20}) != nullptr);
    CHECK(moved.project(ProjectId{20}) == &moved.data().projects[2]);
}

TEST_CASE("a project whose department is not visible still resolves its cluster") {
    // The org lists are filtered by permission: a researcher may see a project but not its department.
    OrgData d;
    d.account_name = "Demo";
    d.clusters = {Cluster{kClA, "cluster-a", 1001, "", {}, {}, "Connected"}};
    d.projects = {Project{ProjectId{50}, "solo", kClA, DepartmentId{"9"}, "hidden", "runai-solo", "", "", ""}};
    const OrgTree t(std::move(d));
    CHECK(t.cluster_name(project(50)) == "cluster-a");
    CHECK(t.scope_path(project(50)) == "Demo / cluster-a / department 9 / solo");
    CHECK(t.inherits(cluster(kClA), project(50)));
    CHECK(t.inherits(dept("9"), project(50)));
    CHECK_FALSE(t.inherits(cluster(kClB), project(50)));
}
