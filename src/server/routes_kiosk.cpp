// POST /api/v1/kiosk/session, this server's extension for kiosk and wall displays: the app opened
// with ?display=kiosk asks for a session nobody types a password for. The server grants one only
// when it was started with --kiosk-user, only for that user, and only while that user can merely
// read (a role that may create, change or delete turns the route off): a display shows the
// credentials, it never changes them.
#include "server/audit_log.h"
#include "server/auth.h"
#include "server/http_util.h"
#include "server/permissions.h"
#include "server/routes.h"
#include "server/time_util.h"

namespace cc::server {
namespace {

void post_kiosk_session(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    if (ctx.kiosk_user.empty())
        return send_error(res, 404, "Kiosk sessions are off",
                          "Start the server with --kiosk-user EMAIL to let displays show the credentials");
    if (!rc.http.body.empty()) return send_error(res, 400, "The request takes no body");
    auto user = ctx.store.find_user(ctx.kiosk_user);
    if (!user) return send_error(res, user.error());
    if (!*user)
        return send_error(res, 503, "The kiosk user does not exist",
                          "The server names " + ctx.kiosk_user + " for displays; create that user or name another");
    auto access = load_caller_access(ctx.store, ctx.kiosk_user);
    if (!access) return send_error(res, access.error());
    const Permissions& p = access->permissions;
    if (p.holds(Action::Create) || p.holds(Action::Update) || p.holds(Action::Delete))
        return send_error(res, 403, "The kiosk user may change credentials",
                          "A display gets a read-only session: give " + ctx.kiosk_user + " only viewer roles");
    audit_login(ctx.store, rc,
                {.grant = "kiosk", .name = ctx.kiosk_user, .application = false, .subject = ctx.kiosk_user});
    send_json(res, 200,
              Json{{"accessToken", ctx.tokens.issue(ctx.kiosk_user, TokenUse::Access, unix_now(),
                                                    TokenService::kAccessLifetimeSeconds)},
                   {"user", ctx.kiosk_user}});
}

}  // namespace

void add_kiosk_routes(Router& router, const ServerContext& ctx) {
    router.add("POST", "/api/v1/kiosk/session", RouteAccess::public_route(),
               [&ctx](RequestContext& rc, httplib::Response& res) { post_kiosk_session(ctx, rc, res); });
}

}  // namespace cc::server
