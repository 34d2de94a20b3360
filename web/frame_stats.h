// Rolling statistics of what each drawn frame cost, measured around the frame in C++ and read
// by the page (window.credentialsConsole.frameStats()) and the browser benchmark.
#pragma once

#include <string>

namespace cc::web {

// Milliseconds one drawn frame spent in: app actions dispatched during the frame (the Tick
// included), building the UI (ImGui::NewFrame, the views, ImGui::Render), and submitting it
// to WebGL; `total` is the whole frame.
struct FrameCost {
    double total = 0, update = 0, ui = 0, gl = 0;
};

void frame_stats_add(const FrameCost& cost);
// {"frames":N,"total":{"p50":..,"p99":..,"max":..},"update":{..},"ui":{..},"gl":{..}}: N counts
// the frames since the last reset; the percentiles cover the last (at most) 600 of them.
std::string frame_stats_json();
void frame_stats_reset();

}  // namespace cc::web
