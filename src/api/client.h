// The Run:ai REST client: request builders (paths, query strings, bodies, auth header) and
// response parsers (status-code handling, JSON decoding, error mapping). Knows nothing of
// ImGui or of how requests travel.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/http.h"
#include "core/audit.h"
#include "core/credential.h"
#include "core/org.h"
#include "core/permitted_scopes.h"
#include "core/result.h"

namespace cc::api {

struct Session {
    std::string access_token;
    std::string user;  // the login name, shown in the header
    std::int64_t expires_in = 0;
};

// Org-unit lists are paginated (limit ≤ 500); the client follows `next`.
inline constexpr int kOrgPageSize = 500;

template <class T>
struct Page {
    std::vector<T> items;
    std::optional<std::int64_t> next;
};

// ---- requests -------------------------------------------------------------------------------
// The password travels only in the request body, which is marked secret.
HttpRequest token_request(std::string_view username, std::string_view password);
// A kiosk display's read-only session (this reference server's extension: POST
// api/v1/kiosk/session, no body, answered when the server names a kiosk user).
HttpRequest kiosk_session_request();
// The combined list (usage and status included). With the ETag of the list the caller holds, the
// server answers 304 and no body when the list has not changed since.
HttpRequest list_credentials_request(const Session& s, std::string_view etag = {});
HttpRequest clusters_request(const Session& s);
HttpRequest departments_request(const Session& s, std::int64_t offset);
HttpRequest projects_request(const Session& s, std::int64_t offset);
// One credential with its usage and status (the per-kind GET), to follow a row that is
// being created, updated or deleted.
HttpRequest credential_request(const Session& s, CredentialKind kind, const CredentialId& id);

// ---- create, rename, delete -----------------------------------------------------------------
HttpRequest permitted_scopes_request(const Session& s);
// The existing-secrets extension of the reference server (docs/api.md, 'Existing-secrets
// listing (extension)'); a control plane without it answers 404.
HttpRequest existing_secrets_request(const Session& s, CredentialKind kind, const ScopeRef& scope);
// Takes the secret values out of `r` into the request body (marked secret) and wipes them in
// `r`; no other copy of a secret is left behind on the heap.
HttpRequest create_credential_request(const Session& s, CreateRequest& r);
// PUT {"meta":{"name","description"}}.
HttpRequest update_credential_request(const Session& s, CredentialKind kind, const CredentialId& id,
                                      const UpdateRequest& r);
HttpRequest delete_credential_request(const Session& s, CredentialKind kind, const CredentialId& id);

// The audit-trail extension of the reference server: the newest events of one credential
// (changes, refused attempts, asset links), one page of kHistoryPageSize.
inline constexpr int kHistoryPageSize = 50;
HttpRequest credential_history_request(const Session& s, const CredentialId& id);

// ---- registry login checks (this reference server's extension; docs/api.md, 'Registry login
// checks (extension)') ----------------------------------------------------------------------------
struct LoginCheck {
    std::string outcome;  // "ok", "wrongCredentials", "unreachable", "tlsError", "notARegistry"
    std::string message;
    std::string checked_at;  // RFC 3339
    std::int64_t duration_ms = 0;
    std::string failing_since;  // stored credentials whose checks fail: since when; else ""
};
// A form's values, not saved yet. The body holds the password (marked secret); `password` is
// wiped here.
HttpRequest form_login_test_request(const Session& s, std::string_view url, std::string_view user,
                                    std::string& password);
// A stored docker-registry or NGC credential: the server uses the values it keeps.
HttpRequest stored_login_test_request(const Session& s, CredentialKind kind, const CredentialId& id);
// The last check of a stored credential ({"loginCheck": ... | null}).
HttpRequest login_check_request(const Session& s, CredentialKind kind, const CredentialId& id);

struct ExistingSecret {
    std::string name;
    std::string namespace_name;
    bool in_use = false;
    std::string type;  // the Secret's Kubernetes type ("kubernetes.io/ssh-auth"); empty when not said
};

// ---- responses ------------------------------------------------------------------------------
Result<Session> parse_token(const HttpResponse& r, std::string_view username);
// {accessToken, user}: the session and whose it is.
Result<Session> parse_kiosk_session(const HttpResponse& r);
Result<std::vector<Cluster>> parse_clusters(const HttpResponse& r);
Result<Page<Department>> parse_departments(const HttpResponse& r);
Result<Page<Project>> parse_projects(const HttpResponse& r);
Result<Credential> parse_credential(const HttpResponse& r);

Result<CredentialPermissions> parse_permitted_scopes(const HttpResponse& r);
Result<std::vector<ExistingSecret>> parse_existing_secrets(const HttpResponse& r);
// {"entries": [...], "next"?}, newest first.
Result<AuditPage> parse_credential_history(const HttpResponse& r);

// The answer of a test (either kind).
Result<LoginCheck> parse_login_test(const HttpResponse& r);
// The answer of login_check_request: nullopt before the first check.
Result<std::optional<LoginCheck>> parse_login_check(const HttpResponse& r);

// The error carried by a non-2xx (or failed) exchange, in the Run:ai shape.
ApiError error_of(const HttpResponse& r);

std::string url_encode(std::string_view s);

}  // namespace cc::api
