// Querying the Credentials table: search, column filters and multi-key sort over the
// precomputed rows, the values offered by a column's filter checklist, CSV export of the
// visible rows and columns, and the URL-hash form of a view (deep links). Pure functions:
// the app recomputes the view only when the rows, the query or the sort change.
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

// Case-insensitive (ASCII and Latin-1 letters) natural order: "cred-2" < "cred-10".
// Returns <0, 0, >0. A total order: strings equal to a reader ("a01"/"a1", "Cred"/"cred")
// are then ordered shorter first, then by bytes, so only identical strings compare 0.
int natural_compare(std::string_view a, std::string_view b);
bool contains_case_insensitive(std::string_view haystack, std::string_view needle);

bool row_matches_filter(const CredentialRow& row, const ColumnFilter& f);
// Search looks at the visible columns only.
bool row_matches_search(const CredentialRow& row, std::string_view search, const std::array<bool, kColumnCount>& visible);

// Indices into `rows` of the rows that pass search and filters, in sort order (stable: ties
// keep server order). Creation time sorts by time (the ISO value), names naturally.
// `usable_at` needs the org to know the node's ancestors (the rows' scopes are normalized by
// make_row); without it only credentials defined at the node itself or the account match.
std::vector<std::uint32_t> compute_view(const std::vector<CredentialRow>& rows, const TableView& view,
                                        const OrgTree* org = nullptr);

// The distinct non-empty values of a column, naturally sorted, for a filter checklist.
std::vector<std::string> distinct_values(const std::vector<CredentialRow>& rows, Column c);

// RFC 4180 CSV: header line of the given columns' titles, then one line per row in `order`;
// fields quoted when they hold a comma, quote, CR or LF (quotes doubled); lines end CRLF; no
// BOM. Against CSV/formula injection, a field starting with '=', '+', '-', '@', TAB or CR gets
// a leading ' so spreadsheets show it as text ("=1+1" -> "'=1+1"); a lone "-" (no status)
// and plain numbers ("-5", "+3.25") cannot run anything and are left as they are.
std::string to_csv(const std::vector<CredentialRow>& rows, const std::vector<std::uint32_t>& order,
                   const std::vector<Column>& columns);
std::string csv_field(std::string_view s);

// URL hash (without '#'): "q=<search>&f=<column>:<v1>|<v2>&t=<column>:<text>&s=<column>,-<column>&c=<column>,..."
// and "u=<level>:<id>" for usable_at ("u=project:12", "u=cluster:<uuid>", "u=tenant").
// Values are percent-encoded (everything but A-Z a-z 0-9 - . _ ~, UTF-8 bytes as %XX); `c`
// lists the visible columns, only when some column is hidden; a filter with neither values
// nor text is written "t=<column>:". Decoding is lenient: a leading '#' is skipped, unknown or
// malformed parts ignored, broken escapes kept literally, invalid UTF-8 replaced by U+FFFD,
// "f"/"t" parts of one column merged into one filter, no visible column means all visible, so
// any hash yields a usable view. decode(encode(v)) == v for every view the UI can make (at
// most one filter per column, at least one visible column).
std::string encode_view_hash(const TableView& v);
TableView decode_view_hash(std::string_view hash);

// Stable short names of columns for URLs and storage ("credential", "kubernetes-name", ...).
std::string_view column_key(Column c);
std::optional<Column> column_from_key(std::string_view key);

}  // namespace cc
