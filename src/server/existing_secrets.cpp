// Checking and listing the user Secrets a credential may point to. Both read the cluster store
// (user-owned Secrets, their run.ai labels) and the credentials that already point to a Secret,
// so the form's dropdown and the create endpoint can never disagree.
#include "server/existing_secrets.h"

#include <algorithm>

namespace cc::server {
namespace {

constexpr const char* kField = "spec.existingSecretName";

std::string label_hint(CredentialKind kind, const ScopeRef& scope) {
    std::string hint = std::string(kLabelResource) + "=" + k8s_type_label(kind);
    if (scope.type == ScopeType::Cluster) hint += ", " + std::string(kLabelClusterWide) + "=true";
    if (scope.type == ScopeType::Department && scope.department_id)
        hint += ", " + std::string(kLabelDepartment) + "=" + scope.department_id->value;
    return hint;
}

// Credentials backed by the Secret at `where`, named `name`.
Result<std::vector<ClusterStore::ExistingSecretUser>> users_of(ClusterStore& cs, const OrgTree& tree,
                                                               const SecretLocation& where) {
    auto users = cs.existing_secret_users(where.cluster);
    if (!users) return users.error();
    std::vector<ClusterStore::ExistingSecretUser> out;
    for (auto& u : *users) {
        auto loc = existing_secret_location(tree, tree.normalized(u.scope));
        if (loc && loc->namespace_name == where.namespace_name) out.push_back(std::move(u));
    }
    return out;
}

}  // namespace

Result<SecretLocation> existing_secret_location(const OrgTree& tree, const ScopeRef& scope) {
    switch (scope.type) {
        case ScopeType::Cluster:
            if (scope.cluster_id && tree.cluster(*scope.cluster_id))
                return SecretLocation{*scope.cluster_id, kRunaiNamespace};
            return ApiError{400, "Unknown cluster", {}, "meta.clusterId"};
        case ScopeType::Department:
            if (scope.department_id)
                if (const auto* d = tree.department(*scope.department_id))
                    return SecretLocation{d->cluster_id, kRunaiNamespace};
            return ApiError{400, "Unknown department", {}, "meta.departmentId"};
        case ScopeType::Project:
            if (scope.project_id)
                if (const auto* p = tree.project(*scope.project_id))
                    return SecretLocation{p->cluster_id, p->namespace_name};
            return ApiError{400, "Unknown project", {}, "meta.projectId"};
        case ScopeType::Tenant:
        case ScopeType::System: break;
    }
    return ApiError{400, "An existing secret needs a cluster, department or project scope",
                    "Secrets live in a cluster; account-scope credentials cannot point to one", "meta.scope"};
}

bool labelled_for_scope(const K8sSecret& s, CredentialKind kind, const ScopeRef& scope) {
    if (s.owner) return false;  // written by an agent, not the user's
    auto label = [&s](const char* key) -> const std::string* {
        auto it = s.labels.find(key);
        return it == s.labels.end() ? nullptr : &it->second;
    };
    const std::string* type = label(kLabelResource);
    if (!type || *type != k8s_type_label(kind)) return false;
    const std::string* cluster_wide = label(kLabelClusterWide);
    const std::string* department = label(kLabelDepartment);
    const std::string* tenant_wide = label(kLabelTenantWide);
    switch (scope.type) {
        case ScopeType::Cluster: return s.namespace_name == kRunaiNamespace && cluster_wide && *cluster_wide == "true";
        case ScopeType::Department:
            return s.namespace_name == kRunaiNamespace && !cluster_wide && department && scope.department_id &&
                   *department == scope.department_id->value;
        case ScopeType::Project: return !cluster_wide && !department && !tenant_wide;
        default: return false;
    }
}

std::optional<ApiError> validate_existing_secret(Store& store, CredentialKind kind, const ScopeRef& normalized_scope,
                                                 std::string_view name) {
    if (!kind_supports_existing_secret(kind))
        return ApiError{
            400, std::string(kind_path_segment(kind)) + " credentials cannot use an existing secret", {}, kField};
    auto org = store.org_data();
    if (!org) return org.error();
    const OrgTree tree(std::move(*org));
    auto where = existing_secret_location(tree, normalized_scope);
    if (!where) {
        const ApiError& e = where.error();
        return ApiError{400, e.details.empty() ? e.message : e.message + ": " + e.details, {}, kField};
    }
    ClusterStore cs(store);
    auto secret = cs.secret(where->cluster, where->namespace_name, std::string(name), false);
    if (!secret) return secret.error();
    if (!*secret || !labelled_for_scope(**secret, kind, normalized_scope)) {
        const Cluster* cluster = tree.cluster(where->cluster);
        return ApiError{400,
                        "Existing secret " + std::string(name) +
                            " could not be found in the cluster: expected a Secret " + "in namespace " +
                            where->namespace_name + " of cluster " + (cluster ? cluster->name : where->cluster.value) +
                            " labelled " + label_hint(kind, normalized_scope),
                        {},
                        kField};
    }
    auto users = users_of(cs, tree, *where);
    if (!users) return users.error();
    for (const auto& u : *users)
        if (u.existing_secret_name == name)
            return ApiError{409,
                            "Existing secret " + std::string(name) + " is already used by credential " + u.name +
                                "; an existing secret can back only one credential",
                            {},
                            kField};
    return std::nullopt;
}

Result<std::vector<ExistingSecretInfo>> list_existing_secrets(Store& store, CredentialKind kind,
                                                              const ScopeRef& normalized_scope) {
    if (!kind_supports_existing_secret(kind))
        return ApiError{
            400, std::string(kind_path_segment(kind)) + " credentials cannot use an existing secret", {}, "kind"};
    auto org = store.org_data();
    if (!org) return org.error();
    const OrgTree tree(std::move(*org));
    auto where = existing_secret_location(tree, normalized_scope);
    if (!where) return where.error();
    ClusterStore cs(store);
    auto secrets = cs.secrets(where->cluster, where->namespace_name, false);
    if (!secrets) return secrets.error();
    auto users = users_of(cs, tree, *where);
    if (!users) return users.error();
    std::vector<ExistingSecretInfo> out;
    for (const auto& s : *secrets) {
        if (!labelled_for_scope(s, kind, normalized_scope)) continue;
        const bool in_use =
            std::any_of(users->begin(), users->end(), [&s](const auto& u) { return u.existing_secret_name == s.name; });
        out.push_back({s.name, s.namespace_name, kind, in_use, s.type});
    }
    return out;
}

}  // namespace cc::server
