// Transient widget state of the views (text buffers, toggles). Not application state:
// update() never sees it. Secret buffers are wiped as soon as their form is done with them.
#pragma once

#include <array>

namespace cc::ui {

struct LoginForm {
    std::array<char, 256> email{};
    std::array<char, 256> password{};
    bool reveal_password = false;
    bool focus_requested = true;
};

struct UiState {
    LoginForm login;
};

// Zeroes the password buffer and ImGui's own copies of the text being edited.
void wipe_login_secrets(LoginForm& form);

}  // namespace cc::ui
