// Role-based access: which scope nodes a caller may create, read, update and delete credentials
// (and the data sources and environments that use them) in, from the caller's role assignments
// and the org tree. One table maps role names to actions; a role applies at its node and every
// node below it. Read visibility also covers what is inherited into a readable node (tenant,
// cluster and department objects usable in a researcher's project), and hides others' private
// credentials. The router loads this once per request (CallerAccess) for every handler.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/credential.h"
#include "core/json_codec.h"
#include "core/org.h"
#include "core/result.h"
#include "server/store.h"

namespace cc::server {

enum class Action { Create, Read, Update, Delete };
inline constexpr std::array<Action, 4> kAllActions = {Action::Create, Action::Read, Action::Update, Action::Delete};
std::string_view action_api_name(Action a);  // "create"
std::optional<Action> action_from_api_name(std::string_view s);

// A set of scope nodes, shaped like the API's PermittedScopes.
struct ScopeSet {
    bool system = false;
    std::set<std::string> tenants;  // tenant ids as text
    std::set<std::string> clusters;
    std::set<std::string> departments;
    std::set<std::int64_t> projects;

    // `s` must be normalized (OrgTree::normalized) only for the ancestor expansion; membership
    // looks at the id of the scope's own level.
    bool contains(const ScopeRef& s) const;
    bool empty() const;
    // {"system", "tenants", "clusters", "departments", "projects"} (ids as strings, sorted).
    Json to_json() const;
};

class Permissions {
public:
    // What the roles allow. Unknown role names grant nothing.
    static Permissions for_roles(const std::vector<RoleAssignment>& roles, const OrgTree& tree, std::int64_t tenant_id);

    const ScopeSet& scopes(Action a) const { return scopes_[static_cast<std::size_t>(a)]; }
    // May the caller do `a` on a credential whose own scope is `owner`?
    bool may(Action a, const ScopeRef& owner) const { return scopes(a).contains(owner); }
    // True when the caller may do `a` somewhere; the router refuses a route's action held nowhere.
    bool holds(Action a) const { return !scopes(a).empty(); }
    // May the caller see this credential in lists and GETs?
    bool can_read(const AssetMeta& meta, std::string_view caller) const;
    // May the caller see an object owned at `owner` (a data source, an environment), or the org
    // node `owner` itself: a readable node, or an ancestor of one (what it inherits from).
    bool sees(const ScopeRef& owner) const { return visible_owners_.contains(owner); }
    // The nodes `sees` admits: readable nodes and their ancestors (the org lists show these).
    const ScopeSet& visible_nodes() const { return visible_owners_; }
    // Holds a system-wide role (System administrator) assigned at the account or the system.
    bool is_system_admin() const { return system_admin_; }
    // {"create": PermittedScopes, "read": ..., "update": ..., "delete": ...}
    Json permitted_scopes_json() const;

private:
    std::array<ScopeSet, 4> scopes_;
    ScopeSet visible_owners_;  // readable nodes and their ancestors
    bool system_admin_ = false;
};

// The caller's permissions: their role assignments (users/user_roles) over the current org tree.
Result<Permissions> permissions_for(Store& store, const std::string& caller, const OrgTree& tree);

// Who is calling and what they may do, over the org tree as it is now. The dispatcher loads it
// once per request for every signed-in route and hands it to the handler, which checks the
// specific object's scope against it instead of looking at roles itself.
struct CallerAccess {
    std::string user;  // the authenticated email or application client id
    OrgTree tree;
    Permissions permissions;
};
Result<CallerAccess> load_caller_access(Store& store, const std::string& caller);

}  // namespace cc::server
