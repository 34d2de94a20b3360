// Password hashing with libargon2 and compact JWS (HS256) tokens built by hand on libsodium's
// HMAC-SHA256. The header is fixed, so verification compares the signed header byte for byte
// instead of trusting whatever algorithm a token claims.
#include "server/auth.h"

#include <argon2.h>
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "core/text.h"

namespace cc::server {
namespace {

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
constexpr std::uint32_t kArgonTime = 2;
constexpr std::uint32_t kArgonMemoryKiB = 19 * 1024;
constexpr std::uint32_t kArgonLanes = 1;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

const std::string kJwtHeader = R"({"alg":"HS256","typ":"JWT"})";
constexpr const char* kIssuer = "credentials-console-reference";

ApiError unauthorized(std::string message) {
    return ApiError{401, std::move(message), {}, {}};
}

}  // namespace

std::string hash_password(std::string_view password) {
    crypto_init();
    std::uint8_t salt[kSaltBytes];
    randombytes_buf(salt, sizeof salt);
    std::string encoded(argon2_encodedlen(kArgonTime, kArgonMemoryKiB, kArgonLanes, kSaltBytes, kHashBytes, Argon2_id),
                        '\0');
    const int rc = argon2id_hash_encoded(kArgonTime, kArgonMemoryKiB, kArgonLanes, password.data(), password.size(),
                                         salt, sizeof salt, kHashBytes, encoded.data(), encoded.size());
    if (rc != ARGON2_OK) return {};
    encoded.resize(std::char_traits<char>::length(encoded.c_str()));
    return encoded;
}

bool verify_password(const std::string& encoded_hash, std::string_view password) {
    if (encoded_hash.empty()) return false;
    return argon2id_verify(encoded_hash.c_str(), password.data(), password.size()) == ARGON2_OK;
}

std::string_view token_use_name(TokenUse u) {
    switch (u) {
        case TokenUse::Access: return "access";
        case TokenUse::Id: return "id";
        case TokenUse::Refresh: return "refresh";
    }
    return "";
}

TokenService::TokenService(Bytes key) : key_(std::move(key)) {}

TokenService::~TokenService() {
    sodium_memzero(key_.data(), key_.size());
}

std::string TokenService::issue(std::string_view subject, TokenUse use, std::int64_t now,
                                std::int64_t lifetime_seconds) const {
    nlohmann::json payload = {{"iss", kIssuer},
                              {"sub", subject},
                              {"iat", now},
                              {"exp", now + lifetime_seconds},
                              {"token_use", token_use_name(use)},
                              {"jti", random_uuid()}};
    if (use == TokenUse::Id) payload["email"] = subject;
    const std::string signing_input = base64url_encode(kJwtHeader) + "." + base64url_encode(payload.dump());
    return signing_input + "." + base64url_encode(hmac_sha256(key_, signing_input));
}

Result<TokenClaims> TokenService::verify(std::string_view token, TokenUse expected_use, std::int64_t now) const {
    const auto dot1 = token.find('.');
    const auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos)
        return unauthorized("Malformed bearer token");
    const std::string_view signing_input = token.substr(0, dot2);
    const auto signature = base64url_decode(token.substr(dot2 + 1));
    if (token.substr(0, dot1) != base64url_encode(kJwtHeader)) return unauthorized("Unsupported token algorithm");
    if (!signature || !hmac_sha256_verify(key_, signing_input, *signature))
        return unauthorized("Issuer is not familiar.");
    const auto payload_text = base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
    if (!payload_text) return unauthorized("Malformed bearer token");
    const auto payload = nlohmann::json::parse(*payload_text, nullptr, false);
    if (!payload.is_object()) return unauthorized("Malformed bearer token");
    TokenClaims c;
    const auto sub = payload.find("sub");
    const auto iat = payload.find("iat");
    const auto exp = payload.find("exp");
    const auto use = payload.find("token_use");
    if (sub == payload.end() || !sub->is_string() || iat == payload.end() || !iat->is_number_integer() ||
        exp == payload.end() || !exp->is_number_integer() || use == payload.end() || !use->is_string())
        return unauthorized("Malformed bearer token");
    c.subject = sub->get<std::string>();
    c.issued_at = iat->get<std::int64_t>();
    c.expires_at = exp->get<std::int64_t>();
    if (use->get<std::string>() != token_use_name(expected_use))
        return unauthorized("Wrong token type: use the access token");
    c.use = expected_use;
    if (now >= c.expires_at) return unauthorized("Token expired");
    if (c.issued_at > now + 60) return unauthorized("Token issued in the future");
    return c;
}

std::optional<std::string_view> bearer_token(std::string_view authorization) {
    constexpr std::string_view scheme = "bearer ";
    if (authorization.size() <= scheme.size() || !ascii_iequals(authorization.substr(0, scheme.size()), scheme))
        return std::nullopt;
    std::string_view token = authorization.substr(scheme.size());
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    if (token.empty()) return std::nullopt;
    return token;
}

}  // namespace cc::server
