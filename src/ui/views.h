// Entry points of the views. Each draws from const application state and appends the
// actions the user triggered; none does I/O.
#pragma once

#include <vector>

#include "app/actions.h"
#include "app/login_check.h"
#include "app/state.h"
#include "imgui.h"
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
// The rows as cards, for narrow screens (narrow_screen()).
void draw_credential_cards(const app::State& state, Actions& out);
// `focus`: move the keyboard focus into the panel (Enter on a selected row).
void draw_details_panel(const app::State& state, Actions& out, double now_ms, bool focus);
// The selected credential's history, inside the details panel (credential_history.cpp).
void draw_credential_history(const app::State& state, Actions& out);
// A login check's line (login_check_view.cpp): a spinner while it runs, the outcome coloured,
// the server's message wrapped under it; registered as `id` for the tests.
void draw_login_check_note(const app::LoginCheckNote& note, const char* id);
// The details panel's "Registry login" section of a docker-registry or NGC credential.
void draw_details_login_check(const app::State& state, const Credential& c, Actions& out, double now_ms);

// New / Rename / Delete above the table; the "+ New credentials" menu alone (also offered by
// the empty-account state). `id_suffix` keeps the two menus apart.
// `open_menu`: open the "+ New credentials" menu with the keyboard focus in it (the "n" key).
void draw_credential_actions(const app::State& state, Actions& out, bool open_menu = false);
void draw_new_credentials_menu(const app::State& state, Actions& out, const char* id_suffix, bool open_menu = false);
// The open dialog (new credential, rename, delete), modal over the page.
void draw_dialogs(const app::State& state, UiState& ui, Actions& out, double now_ms);
void draw_create_dialog(const app::State& state, CreateFormUi& form, Actions& out, double now_ms);
void draw_rename_dialog(const app::State& state, RenameFormUi& form, Actions& out);
void draw_delete_dialog(const app::State& state, Actions& out);
// The scope tree of the create form: search, expand/collapse, disabled nodes the user may not
// create in. Returns the node the user clicked, if any (the form's scope is the app's).
std::optional<ScopeRef> draw_scope_picker(const app::State& state, CreateFormUi& form, float height);

// The scope tree diagram: a full-page view in place of the table while state.diagram.open
// (scope_tree_diagram.cpp). Esc or its Close button returns to the table.
void draw_scope_tree_diagram(const app::State& state, DiagramUi& ui, Actions& out);
// "My credentials": the signed-in user's personal credentials (over the table).
void draw_my_credentials(const app::State& state, Actions& out);
// The same tree as a picker, to embed in a form: click a node to choose it. Nodes outside
// `allowed` (when given) are drawn disabled. `size` as for BeginChild (0: the space left).
// `chosen` is the highlighted node; returns the node the user clicked, if any. Each embedding
// keeps its own DiagramUi; reset it (= {}) when the form opens anew.
std::optional<ScopeRef> draw_scope_tree_picker(const app::State& state, DiagramUi& ui, const ScopeRef& chosen,
                                               const PermittedScopes* allowed = nullptr, ImVec2 size = ImVec2(0, 0));
// The "Usable at: <scope>" chip above the table (TableView::usable_at), with its remove button.
void draw_usable_at_chip(const app::State& state, Actions& out);

}  // namespace cc::ui
