// The Store's credential rows: mapping between the read model and the credentials table,
// `usedBy` assembled from the referencing assets, and inserting those assets.
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "server/secret_values.h"
#include "server/sqlite_stmt.h"
#include "server/store.h"
#include "server/stored_issues.h"

namespace cc::server {
namespace {

using nlohmann::json;
using sql::db_error;
using sql::Stmt;

std::string_view referrer_table_type(ReferrerType t) {
    switch (t) {
        case ReferrerType::Workspace:
        case ReferrerType::Training:
        case ReferrerType::Distributed:
        case ReferrerType::Inference: return "workload";
        case ReferrerType::Template: return "template";
        case ReferrerType::Environment: return "environment";
        case ReferrerType::Datasource: return "datasource";
    }
    return "";
}

std::string_view workload_type_name(ReferrerType t) {
    switch (t) {
        case ReferrerType::Workspace: return "workspace";
        case ReferrerType::Training: return "training";
        case ReferrerType::Distributed: return "distributed";
        case ReferrerType::Inference: return "inference";
        default: return "";
    }
}

// The unique index credentials_name_in_scope (names are unique within a scope node, across kinds).
// ... and credentials_personal_name (a personal credential's name is unique per owner and kind).
bool is_name_clash(sqlite3* db) {
    const std::string_view message = sqlite3_errmsg(db);
    return sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_UNIQUE &&
           (message.find("credentials_name_in_scope") != std::string_view::npos ||
            message.find("credentials_personal_name") != std::string_view::npos);
}

ApiError name_taken(const std::string& name, bool personal = false) {
    return ApiError{409, "Resource with this name already exists",
                    personal ? "You already have a personal credential of this type named " + name
                             : "A credential named " + name + " already exists in this scope",
                    "meta.name"};
}

ApiError not_found(const CredentialId& id) {
    return ApiError{404, "Resource id not found.", "credential " + id.value, {}};
}

constexpr const char* kCredentialColumns =
    "c.id, c.kind, c.name, c.description, c.scope, c.tenant_id, c.cluster_id, c.department_id, c.project_id, "
    "c.auto_delete, c.private, c.created_by, c.created_at, c.updated_by, c.updated_at, c.update_count, "
    "c.deleted_at, c.deleted_by, c.status, c.status_issues, c.status_message, c.status_url, c.k8s_name, c.key_id, "
    "c.existing_secret_name, c.url, c.secret_keys, p.name";

// nullopt for a row with an unknown enum value. When `keep` refuses the row, a credential with
// only the meta fields a filter reads (kind, name, scope, private, created by) and no status:
// the rest of the row, JSON included, is not decoded.
std::optional<Credential> credential_from_row(const Stmt& s, const Store::CredentialFilter& keep) {
    Credential c;
    AssetMeta& m = c.meta;
    auto kind = kind_from_api_name(s.col_text(1));
    auto scope = scope_from_api_name(s.col_text(4));
    if (!kind || !scope) return std::nullopt;
    m.kind = *kind;
    m.name = s.col_text(2);
    m.scope.type = *scope;
    if (auto v = s.col_opt_text(6)) m.scope.cluster_id = ClusterId{*v};
    if (auto v = s.col_opt_text(7)) m.scope.department_id = DepartmentId{*v};
    if (auto v = s.col_opt_int(8)) m.scope.project_id = ProjectId{*v};
    m.is_private = s.col_int(10) != 0;
    m.created_by = s.col_text(11);
    if (keep && !keep(m)) return c;

    auto status = status_from_api_name(s.col_text(18));
    if (!status) return std::nullopt;
    m.id = CredentialId{s.col_text(0)};
    m.description = s.col_opt_text(3);
    m.tenant_id = s.col_opt_int(5);
    m.auto_delete = s.col_int(9) != 0;
    m.created_at = s.col_text(12);
    m.updated_by = s.col_text(13);
    m.updated_at = s.col_text(14);
    m.update_count = s.col_int(15);
    m.deleted_at = s.col_opt_text(16);
    m.deleted_by = s.col_opt_text(17);
    m.project_name = s.col_opt_text(27);

    c.status = AssetStatus{*status, decode_stored_issues(s.col_text(19)), s.col_text(20), s.col_text(21)};
    c.k8s_names.emplace();
    if (auto k8s = s.col_opt_text(22)) c.k8s_names->push_back(*k8s);
    c.key_id = static_cast<std::int32_t>(s.col_int(23));

    const auto existing = s.col_opt_text(24);
    c.spec = empty_spec(m.kind);
    std::visit(
        [&](auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (!std::is_same_v<T, NgcApiKeySpec>) v.existing_secret_name = existing;
            if constexpr (std::is_same_v<T, DockerRegistrySpec>) v.url = s.col_opt_text(25);
            if constexpr (std::is_same_v<T, GenericSecretSpec>) {
                if (auto keys_text = s.col_opt_text(26)) {
                    const json keys = json::parse(*keys_text, nullptr, false);
                    v.key_value_pairs.emplace();
                    if (keys.is_array())
                        for (const auto& k : keys)
                            if (k.is_string()) v.key_value_pairs->push_back({k.get<std::string>(), std::nullopt});
                }
            }
        },
        c.spec);
    return c;
}

}  // namespace

// ---- credentials -----------------------------------------------------------------------------

VoidResult Store::insert_credential(const Credential& c, const std::optional<Bytes>& secret_blob) {
    if (has_secret_values(c.spec))
        return ApiError{500, "Refusing to store secret values in clear", "credential " + c.meta.id.value, {}};
    std::optional<std::string> url;
    std::optional<std::string> secret_keys;
    if (const auto* d = std::get_if<DockerRegistrySpec>(&c.spec)) url = d->url;
    if (const auto* g = std::get_if<GenericSecretSpec>(&c.spec); g && g->key_value_pairs) {
        json keys = json::array();
        for (const auto& kv : *g->key_value_pairs) keys.push_back(kv.key);
        secret_keys = keys.dump();
    }
    const AssetStatus status = c.status.value_or(AssetStatus{});
    const AssetMeta& m = c.meta;
    std::optional<std::string> k8s_name;
    if (c.k8s_names && !c.k8s_names->empty()) k8s_name = c.k8s_names->front();

    WriteLock lock(*this);
    Stmt s(
        db_,
        "INSERT INTO credentials (id, kind, name, description, scope, tenant_id, cluster_id, department_id, "
        "project_id, auto_delete, private, created_by, created_at, updated_by, updated_at, update_count, deleted_at, "
        "deleted_by, status, status_issues, status_message, status_url, k8s_name, key_id, existing_secret_name, url, "
        "secret_keys, secret_blob) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?)");
    s.text(m.id.value)
        .text(kind_api_name(m.kind))
        .text(m.name)
        .text(m.description)
        .text(scope_api_name(m.scope.type))
        .integer(m.tenant_id)
        .text(m.scope.cluster_id ? std::optional<std::string>(m.scope.cluster_id->value) : std::nullopt)
        .text(m.scope.department_id ? std::optional<std::string>(m.scope.department_id->value) : std::nullopt)
        .integer(m.scope.project_id ? std::optional<std::int64_t>(m.scope.project_id->value) : std::nullopt)
        .integer(m.auto_delete ? 1 : 0)
        .integer(m.is_private ? 1 : 0)
        .text(m.created_by)
        .text(m.created_at)
        .text(m.updated_by)
        .text(m.updated_at)
        .integer(m.update_count)
        .text(m.deleted_at)
        .text(m.deleted_by)
        .text(status_api_name(status.status))
        .text(encode_stored_issues(status.issues))
        .text(status.message)
        .text(status.url)
        .text(k8s_name)
        .integer(c.key_id)
        .text(spec_existing_secret_name(c.spec))
        .text(url)
        .text(secret_keys)
        .blob(secret_blob);
    const int rc = s.step();
    if (rc == SQLITE_DONE) return ok();
    if (is_name_clash(db_)) return name_taken(m.name, m.is_private);
    return db_error(db_, "insert credential");
}

Result<std::vector<Credential>> Store::select_credentials(const std::string& where, const std::vector<SqlParam>& params,
                                                          bool with_usage, const CredentialFilter& keep) {
    Reader r(*this);
    sqlite3* db = r.db();
    std::string sql =
        std::string("SELECT ") + kCredentialColumns + " FROM credentials c LEFT JOIN projects p ON p.id = c.project_id";
    if (!where.empty()) sql += " WHERE " + where;
    sql += " ORDER BY c.created_at, c.id";
    Stmt s(db, sql.c_str());
    for (const auto& p : params) {
        if (const auto* i = std::get_if<std::int64_t>(&p))
            s.integer(*i);
        else
            s.text(std::get<std::string>(p));
    }
    std::vector<Credential> out;
    if (where.empty() && !keep) {  // the whole table: one allocation instead of moving thousands of rows as it grows
        Stmt count(db, "SELECT COUNT(*) FROM credentials");
        if (count.step() == SQLITE_ROW) out.reserve(static_cast<std::size_t>(count.col_int(0)));
    }
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        auto c = credential_from_row(s, keep);
        if (!c) return ApiError{500, "Storage error", "credential row with unknown enum value: " + s.col_text(0), {}};
        if (c->status) out.push_back(std::move(*c));  // a kept row always has a status
    }
    if (rc != SQLITE_DONE) return db_error(db, "read credentials");
    if (!with_usage) return out;

    std::unordered_map<std::string, UsageInfo> usage;
    {
        Stmt w(db,
               "SELECT r.credential_id, w.id, w.name, w.type, w.status FROM credential_references r "
               "JOIN workloads w ON r.referrer_type = 'workload' AND w.id = r.referrer_id ORDER BY w.name");
        while ((rc = w.step()) == SQLITE_ROW) {
            UsageInfo& u = usage[w.col_text(0)];
            WorkloadRef ref{w.col_text(1), w.col_text(2), w.col_opt_text(4)};
            const std::string type = w.col_text(3);
            auto& list = type == "workspace"     ? u.workspaces
                         : type == "training"    ? u.trainings
                         : type == "distributed" ? u.distributed
                                                 : u.inferences;
            list.push_back(std::move(ref));
        }
        if (rc != SQLITE_DONE) return db_error(db, "read workload references");
    }
    for (const auto& [table, type] : {std::pair{"templates", "template"}, std::pair{"environments", "environment"}}) {
        const std::string q = std::string("SELECT r.credential_id, a.id, a.name FROM credential_references r JOIN ") +
                              table + " a ON r.referrer_type = '" + type + "' AND a.id = r.referrer_id ORDER BY a.name";
        Stmt a(db, q.c_str());
        while ((rc = a.step()) == SQLITE_ROW) {
            UsageInfo& u = usage[a.col_text(0)];
            (std::string_view(type) == "template" ? u.templates : u.environments)
                .push_back({a.col_text(1), a.col_text(2)});
        }
        if (rc != SQLITE_DONE) return db_error(db, std::string("read ") + type + " references");
    }
    {
        Stmt d(db,
               "SELECT r.credential_id, d.id, d.name, d.kind FROM credential_references r "
               "JOIN datasources d ON r.referrer_type = 'datasource' AND d.id = r.referrer_id ORDER BY d.name");
        while ((rc = d.step()) == SQLITE_ROW)
            usage[d.col_text(0)].datasources.push_back({d.col_text(1), d.col_text(2), d.col_text(3)});
        if (rc != SQLITE_DONE) return db_error(db, "read data source references");
    }
    for (auto& c : out) {
        auto it = usage.find(c.meta.id.value);
        c.used_by = it == usage.end() ? UsageInfo{} : std::move(it->second);
    }
    return out;
}

Result<std::vector<Credential>> Store::list_credentials(bool with_usage, const CredentialFilter& keep,
                                                        const ScopeNodes* nodes) {
    if (!nodes) return select_credentials({}, {}, with_usage, keep);
    // One term per scope level, each served by credentials_by_node (its CASE expression must stay
    // the index's, word for word), and one by credentials_private_by_owner; the node ids travel as
    // JSON arrays, so the statement's text is the same for every caller.
    constexpr const char* kNode =
        "(CASE c.scope WHEN 'cluster' THEN c.cluster_id WHEN 'department' THEN c.department_id "
        "WHEN 'project' THEN c.project_id END)";
    static const std::string where =
        std::string("(c.scope = 'system' AND c.private = 0 AND ? <> 0) OR ") +
        "(c.scope = 'tenant' AND c.private = 0 AND ? <> 0) OR " + "(c.scope = 'cluster' AND c.private = 0 AND " +
        kNode + " IN (SELECT value FROM json_each(?))) OR " + "(c.scope = 'department' AND c.private = 0 AND " + kNode +
        " IN (SELECT value FROM json_each(?))) OR " + "(c.scope = 'project' AND c.private = 0 AND " + kNode +
        " IN (SELECT value FROM json_each(?))) OR " + "(c.private <> 0 AND c.created_by = ?)";
    return select_credentials(
        where,
        {std::int64_t{nodes->system ? 1 : 0}, std::int64_t{nodes->tenant ? 1 : 0}, json(nodes->clusters).dump(),
         json(nodes->departments).dump(), json(nodes->projects).dump(), nodes->private_owner},
        with_usage, keep);
}

Result<std::optional<Credential>> Store::find_credential(const CredentialId& id, bool with_usage) {
    auto list = select_credentials("c.id = ?", {SqlParam{id.value}}, with_usage);
    if (!list) return list.error();
    if (list->empty()) return std::optional<Credential>{};
    return std::optional<Credential>{std::move(list->front())};
}

Result<std::set<std::string>> Store::others_private_credential_ids(const std::string& viewer) {
    Reader r(*this);
    sqlite3* db = r.db();
    Stmt s(db, "SELECT id FROM credentials WHERE private <> 0 AND created_by <> ?");
    s.text(viewer);
    std::set<std::string> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) out.insert(s.col_text(0));
    if (rc != SQLITE_DONE) return db_error(db, "read personal credentials");
    return out;
}

Result<std::optional<Bytes>> Store::credential_secret_blob(const CredentialId& id) {
    Reader r(*this);
    sqlite3* db = r.db();
    Stmt s(db, "SELECT secret_blob FROM credentials WHERE id = ?");
    s.text(id.value);
    const int rc = s.step();
    if (rc == SQLITE_DONE) return ApiError{404, "Resource id not found.", "credential " + id.value, {}};
    if (rc != SQLITE_ROW) return db_error(db, "read secret");
    if (s.is_null(0)) return std::optional<Bytes>{};
    return std::optional<Bytes>{s.col_blob(0)};
}

// ---- lifecycle ---------------------------------------------------------------------------------

VoidResult Store::set_credential_status(const CredentialId& id, const AssetStatus& status) {
    WriteLock lock(*this);
    Stmt s(db_,
           "UPDATE credentials SET status = ?, status_issues = ?, status_message = ?, status_url = ? WHERE id = ?");
    auto r = s.text(status_api_name(status.status))
                 .text(encode_stored_issues(status.issues))
                 .text(status.message)
                 .text(status.url)
                 .text(id.value)
                 .run("set credential status");
    if (!r) return r;
    if (sqlite3_changes(db_) == 0) return not_found(id);
    return ok();
}

VoidResult Store::mark_deleting(const CredentialId& id, const std::string& by, const std::string& at) {
    WriteLock lock(*this);
    Stmt s(db_,
           "UPDATE credentials SET status = 'Deleting', status_issues = '[]', status_message = '', status_url = '', "
           "deleted_at = ?, deleted_by = ?, update_count = update_count + 1 WHERE id = ? AND status <> 'Deleting'");
    if (auto r = s.text(at).text(by).text(id.value).run("mark credential deleting"); !r) return r;
    if (sqlite3_changes(db_) > 0) return ok();
    Stmt exists(db_, "SELECT 1 FROM credentials WHERE id = ?");
    exists.text(id.value);
    const int rc = exists.step();
    if (rc == SQLITE_ROW) return ok();  // already Deleting
    if (rc == SQLITE_DONE) return not_found(id);
    return db_error(db_, "read credential");
}

VoidResult Store::purge_credential(const CredentialId& id) {
    return transaction([&]() -> VoidResult {
        Stmt used(db_, "SELECT count(*) FROM credential_references WHERE credential_id = ?");
        used.text(id.value);
        if (used.step() != SQLITE_ROW) return db_error(db_, "read credential references");
        if (used.col_int(0) > 0)
            return ApiError{412, "The credential is in use", "credential " + id.value + " is still referenced", {}};
        Stmt s(db_, "DELETE FROM credentials WHERE id = ?");
        if (auto r = s.text(id.value).run("purge credential"); !r) return r;
        if (sqlite3_changes(db_) == 0) return not_found(id);
        return ok();
    });
}

VoidResult Store::update_credential_meta(const CredentialId& id, const MetaUpdate& u) {
    WriteLock lock(*this);
    // Absent fields keep their value: "name = ifnull(?, name)" for the name, a flag for the
    // description because NULL is a value it can take.
    Stmt s(db_,
           "UPDATE credentials SET name = ifnull(?, name), "
           "description = CASE WHEN ? THEN ? ELSE description END, "
           "updated_by = ?, updated_at = ?, update_count = update_count + 1, "
           "status = 'Updating', status_issues = '[]', status_message = '', status_url = '' WHERE id = ?");
    s.text(u.name).integer(u.description ? 1 : 0).text(u.description ? *u.description : std::nullopt);
    s.text(u.by).text(u.at).text(id.value);
    const int rc = s.step();
    if (rc != SQLITE_DONE) {
        if (is_name_clash(db_)) return name_taken(u.name.value_or(""));
        return db_error(db_, "update credential");
    }
    if (sqlite3_changes(db_) == 0) return not_found(id);
    return ok();
}

Result<std::vector<Credential>> Store::credentials_in_states(const std::vector<SyncStatus>& states) {
    if (states.empty()) return std::vector<Credential>{};
    std::string where = "c.status IN (";
    std::vector<SqlParam> params;
    for (auto st : states) {
        where += params.empty() ? "?" : ", ?";
        params.emplace_back(std::string(status_api_name(st)));
    }
    return select_credentials(where + ")", params, false);
}

// ---- referrers -------------------------------------------------------------------------------

VoidResult Store::insert_referrer(const Referrer& r) {
    return transaction([&]() -> VoidResult {
        const std::string_view type = referrer_table_type(r.type);
        const auto cluster = r.scope.cluster_id ? std::optional<std::string>(r.scope.cluster_id->value) : std::nullopt;
        const auto department =
            r.scope.department_id ? std::optional<std::string>(r.scope.department_id->value) : std::nullopt;
        std::optional<std::int64_t> project;
        if (r.scope.project_id) project = r.scope.project_id->value;
        VoidResult inserted = ok();
        if (type == "workload") {
            if (!r.scope.project_id) return ApiError{400, "A workload belongs to a project", r.name, {}};
            Stmt s(db_,
                   "INSERT INTO workloads (id, name, type, status, project_id, spec, created_by, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            inserted = s.text(r.id)
                           .text(r.name)
                           .text(workload_type_name(r.type))
                           .text(r.status)
                           .integer(r.scope.project_id->value)
                           .text(r.spec_json)
                           .text(r.created_by)
                           .text(r.created_at)
                           .run("insert workload");
        } else if (type == "datasource") {
            Stmt s(db_,
                   "INSERT INTO datasources (id, name, kind, scope, cluster_id, department_id, project_id, spec, "
                   "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            inserted = s.text(r.id)
                           .text(r.name)
                           .text(r.datasource_kind)
                           .text(scope_api_name(r.scope.type))
                           .text(cluster)
                           .text(department)
                           .integer(project)
                           .text(r.spec_json)
                           .text(r.created_by)
                           .text(r.created_at)
                           .run("insert data source");
        } else {
            const std::string sql = std::string("INSERT INTO ") + (type == "template" ? "templates" : "environments") +
                                    " (id, name, scope, cluster_id, department_id, project_id, spec, created_by, "
                                    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
            Stmt s(db_, sql.c_str());
            inserted = s.text(r.id)
                           .text(r.name)
                           .text(scope_api_name(r.scope.type))
                           .text(cluster)
                           .text(department)
                           .integer(project)
                           .text(r.spec_json)
                           .text(r.created_by)
                           .text(r.created_at)
                           .run(std::string("insert ") + std::string(type));
        }
        if (!inserted) return inserted;
        for (const auto& cid : r.credential_ids) {
            Stmt s(db_,
                   "INSERT INTO credential_references (credential_id, referrer_type, referrer_id) VALUES (?, ?, ?)");
            if (auto e = s.text(cid.value).text(type).text(r.id).run("insert credential reference"); !e) return e;
        }
        return ok();
    });
}

}  // namespace cc::server
