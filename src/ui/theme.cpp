// Font loading (Inter from Debian's fonts-inter, embedded at /fonts) and the light theme.
#include "ui/theme.h"

#include <cstdio>

namespace cc::ui {
namespace {
Fonts g_fonts;

bool file_exists(const char* path) {
    if (FILE* f = std::fopen(path, "rb")) {
        std::fclose(f);
        return true;
    }
    return false;
}
}  // namespace

const Fonts& fonts() { return g_fonts; }

bool load_fonts(Fonts& out, float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const char* regular = "/fonts/Inter-Regular.otf";
    const char* semibold = "/fonts/Inter-SemiBold.otf";
    if (!file_exists(regular) || !file_exists(semibold)) {
        ImFontConfig cfg;
        cfg.SizePixels = kBaseFontSize * scale;
        out.body = out.strong = out.title = io.Fonts->AddFontDefault(&cfg);
        g_fonts = out;
        return false;
    }
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2013, 0x2026, 0x2190, 0x21FF, 0x2022, 0x2022, 0};
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    out.body = io.Fonts->AddFontFromFileTTF(regular, kBaseFontSize * scale, &cfg, ranges);
    out.strong = io.Fonts->AddFontFromFileTTF(semibold, kBaseFontSize * scale, &cfg, ranges);
    out.title = io.Fonts->AddFontFromFileTTF(semibold, kBaseFontSize * 1.6f * scale, &cfg, ranges);
    io.FontDefault = out.body;
    g_fonts = out;
    return true;
}

void apply_theme(float scale) {
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(16, 12);
    style.FramePadding = ImVec2(10, 6);
    style.ItemSpacing = ImVec2(10, 8);
    style.ItemInnerSpacing = ImVec2(6, 4);
    style.CellPadding = ImVec2(8, 6);
    style.ScrollbarSize = 12;
    style.WindowRounding = 0;
    style.ChildRounding = 6;
    style.FrameRounding = 4;
    style.PopupRounding = 6;
    style.GrabRounding = 4;
    style.ScrollbarRounding = 6;
    style.WindowBorderSize = 0;
    style.FrameBorderSize = 1;
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.965f, 0.969f, 0.976f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_PopupBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_Border] = ImVec4(0.85f, 0.86f, 0.88f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.97f, 0.98f, 0.96f, 1.0f);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.95f, 0.97f, 0.93f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.46f, 0.73f, 0.0f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.40f, 0.65f, 0.0f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.34f, 0.56f, 0.0f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.46f, 0.73f, 0.0f, 0.18f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.46f, 0.73f, 0.0f, 0.10f);
    c[ImGuiCol_HeaderActive] = ImVec4(0.46f, 0.73f, 0.0f, 0.28f);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.975f, 0.978f, 0.982f, 1.0f);
    c[ImGuiCol_TableBorderStrong] = ImVec4(0.87f, 0.88f, 0.90f, 1.0f);
    c[ImGuiCol_TableBorderLight] = ImVec4(0.92f, 0.93f, 0.94f, 1.0f);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0.985f, 0.987f, 0.99f, 1.0f);
    c[ImGuiCol_CheckMark] = ImVec4(0.46f, 0.73f, 0.0f, 1.0f);
    c[ImGuiCol_Text] = ImVec4(0.13f, 0.14f, 0.16f, 1.0f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.46f, 0.47f, 0.50f, 1.0f);
    c[ImGuiCol_NavHighlight] = ImVec4(0.46f, 0.73f, 0.0f, 0.8f);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace cc::ui
