// The command palette's commands, the shortcut list and the copy buttons' texts: pure functions
// of the state, so the palette, the help dialog and update() always agree.
#include "app/commands.h"

#include <algorithm>

#include "core/case_fold.h"
#include "core/kubectl_snippet.h"
#include "core/table_query.h"
#include "core/text.h"

namespace cc::app {
namespace {

constexpr SyncStatus kAllStatuses[] = {SyncStatus::Creating,     SyncStatus::Updating,       SyncStatus::Deleting,
                                       SyncStatus::Failed,       SyncStatus::DeletionFailed, SyncStatus::IssuesFound,
                                       SyncStatus::NoIssuesFound};

bool may_create(const State& s) {
    return !s.permissions.loaded || s.permissions.scopes.create.any();
}

// Whether the status filter is this one status exactly.
bool filtered_to(const State& s, std::string_view label) {
    for (const auto& f : s.view.filters)
        if (f.column == Column::Status) return f.text.empty() && f.values.size() == 1 && f.values.front() == label;
    return false;
}

}  // namespace

std::vector<Command> list_commands(const State& s) {
    std::vector<Command> out;
    if (s.screen != Screen::Credentials) return out;
    const bool loaded = s.phase == LoadPhase::Loaded;
    for (CredentialKind k : kAllKinds) {
        Command c{{CommandKind::NewCredential, static_cast<int>(k)},
                  "New " + std::string(kind_label(k)) + " credential"};
        if (!may_create(s)) {
            c.enabled = false;
            c.disabled_reason = "Your role cannot create credentials in any scope";
        }
        out.push_back(std::move(c));
    }
    if (loaded && !s.rows.empty()) {
        const std::vector<std::string> present = distinct_values(s.rows, Column::Status);
        for (SyncStatus st : kAllStatuses) {
            const std::string label(status_label(st));
            if (std::find(present.begin(), present.end(), label) == present.end() || filtered_to(s, label)) continue;
            out.push_back({{CommandKind::FilterStatus, static_cast<int>(st)}, "Filter status: " + label});
        }
    }
    if (!s.view.filters.empty() || s.view.usable_at) out.push_back({{CommandKind::ClearFilters, 0}, "Clear filters"});
    // Sorting without reaching the headers (they are not tab stops): by name, as their click does.
    if (loaded && !s.rows.empty())
        for (Column col : kAllColumns) {
            if (!s.view.is_visible(col)) continue;
            const bool ascending_now =
                !s.view.sort.empty() && s.view.sort.front().column == col && !s.view.sort.front().descending;
            out.push_back({{CommandKind::SortBy, static_cast<int>(col)},
                           "Sort by " + std::string(column_title(col)) + (ascending_now ? ", descending" : "")});
        }
    const auto shown = std::count(s.view.visible.begin(), s.view.visible.end(), true);
    for (Column col : kAllColumns)
        if (!s.view.is_visible(col))
            out.push_back(
                {{CommandKind::ShowColumn, static_cast<int>(col)}, "Show column: " + std::string(column_title(col))});
    for (Column col : kAllColumns)
        if (s.view.is_visible(col) && shown > 1)
            out.push_back(
                {{CommandKind::HideColumn, static_cast<int>(col)}, "Hide column: " + std::string(column_title(col))});
    Command refresh{{CommandKind::Refresh, 0}, "Refresh"};
    if (s.phase == LoadPhase::Loading) {
        refresh.enabled = false;
        refresh.disabled_reason = "The list is loading";
    }
    out.push_back(std::move(refresh));
    if (!s.diagram.open && !s.scope_tree.nodes.empty()) {
        Command tree{{CommandKind::OpenScopeTree, 0}, "Open scope tree"};
        if (s.selection.size() == 1)
            if (const CredentialRow* row = s.row(s.selection.front()))
                tree.title += " at " + std::string(row->cell(Column::Credential));
        out.push_back(std::move(tree));
    }
    if (!s.personal.open) out.push_back({{CommandKind::MyCredentials, 0}, "My credentials"});
    out.push_back({{CommandKind::SignOut, 0}, "Sign out"});
    out.push_back({{CommandKind::KeyboardShortcuts, 0}, "Keyboard shortcuts"});
    return out;
}

Command rename_command(const State& s, const std::vector<CredentialId>& ids) {
    Command c{{CommandKind::Rename, 0}, "Rename"};
    // The rows' scopes are normalized already: no credential is decoded (the toolbar asks every frame).
    const CredentialRow* first = ids.size() == 1 ? s.row(ids.front()) : nullptr;
    if (!first) {
        c.enabled = false;
        c.disabled_reason = "Select one credential to rename it";
    } else if (s.permissions.loaded && !s.permissions.scopes.update.allows(first->scope)) {
        c.enabled = false;
        c.disabled_reason = "Your role cannot change credentials in this scope";
    }
    return c;
}

Command delete_command(const State& s, const std::vector<CredentialId>& ids) {
    const std::size_t n = ids.size();
    Command c{{CommandKind::Delete, 0}, n > 1 ? "Delete " + std::to_string(n) + " credentials" : "Delete"};
    if (n == 0) {
        c.enabled = false;
        c.disabled_reason = "Select the credentials to delete (ctrl-click or shift-click for several)";
        return c;
    }
    if (s.permissions.loaded)
        for (const auto& id : ids)
            if (const CredentialRow* row = s.row(id))
                if (!s.permissions.scopes.remove.allows(row->scope)) {
                    c.enabled = false;
                    c.disabled_reason = "Your role cannot delete credentials in the scope of every selected one";
                }
    return c;
}

std::vector<CredentialId> row_menu_subject(const State& s) {
    if (s.row_menu_row && !s.is_selected(*s.row_menu_row)) return {*s.row_menu_row};
    return s.selection;
}

std::vector<Command> row_menu_commands(const State& s) {
    std::vector<Command> out;
    const std::vector<CredentialId> ids = row_menu_subject(s);
    if (s.screen != Screen::Credentials || ids.empty()) return out;
    const CredentialRow* one = ids.size() == 1 ? s.row(ids.front()) : nullptr;
    if (one) out.push_back({{CommandKind::ShowDetails, 0}, "Show details"});
    out.push_back(rename_command(s, ids));
    out.push_back(delete_command(s, ids));
    if (one) {
        out.push_back({{CommandKind::CopyName, 0}, "Copy name"});
        if (!one->cell(Column::KubernetesName).empty())
            out.push_back({{CommandKind::CopyKubernetesName, 0}, "Copy Kubernetes name"});
        if (!s.diagram.open && !s.scope_tree.nodes.empty())
            out.push_back(
                {{CommandKind::OpenScopeTree, 0}, "Open scope tree at " + std::string(one->cell(Column::Credential))});
    }
    return out;
}

std::vector<std::size_t> filter_commands(const std::vector<Command>& commands, std::string_view query) {
    std::vector<std::string_view> words;
    for (std::string_view w : split_by_char(query, ' '))
        if (!w.empty()) words.push_back(w);
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < commands.size(); ++i) {
        bool all = true;
        for (std::string_view w : words) all = all && contains_case_insensitive(commands[i].title, w);
        if (all) out.push_back(i);
    }
    return out;
}

const std::vector<ShortcutHelp>& shortcut_help() {
    static const std::vector<ShortcutHelp> list = {
        {"/", "Search"},
        {"n", "New credential menu"},
        {"Up / Down", "Select the previous / next credential"},
        {"Page Up / Page Down", "Move the selection by a page"},
        {"Home / End", "Select the first / last credential"},
        {"Enter", "Go to the selected credential's details"},
        {"Delete", "Delete the selection"},
        {"Shift+F10 / Menu key", "The selection's actions (also a right click or a long press on a row)"},
        {"r", "Refresh the list"},
        {"Ctrl+K / Cmd+K", "Command palette: run any command by name"},
        {"?", "This list of shortcuts"},
        {"Tab / Shift+Tab", "Next / previous control"},
        {"Enter / Space", "Press the focused button"},
        {"Escape", "Close the dialog or menu"},
    };
    return list;
}

std::vector<std::string> kubectl_command_lines(const State& s) {
    const CreateDialog& d = s.dialog.create;
    if (s.dialog.open != DialogKind::Create || !d.use_existing || !d.scope || !kind_supports_existing_secret(d.kind))
        return {};
    const Result<std::string> text = kubectl_create_commands(d.kind, *d.scope, s.org, "", d.format);
    if (!text) return {};
    std::vector<std::string> out;
    for (std::string_view line : split_by_char(*text, '\n'))
        if (line.rfind("kubectl ", 0) == 0) out.emplace_back(line);
    return out;
}

std::vector<const api::ExistingSecret*> offered_existing_secrets(const State& s) {
    const CreateDialog& d = s.dialog.create;
    std::vector<const api::ExistingSecret*> out;
    for (const auto& secret : d.existing.secrets) {
        const bool ssh_auth = secret.type == kSshAuthSecretType;
        if (d.kind == CredentialKind::GenericSecret && d.format != SecretFormat::KeyValues &&
            ssh_auth != (d.format == SecretFormat::SshKey))
            continue;
        out.push_back(&secret);
    }
    return out;
}

bool shows_copied(const State& s, CopyTarget target, std::size_t index, double now_ms) {
    return s.copied && s.copied->target == target && s.copied->index == index && now_ms >= s.copied->at_ms &&
           now_ms < s.copied->at_ms + kCopiedShownMs;
}

std::optional<double> copied_shown_until(const State& s) {
    if (!s.copied) return std::nullopt;
    return s.copied->at_ms + kCopiedShownMs;
}

}  // namespace cc::app
