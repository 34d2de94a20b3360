// Secrets are write-only: one credential of every kind is created with unique canary
// values, then every endpoint is exercised (lists and gets with usage and status, updates,
// permitted scopes, org, tokens, data sources, the extensions, deletes). No canary may appear
// in any response body, in any line the server writes to stderr (request log, agent, errors),
// or in the bytes of any file of the data directory (database, -wal, -shm), raw or base64.
#include <fcntl.h>
#include <unistd.h>

#include <map>
#include <thread>

#include "credentials_api.h"
#include "server/crypto.h"

using namespace cc;
using namespace cc::test;

namespace {

// Sends everything the process writes to fd 2 into a file while alive.
class StderrCapture {
public:
    explicit StderrCapture(const fs::path& file) : file_(file) {
        std::fflush(stderr);
        saved_ = ::dup(2);
        const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        REQUIRE(fd >= 0);
        ::dup2(fd, 2);
        ::close(fd);
    }
    ~StderrCapture() { restore(); }
    void restore() {
        if (saved_ < 0) return;
        std::fflush(stderr);
        ::dup2(saved_, 2);
        ::close(saved_);
        saved_ = -1;
    }
    std::string text() const { return read_file(file_); }

private:
    fs::path file_;
    int saved_ = -1;
};

// The standard base64 of a value, as a Kubernetes Secret's data would hold it.
std::string base64(const std::string& raw) {
    static const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < raw.size(); i += 3) {
        const unsigned v = (unsigned{static_cast<unsigned char>(raw[i])} << 16) |
                           (unsigned{static_cast<unsigned char>(raw[i + 1])} << 8) |
                           unsigned{static_cast<unsigned char>(raw[i + 2])};
        for (int s = 18; s >= 0; s -= 6) out += abc[(v >> s) & 63];
    }
    if (i < raw.size()) {
        unsigned v = unsigned{static_cast<unsigned char>(raw[i])} << 16;
        if (i + 1 < raw.size()) v |= unsigned{static_cast<unsigned char>(raw[i + 1])} << 8;
        out += abc[(v >> 18) & 63];
        out += abc[(v >> 12) & 63];
        out += i + 1 < raw.size() ? abc[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

}  // namespace

TEST_CASE("canary: secret values appear in no response, no log line and no database byte") {
    TempDir logs;
    StderrCapture capture(logs.path() / "stderr.log");
    auto config = test_config({});
    config.log_requests = true;
    config.agent_delay_ms = 50;
    TestServer server(config);
    Api api(server, kAdmin);

    // Unique values; the NGC one obeys the key pattern.
    const std::string tag = server::hex_digest(server::random_uuid(), 16).substr(0, 20);
    std::vector<std::string> canaries;
    std::vector<std::string> bodies;  // every response body
    auto record = [&bodies](httplib::Result r) {
        REQUIRE(r);
        bodies.push_back(r->body);
        return r;
    };

    std::map<CredentialKind, std::string> ids;
    for (auto kind : kAllKinds) {
        const std::string secret = "CANARY" + std::to_string(static_cast<int>(kind)) + tag;
        Json spec = spec_with_values(kind, secret);
        for (auto it = spec.begin(); it != spec.end(); ++it) {
            if (it.key() == "url") continue;  // a registry url is not secret
            if (it->is_string()) canaries.push_back(it->get<std::string>());
            if (it->is_array())
                for (const auto& kv : *it) canaries.push_back(kv.at("value"));
        }
        const Json c = api.expect(
            record(api.post(kind_path(kind),
                            create_body("canary-" + std::string(kind_path_segment(kind)), project_scope(1), spec))),
            202);
        ids[kind] = c.at("meta").at("id");
    }
    REQUIRE(canaries.size() == 9);

    // A Git data source using the password credential makes usedBy and the 412 real.
    const Json git = {{"meta", {{"name", "canary-repo"}, {"scope", "project"}, {"projectId", 1}}},
                      {"spec",
                       {{"repository", "https://git.example.com/r.git"},
                        {"path", "/src"},
                        {"credentialId", ids[CredentialKind::Password]}}}};
    auto ds = record(api.post("/api/v1/asset/datasource/git", git));
    // Let the agents write the Kubernetes Secrets (and log whatever they log).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        bool settled = true;
        for (const auto& [kind, id] : ids) {
            const Json j = api.expect(api.get(item_path(kind, id) + "?statusInfo=true"), 200);
            settled = settled && j.at("status").at("status") != "Creating";
        }
        if (settled) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }

    // Every endpoint, with and without usage and status.
    const std::string token_body =
        Json{{"grantType", "password"}, {"username", kAdmin.email}, {"password", kAdmin.password}}.dump();
    record(api.client().Post("/api/v1/token", token_body, "application/json"));
    record(api.client().Post("/api/v2/token", "grant_type=password&username=admin%40demo.local&password=demo-admin",
                             "application/x-www-form-urlencoded"));
    for (const std::string& q :
         std::vector<std::string>{"", "?usageInfo=true&statusInfo=true", "?projectId=1&usageInfo=true",
                                  "?clusterId=" + std::string(kClusterA) + "&includeDescendants=true&statusInfo=true"})
        record(api.get(kCredentialsPath + q));
    for (auto kind : kAllKinds) {
        record(api.get(kind_path(kind) + "?usageInfo=true&statusInfo=true"));
        record(api.get(kind_path(kind) + "?scope=project&projectId=1"));
        record(api.get(item_path(kind, ids[kind])));
        record(api.get(item_path(kind, ids[kind]) + "?usageInfo=true&statusInfo=true"));
        record(api.put(item_path(kind, ids[kind]), {{"meta", {{"description", "described"}}}}));
        record(api.put(item_path(kind, ids[kind]),
                       {{"meta", {{"name", "canary-renamed-" + std::string(kind_path_segment(kind))}}}}));
        record(api.get("/api/v1/asset/credentials/existing-secrets?kind=" + std::string(kind_path_segment(kind)) +
                       "&scope=project&projectId=1"));
    }
    record(api.post("/api/v1/authorization/permitted-scopes", {{"resourceType", "credentials"}}));
    for (const char* path : {"/api/v1/clusters", "/api/v1/org-unit/departments", "/api/v1/org-unit/projects",
                             "/api/v1/org-unit/projects/1", "/api/v1/asset/datasource/git",
                             "/api/v1/asset/datasource/s3", "/api/v1/asset/environment"})
        record(api.get(path));
    for (const char* cluster : {kClusterA, kClusterB}) {
        const std::string ext = std::string("/api/v1/x-reference/clusters/") + cluster;
        record(api.get(ext + "/secrets"));
        record(api.get(ext + "/namespaces"));
    }
    // The guarded delete names the users, then the deletes go through.
    const Json in_use =
        expect_error(record(api.del(item_path(CredentialKind::Password, ids[CredentialKind::Password]))), 412);
    CHECK(in_use.at("details").get<std::string>().find("canary-repo") != std::string::npos);
    if (ds && ds->status == 202)
        record(api.del("/api/v1/asset/datasource/git/" + body_json(ds).at("meta").at("id").get<std::string>()));
    for (auto kind : kAllKinds) record(api.del(item_path(kind, ids[kind])));
    record(api.get(kCredentialsPath + "?usageInfo=true&statusInfo=true"));

    const fs::path data = server.data_dir();
    std::vector<std::pair<std::string, std::string>> files;  // name, bytes (while running: -wal and -shm exist)
    for (const auto& f : fs::directory_iterator(data))
        files.emplace_back(f.path().filename().string(), read_file(f.path()));
    server.server->stop();
    for (const auto& f : fs::directory_iterator(data))
        files.emplace_back(f.path().filename().string() + " (stopped)", read_file(f.path()));
    capture.restore();
    const std::string log = capture.text();

    CHECK(bodies.size() > 60);
    CHECK(log.find("/api/v1/asset/credentials") != std::string::npos);  // the request log was captured
    bool db_seen = false;
    for (const auto& [name, bytes] : files) db_seen = db_seen || name == "credentials.db";
    CHECK(db_seen);
    for (const auto& canary : canaries) {
        CAPTURE(canary);
        for (std::size_t i = 0; i < bodies.size(); ++i) {
            CAPTURE(i);
            CHECK(bodies[i].find(canary) == std::string::npos);
            CHECK(bodies[i].find(base64(canary)) == std::string::npos);
        }
        CHECK(log.find(canary) == std::string::npos);
        for (const auto& [name, bytes] : files) {
            CAPTURE(name);
            CHECK(bytes.find(canary) == std::string::npos);
            CHECK(bytes.find(base64(canary)) == std::string::npos);
        }
    }
}
