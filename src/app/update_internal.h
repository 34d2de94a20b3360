// The per-action handlers behind update(), and the helpers they share. Internal to src/app.
#pragma once

#include <vector>

#include "app/actions.h"
#include "app/state.h"

namespace cc::app {

using Effects = std::vector<Effect>;

// update_session.cpp
Effects handle(State& s, LoginSubmitted& a);
Effects handle(State& s, TokenProvided& a);
Effects handle(State& s, RefreshRequested& a);
Effects handle(State& s, LogoutRequested& a);
Effects handle(State& s, HttpResponded& a);
Effects handle(State& s, Tick& a);

// update_table.cpp
Effects handle(State& s, SearchChanged& a);
Effects handle(State& s, FilterSet& a);
Effects handle(State& s, FilterRemoved& a);
Effects handle(State& s, FiltersCleared& a);
Effects handle(State& s, SortClicked& a);
Effects handle(State& s, ColumnVisibilitySet& a);
Effects handle(State& s, ColumnsReset& a);
Effects handle(State& s, ViewRestored& a);
Effects handle(State& s, RowClicked& a);
Effects handle(State& s, SelectionCleared& a);
Effects handle(State& s, ExportRequested& a);

// Recomputes view_rows from rows and view (after data, query or sort changed).
void recompute_view(State& s);
// Rebuilds row_index, drops selected ids that are gone, and (re)starts polls of transient rows.
void rows_changed(State& s, double now_ms);

}  // namespace cc::app
