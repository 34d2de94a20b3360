// The scope tree's navigation model: collapsing, searching and revealing matches, as pure
// functions of the tree's structure.
#include "core/scope_tree_navigation.h"

#include <algorithm>

#include "core/scope_diagram.h"

namespace cc {
namespace {

std::vector<ScopeRef> scopes_of(const ScopeLayoutTree& tree, const std::vector<int>& nodes) {
    std::vector<ScopeRef> out;
    out.reserve(nodes.size());
    for (int v : nodes) out.push_back(scope_node_only(tree.scopes[static_cast<std::size_t>(v)]));
    return out;
}

void erase_scope(std::vector<ScopeRef>& list, const ScopeRef& scope) {
    list.erase(std::remove_if(list.begin(), list.end(), [&](const ScopeRef& r) { return same_scope_node(r, scope); }),
               list.end());
}

// Makes the current match visible: its ancestors are expanded (the match itself may stay
// collapsed), and the serial tells the view to centre on it.
void reveal_match(ScopeTreeNavigation& nav, const ScopeLayoutTree& tree) {
    const ScopeRef* m = nav.match();
    if (!m) return;
    const std::vector<int> path = tree.ancestors(tree.find_node(*m));
    for (std::size_t i = 0; i + 1 < path.size(); ++i)
        erase_scope(nav.collapsed, tree.scopes[static_cast<std::size_t>(path[i])]);
    ++nav.match_serial;
}

}  // namespace

bool ScopeTreeNavigation::is_collapsed(const ScopeRef& scope) const {
    return std::any_of(collapsed.begin(), collapsed.end(),
                       [&](const ScopeRef& r) { return same_scope_node(r, scope); });
}

ScopeTreeNavigation open_navigation(const ScopeLayoutTree& tree, const ScopeRef& focus,
                                    const ScopeTreeNavigation& previous) {
    ScopeTreeNavigation nav;
    nav.collapsed = scopes_of(tree, default_collapsed(tree, tree.find_node(focus)));
    nav.match_serial = previous.match_serial;
    return nav;
}

void toggle_node(ScopeTreeNavigation& nav, const ScopeRef& node) {
    const ScopeRef only = scope_node_only(node);
    if (nav.is_collapsed(only))
        erase_scope(nav.collapsed, only);
    else
        nav.collapsed.push_back(only);
}

void set_all_expanded(ScopeTreeNavigation& nav, const ScopeLayoutTree& tree, bool expand) {
    if (expand)
        nav.collapsed.clear();
    else
        nav.collapsed = scopes_of(tree, all_collapsible(tree));
}

void search_nodes(ScopeTreeNavigation& nav, const ScopeLayoutTree& tree, std::string_view text) {
    if (text == nav.search) return;
    nav.search = std::string(text);
    nav.matches = scopes_of(tree, find_scope_nodes(tree, nav.search));
    nav.match_index = 0;
    reveal_match(nav, tree);
}

void next_match(ScopeTreeNavigation& nav, const ScopeLayoutTree& tree) {
    if (nav.matches.empty()) return;
    nav.match_index = (nav.match_index + 1) % nav.matches.size();
    reveal_match(nav, tree);
}

}  // namespace cc
