// Font loading (Inter from fonts-inter and Fork Awesome icons from fonts-fork-awesome,
// embedded at /fonts) and the light and dark themes.
#include "ui/theme.h"

#include <cstdio>

#include "ui/icons.h"

namespace cc::ui {
namespace {
Fonts g_fonts;
Palette g_palette;

bool file_exists(const char* path) {
    if (FILE* f = std::fopen(path, "rb")) {
        std::fclose(f);
        return true;
    }
    return false;
}

ImFont* add_text_font(const char* path, float size) {
    ImGuiIO& io = ImGui::GetIO();
    static const ImWchar text_ranges[] = {0x0020, 0x00FF, 0x2013, 0x2026, 0x2190, 0x21FF, 0x2022, 0x2022, 0};
    static const ImWchar icon_ranges[] = {kIconRangeMin, kIconRangeMax, 0};
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    ImFont* font = io.Fonts->AddFontFromFileTTF(path, size, &cfg, text_ranges);
    const char* icons = "/fonts/forkawesome-webfont.ttf";
    if (font && file_exists(icons)) {
        ImFontConfig merge;
        merge.MergeMode = true;
        merge.PixelSnapH = true;
        merge.GlyphMinAdvanceX = size;  // icons line up in lists
        merge.GlyphOffset = ImVec2(0, size * 0.05f);
        io.Fonts->AddFontFromFileTTF(icons, size * 0.9f, &merge, icon_ranges);
    }
    return font;
}

Palette light_palette() {
    Palette p;
    p.dark = false;
    p.ok = IM_COL32(0x2E, 0x7D, 0x32, 0xFF);
    p.warn = IM_COL32(0xD9, 0x77, 0x06, 0xFF);
    p.error = IM_COL32(0xC6, 0x28, 0x28, 0xFF);
    p.busy = IM_COL32(0x19, 0x76, 0xD2, 0xFF);
    p.muted = IM_COL32(0x75, 0x75, 0x75, 0xFF);
    p.accent = IM_COL32(0x5E, 0x9A, 0x00, 0xFF);
    p.accent_text = IM_COL32_WHITE;
    p.card = IM_COL32_WHITE;
    p.card_border = IM_COL32(0xD9, 0xDB, 0xE0, 0xFF);
    p.chip = IM_COL32(0xE8, 0xF2, 0xD9, 0xFF);
    p.chip_hover = IM_COL32(0xDA, 0xEA, 0xC2, 0xFF);
    p.secondary = IM_COL32_WHITE;
    p.secondary_hover = IM_COL32(0xF1, 0xF5, 0xEA, 0xFF);
    p.secondary_active = IM_COL32(0xE3, 0xEE, 0xD4, 0xFF);
    return p;
}

Palette dark_palette() {
    Palette p;
    p.dark = true;
    p.ok = IM_COL32(0x66, 0xBB, 0x6A, 0xFF);
    p.warn = IM_COL32(0xFF, 0xB7, 0x4D, 0xFF);
    p.error = IM_COL32(0xEF, 0x53, 0x50, 0xFF);
    p.busy = IM_COL32(0x64, 0xB5, 0xF6, 0xFF);
    p.muted = IM_COL32(0x9E, 0x9E, 0x9E, 0xFF);
    p.accent = IM_COL32(0x76, 0xB9, 0x00, 0xFF);
    p.accent_text = IM_COL32(0x10, 0x12, 0x14, 0xFF);
    p.card = IM_COL32(0x22, 0x25, 0x29, 0xFF);
    p.card_border = IM_COL32(0x3A, 0x3E, 0x44, 0xFF);
    p.chip = IM_COL32(0x2F, 0x3B, 0x22, 0xFF);
    p.chip_hover = IM_COL32(0x3A, 0x4A, 0x29, 0xFF);
    p.secondary = IM_COL32(0x2A, 0x2D, 0x32, 0xFF);
    p.secondary_hover = IM_COL32(0x34, 0x38, 0x3E, 0xFF);
    p.secondary_active = IM_COL32(0x3E, 0x43, 0x4A, 0xFF);
    return p;
}

ImVec4 rgb(int r, int g, int b, float a = 1.0f) {
    return ImVec4(static_cast<float>(r) / 255.0f, static_cast<float>(g) / 255.0f, static_cast<float>(b) / 255.0f, a);
}

void light_colors(ImVec4* c) {
    ImGui::StyleColorsLight();
    c[ImGuiCol_WindowBg] = rgb(246, 247, 249);
    c[ImGuiCol_ChildBg] = rgb(255, 255, 255);
    c[ImGuiCol_PopupBg] = rgb(255, 255, 255);
    c[ImGuiCol_Border] = rgb(217, 219, 224);
    c[ImGuiCol_FrameBg] = rgb(255, 255, 255);
    c[ImGuiCol_FrameBgHovered] = rgb(248, 250, 245);
    c[ImGuiCol_FrameBgActive] = rgb(243, 247, 237);
    c[ImGuiCol_Button] = rgb(94, 154, 0);
    c[ImGuiCol_ButtonHovered] = rgb(82, 136, 0);
    c[ImGuiCol_ButtonActive] = rgb(70, 118, 0);
    c[ImGuiCol_Header] = rgb(118, 185, 0, 0.20f);
    c[ImGuiCol_HeaderHovered] = rgb(118, 185, 0, 0.10f);
    c[ImGuiCol_HeaderActive] = rgb(118, 185, 0, 0.28f);
    c[ImGuiCol_TableHeaderBg] = rgb(249, 250, 251);
    c[ImGuiCol_TableBorderStrong] = rgb(222, 224, 229);
    c[ImGuiCol_TableBorderLight] = rgb(235, 237, 240);
    c[ImGuiCol_TableRowBg] = rgb(255, 255, 255);
    c[ImGuiCol_TableRowBgAlt] = rgb(251, 251, 252);
    c[ImGuiCol_CheckMark] = rgb(94, 154, 0);
    c[ImGuiCol_Text] = rgb(33, 36, 41);
    c[ImGuiCol_TextDisabled] = rgb(110, 114, 120);
    c[ImGuiCol_Separator] = rgb(222, 224, 229);
    c[ImGuiCol_NavHighlight] = rgb(118, 185, 0, 0.8f);
    c[ImGuiCol_ScrollbarBg] = rgb(0, 0, 0, 0.0f);
}

void dark_colors(ImVec4* c) {
    ImGui::StyleColorsDark();
    c[ImGuiCol_WindowBg] = rgb(22, 24, 27);
    c[ImGuiCol_ChildBg] = rgb(30, 33, 37);
    c[ImGuiCol_PopupBg] = rgb(34, 37, 41);
    c[ImGuiCol_Border] = rgb(58, 62, 68);
    c[ImGuiCol_FrameBg] = rgb(38, 41, 46);
    c[ImGuiCol_FrameBgHovered] = rgb(46, 50, 56);
    c[ImGuiCol_FrameBgActive] = rgb(52, 57, 64);
    c[ImGuiCol_Button] = rgb(118, 185, 0);
    c[ImGuiCol_ButtonHovered] = rgb(132, 200, 20);
    c[ImGuiCol_ButtonActive] = rgb(100, 160, 0);
    c[ImGuiCol_Header] = rgb(118, 185, 0, 0.25f);
    c[ImGuiCol_HeaderHovered] = rgb(118, 185, 0, 0.12f);
    c[ImGuiCol_HeaderActive] = rgb(118, 185, 0, 0.32f);
    c[ImGuiCol_TableHeaderBg] = rgb(36, 39, 44);
    c[ImGuiCol_TableBorderStrong] = rgb(58, 62, 68);
    c[ImGuiCol_TableBorderLight] = rgb(45, 48, 53);
    c[ImGuiCol_TableRowBg] = rgb(30, 33, 37);
    c[ImGuiCol_TableRowBgAlt] = rgb(33, 36, 40);
    c[ImGuiCol_CheckMark] = rgb(118, 185, 0);
    c[ImGuiCol_Text] = rgb(230, 232, 235);
    c[ImGuiCol_TextDisabled] = rgb(150, 155, 162);
    c[ImGuiCol_Separator] = rgb(58, 62, 68);
    c[ImGuiCol_NavHighlight] = rgb(118, 185, 0, 0.8f);
    c[ImGuiCol_ScrollbarBg] = rgb(0, 0, 0, 0.0f);
}

}  // namespace

const Fonts& fonts() {
    return g_fonts;
}
const Palette& palette() {
    return g_palette;
}

bool load_fonts(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const char* regular = "/fonts/Inter-Regular.otf";
    const char* semibold = "/fonts/Inter-SemiBold.otf";
    const float size = kBaseFontSize * scale;
    if (!file_exists(regular) || !file_exists(semibold)) {
        ImFontConfig cfg;
        cfg.SizePixels = size;
        g_fonts.body = g_fonts.strong = g_fonts.title = io.Fonts->AddFontDefault(&cfg);
        return false;
    }
    g_fonts.body = add_text_font(regular, size);
    g_fonts.strong = add_text_font(semibold, size);
    g_fonts.title = add_text_font(semibold, size * 1.6f);
    io.FontDefault = g_fonts.body;
    return true;
}

void apply_theme(float scale, bool dark) {
    ImGuiStyle style;
    ImGui::GetStyle() = style;  // StyleColors* write into the current style
    if (dark)
        dark_colors(ImGui::GetStyle().Colors);
    else
        light_colors(ImGui::GetStyle().Colors);
    // Sizes in multiples of the font size (which already includes the device scale).
    const float f = kBaseFontSize * scale;
    auto em = [f](float x, float y) { return ImVec2(x * f, y * f); };
    ImGuiStyle& s = ImGui::GetStyle();
    s.WindowPadding = em(1.05f, 0.8f);
    s.FramePadding = em(0.65f, 0.4f);
    s.ItemSpacing = em(0.65f, 0.5f);
    s.ItemInnerSpacing = em(0.4f, 0.27f);
    s.CellPadding = em(0.55f, 0.4f);
    s.TouchExtraPadding = ImVec2(0, 0);
    s.IndentSpacing = 1.4f * f;
    s.ScrollbarSize = 0.8f * f;
    s.GrabMinSize = 0.7f * f;
    s.WindowRounding = 0;
    s.ChildRounding = 0.4f * f;
    s.FrameRounding = 0.27f * f;
    s.PopupRounding = 0.4f * f;
    s.GrabRounding = 0.27f * f;
    s.ScrollbarRounding = 0.4f * f;
    s.TabRounding = 0.27f * f;
    s.WindowBorderSize = 0;
    s.ChildBorderSize = 1;
    s.PopupBorderSize = 1;
    s.FrameBorderSize = 1;
    s.WindowMinSize = em(2, 2);
    s.DisplaySafeAreaPadding = em(0.2f, 0.2f);
    s.MouseCursorScale = scale;
    g_palette = dark ? dark_palette() : light_palette();
}

}  // namespace cc::ui
