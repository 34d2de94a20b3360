// What the page says about a registry login check, decided here so views only draw it: whether
// "Test login" is offered and enabled, and the outcome's line ("Login OK · checked 2 min ago").
#pragma once

#include <string>
#include <string_view>

#include "app/state.h"

namespace cc::app {

// Kinds whose login the server can test: docker registry, and NGC keys (nvcr.io).
bool can_test_login(CredentialKind kind);
// The form's "Test login" is enabled: a new-secret form of such a kind with its fields filled
// (url, user and password; an NGC key), and no check running.
bool form_login_test_ready(const CreateDialog& d, std::string_view url, std::string_view user,
                           std::string_view password, std::string_view ngc_key);
// Whether an edit of the form's field (its API name: "url", "user", "password", "ngcApiKey")
// changes the login "Test login" tries, so that an outcome shown no longer holds.
bool affects_login_test(std::string_view field);
// The details panel offers "Test login" for the one selected credential: a docker-registry or
// NGC credential with values in the server (not an existing secret); enabled when none runs.
bool selected_login_testable(const State& s);

enum class LoginCheckTone { Neutral, Good, Bad, Busy };
struct LoginCheckNote {
    std::string text;    // "" when there is nothing to say
    std::string detail;  // the server's message, for a second line or a tooltip
    LoginCheckTone tone = LoginCheckTone::Neutral;
};
// "Checking the login…", "Login OK · checked 2 min ago", "Wrong user or password · checked
// just now", "Login failing since Dec 7 18:02 · checked 3 min ago"...
LoginCheckNote login_check_note(const LoginCheckState& c, double now_ms, int utc_offset_minutes);
// "just now", "2 min ago", "3 h ago", "4 days ago" (or "" when `rfc3339` cannot be read).
std::string time_ago(std::string_view rfc3339, double now_ms);

}  // namespace cc::app
