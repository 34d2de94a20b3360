// Durable storage of the reference server: one SQLite database (WAL, synchronous=NORMAL) with
// numbered schema migrations. It holds the account, the org tree, users, credentials (metadata,
// status, and the secret values as an encrypted blob only) and the assets that reference
// credentials, from which `usedBy` is computed, and the audit trail. All methods are thread-safe.
// Writes go through one connection, one writer at a time; reads outside a transaction run on a
// pool of read-only connections and never wait for a writer (WAL readers see the last commit).
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "core/audit.h"
#include "core/credential.h"
#include "core/org.h"
#include "core/result.h"
#include "server/crypto.h"

struct sqlite3;

namespace cc::server {

using VoidResult = Result<std::monostate>;
inline VoidResult ok() {
    return std::monostate{};
}

struct AccountRecord {
    std::int64_t tenant_id = 0;
    std::string name;
    std::string created_at;
};

// A registry login check as stored: outcome is an api name ("ok", "wrongCredentials"...).
struct LoginCheckRecord {
    std::string outcome;
    std::string message;
    std::string checked_at;  // RFC 3339
    std::int64_t duration_ms = 0;
    std::optional<std::string> failing_since;  // set by put_login_check
};

struct RoleAssignment {
    std::string role;  // "System administrator", "Department administrator", "L1 researcher", ...
    ScopeType scope_type = ScopeType::Tenant;
    std::string scope_id;  // tenant id, cluster uuid, department id or project id as text
};

struct UserRecord {
    std::string email;
    std::string display_name;
    std::string password_hash;  // argon2id, encoded
    std::string created_at;
    std::vector<RoleAssignment> roles;
};

// Assets that can reference credentials; they feed `usedBy` and (later) the delete guard.
enum class ReferrerType { Workspace, Training, Distributed, Inference, Template, Environment, Datasource };

struct Referrer {
    std::string id;
    std::string name;
    ReferrerType type = ReferrerType::Workspace;
    std::string datasource_kind;        // "s3", "git", ... (data sources only)
    std::optional<std::string> status;  // workload phase ("Running"), workloads only
    ScopeRef scope;                     // workloads: always a project
    std::string spec_json = "{}";       // the asset's own spec, opaque to the store
    std::string created_by;
    std::string created_at;
    std::vector<CredentialId> credential_ids;
    std::optional<std::string> description;  // data sources and environments (store_referrers.cpp)
};

class Store {
public:
    static constexpr int kSchemaVersion = 8;

    // Opens (creating if needed) and migrates the database at `path`.
    static Result<std::unique_ptr<Store>> open(const std::filesystem::path& path);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    int schema_version();
    // Runs `body` in one IMMEDIATE transaction; rolls back when it returns an error. Reads made by
    // `body` see its own changes.
    VoidResult transaction(const std::function<VoidResult()>& body);

    // Changes whenever a write is committed (any table, the cluster agents' included), and differs
    // between two runs of the server: equal versions mean equal data. Read it before reading the
    // data it describes: it moves on only once a commit is visible to readers.
    std::string data_version() const;

    // server_meta key/value pairs ("seeded_at", ...).
    Result<std::optional<std::string>> meta_value(const std::string& key);
    VoidResult set_meta_value(const std::string& key, const std::string& value);

    // ---- org ----
    VoidResult insert_account(const AccountRecord& a);
    Result<std::optional<AccountRecord>> account();
    VoidResult insert_cluster(const Cluster& c);
    VoidResult insert_department(const Department& d);
    VoidResult insert_project(const Project& p);  // parent_name is derived, not stored
    // Account name, clusters (by name), departments and projects (by numeric id).
    Result<OrgData> org_data();

    // ---- users ----
    VoidResult insert_user(const UserRecord& u);
    Result<std::optional<UserRecord>> find_user(const std::string& email);  // case-insensitive

    // ---- credentials ----
    // Stores the read model (its spec must hold no secret values: only existingSecretName, url,
    // generic-secret key names) plus the sealed secret values. A name taken in the same scope
    // node is a 409.
    VoidResult insert_credential(const Credential& c, const std::optional<Bytes>& secret_blob);
    // Every credential `keep` accepts (all without one), ordered by creation time; `status` and
    // `k8s_names` always filled, `used_by` only when asked. `keep` sees the meta only, before the
    // rest of the row is decoded: skipping a row a caller may not see costs little.
    // `nodes`, when given, narrows what is read (through an index) before `keep` sees a row: only
    // the public credentials owned at those nodes and the private ones of `private_owner`.
    using CredentialFilter = std::function<bool(const AssetMeta&)>;
    struct ScopeNodes {
        bool system = false;
        bool tenant = false;  // every tenant-scope credential (one tenant per server)
        std::vector<std::string> clusters;
        std::vector<std::string> departments;
        std::vector<std::int64_t> projects;
        std::string private_owner;
    };
    Result<std::vector<Credential>> list_credentials(bool with_usage, const CredentialFilter& keep = {},
                                                     const ScopeNodes* nodes = nullptr);
    Result<std::optional<Credential>> find_credential(const CredentialId& id, bool with_usage);
    // The ids of the personal credentials owned by anyone but `viewer` (few: an index holds them).
    Result<std::set<std::string>> others_private_credential_ids(const std::string& viewer);
    Result<std::optional<Bytes>> credential_secret_blob(const CredentialId& id);
    // The last registry login check of a credential (store_login_checks.cpp); putting one keeps
    // failing_since from the earlier check while the outcome stays a failure.
    VoidResult put_login_check(const CredentialId& id, const LoginCheckRecord& check);
    Result<std::optional<LoginCheckRecord>> login_check(const CredentialId& id);
    // The kept checks that failed, by credential id (few: a list reads them all at once).
    Result<std::vector<std::pair<std::string, LoginCheckRecord>>> failing_login_checks();
    // Lifecycle (store_credentials.cpp). Each is a 404 when the credential does not exist.
    // Status, issues, message and url as the agents report them.
    VoidResult set_credential_status(const CredentialId& id, const AssetStatus& status);
    // Starts the asynchronous delete: status Deleting, deletedAt/By, updateCount + 1. A credential
    // already Deleting is left as it is (its first deletedAt/By stay).
    VoidResult mark_deleting(const CredentialId& id, const std::string& by, const std::string& at);
    // Removes the row for good, once the clusters confirmed; 412 while an asset still uses it.
    VoidResult purge_credential(const CredentialId& id);
    // PUT: a new name (409 when taken in the scope node) and/or description (nullopt inside:
    // cleared); updateCount + 1, updatedBy/At, status Updating. The Kubernetes name stays.
    struct MetaUpdate {
        std::optional<std::string> name;
        std::optional<std::optional<std::string>> description;
        std::string by;
        std::string at;
    };
    VoidResult update_credential_meta(const CredentialId& id, const MetaUpdate& update);
    // Credentials whose status is one of `states`, ordered by creation time.
    Result<std::vector<Credential>> credentials_in_states(const std::vector<SyncStatus>& states);

    // ---- assets referencing credentials ----
    VoidResult insert_referrer(const Referrer& r);
    // Data sources and environments of the asset API (store_referrers.cpp). `kind` selects data
    // sources ("git", "s3"); insert_asset is a 409 when the name is taken in the scope node;
    // delete_asset removes the asset with its credential links (false when there was none).
    VoidResult insert_asset(const Referrer& r);
    Result<std::vector<Referrer>> list_assets(ReferrerType type, const std::string& kind);
    Result<std::optional<Referrer>> find_asset(ReferrerType type, const std::string& kind, const std::string& id);
    Result<bool> delete_asset(ReferrerType type, const std::string& kind, const std::string& id);

    // ---- application clients (store_clients.cpp) ----
    // A client is a users row (client id, argon2id secret hash, roles) marked as an application.
    VoidResult insert_application_client(const UserRecord& client);
    Result<bool> is_application_client(const std::string& client_id);

    // ---- audit trail (store_audit.cpp) ----
    // Appends an event (its id is chosen here, `e.id` is ignored) and returns the id. Inside a
    // transaction() it commits or rolls back with the change it records.
    Result<std::int64_t> insert_audit_event(const AuditEvent& e);
    // Filters are exact (actor case-insensitively); `credential_id` selects the events whose
    // target is that credential. Newest first, `limit` rows from `offset`.
    struct AuditQuery {
        std::optional<std::string> credential_id;
        std::optional<std::string> actor;
        std::optional<std::string> action;
        // Who reads: events about someone else's personal credential are left out.
        std::string viewer;
        std::int64_t limit = 100;
        std::int64_t offset = 0;
    };
    Result<std::vector<AuditEvent>> audit_events(const AuditQuery& q);

private:
    friend class ClusterStore;  // the simulated Kubernetes objects and agent bookkeeping (cluster_store.h)

    // Holds the writer connection; on release, publishes the commits made under it (data_version).
    class WriteLock {
    public:
        explicit WriteLock(Store& store) : store_(store) { store_.mutex_.lock(); }
        ~WriteLock();
        WriteLock(const WriteLock&) = delete;
        WriteLock& operator=(const WriteLock&) = delete;

    private:
        Store& store_;
    };
    // The connection a read runs on: inside this thread's transaction the writer (the transaction
    // sees its own changes), otherwise an idle read-only connection, in a read transaction so that
    // several statements see one committed state.
    class Reader {
    public:
        explicit Reader(Store& store);
        ~Reader();
        Reader(const Reader&) = delete;
        Reader& operator=(const Reader&) = delete;
        sqlite3* db() const { return db_; }

    private:
        Store& store_;
        sqlite3* db_ = nullptr;
        bool pooled_ = false;
    };

    Store(sqlite3* db, std::filesystem::path path);
    VoidResult migrate();
    VoidResult exec(const char* sql);
    // `where`: an SQL condition on the credentials table `c`, its ? bound to `params` in order.
    using SqlParam = std::variant<std::string, std::int64_t>;
    Result<std::vector<Credential>> select_credentials(const std::string& where, const std::vector<SqlParam>& params,
                                                       bool with_usage, const CredentialFilter& keep = {});

    sqlite3* db_;  // the writer
    std::filesystem::path path_;
    std::recursive_mutex mutex_;
    int tx_depth_ = 0;        // guarded by mutex_
    bool committed_ = false;  // guarded by mutex_: a commit since the last publication
    std::atomic<std::uint64_t> revision_{0};
    std::string instance_;  // random per open(): versions of two runs never compare equal
    std::mutex readers_mutex_;
    std::vector<sqlite3*> idle_readers_;  // guarded by readers_mutex_
};

}  // namespace cc::server
