// "My credentials" (from the user menu): the signed-in user's personal credentials, as the app
// lists them (app::PersonalView), with "+ New personal credential" (the three types a personal
// credential may have) and a delete button per row. No rename: personal credentials keep their
// name. Drawn over the table, which stays as it is underneath.
#include <string>

#include "imgui.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/status_style.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace cc::ui {
namespace {

void draw_new_personal_menu(Actions& out) {
    const char* popup = "new-menu##personal";
    if (primary_button(ICON_PLUS "  New personal credential##personal")) ImGui::OpenPopup(popup);
    describe_last_item("button", {},
                       {{"aria-haspopup", "menu"}, {"aria-expanded", ImGui::IsPopupOpen(popup) ? "true" : "false"}});
    if (!ImGui::BeginPopup(popup)) return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) ImGui::CloseCurrentPopup();
    begin_group(std::string("menu/") + popup, "menu", "Credential type");
    text_muted("Credential type");
    const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
    for (CredentialKind k : kAllKinds) {
        if (!kind_allows_personal(k)) continue;
        const std::string label = std::string(kind_label(k)) + "##new-personal";
        if (ImGui::Selectable(label.c_str()) || (enter && ImGui::IsItemFocused())) {
            out.push_back(app::NewCredentialRequested{k, true});
            ImGui::CloseCurrentPopup();
        }
        describe_last_item("menuitem");
    }
    end_group();
    ImGui::EndPopup();
}

void draw_personal_table(const app::State& state, Actions& out) {
    const auto& items = state.personal.items;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##personal-table", 5, flags, ImVec2(0, 0))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("Type", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Created", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed, em(6));
    ImGui::TableHeadersRow();
    for (const auto& item : items) {
        ImGui::PushID(item.id.value.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(item.name.c_str());
        register_last_item("personal/" + item.name, item.name);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(item.type.c_str());
        register_last_item("personal/" + item.name + "/type", item.type);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(item.status.c_str());
        register_last_item("personal/" + item.name + "/status", item.status);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(item.created.c_str());
        register_last_item("personal/" + item.name + "/created", item.created);
        ImGui::TableNextColumn();
        const std::string del = ICON_TRASH "  Delete##personal/" + item.name;
        if (secondary_button(del.c_str())) out.push_back(app::PersonalDeleteRequested{item.id});
        ImGui::PopID();
    }
    ImGui::EndTable();
}

}  // namespace

void draw_my_credentials(const app::State& state, Actions& out) {
    ImGui::PushFont(fonts().title);
    ImGui::TextUnformatted("My credentials");
    ImGui::PopFont();
    register_last_item("title##personal", "My credentials");
    describe_last_item("heading", {}, {{"aria-level", "2"}});
    ImGui::SameLine();
    if (secondary_button("Back to Credentials##personal")) out.push_back(app::MyCredentialsClosed{});
    const char* about =
        "Personal credentials are yours alone: nobody else sees them, administrators included. They reach every "
        "cluster, and your workloads use them by name. They can be deleted but not renamed.";
    ImGui::PushTextWrapPos(0);
    text_muted(about);
    ImGui::PopTextWrapPos();
    register_last_item("about##personal", about);
    ImGui::Dummy(em(0, 0.2f));
    draw_new_personal_menu(out);
    ImGui::Dummy(em(0, 0.2f));
    if (state.personal.items.empty()) {
        const char* none = "You have no personal credentials yet.";
        text_muted(none);
        register_last_item("empty##personal", none);
        return;
    }
    draw_personal_table(state, out);
}

}  // namespace cc::ui
