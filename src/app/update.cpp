// update(): login, token handling, loading the credentials and the org tree, refresh,
// logout. Responses of superseded loads are dropped by generation.
#include "app/update.h"

#include <utility>

namespace cc::app {
namespace {

using Effects = std::vector<Effect>;

SendRequest send(const State& s, RequestTag tag, api::HttpRequest req) { return SendRequest{tag, s.generation, std::move(req)}; }

Effects start_load(State& s) {
    ++s.generation;
    s.pending = PendingLoad{};
    s.phase = LoadPhase::Loading;
    const api::Session& session = *s.session;
    return {send(s, RequestTag::Credentials, api::list_credentials_request(session)),
            send(s, RequestTag::Clusters, api::clusters_request(session)),
            send(s, RequestTag::Departments, api::departments_request(session, 0)),
            send(s, RequestTag::Projects, api::projects_request(session, 0))};
}

void finish_load_if_complete(State& s, double now_ms) {
    if (!s.pending.complete()) return;
    OrgData org;
    org.account_name = "Account";
    org.clusters = std::move(*s.pending.clusters);
    org.departments = std::move(s.pending.departments);
    org.projects = std::move(s.pending.projects);
    s.org = OrgTree(std::move(org));
    s.credentials = std::move(*s.pending.credentials);
    s.rows = make_rows(s.credentials, s.org, s.utc_offset_minutes);
    s.pending = PendingLoad{};
    s.phase = LoadPhase::Loaded;
    s.loaded_at_ms = now_ms;
}

void to_login(State& s, std::string message) {
    ++s.generation;  // drop whatever is still in flight
    s.session.reset();
    s.screen = Screen::Login;
    s.login = LoginState{false, std::move(message)};
    s.phase = LoadPhase::Idle;
    s.pending = PendingLoad{};
    s.credentials.clear();
    s.rows.clear();
    s.org = OrgTree{};
}

// A failed part of a load fails the whole load; a 401 means the session is over.
Effects fail_load(State& s, const api::HttpResponse& r, ApiError error) {
    if (r.status == 401) {
        to_login(s, "Your session has expired. Sign in again.");
        return {};
    }
    ++s.generation;
    s.pending = PendingLoad{};
    s.phase = LoadPhase::Failed;
    s.load_error = std::move(error);
    return {};
}

template <class T>
void append(std::vector<T>& into, std::vector<T>&& from) {
    into.insert(into.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

Effects on_response(State& s, HttpResponded& a) {
    if (a.generation != s.generation) return {};
    const api::HttpResponse& r = a.response;
    switch (a.tag) {
        case RequestTag::Token: {
            auto session = api::parse_token(r, s.login.username);
            if (!session) {
                s.login = LoginState{false, session.error().message, {}};
                return {};
            }
            s.login = LoginState{};
            s.session = std::move(*session);
            s.screen = Screen::Credentials;
            return start_load(s);
        }
        case RequestTag::Credentials: {
            auto list = api::parse_credentials(r);
            if (!list) return fail_load(s, r, list.error());
            s.pending.credentials = std::move(*list);
            break;
        }
        case RequestTag::Clusters: {
            auto list = api::parse_clusters(r);
            if (!list) return fail_load(s, r, list.error());
            s.pending.clusters = std::move(*list);
            break;
        }
        case RequestTag::Departments: {
            auto page = api::parse_departments(r);
            if (!page) return fail_load(s, r, page.error());
            const auto got = static_cast<std::int64_t>(page->items.size());
            append(s.pending.departments, std::move(page->items));
            if (page->next && got > 0)
                return {send(s, RequestTag::Departments, api::departments_request(*s.session, *page->next))};
            s.pending.departments_done = true;
            break;
        }
        case RequestTag::Projects: {
            auto page = api::parse_projects(r);
            if (!page) return fail_load(s, r, page.error());
            const auto got = static_cast<std::int64_t>(page->items.size());
            append(s.pending.projects, std::move(page->items));
            if (page->next && got > 0) return {send(s, RequestTag::Projects, api::projects_request(*s.session, *page->next))};
            s.pending.projects_done = true;
            break;
        }
    }
    finish_load_if_complete(s, a.now_ms);
    return {};
}

}  // namespace

std::vector<Effect> update(State& s, Action action) {
    return std::visit(
        [&s](auto& a) -> Effects {
            using T = std::decay_t<decltype(a)>;
            if constexpr (std::is_same_v<T, LoginSubmitted>) {
                Effects fx;
                if (a.username.empty() || a.password.empty()) {
                    s.login.error = a.username.empty() ? "Enter your email" : "Enter your password";
                } else if (!s.login.busy) {
                    ++s.generation;
                    s.login = LoginState{true, {}, a.username};
                    fx.push_back(send(s, RequestTag::Token, api::token_request(a.username, a.password)));
                }
                wipe_string(a.password);
                return fx;
            } else if constexpr (std::is_same_v<T, TokenProvided>) {
                s.session = api::Session{a.token, a.user, 0};
                s.screen = Screen::Credentials;
                return start_load(s);
            } else if constexpr (std::is_same_v<T, RefreshRequested>) {
                if (!s.session) return {};
                return start_load(s);
            } else if constexpr (std::is_same_v<T, LogoutRequested>) {
                to_login(s, {});
                return {};
            } else {
                return on_response(s, a);
            }
        },
        action);
}

}  // namespace cc::app
