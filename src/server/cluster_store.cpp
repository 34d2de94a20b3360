// The SQLite tables of the simulated clusters: namespaces, Secret objects and cluster
// reachability. Secret data never touches the database in clear: it is sealed per object, bound
// to its cluster, namespace and name. The agents' bookkeeping is in cluster_store_agent.cpp.
#include "server/cluster_store.h"

#include "server/sqlite_stmt.h"
#include "server/time_util.h"

namespace cc::server {
namespace {

using sql::db_error;
using sql::Stmt;

std::string seal_context(const ClusterId& cluster, const std::string& ns, const std::string& name) {
    return "k8s-secret/" + cluster.value + "/" + ns + "/" + name;
}

ApiError bad(std::string field, std::string message) {
    return ApiError{400, std::move(message), {}, std::move(field)};
}

std::string kubernetes_timestamp(std::int64_t unix_ms) {
    std::string t = format_rfc3339(unix_ms);  // "2026-11-26T09:00:00.000Z"
    const auto dot = t.find('.');
    return dot == std::string::npos ? t : t.substr(0, dot) + "Z";
}

}  // namespace

// ---- namespaces -----------------------------------------------------------------------------

Result<std::vector<std::string>> ClusterStore::namespaces(const ClusterId& cluster) {
    Store::WriteLock lock(store_);
    Stmt s(store_.db_, "SELECT name FROM k8s_namespaces WHERE cluster_id = ? ORDER BY name");
    s.text(cluster.value);
    std::vector<std::string> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) out.push_back(s.col_text(0));
    if (rc != SQLITE_DONE) return db_error(store_.db_, "read namespaces");
    return out;
}

Result<bool> ClusterStore::has_namespace(const ClusterId& cluster, const std::string& name) {
    Store::WriteLock lock(store_);
    Stmt s(store_.db_, "SELECT 1 FROM k8s_namespaces WHERE cluster_id = ? AND name = ?");
    s.text(cluster.value).text(name);
    const int rc = s.step();
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return db_error(store_.db_, "read namespace");
}

VoidResult ClusterStore::add_namespace(const ClusterId& cluster, const std::string& name) {
    if (!is_dns1123_label(name)) return bad("namespace", "A namespace name must be a DNS-1123 label: " + name);
    Store::WriteLock lock(store_);
    Stmt s(store_.db_,
           "INSERT INTO k8s_namespaces (cluster_id, name, created_at) VALUES (?, ?, ?) "
           "ON CONFLICT DO NOTHING");
    return s.text(cluster.value).text(name).text(kubernetes_timestamp(unix_now_ms())).run("insert namespace");
}

// ---- Secrets --------------------------------------------------------------------------------

namespace {

// Secrets of a cluster, of one namespace when `ns` is set, and only the one named `name` when it
// is set (a primary-key lookup, not a scan of the namespace).
Result<std::vector<K8sSecret>> read_secrets(sqlite3* db, const SecretBox* box, const ClusterId& cluster,
                                            const std::string& ns, const std::string* name, bool with_data) {
    std::string q =
        "SELECT namespace, name, object, data_blob, owner_credential_id FROM k8s_secrets WHERE cluster_id = ?";
    if (!ns.empty()) q += " AND namespace = ?";
    if (name) q += " AND name = ?";
    q += " ORDER BY namespace, name";
    Stmt s(db, q.c_str());
    s.text(cluster.value);
    if (!ns.empty()) s.text(ns);
    if (name) s.text(*name);
    std::vector<K8sSecret> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        const auto object = parse_json(s.col_text(2));
        if (!object) return ApiError{500, "Storage error", "unreadable Secret object " + s.col_text(1), {}};
        K8sSecret secret = secret_from_stored_json(*object);
        secret.namespace_name = s.col_text(0);
        secret.name = s.col_text(1);
        if (auto owner = s.col_opt_text(4)) secret.owner = CredentialId{*owner};
        if (with_data && !s.is_null(3)) {
            auto plain = box->open(s.col_blob(3), seal_context(cluster, secret.namespace_name, secret.name));
            if (!plain) return ApiError{500, "Stored Secret data could not be decrypted", secret.name, {}};
            const auto data = parse_json(*plain);
            wipe(*plain);
            if (!data || !data->is_object()) return ApiError{500, "Stored Secret data is corrupt", secret.name, {}};
            for (const auto& [k, v] : data->items())
                if (auto raw = base64_decode(v.get<std::string>())) secret.data[k] = std::move(*raw);
        }
        out.push_back(std::move(secret));
    }
    if (rc != SQLITE_DONE) return db_error(db, "read secrets");
    return out;
}

}  // namespace

Result<std::vector<K8sSecret>> ClusterStore::secrets(const ClusterId& cluster, const std::string& ns, bool with_data) {
    if (with_data && !box_) return ApiError{500, "Secret data requested without a key", {}, {}};
    Store::WriteLock lock(store_);
    return read_secrets(store_.db_, box_, cluster, ns, nullptr, with_data);
}

Result<std::optional<K8sSecret>> ClusterStore::secret(const ClusterId& cluster, const std::string& ns,
                                                      const std::string& name, bool with_data) {
    if (with_data && !box_) return ApiError{500, "Secret data requested without a key", {}, {}};
    Store::WriteLock lock(store_);
    auto found = read_secrets(store_.db_, box_, cluster, ns, &name, with_data);
    if (!found) return found.error();
    if (found->empty()) return std::optional<K8sSecret>{};
    return std::optional<K8sSecret>{std::move(found->front())};
}

Result<K8sSecret> ClusterStore::create_secret(const ClusterId& cluster, K8sSecret s) {
    if (!box_) return ApiError{500, "Secret data written without a key", {}, {}};
    std::optional<K8sSecret> created;
    auto r = store_.transaction([&]() -> VoidResult {
        auto has = has_namespace(cluster, s.namespace_name);
        if (!has) return has.error();
        if (!*has) return bad("metadata.namespace", "namespaces \"" + s.namespace_name + "\" not found");
        auto existing = secret(cluster, s.namespace_name, s.name, false);
        if (!existing) return existing.error();
        if (*existing)
            return ApiError{409, "Resource with this name already exists",
                            "secrets \"" + s.name + "\" already exists in namespace " + s.namespace_name,
                            "metadata.name"};
        if (auto put = put_owned_secret(cluster, s); !put) return put;
        auto stored = secret(cluster, s.namespace_name, s.name, false);
        if (!stored) return stored.error();
        created = std::move(*stored);
        return ok();
    });
    if (!r) return r.error();
    if (!created) return ApiError{500, "Storage error", "the new Secret was not found", {}};
    return std::move(*created);
}

VoidResult ClusterStore::put_owned_secret(const ClusterId& cluster, K8sSecret s) {
    if (!box_) return ApiError{500, "Secret data written without a key", {}, {}};
    Store::WriteLock lock(store_);
    {
        Stmt q(store_.db_,
               "SELECT object, owner_credential_id FROM k8s_secrets WHERE cluster_id = ? AND namespace = ? "
               "AND name = ?");
        q.text(cluster.value).text(s.namespace_name).text(s.name);
        const int rc = q.step();
        if (rc == SQLITE_ROW) {
            const auto owner = q.col_opt_text(1);
            if (!owner || !s.owner || *owner != s.owner->value)
                return ApiError{
                    409,
                    "Resource with this name already exists",
                    "secrets \"" + s.name + "\" in namespace " + s.namespace_name + " belongs to someone else",
                    {}};
            if (auto old = parse_json(q.col_text(0))) {
                const K8sSecret before = secret_from_stored_json(*old);
                s.uid = before.uid;
                s.creation_timestamp = before.creation_timestamp;
            }
        } else if (rc != SQLITE_DONE) {
            return db_error(store_.db_, "read secret");
        }
    }
    if (s.uid.empty()) s.uid = random_uuid();
    if (s.creation_timestamp.empty()) s.creation_timestamp = kubernetes_timestamp(unix_now_ms());
    Json data = Json::object();
    for (const auto& [k, v] : s.data) data[k] = base64_encode(v);
    std::string plain = data.dump();
    const Bytes blob = box_->seal(plain, seal_context(cluster, s.namespace_name, s.name));
    wipe(plain);
    Stmt w(store_.db_,
           "INSERT INTO k8s_secrets (cluster_id, namespace, name, object, data_blob, owner_credential_id, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (cluster_id, namespace, name) DO UPDATE SET "
           "object = excluded.object, data_blob = excluded.data_blob");
    return w.text(cluster.value)
        .text(s.namespace_name)
        .text(s.name)
        .text(secret_to_json(s, false).dump())
        .blob(blob)
        .text(s.owner ? std::optional<std::string>(s.owner->value) : std::nullopt)
        .text(s.creation_timestamp)
        .run("write secret");
}

VoidResult ClusterStore::delete_owned_secrets(const ClusterId& cluster, const CredentialId& owner,
                                              const std::string& ns) {
    Store::WriteLock lock(store_);
    std::string q = "DELETE FROM k8s_secrets WHERE cluster_id = ? AND owner_credential_id = ?";
    if (!ns.empty()) q += " AND namespace = ?";
    Stmt s(store_.db_, q.c_str());
    s.text(cluster.value).text(owner.value);
    if (!ns.empty()) s.text(ns);
    return s.run("delete secrets");
}

Result<std::vector<ClusterStore::ExistingSecretUser>> ClusterStore::existing_secret_users(const ClusterId& cluster) {
    Store::WriteLock lock(store_);
    Stmt s(store_.db_,
           "SELECT id, name, existing_secret_name, scope, department_id, project_id FROM credentials "
           "WHERE cluster_id = ? AND existing_secret_name IS NOT NULL ORDER BY id");
    s.text(cluster.value);
    std::vector<ExistingSecretUser> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        ExistingSecretUser u{CredentialId{s.col_text(0)}, s.col_text(1), s.col_text(2), {}};
        u.scope.type = scope_from_api_name(s.col_text(3)).value_or(ScopeType::Tenant);
        u.scope.cluster_id = cluster;
        if (auto d = s.col_opt_text(4)) u.scope.department_id = DepartmentId{*d};
        if (auto p = s.col_opt_int(5)) u.scope.project_id = ProjectId{*p};
        out.push_back(std::move(u));
    }
    if (rc != SQLITE_DONE) return db_error(store_.db_, "read existing-secret credentials");
    return out;
}

// ---- clusters -------------------------------------------------------------------------------

Result<std::optional<bool>> ClusterStore::reachable(const ClusterId& cluster) {
    Store::Reader r(store_);
    Stmt s(r.db(), "SELECT state FROM clusters WHERE uuid = ? AND deleted_at IS NULL");
    s.text(cluster.value);
    const int rc = s.step();
    if (rc == SQLITE_ROW) return std::optional<bool>{s.col_text(0) != "Disconnected"};
    if (rc == SQLITE_DONE) return std::optional<bool>{};
    return db_error(r.db(), "read cluster state");
}

VoidResult ClusterStore::set_reachable(const ClusterId& cluster, bool reachable) {
    Store::WriteLock lock(store_);
    Stmt s(store_.db_, "UPDATE clusters SET state = ?, updated_at = ? WHERE uuid = ?");
    return s.text(reachable ? "Connected" : "Disconnected")
        .text(format_rfc3339(unix_now_ms()))
        .text(cluster.value)
        .run("write cluster state");
}

}  // namespace cc::server
