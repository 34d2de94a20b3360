// Timestamps read and written by hand rather than through <ctime>: gmtime/timegm are not
// thread-safe or not portable, and the WebAssembly build has no zone database anyway. Civil
// dates convert with Howard Hinnant's days_from_civil / civil_from_days.
#include "core/time_text.h"

#include <cstdio>

namespace cc {
namespace {

inline bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// `count` digits at s[p] as a number, advancing `p` past them; false when they are not there.
bool read_digits(std::string_view s, std::size_t& p, std::size_t count, int& out) {
    if (p + count > s.size()) return false;
    int v = 0;
    for (std::size_t k = 0; k < count; ++k) {
        if (!is_digit(s[p + k])) return false;
        v = v * 10 + (s[p + k] - '0');
    }
    p += count;
    out = v;
    return true;
}

// The digits of a fraction (after its separator), at least one, as nanoseconds: digits past
// the ninth are read and dropped.
bool read_fraction(std::string_view s, std::size_t& p, int& nanos) {
    int scale = 100000000, digits = 0;
    nanos = 0;
    while (p < s.size() && is_digit(s[p])) {
        if (digits++ < 9) {
            nanos += (s[p] - '0') * scale;
            scale /= 10;
        }
        ++p;
    }
    return digits > 0;
}

// The zone that ends the text, from s[p] on, as minutes east of UTC.
bool read_zone(std::string_view s, std::size_t p, Rfc3339Syntax syntax, int& minutes) {
    minutes = 0;
    if (p == s.size()) return true;
    const char z = s[p++];
    if (z == 'Z' || z == 'z') return p == s.size();
    if (z != '+' && z != '-') return false;
    int hours = 0, mins = 0;
    if (syntax == Rfc3339Syntax::Strict) {
        if (!read_digits(s, p, 2, hours) || p == s.size() || s[p++] != ':' || !read_digits(s, p, 2, mins)) return false;
    } else {
        if (!read_digits(s, p, 2, hours)) return false;
        if (p < s.size() && s[p] == ':') ++p;
        if (p < s.size() && !read_digits(s, p, 2, mins)) return false;
        if (hours > 23 || mins > 59) return false;
    }
    minutes = (z == '-' ? -1 : 1) * (hours * 60 + mins);
    return p == s.size();
}

}  // namespace

long long days_from_civil(long long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned month_from_march = m > 2 ? m - 3 : m + 9;  // March is 0, February 11
    const unsigned doy = (153 * month_from_march + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

CivilDate civil_from_days(long long z) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    CivilDate c;
    c.year = static_cast<long long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    c.day = doy - (153 * mp + 2) / 5 + 1;
    c.month = mp < 10 ? mp + 3 : mp - 9;
    c.year += c.month <= 2;
    return c;
}

std::optional<Instant> parse_rfc3339(std::string_view s, Rfc3339Syntax syntax) {
    std::size_t p = 0;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (!read_digits(s, p, 4, y) || p >= s.size() || s[p++] != '-' || !read_digits(s, p, 2, mo) || p >= s.size() ||
        s[p++] != '-' || !read_digits(s, p, 2, d))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
    Instant t;
    int zone_minutes = 0;
    if (p < s.size()) {
        const char sep = s[p++];
        if (sep != 'T' && sep != 't' && sep != ' ') return std::nullopt;
        if (!read_digits(s, p, 2, h) || p >= s.size() || s[p++] != ':' || !read_digits(s, p, 2, mi))
            return std::nullopt;
        if (p < s.size() && s[p] == ':') {
            ++p;
            if (!read_digits(s, p, 2, sec)) return std::nullopt;
        }
        if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
        if (p < s.size() && (s[p] == '.' || (s[p] == ',' && syntax == Rfc3339Syntax::Lenient))) {
            ++p;
            if (!read_fraction(s, p, t.nanos)) return std::nullopt;
        }
        if (!read_zone(s, p, syntax, zone_minutes)) return std::nullopt;
    }
    t.seconds = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 +
                sec - std::int64_t{zone_minutes} * 60;
    return t;
}

std::string format_rfc3339(std::int64_t unix_ms) {
    std::int64_t secs = unix_ms / 1000;
    std::int64_t ms = unix_ms % 1000;
    if (ms < 0) {
        ms += 1000;
        secs -= 1;
    }
    const std::int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    const std::int64_t rem = secs - days * 86400;
    const CivilDate c = civil_from_days(days);
    char buf[80];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ", c.year, c.month, c.day,
                  static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60),
                  static_cast<int>(ms));
    return buf;
}

// This reading predates parse_rfc3339 and is kept as it was, because what the Credentials table
// and the history show for a malformed timestamp depends on it. Where the two differ: it needs
// 'T' and the seconds; its numbers go through %d (so "2026-1-5T1:2:3Z" is read too); it ignores
// what follows the seconds and the fraction unless it is a "±hh:mm" zone ("+0530", "+05" and
// trailing text are read as UTC); it has no bare dates and no decimal comma.
std::string format_local_time(std::string_view s, int utc_offset_minutes) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    const std::string text(s);
    // The usual shape, "2026-11-28T10:01:00...", is read directly (a table formats 100,000 of
    // them); anything else goes through sscanf's more lenient reading.
    std::size_t at = 0;
    const bool plain = text.size() >= 19 && read_digits(text, at, 4, y) && text[at++] == '-' &&
                       read_digits(text, at, 2, mo) && text[at++] == '-' && read_digits(text, at, 2, d) &&
                       text[at++] == 'T' && read_digits(text, at, 2, h) && text[at++] == ':' &&
                       read_digits(text, at, 2, mi) && text[at++] == ':' && read_digits(text, at, 2, sec);
    if (!plain && std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec) != 6) return text;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return text;
    // The zone designator after the seconds (and optional fraction): Z or ±hh:mm.
    long long zone_minutes = 0;
    std::size_t p = 19;
    while (p < text.size() && (text[p] == '.' || (text[p] >= '0' && text[p] <= '9'))) ++p;
    if (p < text.size() && (text[p] == '+' || text[p] == '-')) {
        int zh = 0, zm = 0;
        if (std::sscanf(text.c_str() + p + 1, "%2d:%2d", &zh, &zm) == 2)
            zone_minutes = (text[p] == '-' ? -1 : 1) * (zh * 60 + zm);
    }
    long long minutes = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 1440 + h * 60 + mi -
                        zone_minutes + utc_offset_minutes;
    long long days = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
    long long rem = minutes - days * 1440;
    const CivilDate local = civil_from_days(days);
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::string out = months[local.month - 1];
    out += ' ';
    out += std::to_string(local.day);
    out += ", ";
    out += std::to_string(local.year);
    out += ' ';
    const auto two = [&out](long long v) {
        out += static_cast<char>('0' + v / 10);
        out += static_cast<char>('0' + v % 10);
    };
    two(rem / 60);
    out += ':';
    two(rem % 60);
    return out;
}

std::string format_clock_time(double epoch_ms, int utc_offset_minutes) {
    long long secs = static_cast<long long>(epoch_ms / 1000.0) + utc_offset_minutes * 60LL;
    long long day_secs = ((secs % 86400) + 86400) % 86400;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", day_secs / 3600, day_secs / 60 % 60, day_secs % 60);
    return buf;
}

std::string format_file_timestamp(double epoch_ms, int utc_offset_minutes) {
    const long long minutes = static_cast<long long>(epoch_ms / 60000.0) + utc_offset_minutes;
    const long long days = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
    const long long rem = minutes - days * 1440;
    const CivilDate c = civil_from_days(days);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u-%02lld%02lld", c.year, c.month, c.day, rem / 60, rem % 60);
    return buf;
}

}  // namespace cc
