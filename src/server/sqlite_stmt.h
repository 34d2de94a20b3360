// A thin RAII wrapper over sqlite3_stmt for the Store's implementation files (not a public
// API): positional binding in call order, typed column reads, and storage errors as ApiError.
#pragma once

#include <sqlite3.h>

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/store.h"

namespace cc::server::sql {

inline ApiError db_error(sqlite3* db, const std::string& what) {
    return ApiError{500, "Storage error", what + ": " + sqlite3_errmsg(db), {}};
}

// Prepared statements a Stmt is done with, kept per connection and SQL text for the next Stmt:
// preparing costs more than running most of the store's statements. A connection is closed with
// close_connection(), which finalizes its statements first.
class StatementCache {
public:
    static StatementCache& instance() {
        static StatementCache cache;
        return cache;
    }
    sqlite3_stmt* take(sqlite3* db, std::string_view sql) {
        std::lock_guard lock(mutex_);
        auto conn = idle_.find(db);
        if (conn == idle_.end()) return nullptr;
        auto it = conn->second.find(sql);
        if (it == conn->second.end() || it->second.empty()) return nullptr;
        sqlite3_stmt* s = it->second.back();
        it->second.pop_back();
        return s;
    }
    void give(sqlite3* db, std::string_view sql, sqlite3_stmt* s) {
        std::lock_guard lock(mutex_);
        auto& conn = idle_[db];
        auto it = conn.find(sql);
        if (it == conn.end()) it = conn.emplace(std::string(sql), std::vector<sqlite3_stmt*>{}).first;
        it->second.push_back(s);
    }
    void close_connection(sqlite3* db) {
        std::unordered_map<std::string, std::vector<sqlite3_stmt*>, Hash, std::equal_to<>> statements;
        {
            std::lock_guard lock(mutex_);
            if (auto conn = idle_.find(db); conn != idle_.end()) {
                statements = std::move(conn->second);
                idle_.erase(conn);
            }
        }
        for (auto& [sql, list] : statements)
            for (sqlite3_stmt* s : list) sqlite3_finalize(s);
        sqlite3_close_v2(db);
    }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::mutex mutex_;
    std::unordered_map<sqlite3*, std::unordered_map<std::string, std::vector<sqlite3_stmt*>, Hash, std::equal_to<>>>
        idle_;
};

inline void close_connection(sqlite3* db) {
    StatementCache::instance().close_connection(db);
}

// A prepared statement with positional binding in call order; reused from the StatementCache.
class Stmt {
public:
    Stmt(sqlite3* db, const char* sql) : db_(db), sql_(sql) {
        stmt_ = StatementCache::instance().take(db, sql_);
        if (!stmt_) rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
    }
    ~Stmt() {
        if (rc_ != SQLITE_OK || !stmt_) {
            sqlite3_finalize(stmt_);
            return;
        }
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
        StatementCache::instance().give(db_, sql_, stmt_);
    }
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
    std::string sql_;
    sqlite3_stmt* stmt_ = nullptr;
    int rc_ = SQLITE_OK;
    int index_ = 0;
};

}  // namespace cc::server::sql
