#include "core/scan_format.h"

#include <cctype>
#include <cstddef>
#include <cstdlib>
#include <cstring>

namespace cc {
namespace {

bool is_space(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

enum class Size { Short, Int, Long, LongLong };

template <typename T>
void store(std::va_list& args, Size size, T value) {
    switch (size) {
        case Size::Short: *va_arg(args, short*) = static_cast<short>(value); break;
        case Size::Int: *va_arg(args, int*) = static_cast<int>(value); break;
        case Size::Long: *va_arg(args, long*) = static_cast<long>(value); break;
        case Size::LongLong: *va_arg(args, long long*) = static_cast<long long>(value); break;
    }
}

}  // namespace

int scan_format(const char* input, const char* format, std::va_list ap) {
    std::va_list args;
    va_copy(args, ap);
    const char* p = input;
    int stored = 0;
    bool converted = false;  // a conversion was tried on input (EOF is told from a mismatch)
    for (const char* f = format; *f; ++f) {
        if (is_space(*f)) {
            while (is_space(*p)) ++p;
            continue;
        }
        if (*f != '%' || f[1] == '%') {
            if (*f == '%') ++f;
            if (*p != *f) break;
            ++p;
            continue;
        }
        ++f;
        const bool skip = *f == '*';
        if (skip) ++f;
        std::size_t width = 0;
        while (*f >= '0' && *f <= '9') width = width * 10 + static_cast<std::size_t>(*f++ - '0');
        Size size = Size::Int;
        if (*f == 'h') {
            size = Size::Short;
            while (*f == 'h') ++f;
        } else if (*f == 'l' || *f == 'z' || *f == 'j' || *f == 't') {
            size = *f == 'l' && f[1] == 'l' ? Size::LongLong : Size::Long;
            while (*f == 'l' || *f == 'z' || *f == 'j' || *f == 't') ++f;
        }
        const char conv = *f;
        if (conv == 'n') {
            if (!skip) store(args, size, p - input);
            continue;
        }
        if (conv == 'c') {
            if (!*p) break;
            converted = true;
            if (!skip) {
                *va_arg(args, char*) = *p;
                ++stored;
            }
            ++p;
            continue;
        }
        while (is_space(*p)) ++p;
        if (!*p) break;
        converted = true;
        // The field: at most `width` characters, copied so that the number's reader stops there.
        char field[80];
        std::size_t n = std::strlen(p);
        if (width && width < n) n = width;
        if (n >= sizeof field) n = sizeof field - 1;
        std::memcpy(field, p, n);
        field[n] = '\0';
        char* end = field;
        if (conv == 'd' || conv == 'i') {
            const long long v = std::strtoll(field, &end, conv == 'd' ? 10 : 0);
            if (end == field) break;
            if (!skip) store(args, size, v);
        } else if (conv == 'u' || conv == 'x' || conv == 'X') {
            const unsigned long long v = std::strtoull(field, &end, conv == 'u' ? 10 : 16);
            if (end == field) break;
            if (!skip) store(args, size, v);
        } else if (conv == 'f' || conv == 'e' || conv == 'g' || conv == 'a' || conv == 'F' || conv == 'E' ||
                   conv == 'G') {
            const double v = std::strtod(field, &end);
            if (end == field) break;
            if (!skip) {
                if (size == Size::Int)
                    *va_arg(args, float*) = static_cast<float>(v);
                else
                    *va_arg(args, double*) = v;
            }
        } else {
            break;  // %s, %[ ... : not used by the app nor by ImGui
        }
        if (!skip) ++stored;
        p += end - field;
    }
    va_end(args);
    return stored == 0 && !converted && !*p ? -1 : stored;
}

}  // namespace cc
