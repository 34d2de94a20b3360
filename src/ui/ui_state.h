// Transient widget state of the views (text buffers, open popups, caches of what a popup
// shows). Not application state: update() never sees it. Secret buffers are wiped as soon
// as their form is done with them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/credential.h"
#include "core/secret_text.h"
#include "core/table.h"
#include "core/validation.h"
#include "ui/diagram_ui.h"

namespace cc::ui {

struct LoginForm {
    std::array<char, 256> email{};
    std::array<char, 256> password{};
    bool reveal_password = false;
    bool focus_requested = true;
};

// The "Add filter" popup: first a column, then its values (checklist) or a text.
struct FilterEditor {
    bool open_requested = false;
    std::optional<Column> column;
    std::vector<std::string> options;  // distinct values of the column, when it has a checklist
    std::vector<char> checked;         // one per option
    std::array<char, 256> text{};
    std::array<char, 128> option_search{};
};

struct TableUi {
    std::array<char, 256> search{};
    std::string search_synced;  // the app's search text the buffer last showed
    FilterEditor filter;
    std::vector<Column> display_order;                  // the table's visible columns, as ordered by the user
    bool reset_layout_requested = false;                // restore ImGui's column order and widths
    std::optional<std::uint64_t> drawn_query_revision;  // State::query_revision last drawn: a change scrolls to the top
    std::uint64_t revealed_serial = 0;                  // the last State::reveal_serial scrolled to
    int reveal_frames = 0;                // frames left to keep it in view (the scroll range grows a frame late)
    int page_rows = 1;                    // rows the table shows at once, for PageUp/PageDown
    bool focus_search = false;            // the "/" key: the search field takes the keyboard
    bool columns_open_requested = false;  // the phone's toolbar menu opens the column menu
};

// The command palette's query and highlighted line; `serial` ties them to one opening.
struct PaletteUi {
    std::uint64_t serial = 0;
    std::array<char, 128> query{};
    std::size_t cursor = 0;  // among the commands the query matches
};

// One key/value row of a generic secret; the value is a secret.
struct KeyValueRow {
    std::array<char, 256> key{};
    SecretText value{2048};
    bool reveal = false;
};

// The new-credential form's buffers. Secret fields are SecretTexts, wiped when the form closes
// (submit or cancel); the rest is plain text. `serial` ties the buffers to one opened dialog.
struct CreateFormUi {
    std::uint64_t serial = 0;
    std::array<char, 128> scope_search{};
    bool scope_search_focus = false;
    bool scope_as_diagram = false;  // choose the scope in the tree diagram instead of the list
    DiagramUi scope_diagram;
    std::array<char, 128> name{};
    std::array<char, 1024> description{};
    std::array<char, 256> existing{};
    std::array<char, 256> user{};
    std::array<char, 512> url{};
    SecretText password{1024};
    SecretText key_id{512};
    SecretText secret_key{1024};
    SecretText ngc_key{1024};
    SecretText ssh_key{kMaxSecretValueBytes};  // a pasted private key (line breaks dropped by the field)
    std::vector<KeyValueRow> pairs;
    bool reveal = false;            // the single-secret kinds' reveal toggle
    SecretText import_text{16384};  // a pasted .env block or Docker config.json
    bool import_open = false;
    std::string import_message;               // what the import did, or why it could not
    std::vector<std::string> import_choices;  // registries of a pasted config.json (urls)
    std::set<std::string> touched;            // fields the user has edited: their messages show
    bool submit_attempted = false;
    bool focus_name = false;
    bool login_fields_edited = false;  // the registry login changed this frame (the app is told)
};

struct RenameFormUi {
    std::uint64_t serial = 0;
    std::array<char, 128> name{};
    std::array<char, 1024> description{};
    bool focus = false;
};

// A kiosk display's status summary, counted again when the rows change.
struct KioskUi {
    std::uint64_t rows_revision = ~std::uint64_t{0};
    std::vector<std::pair<std::optional<SyncStatus>, std::size_t>> counts;
};

struct UiState {
    KioskUi kiosk;
    LoginForm login;
    TableUi table;
    CreateFormUi create;
    RenameFormUi rename;
    DiagramUi diagram;  // the full-page scope tree diagram
    PaletteUi palette;
    std::uint64_t row_menu_serial = 0;  // the app's overlay serial of the row menu last opened
    std::uint64_t focus_serial = 0;     // the last app::State::focus request carried out
};

// Zeroes every secret buffer of the form and ImGui's copies of edited text; empties the rest.
void wipe_create_form(CreateFormUi& form);
// Zeroes ImGui's own buffers of the text being edited (wide and UTF-8 copies, undo records).
void wipe_imgui_text_state();

// Zeroes the password buffer and ImGui's own copies of the text being edited.
void wipe_login_secrets(LoginForm& form);

}  // namespace cc::ui
