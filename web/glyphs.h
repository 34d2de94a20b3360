// Characters the embedded fonts lack (Japanese, Hebrew, emoji, ...) are drawn by the browser
// with the page's fonts and added to ImGui's font atlas, so any script shows as text instead
// of replacement boxes.
#pragma once

#include <string_view>

namespace cc::web {

// Makes the browser the rasterizer of the characters the fonts lack (before the first
// load_fonts).
void install_glyph_rasterizer();

// Notes the characters of text that arrived (a response body, UTF-8 JSON).
void note_text(std::string_view text);

// Before ImGui's frame starts: notes the characters typed or pasted for this frame and adds
// the missing ones to the atlas, re-uploading its texture when it changed. At most one
// rebuild per frame.
void add_missing_glyphs_before_frame();

}  // namespace cc::web
