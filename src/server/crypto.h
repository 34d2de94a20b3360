// Cryptographic primitives of the reference server (libsodium): the XChaCha20-Poly1305 box that
// keeps secret values encrypted at rest, HMAC-SHA256 and base64url for JWTs, random and
// name-derived UUIDs, and key files created once with mode 0600.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace cc::server {

using Bytes = std::vector<std::uint8_t>;

// sodium_init(); safe to call more than once. False when libsodium cannot start.
bool crypto_init();

// Reads a key of exactly `size` bytes from `path`; when the file does not exist, creates it
// (O_EXCL, mode 0600) with random bytes and fsyncs it. A file of the wrong size is an error,
// never silently replaced: that would make every stored secret unreadable.
Result<Bytes> load_or_create_key_file(const std::filesystem::path& path, std::size_t size);

// Authenticated encryption of secret values. A blob is
//   version (1 byte) | key id (4 bytes, big endian) | nonce (24 bytes) | ciphertext + tag
// and is bound to a context string (the credential id) so blobs cannot be swapped between rows.
class SecretBox {
public:
    static constexpr std::size_t kKeyBytes = 32;

    SecretBox(std::int32_t key_id, Bytes key);
    ~SecretBox();
    SecretBox(const SecretBox&) = delete;
    SecretBox& operator=(const SecretBox&) = delete;

    std::int32_t key_id() const { return key_id_; }
    Bytes seal(std::string_view plaintext, std::string_view context) const;
    // nullopt when the blob is damaged, was sealed with another key or for another context.
    std::optional<std::string> open(const Bytes& blob, std::string_view context) const;
    // The key id a blob names (to pick the key once there is more than one).
    static std::optional<std::int32_t> blob_key_id(const Bytes& blob);

private:
    std::int32_t key_id_;
    Bytes key_;
};

// RFC 4648 base64url (section 5) without padding (the JWT alphabet). Decoding rejects padding and
// other alphabets.
std::string base64url_encode(std::string_view data);
std::optional<std::string> base64url_decode(std::string_view text);

// Raw 32-byte HMAC-SHA256 tag, and its constant-time check.
std::string hmac_sha256(const Bytes& key, std::string_view message);
bool hmac_sha256_verify(const Bytes& key, std::string_view message, std::string_view tag);

// A random version-4 UUID ("6b0d3a1e-8f1c-4c55-9a57-0f8a2c3e9d11").
std::string random_uuid();
// A UUID-shaped id derived from a name (BLAKE2b), for deterministic demo data.
std::string uuid_from_name(std::string_view name);
// Lowercase hex of a BLAKE2b hash of `text`; `bytes` is clamped to 16..64.
std::string hex_digest(std::string_view text, std::size_t bytes);

// Overwrites a buffer in a way the compiler cannot elide.
void wipe(std::string& s);

}  // namespace cc::server
