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
#include "core/table_query.h"

namespace cc::app {

// Which response an in-flight request is waiting for.
enum class RequestTag {
    Token, Credentials, Clusters, Departments, Projects, PollCredential,
    PermittedScopes, ExistingSecrets, CreateCredential, RenameCredential, DeleteCredential,
    CredentialHistory
};

// ---- session and loading ----
struct LoginSubmitted {
    std::string username;
    std::string password;  // wiped by update() once the request body is built
};
struct TokenProvided {  // a host console hands its own token to the embedded app
    std::string token;
    std::string user;
};
struct RefreshRequested {};
struct LogoutRequested {};
struct HttpResponded {
    RequestTag tag;
    std::uint64_t generation = 0;
    api::HttpResponse response;
    double now_ms = 0;
    std::string subject;  // the credential id of a poll
};
// The platform's clock, every frame or so: drives the polling of transient rows.
struct Tick {
    double now_ms = 0;
};

// ---- the table view ----
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
// The view from the URL (page load, back/forward) or from stored preferences.
struct ViewRestored {
    TableView view;
    bool from_history = false;  // the URL already says it: do not write it back
};

// ---- selection, export ----
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

// ---- new credential, rename, delete ----
struct NewCredentialRequested {
    CredentialKind kind;
};
// The form's scope changed while "Existing secret" is chosen: list the secrets there.
struct ExistingSecretsRequested {
    CredentialKind kind;
    ScopeRef scope;
    bool again = false;  // ask even if the list for this kind and scope is already there
};
// The secrets in `request` are heap strings made for it; update() wipes them in every case.
struct CreateSubmitted {
    CreateRequest request;
};
struct RenameRequested {};  // for the one selected credential
struct RenameSubmitted {
    UpdateRequest request;
};
struct DeleteRequested {};  // for the selected credentials
struct DeleteConfirmed {};
struct DialogClosed {};

// ---- the scope tree diagram ----
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
struct UsableAtCleared {};  // the chip's remove button

// ---- the details panel's history ----
struct HistoryRetryRequested {};  // its Retry button, after a failed load

using Action = std::variant<LoginSubmitted, TokenProvided, RefreshRequested, LogoutRequested, HttpResponded, Tick,
                            SearchChanged, FilterSet, FilterRemoved, FiltersCleared, SortClicked, ColumnVisibilitySet,
                            ColumnsReset, ViewRestored, RowClicked, SelectionCleared, ExportRequested,
                            NewCredentialRequested, ExistingSecretsRequested, CreateSubmitted, RenameRequested,
                            RenameSubmitted, DeleteRequested, DeleteConfirmed, DialogClosed, DiagramOpened,
                            DiagramClosed, DiagramNodeToggled, DiagramAllToggled, DiagramSearchChanged,
                            DiagramSearchNext, DiagramNodeClicked, UsableAtCleared, HistoryRetryRequested>;

// ---- effects ----
struct SendRequest {
    RequestTag tag;
    std::uint64_t generation = 0;
    api::HttpRequest request;
    std::string subject;
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
struct DownloadFile {
    std::string filename;
    std::string mime;
    std::string content;
};

using Effect = std::variant<SendRequest, WriteUrlHash, SaveSetting, DownloadFile>;

inline constexpr const char* kVisibleColumnsSetting = "credentials-console.columns";

}  // namespace cc::app
