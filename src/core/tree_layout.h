// Tidy tree layout for the scope tree diagram (Account -> clusters -> departments -> projects):
// a contour-based Reingold-Tilford layout of a generic tree (levels aligned, parents centred over
// their children, no overlaps), the diagram's tree built from an OrgTree with per-node credential
// counts, and the view transforms that fit or centre it. Pure math, no I/O, no ImGui.
#pragma once

#include <array>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/credential.h"
#include "core/org.h"

namespace cc {

// ---- generic tidy tree layout ---------------------------------------------------------------

// One node of the input tree; node 0 is the root. Sizes are in the caller's unit (em).
struct LayoutNode {
    std::vector<int> children;  // in display order; invalid or repeated indices are ignored
    float width = 0;
    float height = 0;
};

struct TreeLayoutOptions {
    float sibling_gap = 1.0f;  // horizontal gap between two children of the same parent
    float subtree_gap = 2.0f;  // horizontal gap between nodes of neighbouring subtrees (cousins)
    float level_gap = 2.0f;    // vertical gap between the lowest node of a level and the next level
};

struct LayoutPoint {
    float x = 0;
    float y = 0;
};

struct LayoutRect {
    float min_x = 0;
    float min_y = 0;
    float max_x = 0;
    float max_y = 0;
    float width() const { return max_x - min_x; }
    float height() const { return max_y - min_y; }
};

struct NodePlacement {
    float x = 0;  // centre
    float y = 0;  // top
    float width = 0;
    float height = 0;
    int depth = -1;        // -1 when hidden
    bool visible = false;  // false below a collapsed node or when not reachable from the root
    LayoutRect rect() const { return {x - width / 2, y, x + width / 2, y + height}; }
};

// An orthogonal polyline from the parent's bottom centre down to the bus of its level, across,
// and down to the child's top centre; 2 points when the child sits right under the parent.
struct Connector {
    int parent = -1;
    int child = -1;
    std::array<LayoutPoint, 4> points{};
    int point_count = 0;
};

struct TreeLayout {
    std::vector<NodePlacement> nodes;   // one per input node
    std::vector<Connector> connectors;  // one per visible parent -> child edge, parents in pre-order
    std::vector<float> level_top;       // y of each depth's nodes
    LayoutRect bounds;                  // of the visible nodes; min_x = min_y = 0
};

// Lays out the tree below node 0. The children of a `collapsed` node are hidden and the node is
// placed as a leaf. Linear in the nodes times the tree height; deterministic.
TreeLayout layout_tree(const std::vector<LayoutNode>& nodes, const TreeLayoutOptions& options,
                       const std::vector<int>& collapsed = {});

// ---- the scope tree of the organization --------------------------------------------------

struct ScopeNodeMetrics {
    float padding = 1.0f;    // added left and right of the name
    float min_width = 4.0f;  // narrow names still get a clickable box
    float height = 2.5f;
};

// Account (node 0) -> clusters -> departments -> projects, in OrgData order. Departments of an
// unknown cluster and projects of an unknown department are left out (they have no place in
// the tree). Parents always have lower indices than their children.
struct ScopeLayoutTree {
    std::vector<LayoutNode> nodes;
    std::vector<ScopeRef> scopes;     // per node, with the parent ids filled in
    std::vector<std::string> labels;  // per node, the scope name
    std::vector<int> parents;         // per node, -1 for the root
    std::vector<int> depths;          // 0 account, 1 cluster, 2 department, 3 project

    // The node of a scope (tenant and system scopes are the root); -1 when it is not in the tree.
    int find_node(const ScopeRef& scope) const;
    // The path root -> node, both included; empty for an invalid index.
    std::vector<int> ancestors(int node) const;
    // The strict descendants of `node` in pre-order: the nodes that inherit a credential
    // defined at `node` (which is usable at `node` itself too).
    std::vector<int> descendants(int node) const;

    std::unordered_map<ClusterId, int> cluster_nodes;
    std::unordered_map<DepartmentId, int> department_nodes;
    std::unordered_map<ProjectId, int> project_nodes;
};

ScopeLayoutTree build_scope_layout_tree(const OrgTree& tree, const std::function<float(std::string_view)>& text_width,
                                        const ScopeNodeMetrics& metrics = {});

// Credentials per node, with OrgTree::inherits semantics.
struct ScopeCredentialCounts {
    int defined = 0;     // defined at this node
    int inherited = 0;   // defined at a strict ancestor, so usable here too
    int in_subtree = 0;  // defined at this node or below (what a collapsed node hides)
    int usable() const { return defined + inherited; }
};

// One pass over the credentials, then one over the nodes. Credentials whose scope is not in the
// tree (find_node == -1) are not counted.
std::vector<ScopeCredentialCounts> credential_counts(const ScopeLayoutTree& tree,
                                                     std::span<const ScopeRef> credential_scopes);
// The same from node indices (find_node of each credential's scope, -1 ignored).
std::vector<ScopeCredentialCounts> credential_counts(const ScopeLayoutTree& tree,
                                                     std::span<const int> credential_nodes);

// ---- view transforms ---------------------------------------------------------------------

// view = layout * zoom + offset. Viewport units are the caller's (pixels, or em with zoom 1 = 1:1).
struct ViewTransform {
    float zoom = 1.0f;
    float offset_x = 0;
    float offset_y = 0;
};

LayoutPoint to_view(const ViewTransform& t, LayoutPoint p);
LayoutPoint to_layout(const ViewTransform& t, LayoutPoint view_point);

// The zoom that shows all of `bounds` with `margin` viewport units around it (clamped to
// [min_zoom, max_zoom]), centred in the viewport.
ViewTransform fit_view(const LayoutRect& bounds, float viewport_width, float viewport_height, float margin = 0,
                       float min_zoom = 0.05f, float max_zoom = 4.0f);
// Puts the layout point `centre` in the middle of the viewport at `zoom`.
ViewTransform centre_view(LayoutPoint centre, float zoom, float viewport_width, float viewport_height);
// Centres a node's box (its middle, not its top).
ViewTransform centre_view_on_node(const TreeLayout& layout, int node, float zoom, float viewport_width,
                                  float viewport_height);
// Changes the zoom keeping the layout point under `view_anchor` (the mouse) where it is.
ViewTransform zoom_view_at(const ViewTransform& t, LayoutPoint view_anchor, float new_zoom);

}  // namespace cc
