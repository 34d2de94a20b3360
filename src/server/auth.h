// Authentication: argon2id password hashes for users, and the JWT (HS256) bearer tokens that
// POST /api/v1/token issues and every other /api/ route requires. Verification errors are 401
// ApiErrors whose message says what is wrong (missing, malformed, bad signature, expired).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "server/crypto.h"

namespace cc::server {

// argon2id, encoded ("$argon2id$v=19$m=...") so the parameters travel with the hash.
std::string hash_password(std::string_view password);
bool verify_password(const std::string& encoded_hash, std::string_view password);

enum class TokenUse { Access, Id, Refresh };
std::string_view token_use_name(TokenUse u);

struct TokenClaims {
    std::string subject;  // the user's email
    std::int64_t issued_at = 0;
    std::int64_t expires_at = 0;
    TokenUse use = TokenUse::Access;
};

class TokenService {
public:
    static constexpr std::int64_t kAccessLifetimeSeconds = 3600;
    static constexpr std::int64_t kRefreshLifetimeSeconds = 24 * 3600;
    static constexpr std::size_t kKeyBytes = 32;

    explicit TokenService(Bytes key);
    ~TokenService();
    TokenService(const TokenService&) = delete;
    TokenService& operator=(const TokenService&) = delete;

    std::string issue(std::string_view subject, TokenUse use, std::int64_t now, std::int64_t lifetime_seconds) const;
    // Checks the signature, the algorithm, the time window and the token's use.
    Result<TokenClaims> verify(std::string_view token, TokenUse expected_use, std::int64_t now) const;

private:
    Bytes key_;
};

// The token of an "Authorization: Bearer <token>" header value (scheme matched case-insensitively).
// The result views `authorization`, so a temporary string is refused at compile time.
std::optional<std::string_view> bearer_token(std::string_view authorization);
std::optional<std::string_view> bearer_token(std::string&& authorization) = delete;

}  // namespace cc::server
