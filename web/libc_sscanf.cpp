// The web app's sscanf (Dear ImGui reads its settings lines with it, core/time_text.cpp and
// core/table.cpp read numbers): core/scan_format.h instead of libc's scanf, whose general
// machinery costs several kilobytes on the wire. Defined here, it is the one the link takes.
#include <cstdarg>
#include <cstdio>

#include "core/scan_format.h"

extern "C" int sscanf(const char* input, const char* format, ...) {
    std::va_list args;
    va_start(args, format);
    const int n = cc::scan_format(input, format, args);
    va_end(args);
    return n;
}
