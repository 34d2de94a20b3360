// The web app's strtod, strtof and strtold (nlohmann/json reads numbers with strtod, and so
// does core/scan_format.h): core/decimal_number.h instead of libc's, which reads through long
// double arithmetic emulated in software on WebAssembly (about 5 KiB of code on the wire).
// All three are defined, since libc keeps them in one object: any of them taken from libc would
// bring its strtod along and clash with this one.
#include <cstdlib>

#include "core/decimal_number.h"

extern "C" {

double strtod(const char* text, char** end) {
    return cc::read_decimal(text, end);
}

float strtof(const char* text, char** end) {
    return static_cast<float>(cc::read_decimal(text, end));
}

long double strtold(const char* text, char** end) {
    return cc::read_decimal(text, end);
}

}  // extern "C"
