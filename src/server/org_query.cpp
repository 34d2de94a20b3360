// The org-unit lists' query language: the filterBy/sortBy parser, the typed comparisons behind
// the operators (texts ignore ASCII case for =@ !@ =^ =$ and sorting; dates compare as instants),
// and the field values of departments and projects.
#include "server/org_query.h"

#include <array>
#include <charconv>

#include "core/text.h"
#include "core/time_text.h"
#include "server/http_util.h"

namespace cc::server {
namespace {

constexpr std::array<OrgField, 4> kDepartmentFields = {{
    {"name", FieldType::Text},
    {"clusterId", FieldType::Text},
    {"createdAt", FieldType::Time},
    {"id", FieldType::Integer},
}};

constexpr std::array<OrgField, 8> kProjectFields = {{
    {"name", FieldType::Text},
    {"clusterId", FieldType::Text},
    {"createdAt", FieldType::Time},
    {"id", FieldType::Integer},
    {"departmentId", FieldType::Integer},
    {"parentId", FieldType::Integer},
    {"parentName", FieldType::Text},
    {"phase", FieldType::Text},
}};

// In the published enum, but about quotas and usage, which this server does not model.
constexpr std::array<std::string_view, 11> kUnmodelledFields = {"totalGpuQuota",
                                                                "gpuAllocated",
                                                                "avgGpuAllocation24h",
                                                                "avgGpuUtilization24h",
                                                                "avgGpuMemoryUtilization24h",
                                                                "avgGpuAllocation7d",
                                                                "avgGpuUtilization7d",
                                                                "avgGpuMemoryUtilization7d",
                                                                "avgGpuAllocation30d",
                                                                "avgGpuUtilization30d",
                                                                "avgGpuMemoryUtilization30d"};

struct OpSpelling {
    std::string_view text;
    FilterOp op;
};
constexpr std::array<OpSpelling, 8> kOps = {{
    {"==", FilterOp::Equal},
    {"!=", FilterOp::NotEqual},
    {"<=", FilterOp::LessEqual},
    {">=", FilterOp::GreaterEqual},
    {"=@", FilterOp::Contains},
    {"!@", FilterOp::NotContains},
    {"=^", FilterOp::StartsWith},
    {"=$", FilterOp::EndsWith},
}};

ApiError bad(const std::string& param, std::string message) {
    return ApiError{400, "Query parameter " + param + ": " + std::move(message), {}, param};
}

bool is_field_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::optional<FilterOp> op_at(std::string_view text, std::size_t pos) {
    if (pos + 2 > text.size()) return std::nullopt;
    for (const auto& o : kOps)
        if (text.substr(pos, 2) == o.text) return o.op;
    return std::nullopt;
}

// Length of the leading field name when `<field><op>` starts `text`, else 0.
std::size_t field_then_op(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size() && is_field_char(text[i])) ++i;
    return (i > 0 && op_at(text, i)) ? i : 0;
}

std::string field_list(OrgList list) {
    std::string s;
    for (const auto& f : org_fields(list)) s += (s.empty() ? "" : ", ") + std::string(f.name);
    return s;
}

// A known field of the list, or a 400 naming `param` that says why not.
Result<OrgField> lookup_field(std::string_view name, OrgList list, const std::string& param) {
    for (const auto& f : org_fields(list))
        if (f.name == name) return f;
    for (auto u : kUnmodelledFields)
        if (u == name) return bad(param, std::string(name) + " is not supported by this server (it keeps no quotas)");
    return bad(param, "unknown field '" + std::string(name) + "'; use one of " + field_list(list));
}

std::optional<std::int64_t> to_int(std::string_view s) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

int sign(std::int64_t x) {
    return x < 0 ? -1 : (x > 0 ? 1 : 0);
}

}  // namespace

std::span<const OrgField> org_fields(OrgList list) {
    if (list == OrgList::Departments) return kDepartmentFields;
    return kProjectFields;
}

std::optional<std::int64_t> parse_instant_ms(std::string_view s) {
    const auto t = parse_rfc3339(s, Rfc3339Syntax::Strict);
    if (!t) return std::nullopt;
    return t->unix_ms();
}

Result<FilterTerm> parse_filter(std::string_view text, OrgList list) {
    const std::string param = "filterBy";
    std::size_t i = 0;
    while (i < text.size() && is_field_char(text[i])) ++i;
    if (i == 0) return bad(param, "'" + std::string(text) + "' does not start with a field name (<field><op><value>)");
    auto op = op_at(text, i);
    if (!op)
        return bad(param, "'" + std::string(text) + "' has no operator after " + std::string(text.substr(0, i)) +
                              "; use one of == != <= >= =@ !@ =^ =$");
    auto field = lookup_field(text.substr(0, i), list, param);
    if (!field) return field.error();
    FilterTerm term{*field, *op, std::string(text.substr(i + 2)), {}};
    if (term.value.empty()) return bad(param, "'" + std::string(text) + "' has no value");
    if (field->type == FieldType::Time) {
        if (*op != FilterOp::Equal && *op != FilterOp::NotEqual && *op != FilterOp::LessEqual &&
            *op != FilterOp::GreaterEqual)
            return bad(param, std::string(field->name) + " is a date: use == != <= or >=");
        term.instant_ms = parse_instant_ms(term.value);
        if (!term.instant_ms)
            return bad(param, "'" + term.value + "' is not an ISO 8601 timestamp (2026-11-26T09:00:00Z)");
    }
    if (field->type == FieldType::Integer && (*op == FilterOp::LessEqual || *op == FilterOp::GreaterEqual) &&
        !to_int(term.value))
        return bad(param, std::string(field->name) + " <= and >= need an integer, not '" + term.value + "'");
    return term;
}

Result<std::vector<FilterTerm>> parse_filters(const std::vector<std::string>& values, OrgList list) {
    std::vector<FilterTerm> out;
    for (const auto& v : values) {
        std::string_view rest = v;
        if (rest.empty()) return bad("filterBy", "empty filter (<field><op><value>)");
        std::size_t start = 0;
        // A comma followed by `<field><op>` starts the next term; any other comma is value text.
        for (std::size_t i = 0; i <= rest.size(); ++i) {
            if (i < rest.size() && !(rest[i] == ',' && field_then_op(rest.substr(i + 1)) > 0)) continue;
            auto term = parse_filter(rest.substr(start, i - start), list);
            if (!term) return term.error();
            out.push_back(std::move(*term));
            start = i + 1;
        }
    }
    return out;
}

Result<OrgListQuery> parse_org_list_query(const httplib::Params& params, OrgList list) {
    OrgListQuery q;
    std::vector<std::string> filters;
    for (auto [it, end] = params.equal_range("filterBy"); it != end; ++it) filters.push_back(it->second);
    auto terms = parse_filters(filters, list);
    if (!terms) return terms.error();
    q.filters = std::move(*terms);

    auto sort_by = query_string(params, "sortBy");
    if (!sort_by) return sort_by.error();
    if (*sort_by) {
        auto field = lookup_field(**sort_by, list, "sortBy");
        if (!field) return field.error();
        q.sort_by = *field;
    }
    auto order = query_string(params, "sortOrder");
    if (!order) return order.error();
    if (*order) {
        if (**order != "asc" && **order != "desc") return bad("sortOrder", "must be asc or desc");
        q.descending = **order == "desc";
    }
    auto offset = query_int(params, "offset", 0, 1'000'000'000);
    if (!offset) return offset.error();
    auto limit = query_int(params, "limit", 1, 500);
    if (!limit) return limit.error();
    q.offset = static_cast<std::size_t>(offset->value_or(0));
    q.limit = static_cast<std::size_t>(limit->value_or(50));
    if (list == OrgList::Projects) {
        auto search = query_string(params, "search");
        if (!search) return search.error();
        q.search = *search;
    }
    return q;
}

int compare_field(const OrgField& field, const std::optional<std::string>& a, const std::optional<std::string>& b) {
    if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
    switch (field.type) {
        case FieldType::Integer: {
            const auto x = to_int(*a), y = to_int(*b);
            if (x && y) return sign(*x - *y);
            break;
        }
        case FieldType::Time: {
            const auto x = parse_instant_ms(*a), y = parse_instant_ms(*b);
            if (x && y) return sign(*x - *y);
            break;
        }
        case FieldType::Text: {
            const int c = ascii_lower(*a).compare(ascii_lower(*b));
            if (c != 0) return c < 0 ? -1 : 1;
            break;
        }
    }
    const int c = a->compare(*b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool filter_matches(const FilterTerm& term, const std::optional<std::string>& value) {
    if (!value) return term.op == FilterOp::NotEqual || term.op == FilterOp::NotContains;
    int order = 0;  // value vs term.value, for == != <= >=
    if (term.field.type == FieldType::Time) {
        const auto v = parse_instant_ms(*value);
        if (!v || !term.instant_ms) return term.op == FilterOp::NotEqual;
        order = sign(*v - *term.instant_ms);
    } else if (term.field.type == FieldType::Integer && to_int(*value) && to_int(term.value)) {
        order = sign(*to_int(*value) - *to_int(term.value));
    } else {
        const int c = value->compare(term.value);
        order = c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    const std::string v = ascii_lower(*value), t = ascii_lower(term.value);
    switch (term.op) {
        case FilterOp::Equal: return order == 0;
        case FilterOp::NotEqual: return order != 0;
        case FilterOp::LessEqual: return order <= 0;
        case FilterOp::GreaterEqual: return order >= 0;
        case FilterOp::Contains: return v.find(t) != std::string::npos;
        case FilterOp::NotContains: return v.find(t) == std::string::npos;
        case FilterOp::StartsWith: return v.rfind(t, 0) == 0;
        case FilterOp::EndsWith: return v.size() >= t.size() && v.compare(v.size() - t.size(), t.size(), t) == 0;
    }
    return false;
}

std::optional<std::string> field_value(const Department& d, std::string_view field) {
    if (field == "id") return d.id.value;
    if (field == "name") return d.name;
    if (field == "clusterId") return d.cluster_id.value;
    if (field == "createdAt") return d.created_at;
    return std::nullopt;
}

std::optional<std::string> field_value(const Project& p, std::string_view field) {
    if (field == "id") return std::to_string(p.id.value);
    if (field == "name") return p.name;
    if (field == "clusterId") return p.cluster_id.value;
    if (field == "createdAt") return p.created_at;
    if (field == "departmentId" || field == "parentId") return p.parent_id.value;
    if (field == "parentName") return p.parent_name;
    if (field == "phase") return std::string("Ready");  // every project is Ready (encode_project)
    return std::nullopt;
}

}  // namespace cc::server
