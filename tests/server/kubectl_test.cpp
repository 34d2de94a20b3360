// A docker-registry credential's `.dockerconfigjson` must be byte-identical to what
// `kubectl create secret docker-registry ... --dry-run=client -o json` prints for the same input:
// checked against the real kubectl (skipped, saying so, when it is not installed) for awkward
// inputs (quotes, HTML characters, unicode, control characters, invalid UTF-8), both for the
// encoder and end to end through the API and the agent.
#include <cstdio>
#include <filesystem>

#include "cluster_support.h"
#include "server/propagation.h"

using namespace cc;
using namespace cc::test;

namespace {

constexpr const char* kKubectl = "/usr/bin/kubectl";

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// kubectl's Secret for the input, parsed; nullopt when kubectl is missing.
std::optional<Json> kubectl_secret(const std::string& name, const std::string& server, const std::string& user,
                                   const std::string& password) {
    if (!std::filesystem::exists(kKubectl)) return std::nullopt;
    const std::string cmd = std::string(kKubectl) + " create secret docker-registry " + shell_quote(name) +
                            " --docker-server=" + shell_quote(server) + " --docker-username=" + shell_quote(user) +
                            " --docker-password=" + shell_quote(password) + " --dry-run=client -o json 2>&1";
    FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    const int rc = ::pclose(p);
    REQUIRE_MESSAGE(rc == 0, "kubectl failed: " << out);
    auto j = parse_json(out);
    REQUIRE_MESSAGE(j.ok(), "kubectl printed no JSON: " << out);
    return *j;
}

// A manifest's data with its base64 values decoded, to compare with secret_data.
std::map<std::string, std::string> decoded_data(const Json& manifest) {
    std::map<std::string, std::string> out;
    for (const auto& [k, v] : manifest.at("data").items()) {
        auto raw = server::base64_decode(v.get<std::string>());
        REQUIRE(raw);
        out[k] = *raw;
    }
    return out;
}

bool kubectl_missing() {
    if (std::filesystem::exists(kKubectl)) return false;
    MESSAGE("skipping: " << kKubectl << " is not installed (Debian package kubernetes-client)");
    return true;
}

struct Input {
    const char* what;
    std::string server, user, password;
};

const std::vector<Input> kInputs = {
    {"plain", "nvcr.io", "$oauthtoken", "nvapi-AbC.123_x"},
    {"quotes, HTML and unicode", "https://index.docker.io/v1/", "user@example.com",
     "p@ss\"w'\xC3\xB6 rd\\\xF0\x9F\x98\x80<&>/"},
    {"control characters", "registry.example.com:5000", "\xC3\xBCn\xC3\xAF\x63\xC3\xB8\x64\xC3\xA9",
     "\b\f\t\n\r\x01\x1f\x7f end"},
    {"line separators and invalid UTF-8", "ghcr.io", "u",
     "\xE2\x80\xA8\xE2\x80\xA9|\xFF|\xC0\x80|\xED\xA0\x80|\xF4\x90\x80\x80|\xF0\x9F\x98"},
    {"long", "quay.io", std::string(200, 'u'), std::string(500, 'p') + "\xE2\x82\xAC"},
};

}  // namespace

TEST_CASE("kubectl equality: docker_config_json matches kubectl byte for byte") {
    if (kubectl_missing()) return;
    for (const auto& in : kInputs) {
        CAPTURE(in.what);
        const auto k = kubectl_secret("reg", in.server, in.user, in.password);
        REQUIRE(k);
        CHECK(k->at("type") == "kubernetes.io/dockerconfigjson");
        const std::string ours = server::base64_encode(server::docker_config_json(in.server, in.user, in.password));
        CHECK(ours == k->at("data").at(".dockerconfigjson").get<std::string>());
    }
}

TEST_CASE("kubectl equality: the agent's Secret carries kubectl's .dockerconfigjson") {
    if (kubectl_missing()) return;
    TestServer server;
    Api admin(server, kAdmin);
    int n = 0;
    for (const auto& in : kInputs) {
        if (std::string(in.what).find("invalid") != std::string::npos) continue;  // JSON requests are UTF-8
        CAPTURE(in.what);
        const std::string name = "kubectl-eq-" + std::to_string(++n);
        const std::string id = create_credential(admin, CredentialKind::DockerRegistry, name, project_scope(4),
                                                 {{"user", in.user}, {"password", in.password}, {"url", in.server}});
        CHECK(status_of(wait_settled(admin, CredentialKind::DockerRegistry, id)) == "No issues found");
        const auto ours = find_secret(cluster_secrets(admin, kClusterA, "runai-team-d"), "runai-team-d", name);
        REQUIRE(ours);
        const auto theirs = kubectl_secret(name, in.server, in.user, in.password);
        REQUIRE(theirs);
        CHECK(ours->at("type") == theirs->at("type"));
        CHECK(secret_data(server, kClusterA, "runai-team-d", name) == decoded_data(*theirs));
        CHECK(ours->at("metadata").at("name") == theirs->at("metadata").at("name"));
    }
}

TEST_CASE("kubectl equality: a Secret printed by kubectl can be added as an existing secret") {
    if (kubectl_missing()) return;
    TestServer server;
    Api admin(server, kAdmin);
    auto manifest = kubectl_secret("kubectl-made", "nvcr.io", "$oauthtoken", "nvapi-x");
    REQUIRE(manifest);
    (*manifest)["metadata"]["namespace"] = "runai-team-a";
    (*manifest)["metadata"]["labels"] = {{"run.ai/resource", "docker-registry"}};
    const Json created = admin.expect(admin.post(std::string(kExt) + kClusterA + "/secrets", *manifest), 201);
    CHECK(created.at("metadata").at("name") == "kubectl-made");
    const auto stored = find_secret(cluster_secrets(admin, kClusterA, "runai-team-a"), "runai-team-a", "kubectl-made");
    REQUIRE(stored);
    CHECK(secret_data(server, kClusterA, "runai-team-a", "kubectl-made") == decoded_data(*manifest));
}
