// The scope tree diagram page (in place of the table while state.diagram.open), the same tree as
// a scope picker for forms, and the "Usable at" chip that a node click leaves above the table.
//
// Test items (window.credentialsConsole.items()): every drawn node is "node/<kind>/<name>"
// (kind: account, cluster, department, project), labelled "<name> (<marks>)" where <marks> is,
// in this order and comma separated: exactly one of "highlighted" (the credential's scope),
// "inherits" (below it: the credential is usable there) or "dimmed" (neither); then "path" on the
// root -> highlighted path (both ends included); "match" for the search match; "collapsed" when
// its subtree is hidden; "disabled" for a picker node the user may not choose. E.g.
// "team-a (highlighted, path)", "research (dimmed, path)", "team-b (dimmed)". A node's collapse
// toggle is "toggle/<kind>/<name>" ("collapse" / "expand (N scopes hidden)"). Also: "canvas##diagram"
// (the viewport), "zoom##diagram" ("85%"), "offset##diagram" (pan, "x,y" in em), "legend##diagram",
// "subtitle##diagram", "matches##diagram", buttons "Fit##diagram", "Zoom in##diagram",
// "Zoom out##diagram", "Close##diagram", "Collapse all##diagram", "Expand all##diagram", and
// the search box "##diagram-search". The picker uses the suffix "picker" instead of "diagram".
#include <algorithm>
#include <cstring>
#include <string>

#include "core/scope_diagram.h"
#include "core/scope_tree_navigation.h"
#include "imgui.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/scope_tree_canvas.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace cc::ui {
namespace {

// Copies the app's text into the buffer when it changed there (a new open clears it).
void sync_search(DiagramUi& ui, const std::string& text) {
    if (text == ui.search_synced) return;
    ui.search.fill(0);
    std::strncpy(ui.search.data(), text.c_str(), ui.search.size() - 1);
    ui.search_synced = text;
}

// The search box; returns 1 when the text changed, 2 when Enter asked for the next match.
int search_box(DiagramUi& ui, const char* id, float width) {
    if (ui.refocus_search) {
        ImGui::SetKeyboardFocusHere();
        ui.refocus_search = false;
    }
    ImGui::SetNextItemWidth(width);
    int result = 0;
    if (ImGui::InputTextWithHint(id, ICON_SEARCH "  Find a scope", ui.search.data(), ui.search.size())) {
        ui.search_synced = ui.search.data();
        result = 1;
    }
    if (ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) {
        ui.refocus_search = true;  // Enter leaves the box; keep typing there
        result = 2;
    }
    if (ImGui::IsItemHovered()) tooltip_text("Find a scope by name; Enter goes to the next match");
    return result;
}

void match_label(const std::string& search, std::size_t count, std::size_t index, const char* id) {
    if (search.empty()) return;
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    const std::string text =
        count == 0 ? "No scope matches" : std::to_string(index + 1) + " of " + std::to_string(count);
    if (count == 0)
        text_colored(palette().warn, text.c_str());
    else
        text_muted(text.c_str());
    register_last_item(id, text);
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

void draw_scope_tree_diagram(const app::State& state, DiagramUi& ui, Actions& out) {
    const app::DiagramState& d = state.diagram;
    // Esc returns to the table (before the search box sees it: ImGui would revert its text).
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) &&
        !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) {
        out.push_back(app::DiagramClosed{});
        return;
    }
    const DiagramCache& cache = update_diagram_cache(state, ui, d.nav.collapsed);
    const int focus = cache.tree.find_node(d.focus);

    // ---- title, what is shown, close ----
    ImGui::PushFont(fonts().strong);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ICON_SITEMAP "  Scope tree");
    ImGui::PopFont();
    register_last_item("title##diagram", "Scope tree");
    const char* close = ICON_TIMES "  Close##diagram";
    const float close_w = ImGui::CalcTextSize(close, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SameLine(ImGui::GetContentRegionMax().x - close_w);
    if (secondary_button(close)) out.push_back(app::DiagramClosed{});
    if (ImGui::IsItemHovered()) tooltip_text("Back to the table (Esc)");

    std::string subtitle;
    const std::size_t below =
        focus >= 0 ? static_cast<std::size_t>(cache.subtree[static_cast<std::size_t>(focus)] - 1) : 0;
    const std::string path = state.org.scope_path(d.focus);
    const std::optional<Credential> c = d.credential ? state.credential(*d.credential) : std::nullopt;
    if (c) {
        subtitle = c->meta.name + " (" + std::string(kind_label(c->meta.kind)) + ") is defined at " + path +
                   (below ? ": usable there and in the " + plural(below, "scope", "scopes") + " below it."
                          : ": usable there only.");
    } else {
        subtitle = path + (below ? ": credentials defined here are usable in the " + plural(below, "scope", "scopes") +
                                       " below it."
                                 : ": credentials defined here are usable here only.");
    }
    if (focus < 0) subtitle = "The scope " + path + " is not in the organization tree you can see.";
    text_muted(subtitle.c_str());
    register_last_item("subtitle##diagram", subtitle);

    // ---- search, collapse, zoom ----
    sync_search(ui, d.nav.search);
    const int typed = search_box(ui, "##diagram-search", em(16));
    if (typed == 1) out.push_back(app::DiagramSearchChanged{ui.search.data()});
    if (typed == 2) out.push_back(app::DiagramSearchNext{});
    match_label(d.nav.search, d.nav.matches.size(), d.nav.match_index, "matches##diagram");

    const ImGuiStyle& st = ImGui::GetStyle();
    auto button_w = [&st](const char* label) {
        return ImGui::CalcTextSize(label, nullptr, true).x + st.FramePadding.x * 2;
    };
    const float controls_w = button_w(ICON_PLUS_SQUARE "  Expand all") + button_w(ICON_MINUS_SQUARE "  Collapse all") +
                             ImGui::GetFrameHeight() * 2 + ImGui::CalcTextSize("100%").x +
                             button_w(ICON_EXPAND "  Fit") + st.ItemSpacing.x * 2 + em(0.3f) * 3 + em(1.0f);
    ImGui::SameLine(std::max(ImGui::GetContentRegionMax().x - controls_w, ImGui::GetCursorPosX() + em(1)));
    if (secondary_button(ICON_MINUS_SQUARE "  Collapse all##diagram")) out.push_back(app::DiagramAllToggled{false});
    if (ImGui::IsItemHovered()) tooltip_text("Show the account and its clusters only");
    ImGui::SameLine();
    if (secondary_button(ICON_PLUS_SQUARE "  Expand all##diagram")) out.push_back(app::DiagramAllToggled{true});
    if (ImGui::IsItemHovered()) tooltip_text("Show every scope");
    ImGui::SameLine(0, em(1.0f));
    draw_view_controls(ui, "diagram");

    // ---- the tree ----
    CanvasModel model;
    model.focus = &d.focus;
    model.collapsed = &d.nav.collapsed;
    model.match = d.nav.match();
    model.fit_serial = d.serial;
    model.match_serial = d.nav.match_serial;
    model.for_credential = d.credential.has_value();
    CanvasEvents events;
    draw_scope_canvas(state, ui, model, events);
    if (events.toggled)
        out.push_back(app::DiagramNodeToggled{*events.toggled});
    else if (events.clicked)
        out.push_back(app::DiagramNodeClicked{*events.clicked});
}

std::optional<ScopeRef> draw_scope_tree_picker(const app::State& state, DiagramUi& ui, const ScopeRef& chosen,
                                               const PermittedScopes* allowed, ImVec2 size) {
    ImGui::PushID("scope-tree-picker");
    ScopeTreeNavigation& nav = ui.picker_nav;
    if (!ui.picker_started) {
        // Large organizations start with the way to the current choice open, like the diagram.
        nav = open_navigation(state.scope_tree, chosen, nav);
        ui.picker_started = true;
        ui.fitted_serial = static_cast<std::uint64_t>(-1);
    }
    const int typed = search_box(ui, "##picker-search", em(14));
    if (typed == 1) search_nodes(nav, state.scope_tree, ui.search.data());
    if (typed == 2) next_match(nav, state.scope_tree);
    match_label(ui.search.data(), nav.matches.size(), nav.match_index, "matches##picker");
    ImGui::SameLine(0, em(1.0f));
    draw_view_controls(ui, "picker");

    CanvasModel model;
    model.focus = &chosen;
    model.collapsed = &nav.collapsed;
    model.match = nav.match();
    model.fit_serial = 0;
    model.match_serial = nav.match_serial;
    model.allowed = allowed;
    model.for_credential = false;
    model.legend = false;
    model.suffix = "picker";
    CanvasEvents events;
    draw_scope_canvas(state, ui, model, events, size);
    ImGui::PopID();
    if (events.toggled) {
        toggle_node(nav, *events.toggled);
        return std::nullopt;
    }
    return events.clicked;
}

void draw_usable_at_chip(const app::State& state, Actions& out) {
    if (!state.view.usable_at) return;
    const ScopeRef& at = *state.view.usable_at;
    const Palette& p = palette();
    ImGui::PushStyleColor(ImGuiCol_Button, p.chip);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.chip_hover);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.chip_hover);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_Text));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, em(0.9f));
    const std::string text = "Usable at: " + state.org.scope_name(at);
    if (ImGui::Button((ICON_SITEMAP "  " + text + "##chip-usable-at").c_str()))
        out.push_back(app::DiagramOpened{{}, at});
    if (ImGui::IsItemHovered())
        tooltip_text(("Credentials usable at " + state.org.scope_path(at) +
                      " (defined there or above). Click to show it in the scope tree.")
                         .c_str());
    ImGui::SameLine(0, em(0.15f));
    if (ImGui::Button(ICON_TIMES "##remove-chip-usable-at")) out.push_back(app::UsableAtCleared{});
    describe_last_item("button", "Remove the usable-at filter");
    if (ImGui::IsItemHovered()) tooltip_text("Remove this filter");
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(4);
}

}  // namespace cc::ui
