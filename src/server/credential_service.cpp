// The credentials endpoints' behaviour: list, create, get, update and delete. Every check that
// reads and then writes runs inside one Store transaction (which holds the store's lock), so
// concurrent requests cannot both pass a uniqueness, single-use or in-use check; the audit event of
// a change is written in that same transaction, and a refusal's event after it has rolled back.
#include "server/credential_service.h"

#include <algorithm>
#include <unordered_map>

#include "core/json_codec.h"
#include "core/secret_format.h"
#include "core/validation.h"
#include "server/credential_query.h"
#include "server/existing_secrets.h"
#include "server/permissions.h"
#include "server/secret_values.h"
#include "server/time_util.h"

namespace cc::server {
namespace {

// A registry credential whose kept login check fails has an issue (docs/api.md, 'Status
// lifecycle'): a steady status becomes Issues found, its message says since when and why.
// Transient and failed statuses stay: what the cluster is doing comes first.
VoidResult add_login_issues(Store& store, std::vector<Credential>& list) {
    bool any = false;
    for (const auto& c : list)
        if (c.status && (c.meta.kind == CredentialKind::DockerRegistry || c.meta.kind == CredentialKind::NgcApiKey))
            any = true;
    if (!any) return ok();
    auto failing = store.failing_login_checks();
    if (!failing) return failing.error();
    if (failing->empty()) return ok();
    std::unordered_map<std::string, const LoginCheckRecord*> by_id;
    for (const auto& [id, check] : *failing) by_id.emplace(id, &check);
    for (auto& c : list) {
        if (!c.status) continue;
        auto it = by_id.find(c.meta.id.value);
        if (it == by_id.end()) continue;
        const SyncStatus st = c.status->status;
        if (st != SyncStatus::NoIssuesFound && st != SyncStatus::IssuesFound && st != SyncStatus::NoStatus) continue;
        const LoginCheckRecord& check = *it->second;
        const std::string note = "Registry login failing since " + check.failing_since.value_or(check.checked_at) +
                                 " (checked " + check.checked_at + "): " + check.message;
        c.status->status = SyncStatus::IssuesFound;
        c.status->message = c.status->message.empty() ? note : c.status->message + "; " + note;
    }
    return ok();
}

ApiError bad(std::string field, std::string message) {
    return ApiError{400, std::move(message), {}, std::move(field)};
}
ApiError forbidden(std::string details) {
    return ApiError{403, "You do not have sufficient permissions.", std::move(details), {}};
}
ApiError not_found(const std::string& id) {
    return ApiError{404, "Resource id not found.", "credential " + id, {}};
}

// Overwrites the strings of a parsed request body's spec: they are secret values. An explicit
// stack, not recursion: the walk's depth is the document's, which the caller chose.
void wipe_json_strings(Json& root) {
    std::vector<Json*> pending{&root};
    while (!pending.empty()) {
        Json* j = pending.back();
        pending.pop_back();
        if (j->is_string()) {
            wipe_string(j->get_ref<std::string&>());
        } else if (j->is_structured()) {
            for (auto& v : *j) pending.push_back(&v);
        }
    }
}

struct WipeOnExit {
    CreateRequest* request = nullptr;
    Json* body = nullptr;
    ~WipeOnExit() {
        if (request) wipe_secrets(*request);
        if (body && body->is_object() && body->contains("spec")) wipe_json_strings((*body)["spec"]);
    }
};

// The requested scope with every parent id filled from the org tree; ids must exist and
// agree with the tree (a project's department and cluster, a department's cluster).
Result<ScopeRef> resolve_scope(const OrgTree& tree, const ScopeRef& s) {
    switch (s.type) {
        case ScopeType::System:
        case ScopeType::Tenant: return s;
        case ScopeType::Cluster:
            if (!tree.cluster(*s.cluster_id))
                return bad("meta.clusterId", "meta.clusterId names no cluster: " + s.cluster_id->value);
            return s;
        case ScopeType::Department: {
            const Department* d = tree.department(*s.department_id);
            if (!d) return bad("meta.departmentId", "meta.departmentId names no department: " + s.department_id->value);
            if (s.cluster_id && *s.cluster_id != d->cluster_id)
                return bad("meta.clusterId", "meta.clusterId contradicts department " + d->id.value +
                                                 ", which is in cluster " + d->cluster_id.value);
            break;
        }
        case ScopeType::Project: {
            const Project* p = tree.project(*s.project_id);
            if (!p)
                return bad("meta.projectId", "meta.projectId names no project: " + std::to_string(s.project_id->value));
            if (s.department_id && *s.department_id != p->parent_id)
                return bad("meta.departmentId", "meta.departmentId contradicts project " + std::to_string(p->id.value) +
                                                    ", which is in department " + p->parent_id.value);
            if (s.cluster_id && *s.cluster_id != p->cluster_id)
                return bad("meta.clusterId", "meta.clusterId contradicts project " + std::to_string(p->id.value) +
                                                 ", which is in cluster " + p->cluster_id.value);
            break;
        }
    }
    return tree.normalized(s);
}

// The credential behind a per-kind path, if the caller may see it (404 and 403 otherwise).
Result<Credential> visible_credential(Store& store, const CallerAccess& access, const std::string& caller,
                                      CredentialKind kind, const std::string& id, bool with_usage) {
    auto found = store.find_credential(CredentialId{id}, with_usage);
    if (!found) return found.error();
    if (!*found || (*found)->meta.kind != kind) return not_found(id);
    Credential& c = **found;
    if (!access.permissions.can_read(c.meta, caller)) {
        if (c.meta.is_private) return not_found(id);  // others' personal credentials do not exist for them
        return forbidden("You may not read credentials in this scope");
    }
    return std::move(c);
}

// Root and meta fields a PUT may not carry, with why (secret values are write-once, and a
// credential never moves to another scope); other unknown fields are left to the codec's strict
// decoder.
std::optional<ApiError> immutable_field(const Json& body) {
    if (!body.is_object()) return std::nullopt;
    if (body.contains("spec"))
        return bad("spec", "spec cannot be changed: secret values are write-once; create a new credential instead");
    auto meta = body.find("meta");
    if (meta == body.end() || !meta->is_object()) return std::nullopt;
    for (const char* key : {"scope", "clusterId", "departmentId", "projectId", "kind", "id", "private"})
        if (meta->contains(key))
            return bad(std::string("meta.") + key, std::string("meta.") + key + " cannot be changed after creation");
    return std::nullopt;
}

constexpr const char* kArrow = " \xE2\x86\x92 ";  // " → "
constexpr std::size_t kMaxDescriptionInDetail = 200;

AuditTarget target_of(const AssetMeta& m) {
    return AuditTarget{"credential", m.id.value, m.name};
}

bool meta_has(const Json& body, const char* key) {
    return body.is_object() && body.contains("meta") && body["meta"].is_object() && body["meta"].contains(key);
}

// A create body asking for a personal credential: its audit events are the caller's alone.
bool asks_private(const Json& body) {
    return meta_has(body, "private") && body["meta"]["private"].is_boolean() && body["meta"]["private"].get<bool>();
}

std::string quoted_description(const std::optional<std::string>& d) {
    return d ? "\"" + audit_clip(*d, kMaxDescriptionInDetail) + "\"" : std::string("(none)");
}

Result<Credential> create_checked(Store& store, const SecretBox& box, const CallerAccess& access,
                                  const AuditSource& from, CredentialKind kind, std::string_view body,
                                  AuditTarget& target, std::string& scope_path);
Result<Credential> update_checked(Store& store, const CallerAccess& access, const AuditSource& from,
                                  CredentialKind kind, const std::string& id, std::string_view body);
VoidResult delete_checked(Store& store, const CallerAccess& access, const AuditSource& from, CredentialKind kind,
                          const std::string& id);

}  // namespace

int delete_status_code(CredentialKind kind) {
    return kind == CredentialKind::GenericSecret || kind == CredentialKind::NgcApiKey ? 204 : 202;
}

std::optional<Store::ScopeNodes> list_scope_nodes(const CallerAccess& access) {
    const ScopeSet& visible = access.permissions.visible_nodes();
    const OrgData& org = access.tree.data();
    const bool whole_tree =
        visible.system && !visible.tenants.empty() &&
        std::all_of(org.clusters.begin(), org.clusters.end(),
                    [&](const Cluster& c) { return visible.clusters.count(c.uuid.value) > 0; }) &&
        std::all_of(org.departments.begin(), org.departments.end(),
                    [&](const Department& d) { return visible.departments.count(d.id.value) > 0; }) &&
        std::all_of(org.projects.begin(), org.projects.end(),
                    [&](const Project& p) { return visible.projects.count(p.id.value) > 0; });
    if (whole_tree) return std::nullopt;
    Store::ScopeNodes nodes;
    nodes.system = visible.system;
    nodes.tenant = !visible.tenants.empty();
    nodes.clusters.assign(visible.clusters.begin(), visible.clusters.end());
    nodes.departments.assign(visible.departments.begin(), visible.departments.end());
    nodes.projects.assign(visible.projects.begin(), visible.projects.end());
    nodes.private_owner = access.user;
    return nodes;
}

Result<std::vector<Credential>> list_credentials(Store& store, const CallerAccess& access,
                                                 std::optional<CredentialKind> kind, const httplib::Params& params) {
    if (kind && params.count("includeDescendants"))
        return bad("includeDescendants", "Query parameter includeDescendants is only supported on the combined list");
    const std::string& caller = access.user;
    auto query = parse_credential_query(params, access.tree);
    if (!query) return query.error();
    // Only the caller's nodes are read, then filtered as the rows are: a credential is a large
    // object, and lists hold thousands.
    const auto nodes = list_scope_nodes(access);
    auto all = store.list_credentials(
        query->usage_info,
        [&](const AssetMeta& meta) {
            return (!kind || meta.kind == *kind) && access.permissions.can_read(meta, caller) &&
                   credential_matches(*query, access.tree, meta);
        },
        nodes ? &*nodes : nullptr);
    if (!all) return all.error();
    if (!query->status_info)
        for (auto& c : *all) c.status.reset();
    else if (auto r = add_login_issues(store, *all); !r)
        return r.error();
    return std::move(*all);
}

Result<std::string> credential_list_etag(const std::string& data_version, const CallerAccess& access,
                                         std::optional<CredentialKind> kind, const httplib::Params& params) {
    if (kind && params.count("includeDescendants"))
        return bad("includeDescendants", "Query parameter includeDescendants is only supported on the combined list");
    auto query = parse_credential_query(params, access.tree);
    if (!query) return query.error();
    // Length-prefixed fields: no two different inputs give the same text.
    std::string key;
    const auto field = [&key](std::string_view v) {
        key += std::to_string(v.size());
        key += ':';
        key += v;
    };
    field(data_version);
    field(access.user);
    field(kind ? kind_api_name(*kind) : "*");
    field(query->name ? "=" + *query->name : "");
    field(query->scope ? scope_api_name(*query->scope) : "");
    field(query->cluster_id ? query->cluster_id->value : "");
    field(query->department_id ? query->department_id->value : "");
    field(query->project_id ? std::to_string(query->project_id->value) : "");
    field(std::string{query->include_descendants ? 'd' : '-', query->usage_info ? 'u' : '-',
                      query->status_info ? 's' : '-'});
    return "W/\"" + hex_digest(key, 16) + "\"";
}

Result<Credential> create_credential(Store& store, const SecretBox& box, const CallerAccess& access,
                                     const AuditSource& from, CredentialKind kind, std::string_view body) {
    AuditTarget target{"credential", {}, {}};
    std::string scope_path;
    auto created = create_checked(store, box, access, from, kind, body, target, scope_path);
    if (!created)
        record_refusal(store, from, kAuditCreate, created.error(), std::move(target), std::move(scope_path),
                       kind_api_name(kind));
    return created;
}

namespace {

Result<Credential> create_checked(Store& store, const SecretBox& box, const CallerAccess& access,
                                  const AuditSource& from, CredentialKind kind, std::string_view body,
                                  AuditTarget& target, std::string& scope_path) {
    const std::string& caller = from.actor;
    auto json = parse_json(body);
    if (!json) return json.error();
    WipeOnExit wipe_body{nullptr, &*json};
    target.name = body_meta_string(*json, "name").value_or("");
    if (asks_private(*json)) target.private_owner = caller;
    auto decoded = decode_create_request(*json, kind);
    if (!decoded) return decoded.error();
    CreateRequest& request = *decoded;
    WipeOnExit wipe_request{&request, nullptr};
    if (auto e = validate_create(request)) return *e;
    canonicalize_ssh_key(request);  // stored as ssh-keygen writes it, line breaks restored

    auto scope = resolve_scope(access.tree, request.scope);
    if (!scope) return scope.error();
    scope_path = access.tree.scope_path(*scope);
    // A personal credential is the caller's own: anyone signed in may make one, whatever their
    // roles (docs/api.md, 'Personal credentials').
    if (!request.is_private && !access.permissions.may(Action::Create, *scope))
        // The path only for a scope the caller can see: the names of other nodes stay hidden.
        return forbidden(access.permissions.sees(*scope)
                             ? "You may not create credentials in " + access.tree.scope_path(*scope)
                             : std::string("You may not create credentials in this scope"));
    auto account = store.account();
    if (!account) return account.error();

    Credential c;
    AssetMeta& m = c.meta;
    m.id = CredentialId{random_uuid()};
    m.kind = kind;
    m.name = request.name;
    m.description = request.description;
    m.scope = *scope;
    if (scope->type == ScopeType::Project) m.project_name = access.tree.scope_name(*scope);
    if (*account) m.tenant_id = (*account)->tenant_id;
    m.auto_delete = request.auto_delete;
    m.is_private = request.is_private;
    m.created_by = caller;
    m.created_at = format_rfc3339(unix_now_ms());
    m.updated_by = caller;
    m.updated_at = m.created_at;
    m.update_count = 1;
    c.status = AssetStatus{SyncStatus::Creating, {}, {}, {}};
    const auto existing = spec_existing_secret_name(request.spec);
    // The Kubernetes name: the user's Secret, or one named after the credential. It never
    // changes afterwards, not even on rename.
    c.k8s_names = std::vector<std::string>{existing.value_or(request.name)};
    c.spec = public_spec(request.spec);
    const auto blob = seal_secret_values(box, request, m.id);
    c.key_id = blob ? box.key_id() : 0;

    const std::string detail =
        std::string(kind_api_name(kind)) + (existing ? ", existing secret " + *existing : std::string(", new secret"));
    auto stored = store.transaction([&]() -> VoidResult {
        if (existing)
            if (auto e = validate_existing_secret(store, kind, *scope, *existing)) return *e;
        if (auto r = store.insert_credential(c, blob); !r) return r;
        return record_done(store, from, kAuditCreate, 202, target_of(m), scope_path, detail);
    });
    if (!stored) return stored.error();
    c.used_by = UsageInfo{};
    return c;
}

}  // namespace

Result<Credential> get_credential(Store& store, const CallerAccess& access, CredentialKind kind, const std::string& id,
                                  const httplib::Params& params) {
    auto usage = query_bool(params, "usageInfo");
    if (!usage) return usage.error();
    auto status = query_bool(params, "statusInfo");
    if (!status) return status.error();
    auto c = visible_credential(store, access, access.user, kind, id, usage->value_or(false));
    if (!c) return c.error();
    if (!status->value_or(false)) {
        c->status.reset();
    } else {
        std::vector<Credential> one{std::move(*c)};
        if (auto r = add_login_issues(store, one); !r) return r.error();
        return std::move(one.front());
    }
    return c;
}

Result<Credential> readable_credential(Store& store, const CallerAccess& access, const std::string& id) {
    auto found = store.find_credential(CredentialId{id}, /*with_usage=*/false);
    if (!found) return found.error();
    if (!*found) return not_found(id);
    return visible_credential(store, access, access.user, (*found)->meta.kind, id, false);
}

Result<Credential> update_credential(Store& store, const CallerAccess& access, const AuditSource& from,
                                     CredentialKind kind, const std::string& id, std::string_view body) {
    auto updated = update_checked(store, access, from, kind, id, body);
    if (!updated) record_update_refusal(store, access.tree, from, id, body, updated.error());
    return updated;
}

void record_update_refusal(Store& store, const OrgTree& tree, const AuditSource& from, const std::string& id,
                           std::string_view body, const ApiError& error) {
    // Which change was refused, as far as the body says.
    std::string scope_path;
    AuditTarget target = credential_target(store, tree, id, &scope_path);
    auto json = parse_json(body);
    std::string_view action = kAuditUpdate;
    std::string context;
    if (json && meta_has(*json, "name")) {
        action = kAuditRename;
        if (auto name = body_meta_string(*json, "name")) context = "name: " + target.name + kArrow + *name;
    } else if (json && meta_has(*json, "description")) {
        action = kAuditDescribe;
    }
    record_refusal(store, from, action, error, std::move(target), std::move(scope_path), context);
}

void record_create_refusal(Store& store, const OrgTree& tree, const AuditSource& from, CredentialKind kind,
                           std::string_view body, const ApiError& error) {
    AuditTarget target{"credential", {}, {}};
    std::string scope_path;
    if (auto json = parse_json(body); json.ok()) {
        if (auto name = body_meta_string(*json, "name")) target.name = *name;
        if (asks_private(*json)) target.private_owner = from.actor;
        auto request = decode_create_request(*json, kind);
        if (request)
            if (auto scope = resolve_scope(tree, request->scope)) scope_path = tree.scope_path(*scope);
        if (request) wipe_secrets(*request);
        if (json->is_object() && json->contains("spec")) wipe_json_strings((*json)["spec"]);
    }
    record_refusal(store, from, kAuditCreate, error, std::move(target), std::move(scope_path), kind_api_name(kind));
}

namespace {

Result<Credential> update_checked(Store& store, const CallerAccess& access, const AuditSource& from,
                                  CredentialKind kind, const std::string& id, std::string_view body) {
    const std::string& caller = from.actor;
    auto json = parse_json(body);
    if (!json) return json.error();
    if (auto e = immutable_field(*json)) return *e;
    auto request = decode_update_request(*json);
    if (!request) return request.error();
    if (auto e = validate_update(*request)) return *e;
    if (request->description && request->description->empty()) request->description.reset();  // "" clears it
    const bool clears_description = json->contains("meta") && (*json)["meta"].is_object() &&
                                    (*json)["meta"].contains("description") && !request->description;

    auto changed = store.transaction([&]() -> VoidResult {
        auto c = visible_credential(store, access, caller, kind, id, false);
        if (!c) return c.error();
        if (c->meta.is_private) {
            // Only its owner gets here (visible_credential), and even they cannot edit it.
            if (request->name && *request->name != c->meta.name)
                return bad("meta.name", "Personal credentials cannot be renamed");
            return bad("meta", "Personal credentials cannot be edited; delete it and create a new one");
        }
        if (!access.permissions.may(Action::Update, c->meta.scope))
            return forbidden("You may not update credentials in " + access.tree.scope_path(c->meta.scope));
        if (c->status && c->status->status == SyncStatus::Deleting)
            return ApiError{400, "The credential is being deleted and cannot be changed", "credential " + id, {}};

        Store::MetaUpdate update{{}, {}, caller, format_rfc3339(unix_now_ms())};
        if (request->name && *request->name != c->meta.name) update.name = request->name;
        if (request->description && request->description != c->meta.description)
            update.description = request->description;
        if (clears_description && c->meta.description) update.description = std::optional<std::string>{};
        if (!update.name && !update.description) return ok();  // nothing to change
        if (auto r = store.update_credential_meta(c->meta.id, update); !r) return r;
        const std::string scope_path = access.tree.scope_path(c->meta.scope);
        const std::string name = update.name.value_or(c->meta.name);
        if (update.name)
            if (auto r = record_done(store, from, kAuditRename, 202, {"credential", id, name}, scope_path,
                                     "name: " + c->meta.name + kArrow + name);
                !r)
                return r;
        if (update.description)
            if (auto r = record_done(store, from, kAuditDescribe, 202, {"credential", id, name}, scope_path,
                                     "description: " + quoted_description(c->meta.description) + kArrow +
                                         quoted_description(*update.description));
                !r)
                return r;
        return ok();
    });
    if (!changed) return changed.error();
    auto c = visible_credential(store, access, caller, kind, id, true);
    if (!c) return c.error();
    return c;
}

}  // namespace

VoidResult delete_credential(Store& store, const CallerAccess& access, const AuditSource& from, CredentialKind kind,
                             const std::string& id) {
    auto deleted = delete_checked(store, access, from, kind, id);
    if (!deleted) record_delete_refusal(store, access.tree, from, id, deleted.error());
    return deleted;
}

void record_delete_refusal(Store& store, const OrgTree& tree, const AuditSource& from, const std::string& id,
                           const ApiError& error) {
    std::string scope_path;
    AuditTarget target = credential_target(store, tree, id, &scope_path);
    record_refusal(store, from, kAuditDelete, error, std::move(target), std::move(scope_path));
}

namespace {

VoidResult delete_checked(Store& store, const CallerAccess& access, const AuditSource& from, CredentialKind kind,
                          const std::string& id) {
    const std::string& caller = from.actor;
    return store.transaction([&]() -> VoidResult {
        auto c = visible_credential(store, access, caller, kind, id, true);
        if (!c) return c.error();
        if (!c->meta.is_private && !access.permissions.may(Action::Delete, c->meta.scope))
            return forbidden("You may not delete credentials in " + access.tree.scope_path(c->meta.scope));
        if (c->used_by && c->used_by->in_use())
            return ApiError{412, "The credential is in use", c->used_by->describe_users(), {}};
        const bool again = c->status && c->status->status == SyncStatus::Deleting;
        if (auto r = store.mark_deleting(c->meta.id, caller, format_rfc3339(unix_now_ms())); !r) return r;
        return record_done(store, from, kAuditDelete, delete_status_code(kind), target_of(c->meta),
                           access.tree.scope_path(c->meta.scope), again ? "already being deleted" : "");
    });
}

}  // namespace

}  // namespace cc::server
