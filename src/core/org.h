// The organizational tree: Account (tenant) -> clusters -> departments -> projects, built from the
// three org lists of the API (docs/api.md, 'Org-unit lists'), with scope name/path resolution for
// the table and the inheritance relation (a credential is usable at its node and below).
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/credential.h"
#include "core/ids.h"

namespace cc {

struct Cluster {
    ClusterId uuid;
    std::string name;
    std::int64_t tenant_id = 0;
    std::string created_at;
    std::optional<std::string> domain;
    std::optional<std::string> version;
    std::string state;  // status.state: Connected, Disconnected, ...
};

struct Department {
    DepartmentId id;
    std::string name;
    ClusterId cluster_id;
    std::string description;
    std::string created_at;
    std::string updated_at;
};

struct Project {
    ProjectId id;
    std::string name;
    ClusterId cluster_id;
    DepartmentId parent_id;
    std::string parent_name;
    std::string namespace_name;  // status.namespace, "runai-<name>" by default
    std::string description;
    std::string created_at;
    std::string updated_at;
};

struct OrgData {
    std::string account_name = "Account";
    std::vector<Cluster> clusters;
    std::vector<Department> departments;
    std::vector<Project> projects;
};

// Scope nodes compared by their own level and id only (parent ids ignored): the same node
// whether or not a ScopeRef carries its derived cluster/department.
bool same_scope_node(const ScopeRef& a, const ScopeRef& b);
// The node's own level and id, parent ids dropped (the canonical form used as a key).
ScopeRef scope_node_only(const ScopeRef& s);

// Read-only index over OrgData. Cheap lookups for the table (one per visible row per frame).
class OrgTree {
public:
    OrgTree() = default;
    explicit OrgTree(OrgData data);

    const OrgData& data() const { return data_; }
    const Cluster* cluster(const ClusterId& id) const;
    const Department* department(const DepartmentId& id) const;
    const Project* project(const ProjectId& id) const;

    // Name of the scope node ("team-a"; the account name for tenant scope). Unknown ids
    // resolve to a readable placeholder ("project 17") instead of an empty cell.
    std::string scope_name(const ScopeRef& s) const;
    // "Account / cluster-a / research / team-a"
    std::string scope_path(const ScopeRef& s) const;
    // The cluster a scope lives in, if any (derived through the department/project).
    std::optional<ClusterId> cluster_of(const ScopeRef& s) const;
    std::string cluster_name(const ScopeRef& s) const;
    // True when a credential defined at `owner` can be used at `at` (same node or below).
    bool inherits(const ScopeRef& owner, const ScopeRef& at) const;
    // The full chain of a scope, filled with the derived parent ids.
    ScopeRef normalized(const ScopeRef& s) const;

private:
    OrgData data_;
    std::unordered_map<ClusterId, std::size_t> clusters_;
    std::unordered_map<DepartmentId, std::size_t> departments_;
    std::unordered_map<ProjectId, std::size_t> projects_;
};

}  // namespace cc
