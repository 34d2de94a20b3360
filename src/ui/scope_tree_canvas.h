// The drawing surface shared by the full-page scope tree diagram and the embedded scope picker:
// the org chart itself (boxes, connectors, marks, tooltips), pan and zoom, and the view
// controls. Internal to src/ui; the entry points are in views.h.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "app/state.h"
#include "imgui.h"
#include "ui/diagram_ui.h"

namespace cc::ui {

struct CanvasModel {
    const ScopeRef* focus = nullptr;                   // highlighted; its descendants inherit
    const std::vector<ScopeRef>* collapsed = nullptr;  // nodes whose subtree is hidden
    const ScopeRef* match = nullptr;                   // the search match (ringed)
    std::uint64_t fit_serial = 0;                      // a new value resets the view (fit, or the focus centred)
    std::uint64_t match_serial = 0;                    // a new value centres the match
    const PermittedScopes* allowed = nullptr;          // the picker's permitted nodes; others disabled
    bool for_credential = true;                        // the legend speaks of a credential, or of a scope
    bool legend = true;
    const char* suffix = "diagram";  // of the items' ids: "zoom##diagram"
};

struct CanvasEvents {
    std::optional<ScopeRef> clicked;  // a node was clicked (full node, parent ids filled in)
    std::optional<ScopeRef> toggled;  // a node's collapse toggle was clicked
};

// The tree, its counts and its layout for this frame (rebuilt only when their inputs changed).
const DiagramCache& update_diagram_cache(const app::State& state, DiagramUi& ui,
                                         const std::vector<ScopeRef>& collapsed);

// Draws the chart into a child region of `size` (0: the space left) and reports clicks.
void draw_scope_canvas(const app::State& state, DiagramUi& ui, const CanvasModel& model, CanvasEvents& events,
                       ImVec2 size = ImVec2(0, 0));

// Zoom out, the zoom level, zoom in, Fit: items "Zoom out##<suffix>", "zoom##<suffix>" (label
// "85%"), "Zoom in##<suffix>", "Fit##<suffix>". They act on the next canvas frame.
void draw_view_controls(DiagramUi& ui, const char* suffix);

// "node/project/team-a": the test id of a node.
std::string node_item_id(ScopeType type, std::string_view name);

}  // namespace cc::ui
