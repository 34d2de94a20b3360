// What the scope tree diagram shows about each node, as pure functions over the ScopeLayoutTree:
// the marks (the focused node, the nodes that inherit from it, the root path, the others), the
// search (ranked name matches), which subtrees start collapsed in a large organization, and the
// size of each subtree (what a collapsed node hides).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/tree_layout.h"

namespace cc {

// Bit flags per node. Exactly one of Focus / Inherits / Dimmed is set when there is a focus
// node; Path is added on the root -> focus path (both ends included).
enum NodeMark : std::uint8_t {
    kMarkNone = 0,
    kMarkFocus = 1,     // the credential's (or chosen) scope
    kMarkInherits = 2,  // a strict descendant of the focus: a credential there is usable here
    kMarkDimmed = 4,    // neither
    kMarkPath = 8,      // on the path from the root to the focus
};

// One mark set per node; all kMarkNone when `focus` is not a node of the tree.
std::vector<std::uint8_t> node_marks(const ScopeLayoutTree& tree, int focus);

// The nodes whose name contains `text` (case-insensitive), best first: exact names, then
// names starting with the text, then the rest; ties in tree order (pre-order by level and
// OrgData order, i.e. node index). Empty text matches nothing.
std::vector<int> find_scope_nodes(const ScopeLayoutTree& tree, std::string_view text);

// Which nodes start collapsed so that a large organization opens legibly: nothing when the tree
// has at most `budget` nodes; otherwise every node with children except those on the root ->
// focus path (so the focus, its siblings and its children show, the rest as collapsed
// summaries). Sorted node indices.
std::vector<int> default_collapsed(const ScopeLayoutTree& tree, int focus, std::size_t budget = 150);

// Every node with children except the root: the account and its clusters remain.
std::vector<int> all_collapsible(const ScopeLayoutTree& tree);

// Nodes in each node's subtree, itself included.
std::vector<int> subtree_sizes(const ScopeLayoutTree& tree);

// ---- words for a node ----------------------------------------------------------------------
// "highlighted, path": a node's marks in words, as the diagram's items label them: exactly one
// of "highlighted", "inherits", "dimmed" (when there is a focus), then "path", "match",
// "collapsed", "disabled" when they apply.
std::string node_marks_text(std::uint8_t marks, bool match, bool collapsed, bool disabled);

// What a node's tooltip says about it: where it is, its credentials, what a collapsed node
// hides, what the marks mean (for a credential's diagram, or for a chosen scope) and what a
// click does.
struct NodeTooltipFacts {
    ScopeType type = ScopeType::Tenant;
    std::string path;  // "Account / cluster-a / research"
    ScopeCredentialCounts counts;
    bool collapsed = false;
    int hidden_scopes = 0;  // scopes below a collapsed node
    std::uint8_t marks = kMarkNone;
    bool for_credential = true;  // the diagram of a credential (else of a scope)
    bool disabled = false;       // a picker node the user may not choose
    bool picker = false;         // a click chooses the scope (else lists its credentials)
};
std::string node_tooltip_text(const NodeTooltipFacts& f);

// ---- stacked leaves ----------------------------------------------------------------------
// A department with 20 projects side by side is ~250 em wide, so a large organization becomes
// a thin strip. Like an org chart on paper, a node whose children are all leaves, and at least
// `min_children` of them, gets them stacked in columns below it (column by column, in child
// order, at most `max_rows` per column, all as wide as the widest), each column hanging from
// a vertical spine at its left.
struct StackOptions {
    std::size_t min_children = 7;
    std::size_t max_rows = 8;
    float column_gap = 1.5f;  // between a column's boxes and the next column's spine
    float row_gap = 0.8f;
    float spine_inset = 1.0f;  // from a column's spine to its boxes
};

// layout_tree, with the qualifying leaf runs stacked; the stacks are placed as one block each
// (centred under the parent, no overlaps, aligned levels), then split into their boxes. Each
// stacked child gets two connectors: parent -> bus -> its column's spine -> down to the child's
// middle, and spine -> the child's left edge. Everything else is as layout_tree returns it.
TreeLayout layout_stacked(const std::vector<LayoutNode>& nodes, const TreeLayoutOptions& options,
                          const std::vector<int>& collapsed = {}, const StackOptions& stack = {});

}  // namespace cc
