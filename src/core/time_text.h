// Time as text, without the platform's clock or time zone database (the caller passes the
// instant and the UTC offset in): RFC 3339 timestamps read and written, civil-date arithmetic,
// and the local date and time texts the UI shows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cc {

// Days since 1970-01-01 of a civil date (proleptic Gregorian; Howard Hinnant's algorithm).
long long days_from_civil(long long y, unsigned m, unsigned d);

struct CivilDate {
    long long year = 1970;
    unsigned month = 1;  // 1..12
    unsigned day = 1;    // 1..31
};
// The civil date `days` after 1970-01-01 (negative: before it); the inverse of days_from_civil.
CivilDate civil_from_days(long long days);

// An instant read from a timestamp: whole seconds since the epoch (UTC) and the fraction.
struct Instant {
    std::int64_t seconds = 0;
    int nanos = 0;  // 0..999,999,999, nanosecond precision of the written fraction

    // Milliseconds since the epoch, the fraction cut (not rounded) to milliseconds.
    std::int64_t unix_ms() const { return seconds * 1000 + nanos / 1'000'000; }
};

// Both syntaxes read "YYYY-MM-DD", optionally followed by 'T' (or 't' or ' '), "HH:MM", an
// optional ":SS" (60 allowed, for a leap second), an optional fraction of any length (at least
// one digit) and an optional zone: 'Z' or 'z', or an offset. A bare date is midnight and a
// missing zone is UTC. Month 1..12, day 1..31 (not checked against the month), hour 0..23,
// minute 0..59. Nothing may follow the zone. They differ only where noted:
enum class Rfc3339Syntax {
    // The fraction follows '.' only; the offset is exactly "±HH:MM", its digits unchecked.
    // What the server's list filters accept (filterBy values, createdAt fields).
    Strict,
    // The fraction follows '.' or ','; the offset may be "±HH:MM", "±HHMM" or "±HH" (also
    // "±HH:"), with hours 0..23 and minutes 0..59. For stored data, which is not always
    // strict: the Credentials table sorts creation times with it.
    Lenient,
};

// The instant `text` names, or nullopt when it is not a timestamp of that syntax.
std::optional<Instant> parse_rfc3339(std::string_view text, Rfc3339Syntax syntax);

// "2026-11-02T09:14:03.112Z": UTC, millisecond precision, always with 'Z' (as the API writes
// timestamps). Negative times round toward the past, so the milliseconds stay in 0..999.
std::string format_rfc3339(std::int64_t unix_ms);

// "Nov 28, 2026 10:01" in local time (`utc_offset_minutes`: local time minus UTC, e.g. +60 for
// CET) from "YYYY-MM-DDTHH:MM:SS", a fraction and a zone ('Z', or "±hh:mm" applied; anything
// else after the seconds is read as UTC); the input unchanged when it cannot be read. Its
// reading is its own and looser than parse_rfc3339 (see time_text.cpp).
std::string format_local_time(std::string_view rfc3339, int utc_offset_minutes);

// "10:42:05" local time of a wall-clock instant (milliseconds since the epoch).
std::string format_clock_time(double epoch_ms, int utc_offset_minutes);

// "2026-11-28-1001": local date and time for file names.
std::string format_file_timestamp(double epoch_ms, int utc_offset_minutes);

}  // namespace cc
