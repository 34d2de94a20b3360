// The scope tree's navigation model, shared by the diagram and the form's picker: opening on a
// focus, toggling, collapsing and expanding everything, the search with its next match, and
// revealing a match (its ancestors open, the match itself left as it is).
#include "core/scope_tree_navigation.h"

#include <doctest/doctest.h>

#include <string>

#include "org_fixtures.h"

using namespace cc;

namespace {

ScopeLayoutTree small_tree() {
    return build_scope_layout_tree(fixtures::small_org(), nullptr);
}

// 4 clusters x 10 departments x 10 projects: past the budget, so it opens folded.
ScopeLayoutTree large_tree() {
    return build_scope_layout_tree(fixtures::grid_org(4, 10, 10), nullptr);
}

ScopeRef department(const char* id) {
    return ScopeRef{ScopeType::Department, {}, DepartmentId{id}, {}};
}
ScopeRef cluster(const char* id) {
    return ScopeRef{ScopeType::Cluster, ClusterId{id}, {}, {}};
}
ScopeRef project(std::int64_t id) {
    return ScopeRef{ScopeType::Project, {}, {}, ProjectId{id}};
}

}  // namespace

TEST_CASE("navigation: a small tree opens whole; a toggle collapses a node and a second one opens it") {
    const ScopeLayoutTree tree = small_tree();
    ScopeTreeNavigation nav = open_navigation(tree, project(1));
    CHECK(nav.collapsed.empty());
    toggle_node(nav, ScopeRef{ScopeType::Department, ClusterId{"ca"}, DepartmentId{"1"}, {}});
    CHECK(nav.is_collapsed(department("1")));  // kept as the node alone: found without its parents
    CHECK(nav.collapsed.size() == 1);
    toggle_node(nav, department("1"));
    CHECK(nav.collapsed.empty());
}

TEST_CASE("navigation: a large tree opens with the way to the focus open; collapse all keeps the clusters") {
    const ScopeLayoutTree tree = large_tree();
    ScopeTreeNavigation nav = open_navigation(tree, project(155));  // cluster c1, department 16
    CHECK_FALSE(nav.is_collapsed(cluster("c1")));
    CHECK_FALSE(nav.is_collapsed(department("16")));
    CHECK(nav.is_collapsed(department("15")));
    CHECK(nav.is_collapsed(cluster("c0")));
    set_all_expanded(nav, tree, false);
    CHECK(nav.collapsed.size() == 4 + 40);  // every cluster and department
    set_all_expanded(nav, tree, true);
    CHECK(nav.collapsed.empty());
}

TEST_CASE("navigation: a search reveals its best match, Enter goes to the next, and the serial moves each time") {
    const ScopeLayoutTree tree = large_tree();
    ScopeTreeNavigation nav = open_navigation(tree, project(1));
    set_all_expanded(nav, tree, false);
    const auto serial = nav.match_serial;

    search_nodes(nav, tree, "proj-377");
    REQUIRE(nav.match());
    CHECK(same_scope_node(*nav.match(), project(377)));
    CHECK(nav.match_serial == serial + 1);
    CHECK_FALSE(nav.is_collapsed(cluster("c3")));  // the way to it opens ...
    CHECK_FALSE(nav.is_collapsed(department("38")));
    CHECK(nav.is_collapsed(department("37")));  // ... and nothing else
    CHECK(nav.is_collapsed(cluster("c2")));

    search_nodes(nav, tree, "proj-377");  // the same text: no move
    CHECK(nav.match_serial == serial + 1);

    search_nodes(nav, tree, "dept-1");  // dept-1 exactly, then dept-10 ... dept-19
    REQUIRE(nav.matches.size() == 11);
    CHECK(same_scope_node(*nav.match(), department("1")));
    next_match(nav, tree);
    CHECK(same_scope_node(*nav.match(), department("10")));
    for (int i = 0; i < 10; ++i) next_match(nav, tree);
    CHECK(same_scope_node(*nav.match(), department("1")));  // wraps around
    CHECK(nav.match_serial == serial + 13);

    search_nodes(nav, tree, "nothing-like-it");
    CHECK_FALSE(nav.match());
    next_match(nav, tree);  // nothing to go to
    CHECK(nav.match_serial == serial + 13);
}

TEST_CASE("navigation: a new open starts from the focus, keeping the match serial moving forward") {
    const ScopeLayoutTree tree = small_tree();
    ScopeTreeNavigation nav = open_navigation(tree, project(1));
    search_nodes(nav, tree, "team");
    const auto serial = nav.match_serial;
    const ScopeTreeNavigation reopened = open_navigation(tree, project(4), nav);
    CHECK(reopened.search.empty());
    CHECK(reopened.matches.empty());
    CHECK(reopened.match_serial == serial);
}
