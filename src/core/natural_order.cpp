// Natural order, compared directly (natural_compare walks both strings once, without
// allocating) and as byte keys (append_natural_key, built once per row by the table's sort).
// Letters fold with case_fold.h.
#include "core/natural_order.h"

#include "core/case_fold.h"

namespace cc {
namespace {

inline bool is_digit(unsigned char c) {
    return c >= '0' && c <= '9';
}

// Ordering of everything except the final tie-break. The strings are read as tokens: digit
// runs (compared by value: leading zeros skipped, then by length, then digit by digit, so any
// length works) and single folded bytes. A digit run meeting a byte compares as its first
// digit, which orders runs consistently between the bytes below '0' and those above '9'.
int natural_primary(std::string_view a, std::string_view b) {
    const auto* pa = reinterpret_cast<const unsigned char*>(a.data());
    const auto* pb = reinterpret_cast<const unsigned char*>(b.data());
    const std::size_t na = a.size(), nb = b.size();
    std::size_t i = 0, j = 0;
    while (i < na && j < nb) {
        const unsigned char ca = pa[i], cb = pb[j];
        if (is_digit(ca) && is_digit(cb)) {
            std::size_t si = i, sj = j;
            while (si < na && pa[si] == '0') ++si;
            while (sj < nb && pb[sj] == '0') ++sj;
            std::size_t ei = si, ej = sj;
            while (ei < na && is_digit(pa[ei])) ++ei;
            while (ej < nb && is_digit(pb[ej])) ++ej;
            const std::size_t la = ei - si, lb = ej - sj;
            if (la != lb) return la < lb ? -1 : 1;
            for (std::size_t k = 0; k < la; ++k)
                if (pa[si + k] != pb[sj + k]) return pa[si + k] < pb[sj + k] ? -1 : 1;
            i = ei;
            j = ej;
            continue;
        }
        const unsigned char fa = fold_byte(ca, i ? pa[i - 1] : 0);
        const unsigned char fb = fold_byte(cb, j ? pb[j - 1] : 0);
        if (fa != fb) return fa < fb ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < na) return 1;
    if (j < nb) return -1;
    return 0;
}

// `v` as four bytes, most significant first.
void append_u32(std::string& out, std::size_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

}  // namespace

int natural_compare(std::string_view a, std::string_view b) {
    if (const int r = natural_primary(a, b)) return r;
    // Equal for a reader ("a01" and "a1", "Cred" and "cred"): still a total order, so sorting
    // is deterministic and only identical strings compare equal.
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    const int r = a.compare(b);
    return r < 0 ? -1 : (r > 0 ? 1 : 0);
}

// Sort keys as bytes whose memcmp order is exactly natural_compare's order. Tokens: a folded
// byte (0x00 and 0x01 escaped as 0x01 0x01 / 0x01 0x02, so 0x00 can end the text), or a digit
// run as '0' (where any digit would sort against the bytes around it), the count of its
// significant digits, and those digits. Then 0x00, and natural_compare's tie-break: a 4-byte
// length and the raw bytes. Every part is self-delimiting, so the whole key is prefix-free.
void append_natural_key(std::string& out, std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n;) {
        if (is_digit(p[i])) {
            std::size_t si = i;
            while (si < n && p[si] == '0') ++si;
            std::size_t e = si;
            while (e < n && is_digit(p[e])) ++e;
            out += '0';
            // Counts below 255 take one byte, keeping typical keys short and their first
            // bytes telling; longer runs escape to 0xFF and four bytes, which sorts after.
            if (e - si < 255) {
                out += static_cast<char>(e - si);
            } else {
                out += '\xFF';
                append_u32(out, e - si);
            }
            out.append(s.data() + si, e - si);
            i = e;
            continue;
        }
        const unsigned char f = fold_byte(p[i], i ? p[i - 1] : 0);
        if (f <= 1) {
            out += '\x01';
            out += static_cast<char>(f + 1);
        } else {
            out += static_cast<char>(f);
        }
        ++i;
    }
    out += '\0';
    append_u32(out, n);
    out.append(s);
}

}  // namespace cc
