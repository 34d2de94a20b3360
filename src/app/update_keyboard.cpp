// Keyboard shortcuts, the command palette and the copy buttons: what each shortcut does in the
// current state (moving the single selection through the view, keeping it in sight), running a
// command by its id, and copying a name or a kubectl command (never a secret) with its
// "Copied" confirmation.
#include <algorithm>

#include "app/commands.h"
#include "app/update_internal.h"

namespace cc::app {
namespace {

// The position in the view of the row the keyboard moves from: the anchor when selected, else the
// last selected row; none when nothing selected is in the view.
std::optional<std::size_t> current_position(const State& s) {
    std::optional<CredentialId> from;
    if (s.anchor && s.is_selected(*s.anchor))
        from = s.anchor;
    else if (!s.selection.empty())
        from = s.selection.back();
    if (!from) return std::nullopt;
    const auto at = s.row_at(*from);
    if (!at) return std::nullopt;
    const auto it = std::find(s.view_rows.begin(), s.view_rows.end(), *at);
    if (it == s.view_rows.end()) return std::nullopt;
    return static_cast<std::size_t>(it - s.view_rows.begin());
}

// Selects one row by the key pressed; the table scrolls it into sight.
Effects move_selection(State& s, Shortcut key, int page_rows) {
    if (s.view_rows.empty()) return {};
    const std::size_t last = s.view_rows.size() - 1;
    const std::size_t page = static_cast<std::size_t>(std::max(page_rows, 1));
    const std::optional<std::size_t> cur = current_position(s);
    std::size_t to = 0;
    if (!cur) {
        // Nothing selected here yet: forward keys start at the top, backward keys at the bottom.
        const bool backward =
            key == Shortcut::SelectPrevious || key == Shortcut::PagePrevious || key == Shortcut::SelectLast;
        to = backward ? last : 0;
    } else {
        switch (key) {
            case Shortcut::SelectPrevious: to = *cur > 0 ? *cur - 1 : 0; break;
            case Shortcut::SelectNext: to = std::min(*cur + 1, last); break;
            case Shortcut::PagePrevious: to = *cur > page ? *cur - page : 0; break;
            case Shortcut::PageNext: to = std::min(*cur + page, last); break;
            case Shortcut::SelectFirst: to = 0; break;
            case Shortcut::SelectLast: to = last; break;
            default: return {};
        }
    }
    const CredentialId id = s.rows[s.view_rows[to]].id;
    s.selection = {id};
    s.anchor = id;
    s.reveal = id;
    s.reveal_keep_in_view = true;
    ++s.reveal_serial;
    return {};
}

void request_focus(State& s, FocusTarget target) {
    s.focus.target = target;
    ++s.focus.serial;
}

void open_overlay(State& s, Overlay o) {
    s.overlay = o;
    ++s.overlay_serial;
}

template <class A>
Effects run(State& s, A a) {
    return handle(s, a);
}

}  // namespace

Effects handle(State& s, ShortcutPressed& a) {
    if (s.screen != Screen::Credentials || s.dialog.open != DialogKind::None || s.overlay != Overlay::None) return {};
    switch (a.shortcut) {
        case Shortcut::CommandPalette: open_overlay(s, Overlay::CommandPalette); return {};
        case Shortcut::RowMenu:
            if (!s.selection.empty() && !s.diagram.open) {
                open_overlay(s, Overlay::RowMenu);
                s.row_menu_at_selection = true;
                s.row_menu_row.reset();
            }
            return {};
        case Shortcut::ShowShortcuts: open_overlay(s, Overlay::Shortcuts); return {};
        default: break;
    }
    if (s.diagram.open) return {};  // the table and its tools are not on the page
    switch (a.shortcut) {
        case Shortcut::FocusSearch: request_focus(s, FocusTarget::Search); return {};
        case Shortcut::NewCredentialMenu:
            if (!s.permissions.loaded || s.permissions.scopes.create.any())
                request_focus(s, FocusTarget::NewCredentialMenu);
            return {};
        case Shortcut::OpenDetails:
            if (!s.selection.empty()) request_focus(s, FocusTarget::Details);
            return {};
        case Shortcut::DeleteSelection: return run(s, DeleteRequested{});
        case Shortcut::Refresh:
            if (s.phase == LoadPhase::Loading) return {};
            return run(s, RefreshRequested{});
        default: return move_selection(s, a.shortcut, a.page_rows);
    }
}

Effects handle(State& s, RowMenuOpened& a) {
    if (s.screen != Screen::Credentials || s.dialog.open != DialogKind::None || s.overlay != Overlay::None) return {};
    if (!s.row(a.id)) return {};
    open_overlay(s, Overlay::RowMenu);
    s.row_menu_at_selection = false;
    s.row_menu_row = a.id;
    return {};
}

Effects handle(State& s, CommandRun& a) {
    if (s.overlay != Overlay::CommandPalette && s.overlay != Overlay::RowMenu) return {};
    const std::vector<Command> commands =
        s.overlay == Overlay::CommandPalette ? list_commands(s) : row_menu_commands(s);
    const auto it = std::find_if(commands.begin(), commands.end(), [&](const Command& c) { return c.id == a.id; });
    if (it == commands.end() || !it->enabled) return {};
    if (s.overlay == Overlay::RowMenu) {  // its commands act on the selection: its subject becomes it
        std::vector<CredentialId> subject = row_menu_subject(s);
        if (subject != s.selection) {
            s.anchor = subject.front();
            s.selection = std::move(subject);
        }
    }
    s.overlay = Overlay::None;
    switch (a.id.kind) {
        case CommandKind::NewCredential: return run(s, NewCredentialRequested{static_cast<CredentialKind>(a.id.arg)});
        case CommandKind::FilterStatus: {
            ColumnFilter f;
            f.column = Column::Status;
            f.values = {std::string(status_label(static_cast<SyncStatus>(a.id.arg)))};
            return run(s, FilterSet{std::move(f)});
        }
        case CommandKind::ClearFilters: return run(s, FiltersCleared{false});
        case CommandKind::ShowColumn: return run(s, ColumnVisibilitySet{static_cast<Column>(a.id.arg), true});
        case CommandKind::HideColumn: return run(s, ColumnVisibilitySet{static_cast<Column>(a.id.arg), false});
        case CommandKind::Refresh: return run(s, RefreshRequested{});
        case CommandKind::OpenScopeTree: {
            if (s.selection.size() == 1 && s.row(s.selection.front()))
                return run(s, DiagramOpened{s.selection.front(), {}});
            return run(s, DiagramOpened{{}, ScopeRef{ScopeType::Tenant, {}, {}, {}}});
        }
        case CommandKind::SignOut: return run(s, LogoutRequested{});
        case CommandKind::MyCredentials: return run(s, MyCredentialsOpened{});
        case CommandKind::KeyboardShortcuts: open_overlay(s, Overlay::Shortcuts); return {};
        case CommandKind::SortBy: return run(s, SortClicked{static_cast<Column>(a.id.arg), false});
        case CommandKind::ShowDetails: request_focus(s, FocusTarget::Details); return {};
        case CommandKind::Rename: return run(s, RenameRequested{});
        case CommandKind::Delete: return run(s, DeleteRequested{});
        case CommandKind::CopyName: return run(s, CopyRequested{CopyTarget::CredentialName, 0, a.now_ms});
        case CommandKind::CopyKubernetesName: return run(s, CopyRequested{CopyTarget::KubernetesName, 0, a.now_ms});
    }
    return {};
}

Effects handle(State& s, OverlayClosed&) {
    s.overlay = Overlay::None;
    return {};
}

Effects handle(State& s, CopyRequested& a) {
    std::string text;
    switch (a.target) {
        case CopyTarget::CredentialName:
            if (s.selection.size() == 1)
                if (const CredentialRow* row = s.row(s.selection.front())) text = row->cell(Column::Credential).view();
            break;
        case CopyTarget::KubernetesName:
            if (s.selection.size() == 1)
                if (const CredentialRow* row = s.row(s.selection.front()))
                    text = row->cell(Column::KubernetesName).view();
            break;
        case CopyTarget::KubectlCommand: {
            const std::vector<std::string> lines = kubectl_command_lines(s);
            if (a.index < lines.size()) text = lines[a.index];
            break;
        }
    }
    if (text.empty()) return {};
    s.copied = CopiedNote{a.target, a.index, a.now_ms};
    announce(s, "Copied to the clipboard");
    return {CopyToClipboard{std::move(text)}};
}

}  // namespace cc::app
