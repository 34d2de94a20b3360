// The Credentials page: header, toolbar and filter chips, then the table (with the details
// panel beside it when rows are selected) or the state that replaces it: loading, error,
// empty account, or no row matching the filters.
#include <string>

#include "app/update.h"
#include "core/table.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/keyboard.h"
#include "ui/status_style.h"
#include "ui/theme.h"
#include "ui/ui_state.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace cc::ui {
namespace {

// A display's notice, at the right of the title: when the list was loaded, or that the server
// cannot be reached (the rows shown are then the last ones loaded).
void draw_kiosk_notice(const app::State& state) {
    const app::KioskNotice notice = app::kiosk_notice(state);
    const std::string& when = notice.text;
    const float w = ImGui::CalcTextSize(when.c_str()).x;
    ImGui::SameLine(ImMax(ImGui::GetCursorPosX() + em(1.5f), ImGui::GetContentRegionMax().x - w));
    ImGui::AlignTextToFramePadding();
    if (notice.trouble)
        text_colored(palette().error, when.c_str());
    else
        text_muted(when.c_str());
    register_last_item("updated##kiosk", when);
    describe_last_item("status");
}

void draw_header(const app::State& state, Actions& out) {
    ImGui::PushFont(fonts().title);
    ImGui::TextUnformatted("Credentials");
    ImGui::PopFont();
    if (state.kiosk.on) {  // a display has nobody to sign out
        draw_kiosk_notice(state);
        return;
    }
    // The user menu (the signed-in user: "My credentials", sign out), then Sign out itself.
    // On a phone the button is the icon alone: the title and Sign out take the line.
    const std::string who = state.session && !narrow_screen() ? state.session->user + "  " : std::string();
    const std::string user = std::string(ICON_USER "  ") + who + ICON_CARET_DOWN;
    const char* sign_out = ICON_SIGN_OUT "  Sign out";
    const float pad = ImGui::GetStyle().FramePadding.x * 2;
    const float sign_out_w = ImGui::CalcTextSize(sign_out).x + pad;
    const float user_w = ImGui::CalcTextSize(user.c_str()).x + pad;
    ImGui::SameLine(ImGui::GetContentRegionMax().x - sign_out_w - user_w - ImGui::GetStyle().ItemSpacing.x);
    const char* popup = "user-menu##header";
    if (secondary_button((user + "##user-menu").c_str())) ImGui::OpenPopup(popup);
    describe_last_item("button", {},
                       {{"aria-haspopup", "menu"}, {"aria-expanded", ImGui::IsPopupOpen(popup) ? "true" : "false"}});
    if (ImGui::BeginPopup(popup)) {
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) ImGui::CloseCurrentPopup();
        begin_group(std::string("menu/") + popup, "menu", "User menu");
        if (ImGui::Selectable(ICON_KEY "  My credentials##user-menu")) {
            out.push_back(app::MyCredentialsOpened{});
            ImGui::CloseCurrentPopup();
        }
        describe_last_item("menuitem");
        if (ImGui::Selectable(ICON_SIGN_OUT "  Sign out##user-menu")) {
            out.push_back(app::LogoutRequested{});
            ImGui::CloseCurrentPopup();
        }
        describe_last_item("menuitem");
        end_group();
        ImGui::EndPopup();
    }
    ImGui::SameLine();
    if (secondary_button(ICON_SIGN_OUT "  Sign out##header")) out.push_back(app::LogoutRequested{});
}

// A bordered card centred in the remaining space: title, text, optional action button.
// Returns true when the button was pressed.
bool message_card(const char* id, const char* title, const std::string& body, const char* button = nullptr) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float w = ImMin(em(28), avail.x);
    const float text_h = ImGui::CalcTextSize(body.c_str(), nullptr, false, w - em(3)).y;
    const float h = em(4.5f) + text_h + (button ? ImGui::GetFrameHeightWithSpacing() + em(0.5f) : 0.0f);
    ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + (avail.x - w) * 0.5f,
                               ImGui::GetCursorPosY() + ImMax((avail.y - h) * 0.35f, 0.0f)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, em(1.5f, 1.2f));
    ImGui::BeginChild(id, ImVec2(w, h), true, ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar);
    ImGui::PushFont(fonts().strong);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    ImGui::Dummy(em(0, 0.2f));
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(body.c_str());
    ImGui::PopTextWrapPos();
    register_last_item(id, body);
    bool pressed = false;
    if (button) {
        ImGui::Dummy(em(0, 0.3f));
        pressed = primary_button(button);
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
    return pressed;
}

void draw_loading(const app::State& state) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ImGui::SetCursorPos(
        ImVec2(ImGui::GetCursorPosX() + avail.x * 0.5f - em(5), ImGui::GetCursorPosY() + avail.y * 0.3f));
    spinner(em(0.8f), palette().busy);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    const std::string text = app::loading_message(state);
    ImGui::TextUnformatted(text.c_str());
    register_last_item("loading##page", text);
}

void draw_table_area(const app::State& state, UiState& ui, Actions& out, double now_ms) {
    if (state.view_rows.empty()) {
        if (message_card("no-match##page", "No credentials match",
                         "None of the " + std::to_string(state.rows.size()) +
                             " credentials matches the search and filters. Clear them to see every credential.",
                         "Clear filters##no-match"))
            out.push_back(app::FiltersCleared{true});
        return;
    }
    const bool details = !state.selection.empty();
    if (narrow_screen()) {  // a phone: cards, and a credential's details as a sheet over them
        if (details)
            draw_details_panel(state, out, now_ms, take_focus_request(state, ui, app::FocusTarget::Details));
        else
            draw_credential_cards(state, out);
        return;
    }
    const float panel_w = details ? ImMin(em(21), ImGui::GetContentRegionAvail().x * 0.35f) : 0.0f;
    // The table's own scrolling region paints the card; this one would paint it again.
    ImGui::BeginChild("##table-area", ImVec2(details ? -(panel_w + ImGui::GetStyle().ItemSpacing.x) : 0, 0), false,
                      ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NavFlattened);
    draw_credentials_table(state, ui.table, out);
    ImGui::EndChild();
    if (details) {
        ImGui::SameLine();
        draw_details_panel(state, out, now_ms, take_focus_request(state, ui, app::FocusTarget::Details));
    }
}

// A display's bar instead of the toolbar: the count per status (attention first), when the list
// was loaded, and what keeps it from being current.
void draw_kiosk_bar(const app::State& state, KioskUi& ui) {
    if (ui.rows_revision != state.rows_revision) {
        ui.rows_revision = state.rows_revision;
        ui.counts = status_counts(state.rows);
    }
    ImGui::AlignTextToFramePadding();
    const std::string total =
        std::to_string(state.rows.size()) + (state.rows.size() == 1 ? " credential" : " credentials");
    ImGui::PushFont(fonts().strong);
    ImGui::TextUnformatted(total.c_str());
    ImGui::PopFont();
    register_last_item("count##kiosk", total);
    for (const auto& [status, n] : ui.counts) {
        ImGui::SameLine(0, em(1.5f));
        status_icon(status);
        ImGui::SameLine(0, em(0.3f));
        const std::string label = status ? std::string(status_label(*status)) : std::string("No status reported");
        const std::string text = std::to_string(n) + " " + label;
        ImGui::TextUnformatted(text.c_str());
        register_last_item("status-count/" + label, text);
    }
}

// A display: the bar, then the table (kept while the server is away) or what it waits for.
void draw_kiosk_page(const app::State& state, UiState& ui, Actions& out, double now_ms) {
    draw_kiosk_bar(state, ui.kiosk);
    ImGui::Dummy(em(0, 0.1f));
    if (!state.rows.empty()) {
        draw_table_area(state, ui, out, now_ms);
        return;
    }
    if (state.phase == app::LoadPhase::Loading) {
        draw_loading(state);
        return;
    }
    const std::string why = !state.kiosk.problem.empty() ? state.kiosk.problem
                            : state.phase == app::LoadPhase::Failed
                                ? state.load_error.message
                                : std::string("No credentials are defined in the scopes this display can see.");
    message_card("waiting##kiosk", state.phase == app::LoadPhase::Loaded ? "No credentials" : "Waiting for the server",
                 why);
}

}  // namespace

void draw_credentials_page(const app::State& state, UiState& ui, Actions& out, double now_ms) {
    draw_header(state, out);
    ImGui::Separator();
    ImGui::Dummy(em(0, 0.1f));
    if (state.diagram.open) {  // the table's state stays as it is underneath
        draw_scope_tree_diagram(state, ui.diagram, out);
        return;
    }
    if (state.personal.open) {  // so does it under "My credentials"
        draw_my_credentials(state, out);
        return;
    }
    if (state.kiosk.on) {
        draw_kiosk_page(state, ui, out, now_ms);
        return;
    }
    draw_credential_actions(state, out, take_focus_request(state, ui, app::FocusTarget::NewCredentialMenu));
    if (take_focus_request(state, ui, app::FocusTarget::Search)) ui.table.focus_search = true;
    draw_toolbar(state, ui.table, out, now_ms);
    if (state.view.usable_at) {
        draw_usable_at_chip(state, out);
        if (!state.view.filters.empty()) ImGui::SameLine();
    }
    if (!state.view.filters.empty()) draw_filter_chips(state, ui.table, out);
    ImGui::Dummy(em(0, 0.1f));

    switch (state.phase) {
        case app::LoadPhase::Idle:
        case app::LoadPhase::Loading:
            if (state.rows.empty())
                draw_loading(state);
            else
                draw_table_area(state, ui, out, now_ms);
            return;
        case app::LoadPhase::Failed: {
            const ApiError& e = state.load_error;
            std::string body = e.message;
            if (!e.details.empty()) body += "\n" + e.details;
            body += e.code ? "\n\nThe server answered HTTP " + std::to_string(e.code) + "."
                           : "\n\nCheck your network connection, then try again.";
            if (message_card("error##page", "The credentials could not be loaded", body, "Retry##error"))
                out.push_back(app::RefreshRequested{});
            return;
        }
        case app::LoadPhase::Loaded:
            if (state.rows.empty()) {
                message_card("empty##page", "No credentials yet",
                             "Credentials hold the passwords, tokens and keys your workloads use to reach private "
                             "registries and data sources. None are defined in the scopes you can see.");
                return;  // "+ New credentials" is right above
            }
            draw_table_area(state, ui, out, now_ms);
            return;
    }
}

}  // namespace cc::ui
