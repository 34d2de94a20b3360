// Durability and concurrency of credential creates: the credentials_server binary is killed with
// SIGKILL in the middle of a burst of creates from several threads and restarted on the same
// data directory; every create that was answered 202 must be there. And N threads creating
// one name at one scope: exactly one 202, the others 409.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <barrier>
#include <csignal>
#include <mutex>
#include <thread>

#include "credentials_api.h"

using namespace cc;
using namespace cc::test;

namespace {

// credentials_server as a child process; its stderr (the request log) goes to a file.
class ChildServer {
public:
    ChildServer(const fs::path& data_dir, const fs::path& log) {
        int out[2];
        REQUIRE(::pipe(out) == 0);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::dup2(out[1], 1);
            const int err = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
            if (err >= 0) ::dup2(err, 2);
            ::close(out[0]);
            const std::string data = data_dir.string();
            ::execl(CC_SERVER_BIN, CC_SERVER_BIN, "--port", "0", "--data", data.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::close(out[1]);
        // "listening on http://127.0.0.1:PORT/" is the first line once the server is ready.
        std::string text;
        char buf[256];
        while (text.find('\n') == std::string::npos) {
            const ssize_t n = ::read(out[0], buf, sizeof buf);
            if (n <= 0) break;
            text.append(buf, static_cast<std::size_t>(n));
        }
        ::close(out[0]);  // the child may still print: it ignores SIGPIPE
        const std::string marker = "listening on http://127.0.0.1:";
        const auto at = text.find(marker);
        if (at == std::string::npos) {
            kill();
            FAIL("the server did not start: " << text);
        }
        port_ = std::stoi(text.substr(at + marker.size()));
    }
    ~ChildServer() { kill(); }
    ChildServer(const ChildServer&) = delete;
    ChildServer& operator=(const ChildServer&) = delete;

    int port() const { return port_; }
    void kill() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
    }

private:
    pid_t pid_ = -1;
    int port_ = 0;
};

httplib::Client client_for(int port) {
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(2);
    c.set_read_timeout(5);
    return c;
}

}  // namespace

TEST_CASE("durability: every create answered 202 survives SIGKILL") {
    std::signal(SIGPIPE, SIG_IGN);  // writes to the killed server must fail, not end the tests
    TempDir dir;
    const fs::path data = dir.path() / "data";
    std::vector<std::string> acknowledged;  // ids answered 202
    std::mutex mutex;
    int refused_after_kill = 0;
    {
        ChildServer child(data, dir.path() / "server.log");
        auto login = client_for(child.port());
        const std::string token = admin_token(login);

        constexpr int kThreads = 4;
        std::atomic<bool> stop = false;
        std::atomic<int> acks = 0;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                auto c = client_for(child.port());
                for (int i = 0; !stop; ++i) {
                    const auto kind = kAllKinds[static_cast<std::size_t>(i) % kAllKinds.size()];
                    const Json body =
                        create_body("burst-" + std::to_string(t) + "-" + std::to_string(i), project_scope(1 + t),
                                    spec_with_values(kind, "d" + std::to_string(i)));
                    auto r = c.Post(kind_path(kind).c_str(), bearer(token), body.dump(), "application/json");
                    if (!r) {
                        if (acks > 0) break;  // the server is gone
                        continue;
                    }
                    if (r->status != 202) continue;
                    const auto j = parse_json(r->body);
                    if (!j) continue;
                    std::lock_guard lock(mutex);
                    acknowledged.push_back((*j)["meta"]["id"].get<std::string>());
                    ++acks;
                }
            });
        }
        // Kill once a good number of creates were acknowledged, while the threads keep sending.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (acks < 60 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        child.kill();
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        stop = true;
        for (auto& t : threads) t.join();
        auto probe = client_for(child.port()).Get("/healthz");
        if (!probe) ++refused_after_kill;
    }
    CHECK(refused_after_kill == 1);  // it really died
    REQUIRE(acknowledged.size() >= 60);

    ChildServer again(data, dir.path() / "server.log");
    auto c = client_for(again.port());
    const std::string token = admin_token(c);
    const Json list = body_json(c.Get((kCredentialsPath + "?statusInfo=true").c_str(), bearer(token)));
    check_response("GET", kCredentialsPath, 200, list);
    std::set<std::string> present;
    for (const auto& e : list.at("entries")) present.insert(e.at("meta").at("id").get<std::string>());
    std::size_t missing = 0;
    for (const auto& id : acknowledged) missing += present.count(id) == 0;
    CHECK_MESSAGE(missing == 0, missing << " of " << acknowledged.size() << " acknowledged creates were lost");
    // And they are whole: one of them reads back by id.
    auto one = c.Get((kCredentialsPath + "?name=burst-0-0").c_str(), bearer(token));
    REQUIRE(one);
    CHECK(body_json(one).at("entries").size() == 1);
}

TEST_CASE("concurrency: one name at one scope, created by many threads at once: exactly one 202") {
    TestServer server;
    Api api(server, kAdmin);
    constexpr int kThreads = 8;
    for (int round = 0; round < 3; ++round) {
        CAPTURE(round);
        const std::string name = "race-" + std::to_string(round);
        std::barrier start(kThreads);
        std::atomic<int> created = 0, conflicts = 0, other = 0;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                auto c = server.client();
                // Different kinds race too: names are unique across kinds.
                const auto kind = kAllKinds[static_cast<std::size_t>(t) % kAllKinds.size()];
                const std::string body =
                    create_body(name, project_scope(1), spec_with_values(kind, std::to_string(t))).dump();
                start.arrive_and_wait();
                auto r = c.Post(kind_path(kind).c_str(), bearer(api.token()), body, "application/json");
                if (r && r->status == 202)
                    ++created;
                else if (r && r->status == 409)
                    ++conflicts;
                else
                    ++other;
            });
        }
        for (auto& t : threads) t.join();
        CHECK(created == 1);
        CHECK(conflicts == kThreads - 1);
        CHECK(other == 0);
        CHECK(api.names(kCredentialsPath + "?name=" + name).size() == 1);
    }
}

TEST_CASE("concurrency: one existing secret, claimed by many threads at once: exactly one 202") {
    TestServer server;
    Api api(server, kAdmin);
    constexpr int kThreads = 8;
    std::barrier start(kThreads);
    std::atomic<int> created = 0, conflicts = 0, other = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            auto c = server.client();
            // Different names: only the single-use rule of existing secrets can refuse them.
            const std::string body = create_body("claim-" + std::to_string(t), department_scope("1"),
                                                 {{"existingSecretName", "research-git-bot"}})
                                         .dump();
            start.arrive_and_wait();
            auto r = c.Post(kind_path(CredentialKind::Password).c_str(), bearer(api.token()), body, "application/json");
            if (r && r->status == 202)
                ++created;
            else if (r && r->status == 409)
                ++conflicts;
            else
                ++other;
        });
    }
    for (auto& t : threads) t.join();
    CHECK(created == 1);
    CHECK(conflicts == kThreads - 1);
    CHECK(other == 0);
}
