// API tests of the assets that reference credentials: Git and S3 data sources and
// environments. Create (202), list, get, delete; validation of meta, spec and the referenced
// credential (kind, scope, keys, being deleted) with 400s naming the field; 409 on a taken name;
// and the credential's usedBy links appearing and disappearing, which the 412 rule reads.
#include <set>

#include "credentials_api.h"
#include "server/crypto.h"

using namespace cc;
using namespace cc::test;

namespace {

const std::string kGit = "/api/v1/asset/datasource/git";
const std::string kS3 = "/api/v1/asset/datasource/s3";
const std::string kEnv = "/api/v1/asset/environment";

// This file's own server: creating assets would change the shared server's usedBy answers.
TestServer& assets_server() {
    static TestServer s;
    return s;
}

Api& admin() {
    static Api api(assets_server(), kAdmin);
    return api;
}

// The id of a seeded credential (ids are derived from names).
std::string seeded(const std::string& name) {
    return server::uuid_from_name("credential/" + name);
}

Json body(const std::string& name, const Json& scope_meta, const Json& spec) {
    return create_body(name, scope_meta, spec);
}

Json git_spec(const std::string& credential_id) {
    return {{"repository", "https://git.demo.local/x.git"},
            {"branch", "main"},
            {"path", "/src"},
            {"credentialId", credential_id}};
}
Json s3_spec(const std::string& access_key_id) {
    return {{"bucket", "datasets"},
            {"path", "/data"},
            {"url", "https://s3.demo.local"},
            {"accessKeyAssetId", access_key_id}};
}
Json env_var(const std::string& name, const std::string& credential_id, const std::string& key) {
    return {{"name", name}, {"credential", {{"assetId", credential_id}, {"key", key}}}};
}
Json env_spec(const Json& vars) {
    return {{"image", "python:3.12"}, {"environmentVariables", vars}};
}

// A 400 whose message or details name `field`.
void expect_bad_field(const httplib::Result& r, const std::string& field) {
    const Json j = expect_error(r, 400);
    const std::string text = j.at("message").get<std::string>() + " | " + j.at("details").get<std::string>();
    CHECK_MESSAGE(text.find(field) != std::string::npos, text);
}

// The credential's usedBy, from the combined list with usageInfo.
Json used_by(const std::string& credential_id) {
    const Json list = admin().expect(admin().get(kCredentialsPath + "?usageInfo=true"), 200);
    for (const auto& e : list.at("entries"))
        if (e.at("meta").at("id") == credential_id) return e.at("usedBy");
    FAIL("credential " << credential_id << " is not listed");
    return nullptr;
}

std::set<std::string> datasource_names(const std::string& credential_id) {
    std::set<std::string> out;
    const Json usage = used_by(credential_id);  // a named value: the loop must not walk a temporary
    for (const auto& d : usage.at("assets").at("datasources")) out.insert(d.at("name"));
    return out;
}

std::set<std::string> environment_names(const std::string& credential_id) {
    std::set<std::string> out;
    const Json usage = used_by(credential_id);
    for (const auto& d : usage.at("assets").at("environments")) out.insert(d.at("name"));
    return out;
}

void check_asset_meta(const Json& asset, const std::string& kind) {
    CHECK(asset.at("meta").at("kind") == kind);
    check_against_schema("AssetMeta", asset.at("meta"));
}

}  // namespace

TEST_CASE("assets: the seeded data sources and environments, and their usedBy links") {
    auto& api = admin();
    const Json git = api.expect(api.get(kGit), 200);
    const Json s3 = api.expect(api.get(kS3), 200);
    const Json env = api.expect(api.get(kEnv), 200);
    auto names = [](const Json& list) {
        std::set<std::string> out;
        for (const auto& e : list.at("entries")) out.insert(e.at("meta").at("name"));
        return out;
    };
    CHECK(names(git) == std::set<std::string>{"models-git", "infra-configs-git"});
    CHECK(names(s3) == std::set<std::string>{"imagenet-s3", "datasets-s3"});
    CHECK(names(env) == std::set<std::string>{"jupyter-wandb", "pytorch-ngc", "vllm-server"});
    for (const auto& e : git.at("entries")) check_asset_meta(e, "git");
    for (const auto& e : s3.at("entries")) check_asset_meta(e, "s3");
    for (const auto& e : env.at("entries")) check_asset_meta(e, "environment");

    // Each link shows on the credential's side.
    CHECK(datasource_names(seeded("team-a-git")).count("models-git") == 1);
    CHECK(datasource_names(seeded("platform-ssh")).count("infra-configs-git") == 1);
    CHECK(datasource_names(seeded("vision-datasets")).count("imagenet-s3") == 1);
    for (const auto& e : s3.at("entries"))
        CHECK(datasource_names(e.at("spec").at("accessKeyAssetId")).count(e.at("meta").at("name")) == 1);
    for (const auto& e : env.at("entries"))
        for (const auto& v : e.at("spec").at("environmentVariables")) {
            CAPTURE(v.dump());
            CHECK(environment_names(v.at("credential").at("assetId")).count(e.at("meta").at("name")) == 1);
        }
    // The seed makes the 412 rule real for every kind of user.
    const Json nlp_hf = used_by(seeded("nlp-hf"));
    CHECK_FALSE(nlp_hf.at("trainings").empty());
    CHECK_FALSE(nlp_hf.at("assets").at("environments").empty());
    CHECK_FALSE(used_by(seeded("nvcr-a")).at("templates").empty());

    // Every seeded asset passes the checks of a create: posting it again under a new name works.
    int n = 0;
    for (const auto& [path, list] : {std::pair{kGit, git}, std::pair{kS3, s3}, std::pair{kEnv, env}})
        for (const auto& e : list.at("entries")) {
            Json meta = {{"name", "copy-" + std::to_string(++n)}, {"scope", e.at("meta").at("scope")}};
            for (const char* id : {"clusterId", "departmentId", "projectId"})
                if (!e.at("meta").at(id).is_null()) meta[id] = e.at("meta").at(id);
            CAPTURE(e.dump());
            const Json copy = api.expect(api.post(path, {{"meta", meta}, {"spec", e.at("spec")}}), 202);
            CHECK(copy.at("spec") == e.at("spec"));
            api.expect(api.del(path + "/" + copy.at("meta").at("id").get<std::string>()), 202);
        }
}

TEST_CASE("assets: a Git data source's life and its usedBy link") {
    auto& api = admin();
    const std::string password = seeded("team-a-git");  // project 1
    const Json created = api.expect(api.post(kGit, body("notebooks-git", project_scope(1), git_spec(password))), 202);
    check_asset_meta(created, "git");
    const Json& meta = created.at("meta");
    CHECK(meta.at("name") == "notebooks-git");
    CHECK(meta.at("scope") == "project");
    CHECK(meta.at("projectId") == 1);
    CHECK(meta.at("projectName") == "team-a");
    CHECK(meta.at("departmentId") == "1");
    CHECK(meta.at("clusterId") == kClusterA);
    CHECK(meta.at("createdBy") == "admin@demo.local");
    CHECK(created.at("spec") == git_spec(password));
    const std::string id = meta.at("id");

    CHECK(api.expect(api.get(kGit + "/" + id), 200) == created);
    CHECK(api.expect(api.get(kGit), 200).at("entries").size() == 3);
    CHECK(datasource_names(password) == std::set<std::string>{"models-git", "notebooks-git"});
    const Json usage = used_by(password);
    for (const auto& d : usage.at("assets").at("datasources"))
        if (d.at("name") == "notebooks-git") {
            CHECK(d.at("id") == id);
            CHECK(d.at("kind") == "git");
        }

    api.expect(api.del(kGit + "/" + id), 202);
    CHECK(datasource_names(password) == std::set<std::string>{"models-git"});
    expect_error(api.get(kGit + "/" + id), 404);
    expect_error(api.del(kGit + "/" + id), 404);
    CHECK(api.expect(api.get(kGit), 200).at("entries").size() == 2);
}

TEST_CASE("assets: Git credentials are passwords, or generic secrets with an ssh key") {
    auto& api = admin();
    // platform-ssh: department 2 (platform), key "ssh"; team-d is a project of platform.
    const Json ssh =
        api.expect(api.post(kGit, body("infra-ssh", project_scope(4), git_spec(seeded("platform-ssh")))), 202);
    CHECK(datasource_names(seeded("platform-ssh")).count("infra-ssh") == 1);
    api.expect(api.del(kGit + "/" + ssh.at("meta").at("id").get<std::string>()), 202);
    // A generic secret without an ssh key, an access key, an NGC key: refused.
    for (const char* name : {"research-openai", "datasets-s3-ro", "research-ngc"}) {
        CAPTURE(name);
        expect_bad_field(api.post(kGit, body("bad-git", project_scope(1), git_spec(seeded(name)))),
                         "spec.credentialId");
    }
    // The deprecated passwordAssetId takes passwords only.
    Json legacy = {{"repository", "https://x/y.git"}, {"path", "/src"}, {"passwordAssetId", seeded("team-a-git")}};
    const Json old = api.expect(api.post(kGit, body("legacy-git", project_scope(1), legacy)), 202);
    CHECK(old.at("spec").at("passwordAssetId") == seeded("team-a-git"));
    api.expect(api.del(kGit + "/" + old.at("meta").at("id").get<std::string>()), 202);
    legacy["passwordAssetId"] = seeded("platform-ssh");
    expect_bad_field(api.post(kGit, body("legacy-git", project_scope(4), legacy)), "spec.passwordAssetId");
    legacy["credentialId"] = seeded("platform-ssh");
    expect_bad_field(api.post(kGit, body("legacy-git", project_scope(4), legacy)), "spec.passwordAssetId");
    // Without a credential: a public repository.
    const Json open = api.expect(
        api.post(kGit, body("public-git", tenant_scope(), {{"repository", "https://github.com/x/y"}, {"path", "/y"}})),
        202);
    CHECK_FALSE(open.at("spec").contains("credentialId"));
    api.expect(api.del(kGit + "/" + open.at("meta").at("id").get<std::string>()), 202);
}

TEST_CASE("assets: S3 data sources take an access key usable at their scope") {
    auto& api = admin();
    SUBCASE("an inherited key: account scope used in a project") {
        const Json s = api.expect(api.post(kS3, body("backups", project_scope(5), s3_spec(seeded("backups-s3")))), 202);
        check_asset_meta(s, "s3");
        CHECK(datasource_names(seeded("backups-s3")) == std::set<std::string>{"backups"});
        const Json usage = used_by(seeded("backups-s3"));
        for (const auto& d : usage.at("assets").at("datasources")) CHECK(d.at("kind") == "s3");
        api.expect(api.del(kS3 + "/" + s.at("meta").at("id").get<std::string>()), 202);
        CHECK(datasource_names(seeded("backups-s3")).empty());
    }
    SUBCASE("a key of another kind") {
        expect_bad_field(api.post(kS3, body("s3-bad", project_scope(1), s3_spec(seeded("team-a-git")))),
                         "spec.accessKeyAssetId");
    }
    SUBCASE("a key not usable at the scope: a sibling project, an ancestor, another cluster") {
        // team-c-s3 is project 3's: not usable in project 1, nor in its department, nor above.
        expect_bad_field(api.post(kS3, body("s3-x", project_scope(1), s3_spec(seeded("team-c-s3")))),
                         "spec.accessKeyAssetId");
        expect_bad_field(api.post(kS3, body("s3-x", department_scope("1"), s3_spec(seeded("team-c-s3")))),
                         "spec.accessKeyAssetId");
        expect_bad_field(api.post(kS3, body("s3-x", tenant_scope(), s3_spec(seeded("datasets-s3-ro")))),
                         "spec.accessKeyAssetId");
        // datasets-s3-ro belongs to cluster-a; team-g is on cluster-b.
        expect_bad_field(api.post(kS3, body("s3-x", project_scope(7), s3_spec(seeded("datasets-s3-ro")))),
                         "spec.accessKeyAssetId");
        CHECK(datasource_names(seeded("team-c-s3")).empty());
    }
    SUBCASE("a credential being deleted, an unknown one, not a UUID") {
        expect_bad_field(api.post(kS3, body("s3-x", department_scope("1"), s3_spec(seeded("research-scratch-s3")))),
                         "spec.accessKeyAssetId");
        expect_bad_field(api.post(kS3, body("s3-x", tenant_scope(), s3_spec("00000000-0000-4000-8000-000000000000"))),
                         "spec.accessKeyAssetId");
        expect_bad_field(api.post(kS3, body("s3-x", tenant_scope(), s3_spec("backups-s3"))), "spec.accessKeyAssetId");
        Json spec = s3_spec(seeded("backups-s3"));
        spec["accessKeyAssetId"] = 7;
        expect_bad_field(api.post(kS3, body("s3-x", tenant_scope(), spec)), "spec.accessKeyAssetId");
    }
    SUBCASE("required and unknown spec fields") {
        for (const char* field : {"bucket", "path"}) {
            Json spec = s3_spec(seeded("backups-s3"));
            spec.erase(field);
            expect_bad_field(api.post(kS3, body("s3-x", tenant_scope(), spec)), std::string("spec.") + field);
            spec[field] = "";
            expect_bad_field(api.post(kS3, body("s3-x", tenant_scope(), spec)), std::string("spec.") + field);
        }
        Json spec = s3_spec(seeded("backups-s3"));
        spec["region"] = "us-east-1";
        expect_bad_field(api.post(kS3, body("s3-x", tenant_scope(), spec)), "spec.region");
    }
}

TEST_CASE("assets: environment variables take any credential, and a generic secret's own keys") {
    auto& api = admin();
    const std::string wandb = seeded("team-a-wandb");  // keys WANDB_API_KEY, WANDB_ENTITY; project 1
    const Json vars = Json::array({env_var("WANDB_API_KEY", wandb, "WANDB_API_KEY"),
                                   env_var("WANDB_ENTITY", wandb, "WANDB_ENTITY"),
                                   env_var("NGC_API_KEY", seeded("research-ngc"), "NGC_API_KEY"),
                                   env_var("REGISTRY", seeded("dockerhub-mirror"), ".dockerconfigjson"),
                                   {{"name", "LOG_LEVEL"}, {"value", "debug"}},
                                   {{"name", "EMPTY"}, {"value", ""}}});
    const Json created = api.expect(api.post(kEnv, body("team-a-notebook", project_scope(1), env_spec(vars))), 202);
    check_asset_meta(created, "environment");
    CHECK(created.at("spec").at("environmentVariables") == vars);
    const std::string id = created.at("meta").at("id");
    CHECK(environment_names(wandb) == std::set<std::string>{"jupyter-wandb", "team-a-notebook"});
    CHECK(environment_names(seeded("research-ngc")) == std::set<std::string>{"team-a-notebook"});
    CHECK(environment_names(seeded("dockerhub-mirror")) == std::set<std::string>{"team-a-notebook"});
    CHECK(api.expect(api.get(kEnv + "/" + id), 200) == created);
    api.expect(api.del(kEnv + "/" + id), 202);
    CHECK(environment_names(wandb) == std::set<std::string>{"jupyter-wandb"});
    CHECK(environment_names(seeded("research-ngc")).empty());

    auto bad = [&](const Json& var, const std::string& field) {
        CAPTURE(var.dump());
        expect_bad_field(api.post(kEnv, body("env-x", project_scope(1), env_spec(Json::array({var})))), field);
    };
    const std::string at = "spec.environmentVariables[0]";
    bad(env_var("X", wandb, "NOT_A_KEY"), at + ".credential.key");
    bad(env_var("X", wandb, ""), at + ".credential.key");
    bad(env_var("X", seeded("team-c-s3"), "SecretKey"), at + ".credential.assetId");  // project 3's
    bad(env_var("X", "00000000-0000-4000-8000-000000000000", "k"), at + ".credential.assetId");
    bad({{"name", "X"}, {"credential", {{"key", "WANDB_ENTITY"}}}}, at + ".credential.assetId");
    bad({{"name", "X"}, {"value", "v"}, {"credential", {{"assetId", wandb}, {"key", "WANDB_ENTITY"}}}}, at);
    bad({{"name", "X"}}, at);
    bad({{"name", "1X"}, {"value", "v"}}, at + ".name");
    bad({{"value", "v"}}, at + ".name");
    bad({{"name", "X"}, {"value", 3}}, at + ".value");
    bad({{"name", "X"}, {"secret", {{"name", "s"}, {"key", "k"}}}}, at + ".secret");
    bad("X=1", at);
    const Json twice = Json::array({{{"name", "A"}, {"value", "1"}}, {{"name", "A"}, {"value", "2"}}});
    expect_bad_field(api.post(kEnv, body("env-x", project_scope(1), env_spec(twice))),
                     "spec.environmentVariables[1].name");
    expect_bad_field(api.post(kEnv, body("env-x", project_scope(1), {{"environmentVariables", "A=1"}})),
                     "spec.environmentVariables");
    expect_bad_field(api.post(kEnv, body("env-x", project_scope(1), {{"imagePullPolicy", "Sometimes"}})),
                     "spec.imagePullPolicy");
    CHECK(environment_names(wandb) == std::set<std::string>{"jupyter-wandb"});
}

TEST_CASE("assets: meta validation, names unique in their scope node") {
    auto& api = admin();
    const Json spec = s3_spec(seeded("backups-s3"));
    auto post = [&](const Json& meta) { return api.post(kS3, {{"meta", meta}, {"spec", spec}}); };
    SUBCASE("names and descriptions") {
        expect_bad_field(post({{"scope", "tenant"}}), "meta.name");
        expect_bad_field(post({{"name", "Not_A_Label"}, {"scope", "tenant"}}), "meta.name");
        expect_bad_field(post({{"name", 7}, {"scope", "tenant"}}), "meta.name");
        expect_bad_field(post({{"name", "ok-name"}, {"scope", "tenant"}, {"description", std::string(251, 'd')}}),
                         "meta.description");
        expect_bad_field(post({{"name", "ok-name"}, {"scope", "tenant"}, {"color", "red"}}), "meta.color");
    }
    SUBCASE("scopes and their ids") {
        expect_bad_field(post({{"name", "s"}}), "meta.scope");
        expect_bad_field(post({{"name", "s"}, {"scope", "system"}}), "meta.scope");
        expect_bad_field(post({{"name", "s"}, {"scope", "galaxy"}}), "meta.scope");
        expect_bad_field(post({{"name", "s"}, {"scope", "tenant"}, {"clusterId", kClusterA}}), "meta.clusterId");
        expect_bad_field(post({{"name", "s"}, {"scope", "cluster"}}), "meta.clusterId");
        expect_bad_field(
            post({{"name", "s"}, {"scope", "cluster"}, {"clusterId", "00000000-0000-4000-8000-000000000000"}}),
            "meta.clusterId");
        expect_bad_field(post({{"name", "s"}, {"scope", "cluster"}, {"clusterId", kClusterA}, {"projectId", 1}}),
                         "meta.projectId");
        expect_bad_field(post({{"name", "s"}, {"scope", "department"}, {"departmentId", "9"}}), "meta.departmentId");
        expect_bad_field(
            post({{"name", "s"}, {"scope", "department"}, {"departmentId", "1"}, {"clusterId", kClusterB}}),
            "meta.clusterId");
        expect_bad_field(post({{"name", "s"}, {"scope", "project"}}), "meta.projectId");
        expect_bad_field(post({{"name", "s"}, {"scope", "project"}, {"projectId", "1"}}), "meta.projectId");
        expect_bad_field(post({{"name", "s"}, {"scope", "project"}, {"projectId", 99}}), "meta.projectId");
        expect_bad_field(post({{"name", "s"}, {"scope", "project"}, {"projectId", 1}, {"departmentId", "2"}}),
                         "meta.departmentId");
    }
    SUBCASE("bodies") {
        expect_bad_field(api.post(kS3, Json::array()), "object");
        expect_bad_field(api.post(kS3, {{"spec", spec}}), "meta");
        expect_bad_field(api.post(kS3, {{"meta", {{"name", "s"}, {"scope", "tenant"}}}}), "spec");
        expect_bad_field(api.post(kS3, {{"meta", {{"name", "s"}, {"scope", "tenant"}}}, {"spec", spec}, {"extra", 1}}),
                         "extra");
        expect_error(api.post_raw(kS3, R"({"meta":)"), 400);
    }
    SUBCASE("409 for a taken name in the same node, 202 elsewhere") {
        const Json first = api.expect(post({{"name", "dup"}, {"scope", "department"}, {"departmentId", "2"}}), 202);
        const Json j = expect_error(post({{"name", "dup"}, {"scope", "department"}, {"departmentId", "2"}}), 409);
        CHECK(j.at("message") == "Resource with this name already exists");
        const Json other = api.expect(post({{"name", "dup"}, {"scope", "department"}, {"departmentId", "1"}}), 202);
        // A Git data source may share the S3 one's name: names are unique per kind.
        const Json git =
            api.expect(api.post(kGit, body("dup", department_scope("2"), git_spec(seeded("gitlab-platform")))), 202);
        for (const Json* a : {&first, &other})
            api.expect(api.del(kS3 + "/" + a->at("meta").at("id").get<std::string>()), 202);
        api.expect(api.del(kGit + "/" + git.at("meta").at("id").get<std::string>()), 202);
    }
}

TEST_CASE("assets: ids in paths") {
    auto& api = admin();
    const std::string git_id = api.expect(api.get(kGit), 200).at("entries")[0].at("meta").at("id");
    for (const auto& path : {kGit, kS3, kEnv}) {
        CAPTURE(path);
        expect_error(api.get(path + "/00000000-0000-4000-8000-000000000000"), 404);
        expect_error(api.del(path + "/00000000-0000-4000-8000-000000000000"), 404);
        expect_bad_field(api.get(path + "/not-a-uuid"), "AssetId");
        expect_bad_field(api.del(path + "/not-a-uuid"), "AssetId");
        const auto put = api.put(path + "/" + git_id, Json::object());
        expect_error(put, 405);
    }
    // A Git data source is not an S3 one: the S3 path does not find (or delete) it.
    expect_error(api.get(kS3 + "/" + git_id), 404);
    expect_error(api.del(kS3 + "/" + git_id), 404);
    api.expect(api.get(kGit + "/" + git_id), 200);
}

TEST_CASE("assets: a credential used by a data source or an environment cannot be deleted until freed") {
    auto& api = admin();
    for (const auto& [path, kind] :
         {std::pair{kS3, CredentialKind::AccessKey}, std::pair{kEnv, CredentialKind::GenericSecret}}) {
        CAPTURE(path);
        const std::string name = kind == CredentialKind::AccessKey ? "guarded-key" : "guarded-secret";
        const Json credential = api.expect(
            api.post(kind_path(kind), create_body(name, project_scope(2), spec_with_values(kind, "guard"))), 202);
        const std::string cid = credential.at("meta").at("id");
        const Json spec = kind == CredentialKind::AccessKey
                              ? s3_spec(cid)
                              : env_spec(Json::array({env_var("API_KEY", cid, "API_KEY")}));
        const Json asset = api.expect(api.post(path, body("guard-user", project_scope(2), spec)), 202);
        const Json refused = expect_error(api.del(item_path(kind, cid)), 412);
        CHECK(refused.at("details").get<std::string>().find("guard-user") != std::string::npos);
        api.expect(api.del(path + "/" + asset.at("meta").at("id").get<std::string>()), 202);
        api.expect(api.del(item_path(kind, cid)), delete_status(kind));
        // Being deleted, it can no longer be referenced.
        expect_bad_field(api.post(path, body("guard-late", project_scope(2), spec)),
                         kind == CredentialKind::AccessKey ? "spec.accessKeyAssetId"
                                                           : "spec.environmentVariables[0].credential.assetId");
    }
}
