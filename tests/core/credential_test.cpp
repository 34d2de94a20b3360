// Credential model: enum names (API, URL path, UI labels, k8s labels), parsing, small helpers
// and wipe_secrets.
#include "core/credential.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace cc;

namespace {
constexpr CredentialKind kKinds[] = {CredentialKind::AccessKey, CredentialKind::Password,
                                     CredentialKind::DockerRegistry, CredentialKind::GenericSecret,
                                     CredentialKind::NgcApiKey};
constexpr SyncStatus kStatuses[] = {SyncStatus::Creating,      SyncStatus::Updating,       SyncStatus::Deleting,
                                    SyncStatus::Failed,        SyncStatus::DeletionFailed, SyncStatus::IssuesFound,
                                    SyncStatus::NoIssuesFound, SyncStatus::NoStatus};
}  // namespace

TEST_CASE("kind names match the API, the URL paths, the UI and the k8s labels") {
    CHECK(kind_api_name(CredentialKind::AccessKey) == "accessKey");
    CHECK(kind_api_name(CredentialKind::Password) == "password");
    CHECK(kind_api_name(CredentialKind::DockerRegistry) == "dockerRegistry");
    CHECK(kind_api_name(CredentialKind::GenericSecret) == "genericSecret");
    CHECK(kind_api_name(CredentialKind::NgcApiKey) == "ngcApiKey");

    CHECK(kind_path_segment(CredentialKind::AccessKey) == "access-key");
    CHECK(kind_path_segment(CredentialKind::Password) == "password");
    CHECK(kind_path_segment(CredentialKind::DockerRegistry) == "docker-registry");
    CHECK(kind_path_segment(CredentialKind::GenericSecret) == "generic-secret");
    CHECK(kind_path_segment(CredentialKind::NgcApiKey) == "ngc-api-key");

    CHECK(kind_label(CredentialKind::AccessKey) == "Access key");
    CHECK(kind_label(CredentialKind::Password) == "Username & password");
    CHECK(kind_label(CredentialKind::DockerRegistry) == "Docker registry");
    CHECK(kind_label(CredentialKind::GenericSecret) == "Generic secret");
    CHECK(kind_label(CredentialKind::NgcApiKey) == "NGC API key");

    // run.ai/resource values; NGC has none (no existing-secret option)
    CHECK(kind_k8s_label(CredentialKind::AccessKey) == "access-key");
    CHECK(kind_k8s_label(CredentialKind::Password) == "password");
    CHECK(kind_k8s_label(CredentialKind::DockerRegistry) == "docker-registry");
    CHECK(kind_k8s_label(CredentialKind::GenericSecret) == "generic");
    CHECK(kind_k8s_label(CredentialKind::NgcApiKey) == "");
}

TEST_CASE("kind names round-trip and unknown strings give nullopt") {
    for (auto k : kKinds) {
        CAPTURE(kind_api_name(k));
        REQUIRE(kind_from_api_name(kind_api_name(k)).has_value());
        CHECK(*kind_from_api_name(kind_api_name(k)) == k);
        REQUIRE(kind_from_path_segment(kind_path_segment(k)).has_value());
        CHECK(*kind_from_path_segment(kind_path_segment(k)) == k);
    }
    CHECK_FALSE(kind_from_api_name("").has_value());
    CHECK_FALSE(kind_from_api_name("AccessKey").has_value());   // case matters
    CHECK_FALSE(kind_from_api_name("access-key").has_value());  // path segment is not an api name
    CHECK_FALSE(kind_from_api_name("compute").has_value());     // another asset kind
    CHECK_FALSE(kind_from_api_name("ngc_api_key").has_value());
    CHECK_FALSE(kind_from_path_segment("accessKey").has_value());
    CHECK_FALSE(kind_from_path_segment("generic").has_value());
    CHECK_FALSE(kind_from_path_segment("").has_value());
    CHECK_FALSE(kind_from_path_segment("docker-registry/").has_value());
}

TEST_CASE("kAllKinds lists each kind once, docker registry first (the product's menu order)") {
    std::set<int> seen;
    for (auto k : kAllKinds) seen.insert(static_cast<int>(k));
    CHECK(seen.size() == 5);
    CHECK(kAllKinds[0] == CredentialKind::DockerRegistry);
}

TEST_CASE("only NGC lacks the existing-secret option") {
    CHECK(kind_supports_existing_secret(CredentialKind::AccessKey));
    CHECK(kind_supports_existing_secret(CredentialKind::Password));
    CHECK(kind_supports_existing_secret(CredentialKind::DockerRegistry));
    CHECK(kind_supports_existing_secret(CredentialKind::GenericSecret));
    CHECK_FALSE(kind_supports_existing_secret(CredentialKind::NgcApiKey));
}

TEST_CASE("scope names and labels") {
    CHECK(scope_api_name(ScopeType::System) == "system");
    CHECK(scope_api_name(ScopeType::Tenant) == "tenant");
    CHECK(scope_api_name(ScopeType::Cluster) == "cluster");
    CHECK(scope_api_name(ScopeType::Department) == "department");
    CHECK(scope_api_name(ScopeType::Project) == "project");
    CHECK(scope_label(ScopeType::Tenant) == "Account");
    CHECK(scope_label(ScopeType::Cluster) == "Cluster");
    CHECK(scope_label(ScopeType::Department) == "Department");
    CHECK(scope_label(ScopeType::Project) == "Project");

    for (auto s :
         {ScopeType::System, ScopeType::Tenant, ScopeType::Cluster, ScopeType::Department, ScopeType::Project}) {
        CAPTURE(scope_api_name(s));
        REQUIRE(scope_from_api_name(scope_api_name(s)).has_value());
        CHECK(*scope_from_api_name(scope_api_name(s)) == s);
    }
    CHECK_FALSE(scope_from_api_name("account").has_value());  // UI word, not the API's
    CHECK_FALSE(scope_from_api_name("Account").has_value());
    CHECK_FALSE(scope_from_api_name("Project").has_value());
    CHECK_FALSE(scope_from_api_name("").has_value());
}

TEST_CASE("status API names, UI labels and transience") {
    CHECK(status_api_name(SyncStatus::Creating) == "Creating");
    CHECK(status_api_name(SyncStatus::Updating) == "Updating");
    CHECK(status_api_name(SyncStatus::Deleting) == "Deleting");
    CHECK(status_api_name(SyncStatus::Failed) == "Failed");
    CHECK(status_api_name(SyncStatus::DeletionFailed) == "Deletion failed");
    CHECK(status_api_name(SyncStatus::IssuesFound) == "Issues found");
    CHECK(status_api_name(SyncStatus::NoIssuesFound) == "No issues found");
    CHECK(status_api_name(SyncStatus::NoStatus) == "No status");

    // "Creating…" with U+2026 HORIZONTAL ELLIPSIS, not three dots
    CHECK(status_label(SyncStatus::Creating) == "Creating\xE2\x80\xA6");
    CHECK(status_label(SyncStatus::Updating) == "Updating\xE2\x80\xA6");
    CHECK(status_label(SyncStatus::Deleting) == "Deleting\xE2\x80\xA6");
    CHECK(status_label(SyncStatus::Creating) != "Creating...");
    CHECK(status_label(SyncStatus::Failed) == "Failed");
    CHECK(status_label(SyncStatus::DeletionFailed) == "Deletion failed");
    CHECK(status_label(SyncStatus::IssuesFound) == "Issues found");
    CHECK(status_label(SyncStatus::NoIssuesFound) == "No issues found");
    CHECK(status_label(SyncStatus::NoStatus) == "No status");

    CHECK(status_description(SyncStatus::Creating) == "Credentials are being created");
    for (auto s : kStatuses) {
        CAPTURE(status_api_name(s));
        CHECK_FALSE(status_description(s).empty());
        REQUIRE(status_from_api_name(status_api_name(s)).has_value());
        CHECK(*status_from_api_name(status_api_name(s)) == s);
        const bool transient = s == SyncStatus::Creating || s == SyncStatus::Updating || s == SyncStatus::Deleting;
        CHECK(status_is_transient(s) == transient);
    }
    CHECK_FALSE(status_from_api_name("Creating\xE2\x80\xA6").has_value());  // a label is not an API name
    CHECK_FALSE(status_from_api_name("issues found").has_value());
    CHECK_FALSE(status_from_api_name("DeletionFailed").has_value());
    CHECK_FALSE(status_from_api_name("-").has_value());
    CHECK_FALSE(status_from_api_name("").has_value());
}

TEST_CASE("issue kinds round-trip") {
    CHECK(issue_api_name(IssueKind::ReplicationError) == "ReplicationError");
    CHECK(issue_api_name(IssueKind::LostPhase) == "LostPhase");
    CHECK(issue_api_name(IssueKind::NotCreated) == "NotCreated");
    for (auto k : {IssueKind::ReplicationError, IssueKind::LostPhase, IssueKind::NotCreated}) {
        REQUIRE(issue_from_api_name(issue_api_name(k)).has_value());
        CHECK(*issue_from_api_name(issue_api_name(k)) == k);
    }
    CHECK_FALSE(issue_from_api_name("replicationError").has_value());
    CHECK_FALSE(issue_from_api_name("Not created").has_value());
    CHECK_FALSE(issue_from_api_name("").has_value());
}

TEST_CASE("empty_spec and spec_kind agree for every kind") {
    for (auto k : kKinds) {
        CAPTURE(kind_api_name(k));
        CHECK(spec_kind(empty_spec(k)) == k);
        CHECK_FALSE(spec_existing_secret_name(empty_spec(k)).has_value());
    }
    CHECK(spec_existing_secret_name(CredentialSpec{AccessKeySpec{"ak-secret", {}, {}}}) ==
          std::optional<std::string>("ak-secret"));
    CHECK(spec_existing_secret_name(CredentialSpec{PasswordSpec{"pw-secret", {}, {}}}) ==
          std::optional<std::string>("pw-secret"));
    CHECK(spec_existing_secret_name(CredentialSpec{DockerRegistrySpec{"dr-secret", {}, {}, {}}}) ==
          std::optional<std::string>("dr-secret"));
    CHECK(spec_existing_secret_name(CredentialSpec{GenericSecretSpec{"gs-secret", {}}}) ==
          std::optional<std::string>("gs-secret"));
    CHECK_FALSE(spec_existing_secret_name(CredentialSpec{NgcApiKeySpec{"nvapi-x"}}).has_value());
}

TEST_CASE("UsageInfo: in_use and describe_users") {
    UsageInfo u;
    CHECK_FALSE(u.in_use());
    CHECK(u.describe_users() == "");

    SUBCASE("each list alone makes it in use") {
        UsageInfo a;
        a.workspaces.push_back({"w1", "ws-1", std::nullopt});
        CHECK(a.in_use());
        UsageInfo b;
        b.templates.push_back({"t1", "tpl-2"});
        CHECK(b.in_use());
        UsageInfo c;
        c.datasources.push_back({"d1", "imagenet-s3", "s3"});
        CHECK(c.in_use());
        UsageInfo d;
        d.environments.push_back({"e1", "env"});
        CHECK(d.in_use());
        UsageInfo e;
        e.computes.push_back({"c1", "cmp"});
        CHECK(e.in_use());
        UsageInfo f;
        f.inferences.push_back({"i1", "inf", "Running"});
        CHECK(f.in_use());
    }
    SUBCASE("describe_users groups and joins the names") {
        u.workspaces.push_back({"w1", "ws-1", std::nullopt});
        u.workspaces.push_back({"w2", "ws-2", std::string("Running")});
        u.templates.push_back({"t1", "tpl-2"});
        u.datasources.push_back({"d1", "imagenet-s3", "s3"});
        CHECK(u.describe_users() == "workspaces: ws-1, ws-2; templates: tpl-2; datasources: imagenet-s3");
    }
}

TEST_CASE("wipe_secrets clears every secret field of each kind and keeps the rest") {
    CreateRequest r;
    r.name = "creds";
    r.description = "desc";

    SUBCASE("access key") {
        r.spec = AccessKeySpec{std::nullopt, std::string("AKIA-CANARY"), std::string("SECRET-CANARY")};
        wipe_secrets(r);
        const auto& s = std::get<AccessKeySpec>(r.spec);
        CHECK_FALSE(s.access_key_id.has_value());
        CHECK_FALSE(s.secret_access_key.has_value());
    }
    SUBCASE("password") {
        r.spec = PasswordSpec{std::nullopt, std::string("user-canary"), std::string("pw-canary")};
        wipe_secrets(r);
        const auto& s = std::get<PasswordSpec>(r.spec);
        CHECK_FALSE(s.user.has_value());
        CHECK_FALSE(s.password.has_value());
    }
    SUBCASE("docker registry keeps the URL") {
        r.spec = DockerRegistrySpec{std::nullopt, std::string("$oauthtoken"), std::string("pw-canary"),
                                    std::string("nvcr.io")};
        wipe_secrets(r);
        const auto& s = std::get<DockerRegistrySpec>(r.spec);
        CHECK_FALSE(s.user.has_value());
        CHECK_FALSE(s.password.has_value());
        CHECK(s.url == std::optional<std::string>("nvcr.io"));
    }
    SUBCASE("generic secret keeps the keys, drops every value") {
        r.spec = GenericSecretSpec{
            std::nullopt, std::vector<KeyValuePair>{
                              {"A", std::string("v-canary-1")}, {"B", std::string("v-canary-2")}, {"C", std::nullopt}}};
        wipe_secrets(r);
        const auto& s = std::get<GenericSecretSpec>(r.spec);
        REQUIRE(s.key_value_pairs.has_value());
        REQUIRE(s.key_value_pairs->size() == 3);
        CHECK((*s.key_value_pairs)[0].key == "A");
        CHECK((*s.key_value_pairs)[1].key == "B");
        for (const auto& kv : *s.key_value_pairs) CHECK_FALSE(kv.value.has_value());
    }
    SUBCASE("ngc api key") {
        r.spec = NgcApiKeySpec{std::string("nvapi-canary")};
        wipe_secrets(r);
        CHECK_FALSE(std::get<NgcApiKeySpec>(r.spec).ngc_api_key.has_value());
    }
    SUBCASE("existing secret name is not a secret") {
        r.spec = PasswordSpec{std::string("gitlab-bot-creds"), std::nullopt, std::nullopt};
        wipe_secrets(r);
        CHECK(std::get<PasswordSpec>(r.spec).existing_secret_name == std::optional<std::string>("gitlab-bot-creds"));
    }
    // metadata survives
    CHECK(r.name == "creds");
    CHECK(r.description == std::optional<std::string>("desc"));
}

TEST_CASE("wipe_string empties the string") {
    std::string s = "hunter2-hunter2-hunter2-hunter2-long-enough-for-heap";
    wipe_string(s);
    CHECK(s.empty());
    std::string e;
    wipe_string(e);
    CHECK(e.empty());
}

TEST_CASE("typed ids compare by value") {
    CHECK(ProjectId{12} == ProjectId{12});
    CHECK(ProjectId{12} != ProjectId{13});
    CHECK(ProjectId{12} < ProjectId{13});
    CHECK(DepartmentId{"4"} == DepartmentId{"4"});
    CHECK(std::hash<ClusterId>{}(ClusterId{"a"}) == std::hash<ClusterId>{}(ClusterId{"a"}));
}
