// Actions (what happened) and effects (what the platform must do). Views and the platform
// produce actions; update() consumes them and returns effects.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "api/http.h"
#include "core/credential.h"
#include "core/ids.h"
#include "core/secret_format.h"
#include "core/table_query.h"

namespace cc::app {

// ---- requests in flight ------------------------------------------------------------------------
// What each request is for. The platform hands it back with the answer, and the answer is routed
// by its type: no tag plus string key to parse again. Generations drop the answers of
// superseded loads; dialog serials drop the answers meant for a dialog that has since closed.
namespace request {
struct Token {
    std::uint64_t generation = 0;
    bool kiosk = false;  // a display's session (no password), not a sign-in
};
enum class LoadPart { Credentials, Clusters, Departments, Projects, PermittedScopes };
struct Load {  // one part of loading the table and the org tree
    LoadPart part = LoadPart::Credentials;
    std::uint64_t generation = 0;
};
struct Poll {  // a row in a transient status, fetched again
    CredentialId id;
    std::uint64_t generation = 0;
};
struct ExistingSecrets {
    std::uint64_t dialog = 0;
    CredentialKind kind = CredentialKind::DockerRegistry;
    ScopeRef scope;
};
struct Create {
    std::uint64_t dialog = 0;
};
struct Rename {
    std::uint64_t dialog = 0;
    CredentialId id;
};
struct Delete {  // answers count whether or not the dialog is still shown
    CredentialId id;
};
struct History {
    CredentialId id;
    std::uint64_t generation = 0;
};
struct FormLoginTest {  // the new-credential form's "Test login"
    std::uint64_t dialog = 0;
};
struct StoredLoginTest {  // "Test login" of a stored credential
    CredentialId id;
};
struct LoginCheckLoad {  // the kept check of the selected credential
    CredentialId id;
    std::uint64_t generation = 0;
};
}  // namespace request

using RequestContext = std::variant<request::Token, request::Load, request::Poll, request::ExistingSecrets,
                                    request::Create, request::Rename, request::Delete, request::History,
                                    request::FormLoginTest, request::StoredLoginTest, request::LoginCheckLoad>;

// ---- session and loading ----------------------------------------------------------------------
struct LoginSubmitted {
    std::string username;
    std::string password;  // wiped by update() once the request body is built
};
// A token the page already holds: a host console hands its own to the embedded app, or this
// tab kept the session of an earlier sign-in (`restored`) across a reload.
struct TokenProvided {
    std::string token;
    std::string user;
    bool restored = false;
};
struct RefreshRequested {};
struct LogoutRequested {};
// The page is a kiosk or wall display (?display=kiosk): read-only, no sign-in (the server hands
// out a viewer's session), the list asked for again every `refresh_ms`.
struct KioskStarted {
    double refresh_ms = 30000;
};
struct HttpResponded {
    RequestContext context;
    api::HttpResponse response;
    double now_ms = 0;
};
// Part of an answer has arrived (a large list takes seconds): bytes so far, and in all (0 when
// the server did not say). For a request sent in parts (SendRequest::in_parts) `part` holds the
// bytes that arrived, in order.
struct HttpProgressed {
    RequestContext context;
    std::uint64_t loaded = 0;
    std::uint64_t total = 0;
    api::Body part;
};
// The platform's clock, every frame or so: drives the polling of transient rows.
struct Tick {
    double now_ms = 0;
};
using SessionAction = std::variant<LoginSubmitted, TokenProvided, RefreshRequested, LogoutRequested, KioskStarted,
                                   HttpResponded, HttpProgressed, Tick>;

// ---- the table: its view, the selection, export, the details panel -------------------------------
struct SearchChanged {
    std::string text;
};
// Adds the filter of its column, or replaces it; a filter without values and text removes it.
struct FilterSet {
    ColumnFilter filter;
};
struct FilterRemoved {
    Column column;
};
struct FiltersCleared {
    bool search_too = false;  // "Clear filters" of the no-match state also clears the search
};
// A header click: cycles ascending → descending → none; `additive` (shift) keeps the other keys.
struct SortClicked {
    Column column;
    bool additive = false;
};
struct ColumnVisibilitySet {
    Column column;
    bool visible = true;
};
struct ColumnsReset {};
// The URL hash as the page has it: at page load (`page_load`), and after back/forward or an
// edit of the address. The app decides whether it names a new view.
struct UrlHashChanged {
    std::string hash;
    bool page_load = false;
};
// The preferences the browser kept from an earlier visit (localStorage), read at page load
// before the URL hash: the visible columns, as the hash's "c=" value ("" when none were kept).
struct StoredPreferencesLoaded {
    std::string visible_columns;
};
struct RowClicked {
    CredentialId id;
    bool toggle = false;  // ctrl/cmd
    bool range = false;   // shift
};
struct SelectionCleared {};
struct ExportRequested {
    std::vector<Column> columns;  // the visible columns in display order
    double now_ms = 0;
};
struct UsableAtCleared {};        // the "Usable at" chip's remove button
struct HistoryRetryRequested {};  // the details panel's Retry button, after a failed load
// "Test login" of the one selected credential (docker registry or NGC): the server signs in to
// the registry with the values it keeps.
struct LoginTestRequested {};
// Time to spare (nothing to draw, no input): the app builds one more column's sort index while
// has_background_work(state) says there is one to build.
struct BackgroundWorkDue {};
using TableAction =
    std::variant<SearchChanged, FilterSet, FilterRemoved, FiltersCleared, SortClicked, ColumnVisibilitySet,
                 ColumnsReset, UrlHashChanged, StoredPreferencesLoaded, RowClicked, SelectionCleared, ExportRequested,
                 UsableAtCleared, HistoryRetryRequested, LoginTestRequested, BackgroundWorkDue>;

// ---- dialogs: new credential, rename, delete -------------------------------------------------------
struct NewCredentialRequested {
    CredentialKind kind;
    bool personal = false;  // "My credentials": a personal credential (docs/product.md, 'Personal credentials')
};
// The new-credential form's scope and secret source: the app asks for the existing secrets of
// the scope when they are needed.
struct CreateScopeChosen {
    ScopeRef scope;
};
struct CreateSourceChosen {
    bool existing = false;  // "Existing secret" instead of "New secret"
};
struct ExistingSecretsRefreshRequested {};  // "Retry" / "Check again": ask even if listed
// The generic secret form's "Secret format" choice.
struct CreateFormatChosen {
    SecretFormat format = SecretFormat::KeyValues;
};
// The secrets in `request` are heap strings made for it; update() wipes them in every case.
struct CreateSubmitted {
    CreateRequest request;
};
// The form's "Test login": the registry URL, user and password as typed (for an NGC key only the
// key, as `password`). The password is a heap string made for it; update() wipes it in every case.
struct CreateLoginTestRequested {
    std::string url;
    std::string user;
    std::string password;
};
// The user changed the registry login the form's "Test login" would try (URL, user, password, NGC
// key): an outcome shown for the earlier values no longer holds.
struct CreateLoginFieldsEdited {};
struct RenameRequested {};  // for the one selected credential
struct RenameSubmitted {
    UpdateRequest request;
};
// The view proposes deleting the selection; the app decides what the dialog offers (which
// credentials, and which of them are known to be in use).
struct DeleteRequested {};
struct DeleteConfirmed {};
struct DialogClosed {};
// "My credentials" (the user menu): the signed-in user's personal credentials, over the page.
struct MyCredentialsOpened {};
struct MyCredentialsClosed {};
// The delete button of one personal credential's row: the delete dialog, for that one.
struct PersonalDeleteRequested {
    CredentialId id;
};
using DialogAction =
    std::variant<NewCredentialRequested, CreateScopeChosen, CreateSourceChosen, CreateFormatChosen,
                 ExistingSecretsRefreshRequested, CreateSubmitted, CreateLoginTestRequested, CreateLoginFieldsEdited,
                 RenameRequested, RenameSubmitted, DeleteRequested, DeleteConfirmed, DialogClosed, MyCredentialsOpened,
                 MyCredentialsClosed, PersonalDeleteRequested>;

// ---- the scope tree diagram --------------------------------------------------------------------------
// Opens the diagram on a credential's scope (`credential`) or on a scope (`scope`).
struct DiagramOpened {
    std::optional<CredentialId> credential;
    std::optional<ScopeRef> scope;
};
struct DiagramClosed {};
// Collapses the node's subtree, or expands it when collapsed.
struct DiagramNodeToggled {
    ScopeRef scope;
};
struct DiagramAllToggled {
    bool expand = true;  // false: collapse every node below the clusters
};
struct DiagramSearchChanged {
    std::string text;
};
struct DiagramSearchNext {};  // Enter in the search box: the next match
// A click on a node: the table shows the credentials usable there, and the diagram closes.
struct DiagramNodeClicked {
    ScopeRef scope;
};
using DiagramAction = std::variant<DiagramOpened, DiagramClosed, DiagramNodeToggled, DiagramAllToggled,
                                   DiagramSearchChanged, DiagramSearchNext, DiagramNodeClicked>;

// ---- keyboard shortcuts, the command palette, the clipboard ------------------------------------------
// A key the page treats as a shortcut (the view maps keys to these; the app decides what each
// does in the current state). `page_rows`: how many rows the table shows at once, for PageUp/Down.
enum class Shortcut {
    FocusSearch,        // "/"
    NewCredentialMenu,  // "n"
    SelectPrevious,     // Up
    SelectNext,         // Down
    PagePrevious,       // PageUp
    PageNext,           // PageDown
    SelectFirst,        // Home
    SelectLast,         // End
    OpenDetails,        // Enter
    DeleteSelection,    // Delete
    Refresh,            // "r"
    ShowShortcuts,      // "?"
    CommandPalette,     // Ctrl+K / Cmd+K
    RowMenu,            // Shift+F10 / the context-menu key: the selection's actions
};
struct ShortcutPressed {
    Shortcut shortcut = Shortcut::CommandPalette;
    int page_rows = 1;
};
// A command of the palette, by what it does and its argument (a CredentialKind, a SyncStatus or a
// Column, as an int); app::list_commands says which exist in a state.
enum class CommandKind {
    NewCredential,
    FilterStatus,
    ClearFilters,
    ShowColumn,
    HideColumn,
    Refresh,
    OpenScopeTree,
    SignOut,
    KeyboardShortcuts,
    SortBy,         // a Column: as a click on its header (a second time: the other direction)
    MyCredentials,  // the signed-in user's personal credentials, as the user menu opens them
    // The row menu's commands, for the selection.
    ShowDetails,
    Rename,
    Delete,
    CopyName,
    CopyKubernetesName,
};
struct CommandId {
    CommandKind kind = CommandKind::KeyboardShortcuts;
    int arg = 0;
    bool operator==(const CommandId&) const = default;
};
struct CommandRun {
    CommandId id;
    double now_ms = 0;  // when it ran (a copy's "Copied" confirmation starts then)
};
// A row's menu of actions opens (a right click, a long press on a touch screen): it acts on that
// row, or on the whole selection when the row is part of it.
struct RowMenuOpened {
    CredentialId id;
};
// The command palette or the shortcuts list closes (Escape, or its Close button).
struct OverlayClosed {};
// What a copy button copies: never a secret, only names and commands the page shows.
enum class CopyTarget { CredentialName, KubernetesName, KubectlCommand };
struct CopyRequested {
    CopyTarget target = CopyTarget::CredentialName;
    std::size_t index = 0;  // KubectlCommand: which of app::kubectl_command_lines
    double now_ms = 0;
};
using KeyboardAction = std::variant<ShortcutPressed, CommandRun, OverlayClosed, CopyRequested, RowMenuOpened>;

// Every action, by area. Any single action converts to it (`Action a = SortClicked{...}`).
using Action = std::variant<SessionAction, TableAction, DialogAction, DiagramAction, KeyboardAction>;

// ---- effects ----
struct SendRequest {
    RequestContext context;  // handed back with the answer (HttpResponded::context)
    api::HttpRequest request;
    // The body of a successful answer comes in parts as it arrives (HttpProgressed::part), and
    // the HttpResponded that ends it has none: the app decodes while the rest is on its way and
    // never holds the whole. The body of any other answer comes whole, as usual.
    bool in_parts = false;
};
// Mirror the view in the URL hash; `replace` edits the current history entry instead of
// adding one (typing in the search box should not flood the back button).
struct WriteUrlHash {
    std::string hash;
    bool replace = false;
};
// Browser-local preferences (localStorage); an empty value removes the key.
struct SaveSetting {
    std::string key;
    std::string value;
};
// The session this tab keeps across a reload (sessionStorage: this tab only, never
// localStorage or the URL). An empty token forgets it (sign-out, expiry).
struct KeepSession {
    std::string token;
    std::string user;
};
struct DownloadFile {
    std::string filename;
    std::string mime;
    std::string content;
};

// Text for the system clipboard (names and commands only; the app never puts a secret here).
struct CopyToClipboard {
    std::string text;
};

using Effect = std::variant<SendRequest, WriteUrlHash, SaveSetting, KeepSession, DownloadFile, CopyToClipboard>;

inline constexpr const char* kVisibleColumnsSetting = "credentials-console.columns";

}  // namespace cc::app
