// UTF-8 decoding by the table of well-formed byte sequences (Unicode 15, table 3-7): the
// second byte's range depends on the first, which is what rules out overlong forms and
// surrogates without decoding the code point.
#include "core/text.h"

namespace cc {
namespace {

// Length of the well-formed sequence at s[i], or 0 when it is not one.
std::size_t sequence_length(std::string_view s, std::size_t i) {
    const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const unsigned char b0 = at(0);
    if (b0 < 0x80) return 1;
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) len = 2;
    else if (b0 == 0xE0) len = 3, lo = 0xA0;
    else if (b0 >= 0xE1 && b0 <= 0xEC) len = 3;
    else if (b0 == 0xED) len = 3, hi = 0x9F;
    else if (b0 >= 0xEE && b0 <= 0xEF) len = 3;
    else if (b0 == 0xF0) len = 4, lo = 0x90;
    else if (b0 >= 0xF1 && b0 <= 0xF3) len = 4;
    else if (b0 == 0xF4) len = 4, hi = 0x8F;
    else return 0;
    if (i + len > s.size()) return 0;
    if (at(1) < lo || at(1) > hi) return 0;
    for (std::size_t k = 2; k < len; ++k)
        if (at(k) < 0x80 || at(k) > 0xBF) return 0;
    return len;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = sequence_length(s, i);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

std::string printable_excerpt(std::string_view s, std::size_t max_chars) {
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size();) {
        if (chars == max_chars) {
            out += "...";
            break;
        }
        const std::size_t len = sequence_length(s, i);
        const auto b0 = static_cast<unsigned char>(s[i]);
        const bool c1_control = len == 2 && b0 == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0;
        if (len == 0 || b0 < 0x20 || b0 == 0x7F || c1_control) {
            out += '?';
            i += len == 0 ? 1 : len;
        } else {
            out.append(s.substr(i, len));
            i += len;
        }
        ++chars;
    }
    return out;
}

}  // namespace cc
