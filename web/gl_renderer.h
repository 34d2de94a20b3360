// A minimal WebGL2 renderer for Dear ImGui's draw data. The page owns the whole WebGL
// context, so the GL state (program, vertex array, blending, scissor test) is set once at
// start-up and never read back or restored: a frame costs only its uploads and draws. Reading
// GL state (glGet*) is slow under software WebGL, where every call crosses into the GPU
// process's emulation.
#pragma once

namespace cc::web {

// Compiles the program and creates the vertex array and buffers on the current context.
// Returns false if the shaders do not compile or link.
bool gl_renderer_init();
// Uploads ImGui's font atlas as a texture (replacing the previous one) and hands its id to
// the atlas. Call after the atlas was built or changed, outside a frame.
void gl_renderer_upload_fonts();
// Clears the framebuffer (width x height device pixels) to `clear` and draws
// ImGui::GetDrawData(), unless it would draw exactly what the canvas shows already (then the
// canvas keeps its picture). Large opaque rectangles are cleared rather than drawn; the
// commands are flushed to the GPU process at the end.
void gl_renderer_render(int width, int height, const float clear[3]);

}  // namespace cc::web
