// Unit tests of the org-unit query language (org_query.h) without HTTP: the filterBy parser and
// its 400s, comma-joined terms, each operator on text, integer and date fields, instants, sort
// order with id tie-breaks, search and paging.
#include "server/org_query.h"

#include "test_support.h"

using namespace cc;
using namespace cc::server;

namespace {

Project project(std::int64_t id, std::string name, std::string department, std::string department_name,
                std::string created_at, std::string cluster = "c-1") {
    Project p;
    p.id = ProjectId{id};
    p.name = std::move(name);
    p.cluster_id = ClusterId{std::move(cluster)};
    p.parent_id = DepartmentId{std::move(department)};
    p.parent_name = std::move(department_name);
    p.created_at = std::move(created_at);
    return p;
}

const std::vector<Project>& sample() {
    static const std::vector<Project> projects = {
        project(1, "team-a", "1", "research", "2026-01-10T09:00:00Z"),
        project(2, "Team-B", "1", "research", "2026-03-01T00:00:00.500Z"),
        project(3, "vision-x", "2", "vision", "2026-02-01T12:00:00+02:00", "c-2"),
        project(10, "team-j", "10", "nlp", "2026-02-01T10:00:00Z", "c-2"),
    };
    return projects;
}

std::vector<std::int64_t> ids_of(const OrgPage<Project>& page) {
    std::vector<std::int64_t> ids;
    for (const auto& p : page.items) ids.push_back(p.id.value);
    return ids;
}

OrgListQuery query(std::initializer_list<std::pair<std::string, std::string>> params) {
    httplib::Params p;
    for (const auto& [k, v] : params) p.emplace(k, v);
    auto q = parse_org_list_query(p, OrgList::Projects);
    REQUIRE_MESSAGE(q.ok(), (q.ok() ? "" : q.error().message));
    return *q;
}

std::vector<std::int64_t> run(std::initializer_list<std::pair<std::string, std::string>> params) {
    return ids_of(apply_org_query(sample(), query(params)));
}

}  // namespace

TEST_CASE("org query: parsing one filterBy term") {
    auto t = parse_filter("name=@team", OrgList::Projects);
    REQUIRE(t.ok());
    CHECK(t->field.name == "name");
    CHECK(t->op == FilterOp::Contains);
    CHECK(t->value == "team");

    auto eq = parse_filter("name==a==b", OrgList::Projects);  // the value is everything after the operator
    REQUIRE(eq.ok());
    CHECK(eq->value == "a==b");

    auto date = parse_filter("createdAt>=2026-02-01", OrgList::Departments);
    REQUIRE(date.ok());
    CHECK(date->instant_ms == parse_instant_ms("2026-02-01T00:00:00Z"));

    SUBCASE("errors name filterBy and say what is wrong") {
        const std::pair<const char*, const char*> bad[] = {
            {"==x", "field name"},
            {"name", "no operator"},
            {"name~=x", "no operator"},
            {"name==", "no value"},
            {"nope==x", "unknown field"},
            {"phase==Ready", "unknown field"},  // projects only
            {"totalGpuQuota>=1", "not supported"},
            {"createdAt=@2026", "date"},
            {"createdAt>=yesterday", "ISO 8601"},
            {"id>=abc", "integer"},
        };
        for (const auto& [text, why] : bad) {
            CAPTURE(text);
            auto r = parse_filter(text, OrgList::Departments);
            REQUIRE_FALSE(r.ok());
            CHECK(r.error().code == 400);
            CHECK(r.error().field == "filterBy");
            CHECK(r.error().message.find("filterBy") != std::string::npos);
            CHECK(r.error().message.find(why) != std::string::npos);
        }
    }
}

TEST_CASE("org query: comma-joined terms split only before <field><op>") {
    auto terms = parse_filters({"name=@team,parentName==research", "name!=x,y"}, OrgList::Projects);
    REQUIRE(terms.ok());
    REQUIRE(terms->size() == 3);
    CHECK((*terms)[0].value == "team");
    CHECK((*terms)[1].field.name == "parentName");
    CHECK((*terms)[2].value == "x,y");
    auto bad = parse_filters({"name==a,bogus==b"}, OrgList::Projects);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("bogus") != std::string::npos);
    CHECK_FALSE(parse_filters({""}, OrgList::Projects).ok());
}

TEST_CASE("org query: instants") {
    CHECK(parse_instant_ms("1970-01-01T00:00:00Z") == 0);
    CHECK(parse_instant_ms("1970-01-02") == 86400000);
    CHECK(parse_instant_ms("2026-11-26T09:00:00.123Z") == 1795683600123);
    CHECK(parse_instant_ms("2026-11-26T10:00:00+01:00") == 1795683600000);
    CHECK(parse_instant_ms("2026-11-26T08:30:00-00:30") == 1795683600000);
    CHECK(parse_instant_ms("2026-11-26T09:00Z") == 1795683600000);
    for (const char* bad : {"", "2026", "2026-13-01", "2026-11-26T25:00:00Z", "2026-11-26T09:00:00+0100",
                            "2026-11-26T09:00:00Zjunk", "2026-11-26T09:00:00."})
        CHECK_MESSAGE(!parse_instant_ms(bad), bad);
}

TEST_CASE("org query: operators on text, integer and date fields") {
    CHECK(run({{"filterBy", "name==team-a"}}) == std::vector<std::int64_t>{1});
    CHECK(run({{"filterBy", "name==TEAM-A"}}).empty());  // == is exact
    CHECK(run({{"filterBy", "name!=team-a"}}) == std::vector<std::int64_t>{2, 3, 10});
    CHECK(run({{"filterBy", "name=@TEAM"}}) == std::vector<std::int64_t>{1, 2, 10});  // =@ ignores case
    CHECK(run({{"filterBy", "name!@team"}}) == std::vector<std::int64_t>{3});
    CHECK(run({{"filterBy", "name=^team-"}}) == std::vector<std::int64_t>{1, 2, 10});
    CHECK(run({{"filterBy", "name=$-x"}}) == std::vector<std::int64_t>{3});
    CHECK(run({{"filterBy", "clusterId==c-2"}}) == std::vector<std::int64_t>{3, 10});
    CHECK(run({{"filterBy", "parentName==research"}}) == std::vector<std::int64_t>{1, 2});
    CHECK(run({{"filterBy", "phase==Ready"}}).size() == 4);
    // Integers compare as numbers: "10" >= "2" although "10" < "2" as text.
    CHECK(run({{"filterBy", "departmentId>=2"}}) == std::vector<std::int64_t>{3, 10});
    CHECK(run({{"filterBy", "parentId<=1"}}) == std::vector<std::int64_t>{1, 2});
    // Dates compare as instants: 12:00+02:00 is 10:00Z, the same instant as team-j's.
    CHECK(run({{"filterBy", "createdAt==2026-02-01T10:00:00Z"}}) == std::vector<std::int64_t>{3, 10});
    CHECK(run({{"filterBy", "createdAt>=2026-02-01"}}) == std::vector<std::int64_t>{2, 3, 10});
    CHECK(run({{"filterBy", "createdAt<=2026-02-01T09:59:59.999Z"}}) == std::vector<std::int64_t>{1});
    // Several terms (repeated or comma-joined) must all match.
    CHECK(run({{"filterBy", "name=@team"}, {"filterBy", "createdAt>=2026-02-01"}}) == std::vector<std::int64_t>{2, 10});
    CHECK(run({{"filterBy", "name=@team,clusterId==c-1"}}) == std::vector<std::int64_t>{1, 2});
}

TEST_CASE("org query: sorting, ties by id, search and paging") {
    CHECK(run({}) == std::vector<std::int64_t>{1, 2, 3, 10});
    CHECK(run({{"sortOrder", "desc"}}) == std::vector<std::int64_t>{10, 3, 2, 1});
    CHECK(run({{"sortBy", "name"}}) == std::vector<std::int64_t>{1, 2, 10, 3});  // case-insensitive
    CHECK(run({{"sortBy", "name"}, {"sortOrder", "desc"}}) == std::vector<std::int64_t>{3, 10, 2, 1});
    CHECK(run({{"sortBy", "createdAt"}}) == std::vector<std::int64_t>{1, 3, 10, 2});  // 3 and 10 tie: by id
    CHECK(run({{"sortBy", "parentName"}}) == std::vector<std::int64_t>{10, 1, 2, 3});
    CHECK(run({{"search", "TEAM"}}) == std::vector<std::int64_t>{1, 2, 10});
    CHECK(run({{"search", "vision"}}) == std::vector<std::int64_t>{3});

    const auto first = apply_org_query(sample(), query({{"limit", "3"}, {"sortBy", "name"}}));
    CHECK(ids_of(first) == std::vector<std::int64_t>{1, 2, 10});
    CHECK(first.next == 3);
    const auto last = apply_org_query(sample(), query({{"limit", "3"}, {"offset", "3"}, {"sortBy", "name"}}));
    CHECK(ids_of(last) == std::vector<std::int64_t>{3});
    CHECK_FALSE(last.next);
    const auto filtered = apply_org_query(sample(), query({{"limit", "1"}, {"filterBy", "name=@team"}}));
    CHECK(ids_of(filtered) == std::vector<std::int64_t>{1});
    CHECK(filtered.next == 1);  // counts the filtered list, not the whole one
}

TEST_CASE("org query: bad parameters are 400s naming them") {
    const std::pair<const char*, const char*> bad[] = {
        {"sortBy", "nope"}, {"sortBy", "gpuAllocated"}, {"sortOrder", "up"}, {"limit", "0"},
        {"limit", "501"},   {"offset", "-1"},           {"filterBy", "x"},
    };
    for (const auto& [name, value] : bad) {
        CAPTURE(name);
        CAPTURE(value);
        httplib::Params p{{name, value}};
        auto q = parse_org_list_query(p, OrgList::Projects);
        REQUIRE_FALSE(q.ok());
        CHECK(q.error().code == 400);
        CHECK(q.error().field == name);
        CHECK(q.error().message.find(name) != std::string::npos);
    }
    httplib::Params twice{{"sortBy", "name"}, {"sortBy", "id"}};
    CHECK_FALSE(parse_org_list_query(twice, OrgList::Departments).ok());
    // search is a projects parameter; departments leave it alone.
    httplib::Params search{{"search", "x"}};
    REQUIRE(parse_org_list_query(search, OrgList::Departments).ok());
    CHECK_FALSE(parse_org_list_query(search, OrgList::Departments)->search);
}
