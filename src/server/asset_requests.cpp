// Reading, checking and encoding the data sources and environments that reference credentials.
// [SECTION] index: strict readers, meta and scope, credential references, specs per asset type,
// the read model.
#include "server/asset_requests.h"

#include <algorithm>
#include <set>

#include "core/secret_format.h"
#include "core/validation.h"
#include "server/http_util.h"

namespace cc::server {
namespace {

// ---- [SECTION] strict readers ------------------------------------------------------------------

ApiError invalid(std::string field, std::string message) {
    return ApiError{400, std::move(message), {}, std::move(field)};
}

std::string join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::optional<ApiError> check_object(const Json* j, const std::string& path) {
    if (!j || !j->is_object()) return invalid(path, path + " must be an object");
    return std::nullopt;
}

std::optional<ApiError> check_known(const Json& j, const std::string& path,
                                    std::initializer_list<std::string_view> keys) {
    for (auto it = j.begin(); it != j.end(); ++it)
        if (std::find(keys.begin(), keys.end(), it.key()) == keys.end())
            return invalid(join(path, it.key()), "Unknown field " + join(path, it.key()));
    return std::nullopt;
}

const Json* member(const Json& obj, std::string_view key) {
    auto it = obj.find(std::string(key));
    return it == obj.end() || it->is_null() ? nullptr : &*it;
}

// Absent or null: nullopt. Present: a string (non-empty when `non_empty`), else a 400.
Result<std::optional<std::string>> opt_string(const Json& obj, const std::string& path, std::string_view key,
                                              bool non_empty = true) {
    const Json* m = member(obj, key);
    if (!m) return std::optional<std::string>{};
    if (!m->is_string()) return invalid(join(path, key), join(path, key) + " must be a string");
    if (non_empty && m->get_ref<const std::string&>().empty())
        return invalid(join(path, key), join(path, key) + " must not be empty");
    return std::optional<std::string>{m->get<std::string>()};
}

Result<std::string> required_string(const Json& obj, const std::string& path, std::string_view key) {
    auto s = opt_string(obj, path, key);
    if (!s) return s.error();
    if (!*s) return invalid(join(path, key), join(path, key) + " is required");
    return **s;
}

#define CC_CHECK(expr)                        \
    do {                                      \
        if (auto err_ = (expr)) return *err_; \
    } while (0)

// ---- [SECTION] meta and scope ------------------------------------------------------------------

Result<ScopeRef> decode_scope(const Json& meta, const OrgTree& tree) {
    auto scope_text = required_string(meta, "meta", "scope");
    if (!scope_text) return scope_text.error();
    const auto type = scope_from_api_name(*scope_text);
    if (!type || *type == ScopeType::System)
        return invalid("meta.scope", "meta.scope must be one of tenant, cluster, department, project");
    auto cluster = opt_string(meta, "meta", "clusterId");
    if (!cluster) return cluster.error();
    auto department = opt_string(meta, "meta", "departmentId");
    if (!department) return department.error();
    std::optional<std::int64_t> project;
    if (const Json* p = member(meta, "projectId")) {
        if (!p->is_number_integer()) return invalid("meta.projectId", "meta.projectId must be an integer");
        project = p->get<std::int64_t>();
    }

    ScopeRef s{*type, {}, {}, {}};
    auto forbid = [](bool present, const char* field, const char* level) -> std::optional<ApiError> {
        if (present) return invalid(field, std::string("A ") + level + " scoped asset takes no " + (field + 5));
        return std::nullopt;
    };
    switch (*type) {
        case ScopeType::System: break;
        case ScopeType::Tenant:
            CC_CHECK(forbid(cluster->has_value(), "meta.clusterId", "tenant"));
            CC_CHECK(forbid(department->has_value(), "meta.departmentId", "tenant"));
            CC_CHECK(forbid(project.has_value(), "meta.projectId", "tenant"));
            break;
        case ScopeType::Cluster:
            if (!*cluster) return invalid("meta.clusterId", "meta.clusterId is required for cluster scope");
            CC_CHECK(forbid(department->has_value(), "meta.departmentId", "cluster"));
            CC_CHECK(forbid(project.has_value(), "meta.projectId", "cluster"));
            if (!tree.cluster(ClusterId{**cluster})) return invalid("meta.clusterId", "Unknown cluster " + **cluster);
            s.cluster_id = ClusterId{**cluster};
            break;
        case ScopeType::Department: {
            if (!*department) return invalid("meta.departmentId", "meta.departmentId is required for department scope");
            CC_CHECK(forbid(project.has_value(), "meta.projectId", "department"));
            const Department* d = tree.department(DepartmentId{**department});
            if (!d) return invalid("meta.departmentId", "Unknown department " + **department);
            if (*cluster && **cluster != d->cluster_id.value)
                return invalid("meta.clusterId", "meta.clusterId is not the cluster of department " + d->id.value);
            s.department_id = d->id;
            break;
        }
        case ScopeType::Project: {
            if (!project) return invalid("meta.projectId", "meta.projectId is required for project scope");
            const Project* p = tree.project(ProjectId{*project});
            if (!p) return invalid("meta.projectId", "Unknown project " + std::to_string(*project));
            if (*department && **department != p->parent_id.value)
                return invalid("meta.departmentId",
                               "meta.departmentId is not the department of project " + std::to_string(p->id.value));
            if (*cluster && **cluster != p->cluster_id.value)
                return invalid("meta.clusterId",
                               "meta.clusterId is not the cluster of project " + std::to_string(p->id.value));
            s.project_id = p->id;
            break;
        }
    }
    return tree.normalized(s);
}

// ---- [SECTION] credential references -----------------------------------------------------------

// What resolving a credential reference needs: the caller (whose reads limit what exists for
// them, and whose tree places scopes) and the store's lookup.
struct References {
    const CallerAccess& caller;
    const CredentialLookup& lookup;
    const OrgTree& tree() const { return caller.tree; }
};

// The credential `value` (at `field`) names, when the caller may read it, it is not being
// deleted and it is usable at `at`. One the caller may not read is answered exactly like an id
// that does not exist, so the answer tells nothing about it (not even that it exists).
Result<Credential> referenced_credential(const Json& value, const std::string& field, const ScopeRef& at,
                                         const References& refs) {
    if (!value.is_string()) return invalid(field, field + " must be a string");
    const std::string id = value.get<std::string>();
    if (!is_uuid(id)) return invalid(field, field + " must be a credential id (a UUID)");
    auto found = refs.lookup(CredentialId{id});
    if (!found) return found.error();
    if (!*found || !refs.caller.permissions.can_read((*found)->meta, refs.caller.user))
        return invalid(field, field + ": credential " + id + " not found");
    const OrgTree& tree = refs.tree();
    Credential& c = **found;
    const bool deleting =
        c.meta.deleted_at.has_value() ||
        (c.status && (c.status->status == SyncStatus::Deleting || c.status->status == SyncStatus::DeletionFailed));
    if (deleting) return invalid(field, field + ": credential " + c.meta.name + " is being deleted");
    // A shared asset would show a personal credential to everyone who reads the asset; workloads
    // reference personal credentials by name instead (docs/api.md, 'Personal credentials').
    if (c.meta.is_private)
        return invalid(field, field + ": credential " + c.meta.name +
                                  " is a personal credential and cannot be used by a shared asset");
    if (!tree.inherits(c.meta.scope, at))
        return invalid(field, field + ": credential " + c.meta.name + " (" + tree.scope_path(c.meta.scope) +
                                  ") cannot be used at " + tree.scope_path(at) +
                                  "; a credential is usable in its own scope and below");
    return std::move(c);
}

// The key names of a generic secret, when known (nullopt: it uses an existing secret).
std::optional<std::vector<std::string>> secret_keys(const Credential& c) {
    const auto* g = std::get_if<GenericSecretSpec>(&c.spec);
    if (!g || !g->key_value_pairs) return std::nullopt;
    std::vector<std::string> keys;
    for (const auto& kv : *g->key_value_pairs) keys.push_back(kv.key);
    return keys;
}

std::string kind_text(const Credential& c) {
    return std::string(kind_api_name(c.meta.kind));
}

void add_unique(std::vector<CredentialId>& ids, const CredentialId& id) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

// ---- [SECTION] specs ---------------------------------------------------------------------------

// Copies the optional string members `keys` of `in` into `out` (nulls dropped).
std::optional<ApiError> copy_strings(const Json& in, Json& out, std::initializer_list<std::string_view> keys,
                                     bool required) {
    for (auto key : keys) {
        if (required) {
            auto s = required_string(in, "spec", key);
            if (!s) return s.error();
            out[std::string(key)] = *s;
        } else {
            auto s = opt_string(in, "spec", key);
            if (!s) return s.error();
            if (*s) out[std::string(key)] = **s;
        }
    }
    return std::nullopt;
}

std::optional<ApiError> decode_git(const Json& spec, AssetCreate& a, const References& refs) {
    CC_CHECK(
        check_known(spec, "spec", {"repository", "branch", "revision", "path", "credentialId", "passwordAssetId"}));
    a.spec = Json::object();
    CC_CHECK(copy_strings(spec, a.spec, {"repository", "path"}, true));
    CC_CHECK(copy_strings(spec, a.spec, {"branch", "revision"}, false));
    const Json* current = member(spec, "credentialId");
    const Json* legacy = member(spec, "passwordAssetId");
    if (current && legacy)
        return invalid("spec.passwordAssetId",
                       "Give spec.credentialId or the deprecated spec.passwordAssetId, not both");
    if (!current && !legacy) return std::nullopt;  // a public repository
    const std::string field = current ? "spec.credentialId" : "spec.passwordAssetId";
    auto c = referenced_credential(current ? *current : *legacy, field, a.scope, refs);
    if (!c) return c.error();
    if (c->meta.kind == CredentialKind::GenericSecret && current) {
        const auto keys = secret_keys(*c);
        // Run:ai's key `ssh`, or the SSH key format's `ssh-privatekey` (docs/api.md, 'Generic
        // secret formats').
        const auto has = [&keys](std::string_view k) {
            return keys && std::find(keys->begin(), keys->end(), k) != keys->end();
        };
        if (!has("ssh") && !has(kSshPrivateKeyKey))
            return invalid(field, field + ": generic secret " + c->meta.name +
                                      " has no key named ssh or ssh-privatekey (the private key for Git over SSH)");
    } else if (c->meta.kind != CredentialKind::Password) {
        return invalid(field, field + ": credential " + c->meta.name + " is a " + kind_text(*c) +
                                  "; a Git data source needs " +
                                  (current ? "a password, or a genericSecret with key ssh" : "a password"));
    }
    a.spec[field.substr(5)] = c->meta.id.value;
    add_unique(a.credentials, c->meta.id);
    return std::nullopt;
}

std::optional<ApiError> decode_s3(const Json& spec, AssetCreate& a, const References& refs) {
    CC_CHECK(check_known(spec, "spec", {"bucket", "path", "url", "accessKeyAssetId"}));
    a.spec = Json::object();
    CC_CHECK(copy_strings(spec, a.spec, {"bucket", "path"}, true));
    CC_CHECK(copy_strings(spec, a.spec, {"url"}, false));
    const Json* ref = member(spec, "accessKeyAssetId");
    if (!ref) return std::nullopt;  // a public bucket
    auto c = referenced_credential(*ref, "spec.accessKeyAssetId", a.scope, refs);
    if (!c) return c.error();
    if (c->meta.kind != CredentialKind::AccessKey)
        return invalid("spec.accessKeyAssetId", "spec.accessKeyAssetId: credential " + c->meta.name + " is a " +
                                                    kind_text(*c) + "; an S3 data source needs an accessKey");
    a.spec["accessKeyAssetId"] = c->meta.id.value;
    add_unique(a.credentials, c->meta.id);
    return std::nullopt;
}

bool is_env_name(const std::string& s) {
    if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
               c == '.';
    });
}

Result<Json> decode_env_var(const Json& v, const std::string& at, AssetCreate& a, const References& refs) {
    CC_CHECK(check_object(&v, at));
    CC_CHECK(check_known(v, at, {"name", "value", "credential"}));
    auto name = required_string(v, at, "name");
    if (!name) return name.error();
    if (!is_env_name(*name))
        return invalid(at + ".name", at + ".name: " + *name + " is not a valid environment variable name");
    auto value = opt_string(v, at, "value", /*non_empty=*/false);
    if (!value) return value.error();
    const Json* credential = member(v, "credential");
    if (value->has_value() == (credential != nullptr))
        return invalid(at, at + " needs exactly one of value and credential");
    if (*value) return Json{{"name", *name}, {"value", **value}};

    const std::string cat = at + ".credential";
    CC_CHECK(check_object(credential, cat));
    CC_CHECK(check_known(*credential, cat, {"assetId", "key"}));
    const Json* asset_id = member(*credential, "assetId");
    if (!asset_id) return invalid(cat + ".assetId", cat + ".assetId is required");
    auto c = referenced_credential(*asset_id, cat + ".assetId", a.scope, refs);
    if (!c) return c.error();
    auto key = required_string(*credential, cat, "key");
    if (!key) return key.error();
    if (!is_valid_secret_key(*key)) return invalid(cat + ".key", cat + ".key: " + *key + " is not a valid secret key");
    if (const auto keys = secret_keys(*c); keys && std::find(keys->begin(), keys->end(), *key) == keys->end()) {
        std::string list;
        for (const auto& k : *keys) list += (list.empty() ? "" : ", ") + k;
        return invalid(cat + ".key", cat + ".key: generic secret " + c->meta.name + " has no key " + *key +
                                         " (its keys: " + list + ")");
    }
    add_unique(a.credentials, c->meta.id);
    return Json{{"name", *name}, {"credential", {{"assetId", c->meta.id.value}, {"key", *key}}}};
}

std::optional<ApiError> decode_environment(const Json& spec, AssetCreate& a, const References& refs) {
    CC_CHECK(check_known(spec, "spec",
                         {"image", "imagePullPolicy", "workingDir", "command", "args", "environmentVariables"}));
    a.spec = Json::object();
    CC_CHECK(copy_strings(spec, a.spec, {"image", "imagePullPolicy", "workingDir", "command", "args"}, false));
    if (a.spec.contains("imagePullPolicy")) {
        const std::string p = a.spec["imagePullPolicy"];
        if (p != "Always" && p != "IfNotPresent" && p != "Never")
            return invalid("spec.imagePullPolicy", "spec.imagePullPolicy must be Always, IfNotPresent or Never");
    }
    const Json* vars = member(spec, "environmentVariables");
    if (!vars) return std::nullopt;
    if (!vars->is_array()) return invalid("spec.environmentVariables", "spec.environmentVariables must be an array");
    Json out = Json::array();
    std::set<std::string> names;
    for (std::size_t i = 0; i < vars->size(); ++i) {
        const std::string at = "spec.environmentVariables[" + std::to_string(i) + "]";
        auto var = decode_env_var((*vars)[i], at, a, refs);
        if (!var) return var.error();
        const std::string name = var->at("name");
        if (!names.insert(name).second) return invalid(at + ".name", at + ".name: " + name + " is defined twice");
        out.push_back(std::move(*var));
    }
    a.spec["environmentVariables"] = std::move(out);
    return std::nullopt;
}

}  // namespace

std::string_view asset_kind_name(AssetType t) {
    switch (t) {
        case AssetType::GitDatasource: return "git";
        case AssetType::S3Datasource: return "s3";
        case AssetType::Environment: return "environment";
    }
    return "";
}

ReferrerType asset_referrer_type(AssetType t) {
    return t == AssetType::Environment ? ReferrerType::Environment : ReferrerType::Datasource;
}

Result<AssetCreate> decode_asset_create(const Json& body, AssetType type, const CallerAccess& caller,
                                        const CredentialLookup& lookup) {
    const OrgTree& tree = caller.tree;
    if (!body.is_object()) return invalid("", "The request body must be a JSON object");
    CC_CHECK(check_known(body, "", {"meta", "spec"}));
    const Json* meta = member(body, "meta");
    if (!meta) return invalid("meta", "meta is required");
    CC_CHECK(check_object(meta, "meta"));
    const Json* spec = member(body, "spec");
    if (!spec) return invalid("spec", "spec is required");
    CC_CHECK(check_object(spec, "spec"));
    CC_CHECK(check_known(*meta, "meta",
                         {"name", "description", "scope", "clusterId", "departmentId", "projectId", "autoDelete",
                          "workloadSupportedTypes"}));
    if (const Json* d = member(*meta, "autoDelete"); d && !d->is_boolean())
        return invalid("meta.autoDelete", "meta.autoDelete must be a boolean");
    if (const Json* w = member(*meta, "workloadSupportedTypes"); w && !w->is_object())
        return invalid("meta.workloadSupportedTypes", "meta.workloadSupportedTypes must be an object");

    AssetCreate a;
    a.type = type;
    auto name = required_string(*meta, "meta", "name");
    if (!name) return name.error();
    if (auto p = name_problem(*name)) return invalid("meta.name", "Invalid name: " + *p);
    a.name = *name;
    auto description = opt_string(*meta, "meta", "description");
    if (!description) return description.error();
    if (*description)
        if (auto p = description_problem(**description)) return invalid("meta.description", *p);
    a.description = *description;
    auto scope = decode_scope(*meta, tree);
    if (!scope) return scope.error();
    a.scope = *scope;
    // Before the spec: a caller who may not create here learns nothing from the credential checks.
    if (!caller.permissions.may(Action::Create, a.scope))
        return ApiError{403,
                        "You do not have sufficient permissions.",
                        std::string("You may not create ") +
                            (type == AssetType::Environment ? "environments" : "data sources") + " in this scope",
                        {}};

    const References refs{caller, lookup};
    std::optional<ApiError> e;
    switch (type) {
        case AssetType::GitDatasource: e = decode_git(*spec, a, refs); break;
        case AssetType::S3Datasource: e = decode_s3(*spec, a, refs); break;
        case AssetType::Environment: e = decode_environment(*spec, a, refs); break;
    }
    if (e) return *e;
    return a;
}

// ---- [SECTION] the read model ------------------------------------------------------------------

Json encode_asset(const Referrer& r, AssetType type, const OrgTree& tree, std::optional<std::int64_t> tenant_id) {
    const ScopeRef& s = r.scope;
    Json project_name = nullptr;
    if (s.type == ScopeType::Project && s.project_id)
        if (const Project* p = tree.project(*s.project_id)) project_name = p->name;
    Json meta = {
        {"id", r.id},
        {"kind", asset_kind_name(type)},
        {"name", r.name},
        {"description", r.description ? Json(*r.description) : Json(nullptr)},
        {"scope", scope_api_name(s.type)},
        {"clusterId", s.cluster_id ? Json(s.cluster_id->value) : Json(nullptr)},
        {"departmentId", s.department_id ? Json(s.department_id->value) : Json(nullptr)},
        {"projectId", s.project_id ? Json(s.project_id->value) : Json(nullptr)},
        {"projectName", project_name},
        {"tenantId", tenant_id ? Json(*tenant_id) : Json(nullptr)},
        {"autoDelete", false},
        {"workloadSupportedTypes", nullptr},
        {"createdBy", r.created_by},
        {"createdAt", r.created_at},
        {"updatedBy", r.created_by},
        {"updatedAt", r.created_at},
        {"updateCount", 1},
    };
    Json spec = Json::parse(r.spec_json, nullptr, /*allow_exceptions=*/false);
    if (!spec.is_object()) spec = Json::object();
    return {{"meta", std::move(meta)}, {"spec", std::move(spec)}};
}

}  // namespace cc::server
