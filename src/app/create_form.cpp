// Checks of the new-credential form, field by field, with the same rules the server applies
// (core/validation) plus the ones only the client can check: uniqueness against the loaded
// list and the permitted scopes.
#include "app/create_form.h"

#include <set>

#include "app/actions.h"
#include "core/name_check.h"
#include "core/secret_format.h"
#include "core/secret_text.h"
#include "core/validation.h"

namespace cc::app {
namespace {

void need(std::vector<FieldProblem>& out, std::string_view value, const char* field, const char* message) {
    if (value.empty()) out.push_back({field, message});
}

// A heap string: capacity past the small-string buffer, so the bytes never live inline in an
// object that is later moved (which would leave them behind).
std::string heap_copy(std::string_view v) {
    std::string s;
    s.reserve(v.size() < 48 ? 48 : v.size());
    s.append(v);
    return s;
}

std::optional<std::string> opt(std::string_view v) {
    if (v.empty()) return std::nullopt;
    return std::string(v);
}

}  // namespace

std::vector<FieldProblem> check_create_form(const CreateForm& f, const OrgTree& org, const CredentialStore& loaded,
                                            const PermittedScopes* may_create) {
    std::vector<FieldProblem> out;
    if (f.personal) {
        if (!kind_allows_personal(f.kind))
            out.push_back({"kind", "A personal credential is a Docker registry, a generic secret or an NGC API key"});
        if (auto p = personal_name_problem(f.name, f.kind, loaded)) out.push_back({"name", *p});
    } else if (!f.scope) {
        out.push_back({"scope", "Choose the scope the credential belongs to"});
    } else if (may_create && !may_create->allows(org.normalized(*f.scope))) {
        out.push_back({"scope", "You are not allowed to create credentials in " + org.scope_path(*f.scope)});
    }
    if (f.personal) {
        // checked above
    } else if (f.scope) {
        if (auto p = name_problem_in_scope(f.name, org.normalized(*f.scope), loaded, std::nullopt, org))
            out.push_back({"name", *p});
    } else if (auto p = name_problem(f.name)) {
        out.push_back({"name", *p});
    }
    if (auto p = description_problem(f.description)) out.push_back({"description", *p});

    if (f.use_existing && !f.personal && kind_supports_existing_secret(f.kind)) {
        need(out, f.existing_secret, "existingSecret", "Choose an existing secret");
        return out;
    }
    switch (f.kind) {
        case CredentialKind::DockerRegistry:
            need(out, f.user, "user", "Enter the username");
            need(out, f.password, "password", "Enter the password");
            need(out, f.url, "url", "Enter the Docker registry URL");
            if (f.url.find(' ') != std::string_view::npos)
                out.push_back({"url", "The registry URL cannot contain spaces"});
            break;
        case CredentialKind::AccessKey:
            need(out, f.key_id, "accessKeyId", "Enter the access key ID");
            need(out, f.secret_key, "secretAccessKey", "Enter the secret access key");
            break;
        case CredentialKind::Password:
            need(out, f.user, "user", "Enter the username");
            need(out, f.password, "password", "Enter the password");
            break;
        case CredentialKind::GenericSecret: {
            if (f.format == SecretFormat::AccessKey) {
                need(out, f.key_id, "accessKeyId", "Enter the access key ID");
                need(out, f.secret_key, "secretAccessKey", "Enter the secret access key");
                break;
            }
            if (f.format == SecretFormat::UsernamePassword) {
                need(out, f.user, "user", "Enter the username");
                need(out, f.password, "password", "Enter the password");
                break;
            }
            if (f.format == SecretFormat::SshKey) {
                if (auto p = ssh_private_key_problem(f.ssh_key)) out.push_back({"sshKey", *p});
                break;
            }
            if (f.pairs.empty()) out.push_back({"pairs", "Add at least one key and value"});
            std::set<std::string_view> seen;
            for (std::size_t i = 0; i < f.pairs.size(); ++i) {
                const auto& [key, value] = f.pairs[i];
                const std::string n = std::to_string(i);
                if (key.empty())
                    out.push_back({"key." + n, "Enter a key"});
                else if (!is_valid_secret_key(key))
                    out.push_back({"key." + n, "A key may contain only letters, digits, '-', '.' and '_'"});
                else if (!seen.insert(key).second)
                    out.push_back({"key." + n, "The key " + std::string(key) + " is used twice"});
                if (value.empty()) out.push_back({"value." + n, "Enter a value"});
            }
            break;
        }
        case CredentialKind::NgcApiKey:
            if (f.ngc_key.empty())
                out.push_back({"ngcApiKey", "Enter the NGC API key"});
            else if (!is_valid_ngc_key(f.ngc_key))
                out.push_back({"ngcApiKey", "An NGC API key contains only letters, digits, '-', '.' and '_'"});
            break;
    }
    return out;
}

const FieldProblem* problem_for(const std::vector<FieldProblem>& problems, std::string_view field) {
    for (const auto& p : problems)
        if (p.field == field) return &p;
    return nullptr;
}

CreateRequest make_create_request(const CreateForm& f) {
    CreateRequest r;
    r.name = std::string(f.name);
    r.description = opt(f.description);
    if (f.scope) r.scope = *f.scope;
    if (f.personal) {
        r.scope = ScopeRef{ScopeType::Tenant, {}, {}, {}};
        r.is_private = true;
    }
    const bool existing = f.use_existing && !f.personal && kind_supports_existing_secret(f.kind);
    const auto secret = [existing](std::string_view v) -> std::optional<std::string> {
        if (existing) return std::nullopt;
        return heap_copy(v);
    };
    const auto plain = [existing](std::string_view v) -> std::optional<std::string> {
        if (existing) return std::nullopt;
        return std::string(v);
    };
    const std::optional<std::string> existing_name = existing ? opt(f.existing_secret) : std::nullopt;
    switch (f.kind) {
        case CredentialKind::DockerRegistry:
            r.spec = DockerRegistrySpec{existing_name, plain(f.user), secret(f.password), plain(f.url)};
            break;
        case CredentialKind::AccessKey:
            r.spec = AccessKeySpec{existing_name, secret(f.key_id), secret(f.secret_key)};
            break;
        case CredentialKind::Password: r.spec = PasswordSpec{existing_name, plain(f.user), secret(f.password)}; break;
        case CredentialKind::GenericSecret: {
            GenericSecretSpec g{existing_name, std::nullopt};
            // The formats' key names (docs/api.md, 'Generic secret formats').
            if (!existing && f.format != SecretFormat::KeyValues) {
                const auto keys = secret_format_keys(f.format);
                std::vector<std::string_view> values;
                if (f.format == SecretFormat::AccessKey) values = {f.key_id, f.secret_key};
                if (f.format == SecretFormat::UsernamePassword) values = {f.user, f.password};
                g.key_value_pairs.emplace();
                g.key_value_pairs->reserve(keys.size());
                for (std::size_t i = 0; i < keys.size(); ++i) {
                    if (f.format == SecretFormat::SshKey)
                        g.key_value_pairs->push_back(
                            KeyValuePair{std::string(keys[i]), canonical_private_key(f.ssh_key)});
                    else
                        g.key_value_pairs->push_back(KeyValuePair{std::string(keys[i]), heap_copy(values[i])});
                }
            } else if (!existing) {
                g.key_value_pairs.emplace();
                g.key_value_pairs->reserve(f.pairs.size());
                for (const auto& [k, v] : f.pairs)
                    g.key_value_pairs->push_back(KeyValuePair{std::string(k), heap_copy(v)});
            }
            r.spec = std::move(g);
            break;
        }
        case CredentialKind::NgcApiKey: r.spec = NgcApiKeySpec{heap_copy(f.ngc_key)}; break;
    }
    return r;
}

std::string form_field_of(const ApiError& e, SecretFormat format) {
    if (e.code == 409) return "name";
    std::string_view f = e.field;
    if (f.rfind("meta.", 0) == 0) f.remove_prefix(5);
    if (f.rfind("spec.", 0) == 0) f.remove_prefix(5);
    if (format != SecretFormat::KeyValues && f.rfind("keyValuePairs", 0) == 0) {
        // The pairs are the format's fields, in the order of secret_format_keys.
        const bool second = f.rfind("keyValuePairs[1]", 0) == 0;
        switch (format) {
            case SecretFormat::AccessKey: return second ? "secretAccessKey" : "accessKeyId";
            case SecretFormat::UsernamePassword: return second ? "password" : "user";
            case SecretFormat::SshKey: return "sshKey";
            case SecretFormat::KeyValues: break;
        }
    }
    if (f == "name" || f == "description" || f == "user" || f == "password" || f == "url" || f == "accessKeyId" ||
        f == "secretAccessKey")
        return std::string(f);
    if (f == "ngc_api_key") return "ngcApiKey";
    if (f == "existingSecretName") return "existingSecret";
    if (f == "scope" || f == "clusterId" || f == "departmentId" || f == "projectId") return "scope";
    if (f.rfind("keyValuePairs[", 0) == 0) {
        const auto close = f.find(']');
        const std::string index(f.substr(14, close - 14));
        if (f.substr(close + 1) == ".key") return "key." + index;
        if (f.substr(close + 1) == ".value") return "value." + index;
        return "pairs";
    }
    if (f == "keyValuePairs") return "pairs";
    return {};
}

PasteImport import_docker_config(std::string_view text, std::optional<std::size_t> choice) {
    PasteImport out;
    auto parsed = parse_docker_config(text);
    if (!parsed) {
        out.message = parsed.error().message;
        return out;
    }
    DockerConfigImport& imp = *parsed;
    if (imp.logins.empty()) {
        out.message = "The config.json holds no login that can be imported";
        for (const auto& s : imp.skipped) out.message += "\n" + s.url + ": " + s.reason;
    } else if (imp.logins.size() == 1 || (choice && *choice < imp.logins.size())) {
        DockerLogin& login = imp.logins[choice ? *choice : 0];
        out.message = "Filled in the login for " + login.url + " (user " + login.username + ")";
        out.login = std::move(login);
        out.touched = {"url", "user", "password"};
        out.done = true;
    } else {
        for (const auto& l : imp.logins) out.choices.push_back(l.url + "  (" + l.username + ")");
        out.message = "The config.json has " + std::to_string(imp.logins.size()) + " registries: choose one";
    }
    wipe(imp);
    return out;
}

PasteImport import_env_block(std::string_view text, std::size_t rows, bool first_row_blank) {
    PasteImport out;
    EnvParseResult env = parse_env_block(text);
    if (env.entries.empty()) {
        out.message = "No KEY=value line found";
    } else {
        out.replace_blank_row = rows == 1 && first_row_blank;
        const std::size_t kept = out.replace_blank_row ? 0 : rows;
        const std::size_t n = env.entries.size();
        out.message = "Added " + std::to_string(n) + (n == 1 ? " key" : " keys");
        out.touched.push_back("pairs");
        for (std::size_t i = 0; i < kept + n; ++i) {
            out.touched.push_back("key." + std::to_string(i));
            out.touched.push_back("value." + std::to_string(i));
        }
        out.rows = std::move(env.entries);
        out.done = true;
    }
    for (const auto& p : env.problems) out.message += "\nLine " + std::to_string(p.line) + ": " + p.message;
    wipe(env);
    return out;
}

void wipe(PasteImport& p) {
    if (p.login) {
        wipe_string_capacity(p.login->username);
        wipe_string_capacity(p.login->password);
    }
    EnvParseResult rows{std::move(p.rows), {}};
    wipe(rows);
    p = PasteImport{};
}

CreateLoginTestRequested make_login_test_request(const CreateForm& f) {
    CreateLoginTestRequested a;
    const bool ngc = f.kind == CredentialKind::NgcApiKey;
    a.url = ngc ? std::string() : std::string(f.url);
    a.user = ngc ? std::string() : std::string(f.user);
    a.password = heap_copy(ngc ? f.ngc_key : f.password);
    return a;
}

}  // namespace cc::app
