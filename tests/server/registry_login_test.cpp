// Registry login checks against real registries: Debian's docker-registry (the CNCF distribution
// registry) started here on loopback with htpasswd auth, over plain HTTP and behind TLS with a
// certificate made at test time, plus a Bearer-token registry served by a small httplib server in
// this file (the token protocol is real; only the registry behind it is small). Each outcome is
// checked through the API as the web app calls it.
#include "server/registry_login.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "credentials_api.h"

extern char** environ;

namespace cc::test {
namespace {

constexpr const char* kRegistryBin = "/usr/bin/docker-registry";
constexpr const char* kUser = "alice";
constexpr const char* kPassword = "s3cret-registry-pw";
const std::string kTestLogin = kCredentialsPath + "/docker-registry/test-login";

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

// Runs a command line through sh; the test fails when it does not exit 0.
void run(const std::string& command) {
    const int rc = std::system((command + " >/dev/null 2>&1").c_str());
    REQUIRE_MESSAGE(rc == 0, "failed: " << command);
}

// A self-signed certificate for 127.0.0.1 in `dir` (cert.pem, key.pem).
void make_certificate(const fs::path& dir) {
    run("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=registry-test.local -addext "
        "subjectAltName=IP:127.0.0.1 -keyout '" +
        (dir / "key.pem").string() + "' -out '" + (dir / "cert.pem").string() + "'");
}

// docker-registry serving from its own temporary directory until destroyed.
class Registry {
public:
    explicit Registry(bool tls) {
        REQUIRE_MESSAGE(fs::exists(kRegistryBin), "docker-registry is not installed (scripts/setup installs it)");
        port_ = free_port();
        run("htpasswd -Bbc '" + (dir_.path() / "htpasswd").string() + "' " + kUser + " " + kPassword);
        if (tls) make_certificate(dir_.path());
        std::string config =
            "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n"
            "storage:\n  filesystem:\n    rootdirectory: " +
            (dir_.path() / "data").string() + "\nhttp:\n  addr: 127.0.0.1:" + std::to_string(port_) + "\n";
        if (tls)
            config += "  tls:\n    certificate: " + (dir_.path() / "cert.pem").string() +
                      "\n    key: " + (dir_.path() / "key.pem").string() + "\n";
        config += "auth:\n  htpasswd:\n    realm: test-realm\n    path: " + (dir_.path() / "htpasswd").string() + "\n";
        write_file(dir_.path() / "config.yml", config);
        const std::string config_path = (dir_.path() / "config.yml").string();
        const std::string log_path = (dir_.path() / "registry.log").string();
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        std::vector<char*> argv = {const_cast<char*>(kRegistryBin), const_cast<char*>("serve"),
                                   const_cast<char*>(config_path.c_str()), nullptr};
        REQUIRE(posix_spawn(&pid_, kRegistryBin, &actions, nullptr, argv.data(), environ) == 0);
        posix_spawn_file_actions_destroy(&actions);
        // Ready when it accepts a connection.
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        bool up = false;
        while (!up && std::chrono::steady_clock::now() < until) {
            const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in a{};
            a.sin_family = AF_INET;
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            a.sin_port = htons(static_cast<std::uint16_t>(port_));
            up = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
            ::close(fd);
            if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        REQUIRE_MESSAGE(up, "docker-registry did not start: " << read_file(log_path));
    }
    ~Registry() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            int status = 0;
            ::waitpid(pid_, &status, 0);
        }
    }
    Registry(const Registry&) = delete;
    Registry& operator=(const Registry&) = delete;

    int port() const { return port_; }
    fs::path ca_file() const { return dir_.path() / "cert.pem"; }

private:
    TempDir dir_;
    int port_ = 0;
    pid_t pid_ = -1;
};

std::string base64(const std::string& in) {
    static const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const auto n = (static_cast<unsigned>(static_cast<unsigned char>(in[i])) << 16) |
                       (static_cast<unsigned>(static_cast<unsigned char>(in[i + 1])) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
        for (int k = 18; k >= 0; k -= 6) out += abc[(n >> k) & 63];
    }
    if (i < in.size()) {
        unsigned n = static_cast<unsigned>(static_cast<unsigned char>(in[i])) << 16;
        if (i + 1 < in.size()) n |= static_cast<unsigned>(static_cast<unsigned char>(in[i + 1])) << 8;
        out += abc[(n >> 18) & 63];
        out += abc[(n >> 12) & 63];
        out += i + 1 < in.size() ? abc[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

// A registry whose /v2/ wants a bearer token from its token service (the Docker token protocol):
// 401 with `Bearer realm=…,service=…,scope=…`; the realm hands out a token for alice's password.
class TokenRegistry {
public:
    // `realm_host`: the host the challenge names for the token service.
    explicit TokenRegistry(const std::string& realm_host = "127.0.0.1") {
        port_ = http_.bind_to_any_port("127.0.0.1");
        const std::string realm = "http://" + realm_host + ":" + std::to_string(port_) + "/token";
        http_.Get("/v2/", [this, realm](const httplib::Request& req, httplib::Response& res) {
            res.set_header("Docker-Distribution-API-Version", "registry/2.0");
            if (req.get_header_value("Authorization") == "Bearer tok-for-alice") {
                res.status = 200;
                res.set_content("{}", "application/json");
                return;
            }
            res.status = 401;
            res.set_header("WWW-Authenticate",
                           "Bearer realm=\"" + realm + "\",service=\"test-registry\",scope=\"registry:catalog:*\"");
            res.set_content(R"({"errors":[{"code":"UNAUTHORIZED"}]})", "application/json");
        });
        http_.Get("/token", [this](const httplib::Request& req, httplib::Response& res) {
            ++token_requests_;
            const std::string expected = "Basic " + base64(std::string(kUser) + ":" + kPassword);
            if (req.get_param_value("service") != "test-registry" ||
                req.get_param_value("scope") != "registry:catalog:*") {
                res.status = 400;
                return;
            }
            if (req.get_header_value("Authorization") != expected) {
                res.status = 401;
                return;
            }
            res.set_content(R"({"access_token":"tok-for-alice","expires_in":300})", "application/json");
        });
        thread_ = std::thread([this] { http_.listen_after_bind(); });
        while (!http_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~TokenRegistry() {
        http_.stop();
        thread_.join();
    }
    int port() const { return port_; }
    int token_requests() const { return token_requests_; }

private:
    httplib::Server http_;
    std::thread thread_;
    int port_ = 0;
    std::atomic<int> token_requests_{0};
};

Json form(const std::string& url, const std::string& user, const std::string& password) {
    return {{"url", url}, {"user", user}, {"password", password}};
}

// A form's test (an extension path, outside the OpenAPI document: sent past Api's shape check).
httplib::Result post_form(Api& api, const Json& body) {
    return api.client().Post(kTestLogin.c_str(), bearer(api.token()), body.dump(), "application/json");
}

// The outcome of a form's test, after checking the answer's shape and that no secret is in it.
Json test_form(Api& api, const Json& body) {
    auto r = post_form(api, body);
    const Json j = api.expect(r, 200);
    CHECK(r->body.find(body.value("password", std::string("~none~"))) == std::string::npos);
    CHECK(j.at("message").is_string());
    CHECK(j.at("checkedAt").is_string());
    CHECK(j.at("durationMs").is_number_integer());
    return j;
}

std::string http_url(int port) {
    return "http://127.0.0.1:" + std::to_string(port);
}

server::Config config_with_ca(const fs::path& ca) {
    auto c = test_config({});
    c.registry_ca_file = ca.string();
    return c;
}

}  // namespace

TEST_CASE("registry login: a form's values against docker-registry over plain HTTP") {
    Registry registry(false);
    TestServer& s = shared_server();
    Api admin(s, kAdmin);
    const std::string url = http_url(registry.port());

    const Json good = test_form(admin, form(url, kUser, kPassword));
    CHECK(good.at("outcome") == "ok");
    CHECK(good.at("message").get<std::string>().find("Basic") != std::string::npos);

    const Json wrong = test_form(admin, form(url, kUser, "not-the-password-9"));
    CHECK(wrong.at("outcome") == "wrongCredentials");

    // Nothing listens on a port just freed.
    const Json refused = test_form(admin, form(http_url(free_port()), kUser, kPassword));
    CHECK(refused.at("outcome") == "unreachable");

    // An HTTP server that is no registry: the reference server's own port (/v2/ is a 404 there).
    const Json other = test_form(admin, form(http_url(s.port()), kUser, kPassword));
    CHECK(other.at("outcome") == "notARegistry");
    CHECK(other.at("message").get<std::string>().find("404") != std::string::npos);
}

TEST_CASE("registry login: TLS is verified against the system's CAs plus --registry-ca-file only") {
    Registry registry(true);
    const std::string url = "https://127.0.0.1:" + std::to_string(registry.port());
    {
        // Untrusted self-signed certificate: a TLS error naming the certificate and the reason.
        Api admin(shared_server(), kAdmin);
        const Json j = test_form(admin, form(url, kUser, kPassword));
        CHECK(j.at("outcome") == "tlsError");
        const std::string m = j.at("message");
        CHECK_MESSAGE(m.find("CN=registry-test.local") != std::string::npos, m);
        CHECK_MESSAGE(m.find("self-signed") != std::string::npos, m);
        // Plain HTTP to the TLS port is no registry answer either.
        const Json plain = test_form(admin, form(http_url(registry.port()), kUser, kPassword));
        CHECK(plain.at("outcome") == "notARegistry");
    }
    TestServer trusting(config_with_ca(registry.ca_file()));
    Api admin(trusting, kAdmin);
    CHECK(test_form(admin, form(url, kUser, kPassword)).at("outcome") == "ok");
    CHECK(test_form(admin, form(url, kUser, "not-the-password-9")).at("outcome") == "wrongCredentials");
    // A URL without a scheme means https.
    CHECK(test_form(admin, form("127.0.0.1:" + std::to_string(registry.port()), kUser, kPassword)).at("outcome") ==
          "ok");
}

TEST_CASE("registry login: the Bearer token flow") {
    TokenRegistry registry;
    Api admin(shared_server(), kAdmin);
    const std::string url = http_url(registry.port());
    const Json good = test_form(admin, form(url, kUser, kPassword));
    CHECK(good.at("outcome") == "ok");
    CHECK(good.at("message").get<std::string>().find("token") != std::string::npos);
    CHECK(registry.token_requests() == 1);
    CHECK(test_form(admin, form(url, kUser, "not-the-password-9")).at("outcome") == "wrongCredentials");
    CHECK(registry.token_requests() == 2);

    // A token service on another host over plain HTTP gets no password.
    TokenRegistry elsewhere("localhost");
    const Json refused = test_form(admin, form(http_url(elsewhere.port()), kUser, kPassword));
    CHECK(refused.at("outcome") == "notARegistry");
    CHECK(refused.at("message").get<std::string>().find("plain HTTP") != std::string::npos);
    CHECK(elsewhere.token_requests() == 0);
}

TEST_CASE("registry login: stored credentials are tested with the values the server keeps") {
    Registry registry(false);
    TestServer s;
    Api admin(s, kAdmin);
    const std::string url = http_url(registry.port());
    auto create = [&](const std::string& name, const std::string& password) {
        const Json spec = {{"url", url}, {"user", kUser}, {"password", password}};
        return admin
            .expect(admin.post(kind_path(CredentialKind::DockerRegistry), create_body(name, project_scope(1), spec)),
                    202)
            .at("meta")
            .at("id")
            .get<std::string>();
    };
    const std::string good_id = create("registry-good", kPassword);
    const std::string bad_id = create("registry-bad", "stale-password");
    const std::string item = item_path(CredentialKind::DockerRegistry, good_id);

    // Never checked yet.
    CHECK(admin.expect(admin.get(item + "/login-check"), 200).at("loginCheck").is_null());

    auto r = admin.post(item + "/test-login", Json::object());
    const Json good = admin.expect(r, 200);
    CHECK(good.at("outcome") == "ok");
    CHECK(!good.contains("failingSince"));
    CHECK(r->body.find(kPassword) == std::string::npos);
    const Json kept = admin.expect(admin.get(item + "/login-check"), 200).at("loginCheck");
    CHECK(kept.at("outcome") == "ok");
    CHECK(kept.at("checkedAt") == good.at("checkedAt"));

    // The test is in the credential's history: who used the stored login, and what came of it.
    const Json history = admin.expect(admin.get("/api/v1/x-reference/credentials/" + good_id + "/history"), 200);
    const Json* tested = nullptr;
    for (const Json& e : history.at("entries"))
        if (e.at("action") == "credential.test-login") tested = &e;
    REQUIRE(tested);
    CHECK(tested->at("actor") == kAdmin.email);
    CHECK(tested->at("outcome") == "done");
    CHECK(tested->at("detail").get<std::string>().rfind("ok: ", 0) == 0);
    CHECK(history.dump().find(kPassword) == std::string::npos);

    const std::string bad_item = item_path(CredentialKind::DockerRegistry, bad_id);
    const Json bad = admin.expect(admin.post(bad_item + "/test-login", Json::object()), 200);
    CHECK(bad.at("outcome") == "wrongCredentials");
    REQUIRE(bad.contains("failingSince"));
    const std::string since = bad.at("failingSince");
    const Json again = admin.expect(admin.post(bad_item + "/test-login", Json::object()), 200);
    CHECK(again.at("failingSince") == since);  // failing since the first failure

    // Whoever may read the credential may test it; whoever may not does not learn it exists.
    Api viewer(s, kViewer);
    CHECK(viewer.expect(viewer.post(item + "/test-login", Json::object()), 200).at("outcome") == "ok");
    Api researcher(s, kResearcher);  // project 1: reads it
    CHECK(researcher.expect(researcher.get(item + "/login-check"), 200).at("loginCheck").at("outcome") == "ok");
    // A viewer may create nowhere, so a form's values are not tested for them.
    CHECK(post_form(viewer, form(url, kUser, kPassword))->status == 403);
    // The wrong kind's path and an unknown id are 404s.
    CHECK(admin.post(item_path(CredentialKind::NgcApiKey, good_id) + "/test-login", Json::object())->status == 404);
    CHECK(admin.get(item_path(CredentialKind::DockerRegistry, "00000000-0000-4000-8000-000000000000") + "/login-check")
              ->status == 404);

    // The results are durable: a restart keeps them.
    auto config = s.server->config();
    s.server.reset();
    s.start(config);
    Api after(s, kAdmin);
    const Json restored = after.expect(after.get(bad_item + "/login-check"), 200).at("loginCheck");
    CHECK(restored.at("outcome") == "wrongCredentials");
    CHECK(restored.at("failingSince") == since);
}

TEST_CASE("registry login: --registry-check-interval checks stored logins; a failing one is an issue in its status") {
    Registry registry(false);
    auto config = test_config({});
    config.registry_check_interval_s = 1;
    config.demo_size = 0;  // no demo registries on the internet to wait for
    TestServer s(config);
    Api admin(s, kAdmin);
    const Json spec = {{"url", http_url(registry.port())}, {"user", kUser}, {"password", "rotated-away"}};
    const std::string id = admin
                               .expect(admin.post(kind_path(CredentialKind::DockerRegistry),
                                                  create_body("registry-stale", project_scope(1), spec)),
                                       202)
                               .at("meta")
                               .at("id");
    const std::string item = item_path(CredentialKind::DockerRegistry, id);
    Json status;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < until) {
        status = admin.expect(admin.get(item + "?statusInfo=true"), 200).at("status");
        if (status.at("status") == "Issues found") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(status.at("status") == "Issues found");
    const std::string message = status.at("message");
    CHECK_MESSAGE(message.find("Registry login failing since") == 0, message);
    CHECK(message.find("refused") != std::string::npos);
    // The combined list says the same; the check was kept.
    const Json list = admin.expect(admin.get(kCredentialsPath + "?statusInfo=true"), 200);
    bool found = false;
    for (const auto& e : list.at("entries"))
        if (e.at("meta").at("id") == id) {
            found = true;
            CHECK(e.at("status").at("status") == "Issues found");
        }
    CHECK(found);
    CHECK(admin.expect(admin.get(item + "/login-check"), 200).at("loginCheck").at("outcome") == "wrongCredentials");
}

TEST_CASE("registry login: bad requests change nothing and are refused with the field") {
    Api admin(shared_server(), kAdmin);
    auto refused = [&](const Json& body, const std::string& field) {
        auto r = post_form(admin, body);
        REQUIRE(r);
        CHECK(r->status == 400);
        CHECK_MESSAGE(body_json(r).at("details").get<std::string>().find(field) != std::string::npos, r->body);
    };
    refused({{"url", "http://127.0.0.1:1"}, {"user", "u"}}, "password");
    refused({{"user", "u"}, {"password", "p"}}, "url");
    refused({{"url", "http://x"}, {"user", "u"}, {"password", "p"}, {"extra", 1}}, "extra");
    refused(form("ftp://registry.example.com", "u", "p"), "url");
    refused(form("https://bob:pw@registry.example.com", "u", "p"), "url");
    refused(form("http://x", "u", std::string(70 * 1024, 'p')), "password");
}

TEST_CASE("registry login: registry_base_url and the challenge parser") {
    CHECK(*server::registry_base_url("nvcr.io") == "https://nvcr.io");
    CHECK(*server::registry_base_url("https://index.docker.io/v1/") == "https://registry-1.docker.io");
    CHECK(*server::registry_base_url(" http://127.0.0.1:5000/some/path ") == "http://127.0.0.1:5000");
    CHECK(!server::registry_base_url("").ok());
    const auto c = server::parse_auth_challenge(
        R"(Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull")");
    REQUIRE(c);
    CHECK(c->scheme == "bearer");
    CHECK(c->realm == "https://auth.example.com/token");
    CHECK(c->service == "registry.example.com");
    CHECK(c->scope == "repository:a/b:pull");
    CHECK(server::parse_auth_challenge(R"(Basic realm="x")")->scheme == "basic");
}

}  // namespace cc::test
