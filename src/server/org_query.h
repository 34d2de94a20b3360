// The query language of the org-unit lists (docs/api.md, 'Org-unit lists'): `filterBy` terms
// `<field><op><value>`, `sortBy`/`sortOrder`, `offset`/`limit` and free-text `search`. Parsing is
// strict (a bad value is a 400 naming the parameter); matching, ordering and paging are pure
// functions over a field accessor, so they are unit-tested without HTTP.
#pragma once

#include <httplib.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/org.h"
#include "core/result.h"

namespace cc::server {

enum class OrgList { Departments, Projects };

// How a field's values compare: text (== exact, the =@ family case-insensitive, <= >= by
// bytes), integer ids (numerically), or RFC 3339 / ISO 8601 instants (only == != <= >=).
enum class FieldType { Text, Integer, Time };

struct OrgField {
    std::string_view name;
    FieldType type;
};

// The fields a list can be filtered and sorted by: name, clusterId, createdAt and id (an
// extension), plus departmentId, parentId, parentName and phase for projects.
std::span<const OrgField> org_fields(OrgList list);

enum class FilterOp { Equal, NotEqual, LessEqual, GreaterEqual, Contains, NotContains, StartsWith, EndsWith };

struct FilterTerm {
    OrgField field;
    FilterOp op = FilterOp::Equal;
    std::string value;
    std::optional<std::int64_t> instant_ms;  // Time fields: the value as epoch milliseconds
};

struct OrgListQuery {
    std::vector<FilterTerm> filters;  // all must match
    std::optional<OrgField> sort_by;  // nullopt: by id
    bool descending = false;
    std::size_t offset = 0;
    std::size_t limit = 50;
    std::optional<std::string> search;  // case-insensitive substring of the name
};

// One filterBy term ("name=@team"); the error names filterBy and says what is wrong.
Result<FilterTerm> parse_filter(std::string_view text, OrgList list);
// Every filterBy value: repeated parameters, and comma-joined terms in one value (OpenAPI
// `explode: false`). A comma starts a new term only when `<field><op>` follows it, so values
// may contain commas.
Result<std::vector<FilterTerm>> parse_filters(const std::vector<std::string>& values, OrgList list);
// filterBy, sortBy, sortOrder, offset, limit, and (projects) search.
Result<OrgListQuery> parse_org_list_query(const httplib::Params& params, OrgList list);

// "2026-11-26T09:00:00.123Z", "2026-11-26T10:00:00+01:00" or "2026-11-26" (midnight UTC).
std::optional<std::int64_t> parse_instant_ms(std::string_view text);

bool filter_matches(const FilterTerm& term, const std::optional<std::string>& value);
// -1, 0, 1 by the field's type; entries without the field sort first.
int compare_field(const OrgField& field, const std::optional<std::string>& a, const std::optional<std::string>& b);

// A field's value on one entry, as text; nullopt when the entry has no such field.
std::optional<std::string> field_value(const Department& d, std::string_view field);
std::optional<std::string> field_value(const Project& p, std::string_view field);

template <class T>
struct OrgPage {
    std::vector<T> items;
    std::optional<std::size_t> next;  // offset of the next page, while entries remain
};

// Filters, searches, sorts (ties by id) and pages `items`.
template <class T>
OrgPage<T> apply_org_query(const std::vector<T>& items, const OrgListQuery& q) {
    std::vector<const T*> kept;
    for (const T& item : items) {
        bool ok = true;
        for (const auto& term : q.filters) ok = ok && filter_matches(term, field_value(item, term.field.name));
        if (ok && q.search)
            ok = filter_matches(FilterTerm{{"name", FieldType::Text}, FilterOp::Contains, *q.search, {}},
                                field_value(item, "name"));
        if (ok) kept.push_back(&item);
    }
    const OrgField id{"id", FieldType::Integer};
    const OrgField key = q.sort_by.value_or(id);
    std::stable_sort(kept.begin(), kept.end(), [&](const T* a, const T* b) {
        int c = compare_field(key, field_value(*a, key.name), field_value(*b, key.name));
        if (q.descending) c = -c;
        if (c == 0) c = compare_field(id, field_value(*a, "id"), field_value(*b, "id"));
        return c < 0;
    });
    OrgPage<T> page;
    const std::size_t end = std::min(kept.size(), q.offset + q.limit);
    for (std::size_t i = q.offset; i < end; ++i) page.items.push_back(*kept[i]);
    if (end < kept.size()) page.next = end;
    return page;
}

}  // namespace cc::server
