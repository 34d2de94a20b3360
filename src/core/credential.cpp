// Names, labels and parsing for the credential model's enums, and small model helpers.
#include "core/credential.h"

#include <algorithm>

namespace cc {
namespace {

struct KindNames {
    CredentialKind kind;
    std::string_view api, path, label, k8s;
};

constexpr std::array<KindNames, 5> kKindNames = {{
    {CredentialKind::AccessKey, "accessKey", "access-key", "Access key", "access-key"},
    {CredentialKind::Password, "password", "password", "Username & password", "password"},
    {CredentialKind::DockerRegistry, "dockerRegistry", "docker-registry", "Docker registry", "docker-registry"},
    {CredentialKind::GenericSecret, "genericSecret", "generic-secret", "Generic secret", "generic"},
    {CredentialKind::NgcApiKey, "ngcApiKey", "ngc-api-key", "NGC API key", ""},
}};

const KindNames& names_of(CredentialKind k) {
    return kKindNames[static_cast<std::size_t>(k)];
}

struct StatusNames {
    SyncStatus status;
    std::string_view api, label, description;
};

constexpr std::array<StatusNames, 8> kStatusNames = {{
    {SyncStatus::Creating, "Creating", "Creating\xE2\x80\xA6", "Credentials are being created"},
    {SyncStatus::Updating, "Updating", "Updating\xE2\x80\xA6", "Credentials are being updated"},
    {SyncStatus::Deleting, "Deleting", "Deleting\xE2\x80\xA6", "Credentials are being deleted"},
    {SyncStatus::Failed, "Failed", "Failed", "The credentials could not be created in the cluster"},
    {SyncStatus::DeletionFailed, "Deletion failed", "Deletion failed",
     "The credentials could not be deleted from the cluster"},
    {SyncStatus::IssuesFound, "Issues found", "Issues found", "Issues found while propagating the credentials"},
    {SyncStatus::NoIssuesFound, "No issues found", "No issues found",
     "No issues were found while creating the credentials (this status may change while propagating the "
     "credentials to the selected scope)"},
    {SyncStatus::NoStatus, "No status", "No status",
     "When the credentials' scope is an account, or the current version of the cluster is not up to date, "
     "the status cannot be displayed"},
}};

const StatusNames& names_of(SyncStatus s) {
    return kStatusNames[static_cast<std::size_t>(s)];
}

}  // namespace

std::string_view kind_api_name(CredentialKind k) {
    return names_of(k).api;
}
std::string_view kind_path_segment(CredentialKind k) {
    return names_of(k).path;
}
std::string_view kind_label(CredentialKind k) {
    return names_of(k).label;
}
std::string_view kind_k8s_label(CredentialKind k) {
    return names_of(k).k8s;
}
bool kind_supports_existing_secret(CredentialKind k) {
    return k != CredentialKind::NgcApiKey;
}

bool kind_allows_personal(CredentialKind k) {
    return k == CredentialKind::DockerRegistry || k == CredentialKind::GenericSecret || k == CredentialKind::NgcApiKey;
}

std::optional<CredentialKind> kind_from_api_name(std::string_view s) {
    for (const auto& n : kKindNames)
        if (n.api == s) return n.kind;
    return std::nullopt;
}

std::optional<CredentialKind> kind_from_path_segment(std::string_view s) {
    for (const auto& n : kKindNames)
        if (n.path == s) return n.kind;
    return std::nullopt;
}

std::string_view scope_api_name(ScopeType s) {
    switch (s) {
        case ScopeType::System: return "system";
        case ScopeType::Tenant: return "tenant";
        case ScopeType::Cluster: return "cluster";
        case ScopeType::Department: return "department";
        case ScopeType::Project: return "project";
    }
    return "";
}

std::string_view scope_label(ScopeType s) {
    switch (s) {
        case ScopeType::System: return "System";
        case ScopeType::Tenant: return "Account";
        case ScopeType::Cluster: return "Cluster";
        case ScopeType::Department: return "Department";
        case ScopeType::Project: return "Project";
    }
    return "";
}

std::optional<ScopeType> scope_from_api_name(std::string_view s) {
    for (auto t : {ScopeType::System, ScopeType::Tenant, ScopeType::Cluster, ScopeType::Department, ScopeType::Project})
        if (scope_api_name(t) == s) return t;
    return std::nullopt;
}

std::string_view status_api_name(SyncStatus s) {
    return names_of(s).api;
}
std::string_view status_label(SyncStatus s) {
    return names_of(s).label;
}
std::string_view status_description(SyncStatus s) {
    return names_of(s).description;
}

bool status_is_transient(SyncStatus s) {
    return s == SyncStatus::Creating || s == SyncStatus::Updating || s == SyncStatus::Deleting;
}

std::optional<SyncStatus> status_from_api_name(std::string_view s) {
    for (const auto& n : kStatusNames)
        if (n.api == s) return n.status;
    return std::nullopt;
}

std::string_view issue_api_name(IssueKind k) {
    switch (k) {
        case IssueKind::ReplicationError: return "ReplicationError";
        case IssueKind::LostPhase: return "LostPhase";
        case IssueKind::NotCreated: return "NotCreated";
    }
    return "";
}

std::optional<IssueKind> issue_from_api_name(std::string_view s) {
    for (auto k : {IssueKind::ReplicationError, IssueKind::LostPhase, IssueKind::NotCreated})
        if (issue_api_name(k) == s) return k;
    return std::nullopt;
}

CredentialSpec empty_spec(CredentialKind k) {
    switch (k) {
        case CredentialKind::AccessKey: return AccessKeySpec{};
        case CredentialKind::Password: return PasswordSpec{};
        case CredentialKind::DockerRegistry: return DockerRegistrySpec{};
        case CredentialKind::GenericSecret: return GenericSecretSpec{};
        case CredentialKind::NgcApiKey: return NgcApiKeySpec{};
    }
    return AccessKeySpec{};
}

std::optional<std::string> spec_existing_secret_name(const CredentialSpec& s) {
    return std::visit(
        [](const auto& v) -> std::optional<std::string> {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, NgcApiKeySpec>)
                return std::nullopt;
            else
                return v.existing_secret_name;
        },
        s);
}

bool UsageInfo::in_use() const {
    return !workspaces.empty() || !trainings.empty() || !distributed.empty() || !inferences.empty() ||
           !templates.empty() || !environments.empty() || !computes.empty() || !datasources.empty();
}

std::string UsageInfo::describe_users() const {
    std::string out;
    auto group = [&out](std::string_view title, const auto& list) {
        if (list.empty()) return;
        if (!out.empty()) out += "; ";
        out += title;
        out += ": ";
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (i) out += ", ";
            out += list[i].name;
        }
    };
    group("workspaces", workspaces);
    group("trainings", trainings);
    group("distributed", distributed);
    group("inferences", inferences);
    group("templates", templates);
    group("environments", environments);
    group("computes", computes);
    group("datasources", datasources);
    return out;
}

void wipe_string(std::string& s) {
    // Up to capacity: a string that shrank still holds its old tail. volatile writes so the
    // compiler cannot drop the overwrite of a buffer about to die.
    s.resize(s.capacity());
    volatile char* p = s.data();
    for (std::size_t i = 0; i < s.size(); ++i) p[i] = 0;
    s.clear();
    s.shrink_to_fit();
}

namespace {
void wipe_opt(std::optional<std::string>& s) {
    if (s) wipe_string(*s);
    s.reset();
}
}  // namespace

void wipe_secrets(CreateRequest& r) {
    std::visit(
        [](auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, AccessKeySpec>) {
                wipe_opt(v.access_key_id);
                wipe_opt(v.secret_access_key);
            } else if constexpr (std::is_same_v<T, PasswordSpec>) {
                wipe_opt(v.user);
                wipe_opt(v.password);
            } else if constexpr (std::is_same_v<T, DockerRegistrySpec>) {
                wipe_opt(v.user);
                wipe_opt(v.password);
            } else if constexpr (std::is_same_v<T, GenericSecretSpec>) {
                if (v.key_value_pairs)
                    for (auto& kv : *v.key_value_pairs) wipe_opt(kv.value);
            } else {
                wipe_opt(v.ngc_api_key);
            }
        },
        r.spec);
}

}  // namespace cc
