// core/decimal_number (the web app's strtod) against the C library's strtod: where each number
// ends, exact values for the numbers JSON and settings lines hold, and close ones elsewhere.
#include "core/decimal_number.h"

#include <doctest/doctest.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

namespace {

struct Read {
    double value;
    long used;
};

Read ours(const char* s) {
    char* end = nullptr;
    const double v = cc::read_decimal(s, &end);
    return {v, end - s};
}

Read libc(const char* s) {
    char* end = nullptr;
    const double v = std::strtod(s, &end);
    return {v, end - s};
}

}  // namespace

TEST_CASE("read_decimal: exact where the digits and the power of ten fit a double") {
    for (const char* s : {"0",
                          "-0",
                          "1",
                          "-1",
                          "42",
                          "0.25",
                          "0.2500",
                          "3.14159",
                          "-273.15",
                          "1e3",
                          "1E-3",
                          "2.5e+10",
                          "123456789012345",
                          "0.1",
                          "0.3",
                          "1e22",
                          "1e-22",
                          "  7.5",
                          "+8",
                          "9007199254740991",
                          ".5",
                          "5.",
                          "0.000001",
                          "12abc",
                          "1e",
                          "1e+",
                          "3.x"}) {
        CAPTURE(s);
        const Read a = ours(s), b = libc(s);
        CHECK(a.used == b.used);
        CHECK(a.value == b.value);
        CHECK(std::signbit(a.value) == std::signbit(b.value));
    }
}

TEST_CASE("read_decimal: close to the C library beyond the exact range") {
    for (const char* s : {"1e23", "1.2345678901234567890123e45", "6.02214076e23", "1.602176634e-19", "4.9e-300",
                          "123456789012345678901234567890", "0.000000000000000000000000012345",
                          "2.2250738585072014e-308", "8.98846567431158e307", "1.79769313486e308"}) {
        CAPTURE(s);
        const Read a = ours(s), b = libc(s);
        CHECK(a.used == b.used);
        CHECK(std::fabs(a.value - b.value) <= std::fabs(b.value) * 1e-14);
    }
}

TEST_CASE("read_decimal: no number, infinities, NaN and out of range") {
    for (const char* s : {"", "abc", "-", "+.", ".", "e5", " - 1"}) {
        CAPTURE(s);
        const Read a = ours(s);
        CHECK(a.used == 0);
        CHECK(a.value == 0);
        CHECK(libc(s).used == 0);
    }
    CHECK(std::isinf(ours("inf").value));
    CHECK(ours("-Infinity").value == -HUGE_VAL);
    CHECK(ours("-Infinity").used == 9);
    CHECK(ours("infinit").used == 3);  // "inf", as the C library reads it
    CHECK(libc("infinit").used == 3);
    CHECK(std::isnan(ours("NaN").value));
    errno = 0;
    CHECK(std::isinf(ours("1e400").value));
    CHECK(errno == ERANGE);
    errno = 0;
    CHECK(ours("1e-400").value == 0);
    CHECK(errno == ERANGE);
    errno = 0;
    CHECK(ours("1e5").value == 100000);
    CHECK(errno == 0);
    // A null end pointer is allowed.
    CHECK(cc::read_decimal("2.5", nullptr) == 2.5);
}
