// SecretText and the wipe helpers: one zero-initialised heap block per field, wiped with
// volatile stores on clear, reassignment and destruction.
#include "core/secret_text.h"

#include <cstring>
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

}  // namespace cc
