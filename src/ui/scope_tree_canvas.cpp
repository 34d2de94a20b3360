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
#include "ui/draw_hints.h"
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

// ---- one frame of the canvas ------------------------------------------------------------------

struct LegendRow {
    NodeStyle style;
    std::string text;
    bool ring = false;
};

constexpr const char* kCanvasHint = "Drag to pan, scroll to zoom, click a scope to list its credentials";

// Where the canvas is on the screen this frame and how layout em map to it.
struct Frame {
    ImGuiWindow* window = nullptr;
    ImDrawList* dl = nullptr;
    ImVec2 origin, extent;
    float fs = 0, dpi = 0;  // the font size in pixels, and it relative to the base size
    ViewTransform view;
    float px = 0;        // pixels per layout em
    bool text = false;   // zoomed in enough for text
    LayoutPoint lo, hi;  // the layout rectangle in view

    ImVec2 screen(float x, float y) const {
        return ImVec2(origin.x + (x * view.zoom + view.offset_x) * fs, origin.y + (y * view.zoom + view.offset_y) * fs);
    }
    bool in_view(float x0, float y0, float x1, float y1) const {
        return x1 >= lo.x && x0 <= hi.x && y1 >= lo.y && y0 <= hi.y;
    }
};

// What the pointer did to the nodes this frame.
struct Hover {
    int node = -1;
    bool toggle = false;  // over the node's collapse toggle rather than the node
};

// The view for this frame: a new open fits (or centres on the focus), then the zoom and Fit
// buttons, a new search match, and the mouse (drag pans, the wheel zooms at the pointer).
void update_view(DiagramUi& ui, const CanvasModel& model, const DiagramCache& c, int focus, int match, Frame& f) {
    const float w_em = f.extent.x / f.fs, h_em = f.extent.y / f.fs;
    ui.canvas_w_em = w_em;
    ui.canvas_h_em = h_em;
    if (ui.fitted_serial != model.fit_serial) {
        ui.view = initial_view(c.tree, c.layout, focus, w_em, h_em);
        ui.fitted_serial = model.fit_serial;
        ui.centred_match_serial = model.match_serial;
    }
    if (ui.fit_requested) ui.view = fit_top(c.layout.bounds, w_em, h_em);
    ui.fit_requested = false;
    if (ui.zoom_by != 1.0f)
        ui.view = zoom_view_at(ui.view, {w_em / 2, h_em / 2}, clamp_zoom(ui.view.zoom * ui.zoom_by));
    ui.zoom_by = 1.0f;
    if (ui.centred_match_serial != model.match_serial) {
        if (match >= 0 && c.layout.nodes[static_cast<std::size_t>(match)].visible)
            ui.view = centre_view_on_node(c.layout, match, std::max(ui.view.zoom, 0.8f), w_em, h_em);
        ui.centred_match_serial = model.match_serial;
    }
    const ImGuiIO& io = ImGui::GetIO();
    const bool hovered = ImGui::IsWindowHovered();
    if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) ui.pressed = true;
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) ui.pressed = ui.panning = false;
    if (ui.pressed && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) ui.panning = true;
    if (ui.panning) {
        ui.view.offset_x += io.MouseDelta.x / f.fs;
        ui.view.offset_y += io.MouseDelta.y / f.fs;
        ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);
    }
    // Fingers: a drag pans (its wheel is not a zoom here), a pinch zooms at the fingers' midpoint.
    const TouchGesture& touch = touch_gesture();
    const bool finger_drag = touch.drag.x != 0 || touch.drag.y != 0;
    if (hovered && finger_drag) {
        ui.view.offset_x += touch.drag.x / f.fs;
        ui.view.offset_y += touch.drag.y / f.fs;
    }
    if (hovered && touch.pinch != 1.0f) {
        const LayoutPoint at{(touch.pinch_centre.x - f.origin.x) / f.fs, (touch.pinch_centre.y - f.origin.y) / f.fs};
        ui.view = zoom_view_at(ui.view, at, clamp_zoom(ui.view.zoom * touch.pinch));
    }
    if (hovered && io.MouseWheel != 0 && !finger_drag) {
        const LayoutPoint at{(io.MousePos.x - f.origin.x) / f.fs, (io.MousePos.y - f.origin.y) / f.fs};
        ui.view = zoom_view_at(ui.view, at, clamp_zoom(ui.view.zoom * std::pow(1.2f, io.MouseWheel)));
    }
    f.view = ui.view;
    f.px = f.view.zoom * f.fs;
    f.text = f.px >= kMinTextPx;
    f.lo = to_layout(f.view, {0, 0});
    f.hi = to_layout(f.view, {w_em, h_em});
}

// Background dots, every 2^k * 2 em, at least 1.5 em apart on screen.
void draw_grid(const Frame& f) {
    const Palette& p = palette();
    float step = 2.0f;
    while (step * f.px < em(1.5f)) step *= 2;
    if (step * f.px < 4.0f) return;
    const ImU32 dot = with_alpha(p.card_border, p.dark ? 0.7f : 1.0f);
    const float r = std::max(1.0f, f.dpi);
    for (float gx = std::floor(f.lo.x / step) * step; gx <= f.hi.x; gx += step)
        for (float gy = std::floor(f.lo.y / step) * step; gy <= f.hi.y; gy += step) {
            const ImVec2 s = f.screen(gx, gy);
            f.dl->AddRectFilled(ImVec2(s.x - r / 2, s.y - r / 2), ImVec2(s.x + r / 2, s.y + r / 2), dot);
        }
}

// Connectors: plain ones, then those into inheriting nodes, then the root path on top.
void draw_connectors(const Frame& f, const TreeLayout& layout, const std::vector<std::uint8_t>& marks) {
    const Palette& p = palette();
    const float line_scale = f.dpi * std::clamp(f.view.zoom, 0.6f, 1.4f);
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
            const auto count = static_cast<std::size_t>(k.point_count);
            float x0 = k.points[0].x, x1 = x0, y0 = k.points[0].y, y1 = y0;
            for (std::size_t i = 1; i < count; ++i) {
                x0 = std::min(x0, k.points[i].x), x1 = std::max(x1, k.points[i].x);
                y0 = std::min(y0, k.points[i].y), y1 = std::max(y1, k.points[i].y);
            }
            if (!f.in_view(x0, y0, x1, y1)) continue;
            ImVec2 pts[4];
            for (std::size_t i = 0; i < count; ++i) pts[i] = f.screen(k.points[i].x, k.points[i].y);
            const ImU32 col = kind == 2 ? p.accent : kind == 1 ? inherit : plain;
            const float thick = (kind == 2 ? 2.6f : kind == 1 ? 1.7f : 1.2f) * line_scale;
            f.dl->AddPolyline(pts, k.point_count, col, ImDrawFlags_None, thick);
        }
    }
}

// The legend's rows for what the canvas shows (none in the picker, or when zoomed out).
std::vector<LegendRow> legend_rows(const CanvasModel& model, const Frame& f, int focus, int match) {
    std::vector<LegendRow> legend;
    if (!model.legend || !f.text) return legend;
    if (focus >= 0) {
        legend.push_back(
            {style_for(kMarkFocus, false), model.for_credential ? "The credential's scope" : "Selected scope"});
        legend.push_back({style_for(kMarkInherits, false),
                          model.for_credential ? "Inherits it: can use the credential" : "Inherits from it"});
        legend.push_back({style_for(kMarkDimmed | kMarkPath, false), "Path from the account"});
        legend.push_back(
            {style_for(kMarkDimmed, false), model.for_credential ? "Cannot use the credential" : "Does not inherit"});
    }
    if (match >= 0) legend.push_back({style_for(kMarkNone, false), "Search match", true});
    return legend;
}

// The legend's item in the bottom-left corner, submitted before the nodes so it takes the mouse
// there. Returns its rectangle (empty when there is no legend).
ImRect submit_legend(const std::vector<LegendRow>& legend, const Frame& f, const std::string& sfx) {
    if (legend.empty()) return {};
    float tw = ImGui::CalcTextSize(kCanvasHint).x * 0.85f;
    for (const auto& r : legend) tw = std::max(tw, ImGui::CalcTextSize(r.text.c_str()).x + em(2.2f));
    const ImVec2 sz(tw + em(1.6f), em(1.45f) * static_cast<float>(legend.size()) + em(2.2f));
    const ImRect rect(ImVec2(f.origin.x + em(0.8f), f.origin.y + f.extent.y - sz.y - em(0.8f)),
                      ImVec2(f.origin.x + em(0.8f) + sz.x, f.origin.y + f.extent.y - em(0.8f)));
    ImGui::SetCursorScreenPos(rect.Min);
    ImGui::InvisibleButton("##legend", sz);
    ImGui::SetItemUsingMouseWheel();
    std::string text;
    for (const auto& r : legend) text += (text.empty() ? "" : "; ") + r.text;
    register_last_item("legend##" + sfx, text);
    return rect;
}

void draw_legend(const std::vector<LegendRow>& legend, const ImRect& rect, const Frame& f) {
    if (legend.empty()) return;
    const Palette& p = palette();
    ImDrawList* dl = f.dl;
    dl->AddRectFilled(rect.Min, rect.Max, with_alpha(p.card, 0.96f), em(0.4f));
    dl->AddRect(rect.Min, rect.Max, p.card_border, em(0.4f), 0, f.dpi);
    ImVec2 at(rect.Min.x + em(0.8f), rect.Min.y + em(0.7f));
    for (const auto& r : legend) {
        const ImVec2 s0(at.x, at.y + em(0.1f)), s1(at.x + em(1.4f), at.y + em(1.0f));
        if (r.ring) {
            dl->AddRect(s0, s1, p.busy, em(0.25f), 0, 2.5f * f.dpi);
        } else {
            dl->AddRectFilled(s0, s1, r.style.fill, em(0.25f));
            dl->AddRect(s0, s1, r.style.border, em(0.25f), 0, r.style.border_w * f.dpi);
        }
        dl->AddText(ImVec2(at.x + em(2.0f), at.y), ImGui::GetColorU32(ImGuiCol_Text), r.text.c_str());
        at.y += em(1.45f);
    }
    ImFont* body = fonts().body ? fonts().body : ImGui::GetFont();
    dl->AddText(body, f.fs * 0.85f, ImVec2(at.x, at.y + em(0.1f)), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                kCanvasHint);
}

// Everything the node loop needs that is the same for every node.
struct NodePass {
    const DiagramCache& c;
    const CanvasModel& model;
    const std::vector<std::uint8_t>& marks;
    int match = -1;
    ImRect legend;
    bool canvas_hovered = false;
    bool drag_was_click = false;
    bool panning = false;
};

// A node's collapse toggle under its bottom edge, submitted before the node so it wins the
// mouse. Returns its rectangle (empty when the node shows none) and its badge text.
ImRect submit_toggle(const NodePass& np, const Frame& f, std::size_t v, ImRect bb, bool collapsed, std::string& badge,
                     Hover& hover, CanvasEvents& events) {
    const int vi = static_cast<int>(v);
    const bool show = !np.c.tree.nodes[v].children.empty() && f.text && f.px >= em(0.5f);
    if (!show) return {};
    ImFont* body = fonts().body ? fonts().body : ImGui::GetFont();
    const float cx = (bb.Min.x + bb.Max.x) / 2;
    badge = collapsed ? "+" + std::to_string(np.c.subtree[v] - 1) : std::string();
    const float fsz = f.fs * f.view.zoom * 0.75f;
    const float bw = collapsed ? body->CalcTextSizeA(fsz, FLT_MAX, 0, badge.c_str()).x + 0.9f * f.px : 1.2f * f.px;
    const ImRect toggle(ImVec2(cx - bw / 2, bb.Max.y - 0.6f * f.px), ImVec2(cx + bw / 2, bb.Max.y + 0.6f * f.px));
    const ImGuiID tid = f.window->GetID(-1 - vi);
    if (!ImGui::ItemAdd(toggle, tid)) return toggle;
    bool hovered = false, held = false;
    if (ImGui::ButtonBehavior(toggle, tid, &hovered, &held) && np.drag_was_click) events.toggled = np.c.tree.scopes[v];
    ImGui::SetItemUsingMouseWheel();
    register_last_item(
        "toggle/" + np.c.item_ids[v].substr(5),
        collapsed ? "expand (" + plural(np.c.subtree[v] - 1, "scope", "scopes") + " hidden)" : "collapse");
    if (hovered && !np.panning) hover = Hover{vi, true};
    return toggle;
}

// The node's own item: its test label, a click, the hover.
void submit_node(const NodePass& np, const Frame& f, std::size_t v, const ImRect& bb, bool collapsed, bool disabled,
                 Hover& hover, CanvasEvents& events) {
    const int vi = static_cast<int>(v);
    const ImGuiID id = f.window->GetID(vi);
    if (disabled) ImGui::PushItemFlag(ImGuiItemFlags_Disabled, true);
    if (ImGui::ItemAdd(bb, id)) {
        bool hovered = false, held = false;
        const bool pressed = ImGui::ButtonBehavior(bb, id, &hovered, &held);
        ImGui::SetItemUsingMouseWheel();
        const std::string m = node_marks_text(np.marks[v], vi == np.match, collapsed, disabled);
        register_last_item(np.c.item_ids[v], np.c.tree.labels[v] + (m.empty() ? "" : " (" + m + ")"));
        const bool parent = !np.c.tree.nodes[v].children.empty();
        describe_last_item("treeitem", {},
                           {{"aria-level", std::to_string(np.c.tree.depths[v] + 1)},
                            {"aria-expanded", parent ? (collapsed ? "false" : "true") : ""},
                            {"aria-disabled", disabled ? "true" : ""}});
        if (pressed && np.drag_was_click && !disabled) events.clicked = np.c.tree.scopes[v];
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        if (!np.panning && hover.node < 0 && np.canvas_hovered && bb.Contains(mouse) && !np.legend.Contains(mouse))
            hover = Hover{vi, false};
    }
    if (disabled) ImGui::PopItemFlag();
}

// The box: a stack of cards when collapsed, a shadow, the fill and border, the match ring.
void draw_node_box(const Frame& f, const ImRect& bb, const NodeStyle& st, bool collapsed, bool match) {
    const Palette& p = palette();
    const ImVec2 a = bb.Min, b = bb.Max;
    const float px = f.px, round = kRounding * px;
    ImDrawList* dl = f.dl;
    if (collapsed && px >= 3) {  // there is more below
        for (int k = 2; k >= 1; --k) {
            const float o = 0.28f * px * static_cast<float>(k);
            dl->AddRectFilled(ImVec2(a.x + o, a.y + o), ImVec2(b.x + o, b.y + o), st.fill, round);
            dl->AddRect(ImVec2(a.x + o, a.y + o), ImVec2(b.x + o, b.y + o), st.border, round, 0, f.dpi);
        }
    }
    if (px >= 3)
        dl->AddRectFilled(ImVec2(a.x, a.y + 0.12f * px), ImVec2(b.x, b.y + 0.12f * px),
                          IM_COL32(0, 0, 0, p.dark ? 70 : 18), round);
    dl->AddRectFilled(a, ImVec2(std::max(b.x, a.x + 1), std::max(b.y, a.y + 1)), st.fill, round);
    if (px >= 1.5f) dl->AddRect(a, b, st.border, round, 0, st.border_w * f.dpi);
    if (match) {
        const float g = 0.3f * px;
        dl->AddRect(ImVec2(a.x - g, a.y - g), ImVec2(b.x + g, b.y + g), p.busy, round + g, 0, 2.5f * f.dpi);
    }
}

// The icon, name and kind, and a badge with the credentials defined here.
void draw_node_text(const NodePass& np, const Frame& f, std::size_t v, const ImRect& bb, const NodeStyle& st,
                    bool disabled) {
    const Palette& p = palette();
    ImFont* strong = fonts().strong ? fonts().strong : ImGui::GetFont();
    ImFont* body = fonts().body ? fonts().body : ImGui::GetFont();
    const ScopeLayoutTree& tree = np.c.tree;
    const ImVec2 a = bb.Min, b = bb.Max;
    const float px = f.px, fsz = f.fs * f.view.zoom;
    ImDrawList* dl = f.dl;
    dl->AddText(strong, fsz * 1.1f, ImVec2(a.x + kIconLeft * px, a.y + 0.93f * px), st.icon,
                kind_icon(tree.scopes[v].type));
    dl->AddText(strong, fsz, ImVec2(a.x + kTextLeft * px, a.y + 0.42f * px), st.text, tree.labels[v].c_str());
    const std::string_view kind = scope_label(tree.scopes[v].type);
    dl->AddText(body, fsz * kKindScale, ImVec2(a.x + kTextLeft * px, a.y + 1.68f * px), st.sub, kind.data(),
                kind.data() + kind.size());
    const int defined = np.c.counts.empty() ? 0 : np.c.counts[v].defined;
    if (defined <= 0) return;
    const std::uint8_t m = np.marks[v];
    const std::string count = std::string(ICON_KEY " ") + std::to_string(defined);
    const float bs = fsz * 0.72f;
    const ImVec2 ts = body->CalcTextSizeA(bs, FLT_MAX, 0, count.c_str());
    const ImVec2 bmax(b.x - 0.35f * px, a.y + 0.45f * px);
    const ImVec2 bmin(bmax.x - ts.x - 0.7f * px, bmax.y - ts.y - 0.2f * px);
    const ImU32 bg = (m & kMarkFocus) ? p.card : with_alpha(p.busy, disabled || (m == kMarkDimmed) ? 0.5f : 1.0f);
    const ImU32 fg = (m & kMarkFocus) ? p.accent : IM_COL32_WHITE;
    dl->AddRectFilled(bmin, bmax, bg, 0.6f * px);
    dl->AddText(body, bs, ImVec2(bmin.x + 0.35f * px, bmin.y + 0.1f * px), fg, count.c_str());
}

// The collapse toggle's drawing: "-" when open, "+N" when collapsed.
void draw_toggle(const Frame& f, const ImRect& toggle, const std::string& badge, std::uint8_t marks, bool collapsed,
                 bool hot) {
    const Palette& p = palette();
    ImFont* strong = fonts().strong ? fonts().strong : ImGui::GetFont();
    ImFont* body = fonts().body ? fonts().body : ImGui::GetFont();
    const ImU32 tb = hot ? p.chip_hover : p.card;
    const ImU32 tc =
        (marks & (kMarkFocus | kMarkInherits | kMarkPath)) ? p.accent : ImGui::GetColorU32(ImGuiCol_TextDisabled);
    f.dl->AddRectFilled(toggle.Min, toggle.Max, tb, 0.6f * f.px);
    f.dl->AddRect(toggle.Min, toggle.Max, tc, 0.6f * f.px, 0, 1.2f * f.dpi);
    const char* glyph = collapsed ? badge.c_str() : ICON_MINUS;
    const float gs = f.fs * f.view.zoom * (collapsed ? 0.75f : 0.62f);
    ImFont* gf = collapsed ? body : strong;
    const ImVec2 g = gf->CalcTextSizeA(gs, FLT_MAX, 0, glyph);
    f.dl->AddText(gf, gs, ImVec2(toggle.GetCenter().x - g.x / 2, toggle.GetCenter().y - g.y / 2), tc, glyph);
}

// Every visible node in view: its items (toggle, node), then its drawing.
Hover draw_nodes(const NodePass& np, const Frame& f, CanvasEvents& events) {
    const Palette& p = palette();
    Hover hover;
    for (std::size_t v = 0; v < np.c.layout.nodes.size(); ++v) {
        const NodePlacement& n = np.c.layout.nodes[v];
        if (!n.visible) continue;
        const float x0 = n.x - n.width / 2, x1 = n.x + n.width / 2, y0 = n.y, y1 = n.y + n.height;
        if (!f.in_view(x0 - 1, y0 - 1, x1 + 1, y1 + 1.5f)) continue;
        const int vi = static_cast<int>(v);
        const bool collapsed = std::binary_search(np.c.collapsed.begin(), np.c.collapsed.end(), vi);
        const bool disabled = np.model.allowed && !np.model.allowed->allows(np.c.tree.scopes[v]);
        const ImRect bb(f.screen(x0, y0), f.screen(x1, y1));
        std::string badge;
        const ImRect toggle = submit_toggle(np, f, v, bb, collapsed, badge, hover, events);
        submit_node(np, f, v, bb, collapsed, disabled, hover, events);

        NodeStyle st = style_for(np.marks[v], disabled);
        if (!f.text) st.fill = mix(st.fill, st.border, 0.7f);  // an overview: solid blocks read better
        if (hover.node == vi && !hover.toggle && !disabled) {
            st.border = (np.marks[v] & kMarkFocus) ? st.border : p.accent;
            st.border_w = std::max(st.border_w, 2.0f);
        }
        draw_node_box(f, bb, st, collapsed, vi == np.match);
        if (!f.text) continue;
        draw_node_text(np, f, v, bb, st, disabled);
        if (toggle.GetWidth() > 0)
            draw_toggle(f, toggle, badge, np.marks[v], collapsed, hover.toggle && hover.node == vi);
    }
    return hover;
}

// The hovered node's tooltip (core's node_tooltip_text), or the toggle's.
void draw_hover_tooltip(const app::State& state, const NodePass& np, const Hover& hover) {
    if (hover.node < 0) return;
    const bool collapsed = std::binary_search(np.c.collapsed.begin(), np.c.collapsed.end(), hover.node);
    if (hover.toggle) {
        tooltip_text(collapsed ? "Show the scopes below" : "Hide the scopes below");
        return;
    }
    const auto v = static_cast<std::size_t>(hover.node);
    const ScopeLayoutTree& tree = np.c.tree;
    NodeTooltipFacts facts;
    facts.type = tree.scopes[v].type;
    facts.path = state.org.scope_path(tree.scopes[v]);
    facts.counts = np.c.counts.empty() ? ScopeCredentialCounts{} : np.c.counts[v];
    facts.collapsed = collapsed;
    facts.hidden_scopes = np.c.subtree[v] - 1;
    facts.marks = np.marks[v];
    facts.for_credential = np.model.for_credential;
    facts.disabled = np.model.allowed && !np.model.allowed->allows(tree.scopes[v]);
    facts.picker = np.model.suffix == std::string("picker");
    if (!facts.disabled) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const std::string body = node_tooltip_text(facts);
    ImGui::BeginTooltip();
    ImGui::PushFont(fonts().strong ? fonts().strong : ImGui::GetFont());
    ImGui::TextUnformatted(tree.labels[v].c_str());
    ImGui::PopFont();
    ImGui::PushTextWrapPos(em(24));
    ImGui::TextUnformatted(body.c_str());
    ImGui::PopTextWrapPos();
    register_last_item("tooltip", tree.labels[v] + "\n" + body);
    ImGui::EndTooltip();
}

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
    if (!c.has_tree || c.org_revision != state.org_revision || c.font_size != fs) {
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
        c.org_revision = state.org_revision;
        c.font_size = fs;
        c.has_tree = true;
        c.has_layout = false;
        c.has_counts = false;
    }
    if (!c.has_counts || c.rows_revision != state.rows_revision) {
        std::vector<int> where;
        where.reserve(state.rows.size());
        for (const auto& r : state.rows)  // a personal credential counts nowhere: the table does not show it
            where.push_back(r.personal ? -1 : c.tree.find_node(r.scope));
        c.counts = credential_counts(c.tree, std::span<const int>(where));
        c.rows_revision = state.rows_revision;
        c.has_counts = true;
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
    const std::string sfx(model.suffix);

    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetColorU32(ImGuiCol_WindowBg));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::BeginChild(("##canvas-" + sfx).c_str(), size, true,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoMove);
    Frame f;
    f.window = ImGui::GetCurrentWindow();
    f.dl = ImGui::GetWindowDrawList();
    f.fs = ImGui::GetFontSize();
    f.dpi = f.fs / kBaseFontSize;
    f.origin = ImGui::GetWindowPos();
    f.extent = ImGui::GetWindowSize();

    const int focus = model.focus ? c.tree.find_node(*model.focus) : -1;
    const int match = model.match ? c.tree.find_node(*model.match) : -1;
    const std::vector<std::uint8_t> marks = node_marks(c.tree, focus);
    update_view(ui, model, c, focus, match, f);
    const ImGuiIO& io = ImGui::GetIO();

    // Channel 0: grid, connectors and nodes; channel 1: the legend, over them. Their text is
    // drawn at the zoom's size.
    f.dl->AddCallback(scaled_drawing_begin, nullptr);
    f.dl->ChannelsSplit(2);
    f.dl->ChannelsSetCurrent(0);
    draw_grid(f);
    draw_connectors(f, c.layout, marks);
    const std::vector<LegendRow> legend = legend_rows(model, f, focus, match);
    NodePass np{c,
                model,
                marks,
                match,
                submit_legend(legend, f, sfx),
                ImGui::IsWindowHovered(),
                io.MouseDragMaxDistanceSqr[0] < io.MouseDragThreshold * io.MouseDragThreshold,
                ui.panning};
    begin_group("tree/diagram-" + sfx, "tree", "Scope tree");
    const Hover hover = draw_nodes(np, f, events);
    end_group();
    f.dl->ChannelsSetCurrent(1);
    draw_legend(legend, np.legend, f);
    f.dl->ChannelsMerge();
    f.dl->AddCallback(scaled_drawing_end, nullptr);

    // The canvas itself, last: it gets the mouse where no node or legend is (a drag there pans).
    ImGui::SetCursorScreenPos(f.origin);
    ImGui::InvisibleButton(("##canvas-bg-" + sfx).c_str(), f.extent);
    ImGui::SetItemUsingMouseWheel();
    register_last_item("canvas##" + sfx, "");
    describe_last_item("none");
    char offset[48];
    std::snprintf(offset, sizeof offset, "%.2f,%.2f", f.view.offset_x, f.view.offset_y);
    register_last_item("offset##" + sfx, offset);
    describe_last_item("none");

    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    // The tooltip, outside the canvas's zero padding.
    if (!ui.panning) draw_hover_tooltip(state, np, hover);
}

}  // namespace cc::ui
