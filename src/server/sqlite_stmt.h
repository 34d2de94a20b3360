// A thin RAII wrapper over sqlite3_stmt for the Store's implementation files (not a public
// API): positional binding in call order, typed column reads, and storage errors as ApiError.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>

#include "server/store.h"

namespace cc::server::sql {

inline ApiError db_error(sqlite3* db, const std::string& what) {
    return ApiError{500, "Storage error", what + ": " + sqlite3_errmsg(db), {}};
}

// A prepared statement with positional binding in call order.
class Stmt {
public:
    Stmt(sqlite3* db, const char* sql) : db_(db) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
    ~Stmt() { sqlite3_finalize(stmt_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    bool prepared() const { return rc_ == SQLITE_OK; }

    Stmt& text(std::string_view v) {
        sqlite3_bind_text(stmt_, ++index_, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Stmt& text(const std::string& v) { return text(std::string_view(v)); }
    Stmt& text(const char* v) { return text(std::string_view(v)); }
    Stmt& text(const std::optional<std::string>& v) { return v ? text(std::string_view(*v)) : null(); }
    Stmt& integer(std::int64_t v) {
        sqlite3_bind_int64(stmt_, ++index_, v);
        return *this;
    }
    Stmt& integer(const std::optional<std::int64_t>& v) { return v ? integer(*v) : null(); }
    Stmt& blob(const std::optional<Bytes>& v) {
        if (!v) return null();
        sqlite3_bind_blob(stmt_, ++index_, v->data(), static_cast<int>(v->size()), SQLITE_TRANSIENT);
        return *this;
    }
    Stmt& null() {
        sqlite3_bind_null(stmt_, ++index_);
        return *this;
    }

    // SQLITE_ROW, SQLITE_DONE or an error code.
    int step() { return rc_ == SQLITE_OK ? sqlite3_step(stmt_) : rc_; }
    // Steps a statement that returns no rows.
    VoidResult run(const std::string& what) {
        const int rc = step();
        if (rc == SQLITE_DONE) return ok();
        return db_error(db_, what);
    }

    bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
    std::string col_text(int col) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
    }
    std::optional<std::string> col_opt_text(int col) const {
        if (is_null(col)) return std::nullopt;
        return col_text(col);
    }
    std::int64_t col_int(int col) const { return sqlite3_column_int64(stmt_, col); }
    std::optional<std::int64_t> col_opt_int(int col) const {
        if (is_null(col)) return std::nullopt;
        return col_int(col);
    }
    Bytes col_blob(int col) const {
        const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, col));
        return p ? Bytes(p, p + sqlite3_column_bytes(stmt_, col)) : Bytes();
    }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    int rc_ = SQLITE_OK;
    int index_ = 0;
};

}  // namespace cc::server::sql
