// Table queries: search, filters, multi-key sort and natural order, filter checklists, CSV
// export (quoting and formula protection) and the URL-hash form of a view, plus a 100,000-row
// sanity run of search + sort.
#include "core/table_query.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>

#include "core/case_fold.h"
#include "core/natural_order.h"
#include "core/table_csv.h"
#include "core/table_view_hash.h"

using namespace cc;

namespace {

CredentialRow row(std::string name, std::string type = "Access key", std::string status = "No issues found",
                  std::string created = "2026-01-01T00:00:00Z") {
    CredentialRow r;
    r.id = CredentialId{"id-" + name};
    r.set_created_at_iso(created);
    r.set(Column::Credential, std::move(name));
    r.set(Column::Type, std::move(type));
    r.set(Column::Status, std::move(status));
    r.set(Column::CreationTime, created);
    return r;
}

void set(CredentialRow& r, Column c, std::string v) {
    r.set(c, std::move(v));
}

std::vector<std::string> names(const std::vector<CredentialRow>& rows, const std::vector<std::uint32_t>& order) {
    std::vector<std::string> out;
    for (auto i : order) out.push_back(std::string(rows[i].cell(Column::Credential)));
    return out;
}

std::vector<std::string> names(const std::vector<CredentialRow>& rows, const TableView& v) {
    return names(rows, compute_view(rows, v));
}

TableView sorted_by(std::vector<SortKey> keys) {
    TableView v;
    v.sort = std::move(keys);
    return v;
}

// Deterministic pseudo-random numbers, identical natively and under node.
struct Lcg {
    std::uint64_t s;
    std::uint32_t next() {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(s >> 33);
    }
    std::uint32_t below(std::uint32_t n) { return next() % n; }
};

}  // namespace

// ---- columns -------------------------------------------------------------------------------

TEST_CASE("column keys are stable and round-trip") {
    CHECK(column_key(Column::Credential) == "credential");
    CHECK(column_key(Column::KubernetesName) == "kubernetes-name");
    CHECK(column_key(Column::DataSources) == "data-sources");
    CHECK(column_key(Column::CreatedBy) == "created-by");
    CHECK(column_key(Column::CreationTime) == "creation-time");
    CHECK(column_key(Column::Environments) == "environments");
    for (Column c : kAllColumns) CHECK(column_from_key(column_key(c)) == c);
    CHECK_FALSE(column_from_key("Credential").has_value());
    CHECK_FALSE(column_from_key("").has_value());
    CHECK_FALSE(column_from_key("name").has_value());
}

TEST_CASE("checklist columns are the ones the product names") {
    CHECK(column_has_checklist(Column::Type));
    CHECK(column_has_checklist(Column::Status));
    CHECK(column_has_checklist(Column::Scope));
    CHECK(column_has_checklist(Column::Cluster));
    CHECK(column_has_checklist(Column::CreatedBy));
    CHECK_FALSE(column_has_checklist(Column::Credential));
    CHECK_FALSE(column_has_checklist(Column::Description));
    CHECK_FALSE(column_has_checklist(Column::CreationTime));
}

// ---- natural order and case-insensitive matching --------------------------------------------

TEST_CASE("natural order: numbers by value, case ignored, a total order") {
    CHECK(natural_compare("cred-2", "cred-10") < 0);
    CHECK(natural_compare("cred-10", "cred-2") > 0);
    CHECK(natural_compare("cred-9", "cred-10") < 0);
    CHECK(natural_compare("Cred-2", "cred-10") < 0);
    CHECK(natural_compare("cred-2", "CRED-10") < 0);
    CHECK(natural_compare("abc", "ABD") < 0);
    CHECK(natural_compare("", "a") < 0);
    CHECK(natural_compare("", "0") < 0);
    CHECK(natural_compare("", "") == 0);
    CHECK(natural_compare("x", "x") == 0);
    CHECK(natural_compare("cred", "cred-1") < 0);
    CHECK(natural_compare("a2b", "a2c") < 0);
    CHECK(natural_compare("a2b10", "a2b9") > 0);
    // Numbers longer than any integer type still compare by value.
    CHECK(natural_compare("n99999999999999999999999", "n100000000000000000000000") < 0);
    // Equal for a reader, yet only identical strings compare equal, consistently both ways.
    CHECK(natural_compare("a01", "a1") != 0);
    CHECK(natural_compare("a01", "a1") == -natural_compare("a1", "a01"));
    CHECK(natural_compare("a01", "a2") < 0);
    CHECK(natural_compare("a001", "a1") > 0);
    CHECK(natural_compare("Cred-2", "cred-2") != 0);
    CHECK(natural_compare("Cred-2", "cred-2") == -natural_compare("cred-2", "Cred-2"));
    CHECK(natural_compare("Cred-2", "cred-3") < 0);
    CHECK(natural_compare("cred-2", "Cred-3") < 0);
    // Latin-1 capitals fold: "Émile" sits with "émile", not after every ASCII name.
    CHECK(natural_compare("\xC3\x89mile-2", "\xC3\xA9mile-10") < 0);
    CHECK(natural_compare("\xC3\xA9mile-2", "\xC3\x89mile-10") < 0);
    // A digit run sorts between the punctuation below '0' and the letters.
    CHECK(natural_compare("a-", "a1") < 0);
    CHECK(natural_compare("a1", "ab") < 0);
}

TEST_CASE("natural order sorts a realistic list") {
    std::vector<std::string> v = {"cred-10", "Cred-2", "cred-1", "alpha", "cred-2", "", "cred-02", "Beta", "cred-100"};
    std::sort(v.begin(), v.end(), [](const std::string& a, const std::string& b) { return natural_compare(a, b) < 0; });
    const std::vector<std::string> want = {"",       "alpha",   "Beta",    "cred-1",  "Cred-2",
                                           "cred-2", "cred-02", "cred-10", "cred-100"};
    CHECK(v == want);
}

TEST_CASE("natural order is a strict weak order on a random sample") {
    Lcg rng{7};
    const char alphabet[] = "aAbB0129-_ .";
    std::vector<std::string> v;
    for (int i = 0; i < 60; ++i) {
        std::string s;
        const auto len = rng.below(6);
        for (std::uint32_t k = 0; k < len; ++k) s += alphabet[rng.below(sizeof alphabet - 1)];
        v.push_back(s);
    }
    for (const auto& a : v)
        for (const auto& b : v) {
            CHECK((natural_compare(a, b) == 0) == (a == b));
            CHECK(natural_compare(a, b) == -natural_compare(b, a));
            for (const auto& c : v)
                if (natural_compare(a, b) < 0 && natural_compare(b, c) < 0) CHECK(natural_compare(a, c) < 0);
        }
}

TEST_CASE("case-insensitive containment") {
    CHECK(contains_case_insensitive("Datasets-S3", "sets-s"));
    CHECK(contains_case_insensitive("datasets", "DATA"));
    CHECK(contains_case_insensitive("anything", ""));
    CHECK(contains_case_insensitive("", ""));
    CHECK_FALSE(contains_case_insensitive("", "a"));
    CHECK_FALSE(contains_case_insensitive("abc", "abcd"));
    CHECK_FALSE(contains_case_insensitive("datasets", "sets3"));
    CHECK(contains_case_insensitive("aaab", "aab"));                     // restart after a partial match
    CHECK(contains_case_insensitive("\xC3\x89quipe", "\xC3\xA9QUIPE"));  // "Équipe" / "éQUIPE"
    CHECK(contains_case_insensitive("caf\xC3\xA9", "CAF\xC3\x89"));
    CHECK_FALSE(contains_case_insensitive("caf\xC3\x97", "CAF\xC3\xB7"));  // × and ÷ are not a case pair
}

// ---- search, filters ------------------------------------------------------------------------

TEST_CASE("search is case-insensitive across the visible columns only") {
    std::vector<CredentialRow> rows = {row("datasets-s3"), row("registry", "Docker registry"),
                                       row("ngc", "NGC API key")};
    set(rows[2], Column::Description, "Pulls NVIDIA images");
    TableView v;
    v.search = "REGISTRY";
    CHECK(names(rows, v) == std::vector<std::string>{"registry"});
    v.search = "nvidia";
    CHECK(names(rows, v) == std::vector<std::string>{"ngc"});
    v.visible[static_cast<std::size_t>(Column::Description)] = false;
    CHECK(names(rows, v).empty());
    CHECK_FALSE(row_matches_search(rows[2], "nvidia", v.visible));
    CHECK(row_matches_search(rows[2], "nvidia", TableView::all_columns_visible()));
    v.search = "";
    CHECK(names(rows, v).size() == 3);
    v.search = "s3";
    CHECK(names(rows, v) == std::vector<std::string>{"datasets-s3"});
}

TEST_CASE("a search never matches across two cells") {
    std::vector<CredentialRow> rows = {row("abc", "def")};
    TableView v;
    v.search = "cd";
    CHECK(names(rows, v).empty());
}

TEST_CASE("checklist filters match whole values, several values OR, several filters AND") {
    std::vector<CredentialRow> rows = {row("a", "Access key", "No issues found"), row("b", "Password", "Issues found"),
                                       row("c", "Access key", "Issues found"),
                                       row("d", "Docker registry", "Creating\xE2\x80\xA6")};
    TableView v;
    v.filters.push_back({Column::Type, {"Access key"}, {}});
    CHECK(names(rows, v) == std::vector<std::string>{"a", "c"});
    v.filters[0].values = {"Access"};  // a checklist value is not a substring match
    CHECK(names(rows, v).empty());
    v.filters[0].values = {"Access key", "Password"};
    CHECK(names(rows, v) == std::vector<std::string>{"a", "b", "c"});
    v.filters.push_back({Column::Status, {"Issues found"}, {}});
    CHECK(names(rows, v) == std::vector<std::string>{"b", "c"});
    v.search = "c";
    CHECK(names(rows, v) == std::vector<std::string>{"c"});
    CHECK(row_matches_filter(rows[3], {Column::Status, {"Creating\xE2\x80\xA6"}, {}}));
    CHECK_FALSE(row_matches_filter(rows[3], {Column::Status, {"creating\xE2\x80\xA6"}, {}}));  // exact
}

TEST_CASE("a checklist with many values still matches exactly") {
    std::vector<CredentialRow> rows;
    for (int i = 0; i < 50; ++i) rows.push_back(row("cred-" + std::to_string(i)));
    for (std::size_t i = 0; i < 50; ++i) set(rows[i], Column::Scope, "project-" + std::to_string(i));
    ColumnFilter f{Column::Scope, {}, {}};
    for (int i = 49; i >= 0; i -= 2) f.values.push_back("project-" + std::to_string(i));  // 25, unsorted
    TableView v;
    v.filters.push_back(f);
    const auto out = names(rows, v);
    REQUIRE(out.size() == 25);
    CHECK(out.front() == "cred-1");
    CHECK(out.back() == "cred-49");
}

TEST_CASE("text filters are case-insensitive substrings; empty filters match everything") {
    std::vector<CredentialRow> rows = {row("a"), row("b"), row("c")};
    set(rows[0], Column::Description, "Read-only bucket");
    set(rows[1], Column::Description, "write access");
    TableView v;
    v.filters.push_back({Column::Description, {}, "ONLY"});
    CHECK(names(rows, v) == std::vector<std::string>{"a"});
    v.filters[0].text = "";
    CHECK(names(rows, v).size() == 3);
    // Text filters look at their own column even when it is hidden.
    v.filters[0].text = "write";
    v.visible[static_cast<std::size_t>(Column::Description)] = false;
    CHECK(names(rows, v) == std::vector<std::string>{"b"});
}

// ---- sort -------------------------------------------------------------------------------------

TEST_CASE("sort by name is natural, descending reverses, no sort keeps server order") {
    std::vector<CredentialRow> rows = {row("cred-10"), row("cred-2"), row("Cred-1"), row("alpha")};
    CHECK(names(rows, TableView{}) == std::vector<std::string>{"cred-10", "cred-2", "Cred-1", "alpha"});
    CHECK(names(rows, sorted_by({{Column::Credential, false}})) ==
          std::vector<std::string>{"alpha", "Cred-1", "cred-2", "cred-10"});
    CHECK(names(rows, sorted_by({{Column::Credential, true}})) ==
          std::vector<std::string>{"cred-10", "cred-2", "Cred-1", "alpha"});
}

TEST_CASE("multi-key sort: secondary key breaks ties, remaining ties keep server order") {
    std::vector<CredentialRow> rows = {
        row("p-2", "Password"),   row("a-10", "Access key"),        row("p-10", "Password"),
        row("a-2", "Access key"), row("x", "Access key", "Failed"), row("x", "Access key", "Creating\xE2\x80\xA6")};
    CHECK(names(rows, sorted_by({{Column::Type, false}, {Column::Credential, true}})) ==
          std::vector<std::string>{"x", "x", "a-10", "a-2", "p-10", "p-2"});
    // Stability: the two "x" rows tie on both keys and keep their server order, in either
    // direction of the sort.
    auto order = compute_view(rows, sorted_by({{Column::Credential, true}}));
    CHECK(order[0] == 4);
    CHECK(order[1] == 5);
    order = compute_view(rows, sorted_by({{Column::Credential, false}}));
    CHECK(order[4] == 4);
    CHECK(order[5] == 5);
    // Status sorts by its label.
    order = compute_view(rows, sorted_by({{Column::Status, false}, {Column::Credential, false}}));
    CHECK(order[0] == 5);  // "Creating…" < "Failed" < "No issues found"
    CHECK(order[1] == 4);
}

TEST_CASE("creation time sorts by instant, not by text") {
    std::vector<CredentialRow> rows = {
        row("half", "t", "s", "2026-01-02T00:00:00.5Z"),
        row("whole", "t", "s", "2026-01-02T00:00:00Z"),
        row("offset", "t", "s", "2026-01-02T01:00:00.25+02:00"),  // 2026-01-01T23:00:00.25Z
        row("micro", "t", "s", "2026-01-02T00:00:00.000001Z"),
        row("late", "t", "s", "2026-11-28T10:01:59.123456789Z"),
        row("west", "t", "s", "2026-01-01T20:00:00-05:00"),  // 2026-01-02T01:00:00Z
        row("bad", "t", "s", "yesterday"),
        row("leapyear", "t", "s", "2024-02-29T12:00:00Z"),
    };
    CHECK(names(rows, sorted_by({{Column::CreationTime, false}})) ==
          std::vector<std::string>{"bad", "leapyear", "offset", "whole", "micro", "half", "west", "late"});
    CHECK(names(rows, sorted_by({{Column::CreationTime, true}})) ==
          std::vector<std::string>{"late", "west", "half", "micro", "whole", "offset", "leapyear", "bad"});
}

TEST_CASE("fractions of a second compare by value, whatever their number of digits") {
    std::vector<CredentialRow> rows = {
        row("p1", "t", "s", "2026-01-02T00:00:00.1Z"), row("p05", "t", "s", "2026-01-02T00:00:00.05Z"),
        row("p123", "t", "s", "2026-01-02T00:00:00.123Z"), row("p1229", "t", "s", "2026-01-02T00:00:00.1229999999Z")};
    CHECK(names(rows, sorted_by({{Column::CreationTime, false}})) ==
          std::vector<std::string>{"p05", "p1", "p1229", "p123"});
}

TEST_CASE("the same instant written two ways ties and falls to the next key") {
    std::vector<CredentialRow> rows = {row("b", "t", "s", "2026-01-02T02:00:00+02:00"),
                                       row("a", "t", "s", "2026-01-02T00:00:00.000Z")};
    CHECK(names(rows, sorted_by({{Column::CreationTime, false}, {Column::Credential, false}})) ==
          std::vector<std::string>{"a", "b"});
}

TEST_CASE("search, filter and sort together") {
    std::vector<CredentialRow> rows;
    for (int i = 20; i >= 1; --i) rows.push_back(row("cred-" + std::to_string(i), i % 2 ? "Password" : "Access key"));
    TableView v;
    v.search = "CRED-1";
    v.filters.push_back({Column::Type, {"Password"}, {}});
    v.sort = {{Column::Credential, false}};
    CHECK(names(rows, v) == std::vector<std::string>{"cred-1", "cred-11", "cred-13", "cred-15", "cred-17", "cred-19"});
}

// ---- checklists -------------------------------------------------------------------------------

TEST_CASE("distinct values are unique, non-empty and naturally sorted") {
    std::vector<CredentialRow> rows = {row("a"), row("b"), row("c"), row("d"), row("e")};
    set(rows[0], Column::CreatedBy, "user10@x");
    set(rows[1], Column::CreatedBy, "user2@x");
    set(rows[2], Column::CreatedBy, "");
    set(rows[3], Column::CreatedBy, "user2@x");
    set(rows[4], Column::CreatedBy, "Admin");
    CHECK(distinct_values(rows, Column::CreatedBy) == std::vector<std::string>{"Admin", "user2@x", "user10@x"});
    CHECK(distinct_values({}, Column::Type).empty());
    // Values differing only in case are distinct choices (the checklist matches exactly).
    set(rows[2], Column::CreatedBy, "admin");
    CHECK(distinct_values(rows, Column::CreatedBy).size() == 4);
}

// ---- CSV --------------------------------------------------------------------------------------

TEST_CASE("CSV fields are quoted only when needed, quotes doubled") {
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("") == "");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("line1\nline2") == "\"line1\nline2\"");
    CHECK(csv_field("cr\rhere") == "\"cr\rhere\"");
    CHECK(csv_field("caf\xC3\xA9 ; tab\there") == "caf\xC3\xA9 ; tab\there");
    CHECK(csv_field(" spaced ") == " spaced ");
}

TEST_CASE("CSV fields that a spreadsheet would run as formulas are neutralised") {
    CHECK(csv_field("=HYPERLINK(\"http://evil\")") == "\"'=HYPERLINK(\"\"http://evil\"\")\"");
    CHECK(csv_field("=1+1") == "'=1+1");
    CHECK(csv_field("+cmd") == "'+cmd");
    CHECK(csv_field("-2+3") == "'-2+3");
    CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv_field("\tx") == "'\tx");
    CHECK(csv_field("=a,b") == "\"'=a,b\"");
    // Harmless cells keep their text: the "no status" dash and plain numbers.
    CHECK(csv_field("-") == "-");
    CHECK(csv_field("-5") == "-5");
    CHECK(csv_field("+3.25") == "+3.25");
    CHECK(csv_field("a=b") == "a=b");
}

TEST_CASE("CSV export: header of titles, the given rows in order, CRLF lines") {
    std::vector<CredentialRow> rows = {row("a,1", "Access key"), row("b", "Password", "-")};
    set(rows[1], Column::Description, "two\nlines");
    const std::string csv = to_csv(rows, {1, 0}, {Column::Credential, Column::Description, Column::Status});
    CHECK(csv ==
          "Credential,Description,Status\r\n"
          "b,\"two\nlines\",-\r\n"
          "\"a,1\",,No issues found\r\n");
    CHECK(to_csv(rows, {}, {Column::KubernetesName, Column::Environments}) == "Kubernetes name,Environment(s)\r\n");
    CHECK(to_csv(rows, {7}, {Column::Credential}) == "Credential\r\n");  // out-of-range index ignored
}

// ---- URL hash ---------------------------------------------------------------------------------

TEST_CASE("hash format") {
    CHECK(encode_view_hash(TableView{}).empty());
    TableView v;
    v.search = "s3 bucket";
    v.filters.push_back({Column::Type, {"Access key", "Password"}, {}});
    v.filters.push_back({Column::Description, {}, "read|only"});
    v.sort = {{Column::Credential, false}, {Column::CreationTime, true}};
    v.visible[static_cast<std::size_t>(Column::Description)] = false;
    v.visible[static_cast<std::size_t>(Column::Cluster)] = false;
    CHECK(encode_view_hash(v) ==
          "q=s3%20bucket&f=type:Access%20key|Password&t=description:read%7Conly&s=credential,-creation-time"
          "&c=credential,type,status,scope,kubernetes-name,environments,data-sources,created-by,creation-time");
    CHECK(decode_view_hash(encode_view_hash(v)) == v);
    CHECK(decode_view_hash("#" + encode_view_hash(v)) == v);
}

TEST_CASE("hash round trip with tricky characters") {
    const std::vector<std::string> tricky = {"a b",
                                             "&",
                                             "=",
                                             "|",
                                             ":",
                                             "%",
                                             "#",
                                             "%41",
                                             "a&q=x",
                                             "k:v|w",
                                             "100%",
                                             "caf\xC3\xA9",
                                             "\xE6\x97\xA5\xE6\x9C\xAC",
                                             "\xF0\x9F\x94\x91 key",
                                             "+plus+",
                                             ",",
                                             "-",
                                             "",
                                             "  ",
                                             "\"'<>",
                                             "/?",
                                             "\\",
                                             "~._-",
                                             "line\nbreak"};
    for (const auto& s : tricky) {
        TableView v;
        v.search = s;
        v.filters.push_back({Column::CreatedBy, {s, "x" + s, s + "|" + s}, {}});
        v.filters.push_back({Column::KubernetesName, {}, s});
        v.filters.push_back({Column::Scope, {s}, s + ":" + s});
        v.sort = {{Column::Scope, true}, {Column::Credential, false}};
        v.visible[static_cast<std::size_t>(Column::Type)] = false;
        const std::string h = encode_view_hash(v);
        CAPTURE(s);
        CAPTURE(h);
        CHECK(decode_view_hash(h) == v);
        // Only unreserved characters and the format's own separators appear in the hash.
        for (char c : h) {
            const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                            std::string_view("-._~%&=:|,").find(c) != std::string_view::npos;
            CHECK(ok);
        }
    }
}

TEST_CASE("hash round trip of random views") {
    Lcg rng{42};
    const char* pieces[] = {"a", "B", " ", "&", "=", "|", ":", "%", "#", ",", "-", "\xC3\xA9", "\xF0\x9F\x94\x91",
                            "0", "+"};
    auto random_text = [&] {
        std::string s;
        const auto len = rng.below(6);
        for (std::uint32_t k = 0; k < len; ++k) s += pieces[rng.below(15)];
        return s;
    };
    for (int n = 0; n < 300; ++n) {
        TableView v;
        if (rng.below(2)) v.search = random_text();
        for (Column c : kAllColumns) {
            if (rng.below(4) != 0) continue;
            ColumnFilter f{c, {}, {}};
            const auto nv = rng.below(4);
            for (std::uint32_t k = 0; k < nv; ++k) f.values.push_back(random_text());
            if (rng.below(2)) f.text = random_text();
            v.filters.push_back(f);
        }
        const auto ns = rng.below(4);
        for (std::uint32_t k = 0; k < ns; ++k)
            v.sort.push_back({kAllColumns[rng.below(kColumnCount)], rng.below(2) == 1});
        for (auto& b : v.visible) b = rng.below(3) != 0;
        v.visible[rng.below(kColumnCount)] = true;  // the UI keeps at least one column
        CHECK(decode_view_hash(encode_view_hash(v)) == v);
    }
}

TEST_CASE("hash decoding is lenient") {
    TableView d = decode_view_hash("");
    CHECK(d == TableView{});
    d = decode_view_hash("#");
    CHECK(d == TableView{});
    // Unknown keys and columns are ignored; known parts still apply.
    d = decode_view_hash("zz=1&f=nosuch:x&t=type&s=bogus,-credential&q=hi&&=&q");
    CHECK(d.search == "hi");
    CHECK(d.filters.empty());
    REQUIRE(d.sort.size() == 1);
    CHECK(d.sort[0].column == Column::Credential);
    CHECK(d.sort[0].descending);
    // No visible column left: all of them are shown.
    CHECK(decode_view_hash("c=").visible == TableView::all_columns_visible());
    CHECK(decode_view_hash("c=nothing,known").visible == TableView::all_columns_visible());
    d = decode_view_hash("c=status");
    CHECK(d.is_visible(Column::Status));
    CHECK_FALSE(d.is_visible(Column::Credential));
    // Broken percent escapes stay literal; bytes that are not UTF-8 become U+FFFD.
    CHECK(decode_view_hash("q=100%").search == "100%");
    CHECK(decode_view_hash("q=%zz%4").search == "%zz%4");
    CHECK(decode_view_hash("q=%41%62").search == "Ab");
    CHECK(decode_view_hash("q=%FF%C3").search == "\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(decode_view_hash("q=%C3%A9").search == "\xC3\xA9");
    CHECK(decode_view_hash("q=a+b").search == "a+b");
    // Checklist and text parts of one column merge into one filter.
    d = decode_view_hash("f=type:Password&t=type:x&f=type:Access%20key");
    REQUIRE(d.filters.size() == 1);
    CHECK(d.filters[0].values == std::vector<std::string>{"Password", "Access key"});
    CHECK(d.filters[0].text == "x");
}

TEST_CASE("decoding garbage never crashes and yields a view that round-trips") {
    Lcg rng{2026};
    const std::string alphabet = "qftsc=&:|,-%#+ aZ09\xC3\xA9\xFF";
    const std::vector<std::string> words = {"q=", "f=", "t=",  "s=", "c=", "type:", "credential", "-creation-time",
                                            "%",  "%2", "%C3", "&",  "|",  ":",     ","};
    for (int n = 0; n < 2000; ++n) {
        std::string h;
        const auto len = rng.below(40);
        for (std::uint32_t k = 0; k < len; ++k) {
            if (rng.below(2))
                h += alphabet[rng.below(static_cast<std::uint32_t>(alphabet.size()))];
            else
                h += words[rng.below(static_cast<std::uint32_t>(words.size()))];
        }
        const TableView d = decode_view_hash(h);
        bool any_visible = false;
        for (bool b : d.visible) any_visible = any_visible || b;
        CHECK(any_visible);
        CAPTURE(h);
        CHECK(decode_view_hash(encode_view_hash(d)) == d);
        std::vector<CredentialRow> rows = {row("a"), row("b")};
        CHECK(compute_view(rows, d).size() <= 2);
    }
}

TEST_CASE("view equality") {
    TableView a, b;
    CHECK(a == b);
    b.search = "x";
    CHECK_FALSE(a == b);
    b = a;
    b.filters.push_back({Column::Type, {"Password"}, {}});
    CHECK_FALSE(a == b);
    a.filters.push_back({Column::Type, {"Password"}, {}});
    CHECK(a == b);
    a.filters[0].text = "p";
    CHECK_FALSE(a == b);
    a = b;
    a.sort.push_back({Column::Credential, false});
    b.sort.push_back({Column::Credential, true});
    CHECK_FALSE(a == b);
    b.sort[0].descending = false;
    CHECK(a == b);
    a.visible[3] = false;
    CHECK_FALSE(a == b);
}

// ---- scale ------------------------------------------------------------------------------------

TEST_CASE("100,000 rows: search and multi-key sort complete (timings printed, not asserted)") {
    const std::size_t n = 100000;
    const char* types[] = {"Access key", "Password", "Docker registry", "Generic secret", "NGC API key"};
    const char* statuses[] = {"No issues found", "Issues found", "Creating\xE2\x80\xA6", "Failed", "-"};
    Lcg rng{1};
    std::vector<CredentialRow> rows(n);
    for (std::size_t i = 0; i < n; ++i) {
        CredentialRow& r = rows[i];
        const auto k = rng.below(1000000);
        char buf[64];
        std::snprintf(buf, sizeof buf, "2026-%02u-%02uT%02u:%02u:%02u.%03uZ", 1 + k % 12, 1 + k % 28, k % 24, k % 60,
                      (k / 7) % 60, k % 1000);
        r.set_created_at_iso(buf);
        set(r, Column::Credential, (k % 3 ? "cred-" : "Dataset-") + std::to_string(k));
        set(r, Column::Description, "synthetic credential number " + std::to_string(i));
        set(r, Column::Type, types[k % 5]);
        set(r, Column::Status, statuses[(k / 5) % 5]);
        set(r, Column::Scope, "project-" + std::to_string(k % 300));
        set(r, Column::KubernetesName, "cred-" + std::to_string(k));
        set(r, Column::CreatedBy, "user" + std::to_string(k % 50) + "@example.com");
        set(r, Column::CreationTime, buf);
        set(r, Column::Cluster, k % 2 ? "cluster-a" : "cluster-b");
    }
    using clock = std::chrono::steady_clock;
    auto ms_since = [](clock::time_point t0) {
        return std::chrono::duration<double, std::milli>(clock::now() - t0).count();
    };

    TableView sort_only;
    sort_only.sort = {{Column::Credential, false}};
    auto t0 = clock::now();
    auto order = compute_view(rows, sort_only);
    const double t_sort_name = ms_since(t0);
    REQUIRE(order.size() == n);
    for (std::size_t i = 1; i < n; ++i)
        if (natural_compare(rows[order[i - 1]].cell(Column::Credential), rows[order[i]].cell(Column::Credential)) > 0) {
            FAIL("not sorted at " << i);
        }

    TableView time_sort;
    time_sort.sort = {{Column::Type, false}, {Column::CreationTime, true}};
    t0 = clock::now();
    order = compute_view(rows, time_sort);
    const double t_sort_time = ms_since(t0);
    CHECK(order.size() == n);

    TableView searched;
    searched.search = "CRED-12";  // a miss on most rows forces a scan of every visible cell
    searched.sort = {{Column::Credential, true}};
    t0 = clock::now();
    order = compute_view(rows, searched);
    const double t_search = ms_since(t0);
    CHECK(!order.empty());
    CHECK(order.size() < n);

    TableView miss;
    miss.search = "zzz-no-such-text";
    t0 = clock::now();
    CHECK(compute_view(rows, miss).empty());
    const double t_miss = ms_since(t0);

    TableView filtered = searched;
    filtered.filters.push_back({Column::Status, {"Issues found", "Failed"}, {}});
    filtered.filters.push_back({Column::Description, {}, "NUMBER 9"});
    t0 = clock::now();
    const auto f = compute_view(rows, filtered);
    const double t_filter = ms_since(t0);
    CHECK(f.size() < order.size());

    MESSAGE("100k rows, ms: sort by name " << t_sort_name << ", sort type+time " << t_sort_time << ", search+sort "
                                           << t_search << ", search miss " << t_miss << ", filters+search+sort "
                                           << t_filter);
}

TEST_CASE("sorting a view orders rows exactly as natural_compare does") {
    Lcg rng{99};
    const std::vector<std::string> pieces = {
        "a",    "A",    "b",        "Z",        "0",        "00",   "1",
        "9",    "10",   "-",        "_",        " ",        "~",    std::string(1, '\0'),
        "\x01", "\x02", "\xC3\x89", "\xC3\xA9", "\xC3\x97", "\xFF", "99999999999999999999"};
    std::vector<CredentialRow> rows;
    for (int i = 0; i < 400; ++i) {
        std::string s;
        const auto len = rng.below(5);
        for (std::uint32_t k = 0; k < len; ++k) s += pieces[rng.below(static_cast<std::uint32_t>(pieces.size()))];
        rows.push_back(row(s));
        set(rows.back(), Column::Description, pieces[rng.below(4)]);  // many ties for a second key
    }
    for (bool desc : {false, true}) {
        std::vector<std::uint32_t> want(rows.size());
        for (std::uint32_t i = 0; i < want.size(); ++i) want[i] = i;
        std::stable_sort(want.begin(), want.end(), [&](std::uint32_t a, std::uint32_t b) {
            const int r = natural_compare(rows[a].cell(Column::Description), rows[b].cell(Column::Description));
            if (r != 0) return r < 0;
            const int r2 = natural_compare(rows[a].cell(Column::Credential), rows[b].cell(Column::Credential));
            return desc ? r2 > 0 : r2 < 0;
        });
        CAPTURE(desc);
        CHECK(compute_view(rows, sorted_by({{Column::Description, false}, {Column::Credential, desc}})) == want);
    }
}

TEST_CASE("a search finds what a search of each shown column finds, and nothing between them") {
    Lcg rng{17};
    const std::vector<std::string> words = {"nvcr", "Ärger", "7",      "team-a", "x7y",      "ß",
                                            "é",    "",      "Docker", "a",      "tab\there"};
    std::vector<CredentialRow> rows;
    for (int i = 0; i < 300; ++i) {
        CredentialRow r = row("cred-" + std::to_string(rng.below(90)));
        for (const Column c : kAllColumns) {
            if (c == Column::Credential || c == Column::CreationTime) continue;
            if (c == Column::Type || c == Column::Status) {
                if (rng.below(2)) set(r, c, "");  // the label made from the kind and status
                continue;
            }
            set(r, c,
                words[rng.below(static_cast<std::uint32_t>(words.size()))] +
                    words[rng.below(static_cast<std::uint32_t>(words.size()))]);
        }
        r.set_scope_path("tooltip-only 7");
        rows.push_back(std::move(r));
    }
    // Every column shown (one pass over a row's texts), and some hidden (a pass per column);
    // one-byte needles are answered by a row's set of bytes alone.
    TableView some;
    some.visible[static_cast<std::size_t>(Column::Description)] = false;
    some.visible[static_cast<std::size_t>(Column::Status)] = false;
    for (const TableView& view : {TableView{}, some}) {
        for (const std::string needle : {"7", "a", "A", "nvcr", "ärger", "Ä", "team-a7", "eam", "ss", "é", "tooltip",
                                         "ay", "x7", "\t", "y", "-", "z"}) {
            const std::string folded = fold_case(needle);
            for (const auto& r : rows) {
                bool any = false;
                for (const Column c : kAllColumns)
                    any = any || (view.visible[static_cast<std::size_t>(c)] && contains_folded(r.cell(c), folded));
                REQUIRE_MESSAGE(row_matches_folded_search(r, folded, view.visible) == any, needle);
            }
        }
    }
}

TEST_CASE("the Status column sorts by the attention a status needs, not by its label's letters") {
    const std::pair<const char*, std::optional<SyncStatus>> given[] = {
        {"settled", SyncStatus::NoIssuesFound}, {"unknown", std::nullopt},           {"creating", SyncStatus::Creating},
        {"broken", SyncStatus::Failed},         {"issues", SyncStatus::IssuesFound}, {"deleting", SyncStatus::Deleting},
        {"stuck", SyncStatus::DeletionFailed}};
    std::vector<CredentialRow> rows;
    for (const auto& [name, status] : given) {
        CredentialRow r;
        r.id = CredentialId{name};
        r.set(Column::Credential, name);
        r.status = status;
        rows.push_back(std::move(r));
    }
    const std::vector<std::string> attention = {"broken",   "stuck",   "issues", "creating",
                                                "deleting", "settled", "unknown"};
    CHECK(names(rows, sorted_by({{Column::Status, false}})) == attention);
    CHECK(names(rows, sorted_by({{Column::Status, true}})) ==
          std::vector<std::string>(attention.rbegin(), attention.rend()));
}
