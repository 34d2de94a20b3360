// Entry points of the views. Each draws from const application state and appends the
// actions the user triggered; none does I/O.
#pragma once

#include <vector>

#include "app/actions.h"
#include "app/state.h"
#include "ui/ui_state.h"

namespace cc::ui {

using Actions = std::vector<app::Action>;

// Draws the whole app into the main viewport.
void draw_app(const app::State& state, UiState& ui, Actions& out, double now_ms);

void draw_login(const app::State& state, LoginForm& form, Actions& out);
void draw_credentials_page(const app::State& state, UiState& ui, Actions& out, double now_ms);

// Parts of the Credentials page.
void draw_toolbar(const app::State& state, TableUi& ui, Actions& out, double now_ms);
void draw_filter_chips(const app::State& state, TableUi& ui, Actions& out);
void draw_credentials_table(const app::State& state, TableUi& ui, Actions& out);
void draw_details_panel(const app::State& state, Actions& out);

}  // namespace cc::ui
