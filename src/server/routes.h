// What the route files share: the server's long-lived services, the registration function of
// each route group, and authentication of a request's bearer token.
#pragma once

#include <string>

#include <httplib.h>

#include "core/result.h"
#include "server/auth.h"
#include "server/crypto.h"
#include "server/router.h"
#include "server/store.h"

namespace cc::server {

struct ServerContext {
    Store& store;
    const SecretBox& secrets;
    const TokenService& tokens;
};

// POST /api/v1/token
void add_token_routes(Router& router, const ServerContext& ctx);
// GET /api/v1/asset/credentials
void add_credential_routes(Router& router, const ServerContext& ctx);
// GET /api/v1/clusters, /api/v1/org-unit/departments, /api/v1/org-unit/projects
void add_org_routes(Router& router, const ServerContext& ctx);

// The email of the caller, or a 401 saying what is wrong with the Authorization header.
Result<std::string> authenticate(const ServerContext& ctx, const httplib::Request& req);

}  // namespace cc::server
