// Checks a Docker registry login the way a container runtime signs in: the Docker Registry HTTP
// API v2 ping (GET /v2/), then Basic auth or a Bearer token from the registry's token service.
// One check is bounded in time (10 s in all), in answer sizes and in redirects; secrets never
// appear in its result. See docs/api.md, 'Registry login checks (extension)'.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace cc::server {

enum class LoginOutcome { Ok, WrongCredentials, Unreachable, TlsError, NotARegistry };
std::string_view login_outcome_api_name(LoginOutcome o);  // "ok", "wrongCredentials", ...

struct RegistryLoginResult {
    LoginOutcome outcome = LoginOutcome::Unreachable;
    std::string message;  // for people: what the registry said, never a secret
    std::int64_t duration_ms = 0;
};

struct RegistryCheckOptions {
    // Certificates trusted besides the system's CA store (a test's self-signed CA); empty: none.
    std::string extra_ca_file;
    int timeout_ms = 10000;  // the whole check, every request included
};

// The registry's base URL from what a user typed in a credential's `url`: "nvcr.io",
// "https://index.docker.io/v1/", "http://127.0.0.1:5000". No scheme means https; the path is
// dropped (the API lives at /v2/ of the host); Docker Hub's names map to its registry host.
// 400 naming `url` for anything but http(s) with a host, or with a user or password in it.
Result<std::string> registry_base_url(std::string_view url);

// The NGC container registry, signed in to with the user "$oauthtoken" and the API key.
inline constexpr std::string_view kNgcRegistryUrl = "https://nvcr.io";
inline constexpr std::string_view kNgcRegistryUser = "$oauthtoken";

// Runs the check against `base_url` (from registry_base_url). Blocks for up to the timeout.
RegistryLoginResult check_registry_login(const std::string& base_url, const std::string& user,
                                         const std::string& password, const RegistryCheckOptions& options);

// The WWW-Authenticate challenge of a registry: the scheme and its parameters (lowercase names).
struct AuthChallenge {
    std::string scheme;  // lowercase: "basic", "bearer"
    std::string realm, service, scope;
};
std::optional<AuthChallenge> parse_auth_challenge(std::string_view header);

}  // namespace cc::server
