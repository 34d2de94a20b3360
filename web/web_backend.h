// The narrow platform boundary of the browser build: WebGL2 context, canvas sizing at
// devicePixelRatio, DOM input to ImGui, cursors, clipboard, and a frame scheduler that
// only draws when something changed.
#pragma once

#include <functional>

namespace cc::web {

struct BackendCallbacks {
    std::function<void()> frame;                     // build and render one ImGui frame
    std::function<void(float scale)> scale_changed;  // rebuild fonts/style for a new scale
};

bool backend_init(BackendCallbacks callbacks);
void backend_run();                  // never returns (emscripten main loop)
float backend_scale();               // device pixels per CSS pixel
void backend_request_frames(int n);  // keep drawing for at least n frames
// Draw again within `ms` even if nothing else asks for a frame: for animations that need
// no more than a few frames a second (a spinner while the network answers). Every frame
// drawn at display rate costs CPU that, on software-rendered kiosks, the page's own
// network and parsing need.
void backend_request_frame_within(double ms);
void backend_render_draw_data();
void backend_fonts_changed();  // the font atlas was rebuilt: upload its texture again
double wall_clock_ms();
int utc_offset_minutes();

}  // namespace cc::web
