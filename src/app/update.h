// The one place application state changes.
#pragma once

#include <string>
#include <vector>

#include "app/actions.h"
#include "app/state.h"

namespace cc::app {

std::vector<Effect> update(State& state, Action action);

// True while the app has work for spare time (sort indexes to build after a load): the platform
// then dispatches BackgroundWorkDue when it has nothing else to do, without drawing a frame.
bool has_background_work(const State& state);

// True while the table's first load has nothing to show yet (no rows, still loading): the
// platform may hold back its first frame for a moment, so that the frame shows the first rows.
bool first_rows_pending(const State& state);

// What the page says while the table loads: "Loading credentials… 40% (3.6 of 9.0 MB)".
std::string loading_message(const State& state);

// What a kiosk display says beside its title: when the list was loaded, or what keeps it from
// being current (then `trouble`, and the time of the rows still shown).
struct KioskNotice {
    std::string text;
    bool trouble = false;
};
KioskNotice kiosk_notice(const State& state);

// The delete dialog's words: its title, the confirm button ("Delete 2 credentials"), and once
// every answer is in, the report's heading ("2 of 3 credentials deleted; 1 could not be").
std::string delete_title(const DeleteDialog& d);
std::string delete_confirm_label(const DeleteDialog& d);
std::string delete_report_title(const DeleteDialog& d);

}  // namespace cc::app
