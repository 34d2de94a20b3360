// API tests of what the credentials endpoints refuse: 400s naming the field, 409 on a name
// taken in the scope node, 401 without a token, 413 for huge bodies; and of the list query
// parameters on the per-kind lists. A refused request never changes anything.
#include <set>

#include "credentials_api.h"

using namespace cc;
using namespace cc::test;

namespace {

std::string error_text(const Json& e) {
    return e.at("message").get<std::string>() + " | " + e.at("details").get<std::string>();
}

Json with(Json body, const std::string& section, const std::string& key, const Json& value) {
    body[section][key] = value;
    return body;
}

Json without(Json body, const std::string& section, const std::string& key) {
    body[section].erase(key);
    return body;
}

}  // namespace

TEST_CASE("create: bad requests are 400s naming the field, and change nothing") {
    TestServer server;
    Api api(server, kAdmin);
    const std::size_t before = api.names(kCredentialsPath).size();
    using K = CredentialKind;
    const Json ak = create_body("valid-name", project_scope(1), spec_with_values(K::AccessKey, "v"));
    const Json generic = create_body("valid-name", project_scope(1), spec_with_values(K::GenericSecret, "v"));

    struct Case {
        K kind;
        Json body;
        std::string field;
    };
    const std::vector<Case> cases = {
        {K::AccessKey, Json::array(), ""},
        {K::AccessKey, without(ak, "meta", "name"), "meta.name"},
        {K::AccessKey, Json{{"spec", ak.at("spec")}}, "meta"},
        {K::AccessKey, Json{{"meta", ak.at("meta")}}, "spec"},
        {K::AccessKey, with(ak, "meta", "name", 5), "meta.name"},
        {K::AccessKey, with(ak, "meta", "name", "Upper"), "meta.name"},
        {K::AccessKey, with(ak, "meta", "name", std::string(64, 'a')), "meta.name"},
        {K::AccessKey, with(ak, "meta", "name", "-dash"), "meta.name"},
        {K::AccessKey, with(ak, "meta", "description", std::string(251, 'x')), "meta.description"},
        {K::AccessKey, with(ak, "meta", "colour", "red"), "meta.colour"},
        {K::AccessKey, with(ak, "spec", "region", "eu"), "spec.region"},
        {K::AccessKey, Json{{"meta", ak.at("meta")}, {"spec", ak.at("spec")}, {"extra", 1}}, "extra"},
        {K::AccessKey, with(ak, "meta", "scope", "galaxy"), "meta.scope"},
        {K::AccessKey, with(ak, "meta", "scope", "system"), "meta.scope"},
        {K::AccessKey, without(ak, "meta", "projectId"), "meta.projectId"},
        {K::AccessKey, with(ak, "meta", "projectId", "1"), "meta.projectId"},
        {K::AccessKey, with(ak, "meta", "projectId", 999), "meta.projectId"},
        {K::AccessKey, with(ak, "meta", "private", "yes"), "meta.private"},
        {K::AccessKey, with(ak, "meta", "private", true), "meta.private"},
        {K::AccessKey, with(ak, "meta", "departmentId", "2"), "meta.departmentId"},  // project 1 is in department 1
        {K::AccessKey, with(ak, "meta", "clusterId", kClusterB), "meta.clusterId"},  // ... on cluster-a
        {K::AccessKey, create_body("n", department_scope("99"), ak.at("spec")), "meta.departmentId"},
        {K::AccessKey,
         create_body("n", {{"scope", "department"}, {"departmentId", "1"}, {"clusterId", kClusterB}}, ak.at("spec")),
         "meta.clusterId"},
        {K::AccessKey,
         create_body("n", {{"scope", "department"}, {"departmentId", "1"}, {"projectId", 1}}, ak.at("spec")),
         "meta.projectId"},
        {K::AccessKey, create_body("n", cluster_scope("00000000-0000-4000-8000-000000000000"), ak.at("spec")),
         "meta.clusterId"},
        {K::AccessKey, create_body("n", Json{{"scope", "cluster"}}, ak.at("spec")), "meta.clusterId"},
        {K::AccessKey, create_body("n", Json{{"scope", "tenant"}, {"clusterId", kClusterA}}, ak.at("spec")),
         "meta.clusterId"},
        {K::AccessKey, without(ak, "spec", "secretAccessKey"), "spec.secretAccessKey"},
        {K::AccessKey, with(ak, "spec", "accessKeyId", ""), "spec.accessKeyId"},
        {K::AccessKey, with(ak, "spec", "existingSecretName", "some-secret"), "spec.existingSecretName"},
        {K::AccessKey, with(ak, "spec", "accessKeyId", 12), "spec.accessKeyId"},
        {K::Password, create_body("n", project_scope(1), {{"user", "u"}}), "spec.password"},
        {K::DockerRegistry, create_body("n", project_scope(1), {{"user", "u"}, {"password", "p"}}), "spec.url"},
        {K::GenericSecret, with(generic, "spec", "keyValuePairs", Json::array()), "spec.keyValuePairs"},
        {K::GenericSecret,
         with(generic, "spec", "keyValuePairs",
              Json::array({{{"key", "A"}, {"value", "1"}}, {{"key", "A"}, {"value", "2"}}})),
         "spec.keyValuePairs[1].key"},
        {K::GenericSecret, with(generic, "spec", "keyValuePairs", Json::array({{{"key", "bad key"}, {"value", "1"}}})),
         "spec.keyValuePairs[0].key"},
        {K::GenericSecret,
         with(generic, "spec", "keyValuePairs", Json::array({{{"key", "A"}, {"value", "1"}, {"x", 1}}})),
         "spec.keyValuePairs[0].x"},
        {K::GenericSecret, with(generic, "spec", "keyValuePairs", "A=1"), "spec.keyValuePairs"},
        {K::NgcApiKey, create_body("n", project_scope(1), {{"ngc_api_key", "has space"}}), "spec.ngc_api_key"},
        {K::NgcApiKey, create_body("n", project_scope(1), {{"ngcApiKey", "abc"}}), "spec.ngcApiKey"},
        {K::NgcApiKey, create_body("n", project_scope(1), {{"ngc_api_key", "abc"}, {"existingSecretName", "x"}}),
         "spec.existingSecretName"},
        {K::Password, create_body("n", project_scope(1), {{"existingSecretName", "no-such-secret"}}),
         "spec.existingSecretName"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.body.dump());
        const Json e = expect_error(api.post(kind_path(c.kind), c.body), 400);
        CHECK_MESSAGE(error_text(e).find(c.field) != std::string::npos, error_text(e));
    }
    for (const char* raw : {"", "{", "null", "\"text\"", "{\"meta\":"}) {
        CAPTURE(raw);
        expect_error(api.post_raw(kind_path(K::Password), raw), 400);
    }
    CHECK(api.names(kCredentialsPath).size() == before);
}

TEST_CASE("create: names are unique within the scope node across kinds (409)") {
    TestServer server;
    Api api(server, kAdmin);
    using K = CredentialKind;
    api.expect(
        api.post(kind_path(K::Password), create_body("same", project_scope(1), spec_with_values(K::Password, "a"))),
        202);
    for (auto kind : kAllKinds) {
        CAPTURE(kind_api_name(kind));
        const Json e = expect_error(
            api.post(kind_path(kind), create_body("same", project_scope(1), spec_with_values(kind, "b"))), 409);
        CHECK(e.at("message") == "Resource with this name already exists");
    }
    // The same name at other nodes, including the project's ancestors, is another credential.
    api.expect(
        api.post(kind_path(K::Password), create_body("same", project_scope(2), spec_with_values(K::Password, "c"))),
        202);
    api.expect(api.post(kind_path(K::Password),
                        create_body("same", department_scope("1"), spec_with_values(K::Password, "d"))),
               202);
    api.expect(api.post(kind_path(K::Password),
                        create_body("same", cluster_scope(kClusterA), spec_with_values(K::Password, "e"))),
               202);
    api.expect(
        api.post(kind_path(K::Password), create_body("same", tenant_scope(), spec_with_values(K::Password, "f"))), 202);
    expect_error(
        api.post(kind_path(K::NgcApiKey), create_body("same", tenant_scope(), spec_with_values(K::NgcApiKey, "g"))),
        409);
    // A demo credential's name at its node.
    expect_error(api.post(kind_path(K::GenericSecret),
                          create_body("nvcr-a", cluster_scope(kClusterA), spec_with_values(K::GenericSecret, "h"))),
                 409);
    std::multiset<std::string> all;
    for (const auto& n : api.names(kCredentialsPath)) all.insert(n);
    CHECK(all.count("same") == 5);
}

TEST_CASE("every credentials endpoint needs a token (401)") {
    TestServer& server = shared_server();
    auto c = server.client();
    const std::string id = "/00000000-0000-4000-8000-000000000000";
    std::vector<std::pair<std::string, std::string>> calls = {{"GET", kCredentialsPath}};
    for (auto kind : kAllKinds) {
        calls.push_back({"GET", kind_path(kind)});
        calls.push_back({"POST", kind_path(kind)});
        calls.push_back({"GET", kind_path(kind) + id});
        calls.push_back({"PUT", kind_path(kind) + id});
        calls.push_back({"DELETE", kind_path(kind) + id});
    }
    calls.push_back({"POST", "/api/v1/authorization/permitted-scopes"});
    CHECK(calls.size() == 27);
    for (const auto& [method, path] : calls) {
        CAPTURE(method + " " + path);
        httplib::Headers bad = {{"Authorization", "Bearer not.a.token"}};
        for (const auto& headers : {httplib::Headers{}, bad}) {
            httplib::Result r = method == "GET"    ? c.Get(path.c_str(), headers)
                                : method == "POST" ? c.Post(path.c_str(), headers, "{}", "application/json")
                                : method == "PUT"  ? c.Put(path.c_str(), headers, "{}", "application/json")
                                                   : c.Delete(path.c_str(), headers);
            expect_error(r, 401);
            check_response(method, path, r);
        }
    }
}

TEST_CASE("create: bodies over 1 MiB are refused (413)") {
    TestServer& server = shared_server();
    Api api(server, kAdmin);
    const std::size_t before = api.names(kCredentialsPath).size();
    const Json huge =
        create_body("huge", project_scope(1), {{"user", "u"}, {"password", std::string(1100 * 1024, 'p')}});
    expect_error(api.post(kind_path(CredentialKind::Password), huge), 413);
    expect_error(api.put(item_path(CredentialKind::Password, "00000000-0000-4000-8000-000000000000"),
                         {{"meta", {{"description", std::string(1100 * 1024, 'd')}}}}),
                 413);
    CHECK(api.names(kCredentialsPath).size() == before);
}

TEST_CASE("per-kind lists: the query parameters") {
    TestServer& server = shared_server();
    Api api(server, kAdmin);
    using K = CredentialKind;
    const auto path = kind_path(K::DockerRegistry);

    SUBCASE("each per-kind list holds exactly its kind; together they are the combined list") {
        std::multiset<std::string> per_kind;
        for (auto kind : kAllKinds) {
            const Json list = api.expect(api.get(kind_path(kind) + "?usageInfo=true&statusInfo=true"), 200);
            for (const auto& e : list.at("entries")) {
                CHECK(e.at("meta").at("kind") == kind_api_name(kind));
                CHECK(e.contains("usedBy"));
                CHECK(e.contains("status"));
                per_kind.insert(e.at("meta").at("id").get<std::string>());
            }
        }
        std::multiset<std::string> combined;
        const Json all = api.expect(api.get(kCredentialsPath), 200);
        for (const auto& e : all.at("entries")) combined.insert(e.at("meta").at("id").get<std::string>());
        CHECK(per_kind == combined);
    }
    SUBCASE("projectId without scope: the project's own and inherited ones") {
        const auto got = api.names(path + "?projectId=1");
        const std::set<std::string> want = {"dockerhub-mirror", "nvcr-a", "research-ghcr"};
        CHECK(std::set<std::string>(got.begin(), got.end()) == want);
        CHECK(api.names(path + "?projectId=2") ==
              std::vector<std::string>{"dockerhub-mirror", "nvcr-a", "research-ghcr", "team-b-dockerhub"});
    }
    SUBCASE("scope narrows to one level; name matches exactly") {
        CHECK(api.names(path + "?scope=project&projectId=2") == std::vector<std::string>{"team-b-dockerhub"});
        CHECK(api.names(path + "?scope=cluster&clusterId=" + kClusterB) == std::vector<std::string>{"nvcr-b"});
        CHECK(api.names(path + "?departmentId=3&scope=department") == std::vector<std::string>{"vision-ecr"});
        CHECK(api.names(path + "?name=quay").empty());
        CHECK(api.names(path + "?name=team-g-quay") == std::vector<std::string>{"team-g-quay"});
        CHECK(api.names(path + "?scope=tenant") == std::vector<std::string>{"dockerhub-mirror"});
    }
    SUBCASE("bad values are 400s naming the parameter") {
        for (const char* q : {"?scope=galaxy", "?projectId=abc", "?projectId=999", "?departmentId=99", "?clusterId=zzz",
                              "?usageInfo=yes", "?statusInfo=1", "?includeDescendants=true", "?name=a&name=b"}) {
            CAPTURE(q);
            std::string param = std::string(q).substr(1, std::string(q).find('=') - 1);
            const Json e = expect_error(api.get(path + q), 400);
            CHECK(error_text(e).find(param) != std::string::npos);
        }
        const std::string id = "/00000000-0000-4000-8000-000000000000";
        for (const char* q : {"?usageInfo=maybe", "?statusInfo=TRUE"}) {
            CAPTURE(q);
            expect_error(api.get(path + id + q), 400);
        }
    }
}

TEST_CASE("combined list: includeDescendants from a cluster and from the account") {
    TestServer& server = shared_server();
    Api api(server, kAdmin);
    const auto all = api.names(kCredentialsPath);
    const auto below_a =
        api.names(kCredentialsPath + "?clusterId=" + std::string(kClusterA) + "&includeDescendants=true");
    const std::set<std::string> got(below_a.begin(), below_a.end());
    CHECK(got.count("team-a-wandb") == 1);     // a project of cluster-a
    CHECK(got.count("gitlab-platform") == 1);  // a department of cluster-a
    CHECK(got.count("nvcr-a") == 1);           // the cluster itself
    CHECK(got.count("ngc-org-key") == 1);      // inherited from the account
    CHECK(got.count("nvcr-b") == 0);
    CHECK(got.count("team-g-quay") == 0);  // cluster-b's project
    // Without includeDescendants: only the cluster's own and the account's.
    const auto plain = api.names(kCredentialsPath + "?clusterId=" + std::string(kClusterA));
    CHECK(std::set<std::string>(plain.begin(), plain.end()).count("team-a-wandb") == 0);
    const Json e = expect_error(
        api.get(kCredentialsPath + "?scope=cluster&clusterId=" + std::string(kClusterA) + "&includeDescendants=true"),
        400);
    CHECK(error_text(e).find("includeDescendants") != std::string::npos);
    CHECK(all.size() >= got.size());
}
