// The assets that make `usedBy` real: Git and S3 data sources and environments, each with
// create (202), list ({"entries": [...]}), get and delete, under the same role x scope rules as
// credentials. A create is checked and stored in one transaction, so a credential cannot start
// being deleted between the check and the link.
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

ApiError forbidden(std::string details) {
    return ApiError{403, "You do not have sufficient permissions.", std::move(details), {}};
}

ApiError asset_not_found(AssetType type, const std::string& id) {
    return ApiError{404, "Resource id not found.", std::string(asset_kind_name(type)) + " " + id, {}};
}

void create_asset(const ServerContext& ctx, AssetType type, RequestContext& rc, httplib::Response& res) {
    auto body = parse_json(rc.http.body);
    if (!body) return send_error(res, body.error());
    const CallerAccess& caller = rc.caller();
    Referrer r;
    Json answer;
    auto stored = ctx.store.transaction([&]() -> VoidResult {
        const CredentialLookup lookup = [&](const CredentialId& id) {
            return ctx.store.find_credential(id, /*with_usage=*/false);
        };
        auto request = decode_asset_create(*body, type, caller, lookup);
        if (!request) return request.error();
        r.id = random_uuid();
        r.name = request->name;
        r.type = asset_referrer_type(type);
        r.datasource_kind = kind_filter(type);
        r.scope = request->scope;
        r.spec_json = request->spec.dump();
        r.created_by = caller.user;
        r.created_at = format_rfc3339(unix_now_ms());
        r.credential_ids = request->credentials;
        r.description = request->description;
        if (auto inserted = ctx.store.insert_asset(r); !inserted) return inserted;
        if (auto linked = audit_asset_linked(ctx.store, rc, type, r, caller.tree); !linked) return linked;
        auto tenant = tenant_id(ctx.store);
        if (!tenant) return tenant.error();
        answer = encode_asset(r, type, caller.tree, *tenant);
        return ok();
    });
    if (!stored) {
        audit_asset_refused(ctx.store, rc, caller.tree, type, *body, stored.error());
        return send_error(res, stored.error());
    }
    send_json(res, 202, answer);
}

// Only the assets the caller can read: owned at a readable node or one it inherits from.
void list_assets(const ServerContext& ctx, AssetType type, RequestContext& rc, httplib::Response& res) {
    const CallerAccess& caller = rc.caller();
    auto tenant = tenant_id(ctx.store);
    if (!tenant) return send_error(res, tenant.error());
    auto assets = ctx.store.list_assets(asset_referrer_type(type), kind_filter(type));
    if (!assets) return send_error(res, assets.error());
    Json entries = Json::array();
    for (const auto& a : *assets)
        if (caller.permissions.sees(a.scope)) entries.push_back(encode_asset(a, type, caller.tree, *tenant));
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

// The asset behind an item path if the caller may read it: 404 when absent, 403 when it is
// owned where the caller cannot read (as for credentials).
Result<Referrer> visible_asset(const ServerContext& ctx, AssetType type, const CallerAccess& caller,
                               const std::string& id) {
    auto found = ctx.store.find_asset(asset_referrer_type(type), kind_filter(type), id);
    if (!found) return found.error();
    if (!*found) return asset_not_found(type, id);
    if (!caller.permissions.sees((*found)->scope)) return forbidden("You may not read assets in this scope");
    return std::move(**found);
}

void get_asset(const ServerContext& ctx, AssetType type, RequestContext& rc, httplib::Response& res) {
    auto id = asset_id(rc, res);
    if (!id) return;
    const CallerAccess& caller = rc.caller();
    auto asset = visible_asset(ctx, type, caller, *id);
    if (!asset) return send_error(res, asset.error());
    auto tenant = tenant_id(ctx.store);
    if (!tenant) return send_error(res, tenant.error());
    send_json(res, 200, encode_asset(*asset, type, caller.tree, *tenant));
}

// Delete at the asset's own scope, checked and done in one transaction.
void delete_asset(const ServerContext& ctx, AssetType type, RequestContext& rc, httplib::Response& res) {
    auto id = asset_id(rc, res);
    if (!id) return;
    const CallerAccess& caller = rc.caller();
    auto deleted = ctx.store.transaction([&]() -> VoidResult {
        auto asset = visible_asset(ctx, type, caller, *id);
        if (!asset) return asset.error();
        if (!caller.permissions.may(Action::Delete, asset->scope))
            return forbidden("You may not delete assets in this scope");
        auto gone = ctx.store.delete_asset(asset_referrer_type(type), kind_filter(type), *id);
        if (!gone) return gone.error();
        if (!*gone) return asset_not_found(type, *id);
        return ok();
    });
    if (!deleted) return send_error(res, deleted.error());
    send_json(res, 202, Json{{"code", 202}, {"message", "Request has been accepted."}});
}

using Handler = void (*)(const ServerContext&, AssetType, RequestContext&, httplib::Response&);

void add(Router& router, const ServerContext& ctx, const char* method, const std::string& pattern, Action action,
         AssetType type, Handler h) {
    router.add(method, pattern, RouteAccess::scoped(action),
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
        add(router, ctx, "POST", path, Action::Create, type, create_asset);
        add(router, ctx, "GET", path, Action::Read, type, list_assets);
        add(router, ctx, "GET", item, Action::Read, type, get_asset);
        add(router, ctx, "DELETE", item, Action::Delete, type, delete_asset);
    }
}

}  // namespace cc::server
