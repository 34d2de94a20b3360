// The items drawn in the last frame, fed by Dear ImGui's IMGUI_ENABLE_TEST_ENGINE item
// hooks (implemented here, without the separately licensed test engine). The web build
// hands them to browser tests as window.credentialsConsole.items(), so tests click real
// coordinates through ImGui's own hit-testing.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "imgui_internal.h"

namespace cc::ui {

// Installs the hooks on the current ImGui context.
void install_item_registry();
// Coordinates are reported in CSS pixels: ImGui pixels divided by this scale.
void set_item_registry_scale(float pixels_per_css_pixel);
// Registers the last item (e.g. a text cell, which ImGui does not hook) under an id.
void register_last_item(std::string_view id, std::string_view label);

// What an item means, for screen readers (the page mirrors the items as DOM elements with these
// roles and attributes) and for tests. ARIA names: role "button", "textbox", "gridcell"...
struct Aria {
    std::string_view name;  // "aria-sort", "aria-level", "autocomplete" ...
    std::string value;
};
// Gives the last item (ImGui's or registered) a role, an accessible name when its label is not
// one (an unlabelled text field), and ARIA attributes. Role "none": not mirrored.
void describe_last_item(std::string_view role, std::string_view name = {}, std::initializer_list<Aria> aria = {});
// Items registered until end_group() belong to a group (a grid, a row, a dialog, a tree...),
// whose rectangle is the union of theirs. Groups nest.
void begin_group(std::string_view id, std::string_view role, std::string_view name,
                 std::initializer_list<Aria> aria = {});
void end_group();
// An item with no place on screen (a live region's text), registered under `id`.
void register_offscreen_item(std::string_view id, std::string_view label, std::string_view role,
                             std::initializer_list<Aria> aria = {});

// The last completed frame's items as a JSON array of {id, label, x, y, w, h, visible, whole,
// enabled, checked?, role, name?, parent?, focused?, group?, aria?}; only those whose id starts
// with `id_prefix` (a test waiting for one item reads it without encoding all the others).
std::string items_json(std::string_view id_prefix = {});
// Moves the keyboard focus to the item drawn under `key` in the last frame (a text field starts
// being edited), when it is drawn next: a screen reader moved its cursor there. False when no
// such item can take the focus.
bool request_item_focus(std::string_view key);
// Where the item drawn under `key` was in the last completed frame (ImGui pixels), if it was.
std::optional<ImRect> last_item_rect(std::string_view key);
// The role of the item that had the keyboard focus in the last completed frame ("" if none).
std::string focused_item_role();
// Changes whenever a completed frame's items differ from the frame before's.
std::uint64_t items_revision();
// Changes whenever the keyboard focus moved to another item (or to none) from one completed
// frame to the next.
std::uint64_t focus_revision();

}  // namespace cc::ui
