// The application state: one struct, changed only by update(). Views read it (const) and
// emit actions; the platform carries out the effects update() returns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/client.h"
#include "core/credential.h"
#include "core/org.h"
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

    int utc_offset_minutes = 0;  // from the platform, for local times

    bool is_selected(const CredentialId& id) const;
    const Credential* credential(const CredentialId& id) const;
    const CredentialRow* row(const CredentialId& id) const;
};

}  // namespace cc::app
