// What the route files share: the server's long-lived services, the registration function of
// each route group, and authentication of a request's bearer token.
#pragma once

#include <httplib.h>

#include <string>

#include "core/result.h"
#include "server/auth.h"
#include "server/crypto.h"
#include "server/registry_login.h"
#include "server/router.h"
#include "server/store.h"

namespace cc::server {

class ClusterAgents;
class LoginThrottle;

struct ServerContext {
    Store& store;
    const SecretBox& secrets;
    const TokenService& tokens;
    ClusterAgents* agents = nullptr;  // wake() after a change the cluster agents should act on
    LoginThrottle* logins = nullptr;  // every password check goes through it
    std::string kiosk_user;           // Config::kiosk_user
    RegistryCheckOptions registry;    // Config::registry_ca_file
};

// Each group registers its routes with the access rule the dispatcher applies (router.h); the
// handlers then check the specific object's scope against RequestContext::caller().

// POST /api/v1/token (JSON) and /api/v2/token (OAuth 2.0 form): public.
void add_token_routes(Router& router, const ServerContext& ctx);
// POST /api/v1/kiosk/session (this server's extension): public; a read-only session for a
// display, when the server names a kiosk user.
void add_kiosk_routes(Router& router, const ServerContext& ctx);
// A create, rename/description change or delete of a credential that the route's access rule
// refused before its handler ran: recorded in the audit trail as the handler records its own.
// Requests to other routes are not recorded here.
void audit_refused_credential_change(Store& store, const RequestContext& rc, const ApiError& error);
// /api/v1/asset/credentials and its per-kind endpoints: the caller's credential permissions.
void add_credential_routes(Router& router, const ServerContext& ctx);
// POST /api/v1/authorization/permitted-scopes: any signed-in caller, about themselves.
void add_permission_routes(Router& router, const ServerContext& ctx);
// GET /api/v1/clusters[/{clusterUuid}], /api/v1/org-unit/departments[/{id}], /api/v1/org-unit/projects[/{id}]:
// any signed-in caller, answered with the nodes they can read and the ancestors of those.
void add_org_routes(Router& router, const ServerContext& ctx);
// /api/v1/asset/datasource/git, /api/v1/asset/datasource/s3, /api/v1/asset/environment: the same
// role x scope rules as credentials.
void add_asset_routes(Router& router, const ServerContext& ctx);

// Extensions (not Run:ai): registry login checks. POST .../docker-registry/test-login (a form's
// values; callers who may create somewhere), POST .../{docker-registry,ngc-api-key}/{id}/test-login
// and GET .../{id}/login-check (whoever may read the credential; the server uses the stored values).
void add_registry_login_routes(Router& router, const ServerContext& ctx);

// Extensions of this server (not Run:ai): GET /api/v1/asset/credentials/existing-secrets (where
// the caller may create credentials) and /api/v1/x-reference/clusters/{clusterUuid}/{secrets,
// namespaces,reachability} (System administrators). Register before the credential routes so
// "existing-secrets" is not taken for a kind.
void add_cluster_ext_routes(Router& router, const ServerContext& ctx);
// Extensions (not Run:ai): the audit trail, GET /api/v1/x-reference/audit (System administrators)
// and GET /api/v1/x-reference/credentials/{id}/history (whoever may read the credential).
void add_audit_routes(Router& router, const ServerContext& ctx);

// The email of the caller, or a 401 saying what is wrong with the Authorization header.
Result<std::string> authenticate(const ServerContext& ctx, const httplib::Request& req);

}  // namespace cc::server
