// API tests of GET /api/v1/asset/credentials: the demo data covers every kind, scope level and
// status; entries decode with the client's codec; secret values are always null; usedBy and
// status appear only when asked; the list filters select what they promise.
#include <map>
#include <set>

#include "test_support.h"

using namespace cc;
using namespace cc::test;

namespace {

Json list(const std::string& query, int expected_status = 200) {
    auto c = shared_server().client();
    static const std::string token = admin_token(c);
    auto r = c.Get(("/api/v1/asset/credentials" + query).c_str(), bearer(token));
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == expected_status, r->body);
    return body_json(r);
}

std::set<std::string> names(const Json& body) {
    std::set<std::string> out;
    for (const auto& e : body.at("entries")) out.insert(e.at("meta").at("name").get<std::string>());
    return out;
}

const Json& entry_named(const Json& body, const std::string& name) {
    for (const auto& e : body.at("entries"))
        if (e.at("meta").at("name") == name) return e;
    FAIL("no entry named " << name);
    static Json none;
    return none;
}

}  // namespace

TEST_CASE("credentials list: the demo data covers every kind, scope and status") {
    const Json body = list("?usageInfo=true&statusInfo=true");
    const auto& entries = body.at("entries");
    CHECK(entries.size() >= 38);
    CHECK(entries.size() <= 45);

    std::set<CredentialKind> kinds;
    std::set<ScopeType> scopes;
    std::set<SyncStatus> statuses;
    std::set<std::string> ids;
    for (const auto& e : entries) {
        auto c = decode_credential(e);
        REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
        kinds.insert(c->meta.kind);
        scopes.insert(c->meta.scope.type);
        REQUIRE(c->status);
        statuses.insert(c->status->status);
        ids.insert(c->meta.id.value);
        CHECK(c->meta.tenant_id == 1001);
        CHECK_FALSE(c->meta.created_by.empty());
        CHECK(c->meta.created_at < "2026-11-27");
        if (c->meta.scope.type == ScopeType::Tenant) {
            CHECK(c->status->status == SyncStatus::NoStatus);
        }
        if (c->status->status == SyncStatus::IssuesFound) {
            REQUIRE_FALSE(c->status->issues.empty());
            for (const auto& i : c->status->issues)
                CHECK((i.scope_type == ScopeType::Project || i.scope_type == ScopeType::Department));
        }
        // Exactly one kind's spec is filled, the one meta.kind names.
        for (auto k : kAllKinds) CHECK(e.at("spec").at(std::string(kind_api_name(k))).is_null() == (k != c->meta.kind));
        CHECK(e.contains("clusterInfo"));
    }
    CHECK(ids.size() == entries.size());
    CHECK(kinds.size() == 5);
    CHECK(scopes ==
          std::set<ScopeType>{ScopeType::Tenant, ScopeType::Cluster, ScopeType::Department, ScopeType::Project});
    CHECK(statuses.size() == 8);
}

TEST_CASE("credentials list: secret values are null, metadata is kept") {
    const Json body = list("");
    for (const auto& e : body.at("entries")) {
        const std::string kind = e.at("meta").at("kind");
        const Json& spec = e.at("spec").at(kind);
        CAPTURE(e.at("meta").at("name"));
        for (const char* secret : {"accessKeyId", "secretAccessKey", "user", "password"})
            if (spec.contains(secret)) CHECK(spec.at(secret).is_null());
        // Not nullable in the schema: left out instead.
        CHECK_FALSE(spec.contains("ngc_api_key"));
        if (spec.contains("keyValuePairs") && spec.at("keyValuePairs").is_array())
            for (const auto& kv : spec.at("keyValuePairs")) CHECK(kv.at("value").is_null());
    }
    // Non-secret metadata survives: registry url, generic-secret key names, existing secret, keyId.
    const Json& nvcr = entry_named(body, "nvcr-a").at("spec").at("dockerRegistry");
    CHECK(nvcr.at("url") == "nvcr.io");
    CHECK(nvcr.at("keyId") == 1);
    const Json& wandb = entry_named(body, "team-a-wandb").at("spec").at("genericSecret");
    REQUIRE(wandb.at("keyValuePairs").size() == 2);
    CHECK(wandb.at("keyValuePairs")[0].at("key") == "WANDB_API_KEY");
    const Json& ldap = entry_named(body, "ldap-sync");
    CHECK(ldap.at("spec").at("password").at("existingSecretName") == "ldap-sync-secret");
    CHECK(ldap.at("spec").at("password").at("keyId") == 0);
    CHECK(ldap.at("clusterInfo").at("resources")[0].at("name") == "ldap-sync-secret");
}

TEST_CASE("credentials list: usageInfo and statusInfo toggle usedBy and status") {
    const Json plain = list("");
    const Json usage = list("?usageInfo=true");
    const Json status = list("?statusInfo=true&usageInfo=false");
    REQUIRE(plain.at("entries").size() == usage.at("entries").size());
    for (const auto& e : plain.at("entries")) {
        CHECK_FALSE(e.contains("usedBy"));
        CHECK_FALSE(e.contains("status"));
        CHECK(e.at("clusterInfo").at("resources").is_array());
    }
    for (const auto& e : usage.at("entries")) {
        CHECK(e.contains("usedBy"));
        CHECK_FALSE(e.contains("status"));
    }
    for (const auto& e : status.at("entries")) {
        CHECK_FALSE(e.contains("usedBy"));
        CHECK(e.contains("status"));
    }
    // Several credentials are used, each by what the demo data says.
    int used = 0;
    for (const auto& e : usage.at("entries")) {
        auto c = decode_credential(e);
        REQUIRE(c.ok());
        if (c->used_by && c->used_by->in_use()) ++used;
    }
    CHECK(used >= 5);
    const auto s3 = decode_credential(entry_named(usage, "vision-datasets"));
    REQUIRE(s3.ok());
    REQUIRE(s3->used_by->datasources.size() == 1);
    CHECK(s3->used_by->datasources[0].name == "imagenet-s3");
    CHECK(s3->used_by->datasources[0].kind == "s3");
    const auto ngc = decode_credential(entry_named(usage, "team-j-ngc"));
    REQUIRE(ngc.ok());
    REQUIRE(ngc->used_by->trainings.size() == 1);
    CHECK(ngc->used_by->trainings[0].name == "train-llm-7b");
    const auto hf = decode_credential(entry_named(usage, "nlp-hf"));
    REQUIRE(hf.ok());
    CHECK(hf->used_by->describe_users() == "trainings: train-llm-7b; environments: vllm-server");
    const auto unused = decode_credential(entry_named(usage, "backups-s3"));
    REQUIRE(unused.ok());
    CHECK_FALSE(unused->used_by->in_use());
}

TEST_CASE("credentials list: scope and id filters") {
    const Json all = list("");
    std::map<std::string, std::string> scope_of;
    for (const auto& e : all.at("entries")) scope_of[e.at("meta").at("name")] = e.at("meta").at("scope");

    SUBCASE("scope selects exactly one level") {
        for (const char* level : {"tenant", "cluster", "department", "project"}) {
            CAPTURE(level);
            const auto got = names(list(std::string("?scope=") + level));
            std::set<std::string> want;
            for (const auto& [n, s] : scope_of)
                if (s == level) want.insert(n);
            CHECK(got == want);
            CHECK_FALSE(got.empty());
        }
    }
    SUBCASE("projectId without scope: the project's own plus its ancestors'") {
        // team-a is project 1 in research (department 1) on cluster-a.
        const auto got = names(list("?projectId=1"));
        CHECK(got.count("team-a-wandb") == 1);      // its own
        CHECK(got.count("research-ghcr") == 1);     // its department's
        CHECK(got.count("nvcr-a") == 1);            // its cluster's
        CHECK(got.count("ngc-org-key") == 1);       // the account's
        CHECK(got.count("team-b-dockerhub") == 0);  // a sibling project's
        CHECK(got.count("gitlab-platform") == 0);   // another department's
        CHECK(got.count("nvcr-b") == 0);            // another cluster's
    }
    SUBCASE("scope=project&projectId: only that project's") {
        CHECK(names(list("?scope=project&projectId=1")) == std::set<std::string>{"team-a-git", "team-a-wandb"});
    }
    SUBCASE("departmentId without scope: department, cluster, account") {
        const auto got = names(list("?departmentId=2"));
        CHECK(got.count("gitlab-platform") == 1);
        CHECK(got.count("nvcr-a") == 1);
        CHECK(got.count("wandb-org") == 1);
        CHECK(got.count("research-ghcr") == 0);
        CHECK(got.count("team-d-ngc") == 0);  // projects below are not usable at the department
    }
    SUBCASE("clusterId with scope=cluster: only that cluster's") {
        CHECK(names(list("?scope=cluster&clusterId=5b1c2e9a-7f3d-4c1b-9e8a-2f6d4a0c3b71")) ==
              std::set<std::string>{"minio-b", "nvcr-b", "registry-mirror-b", "slack-webhook"});
    }
    SUBCASE("includeDescendants adds everything below the node") {
        const auto got = names(list("?departmentId=1&includeDescendants=true"));
        CHECK(got.count("team-a-wandb") == 1);
        CHECK(got.count("team-c-s3") == 1);
        CHECK(got.count("research-ghcr") == 1);
        CHECK(got.count("team-d-ngc") == 0);
    }
    SUBCASE("name is an exact match") {
        CHECK(names(list("?name=nvcr-a")) == std::set<std::string>{"nvcr-a"});
        CHECK(names(list("?name=nvcr")).empty());
    }
    SUBCASE("bad values are 400 with an error body") {
        auto c = shared_server().client();
        const std::string token = admin_token(c);
        for (const char* q :
             {"?scope=galaxy", "?projectId=abc", "?projectId=-1", "?projectId=999", "?departmentId=99",
              "?clusterId=not-a-uuid", "?clusterId=00000000-0000-4000-8000-000000000000", "?usageInfo=yes",
              "?statusInfo=1", "?scope=cluster&includeDescendants=true", "?scope=tenant&scope=project"}) {
            CAPTURE(q);
            expect_error(c.Get((std::string("/api/v1/asset/credentials") + q).c_str(), bearer(token)), 400);
        }
    }
}
