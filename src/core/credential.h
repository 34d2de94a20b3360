// The credential model: the five kinds, scopes, sync status, and the read model of a
// credential as the Run:ai API describes it (meta / spec / usedBy / status / clusterInfo).
// Secret values only ever live in create requests; the read model carries none.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/ids.h"

namespace cc {

// ---- kinds -------------------------------------------------------------------------------

enum class CredentialKind { AccessKey, Password, DockerRegistry, GenericSecret, NgcApiKey };

inline constexpr std::array<CredentialKind, 5> kAllKinds = {CredentialKind::DockerRegistry, CredentialKind::AccessKey,
                                                            CredentialKind::Password, CredentialKind::GenericSecret,
                                                            CredentialKind::NgcApiKey};

std::string_view kind_api_name(CredentialKind k);      // meta.kind: "accessKey"
std::string_view kind_path_segment(CredentialKind k);  // URL: "access-key"
std::string_view kind_label(CredentialKind k);         // UI: "Access key"
std::string_view kind_k8s_label(CredentialKind k);     // run.ai/resource value: "access-key", "" for NGC
bool kind_supports_existing_secret(CredentialKind k);
// The kinds a personal (meta.private) credential may have: docker registry, generic secret, NGC API key.
bool kind_allows_personal(CredentialKind k);
std::optional<CredentialKind> kind_from_api_name(std::string_view s);
std::optional<CredentialKind> kind_from_path_segment(std::string_view s);

// ---- scopes ------------------------------------------------------------------------------

enum class ScopeType { System, Tenant, Cluster, Department, Project };

std::string_view scope_api_name(ScopeType s);  // "tenant"
std::string_view scope_label(ScopeType s);     // "Account"
std::optional<ScopeType> scope_from_api_name(std::string_view s);

// ---- status ------------------------------------------------------------------------------

enum class SyncStatus { Creating, Updating, Deleting, Failed, DeletionFailed, IssuesFound, NoIssuesFound, NoStatus };

std::string_view status_api_name(SyncStatus s);     // "Issues found"
std::string_view status_label(SyncStatus s);        // "Creating…"
std::string_view status_description(SyncStatus s);  // a sentence explaining it, for tooltips
bool status_is_transient(SyncStatus s);             // Creating / Updating / Deleting
std::optional<SyncStatus> status_from_api_name(std::string_view s);

enum class IssueKind { ReplicationError, LostPhase, NotCreated };
std::string_view issue_api_name(IssueKind k);
std::optional<IssueKind> issue_from_api_name(std::string_view s);

struct StatusIssue {
    std::string scope_id;
    ScopeType scope_type = ScopeType::Project;
    IssueKind issue = IssueKind::NotCreated;
};

struct AssetStatus {
    SyncStatus status = SyncStatus::NoStatus;
    std::vector<StatusIssue> issues;
    std::string message;
    std::string url;
};

// ---- spec per kind -------------------------------------------------------------------------
// In create requests these hold the values typed by the user; in the read model the secret
// fields are always empty (the API answers null: secret values are write-only).

struct AccessKeySpec {
    std::optional<std::string> existing_secret_name;
    std::optional<std::string> access_key_id;
    std::optional<std::string> secret_access_key;
};

struct PasswordSpec {
    std::optional<std::string> existing_secret_name;
    std::optional<std::string> user;
    std::optional<std::string> password;
};

struct DockerRegistrySpec {
    std::optional<std::string> existing_secret_name;
    std::optional<std::string> user;
    std::optional<std::string> password;
    std::optional<std::string> url;
};

struct KeyValuePair {
    std::string key;
    std::optional<std::string> value;
};

struct GenericSecretSpec {
    std::optional<std::string> existing_secret_name;
    std::optional<std::vector<KeyValuePair>> key_value_pairs;
};

struct NgcApiKeySpec {
    std::optional<std::string> ngc_api_key;
};

// Variant order matches CredentialKind, so the kind is the variant index.
using CredentialSpec = std::variant<AccessKeySpec, PasswordSpec, DockerRegistrySpec, GenericSecretSpec, NgcApiKeySpec>;

inline CredentialKind spec_kind(const CredentialSpec& s) {
    return static_cast<CredentialKind>(s.index());
}
CredentialSpec empty_spec(CredentialKind k);
std::optional<std::string> spec_existing_secret_name(const CredentialSpec& s);

// ---- meta, usage, the credential ------------------------------------------------------------

// The scope node an asset belongs to (the id fields that matter for its scope level).
struct ScopeRef {
    ScopeType type = ScopeType::Tenant;
    std::optional<ClusterId> cluster_id;
    std::optional<DepartmentId> department_id;
    std::optional<ProjectId> project_id;
};

struct AssetMeta {
    CredentialId id;
    CredentialKind kind = CredentialKind::AccessKey;
    std::string name;
    std::optional<std::string> description;
    ScopeRef scope;
    std::optional<std::string> project_name;
    std::optional<std::int64_t> tenant_id;
    bool auto_delete = false;
    bool is_private = false;
    std::string created_by;
    std::string created_at;  // RFC 3339
    std::string updated_by;
    std::string updated_at;
    std::optional<std::string> deleted_at;
    std::optional<std::string> deleted_by;
    std::int64_t update_count = 0;
};

struct WorkloadRef {
    std::string id;
    std::string name;
    std::optional<std::string> status;
};

struct AssetRef {
    std::string id;
    std::string name;
};

struct DatasourceRef {
    std::string id;
    std::string name;
    std::string kind;  // "s3", "git", ...
};

struct UsageInfo {
    std::vector<WorkloadRef> workspaces, trainings, distributed, inferences;
    std::vector<AssetRef> templates;
    std::vector<AssetRef> environments, computes;
    std::vector<DatasourceRef> datasources;

    bool in_use() const;
    // "workspaces: ws-1; templates: tpl-2; datasources: imagenet-s3"
    std::string describe_users() const;
};

struct Credential {
    AssetMeta meta;
    CredentialSpec spec;
    std::optional<UsageInfo> used_by;
    std::optional<AssetStatus> status;
    std::optional<std::vector<std::string>> k8s_names;  // clusterInfo.resources[].name
    std::int32_t key_id = 0;                            // spec.keyId: the encryption key's id
};

// ---- create / update requests -----------------------------------------------------------------

struct CreateRequest {
    std::string name;
    std::optional<std::string> description;
    ScopeRef scope;
    bool auto_delete = false;
    bool is_private = false;
    CredentialSpec spec;
};

struct UpdateRequest {
    std::optional<std::string> name;
    std::optional<std::string> description;
};

// Overwrites every secret value held by the request (user-typed passwords, keys...).
void wipe_secrets(CreateRequest& r);
void wipe_string(std::string& s);

}  // namespace cc
