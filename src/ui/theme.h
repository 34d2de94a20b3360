// Colours, fonts and sizes of the app. Every size derives from the font size so the UI
// scales as a whole with devicePixelRatio and browser zoom.
#pragma once

#include "imgui.h"

namespace cc::ui {

struct Fonts {
    ImFont* body = nullptr;
    ImFont* strong = nullptr;
    ImFont* title = nullptr;
};

inline constexpr float kBaseFontSize = 15.0f;  // CSS pixels

// Rebuilds the font atlas for `scale` device pixels per CSS pixel; the caller re-uploads
// the texture. Returns false when a font file is missing.
bool load_fonts(Fonts& fonts, float scale);
void apply_theme(float scale);
const Fonts& fonts();

namespace color {
inline constexpr ImU32 kAccent = IM_COL32(0x76, 0xB9, 0x00, 0xFF);  // NVIDIA green
inline constexpr ImU32 kOk = IM_COL32(0x2E, 0x7D, 0x32, 0xFF);
inline constexpr ImU32 kWarn = IM_COL32(0xE6, 0x8A, 0x00, 0xFF);
inline constexpr ImU32 kError = IM_COL32(0xC6, 0x28, 0x28, 0xFF);
inline constexpr ImU32 kBusy = IM_COL32(0x19, 0x76, 0xD2, 0xFF);
inline constexpr ImU32 kMuted = IM_COL32(0x75, 0x75, 0x75, 0xFF);
}  // namespace color

}  // namespace cc::ui
