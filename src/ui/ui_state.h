// Transient widget state of the views (text buffers, open popups, caches of what a popup
// shows). Not application state: update() never sees it. Secret buffers are wiped as soon
// as their form is done with them.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/table.h"

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
    std::string search_synced;             // the app's search text the buffer last showed
    FilterEditor filter;
    std::vector<Column> display_order;     // the table's visible columns, as ordered by the user
    bool reset_layout_requested = false;   // restore ImGui's column order and widths
};

struct UiState {
    LoginForm login;
    TableUi table;
};

// Zeroes the password buffer and ImGui's own copies of the text being edited.
void wipe_login_secrets(LoginForm& form);

}  // namespace cc::ui
