// Search, column filters, "usable at" and multi-key sort over the table's rows, and the values
// of a column's filter checklist. Runs in WebAssembly over up to 100,000 rows on every
// keystroke, so the hot paths fold case byte by byte in place (case_fold.h: no locale, no
// regex, no per-comparison allocation) and the sort compares byte keys built once per call
// (natural_order.h; creation times parsed once per row).
#include "core/table_query.h"

#include <algorithm>
#include <cstring>

#include "core/case_fold.h"
#include "core/natural_order.h"
#include "core/time_text.h"

namespace cc {
namespace {

// ---- sort keys ---------------------------------------------------------------------------

// The low `bytes` bytes of `v`, most significant first.
void append_big_endian(std::string& out, std::uint64_t v, int bytes) {
    for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

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
    append_big_endian(out, static_cast<std::uint64_t>(t->seconds) ^ (1ULL << 63), 8);
    append_big_endian(out, static_cast<std::uint64_t>(t->nanos), 4);
}

// One row's sort keys in one byte string: memcmp order is the view's order.
void append_combined_key(std::string& keys, const CredentialRow& row, const std::vector<SortKey>& sort) {
    for (const auto& k : sort) {
        const std::size_t from = keys.size();
        append_sort_key(keys, row, k.column);
        // The key encodings are prefix-free, so complementing the bytes reverses the order.
        if (k.descending)
            for (std::size_t p = from; p < keys.size(); ++p) keys[p] = static_cast<char>(~keys[p]);
    }
}

// `indices` (into `rows`) ordered by `sort`; rows with equal keys keep their order.
std::vector<std::uint32_t> sorted_by(const std::vector<CredentialRow>& rows, const std::vector<std::uint32_t>& indices,
                                     const std::vector<SortKey>& sort) {
    // Each visible row gets one byte string holding all its sort keys (built once per call);
    // the sort then compares rows with a single memcmp over a compact buffer instead of
    // walking 500-byte rows scattered in memory.
    std::string keys;
    keys.reserve(indices.size() * 24 * sort.size());
    std::vector<std::uint32_t> offsets;
    offsets.reserve(indices.size() + 1);
    for (const std::uint32_t i : indices) {
        offsets.push_back(static_cast<std::uint32_t>(keys.size()));
        append_combined_key(keys, rows[i], sort);
    }
    offsets.push_back(static_cast<std::uint32_t>(keys.size()));

    // The first 8 key bytes as a big-endian integer decide most comparisons without memcmp.
    const char* base = keys.data();
    std::vector<std::uint64_t> heads(indices.size());
    for (std::size_t p = 0; p < indices.size(); ++p) {
        std::uint64_t h = 0;
        const std::uint32_t len = offsets[p + 1] - offsets[p];
        for (std::uint32_t k = 0; k < 8; ++k)
            h = (h << 8) | (k < len ? static_cast<unsigned char>(base[offsets[p] + k]) : 0u);
        heads[p] = h;
    }
    std::vector<std::uint32_t> pos(indices.size());
    for (std::uint32_t p = 0; p < pos.size(); ++p) pos[p] = p;
    std::stable_sort(pos.begin(), pos.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (heads[a] != heads[b]) return heads[a] < heads[b];
        // Same head: as keys are prefix-free, a key of 8 bytes or fewer equals the other.
        const std::uint32_t la = offsets[a + 1] - offsets[a], lb = offsets[b + 1] - offsets[b];
        if (la <= 8 || lb <= 8) return false;
        const int r = std::memcmp(base + offsets[a] + 8, base + offsets[b] + 8, std::min(la, lb) - 8);
        return r != 0 ? r < 0 : la < lb;  // equal keys: false both ways, server order kept
    });
    std::vector<std::uint32_t> sorted(indices.size());
    for (std::size_t p = 0; p < pos.size(); ++p) sorted[p] = indices[pos[p]];
    return sorted;
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
    p.text = fold_case(f.text);
    return p;
}

bool matches(const CredentialRow& row, const PreparedFilter& f) {
    const std::string_view cell = row.cell(static_cast<Column>(f.column));
    if (f.check_values) {
        const std::string_view c(cell);
        const bool hit = f.sorted ? std::binary_search(f.values.begin(), f.values.end(), c)
                                  : std::find(f.values.begin(), f.values.end(), c) != f.values.end();
        if (!hit) return false;
    }
    return contains_folded(cell, f.text);
}

// A search text (folded) over the visible columns, with what a loop over rows needs once.
struct PreparedSearch {
    std::string_view folded;
    const std::array<bool, kColumnCount>& visible;
    // Every column shown and no '\0' in the text: one pass over a row's stored texts finds
    // what a pass per column finds (a match cannot cross the '\0' between two texts).
    bool one_pass = std::all_of(visible.begin(), visible.end(), [](bool v) { return v; }) &&
                    folded.find('\0') == std::string_view::npos;
    // The needle's bytes: a row whose stored texts lack one cannot match in them. For one
    // printable ASCII byte the row's byte set is the whole answer for its stored texts.
    SearchBytes bytes = search_bytes_of(folded);
    bool one_byte = folded.size() == 1 && static_cast<unsigned char>(folded[0]) >= 32 &&
                    static_cast<unsigned char>(folded[0]) < 128;
};

bool is_label_column(std::size_t c) {
    return c == static_cast<std::size_t>(Column::Type) || c == static_cast<std::size_t>(Column::Status);
}

bool search_matches(const CredentialRow& row, const PreparedSearch& search) {
    const std::string_view folded = search.folded;
    const std::array<bool, kColumnCount>& visible = search.visible;
    if (folded.empty()) return true;
    // Type and Status are usually labels that are not stored (so not in the byte set either).
    const bool in_stored = search_bytes_cover(row.stored_bytes(), search.bytes);
    if (search.one_pass) {
        if (in_stored && (search.one_byte || contains_folded(row.stored_columns(), folded))) return true;
        return contains_folded(row.cell(Column::Type), folded) || contains_folded(row.cell(Column::Status), folded);
    }
    for (std::size_t c = 0; c < kColumnCount; ++c) {
        if (!visible[c] || (!in_stored && !is_label_column(c))) continue;
        if (contains_folded(row.cell(static_cast<Column>(c)), folded)) return true;
    }
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

// The view's search, filters and usable-at, prepared once for a loop over rows.
struct PreparedView {
    PreparedView(const TableView& view, const OrgTree* org)
        : needle(fold_case(view.search)),
          search{needle, view.visible},
          usable_at(prepare_usable_at(view.usable_at, org)) {
        filters.reserve(view.filters.size());
        for (const auto& f : view.filters) filters.push_back(prepare(f));
    }
    PreparedView(const PreparedView&) = delete;  // `search` points into `needle`
    PreparedView& operator=(const PreparedView&) = delete;
    bool passes(const CredentialRow& row) const {
        if (row.personal || !usable(row, usable_at)) return false;
        for (const auto& f : filters)
            if (!matches(row, f)) return false;
        return search_matches(row, search);
    }

    std::string needle;
    PreparedSearch search;
    PreparedUsableAt usable_at;
    std::vector<PreparedFilter> filters;
};

}  // namespace

void append_sort_key(std::string& out, const CredentialRow& row, Column c) {
    // Statuses sort by the attention they need (Failed first), not by their labels' letters. A
    // row given a status text of its own (no status value) sorts by that text.
    if (c == Column::Status && (row.status || row.cell(c) == "-"))
        out.push_back(static_cast<char>('0' + status_rank(row.status)));
    else if (c == Column::CreationTime)
        append_time_key(out, row.created_at_iso());
    else
        append_natural_key(out, row.cell(c));
}

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

bool row_matches_filter(const CredentialRow& row, const ColumnFilter& f) {
    return matches(row, prepare(f));
}

bool row_matches_search(const CredentialRow& row, std::string_view search,
                        const std::array<bool, kColumnCount>& visible) {
    const std::string folded = fold_case(search);
    return search_matches(row, PreparedSearch{folded, visible});
}

bool row_matches_folded_search(const CredentialRow& row, std::string_view folded_search,
                               const std::array<bool, kColumnCount>& visible) {
    return search_matches(row, PreparedSearch{folded_search, visible});
}

std::vector<std::uint32_t> compute_view(const std::vector<CredentialRow>& rows, const TableView& view,
                                        const OrgTree* org) {
    std::vector<std::uint32_t> out;
    out.reserve(rows.size());
    append_rows_in_view(out, rows, 0, view, org);
    if (view.sort.empty() || out.size() < 2) return out;
    return sorted_by(rows, out, view.sort);
}

void append_rows_in_view(std::vector<std::uint32_t>& out, const std::vector<CredentialRow>& rows, std::size_t from,
                         const TableView& view, const OrgTree* org) {
    const PreparedView prepared(view, org);
    for (std::size_t i = from; i < rows.size(); ++i)
        if (prepared.passes(rows[i])) out.push_back(static_cast<std::uint32_t>(i));
}

bool row_in_view(const CredentialRow& row, const TableView& view, const OrgTree* org) {
    return PreparedView(view, org).passes(row);
}

std::size_t view_position(const std::vector<CredentialRow>& rows, const std::vector<std::uint32_t>& members,
                          std::uint32_t row, const std::vector<SortKey>& sort) {
    std::string key;
    append_combined_key(key, rows[row], sort);
    std::string other;
    const auto after = std::partition_point(members.begin(), members.end(), [&](std::uint32_t m) {
        other.clear();
        append_combined_key(other, rows[m], sort);
        const int r = other.compare(key);  // char_traits<char> compares bytes as unsigned: memcmp order
        return r < 0 || (r == 0 && m < row);
    });
    return static_cast<std::size_t>(after - members.begin());
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

}  // namespace cc
