// Colours, fonts and sizes of the app. Every size derives from the font size so the UI
// scales as a whole with devicePixelRatio and browser zoom. Light and dark palettes follow
// the browser's prefers-color-scheme.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "imgui.h"

namespace cc::ui {

struct Fonts {
    ImFont* body = nullptr;
    ImFont* strong = nullptr;
    ImFont* title = nullptr;
};

struct Palette {
    bool dark = false;
    ImU32 ok, warn, error, busy, muted;
    ImU32 accent, accent_text;  // primary buttons
    ImU32 card, card_border;
    ImU32 chip, chip_hover;
    ImU32 secondary, secondary_hover, secondary_active;
};

inline constexpr float kBaseFontSize = 15.0f;  // CSS pixels

enum class FontFace { Regular, SemiBold };

// A glyph the platform drew: an alpha bitmap (width * height bytes, rows top to bottom) and
// its metrics in device pixels, relative to the pen position on the baseline.
struct DrawnGlyph {
    int width = 0, height = 0;
    float advance = 0;
    float left = 0;  // from the pen to the bitmap's left edge
    float top = 0;   // from the baseline up to the bitmap's top edge
    std::vector<unsigned char> alpha;
};

// Draws one code point with the platform's fonts at `css_px` (the CSS font size in device
// pixels). Returns false when no font of the platform has the character.
using GlyphRasterizer = std::function<bool(char32_t codepoint, float css_px, FontFace face, DrawnGlyph& out)>;

// Where the characters that the embedded fonts lack come from (the browser, in the web app).
void set_glyph_rasterizer(GlyphRasterizer rasterizer);

// Rebuilds the font atlas for `scale` device pixels per CSS pixel, with the characters drawn by
// the rasterizer so far; the caller re-uploads the texture. Returns false when the atlas could
// not be built (an embedded font stb_truetype cannot read: a broken build, since ImGui's own
// default font is not in the web app).
bool load_fonts(float scale);

// Notes the characters `text` needs (UTF-8 or JSON): data that arrived, input typed or pasted.
void note_text(std::string_view text);
void note_codepoint(char32_t codepoint);

// Adds to the atlas the noted characters it lacks (at most a few hundred per call), drawn by the
// rasterizer; characters no platform font has are remembered and not asked for again. Returns
// true when the atlas was rebuilt: the caller re-uploads the texture before the next frame.
bool add_missing_glyphs();

// How many replacement glyphs (characters no font had) `draw_data` draws: a test hook; -1 when
// the atlas has no distinct replacement glyph to recognise.
int replacement_glyphs_drawn(const ImDrawData* draw_data);

// The atlas' texture size in pixels, and how long its last build took (for measurements).
ImVec2 font_atlas_size();
double font_atlas_build_ms();
void apply_theme(float scale, bool dark);
const Fonts& fonts();
const Palette& palette();

}  // namespace cc::ui
