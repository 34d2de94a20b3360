// Font loading (Inter and Fork Awesome, subset and embedded at build time, plus the characters
// the browser draws on demand) and the light and dark themes.
#include "ui/theme.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "core/codepoints.h"
#include "ui/embedded_fonts.h"

namespace cc::ui {
namespace {
Fonts g_fonts;
Palette g_palette;
float g_scale = 1.0f;
GlyphRasterizer g_rasterizer;
std::set<char32_t> g_drawn;        // in the atlas, drawn by the rasterizer
std::set<char32_t> g_unavailable;  // no font of the platform has them
std::set<char32_t> g_pending;      // noted, not in the atlas yet
// The bitmaps drawn at the current scale, by face, pixel size and code point: a rebuild of the
// atlas draws only the new characters.
std::map<std::tuple<int, float, char32_t>, DrawnGlyph> g_bitmaps;
double g_build_ms = 0;  // the last load_fonts, for measurements

constexpr char32_t kReplacement = 0xFFFD;  // what ImGui draws for a character no font has
constexpr std::size_t kMaxGlyphsPerRebuild = 256;
// ImGui sizes a font by its ascender-to-descender height (Inter: 2728 + 680 units), CSS by
// its em (2816 units): the CSS size of the same text is this much of ImGui's size.
constexpr float kCssPxPerPixelHeight = 2816.0f / (2728.0f + 680.0f);

// Draws `c` with the rasterizer, once per face and size.
bool rasterize(char32_t c, float size, FontFace face, DrawnGlyph& out) {
    const auto key = std::make_tuple(static_cast<int>(face), size, c);
    if (auto it = g_bitmaps.find(key); it != g_bitmaps.end()) {
        out = it->second;
        return true;
    }
    if (!g_rasterizer || !g_rasterizer(c, size * kCssPxPerPixelHeight, face, out)) return false;
    g_bitmaps.emplace(key, out);
    return true;
}

// Characters that draw nothing and take no room (joiners, variation selectors, tags): the
// atlas gets an empty glyph for them instead of a replacement box.
bool zero_width(char32_t c) {
    return (c >= 0x200B && c <= 0x200F) || (c >= 0x2060 && c <= 0x2064) || (c >= 0xFE00 && c <= 0xFE0F) ||
           c == 0xFEFF || (c >= 0xE0000 && c <= 0xE007F);
}

bool in_ranges(const ImWchar* ranges, char32_t c) {
    for (; ranges[0]; ranges += 2)
        if (c >= ranges[0] && c <= ranges[1]) return true;
    return false;
}

// Horizontal oversampling sharpens small text; at two device pixels per CSS pixel and more it
// only doubles the atlas.
int oversample_h() {
    return g_scale < 2.0f ? 2 : 1;
}

// The strong face (titles, headings, names) is Inter Regular made heavier in the atlas rather
// than a second font file (Inter SemiBold's outlines were a fifth of the fonts' bytes on the
// wire): each of its glyphs is widened by this many texels, taking for every texel the darkest of
// itself and the ones to its left, as a double strike does. About 4.5% of the size (in texels): a
// difference between Inter Regular's and SemiBold's stems.
int embolden_texels(float size) {
    return std::max(1, static_cast<int>(std::lround(size * static_cast<float>(oversample_h()) * 0.045f)));
}

ImFont* add_text_font(const embedded::FontBytes& text, float size, const ImWchar* ranges, bool strong = false) {
    ImGuiIO& io = ImGui::GetIO();
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // the bytes live in the wasm's data section
    cfg.OversampleH = oversample_h();
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    // A heavier glyph takes that much more room (see embolden()).
    if (strong)
        cfg.GlyphExtraSpacing.x = static_cast<float>(embolden_texels(size)) / static_cast<float>(cfg.OversampleH);
    ImFont* font = io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(text.data), text.size, size, &cfg, ranges);
    if (font) {
        ImFontConfig merge;
        merge.FontDataOwnedByAtlas = false;
        merge.MergeMode = true;
        merge.PixelSnapH = true;
        merge.GlyphMinAdvanceX = size;  // icons line up in lists
        merge.GlyphOffset = ImVec2(0, size * 0.05f);
        io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(embedded::icons.data), embedded::icons.size,
                                       size * 0.9f, &merge, embedded::icon_ranges);
    }
    return font;
}

// Adds the characters drawn by the platform to the fonts, builds the atlas and copies their
// bitmaps into it. The atlas places a drawn glyph relative to the top of the line; the
// rasterizer measures from the baseline, so the glyphs move down by the font's ascent.
struct AtlasFont {
    ImFont* font;
    FontFace face;
    float size;                     // pixels (ImFont::FontSize is only set by the build)
    const ImWchar* ranges;          // what its font file gives it
    std::set<char32_t> drawn = {};  // what the rasterizer gave it
};

// Makes the strong face's glyphs from its font file heavier (embolden_texels()): the atlas
// keeps that many free texels right of each glyph (its padding), which the glyph now reaches
// into. Icons and glyphs the rasterizer drew (already in its bold weight) stay as they are.
void embolden(const AtlasFont& f, unsigned char* pixels, int tex_w, int tex_h) {
    const int d = embolden_texels(f.size);
    const float os = static_cast<float>(oversample_h());
    for (ImFontGlyph& g : f.font->Glyphs) {
        if (!g.Visible || f.drawn.count(g.Codepoint) || (g.Codepoint >= 0xE000 && g.Codepoint <= 0xF8FF)) continue;
        const int x0 = static_cast<int>(std::lround(g.U0 * static_cast<float>(tex_w)));
        const int x1 = static_cast<int>(std::lround(g.U1 * static_cast<float>(tex_w)));
        const int y0 = static_cast<int>(std::lround(g.V0 * static_cast<float>(tex_h)));
        const int y1 = static_cast<int>(std::lround(g.V1 * static_cast<float>(tex_h)));
        if (x1 + d > tex_w) continue;
        for (int y = y0; y < y1; ++y) {
            unsigned char* row = pixels + static_cast<std::ptrdiff_t>(y) * tex_w;
            for (int x = x1 + d - 1; x >= x0; --x) {
                unsigned char v = x < x1 ? row[x] : 0;
                for (int k = 1; k <= d && x - k >= x0; ++k)
                    if (x - k < x1) v = std::max(v, row[x - k]);
                row[x] = v;
            }
        }
        g.X1 += static_cast<float>(d) / os;
        g.U1 += static_cast<float>(d) / static_cast<float>(tex_w);
    }
}

bool build_atlas(std::vector<AtlasFont>& fonts) {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    // Room right of every glyph for the strong face to grow into (embolden()).
    int padding = 1;
    for (const AtlasFont& f : fonts)
        if (f.face == FontFace::SemiBold) padding = std::max(padding, embolden_texels(f.size));
    atlas.TexGlyphPadding = padding;
    struct Bitmap {
        int rect = 0;
        DrawnGlyph glyph;
    };
    std::vector<Bitmap> bitmaps;
    auto add = [&](AtlasFont& f, char32_t c) {
        Bitmap b;
        if (zero_width(c)) {
            b.glyph.width = b.glyph.height = 1;
        } else if (!rasterize(c, f.size, f.face, b.glyph)) {
            return;
        }
        const int w = std::max(1, b.glyph.width), h = std::max(1, b.glyph.height);
        if (b.glyph.width != w || b.glyph.height != h ||
            b.glyph.alpha.size() != static_cast<std::size_t>(w) * static_cast<std::size_t>(h)) {
            b.glyph.width = w;
            b.glyph.height = h;
            b.glyph.alpha.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), 0);
        }
        b.rect = atlas.AddCustomRectFontGlyph(f.font, static_cast<ImWchar>(c), w, h, b.glyph.advance,
                                              ImVec2(b.glyph.left, -b.glyph.top));
        bitmaps.push_back(std::move(b));
        f.drawn.insert(c);
    };
    for (AtlasFont& f : fonts) {
        add(f, kReplacement);
        for (char32_t c : g_drawn)
            if (!in_ranges(f.ranges, c)) add(f, c);  // the file lacks it
    }
    if (!atlas.Build()) return false;  // a font file stb_truetype cannot read
    unsigned char* pixels = nullptr;
    int tex_w = 0, tex_h = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &tex_w, &tex_h);
    for (const Bitmap& b : bitmaps) {
        const ImFontAtlasCustomRect* r = atlas.GetCustomRectByIndex(b.rect);
        if (!r || !r->IsPacked()) continue;
        for (int y = 0; y < b.glyph.height; ++y) {
            const auto src = static_cast<std::size_t>(y) * static_cast<std::size_t>(b.glyph.width);
            const auto dst = static_cast<std::size_t>(r->Y + y) * static_cast<std::size_t>(tex_w) + r->X;
            std::memcpy(pixels + dst, b.glyph.alpha.data() + src, static_cast<std::size_t>(b.glyph.width));
        }
    }
    for (const AtlasFont& f : fonts)
        if (f.face == FontFace::SemiBold) embolden(f, pixels, tex_w, tex_h);
    for (const AtlasFont& f : fonts) {
        ImFont* font = f.font;
        const float ascent = std::floor(font->Ascent + 0.5f);
        for (ImFontGlyph& g : font->Glyphs) {
            if (!f.drawn.count(g.Codepoint)) continue;
            g.Y0 += ascent;
            g.Y1 += ascent;
        }
        // The atlas chose its fallback ('?') before the drawn glyphs joined the font: a
        // character no font has shows as U+FFFD instead, unlike a real question mark.
        if (font->FindGlyphNoFallback(static_cast<ImWchar>(kReplacement))) {
            font->FallbackChar = static_cast<ImWchar>(kReplacement);
            font->BuildLookupTable();
        }
    }
    return true;
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

// Pixels cost time in a software WebGL (many VMs, remote desktops, kiosks): the page and its
// panels share one background, which the frame's clear paints, so a panel (the table: most of
// the screen) does not paint it again, and neither do the table's plain rows; panels are told
// apart by their borders. One screen of blended pixels less per frame.
void light_colors(ImVec4* c) {
    ImGui::StyleColorsLight();
    c[ImGuiCol_WindowBg] = rgb(255, 255, 255);
    c[ImGuiCol_ChildBg] = rgb(255, 255, 255, 0.0f);
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
    c[ImGuiCol_TableRowBg] = rgb(255, 255, 255, 0.0f);
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
    c[ImGuiCol_WindowBg] = rgb(30, 33, 37);
    c[ImGuiCol_ChildBg] = rgb(30, 33, 37, 0.0f);
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
    c[ImGuiCol_TableRowBg] = rgb(30, 33, 37, 0.0f);
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

void set_glyph_rasterizer(GlyphRasterizer rasterizer) {
    g_rasterizer = std::move(rasterizer);
}

bool load_fonts(float scale) {
    const auto start = std::chrono::steady_clock::now();
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;  // WebGL2 takes any size: no empty half
    // The browser draws the mouse cursor (the platform sets the CSS cursor ImGui asks for): no
    // cursor shapes in the atlas (the web build leaves their pixels out of ImGui).
    io.Fonts->Flags |= ImFontAtlasFlags_NoMouseCursors;
    if (scale != g_scale) g_bitmaps.clear();
    g_scale = scale;
    const float size = kBaseFontSize * scale;
    g_fonts.body = add_text_font(embedded::inter_regular, size, embedded::text_ranges);
    g_fonts.strong = add_text_font(embedded::inter_regular, size, embedded::strong_ranges, true);
    g_fonts.title = add_text_font(embedded::inter_regular, size * 1.6f, embedded::strong_ranges, true);
    io.FontDefault = g_fonts.body;
    std::vector<AtlasFont> atlas_fonts = {{g_fonts.body, FontFace::Regular, size, embedded::text_ranges},
                                          {g_fonts.strong, FontFace::SemiBold, size, embedded::strong_ranges},
                                          {g_fonts.title, FontFace::SemiBold, size * 1.6f, embedded::strong_ranges}};
    const bool built = build_atlas(atlas_fonts);
    g_build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return built;
}

void note_codepoint(char32_t c) {
    if (c < 0x80 || c > 0x10FFFF || g_drawn.count(c) || g_unavailable.count(c)) return;
    // The strong and title fonts hold the fewest characters.
    if (g_fonts.title && g_fonts.title->FindGlyphNoFallback(static_cast<ImWchar>(c))) return;
    g_pending.insert(c);
}

void note_text(std::string_view text) {
    std::set<char32_t> found;
    collect_codepoints(text, found);
    for (char32_t c : found) note_codepoint(c);
}

bool add_missing_glyphs() {
    if (g_pending.empty() || !g_rasterizer || !g_fonts.body) return false;
    bool added = false;
    std::size_t n = 0;
    const float size = kBaseFontSize * g_scale;
    for (auto it = g_pending.begin(); it != g_pending.end() && n < kMaxGlyphsPerRebuild; ++n) {
        const char32_t c = *it;
        it = g_pending.erase(it);
        DrawnGlyph probe;
        if (zero_width(c) || rasterize(c, size, FontFace::Regular, probe)) {
            g_drawn.insert(c);
            added = true;
        } else {
            g_unavailable.insert(c);
        }
    }
    if (!added) return false;
    load_fonts(g_scale);
    return true;
}

int replacement_glyphs_drawn(const ImDrawData* draw_data) {
    std::vector<const ImFontGlyph*> replacements;
    for (const ImFont* font : {g_fonts.body, g_fonts.strong, g_fonts.title}) {
        if (!font || !font->FallbackGlyph || font->FallbackGlyph->Codepoint != kReplacement) return -1;
        replacements.push_back(font->FallbackGlyph);
    }
    if (!draw_data) return 0;
    int count = 0;
    for (int l = 0; l < draw_data->CmdListsCount; ++l) {
        const ImVector<ImDrawVert>& v = draw_data->CmdLists[l]->VtxBuffer;
        // A glyph is a quad of four vertices: top-left, top-right, bottom-right, bottom-left.
        for (int i = 0; i + 2 < v.Size; ++i) {
            for (const ImFontGlyph* g : replacements) {
                if (v[i].uv.x == g->U0 && v[i].uv.y == g->V0 && v[i + 2].uv.x == g->U1 && v[i + 2].uv.y == g->V1) {
                    ++count;
                    break;
                }
            }
        }
    }
    return count;
}

double font_atlas_build_ms() {
    return g_build_ms;
}

ImVec2 font_atlas_size() {
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    return ImVec2(static_cast<float>(atlas.TexWidth), static_cast<float>(atlas.TexHeight));
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
