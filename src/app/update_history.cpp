// The history of the selected credential in the details panel: asked for when the selection
// settles on one credential, asked again after a change made here or a reload, dropped when the
// selection moves on. One request at a time: a change while one is in flight marks the history
// stale, and the next request goes out once the answer is in.
#include "app/update_internal.h"

namespace cc::app {
namespace {

std::string history_error(const ApiError& e) {
    switch (e.code) {
        case 0: return e.message.empty() ? "The server could not be reached." : e.message;
        case 403: return "You may not see the history of this credential.";
        case 404: return "No history is available for this credential.";
        default: return e.message.empty() ? "The history could not be loaded." : e.message;
    }
}

}  // namespace

Effects follow_history(State& s) {
    HistoryState& h = s.history;
    std::optional<CredentialId> want;
    if (s.session && s.screen == Screen::Credentials && s.selection.size() == 1 && s.row_at(s.selection.front()))
        want = s.selection.front();
    if (!want) {
        if (h.id) h = HistoryState{};
        return {};
    }
    if (h.id != want) {
        h = HistoryState{};
        h.id = want;
    } else if (!h.stale || h.in_flight) {
        return {};  // up to date, or its answer is on the way (a stale one is asked again then)
    }
    h.stale = false;
    h.in_flight = true;
    h.generation = s.generation;
    if (h.phase != HistoryState::Phase::Loaded) h.phase = HistoryState::Phase::Loading;  // a reload keeps the old lines
    return {SendRequest{request::History{*want, s.generation}, api::credential_history_request(*s.session, *want)}};
}

Effects on_response(State& s, const request::History& asked, HttpResponded& a) {
    HistoryState& h = s.history;
    if (!h.in_flight || !h.id || asked.id != *h.id || asked.generation != h.generation) return {};
    h.in_flight = false;
    const api::HttpResponse& r = a.response;
    if (r.status == 401) {
        session_expired(s);
        return {};
    }
    auto page = api::parse_credential_history(r);
    if (!page) {
        h.phase = HistoryState::Phase::Failed;
        h.error = history_error(page.error());
        h.entries.clear();
        h.more = false;
        return {};
    }
    h.phase = HistoryState::Phase::Loaded;
    h.error.clear();
    h.entries = std::move(page->entries);
    h.more = page->next.has_value();
    return {};
}

Effects handle(State& s, HistoryRetryRequested&) {
    if (s.history.id && s.history.phase == HistoryState::Phase::Failed) history_changed(s, *s.history.id);
    return {};  // follow_history asks
}

void history_changed(State& s, const CredentialId& id) {
    if (s.history.id == id) s.history.stale = true;
}

}  // namespace cc::app
