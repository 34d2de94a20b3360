// WebGL2 renderer for ImDrawData (see gl_renderer.h). Per frame: viewport, clear, the
// projection, one upload of every draw list's vertices and indices, then per command a
// scissor rectangle and a draw, with texture and vertex-offset changes only when they change.
#include "web/gl_renderer.h"

#include <GLES3/gl3.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>

#include "imgui.h"
#include "ui/draw_hints.h"

namespace cc::web {
namespace {

constexpr GLuint kPosition = 0, kUV = 1, kColor = 2;
constexpr GLenum kIndexType = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;

const char* const kVertexShader = R"(#version 300 es
precision highp float;
layout (location = 0) in vec2 Position;
layout (location = 1) in vec2 UV;
layout (location = 2) in vec4 Color;
uniform mat4 ProjMtx;
out vec2 Frag_UV;
out vec4 Frag_Color;
void main() {
    Frag_UV = UV;
    Frag_Color = Color;
    gl_Position = ProjMtx * vec4(Position.xy, 0, 1);
}
)";

const char* const kFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D Texture;
in vec2 Frag_UV;
in vec4 Frag_Color;
layout (location = 0) out vec4 Out_Color;
void main() {
    Out_Color = vec4(Frag_Color.rgb, Frag_Color.a * texture(Texture, Frag_UV.st).r);
}
)";

struct Renderer {
    GLuint program = 0;
    GLint proj_location = -1;
    GLuint vao = 0, vbo = 0, ibo = 0;
    std::size_t vbo_bytes = 0, ibo_bytes = 0;  // allocated sizes (they only grow)
    GLuint font_texture = 0;
    // The atlas is sampled pixel for pixel (the texture's own filter: nearest), and smoothly
    // through this sampler where a view draws text scaled (ui/draw_hints.h).
    GLuint smooth_sampler = 0;
    bool smooth = false;
    // What is bound now, so that a draw only changes what differs from the previous one.
    ImTextureID bound_texture = nullptr;
    std::size_t vertex_base = SIZE_MAX;  // first vertex the attribute pointers point at
    // What the canvas shows: a digest of the last frame's size, clear colour, font texture and
    // draw lists. A frame that would draw the very same is not drawn again.
    std::uint64_t shown = 0;
    unsigned font_uploads = 0;
};

Renderer& r() {
    static Renderer renderer;
    return renderer;
}

GLuint compile(GLenum type, const char* source) {
    const GLuint shader = glCreateShader(type);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    GLint ok = GL_FALSE;  // read once at start-up, never per frame
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok != GL_TRUE) {
        char log[1024] = {};
        glGetShaderInfoLog(shader, sizeof log, nullptr, log);
        std::fprintf(stderr, "shader compile failed: %s\n", log);
    }
    return shader;
}

void point_attributes_at(std::size_t first_vertex) {
    Renderer& g = r();
    if (g.vertex_base == first_vertex) return;
    g.vertex_base = first_vertex;
    const std::size_t base = first_vertex * sizeof(ImDrawVert);
    const auto at = [base](std::size_t member) {
        return reinterpret_cast<const void*>(static_cast<std::uintptr_t>(base + member));
    };
    constexpr auto stride = static_cast<GLsizei>(sizeof(ImDrawVert));
    glVertexAttribPointer(kPosition, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(kUV, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(kColor, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, at(offsetof(ImDrawVert, col)));
}

// The whole fixed state: set at start-up and again when a draw callback asks for it
// (ImDrawCallback_ResetRenderState) after changing it.
void apply_fixed_state() {
    Renderer& g = r();
    glUseProgram(g.program);
    glBindVertexArray(g.vao);
    glBindBuffer(GL_ARRAY_BUFFER, g.vbo);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    glActiveTexture(GL_TEXTURE0);
    g.bound_texture = nullptr;
    g.vertex_base = SIZE_MAX;
}

// Grow-only buffer storage. No orphaning per frame: WebGL copies the data at the call (there
// is no GPU read to wait for), and glBufferData without data would zero-fill the storage.
void reserve(GLenum target, std::size_t& allocated, std::size_t needed) {
    if (needed <= allocated) return;
    std::size_t size = allocated ? allocated : 64 * 1024;
    while (size < needed) size *= 2;
    glBufferData(target, static_cast<GLsizeiptr>(size), nullptr, GL_DYNAMIC_DRAW);
    allocated = size;
}

// A rectangle of framebuffer pixels, top-down: [x0, x1) x [y0, y1).
struct PixelRect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    PixelRect intersect(const PixelRect& o) const {
        return {std::max(x0, o.x0), std::max(y0, o.y0), std::min(x1, o.x1), std::min(y1, o.y1)};
    }
    long area() const { return x1 > x0 && y1 > y0 ? static_cast<long>(x1 - x0) * (y1 - y0) : 0; }
};

void scissor(const PixelRect& r, float fb_h) {
    glScissor(r.x0, static_cast<GLint>(fb_h) - r.y1, r.x1 - r.x0, r.y1 - r.y0);
}

// The pixels a filled rectangle covers: those whose centres lie inside it, as the rasterizer
// decides for its two triangles.
PixelRect covered_pixels(ImVec2 min, ImVec2 max) {
    const auto first = [](float v) { return static_cast<int>(std::ceil(v - 0.5f)); };
    return {first(min.x), first(min.y), first(max.x), first(max.y)};
}

// Rectangles at least this large (in pixels) are cleared rather than drawn.
constexpr long kClearMinPixels = 2048;

struct OpaqueRect {
    ImVec2 min, max;
    ImU32 color;
};

// The two triangles at `idx` (six indices) as ImGui writes a filled rectangle without rounding
// (PrimRect: corners a, b, c, d as a-b-c, a-c-d), axis-aligned, in one opaque colour, sampling
// the atlas' white pixel. Drawn with blending, such a rectangle replaces the pixels under it:
// a clear of those pixels gives the same result without shading them one by one, which
// software WebGL (SwiftShader) pays dearly for.
std::optional<OpaqueRect> opaque_rect(const ImDrawVert* vtx, const ImDrawIdx* idx, ImVec2 white) {
    if (idx[3] != idx[0] || idx[4] != idx[2]) return std::nullopt;
    const ImDrawVert& a = vtx[idx[0]];
    const ImDrawVert& b = vtx[idx[1]];
    const ImDrawVert& c = vtx[idx[2]];
    const ImDrawVert& d = vtx[idx[5]];
    if ((a.col >> IM_COL32_A_SHIFT & 0xFF) != 0xFF || b.col != a.col || c.col != a.col || d.col != a.col)
        return std::nullopt;
    for (const ImDrawVert* v : {&a, &b, &c, &d})
        if (v->uv.x != white.x || v->uv.y != white.y) return std::nullopt;
    if (!(b.pos.y == a.pos.y && c.pos.x == b.pos.x && d.pos.y == c.pos.y && d.pos.x == a.pos.x)) return std::nullopt;
    if (!(a.pos.x < c.pos.x && a.pos.y < c.pos.y)) return std::nullopt;
    return OpaqueRect{a.pos, c.pos, a.col};
}

void clear_rect(const PixelRect& r, ImU32 color, float fb_h) {
    scissor(r, fb_h);
    const auto channel = [color](int shift) { return static_cast<float>(color >> shift & 0xFF) / 255.0f; };
    glClearColor(channel(IM_COL32_R_SHIFT), channel(IM_COL32_G_SHIFT), channel(IM_COL32_B_SHIFT), 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
}

void sample_smoothly(bool on) {
    Renderer& g = r();
    if (g.smooth == on) return;
    g.smooth = on;
    glBindSampler(0, on ? g.smooth_sampler : 0);
}

void draw_indices(std::size_t first, unsigned count) {
    if (count == 0) return;
    glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(count), kIndexType,
                   reinterpret_cast<const void*>(static_cast<std::uintptr_t>(first * sizeof(ImDrawIdx))));
}

// A 64-bit digest of bytes, eight at a time: enough to tell one frame's picture from the last.
struct Digest {
    std::uint64_t value = 0x243F6A8885A308D3ULL;
    template <typename T>
    void add(const T* data, std::size_t count) {
        const auto* p = reinterpret_cast<const unsigned char*>(data);
        std::size_t n = count * sizeof(T);
        for (; n >= 8; n -= 8, p += 8) {
            std::uint64_t word = 0;
            std::memcpy(&word, p, 8);
            mix(word);
        }
        std::uint64_t rest = 0;
        std::memcpy(&rest, p, n);
        mix(rest ^ (static_cast<std::uint64_t>(n) << 56));
    }
    void mix(std::uint64_t word) {
        value = (value ^ word) * 0x9E3779B97F4A7C15ULL;
        value ^= value >> 29;
    }
};

// The digest of what decides the picture (see Renderer::shown); 0 when a draw callback other
// than the state reset and the sampling markers takes part, whose effect it cannot tell.
std::uint64_t picture_digest(const ImDrawData& dd, int width, int height, const float clear[3], unsigned font_uploads) {
    Digest d;
    const int size[2] = {width, height};
    d.add(size, 2);
    d.add(clear, 3);
    d.add(&font_uploads, 1);
    d.add(&dd.DisplayPos, 1);
    d.add(&dd.FramebufferScale, 1);
    for (int n = 0; n < dd.CmdListsCount; ++n) {
        const ImDrawList* list = dd.CmdLists[n];
        d.add(list->VtxBuffer.Data, static_cast<std::size_t>(list->VtxBuffer.Size));
        d.add(list->IdxBuffer.Data, static_cast<std::size_t>(list->IdxBuffer.Size));
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback && cmd.UserCallback != ImDrawCallback_ResetRenderState &&
                cmd.UserCallback != ui::scaled_drawing_begin && cmd.UserCallback != ui::scaled_drawing_end)
                return 0;
            const ImTextureID texture = cmd.GetTexID();
            d.add(&cmd.UserCallback, 1);
            d.add(&cmd.ClipRect, 1);
            d.add(&texture, 1);
            const unsigned counts[3] = {cmd.VtxOffset, cmd.IdxOffset, cmd.ElemCount};
            d.add(counts, 3);
        }
    }
    return d.value ? d.value : 1;
}

}  // namespace

bool gl_renderer_init() {
    Renderer& g = r();
    const GLuint vs = compile(GL_VERTEX_SHADER, kVertexShader);
    const GLuint fs = compile(GL_FRAGMENT_SHADER, kFragmentShader);
    g.program = glCreateProgram();
    glAttachShader(g.program, vs);
    glAttachShader(g.program, fs);
    glLinkProgram(g.program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint linked = GL_FALSE;
    glGetProgramiv(g.program, GL_LINK_STATUS, &linked);
    if (linked != GL_TRUE) return false;
    g.proj_location = glGetUniformLocation(g.program, "ProjMtx");

    glGenVertexArrays(1, &g.vao);
    glGenBuffers(1, &g.vbo);
    glGenBuffers(1, &g.ibo);
    glBindVertexArray(g.vao);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g.ibo);  // part of the vertex array's state
    glEnableVertexAttribArray(kPosition);
    glEnableVertexAttribArray(kUV);
    glEnableVertexAttribArray(kColor);
    glGenSamplers(1, &g.smooth_sampler);
    glSamplerParameteri(g.smooth_sampler, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glSamplerParameteri(g.smooth_sampler, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glSamplerParameteri(g.smooth_sampler, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glSamplerParameteri(g.smooth_sampler, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    apply_fixed_state();
    glUniform1i(glGetUniformLocation(g.program, "Texture"), 0);

    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "credentials_console_webgl2";
    // Large draw lists come in 64K-vertex parts; each part moves the attribute pointers.
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    return true;
}

void gl_renderer_upload_fonts() {
    Renderer& g = r();
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
    if (!g.font_texture) {
        glGenTextures(1, &g.font_texture);
        glBindTexture(GL_TEXTURE_2D, g.font_texture);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    } else {
        glBindTexture(GL_TEXTURE_2D, g.font_texture);
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    const auto id = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(g.font_texture));
    io.Fonts->SetTexID(id);
    g.bound_texture = id;
    ++g.font_uploads;
}

void gl_renderer_render(int width, int height, const float clear[3]) {
    Renderer& g = r();
    // The frames that follow an input, a response or a tick often draw what is already shown
    // (a hover that did not change, a spinner-less tick): then the canvas is left as it is, which
    // spares the browser the frame's rendering, read-back and compositing.
    const ImDrawData* frame = ImGui::GetDrawData();
    const std::uint64_t picture = frame ? picture_digest(*frame, width, height, clear, g.font_uploads) : 0;
    if (picture != 0 && picture == g.shown) return;
    g.shown = picture;
    glViewport(0, 0, width, height);
    glScissor(0, 0, width, height);  // the clear honours the scissor test
    glClearColor(clear[0], clear[1], clear[2], 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);

    const ImDrawData* dd = ImGui::GetDrawData();
    if (!dd || dd->CmdListsCount == 0) return;
    const float fb_w = dd->DisplaySize.x * dd->FramebufferScale.x;
    const float fb_h = dd->DisplaySize.y * dd->FramebufferScale.y;
    if (fb_w <= 0 || fb_h <= 0) return;

    const float L = dd->DisplayPos.x, R = L + dd->DisplaySize.x;
    const float T = dd->DisplayPos.y, B = T + dd->DisplaySize.y;
    // clang-format off
    const float projection[16] = {
        2.0f / (R - L),    0.0f,              0.0f,  0.0f,
        0.0f,              2.0f / (T - B),    0.0f,  0.0f,
        0.0f,              0.0f,              -1.0f, 0.0f,
        (R + L) / (L - R), (T + B) / (B - T), 0.0f,  1.0f,
    };
    // clang-format on
    glUniformMatrix4fv(g.proj_location, 1, GL_FALSE, projection);

    const auto vtx_total = static_cast<std::size_t>(dd->TotalVtxCount) * sizeof(ImDrawVert);
    const auto idx_total = static_cast<std::size_t>(dd->TotalIdxCount) * sizeof(ImDrawIdx);
    reserve(GL_ARRAY_BUFFER, g.vbo_bytes, vtx_total);
    reserve(GL_ELEMENT_ARRAY_BUFFER, g.ibo_bytes, idx_total);
    std::size_t vtx_at = 0, idx_at = 0;  // in elements
    for (int n = 0; n < dd->CmdListsCount; ++n) {
        const ImDrawList* list = dd->CmdLists[n];
        const auto vtx_count = static_cast<std::size_t>(list->VtxBuffer.Size);
        const auto idx_count = static_cast<std::size_t>(list->IdxBuffer.Size);
        glBufferSubData(GL_ARRAY_BUFFER, static_cast<GLintptr>(vtx_at * sizeof(ImDrawVert)),
                        static_cast<GLsizeiptr>(vtx_count * sizeof(ImDrawVert)), list->VtxBuffer.Data);
        glBufferSubData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLintptr>(idx_at * sizeof(ImDrawIdx)),
                        static_cast<GLsizeiptr>(idx_count * sizeof(ImDrawIdx)), list->IdxBuffer.Data);
        vtx_at += vtx_count;
        idx_at += idx_count;
    }

    const ImVec2 off = dd->DisplayPos, scale = dd->FramebufferScale;
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    const auto to_pixels = [&](ImVec2 p) { return ImVec2((p.x - off.x) * scale.x, (p.y - off.y) * scale.y); };
    vtx_at = idx_at = 0;
    for (int n = 0; n < dd->CmdListsCount; ++n) {
        const ImDrawList* list = dd->CmdLists[n];
        sample_smoothly(false);  // a marker's effect ends with its draw list
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {
                if (cmd.UserCallback == ImDrawCallback_ResetRenderState)
                    apply_fixed_state();
                else if (cmd.UserCallback == ui::scaled_drawing_begin || cmd.UserCallback == ui::scaled_drawing_end)
                    sample_smoothly(cmd.UserCallback == ui::scaled_drawing_begin);
                else
                    cmd.UserCallback(list, &cmd);
                continue;
            }
            if (cmd.ElemCount == 0) continue;
            const float x0 = std::max((cmd.ClipRect.x - off.x) * scale.x, 0.0f);
            const float y0 = std::max((cmd.ClipRect.y - off.y) * scale.y, 0.0f);
            const float x1 = std::min((cmd.ClipRect.z - off.x) * scale.x, fb_w);
            const float y1 = std::min((cmd.ClipRect.w - off.y) * scale.y, fb_h);
            if (x1 <= x0 || y1 <= y0) continue;
            const PixelRect clip{static_cast<int>(x0), static_cast<int>(y0), static_cast<int>(x1),
                                 static_cast<int>(y1)};
            scissor(clip, fb_h);
            const ImTextureID texture = cmd.GetTexID();
            if (texture != g.bound_texture) {
                g.bound_texture = texture;
                glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<std::uintptr_t>(texture)));
            }
            point_attributes_at(vtx_at + cmd.VtxOffset);
            const std::size_t first_index = idx_at + cmd.IdxOffset;
            const ImDrawVert* vtx = list->VtxBuffer.Data + cmd.VtxOffset;
            const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
            // Large opaque rectangles become clears of their pixels; the triangles between them
            // are drawn as before, in order.
            unsigned drawn = 0;
            for (unsigned i = 0; i + 6 <= cmd.ElemCount; i += 3) {
                const auto rect = opaque_rect(vtx, idx + i, white);
                if (!rect) continue;
                const PixelRect px = clip.intersect(covered_pixels(to_pixels(rect->min), to_pixels(rect->max)));
                if (px.area() < kClearMinPixels) continue;
                draw_indices(first_index + drawn, i - drawn);
                clear_rect(px, rect->color, fb_h);
                scissor(clip, fb_h);
                i += 3;  // the rectangle's second triangle
                drawn = i + 3;
            }
            draw_indices(first_index + drawn, cmd.ElemCount - drawn);
        }
        vtx_at += static_cast<std::size_t>(list->VtxBuffer.Size);
        idx_at += static_cast<std::size_t>(list->IdxBuffer.Size);
    }
    // The commands go to the GPU process now rather than when the page composites: it renders
    // the frame while the page finishes its task, instead of after.
    glFlush();
}

}  // namespace cc::web
