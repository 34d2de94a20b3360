// Personal credentials (meta.private): anyone signed in makes their own (docker registry, generic
// secret, NGC API key; scope tenant; new values only), names are unique per owner and type, the
// owner may delete but never rename them, the agents spread them to every cluster marked with
// their owner, and nobody else (another researcher of the same project, the platform admin, a
// viewer, a department admin, an application client) meets them through any endpoint: not by id,
// not in a list with any filter, not in the audit trail or a history, not in a cluster's Secrets,
// not usable by a shared asset. For them the credential does not exist (404, never 403).
#include "cluster_support.h"
#include "server/cluster_store.h"
#include "server/crypto.h"

using namespace cc;
using namespace cc::test;

namespace {

using K = CredentialKind;

Json personal(const std::string& name, K kind, const std::string& secret) {
    Json body = create_body(name, tenant_scope(), spec_with_values(kind, secret));
    body["meta"]["private"] = true;
    return body;
}

struct Created {
    K kind;
    std::string id;
    std::string name;
};

// The answer's text names none of the personal credentials: not their names, and not their ids
// unless `ids_asked` (an answer about an id the caller sent may repeat it: "credential <id>").
void hides(const httplib::Result& r, const std::vector<Created>& hidden, const std::string& what,
           bool ids_asked = false) {
    REQUIRE(r);
    CHECK_MESSAGE(r->status < 500, what << " -> " << r->status);
    for (const auto& c : hidden) {
        if (!ids_asked) CHECK_MESSAGE(r->body.find(c.id) == std::string::npos, what << " leaks the id of " << c.name);
        CHECK_MESSAGE(r->body.find(c.name) == std::string::npos,
                      what << " leaks " << c.name << ": " << r->body.substr(0, 300));
    }
}

std::set<std::string> listed_ids(Api& api, const std::string& path) {
    std::set<std::string> out;
    const Json list = api.expect(api.get(path), 200);  // kept: a loop over a temporary's member would dangle
    for (const auto& e : list.at("entries")) out.insert(e.at("meta").at("id"));
    return out;
}

// Every list query a client might send, combined and per kind.
std::vector<std::string> list_queries() {
    std::vector<std::string> out;
    for (const std::string& q : {std::string(), std::string("?usageInfo=true&statusInfo=true"),
                                 std::string("?scope=tenant"), std::string("?scope=tenant&includeDescendants=true"),
                                 std::string("?projectId=1"), std::string("?departmentId=1"),
                                 std::string("?clusterId=") + kClusterA, std::string("?clusterId=") + kClusterB,
                                 std::string("?name=riley-docker"), std::string("?name=riley-ngc&usageInfo=true")})
        out.push_back(kCredentialsPath + q);
    for (K k : kAllKinds) {
        out.push_back(kind_path(k));
        out.push_back(kind_path(k) + "?usageInfo=true&statusInfo=true&scope=tenant");
        out.push_back(kind_path(k) + "?name=riley-generic");
    }
    return out;
}

}  // namespace

TEST_CASE("personal credentials: the owner's own, invisible to everyone else through every endpoint") {
    TestServer s;
    Api owner(s, kResearcher);
    Api other(s, kResearcherB);
    Api admin(s, kAdmin);
    Api viewer(s, kViewer);
    Api dept_admin(s, kDeptAdmin);
    Api bot(s, kResearchBot);

    // ---- creating ----------------------------------------------------------------------------
    std::vector<Created> mine;
    const std::vector<std::pair<K, std::string>> wanted = {
        {K::DockerRegistry, "riley-docker"}, {K::GenericSecret, "riley-generic"}, {K::NgcApiKey, "riley-ngc"}};
    for (const auto& [kind, name] : wanted) {
        const Json c = owner.expect(owner.post(kind_path(kind), personal(name, kind, "s3cr3t")), 202);
        CHECK(c.at("meta").at("private") == true);
        CHECK(c.at("meta").at("scope") == "tenant");
        CHECK(c.at("meta").at("createdBy") == kResearcher.email);
        mine.push_back({kind, c.at("meta").at("id"), name});
    }
    // A viewer has no create permission anywhere, yet may make their own.
    const Json vc =
        viewer.expect(viewer.post(kind_path(K::GenericSecret), personal("vic-own", K::GenericSecret, "v")), 202);
    const Created viewers{K::GenericSecret, vc.at("meta").at("id"), "vic-own"};

    // The rules of the kind: three types, account scope, new values only; 400 and nothing made.
    expect_error(owner.post(kind_path(K::AccessKey), personal("riley-ak", K::AccessKey, "x")), 400);
    expect_error(owner.post(kind_path(K::Password), personal("riley-pw", K::Password, "x")), 400);
    Json scoped = personal("riley-proj", K::DockerRegistry, "x");
    scoped["meta"]["scope"] = "project";
    scoped["meta"]["projectId"] = 1;
    CHECK(expect_error(owner.post(kind_path(K::DockerRegistry), scoped), 400)
              .at("message")
              .get<std::string>()
              .find("scope tenant") != std::string::npos);
    Json existing = create_body("riley-existing", tenant_scope(), Json{{"existingSecretName", "whatever"}});
    existing["meta"]["private"] = true;
    expect_error(owner.post(kind_path(K::GenericSecret), existing), 400);

    // Names: unique per owner and type. The same name of another type, of another user, or of a
    // shared account credential is fine; the same type twice is a 409.
    expect_error(owner.post(kind_path(K::DockerRegistry), personal("riley-docker", K::DockerRegistry, "y")), 409);
    const Json same_name_other_kind =
        owner.expect(owner.post(kind_path(K::GenericSecret), personal("riley-docker", K::GenericSecret, "z")), 202);
    mine.push_back({K::GenericSecret, same_name_other_kind.at("meta").at("id"), "riley-docker"});
    const Json others_same =
        other.expect(other.post(kind_path(K::DockerRegistry), personal("riley-docker", K::DockerRegistry, "o")), 202);
    const Created rowans{K::DockerRegistry, others_same.at("meta").at("id"), "riley-docker"};
    const std::string shared_id = create_credential(admin, K::DockerRegistry, "riley-docker", tenant_scope(),
                                                    spec_with_values(K::DockerRegistry, "shared"));

    // ---- the owner sees them ------------------------------------------------------------------
    for (const auto& c : mine) {
        const Json got = owner.expect(owner.get(item_path(c.kind, c.id)), 200);
        CHECK(got.at("meta").at("name") == c.name);
        CHECK(listed_ids(owner, kCredentialsPath).count(c.id) == 1);
        CHECK(listed_ids(owner, kind_path(c.kind)).count(c.id) == 1);
    }
    // ...not their colleague's or the viewer's.
    CHECK(listed_ids(owner, kCredentialsPath).count(rowans.id) == 0);
    CHECK(listed_ids(owner, kCredentialsPath).count(viewers.id) == 0);
    CHECK(listed_ids(owner, kCredentialsPath).count(shared_id) == 1);
    CHECK(listed_ids(other, kCredentialsPath).count(rowans.id) == 1);
    CHECK(listed_ids(other, kCredentialsPath).count(mine[0].id) == 0);
    // Those two go again, so that below no answer may hold the name riley-docker.
    REQUIRE(other.del(item_path(rowans.kind, rowans.id))->status == 202);
    REQUIRE(admin.del(item_path(K::DockerRegistry, shared_id))->status == 202);
    CHECK(wait_gone(other, rowans.kind, rowans.id));
    CHECK(wait_gone(admin, K::DockerRegistry, shared_id));

    // Settled in every cluster, as a Secret in the runai namespace marked with its owner.
    for (const auto& c : mine) {
        const Json settled = wait_settled(owner, c.kind, c.id);
        CHECK(status_of(settled) == "No status");  // an account-scope credential's status
        const std::string k8s_name = settled.at("clusterInfo").at("resources").at(0).at("name");
        for (const char* cluster : {kClusterA, kClusterB}) {
            CAPTURE(cluster);
            auto key = server::load_or_create_key_file(s.data_dir() / "secret.key", server::SecretBox::kKeyBytes);
            REQUIRE(key.ok());
            const server::SecretBox box(1, std::move(*key));
            auto store = server::Store::open(s.data_dir() / "credentials.db");
            REQUIRE(store.ok());
            auto secret = server::ClusterStore(**store, &box).secret(ClusterId{cluster}, "runai", k8s_name, false);
            REQUIRE(secret.ok());
            REQUIRE(secret->has_value());
            CHECK((*secret)->labels.at("run.ai/user-credential") == "true");
            CHECK((*secret)->annotations.at("run.ai/owner") == kResearcher.email);
        }
    }

    // ---- nobody else sees them ----------------------------------------------------------------
    std::vector<Created> hidden = mine;
    hidden.push_back(viewers);
    const std::vector<std::pair<std::string, Api*>> others = {
        {"researcher-b", &other}, {"admin", &admin}, {"dept-admin", &dept_admin}, {"research-bot", &bot}};
    for (const auto& [who, api] : others) {
        CAPTURE(who);
        for (const auto& path : list_queries()) hides(api->get(path), hidden, who + " GET " + path);
        for (const auto& c : mine) {
            for (const std::string& path : {item_path(c.kind, c.id), item_path(c.kind, c.id) + "?usageInfo=true",
                                            "/api/v1/x-reference/credentials/" + c.id + "/history"}) {
                auto r = api->get(path);
                hides(r, hidden, who + " GET " + path, true);
                expect_error(r, 404);
            }
            // Changing or deleting it: as if it did not exist.
            auto put = api->put(item_path(c.kind, c.id), Json{{"meta", {{"description", "mine now"}}}});
            hides(put, hidden, who + " PUT", true);
            expect_error(put, 404);
            auto del = api->del(item_path(c.kind, c.id));
            hides(del, hidden, who + " DELETE", true);
            expect_error(del, 404);
            // Nor may a shared asset use it (it would show it to everyone who reads the asset).
            auto ds = api->post("/api/v1/asset/datasource/git",
                                Json{{"meta", {{"name", "uses-riley"}, {"scope", "project"}, {"projectId", 1}}},
                                     {"spec",
                                      {{"repository", "https://git.demo.local/x.git"},
                                       {"branch", "main"},
                                       {"path", "/src"},
                                       {"credentialId", c.id}}}});
            hides(ds, hidden, who + " POST datasource", true);
            CHECK(ds->status == 400);  // "credential <id> not found", as for an id that does not exist
        }
    }
    // Not even its owner may put it into a shared asset.
    const auto own_ds = owner.post("/api/v1/asset/datasource/git",
                                   Json{{"meta", {{"name", "uses-mine"}, {"scope", "project"}, {"projectId", 1}}},
                                        {"spec",
                                         {{"repository", "https://git.demo.local/x.git"},
                                          {"branch", "main"},
                                          {"path", "/src"},
                                          {"credentialId", mine[1].id}}}});
    expect_error(own_ds, 400);
    CHECK(own_ds->body.find("is a personal credential") != std::string::npos);
    // The viewer's own one is theirs alone, too.
    hides(owner.get(kCredentialsPath + "?usageInfo=true&statusInfo=true"), {viewers}, "owner's list");
    expect_error(owner.get(item_path(viewers.kind, viewers.id)), 404);

    // The admin's tools: the audit trail (any filter) and the clusters' Secrets. The admin's own
    // shared riley-docker (made and deleted above) is in the trail by right: there the personal
    // ones are looked for by id, and by name where the name is theirs alone.
    std::vector<Created> hidden_in_trail = hidden;
    for (auto& c : hidden_in_trail)
        if (c.name == "riley-docker") c.name = c.id;
    for (const std::string& q : {std::string(), std::string("?actor=") + kResearcher.email,
                                 std::string("?action=credential.create"), std::string("?action=credential.delete"),
                                 std::string("?credentialId=") + mine[0].id, std::string("?limit=1000")})
        hides(admin.get("/api/v1/x-reference/audit" + q), hidden_in_trail, "audit" + q);
    for (const char* cluster : {kClusterA, kClusterB}) {
        hides(admin.get(std::string(kExt) + cluster + "/secrets"), hidden, "secrets");
        hides(admin.get(std::string(kExt) + cluster + "/secrets?namespace=runai"), hidden, "secrets in runai");
    }
    // ---- the owner: no rename, not even a description; delete works ------------------------
    const auto rename = owner.put(item_path(mine[0].kind, mine[0].id), Json{{"meta", {{"name", "renamed"}}}});
    CHECK(expect_error(rename, 400).at("message") == "Personal credentials cannot be renamed");
    expect_error(owner.put(item_path(mine[0].kind, mine[0].id), Json{{"meta", {{"description", "d"}}}}), 400);
    CHECK(owner.expect(owner.get(item_path(mine[0].kind, mine[0].id)), 200).at("meta").at("name") == "riley-docker");
    // The history of their own credential is theirs to read.
    const Json history = owner.expect(owner.get("/api/v1/x-reference/credentials/" + mine[0].id + "/history"), 200);
    CHECK_FALSE(history.at("entries").empty());
    for (const auto& c : mine) {
        REQUIRE(owner.del(item_path(c.kind, c.id))->status == delete_status(c.kind));
        CHECK(wait_gone(owner, c.kind, c.id));
    }
    // The deletions are no more visible to the admin than the rest was.
    hides(admin.get("/api/v1/x-reference/audit?limit=1000"), hidden_in_trail, "audit after delete");
}
