// The scope diagram's pure parts: node marks (focus, inherits, dimmed, path), the ranked node
// search, which subtrees start collapsed in a large organization, subtree sizes, the scope
// node identity helpers of org.h, and the stacked-leaves layout (columns under a parent).
#include "core/scope_diagram.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "org_fixtures.h"

using namespace cc;

namespace {

using fixtures::small_org;

// 5 clusters x 10 departments x 20 projects, like --demo-org large.
OrgTree large_org() {
    return fixtures::grid_org(5, 10, 20);
}

int node(const ScopeLayoutTree& t, const std::string& name) {
    const auto it = std::find(t.labels.begin(), t.labels.end(), name);
    REQUIRE(it != t.labels.end());
    return static_cast<int>(it - t.labels.begin());
}

std::vector<std::string> names(const ScopeLayoutTree& t, const std::vector<int>& nodes) {
    std::vector<std::string> out;
    for (int v : nodes) out.push_back(t.labels[static_cast<std::size_t>(v)]);
    return out;
}

}  // namespace

TEST_CASE("node marks: the focus, its descendants inherit, the root path, the rest dimmed") {
    const OrgTree org = small_org();
    const ScopeLayoutTree t = build_scope_layout_tree(org, nullptr);

    const auto m = node_marks(t, node(t, "research"));
    CHECK(m[static_cast<std::size_t>(node(t, "research"))] == (kMarkFocus | kMarkPath));
    CHECK(m[static_cast<std::size_t>(node(t, "team-a"))] == kMarkInherits);
    CHECK(m[static_cast<std::size_t>(node(t, "team-b"))] == kMarkInherits);
    CHECK(m[static_cast<std::size_t>(node(t, "cluster-a"))] == (kMarkDimmed | kMarkPath));
    CHECK(m[0] == (kMarkDimmed | kMarkPath));
    CHECK(m[static_cast<std::size_t>(node(t, "platform"))] == kMarkDimmed);
    CHECK(m[static_cast<std::size_t>(node(t, "team-c"))] == kMarkDimmed);
    CHECK(m[static_cast<std::size_t>(node(t, "cluster-b"))] == kMarkDimmed);

    // The marks agree with OrgTree::inherits for every focus and node.
    for (std::size_t f = 0; f < t.nodes.size(); ++f) {
        const auto marks = node_marks(t, static_cast<int>(f));
        for (std::size_t v = 0; v < t.nodes.size(); ++v) {
            CAPTURE(t.labels[f]);
            CAPTURE(t.labels[v]);
            const bool usable = org.inherits(t.scopes[f], t.scopes[v]);
            CHECK(usable == ((marks[v] & (kMarkFocus | kMarkInherits)) != 0));
            CHECK(((marks[v] & kMarkFocus) != 0) == (v == f));
            // Exactly one of focus / inherits / dimmed.
            const int kinds = ((marks[v] & kMarkFocus) ? 1 : 0) + ((marks[v] & kMarkInherits) ? 1 : 0) +
                              ((marks[v] & kMarkDimmed) ? 1 : 0);
            CHECK(kinds == 1);
            // Path: the node is the focus or one of its ancestors (it can use nothing from there).
            CHECK(((marks[v] & kMarkPath) != 0) == (org.inherits(t.scopes[v], t.scopes[f])));
        }
    }
    CHECK(node_marks(t, -1) == std::vector<std::uint8_t>(t.nodes.size(), kMarkNone));
    CHECK(node_marks(t, 999) == std::vector<std::uint8_t>(t.nodes.size(), kMarkNone));
}

TEST_CASE("node search: case-insensitive, exact names first, then prefixes, then the rest in tree order") {
    const ScopeLayoutTree t = build_scope_layout_tree(small_org(), nullptr);
    CHECK(names(t, find_scope_nodes(t, "TEAM-B")) == std::vector<std::string>{"team-b"});
    CHECK(names(t, find_scope_nodes(t, "team")) == std::vector<std::string>{"team-a", "team-b", "team-c", "team-d"});
    CHECK(names(t, find_scope_nodes(t, "a")) == std::vector<std::string>{"Account", "cluster-a", "research", "platform",
                                                                         "team-a", "team-b", "team-c", "team-d"});
    CHECK(names(t, find_scope_nodes(t, "cluster-a")) == std::vector<std::string>{"cluster-a"});
    CHECK(names(t, find_scope_nodes(t, "ision")) == std::vector<std::string>{"vision"});
    CHECK(find_scope_nodes(t, "").empty());
    CHECK(find_scope_nodes(t, "nothing-like-it").empty());
}

TEST_CASE("default collapsing: small trees open whole, large ones keep only the focus path open") {
    const ScopeLayoutTree small = build_scope_layout_tree(small_org(), nullptr);
    CHECK(default_collapsed(small, node(small, "team-a")).empty());

    const ScopeLayoutTree t = build_scope_layout_tree(large_org(), nullptr);
    REQUIRE(t.nodes.size() == 1 + 5 + 50 + 1000);
    const int focus = node(t, "proj-245");  // cluster 1, department 13
    const auto collapsed = default_collapsed(t, focus);
    CHECK(std::is_sorted(collapsed.begin(), collapsed.end()));
    CHECK(collapsed.size() == 4 + 49);  // every cluster and department but the focus's own
    CHECK_FALSE(std::binary_search(collapsed.begin(), collapsed.end(), node(t, "gpu-1")));
    CHECK_FALSE(std::binary_search(collapsed.begin(), collapsed.end(), node(t, "dept-13")));
    CHECK(std::binary_search(collapsed.begin(), collapsed.end(), node(t, "dept-12")));
    CHECK(std::binary_search(collapsed.begin(), collapsed.end(), node(t, "gpu-0")));
    const TreeLayout l = layout_tree(t.nodes, {}, collapsed);
    const auto shown = std::count_if(l.nodes.begin(), l.nodes.end(), [](const NodePlacement& p) { return p.visible; });
    CHECK(shown == 1 + 5 + 10 + 20);  // legible: the focus's siblings, the path, the summaries
    CHECK(l.nodes[static_cast<std::size_t>(focus)].visible);

    // An account-level focus shows the clusters; everything below is summarized.
    const auto top = default_collapsed(t, 0);
    CHECK(top == all_collapsible(t));
    CHECK(all_collapsible(t).size() == 5 + 50);
}

TEST_CASE("subtree sizes count each node and everything below it") {
    const ScopeLayoutTree t = build_scope_layout_tree(large_org(), nullptr);
    const auto size = subtree_sizes(t);
    CHECK(size[0] == 1056);
    CHECK(size[static_cast<std::size_t>(node(t, "gpu-3"))] == 1 + 10 + 200);
    CHECK(size[static_cast<std::size_t>(node(t, "dept-7"))] == 21);
    CHECK(size[static_cast<std::size_t>(node(t, "proj-999"))] == 1);
}

TEST_CASE("scope nodes compare by their own level and id; parent ids are dropped") {
    const ScopeRef full{ScopeType::Project, ClusterId{"ca"}, DepartmentId{"1"}, ProjectId{1}};
    const ScopeRef bare{ScopeType::Project, {}, {}, ProjectId{1}};
    CHECK(same_scope_node(full, bare));
    CHECK_FALSE(same_scope_node(full, ScopeRef{ScopeType::Project, {}, {}, ProjectId{2}}));
    CHECK_FALSE(same_scope_node(ScopeRef{ScopeType::Department, {}, DepartmentId{"1"}, {}},
                                ScopeRef{ScopeType::Project, {}, DepartmentId{"1"}, ProjectId{1}}));
    CHECK(same_scope_node(ScopeRef{}, ScopeRef{ScopeType::Tenant, ClusterId{"x"}, {}, {}}));
    const ScopeRef only = scope_node_only(full);
    CHECK(only.type == ScopeType::Project);
    CHECK_FALSE(only.cluster_id);
    CHECK_FALSE(only.department_id);
    CHECK(only.project_id == ProjectId{1});
    CHECK(scope_node_only(ScopeRef{ScopeType::Department, ClusterId{"ca"}, DepartmentId{"2"}, {}}).cluster_id ==
          std::nullopt);
}

// ---- stacked leaves ------------------------------------------------------------------------

namespace {

bool overlaps(const NodePlacement& a, const NodePlacement& b) {
    const LayoutRect r = a.rect(), s = b.rect();
    return r.min_x < s.max_x - 1e-3f && s.min_x < r.max_x - 1e-3f && r.min_y < s.max_y - 1e-3f &&
           s.min_y < r.max_y - 1e-3f;
}

int overlapping_pairs(const TreeLayout& l) {
    std::vector<std::size_t> shown;
    for (std::size_t v = 0; v < l.nodes.size(); ++v)
        if (l.nodes[v].visible) shown.push_back(v);
    int bad = 0;
    for (std::size_t i = 0; i < shown.size(); ++i)
        for (std::size_t j = i + 1; j < shown.size(); ++j) bad += overlaps(l.nodes[shown[i]], l.nodes[shown[j]]);
    return bad;
}

bool orthogonal(const Connector& c) {
    for (int i = 1; i < c.point_count; ++i) {
        const auto a = c.points[static_cast<std::size_t>(i - 1)], b = c.points[static_cast<std::size_t>(i)];
        if (std::fabs(a.x - b.x) > 1e-3f && std::fabs(a.y - b.y) > 1e-3f) return false;
    }
    return true;
}

bool inside(const LayoutRect& outer, const LayoutRect& r) {
    return r.min_x >= outer.min_x - 1e-3f && r.max_x <= outer.max_x + 1e-3f && r.min_y >= outer.min_y - 1e-3f &&
           r.max_y <= outer.max_y + 1e-3f;
}

}  // namespace

TEST_CASE("stacked leaves: ten leaves in columns of four, in child order, hanging from spines") {
    std::vector<LayoutNode> nodes(11);
    nodes[0] = LayoutNode{{}, 6, 3};
    for (int k = 1; k <= 10; ++k) {
        nodes[0].children.push_back(k);
        nodes[static_cast<std::size_t>(k)] = LayoutNode{{}, 2.0f + static_cast<float>(k % 4), 3};
    }
    StackOptions so;
    so.max_rows = 4;
    const TreeLayoutOptions o{1, 2, 2};
    const TreeLayout l = layout_stacked(nodes, o, {}, so);
    // 3 columns of 4, 4, 2 boxes, all 5 wide (the widest), rows 3 + 0.8 apart.
    const NodePlacement& root = l.nodes[0];
    const float col0 = l.nodes[1].x;
    for (int k = 1; k <= 10; ++k) {
        const NodePlacement& p = l.nodes[static_cast<std::size_t>(k)];
        CAPTURE(k);
        CHECK(p.visible);
        CHECK(p.depth == 1);
        CHECK(p.width == doctest::Approx(5));
        const int col = (k - 1) / 4, row = (k - 1) % 4;
        CHECK(p.x == doctest::Approx(col0 + static_cast<float>(col) * (so.spine_inset + 5 + so.column_gap)));
        CHECK(p.y == doctest::Approx(l.level_top[1] + static_cast<float>(row) * (3 + so.row_gap)));
    }
    CHECK(l.level_top[1] == doctest::Approx(3 + 2));
    // The parent is centred over its stack, spines included.
    const float stack_left = l.nodes[1].x - 2.5f - so.spine_inset;
    const float stack_right = l.nodes[9].x + 2.5f;
    CHECK(root.x == doctest::Approx((stack_left + stack_right) / 2));
    CHECK(overlapping_pairs(l) == 0);
    for (const NodePlacement& p : l.nodes) CHECK(inside(l.bounds, p.rect()));

    // Two orthogonal connectors per child: down the spine to its middle, then into its left edge.
    REQUIRE(l.connectors.size() == 20);
    for (int k = 1; k <= 10; ++k) {
        std::vector<Connector> mine;
        for (const Connector& c : l.connectors)
            if (c.child == k) mine.push_back(c);
        REQUIRE(mine.size() == 2);
        const NodePlacement& p = l.nodes[static_cast<std::size_t>(k)];
        const Connector& down = mine[0].point_count == 4 ? mine[0] : mine[1];
        const Connector& tick = mine[0].point_count == 4 ? mine[1] : mine[0];
        CHECK(down.parent == 0);
        CHECK(orthogonal(down));
        CHECK(orthogonal(tick));
        CHECK(down.points[0].x == doctest::Approx(root.x));
        CHECK(down.points[0].y == doctest::Approx(root.y + root.height));
        CHECK(down.points[3].y == doctest::Approx(p.y + p.height / 2));
        CHECK(tick.point_count == 2);
        CHECK(tick.points[0].x == doctest::Approx(down.points[3].x));
        CHECK(tick.points[1].x == doctest::Approx(p.x - p.width / 2));
        CHECK(tick.points[1].y == doctest::Approx(p.y + p.height / 2));
        CHECK(down.points[1].y > root.y + root.height);  // the bus lies between the levels
        CHECK(down.points[1].y < l.level_top[1]);
    }
}

TEST_CASE("stacked leaves: few children, mixed children and collapsed parents keep the plain layout") {
    std::vector<LayoutNode> few(4);
    few[0] = LayoutNode{{1, 2, 3}, 4, 3};
    for (int k = 1; k <= 3; ++k) few[static_cast<std::size_t>(k)] = LayoutNode{{}, 4, 3};
    const TreeLayout a = layout_stacked(few, {}), b = layout_tree(few, {});
    for (std::size_t v = 0; v < few.size(); ++v) {
        CHECK(a.nodes[v].x == doctest::Approx(b.nodes[v].x));
        CHECK(a.nodes[v].y == doctest::Approx(b.nodes[v].y));
    }

    std::vector<LayoutNode> mixed(10);
    mixed[0] = LayoutNode{{1, 2, 3, 4, 5, 6, 7, 8}, 4, 3};
    for (std::size_t k = 1; k < 10; ++k) mixed[k] = LayoutNode{{}, 4, 3};
    mixed[8].children = {9};  // one child has a child: nothing is stacked under the root
    const TreeLayout m = layout_stacked(mixed, {});
    for (int k = 2; k <= 8; ++k) CHECK(m.nodes[static_cast<std::size_t>(k)].y == doctest::Approx(m.nodes[1].y));
    CHECK(m.nodes[1].x < m.nodes[2].x);

    std::vector<LayoutNode> many(10);
    many[0] = LayoutNode{{1}, 4, 3};
    many[1] = LayoutNode{{2, 3, 4, 5, 6, 7, 8, 9}, 4, 3};
    for (std::size_t k = 2; k < 10; ++k) many[k] = LayoutNode{{}, 4, 3};
    const TreeLayout c = layout_stacked(many, {}, {1});
    CHECK(c.nodes[1].visible);
    for (std::size_t k = 2; k < 10; ++k) CHECK_FALSE(c.nodes[k].visible);
    CHECK(c.connectors.size() == 1);
    const TreeLayout hidden = layout_stacked(many, {}, {0});  // stacked parent below a collapsed node
    for (std::size_t k = 1; k < 10; ++k) CHECK_FALSE(hidden.nodes[k].visible);
}

TEST_CASE("stacked leaves: the 1,056-node organization gets far narrower, without overlaps") {
    const ScopeLayoutTree t = build_scope_layout_tree(
        large_org(), [](std::string_view s) { return 0.55f * static_cast<float>(s.size()) + 3.0f; });
    const TreeLayoutOptions o{1.0f, 2.0f, 2.6f};
    const auto t0 = std::chrono::steady_clock::now();
    const TreeLayout stacked = layout_stacked(t.nodes, o);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    const TreeLayout flat = layout_tree(t.nodes, o);
    MESSAGE("stacked layout of 1,056 nodes: " << ms << " ms; width " << stacked.bounds.width() << " em instead of "
                                              << flat.bounds.width());
    CHECK(stacked.bounds.width() < flat.bounds.width() / 4);
    CHECK(overlapping_pairs(stacked) == 0);
    for (std::size_t v = 0; v < t.nodes.size(); ++v) {
        const NodePlacement& p = stacked.nodes[v];
        CAPTURE(t.labels[v]);
        REQUIRE(p.visible);
        CHECK(p.depth == t.depths[v]);
        CHECK(inside(stacked.bounds, p.rect()));
        CHECK(p.y >= stacked.level_top[static_cast<std::size_t>(p.depth)] - 1e-3f);
    }
    for (const Connector& c : stacked.connectors) CHECK(orthogonal(c));
    // Deterministic.
    const TreeLayout again = layout_stacked(t.nodes, o);
    for (std::size_t v = 0; v < t.nodes.size(); ++v) CHECK(again.nodes[v].x == stacked.nodes[v].x);

    // The default view of a project: the focus's siblings stacked, the rest summarized.
    const int focus = node(t, "proj-245");
    const TreeLayout opened = layout_stacked(t.nodes, o, default_collapsed(t, focus));
    CHECK(overlapping_pairs(opened) == 0);
    CHECK(opened.bounds.width() < 200.0f);
}

TEST_CASE("node words: the marks in the items' label order") {
    CHECK(node_marks_text(kMarkFocus | kMarkPath, false, false, false) == "highlighted, path");
    CHECK(node_marks_text(kMarkDimmed | kMarkPath, true, true, false) == "dimmed, path, match, collapsed");
    CHECK(node_marks_text(kMarkInherits, false, false, true) == "inherits, disabled");
    CHECK(node_marks_text(kMarkNone, false, false, false).empty());
}

TEST_CASE("node tooltip: where, how many credentials, what a collapsed node hides, what the marks and a click mean") {
    NodeTooltipFacts f;
    f.type = ScopeType::Department;
    f.path = "Account / cluster-a / research";
    f.counts = ScopeCredentialCounts{1, 2, 5};
    f.marks = kMarkInherits;
    const std::string open = node_tooltip_text(f);
    CHECK(open ==
          "Department  \xC2\xB7  Account / cluster-a / research\n\n"
          "1 credential defined here\n2 credentials inherited from above\n3 usable here in all\n\n"
          "Inherits the credential: it can be used here.\n\nClick to list the credentials usable here.");

    f.collapsed = true;
    f.hidden_scopes = 1;
    f.for_credential = false;
    f.marks = kMarkFocus;
    f.picker = true;
    const std::string folded = node_tooltip_text(f);
    CHECK(folded.find("1 scope hidden below, with 4 credentials") != std::string::npos);
    CHECK(folded.find("The selected scope.") != std::string::npos);
    CHECK(folded.find("Click to choose this scope.") != std::string::npos);

    f.disabled = true;
    f.marks = kMarkDimmed;
    const std::string disabled = node_tooltip_text(f);
    CHECK(disabled.find("You may not create credentials in this scope.") != std::string::npos);
    CHECK(disabled.find("Click") == std::string::npos);
    CHECK(disabled.find("cannot be used") == std::string::npos);  // said of a credential's diagram only
}
