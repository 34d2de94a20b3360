// WebGL2 renderer for ImDrawData (see gl_renderer.h). Per frame: viewport, clear, the
// projection, one upload of every draw list's vertices and indices, then per command a
// scissor rectangle and a draw, with texture and vertex-offset changes only when they change.
#include "web/gl_renderer.h"

#include <GLES3/gl3.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>

#include "imgui.h"

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
    Out_Color = Frag_Color * texture(Texture, Frag_UV.st);
}
)";

struct Renderer {
    GLuint program = 0;
    GLint proj_location = -1;
    GLuint vao = 0, vbo = 0, ibo = 0;
    std::size_t vbo_bytes = 0, ibo_bytes = 0;  // allocated sizes (they only grow)
    GLuint font_texture = 0;
    // What is bound now, so that a draw only changes what differs from the previous one.
    ImTextureID bound_texture = nullptr;
    std::size_t vertex_base = SIZE_MAX;  // first vertex the attribute pointers point at
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
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    if (!g.font_texture) {
        glGenTextures(1, &g.font_texture);
        glBindTexture(GL_TEXTURE_2D, g.font_texture);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    } else {
        glBindTexture(GL_TEXTURE_2D, g.font_texture);
    }
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    const auto id = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(g.font_texture));
    io.Fonts->SetTexID(id);
    g.bound_texture = id;
}

void gl_renderer_render(int width, int height, const float clear[3]) {
    Renderer& g = r();
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
    vtx_at = idx_at = 0;
    for (int n = 0; n < dd->CmdListsCount; ++n) {
        const ImDrawList* list = dd->CmdLists[n];
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {
                if (cmd.UserCallback == ImDrawCallback_ResetRenderState)
                    apply_fixed_state();
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
            glScissor(static_cast<GLint>(x0), static_cast<GLint>(fb_h - y1), static_cast<GLsizei>(x1 - x0),
                      static_cast<GLsizei>(y1 - y0));
            const ImTextureID texture = cmd.GetTexID();
            if (texture != g.bound_texture) {
                g.bound_texture = texture;
                glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<std::uintptr_t>(texture)));
            }
            point_attributes_at(vtx_at + cmd.VtxOffset);
            const std::size_t first_index = idx_at + cmd.IdxOffset;
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), kIndexType,
                           reinterpret_cast<const void*>(static_cast<std::uintptr_t>(first_index * sizeof(ImDrawIdx))));
        }
        vtx_at += static_cast<std::size_t>(list->VtxBuffer.Size);
        idx_at += static_cast<std::size_t>(list->IdxBuffer.Size);
    }
}

}  // namespace cc::web
