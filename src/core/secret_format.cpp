// Generic secret formats and the SSH private key check (secret_format.h). The key check reads
// only the armour and the first fields of the body: enough to tell a private key from a public
// key, an encrypted key and garbage, never a full key parser.
#include "core/secret_format.h"

#include <algorithm>
#include <cstdint>

#include "core/secret_text.h"

namespace cc {

std::string_view secret_format_label(SecretFormat f) {
    switch (f) {
        case SecretFormat::KeyValues: return "Key(s) & value(s)";
        case SecretFormat::AccessKey: return "Access key";
        case SecretFormat::UsernamePassword: return "Username & password";
        case SecretFormat::SshKey: return "SSH key";
    }
    return "";
}

std::vector<std::string_view> secret_format_keys(SecretFormat f) {
    switch (f) {
        case SecretFormat::KeyValues: return {};
        case SecretFormat::AccessKey: return {"AccessKeyId", "SecretKey"};
        case SecretFormat::UsernamePassword: return {"User", "Password"};
        case SecretFormat::SshKey: return {kSshPrivateKeyKey};
    }
    return {};
}

std::string_view secret_format_k8s_type(SecretFormat f) {
    return f == SecretFormat::SshKey ? kSshAuthSecretType : std::string_view("Opaque");
}

SecretFormat secret_format_of_keys(const std::vector<std::string_view>& keys) {
    for (const SecretFormat f : kAllSecretFormats) {
        if (f == SecretFormat::KeyValues) continue;
        const auto want = secret_format_keys(f);
        if (keys.size() != want.size()) continue;
        if (std::all_of(want.begin(), want.end(),
                        [&keys](std::string_view k) { return std::find(keys.begin(), keys.end(), k) != keys.end(); }))
            return f;
    }
    return SecretFormat::KeyValues;
}

SecretFormat secret_format_of(const GenericSecretSpec& spec) {
    if (!spec.key_value_pairs) return SecretFormat::KeyValues;
    std::vector<std::string_view> keys;
    keys.reserve(spec.key_value_pairs->size());
    for (const auto& kv : *spec.key_value_pairs) keys.emplace_back(kv.key);
    return secret_format_of_keys(keys);
}

std::string_view type_label(CredentialKind kind, SecretFormat format) {
    if (kind != CredentialKind::GenericSecret) return kind_label(kind);
    switch (format) {
        case SecretFormat::KeyValues: break;
        case SecretFormat::AccessKey: return "Generic secret \xC2\xB7 Access key";
        case SecretFormat::UsernamePassword: return "Generic secret \xC2\xB7 Username & password";
        case SecretFormat::SshKey: return "Generic secret \xC2\xB7 SSH key";
    }
    return kind_label(kind);
}

// ---- SSH private keys ---------------------------------------------------------------------------

namespace {

constexpr std::string_view kOpenSsh = "OPENSSH PRIVATE KEY";
constexpr std::string_view kPemLabels[] = {"RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", "PRIVATE KEY"};
constexpr std::string_view kEncrypted =
    "This key is protected by a passphrase, and a passphrase cannot be typed inside a pod. Paste a key "
    "without one (ssh-keygen -p -N \"\" -f <copy of the key> removes it from a copy)";

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

bool starts_with(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
}

// The OpenSSH public key line types ("ssh-ed25519 AAAA... comment", as in a .pub file or
// authorized_keys).
bool is_public_key_line(std::string_view s) {
    const std::string_view type = s.substr(0, s.find_first_of(" \t"));
    return type.size() < s.size() && (starts_with(type, "ssh-") || starts_with(type, "ecdsa-sha2-") ||
                                      starts_with(type, "sk-ssh-") || starts_with(type, "sk-ecdsa-"));
}

// An OpenSSH key body's fields (PROTOCOL.key): "openssh-key-v1\0", then the cipher, KDF and KDF
// options as strings, the number of keys, the public keys and the private section.
struct SshReader {
    std::string_view data;
    bool ok = true;

    std::uint32_t u32() {
        if (data.size() < 4) {
            ok = false;
            return 0;
        }
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(data[static_cast<std::size_t>(i)]);
        data.remove_prefix(4);
        return v;
    }
    std::string_view string() {
        const std::uint32_t n = u32();
        if (!ok || n > data.size()) {
            ok = false;
            return {};
        }
        const std::string_view s = data.substr(0, n);
        data.remove_prefix(n);
        return s;
    }
};

// The decoded body of an OpenSSH key: nullopt when it is an unencrypted key.
std::optional<std::string> openssh_body_problem(std::string_view body) {
    constexpr std::string_view magic("openssh-key-v1\0", 15);
    if (!starts_with(body, magic)) return std::string("This is not an OpenSSH private key: its contents were changed");
    SshReader r{body.substr(magic.size())};
    const std::string_view cipher = r.string();
    const std::string_view kdf = r.string();
    r.string();  // KDF options
    const std::uint32_t keys = r.u32();
    if (!r.ok) return std::string("The key is cut off or damaged");
    if (cipher != "none" || kdf != "none") return std::string(kEncrypted);
    if (keys == 0 || keys > 64) return std::string("The key is damaged: it holds no key");
    for (std::uint32_t i = 0; i < keys && r.ok; ++i) r.string();  // public keys
    const std::string_view private_section = r.string();
    if (!r.ok || private_section.empty()) return std::string("The key is cut off or damaged");
    return std::nullopt;
}

// A DER SEQUENCE whose length is the whole body (PKCS #1, SEC 1 and PKCS #8 keys all are one).
bool is_der_sequence(std::string_view der) {
    if (der.size() < 2 || static_cast<unsigned char>(der[0]) != 0x30) return false;
    const auto first = static_cast<unsigned char>(der[1]);
    std::size_t length = first, header = 2;
    if (first & 0x80) {
        const std::size_t n = first & 0x7F;
        if (n == 0 || n > 4 || der.size() < 2 + n) return false;
        length = 0;
        for (std::size_t i = 0; i < n; ++i) length = (length << 8) | static_cast<unsigned char>(der[2 + i]);
        header = 2 + n;
    }
    return header + length == der.size();
}

struct Armoured {
    std::string_view label;  // "OPENSSH PRIVATE KEY"
    std::string_view body;   // between the BEGIN and END lines, line breaks (if any) included
};

// The -----BEGIN X----- ... -----END X----- block of a trimmed text, or what is wrong with it.
std::optional<std::string> armour_problem(std::string_view text, Armoured& out) {
    constexpr std::string_view dashes = "-----";
    const std::size_t begin = text.find("-----BEGIN ");
    if (begin == std::string_view::npos) return std::string("This is not a private key: it has no -----BEGIN line");
    if (begin != 0) return std::string("Paste only the key: there is text before its -----BEGIN line");
    const std::size_t label_at = 11;
    const std::size_t label_end = text.find(dashes, label_at);
    if (label_end == std::string_view::npos)
        return std::string("This is not a private key: its -----BEGIN line is broken");
    out.label = text.substr(label_at, label_end - label_at);
    const std::string end_line = "-----END " + std::string(out.label) + std::string(dashes);
    const std::size_t end = text.find(end_line, label_end);
    if (end == std::string_view::npos) return "The key is cut off: its " + end_line + " line is missing";
    if (end + end_line.size() != text.size())
        return std::string("Paste only the key: there is text after its -----END line");
    out.body = text.substr(label_end + dashes.size(), end - label_end - dashes.size());
    return std::nullopt;
}

bool is_pem_private_label(std::string_view label) {
    return std::find(std::begin(kPemLabels), std::end(kPemLabels), label) != std::end(kPemLabels);
}

// The base64 of the body with every space and line break taken out.
std::string compact_base64(std::string_view body) {
    std::string out;
    out.reserve(std::max<std::size_t>(body.size(), 48));
    for (char c : body)
        if (!is_space(c)) out.push_back(c);
    return out;
}

}  // namespace

std::optional<std::string> ssh_private_key_problem(std::string_view text) {
    text = trimmed(text);
    if (text.empty()) return std::string("Paste the private key");
    if (is_public_key_line(text) || starts_with(text, "---- BEGIN SSH2 PUBLIC KEY"))
        return std::string(
            "This is a public key. Paste the private key: the file without .pub (for example ~/.ssh/id_ed25519)");
    Armoured a;
    if (auto p = armour_problem(text, a)) return p;
    if (a.label.find("PUBLIC KEY") != std::string_view::npos)
        return "This is a public key (" + std::string(a.label) +
               "). Paste the private key: the file without .pub (for example ~/.ssh/id_ed25519)";
    if (a.label == "ENCRYPTED PRIVATE KEY") return std::string(kEncrypted);
    if (a.label != kOpenSsh && !is_pem_private_label(a.label))
        return "This is not a private key (" + std::string(a.label) +
               "). Paste an OpenSSH or PEM private key (-----BEGIN OPENSSH PRIVATE KEY-----)";
    // PEM's encryption headers ("Proc-Type: 4,ENCRYPTED", "DEK-Info: ...").
    if (a.body.find("Proc-Type:") != std::string_view::npos && a.body.find("ENCRYPTED") != std::string_view::npos)
        return std::string(kEncrypted);
    std::string b64 = compact_base64(a.body);
    // Strict: a key's body is padded to a multiple of four.
    std::optional<std::string> body = !b64.empty() && b64.size() % 4 == 0 ? base64_decode(b64) : std::nullopt;
    const bool decoded = body.has_value();
    std::string der = decoded ? std::move(*body) : std::string();
    std::optional<std::string> problem;
    if (!decoded)
        problem = "The key is damaged: its body is not base64 (was it cut or changed?)";
    else if (a.label == kOpenSsh)
        problem = openssh_body_problem(der);
    else if (!is_der_sequence(der))
        problem = "The key is cut off or damaged";
    wipe_string_capacity(b64);
    wipe_string_capacity(der);
    return problem;
}

std::string canonical_private_key(std::string_view text) {
    std::string out;
    if (ssh_private_key_problem(text)) {
        out.reserve(std::max<std::size_t>(text.size(), 48));
        out.append(text);
        return out;
    }
    Armoured a;
    armour_problem(trimmed(text), a);
    std::string b64 = compact_base64(a.body);
    const std::size_t width = a.label == kOpenSsh ? 70 : 64;
    out.reserve(b64.size() + b64.size() / width + 2 * a.label.size() + 40);
    out.append("-----BEGIN ").append(a.label).append("-----\n");
    for (std::size_t i = 0; i < b64.size(); i += width) out.append(b64, i, width).push_back('\n');
    out.append("-----END ").append(a.label).append("-----\n");
    wipe_string_capacity(b64);
    return out;
}

void canonicalize_ssh_key(CreateRequest& r) {
    auto* g = std::get_if<GenericSecretSpec>(&r.spec);
    if (!g || secret_format_of(*g) != SecretFormat::SshKey) return;
    for (auto& kv : *g->key_value_pairs) {
        if (!kv.value) continue;
        std::string canonical = canonical_private_key(*kv.value);
        wipe_string_capacity(*kv.value);
        kv.value = std::move(canonical);  // a heap string: the move hands over its block
    }
}

}  // namespace cc
