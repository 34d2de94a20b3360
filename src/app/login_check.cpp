// The texts and rules of registry login checks (login_check.h).
#include "app/login_check.h"

#include "core/time_text.h"

namespace cc::app {

bool can_test_login(CredentialKind kind) {
    return kind == CredentialKind::DockerRegistry || kind == CredentialKind::NgcApiKey;
}

bool affects_login_test(std::string_view field) {
    return field == "url" || field == "user" || field == "password" || field == "ngcApiKey";
}

bool form_login_test_ready(const CreateDialog& d, std::string_view url, std::string_view user,
                           std::string_view password, std::string_view ngc_key) {
    if (d.use_existing || d.login_check.phase == LoginCheckState::Phase::Checking) return false;
    if (d.kind == CredentialKind::NgcApiKey) return !ngc_key.empty();
    return d.kind == CredentialKind::DockerRegistry && !url.empty() && !user.empty() && !password.empty();
}

bool selected_login_testable(const State& s) {
    if (s.kiosk.on || s.selection.size() != 1) return false;
    const std::optional<Credential> c = s.credential(s.selection.front());
    if (!c || !can_test_login(c->meta.kind) || spec_existing_secret_name(c->spec)) return false;
    return true;
}

std::string time_ago(std::string_view rfc3339, double now_ms) {
    const auto at = parse_rfc3339(rfc3339, Rfc3339Syntax::Lenient);
    if (!at) return {};
    const double seconds = (now_ms - static_cast<double>(at->unix_ms())) / 1000;
    if (seconds < 60) return "just now";
    const auto minutes = static_cast<long long>(seconds / 60);
    if (minutes < 60) return std::to_string(minutes) + " min ago";
    const long long hours = minutes / 60;
    if (hours < 48) return std::to_string(hours) + " h ago";
    return std::to_string(hours / 24) + " days ago";
}

namespace {

std::string outcome_text(const std::string& outcome) {
    if (outcome == "ok") return "Login OK";
    if (outcome == "wrongCredentials") return "Wrong user or password";
    if (outcome == "unreachable") return "Registry unreachable";
    if (outcome == "tlsError") return "TLS certificate problem";
    if (outcome == "notARegistry") return "Not a Docker registry";
    return "Login check: " + outcome;
}

}  // namespace

LoginCheckNote login_check_note(const LoginCheckState& c, double now_ms, int utc_offset_minutes) {
    if (c.phase == LoginCheckState::Phase::Checking)
        return {"Checking the login\xE2\x80\xA6", {}, LoginCheckTone::Busy};
    if (c.phase == LoginCheckState::Phase::Failed)
        return {"The login could not be tested", c.error, LoginCheckTone::Bad};
    if (!c.result) return {};
    const api::LoginCheck& r = *c.result;
    const bool good = r.outcome == "ok";
    std::string text = outcome_text(r.outcome);
    if (!good && !r.failing_since.empty() && r.failing_since != r.checked_at)
        text += " (failing since " + format_local_time(r.failing_since, utc_offset_minutes) + ")";
    const std::string ago = time_ago(r.checked_at, now_ms);
    if (!ago.empty()) text += " \xC2\xB7 checked " + ago;
    return {text, r.message, good ? LoginCheckTone::Good : LoginCheckTone::Bad};
}

}  // namespace cc::app
