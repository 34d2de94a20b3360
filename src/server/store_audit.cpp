// The Store's audit trail: append-only rows in audit_events, read newest first with exact
// filters. Ids come from AUTOINCREMENT, so they never go back and "newest first" is "highest
// id first" even when two events share a millisecond.
#include "server/sqlite_stmt.h"
#include "server/store.h"

namespace cc::server {

using sql::db_error;
using sql::Stmt;

Result<std::int64_t> Store::insert_audit_event(const AuditEvent& e) {
    WriteLock lock(*this);
    Stmt s(db_,
           "INSERT INTO audit_events (at, actor, action, outcome, status, target_kind, target_id, target_name, "
           "scope_path, client_address, detail, private_owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
           "coalesce(nullif(?, ''), (SELECT created_by FROM credentials WHERE id = ? AND private <> 0 AND "
           "? = 'credential'), ''))");
    auto r = s.text(e.time)
                 .text(e.actor)
                 .text(e.action)
                 .text(audit_outcome_name(e.outcome))
                 .integer(e.status)
                 .text(e.target.kind)
                 .text(e.target.id)
                 .text(e.target.name)
                 .text(e.scope_path)
                 .text(e.client_address)
                 .text(e.detail)
                 .text(e.target.private_owner)
                 .text(e.target.id)
                 .text(e.target.kind)
                 .run("insert audit event");
    if (!r) return r.error();
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_));
}

Result<std::vector<AuditEvent>> Store::audit_events(const AuditQuery& q) {
    WriteLock lock(*this);
    // Only the filters given go into the statement, so SQLite can use the target and actor
    // indexes; values are always bound, never spliced in.
    std::string sql =
        "SELECT id, at, actor, action, outcome, status, target_kind, target_id, target_name, scope_path, "
        "client_address, detail FROM audit_events WHERE 1";
    if (q.credential_id) sql += " AND target_kind = 'credential' AND target_id = ?";
    if (q.actor) sql += " AND actor = ? COLLATE NOCASE";
    if (q.action) sql += " AND action = ?";
    sql += " AND (private_owner = '' OR private_owner = ?)";
    sql += " ORDER BY id DESC LIMIT ? OFFSET ?";
    Stmt s(db_, sql.c_str());
    if (q.credential_id) s.text(*q.credential_id);
    if (q.actor) s.text(*q.actor);
    if (q.action) s.text(*q.action);
    s.text(q.viewer);
    s.integer(q.limit).integer(q.offset);
    std::vector<AuditEvent> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        AuditEvent e;
        e.id = s.col_int(0);
        e.time = s.col_text(1);
        e.actor = s.col_text(2);
        e.action = s.col_text(3);
        e.outcome = s.col_text(4) == "done" ? AuditOutcome::Done : AuditOutcome::Refused;
        e.status = static_cast<int>(s.col_int(5));
        e.target = AuditTarget{s.col_text(6), s.col_text(7), s.col_text(8)};
        e.scope_path = s.col_text(9);
        e.client_address = s.col_text(10);
        e.detail = s.col_text(11);
        out.push_back(std::move(e));
    }
    if (rc != SQLITE_DONE) return db_error(db_, "read audit events");
    return out;
}

}  // namespace cc::server
