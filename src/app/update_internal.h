// The per-action handlers behind update(), and the helpers they share. Internal to src/app.
#pragma once

#include <vector>

#include "app/actions.h"
#include "app/state.h"
#include "app/update.h"

namespace cc::app {

using Effects = std::vector<Effect>;

// update_session.cpp
Effects handle(State& s, LoginSubmitted& a);
Effects handle(State& s, TokenProvided& a);
Effects handle(State& s, RefreshRequested& a);
Effects handle(State& s, KioskStarted& a);
Effects handle(State& s, LogoutRequested& a);
Effects handle(State& s, HttpResponded& a);
Effects handle(State& s, Tick& a);

// update_table.cpp
Effects handle(State& s, SearchChanged& a);
Effects handle(State& s, FilterSet& a);
Effects handle(State& s, FilterRemoved& a);
Effects handle(State& s, FiltersCleared& a);
Effects handle(State& s, SortClicked& a);
Effects handle(State& s, ColumnVisibilitySet& a);
Effects handle(State& s, ColumnsReset& a);
Effects handle(State& s, UrlHashChanged& a);
Effects handle(State& s, StoredPreferencesLoaded& a);
Effects handle(State& s, RowClicked& a);
Effects handle(State& s, SelectionCleared& a);
Effects handle(State& s, ExportRequested& a);

// update_dialogs.cpp
Effects handle(State& s, NewCredentialRequested& a);
Effects handle(State& s, CreateScopeChosen& a);
Effects handle(State& s, CreateSourceChosen& a);
Effects handle(State& s, CreateFormatChosen& a);
Effects handle(State& s, ExistingSecretsRefreshRequested& a);
Effects handle(State& s, CreateSubmitted& a);
Effects handle(State& s, RenameRequested& a);
Effects handle(State& s, RenameSubmitted& a);
Effects handle(State& s, DeleteRequested& a);
Effects handle(State& s, DeleteConfirmed& a);
Effects handle(State& s, DialogClosed& a);
Effects handle(State& s, MyCredentialsOpened& a);
Effects handle(State& s, MyCredentialsClosed& a);
Effects handle(State& s, PersonalDeleteRequested& a);
// Rebuilds PersonalView::items when the rows changed and the view is open.
void follow_personal(State& s);
// Answers to the dialogs' requests, whatever the load generation.
Effects on_response(State& s, const request::ExistingSecrets& r, HttpResponded& a);
Effects on_response(State& s, const request::Create& r, HttpResponded& a);
Effects on_response(State& s, const request::Rename& r, HttpResponded& a);
Effects on_response(State& s, const request::Delete& r, HttpResponded& a);

// update_login_check.cpp
Effects handle(State& s, CreateLoginTestRequested& a);
Effects handle(State& s, CreateLoginFieldsEdited& a);
Effects handle(State& s, LoginTestRequested& a);
Effects on_response(State& s, const request::FormLoginTest& r, HttpResponded& a);
Effects on_response(State& s, const request::StoredLoginTest& r, HttpResponded& a);
Effects on_response(State& s, const request::LoginCheckLoad& r, HttpResponded& a);
// After every action: asks for the kept login check of the one selected registry credential.
Effects follow_login_check(State& s);

// update_diagram.cpp
Effects handle(State& s, DiagramOpened& a);
Effects handle(State& s, DiagramClosed& a);
Effects handle(State& s, DiagramNodeToggled& a);
Effects handle(State& s, DiagramAllToggled& a);
Effects handle(State& s, DiagramSearchChanged& a);
Effects handle(State& s, DiagramSearchNext& a);
Effects handle(State& s, DiagramNodeClicked& a);
Effects handle(State& s, UsableAtCleared& a);
Effects handle(State& s, BackgroundWorkDue& a);

// update_keyboard.cpp
Effects handle(State& s, ShortcutPressed& a);
Effects handle(State& s, CommandRun& a);
Effects handle(State& s, RowMenuOpened& a);
Effects handle(State& s, OverlayClosed& a);
Effects handle(State& s, CopyRequested& a);

// update_history.cpp
// After every action: asks for the history of the one selected credential when it is not there
// yet or is stale (the details panel shows it), and forgets it when the selection moves on.
Effects follow_history(State& s);
Effects on_response(State& s, const request::History& r, HttpResponded& a);
Effects handle(State& s, HistoryRetryRequested& a);
// A change made here (rename, delete) or a reload: the history of `id` is asked for again.
void history_changed(State& s, const CredentialId& id);

// update_session.cpp
Effects on_response(State& s, const request::Token& r, HttpResponded& a);
Effects handle(State& s, HttpProgressed& a);
// After every action: tells the platform to keep (or forget) this tab's session when it changed.
Effects follow_kept_session(State& s);
Effects on_response(State& s, const request::Load& r, HttpResponded& a);
Effects on_response(State& s, const request::Poll& r, HttpResponded& a);
void to_login(State& s, std::string message);
// A 401 on any request: back to the login form with the one message that says why.
void session_expired(State& s);

// Recomputes view_rows from rows and view (after the data changed).
void recompute_view(State& s);
// The view's query changed (search, filters, sort, columns, usable-at): recomputes view_rows, and
// the table starts again from its first row.
void query_changed(State& s);
// A new org tree: its structure for the diagram is built once, here.
void set_org(State& s, OrgTree org);
// Rebuilds row_index, drops selected ids that are gone, and (re)starts polls of transient rows.
void rows_changed(State& s, double now_ms);
// Replaces the row at `at` with the credential's (the same id: a poll's or a change's answer)
// and redoes only what depends on it: its poll, its place in the sort orders of the columns
// whose text changed, and its place in the view when the view's search, filters or sort read
// one of them. Rebuilding everything (rows_changed) costs several frames at 100,000 rows, once
// per answer.
void replace_row(State& s, std::size_t at, const Credential& c, double now_ms);
// Tells screen readers `text` (State::announcement).
void announce(State& s, std::string text);
// The table's side of replace_row: `changed` says which of the row's column texts changed.
void row_replaced_in_place(State& s, std::size_t at, const std::array<bool, kColumnCount>& changed);
// Drops a credential's row (deleted, or gone on the server).
void remove_row(State& s, const CredentialId& id, double now_ms);

}  // namespace cc::app
