// Small drawing helpers shared by the views: em-based sizes, buttons, spinner, table cells
// that are visible to the browser tests.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "imgui.h"

namespace cc::ui {

inline float em(float n) {
    return n * ImGui::GetFontSize();
}
inline ImVec2 em(float x, float y) {
    return ImVec2(em(x), em(y));
}

// A phone-sized window (under about 768 CSS pixels at the default text size): the page lays
// itself out as a column (cards instead of the table, a wrapping toolbar, full-screen sheets).
bool narrow_screen();

// What fingers did on a touch screen in this ImGui frame, as the platform reports it (a mouse
// never sets it): a one-finger drag (device pixels; scrolling regions get it as the wheel too)
// and a two-finger pinch (the distance's ratio, and the fingers' midpoint).
struct TouchGesture {
    ImVec2 drag{0, 0};
    float pinch = 1.0f;
    ImVec2 pinch_centre{0, 0};
};
TouchGesture& touch_gesture();
// Before an item `width` wide that follows the last one: on the same line when it fits, else on
// the next (a toolbar that wraps instead of running off a narrow screen).
void flow_next(float width);

bool primary_button(const char* label, ImVec2 size = ImVec2(0, 0), bool enabled = true);
bool secondary_button(const char* label, ImVec2 size = ImVec2(0, 0), bool enabled = true);
// An animated arc of `radius` (pixels) at the cursor; the platform keeps frames coming
// while one is visible.
void spinner(float radius, ImU32 color);
bool spinner_drawn_this_frame();
void reset_frame_flags();
// `text` cut to the longest prefix (whole UTF-8 characters) that fits `width` with a "…" after
// it, in `font` at `size`; nullopt when the whole text fits.
// Text wrapped at the window's edge, right-to-left runs in display order on each line.
void text_wrapped_bidi(std::string_view text);
std::optional<std::string> elided(ImFont* font, float size, std::string_view text, float width);
// Text in a table cell, elided with "…" when wider than the cell, full text on hover,
// registered for the browser tests (and screen readers, as a grid cell) under `id`.
void cell_text(std::string_view id, std::string_view text, const char* tooltip = nullptr);
void tooltip_text(const char* text);
// A small copy icon button, found by the tests as `id` ("Copy##name"), with `tooltip` on hover
// and, while `copied`, a "Copied" confirmation beside it. True when pressed.
bool copy_button(const char* id, const char* tooltip, bool copied);
// Shows the keyboard focus (Dear ImGui hides it after a mouse move until an arrow key).
void show_keyboard_focus();
// Moves the keyboard focus to the next item drawn, visibly, without pressing it.
void focus_next_item();
void text_colored(ImU32 color, const char* text);
void text_muted(const char* text);

}  // namespace cc::ui
