// Reads and writes the Run:ai API's JSON: credentials (read leniently by the client: unknown
// fields ignored), request bodies (read strictly by the server: a wrong type or an unknown field
// is a 400 naming the field), error bodies and the organization. [SECTION] index: helpers,
// credentials (encode), credentials (decode), requests, errors, org.
#include "core/json_codec.h"

#include <algorithm>
#include <cstdio>

#include "core/credential_list_reader.h"

namespace cc {
namespace {

// ---- [SECTION] helpers -----------------------------------------------------------------------

ApiError bad_field(std::string field, std::string message) {
    return ApiError{400, std::move(message), {}, std::move(field)};
}

Json opt_str(const std::optional<std::string>& s) {
    return s ? Json(*s) : Json(nullptr);
}

const Json* member(const Json& obj, const char* key) {
    if (!obj.is_object()) return nullptr;
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    return &*it;
}

std::string str_or(const Json& obj, const char* key, std::string fallback = {}) {
    const Json* m = member(obj, key);
    return (m && m->is_string()) ? m->get<std::string>() : fallback;
}

std::optional<std::string> opt_str_of(const Json& obj, const char* key) {
    const Json* m = member(obj, key);
    if (m && m->is_string()) return m->get<std::string>();
    return std::nullopt;
}

// Ids arrive as strings or numbers depending on the endpoint and the server's age
// (docs/api.md, 'Ids').
std::optional<std::string> id_string_of(const Json& obj, const char* key) {
    const Json* m = member(obj, key);
    if (!m) return std::nullopt;
    if (m->is_string()) return m->get<std::string>();
    if (m->is_number_integer()) return std::to_string(m->get<std::int64_t>());
    return std::nullopt;
}

std::optional<std::int64_t> id_int_of(const Json& obj, const char* key) {
    const Json* m = member(obj, key);
    if (!m) return std::nullopt;
    if (m->is_number_integer()) return m->get<std::int64_t>();
    if (m->is_string()) {
        const auto id = parse_project_id(m->get_ref<const std::string&>());
        if (!id) return std::nullopt;
        return id->value;
    }
    return std::nullopt;
}

// Strict readers for request bodies: absent/null is fine, a wrong type is a 400 naming the field.
class StrictObject {
public:
    StrictObject(const Json& j, std::string path) : j_(j), path_(std::move(path)) {}

    std::optional<ApiError> check_object() const {
        if (!j_.is_object()) return bad_field(path_, path_ + " must be an object");
        return std::nullopt;
    }
    std::optional<ApiError> check_known(std::initializer_list<const char*> keys) const {
        for (auto it = j_.begin(); it != j_.end(); ++it) {
            const bool known = std::any_of(keys.begin(), keys.end(), [&](const char* k) { return it.key() == k; });
            if (!known) return bad_field(field(it.key()), "Unknown field " + field(it.key()));
        }
        return std::nullopt;
    }
    std::optional<ApiError> string(const char* key, std::optional<std::string>& out) const {
        const Json* m = member(j_, key);
        if (!m) return std::nullopt;
        if (!m->is_string()) return bad_field(field(key), field(key) + " must be a string");
        out = m->get<std::string>();
        return std::nullopt;
    }
    std::optional<ApiError> boolean(const char* key, bool& out) const {
        const Json* m = member(j_, key);
        if (!m) return std::nullopt;
        if (!m->is_boolean()) return bad_field(field(key), field(key) + " must be a boolean");
        out = m->get<bool>();
        return std::nullopt;
    }
    std::optional<ApiError> integer(const char* key, std::optional<std::int64_t>& out) const {
        const Json* m = member(j_, key);
        if (!m) return std::nullopt;
        if (!m->is_number_integer()) return bad_field(field(key), field(key) + " must be an integer");
        out = m->get<std::int64_t>();
        return std::nullopt;
    }
    std::string field(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
    const Json& json() const { return j_; }

private:
    const Json& j_;
    std::string path_;
};

#define CC_TRY(expr)                          \
    do {                                      \
        if (auto err_ = (expr)) return *err_; \
    } while (0)

}  // namespace

bool json_nesting_exceeds(std::string_view text, std::size_t limit) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;  // the escaped character cannot end the string
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return true;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return false;
}

Result<Json> parse_json(std::string_view text) {
    if (json_nesting_exceeds(text, kMaxJsonDepth))
        return ApiError{400,
                        "The JSON document is nested too deeply",
                        "Arrays and objects may nest at most " + std::to_string(kMaxJsonDepth) + " levels deep",
                        {}};
    Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return ApiError{400, "Malformed JSON in the request body", {}, {}};
    return j;
}

// ---- [SECTION] credentials (encode) ------------------------------------------------------------

Json encode_meta(const AssetMeta& m) {
    Json j = {
        {"id", m.id.value},
        {"kind", kind_api_name(m.kind)},
        {"name", m.name},
        {"description", opt_str(m.description)},
        {"scope", scope_api_name(m.scope.type)},
        {"clusterId", m.scope.cluster_id ? Json(m.scope.cluster_id->value) : Json(nullptr)},
        {"departmentId", m.scope.department_id ? Json(m.scope.department_id->value) : Json(nullptr)},
        {"projectId", m.scope.project_id ? Json(m.scope.project_id->value) : Json(nullptr)},
        {"projectName", opt_str(m.project_name)},
        {"tenantId", m.tenant_id ? Json(*m.tenant_id) : Json(nullptr)},
        {"autoDelete", m.auto_delete},
        {"private", m.is_private},
        {"workloadSupportedTypes", nullptr},
        {"createdBy", m.created_by},
        {"createdAt", m.created_at},
        {"updatedBy", m.updated_by},
        {"updatedAt", m.updated_at},
        {"updateCount", m.update_count},
    };
    if (m.deleted_at) j["deletedAt"] = *m.deleted_at;
    if (m.deleted_by) j["deletedBy"] = *m.deleted_by;
    return j;
}

Json encode_status(const AssetStatus& s) {
    Json issues = Json::array();
    for (const auto& i : s.issues)
        issues.push_back(
            {{"scopeId", i.scope_id}, {"scopeType", scope_api_name(i.scope_type)}, {"issue", issue_api_name(i.issue)}});
    return {{"status", status_api_name(s.status)}, {"issues", issues}, {"message", s.message}, {"url", s.url}};
}

Json encode_usage(const UsageInfo& u) {
    auto workloads = [](const std::vector<WorkloadRef>& v) {
        Json a = Json::array();
        for (const auto& w : v) {
            Json o = {{"id", w.id}, {"name", w.name}};
            if (w.status) o["status"] = *w.status;
            a.push_back(std::move(o));
        }
        return a;
    };
    auto refs = [](const std::vector<AssetRef>& v) {
        Json a = Json::array();
        for (const auto& r : v) a.push_back({{"id", r.id}, {"name", r.name}});
        return a;
    };
    Json ds = Json::array();
    for (const auto& d : u.datasources) ds.push_back({{"id", d.id}, {"name", d.name}, {"kind", d.kind}});
    return {
        {"workspaces", workloads(u.workspaces)},
        {"trainings", workloads(u.trainings)},
        {"distributed", workloads(u.distributed)},
        {"inferences", workloads(u.inferences)},
        {"templates", refs(u.templates)},
        {"assets", {{"environments", refs(u.environments)}, {"computes", refs(u.computes)}, {"datasources", ds}}},
    };
}

Json encode_spec_read(const CredentialSpec& s, std::int32_t key_id) {
    return std::visit(
        [key_id](const auto& v) -> Json {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, AccessKeySpec>) {
                return {{"existingSecretName", opt_str(v.existing_secret_name)},
                        {"accessKeyId", nullptr},
                        {"secretAccessKey", nullptr},
                        {"keyId", key_id}};
            } else if constexpr (std::is_same_v<T, PasswordSpec>) {
                return {{"existingSecretName", opt_str(v.existing_secret_name)},
                        {"user", nullptr},
                        {"password", nullptr},
                        {"keyId", key_id}};
            } else if constexpr (std::is_same_v<T, DockerRegistrySpec>) {
                return {{"existingSecretName", opt_str(v.existing_secret_name)},
                        {"user", nullptr},
                        {"password", nullptr},
                        {"url", opt_str(v.url)},
                        {"keyId", key_id}};
            } else if constexpr (std::is_same_v<T, GenericSecretSpec>) {
                Json pairs = nullptr;
                if (v.key_value_pairs) {
                    pairs = Json::array();
                    for (const auto& kv : *v.key_value_pairs) pairs.push_back({{"key", kv.key}, {"value", nullptr}});
                }
                return {{"existingSecretName", opt_str(v.existing_secret_name)},
                        {"keyValuePairs", pairs},
                        {"keyId", key_id}};
            } else {
                // The schema types ngc_api_key as a string that cannot be null, so the masked
                // key is left out rather than answered as null (docs/api.md, 'Secret values
                // are write-only').
                return {{"keyId", key_id}};
            }
        },
        s);
}

Json encode_credential(const Credential& c, bool combined_entry) {
    Json j;
    j["meta"] = encode_meta(c.meta);
    Json spec = encode_spec_read(c.spec, c.key_id);
    if (combined_entry) {
        Json nested = Json::object();
        for (auto k : kAllKinds) nested[std::string(kind_api_name(k))] = nullptr;
        nested[std::string(kind_api_name(c.meta.kind))] = std::move(spec);
        j["spec"] = std::move(nested);
    } else {
        j["spec"] = std::move(spec);
    }
    if (c.used_by) j["usedBy"] = encode_usage(*c.used_by);
    if (c.status) j["status"] = encode_status(*c.status);
    if (c.k8s_names) {
        Json res = Json::array();
        for (const auto& n : *c.k8s_names) res.push_back({{"name", n}});
        j["clusterInfo"] = {{"resources", res}};
    }
    return j;
}

// ---- [SECTION] credentials (decode, lenient) -------------------------------------------------

Result<AssetMeta> decode_meta(const Json& j) {
    if (!j.is_object()) return bad_field("meta", "meta must be an object");
    AssetMeta m;
    auto id = opt_str_of(j, "id");
    if (!id) return bad_field("meta.id", "meta.id is missing");
    m.id = CredentialId{*id};
    auto kind = kind_from_api_name(str_or(j, "kind"));
    if (!kind) return bad_field("meta.kind", "meta.kind is not a credential kind: " + str_or(j, "kind"));
    m.kind = *kind;
    m.name = str_or(j, "name");
    m.description = opt_str_of(j, "description");
    auto scope = scope_from_api_name(str_or(j, "scope"));
    if (!scope) return bad_field("meta.scope", "meta.scope is not a scope: " + str_or(j, "scope"));
    m.scope.type = *scope;
    if (auto c = opt_str_of(j, "clusterId")) m.scope.cluster_id = ClusterId{*c};
    if (auto d = id_string_of(j, "departmentId")) m.scope.department_id = DepartmentId{*d};
    if (auto p = id_int_of(j, "projectId")) m.scope.project_id = ProjectId{*p};
    m.project_name = opt_str_of(j, "projectName");
    m.tenant_id = id_int_of(j, "tenantId");
    if (const Json* b = member(j, "autoDelete"); b && b->is_boolean()) m.auto_delete = b->get<bool>();
    if (const Json* b = member(j, "private"); b && b->is_boolean()) m.is_private = b->get<bool>();
    m.created_by = str_or(j, "createdBy");
    m.created_at = str_or(j, "createdAt");
    m.updated_by = str_or(j, "updatedBy");
    m.updated_at = str_or(j, "updatedAt");
    m.deleted_at = opt_str_of(j, "deletedAt");
    m.deleted_by = opt_str_of(j, "deletedBy");
    if (const Json* u = member(j, "updateCount"); u && u->is_number_integer()) m.update_count = u->get<std::int64_t>();
    return m;
}

Result<AssetStatus> decode_status(const Json& j) {
    if (!j.is_object()) return bad_field("status", "status must be an object");
    AssetStatus s;
    auto st = status_from_api_name(str_or(j, "status"));
    if (!st) return bad_field("status.status", "Unknown status: " + str_or(j, "status"));
    s.status = *st;
    if (const Json* issues = member(j, "issues"); issues && issues->is_array()) {
        for (const auto& i : *issues) {
            StatusIssue issue;
            issue.scope_id = id_string_of(i, "scopeId").value_or("");
            issue.scope_type = scope_from_api_name(str_or(i, "scopeType")).value_or(ScopeType::Project);
            issue.issue = issue_from_api_name(str_or(i, "issue")).value_or(IssueKind::NotCreated);
            s.issues.push_back(std::move(issue));
        }
    }
    s.message = str_or(j, "message");
    s.url = str_or(j, "url");
    return s;
}

Result<UsageInfo> decode_usage(const Json& j) {
    UsageInfo u;
    if (!j.is_object()) return u;
    auto workloads = [](const Json& obj, const char* key, std::vector<WorkloadRef>& out) {
        if (const Json* a = member(obj, key); a && a->is_array())
            for (const auto& w : *a)
                out.push_back({id_string_of(w, "id").value_or(""), str_or(w, "name"), opt_str_of(w, "status")});
    };
    auto refs = [](const Json& obj, const char* key, std::vector<AssetRef>& out) {
        if (const Json* a = member(obj, key); a && a->is_array())
            for (const auto& r : *a) out.push_back({id_string_of(r, "id").value_or(""), str_or(r, "name")});
    };
    workloads(j, "workspaces", u.workspaces);
    workloads(j, "trainings", u.trainings);
    workloads(j, "distributed", u.distributed);
    workloads(j, "inferences", u.inferences);
    refs(j, "templates", u.templates);
    if (const Json* assets = member(j, "assets"); assets && assets->is_object()) {
        refs(*assets, "environments", u.environments);
        refs(*assets, "computes", u.computes);
        if (const Json* a = member(*assets, "datasources"); a && a->is_array())
            for (const auto& d : *a)
                u.datasources.push_back({id_string_of(d, "id").value_or(""), str_or(d, "name"), str_or(d, "kind")});
        // Deprecated singular forms still sent by older control planes.
        if (const Json* e = member(*assets, "environment"); e && e->is_object() && u.environments.empty())
            u.environments.push_back({id_string_of(*e, "id").value_or(""), str_or(*e, "name")});
        if (const Json* c = member(*assets, "compute"); c && c->is_object() && u.computes.empty())
            u.computes.push_back({id_string_of(*c, "id").value_or(""), str_or(*c, "name")});
    }
    return u;
}

namespace {

CredentialSpec decode_spec_lenient(const Json& s, CredentialKind kind) {
    CredentialSpec spec = empty_spec(kind);
    std::visit(
        [&s](auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, NgcApiKeySpec>) {
                // the key itself is write-only; nothing to read
            } else {
                v.existing_secret_name = opt_str_of(s, "existingSecretName");
                if constexpr (std::is_same_v<T, DockerRegistrySpec>) v.url = opt_str_of(s, "url");
                if constexpr (std::is_same_v<T, GenericSecretSpec>) {
                    if (const Json* a = member(s, "keyValuePairs"); a && a->is_array()) {
                        v.key_value_pairs.emplace();
                        for (const auto& kv : *a)
                            if (kv.is_object()) v.key_value_pairs->push_back({str_or(kv, "key"), std::nullopt});
                    }
                }
            }
        },
        spec);
    return spec;
}

}  // namespace

Result<Credential> decode_credential(const Json& j) {
    if (!j.is_object()) return bad_field("", "credential must be an object");
    const Json* meta_j = member(j, "meta");
    if (!meta_j) return bad_field("meta", "meta is missing");
    auto meta = decode_meta(*meta_j);
    if (!meta) return meta.error();
    Credential c;
    c.meta = std::move(*meta);
    const Json empty = Json::object();
    const Json* spec_j = member(j, "spec");
    if (!spec_j) spec_j = &empty;
    const std::string kind_key(kind_api_name(c.meta.kind));
    // Combined-list entries nest the spec under the kind name (note the password kind's
    // own field is also called "password", but it is a string there, never an object).
    if (const Json* nested = member(*spec_j, kind_key.c_str()); nested && nested->is_object()) spec_j = nested;
    c.spec = decode_spec_lenient(*spec_j, c.meta.kind);
    if (const Json* k = member(*spec_j, "keyId"); k && k->is_number_integer()) c.key_id = k->get<std::int32_t>();
    if (const Json* u = member(j, "usedBy")) {
        auto usage = decode_usage(*u);
        if (usage) c.used_by = std::move(*usage);
    }
    if (const Json* s = member(j, "status")) {
        // A status value newer than this client is shown as absent ("-") rather than
        // failing the whole list.
        auto status = decode_status(*s);
        if (status) c.status = std::move(*status);
    }
    if (const Json* ci = member(j, "clusterInfo")) {
        c.k8s_names.emplace();
        if (const Json* res = member(*ci, "resources"); res && res->is_array())
            for (const auto& r : *res) c.k8s_names->push_back(str_or(r, "name"));
    }
    return c;
}

Result<std::vector<Credential>> decode_credential_list(std::string_view body) {
    if (auto fast = decode_credential_list_fast(body)) return std::move(*fast);
    auto j = parse_json(body);
    if (!j) return ApiError{0, "The server sent a list that is not valid JSON", {}, {}};
    const Json* entries = member(*j, "entries");
    if (!entries || !entries->is_array()) return ApiError{0, "The server's list has no entries array", {}, {}};
    std::vector<Credential> out;
    out.reserve(entries->size());
    for (std::size_t i = 0; i < entries->size(); ++i) {
        auto c = decode_credential((*entries)[i]);
        if (!c) {
            ApiError e = c.error();
            e.message = "Entry " + std::to_string(i) + ": " + e.message;
            return e;
        }
        out.push_back(std::move(*c));
    }
    return out;
}

// ---- [SECTION] requests ------------------------------------------------------------------------

Json encode_create_request(const CreateRequest& r) {
    Json meta = {{"name", r.name}, {"scope", scope_api_name(r.scope.type)}};
    if (r.description) meta["description"] = *r.description;
    if (r.scope.cluster_id) meta["clusterId"] = r.scope.cluster_id->value;
    if (r.scope.department_id) meta["departmentId"] = r.scope.department_id->value;
    if (r.scope.project_id) meta["projectId"] = r.scope.project_id->value;
    if (r.auto_delete) meta["autoDelete"] = true;
    if (r.is_private) meta["private"] = true;
    Json spec = std::visit(
        [](const auto& v) -> Json {
            using T = std::decay_t<decltype(v)>;
            Json s = Json::object();
            auto put = [&s](const char* key, const std::optional<std::string>& val) {
                if (val) s[key] = *val;
            };
            if constexpr (std::is_same_v<T, AccessKeySpec>) {
                put("existingSecretName", v.existing_secret_name);
                put("accessKeyId", v.access_key_id);
                put("secretAccessKey", v.secret_access_key);
            } else if constexpr (std::is_same_v<T, PasswordSpec>) {
                put("existingSecretName", v.existing_secret_name);
                put("user", v.user);
                put("password", v.password);
            } else if constexpr (std::is_same_v<T, DockerRegistrySpec>) {
                put("existingSecretName", v.existing_secret_name);
                put("user", v.user);
                put("password", v.password);
                put("url", v.url);
            } else if constexpr (std::is_same_v<T, GenericSecretSpec>) {
                put("existingSecretName", v.existing_secret_name);
                if (v.key_value_pairs) {
                    Json pairs = Json::array();
                    for (const auto& kv : *v.key_value_pairs)
                        pairs.push_back({{"key", kv.key}, {"value", opt_str(kv.value)}});
                    s["keyValuePairs"] = std::move(pairs);
                }
            } else {
                put("ngc_api_key", v.ngc_api_key);
            }
            return s;
        },
        r.spec);
    return {{"meta", std::move(meta)}, {"spec", std::move(spec)}};
}

namespace {

// meta of a create request: the name, the scope the credential is created in, and its flags.
std::optional<ApiError> decode_create_meta(const Json& meta_j, CreateRequest& r) {
    StrictObject meta(meta_j, "meta");
    CC_TRY(meta.check_object());
    CC_TRY(meta.check_known({"name", "description", "scope", "clusterId", "departmentId", "projectId", "autoDelete",
                             "workloadSupportedTypes", "private"}));
    std::optional<std::string> name, scope, cluster, department;
    std::optional<std::int64_t> project;
    CC_TRY(meta.string("name", name));
    if (!name) return bad_field("meta.name", "meta.name is required");
    r.name = *name;
    CC_TRY(meta.string("description", r.description));
    CC_TRY(meta.string("scope", scope));
    if (!scope) return bad_field("meta.scope", "meta.scope is required");
    auto scope_type = scope_from_api_name(*scope);
    if (!scope_type || *scope_type == ScopeType::System)
        return bad_field("meta.scope", "meta.scope must be one of tenant, cluster, department, project");
    r.scope.type = *scope_type;
    CC_TRY(meta.string("clusterId", cluster));
    if (cluster) r.scope.cluster_id = ClusterId{*cluster};
    CC_TRY(meta.string("departmentId", department));
    if (department) r.scope.department_id = DepartmentId{*department};
    CC_TRY(meta.integer("projectId", project));
    if (project) r.scope.project_id = ProjectId{*project};
    CC_TRY(meta.boolean("autoDelete", r.auto_delete));
    CC_TRY(meta.boolean("private", r.is_private));
    if (const Json* w = member(meta_j, "workloadSupportedTypes"); w && !w->is_object())
        return bad_field("meta.workloadSupportedTypes", "meta.workloadSupportedTypes must be an object");
    return std::nullopt;
}

// spec.keyValuePairs of a generic secret: [{key, value}, ...].
std::optional<ApiError> decode_key_value_pairs(const Json& pairs, std::optional<std::vector<KeyValuePair>>& out) {
    if (!pairs.is_array()) return bad_field("spec.keyValuePairs", "spec.keyValuePairs must be an array");
    out.emplace();
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        const std::string path = "spec.keyValuePairs[" + std::to_string(i) + "]";
        StrictObject kv(pairs[i], path);
        CC_TRY(kv.check_object());
        CC_TRY(kv.check_known({"key", "value"}));
        std::optional<std::string> key, value;
        CC_TRY(kv.string("key", key));
        CC_TRY(kv.string("value", value));
        out->push_back({key.value_or(""), std::move(value)});
    }
    return std::nullopt;
}

// spec of a create request, into `out` (the kind's empty spec): the fields of that kind only.
// On an error `out` may hold some secret values already; the caller wipes them.
std::optional<ApiError> decode_create_spec(const Json& spec_j, CredentialSpec& out) {
    StrictObject spec(spec_j, "spec");
    CC_TRY(spec.check_object());
    return std::visit(
        [&spec, &spec_j](auto& v) -> std::optional<ApiError> {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, AccessKeySpec>) {
                CC_TRY(spec.check_known({"existingSecretName", "accessKeyId", "secretAccessKey"}));
                CC_TRY(spec.string("existingSecretName", v.existing_secret_name));
                CC_TRY(spec.string("accessKeyId", v.access_key_id));
                CC_TRY(spec.string("secretAccessKey", v.secret_access_key));
            } else if constexpr (std::is_same_v<T, PasswordSpec>) {
                CC_TRY(spec.check_known({"existingSecretName", "user", "password"}));
                CC_TRY(spec.string("existingSecretName", v.existing_secret_name));
                CC_TRY(spec.string("user", v.user));
                CC_TRY(spec.string("password", v.password));
            } else if constexpr (std::is_same_v<T, DockerRegistrySpec>) {
                CC_TRY(spec.check_known({"existingSecretName", "user", "password", "url"}));
                CC_TRY(spec.string("existingSecretName", v.existing_secret_name));
                CC_TRY(spec.string("user", v.user));
                CC_TRY(spec.string("password", v.password));
                CC_TRY(spec.string("url", v.url));
            } else if constexpr (std::is_same_v<T, GenericSecretSpec>) {
                CC_TRY(spec.check_known({"existingSecretName", "keyValuePairs"}));
                CC_TRY(spec.string("existingSecretName", v.existing_secret_name));
                if (const Json* pairs = member(spec_j, "keyValuePairs"))
                    CC_TRY(decode_key_value_pairs(*pairs, v.key_value_pairs));
            } else {
                CC_TRY(spec.check_known({"ngc_api_key"}));
                CC_TRY(spec.string("ngc_api_key", v.ngc_api_key));
            }
            return std::nullopt;
        },
        out);
}

}  // namespace

Result<CreateRequest> decode_create_request(const Json& j, CredentialKind kind) {
    StrictObject root(j, "");
    CC_TRY(root.check_object());
    CC_TRY(root.check_known({"meta", "spec"}));
    const Json* meta_j = member(j, "meta");
    if (!meta_j) return bad_field("meta", "meta is required");
    const Json* spec_j = member(j, "spec");
    if (!spec_j) return bad_field("spec", "spec is required");

    CreateRequest r;
    CC_TRY(decode_create_meta(*meta_j, r));
    r.spec = empty_spec(kind);
    if (auto err = decode_create_spec(*spec_j, r.spec)) {
        wipe_secrets(r);
        return *err;
    }
    return r;
}

Json encode_update_request(const UpdateRequest& r) {
    Json meta = Json::object();
    if (r.name) meta["name"] = *r.name;
    if (r.description) meta["description"] = *r.description;
    return {{"meta", std::move(meta)}};
}

Result<UpdateRequest> decode_update_request(const Json& j) {
    StrictObject root(j, "");
    CC_TRY(root.check_object());
    CC_TRY(root.check_known({"meta"}));
    UpdateRequest r;
    const Json* meta_j = member(j, "meta");
    if (!meta_j) return r;
    StrictObject meta(*meta_j, "meta");
    CC_TRY(meta.check_object());
    CC_TRY(meta.check_known({"name", "description"}));
    CC_TRY(meta.string("name", r.name));
    CC_TRY(meta.string("description", r.description));
    return r;
}

// ---- [SECTION] errors --------------------------------------------------------------------------

std::string_view default_error_message(int http_status) {
    switch (http_status) {
        case 0: return "The server could not be reached";
        case 400: return "Required parameter is missing";
        case 401: return "Issuer is not familiar.";
        case 403: return "You do not have sufficient permissions.";
        case 404: return "Resource id not found.";
        case 405: return "Method not allowed";
        case 409: return "Resource with this name already exists";
        case 412: return "Precondition failed";
        case 413: return "Request body too large";
        case 500: return "Internal server error";
        case 503: return "Please try again in few minutes.";
        default: return "Request failed";
    }
}

Json encode_error(const ApiError& e) {
    Json j = {{"code", e.code}, {"message", e.message}};
    if (!e.details.empty()) j["details"] = e.details;
    return j;
}

ApiError decode_error(int http_status, std::string_view body) {
    ApiError e{http_status, std::string(default_error_message(http_status)), {}, {}};
    auto j = parse_json(body);
    if (!j || !j->is_object()) return e;
    if (auto m = opt_str_of(*j, "message"); m && !m->empty())
        e.message = *m;
    else if (auto d = opt_str_of(*j, "error_description"); d && !d->empty())
        e.message = *d;  // OAuth2 shape
    if (auto d = opt_str_of(*j, "details")) e.details = *d;
    // The reference server names the field at fault as "field: meta.name[; more]".
    if (e.details.rfind("field: ", 0) == 0) e.field = e.details.substr(7, e.details.find(';') - 7);
    return e;
}

// ---- [SECTION] org -----------------------------------------------------------------------------

Json encode_cluster(const Cluster& c) {
    Json j = {{"uuid", c.uuid.value},      {"tenantId", c.tenant_id},     {"name", c.name},
              {"createdAt", c.created_at}, {"domain", opt_str(c.domain)}, {"version", opt_str(c.version)}};
    j["status"] = {{"state", c.state.empty() ? "Unknown" : c.state}};
    return j;
}

Json encode_department(const Department& d) {
    return {{"id", d.id.value},
            {"name", d.name},
            {"clusterId", d.cluster_id.value},
            {"description", d.description},
            {"createdAt", d.created_at},
            {"updatedAt", d.updated_at},
            {"resources", Json::array()},
            {"totalResources", {{"gpuQuota", nullptr}, {"cpuQuota", nullptr}, {"memoryQuota", nullptr}}}};
}

Json encode_project(const Project& p) {
    return {{"id", std::to_string(p.id.value)},
            {"name", p.name},
            {"clusterId", p.cluster_id.value},
            {"parentId", p.parent_id.value},
            {"parent", {{"id", p.parent_id.value}, {"name", p.parent_name}}},
            {"description", p.description},
            {"requestedNamespace", nullptr},
            {"enforceRunaiScheduler", true},
            {"status", {{"namespace", p.namespace_name}, {"phase", "Ready"}, {"phaseMessage", "Project is ready"}}},
            {"resources", Json::array()},
            {"totalResources", {{"gpuQuota", nullptr}, {"cpuQuota", nullptr}, {"memoryQuota", nullptr}}},
            {"effective", Json::object()},
            {"createdAt", p.created_at},
            {"updatedAt", p.updated_at}};
}

Result<std::vector<Cluster>> decode_clusters(std::string_view body) {
    auto j = parse_json(body);
    if (!j || !j->is_array()) return ApiError{0, "The server's cluster list is not a JSON array", {}, {}};
    std::vector<Cluster> out;
    for (const auto& c : *j) {
        Cluster cl;
        cl.uuid = ClusterId{str_or(c, "uuid")};
        cl.name = str_or(c, "name");
        cl.tenant_id = id_int_of(c, "tenantId").value_or(0);
        cl.created_at = str_or(c, "createdAt");
        cl.domain = opt_str_of(c, "domain");
        cl.version = opt_str_of(c, "version");
        if (const Json* s = member(c, "status")) cl.state = str_or(*s, "state");
        out.push_back(std::move(cl));
    }
    return out;
}

Result<std::vector<Department>> decode_departments(std::string_view body) {
    auto j = parse_json(body);
    if (!j) return ApiError{0, "The server's department list is not valid JSON", {}, {}};
    return departments_from_json(*j);
}

Result<std::vector<Project>> decode_projects(std::string_view body) {
    auto j = parse_json(body);
    if (!j) return ApiError{0, "The server's project list is not valid JSON", {}, {}};
    return projects_from_json(*j);
}

std::optional<std::int64_t> decode_next(const Json& j) {
    return id_int_of(j, "next");
}

Result<std::vector<Department>> departments_from_json(const Json& j) {
    const Json* list = member(j, "departments");
    if (!list || !list->is_array()) return ApiError{0, "The server's department list has no departments array", {}, {}};
    std::vector<Department> out;
    for (const auto& d : *list) {
        out.push_back({DepartmentId{id_string_of(d, "id").value_or("")}, str_or(d, "name"),
                       ClusterId{str_or(d, "clusterId")}, str_or(d, "description"), str_or(d, "createdAt"),
                       str_or(d, "updatedAt")});
    }
    return out;
}

Result<std::vector<Project>> projects_from_json(const Json& j) {
    const Json* list = member(j, "projects");
    if (!list || !list->is_array()) return ApiError{0, "The server's project list has no projects array", {}, {}};
    std::vector<Project> out;
    for (const auto& p : *list) {
        Project pr;
        pr.id = ProjectId{id_int_of(p, "id").value_or(-1)};
        pr.name = str_or(p, "name");
        pr.cluster_id = ClusterId{str_or(p, "clusterId")};
        pr.parent_id = DepartmentId{id_string_of(p, "parentId").value_or("")};
        if (const Json* parent = member(p, "parent")) pr.parent_name = str_or(*parent, "name");
        if (const Json* s = member(p, "status")) pr.namespace_name = str_or(*s, "namespace");
        if (pr.namespace_name.empty()) pr.namespace_name = "runai-" + pr.name;
        pr.description = str_or(p, "description");
        pr.created_at = str_or(p, "createdAt");
        pr.updated_at = str_or(p, "updatedAt");
        out.push_back(std::move(pr));
    }
    return out;
}

}  // namespace cc
