// The cluster agents' bookkeeping on the credentials table: which transient operations are
// pending for a cluster, per-cluster progress (tenant scope spans clusters), conditional status
// reports (a report never overwrites a newer user action), the purge after a delete, and the
// "Failed to access the cluster" reports of an unreachable cluster.
#include "server/cluster_store.h"
#include "server/sqlite_stmt.h"
#include "server/stored_issues.h"

namespace cc::server {
namespace {

using sql::db_error;
using sql::Stmt;

Result<std::vector<AgentWork>> read_work(sqlite3* db, Stmt& s, const char* what) {
    std::vector<AgentWork> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        auto status = status_from_api_name(s.col_text(1));
        if (!status) continue;
        out.push_back({CredentialId{s.col_text(0)}, *status, s.col_int(2)});
    }
    if (rc != SQLITE_DONE) return db_error(db, what);
    return out;
}

}  // namespace

std::string AgentWork::operation() const {
    return std::string(status_api_name(status)) + "#" + std::to_string(update_count);
}

Result<std::vector<AgentWork>> ClusterStore::pending_work(const ClusterId& cluster) {
    Store::Reader r(store_);
    Stmt s(r.db(),
           "SELECT c.id, c.status, c.update_count FROM credentials c "
           "WHERE c.status IN ('Creating', 'Updating', 'Deleting') AND (c.cluster_id = ?1 OR c.scope = 'tenant') "
           "AND NOT EXISTS (SELECT 1 FROM agent_holds h WHERE h.credential_id = c.id AND h.status = c.status "
           "                AND h.update_count = c.update_count) "
           "AND NOT EXISTS (SELECT 1 FROM agent_progress p WHERE p.credential_id = c.id AND p.cluster_id = ?1 "
           "                AND p.operation = c.status || '#' || c.update_count) "
           "ORDER BY c.updated_at, c.id");
    s.text(cluster.value);
    return read_work(r.db(), s, "read pending credentials");
}

Result<std::vector<AgentWork>> ClusterStore::unreachable_reports(const ClusterId& cluster) {
    Store::Reader r(store_);
    Stmt s(r.db(),
           "SELECT id, status, update_count FROM credentials WHERE cluster_id = ? "
           "AND scope IN ('cluster', 'department', 'project') AND status = 'Issues found' AND status_message = ? "
           "ORDER BY id");
    s.text(cluster.value).text(kFailedToAccessCluster);
    return read_work(r.db(), s, "read unreachable reports");
}

VoidResult ClusterStore::report_unreachable(const ClusterId& cluster) {
    Store::WriteLock lock(store_);
    Stmt s(store_.db_,
           "UPDATE credentials SET status = 'Issues found', status_issues = '[]', status_message = ?1 "
           "WHERE cluster_id = ?2 AND scope IN ('cluster', 'department', 'project') "
           "AND status IN ('No issues found', 'Issues found') AND status_message <> ?1");
    return s.text(kFailedToAccessCluster).text(cluster.value).run("report unreachable cluster");
}

VoidResult ClusterStore::record_progress(const AgentWork& work, const ClusterId& cluster,
                                         const std::vector<StatusIssue>& issues) {
    Store::WriteLock lock(store_);
    Stmt s(store_.db_,
           "INSERT INTO agent_progress (credential_id, cluster_id, operation, issues) VALUES (?, ?, ?, ?) "
           "ON CONFLICT (credential_id, cluster_id) DO UPDATE SET operation = excluded.operation, issues = "
           "excluded.issues");
    return s.text(work.id.value)
        .text(cluster.value)
        .text(work.operation())
        .text(encode_stored_issues(issues))
        .run("record agent progress");
}

Result<std::map<std::string, std::vector<StatusIssue>>> ClusterStore::progress(const AgentWork& work) {
    Store::WriteLock lock(store_);
    Stmt s(store_.db_, "SELECT cluster_id, issues FROM agent_progress WHERE credential_id = ? AND operation = ?");
    s.text(work.id.value).text(work.operation());
    std::map<std::string, std::vector<StatusIssue>> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) out[s.col_text(0)] = decode_stored_issues(s.col_text(1));
    if (rc != SQLITE_DONE) return db_error(store_.db_, "read agent progress");
    return out;
}

Result<bool> ClusterStore::report_status(const AgentWork& work, const AssetStatus& status,
                                         const std::optional<std::string>& k8s_name) {
    Store::WriteLock lock(store_);
    Stmt s(store_.db_,
           "UPDATE credentials SET status = ?, status_issues = ?, status_message = ?, status_url = ?, "
           "k8s_name = coalesce(?, k8s_name) WHERE id = ? AND status = ? AND update_count = ?");
    s.text(status_api_name(status.status))
        .text(encode_stored_issues(status.issues))
        .text(status.message)
        .text(status.url)
        .text(k8s_name)
        .text(work.id.value)
        .text(status_api_name(work.status))
        .integer(work.update_count);
    if (auto r = s.run("report credential status"); !r) return r.error();
    return sqlite3_changes(store_.db_) > 0;
}

VoidResult ClusterStore::set_k8s_name(const CredentialId& id, const std::string& k8s_name) {
    Store::WriteLock lock(store_);
    Stmt s(store_.db_, "UPDATE credentials SET k8s_name = ? WHERE id = ?");
    return s.text(k8s_name).text(id.value).run("name credential object");
}

Result<bool> ClusterStore::purge(const AgentWork& work) {
    bool purged = false;
    auto r = store_.transaction([&]() -> VoidResult {
        Stmt s(store_.db_, "DELETE FROM credentials WHERE id = ? AND status = 'Deleting' AND update_count = ?");
        if (auto d = s.text(work.id.value).integer(work.update_count).run("purge credential"); !d) return d;
        purged = sqlite3_changes(store_.db_) > 0;
        if (!purged) return ok();
        for (const char* q : {"DELETE FROM agent_progress WHERE credential_id = ?",
                              "DELETE FROM agent_holds WHERE credential_id = ?"}) {
            Stmt c(store_.db_, q);
            if (auto d = c.text(work.id.value).run("purge agent bookkeeping"); !d) return d;
        }
        return ok();
    });
    if (!r) return r.error();
    return purged;
}

VoidResult ClusterStore::clear_progress(const CredentialId& id) {
    Store::WriteLock lock(store_);
    Stmt s(store_.db_, "DELETE FROM agent_progress WHERE credential_id = ?");
    return s.text(id.value).run("clear agent progress");
}

VoidResult ClusterStore::hold(const CredentialId& id, SyncStatus status, std::int64_t update_count) {
    Store::WriteLock lock(store_);
    Stmt s(store_.db_, "INSERT OR REPLACE INTO agent_holds (credential_id, status, update_count) VALUES (?, ?, ?)");
    return s.text(id.value).text(status_api_name(status)).integer(update_count).run("hold credential");
}

}  // namespace cc::server
