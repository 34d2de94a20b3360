// Where the signed-in user may create, update and delete credentials (the answer of POST
// /api/v1/authorization/permitted-scopes): one set of scope nodes per action, used to grey out
// scope-picker nodes and to enable the New / Rename / Delete commands.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/credential.h"
#include "core/result.h"

namespace cc {

struct PermittedScopes {
    bool system = false;
    std::set<std::string> tenants;  // account ids: one account per session, so any entry grants it
    std::set<ClusterId> clusters;
    std::set<DepartmentId> departments;
    std::set<ProjectId> projects;

    // The node itself is listed (the API lists every node of a granted subtree).
    bool allows(const ScopeRef& s) const;
    bool any() const {
        return system || !tenants.empty() || !clusters.empty() || !departments.empty() || !projects.empty();
    }
    // The one scope these grant when they grant exactly one project and nothing above it (a
    // form need not ask for a scope then); nullopt otherwise.
    std::optional<ScopeRef> single_project() const;
};

struct CredentialPermissions {
    PermittedScopes create, read, update, remove;
};

// The response body of POST /api/v1/authorization/permitted-scopes.
Result<CredentialPermissions> decode_permitted_scopes(std::string_view body);

}  // namespace cc
