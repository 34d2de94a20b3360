// The Store's application clients, for the client_credentials grant (routes_token.cpp): a
// client is a users row (client id, argon2id hash of its secret, role assignments) plus a row in
// application_clients, so users and applications cannot sign in through each other's grant.
#include "server/sqlite_stmt.h"
#include "server/store.h"

namespace cc::server {

using sql::db_error;
using sql::Stmt;

VoidResult Store::insert_application_client(const UserRecord& client) {
    return transaction([&]() -> VoidResult {
        if (auto r = insert_user(client); !r) return r;
        Stmt s(db_, "INSERT INTO application_clients (client_id, created_at) VALUES (?, ?)");
        return s.text(client.email).text(client.created_at).run("insert application client");
    });
}

Result<bool> Store::is_application_client(const std::string& client_id) {
    Reader r(*this);
    sqlite3* db = r.db();
    Stmt s(db, "SELECT 1 FROM application_clients WHERE client_id = ?");
    s.text(client_id);
    const int rc = s.step();
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return db_error(db, "read application client");
}

}  // namespace cc::server
