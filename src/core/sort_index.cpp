#include "core/sort_index.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <string>

#include "core/case_fold.h"

namespace cc {

ColumnOrder build_column_order(const std::vector<CredentialRow>& rows, Column c) {
    // One buffer of keys, compared with memcmp (as compute_view's sort does for one query).
    std::string keys;
    keys.reserve(rows.size() * 24);
    std::vector<std::uint32_t> offsets;
    offsets.reserve(rows.size() + 1);
    for (const auto& row : rows) {
        offsets.push_back(static_cast<std::uint32_t>(keys.size()));
        append_sort_key(keys, row, c);
    }
    offsets.push_back(static_cast<std::uint32_t>(keys.size()));
    auto compare = [&](std::uint32_t a, std::uint32_t b) {
        const std::uint32_t la = offsets[a + 1] - offsets[a], lb = offsets[b + 1] - offsets[b];
        const int r = std::memcmp(keys.data() + offsets[a], keys.data() + offsets[b], std::min(la, lb));
        return r != 0 ? r : (la < lb ? -1 : la > lb ? 1 : 0);
    };

    ColumnOrder out;
    out.order.resize(rows.size());
    std::iota(out.order.begin(), out.order.end(), 0u);
    std::stable_sort(out.order.begin(), out.order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return compare(a, b) < 0; });
    out.rank.resize(rows.size());
    std::uint32_t rank = 0;
    for (std::size_t p = 0; p < out.order.size(); ++p) {
        if (p > 0 && compare(out.order[p - 1], out.order[p]) != 0) ++rank;
        out.rank[out.order[p]] = rank;
    }
    return out;
}

void SortIndex::clear() {
    for (auto& c : columns_) c = ColumnOrder{};
    built_.fill(false);
}

void update_column_order(ColumnOrder& col, const std::vector<CredentialRow>& rows, Column c, std::uint32_t row) {
    auto key_of = [&](std::uint32_t r) {
        std::string k;
        append_sort_key(k, rows[r], c);
        return k;
    };
    const std::string key = key_of(row);
    std::vector<std::uint32_t>& order = col.order;
    order.erase(std::find(order.begin(), order.end(), row));
    // Its place: after the smaller keys, and after the equal keys of earlier rows.
    order.insert(order.begin() + static_cast<std::ptrdiff_t>(view_position(rows, order, row, {SortKey{c, false}})),
                 row);
    // The ranks again: two other rows side by side are equal as their old ranks say (their keys
    // did not change); next to the row, the keys are compared.
    std::vector<std::uint32_t> rank(order.size());
    std::uint32_t r = 0;
    for (std::size_t p = 0; p < order.size(); ++p) {
        if (p > 0) {
            const std::uint32_t a = order[p - 1], b = order[p];
            const bool equal = (a == row || b == row) ? key_of(a) == key_of(b) : col.rank[a] == col.rank[b];
            if (!equal) ++r;
        }
        rank[order[p]] = r;
    }
    col.rank = std::move(rank);
}

void SortIndex::update_row(const std::vector<CredentialRow>& rows, Column c, std::uint32_t row) {
    const auto i = static_cast<std::size_t>(c);
    if (built_[i]) update_column_order(columns_[i], rows, c, row);
}

const ColumnOrder& SortIndex::column(const std::vector<CredentialRow>& rows, Column c) {
    const auto i = static_cast<std::size_t>(c);
    if (!built_[i]) {
        columns_[i] = build_column_order(rows, c);
        built_[i] = true;
    }
    return columns_[i];
}

std::optional<Column> SortIndex::next_to_build(const std::vector<SortKey>& preferred) const {
    for (const auto& k : preferred)
        if (!has(k.column)) return k.column;
    for (const Column c : kAllColumns)
        if (!has(c)) return c;
    return std::nullopt;
}

namespace {

// One key: a walk over the column's order keeping the members. Descending walks the groups of
// equal keys from the last to the first, each group in row order (ties keep their order).
std::vector<std::uint32_t> walk(const ColumnOrder& col, const std::vector<std::uint32_t>& members, bool descending,
                                std::size_t row_count) {
    std::vector<char> in(row_count, 0);
    for (const std::uint32_t m : members) in[m] = 1;
    std::vector<std::uint32_t> out;
    out.reserve(members.size());
    if (!descending) {
        for (const std::uint32_t r : col.order)
            if (in[r]) out.push_back(r);
        return out;
    }
    std::size_t end = col.order.size();
    while (end > 0) {
        std::size_t begin = end - 1;
        const std::uint32_t rank = col.rank[col.order[begin]];
        while (begin > 0 && col.rank[col.order[begin - 1]] == rank) --begin;
        for (std::size_t p = begin; p < end; ++p)
            if (in[col.order[p]]) out.push_back(col.order[p]);
        end = begin;
    }
    return out;
}

}  // namespace

std::vector<std::uint32_t> sort_with_index(const std::vector<CredentialRow>& rows, std::vector<std::uint32_t> members,
                                           const std::vector<SortKey>& sort, SortIndex& index) {
    if (sort.empty() || members.size() < 2) return members;
    if (sort.size() == 1) return walk(index.column(rows, sort[0].column), members, sort[0].descending, rows.size());
    std::vector<const ColumnOrder*> cols;
    for (const auto& k : sort) cols.push_back(&index.column(rows, k.column));
    std::stable_sort(members.begin(), members.end(), [&](std::uint32_t a, std::uint32_t b) {
        for (std::size_t k = 0; k < sort.size(); ++k) {
            const std::uint32_t ra = cols[k]->rank[a], rb = cols[k]->rank[b];
            if (ra != rb) return sort[k].descending ? ra > rb : ra < rb;
        }
        return false;
    });
    return members;
}

namespace {

// The views show the same rows (in any order): they differ at most in their sort.
bool same_rows(const TableView& a, const TableView& b) {
    TableView x = a;
    x.sort = b.sort;
    return x == b;
}

// `b` shows a subset of `a`'s rows: they differ at most in their sort and in a search that grew.
bool narrower_search(const TableView& a, const TableView& b, const std::string& folded_b) {
    TableView x = a;
    x.sort = b.sort;
    x.search = b.search;
    return x == b && folded_b.find(fold_case(a.search)) != std::string::npos;
}

bool same_sort(const std::vector<SortKey>& a, const std::vector<SortKey>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].column != b[i].column || a[i].descending != b[i].descending) return false;
    return true;
}

}  // namespace

std::vector<std::uint32_t> compute_view_from(const std::vector<CredentialRow>& rows, const TableView& view,
                                             const OrgTree* org, SortIndex& index, const TableView& previous,
                                             const std::vector<std::uint32_t>& previous_rows) {
    const std::string folded = fold_case(view.search);
    std::vector<std::uint32_t> members;
    bool in_order = false;  // members already in the view's order
    if (same_rows(previous, view)) {
        members = previous_rows;
        in_order = same_sort(previous.sort, view.sort);
    } else if (narrower_search(previous, view, folded)) {
        members.reserve(previous_rows.size());
        for (const std::uint32_t i : previous_rows)
            if (row_matches_folded_search(rows[i], folded, view.visible)) members.push_back(i);
        in_order = same_sort(previous.sort, view.sort);
    } else {
        TableView unsorted = view;
        unsorted.sort.clear();
        members = compute_view(rows, unsorted, org);  // row order
        return sort_with_index(rows, std::move(members), view.sort, index);
    }
    if (in_order) return members;
    // One key walks the column's order and only asks which rows are members; more keys (and
    // none) need them in row order, which breaks their ties.
    if (view.sort.size() != 1) std::sort(members.begin(), members.end());
    return sort_with_index(rows, std::move(members), view.sort, index);
}

}  // namespace cc
