// The form's name check: DNS-1123 rule, then one name per scope node across kinds (the
// server's credentials_name_in_scope index), with rename ignoring the credential itself.
#include "core/name_check.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace cc;

namespace {

const ClusterId kClA{"c1a2b3c4-0000-4000-8000-00000000000a"};
const ClusterId kClB{"c1b2b3c4-0000-4000-8000-00000000000b"};

OrgTree demo_tree() {
    OrgData d;
    d.account_name = "Demo";
    d.clusters = {Cluster{kClA, "cluster-a", 1001, "", {}, {}, "Connected"},
                  Cluster{kClB, "cluster-b", 1001, "", {}, {}, "Connected"}};
    d.departments = {Department{DepartmentId{"1"}, "research", kClA, "", "", ""}};
    d.projects = {Project{ProjectId{10}, "team-a", kClA, DepartmentId{"1"}, "research", "runai-team-a", "", "", ""},
                  Project{ProjectId{11}, "team-b", kClA, DepartmentId{"1"}, "research", "runai-team-b", "", "", ""}};
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

Credential cred(const char* id, const char* name, CredentialKind kind, ScopeRef scope) {
    Credential c;
    c.meta.id = CredentialId{id};
    c.meta.name = name;
    c.meta.kind = kind;
    c.meta.scope = std::move(scope);
    c.spec = empty_spec(kind);
    return c;
}

const CredentialStore kLoaded{std::vector<Credential>{
    cred("c1", "s3-ro", CredentialKind::AccessKey, project(10)),
    cred("c2", "nvcr", CredentialKind::DockerRegistry, dept("1")),
    cred("c3", "shared", CredentialKind::Password, tenant()),
    cred("c4", "registry", CredentialKind::DockerRegistry, cluster(kClA)),
    // As the API may return it: parent ids filled in.
    cred("c5", "wandb", CredentialKind::GenericSecret,
         ScopeRef{ScopeType::Project, kClA, DepartmentId{"1"}, ProjectId{11}}),
}};

const std::optional<CredentialId> kNew = std::nullopt;

}  // namespace

TEST_CASE("name check: the DNS-1123 rule comes first") {
    CHECK(*name_problem_in_scope("", project(10), kLoaded, kNew) == "Enter a name");
    CHECK(name_problem_in_scope("S3-ro", project(10), kLoaded, kNew)->find("lowercase") != std::string::npos);
    CHECK(name_problem_in_scope("Nvcr", dept("1"), kLoaded, kNew)->find("lowercase") != std::string::npos);
    CHECK_FALSE(name_problem_in_scope(std::string(63, 'a'), project(10), kLoaded, kNew).has_value());
    const auto too_long = name_problem_in_scope(std::string(64, 'a'), project(10), kLoaded, kNew);
    REQUIRE(too_long.has_value());
    CHECK(too_long->find("64") != std::string::npos);
    CHECK(name_problem_in_scope("my_creds", project(10), kLoaded, kNew)->find("'_'") != std::string::npos);
    CHECK_FALSE(name_problem_in_scope("fresh-name", project(10), kLoaded, kNew).has_value());
}

TEST_CASE("name check: unique within the scope node across kinds") {
    // Same project, another kind: still a clash.
    const auto p = name_problem_in_scope("s3-ro", project(10), kLoaded, kNew);
    REQUIRE(p.has_value());
    CHECK(*p == "A credential named s3-ro already exists in this project (type: Access key)");

    // Same name elsewhere is fine: another project, the parent department, the cluster, the account.
    CHECK_FALSE(name_problem_in_scope("s3-ro", project(11), kLoaded, kNew).has_value());
    CHECK_FALSE(name_problem_in_scope("s3-ro", dept("1"), kLoaded, kNew).has_value());
    CHECK_FALSE(name_problem_in_scope("s3-ro", cluster(kClA), kLoaded, kNew).has_value());
    CHECK_FALSE(name_problem_in_scope("s3-ro", tenant(), kLoaded, kNew).has_value());

    CHECK(name_problem_in_scope("nvcr", dept("1"), kLoaded, kNew).has_value());
    CHECK_FALSE(name_problem_in_scope("nvcr", dept("2"), kLoaded, kNew).has_value());
    CHECK(name_problem_in_scope("registry", cluster(kClA), kLoaded, kNew).has_value());
    CHECK_FALSE(name_problem_in_scope("registry", cluster(kClB), kLoaded, kNew).has_value());
    CHECK(*name_problem_in_scope("shared", tenant(), kLoaded, kNew) ==
          "A credential named shared already exists in this account (type: Username & password)");

    // Only the id of the scope's own level counts: parent ids present on one side only.
    CHECK(name_problem_in_scope("wandb", project(11), kLoaded, kNew).has_value());
    CHECK(name_problem_in_scope("s3-ro", ScopeRef{ScopeType::Project, kClA, DepartmentId{"1"}, ProjectId{10}}, kLoaded,
                                kNew)
              .has_value());

    CHECK_FALSE(name_problem_in_scope("s3-ro", project(10), {}, kNew).has_value());
}

TEST_CASE("name check: rename ignores the credential itself") {
    CHECK_FALSE(name_problem_in_scope("s3-ro", project(10), kLoaded, CredentialId{"c1"}).has_value());
    CHECK(name_problem_in_scope("s3-ro", project(10), kLoaded, CredentialId{"c2"}).has_value());
    // Renaming into a clash with another credential of the same scope.
    CredentialStore two = kLoaded;
    two.push_back(cred("c6", "other", CredentialKind::Password, project(10)));
    CHECK(name_problem_in_scope("s3-ro", project(10), two, CredentialId{"c6"}).has_value());
    CHECK_FALSE(name_problem_in_scope("other", project(10), two, CredentialId{"c6"}).has_value());
}

TEST_CASE("name check: the OrgTree overload names the scope") {
    const OrgTree t = demo_tree();
    CHECK(*name_problem_in_scope("s3-ro", project(10), kLoaded, kNew, t) ==
          "A credential named s3-ro already exists in team-a (type: Access key)");
    CHECK(*name_problem_in_scope("nvcr", dept("1"), kLoaded, kNew, t) ==
          "A credential named nvcr already exists in research (type: Docker registry)");
    CHECK(*name_problem_in_scope("shared", tenant(), kLoaded, kNew, t) ==
          "A credential named shared already exists in Demo (type: Username & password)");
    CHECK(*name_problem_in_scope("Bad", tenant(), kLoaded, kNew, t) == "Use lowercase letters only");
    CHECK_FALSE(name_problem_in_scope("s3-ro", project(11), kLoaded, kNew, t).has_value());
}

TEST_CASE("name check: same_scope_node") {
    CHECK(same_scope_node(tenant(), tenant()));
    CHECK_FALSE(same_scope_node(tenant(), cluster(kClA)));
    CHECK(same_scope_node(cluster(kClA), cluster(kClA)));
    CHECK_FALSE(same_scope_node(cluster(kClA), cluster(kClB)));
    CHECK(same_scope_node(project(10), ScopeRef{ScopeType::Project, kClA, DepartmentId{"1"}, ProjectId{10}}));
    CHECK_FALSE(same_scope_node(project(10), project(11)));
    CHECK_FALSE(same_scope_node(dept("1"), project(10)));
    CHECK(same_scope_node(dept("1"), ScopeRef{ScopeType::Department, kClA, DepartmentId{"1"}, {}}));
}
