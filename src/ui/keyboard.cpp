// The page's keyboard: keys that are shortcuts become app::ShortcutPressed (the app decides what
// they do), Tab reaches every control (Dear ImGui 1.86 tabs only between text fields, so every
// item is marked as a tab stop), and the command palette and the shortcuts list, drawn from
// app::list_commands and app::shortcut_help.
#include "ui/keyboard.h"

#include <string>

#include "app/commands.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace cc::ui {
namespace {

constexpr const char* kPalettePopup = "Command palette##overlay";
constexpr const char* kShortcutsPopup = "Keyboard shortcuts##overlay";

bool pressed(ImGuiKey key, bool repeat = true) {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), repeat);
}

bool editing_text() {
    const ImGuiContext& g = *GImGui;
    return g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID;
}

// An overlay the app has closed may still be open in ImGui's popup stack.
void close_popup_if_open(const char* id) {
    ImGuiContext& g = *GImGui;
    const ImGuiID pid = ImGui::GetID(id);
    for (int i = 0; i < g.OpenPopupStack.Size; ++i)
        if (g.OpenPopupStack[i].PopupId == pid) {
            ImGui::ClosePopupToLevel(i, true);
            return;
        }
}

bool begin_overlay(const char* id, float width_em, float top_ratio) {
    if (!ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float w = ImMin(em(width_em), vp->WorkSize.x - em(2));
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * top_ratio),
                            ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, vp->WorkSize.y * (1.0f - top_ratio) - em(1)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, em(1.2f, 1.0f));
    const bool shown = ImGui::BeginPopupModal(id, nullptr,
                                              ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove |
                                                  ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PopStyleVar();
    return shown;
}

void draw_palette(const app::State& state, PaletteUi& ui, Actions& out) {
    if (ui.serial != state.overlay_serial) {
        ui = PaletteUi{};
        ui.serial = state.overlay_serial;
    }
    if (!begin_overlay(kPalettePopup, 34, 0.15f)) return;
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-FLT_MIN);
    const bool enter = ImGui::InputTextWithHint("##palette-query", ICON_SEARCH "  Type a command", ui.query.data(),
                                                ui.query.size(), ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::IsItemEdited()) ui.cursor = 0;
    // The field keeps the keyboard (Enter ends its edit): arrows move the highlight, Enter runs.
    if (enter) ImGui::SetKeyboardFocusHere(-1);

    const std::vector<app::Command> commands = app::list_commands(state);
    const std::vector<std::size_t> shown = app::filter_commands(commands, ui.query.data());
    if (!shown.empty()) {
        if (pressed(ImGuiKey_DownArrow)) ui.cursor = (ui.cursor + 1) % shown.size();
        if (pressed(ImGuiKey_UpArrow)) ui.cursor = (ui.cursor + shown.size() - 1) % shown.size();
        if (ui.cursor >= shown.size()) ui.cursor = shown.size() - 1;
    }
    ImGui::Dummy(em(0, 0.2f));
    const float line_h = ImGui::GetFrameHeight();
    const float list_h = ImMin(
        static_cast<float>(ImMax<std::size_t>(shown.size(), 1)) * (line_h + ImGui::GetStyle().ItemSpacing.y), em(20));
    ImGui::BeginChild("##palette-list", ImVec2(0, list_h), false, ImGuiWindowFlags_NavFlattened);
    if (shown.empty()) text_muted("No command matches");
    std::optional<app::CommandId> run;
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const app::Command& c = commands[shown[i]];
        const bool highlighted = i == ui.cursor;
        if (!c.enabled) ImGui::BeginDisabled();
        if (ImGui::Selectable((c.title + "##palette").c_str(), highlighted, 0, ImVec2(0, line_h)) && c.enabled)
            run = c.id;
        if (!c.enabled) {
            ImGui::EndDisabled();
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) || highlighted) {
                ImGui::SameLine();
                text_muted(("(" + c.disabled_reason + ")").c_str());
            }
        }
        if (highlighted && (pressed(ImGuiKey_DownArrow) || pressed(ImGuiKey_UpArrow))) ImGui::SetScrollHereY(0.5f);
        if (highlighted && enter && c.enabled) run = c.id;
    }
    ImGui::EndChild();
    text_muted("Up/Down to choose, Enter to run, Escape to close");
    if (run)
        out.push_back(app::CommandRun{*run});
    else if (pressed(ImGuiKey_Escape, false))
        out.push_back(app::OverlayClosed{});
    ImGui::EndPopup();
}

void draw_shortcuts(Actions& out) {
    if (!begin_overlay(kShortcutsPopup, 30, 0.12f)) return;
    ImGui::PushFont(fonts().title);
    ImGui::TextUnformatted("Keyboard shortcuts");
    ImGui::PopFont();
    register_last_item("title##shortcuts", "Keyboard shortcuts");
    ImGui::Separator();
    if (ImGui::BeginTable("##shortcuts", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("keys", ImGuiTableColumnFlags_WidthFixed, em(10));
        ImGui::TableSetupColumn("action", ImGuiTableColumnFlags_WidthStretch);
        for (const app::ShortcutHelp& h : app::shortcut_help()) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::PushFont(fonts().strong);
            ImGui::TextUnformatted(h.keys);
            ImGui::PopFont();
            ImGui::TableSetColumnIndex(1);
            ImGui::TextWrapped("%s", h.action);
            register_last_item(std::string("shortcut/") + h.keys, h.action);
        }
        ImGui::EndTable();
    }
    text_muted("Shortcuts work when no text field has the keyboard.");
    ImGui::Dummy(em(0, 0.3f));
    if (ImGui::IsWindowAppearing()) focus_next_item();
    if (primary_button("Close##shortcuts") || pressed(ImGuiKey_Escape, false)) out.push_back(app::OverlayClosed{});
    ImGui::EndPopup();
}

}  // namespace

void handle_shortcut_keys(const app::State& state, UiState& ui, Actions& out) {
    if (state.screen != app::Screen::Credentials || state.dialog.open != app::DialogKind::None ||
        state.overlay != app::Overlay::None)
        return;
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;  // a menu has the keyboard
    const ImGuiIO& io = ImGui::GetIO();
    const auto emit = [&](app::Shortcut s) { out.push_back(app::ShortcutPressed{s, ui.table.page_rows}); };
    if ((io.KeyCtrl || io.KeySuper) && !io.KeyAlt && ImGui::IsKeyPressed('K', false)) {
        emit(app::Shortcut::CommandPalette);
        return;
    }
    if (editing_text() || io.KeyCtrl || io.KeySuper || io.KeyAlt) return;
    for (const ImWchar c : io.InputQueueCharacters) {
        switch (c) {
            case '/': emit(app::Shortcut::FocusSearch); break;
            case '?': emit(app::Shortcut::ShowShortcuts); break;
            case 'n': emit(app::Shortcut::NewCredentialMenu); break;
            case 'r': emit(app::Shortcut::Refresh); break;
            default: break;
        }
    }
    // The table's keys: Dear ImGui's own move between controls would follow the same key.
    const std::pair<ImGuiKey, app::Shortcut> moves[] = {
        {ImGuiKey_UpArrow, app::Shortcut::SelectPrevious}, {ImGuiKey_DownArrow, app::Shortcut::SelectNext},
        {ImGuiKey_PageUp, app::Shortcut::PagePrevious},    {ImGuiKey_PageDown, app::Shortcut::PageNext},
        {ImGuiKey_Home, app::Shortcut::SelectFirst},       {ImGuiKey_End, app::Shortcut::SelectLast}};
    for (const auto& [k, shortcut] : moves)
        if (pressed(k)) {
            emit(shortcut);
            ImGui::NavMoveRequestCancel();
        }
    if (pressed(ImGuiKey_Enter, false)) emit(app::Shortcut::OpenDetails);
    if (pressed(ImGuiKey_Delete, false)) emit(app::Shortcut::DeleteSelection);
}

void begin_keyboard_frame() {
    // Every item is a tab stop (1.86 stops only at text fields); pressing Tab onto a button
    // focuses it without pressing it. Focus moved by Tab is shown, as after an arrow key.
    ImGui::PushItemFlag(ImGuiItemFlags_Inputable, true);
    // 1.86 tabs from the focused item only while it is active (a text field being edited), and
    // otherwise starts over at the first item: from a focused button, Tab goes to the next one.
    ImGuiContext& g = *GImGui;
    if ((g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing) && g.NavTabbingDir == 0 && g.NavId != 0) g.NavTabbingDir = 1;
    if (pressed(ImGuiKey_Tab)) show_keyboard_focus();
}

void end_keyboard_frame() {
    ImGui::PopItemFlag();
}

void draw_overlays(const app::State& state, UiState& ui, Actions& out) {
    if (state.overlay != app::Overlay::CommandPalette) close_popup_if_open(kPalettePopup);
    if (state.overlay != app::Overlay::Shortcuts) close_popup_if_open(kShortcutsPopup);
    switch (state.overlay) {
        case app::Overlay::None: break;
        case app::Overlay::CommandPalette: draw_palette(state, ui.palette, out); break;
        case app::Overlay::Shortcuts: draw_shortcuts(out); break;
    }
}

bool take_focus_request(const app::State& state, UiState& ui, app::FocusTarget target) {
    if (state.focus.target != target || state.focus.serial == ui.focus_serial) return false;
    ui.focus_serial = state.focus.serial;
    return true;
}

}  // namespace cc::ui
