// The scope tree diagram through update(): opening it on a credential or a scope, collapsing
// (and the collapsed start of a large organization), the node search, a node click that filters
// the table to the credentials usable there (chip, URL hash, clearing), and the table's own
// state staying as it was.
#include <doctest/doctest.h>

#include <algorithm>

#include "app/update.h"
#include "app/update_internal.h"
#include "core/scope_diagram.h"
#include "core/table_view_hash.h"

using namespace cc;
using namespace cc::app;

namespace {

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

Credential make(const std::string& name, ScopeRef scope) {
    Credential c;
    c.meta.id = CredentialId{"id-" + name};
    c.meta.kind = CredentialKind::AccessKey;
    c.meta.name = name;
    c.meta.scope = scope;
    c.meta.created_by = "admin@demo.local";
    c.meta.created_at = "2026-01-01T00:00:00Z";
    c.spec = empty_spec(c.meta.kind);
    return c;
}

// A loaded state over an org (built directly: the load itself is tested in update_test.cpp).
State loaded(OrgData org, std::vector<Credential> list) {
    State s;
    s.screen = Screen::Credentials;
    s.phase = LoadPhase::Loaded;
    set_org(s, OrgTree(std::move(org)));
    s.credentials = CredentialStore(list);
    s.rows = make_rows(s.credentials, s.org, 0);
    rows_changed(s, 0);
    recompute_view(s);
    return s;
}

// Account -> cluster-a (research: team-a 1, team-b 2; platform: team-c 3), cluster-b (vision: team-d 4).
OrgData small_org() {
    OrgData d;
    d.clusters = {{ClusterId{"ca"}, "cluster-a", 1, "", {}, {}, ""}, {ClusterId{"cb"}, "cluster-b", 1, "", {}, {}, ""}};
    d.departments = {{DepartmentId{"1"}, "research", ClusterId{"ca"}, "", "", ""},
                     {DepartmentId{"2"}, "platform", ClusterId{"ca"}, "", "", ""},
                     {DepartmentId{"3"}, "vision", ClusterId{"cb"}, "", "", ""}};
    d.projects = {{ProjectId{1}, "team-a", ClusterId{"ca"}, DepartmentId{"1"}, "", "", "", "", ""},
                  {ProjectId{2}, "team-b", ClusterId{"ca"}, DepartmentId{"1"}, "", "", "", "", ""},
                  {ProjectId{3}, "team-c", ClusterId{"ca"}, DepartmentId{"2"}, "", "", "", "", ""},
                  {ProjectId{4}, "team-d", ClusterId{"cb"}, DepartmentId{"3"}, "", "", "", "", ""}};
    return d;
}

State demo() {
    return loaded(small_org(),
                  {make("org-key", kTenant), make("nvcr-a", cluster("ca")), make("nvcr-b", cluster("cb")),
                   make("research-ghcr", department("1")), make("vision-ecr", department("3")),
                   make("team-a-git", project(1)), make("team-b-hub", project(2)), make("team-d-s3", project(4))});
}

// 5 clusters x 10 departments x 20 projects.
OrgData large_org() {
    OrgData d;
    int id = 1;
    for (int c = 0; c < 5; ++c) {
        const ClusterId cid{"c" + std::to_string(c)};
        d.clusters.push_back({cid, "gpu-" + std::to_string(c), 1, "", {}, {}, ""});
        for (int k = 0; k < 10; ++k) {
            const DepartmentId did{std::to_string(100 + c * 10 + k)};
            d.departments.push_back({did, "dept-" + did.value, cid, "", "", ""});
            for (int p = 0; p < 20; ++p, ++id)
                d.projects.push_back({ProjectId{id}, "proj-" + std::to_string(id), cid, did, "", "", "", "", ""});
        }
    }
    return d;
}

std::vector<std::string> shown(const State& s) {
    std::vector<std::string> names;
    for (auto i : s.view_rows) names.push_back(std::string(s.rows[i].cell(Column::Credential)));
    return names;
}

std::string hash_of(const std::vector<Effect>& fx) {
    for (const auto& e : fx)
        if (auto* h = std::get_if<WriteUrlHash>(&e)) return h->hash;
    return "<none>";
}

bool has(const std::vector<ScopeRef>& list, const ScopeRef& s) {
    return std::any_of(list.begin(), list.end(), [&](const ScopeRef& r) { return same_scope_node(r, s); });
}

}  // namespace

TEST_CASE("a credential's scope cell opens the diagram on that credential's node") {
    State s = demo();
    CHECK_FALSE(s.diagram.open);
    CHECK(update(s, DiagramOpened{CredentialId{"id-team-a-git"}, {}}).empty());
    REQUIRE(s.diagram.open);
    CHECK(s.diagram.credential == CredentialId{"id-team-a-git"});
    CHECK(same_scope_node(s.diagram.focus, project(1)));
    CHECK_FALSE(s.diagram.focus.cluster_id);  // kept as the node itself
    CHECK(s.diagram.nav.collapsed.empty());   // a small org opens whole
    const auto first = s.diagram.serial;

    update(s, DiagramClosed{});
    CHECK_FALSE(s.diagram.open);
    update(s, DiagramOpened{CredentialId{"id-nvcr-b"}, {}});
    CHECK(same_scope_node(s.diagram.focus, cluster("cb")));
    CHECK(s.diagram.serial > first);  // the view fits itself anew

    // From a scope (the new-credential picker, the usable-at chip): no credential.
    update(s, DiagramOpened{{}, department("2")});
    CHECK(s.diagram.open);
    CHECK_FALSE(s.diagram.credential);
    CHECK(same_scope_node(s.diagram.focus, department("2")));
}

TEST_CASE("opening for an unknown credential or without a scope changes nothing") {
    State s = demo();
    CHECK(update(s, DiagramOpened{CredentialId{"nope"}, {}}).empty());
    CHECK_FALSE(s.diagram.open);
    update(s, DiagramOpened{{}, {}});
    CHECK_FALSE(s.diagram.open);
}

TEST_CASE("the table keeps its search, sort, filters and selection while the diagram is open") {
    State s = demo();
    update(s, SearchChanged{"team"});
    update(s, SortClicked{Column::Credential, false});
    update(s, RowClicked{CredentialId{"id-team-b-hub"}});
    const TableView view = s.view;
    const auto rows = s.view_rows;
    update(s, DiagramOpened{CredentialId{"id-team-b-hub"}, {}});
    update(s, DiagramNodeToggled{department("1")});
    update(s, DiagramSearchChanged{"vision"});
    update(s, DiagramClosed{});
    CHECK(s.view == view);
    CHECK(s.view_rows == rows);
    CHECK(s.selection == std::vector<CredentialId>{CredentialId{"id-team-b-hub"}});
}

TEST_CASE("a node click filters the table to the credentials usable there and returns to it") {
    State s = demo();
    update(s, DiagramOpened{CredentialId{"id-team-a-git"}, {}});
    auto fx =
        update(s, DiagramNodeClicked{ScopeRef{ScopeType::Project, ClusterId{"ca"}, DepartmentId{"1"}, ProjectId{2}}});
    CHECK_FALSE(s.diagram.open);
    REQUIRE(s.view.usable_at);
    CHECK(same_scope_node(*s.view.usable_at, project(2)));
    CHECK_FALSE(s.view.usable_at->cluster_id);
    CHECK(shown(s) == std::vector<std::string>{"org-key", "nvcr-a", "research-ghcr", "team-b-hub"});
    CHECK(hash_of(fx) == "u=project:2");

    // Combined with the search; removed by its chip; "clear filters" removes it too.
    update(s, SearchChanged{"nv"});
    CHECK(shown(s) == std::vector<std::string>{"nvcr-a"});
    fx = update(s, UsableAtCleared{});
    CHECK_FALSE(s.view.usable_at);
    CHECK(shown(s) == std::vector<std::string>{"nvcr-a", "nvcr-b"});
    CHECK(hash_of(fx) == "q=nv");
    CHECK(update(s, UsableAtCleared{}).empty());

    update(s, DiagramNodeClicked{cluster("cb")});
    CHECK(shown(s) == std::vector<std::string>{"nvcr-b"});
    update(s, FiltersCleared{false});
    CHECK_FALSE(s.view.usable_at);
    CHECK(s.view.search == "nv");
    update(s, DiagramNodeClicked{kTenant});
    CHECK(shown(s).empty());  // "org-key" is usable at the account but does not match "nv"
    update(s, FiltersCleared{true});
    CHECK(shown(s).size() == 8);
}

TEST_CASE("a usable-at link restores the filtered table, once the org is known") {
    State s = demo();
    update(s, UrlHashChanged{"u=department:3", false});
    CHECK(shown(s) == std::vector<std::string>{"org-key", "nvcr-b", "vision-ecr"});
}

TEST_CASE("collapse and expand one node, or all") {
    State s = demo();
    update(s, DiagramOpened{CredentialId{"id-org-key"}, {}});
    update(s, DiagramNodeToggled{ScopeRef{ScopeType::Department, ClusterId{"ca"}, DepartmentId{"1"}, {}}});
    CHECK(s.diagram.nav.is_collapsed(department("1")));
    CHECK(s.diagram.nav.collapsed.size() == 1);
    update(s, DiagramNodeToggled{department("1")});
    CHECK(s.diagram.nav.collapsed.empty());

    update(s, DiagramAllToggled{false});
    CHECK(s.diagram.nav.collapsed.size() == 2 + 3);  // clusters and departments; the account stays open
    CHECK(has(s.diagram.nav.collapsed, cluster("ca")));
    CHECK(has(s.diagram.nav.collapsed, department("3")));
    CHECK_FALSE(has(s.diagram.nav.collapsed, kTenant));
    update(s, DiagramAllToggled{true});
    CHECK(s.diagram.nav.collapsed.empty());
}

TEST_CASE("a large organization opens with only the focus path expanded") {
    State s = loaded(large_org(), {make("p245", project(245)), make("top", kTenant)});
    update(s, DiagramOpened{CredentialId{"id-p245"}, {}});
    // project 245: cluster c1 (projects 201-400), department 112 (241-260).
    CHECK(s.diagram.nav.collapsed.size() == 4 + 49);
    CHECK_FALSE(has(s.diagram.nav.collapsed, cluster("c1")));
    CHECK_FALSE(has(s.diagram.nav.collapsed, department("112")));
    CHECK(has(s.diagram.nav.collapsed, department("111")));
    CHECK(has(s.diagram.nav.collapsed, cluster("c0")));

    update(s, DiagramOpened{CredentialId{"id-top"}, {}});
    CHECK(s.diagram.nav.collapsed.size() == 5 + 50);
}

TEST_CASE("search picks the best match, expands the way to it, and Enter moves to the next") {
    State s = loaded(large_org(), {make("top", kTenant)});
    update(s, DiagramOpened{CredentialId{"id-top"}, {}});
    REQUIRE(s.diagram.nav.is_collapsed(department("134")));
    const auto serial = s.diagram.nav.match_serial;

    update(s, DiagramSearchChanged{"PROJ-677"});  // cluster c3, department 133
    REQUIRE(s.diagram.nav.match());
    CHECK(same_scope_node(*s.diagram.nav.match(), project(677)));
    CHECK(s.diagram.nav.match_serial == serial + 1);
    CHECK_FALSE(s.diagram.nav.is_collapsed(cluster("c3")));
    CHECK_FALSE(s.diagram.nav.is_collapsed(department("133")));
    CHECK(s.diagram.nav.is_collapsed(department("134")));  // only the way to the match opens
    CHECK(s.diagram.nav.is_collapsed(cluster("c2")));

    update(s, DiagramSearchChanged{"dept-14"});  // dept-140 .. dept-149, in tree order
    REQUIRE(s.diagram.nav.matches.size() == 10);
    CHECK(same_scope_node(*s.diagram.nav.match(), department("140")));
    update(s, DiagramSearchNext{});
    CHECK(same_scope_node(*s.diagram.nav.match(), department("141")));
    CHECK(s.diagram.nav.match_serial == serial + 3);
    for (int i = 0; i < 9; ++i) update(s, DiagramSearchNext{});
    CHECK(same_scope_node(*s.diagram.nav.match(), department("140")));  // wraps around

    update(s, DiagramSearchChanged{"no-such-scope"});
    CHECK_FALSE(s.diagram.nav.match());
    CHECK(update(s, DiagramSearchNext{}).empty());
    update(s, DiagramSearchChanged{""});
    CHECK(s.diagram.nav.matches.empty());
}

TEST_CASE("signing out closes the diagram and forgets it") {
    State s = demo();
    update(s, DiagramOpened{CredentialId{"id-team-a-git"}, {}});
    update(s, LogoutRequested{});
    CHECK_FALSE(s.diagram.open);
    CHECK(s.diagram.nav.collapsed.empty());
}
