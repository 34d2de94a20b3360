// Existing secrets (docs/api.md, 'Existing secrets'): the labelled user Secrets of the simulated
// clusters, the listing extension with `inUse`, adding one through the admin extension, and
// credentials created from one (single use; replicated for department scope; the user's Secret
// survives the credential's deletion). validate_existing_secret is also checked directly against a
// store.
#include "server/existing_secrets.h"

#include <set>

#include "cluster_support.h"
#include "server/demo_seed.h"

using namespace cc;
using namespace cc::test;

namespace {

using K = CredentialKind;

const std::string kList = kCredentialsPath + "/existing-secrets";

std::map<std::string, bool> listing(Api& api, const std::string& query) {
    const Json body = api.expect(api.get(kList + "?" + query), 200);
    std::map<std::string, bool> out;
    for (const auto& s : body.at("secrets")) {
        CHECK(s.size() == 5);
        CHECK(s.at("namespace").is_string());
        CHECK(s.at("type").is_string());  // the Secret's Kubernetes type
        CHECK(s.at("kind").is_string());
        out[s.at("name")] = s.at("inUse");
    }
    return out;
}

Json user_secret(const std::string& name, const std::string& ns, const Json& labels) {
    return {{"apiVersion", "v1"},
            {"kind", "Secret"},
            {"metadata", {{"name", name}, {"namespace", ns}, {"labels", labels}}},
            {"type", "Opaque"},
            {"data", {{"User", server::base64_encode("alice")}, {"Password", server::base64_encode("wonder land")}}}};
}

}  // namespace

TEST_CASE("existing secrets: the listing per scope and kind, with inUse") {
    Api api(shared_server(), kAdmin);
    CHECK(listing(api, "kind=password&scope=cluster&clusterId=" + std::string(kClusterA)) ==
          std::map<std::string, bool>{{"ldap-sync-secret", true}});
    CHECK(listing(api, "kind=docker-registry&scope=cluster&clusterId=" + std::string(kClusterA)) ==
          std::map<std::string, bool>{{"shared-registry-creds", false}});
    CHECK(listing(api, "kind=dockerRegistry&scope=department&departmentId=2") ==
          std::map<std::string, bool>{{"harbor-robot", true}});
    CHECK(listing(api, "kind=password&scope=department&departmentId=1") ==
          std::map<std::string, bool>{{"research-git-bot", false}});
    CHECK(listing(api, "kind=generic-secret&scope=project&projectId=5") ==
          std::map<std::string, bool>{{"team-e-env", true}});
    CHECK(listing(api, "kind=access-key&scope=project&projectId=1&clusterId=" + std::string(kClusterA)) ==
          std::map<std::string, bool>{{"team-a-s3", false}});
    // A department's Secret is not offered at cluster scope, nor a cluster-wide one at department scope.
    CHECK(listing(api, "kind=password&scope=department&departmentId=2").empty());
    // Agent-written Secrets in a project namespace are not the user's.
    CHECK(listing(api, "kind=password&scope=project&projectId=1").empty());
    const Json body = api.expect(api.get(kList + "?kind=password&scope=department&departmentId=3"), 200);
    CHECK(body == Json{{"secrets", Json::array({{{"name", "vision-gitea-creds"},
                                                 {"namespace", "runai"},
                                                 {"kind", "password"},
                                                 {"type", "Opaque"},
                                                 {"inUse", true}}})}});
}

TEST_CASE("existing secrets: every seeded existing-secret credential points to a real labelled Secret") {
    Api api(shared_server(), kAdmin);
    int checked = 0;
    const Json entries = api.expect(api.get(kCredentialsPath), 200).at("entries");
    for (const auto& e : entries) {
        const std::string kind = e.at("meta").at("kind");
        const Json& spec = e.at("spec").at(kind);
        if (!spec.is_object() || !spec.contains("existingSecretName") || spec.at("existingSecretName").is_null())
            continue;
        const Json& m = e.at("meta");
        std::string query = "kind=" + kind + "&scope=" + m.at("scope").get<std::string>();
        if (m.at("scope") == "cluster") query += "&clusterId=" + m.at("clusterId").get<std::string>();
        if (m.at("scope") == "department") query += "&departmentId=" + m.at("departmentId").get<std::string>();
        if (m.at("scope") == "project") query += "&projectId=" + std::to_string(m.at("projectId").get<int>());
        CAPTURE(query);
        const auto found = listing(api, query);
        const std::string name = spec.at("existingSecretName");
        REQUIRE(found.count(name));
        CHECK(found.at(name));
        ++checked;
    }
    CHECK(checked >= 5);
}

TEST_CASE("existing secrets: bad listing parameters are 400, no token is 401") {
    Api api(shared_server(), kAdmin);
    const std::vector<std::string> queries = {
        "scope=cluster&clusterId=" + std::string(kClusterA),
        "kind=nope&scope=project&projectId=1",
        "kind=ngc-api-key&scope=project&projectId=1",
        "kind=password",
        "kind=password&scope=tenant",
        "kind=password&scope=planet",
        "kind=password&scope=cluster",
        "kind=password&scope=cluster&clusterId=nope",
        "kind=password&scope=department&departmentId=99",
        "kind=password&scope=project&projectId=abc",
        "kind=password&scope=project&projectId=999",
        "kind=password&scope=project&projectId=1&clusterId=" + std::string(kClusterB),
        "kind=password&scope=project&projectId=1&departmentId=2",
        "kind=password&scope=department&departmentId=1&projectId=1",
        "kind=password&kind=access-key&scope=project&projectId=1"};
    for (const auto& q : queries) {
        CAPTURE(q);
        expect_error(api.get(kList + "?" + q), 400);
    }
    auto c = shared_server().client();
    expect_error(c.Get((kList + "?kind=password&scope=project&projectId=1").c_str()), 401);
}

TEST_CASE("existing secrets: an admin adds a labelled Secret, which then can back one credential") {
    TestServer server;
    Api admin(server, kAdmin);
    Api viewer(server, kViewer);
    const std::string post = std::string(kExt) + kClusterA + "/secrets";
    const Json manifest =
        user_secret("pre-made", "runai", {{"run.ai/resource", "password"}, {"run.ai/department", "1"}});

    expect_error(viewer.post(post, manifest), 403);
    const Json created = admin.expect(admin.post(post, manifest), 201);
    CHECK(created.at("metadata").at("uid").is_string());
    CHECK_FALSE(created.contains("data"));
    expect_error(admin.post(post, manifest), 409);
    CHECK(listing(admin, "kind=password&scope=department&departmentId=1") ==
          std::map<std::string, bool>{{"pre-made", false}, {"research-git-bot", false}});

    // A department credential from it: no values, the user's Secret replicated into the projects.
    const std::string id = create_credential(admin, K::Password, "from-existing", department_scope("1"),
                                             {{"existingSecretName", "pre-made"}});
    const Json c = wait_settled(admin, K::Password, id);
    CHECK(status_of(c) == "No issues found");
    CHECK(c.at("clusterInfo").at("resources")[0].at("name") == "pre-made");
    CHECK(c.at("spec").at("existingSecretName") == "pre-made");
    Json items = cluster_secrets(admin, kClusterA);
    CHECK(namespaces_with(items, "pre-made").size() == 4);
    CHECK(find_secret(items, "runai-team-b", "pre-made"));
    CHECK(secret_value(server, kClusterA, "runai-team-b", "pre-made", "Password") == "wonder land");
    CHECK(listing(admin, "kind=password&scope=department&departmentId=1").at("pre-made"));

    // Single use.
    const Json again = expect_error(
        admin.post(kind_path(K::Password),
                   create_body("second-user", department_scope("1"), {{"existingSecretName", "pre-made"}})),
        409);
    CHECK(again.at("message").get<std::string>().find("from-existing") != std::string::npos);
    CHECK(again.at("details") == "field: spec.existingSecretName");

    // Deleting the credential removes the replicas and frees the user's Secret, which stays.
    admin.expect(admin.del(item_path(K::Password, id)), 202);
    CHECK(wait_gone(admin, K::Password, id));
    items = cluster_secrets(admin, kClusterA);
    CHECK(namespaces_with(items, "pre-made") == std::vector<std::string>{"runai"});
    CHECK(secret_value(server, kClusterA, "runai", "pre-made", "User") == "alice");
    CHECK_FALSE(listing(admin, "kind=password&scope=department&departmentId=1").at("pre-made"));
}

TEST_CASE("existing secrets: creating from an unusable Secret is a 400 naming the field") {
    Api admin(shared_server(), kAdmin);
    struct Case {
        K kind;
        Json scope;
        std::string name;
    };
    const std::vector<Case> cases = {
        {K::Password, department_scope("1"), "no-such-secret"},
        {K::AccessKey, cluster_scope(kClusterA), "ldap-sync-secret"},  // a password Secret
        {K::Password, department_scope("1"), "ldap-sync-secret"},      // cluster-wide, not department 1
        {K::DockerRegistry, department_scope("1"), "harbor-robot"},    // department 2's
        {K::GenericSecret, project_scope(6), "team-e-env"},            // team-e's namespace
        {K::Password, tenant_scope(), "ldap-sync-secret"},             // no cluster at account scope
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const Json e = expect_error(
            admin.post(kind_path(c.kind), create_body("bad-existing", c.scope, {{"existingSecretName", c.name}})), 400);
        CHECK(e.at("details").get<std::string>().find("existingSecretName") != std::string::npos);
    }
}

TEST_CASE("existing secrets: Secret manifests are validated") {
    Api admin(shared_server(), kAdmin);
    const std::string post = std::string(kExt) + kClusterB + "/secrets";
    const Json good = user_secret("valid-one", "runai-team-g", {{"run.ai/resource", "password"}});
    auto with = [&good](const std::string& pointer, const Json& value) {
        Json j = good;
        j[Json::json_pointer(pointer)] = value;
        return j;
    };
    Json no_kind = good;
    no_kind.erase("kind");
    const std::vector<Json> bad = {
        with("/metadata/name", "Not_A_Name"),
        with("/metadata/name", ""),
        with("/metadata/namespace", "runai-team-h"),  // no such namespace
        with("/metadata/labels/run.ai~1resource", "ngc"),
        with("/metadata/labels/run.ai~1asset", "password"),  // the agent's label
        with("/metadata/labels/run.ai~1cluster-wide", "yes"),
        with("/metadata/labels/run.ai~1department", "1"),  // department of cluster-a
        with("/metadata/labels/bad key", "x"),
        with("/data/User", "not base64!"),
        with("/data/bad key", server::base64_encode("x")),
        with("/apiVersion", "v2"),
        with("/spec", Json::object()),
        with("/metadata/uid", "abc"),
        with("/type", "kubernetes.io/dockerconfigjson"),  // without .dockerconfigjson
        no_kind,
    };
    for (const auto& b : bad) {
        CAPTURE(b.dump());
        expect_error(admin.post(post, b), 400);
    }
    expect_error(admin.post_raw(post, "{not json"), 400);
    expect_error(admin.post(std::string(kExt) + "00000000-0000-0000-0000-000000000000/secrets", good), 404);
}

TEST_CASE("existing secrets: the extension endpoints need a token and System administrator rights") {
    TestServer& server = shared_server();
    auto c = server.client();
    const std::string base = std::string(kExt) + kClusterA;
    expect_error(c.Get((base + "/secrets").c_str()), 401);
    expect_error(c.Post((base + "/secrets").c_str(), "{}", "application/json"), 401);
    expect_error(c.Put((base + "/reachability").c_str(), R"({"reachable":false})", "application/json"), 401);
    expect_error(c.Get((base + "/namespaces").c_str()), 401);

    // Anyone else is refused before anything about the cluster is looked at.
    Api researcher(server, kResearcher);
    expect_error(researcher.put(base + "/reachability", Json{{"reachable", false}}), 403);
    expect_error(researcher.get(base + "/secrets"), 403);
    expect_error(researcher.get(base + "/reachability"), 403);
    expect_error(researcher.get(std::string(kExt) + "nope/secrets"), 403);

    Api admin(server, kAdmin);
    const Json items = admin.expect(admin.get(base + "/secrets"), 200).at("items");
    REQUIRE_FALSE(items.empty());
    for (const auto& s : items) CHECK_FALSE(s.contains("data"));  // values never leave the server
    CHECK(admin.expect(admin.get(base + "/reachability"), 200).at("reachable") == true);
    expect_error(admin.get(base + "/secrets?namespace=runai-team-zz"), 404);
    expect_error(admin.get(std::string(kExt) + "nope/secrets"), 404);
    expect_error(admin.put(base + "/reachability", Json{{"reachable", "no"}}), 400);
    expect_error(admin.put(base + "/reachability", Json{{"reachable", true}, {"extra", 1}}), 400);
}

TEST_CASE("validate_existing_secret against a seeded store") {
    TempDir dir;
    REQUIRE(server::crypto_init());
    auto store = server::Store::open(dir.path() / "credentials.db");
    REQUIRE(store.ok());
    const server::SecretBox box(1, server::Bytes(server::SecretBox::kKeyBytes, 7));
    REQUIRE((*store)->transaction([&] { return server::seed_demo_data(**store, box); }).ok());
    auto org = (*store)->org_data();
    REQUIRE(org.ok());
    const OrgTree tree(std::move(*org));
    auto scope = [&tree](ScopeType t, const char* node) {
        ScopeRef s{t, {}, {}, {}};
        if (t == ScopeType::Cluster) s.cluster_id = ClusterId{node};
        if (t == ScopeType::Department) s.department_id = DepartmentId{node};
        if (t == ScopeType::Project) s.project_id = ProjectId{std::stoll(node)};
        return tree.normalized(s);
    };
    server::Store& s = **store;
    CHECK_FALSE(server::validate_existing_secret(s, K::DockerRegistry, scope(ScopeType::Cluster, kClusterA),
                                                 "shared-registry-creds"));
    CHECK_FALSE(server::validate_existing_secret(s, K::AccessKey, scope(ScopeType::Project, "1"), "team-a-s3"));
    CHECK_FALSE(
        server::validate_existing_secret(s, K::Password, scope(ScopeType::Department, "1"), "research-git-bot"));

    auto code = [&s](K kind, const ScopeRef& sc, const char* name) {
        auto e = server::validate_existing_secret(s, kind, sc, name);
        if (e) CHECK(e->field == "spec.existingSecretName");
        return e ? e->code : 0;
    };
    CHECK(code(K::Password, scope(ScopeType::Cluster, kClusterA), "ldap-sync-secret") == 409);
    CHECK(code(K::DockerRegistry, scope(ScopeType::Department, "2"), "harbor-robot") == 409);
    CHECK(code(K::Password, scope(ScopeType::Cluster, kClusterB), "ldap-sync-secret") == 400);  // other cluster
    CHECK(code(K::AccessKey, scope(ScopeType::Project, "2"), "team-a-s3") == 400);              // other project
    CHECK(code(K::Password, scope(ScopeType::Project, "1"), "team-a-s3") == 400);               // other kind
    CHECK(code(K::NgcApiKey, scope(ScopeType::Project, "1"), "team-a-s3") == 400);
    CHECK(code(K::Password, scope(ScopeType::Tenant, ""), "ldap-sync-secret") == 400);
    CHECK(code(K::Password, scope(ScopeType::Project, "1"), "") == 400);
}

TEST_CASE("existing secrets: the users' Secret values are sealed at rest and never returned") {
    TestServer server;
    const auto values = server::demo_cluster_secret_values();
    REQUIRE(values.size() >= 20);
    Api admin(server, kAdmin);
    std::string plain = admin.expect(admin.get(std::string(kExt) + kClusterA + "/secrets"), 200).dump();
    plain += admin.expect(admin.get(std::string(kExt) + kClusterB + "/secrets?includeData=false"), 200).dump();
    // Asking for values is refused, even for a System administrator.
    const Json refused = expect_error(admin.get(std::string(kExt) + kClusterA + "/secrets?includeData=true"), 400);
    CHECK(refused.at("message") == "Secret values are never returned by this API");
    plain += refused.dump();
    CHECK(secret_value(server, kClusterA, "runai", "ldap-sync-secret", "User") == "svc-ldap-sync-secret");
    const fs::path data = server.data_dir();
    server.server->stop();
    std::string bytes;
    for (const auto& f : fs::directory_iterator(data)) bytes += read_file(f.path());
    for (const auto& v : values) {
        CAPTURE(v);
        CHECK(plain.find(v) == std::string::npos);
        CHECK(plain.find(server::base64_encode(v)) == std::string::npos);
        CHECK(bytes.find(v) == std::string::npos);
        CHECK(bytes.find(server::base64_encode(v)) == std::string::npos);
    }
}
