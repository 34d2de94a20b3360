// The sign-in screen: email and password against POST /api/v1/token. The password buffer
// (and ImGui's copy of it) is wiped the moment the form is submitted.
#include <cstring>

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace cc::ui {

void wipe_login_secrets(LoginForm& form) {
    wipe_bytes(form.password.data(), form.password.size());
    wipe_imgui_text_state();
}

void draw_login(const app::State& state, LoginForm& form, Actions& out) {
    const float card_w = em(24);
    const float card_h = em(22);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ImGui::SetCursorPos(ImVec2(ImMax((avail.x - card_w) * 0.5f, em(1)), ImMax((avail.y - card_h) * 0.4f, em(1))));

    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, em(2, 1.8f));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 1.0f);
    ImGui::BeginChild("##login-card", ImVec2(card_w, card_h), true, ImGuiWindowFlags_AlwaysUseWindowPadding);

    ImGui::PushFont(fonts().title);
    ImGui::TextUnformatted("Credentials Console");
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("Sign in to manage the credentials of your clusters.");
    ImGui::PopStyleColor();
    ImGui::Dummy(em(0, 0.6f));

    const bool busy = state.login.busy;
    const float field_w = ImGui::GetContentRegionAvail().x;
    ImGui::TextUnformatted("Email");
    ImGui::SetNextItemWidth(field_w);
    if (form.focus_requested) {
        ImGui::SetKeyboardFocusHere();
        form.focus_requested = false;
    }
    bool submit = ImGui::InputText("##email", form.email.data(), form.email.size(),
                                   ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CharsNoBlank);
    describe_last_item("textbox", "Email", {{"autocomplete", "username"}, {"aria-required", "true"}});

    ImGui::TextUnformatted("Password");
    const float toggle_w = em(4);
    ImGui::SetNextItemWidth(field_w - toggle_w - ImGui::GetStyle().ItemSpacing.x);
    ImGuiInputTextFlags pw_flags = ImGuiInputTextFlags_EnterReturnsTrue;
    if (!form.reveal_password) pw_flags |= ImGuiInputTextFlags_Password;
    submit |= ImGui::InputText("##password", form.password.data(), form.password.size(), pw_flags);
    describe_last_item("textbox", "Password",
                       {{"autocomplete", "current-password"}, {"type", "password"}, {"aria-required", "true"}});
    ImGui::SameLine();
    if (secondary_button(form.reveal_password ? "Hide##reveal" : "Show##reveal", ImVec2(toggle_w, 0)))
        form.reveal_password = !form.reveal_password;

    ImGui::Dummy(em(0, 0.4f));
    const bool filled = form.email[0] != 0 && form.password[0] != 0;
    if (busy) {
        spinner(em(0.6f), palette().busy);
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Signing in\xE2\x80\xA6");
    } else {
        submit |= primary_button("Sign in##login", ImVec2(field_w, em(2.3f)), filled);
    }

    if (!state.login.error.empty()) {
        ImGui::Dummy(em(0, 0.2f));
        ImGui::PushTextWrapPos(0);
        text_colored(palette().error, state.login.error.c_str());
        register_last_item("error##login", state.login.error);
        describe_last_item("alert");
        ImGui::PopTextWrapPos();
    }

    if (submit && filled && !busy) {
        out.push_back(app::LoginSubmitted{form.email.data(), form.password.data()});
        wipe_login_secrets(form);
        form.reveal_password = false;
    }

    ImGui::EndChild();
    ImGui::PopStyleVar(2);
}

}  // namespace cc::ui
