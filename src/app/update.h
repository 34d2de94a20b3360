// The one place application state changes.
#pragma once

#include <vector>

#include "app/actions.h"
#include "app/state.h"

namespace cc::app {

std::vector<Effect> update(State& state, Action action);

}  // namespace cc::app
