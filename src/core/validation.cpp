// Validation rules for credential requests.
#include "core/validation.h"

#include <set>

#include "core/secret_format.h"
#include "core/text.h"

namespace cc {
namespace {

ApiError invalid(std::string field, std::string message) {
    return ApiError{400, std::move(message), {}, std::move(field)};
}

bool is_lower_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool is_alnum(char c) {
    return is_lower_alnum(c) || (c >= 'A' && c <= 'Z');
}

bool present(const std::optional<std::string>& s) {
    return s.has_value();
}

std::optional<ApiError> require_value(const std::optional<std::string>& v, const char* field, const char* what) {
    if (!v) return invalid(field, std::string(what) + " is required when no existing secret is used");
    if (v->empty()) return invalid(field, std::string(what) + " must not be empty");
    return std::nullopt;
}

std::string size_text(std::size_t bytes) {
    return bytes % 1024 == 0 ? std::to_string(bytes / 1024) + " KiB" : std::to_string(bytes) + " bytes";
}

// Size limits of the secret values a spec carries (checked before any other rule, so an
// oversized request is refused without looking further into it).
std::optional<ApiError> check_secret_sizes(const CredentialSpec& spec) {
    std::size_t total = 0;
    std::optional<ApiError> error;
    const auto check = [&](const std::optional<std::string>& v, const std::string& field) {
        if (error || !v) return;
        total += v->size();
        if (v->size() > kMaxSecretValueBytes)
            error = invalid(field, field + " is " + size_text(v->size()) + "; a secret value may hold at most " +
                                       size_text(kMaxSecretValueBytes));
    };
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, NgcApiKeySpec>) {
                check(v.ngc_api_key, "spec.ngc_api_key");
            } else {
                if (v.existing_secret_name && v.existing_secret_name->size() > kMaxSecretNameLength)
                    error =
                        invalid("spec.existingSecretName", "spec.existingSecretName may hold at most " +
                                                               std::to_string(kMaxSecretNameLength) + " characters");
                if constexpr (std::is_same_v<T, AccessKeySpec>) {
                    check(v.access_key_id, "spec.accessKeyId");
                    check(v.secret_access_key, "spec.secretAccessKey");
                } else if constexpr (std::is_same_v<T, PasswordSpec>) {
                    check(v.user, "spec.user");
                    check(v.password, "spec.password");
                } else if constexpr (std::is_same_v<T, DockerRegistrySpec>) {
                    check(v.user, "spec.user");
                    check(v.password, "spec.password");
                    check(v.url, "spec.url");
                } else if (v.key_value_pairs) {
                    if (v.key_value_pairs->size() > kMaxSecretKeys) {
                        error = invalid("spec.keyValuePairs", "A generic secret may hold at most " +
                                                                  std::to_string(kMaxSecretKeys) + " keys");
                        return;
                    }
                    for (std::size_t i = 0; i < v.key_value_pairs->size() && !error; ++i) {
                        const auto& kv = (*v.key_value_pairs)[i];
                        const std::string path = "spec.keyValuePairs[" + std::to_string(i) + "]";
                        total += kv.key.size();
                        if (kv.key.size() > kMaxSecretKeyLength)
                            error = invalid(path + ".key", "A key may hold at most " +
                                                               std::to_string(kMaxSecretKeyLength) + " characters");
                        check(kv.value, path + ".value");
                    }
                }
            }
        },
        spec);
    if (!error && total > kMaxSecretBytes)
        error = invalid("spec", "The secret values add up to " + size_text(total) + "; a credential may hold at most " +
                                    size_text(kMaxSecretBytes));
    return error;
}

std::optional<ApiError> check_scope(const ScopeRef& s) {
    switch (s.type) {
        case ScopeType::System: return invalid("meta.scope", "The system scope is reserved");
        case ScopeType::Tenant:
            if (s.cluster_id || s.department_id || s.project_id)
                return invalid(s.cluster_id      ? "meta.clusterId"
                               : s.department_id ? "meta.departmentId"
                                                 : "meta.projectId",
                               "An account (tenant) scoped credential takes no cluster, department or project id");
            return std::nullopt;
        case ScopeType::Cluster:
            if (!s.cluster_id || s.cluster_id->value.empty())
                return invalid("meta.clusterId", "meta.clusterId is required for cluster scope");
            if (s.department_id || s.project_id)
                return invalid(s.department_id ? "meta.departmentId" : "meta.projectId",
                               "A cluster scoped credential takes no department or project id");
            return std::nullopt;
        case ScopeType::Department:
            if (!s.department_id || s.department_id->value.empty())
                return invalid("meta.departmentId", "meta.departmentId is required for department scope");
            if (s.project_id) return invalid("meta.projectId", "A department scoped credential takes no project id");
            return std::nullopt;
        case ScopeType::Project:
            if (!s.project_id) return invalid("meta.projectId", "meta.projectId is required for project scope");
            return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

std::string_view name_rule_text() {
    return "Use lowercase letters, digits and '-', start and end with a letter or digit, at most 63 characters";
}

std::optional<std::string> name_problem(std::string_view name) {
    if (name.empty()) return std::string("Enter a name");
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (c >= 'A' && c <= 'Z') return std::string("Use lowercase letters only");
        if (!is_lower_alnum(c) && c != '-') {
            // Quote the whole UTF-8 sequence: a lone lead byte would make the message (and the
            // JSON error body carrying it) invalid UTF-8.
            std::size_t len = 1;
            const auto lead = static_cast<unsigned char>(c);
            if ((lead & 0xE0) == 0xC0)
                len = 2;
            else if ((lead & 0xF0) == 0xE0)
                len = 3;
            else if ((lead & 0xF8) == 0xF0)
                len = 4;
            bool whole = i + len <= name.size() && (lead < 0x80 || len > 1);
            for (std::size_t k = 1; whole && k < len; ++k)
                whole = (static_cast<unsigned char>(name[i + k]) & 0xC0) == 0x80;
            if (!whole) return "The name contains a character that is not allowed. " + std::string(name_rule_text());
            return "The character '" + std::string(name.substr(i, len)) + "' is not allowed. " +
                   std::string(name_rule_text());
        }
    }
    // After the character check, so the name is ASCII and bytes are characters.
    if (name.size() > kMaxNameLength)
        return "The name is " + std::to_string(name.size()) + " characters long; the limit is 63";
    if (!is_lower_alnum(name.front())) return std::string("The name must start with a letter or digit");
    if (!is_lower_alnum(name.back())) return std::string("The name must end with a letter or digit");
    return std::nullopt;
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

std::optional<std::string> description_problem(std::string_view d) {
    const std::size_t n = utf8_length(d);
    if (n > kMaxDescriptionLength)
        return "The description is " + std::to_string(n) + " characters long; the limit is 250";
    return std::nullopt;
}

bool is_valid_ngc_key(std::string_view key) {
    if (key.empty()) return false;
    for (char c : key)
        if (!is_alnum(c) && c != '-' && c != '.' && c != '_') return false;
    return true;
}

bool is_valid_secret_key(std::string_view key) {
    return is_valid_ngc_key(key);
}

std::optional<ApiError> validate_create(const CreateRequest& r) {
    if (auto e = check_secret_sizes(r.spec)) return e;
    if (auto p = name_problem(r.name)) return invalid("meta.name", "Invalid name: " + *p);
    if (r.description) {
        if (r.description->empty()) return invalid("meta.description", "meta.description must not be empty when given");
        if (auto p = description_problem(*r.description)) return invalid("meta.description", *p);
    }
    if (auto e = check_scope(r.scope)) return e;
    const CredentialKind kind = spec_kind(r.spec);
    if (r.is_private) {
        // Personal credentials (docs/api.md, 'Personal credentials'): three kinds, the account
        // scope (they reach every cluster), new values only.
        if (!kind_allows_personal(kind))
            return invalid("meta.private",
                           "Personal credentials are supported only for docker registry, generic secret and NGC API "
                           "key");
        if (r.scope.type != ScopeType::Tenant)
            return invalid("meta.scope", "A personal credential (meta.private) must have scope tenant");
        if (spec_existing_secret_name(r.spec))
            return invalid("spec.existingSecretName", "A personal credential cannot use an existing secret");
    }

    return std::visit(
        [](const auto& v) -> std::optional<ApiError> {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, NgcApiKeySpec>) {
                if (!v.ngc_api_key || v.ngc_api_key->empty())
                    return invalid("spec.ngc_api_key", "spec.ngc_api_key is required");
                if (!is_valid_ngc_key(*v.ngc_api_key))
                    return invalid("spec.ngc_api_key",
                                   "The NGC API key may contain only letters, digits, '-', '.' and '_'");
                return std::nullopt;
            } else {
                if (v.existing_secret_name) {
                    if (v.existing_secret_name->empty())
                        return invalid("spec.existingSecretName", "spec.existingSecretName must not be empty");
                    bool values = false;
                    if constexpr (std::is_same_v<T, AccessKeySpec>)
                        values = present(v.access_key_id) || present(v.secret_access_key);
                    if constexpr (std::is_same_v<T, PasswordSpec>) values = present(v.user) || present(v.password);
                    if constexpr (std::is_same_v<T, DockerRegistrySpec>)
                        values = present(v.user) || present(v.password) || present(v.url);
                    if constexpr (std::is_same_v<T, GenericSecretSpec>)
                        values = v.key_value_pairs && !v.key_value_pairs->empty();
                    if (values)
                        return invalid("spec.existingSecretName",
                                       "Use either an existing secret or new secret values, not both");
                    return std::nullopt;
                }
                if constexpr (std::is_same_v<T, AccessKeySpec>) {
                    if (auto e = require_value(v.access_key_id, "spec.accessKeyId", "The access key ID")) return e;
                    if (auto e = require_value(v.secret_access_key, "spec.secretAccessKey", "The secret access key"))
                        return e;
                } else if constexpr (std::is_same_v<T, PasswordSpec>) {
                    if (auto e = require_value(v.user, "spec.user", "The username")) return e;
                    if (auto e = require_value(v.password, "spec.password", "The password")) return e;
                } else if constexpr (std::is_same_v<T, DockerRegistrySpec>) {
                    if (auto e = require_value(v.user, "spec.user", "The username")) return e;
                    if (auto e = require_value(v.password, "spec.password", "The password")) return e;
                    if (auto e = require_value(v.url, "spec.url", "The registry URL")) return e;
                } else {
                    if (!v.key_value_pairs || v.key_value_pairs->empty())
                        return invalid("spec.keyValuePairs",
                                       "At least one key and value is required when no existing secret is used");
                    std::set<std::string> seen;
                    for (std::size_t i = 0; i < v.key_value_pairs->size(); ++i) {
                        const auto& kv = (*v.key_value_pairs)[i];
                        const std::string path = "spec.keyValuePairs[" + std::to_string(i) + "]";
                        if (!is_valid_secret_key(kv.key))
                            return invalid(path + ".key", "Key '" + printable_excerpt(kv.key, 40) +
                                                              "' is not valid: use letters, digits, '-', '.' and '_'");
                        if (!seen.insert(kv.key).second)
                            return invalid(path + ".key", "Key '" + kv.key + "' is used twice");
                        if (!kv.value) return invalid(path + ".value", "The value of key '" + kv.key + "' is required");
                    }
                    // The SSH key format (docs/api.md, 'Generic secret formats'): the value must be
                    // a private key Git can use unattended.
                    if (secret_format_of(v) == SecretFormat::SshKey)
                        for (std::size_t i = 0; i < v.key_value_pairs->size(); ++i)
                            if (auto p = ssh_private_key_problem(*(*v.key_value_pairs)[i].value))
                                return invalid("spec.keyValuePairs[" + std::to_string(i) + "].value", *p);
                }
                return std::nullopt;
            }
        },
        r.spec);
}

std::optional<ApiError> validate_update(const UpdateRequest& r) {
    if (r.name)
        if (auto p = name_problem(*r.name)) return invalid("meta.name", "Invalid name: " + *p);
    if (r.description && !r.description->empty())
        if (auto p = description_problem(*r.description)) return invalid("meta.description", *p);
    return std::nullopt;
}

}  // namespace cc
