// The keyboard's side of the app: the command palette's commands (which exist in a state and
// whether they can run), the list of shortcuts the help dialog shows, the kubectl commands a
// copy button can copy, and how long a copy's "Copied" confirmation shows.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actions.h"
#include "app/state.h"

namespace cc::app {

struct Command {
    CommandId id;
    std::string title;  // "New Docker registry credential", "Filter status: Issues found"
    bool enabled = true;
    std::string disabled_reason;  // why not, when disabled
};

// The commands that make sense in this state, in the palette's order. Commands that cannot apply
// (showing a column already shown, clearing filters when there are none) are left out; commands
// that apply but are not allowed right now (creating without permission, refreshing while a load
// runs) are listed disabled with the reason.
std::vector<Command> list_commands(const State& state);

// The credentials the row menu acts on: the row it was opened on when that row is not selected,
// else the selection.
std::vector<CredentialId> row_menu_subject(const State& state);
// The row menu's commands (a right click or a long press on a row), for its subject, in menu
// order. Rename and Delete are listed disabled, with the reason, when the role or the number of
// credentials does not allow them, exactly as the toolbar's buttons are.
std::vector<Command> row_menu_commands(const State& state);
// Rename and Delete of these credentials (the toolbar's: the selection): can they run, why not.
Command rename_command(const State& state, const std::vector<CredentialId>& ids);
Command delete_command(const State& state, const std::vector<CredentialId>& ids);

// The commands whose title holds every word of `query` (case-insensitive), in list order: their
// indexes in `commands`. An empty query matches every command.
std::vector<std::size_t> filter_commands(const std::vector<Command>& commands, std::string_view query);

struct ShortcutHelp {
    const char* keys;
    const char* action;
};
// Every shortcut of the page, for the help dialog ("?").
const std::vector<ShortcutHelp>& shortcut_help();

// The kubectl commands the new-credential form offers to create an existing secret in advance
// (one per line of kubectl_create_commands, comments left out), or none when it shows none.
std::vector<std::string> kubectl_command_lines(const State& state);

// The listed existing secrets the form offers for its generic secret format: only
// kubernetes.io/ssh-auth Secrets for an SSH key, none of those for an access key or a username
// and password (their Opaque Secrets cannot be told apart), all for key/value pairs and the
// other kinds.
std::vector<const api::ExistingSecret*> offered_existing_secrets(const State& state);

inline constexpr double kCopiedShownMs = 1500;
// Whether the "Copied" confirmation of this button shows at `now_ms`.
bool shows_copied(const State& state, CopyTarget target, std::size_t index, double now_ms);
// When the current confirmation disappears (the platform draws a frame then), if one shows.
std::optional<double> copied_shown_until(const State& state);

}  // namespace cc::app
