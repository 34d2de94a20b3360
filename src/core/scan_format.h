// A small reader of scanf formats: what sscanf does for the conversions the app and Dear ImGui
// use (%d %i %u %x %X %f %e %g %c %n %%, field widths, the h/l/ll/z size prefixes, literal text
// and white space). The web app's sscanf is this one (web/libc_sscanf.cpp): libc's scanf
// machinery is several kilobytes of code on the wire for a few settings lines.
#pragma once

#include <cstdarg>

namespace cc {

// As vsscanf: the number of conversions stored, or -1 when the input ended before the first
// one. A conversion it does not know ends the reading, as a mismatch does.
int scan_format(const char* input, const char* format, std::va_list args);

}  // namespace cc
