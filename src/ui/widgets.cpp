// Drawing helpers.
#include "ui/widgets.h"

#include <cmath>
#include <string>

#include "core/bidi.h"
#include "imgui_internal.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"

namespace cc::ui {
namespace {
bool g_spinner_drawn = false;

bool styled_button(const char* label, ImVec2 size, bool enabled, bool primary) {
    if (!enabled) ImGui::BeginDisabled();
    const Palette& p = palette();
    if (primary) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_Text));
        ImGui::PushStyleColor(ImGuiCol_Button, p.secondary);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.secondary_hover);
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.secondary_active);
    }
    const bool pressed = ImGui::Button(label, size);
    ImGui::PopStyleColor(primary ? 1 : 4);
    if (!enabled) ImGui::EndDisabled();
    return pressed && enabled;
}
}  // namespace

bool narrow_screen() {
    return ImGui::GetMainViewport()->WorkSize.x < em(48);
}

TouchGesture& touch_gesture() {
    static TouchGesture g;
    return g;
}

void flow_next(float width) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    ImGui::SameLine();
    if (ImGui::GetCursorPosX() + width > ImGui::GetContentRegionMax().x + 0.5f && ImGui::GetCursorPosX() > spacing * 4)
        ImGui::NewLine();
}

bool primary_button(const char* label, ImVec2 size, bool enabled) {
    return styled_button(label, size, enabled, true);
}
bool secondary_button(const char* label, ImVec2 size, bool enabled) {
    return styled_button(label, size, enabled, false);
}

bool copy_button(const char* id, const char* tooltip, bool copied) {
    const std::string hidden = std::string(id);
    const std::string label = ICON_COPY "##" + hidden.substr(hidden.find("##") + 2) + "-copy";
    const float side = ImGui::GetFrameHeight();
    const bool pressed = secondary_button(label.c_str(), ImVec2(side, side));
    register_last_item(id, "Copy");
    if (ImGui::IsItemHovered()) tooltip_text(tooltip);
    if (copied) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        text_colored(palette().ok, ICON_CHECK_CIRCLE " Copied");
        register_last_item(std::string("copied/") + hidden.substr(hidden.find("##") + 2), "Copied");
    }
    return pressed;
}

void show_keyboard_focus() {
    ImGuiContext& g = *GImGui;
    g.NavDisableHighlight = false;
    g.NavDisableMouseHover = true;
}

void focus_next_item() {
    ImGui::SetKeyboardFocusHere();
    show_keyboard_focus();
}

void spinner(float radius, ImU32 color) {
    g_spinner_drawn = true;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 center(pos.x + radius, pos.y + radius);
    const float t = static_cast<float>(ImGui::GetTime());
    const float start = t * 6.0f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PathArcTo(center, radius * 0.8f, start, start + 4.2f, 24);
    dl->PathStroke(color, 0, radius * 0.25f);
    ImGui::Dummy(ImVec2(radius * 2, radius * 2));
}

bool spinner_drawn_this_frame() {
    return g_spinner_drawn;
}
void reset_frame_flags() {
    g_spinner_drawn = false;
}

void tooltip_text(const char* text) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(em(28));
    ImGui::TextUnformatted(text);
    register_last_item("tooltip", text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void text_muted(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

void text_colored(ImU32 color, const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

void text_wrapped_bidi(std::string_view text) {
    const char* p = text.data();
    const char* end = p + text.size();
    if (!may_hold_right_to_left(text)) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(p, end);
        ImGui::PopTextWrapPos();
        return;
    }
    // Lines are broken in logical order, then each is put in display order, as a browser does.
    ImFont* font = ImGui::GetFont();
    const float width = ImMax(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize());
    ImGui::BeginGroup();
    while (p < end) {
        const char* line_end = font->CalcWordWrapPositionA(ImGui::GetFontSize() / font->FontSize, p, end, width);
        if (line_end == p) line_end += ImTextCountUtf8BytesFromChar(p, end);  // wider than the width: alone
        const std::string_view line(p, static_cast<std::size_t>(line_end - p));
        const std::optional<std::string> visual = visual_order(line);
        if (visual)
            ImGui::TextUnformatted(visual->data(), visual->data() + visual->size());
        else
            ImGui::TextUnformatted(line.data(), line.data() + line.size());
        p = line_end;
        while (p < end && (*p == ' ' || *p == '\n')) ++p;
    }
    ImGui::EndGroup();
}

std::optional<std::string> elided(ImFont* font, float size, std::string_view text, float width) {
    const char* begin = text.data();
    const auto measure = [&](std::size_t n) { return font->CalcTextSizeA(size, FLT_MAX, 0, begin, begin + n).x; };
    if (text.empty() || measure(text.size()) <= width) return std::nullopt;
    // Binary search for the longest prefix that fits with the ellipsis.
    const char* ellipsis = "\xE2\x80\xA6";
    const float budget = width - font->CalcTextSizeA(size, FLT_MAX, 0, ellipsis).x;
    std::size_t lo = 0, hi = text.size();
    while (lo < hi) {
        const std::size_t mid = (lo + hi + 1) / 2;
        if (measure(mid) <= budget)
            lo = mid;
        else
            hi = mid - 1;
    }
    while (lo > 0 && (static_cast<unsigned char>(text[lo]) & 0xC0) == 0x80) --lo;  // whole UTF-8 chars
    return std::string(text.substr(0, lo)) + ellipsis;
}

void cell_text(std::string_view id, std::string_view text, const char* tooltip) {
    // Cut in logical order (the end of the text goes), then drawn in display order (right-to-left
    // runs reversed, so a Hebrew text keeps its start at the right); named in logical order.
    const std::optional<std::string> shown =
        elided(ImGui::GetFont(), ImGui::GetFontSize(), text, ImGui::GetContentRegionAvail().x);
    const std::string_view cut = shown ? std::string_view(*shown) : text;
    const std::optional<std::string> visual = visual_order(cut);
    const std::string_view drawn = visual ? std::string_view(*visual) : cut;
    ImGui::TextUnformatted(drawn.data(), drawn.data() + drawn.size());
    const bool was_elided = shown.has_value();
    register_last_item(id, text);
    describe_last_item("gridcell");
    if (ImGui::IsItemHovered()) {
        if (tooltip && *tooltip)
            tooltip_text(was_elided ? (std::string(text) + "\n\n" + tooltip).c_str() : tooltip);
        else if (was_elided)
            tooltip_text(std::string(text).c_str());
    }
}

}  // namespace cc::ui
