// Tests of what the server keeps on disk: data survives a restart without a second seed, the
// key files and database are owner-only, secret values are encrypted at rest (none appears in
// any file or any response) yet decrypt back to what was stored.
#include <sqlite3.h>
#include <sys/stat.h>

#include <set>

#include "server/demo_seed.h"
#include "server/secret_values.h"
#include "server/store.h"
#include "test_support.h"

using namespace cc;
using namespace cc::test;

namespace {

std::vector<std::string> credential_ids(httplib::Client& c) {
    const std::string token = admin_token(c);
    std::vector<std::string> ids;
    const Json list = body_json(c.Get("/api/v1/asset/credentials", bearer(token)));
    for (const auto& e : list.at("entries")) ids.push_back(e.at("meta").at("id"));
    return ids;
}

unsigned file_mode(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

}  // namespace

TEST_CASE("restart on the same data directory keeps the data and does not seed twice") {
    TestServer s;
    CHECK(s.server->seeded_on_start());
    std::vector<std::string> before;
    {
        auto c = s.client();
        before = credential_ids(c);
    }
    REQUIRE(before.size() >= 38);
    const auto data = s.data_dir();
    s.server->stop();
    CHECK_FALSE(s.server->running());

    auto config = test_config(data);
    server::Server again(config);
    REQUIRE(again.start().ok());
    CHECK_FALSE(again.seeded_on_start());
    httplib::Client c("127.0.0.1", again.port());
    CHECK(credential_ids(c) == before);
    const std::string token = admin_token(c);
    CHECK(body_json(c.Get("/api/v1/clusters", bearer(token))).size() == 2);
    CHECK(body_json(c.Get("/api/v1/org-unit/projects", bearer(token))).at("projects").size() == 12);
    again.stop();
}

TEST_CASE("two fresh databases hold the same demo data") {
    TestServer a;
    TestServer b;
    auto ca = a.client();
    auto cb = b.client();
    CHECK(credential_ids(ca) == credential_ids(cb));
}

TEST_CASE("key files and the database are created owner-only") {
    TestServer s;
    CHECK(file_mode(s.data_dir() / "secret.key") == 0600);
    CHECK(file_mode(s.data_dir() / "jwt.key") == 0600);
    CHECK(file_mode(s.data_dir() / "credentials.db") == 0600);
    CHECK(fs::file_size(s.data_dir() / "secret.key") == 32);
    CHECK(fs::file_size(s.data_dir() / "jwt.key") == 32);
}

TEST_CASE("a damaged key file stops the server instead of being replaced") {
    TempDir dir;
    write_file(dir.path() / "secret.key", "short");
    ::chmod((dir.path() / "secret.key").c_str(), 0600);
    server::Server s(test_config(dir.path()));
    auto started = s.start();
    REQUIRE_FALSE(started.ok());
    CHECK(started.error().message.find("secret.key") != std::string::npos);
    CHECK(read_file(dir.path() / "secret.key") == "short");
}

TEST_CASE("the database: WAL journal, schema version 1, no secret value in clear") {
    TestServer s;
    const auto db_path = s.data_dir() / "credentials.db";
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    auto scalar = [db](const char* sql) {
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(st) == SQLITE_ROW);
        std::string v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        return v;
    };
    CHECK(scalar("PRAGMA journal_mode") == "wal");
    CHECK(scalar("SELECT max(version) FROM schema_version") == std::to_string(server::Store::kSchemaVersion));
    CHECK(scalar("SELECT count(*) FROM credentials WHERE secret_blob IS NOT NULL AND key_id = 1") ==
          scalar("SELECT count(*) FROM credentials WHERE existing_secret_name IS NULL"));
    CHECK(scalar("SELECT count(*) FROM credentials WHERE existing_secret_name IS NOT NULL AND secret_blob IS NULL") ==
          "5");
    CHECK(scalar("SELECT count(*) FROM users WHERE password_hash LIKE '$argon2id$%'") ==
          std::to_string(server::demo_users().size() + server::demo_clients().size()));
    sqlite3_close(db);
}

TEST_CASE("canary: seed secret values appear in no file and no response") {
    const auto canaries = server::demo_secret_values();
    REQUIRE(canaries.size() >= 40);
    for (const auto& v : canaries) REQUIRE(v.size() >= 8);

    TestServer s;
    std::string responses;
    {
        auto c = s.client();
        const std::string token = admin_token(c);
        for (const char* path : {"/api/v1/asset/credentials?usageInfo=true&statusInfo=true",
                                 "/api/v1/asset/credentials", "/api/v1/asset/credentials?projectId=1&statusInfo=true",
                                 "/api/v1/clusters", "/api/v1/org-unit/departments", "/api/v1/org-unit/projects"}) {
            auto r = c.Get(path, bearer(token));
            REQUIRE(r);
            REQUIRE(r->status == 200);
            responses += r->body;
        }
    }
    REQUIRE(responses.find("nvcr-a") != std::string::npos);  // the scan sees real content
    // Read the files while the server runs (WAL content included) and after it stopped.
    auto scan_files = [&](const char* when) {
        CAPTURE(when);
        std::string bytes;
        for (const auto& f : fs::directory_iterator(s.data_dir())) bytes += read_file(f.path());
        REQUIRE(bytes.find("team-a-wandb") != std::string::npos);  // metadata is stored in clear
        for (const auto& v : canaries) {
            CAPTURE(v);
            CHECK(bytes.find(v) == std::string::npos);
        }
        for (const auto& u : server::demo_users()) CHECK(bytes.find(u.password) == std::string::npos);
    };
    scan_files("running");
    for (const auto& v : canaries) {
        CAPTURE(v);
        CHECK(responses.find(v) == std::string::npos);
    }
    s.server->stop();
    scan_files("stopped");
}

TEST_CASE("sealed secret values decrypt to what the seed stored, and only for their credential") {
    TestServer s;
    const auto data = s.data_dir();
    s.server->stop();
    auto store = server::Store::open(data / "credentials.db");
    REQUIRE(store.ok());
    auto key = server::load_or_create_key_file(data / "secret.key", server::SecretBox::kKeyBytes);
    REQUIRE(key.ok());
    const server::SecretBox box(1, std::move(*key));
    auto creds = (*store)->list_credentials(false);
    REQUIRE(creds.ok());

    const auto canaries = server::demo_secret_values();
    const std::set<std::string> expected(canaries.begin(), canaries.end());
    std::set<std::string> opened;
    const Credential* first_sealed = nullptr;
    const Credential* second_sealed = nullptr;
    for (const auto& c : *creds) {
        auto blob = (*store)->credential_secret_blob(c.meta.id);
        REQUIRE(blob.ok());
        if (!*blob) {
            CHECK(spec_existing_secret_name(c.spec).has_value());
            continue;
        }
        (first_sealed ? second_sealed : first_sealed) = &c;
        auto request = server::open_secret_values(box, **blob, c.meta.kind, c.meta.id);
        REQUIRE_MESSAGE(request.ok(), c.meta.name);
        CHECK(request->name == c.meta.name);
        CHECK(server::has_secret_values(request->spec));
        std::visit(
            [&opened](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                auto add = [&opened](const std::optional<std::string>& x) {
                    if (x) opened.insert(*x);
                };
                if constexpr (std::is_same_v<T, AccessKeySpec>) {
                    add(v.access_key_id);
                    add(v.secret_access_key);
                } else if constexpr (std::is_same_v<T, NgcApiKeySpec>) {
                    add(v.ngc_api_key);
                } else if constexpr (std::is_same_v<T, GenericSecretSpec>) {
                    for (const auto& kv : *v.key_value_pairs) add(kv.value);
                } else {
                    add(v.user);
                    add(v.password);
                }
            },
            request->spec);
    }
    CHECK(opened == expected);

    // A blob moved to another credential's row does not open (the id is authenticated data),
    // and a flipped bit is detected.
    REQUIRE(first_sealed);
    REQUIRE(second_sealed);
    auto blob = (*store)->credential_secret_blob(first_sealed->meta.id);
    CHECK_FALSE(server::open_secret_values(box, **blob, first_sealed->meta.kind, second_sealed->meta.id).ok());
    server::Bytes damaged = **blob;
    damaged[damaged.size() / 2] ^= 0x01;
    CHECK_FALSE(server::open_secret_values(box, damaged, first_sealed->meta.kind, first_sealed->meta.id).ok());
    const server::SecretBox other(1, server::Bytes(32, 9));
    CHECK_FALSE(server::open_secret_values(other, **blob, first_sealed->meta.kind, first_sealed->meta.id).ok());
}

TEST_CASE("the store refuses a read model that still carries secret values") {
    TempDir dir;
    auto store = server::Store::open(dir.path() / "t.db");
    REQUIRE(store.ok());
    Credential c;
    c.meta.id = CredentialId{"6b0d3a1e-8f1c-4c55-9a57-0f8a2c3e9d11"};
    c.meta.kind = CredentialKind::Password;
    c.meta.name = "leaky";
    c.spec = PasswordSpec{{}, std::string("user"), std::string("hunter2")};
    auto r = (*store)->insert_credential(c, std::nullopt);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == 500);
}
