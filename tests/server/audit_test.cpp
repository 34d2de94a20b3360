// API tests of the audit trail (the x-reference/audit and credentials/{id}/history
// extensions): every credential change, refused attempt, asset link and sign-in is recorded
// with actor, outcome, target and client address; no secret value reaches a row or an answer;
// the trail is for System administrators and a credential's history follows its read rule.
#include <sqlite3.h>

#include <regex>

#include "credentials_api.h"

using namespace cc;
using namespace cc::test;

namespace {

const std::string kAudit = "/api/v1/x-reference/audit";
const std::string kGit = "/api/v1/asset/datasource/git";
const std::string kEnv = "/api/v1/asset/environment";

// Secret values this file sends; none may appear in the trail.
const std::string kSecretTag = "Zq7-audit-secret";
const std::string kWrongPassword = "Zq7-wrong-password";
const std::string kWrongClientSecret = "Zq7-wrong-client-secret";

// This file's own server: its trail must hold only what these tests did.
TestServer& audit_server() {
    static TestServer s;
    return s;
}

Api& admin() {
    static Api api(audit_server(), kAdmin);
    return api;
}

std::string history_path(const std::string& id) {
    return "/api/v1/x-reference/credentials/" + id + "/history";
}

// The newest events matching `query` ("credentialId=...&action=...").
Json audit(const std::string& query) {
    return admin().expect(admin().get(kAudit + "?" + query), 200).at("entries");
}

Json newest(const std::string& query) {
    const Json entries = audit(query + "&limit=1");
    REQUIRE_MESSAGE(entries.size() == 1, query);
    return entries[0];
}

void check_event(const Json& e, const std::string& actor, const std::string& action, const std::string& outcome,
                 int status) {
    CAPTURE(e.dump());
    CHECK(e.at("actor") == actor);
    CHECK(e.at("action") == action);
    CHECK(e.at("outcome") == outcome);
    CHECK(e.at("status") == status);
    CHECK(e.at("clientAddress") == "127.0.0.1");
    CHECK(e.at("id").is_number_integer());
    static const std::regex rfc3339_ms(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)");
    CHECK(std::regex_match(e.at("time").get<std::string>(), rfc3339_ms));
}

std::string seeded(const std::string& name) {
    return server::uuid_from_name("credential/" + name);
}

std::string create(Api& api, CredentialKind kind, const std::string& name, const Json& scope) {
    const Json c =
        api.expect(api.post(kind_path(kind), create_body(name, scope, spec_with_values(kind, kSecretTag))), 202);
    return c.at("meta").at("id");
}

httplib::Result post_token_v1(const Json& body) {
    auto c = audit_server().client();
    return c.Post("/api/v1/token", body.dump(), "application/json");
}

httplib::Result post_token_v2(const std::string& form) {
    auto c = audit_server().client();
    return c.Post("/api/v2/token", form, "application/x-www-form-urlencoded");
}

// Every text of every audit row, one row per line.
std::string audit_table_text(const TestServer& s) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2((s.data_dir() / "credentials.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
            SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT * FROM audit_events", -1, &st, nullptr) == SQLITE_OK);
    std::string all;
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(st); ++i)
            if (const auto* t = sqlite3_column_text(st, i)) all += std::string(reinterpret_cast<const char*>(t)) + "\t";
        all += "\n";
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return all;
}

}  // namespace

TEST_CASE("audit: create, rename, description change and delete are recorded in order") {
    auto& api = admin();
    const std::string id = create(api, CredentialKind::Password, "audited-pw", project_scope(2));
    Json e = newest("credentialId=" + id);
    check_event(e, kAdmin.email, "credential.create", "done", 202);
    CHECK(e.at("target") == Json{{"kind", "credential"}, {"id", id}, {"name", "audited-pw"}});
    CHECK(e.at("scopePath").get<std::string>().find("team-b") != std::string::npos);
    CHECK(e.at("detail") == "password, new secret");

    api.expect(api.put(item_path(CredentialKind::Password, id), {{"meta", {{"name", "audited-pw-2"}}}}), 202);
    e = newest("credentialId=" + id);
    check_event(e, kAdmin.email, "credential.rename", "done", 202);
    CHECK(e.at("target").at("name") == "audited-pw-2");
    CHECK(e.at("detail") == "name: audited-pw \xE2\x86\x92 audited-pw-2");

    api.expect(api.put(item_path(CredentialKind::Password, id), {{"meta", {{"description", "now described"}}}}), 202);
    e = newest("credentialId=" + id);
    check_event(e, kAdmin.email, "credential.description", "done", 202);
    CHECK(e.at("detail") == "description: (none) \xE2\x86\x92 \"now described\"");

    // A PUT that changes nothing records nothing; one that changes both records both.
    api.expect(api.put(item_path(CredentialKind::Password, id), {{"meta", {{"name", "audited-pw-2"}}}}), 202);
    CHECK(audit("credentialId=" + id).size() == 3);
    api.expect(
        api.put(item_path(CredentialKind::Password, id), {{"meta", {{"name", "audited-pw-3"}, {"description", ""}}}}),
        202);
    CHECK(audit("credentialId=" + id).size() == 5);

    api.expect(api.del(item_path(CredentialKind::Password, id)), 202);
    e = newest("credentialId=" + id);
    check_event(e, kAdmin.email, "credential.delete", "done", 202);
    CHECK(e.at("target").at("name") == "audited-pw-3");

    // The history answers the same events, newest first; ids only go up.
    const Json history = api.expect(api.get(history_path(id)), 200).at("entries");
    REQUIRE(history.size() == 6);
    std::vector<std::string> actions;
    for (const auto& h : history) actions.push_back(h.at("action"));
    CHECK(actions == std::vector<std::string>{"credential.delete", "credential.description", "credential.rename",
                                              "credential.description", "credential.rename", "credential.create"});
    for (std::size_t i = 1; i < history.size(); ++i) CHECK(history[i - 1].at("id") > history[i].at("id"));
    CHECK(history == audit("credentialId=" + id));
}

TEST_CASE("audit: refused attempts are recorded with their status and message") {
    auto& api = admin();
    Api viewer(audit_server(), kViewer);

    // 403: the viewer may not create.
    const auto refused = viewer.post(
        kind_path(CredentialKind::AccessKey),
        create_body("viewer-key", project_scope(1), spec_with_values(CredentialKind::AccessKey, kSecretTag)));
    const Json error = expect_error(refused, 403);
    Json e = newest("actor=viewer@demo.local&action=credential.create");
    check_event(e, kViewer.email, "credential.create", "refused", 403);
    CHECK(e.at("target").at("name") == "viewer-key");
    CHECK(e.at("target").at("id") == "");
    CHECK(e.at("scopePath").get<std::string>().find("team-a") != std::string::npos);
    CHECK(e.at("detail") == "accessKey: " + error.at("message").get<std::string>());

    // 409: a duplicate name in the same scope.
    create(api, CredentialKind::AccessKey, "dup-key", project_scope(3));
    expect_error(
        api.post(kind_path(CredentialKind::Password),
                 create_body("dup-key", project_scope(3), spec_with_values(CredentialKind::Password, kSecretTag))),
        409);
    e = newest("action=credential.create");
    check_event(e, kAdmin.email, "credential.create", "refused", 409);
    CHECK(e.at("target").at("name") == "dup-key");
    CHECK(e.at("target").at("id") == "");  // nothing was created

    // 400: an invalid name.
    expect_error(
        api.post(kind_path(CredentialKind::Password),
                 create_body("Bad Name", project_scope(3), spec_with_values(CredentialKind::Password, kSecretTag))),
        400);
    check_event(newest("action=credential.create"), kAdmin.email, "credential.create", "refused", 400);

    // A refused rename names the credential and the name it wanted.
    const std::string id = create(api, CredentialKind::Password, "rename-me", project_scope(3));
    expect_error(api.put(item_path(CredentialKind::Password, id), {{"meta", {{"name", "dup-key"}}}}), 409);
    e = newest("credentialId=" + id);
    check_event(e, kAdmin.email, "credential.rename", "refused", 409);
    CHECK(e.at("target").at("name") == "rename-me");
    CHECK(e.at("detail").get<std::string>().rfind("name: rename-me \xE2\x86\x92 dup-key: ", 0) == 0);
    // 403 for the viewer, who may read it but not change it.
    expect_error(viewer.put(item_path(CredentialKind::Password, id), {{"meta", {{"description", "x"}}}}), 403);
    check_event(newest("credentialId=" + id), kViewer.email, "credential.description", "refused", 403);
    expect_error(viewer.del(item_path(CredentialKind::Password, id)), 403);
    check_event(newest("credentialId=" + id), kViewer.email, "credential.delete", "refused", 403);

    // 412: a credential in use; 404: none at all.
    const std::string used = seeded("team-a-git");
    expect_error(api.del(item_path(CredentialKind::Password, used)), 412);
    e = newest("credentialId=" + used);
    check_event(e, kAdmin.email, "credential.delete", "refused", 412);
    CHECK(e.at("target").at("name") == "team-a-git");
    const std::string ghost = "00000000-0000-4000-8000-0000000000aa";
    expect_error(api.del(item_path(CredentialKind::Password, ghost)), 404);
    e = newest("credentialId=" + ghost);
    check_event(e, kAdmin.email, "credential.delete", "refused", 404);
    CHECK(e.at("target").at("name") == "");
}

TEST_CASE("audit: asset links, done and refused") {
    auto& api = admin();
    const std::string password = seeded("team-a-git");
    api.expect(api.post(kGit, create_body("audited-git", project_scope(1),
                                          {{"repository", "https://git.demo.local/x.git"},
                                           {"path", "/src"},
                                           {"credentialId", password}})),
               202);
    Json e = newest("credentialId=" + password + "&action=asset.link");
    check_event(e, kAdmin.email, "asset.link", "done", 202);
    CHECK(e.at("target").at("name") == "team-a-git");
    CHECK(e.at("detail").get<std::string>().find("Git data source audited-git") == 0);

    // A generic secret has no such key: refused, recorded against the credential named.
    const std::string generic = create(api, CredentialKind::GenericSecret, "env-source", project_scope(1));
    const Json env = {{"image", "python:3.12"},
                      {"environmentVariables",
                       Json::array({{{"name", "X"}, {"credential", {{"assetId", generic}, {"key", "NOPE"}}}}})}};
    expect_error(api.post(kEnv, create_body("audited-env", project_scope(1), env)), 400);
    e = newest("credentialId=" + generic + "&action=asset.link");
    check_event(e, kAdmin.email, "asset.link", "refused", 400);
    CHECK(e.at("target").at("name") == "env-source");
    CHECK(e.at("detail").get<std::string>().find("environment audited-env: ") == 0);
}

TEST_CASE("audit: sign-ins, failed and successful, on both token endpoints") {
    // v1 password grant: unknown user, wrong password, success.
    expect_error(
        post_token_v1({{"grantType", "password"}, {"username", "nobody@demo.local"}, {"password", kWrongPassword}}),
        401);
    Json e = newest("action=login&actor=nobody@demo.local");
    check_event(e, "nobody@demo.local", "login", "refused", 401);
    CHECK(e.at("target") == Json{{"kind", "user"}, {"id", "nobody@demo.local"}, {"name", "nobody@demo.local"}});
    CHECK(e.at("detail") == "POST /api/v1/token, password grant: unknown user");

    expect_error(
        post_token_v1({{"grantType", "password"}, {"username", kResearcher.email}, {"password", kWrongPassword}}), 401);
    e = newest("action=login&actor=researcher@demo.local");
    check_event(e, kResearcher.email, "login", "refused", 401);
    CHECK(e.at("detail") == "POST /api/v1/token, password grant: wrong password");

    Api researcher(audit_server(), kResearcher);  // signs in
    check_event(newest("action=login&actor=researcher@demo.local"), kResearcher.email, "login", "done", 200);

    // v1 client_credentials with a bad secret; v2 client authentication and password grant.
    expect_error(post_token_v1({{"grantType", "client_credentials"},
                                {"clientID", "demo-ci-client"},
                                {"clientSecret", kWrongClientSecret}}),
                 401);
    e = newest("action=login&actor=demo-ci-client");
    check_event(e, "demo-ci-client", "login", "refused", 401);
    CHECK(e.at("target").at("kind") == "application");
    CHECK(e.at("detail") == "POST /api/v1/token, client_credentials grant: wrong client secret");

    auto r =
        post_token_v2("grant_type=client_credentials&client_id=demo-ci-client&client_secret=" + kWrongClientSecret);
    REQUIRE(r);
    CHECK(r->status == 401);
    e = newest("action=login&actor=demo-ci-client");
    check_event(e, "demo-ci-client", "login", "refused", 401);
    CHECK(e.at("detail") == "POST /api/v2/token, client authentication: wrong client secret");

    r = post_token_v2("grant_type=client_credentials&client_id=demo-ci-client&client_secret=demo-ci-secret");
    REQUIRE(r);
    CHECK(r->status == 200);
    check_event(newest("action=login&actor=demo-ci-client"), "demo-ci-client", "login", "done", 200);

    r = post_token_v2("grant_type=password&username=viewer%40demo.local&password=" + kWrongPassword);
    REQUIRE(r);
    CHECK(r->status == 400);
    e = newest("action=login&actor=viewer@demo.local");
    check_event(e, kViewer.email, "login", "refused", 400);
    CHECK(e.at("detail") == "POST /api/v2/token, password grant: wrong password");
}

TEST_CASE("audit: no secret value in any audit row or answer") {
    auto& api = admin();
    // Changes and refusals that carry secret values in their bodies.
    for (auto kind : kAllKinds) create(api, kind, "secret-" + std::string(kind_path_segment(kind)), project_scope(4));
    Json bad_key = spec_with_values(CredentialKind::GenericSecret, kSecretTag);
    bad_key["keyValuePairs"][0]["key"] = "bad key";
    expect_error(
        api.post(kind_path(CredentialKind::GenericSecret), create_body("secret-bad", project_scope(4), bad_key)), 400);
    expect_error(api.post(kind_path(CredentialKind::Password),
                          create_body("secret-password", project_scope(4),
                                      spec_with_values(CredentialKind::Password, kSecretTag))),
                 409);
    expect_error(post_token_v1({{"grantType", "password"}, {"username", kAdmin.email}, {"password", kWrongPassword}}),
                 401);
    expect_error(post_token_v1({{"grantType", "client_credentials"},
                                {"clientID", "demo-ci-client"},
                                {"clientSecret", kWrongClientSecret}}),
                 401);
    Api researcher(audit_server(), kResearcher);

    const std::string table = audit_table_text(audit_server());
    CHECK(table.find("secret-password") != std::string::npos);  // the rows are there
    for (const std::string& secret : {kSecretTag, kWrongPassword, kWrongClientSecret, std::string(kAdmin.password),
                                      std::string(kResearcher.password), std::string("demo-ci-secret")}) {
        CAPTURE(secret);
        CHECK(table.find(secret) == std::string::npos);
        auto answer = api.get(kAudit + "?limit=1000");
        REQUIRE(answer);
        CHECK(answer->body.find(secret) == std::string::npos);
    }
}

TEST_CASE("audit: only System administrators read the trail") {
    admin().expect(admin().get(kAudit), 200);
    for (const DemoLogin& login : {kDeptAdmin, kResearcher, kViewer}) {
        Api api(audit_server(), login);
        CAPTURE(login.email);
        expect_error(api.get(kAudit), 403);
    }
    // The credentials administrator application is not a System administrator either.
    auto c = audit_server().client();
    auto r = c.Post(
        "/api/v1/token",
        Json{{"grantType", "client_credentials"}, {"clientID", "demo-ci-client"}, {"clientSecret", "demo-ci-secret"}}
            .dump(),
        "application/json");
    const std::string token = body_json(r).at("accessToken");
    expect_error(c.Get(kAudit.c_str(), bearer(token)), 403);
    expect_error(c.Get(kAudit.c_str()), 401);
}

TEST_CASE("audit: strict query parameters and paging") {
    auto& api = admin();
    for (const std::string query :
         {"limit=0", "limit=1001", "limit=abc", "limit=10&limit=20", "offset=-1", "offset=x",
          "actor=", "credentialId=", "action=credential.explode", "sort=time", "limit=5&extra=1"}) {
        CAPTURE(query);
        expect_error(api.get(kAudit + "?" + query), 400);
    }
    expect_error(api.get(history_path(seeded("team-a-git")) + "?limit=0"), 400);
    expect_error(api.get(history_path(seeded("team-a-git")) + "?actor=x"), 400);

    create(api, CredentialKind::NgcApiKey, "paged-1", project_scope(5));
    create(api, CredentialKind::NgcApiKey, "paged-2", project_scope(5));
    const Json first = api.expect(api.get(kAudit + "?action=credential.create&limit=1"), 200);
    REQUIRE(first.at("entries").size() == 1);
    CHECK(first.at("entries")[0].at("target").at("name") == "paged-2");
    CHECK(first.at("next") == 1);
    const Json second = api.expect(api.get(kAudit + "?action=credential.create&limit=1&offset=1"), 200);
    CHECK(second.at("entries")[0].at("target").at("name") == "paged-1");
    const Json all = api.expect(api.get(kAudit + "?limit=1000"), 200);
    CHECK_FALSE(all.contains("next"));
    CHECK(all.at("entries").size() <= 1000);
    // The default page is 100 rows at most.
    CHECK(api.expect(api.get(kAudit), 200).at("entries").size() ==
          std::min<std::size_t>(100, all.at("entries").size()));
}

TEST_CASE("audit: a credential's history follows the credential's read rule") {
    auto& api = admin();
    Api researcher(audit_server(), kResearcher);  // project 1
    Api viewer(audit_server(), kViewer);
    Api dept(audit_server(), kDeptAdmin);  // department 1
    Json personal_body =
        create_body("researcher-own", tenant_scope(), spec_with_values(CredentialKind::GenericSecret, kSecretTag));
    personal_body["meta"]["private"] = true;
    const std::string personal =
        researcher.expect(researcher.post(kind_path(CredentialKind::GenericSecret), personal_body), 202)
            .at("meta")
            .at("id");
    const std::string team_b = create(api, CredentialKind::Password, "history-team-b", project_scope(2));
    const std::string vision = create(api, CredentialKind::Password, "history-vision", department_scope("3"));

    struct Case {
        std::string id;
        CredentialKind kind;
    };
    const Case cases[] = {{personal, CredentialKind::GenericSecret},
                          {team_b, CredentialKind::Password},
                          {vision, CredentialKind::Password},
                          {seeded("team-a-git"), CredentialKind::Password},
                          {seeded("ngc-org-key"), CredentialKind::NgcApiKey}};
    for (Api* caller : {&api, &researcher, &viewer, &dept})
        for (const auto& c : cases) {
            auto get = caller->get(item_path(c.kind, c.id));
            auto history = caller->get(history_path(c.id));
            REQUIRE(get);
            REQUIRE(history);
            CAPTURE(c.id);
            CHECK(history->status == get->status);
            if (history->status == 200)
                CHECK(body_json(history).at("entries").is_array());
            else
                expect_error(history, get->status);
        }
    // The researcher's private credential does not exist for the administrator.
    expect_error(api.get(history_path(personal)), 404);
    CHECK(researcher.expect(researcher.get(history_path(personal)), 200).at("entries").size() == 1);
    expect_error(researcher.get(history_path("00000000-0000-4000-8000-0000000000bb")), 404);
}
