// OrgTree: index construction, scope name/path resolution, inheritance.
#include "core/org.h"

namespace cc {

OrgTree::OrgTree(OrgData data) : data_(std::move(data)) {
    for (std::size_t i = 0; i < data_.clusters.size(); ++i) clusters_.emplace(data_.clusters[i].uuid, i);
    for (std::size_t i = 0; i < data_.departments.size(); ++i) departments_.emplace(data_.departments[i].id, i);
    for (std::size_t i = 0; i < data_.projects.size(); ++i) projects_.emplace(data_.projects[i].id, i);
}

const Cluster* OrgTree::cluster(const ClusterId& id) const {
    auto it = clusters_.find(id);
    return it == clusters_.end() ? nullptr : &data_.clusters[it->second];
}

const Department* OrgTree::department(const DepartmentId& id) const {
    auto it = departments_.find(id);
    return it == departments_.end() ? nullptr : &data_.departments[it->second];
}

const Project* OrgTree::project(const ProjectId& id) const {
    auto it = projects_.find(id);
    return it == projects_.end() ? nullptr : &data_.projects[it->second];
}

ScopeRef OrgTree::normalized(const ScopeRef& s) const {
    ScopeRef r = s;
    if (r.type == ScopeType::Project && r.project_id) {
        if (const Project* p = project(*r.project_id)) {
            if (!r.department_id) r.department_id = p->parent_id;
            if (!r.cluster_id) r.cluster_id = p->cluster_id;
        }
    }
    if ((r.type == ScopeType::Project || r.type == ScopeType::Department) && r.department_id && !r.cluster_id) {
        if (const Department* d = department(*r.department_id)) r.cluster_id = d->cluster_id;
    }
    return r;
}

std::string OrgTree::scope_name(const ScopeRef& s) const {
    switch (s.type) {
        case ScopeType::System: return "System";
        case ScopeType::Tenant: return data_.account_name;
        case ScopeType::Cluster:
            if (s.cluster_id) {
                if (const Cluster* c = cluster(*s.cluster_id)) return c->name;
                return "cluster " + s.cluster_id->value.substr(0, 8);
            }
            return "cluster";
        case ScopeType::Department:
            if (s.department_id) {
                if (const Department* d = department(*s.department_id)) return d->name;
                return "department " + s.department_id->value;
            }
            return "department";
        case ScopeType::Project:
            if (s.project_id) {
                if (const Project* p = project(*s.project_id)) return p->name;
                return "project " + std::to_string(s.project_id->value);
            }
            return "project";
    }
    return {};
}

std::string OrgTree::scope_path(const ScopeRef& s) const {
    const ScopeRef n = normalized(s);
    std::string path = data_.account_name;
    if (n.type == ScopeType::Tenant || n.type == ScopeType::System) return path;
    if (n.cluster_id) path += " / " + scope_name(ScopeRef{ScopeType::Cluster, n.cluster_id, {}, {}});
    if (n.type == ScopeType::Cluster) return path;
    if (n.department_id) path += " / " + scope_name(ScopeRef{ScopeType::Department, {}, n.department_id, {}});
    if (n.type == ScopeType::Department) return path;
    path += " / " + scope_name(n);
    return path;
}

std::optional<ClusterId> OrgTree::cluster_of(const ScopeRef& s) const {
    if (s.type == ScopeType::Tenant || s.type == ScopeType::System) return std::nullopt;
    return normalized(s).cluster_id;
}

std::string OrgTree::cluster_name(const ScopeRef& s) const {
    auto id = cluster_of(s);
    if (!id) return {};
    return scope_name(ScopeRef{ScopeType::Cluster, id, {}, {}});
}

bool OrgTree::inherits(const ScopeRef& owner_in, const ScopeRef& at_in) const {
    const ScopeRef owner = normalized(owner_in);
    const ScopeRef at = normalized(at_in);
    switch (owner.type) {
        case ScopeType::System:
        case ScopeType::Tenant: return true;
        case ScopeType::Cluster:
            return at.type != ScopeType::Tenant && at.type != ScopeType::System && at.cluster_id == owner.cluster_id;
        case ScopeType::Department:
            return (at.type == ScopeType::Department || at.type == ScopeType::Project) &&
                   at.department_id == owner.department_id;
        case ScopeType::Project: return at.type == ScopeType::Project && at.project_id == owner.project_id;
    }
    return false;
}

bool same_scope_node(const ScopeRef& a, const ScopeRef& b) {
    if (a.type != b.type) return false;
    switch (a.type) {
        case ScopeType::System:
        case ScopeType::Tenant: return true;
        case ScopeType::Cluster: return a.cluster_id == b.cluster_id;
        case ScopeType::Department: return a.department_id == b.department_id;
        case ScopeType::Project: return a.project_id == b.project_id;
    }
    return false;
}

ScopeRef scope_node_only(const ScopeRef& s) {
    ScopeRef r{s.type, {}, {}, {}};
    if (s.type == ScopeType::Cluster) r.cluster_id = s.cluster_id;
    if (s.type == ScopeType::Department) r.department_id = s.department_id;
    if (s.type == ScopeType::Project) r.project_id = s.project_id;
    return r;
}

}  // namespace cc
