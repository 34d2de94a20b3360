// The page's keyboard: shortcut keys to app actions, Tab through every control, the command
// palette and the shortcuts list (keyboard.cpp).
#pragma once

#include "app/state.h"
#include "ui/views.h"

namespace cc::ui {

// Around the frame's items: makes every item a tab stop (end_keyboard_frame undoes it), and
// Enter presses the button or menu item the keyboard focus is shown on (1.86 presses it with
// Space only), as on a web page; that Enter then submits no form and opens no details.
void begin_keyboard_frame();
// Before anything is drawn: keys that are shortcuts of the Credentials page become
// app::ShortcutPressed, unless a text field, a dialog, a menu or an overlay has the keyboard.
void handle_shortcut_keys(const app::State& state, UiState& ui, Actions& out);
void end_keyboard_frame();
// The command palette or the shortcuts list, whichever the app has open.
void draw_overlays(const app::State& state, UiState& ui, Actions& out, double now_ms);
// True once per focus request of the app for `target`: the caller moves the focus there.
bool take_focus_request(const app::State& state, UiState& ui, app::FocusTarget target);

}  // namespace cc::ui
