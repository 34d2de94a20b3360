// The scope tree canvas: an org chart drawn with ImGui's draw list from the cached tidy layout
// (boxes with icon, name and kind; orthogonal connectors; long runs of projects stacked in
// columns), culled to the viewport, with pan
// (drag), zoom (wheel at the mouse, buttons, Fit), collapse toggles, hover tooltips and clicks.
// Each drawn node is an item "node/<kind>/<name>" for the browser tests (labels: see
// scope_tree_diagram.cpp). Sizes are in em; colours come from the palette.
#include "ui/scope_tree_canvas.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/scope_diagram.h"
#include "imgui_internal.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace cc::ui {
namespace {

// ---- geometry (layout em: at zoom 1 one em is the body font's size) -----------------------
constexpr float kNodeHeight = 3.0f;
constexpr float kIconLeft = 0.75f;
constexpr float kTextLeft = 2.35f;  // where the name and kind start
constexpr float kPadRight = 0.9f;
constexpr float kKindScale = 0.8f;  // the kind line, relative to the font size
constexpr float kRounding = 0.45f;
constexpr float kMinZoom = 0.003f;  // 1,000 projects side by side still fit
constexpr float kMaxZoom = 2.5f;
constexpr float kMinTextPx = 7.0f;  // below this many pixels per em only the boxes are drawn
const TreeLayoutOptions kLayoutOptions{1.0f, 2.0f, 2.6f};

const std::vector<ScopeRef> kNone;

ImU32 with_alpha(ImU32 c, float a) {
    const auto alpha = static_cast<ImU32>(static_cast<float>((c >> IM_COL32_A_SHIFT) & 0xFF) * a);
    return (c & ~IM_COL32_A_MASK) | (alpha << IM_COL32_A_SHIFT);
}

ImU32 mix(ImU32 a, ImU32 b, float t) {
    const ImVec4 x = ImGui::ColorConvertU32ToFloat4(a), y = ImGui::ColorConvertU32ToFloat4(b);
    return ImGui::ColorConvertFloat4ToU32(
        ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t, x.z + (y.z - x.z) * t, x.w + (y.w - x.w) * t));
}

const char* kind_icon(ScopeType t) {
    switch (t) {
        case ScopeType::System:
        case ScopeType::Tenant: return ICON_BUILDING;
        case ScopeType::Cluster: return ICON_SERVER;
        case ScopeType::Department: return ICON_USERS;
        case ScopeType::Project: return ICON_FOLDER;
    }
    return ICON_FOLDER;
}

std::string_view kind_key(ScopeType t) {
    switch (t) {
        case ScopeType::System:
        case ScopeType::Tenant: return "account";
        case ScopeType::Cluster: return "cluster";
        case ScopeType::Department: return "department";
        case ScopeType::Project: return "project";
    }
    return "scope";
}

struct NodeStyle {
    ImU32 fill, border, text, sub, icon;
    float border_w;  // in units of the device scale
};

NodeStyle style_for(std::uint8_t marks, bool disabled) {
    const Palette& p = palette();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 muted = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const ImU32 black = IM_COL32(0, 0, 0, 255);
    if (!disabled && (marks & kMarkFocus))
        return {p.accent, mix(p.accent, black, 0.25f), p.accent_text, with_alpha(p.accent_text, 0.85f), p.accent_text,
                2.0f};
    if (!disabled && (marks & kMarkInherits))
        return {mix(p.card, p.accent, p.dark ? 0.2f : 0.12f), with_alpha(p.accent, 0.85f), text, muted, p.accent, 1.4f};
    if (!disabled && (marks & kMarkPath)) return {p.card, p.accent, text, muted, text, 2.0f};
    if (disabled || (marks & kMarkDimmed))
        return {with_alpha(p.card, 0.75f), with_alpha(p.card_border, 0.9f), with_alpha(text, 0.45f),
                with_alpha(muted, 0.55f),  with_alpha(muted, 0.55f),        1.0f};
    return {p.card, mix(p.card_border, black, 0.08f), text, muted, muted, 1.0f};  // nothing focused
}

// "highlighted, path": the node's marks in words (the test label scheme of the diagram).
std::string marks_text(std::uint8_t m, bool match, bool collapsed, bool disabled) {
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

std::string plural(int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

float clamp_zoom(float z) {
    return std::clamp(z, kMinZoom, kMaxZoom);
}

// The top of the tree near the top of the canvas (like an org chart on a page, and clear of
// the legend in the bottom-left corner), for a view of the given zoom.
void align_top(ViewTransform& v, const LayoutRect& b, float h) {
    const float spare = h - b.height() * v.zoom;
    v.offset_y = std::max(1.5f, spare * 0.2f) - b.min_y * v.zoom;
}

ViewTransform fit_top(const LayoutRect& b, float w, float h) {
    ViewTransform v = fit_view(b, w, h, 1.5f, kMinZoom, 1.1f);
    align_top(v, b, h);
    return v;
}

// A new open: the whole tree when it is legible that way; else a readable zoom showing every
// level, centred on the root -> focus path when it fits across, on the focus when not (Fit
// still shows everything).
ViewTransform initial_view(const ScopeLayoutTree& tree, const TreeLayout& l, int focus, float w, float h) {
    const ViewTransform fit = fit_top(l.bounds, w, h);
    if (fit.zoom >= 0.6f || focus < 0 || !l.nodes[static_cast<std::size_t>(focus)].visible) return fit;
    const float zoom = std::max(0.3f, std::min(0.85f, (h - 3.0f) / std::max(l.bounds.height(), 1.0f)));
    float x0 = l.bounds.max_x, x1 = l.bounds.min_x;
    for (int v : tree.ancestors(focus)) {
        const NodePlacement& n = l.nodes[static_cast<std::size_t>(v)];
        x0 = std::min(x0, n.x - n.width / 2);
        x1 = std::max(x1, n.x + n.width / 2);
    }
    const float centre_x = (x1 - x0) * zoom <= w - 3.0f ? (x0 + x1) / 2 : l.nodes[static_cast<std::size_t>(focus)].x;
    ViewTransform v = centre_view({centre_x, 0}, zoom, w, h);
    align_top(v, l.bounds, h);
    return v;
}

// ---- legend ----------------------------------------------------------------------------------

struct LegendRow {
    NodeStyle style;
    std::string text;
    bool ring = false;
};

}  // namespace

std::string node_item_id(ScopeType type, std::string_view name) {
    std::string id = "node/";
    id += kind_key(type);
    id += '/';
    id += name;
    return id;
}

const DiagramCache& update_diagram_cache(const app::State& state, DiagramUi& ui,
                                         const std::vector<ScopeRef>& collapsed) {
    DiagramCache& c = ui.cache;
    const float fs = ImGui::GetFontSize();
    const OrgData& org = state.org.data();
    const std::size_t org_size = 1 + org.clusters.size() + org.departments.size() + org.projects.size();
    if (!c.has_tree || c.org_loaded_at_ms != state.loaded_at_ms || c.org_size != org_size || c.font_size != fs) {
        ImFont* strong = fonts().strong ? fonts().strong : ImGui::GetFont();
        ImFont* body = fonts().body ? fonts().body : ImGui::GetFont();
        auto name_width = [&](std::string_view s) {
            return strong->CalcTextSizeA(fs, FLT_MAX, 0, s.data(), s.data() + s.size()).x / fs + kTextLeft + kPadRight;
        };
        c.tree = build_scope_layout_tree(state.org, name_width, ScopeNodeMetrics{0.0f, 6.0f, kNodeHeight});
        c.item_ids.clear();
        for (std::size_t v = 0; v < c.tree.nodes.size(); ++v) {
            const ScopeType t = c.tree.scopes[v].type;
            const std::string_view kind = scope_label(t);
            const float kind_w =
                body->CalcTextSizeA(fs * kKindScale, FLT_MAX, 0, kind.data(), kind.data() + kind.size()).x / fs;
            c.tree.nodes[v].width = std::max(c.tree.nodes[v].width, kind_w + kTextLeft + kPadRight);
            c.item_ids.push_back(node_item_id(t, c.tree.labels[v]));
        }
        c.subtree = subtree_sizes(c.tree);
        c.org_loaded_at_ms = state.loaded_at_ms;
        c.org_size = org_size;
        c.font_size = fs;
        c.has_tree = true;
        c.has_layout = false;
        c.rows_size = static_cast<std::size_t>(-1);
    }
    if (c.rows_size != state.rows.size() || c.rows_data != state.rows.data() ||
        c.rows_loaded_at_ms != state.loaded_at_ms) {
        std::vector<int> where;
        where.reserve(state.rows.size());
        for (const auto& r : state.rows) where.push_back(c.tree.find_node(r.scope));
        c.counts = credential_counts(c.tree, std::span<const int>(where));
        c.rows_size = state.rows.size();
        c.rows_data = state.rows.data();
        c.rows_loaded_at_ms = state.loaded_at_ms;
    }
    std::vector<int> indices;
    indices.reserve(collapsed.size());
    for (const ScopeRef& s : collapsed)
        if (const int v = c.tree.find_node(s); v >= 0) indices.push_back(v);
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    if (!c.has_layout || indices != c.collapsed) {
        c.layout = layout_stacked(c.tree.nodes, kLayoutOptions, indices);
        c.collapsed = std::move(indices);
        c.has_layout = true;
    }
    return c;
}

void draw_view_controls(DiagramUi& ui, const char* suffix) {
    const std::string sfx(suffix);
    const float side = ImGui::GetFrameHeight();
    if (secondary_button((ICON_SEARCH_MINUS "##zoom-out-" + sfx).c_str(), ImVec2(side, side))) ui.zoom_by /= 1.25f;
    register_last_item("Zoom out##" + sfx, "Zoom out");
    if (ImGui::IsItemHovered()) tooltip_text("Zoom out (or scroll the mouse wheel over the tree)");
    ImGui::SameLine(0, em(0.3f));
    char pct[16];
    if (ui.view.zoom < 0.095f)
        std::snprintf(pct, sizeof pct, "%.1f%%", static_cast<double>(ui.view.zoom * 100));
    else
        std::snprintf(pct, sizeof pct, "%d%%", static_cast<int>(std::lround(ui.view.zoom * 100)));
    ImGui::AlignTextToFramePadding();
    const float w = ImGui::CalcTextSize("100%").x;
    const float x = ImGui::GetCursorPosX();
    ImGui::SetCursorPosX(x + (w - ImGui::CalcTextSize(pct).x) / 2);
    ImGui::TextUnformatted(pct);
    register_last_item("zoom##" + sfx, pct);
    ImGui::SameLine(x + w + em(0.3f));
    if (secondary_button((ICON_SEARCH_PLUS "##zoom-in-" + sfx).c_str(), ImVec2(side, side))) ui.zoom_by *= 1.25f;
    register_last_item("Zoom in##" + sfx, "Zoom in");
    if (ImGui::IsItemHovered()) tooltip_text("Zoom in");
    ImGui::SameLine(0, em(0.3f));
    if (secondary_button((ICON_EXPAND "  Fit##" + sfx).c_str())) ui.fit_requested = true;
    if (ImGui::IsItemHovered()) tooltip_text("Show the whole tree");
}

void draw_scope_canvas(const app::State& state, DiagramUi& ui, const CanvasModel& model, CanvasEvents& events,
                       ImVec2 size) {
    const DiagramCache& c = update_diagram_cache(state, ui, model.collapsed ? *model.collapsed : kNone);
    const ScopeLayoutTree& tree = c.tree;
    const TreeLayout& layout = c.layout;
    const Palette& p = palette();
    const std::string sfx(model.suffix);

    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetColorU32(ImGuiCol_WindowBg));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::BeginChild(("##canvas-" + sfx).c_str(), size, true,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoMove);
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImGuiIO& io = ImGui::GetIO();
    const float fs = ImGui::GetFontSize();
    const float dpi = fs / kBaseFontSize;
    const ImVec2 origin = ImGui::GetWindowPos();
    const ImVec2 extent = ImGui::GetWindowSize();
    const float w_em = extent.x / fs, h_em = extent.y / fs;
    ui.canvas_w_em = w_em;
    ui.canvas_h_em = h_em;

    const int focus = model.focus ? tree.find_node(*model.focus) : -1;
    const int match = model.match ? tree.find_node(*model.match) : -1;
    const std::vector<std::uint8_t> marks = node_marks(tree, focus);

    // ---- the view: a new open, the buttons, a new search match, then the mouse ----
    if (ui.fitted_serial != model.fit_serial) {
        ui.view = initial_view(tree, layout, focus, w_em, h_em);
        ui.fitted_serial = model.fit_serial;
        ui.centred_match_serial = model.match_serial;
    }
    if (ui.fit_requested) ui.view = fit_top(layout.bounds, w_em, h_em);
    ui.fit_requested = false;
    if (ui.zoom_by != 1.0f)
        ui.view = zoom_view_at(ui.view, {w_em / 2, h_em / 2}, clamp_zoom(ui.view.zoom * ui.zoom_by));
    ui.zoom_by = 1.0f;
    if (ui.centred_match_serial != model.match_serial) {
        if (match >= 0 && layout.nodes[static_cast<std::size_t>(match)].visible)
            ui.view = centre_view_on_node(layout, match, std::max(ui.view.zoom, 0.8f), w_em, h_em);
        ui.centred_match_serial = model.match_serial;
    }
    const bool canvas_hovered = ImGui::IsWindowHovered();
    if (canvas_hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) ui.pressed = true;
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) ui.pressed = ui.panning = false;
    if (ui.pressed && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) ui.panning = true;
    if (ui.panning) {
        ui.view.offset_x += io.MouseDelta.x / fs;
        ui.view.offset_y += io.MouseDelta.y / fs;
        ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);
    }
    if (canvas_hovered && io.MouseWheel != 0) {
        const LayoutPoint at{(io.MousePos.x - origin.x) / fs, (io.MousePos.y - origin.y) / fs};
        ui.view = zoom_view_at(ui.view, at, clamp_zoom(ui.view.zoom * std::pow(1.2f, io.MouseWheel)));
    }
    const ViewTransform view = ui.view;
    const float px = view.zoom * fs;  // pixels per layout em
    const bool text = px >= kMinTextPx;
    auto screen = [&](float x, float y) {
        return ImVec2(origin.x + (x * view.zoom + view.offset_x) * fs, origin.y + (y * view.zoom + view.offset_y) * fs);
    };
    const LayoutPoint lo = to_layout(view, {0, 0}), hi = to_layout(view, {w_em, h_em});
    auto in_view = [&](float x0, float y0, float x1, float y1) {
        return x1 >= lo.x && x0 <= hi.x && y1 >= lo.y && y0 <= hi.y;
    };
    const bool drag_was_click = io.MouseDragMaxDistanceSqr[0] < io.MouseDragThreshold * io.MouseDragThreshold;

    // Channel 0: grid, connectors and nodes; channel 1: the legend, over them.
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(0);

    // ---- background dots, every 2^k * 2 em, at least 1.5 em apart on screen ----
    float step = 2.0f;
    while (step * px < em(1.5f)) step *= 2;
    if (step * px >= 4.0f) {
        const ImU32 dot = with_alpha(p.card_border, p.dark ? 0.7f : 1.0f);
        const float r = std::max(1.0f, dpi);
        for (float gx = std::floor(lo.x / step) * step; gx <= hi.x; gx += step)
            for (float gy = std::floor(lo.y / step) * step; gy <= hi.y; gy += step) {
                const ImVec2 s = screen(gx, gy);
                dl->AddRectFilled(ImVec2(s.x - r / 2, s.y - r / 2), ImVec2(s.x + r / 2, s.y + r / 2), dot);
            }
    }

    // ---- connectors: plain, then into inheriting nodes, then the root path on top ----
    const float line_scale = dpi * std::clamp(view.zoom, 0.6f, 1.4f);
    // Opaque colours: the connectors of stacked children share their spine, drawn once per child.
    const ImU32 bg = ImGui::GetColorU32(ImGuiCol_WindowBg);
    const ImU32 plain = mix(bg, ImGui::GetColorU32(ImGuiCol_TextDisabled), p.dark ? 0.55f : 0.45f);
    const ImU32 inherit = mix(bg, p.accent, 0.6f);
    for (int pass = 0; pass < 3; ++pass) {
        for (const Connector& k : layout.connectors) {
            const std::uint8_t pm = marks[static_cast<std::size_t>(k.parent)],
                               cm = marks[static_cast<std::size_t>(k.child)];
            const int kind = ((pm & kMarkPath) && (cm & kMarkPath)) ? 2 : (cm & kMarkInherits) ? 1 : 0;
            if (kind != pass) continue;
            float x0 = k.points[0].x, x1 = x0, y0 = k.points[0].y, y1 = y0;
            for (int i = 1; i < k.point_count; ++i) {
                x0 = std::min(x0, k.points[i].x), x1 = std::max(x1, k.points[i].x);
                y0 = std::min(y0, k.points[i].y), y1 = std::max(y1, k.points[i].y);
            }
            if (!in_view(x0, y0, x1, y1)) continue;
            ImVec2 pts[4];
            for (int i = 0; i < k.point_count; ++i) pts[i] = screen(k.points[i].x, k.points[i].y);
            const ImU32 col = kind == 2 ? p.accent : kind == 1 ? inherit : plain;
            const float thick = (kind == 2 ? 2.6f : kind == 1 ? 1.7f : 1.2f) * line_scale;
            dl->AddPolyline(pts, k.point_count, col, ImDrawFlags_None, thick);
        }
    }

    // ---- the legend: drawn last (channel 1) but submitted first, so it takes the mouse ----
    std::vector<LegendRow> legend;
    if (model.legend && text) {
        if (focus >= 0) {
            legend.push_back(
                {style_for(kMarkFocus, false), model.for_credential ? "The credential's scope" : "Selected scope"});
            legend.push_back({style_for(kMarkInherits, false),
                              model.for_credential ? "Inherits it: can use the credential" : "Inherits from it"});
            legend.push_back({style_for(kMarkDimmed | kMarkPath, false), "Path from the account"});
            legend.push_back({style_for(kMarkDimmed, false),
                              model.for_credential ? "Cannot use the credential" : "Does not inherit"});
        }
        if (match >= 0) legend.push_back({style_for(kMarkNone, false), "Search match", true});
    }
    const char* hint = "Drag to pan, scroll to zoom, click a scope to list its credentials";
    ImRect legend_rect;
    std::string legend_text;
    if (!legend.empty()) {
        float tw = ImGui::CalcTextSize(hint).x * 0.85f;
        for (const auto& r : legend) tw = std::max(tw, ImGui::CalcTextSize(r.text.c_str()).x + em(2.2f));
        const float row_h = em(1.45f);
        const ImVec2 sz(tw + em(1.6f), row_h * static_cast<float>(legend.size()) + em(2.2f));
        legend_rect = ImRect(ImVec2(origin.x + em(0.8f), origin.y + extent.y - sz.y - em(0.8f)),
                             ImVec2(origin.x + em(0.8f) + sz.x, origin.y + extent.y - em(0.8f)));
        ImGui::SetCursorScreenPos(legend_rect.Min);
        ImGui::InvisibleButton("##legend", sz);
        ImGui::SetItemUsingMouseWheel();
        for (const auto& r : legend) legend_text += (legend_text.empty() ? "" : "; ") + r.text;
        register_last_item("legend##" + sfx, legend_text);
    }

    // ---- nodes ----
    ImFont* strong = fonts().strong ? fonts().strong : ImGui::GetFont();
    ImFont* body = fonts().body ? fonts().body : ImGui::GetFont();
    const ImVec2 mouse = io.MousePos;
    int hovered = -1;
    bool hovered_toggle = false;
    for (std::size_t v = 0; v < layout.nodes.size(); ++v) {
        const NodePlacement& n = layout.nodes[v];
        if (!n.visible) continue;
        const float x0 = n.x - n.width / 2, x1 = n.x + n.width / 2, y0 = n.y, y1 = n.y + n.height;
        if (!in_view(x0 - 1, y0 - 1, x1 + 1, y1 + 1.5f)) continue;
        const int vi = static_cast<int>(v);
        const bool has_kids = !tree.nodes[v].children.empty();
        const bool collapsed = std::binary_search(c.collapsed.begin(), c.collapsed.end(), vi);
        const bool disabled = model.allowed && !model.allowed->allows(tree.scopes[v]);
        const ImVec2 a = screen(x0, y0), b = screen(x1, y1);
        const ImRect bb(a, b);

        // The collapse toggle, submitted before its node so that it wins the mouse.
        ImRect toggle_bb;
        std::string badge;
        const bool show_toggle = has_kids && text && px >= em(0.5f);
        if (show_toggle) {
            const float cx = (a.x + b.x) / 2;
            badge = collapsed ? "+" + std::to_string(c.subtree[v] - 1) : std::string();
            const float fsz = fs * view.zoom * 0.75f;
            const float bw = collapsed ? body->CalcTextSizeA(fsz, FLT_MAX, 0, badge.c_str()).x + 0.9f * px : 1.2f * px;
            toggle_bb = ImRect(ImVec2(cx - bw / 2, b.y - 0.6f * px), ImVec2(cx + bw / 2, b.y + 0.6f * px));
            const ImGuiID tid = window->GetID(-1 - vi);
            if (ImGui::ItemAdd(toggle_bb, tid)) {
                bool th = false, held = false;
                if (ImGui::ButtonBehavior(toggle_bb, tid, &th, &held) && drag_was_click)
                    events.toggled = tree.scopes[v];
                ImGui::SetItemUsingMouseWheel();
                register_last_item(
                    "toggle/" + c.item_ids[v].substr(5),
                    collapsed ? "expand (" + plural(c.subtree[v] - 1, "scope", "scopes") + " hidden)" : "collapse");
                if (th && !ui.panning) {
                    hovered_toggle = true;
                    hovered = vi;
                }
            }
        }

        const ImGuiID id = window->GetID(vi);
        if (disabled) ImGui::PushItemFlag(ImGuiItemFlags_Disabled, true);
        if (ImGui::ItemAdd(bb, id)) {
            bool nh = false, held = false;
            const bool pressed = ImGui::ButtonBehavior(bb, id, &nh, &held);
            ImGui::SetItemUsingMouseWheel();
            const std::string m = marks_text(marks[v], vi == match, collapsed, disabled);
            register_last_item(c.item_ids[v], tree.labels[v] + (m.empty() ? "" : " (" + m + ")"));
            if (pressed && drag_was_click && !disabled) events.clicked = tree.scopes[v];
            if (!ui.panning && hovered < 0 && canvas_hovered && bb.Contains(mouse) && !legend_rect.Contains(mouse))
                hovered = vi;
        }
        if (disabled) ImGui::PopItemFlag();

        // Drawing.
        NodeStyle st = style_for(marks[v], disabled);
        if (!text) st.fill = mix(st.fill, st.border, 0.7f);  // an overview: solid blocks read better
        const bool hot = hovered == vi && !hovered_toggle;
        if (hot && !disabled) {
            st.border = (marks[v] & kMarkFocus) ? st.border : p.accent;
            st.border_w = std::max(st.border_w, 2.0f);
        }
        const float round = kRounding * px;
        if (collapsed && px >= 3) {  // a stack of cards: there is more below
            for (int k = 2; k >= 1; --k) {
                const float o = 0.28f * px * static_cast<float>(k);
                dl->AddRectFilled(ImVec2(a.x + o, a.y + o), ImVec2(b.x + o, b.y + o), st.fill, round);
                dl->AddRect(ImVec2(a.x + o, a.y + o), ImVec2(b.x + o, b.y + o), st.border, round, 0, dpi);
            }
        }
        if (px >= 3)
            dl->AddRectFilled(ImVec2(a.x, a.y + 0.12f * px), ImVec2(b.x, b.y + 0.12f * px),
                              IM_COL32(0, 0, 0, p.dark ? 70 : 18), round);
        dl->AddRectFilled(a, ImVec2(std::max(b.x, a.x + 1), std::max(b.y, a.y + 1)), st.fill, round);
        if (px >= 1.5f) dl->AddRect(a, b, st.border, round, 0, st.border_w * dpi);
        if (vi == match) {
            const float g = 0.3f * px;
            dl->AddRect(ImVec2(a.x - g, a.y - g), ImVec2(b.x + g, b.y + g), p.busy, round + g, 0, 2.5f * dpi);
        }
        if (text) {
            const float fsz = fs * view.zoom;
            dl->AddText(strong, fsz * 1.1f, ImVec2(a.x + kIconLeft * px, a.y + 0.93f * px), st.icon,
                        kind_icon(tree.scopes[v].type));
            dl->AddText(strong, fsz, ImVec2(a.x + kTextLeft * px, a.y + 0.42f * px), st.text, tree.labels[v].c_str());
            const std::string_view kind = scope_label(tree.scopes[v].type);
            dl->AddText(body, fsz * kKindScale, ImVec2(a.x + kTextLeft * px, a.y + 1.68f * px), st.sub, kind.data(),
                        kind.data() + kind.size());
            // Credentials defined here: a small badge on the top-right corner.
            if (const int defined = c.counts.empty() ? 0 : c.counts[v].defined; defined > 0) {
                const std::string count = std::string(ICON_KEY " ") + std::to_string(defined);
                const float bs = fsz * 0.72f;
                const ImVec2 ts = body->CalcTextSizeA(bs, FLT_MAX, 0, count.c_str());
                const ImVec2 bmax(b.x - 0.35f * px, a.y + 0.45f * px);
                const ImVec2 bmin(bmax.x - ts.x - 0.7f * px, bmax.y - ts.y - 0.2f * px);
                const ImU32 bg = (marks[v] & kMarkFocus)
                                     ? p.card
                                     : with_alpha(p.busy, disabled || (marks[v] == kMarkDimmed) ? 0.5f : 1.0f);
                const ImU32 fg = (marks[v] & kMarkFocus) ? p.accent : IM_COL32_WHITE;
                dl->AddRectFilled(bmin, bmax, bg, 0.6f * px);
                dl->AddText(body, bs, ImVec2(bmin.x + 0.35f * px, bmin.y + 0.1f * px), fg, count.c_str());
            }
            if (show_toggle) {
                const bool th = hovered_toggle && hovered == vi;
                const ImU32 tb = th ? p.chip_hover : p.card;
                const ImU32 tc = (marks[v] & (kMarkFocus | kMarkInherits | kMarkPath))
                                     ? p.accent
                                     : ImGui::GetColorU32(ImGuiCol_TextDisabled);
                dl->AddRectFilled(toggle_bb.Min, toggle_bb.Max, tb, 0.6f * px);
                dl->AddRect(toggle_bb.Min, toggle_bb.Max, tc, 0.6f * px, 0, 1.2f * dpi);
                const char* glyph = collapsed ? badge.c_str() : ICON_MINUS;
                const float gs = fs * view.zoom * (collapsed ? 0.75f : 0.62f);
                ImFont* gf = collapsed ? body : strong;
                const ImVec2 g = gf->CalcTextSizeA(gs, FLT_MAX, 0, glyph);
                dl->AddText(gf, gs, ImVec2(toggle_bb.GetCenter().x - g.x / 2, toggle_bb.GetCenter().y - g.y / 2), tc,
                            glyph);
            }
        }
    }

    // ---- the legend's drawing ----
    if (!legend.empty()) {
        dl->ChannelsSetCurrent(1);
        dl->AddRectFilled(legend_rect.Min, legend_rect.Max, with_alpha(p.card, 0.96f), em(0.4f));
        dl->AddRect(legend_rect.Min, legend_rect.Max, p.card_border, em(0.4f), 0, dpi);
        ImVec2 at(legend_rect.Min.x + em(0.8f), legend_rect.Min.y + em(0.7f));
        for (const auto& r : legend) {
            const ImVec2 s0(at.x, at.y + em(0.1f)), s1(at.x + em(1.4f), at.y + em(1.0f));
            if (r.ring) {
                dl->AddRect(s0, s1, p.busy, em(0.25f), 0, 2.5f * dpi);
            } else {
                dl->AddRectFilled(s0, s1, r.style.fill, em(0.25f));
                dl->AddRect(s0, s1, r.style.border, em(0.25f), 0, r.style.border_w * dpi);
            }
            dl->AddText(ImVec2(at.x + em(2.0f), at.y), ImGui::GetColorU32(ImGuiCol_Text), r.text.c_str());
            at.y += em(1.45f);
        }
        dl->AddText(body, fs * 0.85f, ImVec2(at.x, at.y + em(0.1f)), ImGui::GetColorU32(ImGuiCol_TextDisabled), hint);
    }
    dl->ChannelsMerge();

    // The canvas itself, last: it gets the mouse where no node or legend is (a drag there pans).
    ImGui::SetCursorScreenPos(origin);
    ImGui::InvisibleButton(("##canvas-bg-" + sfx).c_str(), extent);
    ImGui::SetItemUsingMouseWheel();
    register_last_item("canvas##" + sfx, "");
    char offset[48];
    std::snprintf(offset, sizeof offset, "%.2f,%.2f", view.offset_x, view.offset_y);
    register_last_item("offset##" + sfx, offset);

    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();

    // The tooltip, outside the canvas's zero padding.
    if (hovered >= 0 && !hovered_toggle && !ui.panning) {
        const auto v = static_cast<std::size_t>(hovered);
        const bool disabled = model.allowed && !model.allowed->allows(tree.scopes[v]);
        if (!disabled) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        const ScopeCredentialCounts k = c.counts.empty() ? ScopeCredentialCounts{} : c.counts[v];
        std::string body_text =
            std::string(scope_label(tree.scopes[v].type)) + "  \xC2\xB7  " + state.org.scope_path(tree.scopes[v]);
        body_text += "\n\n" + plural(k.defined, "credential", "credentials") + " defined here";
        body_text += "\n" + plural(k.inherited, "credential", "credentials") + " inherited from above";
        body_text += "\n" + std::to_string(k.usable()) + " usable here in all";
        if (std::binary_search(c.collapsed.begin(), c.collapsed.end(), hovered))
            body_text += "\n" + plural(c.subtree[v] - 1, "scope", "scopes") + " hidden below, with " +
                         plural(k.in_subtree - k.defined, "credential", "credentials");
        const std::uint8_t m = marks[v];
        if (m & kMarkFocus)
            body_text += model.for_credential ? "\n\nThe credential is defined here." : "\n\nThe selected scope.";
        else if (m & kMarkInherits)
            body_text += model.for_credential ? "\n\nInherits the credential: it can be used here."
                                              : "\n\nInherits from the selected scope.";
        else if (m & kMarkDimmed)
            body_text += model.for_credential ? "\n\nThe credential cannot be used here." : "";
        if (disabled)
            body_text += "\n\nYou may not create credentials in this scope.";
        else
            body_text += model.suffix == std::string("picker") ? "\n\nClick to choose this scope."
                                                               : "\n\nClick to list the credentials usable here.";
        ImGui::BeginTooltip();
        ImGui::PushFont(strong);
        ImGui::TextUnformatted(tree.labels[v].c_str());
        ImGui::PopFont();
        ImGui::PushTextWrapPos(em(24));
        ImGui::TextUnformatted(body_text.c_str());
        ImGui::PopTextWrapPos();
        register_last_item("tooltip", tree.labels[v] + "\n" + body_text);
        ImGui::EndTooltip();
    } else if (hovered_toggle) {
        tooltip_text(std::binary_search(c.collapsed.begin(), c.collapsed.end(), hovered) ? "Show the scopes below"
                                                                                         : "Hide the scopes below");
    }
}

}  // namespace cc::ui
