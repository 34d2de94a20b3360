// core/scan_format (the web app's sscanf) reads what the C library's sscanf reads, for the
// formats Dear ImGui's settings and the app use: the same count and the same values.
#include "core/scan_format.h"

#include <doctest/doctest.h>

#include <cstdarg>
#include <cstdio>
#include <string>

namespace {

int scan(const char* input, const char* format, ...) {
    std::va_list args;
    va_start(args, format);
    const int n = cc::scan_format(input, format, args);
    va_end(args);
    return n;
}

}  // namespace

TEST_CASE("scan_format: two integers, as ImGui's window settings lines") {
    for (const char* line : {"Pos=60,-4", "Pos= 7 , 9", "Pos=12", "Pos=x,1", "Size=3,4", "", "Pos=0x10,1"}) {
        CAPTURE(line);
        int x = 11, y = 22, cx = 11, cy = 22;
        const int n = scan(line, "Pos=%i,%i", &x, &y);
        CHECK(n == std::sscanf(line, "Pos=%i,%i", &cx, &cy));
        CHECK(x == cx);
        CHECK(y == cy);
    }
}

TEST_CASE("scan_format: ImGui's table settings: hex with a width, %n, %f, %c") {
    unsigned id = 0, cid = 0;
    int count = 0, ccount = 0;
    CHECK(scan("0x1A2B3C4D,11", "0x%08X,%d", &id, &count) == std::sscanf("0x1A2B3C4D,11", "0x%08X,%d", &cid, &ccount));
    CHECK(id == cid);
    CHECK(count == ccount);
    CHECK(id == 0x1A2B3C4Du);

    // A width stops the field: nine hex digits are read as eight and a ninth.
    unsigned a = 0, ca = 0;
    int b = 0, cb = 0;
    CHECK(scan("123456789", "%08X%d", &a, &b) == std::sscanf("123456789", "%08X%d", &ca, &cb));
    CHECK(a == ca);
    CHECK(b == cb);

    for (const char* line : {"Column 3  Width=120 Sort=0v", "Column 12 Weight=0.2500 Visible=1", "Column x"}) {
        CAPTURE(line);
        int col = -1, ccol = -1, r = -1, cr = -1;
        CHECK(scan(line, "Column %d%n", &col, &r) == std::sscanf(line, "Column %d%n", &ccol, &cr));
        CHECK(col == ccol);
        CHECK(r == cr);
    }
    float f = 0, cf = 0;
    int r = 0, cr = 0;
    CHECK(scan("Weight=0.2500 Order=2", "Weight=%f%n", &f, &r) ==
          std::sscanf("Weight=0.2500 Order=2", "Weight=%f%n", &cf, &cr));
    CHECK(f == cf);
    CHECK(r == cr);
    int n = 0, cn = 0;
    char c = 0, cc = 0;
    CHECK(scan("Sort=1^ x", "Sort=%d%c%n", &n, &c, &r) == std::sscanf("Sort=1^ x", "Sort=%d%c%n", &cn, &cc, &cr));
    CHECK(n == cn);
    CHECK(c == cc);
    CHECK(c == '^');
    CHECK(r == cr);
}

TEST_CASE("scan_format: the app's own formats: widths, long long, and the end of the input") {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    int cy = 0, cmo = 0, cd = 0, ch = 0, cmi = 0, cs = 0;
    const char* t = "2026-12-07T23:14:05Z";
    CHECK(scan(t, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) ==
          std::sscanf(t, "%4d-%2d-%2dT%2d:%2d:%2d", &cy, &cmo, &cd, &ch, &cmi, &cs));
    CHECK(y == 2026);
    CHECK(mo == 12);
    CHECK(s == cs);
    long long id = 0, cid = 0;
    CHECK(scan("9007199254740993", "%lld", &id) == std::sscanf("9007199254740993", "%lld", &cid));
    CHECK(id == cid);
    // Nothing to read: -1 (EOF), as the C library; a mismatch first: 0.
    int v = 0;
    CHECK(scan("", "%d", &v) == std::sscanf("", "%d", &v));
    CHECK(scan("   ", "%d", &v) == -1);
    CHECK(scan("abc", "%d", &v) == std::sscanf("abc", "%d", &v));
    CHECK(scan("abc", "%d", &v) == 0);
    CHECK(scan("100%", "%d%%", &v) == 1);
    CHECK(v == 100);
}
