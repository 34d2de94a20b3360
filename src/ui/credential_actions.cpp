// The commands above the table: "+ New credentials" (a menu of the five types), Rename and
// Delete for the selection. Each is enabled only when the user's permitted scopes allow it,
// with the reason on hover when not.
#include <string>

#include "app/commands.h"
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

    // Whether Rename and Delete can run, and why not, is the app's (the row menu says the same).
    const std::size_t n = state.selection.size();
    ImGui::SameLine();
    const app::Command rename = app::rename_command(state, state.selection);
    if (secondary_button(ICON_PENCIL "  Rename##actions", ImVec2(0, 0), rename.enabled))
        out.push_back(app::RenameRequested{});
    if (!rename.enabled) disabled_reason(rename.disabled_reason.c_str());

    ImGui::SameLine();
    const app::Command remove = app::delete_command(state, state.selection);
    const std::string del =
        n > 1 ? ICON_TRASH "  Delete (" + std::to_string(n) + ")##actions" : ICON_TRASH "  Delete##actions";
    if (secondary_button(del.c_str(), ImVec2(0, 0), remove.enabled)) out.push_back(app::DeleteRequested{});
    if (!remove.enabled) disabled_reason(remove.disabled_reason.c_str());
}

}  // namespace cc::ui
