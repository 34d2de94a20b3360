// Which characters a text needs: the code points beyond ASCII that a font must have to draw
// it. The UI asks the platform to draw the ones its fonts lack.
#pragma once

#include <set>
#include <string_view>

namespace cc {

// Adds to `out` every code point above U+007F in `text`: UTF-8 sequences and JSON \uXXXX
// escapes (a surrogate pair counts as the one code point it encodes). Bytes that do not start
// a well-formed sequence, lone surrogates and control characters are skipped.
void collect_codepoints(std::string_view text, std::set<char32_t>& out);

}  // namespace cc
