// The table view: search, filters, sort, visible columns, selection and CSV export. Every
// change of the view recomputes the rows shown and is mirrored in the URL hash; visible
// columns are also kept as a browser preference.
#include <algorithm>

#include "app/update_internal.h"
#include "core/table_csv.h"
#include "core/table_view_hash.h"
#include "core/time_text.h"

namespace cc::app {
namespace {

std::string visible_columns_setting(const TableView& v) {
    std::string out;
    for (Column c : kAllColumns) {
        if (!v.is_visible(c)) continue;
        if (!out.empty()) out += ',';
        out += column_key(c);
    }
    return out;
}

// After a change made in the page: recompute, and write the URL (coalescing keystrokes).
Effects view_changed(State& s, bool is_search) {
    query_changed(s);
    const bool replace = is_search && s.last_change_was_search;
    s.last_change_was_search = is_search;
    return {WriteUrlHash{encode_view_hash(s.view), replace}};
}

}  // namespace

namespace {

SortIndex& current_sort_index(State& s) {
    if (s.sort_index_rows_revision != s.rows_revision) {
        s.sort_index.clear();
        s.sort_index_rows_revision = s.rows_revision;
    }
    return s.sort_index;
}

}  // namespace

void recompute_view(State& s) {
    SortIndex& index = current_sort_index(s);
    if (s.view_rows_rows_revision == s.rows_revision) {
        s.view_rows = compute_view_from(s.rows, s.view, &s.org, index, s.view_rows_view, s.view_rows);
    } else {
        TableView unsorted = s.view;
        unsorted.sort.clear();
        s.view_rows = sort_with_index(s.rows, compute_view(s.rows, unsorted, &s.org), s.view.sort, index);
    }
    s.view_rows_view = s.view;
    s.view_rows_rows_revision = s.rows_revision;
    ++s.view_revision;
}

void row_replaced_in_place(State& s, std::size_t at, const std::array<bool, kColumnCount>& changed) {
    const auto is_changed = [&](Column c) { return changed[static_cast<std::size_t>(c)]; };
    bool any = false;
    for (const Column c : kAllColumns) any = any || is_changed(c);
    if (!any) return;
    if (s.sort_index_rows_revision == s.rows_revision)
        for (const Column c : kAllColumns)
            if (is_changed(c)) s.sort_index.update_row(s.rows, c, static_cast<std::uint32_t>(at));
    bool reorders = false;  // whether the row may join, leave or move in the view
    for (const Column c : kAllColumns)
        if (is_changed(c) && !s.view.search.empty() && s.view.is_visible(c)) reorders = true;
    for (const auto& k : s.view.sort) reorders = reorders || is_changed(k.column);
    for (const auto& f : s.view.filters) reorders = reorders || is_changed(f.column);
    if (!reorders) {
        ++s.view_revision;  // the same rows in the same order; one of them reads differently
        return;
    }
    // The row leaves the view, joins it, or moves in it: the other rows keep their places.
    const auto row = static_cast<std::uint32_t>(at);
    std::vector<std::uint32_t>& shown = s.view_rows;
    if (const auto it = std::find(shown.begin(), shown.end(), row); it != shown.end()) shown.erase(it);
    if (row_in_view(s.rows[at], s.view, &s.org))
        shown.insert(shown.begin() + static_cast<std::ptrdiff_t>(view_position(s.rows, shown, row, s.view.sort)), row);
    ++s.view_revision;
}

bool has_background_work(const State& s) {
    if (s.phase != LoadPhase::Loaded || s.rows.size() < 2) return false;
    return s.sort_index_rows_revision != s.rows_revision || s.sort_index.next_to_build(s.view.sort).has_value();
}

Effects handle(State& s, BackgroundWorkDue&) {
    if (!has_background_work(s)) return {};
    SortIndex& index = current_sort_index(s);
    if (auto column = index.next_to_build(s.view.sort)) index.column(s.rows, *column);
    return {};
}

void query_changed(State& s) {
    ++s.query_revision;
    recompute_view(s);
}

Effects handle(State& s, SearchChanged& a) {
    if (a.text == s.view.search) return {};
    s.view.search = a.text;
    return view_changed(s, true);
}

Effects handle(State& s, FilterSet& a) {
    auto& filters = s.view.filters;
    auto it = std::find_if(filters.begin(), filters.end(),
                           [&](const ColumnFilter& f) { return f.column == a.filter.column; });
    const bool empty = a.filter.values.empty() && a.filter.text.empty();
    if (it == filters.end()) {
        if (empty) return {};
        filters.push_back(a.filter);
    } else if (empty) {
        filters.erase(it);
    } else {
        *it = a.filter;
    }
    return view_changed(s, false);
}

Effects handle(State& s, FilterRemoved& a) {
    auto& filters = s.view.filters;
    const auto before = filters.size();
    filters.erase(
        std::remove_if(filters.begin(), filters.end(), [&](const ColumnFilter& f) { return f.column == a.column; }),
        filters.end());
    if (filters.size() == before) return {};
    return view_changed(s, false);
}

Effects handle(State& s, FiltersCleared& a) {
    if (s.view.filters.empty() && !s.view.usable_at && (!a.search_too || s.view.search.empty())) return {};
    s.view.filters.clear();
    s.view.usable_at.reset();
    if (a.search_too) s.view.search.clear();
    return view_changed(s, false);
}

Effects handle(State& s, SortClicked& a) {
    auto& keys = s.view.sort;
    auto it = std::find_if(keys.begin(), keys.end(), [&](const SortKey& k) { return k.column == a.column; });
    if (a.additive) {
        if (it == keys.end())
            keys.push_back({a.column, false});
        else if (!it->descending)
            it->descending = true;
        else
            keys.erase(it);
    } else {
        // The primary key cycles ascending -> descending -> none; another column starts over.
        const bool was_only = it != keys.end() && keys.size() == 1;
        if (!was_only)
            keys = {{a.column, false}};
        else if (!it->descending)
            it->descending = true;
        else
            keys.clear();
    }
    return view_changed(s, false);
}

Effects handle(State& s, ColumnVisibilitySet& a) {
    auto& v = s.view.visible[static_cast<std::size_t>(a.column)];
    if (v == a.visible) return {};
    if (!a.visible && std::count(s.view.visible.begin(), s.view.visible.end(), true) == 1) return {};  // one stays
    v = a.visible;
    Effects fx = view_changed(s, false);
    fx.push_back(SaveSetting{kVisibleColumnsSetting, visible_columns_setting(s.view)});
    return fx;
}

Effects handle(State& s, ColumnsReset&) {
    s.view.visible = TableView::all_columns_visible();
    Effects fx = view_changed(s, false);
    fx.push_back(SaveSetting{kVisibleColumnsSetting, {}});
    return fx;
}

namespace {

// A view from outside (the URL, stored preferences) replaces the current one. `echo`: write it
// back to the URL (a view the URL already shows is not written again).
Effects restore_view(State& s, TableView view, bool echo) {
    if (std::count(view.visible.begin(), view.visible.end(), true) == 0)
        view.visible = TableView::all_columns_visible();
    s.view = std::move(view);
    s.last_change_was_search = false;
    query_changed(s);
    if (!echo) return {};
    return {WriteUrlHash{encode_view_hash(s.view), true}};
}

}  // namespace

Effects handle(State& s, UrlHashChanged& a) {
    if (a.page_load && a.hash.empty()) {
        // A page opened without a view in its URL starts from the stored columns, if any, and
        // shows them in the URL.
        if (s.stored_columns.empty()) return {};
        return restore_view(s, decode_view_hash("c=" + s.stored_columns), true);
    }
    if (!a.page_load && a.hash == encode_view_hash(s.view)) return {};  // our own write coming back
    return restore_view(s, decode_view_hash(a.hash), false);
}

Effects handle(State& s, StoredPreferencesLoaded& a) {
    s.stored_columns = std::move(a.visible_columns);  // applied by the page load's UrlHashChanged
    return {};
}

Effects handle(State& s, RowClicked& a) {
    if (!s.row_at(a.id)) return {};
    if (a.range && s.anchor) {
        // The rows between the anchor and the clicked one, as currently shown.
        auto pos = [&s](const CredentialId& id) -> std::ptrdiff_t {
            const auto idx = s.row_at(id);
            if (!idx) return -1;
            auto it = std::find(s.view_rows.begin(), s.view_rows.end(), *idx);
            return it == s.view_rows.end() ? -1 : it - s.view_rows.begin();
        };
        const auto from = pos(*s.anchor), to = pos(a.id);
        if (from >= 0 && to >= 0) {
            s.selection.clear();
            for (auto i = std::min(from, to); i <= std::max(from, to); ++i)
                s.selection.push_back(s.rows[s.view_rows[static_cast<std::size_t>(i)]].id);
            return {};
        }
    }
    if (a.toggle) {
        auto it = std::find(s.selection.begin(), s.selection.end(), a.id);
        if (it == s.selection.end())
            s.selection.push_back(a.id);
        else
            s.selection.erase(it);
    } else {
        s.selection = {a.id};
    }
    s.anchor = a.id;
    return {};
}

Effects handle(State& s, SelectionCleared&) {
    s.selection.clear();
    s.anchor.reset();
    return {};
}

Effects handle(State& s, ExportRequested& a) {
    std::vector<Column> columns;
    for (Column c : a.columns)
        if (s.view.is_visible(c)) columns.push_back(c);
    if (columns.empty()) return {};
    const std::string name = "credentials-" + format_file_timestamp(a.now_ms, s.utc_offset_minutes) + ".csv";
    return {DownloadFile{name, "text/csv;charset=utf-8", to_csv(s.rows, s.view_rows, columns)}};
}

}  // namespace cc::app
