// Search, filters, multi-key sort, filter checklists, CSV export and the URL-hash form of a
// table view. Runs in WebAssembly over up to 100,000 rows on every keystroke, so the hot
// paths fold case byte by byte in place (no locale, no regex, no per-comparison allocation)
// and the sort compares byte keys built once per call (creation times parsed once per row).
#include "core/table_query.h"

#include <algorithm>
#include <cstring>

#include "core/text.h"
#include "core/time_text.h"

namespace cc {
namespace {

// ---- case folding ------------------------------------------------------------------------
// ASCII A-Z, and the Latin-1 capitals U+00C0..U+00DE (except U+00D7 '×'), which in UTF-8 are
// 0xC3 followed by 0x80..0x9E; their lower-case forms are the same sequence plus 0x20. So a
// byte folds knowing only the byte before it, and folded text stays valid UTF-8.
inline unsigned char fold_byte(unsigned char c, unsigned char prev) {
    if (c >= 'A' && c <= 'Z') return static_cast<unsigned char>(c + 32);
    if (c >= 0x80 && c <= 0x9E && c != 0x97 && prev == 0xC3) return static_cast<unsigned char>(c + 32);
    return c;
}

inline bool is_digit(unsigned char c) {
    return c >= '0' && c <= '9';
}

std::string fold(std::string_view s) {
    std::string out(s);
    unsigned char prev = 0;
    for (auto& ch : out) {
        const auto c = static_cast<unsigned char>(ch);
        ch = static_cast<char>(fold_byte(c, prev));
        prev = c;
    }
    return out;
}

// `needle` is already folded (once per query, not once per cell).
bool contains_folded(std::string_view hay, std::string_view needle) {
    const std::size_t m = needle.size();
    if (m == 0) return true;
    if (hay.size() < m) return false;
    const auto* h = reinterpret_cast<const unsigned char*>(hay.data());
    const auto* n = reinterpret_cast<const unsigned char*>(needle.data());
    const unsigned char first = n[0];
    // Most needles start with ASCII: then a candidate start is one of two raw bytes, which
    // keeps folding out of the scan over non-matching text.
    const bool ascii = first < 0x80;
    const unsigned char alt = (first >= 'a' && first <= 'z') ? static_cast<unsigned char>(first - 32) : first;
    const std::size_t last_start = hay.size() - m;
    for (std::size_t i = 0; i <= last_start; ++i) {
        if (ascii) {
            if (h[i] != first && h[i] != alt) continue;
        } else if (fold_byte(h[i], i ? h[i - 1] : 0) != first) {
            continue;
        }
        std::size_t j = 1;
        while (j < m && fold_byte(h[i + j], h[i + j - 1]) == n[j]) ++j;
        if (j == m) return true;
    }
    return false;
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

// Sort keys as bytes whose memcmp order is exactly natural_compare's order. Tokens: a folded
// byte (0x00 and 0x01 escaped as 0x01 0x01 / 0x01 0x02, so 0x00 can end the text), or a digit
// run as '0' (where any digit would sort against the bytes around it), the count of its
// significant digits, and those digits. Then 0x00, and natural_compare's tie-break: a 4-byte
// length and the raw bytes. Every part is self-delimiting, so the whole key is prefix-free.
void append_u32(std::string& out, std::size_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

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

// ---- creation times ----------------------------------------------------------------------

// Unparseable times first (flag 0, then their text naturally), then instants: flag 1,
// seconds biased to unsigned, nanoseconds, all big-endian.
void append_time_key(std::string& out, std::string_view iso) {
    const std::optional<Instant> t = parse_rfc3339(iso, Rfc3339Syntax::Lenient);
    if (!t) {
        out += '\0';
        append_natural_key(out, iso);
        return;
    }
    out += '\x01';
    const auto biased = static_cast<unsigned long long>(t->seconds) ^ (1ULL << 63);
    for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((biased >> shift) & 0xFF);
    append_u32(out, static_cast<std::size_t>(t->nanos));
}

// ---- filters prepared once per query -------------------------------------------------------

struct PreparedFilter {
    std::size_t column = 0;
    std::vector<std::string_view> values;  // sorted when many, for binary search
    bool check_values = false;
    bool sorted = false;
    std::string text;  // folded
};

PreparedFilter prepare(const ColumnFilter& f) {
    PreparedFilter p;
    p.column = static_cast<std::size_t>(f.column);
    p.check_values = !f.values.empty();
    p.values.assign(f.values.begin(), f.values.end());
    // A checklist can hold hundreds of scopes or users; a linear scan per row would then
    // dominate a 100,000-row query.
    if (p.values.size() > 8) {
        std::sort(p.values.begin(), p.values.end());
        p.sorted = true;
    }
    p.text = fold(f.text);
    return p;
}

bool matches(const CredentialRow& row, const PreparedFilter& f) {
    const std::string& cell = row.cells[f.column];
    if (f.check_values) {
        const std::string_view c(cell);
        const bool hit = f.sorted ? std::binary_search(f.values.begin(), f.values.end(), c)
                                  : std::find(f.values.begin(), f.values.end(), c) != f.values.end();
        if (!hit) return false;
    }
    return contains_folded(cell, f.text);
}

bool search_matches(const CredentialRow& row, std::string_view folded, const std::array<bool, kColumnCount>& visible) {
    if (folded.empty()) return true;
    for (std::size_t c = 0; c < kColumnCount; ++c)
        if (visible[c] && contains_folded(row.cells[c], folded)) return true;
    return false;
}

// ---- usable at a scope node ---------------------------------------------------------------
// The node's chain (its cluster, department, project) is resolved once per query, so a row
// is checked with at most one id comparison (OrgTree::inherits without per-row lookups).

struct PreparedUsableAt {
    bool active = false;
    ScopeRef at;  // normalized
};

PreparedUsableAt prepare_usable_at(const std::optional<ScopeRef>& usable_at, const OrgTree* org) {
    if (!usable_at) return {};
    return {true, org ? org->normalized(*usable_at) : *usable_at};
}

bool usable(const CredentialRow& row, const PreparedUsableAt& u) {
    if (!u.active) return true;
    const ScopeRef& owner = row.scope;
    const ScopeRef& at = u.at;
    switch (owner.type) {
        case ScopeType::System:
        case ScopeType::Tenant: return true;
        case ScopeType::Cluster:
            return at.type != ScopeType::Tenant && at.type != ScopeType::System && at.cluster_id &&
                   at.cluster_id == owner.cluster_id;
        case ScopeType::Department:
            return (at.type == ScopeType::Department || at.type == ScopeType::Project) && at.department_id &&
                   at.department_id == owner.department_id;
        case ScopeType::Project:
            return at.type == ScopeType::Project && at.project_id && at.project_id == owner.project_id;
    }
    return false;
}

// ---- percent-encoding --------------------------------------------------------------------

inline bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '-' || c == '.' || c == '_' ||
           c == '~';
}

void percent_encode(std::string& out, std::string_view s) {
    static const char hex[] = "0123456789ABCDEF";
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (is_unreserved(c)) {
            out += ch;
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Replaces malformed UTF-8 by U+FFFD: a hash comes from any pasted link, and the UI and the
// JS bridge expect valid text.
std::string valid_utf8(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n;) {
        const unsigned char c = p[i];
        std::size_t len = 0;
        unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
        if (c < 0x80)
            len = 1;
        else if (c >= 0xC2 && c <= 0xDF)
            len = 2;
        else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;  // no UTF-16 surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        }
        bool ok = len > 0 && i + len <= n;
        for (std::size_t k = 1; ok && k < len; ++k) {
            const unsigned char b = p[i + k];
            ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
        }
        if (ok) {
            out.append(s, i, len);
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

// '%' not followed by two hex digits stays literal; '+' stays '+' (RFC 3986, not forms).
std::string percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return valid_utf8(out);
}

// A leading '=', '+', '-', '@', TAB or CR makes spreadsheets read a cell as a formula
// (CSV injection). A lone "-" (the "no status" cell) and plain numbers such as "-5" cannot
// run anything, so they stay as they are.
bool formula_like(std::string_view s) {
    if (s.empty()) return false;
    const char c = s[0];
    if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r') return false;
    if (s == "-") return false;
    if (c == '+' || c == '-') {
        std::size_t p = 1, digits = 0, dots = 0;
        for (; p < s.size(); ++p) {
            if (is_digit(static_cast<unsigned char>(s[p])))
                ++digits;
            else if (s[p] == '.' && dots == 0)
                ++dots;
            else
                break;
        }
        if (p == s.size() && digits > 0) return false;
    }
    return true;
}

// "tenant", "cluster:<uuid>", "department:<id>", "project:<int>"; anything else (a missing
// or empty id, a project id that is not a number, another level) is no scope.
std::optional<ScopeRef> decode_scope_node(std::string_view value) {
    const std::size_t colon = value.find(':');
    const auto type = scope_from_api_name(value.substr(0, colon));
    if (!type) return std::nullopt;
    const std::string id = colon == std::string_view::npos ? std::string() : percent_decode(value.substr(colon + 1));
    ScopeRef r{*type, {}, {}, {}};
    switch (*type) {
        case ScopeType::System:
        case ScopeType::Tenant:
            if (colon != std::string_view::npos) return std::nullopt;
            return r;
        case ScopeType::Cluster:
            if (id.empty()) return std::nullopt;
            r.cluster_id = ClusterId{id};
            return r;
        case ScopeType::Department:
            if (id.empty()) return std::nullopt;
            r.department_id = DepartmentId{id};
            return r;
        case ScopeType::Project: {
            if (id.empty() || id.size() > 18) return std::nullopt;
            std::int64_t n = 0;
            std::size_t i = id[0] == '-' ? 1 : 0;
            if (i == id.size()) return std::nullopt;
            for (; i < id.size(); ++i) {
                if (!is_digit(static_cast<unsigned char>(id[i]))) return std::nullopt;
                n = n * 10 + (id[i] - '0');
            }
            r.project_id = ProjectId{id[0] == '-' ? -n : n};
            return r;
        }
    }
    return std::nullopt;
}

}  // namespace

// ---- view equality, columns --------------------------------------------------------------

bool TableView::operator==(const TableView& o) const {
    if (search != o.search || visible != o.visible || filters.size() != o.filters.size() ||
        sort.size() != o.sort.size())
        return false;
    for (std::size_t i = 0; i < filters.size(); ++i) {
        const auto &a = filters[i], &b = o.filters[i];
        if (a.column != b.column || a.values != b.values || a.text != b.text) return false;
    }
    for (std::size_t i = 0; i < sort.size(); ++i)
        if (sort[i].column != o.sort[i].column || sort[i].descending != o.sort[i].descending) return false;
    if (usable_at.has_value() != o.usable_at.has_value()) return false;
    return !usable_at || same_scope_node(*usable_at, *o.usable_at);
}

bool column_has_checklist(Column c) {
    switch (c) {
        case Column::Type:
        case Column::Status:
        case Column::Scope:
        case Column::Cluster:
        case Column::CreatedBy: return true;
        default: return false;
    }
}

std::string_view column_key(Column c) {
    switch (c) {
        case Column::Credential: return "credential";
        case Column::Description: return "description";
        case Column::Type: return "type";
        case Column::Status: return "status";
        case Column::Scope: return "scope";
        case Column::KubernetesName: return "kubernetes-name";
        case Column::Environments: return "environments";
        case Column::DataSources: return "data-sources";
        case Column::CreatedBy: return "created-by";
        case Column::CreationTime: return "creation-time";
        case Column::Cluster: return "cluster";
    }
    return "";
}

std::optional<Column> column_from_key(std::string_view key) {
    for (const Column c : kAllColumns)
        if (column_key(c) == key) return c;
    return std::nullopt;
}

// ---- matching ----------------------------------------------------------------------------

int natural_compare(std::string_view a, std::string_view b) {
    if (const int r = natural_primary(a, b)) return r;
    // Equal for a reader ("a01" and "a1", "Cred" and "cred"): still a total order, so sorting
    // is deterministic and only identical strings compare equal.
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    const int r = a.compare(b);
    return r < 0 ? -1 : (r > 0 ? 1 : 0);
}

bool contains_case_insensitive(std::string_view haystack, std::string_view needle) {
    return contains_folded(haystack, fold(needle));
}

bool row_matches_filter(const CredentialRow& row, const ColumnFilter& f) {
    return matches(row, prepare(f));
}

bool row_matches_search(const CredentialRow& row, std::string_view search,
                        const std::array<bool, kColumnCount>& visible) {
    return search_matches(row, fold(search), visible);
}

std::vector<std::uint32_t> compute_view(const std::vector<CredentialRow>& rows, const TableView& view,
                                        const OrgTree* org) {
    const std::string needle = fold(view.search);
    const PreparedUsableAt usable_at = prepare_usable_at(view.usable_at, org);
    std::vector<PreparedFilter> filters;
    filters.reserve(view.filters.size());
    for (const auto& f : view.filters) filters.push_back(prepare(f));

    std::vector<std::uint32_t> out;
    out.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const CredentialRow& row = rows[i];
        bool ok = usable(row, usable_at);
        for (const auto& f : filters)
            if (!matches(row, f)) {
                ok = false;
                break;
            }
        if (ok && search_matches(row, needle, view.visible)) out.push_back(static_cast<std::uint32_t>(i));
    }
    if (view.sort.empty() || out.size() < 2) return out;

    // Each visible row gets one byte string holding all its sort keys (built once per call);
    // the sort then compares rows with a single memcmp over a compact buffer instead of
    // walking 500-byte rows scattered in memory.
    std::string keys;
    keys.reserve(out.size() * 24 * view.sort.size());
    std::vector<std::uint32_t> offsets;
    offsets.reserve(out.size() + 1);
    for (const std::uint32_t i : out) {
        offsets.push_back(static_cast<std::uint32_t>(keys.size()));
        for (const auto& k : view.sort) {
            const std::size_t from = keys.size();
            if (k.column == Column::CreationTime)
                append_time_key(keys, rows[i].created_at_iso);
            else
                append_natural_key(keys, rows[i].cell(k.column));
            // The key encodings are prefix-free, so complementing the bytes reverses the order.
            if (k.descending)
                for (std::size_t p = from; p < keys.size(); ++p) keys[p] = static_cast<char>(~keys[p]);
        }
    }
    offsets.push_back(static_cast<std::uint32_t>(keys.size()));

    // The first 8 key bytes as a big-endian integer decide most comparisons without memcmp.
    const char* base = keys.data();
    std::vector<std::uint64_t> heads(out.size());
    for (std::size_t p = 0; p < out.size(); ++p) {
        std::uint64_t h = 0;
        const std::uint32_t len = offsets[p + 1] - offsets[p];
        for (std::uint32_t k = 0; k < 8; ++k)
            h = (h << 8) | (k < len ? static_cast<unsigned char>(base[offsets[p] + k]) : 0u);
        heads[p] = h;
    }
    std::vector<std::uint32_t> pos(out.size());
    for (std::uint32_t p = 0; p < pos.size(); ++p) pos[p] = p;
    std::stable_sort(pos.begin(), pos.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (heads[a] != heads[b]) return heads[a] < heads[b];
        // Same head: as keys are prefix-free, a key of 8 bytes or fewer equals the other.
        const std::uint32_t la = offsets[a + 1] - offsets[a], lb = offsets[b + 1] - offsets[b];
        if (la <= 8 || lb <= 8) return false;
        const int r = std::memcmp(base + offsets[a] + 8, base + offsets[b] + 8, std::min(la, lb) - 8);
        return r != 0 ? r < 0 : la < lb;  // equal keys: false both ways, server order kept
    });
    std::vector<std::uint32_t> sorted(out.size());
    for (std::size_t p = 0; p < pos.size(); ++p) sorted[p] = out[pos[p]];
    return sorted;
}

std::vector<std::string> distinct_values(const std::vector<CredentialRow>& rows, Column c) {
    std::vector<std::string_view> seen;
    seen.reserve(rows.size());
    for (const auto& r : rows)
        if (!r.cell(c).empty()) seen.push_back(r.cell(c));
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    std::sort(seen.begin(), seen.end(),
              [](std::string_view a, std::string_view b) { return natural_compare(a, b) < 0; });
    return std::vector<std::string>(seen.begin(), seen.end());
}

// ---- CSV ---------------------------------------------------------------------------------

std::string csv_field(std::string_view s) {
    const bool guard = formula_like(s);
    const bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos;
    if (!guard && !quote) return std::string(s);
    std::string out;
    out.reserve(s.size() + 4);
    if (quote) out += '"';
    if (guard) out += '\'';
    for (const char ch : s) {
        if (ch == '"') out += '"';
        out += ch;
    }
    if (quote) out += '"';
    return out;
}

std::string to_csv(const std::vector<CredentialRow>& rows, const std::vector<std::uint32_t>& order,
                   const std::vector<Column>& columns) {
    std::string out;
    out.reserve(64 + order.size() * columns.size() * 16);
    auto line = [&](auto&& text_of) {
        for (std::size_t k = 0; k < columns.size(); ++k) {
            if (k) out += ',';
            out += csv_field(text_of(columns[k]));
        }
        out += "\r\n";
    };
    line([](Column c) { return column_title(c); });
    for (const std::uint32_t i : order) {
        if (i >= rows.size()) continue;
        line([&](Column c) -> std::string_view { return rows[i].cell(c); });
    }
    return out;
}

// ---- URL hash ----------------------------------------------------------------------------

std::string encode_view_hash(const TableView& v) {
    std::string out;
    auto part = [&out](std::string_view key) {
        if (!out.empty()) out += '&';
        out += key;
        out += '=';
    };
    if (!v.search.empty()) {
        part("q");
        percent_encode(out, v.search);
    }
    for (const auto& f : v.filters) {
        if (!f.values.empty()) {
            part("f");
            out += column_key(f.column);
            out += ':';
            for (std::size_t i = 0; i < f.values.size(); ++i) {
                if (i) out += '|';
                percent_encode(out, f.values[i]);
            }
        }
        // An empty filter (just added, nothing chosen yet) is kept as an empty text filter so
        // that the round trip gives back the same chips.
        if (!f.text.empty() || f.values.empty()) {
            part("t");
            out += column_key(f.column);
            out += ':';
            percent_encode(out, f.text);
        }
    }
    if (!v.sort.empty()) {
        part("s");
        for (std::size_t i = 0; i < v.sort.size(); ++i) {
            if (i) out += ',';
            if (v.sort[i].descending) out += '-';
            out += column_key(v.sort[i].column);
        }
    }
    if (v.usable_at) {
        const ScopeRef& u = *v.usable_at;
        part("u");
        out += scope_api_name(u.type);
        if (u.type == ScopeType::Cluster && u.cluster_id) {
            out += ':';
            percent_encode(out, u.cluster_id->value);
        } else if (u.type == ScopeType::Department && u.department_id) {
            out += ':';
            percent_encode(out, u.department_id->value);
        } else if (u.type == ScopeType::Project && u.project_id) {
            out += ':' + std::to_string(u.project_id->value);
        }
    }
    if (v.visible != TableView::all_columns_visible()) {
        part("c");
        bool first = true;
        for (const Column c : kAllColumns) {
            if (!v.is_visible(c)) continue;
            if (!first) out += ',';
            first = false;
            out += column_key(c);
        }
    }
    return out;
}

TableView decode_view_hash(std::string_view hash) {
    TableView v;
    if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
    // Filters are merged per column ("f" gives the checklist, "t" the text), keeping the
    // order in which columns first appear.
    auto filter_for = [&v](Column c) -> ColumnFilter& {
        for (auto& f : v.filters)
            if (f.column == c) return f;
        v.filters.push_back(ColumnFilter{c, {}, {}});
        return v.filters.back();
    };
    for (const std::string_view item : split_by_char(hash, '&')) {
        const std::size_t eq = item.find('=');
        if (eq == std::string_view::npos) continue;
        const std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
        if (key == "q") {
            v.search = percent_decode(value);
        } else if (key == "f" || key == "t") {
            const std::size_t colon = value.find(':');
            if (colon == std::string_view::npos) continue;
            const auto column = column_from_key(value.substr(0, colon));
            if (!column) continue;
            ColumnFilter& f = filter_for(*column);
            const std::string_view rest = value.substr(colon + 1);
            if (key == "t")
                f.text = percent_decode(rest);
            else
                for (const std::string_view s : split_by_char(rest, '|')) f.values.push_back(percent_decode(s));
        } else if (key == "s") {
            v.sort.clear();
            for (std::string_view s : split_by_char(value, ',')) {
                const bool desc = !s.empty() && s.front() == '-';
                if (desc) s.remove_prefix(1);
                if (const auto column = column_from_key(s)) v.sort.push_back(SortKey{*column, desc});
            }
        } else if (key == "u") {
            v.usable_at = decode_scope_node(value);
        } else if (key == "c") {
            std::array<bool, kColumnCount> visible{};
            bool any = false;
            for (const std::string_view s : split_by_char(value, ',')) {
                if (const auto column = column_from_key(s)) {
                    visible[static_cast<std::size_t>(*column)] = true;
                    any = true;
                }
            }
            // A table without columns is unusable: show them all instead.
            v.visible = any ? visible : TableView::all_columns_visible();
        }
    }
    return v;
}

}  // namespace cc
