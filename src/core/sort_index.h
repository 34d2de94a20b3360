// An index per column of the table: every row's position in that column's sort order, built
// once per column after the rows change (not once per sort). With it, sorting the rows a view
// shows by one column is a walk over the column's order, and sorting by several columns
// compares small integers instead of texts.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/table.h"
#include "core/table_query.h"

namespace cc {

struct ColumnOrder {
    std::vector<std::uint32_t> order;  // row indices, ascending; equal keys in row (server) order
    std::vector<std::uint32_t> rank;   // row index -> its key's rank (equal keys, equal rank)
};

// Builds the order of one column: natural order (natural_order.h), creation time by instant.
ColumnOrder build_column_order(const std::vector<CredentialRow>& rows, Column c);

// The order after one row's text in the column changed: the row moves to its new place, and
// the ranks are numbered again (linear in the rows, with two key comparisons; a rebuild sorts).
void update_column_order(ColumnOrder& col, const std::vector<CredentialRow>& rows, Column c, std::uint32_t row);

class SortIndex {
public:
    // Forgets every column: the rows changed.
    void clear();
    // Row `row`'s text in column `c` changed: its order, when built, follows (update_column_order).
    void update_row(const std::vector<CredentialRow>& rows, Column c, std::uint32_t row);
    bool has(Column c) const { return built_[static_cast<std::size_t>(c)]; }
    // The column's order, built now when it is not there yet.
    const ColumnOrder& column(const std::vector<CredentialRow>& rows, Column c);
    // The first column not built yet, taking `preferred` first; nullopt when all are built.
    std::optional<Column> next_to_build(const std::vector<SortKey>& preferred) const;

private:
    std::array<ColumnOrder, kColumnCount> columns_;
    std::array<bool, kColumnCount> built_{};
};

// `members` (row indices in ascending order, each once) ordered by `sort` with the index; rows
// with equal keys keep their order. The same order as compute_view's sort.
std::vector<std::uint32_t> sort_with_index(const std::vector<CredentialRow>& rows, std::vector<std::uint32_t> members,
                                           const std::vector<SortKey>& sort, SortIndex& index);

// What compute_view(rows, view, org) answers, computed from the previous answer when it can
// be: `previous` is the view last computed and `previous_rows` its rows. When only the sort
// changed, the previous rows are sorted again; when the search only grew (its folded text
// contains the previous one) and nothing else changed, the previous rows are filtered further
// (a longer query can only match fewer rows). Otherwise every row is checked. Sorting uses the
// index.
std::vector<std::uint32_t> compute_view_from(const std::vector<CredentialRow>& rows, const TableView& view,
                                             const OrgTree* org, SortIndex& index, const TableView& previous,
                                             const std::vector<std::uint32_t>& previous_rows);

}  // namespace cc
