// The permitted-scopes answer: typed ids per level (numbers or strings on the wire), a project id
// that is not a number refused as malformed, and the one-project case a form can preset.
#include "core/permitted_scopes.h"

#include <doctest/doctest.h>

using namespace cc;

TEST_CASE("permitted scopes: ids come as strings or numbers and are kept typed") {
    auto p = decode_permitted_scopes(
        R"({"create":{"system":false,"tenants":["1"],"clusters":["ca"],"departments":[3,"4"],"projects":["7",8]},
            "read":null,"update":{"projects":["7"]},"delete":{}})");
    REQUIRE(p);
    CHECK(p->create.clusters.count(ClusterId{"ca"}));
    CHECK(p->create.departments.count(DepartmentId{"3"}));
    CHECK(p->create.departments.count(DepartmentId{"4"}));
    CHECK(p->create.projects.count(ProjectId{7}));
    CHECK(p->create.projects.count(ProjectId{8}));
    CHECK(p->create.allows(ScopeRef{ScopeType::Project, {}, {}, ProjectId{8}}));
    CHECK_FALSE(p->create.allows(ScopeRef{ScopeType::Project, {}, {}, ProjectId{9}}));
    CHECK(p->create.allows(ScopeRef{ScopeType::Tenant, {}, {}, {}}));
    CHECK_FALSE(p->read.any());
    CHECK(p->update.allows(ScopeRef{ScopeType::Project, {}, {}, ProjectId{7}}));
}

TEST_CASE("permitted scopes: a project id that is not a number is malformed") {
    CHECK_FALSE(decode_permitted_scopes(R"({"create":{"projects":["seven"]}})"));
    CHECK_FALSE(decode_permitted_scopes(R"({"create":{"projects":["-7"]}})"));
    CHECK_FALSE(decode_permitted_scopes(R"({"create":{"projects":["7x"]}})"));
    CHECK_FALSE(decode_permitted_scopes(R"({"create":{"projects":[true]}})"));
    CHECK(parse_project_id("42") == std::optional<ProjectId>(ProjectId{42}));
    CHECK_FALSE(parse_project_id(""));
    CHECK_FALSE(parse_project_id("1234567890123456789"));  // 19 digits
}

TEST_CASE("permitted scopes: exactly one project and nothing above it is a single scope") {
    PermittedScopes p;
    CHECK_FALSE(p.single_project());
    p.projects.insert(ProjectId{7});
    REQUIRE(p.single_project());
    CHECK(p.single_project()->type == ScopeType::Project);
    CHECK(p.single_project()->project_id == ProjectId{7});
    p.projects.insert(ProjectId{8});
    CHECK_FALSE(p.single_project());  // two to choose from
    p.projects.erase(ProjectId{8});
    p.departments.insert(DepartmentId{"1"});
    CHECK_FALSE(p.single_project());  // a department too
    p.departments.clear();
    p.system = true;
    CHECK_FALSE(p.single_project());
}
