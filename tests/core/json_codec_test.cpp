// JSON codec for the Run:ai Credentials API shapes, requests, errors and org lists.
#include "core/json_codec.h"

#include <doctest/doctest.h>

#include <string>

#include "core/validation.h"

using namespace cc;

namespace {

constexpr CredentialKind kKinds[] = {CredentialKind::AccessKey, CredentialKind::Password,
                                     CredentialKind::DockerRegistry, CredentialKind::GenericSecret,
                                     CredentialKind::NgcApiKey};

const char* kCanary = "CANARY-5ecret-VALUE";

Json parse(std::string_view text) {
    auto r = parse_json(text);
    REQUIRE_MESSAGE(r.ok(), "test JSON does not parse: ", std::string(text));
    return *r;
}

AssetMeta sample_meta(CredentialKind kind) {
    AssetMeta m;
    m.id = CredentialId{"6b0d3a1e-8f1c-4c55-9a57-0f8a2c3e9d11"};
    m.kind = kind;
    m.name = "datasets-s3-ro";
    m.description = "read-only key";
    m.scope = ScopeRef{ScopeType::Project, ClusterId{"d73a738f-fab3-430a-8fa3-5241493d7128"}, DepartmentId{"4"},
                       ProjectId{12}};
    m.project_name = "team-a";
    m.tenant_id = 1001;
    m.created_by = "admin@example.com";
    m.created_at = "2025-11-02T09:14:03.112Z";
    m.updated_by = "admin@example.com";
    m.updated_at = "2025-11-02T09:14:03.112Z";
    m.update_count = 3;
    return m;
}

// A spec holding a secret canary in every secret field of the kind.
CredentialSpec spec_with_canaries(CredentialKind kind) {
    const std::string c = kCanary;
    switch (kind) {
        case CredentialKind::AccessKey: return AccessKeySpec{std::nullopt, c + "-akid", c + "-sak"};
        case CredentialKind::Password: return PasswordSpec{std::nullopt, c + "-user", c + "-pw"};
        case CredentialKind::DockerRegistry:
            return DockerRegistrySpec{std::nullopt, c + "-user", c + "-pw", std::string("nvcr.io")};
        case CredentialKind::GenericSecret:
            return GenericSecretSpec{
                std::nullopt, std::vector<KeyValuePair>{{"WANDB_API_KEY", c + "-v1"}, {"WANDB_ENTITY", c + "-v2"}}};
        case CredentialKind::NgcApiKey: return NgcApiKeySpec{c + "-ngc"};
    }
    return AccessKeySpec{};
}

Credential sample_credential(CredentialKind kind) {
    Credential c;
    c.meta = sample_meta(kind);
    c.spec = spec_with_canaries(kind);
    c.key_id = 7;
    return c;
}

// A valid create request for each kind, with values.
CreateRequest sample_request(CredentialKind kind) {
    CreateRequest r;
    r.name = "wandb";
    r.description = "W&B token";
    r.scope = ScopeRef{ScopeType::Project, std::nullopt, std::nullopt, ProjectId{12}};
    switch (kind) {
        case CredentialKind::AccessKey:
            r.scope = ScopeRef{ScopeType::Department, ClusterId{"d73a738f-fab3-430a-8fa3-5241493d7128"},
                               DepartmentId{"4"}, std::nullopt};
            r.spec = AccessKeySpec{std::nullopt, std::string("AKIAEXAMPLE0001"), std::string("s3cr3t-EXAMPLE")};
            break;
        case CredentialKind::Password: r.spec = PasswordSpec{std::string("gitlab-bot-creds"), {}, {}}; break;
        case CredentialKind::DockerRegistry:
            r.scope = ScopeRef{ScopeType::Cluster, ClusterId{"d73a738f-fab3-430a-8fa3-5241493d7128"}, {}, {}};
            r.is_private = true;
            r.spec = DockerRegistrySpec{std::nullopt, std::string("$oauthtoken"), std::string("nvapi-x"),
                                        std::string("nvcr.io")};
            break;
        case CredentialKind::GenericSecret:
            r.auto_delete = true;
            r.spec =
                GenericSecretSpec{std::nullopt, std::vector<KeyValuePair>{{"WANDB_API_KEY", std::string("k")},
                                                                          {"WANDB_ENTITY", std::string("ml-team")}}};
            break;
        case CredentialKind::NgcApiKey:
            r.scope = ScopeRef{ScopeType::Tenant, {}, {}, {}};
            r.description.reset();
            r.spec = NgcApiKeySpec{std::string("nvapi-AbC123._-x")};
            break;
    }
    return r;
}

void check_same_scope(const ScopeRef& a, const ScopeRef& b) {
    CHECK(a.type == b.type);
    CHECK(a.cluster_id == b.cluster_id);
    CHECK(a.department_id == b.department_id);
    CHECK(a.project_id == b.project_id);
}

// Decode a create request, expecting a 400 naming `field`.
void check_rejected(std::string_view body, CredentialKind kind, const std::string& field) {
    CAPTURE(std::string(body));
    auto r = decode_create_request(parse(body), kind);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == 400);
    CHECK(r.error().field == field);
    CHECK(r.error().message.find(field) != std::string::npos);
}

}  // namespace

// ---- parse_json -------------------------------------------------------------------------------

TEST_CASE("parse_json never throws") {
    CHECK(parse_json("{\"a\":1}").ok());
    CHECK(parse_json("[]").ok());
    auto bad = parse_json("{\"a\":");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == 400);
    CHECK_FALSE(parse_json("").ok());
    CHECK_FALSE(parse_json("not json").ok());
}

// ---- encode -----------------------------------------------------------------------------------

TEST_CASE("encode_meta writes the API field names and types") {
    const Json m = encode_meta(sample_meta(CredentialKind::AccessKey));
    CHECK(m["id"] == "6b0d3a1e-8f1c-4c55-9a57-0f8a2c3e9d11");
    CHECK(m["kind"] == "accessKey");
    CHECK(m["name"] == "datasets-s3-ro");
    CHECK(m["description"] == "read-only key");
    CHECK(m["scope"] == "project");
    CHECK(m["clusterId"] == "d73a738f-fab3-430a-8fa3-5241493d7128");
    CHECK(m["departmentId"].is_string());  // string, although it looks numeric
    CHECK(m["departmentId"] == "4");
    CHECK(m["projectId"].is_number_integer());  // int32 in credentials, a string in org-unit lists
    CHECK(m["projectId"] == 12);
    CHECK(m["projectName"] == "team-a");
    CHECK(m["tenantId"] == 1001);
    CHECK(m["autoDelete"] == false);
    CHECK(m["private"] == false);
    CHECK(m["createdBy"] == "admin@example.com");
    CHECK(m["createdAt"] == "2025-11-02T09:14:03.112Z");
    CHECK(m["updateCount"] == 3);
    CHECK_FALSE(m.contains("deletedAt"));

    AssetMeta t = sample_meta(CredentialKind::NgcApiKey);
    t.scope = ScopeRef{ScopeType::Tenant, {}, {}, {}};
    t.description.reset();
    t.deleted_at = "2025-12-01T00:00:00Z";
    t.deleted_by = "admin@example.com";
    const Json tj = encode_meta(t);
    CHECK(tj["scope"] == "tenant");
    CHECK(tj["clusterId"].is_null());
    CHECK(tj["departmentId"].is_null());
    CHECK(tj["projectId"].is_null());
    CHECK(tj["description"].is_null());
    CHECK(tj["deletedAt"] == "2025-12-01T00:00:00Z");
    CHECK(tj["deletedBy"] == "admin@example.com");
}

TEST_CASE("encode_credential per-kind: spec is flat and carries keyId") {
    for (auto k : kKinds) {
        CAPTURE(kind_api_name(k));
        const Json j = encode_credential(sample_credential(k), false);
        REQUIRE(j.contains("spec"));
        CHECK(j["meta"]["kind"] == kind_api_name(k));
        CHECK(j["spec"]["keyId"] == 7);
        // flat: no nested per-kind objects (a "password" key, if any, is the password field)
        for (const auto& item : j["spec"].items()) {
            CAPTURE(item.key());
            CHECK_FALSE(item.value().is_object());
        }
        CHECK_FALSE(j["spec"].contains("accessKey"));
        CHECK_FALSE(j["spec"].contains("dockerRegistry"));
        CHECK_FALSE(j["spec"].contains("genericSecret"));
        CHECK_FALSE(j["spec"].contains("ngcApiKey"));
        CHECK_FALSE(j.contains("usedBy"));
        CHECK_FALSE(j.contains("status"));
        CHECK_FALSE(j.contains("clusterInfo"));
        CHECK_FALSE(j.contains("compliance"));
    }
    const Json dr = encode_credential(sample_credential(CredentialKind::DockerRegistry), false);
    CHECK(dr["spec"]["url"] == "nvcr.io");  // url is not secret
    CHECK(dr["spec"].contains("user"));
    CHECK(dr["spec"]["user"].is_null());
    CHECK(dr["spec"]["password"].is_null());
    CHECK(dr["spec"]["existingSecretName"].is_null());

    const Json ngc = encode_credential(sample_credential(CredentialKind::NgcApiKey), false);
    // The schema types ngc_api_key as a non-nullable string: the masked key is left out (a
    // null would make a strict client refuse the whole answer).
    CHECK_FALSE(ngc["spec"].contains("ngc_api_key"));
    CHECK(ngc["spec"] == Json{{"keyId", ngc["spec"]["keyId"]}});
    CHECK_FALSE(ngc["spec"].contains("existingSecretName"));
}

TEST_CASE("encode_credential combined entry nests spec under the kind, other kinds null") {
    for (auto k : kKinds) {
        CAPTURE(kind_api_name(k));
        const Json j = encode_credential(sample_credential(k), true);
        const Json& spec = j["spec"];
        REQUIRE(spec.is_object());
        CHECK(spec.size() == 5);
        for (auto other : kKinds) {
            const std::string key(kind_api_name(other));
            REQUIRE(spec.contains(key));
            if (other == k) {
                CHECK(spec[key].is_object());
                CHECK(spec[key]["keyId"] == 7);
            } else {
                CHECK(spec[key].is_null());
            }
        }
        CHECK_FALSE(spec.contains("keyId"));
        CHECK_FALSE(j.contains("compliance"));
    }
    const Json pw = encode_credential(sample_credential(CredentialKind::Password), true);
    CHECK(pw["spec"]["password"]["password"].is_null());
    CHECK(pw["spec"]["password"].contains("user"));
}

TEST_CASE("the read model never contains secret values, whatever the struct holds") {
    for (auto k : kKinds) {
        for (bool combined : {false, true}) {
            CAPTURE(kind_api_name(k));
            CAPTURE(combined);
            const std::string dumped = encode_credential(sample_credential(k), combined).dump();
            CHECK(dumped.find(kCanary) == std::string::npos);
            CHECK(dumped.find("CANARY") == std::string::npos);
        }
        const std::string spec_only = encode_spec_read(spec_with_canaries(k), 1).dump();
        CHECK(spec_only.find("CANARY") == std::string::npos);
    }
    // generic secret keeps its keys (needed for env-var injection) but not the values
    const Json g = encode_credential(sample_credential(CredentialKind::GenericSecret), false);
    REQUIRE(g["spec"]["keyValuePairs"].is_array());
    REQUIRE(g["spec"]["keyValuePairs"].size() == 2);
    CHECK(g["spec"]["keyValuePairs"][0]["key"] == "WANDB_API_KEY");
    CHECK(g["spec"]["keyValuePairs"][0]["value"].is_null());
    CHECK(g["spec"]["keyValuePairs"][1]["key"] == "WANDB_ENTITY");
    CHECK(g["spec"]["keyValuePairs"][1]["value"].is_null());

    const Json a = encode_credential(sample_credential(CredentialKind::AccessKey), false);
    CHECK(a["spec"]["accessKeyId"].is_null());
    CHECK(a["spec"]["secretAccessKey"].is_null());
}

TEST_CASE("encode_credential writes usedBy, status and clusterInfo when present") {
    Credential c = sample_credential(CredentialKind::DockerRegistry);
    c.used_by = UsageInfo{};
    c.used_by->workspaces.push_back({"w1", "ws-1", std::string("Running")});
    c.used_by->datasources.push_back({"d1", "imagenet-s3", "s3"});
    c.status = AssetStatus{SyncStatus::IssuesFound, {{"17", ScopeType::Project, IssueKind::ReplicationError}}, "", ""};
    c.k8s_names = std::vector<std::string>{"nvcr"};
    const Json j = encode_credential(c, false);
    CHECK(j["usedBy"]["workspaces"][0]["name"] == "ws-1");
    CHECK(j["usedBy"]["workspaces"][0]["status"] == "Running");
    CHECK(j["usedBy"]["assets"]["datasources"][0]["kind"] == "s3");
    CHECK(j["usedBy"]["assets"]["environments"].is_array());
    CHECK(j["status"]["status"] == "Issues found");
    CHECK(j["status"]["issues"][0]["scopeId"] == "17");
    CHECK(j["status"]["issues"][0]["scopeType"] == "project");
    CHECK(j["status"]["issues"][0]["issue"] == "ReplicationError");
    CHECK(j["clusterInfo"]["resources"][0]["name"] == "nvcr");
}

// ---- decode credentials -----------------------------------------------------------------------

TEST_CASE("decode_credential: an access key GET answer with every field") {
    const Json j = parse(R"({
      "meta": { "id": "6b0d3a1e-8f1c-4c55-9a57-0f8a2c3e9d11", "kind": "accessKey",
                "name": "datasets-s3-ro", "description": "read-only key for the datasets bucket",
                "scope": "department", "clusterId": "d73a738f-fab3-430a-8fa3-5241493d7128",
                "departmentId": "4", "projectId": null, "projectName": null, "tenantId": 1001,
                "autoDelete": false, "private": false, "workloadSupportedTypes": null,
                "createdBy": "admin@example.com", "createdAt": "2025-11-02T09:14:03.112Z",
                "updatedBy": "admin@example.com", "updatedAt": "2025-11-02T09:14:03.112Z",
                "updateCount": 1 },
      "spec": { "existingSecretName": null, "accessKeyId": null, "secretAccessKey": null, "keyId": 1 },
      "usedBy": { "workspaces": [], "trainings": [], "distributed": [], "inferences": [],
                  "templates": [],
                  "assets": { "environments": [], "computes": [],
                              "datasources": [ { "id": "0c7e", "name": "imagenet-s3", "kind": "s3" } ] } },
      "status": { "status": "No issues found", "issues": [], "message": "", "url": "" },
      "clusterInfo": { "resources": [ { "name": "datasets-s3-ro" } ] }
    })");
    auto r = decode_credential(j);
    REQUIRE(r.ok());
    const Credential& c = *r;
    CHECK(c.meta.id.value == "6b0d3a1e-8f1c-4c55-9a57-0f8a2c3e9d11");
    CHECK(c.meta.kind == CredentialKind::AccessKey);
    CHECK(c.meta.name == "datasets-s3-ro");
    CHECK(c.meta.description == std::optional<std::string>("read-only key for the datasets bucket"));
    CHECK(c.meta.scope.type == ScopeType::Department);
    CHECK(c.meta.scope.cluster_id == std::optional<ClusterId>(ClusterId{"d73a738f-fab3-430a-8fa3-5241493d7128"}));
    CHECK(c.meta.scope.department_id == std::optional<DepartmentId>(DepartmentId{"4"}));
    CHECK_FALSE(c.meta.scope.project_id.has_value());
    CHECK_FALSE(c.meta.project_name.has_value());
    CHECK(c.meta.tenant_id == std::optional<std::int64_t>(1001));
    CHECK(c.meta.created_by == "admin@example.com");
    CHECK(c.meta.updated_at == "2025-11-02T09:14:03.112Z");
    CHECK(c.meta.update_count == 1);
    CHECK(spec_kind(c.spec) == CredentialKind::AccessKey);
    CHECK(c.key_id == 1);
    REQUIRE(c.used_by.has_value());
    CHECK(c.used_by->in_use());
    REQUIRE(c.used_by->datasources.size() == 1);
    CHECK(c.used_by->datasources[0].name == "imagenet-s3");
    CHECK(c.used_by->datasources[0].kind == "s3");
    CHECK(c.used_by->describe_users() == "datasources: imagenet-s3");
    REQUIRE(c.status.has_value());
    CHECK(c.status->status == SyncStatus::NoIssuesFound);
    CHECK(c.status->issues.empty());
    REQUIRE(c.k8s_names.has_value());
    REQUIRE(c.k8s_names->size() == 1);
    CHECK((*c.k8s_names)[0] == "datasets-s3-ro");
}

TEST_CASE("decode_credential: per-kind password (spec field 'password' collides with the kind key)") {
    const Json j = parse(R"({
      "meta": { "id": "p-1", "kind": "password", "name": "gitlab-bot", "scope": "project",
                "projectId": 12, "projectName": "team-a", "clusterId": "d73a", "departmentId": "4",
                "createdBy": "u", "createdAt": "t", "updatedBy": "u", "updatedAt": "t" },
      "spec": { "existingSecretName": "gitlab-bot-creds", "user": null, "password": null, "keyId": 5 },
      "status": { "status": "Creating", "issues": [] },
      "clusterInfo": { "resources": [ { "name": "gitlab-bot-creds" } ] } })");
    auto r = decode_credential(j);
    REQUIRE(r.ok());
    CHECK(r->meta.kind == CredentialKind::Password);
    REQUIRE(std::holds_alternative<PasswordSpec>(r->spec));
    CHECK(std::get<PasswordSpec>(r->spec).existing_secret_name == std::optional<std::string>("gitlab-bot-creds"));
    CHECK(r->key_id == 5);
    CHECK(r->meta.scope.project_id == std::optional<ProjectId>(ProjectId{12}));
    CHECK(r->meta.project_name == std::optional<std::string>("team-a"));
    REQUIRE(r->status.has_value());
    CHECK(r->status->status == SyncStatus::Creating);
    CHECK(status_is_transient(r->status->status));
    CHECK_FALSE(r->used_by.has_value());

    SUBCASE("a string in spec.password is a (leaked) value, not a nested spec") {
        const Json j2 = parse(R"({
          "meta": { "id": "p-2", "kind": "password", "name": "x", "scope": "tenant" },
          "spec": { "existingSecretName": "from-flat", "password": "should-not-matter", "keyId": 9 } })");
        auto r2 = decode_credential(j2);
        REQUIRE(r2.ok());
        CHECK(std::get<PasswordSpec>(r2->spec).existing_secret_name == std::optional<std::string>("from-flat"));
        CHECK_FALSE(std::get<PasswordSpec>(r2->spec).password.has_value());  // never read back
        CHECK(r2->key_id == 9);
    }
}

TEST_CASE("decode_credential: combined entries of every kind") {
    SUBCASE("password combined entry") {
        const Json j = parse(R"({
          "meta": { "id": "p-1", "kind": "password", "name": "gitlab-bot", "scope": "project", "projectId": 12 },
          "spec": { "accessKey": null,
                    "password": { "existingSecretName": "nested-secret", "user": null, "password": null, "keyId": 3 },
                    "dockerRegistry": null, "genericSecret": null, "ngcApiKey": null } })");
        auto r = decode_credential(j);
        REQUIRE(r.ok());
        CHECK(std::get<PasswordSpec>(r->spec).existing_secret_name == std::optional<std::string>("nested-secret"));
        CHECK(r->key_id == 3);
    }
    SUBCASE("docker registry and generic secret entries of a combined list") {
        auto list = decode_credential_list(R"({ "entries": [
          { "meta": { "id": "d-1", "kind": "dockerRegistry", "name": "nvcr", "scope": "cluster",
                      "clusterId": "d73a738f-fab3-430a-8fa3-5241493d7128" },
            "spec": { "dockerRegistry": { "existingSecretName": null, "url": "nvcr.io", "keyId": 2 },
                      "accessKey": null, "password": null, "genericSecret": null, "ngcApiKey": null },
            "usedBy": { "workspaces": [ { "id": "w", "name": "ws-1", "status": "Running" } ],
                        "trainings": [], "distributed": [], "inferences": [],
                        "templates": [ { "id": "t", "name": "tpl-2" } ],
                        "assets": { "environments": [ { "id": "e", "name": "jupyter" } ], "computes": [],
                                    "datasources": [] } },
            "status": { "status": "Issues found",
                        "issues": [ { "scopeId": "17", "scopeType": "project", "issue": "ReplicationError" },
                                    { "scopeId": 4, "scopeType": "department", "issue": "NotCreated" } ],
                        "message": "m", "url": "u" },
            "clusterInfo": { "resources": [ { "name": "nvcr" }, { "name": "nvcr-2" } ] } },
          { "meta": { "id": "g-1", "kind": "genericSecret", "name": "wandb", "scope": "project", "projectId": 12 },
            "spec": { "genericSecret": { "keyValuePairs": [ { "key": "WANDB_API_KEY", "value": null } ], "keyId": 3 } } },
          { "meta": { "id": "n-1", "kind": "ngcApiKey", "name": "ngc-org-key", "scope": "tenant", "tenantId": 1001 },
            "spec": { "ngcApiKey": { "ngc_api_key": null, "keyId": 4 }, "accessKey": null, "password": null,
                      "dockerRegistry": null, "genericSecret": null },
            "status": { "status": "No status", "issues": [] } },
          { "meta": { "id": "a-1", "kind": "accessKey", "name": "s3", "scope": "department", "departmentId": "4" },
            "spec": { "accessKey": { "existingSecretName": "s3-secret", "keyId": 6 } } }
        ] })");
        REQUIRE(list.ok());
        REQUIRE(list->size() == 4);

        const Credential& d = (*list)[0];
        CHECK(d.meta.kind == CredentialKind::DockerRegistry);
        CHECK(d.meta.scope.type == ScopeType::Cluster);
        CHECK(std::get<DockerRegistrySpec>(d.spec).url == std::optional<std::string>("nvcr.io"));
        CHECK(d.key_id == 2);
        REQUIRE(d.used_by.has_value());
        CHECK(d.used_by->describe_users() == "workspaces: ws-1; templates: tpl-2; environments: jupyter");
        REQUIRE(d.used_by->workspaces.size() == 1);
        CHECK(d.used_by->workspaces[0].status == std::optional<std::string>("Running"));
        REQUIRE(d.status.has_value());
        CHECK(d.status->status == SyncStatus::IssuesFound);
        CHECK(d.status->message == "m");
        CHECK(d.status->url == "u");
        REQUIRE(d.status->issues.size() == 2);
        CHECK(d.status->issues[0].scope_id == "17");
        CHECK(d.status->issues[0].scope_type == ScopeType::Project);
        CHECK(d.status->issues[0].issue == IssueKind::ReplicationError);
        CHECK(d.status->issues[1].scope_id == "4");  // numeric scopeId tolerated
        CHECK(d.status->issues[1].scope_type == ScopeType::Department);
        CHECK(d.status->issues[1].issue == IssueKind::NotCreated);
        REQUIRE(d.k8s_names.has_value());
        CHECK(*d.k8s_names == std::vector<std::string>{"nvcr", "nvcr-2"});

        const Credential& g = (*list)[1];
        CHECK(g.meta.kind == CredentialKind::GenericSecret);
        const auto& gs = std::get<GenericSecretSpec>(g.spec);
        REQUIRE(gs.key_value_pairs.has_value());
        REQUIRE(gs.key_value_pairs->size() == 1);
        CHECK((*gs.key_value_pairs)[0].key == "WANDB_API_KEY");
        CHECK_FALSE((*gs.key_value_pairs)[0].value.has_value());
        CHECK(g.key_id == 3);
        CHECK_FALSE(g.status.has_value());
        CHECK_FALSE(g.k8s_names.has_value());

        const Credential& n = (*list)[2];
        CHECK(n.meta.kind == CredentialKind::NgcApiKey);
        CHECK(n.meta.scope.type == ScopeType::Tenant);
        CHECK(n.key_id == 4);
        CHECK(n.status->status == SyncStatus::NoStatus);

        const Credential& a = (*list)[3];
        CHECK(std::get<AccessKeySpec>(a.spec).existing_secret_name == std::optional<std::string>("s3-secret"));
        CHECK(a.key_id == 6);
    }
}

TEST_CASE("decode_credential: projectId as int or numeric string, departmentId as string or int") {
    auto meta_of = [](const char* meta_json) {
        const Json j = parse(std::string(R"({"meta":)") + meta_json + R"(,"spec":{"keyId":1}})");
        return decode_credential(j);
    };
    auto a = meta_of(R"({"id":"x","kind":"password","scope":"project","projectId":12,"departmentId":"4"})");
    REQUIRE(a.ok());
    CHECK(a->meta.scope.project_id == std::optional<ProjectId>(ProjectId{12}));
    CHECK(a->meta.scope.department_id == std::optional<DepartmentId>(DepartmentId{"4"}));

    auto b = meta_of(R"({"id":"x","kind":"password","scope":"project","projectId":"33","departmentId":4})");
    REQUIRE(b.ok());
    CHECK(b->meta.scope.project_id == std::optional<ProjectId>(ProjectId{33}));
    CHECK(b->meta.scope.department_id == std::optional<DepartmentId>(DepartmentId{"4"}));

    auto c = meta_of(R"({"id":"x","kind":"password","scope":"project","projectId":"not-a-number"})");
    REQUIRE(c.ok());
    CHECK_FALSE(c->meta.scope.project_id.has_value());

    auto d = meta_of(R"({"id":"x","kind":"password","scope":"project","projectId":null})");
    REQUIRE(d.ok());
    CHECK_FALSE(d->meta.scope.project_id.has_value());
}

TEST_CASE("decode_credential rejects what cannot be a credential") {
    CHECK_FALSE(decode_credential(parse("[]")).ok());
    CHECK_FALSE(decode_credential(parse("{}")).ok());
    auto no_id = decode_credential(parse(R"({"meta":{"kind":"password","scope":"tenant"},"spec":{}})"));
    REQUIRE_FALSE(no_id.ok());
    CHECK(no_id.error().field == "meta.id");
    auto bad_kind = decode_credential(parse(R"({"meta":{"id":"x","kind":"compute","scope":"tenant"},"spec":{}})"));
    REQUIRE_FALSE(bad_kind.ok());
    CHECK(bad_kind.error().field == "meta.kind");
    auto bad_scope = decode_credential(parse(R"({"meta":{"id":"x","kind":"password","scope":"account"},"spec":{}})"));
    REQUIRE_FALSE(bad_scope.ok());
    CHECK(bad_scope.error().field == "meta.scope");
}

TEST_CASE("decode_credential: status null or absent means no status column value") {
    auto r = decode_credential(parse(R"({"meta":{"id":"x","kind":"password","scope":"tenant"},"status":null})"));
    REQUIRE(r.ok());
    CHECK_FALSE(r->status.has_value());
    CHECK_FALSE(r->used_by.has_value());
    CHECK_FALSE(r->k8s_names.has_value());
    CHECK(r->key_id == 0);
}

TEST_CASE("decode_usage reads the deprecated singular environment/compute") {
    auto u = decode_usage(
        parse(R"({"assets":{"environment":{"id":"e","name":"old-env"},"compute":{"id":"c","name":"old-cmp"}}})"));
    REQUIRE(u.ok());
    REQUIRE(u->environments.size() == 1);
    CHECK(u->environments[0].name == "old-env");
    REQUIRE(u->computes.size() == 1);
    CHECK(u->computes[0].name == "old-cmp");
}

TEST_CASE("encode then decode a credential keeps the non-secret data") {
    for (auto k : kKinds) {
        for (bool combined : {false, true}) {
            CAPTURE(kind_api_name(k));
            CAPTURE(combined);
            Credential c = sample_credential(k);
            if (k != CredentialKind::NgcApiKey) {
                // existing secret name is metadata and must survive
                std::visit(
                    [](auto& v) {
                        if constexpr (!std::is_same_v<std::decay_t<decltype(v)>, NgcApiKeySpec>)
                            v.existing_secret_name = "pre-made";
                    },
                    c.spec);
            }
            c.status = AssetStatus{SyncStatus::Deleting, {}, "", ""};
            c.meta.deleted_at = "2025-12-01T00:00:00Z";
            auto r = decode_credential(encode_credential(c, combined));
            REQUIRE(r.ok());
            CHECK(r->meta.id == c.meta.id);
            CHECK(r->meta.kind == k);
            CHECK(r->meta.name == c.meta.name);
            CHECK(r->meta.description == c.meta.description);
            check_same_scope(r->meta.scope, c.meta.scope);
            CHECK(r->meta.tenant_id == c.meta.tenant_id);
            CHECK(r->meta.update_count == 3);
            CHECK(r->meta.deleted_at == c.meta.deleted_at);
            CHECK(r->key_id == 7);
            CHECK(spec_kind(r->spec) == k);
            CHECK(spec_existing_secret_name(r->spec) ==
                  (k == CredentialKind::NgcApiKey ? std::nullopt : std::optional<std::string>("pre-made")));
            REQUIRE(r->status.has_value());
            CHECK(r->status->status == SyncStatus::Deleting);
        }
    }
}

TEST_CASE("decode_credential_list errors") {
    auto empty = decode_credential_list(R"({"entries": []})");
    REQUIRE(empty.ok());
    CHECK(empty->empty());

    CHECK_FALSE(decode_credential_list("").ok());
    CHECK_FALSE(decode_credential_list("<html>502 Bad Gateway</html>").ok());
    CHECK_FALSE(decode_credential_list(R"({"entries": {}})").ok());
    CHECK_FALSE(decode_credential_list(R"({"items": []})").ok());
    CHECK_FALSE(decode_credential_list(R"([])").ok());

    auto bad_entry = decode_credential_list(
        R"({"entries": [ {"meta":{"id":"x","kind":"password","scope":"tenant"}}, {"meta":{"id":"y","kind":"bogus","scope":"tenant"}} ]})");
    REQUIRE_FALSE(bad_entry.ok());
    CHECK(bad_entry.error().message.find("Entry 1") != std::string::npos);
}

// ---- requests ---------------------------------------------------------------------------------

TEST_CASE("encode_create_request writes the documented POST bodies") {
    const Json a = encode_create_request(sample_request(CredentialKind::AccessKey));
    CHECK(a["meta"]["name"] == "wandb");
    CHECK(a["meta"]["scope"] == "department");
    CHECK(a["meta"]["departmentId"] == "4");
    CHECK(a["meta"]["clusterId"] == "d73a738f-fab3-430a-8fa3-5241493d7128");
    CHECK_FALSE(a["meta"].contains("projectId"));
    CHECK(a["spec"]["accessKeyId"] == "AKIAEXAMPLE0001");
    CHECK(a["spec"]["secretAccessKey"] == "s3cr3t-EXAMPLE");
    CHECK_FALSE(a["spec"].contains("existingSecretName"));

    const Json p = encode_create_request(sample_request(CredentialKind::Password));
    CHECK(p["meta"]["projectId"] == 12);
    CHECK(p["meta"]["projectId"].is_number_integer());
    CHECK(p["spec"] == Json{{"existingSecretName", "gitlab-bot-creds"}});

    const Json n = encode_create_request(sample_request(CredentialKind::NgcApiKey));
    CHECK(
        n ==
        parse(R"({ "meta": { "name": "wandb", "scope": "tenant" }, "spec": { "ngc_api_key": "nvapi-AbC123._-x" } })"));

    const Json d = encode_create_request(sample_request(CredentialKind::DockerRegistry));
    CHECK(d["meta"]["private"] == true);
    CHECK(d["spec"]["url"] == "nvcr.io");

    const Json g = encode_create_request(sample_request(CredentialKind::GenericSecret));
    CHECK(g["meta"]["autoDelete"] == true);
    CHECK(g["spec"]["keyValuePairs"][1]["key"] == "WANDB_ENTITY");
    CHECK(g["spec"]["keyValuePairs"][1]["value"] == "ml-team");
}

TEST_CASE("create requests round-trip through encode/decode for each kind") {
    for (auto k : kKinds) {
        CAPTURE(kind_api_name(k));
        const CreateRequest in = sample_request(k);
        auto r = decode_create_request(encode_create_request(in), k);
        REQUIRE(r.ok());
        const CreateRequest& out = *r;
        CHECK(out.name == in.name);
        CHECK(out.description == in.description);
        check_same_scope(out.scope, in.scope);
        CHECK(out.auto_delete == in.auto_delete);
        CHECK(out.is_private == in.is_private);
        REQUIRE(spec_kind(out.spec) == k);
        switch (k) {
            case CredentialKind::AccessKey: {
                const auto& a = std::get<AccessKeySpec>(in.spec);
                const auto& b = std::get<AccessKeySpec>(out.spec);
                CHECK(b.existing_secret_name == a.existing_secret_name);
                CHECK(b.access_key_id == a.access_key_id);
                CHECK(b.secret_access_key == a.secret_access_key);
                break;
            }
            case CredentialKind::Password: {
                const auto& a = std::get<PasswordSpec>(in.spec);
                const auto& b = std::get<PasswordSpec>(out.spec);
                CHECK(b.existing_secret_name == a.existing_secret_name);
                CHECK(b.user == a.user);
                CHECK(b.password == a.password);
                break;
            }
            case CredentialKind::DockerRegistry: {
                const auto& a = std::get<DockerRegistrySpec>(in.spec);
                const auto& b = std::get<DockerRegistrySpec>(out.spec);
                CHECK(b.user == a.user);
                CHECK(b.password == a.password);
                CHECK(b.url == a.url);
                break;
            }
            case CredentialKind::GenericSecret: {
                const auto& a = std::get<GenericSecretSpec>(in.spec);
                const auto& b = std::get<GenericSecretSpec>(out.spec);
                REQUIRE(b.key_value_pairs.has_value());
                REQUIRE(b.key_value_pairs->size() == a.key_value_pairs->size());
                for (std::size_t i = 0; i < a.key_value_pairs->size(); ++i) {
                    CHECK((*b.key_value_pairs)[i].key == (*a.key_value_pairs)[i].key);
                    CHECK((*b.key_value_pairs)[i].value == (*a.key_value_pairs)[i].value);
                }
                break;
            }
            case CredentialKind::NgcApiKey:
                CHECK(std::get<NgcApiKeySpec>(out.spec).ngc_api_key == std::get<NgcApiKeySpec>(in.spec).ngc_api_key);
                break;
        }
    }
}

TEST_CASE("decode_create_request accepts full create bodies") {
    auto a = decode_create_request(parse(R"({
      "meta": { "name": "datasets-s3-ro", "description": "read-only key for the datasets bucket",
                "scope": "department", "departmentId": "4",
                "clusterId": "d73a738f-fab3-430a-8fa3-5241493d7128" },
      "spec": { "accessKeyId": "AKIAEXAMPLE0001", "secretAccessKey": "s3cr3t-EXAMPLE" } })"),
                                   CredentialKind::AccessKey);
    REQUIRE(a.ok());
    CHECK(a->scope.type == ScopeType::Department);
    CHECK(a->scope.department_id == std::optional<DepartmentId>(DepartmentId{"4"}));
    CHECK(std::get<AccessKeySpec>(a->spec).secret_access_key == std::optional<std::string>("s3cr3t-EXAMPLE"));

    // null optional fields and a workloadSupportedTypes object are accepted
    auto d = decode_create_request(parse(R"({
      "meta": { "name": "nvcr", "scope": "cluster", "clusterId": "d73a", "description": null,
                "departmentId": null, "projectId": null, "autoDelete": null, "private": false,
                "workloadSupportedTypes": { "workspace": true } },
      "spec": { "existingSecretName": null, "user": "$oauthtoken", "password": "k", "url": "nvcr.io" } })"),
                                   CredentialKind::DockerRegistry);
    REQUIRE(d.ok());
    CHECK_FALSE(d->description.has_value());
    CHECK_FALSE(d->scope.project_id.has_value());
    CHECK_FALSE(d->auto_delete);
    CHECK(std::get<DockerRegistrySpec>(d->spec).user == std::optional<std::string>("$oauthtoken"));
}

TEST_CASE("decode_create_request: unknown fields are a 400 naming them") {
    check_rejected(R"({"meta":{"name":"a","scope":"tenant","colour":"red"},"spec":{"ngc_api_key":"k"}})",
                   CredentialKind::NgcApiKey, "meta.colour");
    check_rejected(R"({"meta":{"name":"a","scope":"tenant"},"spec":{"user":"u","password":"p","foo":1}})",
                   CredentialKind::Password, "spec.foo");
    check_rejected(R"({"meta":{"name":"a","scope":"tenant"},"spec":{"ngc_api_key":"k"},"extra":true})",
                   CredentialKind::NgcApiKey, "extra");
    // a field of another kind is unknown for this kind
    check_rejected(R"({"meta":{"name":"a","scope":"tenant"},"spec":{"user":"u","password":"p","url":"x"}})",
                   CredentialKind::Password, "spec.url");
    check_rejected(R"({"meta":{"name":"a","scope":"tenant"},"spec":{"ngcApiKey":"k"}})", CredentialKind::NgcApiKey,
                   "spec.ngcApiKey");
    check_rejected(R"({"meta":{"name":"a","scope":"tenant"},"spec":{"existingSecretName":"s"}})",
                   CredentialKind::NgcApiKey, "spec.existingSecretName");
    check_rejected(R"({"meta":{"name":"a","scope":"tenant"},"spec":{"keyValuePairs":[{"key":"k","value":"v","x":1}]}})",
                   CredentialKind::GenericSecret, "spec.keyValuePairs[0].x");
    // read-only fields are not part of a create request
    check_rejected(R"({"meta":{"name":"a","scope":"tenant","id":"x"},"spec":{"ngc_api_key":"k"}})",
                   CredentialKind::NgcApiKey, "meta.id");
}

TEST_CASE("decode_create_request: wrong types are a 400 naming the field") {
    check_rejected(R"({"meta":{"name":42,"scope":"tenant"},"spec":{"ngc_api_key":"k"}})", CredentialKind::NgcApiKey,
                   "meta.name");
    check_rejected(R"({"meta":{"name":"a","scope":"project","projectId":"12"},"spec":{"ngc_api_key":"k"}})",
                   CredentialKind::NgcApiKey, "meta.projectId");
    check_rejected(R"({"meta":{"name":"a","scope":"project","projectId":12.5},"spec":{"ngc_api_key":"k"}})",
                   CredentialKind::NgcApiKey, "meta.projectId");
    check_rejected(R"({"meta":{"name":"a","scope":"department","departmentId":4},"spec":{"ngc_api_key":"k"}})",
                   CredentialKind::NgcApiKey, "meta.departmentId");
    check_rejected(R"({"meta":{"name":"a","scope":"tenant","private":"yes"},"spec":{"ngc_api_key":"k"}})",
                   CredentialKind::NgcApiKey, "meta.private");
    check_rejected(R"({"meta":{"name":"a","scope":"tenant","autoDelete":1},"spec":{"ngc_api_key":"k"}})",
                   CredentialKind::NgcApiKey, "meta.autoDelete");
    check_rejected(R"({"meta":{"name":"a","scope":"tenant","description":["d"]},"spec":{"ngc_api_key":"k"}})",
                   CredentialKind::NgcApiKey, "meta.description");
    check_rejected(R"({"meta":{"name":"a","scope":"tenant","workloadSupportedTypes":true},"spec":{"ngc_api_key":"k"}})",
                   CredentialKind::NgcApiKey, "meta.workloadSupportedTypes");
    check_rejected(R"({"meta":{"name":"a","scope":"tenant"},"spec":{"keyValuePairs":{"k":"v"}}})",
                   CredentialKind::GenericSecret, "spec.keyValuePairs");
    check_rejected(R"({"meta":{"name":"a","scope":"tenant"},"spec":{"keyValuePairs":["k=v"]}})",
                   CredentialKind::GenericSecret, "spec.keyValuePairs[0]");
    check_rejected(R"({"meta":{"name":"a","scope":"tenant"},"spec":{"keyValuePairs":[{"key":"k","value":7}]}})",
                   CredentialKind::GenericSecret, "spec.keyValuePairs[0].value");
    check_rejected(R"({"meta":{"name":"a","scope":"tenant"},"spec":{"user":"u","password":123}})",
                   CredentialKind::Password, "spec.password");
    check_rejected(R"({"meta":{"name":"a","scope":"tenant"},"spec":{"ngc_api_key":true}})", CredentialKind::NgcApiKey,
                   "spec.ngc_api_key");
    check_rejected(R"({"meta":"a","spec":{}})", CredentialKind::NgcApiKey, "meta");
    check_rejected(R"({"meta":{"name":"a","scope":"tenant"},"spec":[]})", CredentialKind::NgcApiKey, "spec");
}

TEST_CASE("decode_create_request: required parts") {
    check_rejected(R"({"spec":{"ngc_api_key":"k"}})", CredentialKind::NgcApiKey, "meta");
    check_rejected(R"({"meta":{"name":"a","scope":"tenant"}})", CredentialKind::NgcApiKey, "spec");
    check_rejected(R"({"meta":{"scope":"tenant"},"spec":{"ngc_api_key":"k"}})", CredentialKind::NgcApiKey, "meta.name");
    check_rejected(R"({"meta":{"name":"a"},"spec":{"ngc_api_key":"k"}})", CredentialKind::NgcApiKey, "meta.scope");
    check_rejected(R"({"meta":{"name":"a","scope":"account"},"spec":{"ngc_api_key":"k"}})", CredentialKind::NgcApiKey,
                   "meta.scope");
    check_rejected(R"({"meta":{"name":"a","scope":"system"},"spec":{"ngc_api_key":"k"}})", CredentialKind::NgcApiKey,
                   "meta.scope");

    auto not_object = decode_create_request(parse("[1,2]"), CredentialKind::Password);
    REQUIRE_FALSE(not_object.ok());
    CHECK(not_object.error().code == 400);
}

TEST_CASE("update requests") {
    UpdateRequest u;
    u.name = "renamed";
    u.description = "rotated 2025-12; owner: ml-platform";
    const Json j = encode_update_request(u);
    CHECK(j == parse(R"({"meta":{"name":"renamed","description":"rotated 2025-12; owner: ml-platform"}})"));
    auto back = decode_update_request(j);
    REQUIRE(back.ok());
    CHECK(back->name == u.name);
    CHECK(back->description == u.description);

    CHECK(encode_update_request(UpdateRequest{}) == parse(R"({"meta":{}})"));

    auto desc_only = decode_update_request(parse(R"({"meta":{"description":"rotated"}})"));
    REQUIRE(desc_only.ok());
    CHECK_FALSE(desc_only->name.has_value());
    CHECK(desc_only->description == std::optional<std::string>("rotated"));

    auto empty = decode_update_request(parse("{}"));
    REQUIRE(empty.ok());
    CHECK_FALSE(empty->name.has_value());
    CHECK_FALSE(empty->description.has_value());

    auto spec = decode_update_request(parse(R"({"meta":{"name":"a"},"spec":{"password":"new"}})"));
    REQUIRE_FALSE(spec.ok());
    CHECK(spec.error().code == 400);
    CHECK(spec.error().field == "spec");  // values cannot be edited

    auto colour = decode_update_request(parse(R"({"meta":{"colour":"red"}})"));
    REQUIRE_FALSE(colour.ok());
    CHECK(colour.error().field == "meta.colour");

    auto num_name = decode_update_request(parse(R"({"meta":{"name":5}})"));
    REQUIRE_FALSE(num_name.ok());
    CHECK(num_name.error().field == "meta.name");

    auto meta_str = decode_update_request(parse(R"({"meta":"x"})"));
    REQUIRE_FALSE(meta_str.ok());
    CHECK(meta_str.error().field == "meta");

    CHECK_FALSE(decode_update_request(parse("7")).ok());
}

// ---- errors -----------------------------------------------------------------------------------

TEST_CASE("decode_error with a Run:ai error body") {
    const ApiError e =
        decode_error(409, R"({"code":409,"message":"Credential nvcr already exists","details":"scope cluster"})");
    CHECK(e.code == 409);
    CHECK(e.message == "Credential nvcr already exists");
    CHECK(e.details == "scope cluster");
}

TEST_CASE("decode_error with an OAuth2 body") {
    const ApiError e = decode_error(401, R"({"error":"invalid_token","error_description":"Token expired"})");
    CHECK(e.code == 401);
    CHECK(e.message == "Token expired");
    // only "error": the default message for the status
    const ApiError e2 = decode_error(401, R"({"error":"invalid_token"})");
    CHECK(e2.message == std::string(default_error_message(401)));
}

TEST_CASE("decode_error with garbage falls back to the status default") {
    for (int status : {0, 400, 401, 403, 404, 409, 412, 500, 503, 418}) {
        CAPTURE(status);
        const ApiError e = decode_error(status, "<html><body>Bad Gateway</body></html>");
        CHECK(e.code == status);
        CHECK(e.message == std::string(default_error_message(status)));
        CHECK_FALSE(e.message.empty());
    }
    CHECK(decode_error(404, "").message == "Resource id not found.");
    CHECK(decode_error(409, "[]").message == "Resource with this name already exists");
    CHECK(decode_error(500, R"({"message":""})").message == "Internal server error");
    CHECK(decode_error(500, R"({"message":42})").message == "Internal server error");
    CHECK(default_error_message(0) != default_error_message(500));
    CHECK(default_error_message(418) == "Request failed");
}

TEST_CASE("encode_error and decode_error round-trip") {
    const ApiError in{412, "Credential is in use by workspaces: ws-1", "ws-1", "meta.name"};
    const Json j = encode_error(in);
    CHECK(j["code"] == 412);
    CHECK(j["message"] == in.message);
    CHECK(j["details"] == "ws-1");
    const ApiError out = decode_error(412, j.dump());
    CHECK(out.code == 412);
    CHECK(out.message == in.message);
    CHECK(out.details == "ws-1");
    CHECK_FALSE(encode_error(ApiError{404, "nope", "", ""}).contains("details"));
}

// ---- org --------------------------------------------------------------------------------------

TEST_CASE("decode_clusters reads the array") {
    auto r = decode_clusters(R"([
      {"uuid":"d73a738f-fab3-430a-8fa3-5241493d7128","tenantId":1001,"name":"cluster-a","createdAt":"t",
       "domain":"https://a.example.com","version":"2.24","status":{"state":"Connected","conditions":[]}},
      {"uuid":"0b1c","tenantId":"1001","name":"cluster-b","createdAt":"t2"}
    ])");
    REQUIRE(r.ok());
    REQUIRE(r->size() == 2);
    CHECK((*r)[0].uuid.value == "d73a738f-fab3-430a-8fa3-5241493d7128");
    CHECK((*r)[0].name == "cluster-a");
    CHECK((*r)[0].tenant_id == 1001);
    CHECK((*r)[0].domain == std::optional<std::string>("https://a.example.com"));
    CHECK((*r)[0].version == std::optional<std::string>("2.24"));
    CHECK((*r)[0].state == "Connected");
    CHECK((*r)[1].tenant_id == 1001);
    CHECK_FALSE((*r)[1].domain.has_value());
    CHECK((*r)[1].state == "");

    CHECK_FALSE(decode_clusters(R"({"clusters":[]})").ok());
    CHECK_FALSE(decode_clusters("oops").ok());
    auto empty = decode_clusters("[]");
    REQUIRE(empty.ok());
    CHECK(empty->empty());
}

TEST_CASE("decode_departments reads {departments:[...]}") {
    auto r = decode_departments(std::string_view(R"({"departments":[
        {"id":"4","name":"research","clusterId":"cl-a","description":"R&D","createdAt":"c","updatedAt":"u","children":[]},
        {"id":7,"name":"platform","clusterId":"cl-a"}], "next": 2})"));
    REQUIRE(r.ok());
    REQUIRE(r->size() == 2);
    CHECK((*r)[0].id.value == "4");
    CHECK((*r)[0].name == "research");
    CHECK((*r)[0].cluster_id.value == "cl-a");
    CHECK((*r)[0].description == "R&D");
    CHECK((*r)[1].id.value == "7");  // numeric id tolerated, kept as a string
    CHECK_FALSE(decode_departments(std::string_view("[]")).ok());
    CHECK_FALSE(decode_departments(std::string_view("not json")).ok());
    CHECK_FALSE(decode_departments(std::string_view(R"({"projects":[]})")).ok());
}

TEST_CASE("decode_projects reads {projects:[...]}, string ids become ints, namespace defaults") {
    auto r = decode_projects(std::string_view(R"({"projects":[
        {"id":"33","name":"team-a","clusterId":"cl-a","parentId":"4","parent":{"id":"4","name":"research"},
         "status":{"namespace":"custom-ns","phase":"Ready"},"description":"d"},
        {"id":34,"name":"team-b","clusterId":"cl-a","parentId":4,"status":{"phase":"Creating"}},
        {"id":"35","name":"team-c","clusterId":"cl-b","parentId":"5"}], "next": 3})"));
    REQUIRE(r.ok());
    REQUIRE(r->size() == 3);
    CHECK((*r)[0].id == ProjectId{33});
    CHECK((*r)[0].name == "team-a");
    CHECK((*r)[0].cluster_id.value == "cl-a");
    CHECK((*r)[0].parent_id.value == "4");
    CHECK((*r)[0].parent_name == "research");
    CHECK((*r)[0].namespace_name == "custom-ns");
    CHECK((*r)[0].description == "d");
    CHECK((*r)[1].id == ProjectId{34});
    CHECK((*r)[1].parent_id.value == "4");
    CHECK((*r)[1].namespace_name == "runai-team-b");
    CHECK((*r)[2].id == ProjectId{35});
    CHECK((*r)[2].namespace_name == "runai-team-c");
    CHECK_FALSE(decode_projects(std::string_view(R"({"departments":[]})")).ok());
    CHECK_FALSE(decode_projects(std::string_view("")).ok());
}

TEST_CASE("org encoders produce what the decoders read (reference server shapes)") {
    Cluster c{ClusterId{"cl-a"}, "cluster-a", 1001, "t", std::string("https://a"), std::nullopt, "Connected"};
    Department d{DepartmentId{"4"}, "research", ClusterId{"cl-a"}, "R&D", "c", "u"};
    Project p{ProjectId{33}, "team-a", ClusterId{"cl-a"}, DepartmentId{"4"}, "research", "runai-team-a", "", "c", "u"};

    const Json pj = encode_project(p);
    CHECK(pj["id"].is_string());  // org-unit project ids are strings
    CHECK(pj["id"] == "33");
    CHECK(pj["status"]["namespace"] == "runai-team-a");
    CHECK(pj["parent"]["name"] == "research");

    auto cs = decode_clusters(Json::array({encode_cluster(c)}).dump());
    REQUIRE(cs.ok());
    REQUIRE(cs->size() == 1);
    CHECK((*cs)[0].uuid == c.uuid);
    CHECK((*cs)[0].name == c.name);
    CHECK((*cs)[0].tenant_id == 1001);
    CHECK((*cs)[0].domain == c.domain);
    CHECK((*cs)[0].state == "Connected");
    CHECK(encode_cluster(Cluster{})["status"]["state"] == "Unknown");

    auto ds = decode_departments(std::string_view(Json{{"departments", Json::array({encode_department(d)})}}.dump()));
    REQUIRE(ds.ok());
    REQUIRE(ds->size() == 1);
    CHECK((*ds)[0].id == d.id);
    CHECK((*ds)[0].name == d.name);
    CHECK((*ds)[0].cluster_id == d.cluster_id);

    auto ps = projects_from_json(Json{{"projects", Json::array({pj})}});
    REQUIRE(ps.ok());
    REQUIRE(ps->size() == 1);
    CHECK((*ps)[0].id == p.id);
    CHECK((*ps)[0].parent_id == p.parent_id);
    CHECK((*ps)[0].parent_name == "research");
    CHECK((*ps)[0].namespace_name == "runai-team-a");
}

TEST_CASE("decode_next reads the org-unit paging offset") {
    CHECK(decode_next(parse(R"({"projects":[],"next":50})")) == std::optional<std::int64_t>(50));
    CHECK(decode_next(parse(R"({"projects":[],"next":"100"})")) == std::optional<std::int64_t>(100));
    CHECK_FALSE(decode_next(parse(R"({"projects":[]})")).has_value());
    CHECK_FALSE(decode_next(parse(R"({"projects":[],"next":null})")).has_value());
}

TEST_CASE("a 400 for a non-ASCII name serialises as a JSON error body") {
    CreateRequest r;
    r.name = "caf\xC3\xA9";
    r.scope = ScopeRef{ScopeType::Tenant, {}, {}, {}};
    r.spec = NgcApiKeySpec{std::string("nvapi-x")};
    const auto e = validate_create(r);
    REQUIRE(e.has_value());
    CHECK(e->field == "meta.name");
    std::string body;
    CHECK_NOTHROW(body = encode_error(*e).dump());
    const ApiError back = decode_error(400, body);
    CHECK(back.message == e->message);
}

TEST_CASE("a status value newer than the client does not break the list") {
    auto r = decode_credential_list(std::string_view(R"({"entries":[
      {"meta":{"id":"a","kind":"password","name":"a","scope":"tenant"},"spec":{"password":{"keyId":1}},
       "status":{"status":"Quarantined","issues":[]}},
      {"meta":{"id":"b","kind":"password","name":"b","scope":"tenant"},"spec":{"password":{"keyId":1}},
       "status":{"status":"No status","issues":[]}}]})"));
    REQUIRE(r.ok());
    REQUIRE(r->size() == 2);
    CHECK_FALSE((*r)[0].status.has_value());
    REQUIRE((*r)[1].status.has_value());
    CHECK((*r)[1].status->status == SyncStatus::NoStatus);
}
