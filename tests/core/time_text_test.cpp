// Time as text: civil-date arithmetic, RFC 3339 reading in both syntaxes and writing, and the
// local-time texts of the UI.
#include "core/time_text.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>

using namespace cc;

namespace {

std::optional<std::int64_t> strict_ms(std::string_view s) {
    const auto t = parse_rfc3339(s, Rfc3339Syntax::Strict);
    return t ? std::optional(t->unix_ms()) : std::nullopt;
}

std::optional<std::int64_t> lenient_ms(std::string_view s) {
    const auto t = parse_rfc3339(s, Rfc3339Syntax::Lenient);
    return t ? std::optional(t->unix_ms()) : std::nullopt;
}

constexpr std::int64_t kAnchorMs = 1795683600000;  // 2026-11-26T09:00:00Z

}  // namespace

TEST_CASE("days_from_civil and civil_from_days: the epoch, leap years, round trips") {
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(days_from_civil(1969, 12, 31) == -1);
    CHECK(days_from_civil(2000, 3, 1) == 11017);
    CHECK(days_from_civil(2026, 11, 26) == 20783);
    // February has 29 days in 2024 and 2000 (divisible by 400), 28 in 2026 and 2100 (by 100).
    CHECK(days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 28) == 2);
    CHECK(days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28) == 2);
    CHECK(days_from_civil(2026, 3, 1) - days_from_civil(2026, 2, 28) == 1);
    CHECK(days_from_civil(2100, 3, 1) - days_from_civil(2100, 2, 28) == 1);
    CHECK(days_from_civil(2025, 1, 1) - days_from_civil(2024, 1, 1) == 366);
    CHECK(days_from_civil(1601, 1, 1) == -134774);

    const CivilDate leap = civil_from_days(days_from_civil(2024, 2, 29));
    CHECK(leap.year == 2024);
    CHECK(leap.month == 2);
    CHECK(leap.day == 29);
    const CivilDate before = civil_from_days(-1);
    CHECK(before.year == 1969);
    CHECK(before.month == 12);
    CHECK(before.day == 31);
    // Every day from year -400 to 3600 maps back to itself, one day apart from the next.
    const long long first = days_from_civil(-400, 1, 1), last = days_from_civil(3600, 1, 1);
    CivilDate prev = civil_from_days(first - 1);
    long long wrong = 0;
    for (long long z = first; z <= last; ++z) {
        const CivilDate c = civil_from_days(z);
        const bool in_range = c.month >= 1 && c.month <= 12 && c.day >= 1 && c.day <= 31;
        const bool next_day = c.year == prev.year && c.month == prev.month && c.day == prev.day + 1;
        const bool next_month = c.day == 1 && ((c.year == prev.year && c.month == prev.month + 1) ||
                                               (c.year == prev.year + 1 && c.month == 1 && prev.month == 12));
        if (days_from_civil(c.year, c.month, c.day) != z || !in_range || !(next_day || next_month)) ++wrong;
        prev = c;
    }
    CHECK(wrong == 0);
    CHECK(last - first == 1460970);  // 4,000 years of 365.2425 days
}

TEST_CASE("parse_rfc3339: the forms both syntaxes read") {
    for (const auto syntax : {Rfc3339Syntax::Strict, Rfc3339Syntax::Lenient}) {
        CAPTURE(static_cast<int>(syntax));
        const auto ms = [syntax](std::string_view s) -> std::optional<std::int64_t> {
            const auto t = parse_rfc3339(s, syntax);
            return t ? std::optional(t->unix_ms()) : std::nullopt;
        };
        CHECK(ms("1970-01-01T00:00:00Z") == 0);
        CHECK(ms("2026-11-26T09:00:00Z") == kAnchorMs);
        CHECK(ms("2026-11-26t09:00:00z") == kAnchorMs);
        CHECK(ms("2026-11-26 09:00:00Z") == kAnchorMs);
        CHECK(ms("2026-11-26T09:00:00") == kAnchorMs);  // no zone: UTC
        CHECK(ms("2026-11-26T09:00Z") == kAnchorMs);    // no seconds
        CHECK(ms("2026-11-26") == kAnchorMs - 9 * 3600 * 1000);
        CHECK(ms("2026-11-26T10:00:00+01:00") == kAnchorMs);
        CHECK(ms("2026-11-26T08:30:00-00:30") == kAnchorMs);
        CHECK(ms("2026-11-27T04:00:00+19:00") == kAnchorMs);
        CHECK(ms("1969-12-31T23:59:59Z") == -1000);
        CHECK(ms("2024-02-29T00:00:00Z") == 1709164800000);               // a leap day
        CHECK(ms("2016-12-31T23:59:60Z") == 1483228800000);               // a leap second: the next minute
        CHECK(ms("2026-02-31T00:00:00Z") == ms("2026-03-03T00:00:00Z"));  // days are not checked per month
        // Fractions of any length: milliseconds cut, nanoseconds kept.
        CHECK(ms("2026-11-26T09:00:00.1Z") == kAnchorMs + 100);
        CHECK(ms("2026-11-26T09:00:00.123Z") == kAnchorMs + 123);
        CHECK(ms("2026-11-26T09:00:00.1239Z") == kAnchorMs + 123);
        CHECK(ms("2026-11-26T09:00:00.123456789012Z") == kAnchorMs + 123);
        CHECK(ms("2026-11-26T09:00.5Z") == kAnchorMs + 500);
        const auto t = parse_rfc3339("2026-11-26T09:00:00.000000007+00:00", syntax);
        REQUIRE(t);
        CHECK(t->seconds == kAnchorMs / 1000);
        CHECK(t->nanos == 7);
        CHECK(parse_rfc3339("1969-12-31T23:59:59.5Z", syntax)->seconds == -1);
        CHECK(parse_rfc3339("1969-12-31T23:59:59.5Z", syntax)->nanos == 500000000);
        CHECK(ms("1969-12-31T23:59:59.5Z") == -500);

        for (const char* bad : {"",
                                "2026",
                                "2026-11",
                                "2026-11-2",
                                "20261126",
                                "2026-13-01",
                                "2026-00-10",
                                "2026-11-00",
                                "2026-11-32",
                                "2026-11-26T",
                                "2026-11-26X09:00Z",
                                "2026-11-26T9:00Z",
                                "2026-11-26T24:00:00Z",
                                "2026-11-26T09:60:00Z",
                                "2026-11-26T09:00:61Z",
                                "2026-11-26T09:00:0Z",
                                "2026-11-26T09:00:00.",
                                "2026-11-26T09:00:00.Z",
                                "2026-11-26T09:00:00Zjunk",
                                "2026-11-26T09:00:00 Z",
                                "2026-11-26T09:00:00+1:00",
                                "2026-11-26T09:00:00+01:0",
                                "2026-11-26T09:00:00+01:00:00",
                                "-026-11-26",
                                " 2026-11-26",
                                "2026-11-26T09:00:00UTC"})
            CHECK_MESSAGE(!ms(bad), bad);
    }
}

TEST_CASE("parse_rfc3339: what only the lenient syntax reads") {
    // Offsets without the colon, or without minutes.
    CHECK(lenient_ms("2026-11-26T10:00:00+0100") == kAnchorMs);
    CHECK(lenient_ms("2026-11-26T10:00:00+01") == kAnchorMs);
    CHECK(lenient_ms("2026-11-26T10:00:00+01:") == kAnchorMs);
    CHECK(lenient_ms("2026-11-26T08:30:00-0030") == kAnchorMs);
    CHECK_FALSE(strict_ms("2026-11-26T10:00:00+0100"));
    CHECK_FALSE(strict_ms("2026-11-26T10:00:00+01"));
    CHECK_FALSE(strict_ms("2026-11-26T10:00:00+01:"));
    // The decimal comma.
    CHECK(lenient_ms("2026-11-26T09:00:00,25Z") == kAnchorMs + 250);
    CHECK_FALSE(strict_ms("2026-11-26T09:00:00,25Z"));
    // Lenient offsets are range-checked; strict ones are read as written (as the server always did).
    CHECK_FALSE(lenient_ms("2026-11-26T09:00:00+24:00"));
    CHECK_FALSE(lenient_ms("2026-11-26T09:00:00+01:60"));
    CHECK(strict_ms("2026-11-26T09:00:00+24:00") == kAnchorMs - 24 * 3600 * 1000);
    CHECK(strict_ms("2026-11-26T09:00:00-00:99") == kAnchorMs + 99 * 60 * 1000);
    CHECK_FALSE(lenient_ms("2026-11-26T09:00:00+013"));
    CHECK_FALSE(lenient_ms("2026-11-26T09:00:00+01:0"));
}

TEST_CASE("parse_rfc3339: an instant written with any offset reads the same in both syntaxes") {
    for (const char* zone : {"Z", "+00:00", "-00:00", "+05:30", "-11:45", "+14:00", "-23:59"}) {
        for (const char* frac : {"", ".5", ".123456789"}) {
            const std::string text = std::string("2024-02-29T23:59:59") + frac + zone;
            CAPTURE(text);
            const auto strict = parse_rfc3339(text, Rfc3339Syntax::Strict);
            const auto lenient = parse_rfc3339(text, Rfc3339Syntax::Lenient);
            REQUIRE(strict);
            REQUIRE(lenient);
            CHECK(strict->seconds == lenient->seconds);
            CHECK(strict->nanos == lenient->nanos);
        }
    }
}

TEST_CASE("format_rfc3339: UTC with milliseconds and 'Z'") {
    CHECK(format_rfc3339(0) == "1970-01-01T00:00:00.000Z");
    CHECK(format_rfc3339(kAnchorMs + 112) == "2026-11-26T09:00:00.112Z");
    CHECK(format_rfc3339(1709251199999) == "2024-02-29T23:59:59.999Z");
    CHECK(format_rfc3339(1709251200000) == "2024-03-01T00:00:00.000Z");
    CHECK(format_rfc3339(-1) == "1969-12-31T23:59:59.999Z");  // toward the past
    CHECK(format_rfc3339(-1000) == "1969-12-31T23:59:59.000Z");
    CHECK(format_rfc3339(-1001) == "1969-12-31T23:59:58.999Z");
    CHECK(format_rfc3339(253402300799999) == "9999-12-31T23:59:59.999Z");
    CHECK(format_rfc3339(253402300800000) == "10000-01-01T00:00:00.000Z");
    CHECK(format_rfc3339(-62167219200000) == "0000-01-01T00:00:00.000Z");
}

TEST_CASE("format_rfc3339 writes what gmtime_r gives, the server's former formatter") {
    // Steps of a prime number of hours (and some milliseconds) cover every field from 1600 to
    // 2400, or 1902 to 2038 where time_t has 32 bits (WebAssembly).
    const bool wide = sizeof(std::time_t) >= 8;
    const std::int64_t from = wide ? -11676096000000 : -2147483647000, to = wide ? 13569465600000 : 2147483647000;
    const std::int64_t step = 7919LL * 3600 * 1000 + 1237;
    int checked = 0;
    for (std::int64_t ms = from; ms < to; ms += step) {
        std::int64_t secs = ms / 1000, milli = ms % 1000;
        if (milli < 0) {
            milli += 1000;
            secs -= 1;
        }
        const std::time_t t = static_cast<std::time_t>(secs);
        std::tm tm{};
        REQUIRE(gmtime_r(&t, &tm) != nullptr);
        char buf[80];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                      tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(milli));
        REQUIRE(format_rfc3339(ms) == buf);
        ++checked;
    }
    CHECK(checked > (wide ? 800 : 140));
}

TEST_CASE("format_rfc3339 and parse_rfc3339 round trip") {
    for (std::int64_t ms : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1}, kAnchorMs, kAnchorMs + 999,
                            std::int64_t{951782400000} /* 2000-02-29 */, std::int64_t{4107542399999} /* 2100-02-28 */,
                            std::int64_t{-2208988800001}, std::int64_t{253402300799999}}) {
        const std::string text = format_rfc3339(ms);
        CAPTURE(text);
        CHECK(strict_ms(text) == ms);
        CHECK(lenient_ms(text) == ms);
    }
    for (std::int64_t ms = -5'000'000'000'000; ms < 5'000'000'000'000; ms += 86'399'997'001) {
        REQUIRE(strict_ms(format_rfc3339(ms)) == ms);
    }
}

TEST_CASE("format_local_time keeps its own reading of the timestamp") {
    CHECK(format_local_time("2026-11-28T10:01:00Z", 0) == "Nov 28, 2026 10:01");
    CHECK(format_local_time("2026-11-28T10:01:00-05:30", 0) == "Nov 28, 2026 15:31");
    CHECK(format_local_time("2024-02-29T23:59:00Z", 1) == "Mar 1, 2024 00:00");
    CHECK(format_local_time("1969-12-31T23:59:00Z", 0) == "Dec 31, 1969 23:59");
    // Needs 'T' and the seconds: the text comes back as it was.
    CHECK(format_local_time("2026-11-28", 0) == "2026-11-28");
    CHECK(format_local_time("2026-11-28T10:01Z", 0) == "2026-11-28T10:01Z");
    CHECK(format_local_time("2026-11-28 10:01:00Z", 0) == "2026-11-28 10:01:00Z");
    CHECK(format_local_time("2026-13-28T10:01:00Z", 0) == "2026-13-28T10:01:00Z");
    // A zone other than "±hh:mm" is read as UTC.
    CHECK(format_local_time("2026-11-28T10:01:00+0530", 0) == "Nov 28, 2026 10:01");
}

TEST_CASE("format_clock_time and format_file_timestamp: local time of a wall-clock instant") {
    CHECK(format_clock_time(static_cast<double>(kAnchorMs) + 5000, 90) == "10:30:05");
    CHECK(format_clock_time(-1000.0, 0) == "23:59:59");
    CHECK(format_file_timestamp(static_cast<double>(kAnchorMs), 0) == "2026-11-26-0900");
    CHECK(format_file_timestamp(static_cast<double>(kAnchorMs), 15 * 60) == "2026-11-27-0000");
    CHECK(format_file_timestamp(1709251140000.0, 0) == "2024-02-29-2359");
    CHECK(format_file_timestamp(0, -60) == "1969-12-31-2300");
}
