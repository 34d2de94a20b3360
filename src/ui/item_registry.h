// The items drawn in the last frame, fed by Dear ImGui's IMGUI_ENABLE_TEST_ENGINE item
// hooks (implemented here, without the separately licensed test engine). The web build
// hands them to browser tests as window.credentialsConsole.items(), so tests click real
// coordinates through ImGui's own hit-testing.
#pragma once

#include <string>
#include <string_view>

namespace cc::ui {

// Installs the hooks on the current ImGui context.
void install_item_registry();
// Coordinates are reported in CSS pixels: ImGui pixels divided by this scale.
void set_item_registry_scale(float pixels_per_css_pixel);
// Registers the last item (e.g. a text cell, which ImGui does not hook) under an id.
void register_last_item(std::string_view id, std::string_view label);
// The last completed frame's items as a JSON array of
// {id, label, x, y, w, h, visible, whole, enabled, checked?}.
std::string items_json();

}  // namespace cc::ui
