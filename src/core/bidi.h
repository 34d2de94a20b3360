// Right-to-left text on one line: the order in which to draw the characters of a text holding
// Hebrew or Arabic, so that "Token for צוות הנתונים" reads as it would on a web page. The UI
// draws glyphs left to right, in the order it is given; this gives it that order.
//
// It follows the Unicode bidirectional algorithm for one paragraph without explicit embeddings:
// the direction is that of the first strong character; letters of right-to-left scripts, European
// digits next to them and the neutrals between them are resolved to levels, runs are reversed
// from the highest level down, and mirrored brackets are swapped in right-to-left runs. Arabic
// letters are ordered but not shaped (each shows its isolated form).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cc {

// Whether the text may hold a right-to-left letter, from its bytes alone (no allocation): when
// not, visual_order() answers nothing and the text is drawn as it is.
bool may_hold_right_to_left(std::string_view text);

// The text in display order, or nothing when it holds no right-to-left letter (the common case,
// answered from its bytes alone). `text` is UTF-8; the answer holds the same characters.
std::optional<std::string> visual_order(std::string_view text);

}  // namespace cc
