// The combined list's query (docs/api.md, 'List query parameters'): name, scope, ids,
// includeDescendants, usageInfo, statusInfo. Parsing is strict (bad or unknown values are 400s);
// matching is a pure function over the org tree so it can be tested without HTTP.
#pragma once

#include <optional>
#include <string>

#include "core/credential.h"
#include "core/org.h"
#include "core/result.h"
#include "server/http_util.h"

namespace cc::server {

struct CredentialQuery {
    std::optional<std::string> name;  // exact match
    std::optional<ScopeType> scope;   // exactly this level
    std::optional<ClusterId> cluster_id;
    std::optional<DepartmentId> department_id;
    std::optional<ProjectId> project_id;
    bool include_descendants = false;
    bool usage_info = false;
    bool status_info = false;
};

Result<CredentialQuery> parse_credential_query(const httplib::Params& params, const OrgTree& tree);

// Without `scope`, an id filter keeps the credentials usable at that node (the node's own and
// its ancestors'), plus its descendants' with includeDescendants. With `scope`, only that level
// is kept, restricted to levels related to the node (above or below it).
bool credential_matches(const CredentialQuery& q, const OrgTree& tree, const AssetMeta& meta);

}  // namespace cc::server
