// Case folding, and the folded substring search behind the table's search box and filters, the
// scope picker and the scope diagram's search.
#include "core/case_fold.h"

#include <cstring>

namespace cc {

std::string fold_case(std::string_view s) {
    std::string out(s);
    unsigned char prev = 0;
    for (auto& ch : out) {
        const auto c = static_cast<unsigned char>(ch);
        ch = static_cast<char>(fold_byte(c, prev));
        prev = c;
    }
    return out;
}

bool contains_folded(std::string_view hay, std::string_view needle) {
    const std::size_t m = needle.size();
    if (m == 0) return true;
    if (hay.size() < m) return false;
    const auto* h = reinterpret_cast<const unsigned char*>(hay.data());
    const auto* n = reinterpret_cast<const unsigned char*>(needle.data());
    const unsigned char first = n[0];
    // Most needles start with ASCII: then a candidate start is one of two raw bytes, which
    // keeps folding out of the scan over non-matching text.
    const bool ascii = first < 0x80;
    const unsigned char alt = (first >= 'a' && first <= 'z') ? static_cast<unsigned char>(first - 32) : first;
    const std::size_t last_start = hay.size() - m;
    auto rest_matches = [&](std::size_t i) {
        std::size_t j = 1;
        while (j < m && fold_byte(h[i + j], h[i + j - 1]) == n[j]) ++j;
        return j == m;
    };
    if (ascii && alt == first) {  // a digit or a sign: one byte to look for, memchr finds it fastest
        const unsigned char* p = h;
        const unsigned char* const stop = h + last_start + 1;
        while (p < stop) {
            p = static_cast<const unsigned char*>(std::memchr(p, first, static_cast<std::size_t>(stop - p)));
            if (!p) return false;
            if (rest_matches(static_cast<std::size_t>(p - h))) return true;
            ++p;
        }
        return false;
    }
    for (std::size_t i = 0; i <= last_start; ++i) {
        if (ascii) {
            if (h[i] != first && h[i] != alt) continue;
        } else if (fold_byte(h[i], i ? h[i - 1] : 0) != first) {
            continue;
        }
        if (rest_matches(i)) return true;
    }
    return false;
}

bool contains_case_insensitive(std::string_view haystack, std::string_view needle) {
    return contains_folded(haystack, fold_case(needle));
}

}  // namespace cc
