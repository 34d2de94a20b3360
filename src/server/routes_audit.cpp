// The audit trail's extension endpoints (not Run:ai):
//   GET /api/v1/x-reference/audit?credentialId=&actor=&action=&limit=&offset=   (System administrators)
//   GET /api/v1/x-reference/credentials/{id}/history?limit=&offset=   (whoever may read the credential)
// Both answer {"entries": [...], "next"?} newest first. Query parsing is strict: an unknown or
// repeated parameter, an empty filter or a number out of range is a 400 naming it.
#include <algorithm>
#include <array>
#include <initializer_list>

#include "core/audit.h"
#include "server/credential_service.h"
#include "server/http_util.h"
#include "server/routes.h"

namespace cc::server {
namespace {

constexpr std::int64_t kDefaultLimit = 100;
constexpr std::int64_t kMaxLimit = 1000;
constexpr std::int64_t kMaxOffset = 1'000'000'000;
constexpr std::array<std::string_view, 7> kActions = {kAuditCreate, kAuditRename, kAuditDescribe, kAuditUpdate,
                                                      kAuditDelete, kAuditLink,   kAuditLogin};

template <class Names>
std::string join(const Names& names) {
    std::string list;
    for (std::string_view n : names) list += (list.empty() ? "" : ", ") + std::string(n);
    return list;
}

std::optional<ApiError> only_known_params(const httplib::Params& params,
                                          std::initializer_list<std::string_view> known) {
    for (const auto& [name, value] : params)
        if (std::find(known.begin(), known.end(), name) == known.end())
            return ApiError{400, "Unknown query parameter " + log_safe(name, 64), "Known: " + join(known), name};
    return std::nullopt;
}

// A filter's value: absent is nullopt, present must not be empty.
Result<std::optional<std::string>> filter_param(const httplib::Params& params, const std::string& name) {
    auto v = query_string(params, name);
    if (!v) return v.error();
    if (*v && (*v)->empty()) return ApiError{400, "Query parameter " + name + " must not be empty", {}, name};
    return v;
}

// limit and offset into `q`; 400 when out of range.
std::optional<ApiError> read_paging(const httplib::Params& params, Store::AuditQuery& q) {
    auto limit = query_int(params, "limit", 1, kMaxLimit);
    if (!limit) return limit.error();
    auto offset = query_int(params, "offset", 0, kMaxOffset);
    if (!offset) return offset.error();
    q.limit = limit->value_or(kDefaultLimit);
    q.offset = offset->value_or(0);
    return std::nullopt;
}

// One page: a row more than asked tells whether a next page exists.
void send_page(Store& store, Store::AuditQuery q, httplib::Response& res) {
    const std::int64_t limit = q.limit;
    q.limit = limit + 1;
    auto events = store.audit_events(q);
    if (!events) return send_error(res, events.error());
    AuditPage page;
    if (static_cast<std::int64_t>(events->size()) > limit) {
        events->resize(static_cast<std::size_t>(limit));
        page.next = q.offset + limit;
    }
    page.entries = std::move(*events);
    send_json(res, 200, encode_audit_page(page));
}

void get_audit(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    const auto& params = rc.http.params;
    if (auto e = only_known_params(params, {"credentialId", "actor", "action", "limit", "offset"}))
        return send_error(res, *e);
    Store::AuditQuery q;
    auto credential = filter_param(params, "credentialId");
    if (!credential) return send_error(res, credential.error());
    auto actor = filter_param(params, "actor");
    if (!actor) return send_error(res, actor.error());
    auto action = filter_param(params, "action");
    if (!action) return send_error(res, action.error());
    if (*action && std::find(kActions.begin(), kActions.end(), **action) == kActions.end())
        return send_error(res, ApiError{400, "Query parameter action must be one of " + join(kActions), {}, "action"});
    if (auto e = read_paging(params, q)) return send_error(res, *e);
    q.credential_id = std::move(*credential);
    q.actor = std::move(*actor);
    q.action = std::move(*action);
    q.viewer = rc.caller().user;
    send_page(ctx.store, std::move(q), res);
}

void get_history(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    const std::string& id = rc.params.at("id");
    if (auto e = only_known_params(rc.http.params, {"limit", "offset"})) return send_error(res, *e);
    Store::AuditQuery q;
    if (auto e = read_paging(rc.http.params, q)) return send_error(res, *e);
    auto readable = readable_credential(ctx.store, rc.caller(), id);
    if (!readable) return send_error(res, readable.error());
    q.credential_id = id;
    q.viewer = rc.caller().user;
    send_page(ctx.store, std::move(q), res);
}

}  // namespace

void add_audit_routes(Router& router, const ServerContext& ctx) {
    router.add("GET", "/api/v1/x-reference/audit", RouteAccess::system_admin(),
               [&ctx](RequestContext& rc, httplib::Response& res) { get_audit(ctx, rc, res); });
    // Whoever may read the credential (the handler checks it): any holder of read somewhere.
    router.add("GET", "/api/v1/x-reference/credentials/{id}/history", RouteAccess::scoped(Action::Read),
               [&ctx](RequestContext& rc, httplib::Response& res) { get_history(ctx, rc, res); });
}

}  // namespace cc::server
