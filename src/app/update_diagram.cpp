// The scope tree diagram: opening it on a credential or a scope (large organizations start
// with the subtrees off the focus path collapsed), collapsing and expanding, the node search
// (which expands the way to its match), and a node click, which filters the table to the
// credentials usable there (TableView::usable_at, mirrored in the URL) and returns to it.
#include <algorithm>

#include "app/update_internal.h"
#include "core/scope_diagram.h"
#include "core/table_view_hash.h"

namespace cc::app {
namespace {

ScopeLayoutTree structure(const State& s) {
    return build_scope_layout_tree(s.org, nullptr);
}

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
// collapsed), and the view is told to centre on it.
void reveal_match(State& s, const ScopeLayoutTree& tree) {
    DiagramState& d = s.diagram;
    const ScopeRef* m = d.match();
    if (!m) return;
    const std::vector<int> path = tree.ancestors(tree.find_node(*m));
    for (std::size_t i = 0; i + 1 < path.size(); ++i)
        erase_scope(d.collapsed, tree.scopes[static_cast<std::size_t>(path[i])]);
    ++d.match_serial;
}

Effects table_view_changed(State& s) {
    recompute_view(s);
    s.last_change_was_search = false;
    return {WriteUrlHash{encode_view_hash(s.view), false}};
}

}  // namespace

bool DiagramState::is_collapsed(const ScopeRef& scope) const {
    return std::any_of(collapsed.begin(), collapsed.end(),
                       [&](const ScopeRef& r) { return same_scope_node(r, scope); });
}

Effects handle(State& s, DiagramOpened& a) {
    std::optional<ScopeRef> scope = a.scope;
    if (a.credential) {
        const CredentialRow* row = s.row(*a.credential);
        if (!row) return {};
        scope = row->scope;
    }
    if (!scope) return {};
    const ScopeLayoutTree tree = structure(s);
    DiagramState d;
    d.open = true;
    d.credential = a.credential;
    d.focus = scope_node_only(*scope);
    d.collapsed = scopes_of(tree, default_collapsed(tree, tree.find_node(d.focus)));
    d.serial = s.diagram.serial + 1;
    d.match_serial = s.diagram.match_serial;
    s.diagram = std::move(d);
    return {};
}

Effects handle(State& s, DiagramClosed&) {
    s.diagram.open = false;
    return {};
}

Effects handle(State& s, DiagramNodeToggled& a) {
    DiagramState& d = s.diagram;
    const ScopeRef node = scope_node_only(a.scope);
    if (d.is_collapsed(node))
        erase_scope(d.collapsed, node);
    else
        d.collapsed.push_back(node);
    return {};
}

Effects handle(State& s, DiagramAllToggled& a) {
    if (a.expand) {
        s.diagram.collapsed.clear();
        return {};
    }
    const ScopeLayoutTree tree = structure(s);
    s.diagram.collapsed = scopes_of(tree, all_collapsible(tree));
    return {};
}

Effects handle(State& s, DiagramSearchChanged& a) {
    DiagramState& d = s.diagram;
    if (a.text == d.search) return {};
    d.search = a.text;
    const ScopeLayoutTree tree = structure(s);
    d.matches = scopes_of(tree, find_scope_nodes(tree, d.search));
    d.match_index = 0;
    reveal_match(s, tree);
    return {};
}

Effects handle(State& s, DiagramSearchNext&) {
    DiagramState& d = s.diagram;
    if (d.matches.empty()) return {};
    d.match_index = (d.match_index + 1) % d.matches.size();
    reveal_match(s, structure(s));
    return {};
}

Effects handle(State& s, DiagramNodeClicked& a) {
    s.diagram.open = false;
    s.view.usable_at = scope_node_only(a.scope);
    return table_view_changed(s);
}

Effects handle(State& s, UsableAtCleared&) {
    if (!s.view.usable_at) return {};
    s.view.usable_at.reset();
    return table_view_changed(s);
}

}  // namespace cc::app
