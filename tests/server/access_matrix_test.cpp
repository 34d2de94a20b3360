// Who may call what: the access rule every route declares (the whole route table), the
// dispatcher's refusals against the role table, and a role x endpoint x scope matrix over HTTP for
// the demo users and the demo-research-bot client: data sources (git, s3), environments,
// existing-secrets, the x-reference extension and the org lists. Refusals are 403/404/400 in the
// error shape, never a 5xx, and never name what the caller may not see.
#include <array>
#include <map>
#include <memory>
#include <set>
#include <type_traits>

#include "cluster_support.h"
#include "server/routes.h"

using namespace cc;
using namespace cc::test;
using server::Action;
using server::RouteAccess;

namespace {

// ---- callers -----------------------------------------------------------------------------------

// The order of every expectation row below.
constexpr std::size_t kCallers = 5;
const std::array<std::string, kCallers> kCallerNames = {"admin", "dept-admin", "researcher", "viewer", "research-bot"};
using Expected = std::array<int, kCallers>;

// admin: System administrator (account); dept-admin: Department administrator of research
// (department 1: projects 1-3); researcher and research-bot: L1 researcher of team-a (project 1);
// viewer: Viewer of the account.
std::vector<std::unique_ptr<Api>> sign_in_all(const TestServer& s) {
    std::vector<std::unique_ptr<Api>> out;
    out.push_back(std::make_unique<Api>(s, kAdmin));
    out.push_back(std::make_unique<Api>(s, kDeptAdmin));
    out.push_back(std::make_unique<Api>(s, kResearcher));
    out.push_back(std::make_unique<Api>(s, kViewer));
    out.push_back(std::make_unique<Api>(s, kResearchBot));
    return out;
}

struct Answer {
    int status = 0;
    Json body;
    std::string raw;
};

// One request; any answer is checked against the document (by Api), must not be a 5xx, and when
// it is an error must have the error shape.
Answer call(Api& api, const std::string& method, const std::string& path, const Json& body = nullptr) {
    httplib::Result r = method == "GET"    ? api.get(path)
                        : method == "POST" ? api.post(path, body)
                        : method == "PUT"  ? api.put(path, body)
                                           : api.del(path);
    REQUIRE(r);
    CHECK_MESSAGE(r->status < 500, method << " " << path << " -> " << r->status << " " << r->body.substr(0, 300));
    Answer a{r->status, r->body.empty() ? Json(nullptr) : body_json(r), r->body};
    if (r->status >= 400) expect_error(r, r->status);
    return a;
}

// The answer's text holds none of `hidden` (names and paths the caller may not see).
void reveals_none(const Answer& a, std::initializer_list<std::string> hidden) {
    for (const auto& h : hidden) CHECK_MESSAGE(a.raw.find(h) == std::string::npos, "leaks " << h << ": " << a.raw);
}

// The same request from every caller, each answered with its expected status.
void expect_row(std::vector<std::unique_ptr<Api>>& callers, const std::string& method, const std::string& path,
                const Expected& expected, const Json& body = nullptr) {
    for (std::size_t i = 0; i < kCallers; ++i) {
        CAPTURE(kCallerNames[i]);
        CAPTURE(method + " " + path);
        const Answer a = call(*callers[i], method, path, body);
        CHECK(a.status == expected[i]);
        if (a.status == 403) CHECK(a.body.at("message") == "You do not have sufficient permissions.");
    }
}

std::set<std::string> names_of(const Json& list, const char* key = nullptr) {
    std::set<std::string> out;
    for (const auto& e : key ? list.at(key) : list)
        out.insert(e.contains("meta") ? e.at("meta").at("name") : e.at("name"));
    return out;
}

std::string seeded(const std::string& name) {
    return server::uuid_from_name("credential/" + name);
}

const std::string kGit = "/api/v1/asset/datasource/git";
const std::string kS3 = "/api/v1/asset/datasource/s3";
const std::string kEnv = "/api/v1/asset/environment";
const std::string kExisting = kCredentialsPath + "/existing-secrets";

// A create body of each asset type that references no credential.
Json public_spec(const std::string& collection) {
    if (collection == kGit) return {{"repository", "https://git.demo.local/open.git"}, {"path", "/src"}};
    if (collection == kS3) return {{"bucket", "open-data"}, {"path", "/"}};
    return {{"image", "python:3.12"}};
}

}  // namespace

// ---- the route table ---------------------------------------------------------------------------

TEST_CASE("access: every route declares who may call it, and the table is the one reviewed") {
    static_assert(!std::is_default_constructible_v<RouteAccess>, "a route's access has no default");
    TempDir dir;
    REQUIRE(server::crypto_init());
    auto store = server::Store::open(dir.path() / "credentials.db");
    REQUIRE(store.ok());
    const server::SecretBox box(1, server::Bytes(server::SecretBox::kKeyBytes, 1));
    const server::TokenService tokens(server::Bytes(server::TokenService::kKeyBytes, 2));
    const server::ServerContext ctx{**store, box, tokens};
    server::Router router;
    server::add_cluster_ext_routes(router, ctx);
    server::add_token_routes(router, ctx);
    server::add_credential_routes(router, ctx);
    server::add_registry_login_routes(router, ctx);
    server::add_permission_routes(router, ctx);
    server::add_org_routes(router, ctx);
    server::add_asset_routes(router, ctx);
    server::add_audit_routes(router, ctx);

    std::map<std::string, std::string> expected = {
        {"POST /api/v1/token", "public"},
        {"POST /api/v2/token", "public"},
        {"GET /api/v1/asset/credentials", "scoped:read"},
        {"POST /api/v1/authorization/permitted-scopes", "signed-in"},
        {"GET /api/v1/clusters", "signed-in"},
        {"GET /api/v1/clusters/{clusterUuid}", "signed-in"},
        {"GET /api/v1/org-unit/departments", "signed-in"},
        {"GET /api/v1/org-unit/departments/{departmentId}", "signed-in"},
        {"GET /api/v1/org-unit/projects", "signed-in"},
        {"GET /api/v1/org-unit/projects/{projectId}", "signed-in"},
        {"GET /api/v1/asset/credentials/existing-secrets", "scoped:create"},
        {"GET /api/v1/x-reference/clusters/{clusterUuid}/secrets", "system-admin"},
        {"POST /api/v1/x-reference/clusters/{clusterUuid}/secrets", "system-admin"},
        {"GET /api/v1/x-reference/clusters/{clusterUuid}/namespaces", "system-admin"},
        {"GET /api/v1/x-reference/clusters/{clusterUuid}/reachability", "system-admin"},
        {"PUT /api/v1/x-reference/clusters/{clusterUuid}/reachability", "system-admin"},
        {"GET /api/v1/x-reference/audit", "system-admin"},
        {"GET /api/v1/x-reference/credentials/{id}/history", "scoped:read"},
        {"POST /api/v1/asset/credentials/docker-registry/test-login", "scoped:create"},
        {"POST /api/v1/asset/credentials/docker-registry/{id}/test-login", "scoped:read"},
        {"GET /api/v1/asset/credentials/docker-registry/{id}/login-check", "scoped:read"},
        {"POST /api/v1/asset/credentials/ngc-api-key/{id}/test-login", "scoped:read"},
        {"GET /api/v1/asset/credentials/ngc-api-key/{id}/login-check", "scoped:read"},
    };
    for (auto kind : kAllKinds) {
        const std::string list = kind_path(kind), item = list + "/{id}";
        expected["GET " + list] = "scoped:read";
        expected["POST " + list] = "signed-in";  // a personal credential needs no role
        expected["GET " + item] = "scoped:read";
        expected["PUT " + item] = "signed-in";
        expected["DELETE " + item] = "signed-in";
    }
    for (const auto& path : {kGit, kS3, kEnv}) {
        expected["POST " + path] = "scoped:create";
        expected["GET " + path] = "scoped:read";
        expected["GET " + path + "/{AssetId}"] = "scoped:read";
        expected["DELETE " + path + "/{AssetId}"] = "scoped:delete";
    }
    std::map<std::string, std::string> actual;
    for (const auto& r : router.routes()) {
        const std::string key = r.method + " " + r.pattern;
        CHECK_MESSAGE(actual.count(key) == 0, "registered twice: " << key);
        actual[key] = r.access.describe();
    }
    CHECK(actual == expected);
}

TEST_CASE("access: the dispatcher's rules against the role table") {
    OrgData d;
    d.clusters = {{ClusterId{"c1"}, "cluster-a", 1001, "", {}, {}, "Connected"}};
    d.departments = {{DepartmentId{"1"}, "research", ClusterId{"c1"}, "", "", ""}};
    d.projects = {{ProjectId{1}, "p1", ClusterId{"c1"}, DepartmentId{"1"}, "research", "runai-p1", "", "", ""}};
    auto caller = [&d](std::vector<server::RoleAssignment> roles) {
        OrgTree tree(d);
        auto p = server::Permissions::for_roles(roles, tree, 1001);
        return server::CallerAccess{"someone@x", std::move(tree), std::move(p)};
    };
    const auto admin = caller({{"System administrator", ScopeType::Tenant, "1001"}});
    const auto viewer = caller({{"Viewer", ScopeType::Tenant, "1001"}});
    const auto researcher = caller({{"L1 researcher", ScopeType::Project, "1"}});
    const auto nobody = caller({});
    // A system role assigned below the account does not make a System administrator.
    const auto odd = caller({{"System administrator", ScopeType::Project, "1"}});

    CHECK(admin.permissions.is_system_admin());
    CHECK_FALSE(viewer.permissions.is_system_admin());
    CHECK_FALSE(odd.permissions.is_system_admin());
    for (const auto* c : {&admin, &viewer, &researcher, &nobody, &odd}) {
        CHECK_FALSE(RouteAccess::public_route().refusal(*c));
        CHECK_FALSE(RouteAccess::signed_in().refusal(*c));
    }
    CHECK_FALSE(RouteAccess::system_admin().refusal(admin));
    for (const auto* c : {&viewer, &researcher, &nobody, &odd}) {
        const auto e = RouteAccess::system_admin().refusal(*c);
        REQUIRE(e);
        CHECK(e->code == 403);
        CHECK(e->message == "You do not have sufficient permissions.");
    }
    for (auto a : server::kAllActions) {
        CAPTURE(server::action_api_name(a));
        CHECK_FALSE(RouteAccess::scoped(a).refusal(admin));
        CHECK_FALSE(RouteAccess::scoped(a).refusal(researcher));
        CHECK(RouteAccess::scoped(a).refusal(nobody));
        CHECK(RouteAccess::scoped(a).refusal(viewer).has_value() == (a != Action::Read));
    }
    // What the org lists show: readable nodes and the ancestors of those.
    CHECK(researcher.permissions.visible_nodes().clusters == std::set<std::string>{"c1"});
    CHECK(researcher.permissions.visible_nodes().projects == std::set<std::int64_t>{1});
    CHECK(nobody.permissions.visible_nodes().empty());
}

// ---- data sources and environments -------------------------------------------------------------

TEST_CASE("access matrix: data sources and environments follow the credential role x scope rules") {
    TestServer server;
    auto callers = sign_in_all(server);
    Api& admin = *callers[0];

    SUBCASE("lists and GETs show what each caller can read, inherited scopes included") {
        // Seeded: models-git, jupyter-wandb (team-a), datasets-s3 (cluster-a), pytorch-ngc (account),
        // infra-configs-git (platform), imagenet-s3 (vision), vllm-server (nlp).
        const std::map<std::string, std::array<std::set<std::string>, 2>> lists = {
            {kGit, {{{"models-git", "infra-configs-git"}, {"models-git"}}}},
            {kS3, {{{"imagenet-s3", "datasets-s3"}, {"datasets-s3"}}}},
            {kEnv, {{{"jupyter-wandb", "pytorch-ngc", "vllm-server"}, {"jupyter-wandb", "pytorch-ngc"}}}},
        };
        for (const auto& [path, expected] : lists) {
            std::map<std::string, std::string> ids;
            const Json listed = admin.expect(admin.get(path), 200);  // kept alive for the loop
            for (const auto& e : listed.at("entries")) ids[e.at("meta").at("name")] = e.at("meta").at("id");
            for (std::size_t i = 0; i < kCallers; ++i) {
                CAPTURE(kCallerNames[i]);
                CAPTURE(path);
                const bool everything = i == 0 || i == 3;  // admin, viewer
                const auto& visible = expected[everything ? 0 : 1];
                const Answer list = call(*callers[i], "GET", path);
                REQUIRE(list.status == 200);
                CHECK(names_of(list.body, "entries") == visible);
                for (const auto& [name, id] : ids) {
                    CAPTURE(name);
                    const Answer one = call(*callers[i], "GET", path + "/" + id);
                    CHECK(one.status == (visible.count(name) ? 200 : 403));
                    if (one.status == 403) reveals_none(one, {name, "platform", "vision", "nlp", "cluster-b"});
                }
                CHECK(call(*callers[i], "GET", path + "/00000000-0000-4000-8000-000000000000").status == 404);
            }
        }
    }
    SUBCASE("create needs Create at the asset's scope; the viewer creates nowhere") {
        struct Row {
            const char* what;
            Json scope;
            Expected expected;
        };
        const std::vector<Row> rows = {
            {"account", tenant_scope(), {202, 403, 403, 403, 403}},
            {"cluster-a", cluster_scope(kClusterA), {202, 403, 403, 403, 403}},
            {"research", department_scope("1"), {202, 202, 403, 403, 403}},
            {"platform", department_scope("2"), {202, 403, 403, 403, 403}},
            {"team-a", project_scope(1), {202, 202, 202, 403, 202}},
            {"team-b", project_scope(2), {202, 202, 403, 403, 403}},
            {"team-d", project_scope(4), {202, 403, 403, 403, 403}},
        };
        for (const auto& path : {kGit, kS3, kEnv})
            for (const auto& row : rows)
                for (std::size_t i = 0; i < kCallers; ++i) {
                    CAPTURE(path);
                    CAPTURE(row.what);
                    CAPTURE(kCallerNames[i]);
                    const Json body = create_body("made-by-" + std::to_string(i), row.scope, public_spec(path));
                    const Answer a = call(*callers[i], "POST", path, body);
                    CHECK(a.status == row.expected[i]);
                    if (a.status == 403) CHECK(a.body.at("message") == "You do not have sufficient permissions.");
                    if (a.status == 202) CHECK(a.body.at("meta").at("createdBy").is_string());
                }
    }
    SUBCASE("delete needs Delete at the asset's scope") {
        const std::vector<std::pair<Json, Expected>> rows = {
            {tenant_scope(), {202, 403, 403, 403, 403}},        {cluster_scope(kClusterA), {202, 403, 403, 403, 403}},
            {department_scope("1"), {202, 202, 403, 403, 403}}, {department_scope("2"), {202, 403, 403, 403, 403}},
            {project_scope(1), {202, 202, 202, 403, 202}},      {project_scope(2), {202, 202, 403, 403, 403}},
            {project_scope(7), {202, 403, 403, 403, 403}},
        };
        int n = 0;
        for (const auto& path : {kGit, kS3, kEnv})
            for (const auto& [scope, expected] : rows)
                for (std::size_t i = 0; i < kCallers; ++i) {
                    CAPTURE(path);
                    CAPTURE(scope.dump());
                    CAPTURE(kCallerNames[i]);
                    const Json made = admin.expect(
                        admin.post(path, create_body("to-delete-" + std::to_string(++n), scope, public_spec(path))),
                        202);
                    const std::string item = path + "/" + made.at("meta").at("id").get<std::string>();
                    const Answer a = call(*callers[i], "DELETE", item);
                    CHECK(a.status == expected[i]);
                    // Refused: still there.
                    if (a.status != 202) admin.expect(admin.get(item), 200);
                }
    }
}

TEST_CASE("access matrix: an asset may reference only credentials its creator can read") {
    TestServer server;
    auto callers = sign_in_all(server);
    Api& admin = *callers[0];
    Api& researcher = *callers[2];
    const std::string missing = "00000000-0000-4000-8000-00000000beef";

    // The answer for an id that does not exist, with the id swapped for `id`.
    auto unknown_answer = [&](Api& api, const std::string& path, const Json& scope,
                              const std::function<Json(const std::string&)>& spec, const std::string& id) {
        Answer a = call(api, "POST", path, create_body("refs", scope, spec(missing)));
        REQUIRE(a.status == 400);
        std::string text = a.body.dump();
        for (auto at = text.find(missing); at != std::string::npos; at = text.find(missing))
            text.replace(at, missing.size(), id);
        return text;
    };
    auto s3 = [](const std::string& id) { return Json{{"bucket", "b"}, {"path", "/"}, {"accessKeyAssetId", id}}; };
    auto git = [](const std::string& id) {
        return Json{{"repository", "https://git.demo.local/x.git"}, {"path", "/"}, {"credentialId", id}};
    };
    auto env = [](const std::string& id) {
        return Json{
            {"environmentVariables", Json::array({{{"name", "X"}, {"credential", {{"assetId", id}, {"key", "k"}}}}})}};
    };

    // An admin's personal (private) secret: only the admin reads it.
    Json private_body =
        create_body("admins-private-secret", tenant_scope(), spec_with_values(CredentialKind::GenericSecret, "pk"));
    private_body["meta"]["private"] = true;
    const std::string private_secret =
        admin.expect(admin.post(kind_path(CredentialKind::GenericSecret), private_body), 202).at("meta").at("id");

    struct Case {
        const char* what;
        std::size_t caller;
        std::string path;
        Json scope;
        std::function<Json(const std::string&)> spec;
        std::string credential;
        std::vector<std::string> hidden;  // the credential's name and what its scope path would show
    };
    const std::vector<Case> cases = {
        {"researcher: team-c's key",
         2,
         kS3,
         project_scope(1),
         s3,
         seeded("team-c-s3"),
         {"team-c-s3", "team-c", "Account /"}},
        {"research-bot: team-c's key",
         4,
         kS3,
         project_scope(1),
         s3,
         seeded("team-c-s3"),
         {"team-c-s3", "team-c", "Account /"}},
        {"researcher: platform's Git account",
         2,
         kGit,
         project_scope(1),
         git,
         seeded("gitlab-platform"),
         {"gitlab-platform", "platform"}},
        {"researcher: team-b's registry in a variable",
         2,
         kEnv,
         project_scope(1),
         env,
         seeded("team-b-dockerhub"),
         {"team-b-dockerhub", "team-b"}},
        {"researcher: the admin's personal secret",
         2,
         kEnv,
         project_scope(1),
         env,
         private_secret,
         {"admins-private-secret"}},
        {"dept-admin: vision's key",
         1,
         kS3,
         department_scope("1"),
         s3,
         seeded("vision-datasets"),
         {"vision-datasets", "vision", "cluster-b"}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.what);
        Api& api = *callers[c.caller];
        const Answer a = call(api, "POST", c.path, create_body("refs", c.scope, c.spec(c.credential)));
        CHECK(a.status == 400);
        CHECK(a.body.dump() == unknown_answer(api, c.path, c.scope, c.spec, c.credential));
        CHECK(a.raw.find("not found") != std::string::npos);
        for (const auto& h : c.hidden) reveals_none(a, {h});
    }

    // Where the caller may not create, the scope is refused before any credential is looked at.
    const Answer elsewhere =
        call(researcher, "POST", kS3, create_body("refs", project_scope(3), s3(seeded("team-c-s3"))));
    CHECK(elsewhere.status == 403);
    reveals_none(elsewhere, {"team-c-s3", "team-c"});
    // The viewer creates nothing, whatever the body says.
    CHECK(call(*callers[3], "POST", kS3, create_body("refs", project_scope(1), s3(seeded("team-c-s3")))).status == 403);

    // Readable credentials still work, inherited ones included.
    for (std::size_t i : {std::size_t{2}, std::size_t{4}}) {
        CAPTURE(kCallerNames[i]);
        const Json ok = callers[i]->expect(
            callers[i]->post(kS3,
                             create_body("backups-" + std::to_string(i), project_scope(1), s3(seeded("backups-s3")))),
            202);
        CHECK(ok.at("spec").at("accessKeyAssetId") == seeded("backups-s3"));
    }

    // The reported sequence: the researcher cannot read team-c-s3 (403) and could attach a data
    // source to it, which then blocked its deletion with 412. Now nothing was attached.
    CHECK(call(researcher, "GET", item_path(CredentialKind::AccessKey, seeded("team-c-s3"))).status == 403);
    const Json usage =
        admin.expect(admin.get(item_path(CredentialKind::AccessKey, seeded("team-c-s3")) + "?usageInfo=true"), 200);
    CHECK(usage.at("usedBy").at("assets").at("datasources").empty());
    admin.expect(admin.del(item_path(CredentialKind::AccessKey, seeded("team-c-s3"))), 202);
}

// ---- existing-secrets --------------------------------------------------------------------------

TEST_CASE("access matrix: existing-secrets answers only where the caller may create credentials") {
    auto callers = sign_in_all(shared_server());
    struct Row {
        std::string query;
        Expected expected;
        std::vector<std::string> hidden;  // Secret names a refusal must not show
    };
    const std::vector<Row> rows = {
        {"kind=password&scope=cluster&clusterId=" + std::string(kClusterA),
         {200, 403, 403, 403, 403},
         {"ldap-sync-secret"}},
        {"kind=password&scope=department&departmentId=1", {200, 200, 403, 403, 403}, {"research-git-bot"}},
        {"kind=docker-registry&scope=department&departmentId=2", {200, 403, 403, 403, 403}, {"harbor-robot"}},
        {"kind=access-key&scope=project&projectId=1", {200, 200, 200, 403, 200}, {"team-a-s3"}},
        {"kind=access-key&scope=project&projectId=2", {200, 200, 403, 403, 403}, {}},
        {"kind=generic-secret&scope=project&projectId=5", {200, 403, 403, 403, 403}, {"team-e-env"}},
    };
    for (const auto& row : rows) {
        CAPTURE(row.query);
        const Answer reference = call(*callers[0], "GET", kExisting + "?" + row.query);
        REQUIRE(reference.status == 200);
        for (std::size_t i = 0; i < kCallers; ++i) {
            CAPTURE(kCallerNames[i]);
            const Answer a = call(*callers[i], "GET", kExisting + "?" + row.query);
            CHECK(a.status == row.expected[i]);
            if (a.status == 200) CHECK(a.body == reference.body);  // who asks changes nothing else
            if (a.status == 403) {
                CHECK(a.body.at("message") == "You do not have sufficient permissions.");
                for (const auto& h : row.hidden) reveals_none(a, {h});
            }
        }
    }
    // Bad parameters are still 400s for a caller who may create somewhere.
    CHECK(call(*callers[2], "GET", kExisting + "?kind=password&scope=project&projectId=999").status == 400);
}

// ---- x-reference -------------------------------------------------------------------------------

TEST_CASE("access matrix: x-reference is for System administrators, and never returns values") {
    TestServer server;
    auto callers = sign_in_all(server);
    const std::string base = std::string(kExt) + kClusterA;
    const Expected admin_only = {200, 403, 403, 403, 403};
    expect_row(callers, "GET", base + "/secrets", admin_only);
    expect_row(callers, "GET", base + "/secrets?namespace=runai", admin_only);
    expect_row(callers, "GET", base + "/namespaces", admin_only);
    expect_row(callers, "GET", base + "/reachability", admin_only);
    expect_row(callers, "PUT", base + "/reachability", admin_only, Json{{"reachable", true}});
    expect_row(callers, "GET", base + "/secrets?includeData=true", {400, 403, 403, 403, 403});
    expect_row(callers, "GET", std::string(kExt) + "00000000-0000-4000-8000-000000000000/secrets",
               {404, 403, 403, 403, 403});
    for (std::size_t i = 0; i < kCallers; ++i) {
        CAPTURE(kCallerNames[i]);
        const Json manifest = {{"apiVersion", "v1"},
                               {"kind", "Secret"},
                               {"metadata", {{"name", "probe-" + std::to_string(i)}, {"namespace", "runai"}}},
                               {"type", "Opaque"},
                               {"data", {{"k", server::base64_encode("v")}}}};
        const Answer a = call(*callers[i], "POST", base + "/secrets", manifest);
        CHECK(a.status == (i == 0 ? 201 : 403));
        if (a.status == 403) reveals_none(a, {"runai-team", "ldap-sync-secret", "cluster-a"});
    }
    // The admin's list: names, namespaces and labels, no values.
    const Answer list = call(*callers[0], "GET", base + "/secrets");
    REQUIRE(list.status == 200);
    REQUIRE_FALSE(list.body.at("items").empty());
    for (const auto& s : list.body.at("items")) CHECK_FALSE(s.contains("data"));
    const Answer values = call(*callers[0], "GET", base + "/secrets?includeData=true");
    CHECK(values.body.at("message") == "Secret values are never returned by this API");
    CHECK(values.body.at("details").get<std::string>().find("includeData") != std::string::npos);
}

// ---- org lists ---------------------------------------------------------------------------------

TEST_CASE("access matrix: org lists show readable nodes and the ancestors of those") {
    auto callers = sign_in_all(shared_server());
    const std::set<std::string> all_projects = {"team-a", "team-b", "team-c", "team-d", "team-e", "team-f",
                                                "team-g", "team-h", "team-i", "team-j", "team-k", "team-l"};
    struct View {
        std::set<std::string> clusters, departments, projects, research_children;
    };
    const std::array<View, kCallers> views = {{
        {{"cluster-a", "cluster-b"},
         {"research", "platform", "vision", "nlp"},
         all_projects,
         {"team-a", "team-b", "team-c"}},
        {{"cluster-a"}, {"research"}, {"team-a", "team-b", "team-c"}, {"team-a", "team-b", "team-c"}},
        {{"cluster-a"}, {"research"}, {"team-a"}, {"team-a"}},
        {{"cluster-a", "cluster-b"},
         {"research", "platform", "vision", "nlp"},
         all_projects,
         {"team-a", "team-b", "team-c"}},
        {{"cluster-a"}, {"research"}, {"team-a"}, {"team-a"}},
    }};
    for (std::size_t i = 0; i < kCallers; ++i) {
        CAPTURE(kCallerNames[i]);
        Api& api = *callers[i];
        const View& v = views[i];
        CHECK(names_of(api.expect(api.get("/api/v1/clusters?verbosity=metadata"), 200)) == v.clusters);
        const Json departments = api.expect(api.get("/api/v1/org-unit/departments?limit=500"), 200);
        CHECK(names_of(departments, "departments") == v.departments);
        CHECK_FALSE(departments.contains("next"));
        for (const auto& d : departments.at("departments"))
            if (d.at("name") == "research") CHECK(names_of(d.at("children")) == v.research_children);
        const Json projects = api.expect(api.get("/api/v1/org-unit/projects?limit=500"), 200);
        CHECK(names_of(projects, "projects") == v.projects);
        // Every project's path can be drawn: its department and cluster are listed too.
        for (const auto& p : projects.at("projects"))
            CHECK(v.departments.count(p.at("parent").at("name").get<std::string>()) == 1);
        // Paging and filters apply to the visible nodes only.
        const Json first = api.expect(api.get("/api/v1/org-unit/projects?limit=1"), 200);
        CHECK(first.contains("next") == (v.projects.size() > 1));
        CHECK(api.expect(api.get("/api/v1/org-unit/projects?filterBy=name==team-b"), 200).at("projects").size() ==
              v.projects.count("team-b"));
        CHECK(api.expect(api.get("/api/v1/org-unit/departments?filterBy=clusterId==" + std::string(kClusterB)), 200)
                  .at("departments")
                  .size() == (v.clusters.count("cluster-b") ? 2u : 0u));
    }
    // One node by id: 404 for nodes the caller cannot see, like ids that do not exist.
    struct Item {
        std::string path;
        Expected expected;
        std::vector<std::string> hidden;
    };
    const std::vector<Item> items = {
        {"/api/v1/clusters/" + std::string(kClusterA), {200, 200, 200, 200, 200}, {}},
        {"/api/v1/clusters/" + std::string(kClusterB), {200, 404, 404, 200, 404}, {"cluster-b"}},
        {"/api/v1/clusters/00000000-0000-4000-8000-000000000000", {404, 404, 404, 404, 404}, {}},
        {"/api/v1/org-unit/departments/1", {200, 200, 200, 200, 200}, {}},
        {"/api/v1/org-unit/departments/2", {200, 404, 404, 200, 404}, {"platform"}},
        {"/api/v1/org-unit/departments/99", {404, 404, 404, 404, 404}, {}},
        {"/api/v1/org-unit/projects/1", {200, 200, 200, 200, 200}, {}},
        {"/api/v1/org-unit/projects/2", {200, 200, 404, 200, 404}, {"team-b"}},
        {"/api/v1/org-unit/projects/4", {200, 404, 404, 200, 404}, {"team-d", "platform"}},
        {"/api/v1/org-unit/projects/999", {404, 404, 404, 404, 404}, {}},
    };
    for (const auto& item : items)
        for (std::size_t i = 0; i < kCallers; ++i) {
            CAPTURE(item.path);
            CAPTURE(kCallerNames[i]);
            const Answer a = call(*callers[i], "GET", item.path);
            CHECK(a.status == item.expected[i]);
            if (a.status == 404) {
                CHECK(a.body.at("message") == "Resource id not found.");
                for (const auto& h : item.hidden) reveals_none(a, {h});
            }
        }
}

// ---- credential endpoints ----------------------------------------------------------------------

TEST_CASE("access matrix: credential actions held nowhere are refused (403) once the request is understood") {
    auto callers = sign_in_all(shared_server());
    Api& viewer = *callers[3];
    const std::string any_password = seeded("team-a-git");
    // Create, update and delete are open to anyone signed in (a personal credential needs no
    // role), so their refusal comes from the service, once it knows what is asked: a bad body is
    // a 400 first; a good one outside the caller's permissions a 403.
    expect_error(viewer.post(kind_path(CredentialKind::Password), Json::object()), 400);
    expect_error(viewer.put(item_path(CredentialKind::Password, any_password), Json{{"spec", Json::object()}}), 400);
    for (const auto& [method, path, body] : std::vector<std::tuple<std::string, std::string, Json>>{
             {"POST", kind_path(CredentialKind::Password),
              create_body("v", project_scope(1), spec_with_values(CredentialKind::Password, "v"))},
             {"PUT", item_path(CredentialKind::Password, any_password), Json{{"meta", {{"description", "mine"}}}}},
             {"DELETE", item_path(CredentialKind::Password, any_password), nullptr},
             {"GET", kExisting + "?kind=password&scope=project&projectId=1", nullptr},
         }) {
        CAPTURE(method + " " + path);
        const Answer a = call(viewer, method, path, body);
        CHECK(a.status == 403);
        CHECK(a.body.at("message") == "You do not have sufficient permissions.");
        reveals_none(a, {"team-a-git"});
    }
    // What every demo caller may do somewhere stays open to it.
    expect_row(callers, "GET", kCredentialsPath, {200, 200, 200, 200, 200});
    expect_row(callers, "POST", "/api/v1/authorization/permitted-scopes", {200, 200, 200, 200, 200},
               Json{{"resourceType", "credentials"}});
}
