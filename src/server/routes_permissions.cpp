// POST /api/v1/authorization/permitted-scopes: where the caller may create, read, update and
// delete a resource type, for the web app's scope picker. This server knows the
// "credentials" resource type; the role logic itself lives in permissions.cpp.
#include "server/http_util.h"
#include "server/permissions.h"
#include "server/routes.h"

namespace cc::server {
namespace {

void post_permitted_scopes(RequestContext& rc, httplib::Response& res) {
    auto body = parse_json(rc.http.body);
    if (!body) return send_error(res, body.error());
    if (!body->is_object()) return send_error(res, 400, "The request body must be a JSON object");
    for (auto it = body->begin(); it != body->end(); ++it)
        if (it.key() != "resourceType" && it.key() != "action")
            return send_error(res, 400, "Unknown field " + it.key(), "field: " + it.key());
    const auto type = body->find("resourceType");
    if (type == body->end() || type->is_null())
        return send_error(res, 400, "resourceType is required", "field: resourceType");
    if (!type->is_string()) return send_error(res, 400, "resourceType must be a string", "field: resourceType");
    if (type->get<std::string>() != "credentials")
        return send_error(res, 400, "resourceType " + type->get<std::string>() + " is not supported by this server",
                          "field: resourceType; supported: credentials");
    const auto action = body->find("action");
    if (action != body->end() && !action->is_null()) {
        if (!action->is_string() || !action_from_api_name(action->get<std::string>()))
            return send_error(res, 400, "action must be one of create, read, update, delete or null", "field: action");
    }

    // Every action is answered (the response schema requires all four); `action` only narrows
    // what a client reads.
    send_json(res, 200, rc.caller().permissions.permitted_scopes_json());
}

}  // namespace

void add_permission_routes(Router& router, const ServerContext&) {
    // Any signed-in caller: the answer is about the caller's own roles.
    router.add("POST", "/api/v1/authorization/permitted-scopes", RouteAccess::signed_in(),
               [](RequestContext& rc, httplib::Response& res) { post_permitted_scopes(rc, res); });
}

}  // namespace cc::server
