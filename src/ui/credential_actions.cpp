// The commands above the table: "+ New credentials" (a menu of the five types), Rename and
// Delete for the selection. Each is enabled only when the user's permitted scopes allow it,
// with the reason on hover when not.
#include <string>

#include "imgui.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace cc::ui {
namespace {

void disabled_reason(const char* why) {
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) tooltip_text(why);
}

}  // namespace

void draw_new_credentials_menu(const app::State& state, Actions& out, const char* id_suffix, bool open_menu) {
    const bool can_create = !state.permissions.loaded || state.permissions.scopes.create.any();
    const std::string button = std::string(ICON_PLUS "  New credentials##") + id_suffix;
    const std::string popup = std::string("new-menu##") + id_suffix;
    if (primary_button(button.c_str(), ImVec2(0, 0), can_create)) ImGui::OpenPopup(popup.c_str());
    const bool open = ImGui::IsPopupOpen(popup.c_str());
    describe_last_item("button", {}, {{"aria-haspopup", "menu"}, {"aria-expanded", open ? "true" : "false"}});
    if (!can_create) disabled_reason("Your role cannot create credentials in any scope");
    bool focus_first = false;
    if (open_menu && can_create) {
        ImGui::OpenPopup(popup.c_str());
        focus_first = true;
    }
    if (ImGui::BeginPopup(popup.c_str())) {
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) ImGui::CloseCurrentPopup();
        begin_group("menu/" + popup, "menu", "Credential type");
        text_muted("Credential type");
        // Arrows move between the types; Space or Enter chooses the focused one.
        const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
        for (CredentialKind k : kAllKinds) {
            const std::string label = std::string(kind_label(k)) + "##new";
            if (focus_first) {
                focus_next_item();
                focus_first = false;
            }
            if (ImGui::Selectable(label.c_str()) || (enter && ImGui::IsItemFocused())) {
                out.push_back(app::NewCredentialRequested{k});
                ImGui::CloseCurrentPopup();
            }
            describe_last_item("menuitem");
        }
        end_group();
        ImGui::EndPopup();
    }
}

void draw_credential_actions(const app::State& state, Actions& out, bool open_menu) {
    draw_new_credentials_menu(state, out, "actions", open_menu);

    const std::size_t n = state.selection.size();
    const std::optional<Credential> first = n ? state.credential(state.selection.front()) : std::nullopt;
    ImGui::SameLine();
    const bool may_update = first && (!state.permissions.loaded ||
                                      state.permissions.scopes.update.allows(state.org.normalized(first->meta.scope)));
    if (secondary_button(ICON_PENCIL "  Rename##actions", ImVec2(0, 0), n == 1 && may_update))
        out.push_back(app::RenameRequested{});
    if (n != 1)
        disabled_reason("Select one credential to rename it");
    else if (!may_update)
        disabled_reason("Your role cannot change credentials in this scope");

    ImGui::SameLine();
    bool may_delete = n > 0;
    if (state.permissions.loaded)
        for (const auto& id : state.selection)
            if (const std::optional<Credential> c = state.credential(id))
                may_delete = may_delete && state.permissions.scopes.remove.allows(state.org.normalized(c->meta.scope));
    const std::string del =
        n > 1 ? ICON_TRASH "  Delete (" + std::to_string(n) + ")##actions" : ICON_TRASH "  Delete##actions";
    if (secondary_button(del.c_str(), ImVec2(0, 0), may_delete)) out.push_back(app::DeleteRequested{});
    if (n == 0)
        disabled_reason("Select the credentials to delete (ctrl-click or shift-click for several)");
    else if (!may_delete)
        disabled_reason("Your role cannot delete credentials in the scope of every selected one");
}

}  // namespace cc::ui
