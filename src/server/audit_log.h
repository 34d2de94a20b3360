// What the server writes to its audit trail (the audit_events table): credential changes and
// refused attempts (credential_service.cpp), asset links (routes_assets.cpp) and sign-ins
// (routes_token.cpp), each with who, when, what, outcome, target and client address. Only names,
// statuses and error messages are recorded: never a request body, a password or a secret value.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/audit.h"
#include "core/org.h"
#include "core/result.h"
#include "server/asset_requests.h"
#include "server/router.h"
#include "server/store.h"

namespace cc::server {

// Who acts and from where: the authenticated caller and the request's client address.
struct AuditSource {
    std::string actor;
    std::string address;
};
AuditSource audit_source(const RequestContext& rc);

// meta.<key> of a request body when it is a string: what a refused request asked for (a name).
std::optional<std::string> body_meta_string(const Json& body, const char* key);

// Appends a "done" event stamped now. Call it inside the transaction of the change it records,
// so that both are stored or neither.
VoidResult record_done(Store& store, const AuditSource& from, std::string_view action, int status, AuditTarget target,
                       std::string scope_path, std::string detail);

// Records a refused attempt on its own (the change was rolled back or never began): the status
// and the error's message, after `context` when given. Only 4xx answers are refusals; a 5xx is
// the server's own failure and is not recorded. A failure to write is ignored: the caller
// answers with the refusal either way.
void record_refusal(Store& store, const AuditSource& from, std::string_view action, const ApiError& error,
                    AuditTarget target, std::string scope_path, std::string_view context = {});

// The credential `id` as an audit target with its scope path, as far as the store knows it
// (an id alone when there is no such credential).
AuditTarget credential_target(Store& store, const OrgTree& tree, const std::string& id, std::string* scope_path);

// ---- asset links: a data source or environment created with references to credentials ----
// One "done" event per linked credential, inside the create's transaction.
VoidResult audit_asset_linked(Store& store, const RequestContext& rc, AssetType type, const Referrer& asset,
                              const OrgTree& tree);
// A refused create whose body names credentials: one "refused" event per credential id named.
void audit_asset_refused(Store& store, const RequestContext& rc, const OrgTree& tree, AssetType type, const Json& body,
                         const ApiError& error);

// ---- sign-ins on the token endpoints ----
struct LoginAttempt {
    std::string_view grant;  // "password", "client_credentials", "app_token", or "client authentication"
    std::string_view name;   // the email or client id that was tried (never the password)
    bool application = false;
    std::optional<std::string> subject;  // the signed-in id; nullopt when refused
    int status = 200;
};
// A successful sign-in, or a refused one with why (unknown user, wrong password, wrong client
// secret, wrong kind of account).
void audit_login(Store& store, const RequestContext& rc, const LoginAttempt& attempt);

}  // namespace cc::server
