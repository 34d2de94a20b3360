// The tidy tree layout of the scope diagram: exact positions of small trees, the layout
// invariants (no overlaps, centred parents, aligned levels, stable order, orthogonal
// connectors) on a 1,056-node organization, collapsing, the OrgTree helpers and the counts
// (cross-checked against OrgTree::inherits), and the fit/centre view transforms.
#include "core/tree_layout.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>
#include <string>

using namespace cc;

namespace {

constexpr float kEps = 1e-3f;

bool near(float a, float b) {
    return std::fabs(a - b) <= kEps;
}

LayoutNode box(float w, std::vector<int> children = {}, float h = 1.0f) {
    return LayoutNode{std::move(children), w, h};
}

std::vector<int> parents_of(const std::vector<LayoutNode>& nodes) {
    std::vector<int> parent(nodes.size(), -1);
    for (std::size_t v = 0; v < nodes.size(); ++v)
        for (int c : nodes[v].children) parent[static_cast<std::size_t>(c)] = static_cast<int>(v);
    return parent;
}

// Every property the diagram relies on, for the visible part of a layout. Violations are
// collected so a broken layout of 1,000 nodes reports its first problem, not a thousand.
void check_invariants(const std::vector<LayoutNode>& nodes, const TreeLayout& l, const TreeLayoutOptions& o) {
    REQUIRE(l.nodes.size() == nodes.size());
    const auto parent = parents_of(nodes);
    std::ostringstream problems;
    int bad = 0;
    auto fail = [&](const std::string& what) {
        if (bad++ < 5) problems << what << "\n";
    };

    // Levels: one y per depth, increasing by the tallest node of the level above plus the gap.
    int max_depth = -1;
    std::vector<std::vector<int>> by_depth;
    for (std::size_t v = 0; v < nodes.size(); ++v) {
        const NodePlacement& p = l.nodes[v];
        if (!p.visible) continue;
        max_depth = std::max(max_depth, p.depth);
        if (static_cast<std::size_t>(p.depth) >= by_depth.size())
            by_depth.resize(static_cast<std::size_t>(p.depth) + 1);
        by_depth[static_cast<std::size_t>(p.depth)].push_back(static_cast<int>(v));
        if (!near(p.y, l.level_top[static_cast<std::size_t>(p.depth)]))
            fail("node " + std::to_string(v) + " off its level");
        if (p.x - p.width / 2 < l.bounds.min_x - kEps || p.x + p.width / 2 > l.bounds.max_x + kEps ||
            p.y + p.height > l.bounds.max_y + kEps)
            fail("node " + std::to_string(v) + " outside the bounds");
    }
    CHECK(l.level_top.size() == static_cast<std::size_t>(max_depth + 1));
    for (std::size_t d = 1; d < by_depth.size(); ++d) {
        float tallest = 0;
        for (int v : by_depth[d - 1]) tallest = std::max(tallest, l.nodes[static_cast<std::size_t>(v)].height);
        CHECK(l.level_top[d] == doctest::Approx(l.level_top[d - 1] + tallest + o.level_gap));
    }

    // No overlaps: sorted by x, each node ends (plus the gap it owes its neighbour) before the next starts.
    for (auto& level : by_depth) {
        std::sort(level.begin(), level.end(), [&](int a, int b) {
            return l.nodes[static_cast<std::size_t>(a)].x < l.nodes[static_cast<std::size_t>(b)].x;
        });
        for (std::size_t i = 1; i < level.size(); ++i) {
            const auto a = static_cast<std::size_t>(level[i - 1]);
            const auto b = static_cast<std::size_t>(level[i]);
            const float gap = parent[a] == parent[b] ? o.sibling_gap : o.subtree_gap;
            const float right = l.nodes[a].x + l.nodes[a].width / 2;
            const float left = l.nodes[b].x - l.nodes[b].width / 2;
            if (right + gap > left + kEps)
                fail("nodes " + std::to_string(a) + " and " + std::to_string(b) + " overlap: " + std::to_string(right) +
                     " + " + std::to_string(gap) + " > " + std::to_string(left));
        }
    }

    // Parents centred over their first and last visible child; children in input order.
    std::size_t visible_edges = 0;
    for (std::size_t v = 0; v < nodes.size(); ++v) {
        if (!l.nodes[v].visible) continue;
        std::vector<int> kids;
        for (int c : nodes[v].children)
            if (l.nodes[static_cast<std::size_t>(c)].visible) kids.push_back(c);
        visible_edges += kids.size();
        if (kids.empty()) continue;
        const float first = l.nodes[static_cast<std::size_t>(kids.front())].x;
        const float last = l.nodes[static_cast<std::size_t>(kids.back())].x;
        if (!near(l.nodes[v].x, (first + last) / 2)) fail("node " + std::to_string(v) + " not centred");
        for (std::size_t i = 1; i < kids.size(); ++i)
            if (!(l.nodes[static_cast<std::size_t>(kids[i - 1])].x < l.nodes[static_cast<std::size_t>(kids[i])].x))
                fail("children of " + std::to_string(v) + " out of order");
    }

    // Connectors: parent bottom centre -> child top centre, axis-aligned segments only.
    CHECK(l.connectors.size() == visible_edges);
    for (const Connector& c : l.connectors) {
        const NodePlacement& p = l.nodes[static_cast<std::size_t>(c.parent)];
        const NodePlacement& k = l.nodes[static_cast<std::size_t>(c.child)];
        if (parent[static_cast<std::size_t>(c.child)] != c.parent) fail("connector between non-relatives");
        if (c.point_count != 2 && c.point_count != 4)
            fail("connector with " + std::to_string(c.point_count) + " points");
        const LayoutPoint a = c.points[0];
        const LayoutPoint z = c.points[static_cast<std::size_t>(std::max(1, c.point_count) - 1)];
        if (!near(a.x, p.x) || !near(a.y, p.y + p.height))
            fail("connector does not start at the parent's bottom centre");
        if (!near(z.x, k.x) || !near(z.y, k.y)) fail("connector does not end at the child's top centre");
        for (int i = 1; i < c.point_count; ++i) {
            const LayoutPoint s = c.points[static_cast<std::size_t>(i - 1)];
            const LayoutPoint e = c.points[static_cast<std::size_t>(i)];
            if (!near(s.x, e.x) && !near(s.y, e.y)) fail("diagonal connector segment");
        }
        for (int i = 0; i < c.point_count; ++i) {
            const float y = c.points[static_cast<std::size_t>(i)].y;
            if (y < p.y + p.height - kEps || y > k.y + kEps) fail("connector leaves the gap between levels");
        }
        if (c.point_count == 4 && !(c.points[1].y > p.y + p.height && c.points[1].y < k.y))
            fail("bus not between levels");
    }
    CHECK_MESSAGE(bad == 0, problems.str());
}

std::string two_digits(int n) {
    return (n < 10 ? "0" : "") + std::to_string(n);
}

// 5 clusters x 10 departments x 20 projects, names of varying length.
OrgTree large_org() {
    OrgData d;
    d.account_name = "Demo account";
    const char* clusters[] = {"gpu-east", "gpu-west", "gpu-central", "gpu-north", "gpu-south"};
    std::int64_t project = 1;
    int department = 1;
    for (int c = 0; c < 5; ++c) {
        const ClusterId cid{"cluster-" + std::to_string(c)};
        d.clusters.push_back(Cluster{cid, clusters[c], 1001, "", {}, {}, "Connected"});
        for (int k = 0; k < 10; ++k, ++department) {
            const DepartmentId did{std::to_string(department)};
            const std::string dname =
                "dept-" + two_digits(department) + std::string(static_cast<std::size_t>(k % 3), 'x');
            d.departments.push_back(Department{did, dname, cid, "", "", ""});
            for (int p = 0; p < 20; ++p, ++project) {
                const std::string pname =
                    dname + "-p" + std::to_string(p) + std::string(static_cast<std::size_t>(p % 4), 'y');
                d.projects.push_back(Project{ProjectId{project}, pname, cid, did, dname, "runai-" + pname, "", "", ""});
            }
        }
    }
    return OrgTree(std::move(d));
}

float fixed_width(std::string_view s) {
    return 0.5f * static_cast<float>(s.size());
}

ScopeRef tenant() {
    return ScopeRef{ScopeType::Tenant, {}, {}, {}};
}
ScopeRef cluster(const std::string& c) {
    return ScopeRef{ScopeType::Cluster, ClusterId{c}, {}, {}};
}
ScopeRef dept(const std::string& id) {
    return ScopeRef{ScopeType::Department, {}, DepartmentId{id}, {}};
}
ScopeRef project(std::int64_t id) {
    return ScopeRef{ScopeType::Project, {}, {}, ProjectId{id}};
}

}  // namespace

TEST_CASE("tree layout: exact positions of a root with three leaves") {
    const std::vector<LayoutNode> nodes = {box(4, {1, 2, 3}, 2), box(2), box(2), box(2)};
    const TreeLayoutOptions o{1.0f, 2.0f, 3.0f};
    const TreeLayout l = layout_tree(nodes, o);
    // Leaves packed at sibling_gap: 2 wide + 1 gap -> centres 3 apart, the first edge at 0.
    CHECK(l.nodes[1].x == doctest::Approx(1));
    CHECK(l.nodes[2].x == doctest::Approx(4));
    CHECK(l.nodes[3].x == doctest::Approx(7));
    CHECK(l.nodes[0].x == doctest::Approx(4));
    CHECK(l.nodes[0].y == doctest::Approx(0));
    CHECK(l.nodes[1].y == doctest::Approx(5));  // root height 2 + level gap 3
    CHECK(l.bounds.width() == doctest::Approx(8));
    CHECK(l.bounds.height() == doctest::Approx(6));
    REQUIRE(l.connectors.size() == 3);
    // The middle leaf sits right under the root: a straight line.
    CHECK(l.connectors[1].point_count == 2);
    REQUIRE(l.connectors[0].point_count == 4);
    CHECK(l.connectors[0].points[1].y == doctest::Approx(3.5f));  // bus in the middle of the gap
    CHECK(l.connectors[0].points[2].x == doctest::Approx(1));
    check_invariants(nodes, l, o);
}

TEST_CASE("tree layout: a wide parent over narrow children, and an empty tree") {
    const std::vector<LayoutNode> nodes = {box(10, {1, 2}), box(1), box(1)};
    const TreeLayout l = layout_tree(nodes, TreeLayoutOptions{});
    CHECK(l.nodes[0].x == doctest::Approx(5));
    CHECK(l.nodes[1].x == doctest::Approx(4));  // 1 wide, sibling gap 1: centres 2 apart around 5
    CHECK(l.nodes[2].x == doctest::Approx(6));
    CHECK(l.bounds.width() == doctest::Approx(10));
    check_invariants(nodes, l, TreeLayoutOptions{});

    const TreeLayout empty = layout_tree({}, TreeLayoutOptions{});
    CHECK(empty.nodes.empty());
    CHECK(empty.connectors.empty());
    CHECK(empty.bounds.width() == 0);
}

TEST_CASE("tree layout: contours let a subtree tuck under a childless neighbour") {
    // 0 -> A (wide leaf), B (narrow, with two wide children). Bounding boxes would push B right
    // of A by B's children; contours only need A and B apart at their own level.
    const std::vector<LayoutNode> nodes = {box(2, {1, 2}), box(8), box(2, {3, 4}), box(6), box(6)};
    const TreeLayoutOptions o{1.0f, 2.0f, 1.0f};
    const TreeLayout l = layout_tree(nodes, o);
    CHECK(l.nodes[2].x - l.nodes[1].x == doctest::Approx(4 + 1 + 1));
    CHECK(l.nodes[4].x - l.nodes[3].x == doctest::Approx(6 + 1));
    // B's first child reaches left under A.
    CHECK(l.nodes[3].x - 3 < l.nodes[1].x + 4);
    CHECK(l.nodes[0].x == doctest::Approx((l.nodes[1].x + l.nodes[2].x) / 2));
    check_invariants(nodes, l, o);
}

TEST_CASE("tree layout: cousins keep subtree_gap, deeper levels are compared too") {
    // 0 -> A -> (a1, a2), B -> (b1, b2): A and B are pushed apart by their children.
    const std::vector<LayoutNode> nodes = {box(1, {1, 2}), box(1, {3, 4}), box(1, {5, 6}), box(3),
                                           box(3),         box(3),         box(3)};
    const TreeLayoutOptions o{1.0f, 2.5f, 1.0f};
    const TreeLayout l = layout_tree(nodes, o);
    CHECK(l.nodes[5].x - l.nodes[4].x == doctest::Approx(3 + 2.5f));  // a2 | b1: the subtree gap
    CHECK(l.nodes[4].x - l.nodes[3].x == doctest::Approx(3 + 1));     // siblings: the sibling gap
    CHECK(l.nodes[2].x - l.nodes[1].x == doctest::Approx(4 + 5.5f));  // centred parents follow
    check_invariants(nodes, l, o);
}

TEST_CASE("tree layout: a small subtree between two big ones is spread, not packed left") {
    // 0 -> D1 (two wide children), L (leaf), D2 (two wide children).
    const std::vector<LayoutNode> nodes = {
        box(1, {1, 2, 3}), box(1, {4, 5}), box(1), box(1, {6, 7}), box(5), box(5), box(5), box(5)};
    const TreeLayoutOptions o{1.0f, 1.0f, 1.0f};
    const TreeLayout l = layout_tree(nodes, o);
    CHECK(l.nodes[2].x == doctest::Approx((l.nodes[1].x + l.nodes[3].x) / 2));
    CHECK(l.nodes[0].x == doctest::Approx(l.nodes[2].x));
    CHECK(l.nodes[6].x - l.nodes[5].x == doctest::Approx(6));  // D2's children still tight against D1's
    check_invariants(nodes, l, o);
}

TEST_CASE("tree layout: spreading never pushes a small subtree into its right neighbour") {
    // 0 -> D (grandchild 60 wide), A (leaf), B (child 24 wide), E (child 68, grandchild 60).
    // E is held off by D's grandchild; B's child leaves B only 0.5 of room towards E, so A,
    // which alone could move 15, may move no further than B does.
    const std::vector<LayoutNode> nodes = {box(1, {1, 2, 3, 4}), box(1, {5}), box(1),  box(1, {7}),  box(1, {8}),
                                           box(1, {6}),          box(60),     box(24), box(68, {9}), box(60)};
    const TreeLayoutOptions o{1.0f, 1.0f, 1.0f};
    const TreeLayout l = layout_tree(nodes, o);
    check_invariants(nodes, l, o);
    CHECK(l.nodes[2].x - l.nodes[1].x == doctest::Approx(7.25f));  // 6.75 after B, + 0.5 after E
    CHECK(l.nodes[3].x - l.nodes[1].x == doctest::Approx(14.0f));
    CHECK(l.nodes[4].x - l.nodes[1].x == doctest::Approx(61.0f));  // 30 + 1 + 30 at depth 2
}

TEST_CASE("tree layout: collapsed nodes hide their subtree and the layout shrinks") {
    const std::vector<LayoutNode> nodes = {box(2, {1, 2}), box(2, {3, 4, 5}), box(2, {6}), box(3),
                                           box(3),         box(3, {7}),       box(2),      box(2)};
    const TreeLayoutOptions o{};
    const TreeLayout full = layout_tree(nodes, o);
    const TreeLayout folded = layout_tree(nodes, o, {1});
    check_invariants(nodes, full, o);
    check_invariants(nodes, folded, o);
    for (int v : {0, 1, 2, 6}) CHECK(folded.nodes[static_cast<std::size_t>(v)].visible);
    for (int v : {3, 4, 5, 7}) {
        CHECK_FALSE(folded.nodes[static_cast<std::size_t>(v)].visible);
        CHECK(folded.nodes[static_cast<std::size_t>(v)].depth == -1);
    }
    CHECK(folded.connectors.size() == 3);
    CHECK(full.connectors.size() == 7);
    CHECK(folded.bounds.width() < full.bounds.width());
    CHECK(folded.bounds.height() < full.bounds.height());  // node 7 was the only one at depth 3
    CHECK(folded.level_top.size() == 3);

    // Collapsing the root leaves only the root; bad indices in the set are ignored.
    const TreeLayout root_only = layout_tree(nodes, o, {0, -3, 99});
    CHECK(root_only.connectors.empty());
    CHECK(root_only.bounds.width() == doctest::Approx(2));
    for (std::size_t v = 1; v < nodes.size(); ++v) CHECK_FALSE(root_only.nodes[v].visible);
}

TEST_CASE("tree layout: invalid, repeated and cyclic children are ignored") {
    const std::vector<LayoutNode> nodes = {box(2, {1, 1, 7, -1}), box(2, {0, 2}), box(2), box(2)};
    const TreeLayout l = layout_tree(nodes, TreeLayoutOptions{});
    CHECK(l.nodes[0].visible);
    CHECK(l.nodes[1].visible);
    CHECK(l.nodes[2].visible);
    CHECK_FALSE(l.nodes[3].visible);  // not reachable from the root
    CHECK(l.connectors.size() == 2);
}

TEST_CASE("tree layout: invariants hold on 300 random trees") {
    // Deterministic pseudo-random trees: random fan-out, depth, widths, heights, gaps and folds.
    std::uint32_t state = 12345;
    auto next = [&state](std::uint32_t n) {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) % n;
    };
    int trees_with_spreading = 0;
    for (int round = 0; round < 300; ++round) {
        CAPTURE(round);
        std::vector<LayoutNode> nodes{box(1.0f + static_cast<float>(next(8)))};
        std::vector<int> depth{0};
        const std::size_t size = 2 + next(60);
        while (nodes.size() < size) {
            // Prefer recent nodes as parents so that trees get deep as well as wide.
            const auto parent =
                next(2) ? nodes.size() - 1 - next(static_cast<std::uint32_t>(std::min<std::size_t>(nodes.size(), 4)))
                        : next(static_cast<std::uint32_t>(nodes.size()));
            nodes[parent].children.push_back(static_cast<int>(nodes.size()));
            depth.push_back(depth[parent] + 1);
            nodes.push_back(box(0.5f + static_cast<float>(next(12)), {}, 0.5f + static_cast<float>(next(3))));
        }
        const TreeLayoutOptions o{0.25f * static_cast<float>(next(5)), 0.25f * static_cast<float>(next(9)),
                                  0.5f + static_cast<float>(next(3))};
        std::vector<int> collapsed;
        if (round % 3 == 0) collapsed.push_back(static_cast<int>(next(static_cast<std::uint32_t>(nodes.size()))));
        const TreeLayout l = layout_tree(nodes, o, collapsed);
        check_invariants(nodes, l, o);
        // A leaf child between two deeper siblings is where spreading happens.
        const auto has_kids = [&nodes](int v) { return !nodes[static_cast<std::size_t>(v)].children.empty(); };
        trees_with_spreading += std::any_of(nodes.begin(), nodes.end(), [&](const LayoutNode& n) {
            for (std::size_t i = 1; i + 1 < n.children.size(); ++i)
                if (!has_kids(n.children[i]) && has_kids(n.children[i - 1]) && has_kids(n.children[i + 1])) return true;
            return false;
        });
    }
    CHECK(trees_with_spreading > 30);  // the generator does reach the interesting case
}

TEST_CASE("tree layout: 1 + 5 + 50 + 1000 organization: invariants, timing, determinism") {
    const OrgTree org = large_org();
    const ScopeLayoutTree t = build_scope_layout_tree(org, fixed_width);
    REQUIRE(t.nodes.size() == 1 + 5 + 50 + 1000);
    const TreeLayoutOptions o{0.5f, 1.5f, 2.0f};

    const auto start = std::chrono::steady_clock::now();
    const TreeLayout l = layout_tree(t.nodes, o);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    CHECK_MESSAGE(ms < 50.0, "layout of 1,056 nodes took " << ms << " ms");

    check_invariants(t.nodes, l, o);
    CHECK(l.level_top.size() == 4);
    CHECK(l.connectors.size() == 1055);
    // Projects are the widest level and are packed: the width is their widths plus the gaps.
    float project_widths = 0;
    for (std::size_t v = 56; v < t.nodes.size(); ++v) project_widths += t.nodes[v].width;
    const float packed = project_widths + 950 * o.sibling_gap + 49 * o.subtree_gap;
    CHECK(l.bounds.width() == doctest::Approx(packed));

    const TreeLayout again = layout_tree(t.nodes, o);
    bool same = again.nodes.size() == l.nodes.size() && again.connectors.size() == l.connectors.size();
    for (std::size_t v = 0; same && v < l.nodes.size(); ++v)
        same = again.nodes[v].x == l.nodes[v].x && again.nodes[v].y == l.nodes[v].y;
    for (std::size_t i = 0; same && i < l.connectors.size(); ++i)
        for (int k = 0; k < 4; ++k)
            same = same && again.connectors[i].points[static_cast<std::size_t>(k)].x ==
                               l.connectors[i].points[static_cast<std::size_t>(k)].x;
    CHECK(same);

    // Folding a cluster removes its 210 nodes and narrows the diagram.
    const int gpu_west = t.find_node(cluster("cluster-1"));
    const TreeLayout folded = layout_tree(t.nodes, o, {gpu_west});
    check_invariants(t.nodes, folded, o);
    const auto hidden =
        std::count_if(folded.nodes.begin(), folded.nodes.end(), [](const NodePlacement& p) { return !p.visible; });
    CHECK(hidden == 210);
    CHECK(folded.bounds.width() < l.bounds.width() * 0.85f);
}

TEST_CASE("scope layout tree: nodes, labels, widths, find_node") {
    const OrgTree org = large_org();
    ScopeNodeMetrics m;
    m.padding = 1.0f;
    m.min_width = 6.0f;
    m.height = 3.0f;
    const ScopeLayoutTree t = build_scope_layout_tree(org, fixed_width, m);
    REQUIRE(t.nodes.size() == 1056);
    CHECK(t.labels[0] == "Demo account");
    CHECK(t.scopes[0].type == ScopeType::Tenant);
    CHECK(t.nodes[0].children.size() == 5);
    CHECK(t.nodes[0].width == doctest::Approx(0.5f * 12 + 2));
    CHECK(t.nodes[0].height == doctest::Approx(3));
    // clusters in OrgData order, then departments, then projects
    CHECK(t.labels[1] == "gpu-east");
    CHECK(t.labels[5] == "gpu-south");
    CHECK(t.nodes[1].width == doctest::Approx(6));              // "gpu-east": 4 + 2 < min_width
    CHECK(t.nodes[3].width == doctest::Approx(0.5f * 11 + 2));  // "gpu-central"
    CHECK(t.depths[1] == 1);
    CHECK(t.depths[6] == 2);
    CHECK(t.depths[56] == 3);
    CHECK(t.nodes[2].children.size() == 10);

    const int p = t.find_node(project(437));
    REQUIRE(p >= 0);
    const Project* pr = org.project(ProjectId{437});
    REQUIRE(pr != nullptr);
    CHECK(t.labels[static_cast<std::size_t>(p)] == pr->name);
    const ScopeRef& s = t.scopes[static_cast<std::size_t>(p)];
    CHECK(s.type == ScopeType::Project);
    CHECK(s.department_id == pr->parent_id);
    CHECK(s.cluster_id == pr->cluster_id);
    CHECK(t.find_node(dept("22")) == t.parents[static_cast<std::size_t>(p)]);
    CHECK(t.find_node(cluster("cluster-2")) == 3);
    CHECK(t.find_node(tenant()) == 0);
    CHECK(t.find_node(ScopeRef{ScopeType::System, {}, {}, {}}) == 0);
    CHECK(t.find_node(project(1001)) == -1);
    CHECK(t.find_node(dept("51")) == -1);
    CHECK(t.find_node(cluster("nope")) == -1);
    CHECK(t.find_node(ScopeRef{ScopeType::Project, {}, {}, {}}) == -1);
    // every node's scope finds the node again
    int round_trips = 0;
    for (std::size_t v = 0; v < t.nodes.size(); ++v) round_trips += t.find_node(t.scopes[v]) == static_cast<int>(v);
    CHECK(round_trips == 1056);
}

TEST_CASE("scope layout tree: orphans are left out") {
    OrgData d;
    d.clusters = {Cluster{ClusterId{"c"}, "c", 1, "", {}, {}, "Connected"}};
    d.departments = {Department{DepartmentId{"1"}, "ok", ClusterId{"c"}, "", "", ""},
                     Department{DepartmentId{"2"}, "lost", ClusterId{"gone"}, "", "", ""}};
    d.projects = {Project{ProjectId{1}, "p1", ClusterId{"c"}, DepartmentId{"1"}, "ok", "runai-p1", "", "", ""},
                  Project{ProjectId{2}, "p2", ClusterId{"gone"}, DepartmentId{"2"}, "lost", "runai-p2", "", "", ""}};
    const ScopeLayoutTree t = build_scope_layout_tree(OrgTree(std::move(d)), fixed_width);
    CHECK(t.nodes.size() == 4);
    CHECK(t.find_node(dept("2")) == -1);
    CHECK(t.find_node(project(2)) == -1);
    CHECK(t.labels[3] == "p1");
}

TEST_CASE("scope layout tree: ancestors and descendants") {
    const OrgTree org = large_org();
    const ScopeLayoutTree t = build_scope_layout_tree(org, fixed_width);
    const int p = t.find_node(project(437));  // department 22, cluster index 2
    const int d = t.find_node(dept("22"));
    const int c = t.find_node(cluster("cluster-2"));
    CHECK(t.ancestors(p) == std::vector<int>{0, c, d, p});
    CHECK(t.ancestors(0) == std::vector<int>{0});
    CHECK(t.ancestors(-1).empty());
    CHECK(t.ancestors(5000).empty());

    const auto under_d = t.descendants(d);
    REQUIRE(under_d.size() == 20);
    for (std::size_t i = 0; i < under_d.size(); ++i)
        CHECK(t.scopes[static_cast<std::size_t>(under_d[i])].project_id ==
              ProjectId{static_cast<std::int64_t>(421 + i)});
    const auto under_c = t.descendants(c);
    CHECK(under_c.size() == 210);
    CHECK(under_c.front() == t.find_node(dept("21")));  // pre-order: department, then its projects
    CHECK(under_c[1] == t.find_node(project(401)));
    CHECK(t.descendants(0).size() == 1055);
    CHECK(t.descendants(p).empty());
    CHECK(t.descendants(-2).empty());
    // descendants are exactly the nodes that inherit from d
    int inheriting = 0;
    for (std::size_t v = 0; v < t.nodes.size(); ++v)
        inheriting += static_cast<int>(v) != d && org.inherits(t.scopes[static_cast<std::size_t>(d)], t.scopes[v]);
    CHECK(inheriting == 20);
}

TEST_CASE("credential counts: defined, inherited, in subtree") {
    const OrgTree org = large_org();
    const ScopeLayoutTree t = build_scope_layout_tree(org, fixed_width);
    const std::vector<ScopeRef> creds = {
        tenant(),
        tenant(),
        ScopeRef{ScopeType::System, {}, {}, {}},  // 3 at the root
        cluster("cluster-0"),                     // gpu-east
        dept("3"),
        dept("3"),  // in gpu-east
        project(41),
        project(41),
        project(41),   // department 3
        project(999),  // gpu-south
        project(5000),
        dept("77"),
        cluster("x"),  // unknown: not counted
    };
    const auto n = credential_counts(t, creds);
    REQUIRE(n.size() == t.nodes.size());
    const auto at = [&](const ScopeRef& s) { return n[static_cast<std::size_t>(t.find_node(s))]; };
    CHECK(at(tenant()).defined == 3);
    CHECK(at(tenant()).inherited == 0);
    CHECK(at(tenant()).in_subtree == 10);
    CHECK(at(cluster("cluster-0")).defined == 1);
    CHECK(at(cluster("cluster-0")).inherited == 3);
    CHECK(at(cluster("cluster-0")).in_subtree == 6);
    CHECK(at(cluster("cluster-1")).inherited == 3);
    CHECK(at(cluster("cluster-1")).in_subtree == 0);
    CHECK(at(dept("3")).defined == 2);
    CHECK(at(dept("3")).inherited == 4);
    CHECK(at(dept("4")).inherited == 4);
    CHECK(at(project(41)).defined == 3);
    CHECK(at(project(41)).inherited == 6);
    CHECK(at(project(41)).usable() == 9);
    CHECK(at(project(42)).inherited == 6);
    CHECK(at(project(42)).defined == 0);
    CHECK(at(project(61)).inherited == 4);  // department 4: no department credential
    CHECK(at(project(999)).usable() == 4);
    CHECK(at(project(1000)).usable() == 3);

    // From node indices: the same answer.
    std::vector<int> where;
    for (const auto& s : creds) where.push_back(t.find_node(s));
    const auto m = credential_counts(t, where);
    bool same = true;
    for (std::size_t v = 0; v < n.size(); ++v)
        same = same && m[v].defined == n[v].defined && m[v].inherited == n[v].inherited &&
               m[v].in_subtree == n[v].in_subtree;
    CHECK(same);
}

TEST_CASE("credential counts agree with OrgTree::inherits") {
    const OrgTree org = large_org();
    const ScopeLayoutTree t = build_scope_layout_tree(org, fixed_width);
    std::vector<ScopeRef> creds;
    for (int i = 0; i < 240; ++i) {
        switch (i % 6) {
            case 0: creds.push_back(tenant()); break;
            case 1: creds.push_back(cluster("cluster-" + std::to_string(i % 5))); break;
            case 2: creds.push_back(dept(std::to_string(1 + i * 7 % 50))); break;
            default: creds.push_back(project(1 + i * 37 % 1000)); break;
        }
    }
    const auto counts = credential_counts(t, creds);
    int mismatches = 0;
    for (std::size_t v = 0; v < t.nodes.size(); ++v) {
        int defined = 0, usable = 0;
        for (const auto& c : creds) {
            defined += t.find_node(c) == static_cast<int>(v);
            usable += org.inherits(c, t.scopes[v]);
        }
        mismatches += counts[v].defined != defined || counts[v].usable() != usable;
    }
    CHECK(mismatches == 0);
    CHECK(counts[0].in_subtree == 240);
}

TEST_CASE("credential counts: 100,000 credentials over 1,056 nodes") {
    const OrgTree org = large_org();
    const ScopeLayoutTree t = build_scope_layout_tree(org, fixed_width);
    std::vector<ScopeRef> creds;
    creds.reserve(100'000);
    for (int i = 0; i < 100'000; ++i)
        creds.push_back(i % 10 ? project(1 + i % 1000) : dept(std::to_string(1 + (i / 10) % 50)));
    const auto start = std::chrono::steady_clock::now();
    const auto counts = credential_counts(t, creds);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    CHECK_MESSAGE(ms < 500.0, "counting took " << ms << " ms");
    CHECK(counts[0].in_subtree == 100'000);
    const auto& two = counts[static_cast<std::size_t>(t.find_node(project(2)))];
    CHECK(two.defined == 100);    // i % 1000 == 1
    CHECK(two.inherited == 200);  // department 1: 10,000 department credentials / 50
    CHECK(counts[static_cast<std::size_t>(t.find_node(project(1)))].defined == 0);  // i % 1000 == 0 went to departments
}

TEST_CASE("view transforms: fit, centre, zoom at a point, round trips") {
    const LayoutRect b{0, 0, 100, 50};
    ViewTransform f = fit_view(b, 800, 600, 0, 0.05f, 100.0f);
    CHECK(f.zoom == doctest::Approx(8));  // width-bound: 800/100 < 600/50
    CHECK(to_view(f, {0, 0}).x == doctest::Approx(0));
    CHECK(to_view(f, {0, 0}).y == doctest::Approx(100));
    CHECK(to_view(f, {100, 50}).x == doctest::Approx(800));
    CHECK(to_view(f, {100, 50}).y == doctest::Approx(500));

    f = fit_view(b, 800, 600, 10, 0.05f, 100.0f);
    CHECK(f.zoom == doctest::Approx(7.8f));
    CHECK(to_view(f, {50, 25}).x == doctest::Approx(400));
    CHECK(to_view(f, {50, 25}).y == doctest::Approx(300));

    f = fit_view(b, 800, 600, 0, 0.05f, 4.0f);  // clamped, still centred
    CHECK(f.zoom == doctest::Approx(4));
    CHECK(f.offset_x == doctest::Approx(200));
    CHECK(f.offset_y == doctest::Approx(200));
    f = fit_view({0, 0, 100000, 10}, 800, 600, 0, 0.05f, 4.0f);
    CHECK(f.zoom == doctest::Approx(0.05f));
    f = fit_view({5, 5, 5, 5}, 800, 600, 0, 0.05f, 2.0f);  // a point: max zoom, centred on it
    CHECK(f.zoom == doctest::Approx(2));
    CHECK(to_view(f, {5, 5}).x == doctest::Approx(400));

    const std::vector<LayoutNode> nodes = {box(4, {1, 2}, 2), box(2, {}, 2), box(2, {}, 2)};
    const TreeLayout l = layout_tree(nodes, TreeLayoutOptions{1, 1, 2});
    const ViewTransform c = centre_view_on_node(l, 2, 2.0f, 200, 100);
    CHECK(c.zoom == doctest::Approx(2));
    const LayoutPoint mid = to_view(c, {l.nodes[2].x, l.nodes[2].y + 1});
    CHECK(mid.x == doctest::Approx(100));
    CHECK(mid.y == doctest::Approx(50));
    CHECK(c.offset_x == doctest::Approx(100 - 2 * l.nodes[2].x));
    CHECK(c.offset_y == doctest::Approx(50 - 2 * 5));  // node 2: top 4, middle 5

    const ViewTransform t{2.5f, -30, 12};
    const LayoutPoint p = to_layout(t, to_view(t, {17, -3}));
    CHECK(p.x == doctest::Approx(17));
    CHECK(p.y == doctest::Approx(-3));
    const ViewTransform z = zoom_view_at(t, {300, 200}, 5.0f);
    CHECK(z.zoom == doctest::Approx(5));
    CHECK(to_view(z, to_layout(t, {300, 200})).x == doctest::Approx(300));
    CHECK(to_view(z, to_layout(t, {300, 200})).y == doctest::Approx(200));
}
