// kubectl commands for pre-created secrets: namespace and labels per scope (docs/api.md,
// 'Existing secrets'), data keys per kind, and the cases with no command.
#include "core/kubectl_snippet.h"

#include <doctest/doctest.h>

#include <string>

using namespace cc;

namespace {

const ClusterId kClA{"c1a2b3c4-0000-4000-8000-00000000000a"};
const ClusterId kClB{"c1b2b3c4-0000-4000-8000-00000000000b"};

// Demo
//  ├─ cluster-a
//  │   └─ research (7): team-a (10, runai-team-a), ml-prod (12, requested namespace "ml-prod"),
//  │                    legacy (13, namespace not reported)
//  └─ cluster-b
//      └─ research-b (8): team-c (30)
OrgTree demo_tree() {
    OrgData d;
    d.account_name = "Demo";
    d.clusters = {Cluster{kClA, "cluster-a", 1001, "", {}, {}, "Connected"},
                  Cluster{kClB, "cluster-b", 1001, "", {}, {}, "Connected"}};
    d.departments = {Department{DepartmentId{"7"}, "research", kClA, "", "", ""},
                     Department{DepartmentId{"8"}, "research-b", kClB, "", "", ""}};
    d.projects = {Project{ProjectId{10}, "team-a", kClA, DepartmentId{"7"}, "research", "runai-team-a", "", "", ""},
                  Project{ProjectId{12}, "ml-prod", kClA, DepartmentId{"7"}, "research", "ml-prod", "", "", ""},
                  Project{ProjectId{13}, "legacy", kClA, DepartmentId{"7"}, "research", "", "", "", ""},
                  Project{ProjectId{30}, "team-c", kClB, DepartmentId{"8"}, "research-b", "runai-team-c", "", "", ""}};
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

struct KindCase {
    CredentialKind kind;
    const char* resource;     // run.ai/resource value, as Run:ai documents it
    const char* create_args;  // what follows "<name> --namespace=<ns>"
    const char* secret_type;  // generic | docker-registry
};

// Literal expectations (not derived from kind_k8s_label) so a changed label fails here.
const KindCase kKinds[] = {
    {CredentialKind::AccessKey, "access-key",
     " --from-literal=AccessKeyId='<ACCESS_KEY_ID>' --from-literal=SecretKey='<SECRET_ACCESS_KEY>'", "generic"},
    {CredentialKind::Password, "password", " --from-literal=User='<USERNAME>' --from-literal=Password='<PASSWORD>'",
     "generic"},
    {CredentialKind::DockerRegistry, "docker-registry",
     " --docker-server='<REGISTRY_URL>' --docker-username='<USERNAME>' --docker-password='<PASSWORD>'",
     "docker-registry"},
    {CredentialKind::GenericSecret, "generic", " --from-literal='<KEY>=<VALUE>'", "generic"},
};

std::string expected(const KindCase& k, const std::string& cluster_name, const std::string& ns,
                     const std::string& scope_labels) {
    return "# on cluster " + cluster_name + "\n" + "kubectl create secret " + k.secret_type +
           " my-secret --namespace=" + ns + k.create_args + "\n" + "kubectl label secret my-secret --namespace=" + ns +
           " run.ai/resource=" + k.resource + scope_labels;
}

}  // namespace

TEST_CASE("kubectl: access key at cluster scope, exact text") {
    const auto r = kubectl_create_commands(CredentialKind::AccessKey, cluster(kClA), demo_tree(), "s3-ro");
    REQUIRE(r.ok());
    CHECK(*r ==
          "# on cluster cluster-a\n"
          "kubectl create secret generic s3-ro --namespace=runai --from-literal=AccessKeyId='<ACCESS_KEY_ID>' "
          "--from-literal=SecretKey='<SECRET_ACCESS_KEY>'\n"
          "kubectl label secret s3-ro --namespace=runai run.ai/resource=access-key run.ai/cluster-wide=true");
}

TEST_CASE("kubectl: every kind at cluster, department and project scope") {
    const OrgTree t = demo_tree();
    for (const auto& k : kKinds) {
        CAPTURE(k.resource);
        // cluster: namespace runai, run.ai/cluster-wide=true
        auto c = kubectl_create_commands(k.kind, cluster(kClB), t, "my-secret");
        REQUIRE(c.ok());
        CHECK(*c == expected(k, "cluster-b", "runai", " run.ai/cluster-wide=true"));

        // department: namespace runai, run.ai/department=<department id> (the id, not the name)
        auto d = kubectl_create_commands(k.kind, dept("7"), t, "my-secret");
        REQUIRE(d.ok());
        CHECK(*d == expected(k, "cluster-a", "runai", " run.ai/department=7"));

        // project: the project's namespace, no scope label
        auto p = kubectl_create_commands(k.kind, project(30), t, "my-secret");
        REQUIRE(p.ok());
        CHECK(*p == expected(k, "cluster-b", "runai-team-c", ""));

        // account: no existing secrets (a Secret lives in one cluster)
        auto a = kubectl_create_commands(k.kind, tenant(), t, "my-secret");
        REQUIRE_FALSE(a.ok());
        CHECK(a.error().message.find("Account") != std::string::npos);
    }
}

TEST_CASE("kubectl: a generic secret's format gives its data keys, and an SSH key the ssh-auth type") {
    const OrgTree t = demo_tree();
    const std::pair<SecretFormat, const char*> cases[] = {
        {SecretFormat::KeyValues, " --from-literal='<KEY>=<VALUE>'"},
        {SecretFormat::AccessKey,
         " --from-literal=AccessKeyId='<ACCESS_KEY_ID>' --from-literal=SecretKey='<SECRET_ACCESS_KEY>'"},
        {SecretFormat::UsernamePassword, " --from-literal=User='<USERNAME>' --from-literal=Password='<PASSWORD>'"},
        {SecretFormat::SshKey, " --type=kubernetes.io/ssh-auth --from-file=ssh-privatekey='<PRIVATE_KEY_FILE>'"},
    };
    for (const auto& one : cases) {
        const SecretFormat format = one.first;
        const char* const args = one.second;
        CAPTURE(secret_format_label(format));
        const auto r = kubectl_create_commands(CredentialKind::GenericSecret, project(10), t, "deploy", format);
        REQUIRE(r.ok());
        CHECK(*r ==
              "# on cluster cluster-a\n"
              "kubectl create secret generic deploy --namespace=runai-team-a" +
                  std::string(args) +
                  "\n"
                  "kubectl label secret deploy --namespace=runai-team-a run.ai/resource=generic");
    }
    // Other kinds have no formats.
    CHECK(kubectl_create_commands(CredentialKind::Password, project(10), t, "x", SecretFormat::SshKey).value() ==
          kubectl_create_commands(CredentialKind::Password, project(10), t, "x").value());
}

TEST_CASE("kubectl: project namespace comes from the org tree") {
    const OrgTree t = demo_tree();
    auto requested = kubectl_create_commands(CredentialKind::Password, project(12), t, "db");
    REQUIRE(requested.ok());
    CHECK(requested->find("kubectl create secret generic db --namespace=ml-prod ") != std::string::npos);
    CHECK(requested->find("kubectl label secret db --namespace=ml-prod run.ai/resource=password") != std::string::npos);

    // Namespace not reported: the default runai-<project name>.
    auto fallback = kubectl_create_commands(CredentialKind::Password, project(13), t, "db");
    REQUIRE(fallback.ok());
    CHECK(fallback->find("--namespace=runai-legacy ") != std::string::npos);

    // Parent ids filled in (normalized scope) change nothing.
    ScopeRef full{ScopeType::Project, kClA, DepartmentId{"7"}, ProjectId{10}};
    auto normalized = kubectl_create_commands(CredentialKind::GenericSecret, full, t, "x");
    REQUIRE(normalized.ok());
    CHECK(*normalized == kubectl_create_commands(CredentialKind::GenericSecret, project(10), t, "x").value());
    CHECK(normalized->find("run.ai/department") == std::string::npos);
    CHECK(normalized->find("cluster-wide") == std::string::npos);
}

TEST_CASE("kubectl: placeholder name, NGC, unknown nodes") {
    const OrgTree t = demo_tree();
    auto unnamed = kubectl_create_commands(CredentialKind::DockerRegistry, dept("8"), t, "");
    REQUIRE(unnamed.ok());
    CHECK(*unnamed ==
          "# on cluster cluster-b\n"
          "kubectl create secret docker-registry '<secret-name>' --namespace=runai --docker-server='<REGISTRY_URL>' "
          "--docker-username='<USERNAME>' --docker-password='<PASSWORD>'\n"
          "kubectl label secret '<secret-name>' --namespace=runai run.ai/resource=docker-registry "
          "run.ai/department=8");

    for (const ScopeRef& s : {tenant(), cluster(kClA), dept("7"), project(10)}) {
        auto ngc = kubectl_create_commands(CredentialKind::NgcApiKey, s, t, "ngc");
        REQUIRE_FALSE(ngc.ok());
        CHECK(ngc.error().message == "NGC API key credentials cannot use an existing secret");
    }

    CHECK_FALSE(kubectl_create_commands(CredentialKind::AccessKey, project(99), t, "x").ok());
    CHECK_FALSE(kubectl_create_commands(CredentialKind::AccessKey, dept("99"), t, "x").ok());
    CHECK_FALSE(kubectl_create_commands(CredentialKind::AccessKey, cluster(ClusterId{"nope"}), t, "x").ok());
    CHECK_FALSE(
        kubectl_create_commands(CredentialKind::AccessKey, ScopeRef{ScopeType::System, {}, {}, {}}, t, "x").ok());

    // A name that is not shell-safe is quoted, never spliced in raw.
    auto odd = kubectl_create_commands(CredentialKind::GenericSecret, project(10), t, "a b;rm -rf ~");
    REQUIRE(odd.ok());
    CHECK(odd->find("kubectl label secret 'a b;rm -rf ~' --namespace=runai-team-a") != std::string::npos);
}
