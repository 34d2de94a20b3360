#include "core/bidi.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace cc {
namespace {

enum class Kind : std::uint8_t { L, R, EN, N };

struct Char {
    char32_t code;
    std::string_view bytes;  // as in the text (an invalid byte stays one character)
    Kind kind;
    int level = 0;
};

Kind kind_of(char32_t c) {
    if (c >= '0' && c <= '9') return Kind::EN;
    if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? Kind::L : Kind::N;
    if ((c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF) ||
        (c >= 0x10800 && c <= 0x10FFF))
        // Arabic-Indic digits act as numbers; combining marks follow their letter (both are
        // right-to-left here: enough for one line).
        return Kind::R;
    // Latin-1 punctuation and symbols, general punctuation, currency, arrows, math, shapes,
    // emoji and their joiners: neutral. Every other letter is left-to-right.
    if ((c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x2BFF) ||
        (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0x1F000 && c <= 0x1FAFF))
        return Kind::N;
    return Kind::L;
}

std::vector<Char> decode(std::string_view text) {
    std::vector<Char> out;
    for (std::size_t i = 0; i < text.size();) {
        const auto c0 = static_cast<unsigned char>(text[i]);
        std::size_t n = c0 < 0xC2 || c0 > 0xF4 ? 1 : c0 >= 0xF0 ? 4 : c0 >= 0xE0 ? 3 : 2;
        if (i + n > text.size()) n = 1;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) n = 1;
        char32_t code = n == 1 ? static_cast<char32_t>(c0) : static_cast<char32_t>(c0 & (0x7Fu >> n));
        for (std::size_t k = 1; k < n; ++k) code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        out.push_back(Char{code, text.substr(i, n), kind_of(code)});
        i += n;
    }
    return out;
}

char32_t mirrored(char32_t c) {
    switch (c) {
        case '(': return ')';
        case ')': return '(';
        case '[': return ']';
        case ']': return '[';
        case '{': return '}';
        case '}': return '{';
        case '<': return '>';
        case '>': return '<';
        case 0xAB: return 0xBB;  // « »
        case 0xBB: return 0xAB;
        default: return 0;
    }
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else {  // only the Latin-1 guillemets are mirrored beyond ASCII
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

}  // namespace

// A byte that can start a right-to-left letter's UTF-8 sequence: U+0590-U+08FF (D6 90 .. E0 A3),
// U+FB1D-U+FEFF (EF AC .. EF BB), U+10800-U+10FFF (F0 90 A0 ..). A text without one needs no
// reordering.
bool may_hold_right_to_left(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0xD6 && c <= 0xDF) return true;
        if (c == 0xE0 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0xA0) return true;
        if (c == 0xEF && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0xAC &&
            static_cast<unsigned char>(text[i + 1]) <= 0xBB)
            return true;
        if (c == 0xF0 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x90 &&
            static_cast<unsigned char>(text[i + 2]) >= 0xA0)
            return true;
    }
    return false;
}

std::optional<std::string> visual_order(std::string_view text) {
    if (!may_hold_right_to_left(text)) return std::nullopt;
    std::vector<Char> chars = decode(text);
    if (std::none_of(chars.begin(), chars.end(), [](const Char& c) { return c.kind == Kind::R; })) return std::nullopt;
    const auto first_strong =
        std::find_if(chars.begin(), chars.end(), [](const Char& c) { return c.kind == Kind::L || c.kind == Kind::R; });
    const int base = first_strong != chars.end() && first_strong->kind == Kind::R ? 1 : 0;

    // Digits after right-to-left letters (or at the start of a right-to-left line) count as
    // right-to-left for the neutrals around them, and keep their own order at a higher level.
    std::vector<bool> en_after_r(chars.size(), false);
    Kind last_strong = base ? Kind::R : Kind::L;
    for (std::size_t i = 0; i < chars.size(); ++i) {
        if (chars[i].kind == Kind::L || chars[i].kind == Kind::R) last_strong = chars[i].kind;
        if (chars[i].kind == Kind::EN) en_after_r[i] = last_strong == Kind::R;
    }
    auto direction = [&](std::size_t i) -> int {  // 0: left to right, 1: right to left, -1: neutral
        switch (chars[i].kind) {
            case Kind::L: return 0;
            case Kind::R: return 1;
            case Kind::EN: return en_after_r[i] ? 1 : 0;
            case Kind::N: return -1;
        }
        return -1;
    };
    std::vector<int> dir(chars.size());
    for (std::size_t i = 0; i < chars.size(); ++i) dir[i] = direction(i);
    // Paired brackets take one direction together ("(S3)" in Hebrew text): the line's when they
    // enclose a letter of it; the other one when they enclose only letters of the other direction
    // and the text before them is of that direction too; the line's otherwise.
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < chars.size(); ++i) {
        const char32_t c = chars[i].code;
        if (c == '(' || c == '[' || c == '{') {
            open.push_back(i);
            continue;
        }
        if (c != ')' && c != ']' && c != '}') continue;
        const auto match =
            std::find_if(open.rbegin(), open.rend(), [&](std::size_t o) { return mirrored(chars[o].code) == c; });
        if (match == open.rend()) continue;
        const std::size_t o = *match;
        open.erase(std::next(match).base(), open.end());
        bool line_dir = false, other_dir = false;
        for (std::size_t k = o + 1; k < i; ++k) {
            line_dir |= dir[k] == base;
            other_dir |= dir[k] == 1 - base;
        }
        if (!line_dir && !other_dir) continue;
        int before = base;
        for (std::size_t k = o; k-- > 0;)
            if (dir[k] != -1) {
                before = dir[k];
                break;
            }
        dir[o] = dir[i] = !line_dir && before == 1 - base ? 1 - base : base;
    }
    // A run of neutrals between two characters of one direction takes it; else the line's.
    for (std::size_t i = 0; i < chars.size();) {
        if (dir[i] != -1) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < chars.size() && dir[j] == -1) ++j;
        const int before = i == 0 ? base : dir[i - 1];
        const int after = j == chars.size() ? base : dir[j];
        for (std::size_t k = i; k < j; ++k) dir[k] = before == after ? before : base;
        i = j;
    }
    int top = 0;
    for (std::size_t i = 0; i < chars.size(); ++i) {
        int& level = chars[i].level;
        if (chars[i].kind == Kind::EN && dir[i] == 1)
            level = base + 1 + (base == 0 ? 1 : 0);  // a number inside right-to-left text
        else if (dir[i] == 1)
            level = 1;
        else
            level = base == 0 ? 0 : 2;
        top = std::max(top, level);
    }
    // Reverse every run at or above each level, from the highest down to the lowest odd one.
    for (int level = top; level >= 1; --level)
        for (std::size_t i = 0; i < chars.size();) {
            if (chars[i].level < level) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < chars.size() && chars[j].level >= level) ++j;
            std::reverse(chars.begin() + static_cast<std::ptrdiff_t>(i),
                         chars.begin() + static_cast<std::ptrdiff_t>(j));
            i = j;
        }
    std::string out;
    out.reserve(text.size());
    for (const Char& c : chars) {
        const char32_t m = c.level % 2 ? mirrored(c.code) : 0;
        if (m)
            append_utf8(out, m);
        else
            out += c.bytes;
    }
    return out;
}

}  // namespace cc
