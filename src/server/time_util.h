// The server's wall clock: Unix time for token lifetimes and timestamps, and (from the core)
// the RFC 3339 form the API writes them in ("2026-11-02T09:14:03.112Z").
#pragma once

#include <cstdint>

#include "core/time_text.h"

namespace cc::server {

std::int64_t unix_now();     // seconds
std::int64_t unix_now_ms();  // milliseconds
// UTC, millisecond precision, always with a 'Z' suffix (core/time_text.h).
using cc::format_rfc3339;

}  // namespace cc::server
