// What the scope tree diagram shows on top of the layout: node marks around the focus, search
// ranking, default collapsing, subtree sizes, and the stacked layout that folds a long run of
// leaves into columns. Parents precede their children in a ScopeLayoutTree, which turns the
// subtree sums into one backward pass.
#include "core/scope_diagram.h"

#include <algorithm>

#include "core/case_fold.h"

namespace cc {

std::vector<std::uint8_t> node_marks(const ScopeLayoutTree& tree, int focus) {
    const std::size_t n = tree.nodes.size();
    std::vector<std::uint8_t> marks(n, kMarkNone);
    if (focus < 0 || static_cast<std::size_t>(focus) >= n) return marks;
    for (auto& m : marks) m = kMarkDimmed;
    for (int v : tree.descendants(focus)) marks[static_cast<std::size_t>(v)] = kMarkInherits;
    for (int v : tree.ancestors(focus)) marks[static_cast<std::size_t>(v)] = kMarkDimmed | kMarkPath;
    marks[static_cast<std::size_t>(focus)] = kMarkFocus | kMarkPath;
    return marks;
}

std::vector<int> find_scope_nodes(const ScopeLayoutTree& tree, std::string_view text) {
    std::vector<int> exact, prefix, rest;
    if (text.empty()) return exact;
    for (std::size_t v = 0; v < tree.labels.size(); ++v) {
        const std::string& name = tree.labels[v];
        if (!contains_case_insensitive(name, text)) continue;
        const int i = static_cast<int>(v);
        if (name.size() == text.size())
            exact.push_back(i);
        else if (contains_case_insensitive(std::string_view(name).substr(0, text.size()), text))
            prefix.push_back(i);
        else
            rest.push_back(i);
    }
    exact.insert(exact.end(), prefix.begin(), prefix.end());
    exact.insert(exact.end(), rest.begin(), rest.end());
    return exact;
}

std::vector<int> default_collapsed(const ScopeLayoutTree& tree, int focus, std::size_t budget) {
    std::vector<int> out;
    if (tree.nodes.size() <= budget) return out;
    std::vector<char> keep(tree.nodes.size(), 0);
    keep[0] = 1;
    for (int v : tree.ancestors(focus)) keep[static_cast<std::size_t>(v)] = 1;
    for (std::size_t v = 0; v < tree.nodes.size(); ++v)
        if (!keep[v] && !tree.nodes[v].children.empty()) out.push_back(static_cast<int>(v));
    return out;
}

std::vector<int> all_collapsible(const ScopeLayoutTree& tree) {
    std::vector<int> out;
    for (std::size_t v = 1; v < tree.nodes.size(); ++v)
        if (!tree.nodes[v].children.empty()) out.push_back(static_cast<int>(v));
    return out;
}

std::vector<int> subtree_sizes(const ScopeLayoutTree& tree) {
    std::vector<int> size(tree.nodes.size(), 1);
    for (std::size_t v = tree.nodes.size(); v-- > 1;)
        if (const int p = tree.parents[v]; p >= 0) size[static_cast<std::size_t>(p)] += size[v];
    return size;
}

namespace {

struct Stack {
    int parent = -1;
    int block = -1;  // the stand-in node's index
    std::vector<int> kids;
    float column_width = 0;
    float row_height = 0;
    std::size_t rows = 0;
};

bool valid_index(int v, std::size_t n) {
    return v >= 0 && static_cast<std::size_t>(v) < n;
}

// Each parent (not collapsed) whose children are at least `min_children` leaves gets one
// stand-in child in `with_blocks`: a block as big as its stacked columns. Returns the stacks.
std::vector<Stack> find_stacks(const std::vector<LayoutNode>& nodes, const std::vector<int>& collapsed,
                               const StackOptions& so, std::vector<LayoutNode>& with_blocks) {
    const std::size_t n = nodes.size();
    std::vector<char> is_collapsed(n, 0);
    for (int c : collapsed)
        if (valid_index(c, n)) is_collapsed[static_cast<std::size_t>(c)] = 1;

    std::vector<Stack> stacks;
    std::vector<char> claimed(n, 0);  // a child is stacked under one parent only
    const std::size_t max_rows = std::max<std::size_t>(1, so.max_rows);
    for (std::size_t p = 0; p < n; ++p) {
        if (is_collapsed[p]) continue;
        Stack st;
        st.parent = static_cast<int>(p);
        bool all_leaves = true;
        for (int k : nodes[p].children) {
            if (!valid_index(k, n) || k == st.parent || claimed[static_cast<std::size_t>(k)]) continue;
            if (std::find(st.kids.begin(), st.kids.end(), k) != st.kids.end()) continue;
            const auto& kid = nodes[static_cast<std::size_t>(k)];
            if (std::any_of(kid.children.begin(), kid.children.end(), [&](int g) { return valid_index(g, n); })) {
                all_leaves = false;
                break;
            }
            st.kids.push_back(k);
            st.column_width = std::max(st.column_width, kid.width);
            st.row_height = std::max(st.row_height, kid.height);
        }
        if (!all_leaves || st.kids.size() < std::max<std::size_t>(so.min_children, 1)) continue;
        const std::size_t columns = (st.kids.size() + max_rows - 1) / max_rows;
        st.rows = (st.kids.size() + columns - 1) / columns;
        const auto cols = static_cast<float>(columns), rows = static_cast<float>(st.rows);
        const float width = cols * (so.spine_inset + st.column_width) + (cols - 1) * so.column_gap;
        const float height = rows * st.row_height + (rows - 1) * so.row_gap;
        st.block = static_cast<int>(with_blocks.size());
        with_blocks.push_back(LayoutNode{{}, width, height});
        with_blocks[p].children = {st.block};
        for (int k : st.kids) claimed[static_cast<std::size_t>(k)] = 1;
        stacks.push_back(std::move(st));
    }
    return stacks;
}

// Splits a placed block into its stack's boxes, column by column, with the two connectors of
// each box: parent -> bus -> spine -> the box's middle, and spine -> the box's left edge.
void place_stack(const std::vector<LayoutNode>& nodes, const Stack& st, const NodePlacement& block,
                 const StackOptions& so, TreeLayout& out) {
    const NodePlacement& parent = out.nodes[static_cast<std::size_t>(st.parent)];
    const float parent_bottom = parent.y + parent.height;
    const float bus = (parent_bottom + block.y) / 2;
    const float left = block.x - block.width / 2;
    for (std::size_t i = 0; i < st.kids.size(); ++i) {
        const std::size_t col = i / st.rows, row = i % st.rows;
        const float box_left =
            left + static_cast<float>(col) * (so.spine_inset + st.column_width + so.column_gap) + so.spine_inset;
        const float spine = box_left - so.spine_inset / 2;
        NodePlacement& p = out.nodes[static_cast<std::size_t>(st.kids[i])];
        p.width = st.column_width;
        p.height = nodes[static_cast<std::size_t>(st.kids[i])].height;
        p.x = box_left + st.column_width / 2;
        p.y = block.y + static_cast<float>(row) * (st.row_height + so.row_gap);
        p.depth = parent.depth + 1;
        p.visible = true;
        const float mid = p.y + p.height / 2;
        Connector down{st.parent, st.kids[i], {}, 4};
        down.points = {LayoutPoint{parent.x, parent_bottom}, LayoutPoint{parent.x, bus}, LayoutPoint{spine, bus},
                       LayoutPoint{spine, mid}};
        out.connectors.push_back(down);
        Connector tick{st.parent, st.kids[i], {}, 2};
        tick.points[0] = {spine, mid};
        tick.points[1] = {box_left, mid};
        out.connectors.push_back(tick);
    }
}

}  // namespace

TreeLayout layout_stacked(const std::vector<LayoutNode>& nodes, const TreeLayoutOptions& options,
                          const std::vector<int>& collapsed, const StackOptions& so) {
    std::vector<LayoutNode> with_blocks = nodes;
    const std::vector<Stack> stacks = find_stacks(nodes, collapsed, so, with_blocks);
    if (stacks.empty()) return layout_tree(nodes, options, collapsed);

    const std::size_t n = nodes.size();
    TreeLayout l = layout_tree(with_blocks, options, collapsed);
    TreeLayout out;
    out.nodes.assign(l.nodes.begin(), l.nodes.begin() + static_cast<std::ptrdiff_t>(n));
    out.level_top = l.level_top;
    out.bounds = l.bounds;
    for (const Connector& c : l.connectors)
        if (static_cast<std::size_t>(c.child) < n) out.connectors.push_back(c);

    for (const Stack& st : stacks) {
        const NodePlacement& block = l.nodes[static_cast<std::size_t>(st.block)];
        if (block.visible) place_stack(nodes, st, block, so, out);
    }
    return out;
}

namespace {

std::string count_of(int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string node_marks_text(std::uint8_t m, bool match, bool collapsed, bool disabled) {
    std::string s;
    auto add = [&s](const char* w) {
        if (!s.empty()) s += ", ";
        s += w;
    };
    if (m & kMarkFocus)
        add("highlighted");
    else if (m & kMarkInherits)
        add("inherits");
    else if (m & kMarkDimmed)
        add("dimmed");
    if (m & kMarkPath) add("path");
    if (match) add("match");
    if (collapsed) add("collapsed");
    if (disabled) add("disabled");
    return s;
}

std::string node_tooltip_text(const NodeTooltipFacts& f) {
    const ScopeCredentialCounts& k = f.counts;
    std::string t = std::string(scope_label(f.type)) + "  \xC2\xB7  " + f.path;
    t += "\n\n" + count_of(k.defined, "credential", "credentials") + " defined here";
    t += "\n" + count_of(k.inherited, "credential", "credentials") + " inherited from above";
    t += "\n" + std::to_string(k.usable()) + " usable here in all";
    if (f.collapsed)
        t += "\n" + count_of(f.hidden_scopes, "scope", "scopes") + " hidden below, with " +
             count_of(k.in_subtree - k.defined, "credential", "credentials");
    if (f.marks & kMarkFocus)
        t += f.for_credential ? "\n\nThe credential is defined here." : "\n\nThe selected scope.";
    else if (f.marks & kMarkInherits)
        t += f.for_credential ? "\n\nInherits the credential: it can be used here."
                              : "\n\nInherits from the selected scope.";
    else if (f.marks & kMarkDimmed)
        t += f.for_credential ? "\n\nThe credential cannot be used here." : "";
    if (f.disabled)
        t += "\n\nYou may not create credentials in this scope.";
    else
        t += f.picker ? "\n\nClick to choose this scope." : "\n\nClick to list the credentials usable here.";
    return t;
}

}  // namespace cc
