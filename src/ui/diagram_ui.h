// Transient state of one scope tree canvas (the full-page diagram, or the picker embedded in
// the new-credential form): pan and zoom, the search buffer, and the cached tree, layout and
// counts, rebuilt only when the org, the rows, the collapsed nodes or the font size change.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/credential.h"
#include "core/scope_tree_navigation.h"
#include "core/tree_layout.h"

namespace cc::ui {

struct DiagramCache {
    // What the tree was built from: the org (by the app's revision) and the font size.
    bool has_tree = false;
    std::uint64_t org_revision = 0;
    float font_size = 0;
    ScopeLayoutTree tree;               // node sizes in em of the body font
    std::vector<int> subtree;           // nodes per subtree, itself included
    std::vector<std::string> item_ids;  // "node/project/team-a"

    // What the counts were computed from: the rows (by the app's revision).
    bool has_counts = false;
    std::uint64_t rows_revision = 0;
    std::vector<ScopeCredentialCounts> counts;

    // What the layout was made with.
    bool has_layout = false;
    std::vector<int> collapsed;  // sorted node indices
    TreeLayout layout;
};

struct DiagramUi {
    // Layout em -> canvas em (multiples of the font size from the canvas's top-left corner), so
    // the view survives a change of devicePixelRatio or browser zoom.
    ViewTransform view;
    std::uint64_t fitted_serial = static_cast<std::uint64_t>(-1);  // the open the view was made for
    std::uint64_t centred_match_serial = 0;
    float zoom_by = 1.0f;        // requested by the zoom buttons, applied by the canvas
    bool fit_requested = false;  // requested by the Fit button
    float canvas_w_em = 0, canvas_h_em = 0;
    bool pressed = false;  // the left button went down on the canvas: a drag pans
    bool panning = false;

    std::array<char, 128> search{};
    std::string search_synced;  // the app's search text the buffer last showed
    bool refocus_search = false;

    DiagramCache cache;

    // The embedded picker keeps its own navigation (transient: it lives as long as the form
    // does); the full-page diagram's is in the app state. Both use core's navigation model.
    bool picker_started = false;
    ScopeTreeNavigation picker_nav;
};

}  // namespace cc::ui
