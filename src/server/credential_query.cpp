// Strict parsing of the credential list's query parameters, and the scope relation between a
// credential's node and the node a filter names.
#include "server/credential_query.h"

namespace cc::server {
namespace {

ApiError bad(std::string field, std::string message) {
    return ApiError{400, std::move(message), {}, std::move(field)};
}

bool related(const CredentialQuery& q, const OrgTree& tree, const ScopeRef& owner, const ScopeRef& node) {
    if (tree.inherits(owner, node)) return true;
    return (q.scope || q.include_descendants) && tree.inherits(node, owner);
}

}  // namespace

Result<CredentialQuery> parse_credential_query(const httplib::Params& params, const OrgTree& tree) {
    CredentialQuery q;
    auto name = query_string(params, "name");
    if (!name) return name.error();
    q.name = *name;

    auto scope = query_string(params, "scope");
    if (!scope) return scope.error();
    if (*scope) {
        q.scope = scope_from_api_name(**scope);
        if (!q.scope)
            return bad("scope", "Query parameter scope must be one of system, tenant, cluster, department, project");
    }

    auto cluster = query_string(params, "clusterId");
    if (!cluster) return cluster.error();
    if (*cluster) {
        if (!is_uuid(**cluster)) return bad("clusterId", "Query parameter clusterId must be a UUID");
        q.cluster_id = ClusterId{**cluster};
        if (!tree.cluster(*q.cluster_id)) return bad("clusterId", "Cluster " + **cluster + " does not exist");
    }

    auto department = query_string(params, "departmentId");
    if (!department) return department.error();
    if (*department) {
        if ((*department)->empty()) return bad("departmentId", "Query parameter departmentId must not be empty");
        q.department_id = DepartmentId{**department};
        if (!tree.department(*q.department_id))
            return bad("departmentId", "Department " + **department + " does not exist");
    }

    auto project = query_int(params, "projectId", 0, 2147483647);
    if (!project) return project.error();
    if (*project) {
        q.project_id = ProjectId{**project};
        if (!tree.project(*q.project_id))
            return bad("projectId", "Project " + std::to_string(**project) + " does not exist");
    }

    for (auto [key, out] : {std::pair{"includeDescendants", &q.include_descendants},
                            std::pair{"usageInfo", &q.usage_info}, std::pair{"statusInfo", &q.status_info}}) {
        auto b = query_bool(params, key);
        if (!b) return b.error();
        *out = b->value_or(false);
    }
    if (q.include_descendants && q.scope)
        return bad("includeDescendants", "includeDescendants and scope cannot be used together");
    return q;
}

bool credential_matches(const CredentialQuery& q, const OrgTree& tree, const AssetMeta& meta) {
    if (q.name && meta.name != *q.name) return false;
    if (q.scope && meta.scope.type != *q.scope) return false;
    if (q.cluster_id && !related(q, tree, meta.scope, ScopeRef{ScopeType::Cluster, q.cluster_id, {}, {}})) return false;
    if (q.department_id && !related(q, tree, meta.scope, ScopeRef{ScopeType::Department, {}, q.department_id, {}}))
        return false;
    if (q.project_id && !related(q, tree, meta.scope, ScopeRef{ScopeType::Project, {}, {}, q.project_id})) return false;
    return true;
}

}  // namespace cc::server
