// Registry login checks as the page draws them: the outcome line of the form's and the details
// panel's "Test login", and the details panel's "Registry login" section. The texts and whether
// the button is enabled come from app/login_check.h.
#include "imgui.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace cc::ui {

void draw_login_check_note(const app::LoginCheckNote& note, const char* id) {
    if (note.text.empty()) {
        register_last_item(id, "");
        return;
    }
    // Beside the button when the line has room for it, else under it (a narrow details panel);
    // wrapped either way.
    const char* icon = note.tone == app::LoginCheckTone::Good  ? ICON_CHECK_CIRCLE "  "
                       : note.tone == app::LoginCheckTone::Bad ? ICON_WARNING "  "
                                                               : "";
    const std::string shown = icon + note.text;
    const float busy_w = note.tone == app::LoginCheckTone::Busy ? em(1.4f) : 0.0f;
    ImGui::SameLine();
    if (ImGui::GetCursorPosX() + busy_w + ImGui::CalcTextSize(shown.c_str()).x > ImGui::GetContentRegionMax().x)
        ImGui::NewLine();
    else
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetStyle().FramePadding.y);
    if (busy_w > 0) {
        spinner(em(0.45f), palette().busy);
        ImGui::SameLine();
    }
    const ImU32 color = note.tone == app::LoginCheckTone::Good  ? palette().ok
                        : note.tone == app::LoginCheckTone::Bad ? palette().error
                                                                : ImGui::GetColorU32(ImGuiCol_TextDisabled);
    ImGui::PushTextWrapPos(0);
    text_colored(color, shown.c_str());
    ImGui::PopTextWrapPos();
    register_last_item(id, note.text);
    if (!note.detail.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
        ImGui::TextUnformatted(note.detail.c_str());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        register_last_item((std::string(id) + "/detail").c_str(), note.detail);
    }
}

void draw_details_login_check(const app::State& state, const Credential& c, Actions& out, double now_ms) {
    if (!app::can_test_login(c.meta.kind)) return;
    text_muted(c.meta.kind == CredentialKind::NgcApiKey ? "Registry login (nvcr.io)" : "Registry login");
    if (!app::selected_login_testable(state)) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted("Backed by an existing Secret: the server holds no login to test.");
        ImGui::PopTextWrapPos();
        ImGui::Dummy(em(0, 0.2f));
        return;
    }
    const bool mine = state.login_check.id && *state.login_check.id == c.meta.id;
    const app::LoginCheckState none;
    const app::LoginCheckState& check = mine ? state.login_check.check : none;
    const bool running = check.phase == app::LoginCheckState::Phase::Checking;
    if (secondary_button(ICON_KEY "  Test login##details-login-test", ImVec2(0, 0), !running))
        out.push_back(app::LoginTestRequested{});
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        tooltip_text("The server signs in to the registry with the stored login; it never comes to this page");
    app::LoginCheckNote note = app::login_check_note(check, now_ms, state.utc_offset_minutes);
    if (note.text.empty() && mine && !state.login_check.loading) note.text = "Not checked yet";
    draw_login_check_note(note, "details/login-check");
    ImGui::Dummy(em(0, 0.2f));
}

}  // namespace cc::ui
