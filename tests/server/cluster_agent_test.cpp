// The cluster agents as a client sees them: statuses move Creating -> No issues found / Issues
// found, Updating -> steady, Deleting -> gone, per scope level; the Secret objects they write
// (namespaces, run.ai labels, data layout, Kubernetes names); an unreachable cluster and its
// recovery; and the seeded clusters being consistent with the seeded statuses.
#include <algorithm>
#include <set>

#include "cluster_support.h"

using namespace cc;
using namespace cc::test;

namespace {

using K = CredentialKind;

const std::vector<std::string> kClusterAProjectNs = {"runai-team-a", "runai-team-b", "runai-team-c",
                                                     "runai-team-d", "runai-team-e", "runai-team-f"};

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

Json labels_of(const Json& secret) {
    return secret.at("metadata").value("labels", Json::object());
}

}  // namespace

TEST_CASE("cluster agent: a project credential becomes one Secret in the project namespace") {
    TestServer server;
    Api admin(server, kAdmin);
    const std::string id = create_credential(admin, K::Password, "agent-pw", project_scope(2),
                                             {{"user", "svc-agent"}, {"password", "pa$$ word\"<&>"}});
    const Json settled = wait_settled(admin, K::Password, id);
    CHECK(status_of(settled) == "No issues found");
    CHECK(settled.at("status").at("issues").empty());
    REQUIRE(settled.at("clusterInfo").at("resources").size() == 1);
    CHECK(settled.at("clusterInfo").at("resources")[0].at("name") == "agent-pw");

    const Json items = cluster_secrets(admin, kClusterA);
    CHECK(namespaces_with(items, "agent-pw") == std::vector<std::string>{"runai-team-b"});
    const auto secret = find_secret(items, "runai-team-b", "agent-pw");
    REQUIRE(secret);
    CHECK(secret->at("apiVersion") == "v1");
    CHECK(secret->at("kind") == "Secret");
    CHECK(secret->at("type") == "Opaque");
    CHECK(labels_of(*secret) == Json{{"run.ai/asset", "password"}});
    const auto data = secret_data(server, kClusterA, "runai-team-b", "agent-pw");
    REQUIRE(data);
    CHECK(data->size() == 2);
    CHECK(data->at("User") == "svc-agent");
    CHECK(data->at("Password") == "pa$$ word\"<&>");
}

TEST_CASE("cluster agent: the data layout of each kind") {
    TestServer server;
    Api admin(server, kAdmin);
    struct Case {
        K kind;
        Json spec;
        std::string type;
        std::map<std::string, std::string> data;
    };
    const std::vector<Case> cases = {
        {K::AccessKey,
         {{"accessKeyId", "AKIAEXAMPLE"}, {"secretAccessKey", "s3cr3t/+="}},
         "Opaque",
         {{"AccessKeyId", "AKIAEXAMPLE"}, {"SecretKey", "s3cr3t/+="}}},
        {K::GenericSecret,
         {{"keyValuePairs",
           Json::array({{{"key", "API_KEY"}, {"value", "k1"}}, {{"key", "ssh"}, {"value", "line1\nline2\n"}}})}},
         "Opaque",
         {{"API_KEY", "k1"}, {"ssh", "line1\nline2\n"}}},
        {K::NgcApiKey, {{"ngc_api_key", "nvapi-abc.DEF_123"}}, "Opaque", {{"NGC_API_KEY", "nvapi-abc.DEF_123"}}},
        {K::DockerRegistry,
         {{"user", "bob"}, {"password", "pw"}, {"url", "ghcr.io"}},
         "kubernetes.io/dockerconfigjson",
         {{".dockerconfigjson", R"({"auths":{"ghcr.io":{"username":"bob","password":"pw","auth":"Ym9iOnB3"}}})"}}},
    };
    for (const auto& c : cases) {
        CAPTURE(kind_api_name(c.kind));
        const std::string name = "layout-" + std::string(kind_path_segment(c.kind));
        const std::string id = create_credential(admin, c.kind, name, project_scope(1), c.spec);
        CHECK(status_of(wait_settled(admin, c.kind, id)) == "No issues found");
        const auto secret = find_secret(cluster_secrets(admin, kClusterA, "runai-team-a"), "runai-team-a", name);
        REQUIRE(secret);
        CHECK(secret->at("type") == c.type);
        CHECK(labels_of(*secret).at("run.ai/asset") == server::k8s_type_label(c.kind));
        CHECK(secret_data(server, kClusterA, "runai-team-a", name) == c.data);
    }
}

TEST_CASE("cluster agent: department and cluster credentials get a source in runai and a replica per project") {
    TestServer server;
    Api admin(server, kAdmin);
    const std::string dept =
        create_credential(admin, K::AccessKey, "dept-key", department_scope("1"), spec_with_values(K::AccessKey, "d1"));
    const std::string cluster = create_credential(admin, K::NgcApiKey, "cluster-ngc", cluster_scope(kClusterA),
                                                  spec_with_values(K::NgcApiKey, "c1"));
    CHECK(status_of(wait_settled(admin, K::AccessKey, dept)) == "No issues found");
    CHECK(status_of(wait_settled(admin, K::NgcApiKey, cluster)) == "No issues found");

    const Json items = cluster_secrets(admin, kClusterA);
    CHECK(sorted(namespaces_with(items, "dept-key")) ==
          std::vector<std::string>{"runai", "runai-team-a", "runai-team-b", "runai-team-c"});
    const auto source = find_secret(items, "runai", "dept-key");
    REQUIRE(source);
    CHECK(labels_of(*source) == Json{{"run.ai/asset", "access-key"}, {"run.ai/department", "1"}});
    const auto replica = find_secret(items, "runai-team-c", "dept-key");
    REQUIRE(replica);
    CHECK(secret_data(server, kClusterA, "runai-team-c", "dept-key") ==
          secret_data(server, kClusterA, "runai", "dept-key"));
    CHECK(secret_value(server, kClusterA, "runai-team-c", "dept-key", "SecretKey") == "sak-d1");

    std::vector<std::string> expected = kClusterAProjectNs;
    expected.push_back("runai");
    CHECK(sorted(namespaces_with(items, "cluster-ngc")) == sorted(expected));
    const auto cluster_source = find_secret(items, "runai", "cluster-ngc");
    REQUIRE(cluster_source);
    CHECK(labels_of(*cluster_source).at("run.ai/tenant-wide") == "true");
    CHECK(namespaces_with(cluster_secrets(admin, kClusterB), "cluster-ngc").empty());
}

TEST_CASE("cluster agent: account credentials reach every cluster and report No status") {
    TestServer server;
    Api admin(server, kAdmin);
    const std::string id = create_credential(admin, K::GenericSecret, "everywhere", tenant_scope(),
                                             spec_with_values(K::GenericSecret, "t1"));
    CHECK(status_of(wait_settled(admin, K::GenericSecret, id)) == "No status");
    const Json a = cluster_secrets(admin, kClusterA);
    const Json b = cluster_secrets(admin, kClusterB);
    CHECK(namespaces_with(a, "everywhere").size() == 7);  // runai + six projects
    // cluster-b: runai + five projects; team-h has no namespace
    CHECK(sorted(namespaces_with(b, "everywhere")) == std::vector<std::string>{"runai", "runai-team-g", "runai-team-i",
                                                                               "runai-team-j", "runai-team-k",
                                                                               "runai-team-l"});
    CHECK(labels_of(*find_secret(b, "runai", "everywhere")).at("run.ai/tenant-wide") == "true");
}

TEST_CASE("cluster agent: a missing project namespace is an issue naming the project") {
    TestServer server;
    Api admin(server, kAdmin);
    const Json expected_issue = {{"scopeId", "8"}, {"scopeType", "project"}, {"issue", "NotCreated"}};
    SUBCASE("project scope: nothing can be created") {
        const std::string id =
            create_credential(admin, K::Password, "team-h-pw", project_scope(8), spec_with_values(K::Password, "h"));
        const Json c = wait_settled(admin, K::Password, id);
        CHECK(status_of(c) == "Issues found");
        CHECK(c.at("status").at("issues") == Json::array({expected_issue}));
        CHECK(namespaces_with(cluster_secrets(admin, kClusterB), "team-h-pw").empty());
    }
    SUBCASE("department scope: the other projects get their replica") {
        const std::string id = create_credential(admin, K::AccessKey, "vision-key", department_scope("3"),
                                                 spec_with_values(K::AccessKey, "v"));
        const Json c = wait_settled(admin, K::AccessKey, id);
        CHECK(status_of(c) == "Issues found");
        CHECK(c.at("status").at("issues") == Json::array({expected_issue}));
        CHECK(sorted(namespaces_with(cluster_secrets(admin, kClusterB), "vision-key")) ==
              std::vector<std::string>{"runai", "runai-team-g", "runai-team-i"});
    }
}

TEST_CASE("cluster agent: a delete removes the objects, then the credential") {
    TestServer server;
    Api admin(server, kAdmin);
    const std::string id = create_credential(admin, K::DockerRegistry, "to-delete", department_scope("2"),
                                             spec_with_values(K::DockerRegistry, "x"));
    wait_settled(admin, K::DockerRegistry, id);
    CHECK(namespaces_with(cluster_secrets(admin, kClusterA), "to-delete").size() == 4);
    admin.expect(admin.del(item_path(K::DockerRegistry, id)), 202);
    const auto r = admin.get(item_path(K::DockerRegistry, id) + "?statusInfo=true");
    if (r && r->status == 200) CHECK(body_json(r).at("status").at("status") == "Deleting");
    CHECK(wait_gone(admin, K::DockerRegistry, id));
    CHECK(namespaces_with(cluster_secrets(admin, kClusterA), "to-delete").empty());
}

TEST_CASE("cluster agent: an update settles back to the steady status, keeping the Kubernetes name") {
    TestServer server;
    Api admin(server, kAdmin);
    const std::string id =
        create_credential(admin, K::Password, "renamed-later", project_scope(8), spec_with_values(K::Password, "u"));
    CHECK(status_of(wait_settled(admin, K::Password, id)) == "Issues found");
    const Json updated = admin.expect(
        admin.put(item_path(K::Password, id), {{"meta", {{"name", "renamed-now"}, {"description", "new text"}}}}), 202);
    CHECK(updated.at("meta").at("name") == "renamed-now");
    const Json c = wait_status(admin, K::Password, id, "Issues found");
    CHECK(c.at("meta").at("description") == "new text");
    CHECK(c.at("clusterInfo").at("resources")[0].at("name") == "renamed-later");

    const std::string ok_id =
        create_credential(admin, K::Password, "update-ok", project_scope(1), spec_with_values(K::Password, "o"));
    wait_settled(admin, K::Password, ok_id);
    admin.expect(admin.put(item_path(K::Password, ok_id), {{"meta", {{"description", "changed"}}}}), 202);
    const Json steady = poll_credential(admin, K::Password, ok_id, [](const Json& j) {
        return j.at("meta").value("description", "") == "changed" && !is_transient(status_of(j));
    });
    CHECK(status_of(steady) == "No issues found");
    CHECK(steady.at("meta").at("updateCount") == 2);
}

TEST_CASE("cluster agent: Kubernetes names do not collide in a shared namespace") {
    TestServer server;
    Api admin(server, kAdmin);
    const std::string project =
        create_credential(admin, K::Password, "shared-name", project_scope(1), spec_with_values(K::Password, "p"));
    wait_settled(admin, K::Password, project);
    const std::string dept =
        create_credential(admin, K::Password, "shared-name", department_scope("1"), spec_with_values(K::Password, "d"));
    const Json c = wait_settled(admin, K::Password, dept);
    CHECK(status_of(c) == "No issues found");
    CHECK(c.at("clusterInfo").at("resources")[0].at("name") == "shared-name-2");
    const Json items = cluster_secrets(admin, kClusterA, "runai-team-a");
    CHECK(find_secret(items, "runai-team-a", "shared-name"));
    CHECK(find_secret(items, "runai-team-a", "shared-name-2"));
    CHECK(secret_value(server, kClusterA, "runai-team-a", "shared-name", "Password") == "pw-p");
    CHECK(secret_value(server, kClusterA, "runai-team-a", "shared-name-2", "Password") == "pw-d");
}

TEST_CASE("cluster agent: an unreachable cluster reports Failed to access the cluster, then recovers") {
    TestServer server;
    Api admin(server, kAdmin);
    const std::string steady = create_credential(admin, K::AccessKey, "before-outage", cluster_scope(kClusterA),
                                                 spec_with_values(K::AccessKey, "s"));
    CHECK(status_of(wait_settled(admin, K::AccessKey, steady)) == "No issues found");
    const std::string other =
        create_credential(admin, K::AccessKey, "other-cluster", project_scope(7), spec_with_values(K::AccessKey, "o"));
    wait_settled(admin, K::AccessKey, other);

    set_reachable(admin, kClusterA, false);
    const Json down = wait_status(admin, K::AccessKey, steady, "Issues found");
    CHECK(down.at("status").at("message") == "Failed to access the cluster");
    CHECK(down.at("status").at("issues").empty());
    // The seed's research-ngc (department 1, cluster-a) too; cluster-b is untouched.
    const auto seeded = admin.expect(admin.get(kCredentialsPath + "?statusInfo=true&name=research-ngc"), 200);
    REQUIRE(seeded.at("entries").size() == 1);
    CHECK(seeded.at("entries")[0].at("status").at("message") == "Failed to access the cluster");
    CHECK(status_of(admin.expect(admin.get(item_path(K::AccessKey, other) + "?statusInfo=true"), 200)) ==
          "No issues found");
    // The org list shows it.
    for (const auto& c : admin.expect(admin.get("/api/v1/clusters"), 200))
        CHECK(c.at("status").at("state") == (c.at("uuid") == kClusterA ? "Disconnected" : "Connected"));

    // Work for the cluster waits, account credentials stay without status.
    const std::string waiting =
        create_credential(admin, K::Password, "during-outage", project_scope(3), spec_with_values(K::Password, "w"));
    const std::string account = create_credential(admin, K::Password, "account-during-outage", tenant_scope(),
                                                  spec_with_values(K::Password, "a"));
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    CHECK(status_of(admin.expect(admin.get(item_path(K::Password, waiting) + "?statusInfo=true"), 200)) == "Creating");
    CHECK(status_of(admin.expect(admin.get(item_path(K::Password, account) + "?statusInfo=true"), 200)) == "Creating");
    CHECK(namespaces_with(cluster_secrets(admin, kClusterA), "during-outage").empty());

    set_reachable(admin, kClusterA, true);
    const Json back = wait_status(admin, K::AccessKey, steady, "No issues found");
    CHECK(back.at("status").at("message") == "");
    CHECK(status_of(wait_settled(admin, K::Password, waiting)) == "No issues found");
    CHECK(status_of(wait_settled(admin, K::Password, account)) == "No status");
    CHECK(namespaces_with(cluster_secrets(admin, kClusterA), "during-outage") ==
          std::vector<std::string>{"runai-team-c"});
}

TEST_CASE("cluster agent: the seeded clusters agree with the seeded statuses") {
    TestServer& server = shared_server();
    Api admin(server, kAdmin);
    const Json entries = admin.expect(admin.get(kCredentialsPath + "?statusInfo=true"), 200).at("entries");
    const Json a = cluster_secrets(admin, kClusterA);
    const Json b = cluster_secrets(admin, kClusterB);
    for (const auto& e : entries) {
        const std::string name = e.at("meta").at("name");
        const std::string status = status_of(e);
        const std::string scope = e.at("meta").at("scope");
        CAPTURE(name);
        const auto& resources = e.at("clusterInfo").at("resources");
        if (status == "Failed" || status == "Creating") continue;
        REQUIRE(resources.size() == 1);
        const std::string k8s = resources[0].at("name");
        const bool in_a = !namespaces_with(a, k8s).empty(), in_b = !namespaces_with(b, k8s).empty();
        const bool own_project_failed = scope == "project" && !e.at("status").at("issues").empty();
        if (own_project_failed) {
            CHECK_FALSE((in_a || in_b));  // its namespace is missing, or the seeded copy failed
        } else if (scope == "tenant") {
            CHECK((in_a && in_b));
        } else {
            const bool cluster_a = e.at("meta").at("clusterId") == kClusterA;
            CHECK(in_a == cluster_a);
            CHECK(in_b == !cluster_a);
        }
        if (status == "No issues found") {
            // every project of its scope holds a copy (or the Secret itself for project scope)
            const Json& items = e.at("meta").at("clusterId") == kClusterA ? a : b;
            if (scope == "project") {
                CHECK(namespaces_with(items, k8s).size() == 1);
            } else if (scope == "department") {
                CHECK(namespaces_with(items, k8s).size() == 4);
            }
        }
        for (const auto& issue : e.at("status").at("issues")) {
            if (issue.at("scopeType") != "project" || issue.at("issue") != "NotCreated") continue;
            const int project = std::stoi(issue.at("scopeId").get<std::string>());
            const std::string ns = "runai-team-" + std::string(1, static_cast<char>('a' + project - 1));
            CHECK_FALSE(find_secret(project <= 6 ? a : b, ns, k8s));
        }
    }
    // team-h has no namespace.
    const Json namespaces = admin.expect(admin.get(std::string(kExt) + kClusterB + "/namespaces"), 200).at("items");
    std::set<std::string> names;
    for (const auto& n : namespaces) names.insert(n.at("metadata").at("name"));
    CHECK(names.count("runai"));
    CHECK(names.count("runai-team-g"));
    CHECK_FALSE(names.count("runai-team-h"));
}

TEST_CASE("cluster agent: objects and settled statuses survive a restart") {
    TestServer server;
    Api admin(server, kAdmin);
    const std::string id = create_credential(admin, K::GenericSecret, "durable", department_scope("4"),
                                             spec_with_values(K::GenericSecret, "dur"));
    wait_settled(admin, K::GenericSecret, id);
    const Json before = cluster_secrets(admin, kClusterB);
    const auto values = secret_data(server, kClusterB, "runai-team-j", "durable");
    REQUIRE(values);
    server.server->stop();
    server.start(test_config(server.data_dir()));
    Api again(server, kAdmin);
    CHECK(cluster_secrets(again, kClusterB) == before);
    CHECK(secret_data(server, kClusterB, "runai-team-j", "durable") == values);
    CHECK(status_of(again.expect(again.get(item_path(K::GenericSecret, id) + "?statusInfo=true"), 200)) ==
          "No issues found");
}

TEST_CASE("cluster agent: the seed's transient credentials stay until a user acts on them") {
    TestServer server;
    Api admin(server, kAdmin);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // several agent passes
    const Json entries = admin.expect(admin.get(kCredentialsPath + "?statusInfo=true"), 200).at("entries");
    std::string slack_id;
    int transient = 0;
    for (const auto& e : entries) {
        if (is_transient(status_of(e))) ++transient;
        if (e.at("meta").at("name") == "slack-webhook") slack_id = e.at("meta").at("id");
    }
    CHECK(transient >= 3);
    REQUIRE_FALSE(slack_id.empty());
    CHECK(status_of(admin.expect(admin.get(item_path(K::GenericSecret, slack_id) + "?statusInfo=true"), 200)) ==
          "Creating");
    admin.expect(admin.del(item_path(K::GenericSecret, slack_id)), 204);
    CHECK(wait_gone(admin, K::GenericSecret, slack_id));
}
