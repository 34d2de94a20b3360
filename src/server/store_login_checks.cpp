// The Store's registry login checks: the last answer of each docker-registry or NGC credential's
// registry, kept so the page can say "Login checked 2 min ago" after a restart too.
#include "server/sqlite_stmt.h"
#include "server/store.h"

namespace cc::server {

using sql::db_error;
using sql::Stmt;

VoidResult Store::put_login_check(const CredentialId& id, const LoginCheckRecord& check) {
    return transaction([&]() -> VoidResult {
        // A failure keeps the time the failures began; a success clears it.
        std::optional<std::string> failing_since;
        if (check.outcome != "ok") {
            Stmt prev(db_, "SELECT outcome, failing_since FROM registry_login_checks WHERE credential_id = ?");
            prev.text(id.value);
            const int rc = prev.step();
            if (rc == SQLITE_ROW && prev.col_text(0) != "ok" && !prev.is_null(1))
                failing_since = prev.col_text(1);
            else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                return db_error(db_, "read login check");
            if (!failing_since) failing_since = check.checked_at;
        }
        Stmt s(db_,
               "INSERT INTO registry_login_checks (credential_id, outcome, message, checked_at, duration_ms, "
               "failing_since) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (credential_id) DO UPDATE SET "
               "outcome = excluded.outcome, message = excluded.message, checked_at = excluded.checked_at, "
               "duration_ms = excluded.duration_ms, failing_since = excluded.failing_since");
        return s.text(id.value)
            .text(check.outcome)
            .text(check.message)
            .text(check.checked_at)
            .integer(check.duration_ms)
            .text(failing_since)
            .run("store login check");
    });
}

Result<std::optional<LoginCheckRecord>> Store::login_check(const CredentialId& id) {
    Reader r(*this);
    sqlite3* db = r.db();
    Stmt s(db,
           "SELECT outcome, message, checked_at, duration_ms, failing_since FROM registry_login_checks "
           "WHERE credential_id = ?");
    s.text(id.value);
    const int rc = s.step();
    if (rc == SQLITE_DONE) return std::optional<LoginCheckRecord>{};
    if (rc != SQLITE_ROW) return db_error(db, "read login check");
    return std::optional<LoginCheckRecord>{
        LoginCheckRecord{s.col_text(0), s.col_text(1), s.col_text(2), s.col_int(3), s.col_opt_text(4)}};
}

Result<std::vector<std::pair<std::string, LoginCheckRecord>>> Store::failing_login_checks() {
    Reader r(*this);
    sqlite3* db = r.db();
    Stmt s(db,
           "SELECT credential_id, outcome, message, checked_at, duration_ms, failing_since FROM "
           "registry_login_checks WHERE outcome <> 'ok'");
    std::vector<std::pair<std::string, LoginCheckRecord>> out;
    for (int rc = s.step(); rc != SQLITE_DONE; rc = s.step()) {
        if (rc != SQLITE_ROW) return db_error(db, "read login checks");
        out.emplace_back(s.col_text(0), LoginCheckRecord{s.col_text(1), s.col_text(2), s.col_text(3), s.col_int(4),
                                                         s.col_opt_text(5)});
    }
    return out;
}

}  // namespace cc::server
