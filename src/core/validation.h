// Validation of create and update requests (docs/api.md, 'Validation'): the name rule, description
// length, scope/id consistency, existing secret xor values, per-kind required fields and
// patterns. Pure checks: the same functions guard the server and the web forms.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/credential.h"
#include "core/result.h"

namespace cc {

inline constexpr std::size_t kMaxNameLength = 63;
inline constexpr std::size_t kMaxDescriptionLength = 250;
// Secret sizes. A Kubernetes Secret holds at most 1 MiB in all; a credential is copied into a
// Secret per namespace of its scope, so each one is kept well under that: a value fits a long
// private key, certificate chain or Docker config.json, and a generic secret fits an .env file.
inline constexpr std::size_t kMaxSecretValueBytes = 64 * 1024;
inline constexpr std::size_t kMaxSecretBytes = 256 * 1024;  // all values and keys of one credential
inline constexpr std::size_t kMaxSecretKeys = 100;          // generic secret key/value pairs
inline constexpr std::size_t kMaxSecretKeyLength = 253;     // a Kubernetes data key's limit
inline constexpr std::size_t kMaxSecretNameLength = 253;    // a Kubernetes object name's limit

// The rule as shown to users next to the name field.
std::string_view name_rule_text();
// nullopt when the name is a valid DNS-1123 label, else what is wrong with it.
std::optional<std::string> name_problem(std::string_view name);
std::optional<std::string> description_problem(std::string_view description);
// NGC API key pattern ^[-._A-Za-z0-9]+$
bool is_valid_ngc_key(std::string_view key);
// Generic secret key pattern ^[-._a-zA-Z0-9]+$ (a Kubernetes Secret data key)
bool is_valid_secret_key(std::string_view key);
// UTF-8 code points, for length limits that users count in characters.
std::size_t utf8_length(std::string_view s);

// Every rule that needs no stored data. The error names the offending field.
std::optional<ApiError> validate_create(const CreateRequest& r);
std::optional<ApiError> validate_update(const UpdateRequest& r);

}  // namespace cc
