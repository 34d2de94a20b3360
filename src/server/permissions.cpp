// Who may do what where: the role table, expansion of a role's node to the nodes below it, the
// ancestor closure used for read visibility, and the per-request CallerAccess.
#include "server/permissions.h"

namespace cc::server {
namespace {

struct RoleRule {
    std::string_view name;
    bool create, read, update, remove;
    bool system;  // also grants the (internal) system scope
};

// The roles Run:ai documents as able to manage credentials, plus a read-only Viewer
// (docs/api.md, 'Roles').
constexpr std::array<RoleRule, 7> kRoles = {{
    {"System administrator", true, true, true, true, true},
    {"Department administrator", true, true, true, true, false},
    {"Credentials administrator", true, true, true, true, false},
    {"Editor", true, true, true, true, false},
    {"Research manager", true, true, true, true, false},
    {"L1 researcher", true, true, true, true, false},
    {"Viewer", false, true, false, false, false},
}};

const RoleRule* find_role(std::string_view name) {
    for (const auto& r : kRoles)
        if (r.name == name) return &r;
    return nullptr;
}

bool grants(const RoleRule& r, Action a) {
    switch (a) {
        case Action::Create: return r.create;
        case Action::Read: return r.read;
        case Action::Update: return r.update;
        case Action::Delete: return r.remove;
    }
    return false;
}

void add_project(ScopeSet& s, const Project& p) {
    s.projects.insert(p.id.value);
}

void add_department(ScopeSet& s, const OrgTree& tree, const DepartmentId& id) {
    s.departments.insert(id.value);
    for (const auto& p : tree.data().projects)
        if (p.parent_id == id) add_project(s, p);
}

void add_cluster(ScopeSet& s, const OrgTree& tree, const ClusterId& id) {
    s.clusters.insert(id.value);
    for (const auto& d : tree.data().departments)
        if (d.cluster_id == id) add_department(s, tree, d.id);
}

void add_tenant(ScopeSet& s, const OrgTree& tree, std::int64_t tenant_id) {
    s.tenants.insert(std::to_string(tenant_id));
    for (const auto& c : tree.data().clusters) add_cluster(s, tree, c.uuid);
}

// Adds the node a role is assigned at and everything below it. Unknown nodes add nothing.
void add_subtree(ScopeSet& s, const OrgTree& tree, const RoleAssignment& ra, std::int64_t tenant_id) {
    switch (ra.scope_type) {
        case ScopeType::System: add_tenant(s, tree, tenant_id); return;
        case ScopeType::Tenant:
            if (ra.scope_id.empty() || ra.scope_id == std::to_string(tenant_id)) add_tenant(s, tree, tenant_id);
            return;
        case ScopeType::Cluster:
            if (tree.cluster(ClusterId{ra.scope_id})) add_cluster(s, tree, ClusterId{ra.scope_id});
            return;
        case ScopeType::Department:
            if (tree.department(DepartmentId{ra.scope_id})) add_department(s, tree, DepartmentId{ra.scope_id});
            return;
        case ScopeType::Project: {
            std::int64_t id = 0;
            try {
                id = std::stoll(ra.scope_id);
            } catch (...) {
                return;
            }
            if (const Project* p = tree.project(ProjectId{id})) add_project(s, *p);
            return;
        }
    }
}

// A System administrator role counts as such only where it covers the whole account.
bool covers_account(const RoleAssignment& ra, std::int64_t tenant_id) {
    if (ra.scope_type == ScopeType::System) return true;
    return ra.scope_type == ScopeType::Tenant && (ra.scope_id.empty() || ra.scope_id == std::to_string(tenant_id));
}

// Every node in `s` plus the nodes above them: a credential defined there is usable below.
ScopeSet with_ancestors(const ScopeSet& s, const OrgTree& tree, std::int64_t tenant_id) {
    ScopeSet out = s;
    for (auto id : s.projects)
        if (const Project* p = tree.project(ProjectId{id})) {
            out.departments.insert(p->parent_id.value);
            out.clusters.insert(p->cluster_id.value);
        }
    for (const auto& id : s.departments)
        if (const Department* d = tree.department(DepartmentId{id})) out.clusters.insert(d->cluster_id.value);
    if (!out.empty()) {
        out.tenants.insert(std::to_string(tenant_id));
        out.system = true;
    }
    return out;
}

}  // namespace

std::string_view action_api_name(Action a) {
    switch (a) {
        case Action::Create: return "create";
        case Action::Read: return "read";
        case Action::Update: return "update";
        case Action::Delete: return "delete";
    }
    return "";
}

std::optional<Action> action_from_api_name(std::string_view s) {
    for (auto a : kAllActions)
        if (action_api_name(a) == s) return a;
    return std::nullopt;
}

bool ScopeSet::contains(const ScopeRef& s) const {
    switch (s.type) {
        case ScopeType::System: return system;
        case ScopeType::Tenant: return !tenants.empty();  // one tenant per server
        case ScopeType::Cluster: return s.cluster_id && clusters.count(s.cluster_id->value) > 0;
        case ScopeType::Department: return s.department_id && departments.count(s.department_id->value) > 0;
        case ScopeType::Project: return s.project_id && projects.count(s.project_id->value) > 0;
    }
    return false;
}

bool ScopeSet::empty() const {
    return !system && tenants.empty() && clusters.empty() && departments.empty() && projects.empty();
}

Json ScopeSet::to_json() const {
    Json projects_json = Json::array();
    for (auto id : projects) projects_json.push_back(std::to_string(id));
    return {{"system", system},
            {"tenants", Json(tenants)},
            {"clusters", Json(clusters)},
            {"departments", Json(departments)},
            {"projects", std::move(projects_json)}};
}

Permissions Permissions::for_roles(const std::vector<RoleAssignment>& roles, const OrgTree& tree,
                                   std::int64_t tenant_id) {
    Permissions p;
    for (const auto& ra : roles) {
        const RoleRule* rule = find_role(ra.role);
        if (!rule) continue;
        if (rule->system && covers_account(ra, tenant_id)) p.system_admin_ = true;
        for (auto a : kAllActions) {
            if (!grants(*rule, a)) continue;
            ScopeSet& s = p.scopes_[static_cast<std::size_t>(a)];
            add_subtree(s, tree, ra, tenant_id);
            if (rule->system) s.system = true;  // only a system-wide role reaches the internal level
        }
    }
    p.visible_owners_ = with_ancestors(p.scopes(Action::Read), tree, tenant_id);
    return p;
}

bool Permissions::can_read(const AssetMeta& meta, std::string_view caller) const {
    if (meta.is_private) return meta.created_by == caller;
    return visible_owners_.contains(meta.scope);
}

Json Permissions::permitted_scopes_json() const {
    Json out = Json::object();
    for (auto a : kAllActions) out[std::string(action_api_name(a))] = scopes(a).to_json();
    return out;
}

Result<Permissions> permissions_for(Store& store, const std::string& caller, const OrgTree& tree) {
    auto account = store.account();
    if (!account) return account.error();
    const std::int64_t tenant_id = *account ? (*account)->tenant_id : 0;
    auto user = store.find_user(caller);
    if (!user) return user.error();
    if (!*user) return Permissions::for_roles({}, tree, tenant_id);
    return Permissions::for_roles((*user)->roles, tree, tenant_id);
}

Result<CallerAccess> load_caller_access(Store& store, const std::string& caller) {
    auto org = store.org_data();
    if (!org) return org.error();
    OrgTree tree(std::move(*org));
    auto permissions = permissions_for(store, caller, tree);
    if (!permissions) return permissions.error();
    return CallerAccess{caller, std::move(tree), std::move(*permissions)};
}

}  // namespace cc::server
