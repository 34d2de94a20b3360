// SecretText and the wipe helpers: one zero-initialised heap block per field, wiped with
// volatile stores on clear, reassignment and destruction.
#include "core/secret_text.h"

#include <cstdint>
#include <cstring>
#include <optional>
#include <utility>

namespace cc {

void wipe_bytes(void* p, std::size_t n) {
    volatile unsigned char* b = static_cast<volatile unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) b[i] = 0;
}

SecretText::SecretText(std::size_t capacity)
    : buf_(new char[capacity ? capacity : 1]()), cap_(capacity ? capacity : 1) {}

SecretText::~SecretText() {
    release();
}

SecretText::SecretText(SecretText&& other) noexcept
    : buf_(std::exchange(other.buf_, nullptr)), cap_(std::exchange(other.cap_, 0)) {}

SecretText& SecretText::operator=(SecretText&& other) noexcept {
    if (this != &other) {
        release();
        buf_ = std::exchange(other.buf_, nullptr);
        cap_ = std::exchange(other.cap_, 0);
    }
    return *this;
}

void SecretText::release() {
    if (buf_) {
        wipe_bytes(buf_, cap_);
        delete[] buf_;
    }
    buf_ = nullptr;
    cap_ = 0;
}

std::size_t SecretText::size() const {
    if (cap_ == 0) return 0;
    const void* nul = std::memchr(buf_, '\0', cap_);
    return nul ? static_cast<std::size_t>(static_cast<const char*>(nul) - buf_) : cap_;
}

void SecretText::clear() {
    if (buf_) wipe_bytes(buf_, cap_);
}

bool SecretText::assign(std::string_view text) {
    if (cap_ == 0) return text.empty();
    std::size_t n = text.size();
    const bool fits = n <= cap_ - 1;
    if (!fits) {
        n = cap_ - 1;
        // text[n] is the first byte left out: never leave out the tail of a UTF-8 sequence.
        while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    }
    if (n) std::memmove(buf_, text.data(), n);  // memmove: text may be a view of this buffer
    wipe_bytes(buf_ + n, cap_ - n);
    return fits;
}

bool SecretText::take(std::string& source) {
    const bool fits = assign(source);
    wipe_string_capacity(source);
    return fits;
}

namespace {

int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

}  // namespace

std::optional<std::string> base64_decode(std::string_view in) {
    std::size_t len = in.size();
    while (len > 0 && in[len - 1] == '=') --len;
    const std::size_t pad = in.size() - len;
    if (pad > 2 || len % 4 == 1 || (pad > 0 && in.size() % 4 != 0)) return std::nullopt;
    std::string out;
    out.reserve(len * 3 / 4 + 1);
    std::uint32_t acc = 0;
    int bits = 0;
    for (std::size_t i = 0; i < len; ++i) {
        const int v = base64_value(in[i]);
        if (v < 0) {
            wipe_string_capacity(out);
            return std::nullopt;
        }
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    wipe_bytes(&acc, sizeof acc);
    return out;
}

}  // namespace cc
