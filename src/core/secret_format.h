// The formats of a generic secret (docs/api.md, 'Generic secret formats'): plain key/value
// pairs, an access key, a username and password, or an SSH private key. A format is not stored:
// it is read from the secret's key names, which the API returns (the values it never does). And
// the check of a pasted SSH private key, shared by the form and the server.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/credential.h"

namespace cc {

enum class SecretFormat { KeyValues, AccessKey, UsernamePassword, SshKey };

inline constexpr std::array<SecretFormat, 4> kAllSecretFormats = {SecretFormat::KeyValues, SecretFormat::AccessKey,
                                                                  SecretFormat::UsernamePassword, SecretFormat::SshKey};

// The data key Kubernetes' ssh-auth Secrets and Git clients expect the private key under.
inline constexpr std::string_view kSshPrivateKeyKey = "ssh-privatekey";
inline constexpr std::string_view kSshAuthSecretType = "kubernetes.io/ssh-auth";

// "Key(s) & value(s)", "Access key", "Username & password", "SSH key"
std::string_view secret_format_label(SecretFormat f);
// The data keys a format stores, in the order the form shows them: {"AccessKeyId", "SecretKey"},
// {"User", "Password"}, {"ssh-privatekey"}; none for KeyValues (the user names them).
std::vector<std::string_view> secret_format_keys(SecretFormat f);
// The Kubernetes Secret type the agents write: kubernetes.io/ssh-auth for an SSH key, else Opaque.
std::string_view secret_format_k8s_type(SecretFormat f);

// The format a set of key names is in: exactly a format's keys (in any order) is that format,
// anything else KeyValues.
SecretFormat secret_format_of_keys(const std::vector<std::string_view>& keys);
// The format of a generic secret's pairs; KeyValues when it has none (an existing secret).
SecretFormat secret_format_of(const GenericSecretSpec& spec);
// The Type column's text: the kind's label, and a generic secret's format when it is not plain
// key/value pairs ("Generic secret · SSH key"). A string literal.
std::string_view type_label(CredentialKind kind, SecretFormat format);

// ---- SSH private keys ---------------------------------------------------------------------------

// What is wrong with a pasted SSH private key, or nullopt when it is one Git can use: an
// unencrypted OpenSSH key (BEGIN OPENSSH PRIVATE KEY) or PEM key (BEGIN RSA / EC / DSA PRIVATE
// KEY, or PKCS #8 BEGIN PRIVATE KEY). Refused: a public key, an encrypted key (a passphrase
// cannot be typed inside a pod), text around the key, and anything that is not a key. Line
// breaks may be missing (a single-line field drops them); canonical_private_key puts them back.
std::optional<std::string> ssh_private_key_problem(std::string_view text);
// The key as ssh-keygen writes it: the BEGIN line, the base64 body in lines of 70 (OpenSSH) or 64
// (PEM) characters, the END line and a final newline. Only for a key ssh_private_key_problem
// accepts (else the text as given). A heap string meant for a secret: wipe it after use.
std::string canonical_private_key(std::string_view text);
// Puts a generic secret's SSH private key in canonical form (the old text wiped); other
// requests stay as they are. For a request validate_create accepts.
void canonicalize_ssh_key(CreateRequest& r);

}  // namespace cc
