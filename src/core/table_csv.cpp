// CSV export of table rows: RFC 4180 quoting, and a leading ' on fields a spreadsheet would
// run as a formula.
#include "core/table_csv.h"

namespace cc {
namespace {

inline bool is_digit(unsigned char c) {
    return c >= '0' && c <= '9';
}

// A leading '=', '+', '-', '@', TAB or CR makes spreadsheets read a cell as a formula
// (CSV injection). A lone "-" (the "no status" cell) and plain numbers such as "-5" cannot
// run anything, so they stay as they are.
bool formula_like(std::string_view s) {
    if (s.empty()) return false;
    const char c = s[0];
    if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r') return false;
    if (s == "-") return false;
    if (c == '+' || c == '-') {
        std::size_t p = 1, digits = 0, dots = 0;
        for (; p < s.size(); ++p) {
            if (is_digit(static_cast<unsigned char>(s[p])))
                ++digits;
            else if (s[p] == '.' && dots == 0)
                ++dots;
            else
                break;
        }
        if (p == s.size() && digits > 0) return false;
    }
    return true;
}

}  // namespace

std::string csv_field(std::string_view s) {
    const bool guard = formula_like(s);
    const bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos;
    if (!guard && !quote) return std::string(s);
    std::string out;
    out.reserve(s.size() + 4);
    if (quote) out += '"';
    if (guard) out += '\'';
    for (const char ch : s) {
        if (ch == '"') out += '"';
        out += ch;
    }
    if (quote) out += '"';
    return out;
}

std::string to_csv(const std::vector<CredentialRow>& rows, const std::vector<std::uint32_t>& order,
                   const std::vector<Column>& columns) {
    std::string out;
    out.reserve(64 + order.size() * columns.size() * 16);
    auto line = [&](auto&& text_of) {
        for (std::size_t k = 0; k < columns.size(); ++k) {
            if (k) out += ',';
            out += csv_field(text_of(columns[k]));
        }
        out += "\r\n";
    };
    line([](Column c) { return column_title(c); });
    for (const std::uint32_t i : order) {
        if (i >= rows.size()) continue;
        line([&](Column c) -> std::string_view { return rows[i].cell(c); });
    }
    return out;
}

}  // namespace cc
