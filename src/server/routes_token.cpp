// POST /api/v1/token (§9): the JSON token endpoint. Keys are matched case-insensitively, as the
// Run:ai control plane does (runapy sends "AppId"). Supported grants: password and
// refresh_token; the others of the spec answer 400. Also: bearer authentication of requests.
#include <map>

#include "server/http_util.h"
#include "server/routes.h"
#include "server/time_util.h"

namespace cc::server {
namespace {

const std::string& dummy_hash() {
    // Verifying against this when the user does not exist keeps failures equally slow.
    static const std::string hash = hash_password("no-such-user-dummy-password");
    return hash;
}

Json token_response(const TokenService& tokens, const std::string& subject) {
    const std::int64_t now = unix_now();
    return {{"accessToken", tokens.issue(subject, TokenUse::Access, now, TokenService::kAccessLifetimeSeconds)},
            {"idToken", tokens.issue(subject, TokenUse::Id, now, TokenService::kAccessLifetimeSeconds)},
            {"refreshToken", tokens.issue(subject, TokenUse::Refresh, now, TokenService::kRefreshLifetimeSeconds)},
            {"expiresIn", TokenService::kAccessLifetimeSeconds}};
}

void post_token(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
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

    const std::string* grant = field("granttype");
    if (!grant) return send_error(res, 400, "grantType is required", "Supported grant types: password, refresh_token");
    if (*grant == "password") {
        const std::string* username = field("username");
        const std::string* password = field("password");
        if (!username || !password || username->empty())
            return send_error(res, 400, "username and password are required for the password grant");
        auto user = ctx.store.find_user(*username);
        if (!user) return send_error(res, user.error());
        const bool valid = *user ? verify_password((*user)->password_hash, *password)
                                 : (verify_password(dummy_hash(), *password), false);
        if (!valid) return send_error(res, 401, "Invalid username or password");
        return send_json(res, 200, token_response(ctx.tokens, (*user)->email));
    }
    if (*grant == "refresh_token") {
        const std::string* refresh = field("refreshtoken");
        if (!refresh) return send_error(res, 400, "refreshToken is required for the refresh_token grant");
        auto claims = ctx.tokens.verify(*refresh, TokenUse::Refresh, unix_now());
        if (!claims) return send_error(res, claims.error());
        auto user = ctx.store.find_user(claims->subject);
        if (!user) return send_error(res, user.error());
        if (!*user) return send_error(res, 401, "The user of this token no longer exists");
        return send_json(res, 200, token_response(ctx.tokens, (*user)->email));
    }
    for (const char* known : {"client_credentials", "app_token", "exchange_token", "external_token_exchange"})
        if (*grant == known)
            return send_error(res, 400, "Unsupported grant type: " + *grant,
                              "This server supports the password and refresh_token grants");
    return send_error(res, 400, "Unknown grant type: " + *grant,
                      "Supported grant types: password, refresh_token");
}

}  // namespace

void add_token_routes(Router& router, const ServerContext& ctx) {
    router.add("POST", "/api/v1/token", Access::Public,
               [&ctx](RequestContext& rc, httplib::Response& res) { post_token(ctx, rc, res); });
}

Result<std::string> authenticate(const ServerContext& ctx, const httplib::Request& req) {
    if (!req.has_header("Authorization")) return ApiError{401, "Missing bearer token", "Send Authorization: Bearer <token>", {}};
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
