// Session and data: login, token handling, loading the credentials and the org tree,
// refresh, logout, and polling rows in a transient state until they settle. Responses of
// superseded loads are dropped by generation.
#include <algorithm>
#include <utility>

#include "app/update_internal.h"
#include "core/time_text.h"

namespace cc::app {

namespace {

SendRequest load(const State& s, request::LoadPart part, api::HttpRequest req) {
    // The credential list (90 MB of JSON for 100,000) is decoded as it arrives.
    return SendRequest{request::Load{part, s.generation}, std::move(req), part == request::LoadPart::Credentials};
}

Effects start_load(State& s) {
    ++s.generation;
    s.pending = PendingLoad{};
    s.phase = LoadPhase::Loading;
    for (auto& [id, poll] : s.polls) poll.in_flight = false;  // their answers are now stale
    if (s.history.id) {
        // Its answer is stale too: it is asked again, in this generation.
        s.history.in_flight = false;
        history_changed(s, *s.history.id);
    }
    const api::Session& session = *s.session;
    using request::LoadPart;
    // A refresh asks whether the list changed: an unchanged list costs no body and no decoding.
    const std::string etag = s.credentials.empty() ? std::string() : s.credentials_etag;
    // The org lists are asked first: an answer the page already holds (asked for while the app
    // started) comes back as the request is sent, and the list's first part can then show its
    // rows at once (they name their scopes).
    return {load(s, LoadPart::Clusters, api::clusters_request(session)),
            load(s, LoadPart::Departments, api::departments_request(session, 0)),
            load(s, LoadPart::Projects, api::projects_request(session, 0)),
            load(s, LoadPart::PermittedScopes, api::permitted_scopes_request(session)),
            load(s, LoadPart::Credentials, api::list_credentials_request(session, etag))};
}

// The org parts, once all arrived, become the org tree (once per load).
void set_pending_org(State& s) {
    if (s.pending.org_set) return;
    OrgData org;
    org.account_name = "Account";
    org.clusters = std::move(*s.pending.clusters);
    org.departments = std::move(s.pending.departments);
    org.projects = std::move(s.pending.projects);
    set_org(s, OrgTree(std::move(org)));
    s.pending.org_set = true;
}

// Drops the rows a first load showed while it arrived.
void drop_preview(State& s) {
    if (!s.rows_preview) return;
    s.rows_preview = false;
    s.rows.clear();
    s.row_index.clear();
    s.view_rows.clear();
    ++s.rows_revision;
    ++s.view_revision;
}

// Room for the whole list's rows, estimated from the part that arrived (the list says its
// size): rows that grow part by part would otherwise double their room and move, several
// times, and WebAssembly memory keeps its highest size.
void reserve_for_whole_list(State& s, std::size_t decoded) {
    const PendingLoad& p = s.pending;
    if (decoded == 0 || p.list_loaded == 0 || p.list_total <= p.list_loaded) return;
    const double estimate =
        static_cast<double>(decoded) * static_cast<double>(p.list_total) / static_cast<double>(p.list_loaded) * 1.02;
    const double most = static_cast<double>(p.list_total) / 64.0;  // no entry is shorter
    const auto rows = static_cast<std::size_t>(std::min(estimate, most));
    s.rows.reserve(rows);
    s.view_rows.reserve(rows);
}

// A first load shows the credentials decoded so far while the rest of the list arrives (a
// large list takes seconds): in server order, so with no sort the view's first rows are
// already the final ones; only the new rows are made and filtered. The rows name their scopes,
// so the org comes first. A sort asked for meanwhile stops the preview where it is; the whole
// list replaces it when it has arrived, keeping the rows already made.
void preview_rows(State& s) {
    if (!s.rows_preview && !s.rows.empty()) return;  // a refresh shows the rows it has until it ends
    if (!s.pending.org_loaded() || !s.view.sort.empty()) return;
    const CredentialStore& got = s.pending.list_stream.so_far();
    if (got.size() < s.rows.size()) drop_preview(s);  // a later "entries" array started over
    if (got.size() == s.rows.size()) return;
    set_pending_org(s);
    s.rows_preview = true;
    const std::size_t first = s.rows.size();
    if (first == 0) reserve_for_whole_list(s, got.size());
    append_rows(s.rows, got, s.org, s.utc_offset_minutes);
    s.row_index.extend(s.rows, first);
    if (s.view_rows_rows_revision != s.rows_revision || !(s.view_rows_view == s.view)) {
        s.view_rows.clear();
        append_rows_in_view(s.view_rows, s.rows, 0, s.view, &s.org);
    } else {
        append_rows_in_view(s.view_rows, s.rows, first, s.view, &s.org);
    }
    ++s.rows_revision;
    s.view_rows_view = s.view;
    s.view_rows_rows_revision = s.rows_revision;
    ++s.view_revision;
}

// Whether the preview's rows are the loaded list's first credentials (a body whose "entries"
// started over after the last preview is not).
bool preview_is_prefix(const State& s) {
    if (!s.rows_preview || s.rows.size() > s.credentials.size()) return false;
    for (std::size_t i = 0; i < s.rows.size(); ++i)
        if (s.rows[i].id.value != s.credentials.id(i)) return false;
    return true;
}

void finish_load_if_complete(State& s, double now_ms) {
    if (!s.pending.complete()) return;
    set_pending_org(s);
    if (s.pending.credentials) {
        s.credentials = std::move(*s.pending.credentials);
        s.credentials_etag = std::move(s.pending.credentials_etag);
    }
    if (preview_is_prefix(s)) {
        append_rows(s.rows, s.credentials, s.org, s.utc_offset_minutes);
    } else {
        s.rows = make_rows(s.credentials, s.org, s.utc_offset_minutes);
    }
    s.rows_preview = false;
    s.pending = PendingLoad{};
    s.phase = LoadPhase::Loaded;
    s.loaded_at_ms = now_ms;
    rows_changed(s, now_ms);
    recompute_view(s);
}

}  // namespace

void set_org(State& s, OrgTree org) {
    s.org = std::move(org);
    s.scope_tree = build_scope_layout_tree(s.org, nullptr);
    ++s.org_revision;
}

void session_expired(State& s) {
    if (s.kiosk.on) {  // a display asks for a new session itself and keeps showing what it has
        ++s.generation;
        s.session.reset();
        s.pending = PendingLoad{};
        drop_preview(s);
        s.phase = LoadPhase::Failed;
        s.load_error = ApiError{401, "The display's session has ended", "A new one is being asked for.", {}};
        s.kiosk.next_ms = 0;
        return;
    }
    to_login(s, "Your session has expired. Sign in again.");
}

void to_login(State& s, std::string message) {
    ++s.generation;  // drop whatever is still in flight
    s.session.reset();
    s.session_keepable = false;
    s.screen = Screen::Login;
    s.login = LoginState{false, std::move(message), {}};
    s.phase = LoadPhase::Idle;
    s.pending = PendingLoad{};
    s.credentials.clear();
    s.credentials_etag.clear();
    s.rows.clear();
    s.rows_preview = false;
    s.row_index.clear();
    s.view_rows.clear();
    s.selection.clear();
    s.anchor.reset();
    s.polls.clear();
    set_org(s, OrgTree{});
    ++s.rows_revision;
    ++s.view_revision;
    s.dialog = Dialogs{DialogKind::None, s.dialog.serial + 1, {}, {}, {}};
    s.permissions = PermissionState{};
    s.diagram = DiagramState{};
    s.history = HistoryState{};
    s.overlay = Overlay::None;
    s.copied.reset();
}

namespace {

// A failed part of a load fails the whole load; a 401 means the session is over.
Effects fail_load(State& s, const api::HttpResponse& r, ApiError error) {
    if (r.status == 401) {
        session_expired(s);
        return {};
    }
    ++s.generation;
    s.pending = PendingLoad{};
    drop_preview(s);
    s.phase = LoadPhase::Failed;
    s.load_error = std::move(error);
    return {};
}

template <class T>
void append(std::vector<T>& into, std::vector<T>&& from) {
    into.insert(into.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

}  // namespace

Effects on_response(State& s, const request::Poll& asked, HttpResponded& a) {
    if (asked.generation != s.generation) return {};
    const CredentialId& id = asked.id;
    auto poll = s.polls.find(id);
    if (poll == s.polls.end()) return {};
    poll->second.in_flight = false;
    const api::HttpResponse& r = a.response;
    if (r.status == 401) {
        session_expired(s);
        return {};
    }
    if (r.status == 404) {  // deleted: the row goes
        s.polls.erase(poll);
        remove_row(s, id, a.now_ms);
        return {};
    }
    auto fresh = api::parse_credential(r);
    const auto at = s.row_at(id);
    if (!fresh || !at || !(fresh->meta.id == id)) {
        // Try again later; a passing error must not disturb the table.
        poll->second.interval_ms = std::min(poll->second.interval_ms * 2, kMaxPollMs);
        poll->second.due_ms = a.now_ms + poll->second.interval_ms;
        return {};
    }
    s.credentials_etag.clear();  // the list held is no longer the one the server tagged
    replace_row(s, *at, *fresh, a.now_ms);
    return {};
}

namespace {

// Polls follow exactly the rows in a transient state; a row that stays transient keeps its
// back-off, a row that becomes transient starts afresh.
// `old`: the row's poll before, if it had one.
void follow_row(const Poll* old, std::unordered_map<CredentialId, Poll>& polls, const CredentialRow& row,
                double now_ms) {
    if (!row.status || !status_is_transient(*row.status)) return;
    if (!old) {
        polls.insert_or_assign(row.id, Poll{now_ms + kFirstPollMs, kFirstPollMs, false});
        return;
    }
    Poll p = *old;
    if (!p.in_flight) {
        p.interval_ms = std::min(std::max(p.interval_ms * 2, kFirstPollMs), kMaxPollMs);
        p.due_ms = now_ms + p.interval_ms;
    }
    polls.insert_or_assign(row.id, p);
}

}  // namespace

void rows_changed(State& s, double now_ms) {
    ++s.rows_revision;
    s.row_index.build(s.rows);
    s.selection.erase(
        std::remove_if(s.selection.begin(), s.selection.end(), [&s](const CredentialId& id) { return !s.row_at(id); }),
        s.selection.end());
    if (s.anchor && !s.row_at(*s.anchor)) s.anchor.reset();

    std::unordered_map<CredentialId, Poll> polls;
    for (const auto& row : s.rows) {
        const auto old = s.polls.find(row.id);
        follow_row(old == s.polls.end() ? nullptr : &old->second, polls, row, now_ms);
    }
    s.polls = std::move(polls);
}

void replace_row(State& s, std::size_t at, const Credential& c, double now_ms) {
    CredentialRow row = make_row(c, s.org, s.utc_offset_minutes);
    std::array<bool, kColumnCount> changed{};
    for (const Column col : kAllColumns)
        changed[static_cast<std::size_t>(col)] = s.rows[at].cell(col).view() != row.cell(col).view();
    // Creation time sorts by the instant, which its text (to the minute) may not show.
    if (s.rows[at].created_at_iso().view() != row.created_at_iso().view())
        changed[static_cast<std::size_t>(Column::CreationTime)] = true;
    s.credentials.replace(at, c);
    if (changed[static_cast<std::size_t>(Column::Status)])
        announce(s, std::string(row.cell(Column::Credential)) + ": " + std::string(row.cell(Column::Status)));
    s.rows[at] = std::move(row);
    if (s.rows[at].personal) s.personal.rows_revision = ~0u;  // "My credentials" shows it: list it again

    // The same id at the same place: the id index and the selection stay; the row's poll is
    // decided again.
    std::optional<Poll> before;
    if (const auto old = s.polls.find(s.rows[at].id); old != s.polls.end()) {
        before = old->second;
        s.polls.erase(old);
    }
    follow_row(before ? &*before : nullptr, s.polls, s.rows[at], now_ms);
    row_replaced_in_place(s, at, changed);
}

void announce(State& s, std::string text) {
    s.announcement = std::move(text);
    ++s.announcement_serial;
}

void remove_row(State& s, const CredentialId& id, double now_ms) {
    const auto at = s.row_at(id);
    if (!at) return;
    announce(s, std::string(s.rows[*at].cell(Column::Credential)) + " deleted");
    const auto i = static_cast<std::ptrdiff_t>(*at);
    s.credentials.erase(static_cast<std::size_t>(i));
    s.credentials_etag.clear();
    s.rows.erase(s.rows.begin() + i);
    rows_changed(s, now_ms);
    recompute_view(s);
}

Effects handle(State& s, LoginSubmitted& a) {
    Effects fx;
    if (a.username.empty() || a.password.empty()) {
        s.login.error = a.username.empty() ? "Enter your email" : "Enter your password";
    } else if (!s.login.busy) {
        ++s.generation;
        s.login = LoginState{true, {}, a.username};
        fx.push_back(SendRequest{request::Token{s.generation}, api::token_request(a.username, a.password)});
    }
    wipe_string(a.password);
    return fx;
}

Effects handle(State& s, TokenProvided& a) {
    if (a.token.empty()) return {};
    s.session = api::Session{a.token, a.user, 0};
    s.session_keepable = a.restored;
    if (a.restored) s.kept_token = a.token;  // the platform holds it already
    s.screen = Screen::Credentials;
    return start_load(s);
}

Effects handle(State& s, HttpProgressed& a) {
    const auto* load = std::get_if<request::Load>(&a.context);
    if (!load || load->part != request::LoadPart::Credentials || load->generation != s.generation) return {};
    s.pending.list_loaded = a.loaded;
    s.pending.list_total = a.total;
    s.pending.list_stream.feed(a.part);
    a.part = api::Body{};
    preview_rows(s);
    return {};
}

Effects follow_kept_session(State& s) {
    const std::string want = s.session && s.session_keepable ? s.session->access_token : std::string();
    if (want == s.kept_token) return {};
    s.kept_token = want;
    return {KeepSession{want, want.empty() ? std::string() : s.session->user}};
}

namespace {

// Megabytes with one decimal, without the unit: "3.6".
std::string megabytes(std::uint64_t bytes) {
    const auto tenths = (bytes + 50'000) / 100'000;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

}  // namespace

KioskNotice kiosk_notice(const State& s) {
    const std::string loaded = s.loaded_at_ms > 0 ? format_clock_time(s.loaded_at_ms, s.utc_offset_minutes) : "";
    if (s.phase != LoadPhase::Failed && s.kiosk.problem.empty())
        return {loaded.empty() ? "Connecting\xE2\x80\xA6" : "Updated " + loaded, false};
    const std::string why = !s.kiosk.problem.empty() ? s.kiosk.problem
                            : s.load_error.code == 0 ? std::string("The server cannot be reached")
                                                     : s.load_error.message;
    return {why + "; retrying\xE2\x80\xA6" + (loaded.empty() ? "" : " (shown: " + loaded + ")"), true};
}

std::string loading_message(const State& s) {
    std::string text = "Loading credentials\xE2\x80\xA6";
    const PendingLoad& p = s.pending;
    if (s.phase != LoadPhase::Loading || p.list_loaded == 0) return text;
    if (p.list_total >= p.list_loaded) {
        // A compressed answer may report its size before decoding; never claim 100% early.
        const auto percent = std::min<std::uint64_t>(99, p.list_loaded * 100 / p.list_total);
        return text + " " + std::to_string(percent) + "% (" + megabytes(p.list_loaded) + " of " +
               megabytes(p.list_total) + " MB)";
    }
    return text + " " + megabytes(p.list_loaded) + " MB";
}

Effects handle(State& s, RefreshRequested&) {
    if (!s.session) return {};
    return start_load(s);
}

Effects handle(State& s, LogoutRequested&) {
    to_login(s, {});
    return {};
}

namespace {

Effects ask_kiosk_session(State& s) {
    s.kiosk.asking = true;
    return {SendRequest{request::Token{s.generation, true}, api::kiosk_session_request()}};
}

// A display's session arrived, or could not be had: then it is asked again a little later.
Effects on_kiosk_session(State& s, const HttpResponded& a) {
    s.kiosk.asking = false;
    auto session = api::parse_kiosk_session(a.response);
    if (!session) {
        s.kiosk.problem = session.error().message;
        s.kiosk.next_ms = a.now_ms + std::min(s.kiosk.refresh_ms, 5000.0);
        return {};
    }
    s.kiosk.problem.clear();
    s.session = std::move(*session);
    s.session_keepable = false;
    s.kiosk.next_ms = a.now_ms + s.kiosk.refresh_ms;
    return start_load(s);
}

}  // namespace

Effects handle(State& s, KioskStarted& a) {
    s.kiosk.on = true;
    s.kiosk.refresh_ms = std::max(a.refresh_ms, 1000.0);
    s.screen = Screen::Credentials;
    // Credentials that need attention first: Failed and Issues found sort before the settled ones.
    if (s.view.sort.empty()) {
        s.view.sort = {SortKey{Column::Status, false}};
        query_changed(s);
    }
    return ask_kiosk_session(s);
}

Effects handle(State& s, Tick& a) {
    if (s.kiosk.on && a.now_ms >= s.kiosk.next_ms) {
        if (!s.session) {
            if (!s.kiosk.asking) return ask_kiosk_session(s);
        } else if (s.phase != LoadPhase::Loading) {
            s.kiosk.next_ms = a.now_ms + s.kiosk.refresh_ms;
            return start_load(s);
        }
    }
    if (!s.session || s.phase == LoadPhase::Loading) return {};
    std::vector<std::pair<double, const CredentialId*>> due;
    for (const auto& [id, poll] : s.polls)
        if (!poll.in_flight && poll.due_ms <= a.now_ms && s.row_at(id)) due.emplace_back(poll.due_ms, &id);
    const std::size_t n = std::min(due.size(), kMaxPollsPerTick);
    std::partial_sort(due.begin(), due.begin() + static_cast<std::ptrdiff_t>(n), due.end(),
                      [](const auto& x, const auto& y) { return x.first < y.first; });
    Effects fx;
    for (std::size_t i = 0; i < n; ++i) {
        const CredentialId id = *due[i].second;
        s.polls.at(id).in_flight = true;
        const std::optional<Credential> c = s.credential(id);
        fx.push_back(
            SendRequest{request::Poll{id, s.generation}, api::credential_request(*s.session, c->meta.kind, id)});
    }
    return fx;
}

Effects on_response(State& s, const request::Token& asked, HttpResponded& a) {
    if (asked.kiosk) return on_kiosk_session(s, a);
    if (asked.generation != s.generation) return {};
    auto session = api::parse_token(a.response, s.login.username);
    if (!session) {
        s.login = LoginState{false, session.error().message, {}};
        return {};
    }
    s.login = LoginState{};
    s.session = std::move(*session);
    s.session_keepable = true;
    s.screen = Screen::Credentials;
    return start_load(s);
}

Effects on_response(State& s, const request::Load& asked, HttpResponded& a) {
    if (!s.session || asked.generation != s.generation) return {};
    const api::HttpResponse& r = a.response;
    using request::LoadPart;
    switch (asked.part) {
        case LoadPart::PermittedScopes: {
            // Not part of the table: without them the server decides on submit.
            auto p = api::parse_permitted_scopes(r);
            if (p)
                s.permissions = PermissionState{true, std::move(*p), {}};
            else
                s.permissions = PermissionState{false, {}, p.error().message};
            return {};
        }
        case LoadPart::Credentials: {
            if (r.status == 304 && !s.credentials_etag.empty()) {
                s.pending.credentials_unchanged = true;
                break;
            }
            if (r.status < 200 || r.status > 299) return fail_load(s, r, api::error_of(r));
            // The parts came before (HttpProgressed); a platform that sends the body whole
            // sends it here.
            s.pending.list_stream.feed(r.body);
            a.response.body = api::Body{};
            auto list = s.pending.list_stream.finish();
            if (!list) return fail_load(s, r, list.error());
            s.pending.credentials = std::move(*list);
            s.pending.list_stream = CredentialListStream{};
            s.pending.credentials_etag = r.etag;
            break;
        }
        case LoadPart::Clusters: {
            auto list = api::parse_clusters(r);
            if (!list) return fail_load(s, r, list.error());
            s.pending.clusters = std::move(*list);
            break;
        }
        case LoadPart::Departments: {
            auto page = api::parse_departments(r);
            if (!page) return fail_load(s, r, page.error());
            const bool got = !page->items.empty();
            append(s.pending.departments, std::move(page->items));
            if (page->next && got)
                return {load(s, LoadPart::Departments, api::departments_request(*s.session, *page->next))};
            s.pending.departments_done = true;
            break;
        }
        case LoadPart::Projects: {
            auto page = api::parse_projects(r);
            if (!page) return fail_load(s, r, page.error());
            const bool got = !page->items.empty();
            append(s.pending.projects, std::move(page->items));
            if (page->next && got) return {load(s, LoadPart::Projects, api::projects_request(*s.session, *page->next))};
            s.pending.projects_done = true;
            break;
        }
    }
    if (!s.pending.credentials && !s.pending.credentials_unchanged) preview_rows(s);  // the org may have come last
    finish_load_if_complete(s, a.now_ms);
    return {};
}

bool first_rows_pending(const State& s) {
    return s.screen == Screen::Credentials && s.phase == LoadPhase::Loading && s.rows.empty();
}

}  // namespace cc::app
