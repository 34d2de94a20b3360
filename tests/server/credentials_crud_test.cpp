// API tests of the per-kind credentials endpoints: each kind's create -> get -> list ->
// update -> delete, the 202-with-body vs 204 deletes, renames and description edits,
// the in-use guard (412) and the asynchronous delete. Every answer is schema-checked.
#include <set>

#include "credentials_api.h"

using namespace cc;
using namespace cc::test;

namespace {

// The id of a demo credential, by name.
std::string seed_id(Api& api, const std::string& name) {
    const Json list = api.expect(api.get(kCredentialsPath + "?name=" + name), 200);
    REQUIRE(list.at("entries").size() == 1);
    return list.at("entries")[0].at("meta").at("id");
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

std::string error_text(const Json& e) {
    return e.at("message").get<std::string>() + " | " + e.at("details").get<std::string>();
}

}  // namespace

TEST_CASE("each kind: create, get, list, update, delete") {
    TestServer server;
    Api api(server, kAdmin);
    for (auto kind : kAllKinds) {
        const std::string kind_name(kind_api_name(kind));
        CAPTURE(kind_name);
        const std::string name = "crud-" + std::string(kind_path_segment(kind));

        // Create: 202 with the full object, Creating, ids filled from the org tree.
        const Json created = api.expect(
            api.post(kind_path(kind), create_body(name, project_scope(2), spec_with_values(kind, "x1"))), 202);
        const Json& meta = created.at("meta");
        const std::string id = meta.at("id");
        CHECK(meta.at("kind") == kind_name);
        CHECK(meta.at("name") == name);
        CHECK(meta.at("scope") == "project");
        CHECK(meta.at("projectId") == 2);
        CHECK(meta.at("projectName") == "team-b");
        CHECK(meta.at("departmentId") == "1");
        CHECK(meta.at("clusterId") == kClusterA);
        CHECK(meta.at("tenantId") == 1001);
        CHECK(meta.at("createdBy") == kAdmin.email);
        CHECK(meta.at("updatedBy") == kAdmin.email);
        CHECK(meta.at("updateCount") == 1);
        CHECK(created.at("status").at("status") == "Creating");
        CHECK(created.at("clusterInfo").at("resources")[0].at("name") == name);
        CHECK(created.at("spec").at("keyId") == 1);
        CHECK(created.at("spec").dump().find("x1") == std::string::npos);  // no value comes back

        // Get: usedBy and status only when asked.
        const Json plain = api.expect(api.get(item_path(kind, id)), 200);
        CHECK(plain.at("meta") == meta);
        CHECK_FALSE(plain.contains("status"));
        CHECK_FALSE(plain.contains("usedBy"));
        const Json full = api.expect(api.get(item_path(kind, id) + "?usageInfo=true&statusInfo=true"), 200);
        CHECK(full.contains("status"));
        CHECK(full.at("usedBy").at("workspaces").empty());

        // Lists: in its own kind's list and the combined one, in no other kind's.
        for (auto other : kAllKinds) CHECK(contains(api.names(kind_path(other)), name) == (other == kind));
        CHECK(contains(api.names(kCredentialsPath), name));
        // Another kind's path with this id is a 404.
        const CredentialKind wrong =
            kind == CredentialKind::Password ? CredentialKind::AccessKey : CredentialKind::Password;
        expect_error(api.get(item_path(wrong, id)), 404);
        expect_error(api.put(item_path(wrong, id), {{"meta", {{"description", "x"}}}}), 404);
        expect_error(api.del(item_path(wrong, id)), 404);

        // Update the description: 202, updateCount + 1, Updating, the Kubernetes name stays.
        const Json updated =
            api.expect(api.put(item_path(kind, id), {{"meta", {{"description", "now described"}}}}), 202);
        CHECK(updated.at("meta").at("description") == "now described");
        CHECK(updated.at("meta").at("name") == name);
        CHECK(updated.at("meta").at("updateCount") == 2);
        CHECK(updated.at("status").at("status") == "Updating");
        // Rename: the new name shows everywhere, the Kubernetes name does not change.
        const Json renamed = api.expect(
            api.put(item_path(kind, id), {{"meta", {{"name", name + "-2"}, {"description", "renamed"}}}}), 202);
        CHECK(renamed.at("meta").at("name") == name + "-2");
        CHECK(renamed.at("meta").at("description") == "renamed");
        CHECK(renamed.at("meta").at("updateCount") == 3);
        CHECK(renamed.at("clusterInfo").at("resources")[0].at("name") == name);
        CHECK(contains(api.names(kind_path(kind)), name + "-2"));
        CHECK_FALSE(contains(api.names(kind_path(kind)), name));

        // Delete: 202 with the accepted body, or 204 without one, by kind.
        auto del = api.del(item_path(kind, id));
        REQUIRE(del);
        if (kind == CredentialKind::GenericSecret || kind == CredentialKind::NgcApiKey) {
            CHECK(del->status == 204);
            CHECK(del->body.empty());
        } else {
            CHECK(del->status == 202);
            CHECK(body_json(del) == Json{{"code", 202}, {"message", "Request has been accepted."}});
        }
        // Deleting until the clusters confirm (or already gone when an agent was that fast).
        auto after = api.get(item_path(kind, id) + "?statusInfo=true");
        REQUIRE(after);
        if (after->status == 200) {
            const Json j = body_json(after);
            CHECK(j.at("status").at("status") == "Deleting");
            CHECK(j.at("meta").at("deletedBy") == kAdmin.email);
            CHECK(j.at("meta").contains("deletedAt"));
            // A second delete of a credential being deleted is accepted again.
            auto again = api.del(item_path(kind, id));
            REQUIRE(again);
            CHECK((again->status == delete_status(kind) || again->status == 404));
        } else {
            CHECK(after->status == 404);
        }
    }
}

TEST_CASE("create: every scope level, with ids derived or checked against the org tree") {
    TestServer server;
    Api api(server, kAdmin);
    const Json spec = spec_with_values(CredentialKind::Password, "s");
    SUBCASE("tenant") {
        const Json c =
            api.expect(api.post(kind_path(CredentialKind::Password), create_body("acct", tenant_scope(), spec)), 202);
        CHECK(c.at("meta").at("scope") == "tenant");
        CHECK(c.at("meta").at("clusterId").is_null());
        CHECK(c.at("meta").at("departmentId").is_null());
        CHECK(c.at("meta").at("projectId").is_null());
    }
    SUBCASE("cluster") {
        const Json c = api.expect(
            api.post(kind_path(CredentialKind::Password), create_body("clu", cluster_scope(kClusterB), spec)), 202);
        CHECK(c.at("meta").at("clusterId") == kClusterB);
        CHECK(c.at("meta").at("departmentId").is_null());
    }
    SUBCASE("department: clusterId filled, or accepted when it agrees") {
        const Json c = api.expect(
            api.post(kind_path(CredentialKind::Password), create_body("dep", department_scope("3"), spec)), 202);
        CHECK(c.at("meta").at("departmentId") == "3");
        CHECK(c.at("meta").at("clusterId") == kClusterB);
        Json scope = department_scope("4");
        scope["clusterId"] = kClusterB;
        api.expect(api.post(kind_path(CredentialKind::Password), create_body("dep2", scope, spec)), 202);
    }
    SUBCASE("project: department and cluster filled, or accepted when they agree") {
        Json scope = project_scope(12);
        scope["departmentId"] = "4";
        scope["clusterId"] = kClusterB;
        const Json c = api.expect(api.post(kind_path(CredentialKind::Password), create_body("prj", scope, spec)), 202);
        CHECK(c.at("meta").at("projectName") == "team-l");
        CHECK(c.at("meta").at("departmentId") == "4");
    }
}

TEST_CASE("update: rename and description rules") {
    TestServer server;
    Api api(server, kAdmin);
    const auto kind = CredentialKind::DockerRegistry;
    const Json c =
        api.expect(api.post(kind_path(kind), create_body("upd", project_scope(1), spec_with_values(kind, "u"))), 202);
    const std::string id = c.at("meta").at("id");
    const std::string path = item_path(kind, id);
    const Json before = api.expect(api.get(path), 200);

    SUBCASE("an empty body or empty meta changes nothing") {
        for (const Json& body : {Json::object(), Json{{"meta", Json::object()}}, Json{{"meta", {{"name", "upd"}}}}}) {
            CAPTURE(body.dump());
            const Json r = api.expect(api.put(path, body), 202);
            CHECK(r.at("meta") == before.at("meta"));
        }
    }
    SUBCASE("description only, then cleared with an empty string") {
        const Json r = api.expect(api.put(path, {{"meta", {{"description", "d1"}}}}), 202);
        CHECK(r.at("meta").at("description") == "d1");
        CHECK(r.at("meta").at("name") == "upd");
        CHECK(r.at("meta").at("updateCount") == 2);
        CHECK(r.at("meta").at("createdAt") == before.at("meta").at("createdAt"));
        const Json cleared = api.expect(api.put(path, {{"meta", {{"description", ""}}}}), 202);
        CHECK(cleared.at("meta").at("description").is_null());
        CHECK(cleared.at("meta").at("updateCount") == 3);
    }
    SUBCASE("a name taken in the same scope node is a 409, elsewhere it is fine") {
        api.expect(api.post(kind_path(CredentialKind::Password),
                            create_body("taken", project_scope(1), spec_with_values(CredentialKind::Password, "p"))),
                   202);
        const Json e = expect_error(api.put(path, {{"meta", {{"name", "taken"}}}}), 409);
        CHECK(e.at("message") == "Resource with this name already exists");
        // team-b-dockerhub lives in project 2: its name is free in project 1.
        api.expect(api.put(path, {{"meta", {{"name", "team-b-dockerhub"}}}}), 202);
    }
    SUBCASE("bad renames, secret values, scope and unknown fields are 400s naming the field") {
        const std::vector<std::pair<Json, std::string>> cases = {
            {{{"meta", {{"name", "Bad Name"}}}}, "meta.name"},
            {{{"meta", {{"name", ""}}}}, "meta.name"},
            {{{"meta", {{"name", 42}}}}, "meta.name"},
            {{{"meta", {{"description", std::string(251, 'd')}}}}, "meta.description"},
            {{{"spec", {{"password", "new"}}}}, "spec"},
            {{{"meta", {{"scope", "tenant"}}}}, "meta.scope"},
            {{{"meta", {{"projectId", 2}}}}, "meta.projectId"},
            {{{"meta", {{"clusterId", kClusterB}}}}, "meta.clusterId"},
            {{{"meta", {{"kind", "password"}}}}, "meta.kind"},
            {{{"meta", {{"colour", "red"}}}}, "meta.colour"},
            {{{"metadata", Json::object()}}, "metadata"},
            {Json::array(), ""},
        };
        for (const auto& [body, field] : cases) {
            CAPTURE(body.dump());
            const Json e = expect_error(api.put(path, body), 400);
            CHECK(error_text(e).find(field) != std::string::npos);
        }
        auto raw = api.client().Put(path.c_str(), bearer(api.token()), "{not json", "application/json");
        expect_error(raw, 400);
        CHECK(api.expect(api.get(path), 200).at("meta") == before.at("meta"));  // nothing changed
    }
    SUBCASE("unknown ids are 404") {
        expect_error(
            api.put(item_path(kind, "00000000-0000-4000-8000-000000000000"), {{"meta", {{"description", "x"}}}}), 404);
    }
    SUBCASE("a credential being deleted cannot be changed") {
        const std::string scratch = seed_id(api, "research-scratch-s3");  // seeded Deleting
        const Json e = expect_error(
            api.put(item_path(CredentialKind::AccessKey, scratch), {{"meta", {{"description", "x"}}}}), 400);
        CHECK(e.at("message").get<std::string>().find("being deleted") != std::string::npos);
    }
}

TEST_CASE("delete: in-use credentials are 412 with their users, nothing else changes") {
    TestServer server;
    Api api(server, kAdmin);
    const std::string hf = seed_id(api, "nlp-hf");
    const Json before = api.expect(api.get(item_path(CredentialKind::GenericSecret, hf) + "?statusInfo=true"), 200);
    const Json e = expect_error(api.del(item_path(CredentialKind::GenericSecret, hf)), 412);
    CHECK(e.at("message") == "The credential is in use");
    CHECK(e.at("details") == "trainings: train-llm-7b; environments: vllm-server");
    const Json after = api.expect(api.get(item_path(CredentialKind::GenericSecret, hf) + "?statusInfo=true"), 200);
    CHECK(after.at("meta") == before.at("meta"));

    const Json ds = expect_error(api.del(item_path(CredentialKind::AccessKey, seed_id(api, "vision-datasets"))), 412);
    CHECK(ds.at("details") == "datasources: imagenet-s3");
    const Json tpl = expect_error(api.del(item_path(CredentialKind::DockerRegistry, seed_id(api, "nvcr-a"))), 412);
    CHECK(tpl.at("details") == "templates: tpl-pytorch-ddp");
    const Json ws = expect_error(api.del(item_path(CredentialKind::DockerRegistry, seed_id(api, "team-g-quay"))), 412);
    CHECK(ws.at("details") == "workspaces: ws-vision-dev");
}

TEST_CASE("delete: unknown ids are 404, repeated deletes of a Deleting credential are accepted") {
    TestServer server;
    Api api(server, kAdmin);
    for (auto kind : kAllKinds) expect_error(api.del(item_path(kind, "00000000-0000-4000-8000-000000000000")), 404);

    // Seeded credentials the agents leave in Deleting.
    const std::string scratch = seed_id(api, "research-scratch-s3");
    const Json before = api.expect(api.get(item_path(CredentialKind::AccessKey, scratch)), 200);
    for (int i = 0; i < 2; ++i) api.expect(api.del(item_path(CredentialKind::AccessKey, scratch)), 202);
    const Json after = api.expect(api.get(item_path(CredentialKind::AccessKey, scratch) + "?statusInfo=true"), 200);
    CHECK(after.at("meta").at("deletedAt") == before.at("meta").at("deletedAt"));
    CHECK(after.at("meta").at("updateCount") == before.at("meta").at("updateCount"));
    CHECK(after.at("status").at("status") == "Deleting");
    const std::string comet = seed_id(api, "team-i-comet");
    for (int i = 0; i < 2; ++i)
        CHECK(api.expect(api.del(item_path(CredentialKind::GenericSecret, comet)), 204).is_null());
}

TEST_CASE("delete: a failed deletion can be retried") {
    TestServer server;
    Api api(server, kAdmin);
    const std::string id = seed_id(api, "platform-logs-s3");  // seeded Deletion failed
    api.expect(api.del(item_path(CredentialKind::AccessKey, id)), 202);
    auto r = api.get(item_path(CredentialKind::AccessKey, id) + "?statusInfo=true");
    REQUIRE(r);
    if (r->status == 200) {
        const Json j = body_json(r);
        CHECK(j.at("status").at("status") == "Deleting");
        CHECK(j.at("meta").at("deletedBy") == kAdmin.email);
    }
}

TEST_CASE("create: an existing secret backs one credential only") {
    TestServer server;
    Api api(server, kAdmin);
    using K = CredentialKind;
    // team-a-s3: a labelled access-key Secret in runai-team-a (demo data).
    const Json c = api.expect(api.post(kind_path(K::AccessKey), create_body("from-existing", project_scope(1),
                                                                            {{"existingSecretName", "team-a-s3"}})),
                              202);
    CHECK(c.at("spec").at("existingSecretName") == "team-a-s3");
    CHECK(c.at("spec").at("accessKeyId").is_null());
    CHECK(c.at("spec").at("keyId") == 0);  // nothing was encrypted
    CHECK(c.at("clusterInfo").at("resources")[0].at("name") == "team-a-s3");
    const Json again =
        expect_error(api.post(kind_path(K::AccessKey),
                              create_body("from-existing-2", project_scope(1), {{"existingSecretName", "team-a-s3"}})),
                     409);
    CHECK(error_text(again).find("spec.existingSecretName") != std::string::npos);
    // The wrong kind, or a scope the Secret does not reach, is a 400.
    expect_error(api.post(kind_path(K::Password),
                          create_body("wrong-kind", project_scope(1), {{"existingSecretName", "team-a-s3"}})),
                 400);
    expect_error(api.post(kind_path(K::AccessKey),
                          create_body("wrong-scope", project_scope(2), {{"existingSecretName", "team-a-s3"}})),
                 400);
    CHECK(api.names(kCredentialsPath + "?name=from-existing-2").empty());
}
