// Parsers for what users paste into the create form: a `.env` block (generic secret key/value
// pairs) and a Docker `config.json` (docker-registry logins), plus the Docker Hub URL check.
// Pure functions, no exceptions. Every value they return is a secret: callers move it into a
// SecretText (SecretText::take) and wipe() the rest; intermediate buffers are wiped here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace cc {

// ---- .env blocks ---------------------------------------------------------------------------

struct EnvEntry {
    std::string key;
    std::string value;      // secret
    int line = 0;           // 1-based line where the entry starts
    bool key_valid = true;  // cc::is_valid_secret_key(key); invalid keys are also in problems
};

struct EnvProblem {
    int line = 0;  // 1-based
    std::string message;
};

struct EnvParseResult {
    std::vector<EnvEntry> entries;     // in input order, duplicates kept (flagged in problems)
    std::vector<EnvProblem> problems;  // sorted by line
};

// `KEY=value` lines. Blank lines and `#` comment lines are skipped; an `export ` prefix is
// dropped; CRLF is accepted. Keys and unquoted values are trimmed, and an unquoted value ends
// at ` #` (an inline comment). '=' after the first one belongs to the value. Values may be in
// single quotes (literal) or double quotes (escapes \n \r \t \" \\); a quoted value may span
// lines (a pasted private key). Lines that are not KEY=value, unterminated quotes, invalid and
// duplicate keys are reported in `problems`.
EnvParseResult parse_env_block(std::string_view text);
// True when at least one line is `[export ]KEY=...` with a valid secret key: the form then
// offers to split the paste into pairs. A single line `a=b` counts.
bool looks_like_env_block(std::string_view text);
void wipe(EnvParseResult& r);

// ---- Docker config.json --------------------------------------------------------------------

struct DockerLogin {
    std::string url;       // the key under "auths", as written
    std::string username;  // secret
    std::string password;  // secret
};

struct DockerSkipped {
    std::string url;
    std::string reason;  // "uses a credential helper, cannot import", "the auth field is not valid base64"
};

struct DockerConfigImport {
    std::vector<DockerLogin> logins;     // sorted by url
    std::vector<DockerSkipped> skipped;  // sorted by url
};

// Reads `auths` (base64 `auth` = "user:password", split at the first ':', or explicit
// `username`/`password`; `auth` wins when both are present, as in the Docker CLI). Entries with
// only an identity token, or none of these (credsStore), and registries listed only under
// `credHelpers` are reported in `skipped`. `logins` may be empty when everything was skipped.
// 400 ApiError for invalid JSON, a non-object document, or neither `auths` nor `credHelpers`.
Result<DockerConfigImport> parse_docker_config(std::string_view json);
void wipe(DockerConfigImport& r);

// The registry URL Docker Hub logins must use (what `docker login` writes to config.json).
inline constexpr std::string_view kDockerHubUrl = "https://index.docker.io/v1/";
// A warning when `url` names Docker Hub (docker.io, index.docker.io, registry-1.docker.io,
// hub.docker.com, ...) in any spelling other than exactly kDockerHubUrl; nullopt otherwise.
std::optional<std::string> docker_hub_warning(std::string_view url);

}  // namespace cc
