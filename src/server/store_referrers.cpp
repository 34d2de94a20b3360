// The Store's data sources and environments as assets of their own (routes_assets.cpp): insert
// with a name check per scope node, list, find and delete. Their links to credentials live in
// credential_references, which `usedBy` and the credential delete guard read.
#include <unordered_map>

#include "server/sqlite_stmt.h"
#include "server/store.h"

namespace cc::server {
namespace {

using sql::db_error;
using sql::Stmt;

struct AssetTable {
    const char* table;          // "datasources" | "environments"
    const char* referrer_type;  // credential_references.referrer_type
    bool has_kind;
};

Result<AssetTable> asset_table(ReferrerType type) {
    if (type == ReferrerType::Datasource) return AssetTable{"datasources", "datasource", true};
    if (type == ReferrerType::Environment) return AssetTable{"environments", "environment", false};
    return ApiError{500, "Storage error", "not a data source or environment", {}};
}

}  // namespace

VoidResult Store::insert_asset(const Referrer& r) {
    auto t = asset_table(r.type);
    if (!t) return t.error();
    return transaction([&]() -> VoidResult {
        const std::string taken_sql =
            std::string("SELECT 1 FROM ") + t->table +
            " WHERE name = ? AND scope = ? AND ifnull(cluster_id, '') = ? AND ifnull(department_id, '') = ? "
            "AND ifnull(project_id, 0) = ?" +
            (t->has_kind ? " AND kind = ?" : "");
        Stmt taken(db_, taken_sql.c_str());
        taken.text(r.name)
            .text(scope_api_name(r.scope.type))
            .text(r.scope.cluster_id ? r.scope.cluster_id->value : std::string())
            .text(r.scope.department_id ? r.scope.department_id->value : std::string())
            .integer(r.scope.project_id ? r.scope.project_id->value : 0);
        if (t->has_kind) taken.text(r.datasource_kind);
        const int rc = taken.step();
        if (rc == SQLITE_ROW)
            return ApiError{409, "Resource with this name already exists",
                            "An asset named " + r.name + " already exists in this scope", "meta.name"};
        if (rc != SQLITE_DONE) return db_error(db_, "check asset name");
        if (auto inserted = insert_referrer(r); !inserted) return inserted;
        const std::string update = std::string("UPDATE ") + t->table + " SET description = ? WHERE id = ?";
        Stmt s(db_, update.c_str());
        return s.text(r.description).text(r.id).run("write asset description");
    });
}

Result<std::vector<Referrer>> Store::list_assets(ReferrerType type, const std::string& kind) {
    auto t = asset_table(type);
    if (!t) return t.error();
    WriteLock lock(*this);
    std::string q = std::string(
                        "SELECT id, name, scope, cluster_id, department_id, project_id, spec, created_by, "
                        "created_at, description, ") +
                    (t->has_kind ? "kind" : "''") + " FROM " + t->table;
    if (t->has_kind) q += " WHERE kind = ?";
    q += " ORDER BY created_at, id";
    Stmt s(db_, q.c_str());
    if (t->has_kind) s.text(kind);
    std::vector<Referrer> out;
    std::unordered_map<std::string, std::size_t> by_id;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        Referrer r;
        r.id = s.col_text(0);
        r.name = s.col_text(1);
        r.type = type;
        r.scope.type = scope_from_api_name(s.col_text(2)).value_or(ScopeType::Tenant);
        if (auto v = s.col_opt_text(3)) r.scope.cluster_id = ClusterId{*v};
        if (auto v = s.col_opt_text(4)) r.scope.department_id = DepartmentId{*v};
        if (auto v = s.col_opt_int(5)) r.scope.project_id = ProjectId{*v};
        r.spec_json = s.col_text(6);
        r.created_by = s.col_text(7);
        r.created_at = s.col_text(8);
        r.description = s.col_opt_text(9);
        r.datasource_kind = s.col_text(10);
        by_id.emplace(r.id, out.size());
        out.push_back(std::move(r));
    }
    if (rc != SQLITE_DONE) return db_error(db_, std::string("read ") + t->table);
    Stmt refs(db_,
              "SELECT referrer_id, credential_id FROM credential_references WHERE referrer_type = ? "
              "ORDER BY rowid");
    refs.text(t->referrer_type);
    while ((rc = refs.step()) == SQLITE_ROW) {
        auto it = by_id.find(refs.col_text(0));
        if (it != by_id.end()) out[it->second].credential_ids.push_back(CredentialId{refs.col_text(1)});
    }
    if (rc != SQLITE_DONE) return db_error(db_, "read asset credential links");
    return out;
}

Result<std::optional<Referrer>> Store::find_asset(ReferrerType type, const std::string& kind, const std::string& id) {
    auto all = list_assets(type, kind);
    if (!all) return all.error();
    for (auto& r : *all)
        if (r.id == id) return std::optional<Referrer>{std::move(r)};
    return std::optional<Referrer>{};
}

Result<bool> Store::delete_asset(ReferrerType type, const std::string& kind, const std::string& id) {
    auto t = asset_table(type);
    if (!t) return t.error();
    bool found = false;
    auto r = transaction([&]() -> VoidResult {
        const std::string q =
            std::string("DELETE FROM ") + t->table + " WHERE id = ?" + (t->has_kind ? " AND kind = ?" : "");
        Stmt del(db_, q.c_str());
        del.text(id);
        if (t->has_kind) del.text(kind);
        if (auto e = del.run("delete asset"); !e) return e;
        found = sqlite3_changes(db_) > 0;
        if (!found) return ok();
        Stmt links(db_, "DELETE FROM credential_references WHERE referrer_type = ? AND referrer_id = ?");
        return links.text(t->referrer_type).text(id).run("delete asset credential links");
    });
    if (!r) return r.error();
    return found;
}

}  // namespace cc::server
