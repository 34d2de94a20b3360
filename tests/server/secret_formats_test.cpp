// Generic secret formats through the API (docs/api.md, 'Generic secret formats'): each format
// stored as its key names, the SSH key checked (400 in the Run:ai shape, nothing created), stored
// with its line breaks, written by the cluster agent as the kubernetes.io/ssh-auth Secret kubectl
// makes, listed with its type as an existing secret, and usable by a Git data source.
//
// TEST-ONLY KEYS: the private keys below were made with ssh-keygen for these tests alone.
#include "cluster_support.h"
#include "server/k8s_secret.h"

using namespace cc;
using namespace cc::test;

namespace {

using K = CredentialKind;

constexpr std::string_view kKey = R"(-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACCRJ/ogFlrvoMmttu1+tdUoe5Y/RgY6Wcn1MYoJZjYiAQAAAJASzZ+MEs2f
jAAAAAtzc2gtZWQyNTUxOQAAACCRJ/ogFlrvoMmttu1+tdUoe5Y/RgY6Wcn1MYoJZjYiAQ
AAAECB7HQb4NC/gtFoOo0Hg4+C3uM4ptk9SthHdFhTpIrh2JEn+iAWWu+gya227X611Sh7
lj9GBjpZyfUxiglmNiIBAAAACXRlc3Qtb25seQECAwQ=
-----END OPENSSH PRIVATE KEY-----
)";
constexpr std::string_view kEncryptedKey = R"(-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABDScOoEXT
Qnu3ktC+lRcmsSAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIJm+Xf4/QA1dtLPa
Ga/TkKdPdGQwOlMr4eeVw9zetuFBAAAAkPkj2leEUTedGuNnGtjWiGTbqi2HbWy5+oqfsu
h4hdwhddYQAH4qh7vKzbXZqzejdOooXuTNnIap0qBentdyolrrQspzVjGj99hndOKhLrJc
VODPuyV7dsWLdFCKqEI/ppP1FRORdwqQEfZGzhZQ/cmBtZoEgPMNvV3CPLlaB4jWwLuFsk
y3Ke2WOMz4Fb+ONA==
-----END OPENSSH PRIVATE KEY-----
)";
constexpr std::string_view kPublicKey =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJEn+iAWWu+gya227X611Sh7lj9GBjpZyfUxiglmNiIB test-only";

// What `kubectl create secret generic git-deploy --namespace=runai-team-a
// --type=kubernetes.io/ssh-auth --from-file=ssh-privatekey=<kKey's file> --dry-run=client -o json`
// prints (kubectl 1.30), pinned as text.
constexpr std::string_view kKubectlDryRun = R"({
    "kind": "Secret",
    "apiVersion": "v1",
    "metadata": {
        "name": "git-deploy",
        "namespace": "runai-team-a",
        "creationTimestamp": null
    },
    "data": {
        "ssh-privatekey": "LS0tLS1CRUdJTiBPUEVOU1NIIFBSSVZBVEUgS0VZLS0tLS0KYjNCbGJuTnphQzFyWlhrdGRqRUFBQUFBQkc1dmJtVUFBQUFFYm05dVpRQUFBQUFBQUFBQkFBQUFNd0FBQUF0emMyZ3RaVwpReU5UVXhPUUFBQUNDUkovb2dGbHJ2b01tdHR1MSt0ZFVvZTVZL1JnWTZXY24xTVlvSlpqWWlBUUFBQUpBU3paK01FczJmCmpBQUFBQXR6YzJndFpXUXlOVFV4T1FBQUFDQ1JKL29nRmxydm9NbXR0dTErdGRVb2U1WS9SZ1k2V2NuMU1Zb0paallpQVEKQUFBRUNCN0hRYjROQy9ndEZvT28wSGc0K0MzdU00cHRrOVN0aEhkRmhUcElyaDJKRW4raUFXV3UrZ3lhMjI3WDYxMVNoNwpsajlHQmpwWnlmVXhpZ2xtTmlJQkFBQUFDWFJsYzNRdGIyNXNlUUVDQXdRPQotLS0tLUVORCBPUEVOU1NIIFBSSVZBVEUgS0VZLS0tLS0K"
    },
    "type": "kubernetes.io/ssh-auth"
})";

Json pairs(std::initializer_list<std::pair<std::string, std::string>> kv) {
    Json a = Json::array();
    for (const auto& [k, v] : kv) a.push_back({{"key", k}, {"value", v}});
    return {{"keyValuePairs", a}};
}

std::string flat(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != '\n') out += c;
    return out;
}

// The Secret the agent wrote, with its data, as the cluster API would show it.
Json stored_secret(const TestServer& s, const std::string& cluster, const std::string& ns, const std::string& name) {
    auto key = server::load_or_create_key_file(s.data_dir() / "secret.key", server::SecretBox::kKeyBytes);
    REQUIRE(key.ok());
    const server::SecretBox box(1, std::move(*key));
    auto store = server::Store::open(s.data_dir() / "credentials.db");
    REQUIRE(store.ok());
    auto secret = server::ClusterStore(**store, &box).secret(ClusterId{cluster}, ns, name, /*with_data=*/true);
    REQUIRE(secret.ok());
    REQUIRE(*secret);
    return server::secret_to_json(**secret, /*include_data=*/true);
}

}  // namespace

TEST_CASE("secret formats: each one is a generic secret whose key names tell its format") {
    TestServer server;
    Api admin(server, kAdmin);
    struct Case {
        std::string name;
        Json spec;
        std::vector<std::string> keys;
        std::string type;
    };
    const std::vector<Case> cases = {
        {"fmt-kv", pairs({{"WANDB_API_KEY", "w1"}}), {"WANDB_API_KEY"}, "Opaque"},
        {"fmt-access",
         pairs({{"AccessKeyId", "AKIA1"}, {"SecretKey", "s3/+="}}),
         {"AccessKeyId", "SecretKey"},
         "Opaque"},
        {"fmt-user", pairs({{"User", "bob"}, {"Password", "pa ss"}}), {"User", "Password"}, "Opaque"},
        {"fmt-ssh", pairs({{"ssh-privatekey", std::string(kKey)}}), {"ssh-privatekey"}, "kubernetes.io/ssh-auth"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const std::string id = create_credential(admin, K::GenericSecret, c.name, project_scope(1), c.spec);
        CHECK(status_of(wait_settled(admin, K::GenericSecret, id)) == "No issues found");
        // The answer keeps the key names (the format) and masks every value.
        const Json got = admin.expect(admin.get(item_path(K::GenericSecret, id)), 200);
        std::vector<std::string> keys;
        for (const auto& kv : got.at("spec").at("keyValuePairs")) {
            keys.push_back(kv.at("key"));
            CHECK(kv.at("value").is_null());
        }
        CHECK(keys == c.keys);
        const auto secret = find_secret(cluster_secrets(admin, kClusterA, "runai-team-a"), "runai-team-a", c.name);
        REQUIRE(secret);
        CHECK(secret->at("type") == c.type);
        const auto data = secret_data(server, kClusterA, "runai-team-a", c.name);
        REQUIRE(data);
        for (const auto& kv : c.spec.at("keyValuePairs")) CHECK(data->at(kv.at("key")) == kv.at("value"));
    }
}

TEST_CASE("secret formats: the SSH key's Secret is the one kubectl makes for an ssh-auth Secret") {
    TestServer server;
    Api admin(server, kAdmin);
    // Pasted into a single-line field, the key lost its line breaks: stored with them restored.
    const std::string id = create_credential(admin, K::GenericSecret, "git-deploy", project_scope(1),
                                             pairs({{"ssh-privatekey", flat(kKey)}}));
    CHECK(status_of(wait_settled(admin, K::GenericSecret, id)) == "No issues found");
    Json secret = stored_secret(server, kClusterA, "runai-team-a", "git-deploy");
    // The agent's additions: the store's uid and time, and the run.ai label (checked, then set aside).
    CHECK(secret.at("metadata").at("labels") == Json{{"run.ai/asset", "generic"}});
    CHECK(secret.at("metadata").at("uid").is_string());
    Json& meta = secret["metadata"];
    meta.erase("uid");
    meta.erase("labels");
    meta["creationTimestamp"] = nullptr;
    CHECK(secret == Json::parse(kKubectlDryRun));
    CHECK(secret_value(server, kClusterA, "runai-team-a", "git-deploy", "ssh-privatekey") == kKey);
}

TEST_CASE("secret formats: a public, encrypted or broken SSH key is a 400 and creates nothing") {
    TestServer server;
    Api admin(server, kAdmin);
    const auto before = admin.names(kind_path(K::GenericSecret));
    const std::pair<std::string, std::string> cases[] = {
        {std::string(kPublicKey), "public key"},
        {std::string(kEncryptedKey), "a passphrase cannot be typed inside a pod"},
        {"not a key at all", "not a private key"},
        {std::string(kKey.substr(0, kKey.size() / 2)), "is missing"},
    };
    for (const auto& [value, words] : cases) {
        CAPTURE(words);
        const Json e =
            expect_error(admin.post(kind_path(K::GenericSecret),
                                    create_body("bad-ssh", project_scope(1), pairs({{"ssh-privatekey", value}}))),
                         400);
        CHECK(e.at("message").get<std::string>().find(words) != std::string::npos);
        CHECK(e.at("details").get<std::string>().rfind("field: spec.keyValuePairs[0].value", 0) == 0);
        // The refused key is never echoed back.
        CHECK(e.dump().find(value.substr(0, 40)) == std::string::npos);
    }
    CHECK(admin.names(kind_path(K::GenericSecret)) == before);
}

TEST_CASE("secret formats: a Git data source takes an SSH key format secret") {
    TestServer server;
    Api admin(server, kAdmin);
    const std::string id = create_credential(admin, K::GenericSecret, "git-ssh", project_scope(1),
                                             pairs({{"ssh-privatekey", std::string(kKey)}}));
    const Json git = {{"repository", "git@git.demo.local:x.git"}, {"path", "/src"}, {"credentialId", id}};
    admin.expect(admin.post("/api/v1/asset/datasource/git", create_body("repo-ssh", project_scope(1), git)), 202);
}

TEST_CASE("secret formats: existing secrets are listed with their Kubernetes type") {
    TestServer server;
    Api admin(server, kAdmin);
    const std::string path = kExt + std::string(kClusterA) + "/secrets";
    const auto user_secret = [&](const std::string& name, const std::string& type, const std::string& key) {
        const Json manifest = {
            {"apiVersion", "v1"},
            {"kind", "Secret"},
            {"metadata", {{"name", name}, {"namespace", "runai-team-a"}, {"labels", {{"run.ai/resource", "generic"}}}}},
            {"type", type},
            {"data", {{key, server::base64_encode(kKey)}}}};
        const auto r = admin.post(path, manifest);
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status / 100 == 2, r->body);
    };
    user_secret("deploy-key", "kubernetes.io/ssh-auth", "ssh-privatekey");
    user_secret("plain-key", "Opaque", "ssh");
    const Json list = admin.expect(
        admin.get(kCredentialsPath + "/existing-secrets?kind=generic-secret&scope=project&projectId=1"), 200);
    std::map<std::string, std::string> types;
    for (const auto& s : list.at("secrets")) types[s.at("name")] = s.at("type");
    CHECK(types.at("deploy-key") == "kubernetes.io/ssh-auth");
    CHECK(types.at("plain-key") == "Opaque");
}
