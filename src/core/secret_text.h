// SecretText: a fixed-capacity, self-wiping text buffer for form fields that hold passwords and
// keys in the WASM app. It exists because std::string leaks copies: short values sit inline
// (SSO) and get copied on every move, longer ones are reallocated on growth and the old block is
// freed unwiped, so a typed secret survives in the WASM heap (the browser test scans HEAPU8 for a
// canary after the form closes). One heap block, sized once, wiped before it is freed.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace cc {

// Overwrites n bytes with zeros through a volatile pointer, so the compiler cannot drop the
// stores as dead (there is no libsodium/explicit_bzero in the WASM app).
void wipe_bytes(void* p, std::size_t n);

// Zeroes every byte of the string's buffer up to capacity(), not only up to size() (a string
// that shrank still holds the old tail), then empties it and releases the block. cc::wipe_string
// (credential.cpp) does the same for std::string; this is the version for any allocator.
template <class Alloc>
void wipe_string_capacity(std::basic_string<char, std::char_traits<char>, Alloc>& s) {
    s.resize(s.capacity());  // within capacity: no reallocation, makes the tail addressable
    wipe_bytes(s.data(), s.size());
    s.clear();
    s.shrink_to_fit();  // frees the (now zero) heap block, if any
}
inline void wipe_string_capacity(std::string& s) {
    wipe_string_capacity<std::allocator<char>>(s);
}

// Standard base64 (RFC 4648) decoded into a string to be treated as a secret (the caller wipes
// it); the '=' padding may be omitted. nullopt on any other byte.
std::optional<std::string> base64_decode(std::string_view in);

class SecretText {
public:
    static constexpr std::size_t kDefaultCapacity = 4096;

    // `capacity` bytes including the NUL terminator, so at most capacity-1 characters.
    explicit SecretText(std::size_t capacity = kDefaultCapacity);
    ~SecretText();

    SecretText(const SecretText&) = delete;
    SecretText& operator=(const SecretText&) = delete;
    // Moves hand over the block itself; the moved-from object is left with no buffer
    // (capacity 0, data() == nullptr): give it a new value by assigning a fresh SecretText.
    SecretText(SecretText&& other) noexcept;
    SecretText& operator=(SecretText&& other) noexcept;

    // For ImGui::InputText(label, t.data(), t.capacity(), flags). ImGui writes in place, so the
    // length is found by scanning for the NUL (at most capacity() bytes). While a field is
    // edited, ImGui 1.86 keeps its own copies (ImGuiInputTextState TextW/TextA/InitialTextA,
    // still there after deactivation): wiping those is the view's job when the form closes.
    char* data() { return buf_; }
    const char* data() const { return buf_; }
    std::size_t capacity() const { return cap_; }
    std::size_t size() const;
    bool empty() const { return cap_ == 0 || buf_[0] == '\0'; }
    std::string_view view() const { return {buf_, size()}; }

    // Zeroes the whole buffer (every byte up to capacity()).
    void clear();
    // Copies `text` in and zeroes the rest of the buffer; keeps the first capacity()-1 bytes
    // (cutting a trailing partial UTF-8 sequence). Returns false when text was truncated.
    bool assign(std::string_view text);
    // assign(source), then wipes `source` (wipe_string_capacity): for moving a parsed secret
    // (paste_parsers) into the form without leaving the std::string copy behind.
    bool take(std::string& source);

private:
    char* buf_ = nullptr;
    std::size_t cap_ = 0;
    void release();
};

}  // namespace cc
