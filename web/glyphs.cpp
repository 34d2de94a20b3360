// The browser as a glyph rasterizer: a 2D canvas draws one character with the page's font
// stack at the atlas font's size, and its pixels become an alpha bitmap. The atlas is alpha
// only, so a colour emoji becomes a monochrome shape (darker parts more opaque). A character
// no installed font has draws the same box as a code point no font can have (U+10FFFD): such
// characters are reported missing and ImGui draws its replacement glyph for them.
#include "web/glyphs.h"

#include <emscripten.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "imgui.h"
#include "ui/theme.h"
#include "web/web_backend.h"

namespace cc::web {
namespace {

// clang-format off
// Returns a malloc'ed alpha bitmap and writes width, height, advance, left and top (see
// ui::DrawnGlyph) to `metrics`; 0 when the browser has no font for the character.
EM_JS(unsigned char*, js_draw_glyph, (int codepoint, double css_px, int weight, float* metrics), {
    const g = Module.ccGlyphs || (Module.ccGlyphs = { ctx: null, missing: new Map() });
    if (!g.ctx) g.ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    const ctx = g.ctx;
    const font = weight + ' ' + css_px + 'px "Inter", system-ui, "Noto Sans", "DejaVu Sans", "IPAGothic", "Noto Color Emoji", sans-serif';
    const draw = (text) => {
        ctx.font = font;
        const m = ctx.measureText(text);
        const left = Math.max(0, Math.ceil(m.actualBoundingBoxLeft)), right = Math.max(0, Math.ceil(m.actualBoundingBoxRight));
        const up = Math.max(0, Math.ceil(m.actualBoundingBoxAscent)), down = Math.max(0, Math.ceil(m.actualBoundingBoxDescent));
        const w = left + right + 2, h = up + down + 2;
        const c = ctx.canvas;
        if (c.width < w || c.height < h) {
            c.width = Math.max(c.width, w);
            c.height = Math.max(c.height, h);
        }
        ctx.clearRect(0, 0, w, h);
        ctx.font = font;  // resizing the canvas resets its state
        ctx.textBaseline = 'alphabetic';
        ctx.fillStyle = '#000';
        ctx.fillText(text, left + 1, up + 1);
        const px = ctx.getImageData(0, 0, w, h).data;
        const alpha = new Uint8Array(w * h);
        for (let i = 0; i < w * h; ++i) {
            const lum = (0.299 * px[4 * i] + 0.587 * px[4 * i + 1] + 0.114 * px[4 * i + 2]) / 255;
            alpha[i] = Math.round(px[4 * i + 3] * (1 - 0.6 * lum));
        }
        return { w, h, advance: m.width, left: -(left + 1), top: up + 1, alpha };
    };
    const same = (a, b) => a.w === b.w && a.h === b.h && a.alpha.every((v, i) => v === b.alpha[i]);
    if (!g.missing.has(font)) g.missing.set(font, draw(String.fromCodePoint(0x10FFFD)));
    const glyph = draw(String.fromCodePoint(codepoint));
    if (same(glyph, g.missing.get(font))) return 0;
    const p = _malloc(glyph.w * glyph.h);
    HEAPU8.set(glyph.alpha, p);
    const m = metrics >> 2;
    HEAPF32[m] = glyph.w;
    HEAPF32[m + 1] = glyph.h;
    HEAPF32[m + 2] = glyph.advance;
    HEAPF32[m + 3] = glyph.left;
    HEAPF32[m + 4] = glyph.top;
    return p;
});
// clang-format on

bool draw_glyph(char32_t codepoint, float css_px, ui::FontFace face, ui::DrawnGlyph& out) {
    float m[5] = {};
    unsigned char* bitmap = js_draw_glyph(static_cast<int>(codepoint), static_cast<double>(css_px),
                                          face == ui::FontFace::SemiBold ? 600 : 400, m);
    if (!bitmap) return false;
    out.width = static_cast<int>(m[0]);
    out.height = static_cast<int>(m[1]);
    out.advance = m[2];
    out.left = m[3];
    out.top = m[4];
    out.alpha.assign(bitmap, bitmap + static_cast<std::ptrdiff_t>(out.width) * out.height);
    std::free(bitmap);
    return true;
}

}  // namespace

void install_glyph_rasterizer() {
    ui::set_glyph_rasterizer(draw_glyph);
}

void note_text(std::string_view text) {
    ui::note_text(text);
}

void add_missing_glyphs_before_frame() {
    const ImGuiIO& io = ImGui::GetIO();
    for (ImWchar c : io.InputQueueCharacters) ui::note_codepoint(static_cast<char32_t>(c));
    if (ui::add_missing_glyphs()) backend_fonts_changed();
}

}  // namespace cc::web

// The font atlas, for tests and measurements: how many replacement glyphs the last frame drew
// (-1 when they cannot be told apart), the atlas' size in pixels, its last build in ms.
extern "C" EMSCRIPTEN_KEEPALIVE const char* cc_font_info_json() {
    static std::string json;
    const ImVec2 size = cc::ui::font_atlas_size();
    char buf[160];
    std::snprintf(buf, sizeof buf, R"({"replacementGlyphs":%d,"atlasWidth":%d,"atlasHeight":%d,"buildMs":%.1f})",
                  cc::ui::replacement_glyphs_drawn(ImGui::GetDrawData()), static_cast<int>(size.x),
                  static_cast<int>(size.y), cc::ui::font_atlas_build_ms());
    json = buf;
    return json.c_str();
}
