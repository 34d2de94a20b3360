// Lays out the scope tree diagram and maps it to the screen: a tidy tree layout (Reingold-Tilford
// with per-depth contours: each subtree is laid out on its own, siblings are pushed apart only as
// far as their contours require, small subtrees caught between two big ones are spread over the
// gap as Walker does, parents are centred), the diagram's tree built from the organization with
// its credential counts, and the view transforms that fit, centre and zoom it.
#include "core/tree_layout.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cc {
namespace {

// Left and right edges of a subtree per relative depth, relative to the subtree root's centre.
struct Contour {
    std::vector<float> left;
    std::vector<float> right;
};

float gap_at(const TreeLayoutOptions& o, std::size_t depth) {
    return depth == 0 ? o.sibling_gap : o.subtree_gap;
}

// Where child `c` must sit (its root's x, in the frame of the already placed children) so that
// it clears the right edges `right` at every depth both reach.
float clearance(const std::vector<float>& right, float right_offset, const Contour& c, const TreeLayoutOptions& o,
                std::size_t* binding_depth = nullptr) {
    float need = -std::numeric_limits<float>::infinity();
    const std::size_t n = std::min(right.size(), c.left.size());
    for (std::size_t d = 0; d < n; ++d) {
        const float x = right[d] + right_offset + gap_at(o, d) - c.left[d];
        if (x > need) {
            need = x;
            if (binding_depth) *binding_depth = d;
        }
    }
    return need;
}

// Places the children of one node side by side (positions relative to the first child) and
// returns the merged contour of the children's level and below in the same frame.
Contour place_children(const std::vector<int>& kids, std::vector<Contour>& contours, const TreeLayoutOptions& o,
                       std::vector<float>& pos) {
    pos.assign(kids.size(), 0.0f);
    Contour acc = contours[static_cast<std::size_t>(kids[0])];
    std::vector<std::size_t> owner(acc.right.size(), 0);  // which child forms the right contour
    std::vector<float> slack;
    for (std::size_t i = 1; i < kids.size(); ++i) {
        const Contour& c = contours[static_cast<std::size_t>(kids[i])];
        std::size_t bind = 0;
        const float p = clearance(acc.right, 0, c, o, &bind);
        pos[i] = p;
        // A deeper subtree j further left forced this one away from its neighbour: spread the
        // children between j and i over the gap instead of leaving them packed against j.
        const std::size_t j = owner[bind];
        const float tight = acc.right[0] + o.sibling_gap - c.left[0];
        const float extra = p - tight;
        if (j + 1 < i && extra > 1e-6f) {
            slack.assign(i, 0.0f);
            for (std::size_t m = j + 1; m < i; ++m) {
                const Contour& cm = contours[static_cast<std::size_t>(kids[m])];
                slack[m] = std::max(0.0f, p - clearance(cm.right, pos[m], c, o));
            }
            // Shifts that grow from left to right keep the intermediate children apart; each
            // stays within its slack towards child i.
            float room = std::numeric_limits<float>::infinity();
            for (std::size_t m = i - 1; m > j; --m) {
                room = std::min(room, slack[m]);
                const float wanted = extra * static_cast<float>(m - j) / static_cast<float>(i - j);
                pos[m] += std::min(wanted, room);
            }
        }
        for (std::size_t d = 0; d < c.left.size(); ++d) {
            if (d < acc.right.size()) {
                acc.right[d] = c.right[d] + p;
                owner[d] = i;
            } else {
                acc.left.push_back(c.left[d] + p);
                acc.right.push_back(c.right[d] + p);
                owner.push_back(i);
            }
        }
    }
    return acc;
}

// The part of the tree a layout shows: the visible children of each node, and the visible
// nodes in pre-order (parents before their children).
struct VisibleTree {
    std::vector<std::vector<int>> kids;
    std::vector<int> order;
};

// Pre-order walk from the root; a node is accepted once (guards against cycles and shared
// children), and nothing below a collapsed node is visited. Sets the depth of each visible node.
VisibleTree visible_tree(const std::vector<LayoutNode>& nodes, const std::vector<int>& collapsed,
                         std::vector<NodePlacement>& placed) {
    const std::size_t n = nodes.size();
    std::vector<char> is_collapsed(n, 0);
    for (int c : collapsed)
        if (c >= 0 && static_cast<std::size_t>(c) < n) is_collapsed[static_cast<std::size_t>(c)] = 1;

    VisibleTree t;
    t.kids.resize(n);
    t.order.reserve(n);
    std::vector<char> seen(n, 0);
    std::vector<int> stack{0};
    seen[0] = 1;
    placed[0].depth = 0;
    while (!stack.empty()) {
        const int v = stack.back();
        stack.pop_back();
        t.order.push_back(v);
        const auto vi = static_cast<std::size_t>(v);
        if (is_collapsed[vi]) continue;
        for (int c : nodes[vi].children) {
            if (c < 0 || static_cast<std::size_t>(c) >= n || seen[static_cast<std::size_t>(c)]) continue;
            seen[static_cast<std::size_t>(c)] = 1;
            placed[static_cast<std::size_t>(c)].depth = placed[vi].depth + 1;
            t.kids[vi].push_back(c);
        }
        for (auto it = t.kids[vi].rbegin(); it != t.kids[vi].rend(); ++it) stack.push_back(*it);
    }
    return t;
}

// Bottom-up: each node's x relative to its parent's, its children placed by their subtree
// contours and centred under it.
std::vector<float> offsets_from_parents(const std::vector<LayoutNode>& nodes, const VisibleTree& t,
                                        const TreeLayoutOptions& options) {
    const std::size_t n = nodes.size();
    std::vector<float> rel_x(n, 0.0f);
    std::vector<Contour> contours(n);
    std::vector<float> pos;
    for (auto it = t.order.rbegin(); it != t.order.rend(); ++it) {
        const auto v = static_cast<std::size_t>(*it);
        const float half = nodes[v].width / 2;
        Contour& mine = contours[v];
        mine.left = {-half};
        mine.right = {half};
        if (t.kids[v].empty()) continue;
        Contour below = place_children(t.kids[v], contours, options, pos);
        const float mid = (pos.front() + pos.back()) / 2;
        for (std::size_t i = 0; i < t.kids[v].size(); ++i) {
            const auto k = static_cast<std::size_t>(t.kids[v][i]);
            rel_x[k] = pos[i] - mid;
            contours[k] = Contour{};  // no longer needed: free as we go
        }
        for (std::size_t d = 0; d < below.left.size(); ++d) {
            mine.left.push_back(below.left[d] - mid);
            mine.right.push_back(below.right[d] - mid);
        }
    }
    return rel_x;
}

// Levels: each depth as tall as its tallest visible node.
std::vector<float> level_heights(const std::vector<LayoutNode>& nodes, const VisibleTree& t,
                                 const std::vector<NodePlacement>& placed) {
    std::vector<float> level_height;
    for (int v : t.order) {
        const auto d = static_cast<std::size_t>(placed[static_cast<std::size_t>(v)].depth);
        if (d >= level_height.size()) level_height.resize(d + 1, 0.0f);
        level_height[d] = std::max(level_height[d], nodes[static_cast<std::size_t>(v)].height);
    }
    return level_height;
}

// Top-down: absolute positions and sizes of the visible nodes, then a shift so the bounds start
// at 0. Needs out.level_top.
void place_nodes(const std::vector<LayoutNode>& nodes, const VisibleTree& t, const std::vector<float>& rel_x,
                 TreeLayout& out) {
    float min_x = std::numeric_limits<float>::infinity();
    float max_x = -std::numeric_limits<float>::infinity();
    float max_y = 0;
    for (int v : t.order) {
        const auto vi = static_cast<std::size_t>(v);
        NodePlacement& p = out.nodes[vi];
        for (int k : t.kids[vi]) out.nodes[static_cast<std::size_t>(k)].x = p.x + rel_x[static_cast<std::size_t>(k)];
        p.y = out.level_top[static_cast<std::size_t>(p.depth)];
        p.width = nodes[vi].width;
        p.height = nodes[vi].height;
        p.visible = true;
        min_x = std::min(min_x, p.x - p.width / 2);
        max_x = std::max(max_x, p.x + p.width / 2);
        max_y = std::max(max_y, p.y + p.height);
    }
    for (int v : t.order) out.nodes[static_cast<std::size_t>(v)].x -= min_x;
    out.bounds = LayoutRect{0, 0, max_x - min_x, max_y};
}

// One connector per visible edge, parents in pre-order: straight down when the child sits under
// its parent, else through the bus halfway down the gap below the parent's level.
void add_connectors(const VisibleTree& t, const std::vector<float>& level_height, const TreeLayoutOptions& options,
                    TreeLayout& out) {
    out.connectors.reserve(t.order.size() - 1);
    for (int v : t.order) {
        const NodePlacement& p = out.nodes[static_cast<std::size_t>(v)];
        const auto d = static_cast<std::size_t>(p.depth);
        const float bus = out.level_top[d] + level_height[d] + options.level_gap / 2;
        for (int k : t.kids[static_cast<std::size_t>(v)]) {
            const NodePlacement& c = out.nodes[static_cast<std::size_t>(k)];
            Connector con{v, k, {}, 0};
            if (std::fabs(c.x - p.x) < 1e-4f) {
                con.points[0] = {p.x, p.y + p.height};
                con.points[1] = {p.x, c.y};
                con.point_count = 2;
            } else {
                con.points = {LayoutPoint{p.x, p.y + p.height}, LayoutPoint{p.x, bus}, LayoutPoint{c.x, bus},
                              LayoutPoint{c.x, c.y}};
                con.point_count = 4;
            }
            out.connectors.push_back(con);
        }
    }
}

}  // namespace

TreeLayout layout_tree(const std::vector<LayoutNode>& nodes, const TreeLayoutOptions& options,
                       const std::vector<int>& collapsed) {
    TreeLayout out;
    out.nodes.resize(nodes.size());
    if (nodes.empty()) return out;

    const VisibleTree visible = visible_tree(nodes, collapsed, out.nodes);
    const std::vector<float> rel_x = offsets_from_parents(nodes, visible, options);
    const std::vector<float> level_height = level_heights(nodes, visible, out.nodes);
    out.level_top.assign(level_height.size(), 0.0f);
    for (std::size_t d = 1; d < level_height.size(); ++d)
        out.level_top[d] = out.level_top[d - 1] + level_height[d - 1] + options.level_gap;
    place_nodes(nodes, visible, rel_x, out);
    add_connectors(visible, level_height, options, out);
    return out;
}

// ---- the scope tree ----------------------------------------------------------------------

ScopeLayoutTree build_scope_layout_tree(const OrgTree& tree, const std::function<float(std::string_view)>& text_width,
                                        const ScopeNodeMetrics& metrics) {
    ScopeLayoutTree t;
    const OrgData& org = tree.data();
    auto add = [&](ScopeRef scope, std::string label, int parent) {
        const int index = static_cast<int>(t.nodes.size());
        const float w = text_width ? text_width(label) : 0.0f;
        t.nodes.push_back(LayoutNode{{}, std::max(metrics.min_width, w + 2 * metrics.padding), metrics.height});
        t.scopes.push_back(std::move(scope));
        t.labels.push_back(std::move(label));
        t.parents.push_back(parent);
        t.depths.push_back(parent < 0 ? 0 : t.depths[static_cast<std::size_t>(parent)] + 1);
        if (parent >= 0) t.nodes[static_cast<std::size_t>(parent)].children.push_back(index);
        return index;
    };
    add(ScopeRef{ScopeType::Tenant, {}, {}, {}}, org.account_name, -1);
    for (const Cluster& c : org.clusters) {
        if (t.cluster_nodes.count(c.uuid)) continue;
        t.cluster_nodes.emplace(c.uuid, add(ScopeRef{ScopeType::Cluster, c.uuid, {}, {}}, c.name, 0));
    }
    for (const Department& d : org.departments) {
        const auto parent = t.cluster_nodes.find(d.cluster_id);
        if (parent == t.cluster_nodes.end() || t.department_nodes.count(d.id)) continue;
        t.department_nodes.emplace(
            d.id, add(ScopeRef{ScopeType::Department, d.cluster_id, d.id, {}}, d.name, parent->second));
    }
    for (const Project& p : org.projects) {
        const auto parent = t.department_nodes.find(p.parent_id);
        if (parent == t.department_nodes.end() || t.project_nodes.count(p.id)) continue;
        const ClusterId& cluster = *t.scopes[static_cast<std::size_t>(parent->second)].cluster_id;
        t.project_nodes.emplace(p.id,
                                add(ScopeRef{ScopeType::Project, cluster, p.parent_id, p.id}, p.name, parent->second));
    }
    return t;
}

int ScopeLayoutTree::find_node(const ScopeRef& s) const {
    switch (s.type) {
        case ScopeType::System:
        case ScopeType::Tenant: return nodes.empty() ? -1 : 0;
        case ScopeType::Cluster:
            if (s.cluster_id)
                if (auto it = cluster_nodes.find(*s.cluster_id); it != cluster_nodes.end()) return it->second;
            return -1;
        case ScopeType::Department:
            if (s.department_id)
                if (auto it = department_nodes.find(*s.department_id); it != department_nodes.end()) return it->second;
            return -1;
        case ScopeType::Project:
            if (s.project_id)
                if (auto it = project_nodes.find(*s.project_id); it != project_nodes.end()) return it->second;
            return -1;
    }
    return -1;
}

std::vector<int> ScopeLayoutTree::ancestors(int node) const {
    std::vector<int> path;
    if (node < 0 || static_cast<std::size_t>(node) >= parents.size()) return path;
    for (int v = node; v >= 0; v = parents[static_cast<std::size_t>(v)]) path.push_back(v);
    std::reverse(path.begin(), path.end());
    return path;
}

std::vector<int> ScopeLayoutTree::descendants(int node) const {
    std::vector<int> out;
    if (node < 0 || static_cast<std::size_t>(node) >= nodes.size()) return out;
    std::vector<int> stack(nodes[static_cast<std::size_t>(node)].children.rbegin(),
                           nodes[static_cast<std::size_t>(node)].children.rend());
    while (!stack.empty()) {
        const int v = stack.back();
        stack.pop_back();
        out.push_back(v);
        const auto& ch = nodes[static_cast<std::size_t>(v)].children;
        stack.insert(stack.end(), ch.rbegin(), ch.rend());
    }
    return out;
}

std::vector<ScopeCredentialCounts> credential_counts(const ScopeLayoutTree& tree,
                                                     std::span<const int> credential_nodes) {
    const std::size_t n = tree.nodes.size();
    std::vector<ScopeCredentialCounts> counts(n);
    for (int v : credential_nodes)
        if (v >= 0 && static_cast<std::size_t>(v) < n) ++counts[static_cast<std::size_t>(v)].defined;
    // Parents precede their children (build_scope_layout_tree), so one forward pass sums down
    // and one backward pass sums up.
    for (std::size_t v = 1; v < n; ++v) {
        const int p = tree.parents[v];
        if (p < 0) continue;
        const auto& pc = counts[static_cast<std::size_t>(p)];
        counts[v].inherited = pc.inherited + pc.defined;
    }
    for (std::size_t v = n; v-- > 0;) {
        counts[v].in_subtree += counts[v].defined;
        if (const int p = tree.parents[v]; p >= 0)
            counts[static_cast<std::size_t>(p)].in_subtree += counts[v].in_subtree;
    }
    return counts;
}

std::vector<ScopeCredentialCounts> credential_counts(const ScopeLayoutTree& tree,
                                                     std::span<const ScopeRef> credential_scopes) {
    std::vector<int> where;
    where.reserve(credential_scopes.size());
    for (const ScopeRef& s : credential_scopes) where.push_back(tree.find_node(s));
    return credential_counts(tree, std::span<const int>(where));
}

// ---- view transforms ---------------------------------------------------------------------

LayoutPoint to_view(const ViewTransform& t, LayoutPoint p) {
    return {p.x * t.zoom + t.offset_x, p.y * t.zoom + t.offset_y};
}

LayoutPoint to_layout(const ViewTransform& t, LayoutPoint v) {
    const float z = t.zoom != 0 ? t.zoom : 1.0f;
    return {(v.x - t.offset_x) / z, (v.y - t.offset_y) / z};
}

ViewTransform centre_view(LayoutPoint centre, float zoom, float viewport_width, float viewport_height) {
    return {zoom, viewport_width / 2 - centre.x * zoom, viewport_height / 2 - centre.y * zoom};
}

ViewTransform fit_view(const LayoutRect& b, float viewport_width, float viewport_height, float margin, float min_zoom,
                       float max_zoom) {
    const float avail_w = std::max(0.0f, viewport_width - 2 * margin);
    const float avail_h = std::max(0.0f, viewport_height - 2 * margin);
    float zoom = max_zoom;
    if (b.width() > 0) zoom = std::min(zoom, avail_w / b.width());
    if (b.height() > 0) zoom = std::min(zoom, avail_h / b.height());
    zoom = std::clamp(zoom, min_zoom, std::max(min_zoom, max_zoom));
    return centre_view({(b.min_x + b.max_x) / 2, (b.min_y + b.max_y) / 2}, zoom, viewport_width, viewport_height);
}

ViewTransform centre_view_on_node(const TreeLayout& layout, int node, float zoom, float viewport_width,
                                  float viewport_height) {
    if (node < 0 || static_cast<std::size_t>(node) >= layout.nodes.size())
        return centre_view({0, 0}, zoom, viewport_width, viewport_height);
    const NodePlacement& p = layout.nodes[static_cast<std::size_t>(node)];
    return centre_view({p.x, p.y + p.height / 2}, zoom, viewport_width, viewport_height);
}

ViewTransform zoom_view_at(const ViewTransform& t, LayoutPoint view_anchor, float new_zoom) {
    const LayoutPoint under = to_layout(t, view_anchor);
    return {new_zoom, view_anchor.x - under.x * new_zoom, view_anchor.y - under.y * new_zoom};
}

}  // namespace cc
