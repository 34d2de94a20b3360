// The token endpoints. POST /api/v1/token takes JSON whose keys match case-insensitively,
// as the Run:ai control plane does (runapy sends "AppId"): grants password, refresh_token and
// client_credentials (app_token is its deprecated alias), errors in the Run:ai shape.
// POST /api/v2/token is OAuth 2.0: a form body, grants password and client_credentials, client
// authentication in the body or by HTTP Basic, errors as {"error","error_description"}.
// Also: bearer authentication of every other API request.
#include <map>

#include "core/text.h"
#include "server/audit_log.h"
#include "server/form_urlencoded.h"
#include "server/http_util.h"
#include "server/login_throttle.h"
#include "server/routes.h"
#include "server/time_util.h"

namespace cc::server {
namespace {

const std::string& dummy_hash() {
    // Verifying against this when the subject does not exist keeps failures equally slow.
    static const std::string hash = hash_password("no-such-user-dummy-password");
    return hash;
}

enum class Subject { User, Application };

// The stored id (email or client id) when `secret` is right for a subject of that kind; nullopt
// for a wrong secret, an unknown id, or a user presenting itself as an application or vice versa.
Result<std::optional<std::string>> verify_subject(Store& store, const std::string& id, const std::string& secret,
                                                  Subject kind) {
    auto user = store.find_user(id);
    if (!user) return user.error();
    bool right_kind = false;
    if (*user) {
        auto app = store.is_application_client((*user)->email);
        if (!app) return app.error();
        right_kind = *app == (kind == Subject::Application);
    }
    const bool valid =
        right_kind ? verify_password((*user)->password_hash, secret) : (verify_password(dummy_hash(), secret), false);
    if (!valid) return std::optional<std::string>{};
    return std::optional<std::string>{(*user)->email};
}

// A password check under the login limits.
struct Verdict {
    enum class Kind { Accepted, Rejected, Throttled, Busy } kind = Kind::Rejected;
    std::string subject;  // Accepted: the stored id
    int retry_after = 0;  // Throttled, Busy: seconds
};

// The check was not made: the sign-in limits stopped it.
bool stopped_by_limits(const Verdict& v) {
    return v.kind == Verdict::Kind::Throttled || v.kind == Verdict::Kind::Busy;
}

Result<Verdict> check_secret(const ServerContext& ctx, const RequestContext& rc, const std::string& id,
                             const std::string& secret, Subject kind) {
    const std::string& address = rc.http.remote_addr;
    if (auto wait = ctx.logins->begin_attempt(id, address)) return Verdict{Verdict::Kind::Throttled, {}, *wait};
    auto slot = ctx.logins->hash_slot();
    if (!slot) return Verdict{Verdict::Kind::Busy, {}, 1};
    auto subject = verify_subject(ctx.store, id, secret, kind);
    if (!subject) return subject.error();
    if (!*subject) return Verdict{Verdict::Kind::Rejected, {}, 0};
    ctx.logins->succeeded(id, address);
    return Verdict{Verdict::Kind::Accepted, std::move(**subject), 0};
}

// Records a password check in the audit trail. Attempts refused by the sign-in limits are not
// recorded: they checked nothing, and recording each would let a flood of them fill the trail.
void audit_check(const ServerContext& ctx, const RequestContext& rc, std::string_view grant, std::string_view name,
                 bool application, const Verdict& v, int rejected_status) {
    if (stopped_by_limits(v)) return;
    const bool accepted = v.kind == Verdict::Kind::Accepted;
    audit_login(ctx.store, rc,
                LoginAttempt{grant, name, application, accepted ? std::optional<std::string>(v.subject) : std::nullopt,
                             accepted ? 200 : rejected_status});
}

// For a check the sign-in limits stopped (Throttled, Busy): sets Retry-After and returns the
// status and the text to answer with, in either endpoint's error shape.
std::pair<int, std::string> limited(httplib::Response& res, const Verdict& v) {
    res.set_header("Retry-After", std::to_string(v.retry_after));
    if (v.kind == Verdict::Kind::Throttled)
        return {429, "Too many sign-in attempts; try again in " + std::to_string(v.retry_after) + " seconds"};
    return {503, "The server is busy checking other sign-ins; try again in a second"};
}

// The answer for a verdict other than Accepted, in the v1 (Run:ai) error shape.
void refuse_v1(httplib::Response& res, const Verdict& v, const char* rejected_message) {
    if (!stopped_by_limits(v)) return send_error(res, 401, rejected_message);
    const auto [status, text] = limited(res, v);
    send_error(res, status, text);
}

// v1 answer. Applications get no refresh token: they hold their secret and ask again.
Json token_response(const TokenService& tokens, const std::string& subject, Subject kind) {
    const std::int64_t now = unix_now();
    Json j = {{"accessToken", tokens.issue(subject, TokenUse::Access, now, TokenService::kAccessLifetimeSeconds)},
              {"expiresIn", TokenService::kAccessLifetimeSeconds}};
    if (kind == Subject::User) {
        j["idToken"] = tokens.issue(subject, TokenUse::Id, now, TokenService::kAccessLifetimeSeconds);
        j["refreshToken"] = tokens.issue(subject, TokenUse::Refresh, now, TokenService::kRefreshLifetimeSeconds);
    }
    return j;
}

void post_token_v1(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    auto body = parse_json(rc.http.body);
    if (!body) return send_error(res, body.error());
    if (!body->is_object()) return send_error(res, 400, "The token request must be a JSON object");

    std::map<std::string, std::string> fields;  // lowercased key -> value
    for (auto it = body->begin(); it != body->end(); ++it) {
        if (it->is_null()) continue;
        if (!it->is_string()) return send_error(res, 400, "Field " + it.key() + " must be a string");
        fields[ascii_lower(it.key())] = it->get<std::string>();
    }
    auto field = [&fields](const char* lower_key) -> const std::string* {
        auto it = fields.find(lower_key);
        return it == fields.end() ? nullptr : &it->second;
    };
    const char* supported = "Supported grant types: password, client_credentials, refresh_token (and app_token)";

    const std::string* grant = field("granttype");
    if (!grant) return send_error(res, 400, "grantType is required", supported);
    if (*grant == "password") {
        const std::string* username = field("username");
        const std::string* password = field("password");
        if (!username || !password || username->empty())
            return send_error(res, 400, "username and password are required for the password grant");
        auto verdict = check_secret(ctx, rc, *username, *password, Subject::User);
        if (!verdict) return send_error(res, verdict.error());
        audit_check(ctx, rc, *grant, *username, false, *verdict, 401);
        if (verdict->kind != Verdict::Kind::Accepted) return refuse_v1(res, *verdict, "Invalid username or password");
        return send_json(res, 200, token_response(ctx.tokens, verdict->subject, Subject::User));
    }
    if (*grant == "client_credentials" || *grant == "app_token") {
        const bool app = *grant == "app_token";
        const std::string* id = field(app ? "appid" : "clientid");
        const std::string* secret = field(app ? "appsecret" : "clientsecret");
        const std::string names = app ? "appID and appSecret" : "clientID and clientSecret";
        if (!id || !secret || id->empty())
            return send_error(res, 400, names + " are required for the " + *grant + " grant");
        auto verdict = check_secret(ctx, rc, *id, *secret, Subject::Application);
        if (!verdict) return send_error(res, verdict.error());
        audit_check(ctx, rc, *grant, *id, true, *verdict, 401);
        if (verdict->kind != Verdict::Kind::Accepted) return refuse_v1(res, *verdict, "Invalid client credentials");
        return send_json(res, 200, token_response(ctx.tokens, verdict->subject, Subject::Application));
    }
    if (*grant == "refresh_token") {
        const std::string* refresh = field("refreshtoken");
        if (!refresh) return send_error(res, 400, "refreshToken is required for the refresh_token grant");
        auto claims = ctx.tokens.verify(*refresh, TokenUse::Refresh, unix_now());
        if (!claims) return send_error(res, claims.error());
        auto user = ctx.store.find_user(claims->subject);
        if (!user) return send_error(res, user.error());
        if (!*user) return send_error(res, 401, "The user of this token no longer exists");
        return send_json(res, 200, token_response(ctx.tokens, (*user)->email, Subject::User));
    }
    for (const char* known : {"exchange_token", "external_token_exchange"})
        if (*grant == known) return send_error(res, 400, "Unsupported grant type: " + *grant, supported);
    return send_error(res, 400, "Unknown grant type: " + printable_excerpt(*grant, 40), supported);
}

// ---- v2 (OAuth 2.0) ------------------------------------------------------------------------

void oauth_error(httplib::Response& res, int status, const char* error, std::string description) {
    if (status == 401) res.set_header("WWW-Authenticate", R"(Basic realm="credentials-console")");
    send_json(res, status, Json{{"error", error}, {"error_description", std::move(description)}});
}

// The OAuth answer for a verdict other than Accepted; `rejected` is the error for a wrong secret.
void refuse_v2(httplib::Response& res, const Verdict& v, int rejected_status, const char* rejected,
               const char* rejected_description) {
    if (!stopped_by_limits(v)) return oauth_error(res, rejected_status, rejected, rejected_description);
    const auto [status, text] = limited(res, v);
    oauth_error(res, status, "temporarily_unavailable", text);
}

void post_token_v2(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    res.set_header("Pragma", "no-cache");
    const std::string type = ascii_lower(rc.http.get_header_value("Content-Type"));
    if (type.rfind("application/x-www-form-urlencoded", 0) != 0)
        return oauth_error(res, 400, "invalid_request", "The body must be application/x-www-form-urlencoded");
    auto form = parse_form_urlencoded(rc.http.body);
    if (!form) return oauth_error(res, 400, "invalid_request", form.error().message);
    auto param = [&form](const char* name) -> const std::string* {
        auto it = form->find(name);
        return it == form->end() || it->second.empty() ? nullptr : &it->second;
    };

    // Client authentication: HTTP Basic or client_id/client_secret in the body, never both.
    std::optional<std::pair<std::string, std::string>> client;
    const std::string authorization = rc.http.get_header_value("Authorization");
    if (ascii_lower(authorization).rfind("basic", 0) == 0) {
        client = basic_credentials(authorization);
        if (!client) return oauth_error(res, 401, "invalid_client", "Malformed HTTP Basic client authentication");
        if (param("client_secret"))
            return oauth_error(res, 400, "invalid_request", "Use one client authentication method, not two");
        if (const std::string* id = param("client_id"); id && *id != client->first)
            return oauth_error(res, 400, "invalid_request", "client_id differs from the HTTP Basic client");
    } else if (const std::string* secret = param("client_secret")) {
        const std::string* id = param("client_id");
        if (!id) return oauth_error(res, 400, "invalid_request", "client_secret without client_id");
        client = std::pair{*id, *secret};
    }
    std::optional<std::string> client_subject;
    if (client) {
        auto verdict = check_secret(ctx, rc, client->first, client->second, Subject::Application);
        if (!verdict) return oauth_error(res, 500, "server_error", "The server could not check the client");
        if (verdict->kind != Verdict::Kind::Accepted) {
            audit_check(ctx, rc, "client authentication", client->first, true, *verdict, 401);
            return refuse_v2(res, *verdict, 401, "invalid_client", "Client authentication failed");
        }
        client_subject = verdict->subject;
    }

    const std::string* grant = param("grant_type");
    if (!grant) return oauth_error(res, 400, "invalid_request", "grant_type is required");
    std::string subject;
    if (*grant == "password") {
        const std::string* username = param("username");
        const std::string* password = form->count("password") ? &form->at("password") : nullptr;
        if (!username || !password)
            return oauth_error(res, 400, "invalid_request",
                               "username and password are required for the password grant");
        auto verdict = check_secret(ctx, rc, *username, *password, Subject::User);
        if (!verdict) return oauth_error(res, 500, "server_error", "The server could not check the credentials");
        audit_check(ctx, rc, *grant, *username, false, *verdict, 400);
        if (verdict->kind != Verdict::Kind::Accepted)
            return refuse_v2(res, *verdict, 400, "invalid_grant", "Invalid username or password");
        subject = verdict->subject;
    } else if (*grant == "client_credentials") {
        if (!client_subject) {
            if (param("client_id")) return oauth_error(res, 400, "invalid_request", "client_secret is required");
            return oauth_error(res, 400, "invalid_request", "client_id and client_secret are required");
        }
        subject = *client_subject;
        audit_login(ctx.store, rc, {.grant = *grant, .name = subject, .application = true, .subject = subject});
    } else {
        return oauth_error(
            res, 400, "unsupported_grant_type",
            "Grant type " + printable_excerpt(*grant, 40) + " is not supported; use password or client_credentials");
    }
    send_json(res, 200,
              Json{{"access_token",
                    ctx.tokens.issue(subject, TokenUse::Access, unix_now(), TokenService::kAccessLifetimeSeconds)},
                   {"token_type", "Bearer"},
                   {"expires_in", TokenService::kAccessLifetimeSeconds}});
}

}  // namespace

void add_token_routes(Router& router, const ServerContext& ctx) {
    router.add("POST", "/api/v1/token", RouteAccess::public_route(),
               [&ctx](RequestContext& rc, httplib::Response& res) { post_token_v1(ctx, rc, res); });
    router.add("POST", "/api/v2/token", RouteAccess::public_route(),
               [&ctx](RequestContext& rc, httplib::Response& res) { post_token_v2(ctx, rc, res); });
}

Result<std::string> authenticate(const ServerContext& ctx, const httplib::Request& req) {
    if (!req.has_header("Authorization"))
        return ApiError{401, "Missing bearer token", "Send Authorization: Bearer <token>", {}};
    const std::string header = req.get_header_value("Authorization");
    const auto token = bearer_token(header);
    if (!token) return ApiError{401, "Malformed Authorization header", "Expected: Bearer <token>", {}};
    auto claims = ctx.tokens.verify(*token, TokenUse::Access, unix_now());
    if (!claims) return claims.error();
    auto user = ctx.store.find_user(claims->subject);
    if (!user) return user.error();
    if (!*user) return ApiError{401, "The user of this token no longer exists", {}, {}};
    return (*user)->email;
}

}  // namespace cc::server
