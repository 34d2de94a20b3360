// The assets that make `usedBy` real (§10): Git and S3 data sources and environments, each with
// create (202), list ({"entries": [...]}), get and delete. A create is checked and stored in one
// transaction, so a credential cannot start being deleted between the check and the link.
#include "server/asset_requests.h"
#include "server/audit_log.h"
#include "server/http_util.h"
#include "server/routes.h"
#include "server/time_util.h"

namespace cc::server {
namespace {

std::string kind_filter(AssetType type) {
    return type == AssetType::Environment ? std::string() : std::string(asset_kind_name(type));
}

Result<std::optional<std::int64_t>> tenant_id(Store& store) {
    auto account = store.account();
    if (!account) return account.error();
    if (!*account) return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>{(*account)->tenant_id};
}

void create_asset(const ServerContext& ctx, AssetType type, RequestContext& rc, httplib::Response& res) {
    auto body = parse_json(rc.http.body);
    if (!body) return send_error(res, body.error());
    Referrer r;
    Json answer;
    auto stored = ctx.store.transaction([&]() -> VoidResult {
        auto org = ctx.store.org_data();
        if (!org) return org.error();
        const OrgTree tree(std::move(*org));
        const CredentialLookup lookup = [&](const CredentialId& id) -> Result<std::optional<Credential>> {
            auto c = ctx.store.find_credential(id, /*with_usage=*/false);
            if (!c) return c.error();
            if (*c && (*c)->meta.is_private && (*c)->meta.created_by != rc.user) return std::optional<Credential>{};
            return c;
        };
        auto request = decode_asset_create(*body, type, tree, lookup);
        if (!request) return request.error();
        r.id = random_uuid();
        r.name = request->name;
        r.type = asset_referrer_type(type);
        r.datasource_kind = kind_filter(type);
        r.scope = request->scope;
        r.spec_json = request->spec.dump();
        r.created_by = rc.user;
        r.created_at = format_rfc3339(unix_now_ms());
        r.credential_ids = request->credentials;
        r.description = request->description;
        if (auto inserted = ctx.store.insert_asset(r); !inserted) return inserted;
        if (auto linked = audit_asset_linked(ctx.store, rc, type, r, tree); !linked) return linked;
        auto tenant = tenant_id(ctx.store);
        if (!tenant) return tenant.error();
        answer = encode_asset(r, type, tree, *tenant);
        return ok();
    });
    if (!stored) {
        audit_asset_refused(ctx.store, rc, type, *body, stored.error());
        return send_error(res, stored.error());
    }
    send_json(res, 202, answer);
}

void list_assets(const ServerContext& ctx, AssetType type, RequestContext&, httplib::Response& res) {
    auto org = ctx.store.org_data();
    if (!org) return send_error(res, org.error());
    const OrgTree tree(std::move(*org));
    auto tenant = tenant_id(ctx.store);
    if (!tenant) return send_error(res, tenant.error());
    auto assets = ctx.store.list_assets(asset_referrer_type(type), kind_filter(type));
    if (!assets) return send_error(res, assets.error());
    Json entries = Json::array();
    for (const auto& a : *assets) entries.push_back(encode_asset(a, type, tree, *tenant));
    send_json(res, 200, Json{{"entries", std::move(entries)}});
}

// The AssetId path parameter, or a 400 (not a UUID) already sent.
std::optional<std::string> asset_id(RequestContext& rc, httplib::Response& res) {
    const std::string& id = rc.params.at("AssetId");
    if (!is_uuid(id)) {
        send_error(res, ApiError{400, "Path parameter AssetId must be a UUID", "AssetId: " + id, "AssetId"});
        return std::nullopt;
    }
    return id;
}

void get_asset(const ServerContext& ctx, AssetType type, RequestContext& rc, httplib::Response& res) {
    auto id = asset_id(rc, res);
    if (!id) return;
    auto found = ctx.store.find_asset(asset_referrer_type(type), kind_filter(type), *id);
    if (!found) return send_error(res, found.error());
    if (!*found) return send_error(res, 404, "Resource id not found.", std::string(asset_kind_name(type)) + " " + *id);
    auto org = ctx.store.org_data();
    if (!org) return send_error(res, org.error());
    auto tenant = tenant_id(ctx.store);
    if (!tenant) return send_error(res, tenant.error());
    send_json(res, 200, encode_asset(**found, type, OrgTree(std::move(*org)), *tenant));
}

void delete_asset(const ServerContext& ctx, AssetType type, RequestContext& rc, httplib::Response& res) {
    auto id = asset_id(rc, res);
    if (!id) return;
    auto deleted = ctx.store.delete_asset(asset_referrer_type(type), kind_filter(type), *id);
    if (!deleted) return send_error(res, deleted.error());
    if (!*deleted) return send_error(res, 404, "Resource id not found.", std::string(asset_kind_name(type)) + " " + *id);
    send_json(res, 202, Json{{"code", 202}, {"message", "Request has been accepted."}});
}

using Handler = void (*)(const ServerContext&, AssetType, RequestContext&, httplib::Response&);

void add(Router& router, const ServerContext& ctx, const char* method, const std::string& pattern, AssetType type,
         Handler h) {
    router.add(method, pattern, Access::Authenticated,
               [&ctx, type, h](RequestContext& rc, httplib::Response& res) { h(ctx, type, rc, res); });
}

}  // namespace

void add_asset_routes(Router& router, const ServerContext& ctx) {
    const std::pair<AssetType, const char*> collections[] = {
        {AssetType::GitDatasource, "/api/v1/asset/datasource/git"},
        {AssetType::S3Datasource, "/api/v1/asset/datasource/s3"},
        {AssetType::Environment, "/api/v1/asset/environment"},
    };
    for (const auto& [type, path] : collections) {
        const std::string item = std::string(path) + "/{AssetId}";
        add(router, ctx, "POST", path, type, create_asset);
        add(router, ctx, "GET", path, type, list_assets);
        add(router, ctx, "GET", item, type, get_asset);
        add(router, ctx, "DELETE", item, type, delete_asset);
    }
}

}  // namespace cc::server
