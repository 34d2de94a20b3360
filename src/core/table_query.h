// Querying the Credentials table: what a user sees of it (TableView: search, column filters,
// multi-key sort, visible columns, "usable at" a scope node), the rows that view shows, and the
// values offered by a column's filter checklist. Pure functions: the app recomputes the view
// only when the rows, the query or the sort change. The view's URL-hash form is in
// table_view_hash.h, CSV export in table_csv.h.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.h"

namespace cc {

// A filter on one column: a checklist (row matches when its cell equals one of `values`)
// for Type, Status, Scope, Cluster and Created by; a case-insensitive substring (`text`)
// for the other columns. Empty `values` and empty `text` each impose nothing, so a filter
// just added (nothing chosen yet) matches every row.
struct ColumnFilter {
    Column column = Column::Credential;
    std::vector<std::string> values;
    std::string text;
};

struct SortKey {
    Column column = Column::Credential;
    bool descending = false;
};

// What a user sees of the table; the URL hash mirrors it.
struct TableView {
    std::string search;
    std::vector<ColumnFilter> filters;  // combined with AND, at most one per column
    std::vector<SortKey> sort;          // primary first; empty: server order
    std::array<bool, kColumnCount> visible = all_columns_visible();
    // Only the credentials usable at this scope node: defined there or at one of its
    // ancestors (OrgTree::inherits). Kept as the node's own level and id (scope_node_only).
    std::optional<ScopeRef> usable_at;

    static constexpr std::array<bool, kColumnCount> all_columns_visible() {
        std::array<bool, kColumnCount> v{};
        for (auto& b : v) b = true;
        return v;
    }
    bool is_visible(Column c) const { return visible[static_cast<std::size_t>(c)]; }
    bool operator==(const TableView& o) const;
};

bool column_has_checklist(Column c);

bool row_matches_filter(const CredentialRow& row, const ColumnFilter& f);
// Search ignores the case of ASCII and Latin-1 letters (case_fold.h) and looks at the visible
// columns only.
bool row_matches_search(const CredentialRow& row, std::string_view search,
                        const std::array<bool, kColumnCount>& visible);
// The same with a search text already folded (fold_case), for a loop over many rows.
bool row_matches_folded_search(const CredentialRow& row, std::string_view folded_search,
                               const std::array<bool, kColumnCount>& visible);

// Indices into `rows` of the rows that pass search and filters, in sort order (stable: ties
// keep server order). Creation time sorts by instant (the RFC 3339 value, read leniently;
// unreadable values first), other columns in natural order (natural_order.h).
// `usable_at` needs the org to know the node's ancestors (the rows' scopes are normalized by
// make_row); without it only credentials defined at the node itself or the account match.
std::vector<std::uint32_t> compute_view(const std::vector<CredentialRow>& rows, const TableView& view,
                                        const OrgTree* org = nullptr);

// Appends to `out` the indices of rows[from..] that pass the view's search, filters and
// usable-at, in row order (compute_view without the sort).
void append_rows_in_view(std::vector<std::uint32_t>& out, const std::vector<CredentialRow>& rows, std::size_t from,
                         const TableView& view, const OrgTree* org = nullptr);
// Whether one row passes the view's search, filters and usable-at: compute_view's test.
bool row_in_view(const CredentialRow& row, const TableView& view, const OrgTree* org = nullptr);
// Where row `row` goes among `members` (rows of a view, in compute_view's order by `sort`): the
// place that keeps that order, after the members with equal keys that come before it in
// server order.
std::size_t view_position(const std::vector<CredentialRow>& rows, const std::vector<std::uint32_t>& members,
                          std::uint32_t row, const std::vector<SortKey>& sort);

// Appends the sort key of a row's column: memcmp order of keys is the column's sort order
// (natural order; creation time by instant, unreadable times first). Keys are prefix-free.
void append_sort_key(std::string& out, const CredentialRow& row, Column c);

// The distinct non-empty values of a column, naturally sorted, for a filter checklist.
std::vector<std::string> distinct_values(const std::vector<CredentialRow>& rows, Column c);

// Stable short names of columns for URLs and storage ("credential", "kubernetes-name", ...).
std::string_view column_key(Column c);
std::optional<Column> column_from_key(std::string_view key);

}  // namespace cc
