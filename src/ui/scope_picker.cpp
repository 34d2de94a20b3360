// The scope picker of the new-credential form: Account → clusters → departments → projects as
// an expandable tree, or, while searching, a flat list of matching nodes with their paths.
// Nodes the user may not create in (permitted-scopes) are disabled, with the reason on hover.
// Items are registered as "scope/<full path>" for the browser tests.
#include <string>

#include "core/case_fold.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace cc::ui {
namespace {

struct PickerContext {
    const app::State& state;
    std::optional<ScopeRef> clicked;
};

bool allowed(const app::State& state, const ScopeRef& s) {
    return !state.permissions.loaded || state.permissions.scopes.create.allows(state.org.normalized(s));
}

bool is_chosen(const app::State& state, const ScopeRef& s) {
    const std::optional<ScopeRef>& chosen = state.dialog.create.scope;
    if (!chosen || chosen->type != s.type) return false;
    return state.org.scope_path(*chosen) == state.org.scope_path(s);
}

const char* icon_of(ScopeType t) {
    switch (t) {
        case ScopeType::Cluster: return ICON_SITEMAP "  ";
        case ScopeType::Department: return ICON_COLUMNS "  ";
        case ScopeType::Project: return ICON_KEY "  ";
        default: return "";
    }
}

// A scope's depth in the organization, from 1 (the account).
int scope_level(ScopeType t) {
    switch (t) {
        case ScopeType::Cluster: return 2;
        case ScopeType::Department: return 3;
        case ScopeType::Project: return 4;
        default: return 1;
    }
}

// One node: a tree node (with children) or a leaf, selectable unless not permitted.
bool node(PickerContext& ctx, const ScopeRef& s, bool has_children, const std::string& shown) {
    const OrgTree& org = ctx.state.org;
    const std::string path = org.scope_path(s);
    const bool ok = allowed(ctx.state, s);
    const bool selected = is_chosen(ctx.state, s);
    ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_OpenOnArrow | ImGuiTreeNodeFlags_SpanAvailWidth;
    if (!has_children) flags |= ImGuiTreeNodeFlags_Leaf | ImGuiTreeNodeFlags_NoTreePushOnOpen;
    if (selected) flags |= ImGuiTreeNodeFlags_Selected;
    if (!ok) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    const std::string label = std::string(icon_of(s.type)) + shown + "##scope/" + path;
    const bool open = ImGui::TreeNodeEx(label.c_str(), flags);
    describe_last_item("none");  // the registered item below is the one screen readers get
    if (!ok) ImGui::PopStyleColor();
    register_last_item("scope/" + path, shown + (ok ? "" : " (not permitted)") + (selected ? " (chosen)" : ""));
    describe_last_item("treeitem", shown,
                       {{"aria-level", std::to_string(scope_level(s.type))},
                        {"aria-expanded", has_children ? (open ? "true" : "false") : ""},
                        {"aria-selected", selected ? "true" : "false"},
                        {"aria-disabled", ok ? "" : "true"}});
    if (ImGui::IsItemHovered()) {
        if (!ok)
            tooltip_text(("You are not allowed to create credentials in " + path).c_str());
        else
            tooltip_text(path.c_str());
    }
    if (ok && ImGui::IsItemClicked(ImGuiMouseButton_Left) && !ImGui::IsItemToggledOpen()) ctx.clicked = s;
    // Space on the focused node (keyboard navigation) chooses it too.
    if (ok && ImGui::IsItemActivated() && GImGui->ActiveIdSource == ImGuiInputSource_Nav) ctx.clicked = s;
    return open && has_children;
}

void draw_tree(PickerContext& ctx) {
    const OrgData& d = ctx.state.org.data();
    ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    if (!node(ctx, ScopeRef{ScopeType::Tenant, {}, {}, {}}, !d.clusters.empty(), d.account_name)) return;
    for (const Cluster& c : d.clusters) {
        ImGui::SetNextItemOpen(d.clusters.size() <= 3, ImGuiCond_Once);
        bool has = false;
        for (const Department& dep : d.departments) has = has || dep.cluster_id == c.uuid;
        if (!node(ctx, ScopeRef{ScopeType::Cluster, c.uuid, {}, {}}, has, c.name)) continue;
        for (const Department& dep : d.departments) {
            if (!(dep.cluster_id == c.uuid)) continue;
            bool kids = false;
            for (const Project& p : d.projects) kids = kids || p.parent_id == dep.id;
            if (node(ctx, ScopeRef{ScopeType::Department, c.uuid, dep.id, {}}, kids, dep.name)) {
                for (const Project& p : d.projects)
                    if (p.parent_id == dep.id)
                        node(ctx, ScopeRef{ScopeType::Project, c.uuid, dep.id, p.id}, false, p.name);
                ImGui::TreePop();
            }
        }
        ImGui::TreePop();
    }
    ImGui::TreePop();
}

// While searching: every node whose name matches, with its path, as a flat list.
void draw_matches(PickerContext& ctx, std::string_view query) {
    const OrgData& d = ctx.state.org.data();
    int shown = 0;
    auto consider = [&](const ScopeRef& s, const std::string& name) {
        if (!contains_case_insensitive(name, query)) return;
        ++shown;
        node(ctx, s, false, ctx.state.org.scope_path(s));
    };
    consider(ScopeRef{ScopeType::Tenant, {}, {}, {}}, d.account_name);
    for (const Cluster& c : d.clusters) consider(ScopeRef{ScopeType::Cluster, c.uuid, {}, {}}, c.name);
    for (const Department& dep : d.departments)
        consider(ScopeRef{ScopeType::Department, dep.cluster_id, dep.id, {}}, dep.name);
    for (const Project& p : d.projects) consider(ScopeRef{ScopeType::Project, p.cluster_id, p.parent_id, p.id}, p.name);
    if (shown == 0) text_muted("No scope matches the search");
}

}  // namespace

std::optional<ScopeRef> draw_scope_picker(const app::State& state, CreateFormUi& form, float height) {
    PickerContext ctx{state, std::nullopt};
    ImGui::SetNextItemWidth(-1);
    if (form.scope_search_focus) {
        ImGui::SetKeyboardFocusHere();
        form.scope_search_focus = false;
    }
    ImGui::InputTextWithHint("##scope-search", ICON_SEARCH "  Search the organization", form.scope_search.data(),
                             form.scope_search.size());
    describe_last_item("searchbox", "Search the organization");
    ImGui::BeginChild("##scope-tree", ImVec2(0, height), true, ImGuiWindowFlags_NavFlattened);
    begin_group("tree/scope-picker", "tree", "Scope");
    const std::string_view query(form.scope_search.data());
    if (query.empty())
        draw_tree(ctx);
    else
        draw_matches(ctx, query);
    end_group();
    ImGui::EndChild();
    return ctx.clicked;
}

}  // namespace cc::ui
