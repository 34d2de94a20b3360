// The per-column sort index and the incremental view: whatever path computes the rows a view
// shows (a walk over a column's order, ranks for several keys, the previous result re-sorted or
// narrowed), the user sees the same rows in the same order as a full query gives.
#include "core/sort_index.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace cc;

namespace {

struct Lcg {
    std::uint64_t s;
    std::uint32_t below(std::uint32_t n) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(s >> 33) % n;
    }
};

// Rows with many equal keys (names, types, statuses, times repeat), so ties are exercised.
std::vector<CredentialRow> random_rows(std::size_t n, std::uint64_t seed) {
    const char* types[] = {"Access key", "Docker registry", "Generic secret", "NGC API key"};
    const char* statuses[] = {"No issues found", "Creating…", "Issues found", "Failed"};
    Lcg rng{seed};
    std::vector<CredentialRow> rows(n);
    for (std::size_t i = 0; i < n; ++i) {
        CredentialRow& r = rows[i];
        r.id = CredentialId{"id-" + std::to_string(i)};
        r.set(Column::Credential, "cred-" + std::to_string(rng.below(40)));
        r.set(Column::Type, types[rng.below(4)]);
        r.set(Column::Status, statuses[rng.below(4)]);
        r.set(Column::Description, rng.below(3) ? "Team " + std::to_string(rng.below(9)) : "");
        r.set_created_at_iso(rng.below(10) ? "2026-0" + std::to_string(1 + rng.below(9)) + "-01T00:00:00Z"
                                           : "not a time");
        r.set(Column::CreationTime, r.created_at_iso());
    }
    return rows;
}

std::vector<std::uint32_t> all_rows(std::size_t n) {
    std::vector<std::uint32_t> v(n);
    for (std::uint32_t i = 0; i < n; ++i) v[i] = i;
    return v;
}

}  // namespace

TEST_CASE("sorting with the index gives the order of a full query, ties in server order") {
    const auto rows = random_rows(500, 7);
    SortIndex index;
    const std::vector<std::vector<SortKey>> sorts = {
        {{Column::Credential, false}},
        {{Column::Credential, true}},
        {{Column::CreationTime, false}},
        {{Column::CreationTime, true}},
        {{Column::Type, false}, {Column::Credential, true}},
        {{Column::Status, true}, {Column::CreationTime, false}, {Column::Description, false}},
    };
    for (const auto& sort : sorts) {
        TableView v;
        v.sort = sort;
        CHECK(sort_with_index(rows, all_rows(rows.size()), sort, index) == compute_view(rows, v));
    }
    CHECK(index.has(Column::Credential));
    CHECK_FALSE(index.has(Column::Cluster));  // built only when asked
}

TEST_CASE("a column's order ranks equal keys equally and the rest strictly") {
    std::vector<CredentialRow> rows(4);
    const char* names[] = {"b", "a10", "a2", "b"};
    for (std::size_t i = 0; i < 4; ++i) rows[i].set(Column::Credential, names[i]);
    const ColumnOrder col = build_column_order(rows, Column::Credential);
    CHECK(col.order == std::vector<std::uint32_t>{2, 1, 0, 3});  // natural order: a2 < a10 < b = b
    CHECK(col.rank == std::vector<std::uint32_t>{2, 1, 0, 2});
}

TEST_CASE("the index says which column to build next, the sorted ones first") {
    const auto rows = random_rows(10, 1);
    SortIndex index;
    CHECK(index.next_to_build({{Column::Status, false}}) == Column::Status);
    index.column(rows, Column::Status);
    CHECK(index.next_to_build({{Column::Status, false}}) == Column::Credential);
    for (const Column c : kAllColumns) index.column(rows, c);
    CHECK_FALSE(index.next_to_build({}).has_value());
    index.clear();
    CHECK_FALSE(index.has(Column::Status));
}

TEST_CASE("an incremental view equals a full query: re-sorts, longer searches, and changes it cannot reuse") {
    const auto rows = random_rows(800, 11);
    SortIndex index;
    TableView previous;
    std::vector<std::uint32_t> shown = compute_view(rows, previous);

    auto step = [&](const TableView& next) {
        const auto incremental = compute_view_from(rows, next, nullptr, index, previous, shown);
        REQUIRE(incremental == compute_view(rows, next));
        previous = next;
        shown = incremental;
    };
    TableView v;
    v.sort = {{Column::Credential, false}};
    step(v);  // sort only
    v.search = "c";
    step(v);  // narrower
    v.search = "cred-1";
    step(v);  // narrower again
    v.sort = {{Column::CreationTime, true}};
    step(v);  // sort only, on a narrowed set
    v.search = "CRED-13";
    step(v);  // narrower, case folded
    v.search = "cred-2";
    step(v);  // a different search: full
    v.filters = {ColumnFilter{Column::Type, {"Access key"}, {}}};
    step(v);  // a filter: full
    v.search = "";
    step(v);  // wider: full
    v.visible[static_cast<std::size_t>(Column::Description)] = false;
    v.search = "team";
    step(v);  // search over fewer columns
    v.sort.clear();
    step(v);  // back to server order
}

TEST_CASE("one changed row put back in its place gives the view of a full query") {
    auto rows = random_rows(600, 23);
    const std::vector<TableView> views = [] {
        std::vector<TableView> out(4);
        out[0].sort = {{Column::Status, false}};
        out[1].sort = {{Column::Type, true}, {Column::Credential, false}};
        out[1].search = "team";
        out[2].filters = {ColumnFilter{Column::Status, {"Failed", "Creating…"}, {}}};
        out[3].sort = {{Column::CreationTime, true}};
        out[3].filters = {ColumnFilter{Column::Credential, {}, "cred-1"}};
        return out;
    }();
    const char* statuses[] = {"No issues found", "Creating…", "Issues found", "Failed"};
    Lcg rng{5};
    for (const auto& view : views) {
        std::vector<std::uint32_t> shown = compute_view(rows, view);
        for (int change = 0; change < 60; ++change) {
            const std::uint32_t at = rng.below(static_cast<std::uint32_t>(rows.size()));
            rows[at].set(Column::Status, statuses[rng.below(4)]);
            rows[at].set(Column::Description, rng.below(2) ? "Team " + std::to_string(rng.below(9)) : "");
            rows[at].set(Column::Credential, "cred-" + std::to_string(rng.below(40)));
            if (const auto it = std::find(shown.begin(), shown.end(), at); it != shown.end()) shown.erase(it);
            if (row_in_view(rows[at], view))
                shown.insert(shown.begin() + static_cast<std::ptrdiff_t>(view_position(rows, shown, at, view.sort)),
                             at);
            REQUIRE(shown == compute_view(rows, view));
        }
    }
}

TEST_CASE("a column's order after one row changed equals the order built anew") {
    auto rows = random_rows(400, 31);
    const char* statuses[] = {"No issues found", "Creating…", "Issues found", "Failed", "Unknown"};
    Lcg rng{9};
    for (const Column c : {Column::Status, Column::Credential, Column::Description, Column::CreationTime}) {
        ColumnOrder col = build_column_order(rows, c);
        for (int change = 0; change < 80; ++change) {
            const std::uint32_t at = rng.below(static_cast<std::uint32_t>(rows.size()));
            if (c == Column::Status) rows[at].set(c, statuses[rng.below(5)]);
            if (c == Column::Credential) rows[at].set(c, "cred-" + std::to_string(rng.below(60)));
            if (c == Column::Description) rows[at].set(c, rng.below(3) ? "Team " + std::to_string(rng.below(12)) : "");
            if (c == Column::CreationTime) {
                rows[at].set_created_at_iso("2026-0" + std::to_string(1 + rng.below(9)) + "-02T00:00:00Z");
                rows[at].set(c, rows[at].created_at_iso());
            }
            update_column_order(col, rows, c, at);
            const ColumnOrder fresh = build_column_order(rows, c);
            REQUIRE(col.order == fresh.order);
            REQUIRE(col.rank == fresh.rank);
        }
    }
}
