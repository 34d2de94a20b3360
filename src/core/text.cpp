// Byte-level text helpers: UTF-8 checked and repaired by the table of well-formed byte sequences
// (Unicode 15, table 3-7: the second byte's range depends on the first, which rules out overlong
// forms and surrogates without decoding the code point), ASCII case, splitting at a separator.
#include "core/text.h"

namespace cc {
namespace {

// The lead bytes of multi-byte sequences, with the range their second byte must fall in.
struct Lead {
    unsigned char first, last;  // lead byte range
    std::size_t length;
    unsigned char lo, hi;  // second byte range
};
constexpr Lead kLeads[] = {
    {0xC2, 0xDF, 2, 0x80, 0xBF}, {0xE0, 0xE0, 3, 0xA0, 0xBF}, {0xE1, 0xEC, 3, 0x80, 0xBF}, {0xED, 0xED, 3, 0x80, 0x9F},
    {0xEE, 0xEF, 3, 0x80, 0xBF}, {0xF0, 0xF0, 4, 0x90, 0xBF}, {0xF1, 0xF3, 4, 0x80, 0xBF}, {0xF4, 0xF4, 4, 0x80, 0x8F},
};

// Length of the well-formed sequence at s[i], or 0 when it is not one.
std::size_t sequence_length(std::string_view s, std::size_t i) {
    const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    if (at(0) < 0x80) return 1;
    for (const Lead& lead : kLeads) {
        if (at(0) < lead.first || at(0) > lead.last) continue;
        if (i + lead.length > s.size() || at(1) < lead.lo || at(1) > lead.hi) return 0;
        for (std::size_t k = 2; k < lead.length; ++k)
            if (at(k) < 0x80 || at(k) > 0xBF) return 0;
        return lead.length;
    }
    return 0;
}

}  // namespace

bool ascii_iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::vector<std::string_view> split_by_char(std::string_view s, char sep, TrailingEmpty trailing) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = s.find(sep, start);
        if (end == std::string_view::npos) {
            if (start < s.size() || trailing == TrailingEmpty::Keep) out.push_back(s.substr(start));
            return out;
        }
        out.push_back(s.substr(start, end - start));
        start = end + 1;
    }
}

bool is_valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = sequence_length(s, i);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

std::size_t complete_utf8_prefix(std::string_view s) {
    const std::size_t n = s.size();
    for (std::size_t back = 1; back <= 4 && back <= n; ++back) {
        const auto c = static_cast<unsigned char>(s[n - back]);
        if ((c & 0xC0) == 0x80) continue;  // a continuation byte: its lead is further back
        const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return length > back ? n - back : n;
    }
    return n;
}

std::string replace_invalid_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = sequence_length(s, i);
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(s.substr(i, len));
            i += len;
        }
    }
    return out;
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
