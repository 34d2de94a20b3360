// The narrow platform boundary of the browser build: WebGL2 context (drawn by gl_renderer),
// canvas sizing at devicePixelRatio, DOM input to ImGui, cursors, clipboard, and a frame
// scheduler that only draws when something changed.
#pragma once

#include <functional>

namespace cc::web {

struct BackendCallbacks {
    std::function<void()> frame;                     // build and render one ImGui frame
    std::function<void(float scale)> scale_changed;  // rebuild fonts/style for a new scale
    std::function<bool()> hold_frame;                // true: draw nothing at this animation frame
};

bool backend_init(BackendCallbacks callbacks);
void backend_run();                  // draws on every animation frame from now on (returns at once)
float backend_scale();               // device pixels per CSS pixel
void backend_request_frames(int n);  // keep drawing for at least n frames
// Draw again within `ms` even if nothing else asks for a frame: for animations that need
// no more than a few frames a second (a spinner while the network answers). Every frame
// drawn at display rate costs CPU that, on software-rendered kiosks, the page's own
// network and parsing need.
void backend_request_frame_within(double ms);
// Re-uploads ImGui's font atlas to the GPU after it was rebuilt or glyphs were added, and
// draws again. Call between frames (the atlas is locked from ImGui::NewFrame to Render).
void backend_fonts_changed();
void backend_render_draw_data();  // clears the canvas and draws ImGui::GetDrawData()
// Input that arrived for this frame but waits for the next ImGui frame (ImGui sees at most one
// press or release of each button and key per frame): applies the next part and answers true,
// or answers false when nothing waits. Lets one displayed frame run several ImGui frames.
bool backend_apply_more_input();
double wall_clock_ms();
int utc_offset_minutes();

}  // namespace cc::web
