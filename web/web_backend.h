// The narrow platform boundary of the browser build: WebGL2 context, canvas sizing at
// devicePixelRatio, DOM input to ImGui, cursors, clipboard, and a frame scheduler that
// only draws when something changed.
#pragma once

#include <functional>

namespace cc::web {

struct BackendCallbacks {
    std::function<void()> frame;                    // build and render one ImGui frame
    std::function<void(float scale)> scale_changed; // rebuild fonts/style for a new scale
};

bool backend_init(BackendCallbacks callbacks);
void backend_run();                 // never returns (emscripten main loop)
float backend_scale();              // device pixels per CSS pixel
void backend_request_frames(int n); // keep drawing for at least n frames
void backend_render_draw_data();
double wall_clock_ms();
int utc_offset_minutes();

}  // namespace cc::web
