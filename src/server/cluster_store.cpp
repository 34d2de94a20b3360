// Kubernetes JSON for Secrets (validation of user manifests included) and the namespace/Secret
// tables of the simulated clusters. Secret data never touches the database in clear: it is
// sealed per object, bound to its cluster, namespace and name.
#include "server/cluster_store.h"

#include <sodium.h>

#include <algorithm>

#include "core/validation.h"
#include "server/sqlite_stmt.h"
#include "server/time_util.h"

namespace cc::server {
namespace {

using sql::db_error;
using sql::Stmt;

std::string seal_context(const ClusterId& cluster, const std::string& ns, const std::string& name) {
    return "k8s-secret/" + cluster.value + "/" + ns + "/" + name;
}

bool is_alnum_lower(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_alnum(char c) { return is_alnum_lower(c) || (c >= 'A' && c <= 'Z'); }

// A label/annotation key's name part: ≤ 63, [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?
bool is_qualified_name_part(std::string_view s) {
    if (s.empty() || s.size() > 63 || !is_alnum(s.front()) || !is_alnum(s.back())) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; });
}

bool is_qualified_name(std::string_view s) {
    const auto slash = s.find('/');
    if (slash == std::string_view::npos) return is_qualified_name_part(s);
    return is_dns1123_subdomain(s.substr(0, slash)) && is_qualified_name_part(s.substr(slash + 1));
}

bool is_label_value(std::string_view s) { return s.empty() || is_qualified_name_part(s); }

ApiError bad(std::string field, std::string message) {
    return ApiError{400, std::move(message), {}, std::move(field)};
}

Result<Labels> string_map(const Json& j, const std::string& field, bool labels) {
    if (j.is_null()) return Labels{};
    if (!j.is_object()) return bad(field, field + " must be an object of strings");
    Labels out;
    for (const auto& [k, v] : j.items()) {
        if (!v.is_string()) return bad(field + "." + k, field + "." + k + " must be a string");
        if (!is_qualified_name(k)) return bad(field, "Invalid key in " + field + ": " + k);
        const std::string value = v.get<std::string>();
        if (labels && !is_label_value(value))
            return bad(field + "." + k, "Invalid label value for " + k + ": at most 63 letters, digits, '-', '_', '.'");
        out[k] = value;
    }
    return out;
}

// The stored object JSON (written by secret_to_json) back into a K8sSecret, data not included.
K8sSecret secret_from_stored(const Json& j) {
    K8sSecret s;
    const Json m = j.value("metadata", Json::object());
    s.name = m.value("name", "");
    s.namespace_name = m.value("namespace", "");
    s.uid = m.value("uid", "");
    s.creation_timestamp = m.value("creationTimestamp", "");
    const Json labels = m.value("labels", Json::object());
    for (const auto& [k, v] : labels.items())
        if (v.is_string()) s.labels[k] = v.get<std::string>();
    const Json annotations = m.value("annotations", Json::object());
    for (const auto& [k, v] : annotations.items())
        if (v.is_string()) s.annotations[k] = v.get<std::string>();
    s.type = j.value("type", "Opaque");
    return s;
}

std::string kubernetes_timestamp(std::int64_t unix_ms) {
    std::string t = format_rfc3339(unix_ms);  // "2026-11-26T09:00:00.000Z"
    const auto dot = t.find('.');
    return dot == std::string::npos ? t : t.substr(0, dot) + "Z";
}

}  // namespace

// ---- Kubernetes JSON ------------------------------------------------------------------------

bool is_dns1123_label(std::string_view s) {
    if (s.empty() || s.size() > 63 || !is_alnum_lower(s.front()) || !is_alnum_lower(s.back())) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return is_alnum_lower(c) || c == '-'; });
}

bool is_dns1123_subdomain(std::string_view s) {
    if (s.empty() || s.size() > 253) return false;
    while (true) {
        const auto dot = s.find('.');
        const auto part = s.substr(0, dot);
        if (part.empty() || !is_alnum_lower(part.front()) || !is_alnum_lower(part.back())) return false;
        if (!std::all_of(part.begin(), part.end(), [](char c) { return is_alnum_lower(c) || c == '-'; })) return false;
        if (dot == std::string_view::npos) return true;
        s.remove_prefix(dot + 1);
    }
}

std::string base64_encode(std::string_view raw) {
    std::string out(sodium_base64_encoded_len(raw.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    std::string out(text.size() / 4 * 3 + 3, '\0');
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.data() + text.size())
        return std::nullopt;
    out.resize(len);
    return out;
}

std::string k8s_type_label(CredentialKind k) {
    const std::string_view label = kind_k8s_label(k);
    return label.empty() ? std::string(kind_path_segment(k)) : std::string(label);
}

std::optional<CredentialKind> kind_from_k8s_type_label(std::string_view s) {
    for (auto k : kAllKinds)
        if (k8s_type_label(k) == s) return k;
    return std::nullopt;
}

Json secret_to_json(const K8sSecret& s, bool include_data) {
    Json meta = {{"name", s.name}, {"namespace", s.namespace_name}};
    if (!s.uid.empty()) meta["uid"] = s.uid;
    if (!s.creation_timestamp.empty()) meta["creationTimestamp"] = s.creation_timestamp;
    if (!s.labels.empty()) meta["labels"] = s.labels;
    if (!s.annotations.empty()) meta["annotations"] = s.annotations;
    Json j = {{"apiVersion", "v1"}, {"kind", "Secret"}, {"metadata", std::move(meta)}, {"type", s.type}};
    if (include_data) {
        Json data = Json::object();
        for (const auto& [k, v] : s.data) data[k] = base64_encode(v);
        j["data"] = std::move(data);
    }
    return j;
}

Result<K8sSecret> secret_from_json(const Json& j) {
    if (!j.is_object()) return bad("", "A Secret manifest must be a JSON object");
    for (const auto& [k, v] : j.items()) {
        static const std::array<std::string_view, 7> allowed = {"apiVersion", "kind",       "metadata", "type",
                                                                "data",       "stringData", "immutable"};
        if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) return bad(k, "Unknown field " + k);
    }
    if (j.value("apiVersion", Json()) != "v1") return bad("apiVersion", "apiVersion must be \"v1\"");
    if (j.value("kind", Json()) != "Secret") return bad("kind", "kind must be \"Secret\"");
    if (j.contains("immutable") && !j["immutable"].is_boolean()) return bad("immutable", "immutable must be a boolean");

    const Json meta = j.value("metadata", Json());
    if (!meta.is_object()) return bad("metadata", "metadata is required");
    for (const auto& [k, v] : meta.items()) {
        if (k == "creationTimestamp" && (v.is_null() || v.is_string())) continue;  // kubectl prints null
        if (k != "name" && k != "namespace" && k != "labels" && k != "annotations")
            return bad("metadata." + k, "Unsupported field metadata." + k);
    }
    K8sSecret s;
    if (!meta.contains("name") || !meta["name"].is_string() || !is_dns1123_subdomain(meta["name"].get<std::string>()))
        return bad("metadata.name",
                   "metadata.name must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', "
                   "starting and ending with a letter or digit, at most 253 characters");
    s.name = meta["name"];
    if (!meta.contains("namespace") || !meta["namespace"].is_string() ||
        !is_dns1123_label(meta["namespace"].get<std::string>()))
        return bad("metadata.namespace", "metadata.namespace is required and must be a DNS-1123 label");
    s.namespace_name = meta["namespace"];
    auto labels = string_map(meta.value("labels", Json()), "metadata.labels", true);
    if (!labels) return labels.error();
    s.labels = std::move(*labels);
    auto annotations = string_map(meta.value("annotations", Json()), "metadata.annotations", false);
    if (!annotations) return annotations.error();
    s.annotations = std::move(*annotations);

    // The run.ai labels that make a Secret selectable (docs/api.md, 'Kubernetes labels'); the asset
    // labels belong to the agents.
    for (const char* reserved : {kLabelAsset, kLabelTenantWide})
        if (s.labels.count(reserved))
            return bad("metadata.labels", std::string(reserved) + " is set by the cluster agent, not by users");
    if (auto it = s.labels.find(kLabelResource); it != s.labels.end()) {
        const auto kind = kind_from_k8s_type_label(it->second);
        if (!kind || !kind_supports_existing_secret(*kind))
            return bad("metadata.labels", "run.ai/resource must be docker-registry, access-key, password or generic");
    }
    if (auto it = s.labels.find(kLabelClusterWide); it != s.labels.end() && it->second != "true")
        return bad("metadata.labels", "run.ai/cluster-wide must be \"true\"");
    if (s.labels.count(kLabelClusterWide) && s.labels.count(kLabelDepartment))
        return bad("metadata.labels", "A Secret is either cluster-wide or for one department, not both");

    if (j.contains("type")) {
        if (!j["type"].is_string() || j["type"].get<std::string>().empty() || j["type"].get<std::string>().size() > 253)
            return bad("type", "type must be a non-empty string");
        s.type = j["type"];
    }
    for (const char* field : {"data", "stringData"}) {
        if (!j.contains(field) || j[field].is_null()) continue;
        if (!j[field].is_object()) return bad(field, std::string(field) + " must be an object of strings");
        const bool encoded = std::string_view(field) == "data";
        for (const auto& [k, v] : j[field].items()) {
            const std::string path = std::string(field) + "." + k;
            if (!is_valid_secret_key(k) || k.size() > 253)
                return bad(path, "Invalid data key " + k + ": letters, digits, '-', '_' and '.' only");
            if (!v.is_string()) return bad(path, path + " must be a string");
            if (!encoded) {
                s.data[k] = v.get<std::string>();
                continue;
            }
            auto raw = base64_decode(v.get<std::string>());
            if (!raw) return bad(path, path + " is not valid base64");
            if (!s.data.count(k)) s.data[k] = std::move(*raw);  // stringData wins, as in Kubernetes
        }
    }
    if (s.type == "kubernetes.io/dockerconfigjson") {
        auto it = s.data.find(".dockerconfigjson");
        if (it == s.data.end()) return bad("data", "A kubernetes.io/dockerconfigjson Secret needs data[.dockerconfigjson]");
        if (!parse_json(it->second).ok()) return bad("data..dockerconfigjson", ".dockerconfigjson is not valid JSON");
    }
    return s;
}

// ---- namespaces -----------------------------------------------------------------------------

Result<std::vector<std::string>> ClusterStore::namespaces(const ClusterId& cluster) {
    std::lock_guard lock(store_.mutex_);
    Stmt s(store_.db_, "SELECT name FROM k8s_namespaces WHERE cluster_id = ? ORDER BY name");
    s.text(cluster.value);
    std::vector<std::string> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) out.push_back(s.col_text(0));
    if (rc != SQLITE_DONE) return db_error(store_.db_, "read namespaces");
    return out;
}

Result<bool> ClusterStore::has_namespace(const ClusterId& cluster, const std::string& name) {
    std::lock_guard lock(store_.mutex_);
    Stmt s(store_.db_, "SELECT 1 FROM k8s_namespaces WHERE cluster_id = ? AND name = ?");
    s.text(cluster.value).text(name);
    const int rc = s.step();
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return db_error(store_.db_, "read namespace");
}

VoidResult ClusterStore::add_namespace(const ClusterId& cluster, const std::string& name) {
    if (!is_dns1123_label(name)) return bad("namespace", "A namespace name must be a DNS-1123 label: " + name);
    std::lock_guard lock(store_.mutex_);
    Stmt s(store_.db_, "INSERT INTO k8s_namespaces (cluster_id, name, created_at) VALUES (?, ?, ?) "
                       "ON CONFLICT DO NOTHING");
    return s.text(cluster.value).text(name).text(kubernetes_timestamp(unix_now_ms())).run("insert namespace");
}

// ---- Secrets --------------------------------------------------------------------------------

Result<std::vector<K8sSecret>> ClusterStore::secrets(const ClusterId& cluster, const std::string& ns, bool with_data) {
    if (with_data && !box_) return ApiError{500, "Secret data requested without a key", {}, {}};
    std::lock_guard lock(store_.mutex_);
    std::string q = "SELECT namespace, name, object, data_blob, owner_credential_id FROM k8s_secrets WHERE cluster_id = ?";
    if (!ns.empty()) q += " AND namespace = ?";
    q += " ORDER BY namespace, name";
    Stmt s(store_.db_, q.c_str());
    s.text(cluster.value);
    if (!ns.empty()) s.text(ns);
    std::vector<K8sSecret> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        const auto object = parse_json(s.col_text(2));
        if (!object) return ApiError{500, "Storage error", "unreadable Secret object " + s.col_text(1), {}};
        K8sSecret secret = secret_from_stored(*object);
        secret.namespace_name = s.col_text(0);
        secret.name = s.col_text(1);
        if (auto owner = s.col_opt_text(4)) secret.owner = CredentialId{*owner};
        if (with_data && !s.is_null(3)) {
            auto plain = box_->open(s.col_blob(3), seal_context(cluster, secret.namespace_name, secret.name));
            if (!plain) return ApiError{500, "Stored Secret data could not be decrypted", secret.name, {}};
            const auto data = parse_json(*plain);
            wipe(*plain);
            if (!data || !data->is_object()) return ApiError{500, "Stored Secret data is corrupt", secret.name, {}};
            for (const auto& [k, v] : data->items())
                if (auto raw = base64_decode(v.get<std::string>())) secret.data[k] = std::move(*raw);
        }
        out.push_back(std::move(secret));
    }
    if (rc != SQLITE_DONE) return db_error(store_.db_, "read secrets");
    return out;
}

Result<std::optional<K8sSecret>> ClusterStore::secret(const ClusterId& cluster, const std::string& ns,
                                                      const std::string& name, bool with_data) {
    auto all = secrets(cluster, ns, with_data);
    if (!all) return all.error();
    for (auto& s : *all)
        if (s.name == name) return std::optional<K8sSecret>{std::move(s)};
    return std::optional<K8sSecret>{};
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
                            "secrets \"" + s.name + "\" already exists in namespace " + s.namespace_name, "metadata.name"};
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
    std::lock_guard lock(store_.mutex_);
    {
        Stmt q(store_.db_, "SELECT object, owner_credential_id FROM k8s_secrets WHERE cluster_id = ? AND namespace = ? "
                           "AND name = ?");
        q.text(cluster.value).text(s.namespace_name).text(s.name);
        const int rc = q.step();
        if (rc == SQLITE_ROW) {
            const auto owner = q.col_opt_text(1);
            if (!owner || !s.owner || *owner != s.owner->value)
                return ApiError{409, "Resource with this name already exists",
                                "secrets \"" + s.name + "\" in namespace " + s.namespace_name + " belongs to someone else",
                                {}};
            if (auto old = parse_json(q.col_text(0))) {
                const K8sSecret before = secret_from_stored(*old);
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

VoidResult ClusterStore::delete_owned_secrets(const ClusterId& cluster, const CredentialId& owner, const std::string& ns) {
    std::lock_guard lock(store_.mutex_);
    std::string q = "DELETE FROM k8s_secrets WHERE cluster_id = ? AND owner_credential_id = ?";
    if (!ns.empty()) q += " AND namespace = ?";
    Stmt s(store_.db_, q.c_str());
    s.text(cluster.value).text(owner.value);
    if (!ns.empty()) s.text(ns);
    return s.run("delete secrets");
}

Result<std::vector<ClusterStore::ExistingSecretUser>> ClusterStore::existing_secret_users(const ClusterId& cluster) {
    std::lock_guard lock(store_.mutex_);
    Stmt s(store_.db_, "SELECT id, name, existing_secret_name, scope, department_id, project_id FROM credentials "
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
    std::lock_guard lock(store_.mutex_);
    Stmt s(store_.db_, "SELECT state FROM clusters WHERE uuid = ? AND deleted_at IS NULL");
    s.text(cluster.value);
    const int rc = s.step();
    if (rc == SQLITE_ROW) return std::optional<bool>{s.col_text(0) != "Disconnected"};
    if (rc == SQLITE_DONE) return std::optional<bool>{};
    return db_error(store_.db_, "read cluster state");
}

VoidResult ClusterStore::set_reachable(const ClusterId& cluster, bool reachable) {
    std::lock_guard lock(store_.mutex_);
    Stmt s(store_.db_, "UPDATE clusters SET state = ?, updated_at = ? WHERE uuid = ?");
    return s.text(reachable ? "Connected" : "Disconnected")
        .text(format_rfc3339(unix_now_ms()))
        .text(cluster.value)
        .run("write cluster state");
}

}  // namespace cc::server
