// Wall-clock helpers: RFC 3339 timestamps as the API writes them ("2026-11-02T09:14:03.112Z")
// and Unix time for token lifetimes.
#pragma once

#include <cstdint>
#include <string>

namespace cc::server {

std::int64_t unix_now();     // seconds
std::int64_t unix_now_ms();  // milliseconds
// UTC, millisecond precision, always with a 'Z' suffix.
std::string format_rfc3339(std::int64_t unix_ms);

}  // namespace cc::server
