#include "core/codepoints.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace cc {
namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The 16-bit value of "\uXXXX" at `i`, or -1.
long escape_at(std::string_view s, std::size_t i) {
    if (i + 6 > s.size() || s[i] != '\\' || s[i + 1] != 'u') return -1;
    long v = 0;
    for (std::size_t k = i + 2; k < i + 6; ++k) {
        const int d = hex_digit(s[k]);
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

// Length of the well-formed UTF-8 sequence at `i` and its code point, or 0.
std::size_t utf8_at(std::string_view s, std::size_t i, char32_t& cp) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    std::size_t n = 0;
    char32_t min = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, cp = c & 0x1Fu, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, cp = c & 0x0Fu, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, cp = c & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        if ((b(i + k) & 0xC0u) != 0x80u) return 0;
        cp = (cp << 6) | (b(i + k) & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

// Where the next byte that may start a character to collect is, from `i`: a byte above 0x7F or
// a backslash. Whole response bodies pass through here (90 MB for 100,000 credentials), mostly
// plain ASCII, so eight bytes are checked at a time.
std::size_t skip_plain_ascii(std::string_view s, std::size_t i) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
    constexpr std::uint64_t kBackslashes = 0x5C5C5C5C5C5C5C5CULL;
    while (i + 8 <= s.size()) {
        std::uint64_t w = 0;
        std::memcpy(&w, s.data() + i, 8);
        const std::uint64_t x = w ^ kBackslashes;  // a zero byte where a backslash was
        if ((w & kHigh) || ((x - kOnes) & ~x & kHigh)) break;
        i += 8;
    }
    return i;
}

}  // namespace

void collect_codepoints(std::string_view text, std::set<char32_t>& out) {
    std::size_t i = 0;
    char32_t last = 0;  // the same character again (a column of "…") needs no set lookup
    const auto add = [&](char32_t cp) {
        if (cp != last) out.insert(cp);
        last = cp;
    };
    while (i < text.size()) {
        i = skip_plain_ascii(text, i);
        if (i >= text.size()) break;
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            const long hi = c == '\\' ? escape_at(text, i) : -1;
            if (hi < 0) {
                i += c == '\\' && i + 1 < text.size()
                         ? std::size_t{2}
                         : std::size_t{1};  // an escaped backslash is not an escape's start
                continue;
            }
            if (hi >= 0xD800 && hi <= 0xDBFF) {
                const long lo = escape_at(text, i + 6);
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    add(static_cast<char32_t>(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)));
                    i += 12;
                    continue;
                }
            } else if (hi >= 0xA0 && (hi < 0xDC00 || hi > 0xDFFF)) {
                add(static_cast<char32_t>(hi));
            }
            i += 6;
            continue;
        }
        char32_t cp = 0;
        const std::size_t n = utf8_at(text, i, cp);
        if (n == 0) {
            ++i;
            continue;
        }
        if (cp >= 0xA0) add(cp);
        i += n;
    }
}

}  // namespace cc
