// Case-insensitive text matching for search boxes and sorting: ASCII letters and the Latin-1
// capitals fold to lower case byte by byte, in place, with no locale and no allocation per
// comparison (the table's search folds up to 100,000 rows on every keystroke in WebAssembly).
#pragma once

#include <string>
#include <string_view>

namespace cc {

// ASCII A-Z, and the Latin-1 capitals U+00C0..U+00DE (except U+00D7 '×'), which in UTF-8 are
// 0xC3 followed by 0x80..0x9E; their lower-case forms are the same sequence plus 0x20. So a
// byte folds knowing only the byte before it (`prev`, 0 at the start of the text), and folded
// text stays valid UTF-8.
inline unsigned char fold_byte(unsigned char c, unsigned char prev) {
    if (c >= 'A' && c <= 'Z') return static_cast<unsigned char>(c + 32);
    if (c >= 0x80 && c <= 0x9E && c != 0x97 && prev == 0xC3) return static_cast<unsigned char>(c + 32);
    return c;
}

// `s` with every byte folded.
std::string fold_case(std::string_view s);

// True when `hay`, folded, contains `folded_needle`, which the caller folded with fold_case
// (once per query, not once per cell). An empty needle is in every text.
bool contains_folded(std::string_view hay, std::string_view folded_needle);

// True when `needle` occurs in `haystack` ignoring the case of ASCII and Latin-1 letters.
bool contains_case_insensitive(std::string_view haystack, std::string_view needle);

}  // namespace cc
