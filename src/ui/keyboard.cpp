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
constexpr const char* kRowMenuPopup = "Actions##row-menu";

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

// The selection's actions, where the pointer was (a right click or a long press), or at the
// keyboard focus (Shift+F10). A click elsewhere or Escape closes it.
void draw_row_menu(const app::State& state, UiState& ui, Actions& out, double now_ms) {
    bool focus_first = false;
    if (ui.row_menu_serial != state.overlay_serial) {
        ui.row_menu_serial = state.overlay_serial;
        ImGui::OpenPopup(kRowMenuPopup);
        focus_first = true;
    }
    // Opened by the keyboard: under the start of the selected row rather than at the pointer.
    if (state.row_menu_at_selection && !state.selection.empty())
        if (const auto row = last_item_rect("row/" + state.selection.front().value))
            ImGui::SetNextWindowPos(ImVec2(row->Min.x + em(2), row->Max.y), ImGuiCond_Appearing);
    if (!ImGui::BeginPopup(kRowMenuPopup)) {  // ImGui closed it: a click outside
        out.push_back(app::OverlayClosed{});
        return;
    }
    const std::vector<app::Command> commands = app::row_menu_commands(state);
    const std::vector<CredentialId> subject = app::row_menu_subject(state);
    std::string title = std::to_string(subject.size()) + " credentials";
    if (subject.size() == 1)
        if (const CredentialRow* row = state.row(subject.front())) title = std::string(row->cell(Column::Credential));
    begin_group("menu/row-menu", "menu", "Actions for " + title);
    text_muted(title.c_str());
    const bool enter = pressed(ImGuiKey_Enter, false);
    for (const app::Command& c : commands) {
        if (focus_first) {
            focus_next_item();
            focus_first = false;
        }
        if (!c.enabled) ImGui::BeginDisabled();
        const bool chosen = ImGui::Selectable((c.title + "##row-menu").c_str()) || (enter && ImGui::IsItemFocused());
        describe_last_item("menuitem");
        if (!c.enabled) {
            ImGui::EndDisabled();
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) tooltip_text(c.disabled_reason.c_str());
        } else if (chosen) {
            out.push_back(app::CommandRun{c.id, now_ms});
            ImGui::CloseCurrentPopup();
        }
    }
    end_group();
    if (pressed(ImGuiKey_Escape, false)) {
        out.push_back(app::OverlayClosed{});
        ImGui::CloseCurrentPopup();
    }
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
    if ((io.KeyShift && ImGui::IsKeyPressed(121, false)) || ImGui::IsKeyPressed(93, false))
        emit(app::Shortcut::RowMenu);  // Shift+F10 or the context-menu key (the platform's key codes)
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
            // The selection moves, not the focus: Enter now opens the selected row's details
            // rather than pressing the control the focus was on.
            GImGui->NavDisableHighlight = true;
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
    // Enter on a button or menu item the focus is shown on presses it, as Space does (and as on
    // a web page). The item reads the activation when it is drawn, later in this frame; the key is
    // then used up, so no form takes it for "submit" (Enter on a focused Cancel cancels).
    ImGuiIO& io = ImGui::GetIO();
    const int enter = ImGui::GetKeyIndex(ImGuiKey_Enter);
    if (pressed(ImGuiKey_Enter, false) && g.NavId != 0 && !g.NavDisableHighlight && g.ActiveId == 0 && !io.KeyCtrl &&
        !io.KeyAlt) {
        const std::string role = focused_item_role();
        if (role == "button" || role == "menuitem" || role == "link") {
            g.NavActivateId = g.NavActivateDownId = g.NavActivatePressedId = g.NavId;
            io.KeysDownDuration[enter] = FLT_MIN;  // down, but no longer "pressed" this frame
        }
    }
}

void end_keyboard_frame() {
    ImGui::PopItemFlag();
}

void draw_overlays(const app::State& state, UiState& ui, Actions& out, double now_ms) {
    if (state.overlay != app::Overlay::CommandPalette) close_popup_if_open(kPalettePopup);
    if (state.overlay != app::Overlay::Shortcuts) close_popup_if_open(kShortcutsPopup);
    if (state.overlay != app::Overlay::RowMenu) close_popup_if_open(kRowMenuPopup);
    switch (state.overlay) {
        case app::Overlay::None: break;
        case app::Overlay::CommandPalette: draw_palette(state, ui.palette, out); break;
        case app::Overlay::Shortcuts: draw_shortcuts(out); break;
        case app::Overlay::RowMenu: draw_row_menu(state, ui, out, now_ms); break;
    }
}

bool take_focus_request(const app::State& state, UiState& ui, app::FocusTarget target) {
    if (state.focus.target != target || state.focus.serial == ui.focus_serial) return false;
    ui.focus_serial = state.focus.serial;
    return true;
}

}  // namespace cc::ui
