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
    out.push_back({{CommandKind::SignOut, 0}, "Sign out"});
    out.push_back({{CommandKind::KeyboardShortcuts, 0}, "Keyboard shortcuts"});
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
        {"r", "Refresh the list"},
        {"Ctrl+K / Cmd+K", "Command palette: run any command by name"},
        {"?", "This list of shortcuts"},
        {"Tab / Shift+Tab", "Next / previous control"},
        {"Space", "Press the focused button"},
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
