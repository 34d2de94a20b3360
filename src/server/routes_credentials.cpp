// The 26 credentials endpoints: the combined list, and per kind list / create / get / update /
// delete under /api/v1/asset/credentials/<kind>, each declared with the credential permission it
// needs somewhere. HTTP only: the behaviour lives in credential_service.cpp. Responses never
// carry a secret value, and neither request bodies nor queries are ever logged.
#include "core/credential_list_writer.h"
#include "server/cluster_agent.h"
#include "server/credential_service.h"
#include "server/http_util.h"
#include "server/routes.h"

namespace cc::server {
namespace {

const std::string kBase = "/api/v1/asset/credentials";

void send_entries(httplib::Response& res, const Result<std::vector<Credential>>& list, bool combined) {
    if (!list) return send_error(res, list.error());
    res.status = 200;
    res.set_content(encode_credential_list_body(*list, combined), kJsonContentType);
}

void send_credential(httplib::Response& res, int status, const Result<Credential>& c) {
    if (!c) return send_error(res, c.error());
    send_json(res, status, encode_credential(*c, /*combined_entry=*/false));
}

// The cluster agents act on a change at once instead of at their next poll.
void wake_agents(const ServerContext& ctx, bool changed) {
    if (changed && ctx.agents) ctx.agents->wake();
}

void add_kind_routes(Router& router, const ServerContext& ctx, CredentialKind kind) {
    const std::string list_path = kBase + "/" + std::string(kind_path_segment(kind));
    const std::string item_path = list_path + "/{id}";
    Store& store = ctx.store;
    const SecretBox& box = ctx.secrets;

    router.add("GET", list_path, RouteAccess::scoped(Action::Read),
               [&store, kind](RequestContext& rc, httplib::Response& res) {
                   send_entries(res, list_credentials(store, rc.caller(), kind, rc.http.params), false);
               });
    router.add("POST", list_path, RouteAccess::scoped(Action::Create),
               [&ctx, &store, &box, kind](RequestContext& rc, httplib::Response& res) {
                   auto created = create_credential(store, box, rc.caller(), audit_source(rc), kind, rc.http.body);
                   wake_agents(ctx, created.ok());
                   send_credential(res, 202, created);
               });
    router.add("GET", item_path, RouteAccess::scoped(Action::Read),
               [&store, kind](RequestContext& rc, httplib::Response& res) {
                   send_credential(res, 200,
                                   get_credential(store, rc.caller(), kind, rc.params.at("id"), rc.http.params));
               });
    router.add("PUT", item_path, RouteAccess::scoped(Action::Update),
               [&ctx, &store, kind](RequestContext& rc, httplib::Response& res) {
                   auto updated =
                       update_credential(store, rc.caller(), audit_source(rc), kind, rc.params.at("id"), rc.http.body);
                   wake_agents(ctx, updated.ok());
                   send_credential(res, 202, updated);
               });
    router.add("DELETE", item_path, RouteAccess::scoped(Action::Delete),
               [&ctx, &store, kind](RequestContext& rc, httplib::Response& res) {
                   auto deleted = delete_credential(store, rc.caller(), audit_source(rc), kind, rc.params.at("id"));
                   if (!deleted) return send_error(res, deleted.error());
                   wake_agents(ctx, true);
                   const int status = delete_status_code(kind);
                   if (status == 204) {
                       res.status = 204;
                       return;
                   }
                   send_json(res, status, Json{{"code", status}, {"message", "Request has been accepted."}});
               });
}

}  // namespace

void add_credential_routes(Router& router, const ServerContext& ctx) {
    Store& store = ctx.store;
    router.add("GET", kBase, RouteAccess::scoped(Action::Read), [&store](RequestContext& rc, httplib::Response& res) {
        send_entries(res, list_credentials(store, rc.caller(), std::nullopt, rc.http.params), true);
    });
    for (auto kind : kAllKinds) add_kind_routes(router, ctx, kind);
}

void audit_refused_credential_change(Store& store, const RequestContext& rc, const ApiError& error) {
    if (!rc.access) return;  // the caller's access could not be loaded: a server failure, not a refusal
    const std::string prefix = kBase + "/";
    if (rc.path.compare(0, prefix.size(), prefix) != 0) return;
    const std::string_view rest = std::string_view(rc.path).substr(prefix.size());
    const auto kind = kind_from_path_segment(rest.substr(0, rest.find('/')));
    if (!kind) return;
    const std::string& method = rc.http.method;
    const auto id = rc.params.find("id");
    if (method == "POST" && id == rc.params.end())
        record_create_refusal(store, rc.caller().tree, audit_source(rc), *kind, rc.http.body, error);
    else if (method == "PUT" && id != rc.params.end())
        record_update_refusal(store, rc.caller().tree, audit_source(rc), id->second, rc.http.body, error);
    else if (method == "DELETE" && id != rc.params.end())
        record_delete_refusal(store, rc.caller().tree, audit_source(rc), id->second, error);
}

}  // namespace cc::server
