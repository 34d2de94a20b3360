// Helpers for the API tests: temporary directories, an in-process server on a free port,
// HTTP calls with a bearer token, and JSON parsing of responses. Every test talks to the
// server over real HTTP on 127.0.0.1, as the web app does.
#pragma once

#include <doctest/doctest.h>
#include <httplib.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "core/json_codec.h"
#include "server/auth.h"
#include "server/crypto.h"
#include "server/server.h"
#include "server/time_util.h"

namespace cc::test {

namespace fs = std::filesystem;

class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "cc-api-test-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) FAIL("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

inline void write_file(const fs::path& p, const std::string& content) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
}

inline std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline server::Config test_config(const fs::path& data_dir) {
    server::Config c;
    c.port = 0;
    c.data_dir = data_dir;
    c.log_requests = std::getenv("CC_TEST_LOG") != nullptr;
    c.agent_delay_ms = 50;  // the cluster agents settle transient states quickly
    return c;
}

// A started server with its own data directory.
struct TestServer {
    TempDir dir;
    std::unique_ptr<server::Server> server;

    explicit TestServer(server::Config config) { start(std::move(config)); }
    TestServer() : TestServer(test_config({})) {}

    void start(server::Config config) {
        if (config.data_dir.empty()) config.data_dir = dir.path() / "data";
        server = std::make_unique<server::Server>(std::move(config));
        auto started = server->start();
        REQUIRE_MESSAGE(started.ok(), (started.ok() ? "" : started.error().message + ": " + started.error().details));
    }
    fs::path data_dir() const { return server->config().data_dir; }
    int port() const { return server->port(); }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port());
        c.set_connection_timeout(5);
        c.set_read_timeout(10);
        return c;
    }
};

// The server most read-only tests share (seeding hashes four passwords; once is enough).
inline TestServer& shared_server() {
    static TestServer s;
    return s;
}

// The bytes a gzip stream holds; fails the test when it is not one complete stream.
inline std::string gunzip(const std::string& data) {
    z_stream z{};
    REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    std::string out;
    char buf[16384];
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buf, sizeof buf - z.avail_out);
    }
    inflateEnd(&z);
    REQUIRE_MESSAGE(rc == Z_STREAM_END, "not a complete gzip stream");
    return out;
}

inline Json body_json(const httplib::Result& r) {
    REQUIRE(r);
    auto j = parse_json(r->body);
    REQUIRE_MESSAGE(j.ok(), "response is not JSON: " << r->body.substr(0, 200));
    return *j;
}

inline std::string token_for(httplib::Client& c, const std::string& base, const std::string& email,
                             const std::string& password) {
    const Json body = {{"grantType", "password"}, {"username", email}, {"password", password}};
    auto r = c.Post((base + "api/v1/token").c_str(), body.dump(), "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return body_json(r).at("accessToken").get<std::string>();
}

inline std::string admin_token(httplib::Client& c, const std::string& base = "/") {
    return token_for(c, base, "admin@demo.local", "demo-admin");
}

inline httplib::Headers bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
}

// An access token for `subject` signed with the server's own key (its data directory's jwt.key),
// valid from `issued_at` for `lifetime_seconds`: short-lived or already expired tokens for tests.
inline std::string issue_test_token(const TestServer& s, const std::string& subject, std::int64_t lifetime_seconds,
                                    std::int64_t issued_at = server::unix_now()) {
    auto key = server::load_or_create_key_file(s.data_dir() / "jwt.key", server::TokenService::kKeyBytes);
    REQUIRE(key.ok());
    const server::TokenService tokens(std::move(*key));
    return tokens.issue(subject, server::TokenUse::Access, issued_at, lifetime_seconds);
}

// Asserts the Run:ai error body and its content type.
inline Json expect_error(const httplib::Result& r, int status) {
    REQUIRE(r);
    CHECK(r->status == status);
    CHECK(r->get_header_value("Content-Type") == "application/json");
    Json j = body_json(r);
    CHECK(j.at("code") == status);
    CHECK(j.at("message").is_string());
    CHECK_FALSE(j.at("message").get<std::string>().empty());
    CHECK(j.at("details").is_string());
    return j;
}

}  // namespace cc::test
