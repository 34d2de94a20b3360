// Registry login checks (the reference server's extension; docs/api.md, 'Registry login checks
// (extension)'): the new-credential form's "Test login" with the values typed, the selected
// credential's "Test login" with the values the server keeps, and the kept check of the
// selected credential, asked for when the selection settles on it.
#include "api/client.h"
#include "app/login_check.h"
#include "app/update_internal.h"
#include "core/credential.h"

namespace cc::app {
namespace {

constexpr const char* kNgcRegistryUrl = "https://nvcr.io";
constexpr const char* kNgcRegistryUser = "$oauthtoken";

std::string test_error(const ApiError& e) {
    if (e.code == 0) return e.message.empty() ? "The server could not be reached." : e.message;
    if (e.code == 404) return "This server cannot test registry logins.";
    std::string m = e.message.empty() ? "The login could not be tested." : e.message;
    if (!e.details.empty()) m += ": " + e.details;
    return m;
}

// The answer of a test into `c`; true when the session has expired instead.
bool take_test_answer(State& s, LoginCheckState& c, const api::HttpResponse& r) {
    if (r.status == 401) {
        session_expired(s);
        return true;
    }
    auto check = api::parse_login_test(r);
    if (!check) {
        c.phase = LoginCheckState::Phase::Failed;
        c.error = test_error(check.error());
        return false;
    }
    c.phase = LoginCheckState::Phase::Done;
    c.error.clear();
    c.result = std::move(*check);
    return false;
}

}  // namespace

Effects handle(State& s, CreateLoginTestRequested& a) {
    CreateDialog& d = s.dialog.create;
    const bool ngc = d.kind == CredentialKind::NgcApiKey;
    if (!s.session || s.dialog.open != DialogKind::Create ||
        !form_login_test_ready(d, a.url, a.user, a.password, ngc ? std::string_view(a.password) : std::string_view())) {
        wipe_string(a.password);
        return {};
    }
    d.login_check.phase = LoginCheckState::Phase::Checking;
    d.login_check.error.clear();
    // An NGC key signs in to NVIDIA's registry with a fixed user name.
    const std::string url = ngc ? kNgcRegistryUrl : a.url;
    const std::string user = ngc ? kNgcRegistryUser : a.user;
    return {SendRequest{request::FormLoginTest{s.dialog.serial},
                        api::form_login_test_request(*s.session, url, user, a.password)}};
}

Effects handle(State& s, CreateLoginFieldsEdited&) {
    // The outcome (or the test still running) was for other values: the form says nothing until
    // the next test.
    if (s.dialog.open == DialogKind::Create) s.dialog.create.login_check = LoginCheckState{};
    return {};
}

Effects on_response(State& s, const request::FormLoginTest& asked, HttpResponded& a) {
    if (s.dialog.open != DialogKind::Create || asked.dialog != s.dialog.serial ||
        s.dialog.create.login_check.phase != LoginCheckState::Phase::Checking)
        return {};
    take_test_answer(s, s.dialog.create.login_check, a.response);
    return {};
}

Effects handle(State& s, LoginTestRequested&) {
    if (!s.session || !selected_login_testable(s)) return {};
    StoredLoginCheck& l = s.login_check;
    const CredentialId id = s.selection.front();
    if (l.id != id) {
        l = StoredLoginCheck{};
        l.id = id;
    }
    if (l.check.phase == LoginCheckState::Phase::Checking) return {};
    const std::optional<Credential> c = s.credential(id);
    l.check.phase = LoginCheckState::Phase::Checking;
    l.check.error.clear();
    return {SendRequest{request::StoredLoginTest{id}, api::stored_login_test_request(*s.session, c->meta.kind, id)}};
}

Effects on_response(State& s, const request::StoredLoginTest& asked, HttpResponded& a) {
    StoredLoginCheck& l = s.login_check;
    if (l.id != asked.id || l.check.phase != LoginCheckState::Phase::Checking) return {};
    take_test_answer(s, l.check, a.response);
    return {};
}

Effects follow_login_check(State& s) {
    StoredLoginCheck& l = s.login_check;
    std::optional<CredentialId> want;
    if (s.session && s.screen == Screen::Credentials && selected_login_testable(s)) want = s.selection.front();
    if (!want) {
        if (l.id) l = StoredLoginCheck{};
        return {};
    }
    if (l.id == want) return {};
    l = StoredLoginCheck{};
    l.id = want;
    l.loading = true;
    l.generation = s.generation;
    const std::optional<Credential> c = s.credential(*want);
    return {SendRequest{request::LoginCheckLoad{*want, s.generation},
                        api::login_check_request(*s.session, c->meta.kind, *want)}};
}

Effects on_response(State& s, const request::LoginCheckLoad& asked, HttpResponded& a) {
    StoredLoginCheck& l = s.login_check;
    if (!l.loading || l.id != asked.id) return {};
    l.loading = false;
    if (a.response.status == 401) {
        session_expired(s);
        return {};
    }
    // A test started meanwhile answers for itself; a server without the extension says nothing.
    if (l.check.phase == LoginCheckState::Phase::Checking) return {};
    auto kept = api::parse_login_check(a.response);
    if (!kept || !*kept) return {};
    l.check.phase = LoginCheckState::Phase::Done;
    l.check.result = std::move(**kept);
    return {};
}

}  // namespace cc::app
