// The credentials endpoints. This slice serves the combined list (#1 of §1.2):
// GET /api/v1/asset/credentials with the §1.3 filters; `usedBy` only with usageInfo=true,
// `status` only with statusInfo=true, `clusterInfo` always. Secret values are never read here.
#include "server/credential_query.h"
#include "server/http_util.h"
#include "server/routes.h"

namespace cc::server {
namespace {

void list_credentials(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    auto org = ctx.store.org_data();
    if (!org) return send_error(res, org.error());
    const OrgTree tree(std::move(*org));
    auto query = parse_credential_query(rc.http.params, tree);
    if (!query) return send_error(res, query.error());
    auto credentials = ctx.store.list_credentials(query->usage_info);
    if (!credentials) return send_error(res, credentials.error());

    Json entries = Json::array();
    for (auto& c : *credentials) {
        if (c.meta.is_private && c.meta.created_by != rc.user) continue;  // personal credentials of others
        if (!credential_matches(*query, tree, c.meta)) continue;
        if (!query->status_info) c.status.reset();
        entries.push_back(encode_credential(c, /*combined_entry=*/true));
    }
    send_json(res, 200, Json{{"entries", std::move(entries)}});
}

}  // namespace

void add_credential_routes(Router& router, const ServerContext& ctx) {
    router.add("GET", "/api/v1/asset/credentials", Access::Authenticated,
               [&ctx](RequestContext& rc, httplib::Response& res) { list_credentials(ctx, rc, res); });
}

}  // namespace cc::server
