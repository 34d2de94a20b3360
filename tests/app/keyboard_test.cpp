// Keyboard shortcuts, the command palette and the copy buttons through update(): selection moves
// at the edges and by pages, which commands exist in a state and what running one does, and what
// a copy puts on the clipboard.
#include <doctest/doctest.h>

#include <algorithm>

#include "app/commands.h"
#include "app/update.h"
#include "app_fixtures.h"
#include "core/json_codec.h"

using namespace cc;
using namespace cc::app;
using fixtures::part_of;
using request::LoadPart;

namespace {

Credential make(int n, SyncStatus status = SyncStatus::NoIssuesFound) {
    Credential c;
    c.meta.id = CredentialId{"id-" + std::to_string(n)};
    c.meta.kind = CredentialKind::AccessKey;
    c.meta.name = "cred-" + std::string(n < 10 ? "0" : "") + std::to_string(n);
    c.meta.scope = ScopeRef{ScopeType::Tenant, {}, {}, {}};
    c.meta.created_by = "admin@demo.local";
    c.meta.created_at = "2026-01-01T00:00:00Z";
    c.spec = empty_spec(c.meta.kind);
    c.status = AssetStatus{status, {}, {}, {}};
    c.k8s_names = std::vector<std::string>{"k8s-" + std::to_string(n)};
    return c;
}

// Signed in (by a token) with `count` credentials cred-00..; every third has issues.
State loaded(int count) {
    State s;
    Json entries = Json::array();
    for (int i = 0; i < count; ++i)
        entries.push_back(
            encode_credential(make(i, i % 3 == 0 ? SyncStatus::IssuesFound : SyncStatus::NoIssuesFound), true));
    for (const auto& e : update(s, TokenProvided{"tok", "admin@demo.local"})) {
        const auto* r = std::get_if<SendRequest>(&e);
        if (!r) continue;
        const std::string body = part_of(*r) == LoadPart::Credentials ? Json{{"entries", entries}}.dump()
                                 : part_of(*r) == LoadPart::Clusters  ? "[]"
                                 : part_of(*r) == LoadPart::Projects  ? R"({"projects":[]})"
                                 : part_of(*r) == LoadPart::PermittedScopes
                                     ? R"({"create":{"system":true},"read":null,"update":null,"delete":null})"
                                     : R"({"departments":[]})";
        update(s, HttpResponded{r->context, api::HttpResponse{200, body, {}}, 1000});
    }
    REQUIRE(s.phase == LoadPhase::Loaded);
    REQUIRE(s.view_rows.size() == static_cast<std::size_t>(count));
    REQUIRE(s.permissions.loaded);
    REQUIRE(s.permissions.scopes.create.any());
    return s;
}

std::vector<Effect> key(State& s, Shortcut k, int page_rows = 5) {
    return update(s, ShortcutPressed{k, page_rows});
}

// The name of the one selected credential ("" when the selection is not one row).
std::string selected(const State& s) {
    if (s.selection.size() != 1) return "";
    return std::string(s.row(s.selection.front())->cell(Column::Credential).view());
}

const Command* find_command(const std::vector<Command>& list, const std::string& title) {
    for (const auto& c : list)
        if (c.title == title) return &c;
    return nullptr;
}

std::vector<Effect> run_command(State& s, const std::string& title) {
    update(s, ShortcutPressed{Shortcut::CommandPalette});
    REQUIRE(s.overlay == Overlay::CommandPalette);
    const std::vector<Command> list = list_commands(s);
    const Command* c = find_command(list, title);
    REQUIRE_MESSAGE(c, title);
    return update(s, CommandRun{c->id});
}

}  // namespace

TEST_CASE("Down with nothing selected selects the first row of the view; Up the last") {
    State s = loaded(12);
    key(s, Shortcut::SelectNext);
    CHECK(selected(s) == "cred-00");
    CHECK(s.reveal == s.selection.front());
    CHECK(s.reveal_keep_in_view);
    update(s, SelectionCleared{});
    key(s, Shortcut::SelectPrevious);
    CHECK(selected(s) == "cred-11");
    // The first row of the view, not of the list: a search narrows it.
    update(s, SelectionCleared{});
    update(s, SearchChanged{"cred-1"});
    key(s, Shortcut::SelectNext);
    CHECK(selected(s) == "cred-10");
}

TEST_CASE("arrows move a single selection and stop at the edges; every move asks to reveal the row") {
    State s = loaded(4);
    key(s, Shortcut::SelectNext);
    key(s, Shortcut::SelectNext);
    CHECK(selected(s) == "cred-01");
    const auto serial = s.reveal_serial;
    key(s, Shortcut::SelectPrevious);
    key(s, Shortcut::SelectPrevious);
    CHECK(selected(s) == "cred-00");  // stays at the top
    CHECK(s.reveal_serial == serial + 2);
    key(s, Shortcut::SelectLast);
    key(s, Shortcut::SelectNext);
    CHECK(selected(s) == "cred-03");  // stays at the bottom
    // A ctrl-click selection of several becomes one row again, moved from the last clicked.
    update(s, RowClicked{CredentialId{"id-0"}, false, false});
    update(s, RowClicked{CredentialId{"id-2"}, true, false});
    REQUIRE(s.selection.size() == 2);
    key(s, Shortcut::SelectNext);
    CHECK(selected(s) == "cred-03");
}

TEST_CASE("PageUp/PageDown move by the rows the table shows; Home/End go to the ends") {
    State s = loaded(23);
    key(s, Shortcut::PageNext, 10);  // nothing selected: starts at the top
    CHECK(selected(s) == "cred-00");
    key(s, Shortcut::PageNext, 10);
    CHECK(selected(s) == "cred-10");
    key(s, Shortcut::PageNext, 10);
    CHECK(selected(s) == "cred-20");
    key(s, Shortcut::PageNext, 10);
    CHECK(selected(s) == "cred-22");  // clamped to the last row
    key(s, Shortcut::PagePrevious, 10);
    CHECK(selected(s) == "cred-12");
    key(s, Shortcut::PagePrevious, 10);
    key(s, Shortcut::PagePrevious, 10);
    CHECK(selected(s) == "cred-00");
    key(s, Shortcut::SelectLast);
    CHECK(selected(s) == "cred-22");
    key(s, Shortcut::SelectFirst);
    CHECK(selected(s) == "cred-00");
    key(s, Shortcut::PageNext, 0);  // a table too short for a row still moves one
    CHECK(selected(s) == "cred-01");
}

TEST_CASE("Delete asks to delete the selection; without one, or in a dialog, keys do nothing") {
    State s = loaded(3);
    key(s, Shortcut::DeleteSelection);
    CHECK(s.dialog.open == DialogKind::None);
    key(s, Shortcut::SelectNext);
    key(s, Shortcut::DeleteSelection);
    REQUIRE(s.dialog.open == DialogKind::Delete);
    REQUIRE(s.dialog.remove.preview.deletable.size() == 1);
    CHECK(s.dialog.remove.preview.deletable.front().name == "cred-00");
    // The dialog has the keyboard: the table's keys and the palette wait.
    key(s, Shortcut::SelectNext);
    CHECK(selected(s) == "cred-00");
    key(s, Shortcut::CommandPalette);
    CHECK(s.overlay == Overlay::None);
    update(s, DialogClosed{});
    key(s, Shortcut::SelectNext);
    CHECK(selected(s) == "cred-01");
}

TEST_CASE("shortcuts that move the focus ask the view once each; r refreshes unless a load runs") {
    State s = loaded(3);
    key(s, Shortcut::FocusSearch);
    CHECK(s.focus.target == FocusTarget::Search);
    const auto serial = s.focus.serial;
    key(s, Shortcut::NewCredentialMenu);
    CHECK(s.focus.target == FocusTarget::NewCredentialMenu);
    CHECK(s.focus.serial == serial + 1);
    key(s, Shortcut::OpenDetails);  // nothing selected: no details to go to
    CHECK(s.focus.serial == serial + 1);
    key(s, Shortcut::SelectNext);
    key(s, Shortcut::OpenDetails);
    CHECK(s.focus.target == FocusTarget::Details);

    const auto fx = key(s, Shortcut::Refresh);
    CHECK(fixtures::requests(fx).size() >= 1);
    CHECK(s.phase == LoadPhase::Loading);
    CHECK(fixtures::requests(key(s, Shortcut::Refresh)).empty());  // one load at a time
}

TEST_CASE("the shortcuts dialog and the palette open over the page and close on OverlayClosed") {
    State s = loaded(2);
    key(s, Shortcut::ShowShortcuts);
    CHECK(s.overlay == Overlay::Shortcuts);
    key(s, Shortcut::SelectNext);  // the overlay has the keyboard
    CHECK(s.selection.empty());
    update(s, OverlayClosed{});
    CHECK(s.overlay == Overlay::None);
    const auto serial = s.overlay_serial;
    key(s, Shortcut::CommandPalette);
    CHECK(s.overlay == Overlay::CommandPalette);
    CHECK(s.overlay_serial == serial + 1);
    // On the login screen there is no page to act on.
    State login;
    update(login, ShortcutPressed{Shortcut::CommandPalette});
    CHECK(login.overlay == Overlay::None);
    CHECK(list_commands(login).empty());
    for (const auto& h : shortcut_help()) CHECK(std::string(h.action).size() > 0);
}

TEST_CASE("the palette lists the commands that make sense in the state") {
    State s = loaded(6);
    std::vector<Command> list = list_commands(s);
    for (const char* title :
         {"New Docker registry credential", "New Access key credential", "New Username & password credential",
          "New Generic secret credential", "New NGC API key credential", "Filter status: Issues found",
          "Filter status: No issues found", "Refresh", "Sign out", "Keyboard shortcuts", "Hide column: Description",
          "Open scope tree"})
        CHECK_MESSAGE(find_command(list, title), title);
    CHECK_FALSE(find_command(list, "Filter status: Failed"));     // no row has it
    CHECK_FALSE(find_command(list, "Clear filters"));             // nothing to clear
    CHECK_FALSE(find_command(list, "Show column: Description"));  // shown already

    // Filtering by a status lists Clear filters and no longer the status filtered to.
    run_command(s, "Filter status: Issues found");
    CHECK(s.overlay == Overlay::None);
    CHECK(s.view_rows.size() == 2);
    list = list_commands(s);
    CHECK_FALSE(find_command(list, "Filter status: Issues found"));
    CHECK(find_command(list, "Filter status: No issues found"));
    run_command(s, "Clear filters");
    CHECK(s.view_rows.size() == 6);
    CHECK_FALSE(find_command(list_commands(s), "Clear filters"));

    // Hiding a column offers to show it again; the last visible column cannot be hidden.
    const auto fx = run_command(s, "Hide column: Description");
    CHECK_FALSE(s.view.is_visible(Column::Description));
    CHECK(std::any_of(fx.begin(), fx.end(), [](const Effect& e) { return std::holds_alternative<SaveSetting>(e); }));
    CHECK(find_command(list_commands(s), "Show column: Description"));
    for (Column c : kAllColumns)
        if (c != Column::Credential) update(s, ColumnVisibilitySet{c, false});
    list = list_commands(s);
    CHECK_FALSE(find_command(list, "Hide column: Credential"));
    CHECK(find_command(list, "Show column: Status"));

    // While a load runs, Refresh is listed but disabled, and running it does nothing.
    update(s, RefreshRequested{});
    REQUIRE(s.phase == LoadPhase::Loading);
    const std::vector<Command> loading_list = list_commands(s);  // kept: `refresh` points into it
    const Command* refresh = find_command(loading_list, "Refresh");
    REQUIRE(refresh);
    CHECK_FALSE(refresh->enabled);
    CHECK_FALSE(refresh->disabled_reason.empty());
    update(s, ShortcutPressed{Shortcut::CommandPalette});
    CHECK(fixtures::requests(update(s, CommandRun{refresh->id})).empty());
    CHECK(s.overlay == Overlay::CommandPalette);  // not run: the palette stays
}

TEST_CASE("creating is disabled in the palette for a role that may not create") {
    State s = fixtures::loaded_state();
    CHECK(find_command(list_commands(s), "New Generic secret credential")->enabled);
    s.permissions.scopes.create = {};
    const std::vector<Command> listed = list_commands(s);  // kept: `c` points into it
    const Command* c = find_command(listed, "New Generic secret credential");
    REQUIRE(c);
    CHECK_FALSE(c->enabled);
    update(s, ShortcutPressed{Shortcut::CommandPalette});
    update(s, CommandRun{c->id});
    CHECK(s.dialog.open == DialogKind::None);
}

TEST_CASE("palette commands run the app's own actions") {
    State s = loaded(3);
    run_command(s, "New Generic secret credential");
    CHECK(s.dialog.open == DialogKind::Create);
    CHECK(s.dialog.create.kind == CredentialKind::GenericSecret);
    CHECK(s.overlay == Overlay::None);
    update(s, DialogClosed{});

    run_command(s, "Keyboard shortcuts");
    CHECK(s.overlay == Overlay::Shortcuts);
    update(s, OverlayClosed{});

    // "My credentials" opens the personal list, as the user menu does; while it is open it is
    // not offered again.
    run_command(s, "My credentials");
    CHECK(s.personal.open);
    CHECK(s.overlay == Overlay::None);
    CHECK_FALSE(find_command(list_commands(s), "My credentials"));
    update(s, MyCredentialsClosed{});
    CHECK(find_command(list_commands(s), "My credentials"));

    // A command id the state does not list is refused.
    update(s, ShortcutPressed{Shortcut::CommandPalette});
    update(s, CommandRun{{CommandKind::ShowColumn, static_cast<int>(Column::Description)}});
    CHECK(s.overlay == Overlay::CommandPalette);
    update(s, OverlayClosed{});

    run_command(s, "Sign out");
    CHECK(s.screen == Screen::Login);
    CHECK(s.overlay == Overlay::None);
}

TEST_CASE("the scope tree command opens the tree at the selected credential's scope") {
    State s = fixtures::loaded_state();
    update(s, RowClicked{CredentialId{"c-1"}, false, false});
    run_command(s, "Open scope tree at nvcr");
    CHECK(s.diagram.open);
    CHECK(s.diagram.credential == CredentialId{"c-1"});
    CHECK_FALSE(find_command(list_commands(s), "Open scope tree"));
    update(s, DiagramClosed{});
    update(s, SelectionCleared{});
    run_command(s, "Open scope tree");
    CHECK(s.diagram.open);
    CHECK_FALSE(s.diagram.credential);
}

TEST_CASE("filter_commands keeps the commands holding every word, in order") {
    State s = loaded(3);
    const std::vector<Command> list = list_commands(s);
    const auto titles = [&](std::string_view q) {
        std::vector<std::string> out;
        for (auto i : filter_commands(list, q)) out.push_back(list[i].title);
        return out;
    };
    CHECK(titles("").size() == list.size());
    CHECK(titles("generic NEW") == std::vector<std::string>{"New Generic secret credential"});
    CHECK(titles("  sign  ") == std::vector<std::string>{"Sign out"});
    CHECK(titles("no such command").empty());
}

TEST_CASE("copy buttons copy names, never secrets, and show Copied for a moment") {
    State s = loaded(3);
    CHECK(update(s, CopyRequested{CopyTarget::KubernetesName, 0, 5000}).empty());  // nothing selected
    key(s, Shortcut::SelectNext);
    auto fx = update(s, CopyRequested{CopyTarget::KubernetesName, 0, 5000});
    REQUIRE(fx.size() == 1);
    CHECK(std::get<CopyToClipboard>(fx[0]).text == "k8s-0");
    CHECK(shows_copied(s, CopyTarget::KubernetesName, 0, 5000));
    CHECK(shows_copied(s, CopyTarget::KubernetesName, 0, 6499));
    CHECK_FALSE(shows_copied(s, CopyTarget::KubernetesName, 0, 6500));
    CHECK_FALSE(shows_copied(s, CopyTarget::CredentialName, 0, 5000));  // another button
    CHECK(copied_shown_until(s) == 6500);
    fx = update(s, CopyRequested{CopyTarget::CredentialName, 0, 7000});
    REQUIRE(fx.size() == 1);
    CHECK(std::get<CopyToClipboard>(fx[0]).text == "cred-00");
    CHECK(shows_copied(s, CopyTarget::CredentialName, 0, 7000));
    CHECK_FALSE(shows_copied(s, CopyTarget::KubernetesName, 0, 7000));  // one confirmation at a time
    // No kubectl commands are shown, so none is copied.
    CHECK(kubectl_command_lines(s).empty());
    CHECK(update(s, CopyRequested{CopyTarget::KubectlCommand, 0, 8000}).empty());
}

TEST_CASE("kubectl commands of the existing-secret form copy one by one, placeholders only") {
    State s = fixtures::loaded_state();
    update(s, NewCredentialRequested{CredentialKind::AccessKey});
    update(s, CreateScopeChosen{ScopeRef{ScopeType::Project, {}, {}, ProjectId{7}}});
    update(s, CreateSourceChosen{true});
    const std::vector<std::string> lines = kubectl_command_lines(s);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].rfind("kubectl create secret generic", 0) == 0);
    CHECK(lines[0].find("<") != std::string::npos);  // placeholders, never values
    CHECK(lines[1].rfind("kubectl label secret", 0) == 0);
    const auto fx = update(s, CopyRequested{CopyTarget::KubectlCommand, 1, 100});
    REQUIRE(fx.size() == 1);
    CHECK(std::get<CopyToClipboard>(fx[0]).text == lines[1]);
    CHECK(shows_copied(s, CopyTarget::KubectlCommand, 1, 200));
    CHECK_FALSE(shows_copied(s, CopyTarget::KubectlCommand, 0, 200));
    CHECK(update(s, CopyRequested{CopyTarget::KubectlCommand, 2, 300}).empty());
}

namespace {

std::vector<std::string> titles_of(const std::vector<Command>& list) {
    std::vector<std::string> out;
    for (const auto& c : list) out.push_back(c.title + (c.enabled ? "" : " (disabled: " + c.disabled_reason + ")"));
    return out;
}

// Loaded, with a role that may also change and delete everywhere.
State loaded_editor(int count) {
    State s = loaded(count);
    s.permissions.scopes.update = s.permissions.scopes.create;
    s.permissions.scopes.remove = s.permissions.scopes.create;
    return s;
}

std::vector<Effect> run_row_command(State& s, const std::string& title, double now_ms = 0) {
    REQUIRE(s.overlay == Overlay::RowMenu);
    const std::vector<Command> list = row_menu_commands(s);
    const Command* c = find_command(list, title);
    REQUIRE_MESSAGE(c, title);
    return update(s, CommandRun{c->id, now_ms});
}

}  // namespace

TEST_CASE("a row's menu acts on the row it opened on, which is selected when one of its commands runs") {
    State s = loaded_editor(4);
    update(s, RowMenuOpened{CredentialId{"id-2"}});
    CHECK(s.overlay == Overlay::RowMenu);
    CHECK(s.selection.empty());  // opening it changes nothing (a phone would show the row's details)
    CHECK(row_menu_subject(s) == std::vector<CredentialId>{CredentialId{"id-2"}});
    CHECK(titles_of(row_menu_commands(s)) == std::vector<std::string>{"Show details", "Rename", "Delete", "Copy name",
                                                                      "Copy Kubernetes name",
                                                                      "Open scope tree at cred-02"});
    // Copying from the menu: the name, with the confirmation and an announcement.
    const auto fx = run_row_command(s, "Copy Kubernetes name", 9000);
    const auto copy =
        std::find_if(fx.begin(), fx.end(), [](const Effect& e) { return std::holds_alternative<CopyToClipboard>(e); });
    REQUIRE(copy != fx.end());
    CHECK(std::get<CopyToClipboard>(*copy).text == "k8s-2");
    CHECK(selected(s) == "cred-02");
    CHECK(shows_copied(s, CopyTarget::KubernetesName, 0, 9000));
    CHECK(s.announcement == "Copied to the clipboard");
    CHECK(s.overlay == Overlay::None);

    update(s, RowMenuOpened{CredentialId{"id-2"}});
    run_row_command(s, "Show details");
    CHECK(s.focus.target == FocusTarget::Details);
    update(s, RowMenuOpened{CredentialId{"id-2"}});
    run_row_command(s, "Rename");
    CHECK(s.dialog.open == DialogKind::Rename);
    CHECK(s.dialog.rename.id == CredentialId{"id-2"});
    update(s, DialogClosed{});
    // While a dialog is open, no menu opens.
    update(s, RenameRequested{});
    update(s, RowMenuOpened{CredentialId{"id-1"}});
    CHECK(s.overlay == Overlay::None);
    update(s, DialogClosed{});
}

TEST_CASE("a row's menu on a row of a larger selection acts on the whole selection") {
    State s = loaded_editor(4);
    update(s, RowClicked{CredentialId{"id-1"}, false, false});
    update(s, RowClicked{CredentialId{"id-3"}, true, false});
    update(s, RowMenuOpened{CredentialId{"id-3"}});
    CHECK(s.selection.size() == 2);
    CHECK(titles_of(row_menu_commands(s)) ==
          std::vector<std::string>{"Rename (disabled: Select one credential to rename it)", "Delete 2 credentials"});
    run_row_command(s, "Delete 2 credentials");
    CHECK(s.dialog.open == DialogKind::Delete);
    CHECK(s.dialog.remove.preview.deletable.size() + s.dialog.remove.preview.blocked.size() == 2);
    update(s, DialogClosed{});
    // On a row outside the selection, the menu is that row's alone; closed, the selection stays.
    update(s, RowMenuOpened{CredentialId{"id-0"}});
    CHECK(row_menu_subject(s) == std::vector<CredentialId>{CredentialId{"id-0"}});
    CHECK(titles_of(row_menu_commands(s)).front() == "Show details");
    update(s, OverlayClosed{});
    CHECK(s.selection.size() == 2);
    // Shift+F10 opens it for the selection; with nothing selected it does not open.
    key(s, Shortcut::RowMenu);
    CHECK(s.overlay == Overlay::RowMenu);
    CHECK(row_menu_subject(s).size() == 2);
    update(s, OverlayClosed{});
    update(s, SelectionCleared{});
    key(s, Shortcut::RowMenu);
    CHECK(s.overlay == Overlay::None);
}

TEST_CASE("the row menu and the toolbar refuse what the role may not do, with the same reason") {
    State s = loaded(2);  // may create, not change or delete
    update(s, RowMenuOpened{CredentialId{"id-1"}});
    CHECK(titles_of(row_menu_commands(s)) ==
          std::vector<std::string>{
              "Show details", "Rename (disabled: Your role cannot change credentials in this scope)",
              "Delete (disabled: Your role cannot delete credentials in the scope of every selected one)", "Copy name",
              "Copy Kubernetes name", "Open scope tree at cred-01"});
    CHECK(rename_command(s, {CredentialId{"id-0"}}).disabled_reason ==
          "Your role cannot change credentials in this scope");
    // A disabled command does not run.
    update(s, CommandRun{{CommandKind::Delete, 0}, 0});
    CHECK(s.dialog.open == DialogKind::None);
}

TEST_CASE("the palette sorts by any shown column, as its header does: a second time the other way") {
    State s = loaded(4);
    run_command(s, "Sort by Status");  // the rows with issues need attention first
    CHECK(selected(s).empty());
    REQUIRE(s.view.sort.size() == 1);
    CHECK(s.view.sort.front().column == Column::Status);
    CHECK(s.rows[s.view_rows.front()].status == SyncStatus::IssuesFound);
    run_command(s, "Sort by Status, descending");
    CHECK(s.view.sort.front().descending);
    CHECK(s.rows[s.view_rows.front()].status == SyncStatus::NoIssuesFound);
    update(s, ColumnVisibilitySet{Column::Description, false});
    CHECK_FALSE(find_command(list_commands(s), "Sort by Description"));
}
