// The scope tree diagram: opening it on a credential or a scope (large organizations start
// with the subtrees off the focus path collapsed), collapsing and expanding, the node search
// (which expands the way to its match), and a node click, which filters the table to the
// credentials usable there (TableView::usable_at, mirrored in the URL) and returns to it.
#include <algorithm>

#include "app/update_internal.h"
#include "core/scope_tree_navigation.h"
#include "core/table_view_hash.h"

namespace cc::app {
namespace {

Effects table_view_changed(State& s) {
    query_changed(s);
    s.last_change_was_search = false;
    return {WriteUrlHash{encode_view_hash(s.view), false}};
}

}  // namespace

Effects handle(State& s, DiagramOpened& a) {
    std::optional<ScopeRef> scope = a.scope;
    if (a.credential) {
        const CredentialRow* row = s.row(*a.credential);
        if (!row) return {};
        scope = row->scope;
    }
    if (!scope) return {};
    DiagramState d;
    d.open = true;
    d.credential = a.credential;
    d.focus = scope_node_only(*scope);
    d.nav = open_navigation(s.scope_tree, d.focus, s.diagram.nav);
    d.serial = s.diagram.serial + 1;
    s.diagram = std::move(d);
    return {};
}

Effects handle(State& s, DiagramClosed&) {
    s.diagram.open = false;
    return {};
}

Effects handle(State& s, DiagramNodeToggled& a) {
    toggle_node(s.diagram.nav, a.scope);
    return {};
}

Effects handle(State& s, DiagramAllToggled& a) {
    set_all_expanded(s.diagram.nav, s.scope_tree, a.expand);
    return {};
}

Effects handle(State& s, DiagramSearchChanged& a) {
    search_nodes(s.diagram.nav, s.scope_tree, a.text);
    return {};
}

Effects handle(State& s, DiagramSearchNext&) {
    next_match(s.diagram.nav, s.scope_tree);
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
