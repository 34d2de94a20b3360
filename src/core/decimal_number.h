// Reading a decimal number into a double without the C library's strtod: the web app's strtod
// is this one (web/libc_numbers.cpp), because libc's reads through long double arithmetic done
// in software on WebAssembly, which is about 5 KiB of code on the wire.
//
// What it reads is what strtod reads, hexadecimal floats excepted: leading white space, a sign,
// digits with an optional point and exponent, "inf", "infinity" and "nan" (any case). The result
// is exact when the digits and the power of ten fit a double exactly (up to 15 digits and 10^22,
// which covers JSON numbers as people write them); otherwise it is within a few units in the
// last place (so a number that close to the largest double may read as infinity). Overflow
// gives infinity and underflow zero, with errno set to ERANGE.
#pragma once

namespace cc {

// As strtod: the value, and in `*end` (when not null) where the number ends, or `text` when
// no number starts there.
double read_decimal(const char* text, char** end);

}  // namespace cc
