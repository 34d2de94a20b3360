// The root view: one full-window ImGui window hosting the current screen.
#include <string>

#include "imgui.h"
#include "ui/item_registry.h"
#include "ui/keyboard.h"
#include "ui/views.h"

namespace cc::ui {

void draw_app(const app::State& state, UiState& ui, Actions& out, double now_ms) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    // No background: the frame is cleared to the window colour already, and a full-screen
    // rectangle more per frame is a lot of fill for software-rendered (GPU-less) browsers.
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                   ImGuiWindowFlags_NoBackground;
    ImGui::Begin("##root", nullptr, flags);
    begin_keyboard_frame();
    handle_shortcut_keys(state, ui, out);
    switch (state.screen) {
        case app::Screen::Login: draw_login(state, ui.login, out); break;
        case app::Screen::Credentials: draw_credentials_page(state, ui, out, now_ms); break;
    }
    draw_dialogs(state, ui, out, now_ms);
    draw_overlays(state, ui, out, now_ms);
    end_keyboard_frame();
    // What screen readers are told unasked; the serial tells a repeated text from the last one.
    register_offscreen_item("announcement##page", state.announcement, "status",
                            {{"aria-live", "polite"}, {"data-serial", std::to_string(state.announcement_serial)}});
    ImGui::End();
}

}  // namespace cc::ui
