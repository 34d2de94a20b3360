// Existing secrets: user-created Kubernetes Secrets, labelled for Run:ai, that a credential may
// point to instead of carrying values (docs/api.md, 'Existing secrets'). Validation for the create
// endpoints and the listing behind GET /api/v1/asset/credentials/existing-secrets (an extension of
// this server).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/credential.h"
#include "core/org.h"
#include "core/result.h"
#include "server/cluster_store.h"
#include "server/store.h"

namespace cc::server {

// Checks `name` against the cluster store for a credential of `kind` at `normalized_scope`
// (ids filled by OrgTree::normalized). nullopt when usable. Otherwise an ApiError with field
// "spec.existingSecretName": 400 when no labelled Secret of that name and kind is usable at the
// scope, 409 when the Secret already backs another (non-deleted) credential (single use).
std::optional<cc::ApiError> validate_existing_secret(Store& store, cc::CredentialKind kind,
                                                     const cc::ScopeRef& normalized_scope, std::string_view name);

// Where a user's Secret for a scope lives: `runai` for cluster and department scope, the
// project's namespace for project scope. 400 for tenant/system scope or an unknown node.
struct SecretLocation {
    ClusterId cluster;
    std::string namespace_name;
};
cc::Result<SecretLocation> existing_secret_location(const cc::OrgTree& tree, const cc::ScopeRef& scope);
// True when `s` is a user-owned Secret labelled for `kind` at exactly that scope level.
bool labelled_for_scope(const K8sSecret& s, cc::CredentialKind kind, const cc::ScopeRef& scope);

struct ExistingSecretInfo {
    std::string name;
    std::string namespace_name;
    cc::CredentialKind kind = cc::CredentialKind::AccessKey;
    bool in_use = false;
    std::string type;  // the Secret's Kubernetes type: a generic secret's SSH key format is kubernetes.io/ssh-auth
};

// Labelled Secrets usable at the scope for the kind, sorted by name; 400 for a scope without a
// cluster (tenant/system) or an unknown node.
cc::Result<std::vector<ExistingSecretInfo>> list_existing_secrets(Store& store, cc::CredentialKind kind,
                                                                  const cc::ScopeRef& normalized_scope);

}  // namespace cc::server
