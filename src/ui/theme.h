// Colours, fonts and sizes of the app. Every size derives from the font size so the UI
// scales as a whole with devicePixelRatio and browser zoom. Light and dark palettes follow
// the browser's prefers-color-scheme.
#pragma once

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

// Rebuilds the font atlas for `scale` device pixels per CSS pixel; the caller re-uploads
// the texture. Returns false when a font file is missing (falls back to ImGui's font).
bool load_fonts(float scale);
void apply_theme(float scale, bool dark);
const Fonts& fonts();
const Palette& palette();

}  // namespace cc::ui
