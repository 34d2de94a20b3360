// libsodium-backed implementation of crypto.h. Key files are written with open(O_EXCL, 0600)
// so that no other process ever sees a readable, half-written key.
#include "server/crypto.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <mutex>

namespace cc::server {
namespace {

constexpr std::uint8_t kBlobVersion = 1;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kHeaderBytes = 1 + 4 + kNonceBytes;

ApiError key_error(const std::filesystem::path& path, std::string what) {
    return ApiError{500, "Cannot use key file " + path.string() + ": " + std::move(what), {}, {}};
}

Result<Bytes> read_key_file(const std::filesystem::path& path, std::size_t size) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return key_error(path, std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        ::close(fd);
        return key_error(path, std::strerror(errno));
    }
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        std::fprintf(stderr, "warning: %s is readable by other users; run chmod 600 on it\n", path.c_str());
    Bytes key(size);
    const ssize_t n = ::read(fd, key.data(), key.size());
    char extra = 0;
    const ssize_t more = ::read(fd, &extra, 1);
    ::close(fd);
    if (n != static_cast<ssize_t>(size) || more != 0) {
        sodium_memzero(key.data(), key.size());
        return key_error(path, "expected exactly " + std::to_string(size) + " bytes");
    }
    return key;
}

}  // namespace

bool crypto_init() {
    static std::once_flag once;
    static bool ok = false;
    std::call_once(once, [] { ok = sodium_init() >= 0; });
    return ok;
}

Result<Bytes> load_or_create_key_file(const std::filesystem::path& path, std::size_t size) {
    if (!crypto_init()) return key_error(path, "libsodium failed to initialise");
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return read_key_file(path, size);
        return key_error(path, std::strerror(errno));
    }
    Bytes key(size);
    randombytes_buf(key.data(), key.size());
    const bool written = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
        ::unlink(path.c_str());
        sodium_memzero(key.data(), key.size());
        return key_error(path, "could not write the new key");
    }
    return key;
}

SecretBox::SecretBox(std::int32_t key_id, Bytes key) : key_id_(key_id), key_(std::move(key)) {}

SecretBox::~SecretBox() {
    sodium_memzero(key_.data(), key_.size());
}

Bytes SecretBox::seal(std::string_view plaintext, std::string_view context) const {
    Bytes blob(kHeaderBytes + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    blob[0] = kBlobVersion;
    const auto id = static_cast<std::uint32_t>(key_id_);
    blob[1] = static_cast<std::uint8_t>(id >> 24);
    blob[2] = static_cast<std::uint8_t>(id >> 16);
    blob[3] = static_cast<std::uint8_t>(id >> 8);
    blob[4] = static_cast<std::uint8_t>(id);
    std::uint8_t* nonce = blob.data() + 5;
    randombytes_buf(nonce, kNonceBytes);
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        blob.data() + kHeaderBytes, &clen, reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
        reinterpret_cast<const unsigned char*>(context.data()), context.size(), nullptr, nonce, key_.data());
    blob.resize(kHeaderBytes + clen);
    return blob;
}

std::optional<std::string> SecretBox::open(const Bytes& blob, std::string_view context) const {
    if (blob.size() < kHeaderBytes + crypto_aead_xchacha20poly1305_ietf_ABYTES || blob[0] != kBlobVersion)
        return std::nullopt;
    if (blob_key_id(blob) != key_id_) return std::nullopt;
    std::string plain(blob.size() - kHeaderBytes - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    unsigned long long plen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &plen, nullptr,
                                                   blob.data() + kHeaderBytes, blob.size() - kHeaderBytes,
                                                   reinterpret_cast<const unsigned char*>(context.data()),
                                                   context.size(), blob.data() + 5, key_.data()) != 0)
        return std::nullopt;
    plain.resize(plen);
    return plain;
}

std::optional<std::int32_t> SecretBox::blob_key_id(const Bytes& blob) {
    if (blob.size() < 5) return std::nullopt;
    const std::uint32_t id = (std::uint32_t{blob[1]} << 24) | (std::uint32_t{blob[2]} << 16) |
                             (std::uint32_t{blob[3]} << 8) | std::uint32_t{blob[4]};
    return static_cast<std::int32_t>(id);
}

std::string base64url_encode(std::string_view data) {
    constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string out(sodium_base64_encoded_len(data.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                      variant);
    out.resize(std::strlen(out.c_str()));
    return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
    std::string out(text.size() * 3 / 4 + 3, '\0');
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &len, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        end != text.data() + text.size())
        return std::nullopt;
    out.resize(len);
    return out;
}

std::string hmac_sha256(const Bytes& key, std::string_view message) {
    std::string tag(crypto_auth_hmacsha256_BYTES, '\0');
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key.data(), key.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()), message.size());
    crypto_auth_hmacsha256_final(&st, reinterpret_cast<unsigned char*>(tag.data()));
    return tag;
}

bool hmac_sha256_verify(const Bytes& key, std::string_view message, std::string_view tag) {
    if (tag.size() != crypto_auth_hmacsha256_BYTES) return false;
    const std::string expected = hmac_sha256(key, message);
    return sodium_memcmp(expected.data(), tag.data(), expected.size()) == 0;
}

namespace {
std::string format_uuid(std::uint8_t b[16]) {
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);  // version 4
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
    static const char* hex = "0123456789abcdef";
    std::string s;
    s.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
        s += hex[b[i] >> 4];
        s += hex[b[i] & 0xF];
    }
    return s;
}
}  // namespace

std::string random_uuid() {
    crypto_init();
    std::uint8_t b[16];
    randombytes_buf(b, sizeof b);
    return format_uuid(b);
}

std::string uuid_from_name(std::string_view name) {
    crypto_init();
    std::uint8_t b[16];
    crypto_generichash(b, sizeof b, reinterpret_cast<const unsigned char*>(name.data()), name.size(), nullptr, 0);
    return format_uuid(b);
}

std::string hex_digest(std::string_view text, std::size_t bytes) {
    crypto_init();
    bytes =
        std::min<std::size_t>(std::max<std::size_t>(bytes, crypto_generichash_BYTES_MIN), crypto_generichash_BYTES_MAX);
    std::uint8_t h[crypto_generichash_BYTES_MAX];
    crypto_generichash(h, bytes, reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr, 0);
    std::string out(bytes * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), h, bytes);
    out.pop_back();
    return out;
}

void wipe(std::string& s) {
    sodium_memzero(s.data(), s.size());
    s.clear();
}

}  // namespace cc::server
