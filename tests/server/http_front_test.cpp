// Tests of the HTTP front against hostile and unusual clients over real sockets: many idle and
// slow connections, compression bombs, chunked floods, oversize declared lengths, slow headers,
// per-address limits, pipelining and 100-continue; plus the request reader and the dispatcher
// on their own.
#include "server/http_front.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "credentials_api.h"
#include "server/http_dispatch.h"
#include "server/http_request_reader.h"
#include "server/http_util.h"
#include "test_support.h"

using namespace cc;
using namespace cc::test;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

struct RawResponse {
    int status = 0;
    std::string head;  // status line and headers
    std::string body;

    std::string header(std::string_view name) const {
        std::size_t pos = head.find("\r\n");
        while (pos != std::string::npos && pos + 2 < head.size()) {
            const std::size_t end = head.find("\r\n", pos + 2);
            const std::string line = head.substr(pos + 2, end - pos - 2);
            const auto colon = line.find(':');
            if (colon != std::string::npos && server::ascii_lower(line.substr(0, colon)) == server::ascii_lower(name))
                return line.substr(line.find_first_not_of(' ', colon + 1));
            pos = end;
        }
        return {};
    }
};

// A plain TCP client for what httplib::Client cannot do: partial requests, pipelining, idling.
// Every wait is bounded.
class RawConnection {
public:
    explicit RawConnection(int port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<std::uint16_t>(port));
        ::inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
        connected_ = fd_ >= 0 && ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    }
    ~RawConnection() {
        if (fd_ >= 0) ::close(fd_);
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool connected() const { return connected_; }

    bool send(std::string_view data) {
        while (!data.empty()) {
            const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
            if (n <= 0) return false;
            data.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    // Waits up to `limit` for bytes; false on timeout, end of stream or error.
    bool read_more(std::chrono::milliseconds limit) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(limit.count())) <= 0) return false;
        char buf[65536];
        const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) {
            closed_ = true;
            return false;
        }
        buf_.append(buf, static_cast<std::size_t>(n));
        return true;
    }

    // The next complete response (a 100 Continue counts as one), or nullopt.
    std::optional<RawResponse> read_response(std::chrono::milliseconds limit = 10s) {
        const auto deadline = Clock::now() + limit;
        while (true) {
            if (auto r = take_response()) return r;
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (left <= 0ms || closed_ || !read_more(left)) {
                if (auto r = take_response()) return r;
                return std::nullopt;
            }
        }
    }

    // True once the server closed the connection (end of stream or reset) within `limit`.
    bool wait_closed(std::chrono::milliseconds limit = 10s) {
        const auto deadline = Clock::now() + limit;
        while (!closed_ && Clock::now() < deadline)
            read_more(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
        return closed_;
    }

    const std::string& buffered() const { return buf_; }

private:
    std::optional<RawResponse> take_response() {
        const auto end = buf_.find("\r\n\r\n");
        if (end == std::string::npos) return std::nullopt;
        RawResponse r;
        r.head = buf_.substr(0, end + 2);
        if (r.head.rfind("HTTP/1.1 ", 0) != 0) return std::nullopt;
        r.status = std::atoi(r.head.c_str() + 9);
        const std::string length = r.header("Content-Length");
        const std::size_t body = r.status < 200 || length.empty() ? 0 : std::stoul(length);
        if (buf_.size() < end + 4 + body) return std::nullopt;
        r.body = buf_.substr(end + 4, body);
        buf_.erase(0, end + 4 + body);
        return r;
    }

    int fd_ = -1;
    bool connected_ = false;
    bool closed_ = false;
    std::string buf_;
};

// Checks an answer the front made itself: the Run:ai error body and the connection closing.
void expect_front_error(const std::optional<RawResponse>& r, int status) {
    REQUIRE(r);
    CHECK(r->status == status);
    CHECK(r->header("Content-Type") == "application/json");
    CHECK(r->header("Cache-Control") == "no-store");
    CHECK(r->header("Connection") == "close");
    auto j = parse_json(r->body);
    REQUIRE(j.ok());
    CHECK(j->at("code") == status);
    CHECK_FALSE(j->at("message").get<std::string>().empty());
    CHECK_FALSE(j->at("details").get<std::string>().empty());
}

std::string get_request(const std::string& path, const std::string& extra = {}) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}

// The front of most tests here: short header and body timeouts keep the timeout tests fast.
TestServer& front_server() {
    static TestServer s([] {
        auto c = test_config({});
        c.header_timeout_ms = 600;
        c.body_timeout_ms = 600;
        return c;
    }());
    return s;
}

std::vector<std::string> credential_names(httplib::Client& c, const std::string& token) {
    std::vector<std::string> names;
    const Json list = body_json(c.Get(kCredentialsPath.c_str(), bearer(token)));
    for (const auto& e : list.at("entries")) names.push_back(e.at("meta").at("name"));
    return names;
}

// `prefix` followed by spaces up to `inflated` bytes, compressed by zlib: gzip (window 31) or
// deflate in zlib's wrapper (window 15). A run of one byte shrinks about a thousandfold, and
// run-length matching compresses it fast.
std::string compressed(std::string_view prefix, std::size_t inflated, int window_bits) {
    z_stream z{};
    REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, window_bits, 9, Z_RLE) == Z_OK);
    std::string out;
    const std::string spaces(1 << 20, ' ');
    std::size_t fed = 0;
    auto pump = [&](std::string_view in, int flush) {
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
        z.avail_in = static_cast<uInt>(in.size());
        char buf[65536];
        do {
            z.next_out = reinterpret_cast<Bytef*>(buf);
            z.avail_out = sizeof buf;
            deflate(&z, flush);
            out.append(buf, sizeof buf - z.avail_out);
        } while (z.avail_out == 0 || z.avail_in > 0);
    };
    pump(prefix, Z_NO_FLUSH);
    fed += prefix.size();
    while (fed < inflated) {
        const std::size_t n = std::min(spaces.size(), inflated - fed);
        pump(std::string_view(spaces).substr(0, n), Z_NO_FLUSH);
        fed += n;
    }
    pump({}, Z_FINISH);
    deflateEnd(&z);
    return out;
}

double elapsed_ms(Clock::time_point since) {
    return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

}  // namespace

TEST_CASE("front: /healthz and the credential list answer within 100 ms beside 500 idle and 50 slow connections") {
    auto config = test_config({});
    config.max_connections_per_address = 2000;  // every connection here comes from 127.0.0.1
    config.idle_timeout_ms = 60000;             // the idle ones stay for the whole test
    config.header_timeout_ms = 60000;           // and so do the slow ones
    TestServer s(config);
    auto login = s.client();
    const std::string token = admin_token(login);

    std::vector<std::unique_ptr<RawConnection>> idle;
    for (int i = 0; i < 500; ++i) {
        idle.push_back(std::make_unique<RawConnection>(s.port()));
        REQUIRE(idle.back()->connected());
    }
    const std::string slow_request = get_request("/healthz");
    std::vector<std::unique_ptr<RawConnection>> slow;
    for (int i = 0; i < 50; ++i) {
        slow.push_back(std::make_unique<RawConnection>(s.port()));
        REQUIRE(slow.back()->connected());
        REQUIRE(slow.back()->send(slow_request.substr(0, 1)));
    }
    // One more header byte on every slow connection every 2 s, for two rounds.
    std::atomic<bool> done{false};
    std::atomic<int> rounds{0};
    std::thread trickle([&] {
        for (std::size_t byte = 1; byte <= 2 && !done; ++byte) {
            for (int i = 0; i < 40 && !done; ++i) std::this_thread::sleep_for(50ms);
            for (auto& c : slow) c->send(slow_request.substr(byte, 1));
            ++rounds;
        }
    });
    while (rounds < 1) std::this_thread::sleep_for(20ms);

    // Best of three fresh connections each, so one scheduling hiccup of a busy machine does not
    // count as the server being blocked; a blocked server fails all three.
    auto fastest = [&](const std::string& path, const httplib::Headers& headers) {
        double best = 1e9;
        for (int attempt = 0; attempt < 3; ++attempt) {
            httplib::Client c("127.0.0.1", s.port());
            c.set_connection_timeout(5);
            c.set_read_timeout(10);
            const auto t0 = Clock::now();
            auto r = c.Get(path.c_str(), headers);
            const double ms = elapsed_ms(t0);
            REQUIRE(r);
            REQUIRE(r->status == 200);
            best = std::min(best, ms);
        }
        return best;
    };
    const double health_ms = fastest("/healthz", {});
    const double list_ms = fastest(kCredentialsPath, bearer(token));
    CHECK_MESSAGE(health_ms < 100.0, "GET /healthz took " << health_ms << " ms");
    CHECK_MESSAGE(list_ms < 100.0, "GET " << kCredentialsPath << " took " << list_ms << " ms");

    // The idle connections were accepted and still serve.
    for (RawConnection* c : {idle.front().get(), idle.back().get()}) {
        REQUIRE(c->send(get_request("/healthz")));
        auto r = c->read_response();
        REQUIRE(r);
        CHECK(r->status == 200);
    }
    done = true;
    trickle.join();
}

TEST_CASE("front: gzip and deflate bombs are refused with 413 and store nothing") {
    auto& s = front_server();
    auto c = s.client();
    const std::string token = admin_token(c);
    const auto before = credential_names(c, token);
    REQUIRE_FALSE(before.empty());
    const std::string prefix =
        create_body("bomb", tenant_scope(), spec_with_values(CredentialKind::GenericSecret, "b")).dump().substr(0, 60);
    const std::string path = kind_path(CredentialKind::GenericSecret);
    for (const auto& [coding, window] : {std::pair<std::string, int>{"gzip", 15 + 16}, {"deflate", 15}}) {
        CAPTURE(coding);
        const std::string bomb = compressed(prefix, 200u << 20, window);  // 200 MiB inflated
        CHECK(bomb.size() < 512 * 1024);
        auto headers = bearer(token);
        headers.emplace("Content-Encoding", coding);
        const Json e = expect_error(c.Post(path.c_str(), headers, bomb, "application/json"), 413);
        CHECK(e.at("message") == "Request body too large");
    }
    CHECK(credential_names(c, token) == before);
}

TEST_CASE("front: a small gzip or deflate body is decoded and handled") {
    auto& s = front_server();
    Api api(s, kAdmin);
    const auto before = credential_names(api.client(), api.token());
    int n = 0;
    for (const auto& [coding, window] : {std::pair<std::string, int>{"gzip", 15 + 16}, {"deflate", 15}}) {
        CAPTURE(coding);
        const std::string name = "zipped-" + std::to_string(++n);
        const std::string body =
            create_body(name, project_scope(2), spec_with_values(CredentialKind::GenericSecret, "z")).dump();
        auto headers = bearer(api.token());
        headers.emplace("Content-Encoding", coding);
        auto r = api.client().Post(kind_path(CredentialKind::GenericSecret).c_str(), headers,
                                   compressed(body, body.size(), window), "application/json");
        REQUIRE(r);
        CHECK_MESSAGE(r->status == 202, r->body);
    }
    const auto after = credential_names(api.client(), api.token());
    CHECK(after.size() == before.size() + 2);
    CHECK(std::count(after.begin(), after.end(), "zipped-1") == 1);
    CHECK(std::count(after.begin(), after.end(), "zipped-2") == 1);
}

TEST_CASE("front: a chunked body past 1 MiB is refused with 413 as it arrives and stores nothing") {
    auto& s = front_server();
    auto c = s.client();
    const std::string token = admin_token(c);
    const auto before = credential_names(c, token);

    RawConnection raw(s.port());
    REQUIRE(raw.connected());
    REQUIRE(raw.send("POST " + kind_path(CredentialKind::GenericSecret) +
                     " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
                     "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
    // 20 MiB in 64 KiB chunks from another thread; it stops when the server stops taking them.
    std::thread flood([&] {
        const std::string chunk = "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
        for (int i = 0; i < 320; ++i)
            if (!raw.send(chunk)) return;
        raw.send("0\r\n\r\n");
    });
    auto r = raw.read_response();
    flood.join();
    expect_front_error(r, 413);
    CHECK(raw.wait_closed());
    CHECK(credential_names(c, token) == before);

    // The same through httplib's own chunked upload.
    const std::string piece(0x10000, 'y');
    std::size_t sent = 0;
    auto r2 = c.Post(
        kind_path(CredentialKind::GenericSecret).c_str(), bearer(token),
        [&](std::size_t, httplib::DataSink& sink) {
            if (sent >= (20u << 20)) {
                sink.done();
                return true;
            }
            sent += piece.size();
            return sink.write(piece.data(), piece.size());
        },
        "application/json");
    // The client may or may not finish writing before the server closes; if it reads the
    // answer, it is the 413.
    if (r2) expect_error(r2, 413);
    CHECK(credential_names(c, token) == before);
}

TEST_CASE("front: a declared Content-Length over 1 MiB is refused before any body is sent") {
    auto& s = front_server();
    RawConnection raw(s.port());
    REQUIRE(raw.connected());
    REQUIRE(
        raw.send("POST /api/v1/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 "Content-Length: 104857600\r\n\r\n"));
    auto r = raw.read_response();
    expect_front_error(r, 413);
    CHECK(raw.wait_closed());
}

TEST_CASE("front: a POST without Content-Length has an empty body and the connection stays usable") {
    auto& s = front_server();
    RawConnection raw(s.port());
    REQUIRE(raw.connected());
    // Were the POST's body read to the end of the stream, the GET would be swallowed as its body.
    REQUIRE(raw.send("POST /api/v1/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\r\n" +
                     get_request("/healthz")));
    auto first = raw.read_response();
    REQUIRE(first);
    CHECK(first->status == 400);
    CHECK(parse_json(first->body).ok());
    auto second = raw.read_response();
    REQUIRE(second);
    CHECK(second->status == 200);
    CHECK(second->body == R"({"status":"ok"})");
}

TEST_CASE("front: keep-alive and pipelined requests are answered in order") {
    auto& s = front_server();
    RawConnection raw(s.port());
    REQUIRE(raw.connected());
    REQUIRE(raw.send(get_request("/healthz") +
                     "POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}" +
                     get_request("/no-such-file")));
    std::vector<int> statuses;
    for (int i = 0; i < 3; ++i) {
        auto r = raw.read_response();
        REQUIRE(r);
        statuses.push_back(r->status);
    }
    CHECK(statuses == std::vector<int>{200, 405, 404});
    // The same connection takes more requests, byte by byte too.
    for (char ch : get_request("/healthz")) REQUIRE(raw.send(std::string(1, ch)));
    auto again = raw.read_response();
    REQUIRE(again);
    CHECK(again->status == 200);
    CHECK_FALSE(again->header("Keep-Alive").empty());

    // "Connection: close" is honoured after the answer.
    REQUIRE(raw.send(get_request("/healthz", "Connection: close\r\n")));
    auto last = raw.read_response();
    REQUIRE(last);
    CHECK(last->status == 200);
    CHECK(last->header("Connection") == "close");
    CHECK(raw.wait_closed());

    // httplib's client on one kept-alive connection.
    auto c = s.client();
    c.set_keep_alive(true);
    for (int i = 0; i < 5; ++i) {
        auto r = c.Get("/healthz");
        REQUIRE(r);
        CHECK(r->status == 200);
    }
}

TEST_CASE("front: Expect: 100-continue is answered by the front") {
    auto& s = front_server();
    const std::string login = R"({"grantType":"password","username":"admin@demo.local","password":"demo-admin"})";

    // As curl does: headers, wait for 100 Continue, then the body.
    RawConnection raw(s.port());
    REQUIRE(raw.connected());
    REQUIRE(
        raw.send("POST /api/v1/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 "Expect: 100-continue\r\nContent-Length: " +
                 std::to_string(login.size()) + "\r\n\r\n"));
    auto cont = raw.read_response();
    REQUIRE(cont);
    CHECK(cont->status == 100);
    REQUIRE(raw.send(login));
    auto r = raw.read_response();
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(parse_json(r->body)->contains("accessToken"));

    // Too large: the 413 at once, and no 100 Continue.
    RawConnection big(s.port());
    REQUIRE(big.connected());
    REQUIRE(
        big.send("POST /api/v1/token HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\n"
                 "Content-Length: 2000000\r\n\r\n"));
    expect_front_error(big.read_response(), 413);

    // httplib's client sends the body without waiting and skips the 100 Continue.
    auto c = s.client();
    auto r2 = c.Post("/api/v1/token", {{"Expect", "100-continue"}}, login, "application/json");
    REQUIRE(r2);
    CHECK(r2->status == 200);
}

TEST_CASE("front: slow headers get 408 after the header timeout, a slow body after the body timeout") {
    auto& s = front_server();  // 600 ms for each
    {
        RawConnection raw(s.port());
        REQUIRE(raw.connected());
        const std::string request = get_request("/healthz", "X-Padding: " + std::string(200, 'p') + "\r\n");
        std::optional<RawResponse> r;
        // One byte every 100 ms would take 25 s; the front cuts it off well before.
        for (std::size_t i = 0; i < request.size() && !r; ++i) {
            if (!raw.send(request.substr(i, 1))) break;
            if (raw.read_more(100ms)) r = raw.read_response(2s);
        }
        expect_front_error(r, 408);
        CHECK(raw.wait_closed());
    }
    {
        RawConnection raw(s.port());
        REQUIRE(raw.connected());
        REQUIRE(raw.send("POST /api/v1/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n{}"));
        expect_front_error(raw.read_response(), 408);
        CHECK(raw.wait_closed());
    }
}

TEST_CASE("front: malformed requests get the front's error answers") {
    auto& s = front_server();
    struct Case {
        std::string request;
        int status;
    };
    const Case cases[] = {
        {"GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n", 414},
        {"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9000, 'h') + "\r\n\r\n", 431},
        {"POST /api/v1/token HTTP/1.1\r\nHost: x\r\nContent-Encoding: br\r\nContent-Length: 2\r\n\r\n{}", 415},
        {"POST /api/v1/token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501},
        {"POST /api/v1/token HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
         400},
        {"POST /api/v1/token HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nnope", 400},
        {"GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400},
        {"GET / HTTP/3.0\r\n\r\n", 400},
    };
    for (const auto& tc : cases) {
        CAPTURE(tc.status);
        RawConnection raw(s.port());
        REQUIRE(raw.connected());
        REQUIRE(raw.send(tc.request));
        expect_front_error(raw.read_response(), tc.status);
    }
}

TEST_CASE("front: the per-address connection limit refuses the connection over it") {
    auto config = test_config({});
    config.max_connections_per_address = 3;
    TestServer s(config);
    std::vector<std::unique_ptr<RawConnection>> held;
    for (int i = 0; i < 3; ++i) {
        held.push_back(std::make_unique<RawConnection>(s.port()));
        REQUIRE(held.back()->send(get_request("/healthz")));
        auto r = held.back()->read_response();
        REQUIRE(r);
        CHECK(r->status == 200);
    }
    {
        RawConnection extra(s.port());
        REQUIRE(extra.connected());
        extra.send(get_request("/healthz"));  // may fail: the server may have closed it already
        auto r = extra.read_response(5s);
        if (r) expect_front_error(r, 503);  // refused with an answer, or just closed
        CHECK(extra.wait_closed());
    }
    // The held connections still work; once one closes, a new one is accepted.
    REQUIRE(held.front()->send(get_request("/healthz")));
    auto r = held.front()->read_response();
    REQUIRE(r);
    CHECK(r->status == 200);
    held.pop_back();
    bool accepted = false;
    for (int attempt = 0; attempt < 100 && !accepted; ++attempt) {
        RawConnection next(s.port());
        if (next.send(get_request("/healthz"))) {
            auto answer = next.read_response(5s);
            accepted = answer && answer->status == 200;
        }
        if (!accepted) std::this_thread::sleep_for(20ms);
    }
    CHECK(accepted);
}

// A front of its own with a handler that answers 200 with the request target, and can be held.
struct BareFront {
    std::mutex mu;
    std::condition_variable cv;
    bool hold = false;
    int in_handler = 0;
    std::unique_ptr<server::HttpFront> front;

    explicit BareFront(server::FrontConfig config) {
        front = std::make_unique<server::HttpFront>(config, [this](server::FrontRequest& req) {
            std::unique_lock lock(mu);
            ++in_handler;
            cv.notify_all();
            cv.wait_for(lock, 10s, [&] { return !hold; });
            const std::string body = req.request.target;
            return server::FrontResponse{
                "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body,
                req.close_connection};
        });
        auto port = front->start();
        REQUIRE(port.ok());
    }
    int port() const { return front->port(); }
    void wait_in_handler(int n) {
        std::unique_lock lock(mu);
        REQUIRE(cv.wait_for(lock, 10s, [&] { return in_handler >= n; }));
    }
    void release() {
        std::lock_guard lock(mu);
        hold = false;
        cv.notify_all();
    }
};

TEST_CASE("front: a full request queue answers 503 with Retry-After") {
    server::FrontConfig config;
    config.worker_threads = 1;
    config.max_queued_requests = 1;
    BareFront f(config);
    f.hold = true;
    RawConnection busy(f.port());
    REQUIRE(busy.send(get_request("/busy")));
    f.wait_in_handler(1);  // the only worker is taken
    RawConnection b(f.port()), c(f.port());
    REQUIRE(b.send(get_request("/b")));
    REQUIRE(c.send(get_request("/c")));
    // One of the two waits in the queue; the other finds it full. Which is which depends on
    // the order the front reads them.
    std::optional<RawResponse> refused;
    RawConnection* waiting = nullptr;
    for (int i = 0; i < 100 && !refused; ++i) {
        if (b.read_more(50ms)) {
            refused = b.read_response(2s);
            waiting = &c;
        } else if (c.read_more(50ms)) {
            refused = c.read_response(2s);
            waiting = &b;
        }
    }
    expect_front_error(refused, 503);
    CHECK(refused->header("Retry-After") == "1");
    f.release();
    auto first = busy.read_response();
    REQUIRE(first);
    CHECK(first->body == "/busy");
    REQUIRE(waiting);
    auto queued = waiting->read_response();
    REQUIRE(queued);
    CHECK(queued->status == 200);
}

TEST_CASE("front: idle connections close silently; the request limit closes after its answer") {
    server::FrontConfig config;
    config.idle_timeout = 200ms;
    config.max_requests_per_connection = 2;
    BareFront f(config);

    RawConnection idle(f.port());
    REQUIRE(idle.connected());
    CHECK(idle.wait_closed());
    CHECK(idle.buffered().empty());

    RawConnection kept(f.port());
    REQUIRE(kept.send(get_request("/1") + get_request("/2") + get_request("/3")));
    auto one = kept.read_response();
    auto two = kept.read_response();
    REQUIRE(one);
    REQUIRE(two);
    CHECK(one->body == "/1");
    CHECK(two->body == "/2");
    CHECK(kept.wait_closed());
    CHECK(kept.buffered().empty());  // the third request was never answered
}

TEST_CASE("front: the dispatcher gives handlers the real peer address and httplib's pipeline") {
    server::DispatchServer http;
    http.Get("/who", [](const httplib::Request& req, httplib::Response& res) {
        res.set_content(req.remote_addr + ":" + std::to_string(req.remote_port), "text/plain");
    });
    http.Post("/echo",
              [](const httplib::Request& req, httplib::Response& res) { res.set_content(req.body, "text/plain"); });
    server::FrontRequest req;
    req.request.method = "GET";
    req.request.target = "/who";
    req.request.version = "HTTP/1.1";
    req.request.headers = {{"Host", "example"}};
    req.remote = {"203.0.113.7", 40123};
    req.local = {"127.0.0.1", 8080};
    auto out = http.dispatch(req);
    CHECK(out.bytes.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    CHECK(out.bytes.find("\r\n\r\n203.0.113.7:40123") != std::string::npos);
    CHECK_FALSE(out.close);

    req.request.method = "POST";
    req.request.target = "/echo";
    req.request.body = std::string(3000, 'e');
    req.close_connection = true;
    out = http.dispatch(req);
    CHECK(out.bytes.find("Connection: close\r\n") != std::string::npos);
    CHECK(out.bytes.find("\r\n\r\n" + std::string(3000, 'e')) != std::string::npos);
    CHECK(out.close);
}

TEST_CASE("front: the request reader decodes framing and codings and keeps pipelined bytes") {
    using server::HttpRequestReader;
    using server::ReadStatus;
    server::HttpLimits limits;
    limits.max_body_bytes = 1000;

    HttpRequestReader reader(limits);
    const std::string two =
        "POST /a?x=1 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n"
        "3;ext\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: t\r\n\r\n"
        "GET /b HTTP/1.0\r\n\r\n";
    std::size_t used = reader.feed(std::string_view(two).substr(0, 90));
    CHECK(reader.status() == ReadStatus::NeedMore);
    CHECK(reader.expects_continue());
    used += reader.feed(std::string_view(two).substr(used));
    REQUIRE(reader.status() == ReadStatus::Complete);
    auto first = reader.take();
    CHECK(first.method == "POST");
    CHECK(first.target == "/a?x=1");
    CHECK(first.body == "abcde");
    CHECK(first.keep_alive);
    REQUIRE(first.headers.size() == 1);  // framing, Expect and trailers are gone
    CHECK(first.wire() == "POST /a?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nabcde");
    CHECK(two.substr(used) == "GET /b HTTP/1.0\r\n\r\n");
    reader.feed(std::string_view(two).substr(used));
    REQUIRE(reader.status() == ReadStatus::Complete);
    auto second = reader.take();
    CHECK(second.target == "/b");
    CHECK_FALSE(second.keep_alive);  // HTTP/1.0 without keep-alive
    CHECK(second.wire() == "GET /b HTTP/1.0\r\n\r\n");

    // Inflated output is capped at the body limit, not the compressed size.
    const std::string fits = compressed("", 1000, 15 + 16);
    HttpRequestReader ok(limits);
    ok.feed("PUT /z HTTP/1.1\r\nContent-Encoding: gzip\r\nContent-Length: " + std::to_string(fits.size()) + "\r\n\r\n" +
            fits);
    REQUIRE(ok.status() == ReadStatus::Complete);
    CHECK(ok.take().body == std::string(1000, ' '));
    const std::string over = compressed("", 1001, 15 + 16);
    HttpRequestReader big(limits);
    big.feed("PUT /z HTTP/1.1\r\nContent-Encoding: gzip\r\nContent-Length: " + std::to_string(over.size()) +
             "\r\n\r\n" + over);
    REQUIRE(big.status() == ReadStatus::Error);
    CHECK(big.error().code == 413);

    // A chunked body is refused as soon as its chunk sizes pass the limit.
    HttpRequestReader chunks(limits);
    chunks.feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3e8\r\n" + std::string(1000, 'c') + "\r\n1\r\n");
    REQUIRE(chunks.status() == ReadStatus::Error);
    CHECK(chunks.error().code == 413);

    // Differing Content-Length values are a 400; equal repeats are one length.
    HttpRequestReader twice(limits);
    twice.feed("POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n");
    CHECK(twice.error().code == 400);
    HttpRequestReader same(limits);
    same.feed("POST / HTTP/1.1\r\nContent-Length: 2, 2\r\n\r\nok");
    CHECK(same.status() == ReadStatus::Complete);
}
