// The app's fonts, subset at build time and compiled into the wasm (cmake/embed_fonts.py writes
// the definitions into the build tree): Inter Regular for text (its strong face is made heavier
// in the atlas, src/ui/theme.cpp), Fork Awesome with exactly the icons of icons.h.
#pragma once

#include "imgui.h"

namespace cc::ui::embedded {

struct FontBytes {
    const unsigned char* data;
    int size;
};

extern const FontBytes inter_regular;
extern const FontBytes icons;
// The code points the subsets hold, as ImGui glyph ranges (inclusive pairs, 0-terminated):
// the text's, the strong face's (fewer: ASCII and some punctuation) and the icons'.
extern const ImWchar text_ranges[];
extern const ImWchar strong_ranges[];
extern const ImWchar icon_ranges[];

}  // namespace cc::ui::embedded
