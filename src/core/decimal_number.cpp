#include "core/decimal_number.h"

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <limits>

namespace cc {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// `word` (lower case) at `p`, in any case.
bool starts_with_word(const char* p, const char* word) {
    for (; *word; ++p, ++word)
        if (lower(*p) != *word) return false;
    return true;
}

// 10^n for 0 <= n <= 22: exact in a double.
double exact_power_of_ten(int n) {
    double r = 1;
    for (int i = 0; i < n; ++i) r *= 10;
    return r;
}

// m * 10^e in double arithmetic: exact when both fit (the common case), else by squaring, with
// the large powers split so that no intermediate overflows or underflows before the end.
double scale(double m, int e) {
    if (e >= 0 && e <= 22) return m * exact_power_of_ten(e);
    if (e < 0 && e >= -22) return m / exact_power_of_ten(-e);
    double p = 1, base = 10;
    for (unsigned n = static_cast<unsigned>(e < 0 ? -e : e); n; n >>= 1, base *= base)
        if (n & 1) p *= base;
    if (e > 0) return std::isinf(p) ? m * 1e300 * 1e300 : m * p;
    // Dividing by an infinite power would lose what a denormal still holds: two steps.
    if (std::isinf(p)) return (m / 1e300) / std::pow(10.0, -e - 300);
    return m / p;
}

}  // namespace

double read_decimal(const char* text, char** end) {
    const char* p = text;
    while (*p == ' ' || (*p >= '\t' && *p <= '\r')) ++p;
    bool negative = false;
    if (*p == '+' || *p == '-') negative = *p++ == '-';
    auto finish = [&](const char* stop, double value) {
        if (end) *end = const_cast<char*>(stop);
        return negative ? -value : value;
    };
    if (starts_with_word(p, "inf")) {
        p += 3;
        if (starts_with_word(p, "inity")) p += 5;
        return finish(p, std::numeric_limits<double>::infinity());
    }
    if (starts_with_word(p, "nan")) return finish(p + 3, std::numeric_limits<double>::quiet_NaN());

    // Up to 19 significant digits are kept; the rest only move the exponent.
    std::uint64_t mantissa = 0;
    int digits = 0, exponent = 0;
    bool any = false;
    for (; is_digit(*p); ++p) {
        any = true;
        if (digits < 19) {
            if (mantissa || *p != '0') {
                mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p - '0');
                ++digits;
            }
        } else {
            ++exponent;
        }
    }
    if (*p == '.') {
        for (++p; is_digit(*p); ++p) {
            any = true;
            if (digits < 19) {
                if (mantissa || *p != '0') {
                    mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p - '0');
                    ++digits;
                }
                --exponent;
            }
        }
    }
    if (!any) {
        negative = false;
        return finish(text, 0.0);
    }
    if (lower(*p) == 'e') {
        const char* q = p + 1;
        bool minus = false;
        if (*q == '+' || *q == '-') minus = *q++ == '-';
        if (is_digit(*q)) {
            int e = 0;
            for (; is_digit(*q); ++q)
                if (e < 100000) e = e * 10 + (*q - '0');
            exponent += minus ? -e : e;
            p = q;
        }
    }
    if (mantissa == 0) return finish(p, 0.0);
    const double value = scale(static_cast<double>(mantissa), exponent);
    if (std::isinf(value) || value == 0) errno = ERANGE;
    return finish(p, value);
}

}  // namespace cc
