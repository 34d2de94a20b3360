// The application state: one struct, changed only by update(). Views read it (const) and
// emit actions; the platform carries out the effects update() returns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/client.h"
#include "core/audit.h"
#include "core/credential.h"
#include "core/org.h"
#include "core/permitted_scopes.h"
#include "core/result.h"
#include "core/table.h"
#include "core/table_query.h"

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
    std::optional<std::vector<Credential>> credentials;
    std::optional<std::vector<Cluster>> clusters;
    std::vector<Department> departments;
    std::vector<Project> projects;
    bool departments_done = false;
    bool projects_done = false;

    bool complete() const { return credentials && clusters && departments_done && projects_done; }
};

// A row in Creating/Updating/Deleting is fetched again until it settles, backing off.
struct Poll {
    double due_ms = 0;
    double interval_ms = 0;
    bool in_flight = false;
};

inline constexpr double kFirstPollMs = 1000;
inline constexpr double kMaxPollMs = 30000;

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

struct CreateDialog {
    CredentialKind kind = CredentialKind::DockerRegistry;
    bool submitting = false;
    std::optional<ApiError> error;  // the last refusal; `field` is a form field name ("name")
    ExistingSecrets existing;
};

struct RenameDialog {
    CredentialId id;
    bool submitting = false;
    std::optional<ApiError> error;
};

struct DeleteFailure {
    CredentialId id;
    std::string name;
    std::string reason;
};

struct DeleteDialog {
    std::vector<CredentialId> ids;
    std::vector<std::string> names;
    std::size_t pending = 0;        // requests still in flight
    bool submitted = false;
    std::vector<DeleteFailure> failures;
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

// ---- the scope tree diagram (a full-page view over the table) ----
// Scopes are kept as their own node (scope_node_only), so they survive a reload of the org.
struct DiagramState {
    bool open = false;
    std::optional<CredentialId> credential;  // the credential it was opened for, if any
    ScopeRef focus;                          // the highlighted node: that credential's scope
    std::vector<ScopeRef> collapsed;         // nodes whose subtree is hidden
    std::string search;
    std::vector<ScopeRef> matches;           // nodes named like `search`, best first
    std::size_t match_index = 0;             // the one shown (Enter goes to the next)
    std::uint64_t serial = 0;                // new on every open: the view fits itself anew
    std::uint64_t match_serial = 0;          // new on every search move: the view centres on it

    const ScopeRef* match() const { return match_index < matches.size() ? &matches[match_index] : nullptr; }
    bool is_collapsed(const ScopeRef& s) const;
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

struct State {
    Screen screen = Screen::Login;
    LoginState login;
    std::optional<api::Session> session;

    LoadPhase phase = LoadPhase::Idle;
    ApiError load_error;
    std::uint64_t generation = 0;  // responses of older loads are ignored
    PendingLoad pending;

    std::vector<Credential> credentials;
    OrgTree org;
    std::vector<CredentialRow> rows;  // derived from credentials + org, in server order
    std::unordered_map<CredentialId, std::uint32_t> row_index;  // id -> index in rows/credentials
    double loaded_at_ms = 0;          // wall clock of the last successful load

    // The table: the view (mirrored in the URL), the rows it shows, the selection by id.
    TableView view;
    std::vector<std::uint32_t> view_rows;  // derived: compute_view(rows, view)
    std::vector<CredentialId> selection;   // in click order
    std::optional<CredentialId> anchor;    // where a shift-click range starts
    bool last_change_was_search = false;

    std::unordered_map<CredentialId, Poll> polls;

    Dialogs dialog;
    PermissionState permissions;
    // A row the table should scroll to (a credential just created); the serial changes each time.
    std::optional<CredentialId> reveal;
    std::uint64_t reveal_serial = 0;

    DiagramState diagram;
    HistoryState history;

    int utc_offset_minutes = 0;  // from the platform, for local times

    bool is_selected(const CredentialId& id) const;
    const Credential* credential(const CredentialId& id) const;
    const CredentialRow* row(const CredentialId& id) const;
};

}  // namespace cc::app
