// The application state: one struct, changed only by update(). Views read it (const) and
// emit actions; the platform carries out the effects update() returns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/client.h"
#include "app/actions.h"
#include "app/delete_preview.h"
#include "core/audit.h"
#include "core/credential.h"
#include "core/credential_list_stream.h"
#include "core/org.h"
#include "core/permitted_scopes.h"
#include "core/result.h"
#include "core/row_index.h"
#include "core/scope_tree_navigation.h"
#include "core/secret_format.h"
#include "core/sort_index.h"
#include "core/table.h"
#include "core/table_query.h"
#include "core/tree_layout.h"

namespace cc::app {

enum class Screen { Login, Credentials };
enum class LoadPhase { Idle, Loading, Loaded, Failed };

struct LoginState {
    bool busy = false;
    std::string error;
    std::string username;  // who is signing in, while the token request is in flight
};

// What a load in flight has gathered so far; the table switches to it only when complete,
// so a refresh never shows a half-loaded mix.
struct PendingLoad {
    CredentialListStream list_stream;  // the list, decoded as its parts arrive
    std::optional<CredentialStore> credentials;
    std::string credentials_etag;
    bool credentials_unchanged = false;  // 304: the list held is still current
    // How much of the credential list has arrived (bytes; total 0 when the server did not say).
    std::uint64_t list_loaded = 0;
    std::uint64_t list_total = 0;
    std::optional<std::vector<Cluster>> clusters;
    std::vector<Department> departments;
    std::vector<Project> projects;
    bool departments_done = false;
    bool projects_done = false;
    bool org_set = false;  // the org parts went into State::org already (for the rows' preview)

    bool org_loaded() const { return clusters && departments_done && projects_done; }

    bool complete() const {
        return (credentials || credentials_unchanged) && clusters && departments_done && projects_done;
    }
};

// A row in Creating/Updating/Deleting is fetched again until it settles, backing off.
struct Poll {
    double due_ms = 0;
    double interval_ms = 0;
    bool in_flight = false;
};

inline constexpr double kFirstPollMs = 1000;
inline constexpr double kMaxPollMs = 30000;
// Polls sent by one Tick (four a second), the most overdue first: a request costs the page
// a fraction of a millisecond to send, and rows that became transient together (a bulk delete)
// come due together; spread over the ticks, they keep a frame's cost flat and the server's load
// even.
inline constexpr std::size_t kMaxPollsPerTick = 2;

// ---- dialogs: new credential, rename, delete ----
enum class DialogKind { None, Create, Rename, Delete };

// The existing secrets offered for one kind at one scope (the reference server's extension;
// docs/api.md, 'Existing-secrets listing (extension)').
struct ExistingSecrets {
    enum class Phase { Idle, Loading, Loaded, Unsupported, Failed };
    Phase phase = Phase::Idle;
    CredentialKind kind = CredentialKind::DockerRegistry;
    ScopeRef scope;
    std::vector<api::ExistingSecret> secrets;  // unused ones only
    std::string error;
};

// A registry login check (the reference server's extension; docs/api.md, 'Registry login checks
// (extension)'): of the new-credential form, or of the selected credential.
struct LoginCheckState {
    enum class Phase { Idle, Checking, Done, Failed };
    Phase phase = Phase::Idle;
    std::optional<api::LoginCheck> result;  // the last answer (kept while a new check runs)
    std::string error;                      // Failed: why the server gave no answer
};

struct CreateDialog {
    CredentialKind kind = CredentialKind::DockerRegistry;
    bool personal = false;          // a personal credential: no scope, no existing secret
    std::optional<ScopeRef> scope;  // normalized; preset when the user may create in one scope only
    bool use_existing = false;      // "Existing secret" rather than "New secret"
    // A generic secret's format (docs/api.md, 'Generic secret formats'): which fields the form
    // shows, which existing secrets it offers and which kubectl commands it suggests.
    SecretFormat format = SecretFormat::KeyValues;
    bool submitting = false;
    std::optional<ApiError> error;  // the last refusal; `field` is a form field name ("name")
    ExistingSecrets existing;
    LoginCheckState login_check;
};

struct RenameDialog {
    CredentialId id;
    bool submitting = false;
    std::optional<ApiError> error;
};

// What became of one credential the delete dialog sent.
struct DeleteOutcome {
    enum class Result { Pending, Deleted, Refused };
    CredentialId id;
    std::string name;
    Result result = Result::Pending;
    std::string message;  // the server's reason for a refusal
};

// The delete dialog: the selection split into what will be deleted and what is blocked because
// something uses it (app::preview_delete; only the deletable ones are sent), then the outcome of
// each one sent.
struct DeleteDialog {
    DeletePreview preview;
    std::size_t pending = 0;  // requests still in flight
    bool submitted = false;
    std::vector<DeleteOutcome> outcomes;  // one per preview.deletable item, in its order

    std::size_t refused() const;
};

struct Dialogs {
    DialogKind open = DialogKind::None;
    std::uint64_t serial = 0;  // a new number for every dialog opened: the UI resets its buffers
    CreateDialog create;
    RenameDialog rename;
    DeleteDialog remove;
};

struct PermissionState {
    bool loaded = false;
    CredentialPermissions scopes;
    std::string error;  // why they could not be loaded (then the server decides on submit)
};

// ---- "My credentials": the signed-in user's personal credentials (a page over the table) ----
struct PersonalItem {
    CredentialId id;
    std::string name;
    std::string type;     // "Docker registry"
    std::string status;   // the Status column's label
    std::string created;  // the Creation time column's text
};
struct PersonalView {
    bool open = false;
    std::vector<PersonalItem> items;    // derived from rows (personal ones), in server order
    std::uint64_t rows_revision = ~0u;  // of the rows `items` came from
};

// ---- the scope tree diagram (a full-page view over the table) ----
struct DiagramState {
    bool open = false;
    std::optional<CredentialId> credential;  // the credential it was opened for, if any
    ScopeRef focus;                          // the highlighted node: that credential's scope
    ScopeTreeNavigation nav;                 // collapsed nodes, the search and its match
    std::uint64_t serial = 0;                // new on every open: the view fits itself anew
};

// The history of the one selected credential, shown in the details panel (the server's
// audit-trail extension). Asked for whenever the selection settles on a credential, and again
// after a change made here or a refresh; one request at a time, so answers arrive in order.
struct HistoryState {
    enum class Phase { Idle, Loading, Loaded, Failed };
    Phase phase = Phase::Idle;
    std::optional<CredentialId> id;   // whose history this is
    std::vector<AuditEvent> entries;  // newest first
    bool more = false;                // older entries exist beyond this page
    std::string error;                // why it could not be loaded (phase Failed)
    bool in_flight = false;
    bool stale = false;            // changed since it was asked for: ask again
    std::uint64_t generation = 0;  // the load generation the request in flight was sent in
};

// The login check of the one selected docker-registry or NGC credential, in the details panel:
// the kept one is asked for when the selection settles on it, a new one on "Test login".
struct StoredLoginCheck {
    std::optional<CredentialId> id;
    LoginCheckState check;
    bool loading = false;  // the kept check is on its way
    std::uint64_t generation = 0;
};

// What sits over the page besides the dialogs: the command palette or the list of shortcuts.
enum class Overlay { None, CommandPalette, Shortcuts, RowMenu };

// Where the keyboard focus should go (a shortcut asked for it); the view moves it once per serial.
enum class FocusTarget { None, Search, NewCredentialMenu, Details };
struct FocusRequest {
    FocusTarget target = FocusTarget::None;
    std::uint64_t serial = 0;
};

// The last copy, for its short "Copied" confirmation next to the button that made it.
struct CopiedNote {
    CopyTarget target = CopyTarget::CredentialName;
    std::size_t index = 0;
    double at_ms = 0;
};

// A kiosk or wall display: what it asks for on its own, and when.
struct KioskState {
    bool on = false;
    double refresh_ms = 30000;
    double next_ms = 0;   // when the next session request or refresh is due (0: at the next tick)
    bool asking = false;  // a session request is in flight
    std::string problem;  // why the display could not get a session ("" when it has one)
};

struct State {
    Screen screen = Screen::Login;
    KioskState kiosk;
    LoginState login;
    std::optional<api::Session> session;
    // Whether this tab keeps the session across a reload: sessions signed in here do; a token a
    // host console handed over does not (the host hands it again). `kept_token` is what the
    // platform was last told to keep.
    bool session_keepable = false;
    std::string kept_token;

    LoadPhase phase = LoadPhase::Idle;
    ApiError load_error;
    std::uint64_t generation = 0;  // responses of older loads are ignored
    PendingLoad pending;

    // Derived models are rebuilt when their inputs change, never per frame, and each has a
    // revision that changes with it: views compare revisions to know when to rebuild their own
    // caches (never pointers, timestamps or re-encoded contents).
    CredentialStore credentials;   // packed; credential(id) unpacks one
    std::string credentials_etag;  // the server's ETag of the list `credentials` came from
    OrgTree org;
    ScopeLayoutTree scope_tree;       // derived from org: the tree's structure (no text sizes)
    std::uint64_t org_revision = 0;   // org and scope_tree
    std::vector<CredentialRow> rows;  // derived from credentials + org, in server order
    RowIndex row_index;               // id -> index in rows/credentials (row_at)
    std::uint64_t rows_revision = 0;  // rows and row_index
    // The rows are a first load's credentials decoded so far, the rest still arriving: shown in
    // server order while the view has no sort (its first rows are then already final).
    bool rows_preview = false;
    double loaded_at_ms = 0;  // wall clock of the last successful load

    // The table: the view (mirrored in the URL), the rows it shows, the selection by id.
    TableView view;
    std::uint64_t query_revision = 0;      // the view's search, filters, sort or columns changed
    std::vector<std::uint32_t> view_rows;  // derived: compute_view(rows, view)
    std::uint64_t view_revision = 0;       // view_rows
    // How view_rows was computed: from which view, over which rows. A later view that only
    // re-sorts or narrows the search starts from it (compute_view_from).
    TableView view_rows_view;
    std::uint64_t view_rows_rows_revision = 0;
    SortIndex sort_index;  // per-column sort orders of rows, built on a sort or in spare time
    std::uint64_t sort_index_rows_revision = 0;
    std::vector<CredentialId> selection;  // in click order
    std::optional<CredentialId> anchor;   // where a shift-click range starts
    bool last_change_was_search = false;
    std::string stored_columns;  // the visible columns the browser kept ("c=" value), read at page load

    std::unordered_map<CredentialId, Poll> polls;

    Dialogs dialog;
    PermissionState permissions;
    // A row the table should scroll to (a credential just created); the serial changes each time.
    std::optional<CredentialId> reveal;
    std::uint64_t reveal_serial = 0;
    // Scroll the revealed row only as far as needed to show it (keyboard moves), instead of
    // centring it (a credential just created).
    bool reveal_keep_in_view = false;

    Overlay overlay = Overlay::None;
    bool row_menu_at_selection = false;  // the row menu was opened by the keyboard: shown at the row
    // The row a pointer opened the row menu on; the menu acts on it alone when it is not selected
    // (it is selected when one of its commands runs), else on the whole selection.
    std::optional<CredentialId> row_menu_row;
    std::uint64_t overlay_serial = 0;  // new on every open: the palette starts with an empty query
    FocusRequest focus;
    std::optional<CopiedNote> copied;

    DiagramState diagram;
    HistoryState history;
    StoredLoginCheck login_check;
    PersonalView personal;

    // What a screen reader says next, unasked (a polite live region): a status that changed, a
    // credential created or deleted. The serial changes with each one, even when the text repeats.
    std::string announcement;
    std::uint64_t announcement_serial = 0;

    int utc_offset_minutes = 0;  // from the platform, for local times

    bool is_selected(const CredentialId& id) const;
    std::optional<Credential> credential(const CredentialId& id) const;
    // The index of the credential's row (and of the credential in `credentials`).
    std::optional<std::uint32_t> row_at(const CredentialId& id) const { return row_index.find(rows, id.value); }
    const CredentialRow* row(const CredentialId& id) const;
};

}  // namespace cc::app
