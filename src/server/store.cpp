// SQLite implementation of the Store: connection setup, migrations, server metadata, the org
// tree and users. One writer connection guarded by a mutex keeps every multi-statement change
// trivially atomic; reads outside a transaction use a pool of read-only connections, so a list
// never waits for a write (or for the cluster agents). Credentials live in store_credentials.cpp.
#include "server/store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "server/sqlite_stmt.h"
#include "server/store_schema.h"

namespace cc::server {

using sql::db_error;
using sql::Stmt;

namespace {

// The store whose transaction this thread is in (its reads must see the transaction's changes).
thread_local const Store* t_transaction_store = nullptr;

// Marks the commits of the writer connection; WriteLock publishes them once they are visible.
int on_commit(void* committed) {
    *static_cast<bool*>(committed) = true;
    return 0;  // go on with the commit
}

}  // namespace

// ---- lifecycle -----------------------------------------------------------------------------

Store::Store(sqlite3* db, std::filesystem::path path)
    : db_(db), path_(std::move(path)), instance_(random_uuid().substr(0, 8)) {
    sqlite3_commit_hook(db_, on_commit, &committed_);
}

Store::~Store() {
    for (sqlite3* r : idle_readers_) sql::close_connection(r);
    sql::close_connection(db_);
}

Store::WriteLock::~WriteLock() {
    if (store_.committed_) {
        store_.committed_ = false;
        store_.revision_.fetch_add(1, std::memory_order_release);
    }
    store_.mutex_.unlock();
}

Store::Reader::Reader(Store& store) : store_(store) {
    if (t_transaction_store == &store_) {
        store_.mutex_.lock();
        db_ = store_.db_;
        return;
    }
    pooled_ = true;
    {
        std::lock_guard lock(store_.readers_mutex_);
        if (!store_.idle_readers_.empty()) {
            db_ = store_.idle_readers_.back();
            store_.idle_readers_.pop_back();
        }
    }
    if (!db_) {
        // A new reader; should that fail, the first statement reports a storage error.
        if (sqlite3_open_v2(store_.path_.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) !=
            SQLITE_OK) {
            sqlite3_close_v2(db_);
            db_ = nullptr;
            return;
        }
        sqlite3_busy_timeout(db_, 5000);
    }
    sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr);
}

Store::Reader::~Reader() {
    if (!pooled_) {
        store_.mutex_.unlock();
        return;
    }
    if (!db_) return;
    sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    if (sqlite3_get_autocommit(db_) == 0) {
        sql::close_connection(db_);  // still in its read transaction: not reusable
        return;
    }
    std::lock_guard lock(store_.readers_mutex_);
    store_.idle_readers_.push_back(db_);
}

std::string Store::data_version() const {
    return instance_ + "." + std::to_string(revision_.load(std::memory_order_acquire));
}

Result<std::unique_ptr<Store>> Store::open(const std::filesystem::path& path) {
    // Create the file owner-only before SQLite does: it holds password hashes and sealed
    // secrets, and SQLite gives its -wal/-shm files the database file's permissions.
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return ApiError{500, "Cannot open the database " + path.string(), std::strerror(errno), {}};
    ::close(fd);
    sqlite3* db = nullptr;
    const int rc =
        sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        ApiError e{500, "Cannot open the database " + path.string(), db ? sqlite3_errmsg(db) : "out of memory", {}};
        sqlite3_close_v2(db);
        return e;
    }
    std::unique_ptr<Store> store(new Store(db, path));
    sqlite3_busy_timeout(db, 5000);
    // WAL with synchronous=NORMAL: a commit is in the log before it returns, so a crash of the
    // server loses nothing; only a power loss or OS crash may lose the last commits (the database
    // stays consistent). FULL would add an fsync per commit (docs/security.md, 'Durability').
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
        Stmt s(db, pragma);
        const int step = s.step();
        if (step != SQLITE_ROW && step != SQLITE_DONE) return db_error(db, pragma);
    }
    if (auto m = store->migrate(); !m) return m.error();
    return store;
}

VoidResult Store::exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) == SQLITE_OK) return ok();
    ApiError e{500, "Storage error", err ? err : "unknown", {}};
    sqlite3_free(err);
    return e;
}

VoidResult Store::migrate() {
    WriteLock lock(*this);
    if (auto r =
            exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL "
                 "DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))");
        !r)
        return r;
    const int current = schema_version();
    if (current > kSchemaVersion)
        return ApiError{
            500,
            "The database was written by a newer server",
            "schema version " + std::to_string(current) + ", this server knows " + std::to_string(kSchemaVersion),
            {}};
    for (const auto& m : kMigrations) {
        if (m.version <= current) continue;
        auto r = transaction([&]() -> VoidResult {
            if (auto e = exec(m.sql); !e) return e;
            Stmt s(db_, "INSERT INTO schema_version (version) VALUES (?)");
            return s.integer(m.version).run("record migration");
        });
        if (!r) {
            ApiError e = r.error();
            e.message = "Migration " + std::to_string(m.version) + " failed";
            return e;
        }
    }
    return ok();
}

int Store::schema_version() {
    WriteLock lock(*this);
    Stmt s(db_, "SELECT ifnull(max(version), 0) FROM schema_version");
    return s.step() == SQLITE_ROW ? static_cast<int>(s.col_int(0)) : 0;
}

VoidResult Store::transaction(const std::function<VoidResult()>& body) {
    WriteLock lock(*this);
    // Nested calls (insert_user inside the seed's transaction) become savepoints.
    const std::string savepoint = "sp" + std::to_string(tx_depth_);
    const bool outer = tx_depth_ == 0;
    if (auto r = exec(outer ? "BEGIN IMMEDIATE" : ("SAVEPOINT " + savepoint).c_str()); !r) return r;
    ++tx_depth_;
    struct InTransaction {
        const Store* previous = t_transaction_store;
        explicit InTransaction(const Store* s) { t_transaction_store = s; }
        ~InTransaction() { t_transaction_store = previous; }
    } in_transaction(this);
    VoidResult result = ok();
    try {
        result = body();
    } catch (...) {
        --tx_depth_;
        exec(outer ? "ROLLBACK" : ("ROLLBACK TO " + savepoint + "; RELEASE " + savepoint).c_str());
        throw;
    }
    --tx_depth_;
    if (result) {
        if (auto c = exec(outer ? "COMMIT" : ("RELEASE " + savepoint).c_str()); !c) {
            exec(outer ? "ROLLBACK" : ("ROLLBACK TO " + savepoint + "; RELEASE " + savepoint).c_str());
            return c;
        }
    } else {
        exec(outer ? "ROLLBACK" : ("ROLLBACK TO " + savepoint + "; RELEASE " + savepoint).c_str());
    }
    return result;
}

Result<std::optional<std::string>> Store::meta_value(const std::string& key) {
    Reader r(*this);
    Stmt s(r.db(), "SELECT value FROM server_meta WHERE key = ?");
    s.text(key);
    const int rc = s.step();
    if (rc == SQLITE_ROW) return std::optional<std::string>{s.col_text(0)};
    if (rc == SQLITE_DONE) return std::optional<std::string>{};
    return db_error(r.db(), "read server_meta");
}

VoidResult Store::set_meta_value(const std::string& key, const std::string& value) {
    WriteLock lock(*this);
    Stmt s(db_,
           "INSERT INTO server_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    return s.text(key).text(value).run("write server_meta");
}

// ---- org -------------------------------------------------------------------------------------

VoidResult Store::insert_account(const AccountRecord& a) {
    WriteLock lock(*this);
    Stmt s(db_, "INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)");
    return s.integer(a.tenant_id).text(a.name).text(a.created_at).run("insert tenant");
}

Result<std::optional<AccountRecord>> Store::account() {
    Reader r(*this);
    Stmt s(r.db(), "SELECT id, name, created_at FROM tenants ORDER BY id LIMIT 1");
    const int rc = s.step();
    if (rc == SQLITE_ROW)
        return std::optional<AccountRecord>{AccountRecord{s.col_int(0), s.col_text(1), s.col_text(2)}};
    if (rc == SQLITE_DONE) return std::optional<AccountRecord>{};
    return db_error(r.db(), "read tenant");
}

VoidResult Store::insert_cluster(const Cluster& c) {
    WriteLock lock(*this);
    Stmt s(
        db_,
        "INSERT INTO clusters (uuid, tenant_id, name, domain, version, state, created_at, updated_at, last_liveness) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    return s.text(c.uuid.value)
        .integer(c.tenant_id)
        .text(c.name)
        .text(c.domain)
        .text(c.version)
        .text(c.state)
        .text(c.created_at)
        .text(c.created_at)
        .text(c.created_at)
        .run("insert cluster");
}

VoidResult Store::insert_department(const Department& d) {
    WriteLock lock(*this);
    Stmt s(db_,
           "INSERT INTO departments (id, cluster_id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, "
           "?)");
    return s.text(d.id.value)
        .text(d.cluster_id.value)
        .text(d.name)
        .text(d.description)
        .text(d.created_at)
        .text(d.updated_at)
        .run("insert department");
}

VoidResult Store::insert_project(const Project& p) {
    WriteLock lock(*this);
    Stmt s(db_,
           "INSERT INTO projects (id, department_id, cluster_id, name, namespace, description, created_at, updated_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    return s.integer(p.id.value)
        .text(p.parent_id.value)
        .text(p.cluster_id.value)
        .text(p.name)
        .text(p.namespace_name)
        .text(p.description)
        .text(p.created_at)
        .text(p.updated_at)
        .run("insert project");
}

Result<OrgData> Store::org_data() {
    Reader r(*this);
    sqlite3* db = r.db();
    OrgData org;
    {
        Stmt s(db, "SELECT name FROM tenants ORDER BY id LIMIT 1");
        if (s.step() == SQLITE_ROW) org.account_name = s.col_text(0);
    }
    {
        Stmt s(db,
               "SELECT uuid, name, tenant_id, created_at, domain, version, state FROM clusters "
               "WHERE deleted_at IS NULL ORDER BY name");
        int rc;
        while ((rc = s.step()) == SQLITE_ROW)
            org.clusters.push_back({ClusterId{s.col_text(0)}, s.col_text(1), s.col_int(2), s.col_text(3),
                                    s.col_opt_text(4), s.col_opt_text(5), s.col_text(6)});
        if (rc != SQLITE_DONE) return db_error(db, "read clusters");
    }
    {
        Stmt s(db,
               "SELECT id, name, cluster_id, description, created_at, updated_at FROM departments "
               "ORDER BY CAST(id AS INTEGER), id");
        int rc;
        while ((rc = s.step()) == SQLITE_ROW)
            org.departments.push_back({DepartmentId{s.col_text(0)}, s.col_text(1), ClusterId{s.col_text(2)},
                                       s.col_text(3), s.col_text(4), s.col_text(5)});
        if (rc != SQLITE_DONE) return db_error(db, "read departments");
    }
    {
        Stmt s(db,
               "SELECT p.id, p.name, p.cluster_id, p.department_id, d.name, p.namespace, p.description, "
               "p.created_at, p.updated_at FROM projects p JOIN departments d ON d.id = p.department_id "
               "ORDER BY p.id");
        int rc;
        while ((rc = s.step()) == SQLITE_ROW)
            org.projects.push_back({ProjectId{s.col_int(0)}, s.col_text(1), ClusterId{s.col_text(2)},
                                    DepartmentId{s.col_text(3)}, s.col_text(4), s.col_text(5), s.col_text(6),
                                    s.col_text(7), s.col_text(8)});
        if (rc != SQLITE_DONE) return db_error(db, "read projects");
    }
    return org;
}

// ---- users -----------------------------------------------------------------------------------

VoidResult Store::insert_user(const UserRecord& u) {
    return transaction([&]() -> VoidResult {
        Stmt s(db_, "INSERT INTO users (email, display_name, password_hash, created_at) VALUES (?, ?, ?, ?)");
        if (auto r = s.text(u.email).text(u.display_name).text(u.password_hash).text(u.created_at).run("insert user");
            !r)
            return r;
        for (const auto& role : u.roles) {
            Stmt rs(db_, "INSERT INTO user_roles (email, role, scope_type, scope_id) VALUES (?, ?, ?, ?)");
            if (auto r = rs.text(u.email)
                             .text(role.role)
                             .text(scope_api_name(role.scope_type))
                             .text(role.scope_id)
                             .run("insert user role");
                !r)
                return r;
        }
        return ok();
    });
}

Result<std::optional<UserRecord>> Store::find_user(const std::string& email) {
    Reader r(*this);
    sqlite3* db = r.db();
    Stmt s(db, "SELECT email, display_name, password_hash, created_at FROM users WHERE email = ?");
    s.text(email);
    const int rc = s.step();
    if (rc == SQLITE_DONE) return std::optional<UserRecord>{};
    if (rc != SQLITE_ROW) return db_error(db, "read user");
    UserRecord u{s.col_text(0), s.col_text(1), s.col_text(2), s.col_text(3), {}};
    Stmt rs(db, "SELECT role, scope_type, scope_id FROM user_roles WHERE email = ? ORDER BY role");
    rs.text(u.email);
    int rrc;
    while ((rrc = rs.step()) == SQLITE_ROW)
        u.roles.push_back(
            {rs.col_text(0), scope_from_api_name(rs.col_text(1)).value_or(ScopeType::Tenant), rs.col_text(2)});
    if (rrc != SQLITE_DONE) return db_error(db, "read user roles");
    return std::optional<UserRecord>{std::move(u)};
}

}  // namespace cc::server
