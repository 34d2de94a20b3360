// The table's "usable at" filter (what a click on a scope tree node shows): rows defined at the
// node or above it, cross-checked against OrgTree::inherits, combined with search and filters;
// its URL-hash form ("u=project:12") and round trips; and its cost on 100,000 rows.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "core/table_query.h"
#include "core/table_view_hash.h"

using namespace cc;

namespace {

// Account -> cluster-a (research: team-a 1, team-b 2), cluster-b (vision: team-c 3).
OrgTree org() {
    OrgData d;
    d.clusters = {{ClusterId{"ca"}, "cluster-a", 1, "", {}, {}, ""}, {ClusterId{"cb"}, "cluster-b", 1, "", {}, {}, ""}};
    d.departments = {{DepartmentId{"1"}, "research", ClusterId{"ca"}, "", "", ""},
                     {DepartmentId{"3"}, "vision", ClusterId{"cb"}, "", "", ""}};
    d.projects = {{ProjectId{1}, "team-a", ClusterId{"ca"}, DepartmentId{"1"}, "", "", "", "", ""},
                  {ProjectId{2}, "team-b", ClusterId{"ca"}, DepartmentId{"1"}, "", "", "", "", ""},
                  {ProjectId{3}, "team-c", ClusterId{"cb"}, DepartmentId{"3"}, "", "", "", "", ""}};
    return OrgTree(d);
}

const ScopeRef kTenant{ScopeType::Tenant, {}, {}, {}};
ScopeRef cluster(const char* id) {
    return {ScopeType::Cluster, ClusterId{id}, {}, {}};
}
ScopeRef department(const char* id) {
    return {ScopeType::Department, {}, DepartmentId{id}, {}};
}
ScopeRef project(std::int64_t id) {
    return {ScopeType::Project, {}, {}, ProjectId{id}};
}

// One credential per scope node, named after it, with the row's scope normalized as make_row does.
std::vector<CredentialRow> rows_of(const OrgTree& o) {
    const std::vector<std::pair<std::string, ScopeRef>> defs = {
        {"at-account", kTenant},          {"at-cluster-a", cluster("ca")}, {"at-cluster-b", cluster("cb")},
        {"at-research", department("1")}, {"at-vision", department("3")},  {"at-team-a", project(1)},
        {"at-team-b", project(2)},        {"at-team-c", project(3)}};
    std::vector<CredentialRow> rows;
    for (const auto& [name, scope] : defs) {
        CredentialRow r;
        r.id = CredentialId{name};
        r.scope = o.normalized(scope);
        r.set(Column::Credential, name);
        r.set(Column::Type, name.find("team") != std::string::npos ? "Password" : "Access key");
        rows.push_back(std::move(r));
    }
    return rows;
}

std::vector<std::string> shown(const std::vector<CredentialRow>& rows, const TableView& v, const OrgTree& o) {
    std::vector<std::string> out;
    for (auto i : compute_view(rows, v, &o)) out.push_back(std::string(rows[i].cell(Column::Credential)));
    return out;
}

TableView usable_at(ScopeRef s) {
    TableView v;
    v.usable_at = s;
    return v;
}

}  // namespace

TEST_CASE("usable at a node: credentials defined there and at its ancestors") {
    const OrgTree o = org();
    const auto rows = rows_of(o);
    CHECK(shown(rows, usable_at(project(1)), o) ==
          std::vector<std::string>{"at-account", "at-cluster-a", "at-research", "at-team-a"});
    CHECK(shown(rows, usable_at(department("3")), o) ==
          std::vector<std::string>{"at-account", "at-cluster-b", "at-vision"});
    CHECK(shown(rows, usable_at(cluster("ca")), o) == std::vector<std::string>{"at-account", "at-cluster-a"});
    CHECK(shown(rows, usable_at(kTenant), o) == std::vector<std::string>{"at-account"});
    CHECK(shown(rows, TableView{}, o).size() == rows.size());
    // An unknown node inherits only from the account.
    CHECK(shown(rows, usable_at(project(99)), o) == std::vector<std::string>{"at-account"});
}

TEST_CASE("usable at agrees with OrgTree::inherits for every node") {
    const OrgTree o = org();
    const auto rows = rows_of(o);
    const std::vector<ScopeRef> nodes = {kTenant,         cluster("ca"), cluster("cb"), department("1"),
                                         department("3"), project(1),    project(2),    project(3)};
    for (const ScopeRef& at : nodes) {
        std::vector<std::string> expected;
        for (const auto& r : rows)
            if (o.inherits(r.scope, at)) expected.push_back(std::string(r.cell(Column::Credential)));
        CAPTURE(o.scope_name(at));
        CHECK(shown(rows, usable_at(at), o) == expected);
        // The node as the app keeps it (own id only) and with its parents filled give the same rows.
        CHECK(shown(rows, usable_at(o.normalized(at)), o) == expected);
    }
}

TEST_CASE("usable at combines with search, filters and sort") {
    const OrgTree o = org();
    const auto rows = rows_of(o);
    TableView v = usable_at(project(2));
    v.filters.push_back({Column::Type, {"Access key"}, {}});
    v.sort = {{Column::Credential, true}};
    CHECK(shown(rows, v, o) == std::vector<std::string>{"at-research", "at-cluster-a", "at-account"});
    v.search = "CLUSTER";
    CHECK(shown(rows, v, o) == std::vector<std::string>{"at-cluster-a"});
}

TEST_CASE("usable at in the URL hash: format, round trips, equality") {
    TableView v = usable_at(project(12));
    CHECK(encode_view_hash(v) == "u=project:12");
    CHECK(decode_view_hash("u=project:12") == v);
    v.search = "s3";
    v.sort = {{Column::Scope, false}};
    CHECK(encode_view_hash(v) == "q=s3&s=scope&u=project:12");
    CHECK(decode_view_hash(encode_view_hash(v)) == v);

    for (const ScopeRef& s :
         {kTenant, cluster("d73a738f-fab3-430a"), department("4"), project(0), project(-7), cluster("a b&c|d:e%"),
          department("caf\xC3\xA9"), ScopeRef{ScopeType::System, {}, {}, {}}}) {
        const TableView w = usable_at(s);
        CAPTURE(encode_view_hash(w));
        CHECK(decode_view_hash(encode_view_hash(w)) == w);
        CHECK(decode_view_hash(encode_view_hash(w)).usable_at.has_value());
    }
    CHECK(encode_view_hash(usable_at(kTenant)) == "u=tenant");
    CHECK(encode_view_hash(usable_at(cluster("c 1"))) == "u=cluster:c%201");

    // Equality compares the node, not the parent ids it happens to carry.
    CHECK(usable_at(project(3)) ==
          usable_at(ScopeRef{ScopeType::Project, ClusterId{"cb"}, DepartmentId{"3"}, ProjectId{3}}));
    CHECK_FALSE(usable_at(project(3)) == usable_at(project(4)));
    CHECK_FALSE(usable_at(project(3)) == TableView{});
    CHECK_FALSE(usable_at(department("3")) == usable_at(project(3)));
}

TEST_CASE("usable at: malformed hash parts are ignored") {
    for (const char* bad : {"u=", "u=project", "u=project:", "u=project:x1", "u=project:1.5", "u=project:-",
                            "u=cluster", "u=cluster:", "u=department:", "u=tenant:1", "u=galaxy:1", "u=:1"}) {
        CAPTURE(bad);
        const TableView v = decode_view_hash(bad);
        CHECK_FALSE(v.usable_at);
        CHECK(decode_view_hash(encode_view_hash(v)) == v);
    }
    // The last "u" wins, other parts are unaffected.
    const TableView v = decode_view_hash("q=a&u=project:1&u=department:2");
    REQUIRE(v.usable_at);
    CHECK(v.usable_at->type == ScopeType::Department);
    CHECK(v.search == "a");
}

TEST_CASE("usable at over 100,000 rows stays cheap (timing printed)") {
    OrgData d;
    int project_id = 1;
    for (int c = 0; c < 5; ++c) {
        const ClusterId cid{"c" + std::to_string(c)};
        d.clusters.push_back({cid, "gpu-" + std::to_string(c), 1, "", {}, {}, ""});
        for (int k = 0; k < 10; ++k) {
            const DepartmentId did{std::to_string(c * 10 + k)};
            d.departments.push_back({did, "d" + did.value, cid, "", "", ""});
            for (int p = 0; p < 20; ++p, ++project_id)
                d.projects.push_back(
                    {ProjectId{project_id}, "p" + std::to_string(project_id), cid, did, "", "", "", "", ""});
        }
    }
    const OrgTree o(d);
    std::vector<CredentialRow> rows(100000);
    std::size_t expected = 0;
    const ScopeRef target = project(137);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        ScopeRef s;
        switch (i % 4) {
            case 0: s = kTenant; break;
            case 1: s = ScopeRef{ScopeType::Cluster, ClusterId{"c" + std::to_string(i % 5)}, {}, {}}; break;
            case 2: s = ScopeRef{ScopeType::Department, {}, DepartmentId{std::to_string(i % 50)}, {}}; break;
            default: s = project(static_cast<std::int64_t>(1 + i % 1000)); break;
        }
        rows[i].scope = o.normalized(s);
        rows[i].set(Column::Credential, "cred-" + std::to_string(i));
        if (o.inherits(rows[i].scope, target)) ++expected;
    }
    const auto t0 = std::chrono::steady_clock::now();
    const auto order = compute_view(rows, usable_at(target), &o);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    CHECK(order.size() == expected);
    CHECK(expected > 25000);  // every account-level row, plus its cluster, department and project
    MESSAGE("usable-at filter over 100k rows: " << ms << " ms");
}
