// update(): dispatches each action (by area, then by kind) and each answer (by the context of
// its request) to its handler, then lets the details panel's history follow the selection. Session and loading live in
// update_session.cpp, the table view and selection in update_table.cpp, the history in update_history.cpp.
#include "app/update.h"

#include <algorithm>

#include "app/update_internal.h"

namespace cc::app {

std::size_t DeleteDialog::refused() const {
    return static_cast<std::size_t>(std::count_if(outcomes.begin(), outcomes.end(), [](const DeleteOutcome& o) {
        return o.result == DeleteOutcome::Result::Refused;
    }));
}

bool State::is_selected(const CredentialId& id) const {
    for (const auto& s : selection)
        if (s == id) return true;
    return false;
}

std::optional<Credential> State::credential(const CredentialId& id) const {
    const auto at = row_at(id);
    if (!at) return std::nullopt;
    return credentials.at(*at);
}

const CredentialRow* State::row(const CredentialId& id) const {
    const auto at = row_at(id);
    return at ? &rows[*at] : nullptr;
}

Effects handle(State& s, HttpResponded& a) {
    return std::visit([&s, &a](const auto& context) { return on_response(s, context, a); }, a.context);
}

std::vector<Effect> update(State& s, Action action) {
    // A display changes nothing: no dialog opens, no row is selected, no shortcut or command
    // runs, nobody signs out.
    if (s.kiosk.on && (std::holds_alternative<DialogAction>(action) || std::holds_alternative<KeyboardAction>(action) ||
                       (std::holds_alternative<TableAction>(action) &&
                        std::holds_alternative<RowClicked>(std::get<TableAction>(action))) ||
                       (std::holds_alternative<SessionAction>(action) &&
                        std::holds_alternative<LogoutRequested>(std::get<SessionAction>(action)))))
        return {};
    Effects fx = std::visit(
        [&s](auto& group) { return std::visit([&s](auto& a) -> Effects { return handle(s, a); }, group); }, action);
    // The selection changes in many places (a click, a reload, a filter, a new credential);
    // the details panel's history follows it here, once, whatever changed it.
    for (auto& e : follow_history(s)) fx.push_back(std::move(e));
    for (auto& e : follow_login_check(s)) fx.push_back(std::move(e));
    for (auto& e : follow_kept_session(s)) fx.push_back(std::move(e));
    follow_personal(s);
    return fx;
}

}  // namespace cc::app
