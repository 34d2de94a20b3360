// .env and Docker config.json parsing for the create form, and the Docker Hub URL check.
// Secret-bearing strings are reserved to their final size up front (and past the SSO limit),
// so they are never reallocated or copied inline on a move; scratch buffers are wiped.
#include "core/paste_parsers.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>

#include "core/secret_text.h"
#include "core/validation.h"

namespace cc {
namespace {

using Json = nlohmann::json;

// Larger than any std::string inline buffer (libstdc++ 15, libc++ 22): a secret string with at
// least this capacity lives on the heap, so moving it transfers the block instead of copying.
constexpr std::size_t kMinSecretReserve = 32;

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (is_blank(s.front()) || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
    while (!s.empty() && (is_blank(s.back()) || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
    return s;
}

std::string_view trim_left(std::string_view s) {
    while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
    return s;
}

// Removes a leading `export ` (followed by at least one blank).
std::string_view strip_export(std::string_view s) {
    constexpr std::string_view kExport = "export";
    if (s.size() > kExport.size() && s.substr(0, kExport.size()) == kExport && is_blank(s[kExport.size()]))
        return trim_left(s.substr(kExport.size()));
    return s;
}

std::string secret_buffer(std::size_t size) {
    std::string s;
    s.reserve(std::max(size, kMinSecretReserve));
    return s;
}

// ---- .env ------------------------------------------------------------------------------------

struct LineCursor {
    std::string_view text;
    std::size_t pos = 0;  // start of the current line
    int line = 0;         // its 1-based number

    bool next(std::string_view& out) {
        if (pos > text.size() || (pos == text.size() && line > 0)) return false;
        ++line;
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        out = text.substr(pos, eol - pos);
        if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
        pos = eol + 1;
        return true;
    }
};

// A quoted value starting at text[open] (the quote). On success returns the decoded value and
// sets `close` to the index of the closing quote; nullopt when the quote is never closed.
std::optional<std::string> read_quoted(std::string_view text, std::size_t open, std::size_t& close) {
    const char q = text[open];
    std::size_t i = open + 1;
    for (; i < text.size(); ++i) {
        if (q == '"' && text[i] == '\\' && i + 1 < text.size()) {
            ++i;
            continue;
        }
        if (text[i] == q) break;
    }
    if (i >= text.size()) return std::nullopt;
    close = i;
    std::string v = secret_buffer(close - open);
    for (std::size_t k = open + 1; k < close; ++k) {
        const char c = text[k];
        if (c == '\r' && k + 1 < close && text[k + 1] == '\n') continue;  // CRLF inside a multi-line value
        if (q == '"' && c == '\\') {
            const char e = text[++k];
            switch (e) {
                case 'n': v.push_back('\n'); break;
                case 'r': v.push_back('\r'); break;
                case 't': v.push_back('\t'); break;
                case '"': v.push_back('"'); break;
                case '\\': v.push_back('\\'); break;
                default:  // unknown escapes stay as written
                    v.push_back('\\');
                    v.push_back(e);
            }
            continue;
        }
        v.push_back(c);
    }
    return v;
}

// An unquoted value: trimmed, ending at an inline comment (` #`, blank before '#').
std::string_view unquoted_value(std::string_view rest) {
    for (std::size_t i = 1; i < rest.size(); ++i)
        if (rest[i] == '#' && is_blank(rest[i - 1])) {
            rest = rest.substr(0, i);
            break;
        }
    return trim(rest);
}

}  // namespace

EnvParseResult parse_env_block(std::string_view text) {
    EnvParseResult r;
    r.entries.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
    std::map<std::string, int, std::less<>> first_line;
    LineCursor cur{text};
    std::string_view line;
    while (cur.next(line)) {
        const int line_no = cur.line;
        const std::string_view body = strip_export(trim(line));
        if (body.empty() || body.front() == '#') continue;
        const std::size_t eq = body.find('=');
        if (eq == std::string_view::npos) {
            r.problems.push_back({line_no, "Expected KEY=value"});
            continue;
        }
        const std::string_view key = trim(body.substr(0, eq));
        if (key.empty()) {
            r.problems.push_back({line_no, "The key before '=' is missing"});
            continue;
        }
        const std::string_view rest = trim_left(body.substr(eq + 1));
        EnvEntry entry;
        entry.key = std::string(key);
        entry.line = line_no;
        if (!rest.empty() && (rest.front() == '"' || rest.front() == '\'')) {
            // Absolute index of the quote in `text`, so the value may run over the next lines.
            const std::size_t open = static_cast<std::size_t>(rest.data() - text.data());
            std::size_t close = 0;
            auto value = read_quoted(text, open, close);
            if (!value) {
                r.problems.push_back({line_no, std::string("The ") + (rest.front() == '"' ? "double" : "single") +
                                                   " quote opened here is never closed"});
                continue;
            }
            entry.value = std::move(*value);
            // Resume after the line holding the closing quote.
            const std::string_view spanned = text.substr(open, close - open);
            cur.line += static_cast<int>(std::count(spanned.begin(), spanned.end(), '\n'));
            std::size_t after_end = text.find('\n', close);
            if (after_end == std::string_view::npos) after_end = text.size();
            const std::string_view tail = trim(text.substr(close + 1, after_end - close - 1));
            cur.pos = after_end + 1;
            // Not quoted back: the stray text may be part of the secret.
            if (!tail.empty() && tail.front() != '#')
                r.problems.push_back({cur.line, "Unexpected text after the closing quote"});
        } else {
            const std::string_view v = unquoted_value(rest);
            entry.value = secret_buffer(v.size());
            entry.value.assign(v.data(), v.size());
        }
        if (!is_valid_secret_key(entry.key)) {
            entry.key_valid = false;
            r.problems.push_back(
                {line_no, "Key '" + entry.key + "' is not valid: use letters, digits, '-', '.' and '_'"});
        }
        auto [it, inserted] = first_line.emplace(entry.key, line_no);
        if (!inserted)
            r.problems.push_back(
                {line_no, "Key '" + entry.key + "' is already set on line " + std::to_string(it->second)});
        r.entries.push_back(std::move(entry));
    }
    std::stable_sort(r.problems.begin(), r.problems.end(),
                     [](const EnvProblem& a, const EnvProblem& b) { return a.line < b.line; });
    return r;
}

bool looks_like_env_block(std::string_view text) {
    LineCursor cur{text};
    std::string_view line;
    while (cur.next(line)) {
        const std::string_view body = strip_export(trim(line));
        if (body.empty() || body.front() == '#') continue;
        const std::size_t eq = body.find('=');
        if (eq != std::string_view::npos && is_valid_secret_key(trim(body.substr(0, eq)))) return true;
    }
    return false;
}

void wipe(EnvParseResult& r) {
    for (auto& e : r.entries) wipe_string_capacity(e.value);
    r.entries.clear();
    r.problems.clear();
}

// ---- Docker config.json ----------------------------------------------------------------------

namespace {

constexpr std::string_view kHelperReason = "uses a credential helper, cannot import";

// The parsed document holds the secrets too (auth, password, identitytoken).
void wipe_json_strings(Json& j) {
    if (j.is_string()) {
        wipe_string_capacity(j.get_ref<std::string&>());
    } else if (j.is_object() || j.is_array()) {
        for (auto& child : j) wipe_json_strings(child);
    }
}

struct JsonWiper {
    Json& j;
    ~JsonWiper() { wipe_json_strings(j); }
};

const std::string* string_field(const Json& entry, const char* name) {
    auto it = entry.find(name);
    return it != entry.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

void copy_secret(std::string& dst, std::string_view src) {
    dst = secret_buffer(src.size());
    dst.assign(src.data(), src.size());
}

// The logins of the "auths" section: user:password from each entry's base64 `auth`, or its
// username and password fields; entries without a secret in the file are skipped with a reason.
void read_auths(const Json& auths, DockerConfigImport& out) {
    out.logins.reserve(auths.size());
    for (const auto& [url, entry] : auths.items()) {
        auto skip = [&out, &url = url](std::string reason) { out.skipped.push_back({url, std::move(reason)}); };
        if (!entry.is_object()) {
            skip("the entry is not a JSON object");
            continue;
        }
        const std::string* auth = string_field(entry, "auth");
        const std::string* user = string_field(entry, "username");
        const std::string* pass = string_field(entry, "password");
        if (auth && !auth->empty()) {
            auto decoded = base64_decode(*auth);
            if (!decoded) {
                skip("the auth field is not valid base64");
                continue;
            }
            const std::size_t colon = decoded->find(':');
            if (colon == std::string::npos) {
                wipe_string_capacity(*decoded);
                skip("the auth field does not hold user:password");
                continue;
            }
            DockerLogin login;
            login.url = url;
            const std::string_view both = *decoded;
            copy_secret(login.username, both.substr(0, colon));
            copy_secret(login.password, both.substr(colon + 1));
            wipe_string_capacity(*decoded);
            out.logins.push_back(std::move(login));
        } else if (user && pass && !pass->empty()) {
            DockerLogin login;
            login.url = url;
            copy_secret(login.username, *user);
            copy_secret(login.password, *pass);
            out.logins.push_back(std::move(login));
        } else {
            // identitytoken / registrytoken only, or an empty entry whose login is held by
            // credsStore: the secret is not in the file.
            skip(std::string(kHelperReason));
        }
    }
}

// Registries whose login a credential helper keeps ("credHelpers"): skipped, unless "auths"
// listed them already. Sorts the skipped registries by URL.
void skip_helper_registries(const Json& helpers, DockerConfigImport& out) {
    for (const auto& [url, helper] : helpers.items()) {
        (void)helper;
        const bool seen =
            std::any_of(out.logins.begin(), out.logins.end(), [&url = url](const auto& l) { return l.url == url; }) ||
            std::any_of(out.skipped.begin(), out.skipped.end(), [&url = url](const auto& s) { return s.url == url; });
        if (!seen) out.skipped.push_back({url, std::string(kHelperReason)});
    }
    std::sort(out.skipped.begin(), out.skipped.end(),
              [](const DockerSkipped& a, const DockerSkipped& b) { return a.url < b.url; });
}

}  // namespace

Result<DockerConfigImport> parse_docker_config(std::string_view text) {
    Json doc = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    const JsonWiper guard{doc};
    if (doc.is_discarded())
        return ApiError{400, "This is not valid JSON: paste the whole content of ~/.docker/config.json", {}, {}};
    if (!doc.is_object())
        return ApiError{400, "A Docker config.json is a JSON object with an \"auths\" section", {}, {}};
    const auto auths = doc.find("auths");
    const auto helpers = doc.find("credHelpers");
    const bool has_auths = auths != doc.end() && auths->is_object();
    const bool has_helpers = helpers != doc.end() && helpers->is_object();
    if (!has_auths && !has_helpers)
        return ApiError{400, "No \"auths\" section: this does not look like a Docker config.json", {}, {}};

    DockerConfigImport out;
    if (has_auths) read_auths(*auths, out);
    if (has_helpers) skip_helper_registries(*helpers, out);
    if (out.logins.empty() && out.skipped.empty()) {
        std::string message = "config.json lists no registry logins";
        if (const std::string* store = string_field(doc, "credsStore"))
            message += ": they are kept by the credential helper \"" + *store + "\"";
        return ApiError{400, std::move(message), {}, {}};
    }
    return out;
}

void wipe(DockerConfigImport& r) {
    for (auto& l : r.logins) {
        wipe_string_capacity(l.username);
        wipe_string_capacity(l.password);
    }
    r.logins.clear();
    r.skipped.clear();
}

// ---- Docker Hub ------------------------------------------------------------------------------

std::optional<std::string> docker_hub_warning(std::string_view url) {
    if (url == kDockerHubUrl) return std::nullopt;
    std::string u(trim(url));
    std::transform(u.begin(), u.end(), u.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
    std::string_view host = u;
    if (auto scheme = host.find("://"); scheme != std::string_view::npos) host.remove_prefix(scheme + 3);
    host = host.substr(0, host.find('/'));
    host = host.substr(0, host.find(':'));
    constexpr std::array<std::string_view, 7> kHubHosts = {
        "docker.io",      "index.docker.io",         "registry-1.docker.io", "registry.docker.io",
        "hub.docker.com", "registry.hub.docker.com", "www.docker.io"};
    if (std::find(kHubHosts.begin(), kHubHosts.end(), host) == kHubHosts.end()) return std::nullopt;
    return "This looks like Docker Hub: Docker Hub needs the registry URL " + std::string(kDockerHubUrl) +
           " exactly (what docker login writes), otherwise image pulls from Docker Hub will not find this login";
}

}  // namespace cc
