// The URL-hash form of a table view: percent-encoding of the values, and a decoder that turns
// any hash (a pasted or hand-edited link included) into a usable view.
#include "core/table_view_hash.h"

#include <array>
#include <cstdint>

#include "core/text.h"

namespace cc {
namespace {

inline bool is_digit(unsigned char c) {
    return c >= '0' && c <= '9';
}

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
    // A hash comes from any pasted link, and the UI and the JS bridge expect valid text.
    return replace_invalid_utf8(out);
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
