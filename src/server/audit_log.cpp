// Writing the audit trail. Every text is clipped before it is stored: a sign-in may try a
// megabyte-long name, and the trail must stay small and readable whatever a client sends.
#include "server/audit_log.h"

#include <algorithm>
#include <vector>

#include "server/time_util.h"

namespace cc::server {
namespace {

constexpr std::size_t kMaxActorBytes = 256;
constexpr std::size_t kMaxIdBytes = 128;
constexpr std::size_t kMaxNameBytes = 256;
constexpr std::size_t kMaxScopeBytes = 512;
constexpr std::size_t kMaxAddressBytes = 64;
constexpr std::size_t kMaxDetailBytes = 640;
constexpr std::size_t kMaxLinkedIds = 16;  // a body naming more is not a real request

AuditEvent make_event(const AuditSource& from, std::string_view action, AuditOutcome outcome, int status,
                      const AuditTarget& target, std::string_view scope_path, std::string_view detail) {
    AuditEvent e;
    e.time = format_rfc3339(unix_now_ms());
    e.actor = audit_clip(from.actor, kMaxActorBytes);
    e.action = std::string(action);
    e.outcome = outcome;
    e.status = status;
    e.target = AuditTarget{target.kind, audit_clip(target.id, kMaxIdBytes), audit_clip(target.name, kMaxNameBytes),
                           target.private_owner};
    e.scope_path = audit_clip(scope_path, kMaxScopeBytes);
    e.client_address = audit_clip(from.address, kMaxAddressBytes);
    e.detail = audit_clip(detail, kMaxDetailBytes);
    return e;
}

std::string asset_label(AssetType type) {
    switch (type) {
        case AssetType::GitDatasource: return "Git data source";
        case AssetType::S3Datasource: return "S3 data source";
        case AssetType::Environment: return "environment";
    }
    return "asset";
}

// The credential ids a create body names, wherever each asset type takes one; strings only.
std::vector<std::string> named_credential_ids(const Json& body) {
    std::vector<std::string> ids;
    auto add = [&ids](const Json* v) {
        if (!v || !v->is_string() || ids.size() >= kMaxLinkedIds) return;
        const std::string id = v->get<std::string>();
        if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    };
    auto member = [](const Json& obj, const char* key) -> const Json* {
        if (!obj.is_object()) return nullptr;
        auto it = obj.find(key);
        return it == obj.end() ? nullptr : &*it;
    };
    const Json* spec = member(body, "spec");
    if (!spec) return ids;
    for (const char* key : {"credentialId", "passwordAssetId", "accessKeyAssetId"}) add(member(*spec, key));
    if (const Json* vars = member(*spec, "environmentVariables"); vars && vars->is_array())
        for (const auto& v : *vars)
            if (const Json* c = member(v, "credential")) add(member(*c, "assetId"));
    return ids;
}

}  // namespace

std::optional<std::string> body_meta_string(const Json& body, const char* key) {
    if (!body.is_object()) return std::nullopt;
    auto meta = body.find("meta");
    if (meta == body.end() || !meta->is_object()) return std::nullopt;
    auto v = meta->find(key);
    if (v == meta->end() || !v->is_string()) return std::nullopt;
    return v->get<std::string>();
}

AuditSource audit_source(const RequestContext& rc) {
    return AuditSource{rc.user, rc.http.remote_addr};
}

VoidResult record_done(Store& store, const AuditSource& from, std::string_view action, int status, AuditTarget target,
                       std::string scope_path, std::string detail) {
    auto id =
        store.insert_audit_event(make_event(from, action, AuditOutcome::Done, status, target, scope_path, detail));
    if (!id) return id.error();
    return ok();
}

void record_refusal(Store& store, const AuditSource& from, std::string_view action, const ApiError& error,
                    AuditTarget target, std::string scope_path, std::string_view context) {
    if (error.code < 400 || error.code >= 500) return;
    std::string detail = context.empty() ? error.message : std::string(context) + ": " + error.message;
    (void)store.insert_audit_event(
        make_event(from, action, AuditOutcome::Refused, error.code, target, scope_path, detail));
}

AuditTarget credential_target(Store& store, const OrgTree& tree, const std::string& id, std::string* scope_path) {
    AuditTarget target{"credential", id, {}};
    auto found = store.find_credential(CredentialId{id}, /*with_usage=*/false);
    if (!found || !*found) return target;
    target.name = (*found)->meta.name;
    if (scope_path) *scope_path = tree.scope_path((*found)->meta.scope);
    return target;
}

VoidResult audit_asset_linked(Store& store, const RequestContext& rc, AssetType type, const Referrer& asset,
                              const OrgTree& tree) {
    const AuditSource from = audit_source(rc);
    const std::string detail = asset_label(type) + " " + asset.name + " at " + tree.scope_path(asset.scope);
    for (const auto& id : asset.credential_ids) {
        auto c = store.find_credential(id, /*with_usage=*/false);
        if (!c) return c.error();
        AuditTarget target{"credential", id.value, *c ? (*c)->meta.name : std::string()};
        const std::string scope = *c ? tree.scope_path((*c)->meta.scope) : std::string();
        if (auto r = record_done(store, from, kAuditLink, 202, std::move(target), scope, detail); !r) return r;
    }
    return ok();
}

void audit_asset_refused(Store& store, const RequestContext& rc, const OrgTree& tree, AssetType type, const Json& body,
                         const ApiError& error) {
    const auto ids = named_credential_ids(body);
    if (ids.empty()) return;  // no credential named: not a link
    const AuditSource from = audit_source(rc);
    const std::string name = body_meta_string(body, "name").value_or("");
    const std::string context = asset_label(type) + (name.empty() ? "" : " " + audit_clip(name, kMaxNameBytes));
    for (const auto& id : ids) {
        std::string scope;
        AuditTarget target = credential_target(store, tree, id, &scope);
        record_refusal(store, from, kAuditLink, error, std::move(target), std::move(scope), context);
    }
}

void audit_login(Store& store, const RequestContext& rc, const LoginAttempt& attempt) {
    const std::string kind = attempt.application ? "application" : "user";
    // Grant types are single words ("password"); a step such as "client authentication" is named
    // as it is.
    const std::string grant(attempt.grant);
    std::string detail = "POST " + rc.path + ", " + grant + (grant.find(' ') == std::string::npos ? " grant" : "");
    if (attempt.subject) {
        const AuditSource from{*attempt.subject, rc.http.remote_addr};
        (void)record_done(store, from, kAuditLogin, attempt.status,
                          AuditTarget{kind, *attempt.subject, *attempt.subject}, {}, std::move(detail));
        return;
    }
    // Why it failed, for the administrators reading the trail; the caller was only told
    // "invalid credentials". The password itself is never looked at here.
    std::string why = attempt.application ? "wrong client secret" : "wrong password";
    auto user = store.find_user(std::string(attempt.name));
    if (user && !*user) {
        why = attempt.application ? "unknown client" : "unknown user";
    } else if (user) {
        auto app = store.is_application_client((*user)->email);
        if (app && *app != attempt.application)
            why = attempt.application ? "a user account cannot use this grant"
                                      : "an application client cannot use this grant";
    }
    const std::string name(attempt.name);
    const AuditSource from{name, rc.http.remote_addr};
    record_refusal(store, from, kAuditLogin, ApiError{attempt.status, why, {}, {}}, AuditTarget{kind, name, name}, {},
                   detail);
}

}  // namespace cc::server
