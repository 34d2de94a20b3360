// Moving around a scope tree: which nodes are collapsed, the name search with its current
// match, and revealing that match (its ancestors open). One model for the full-page diagram
// (kept in the app state) and the scope picker of the new-credential form (kept by the view).
// Nodes are kept as scope nodes (scope_node_only), so they survive a reload of the org.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/credential.h"
#include "core/tree_layout.h"

namespace cc {

struct ScopeTreeNavigation {
    std::vector<ScopeRef> collapsed;  // nodes whose subtree is hidden
    std::string search;
    std::vector<ScopeRef> matches;   // nodes named like `search`, best first
    std::size_t match_index = 0;     // the one shown (Enter goes to the next)
    std::uint64_t match_serial = 0;  // changes on every move to a match: the view centres on it

    const ScopeRef* match() const { return match_index < matches.size() ? &matches[match_index] : nullptr; }
    bool is_collapsed(const ScopeRef& scope) const;
};

// A navigation that opens on `focus`: a large organization starts with the subtrees off the
// root -> focus path collapsed. The match serial carries on from `previous` (a view that
// centred on a match must not take the new open's first match for the old one).
ScopeTreeNavigation open_navigation(const ScopeLayoutTree& tree, const ScopeRef& focus,
                                    const ScopeTreeNavigation& previous = {});
// Collapses the node's subtree, or expands it when collapsed.
void toggle_node(ScopeTreeNavigation& nav, const ScopeRef& node);
// Expands every node, or collapses every node below the clusters.
void set_all_expanded(ScopeTreeNavigation& nav, const ScopeLayoutTree& tree, bool expand);
// A new search text: its matches, the first one revealed. The same text changes nothing.
void search_nodes(ScopeTreeNavigation& nav, const ScopeLayoutTree& tree, std::string_view text);
// The next match (wrapping), revealed.
void next_match(ScopeTreeNavigation& nav, const ScopeLayoutTree& tree);

}  // namespace cc
