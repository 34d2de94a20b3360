// Building a credential's Secrets and writing them to its namespaces in one cluster. The
// Go-compatible JSON string encoder follows encoding/json's appendString with HTML escaping
// (kubectl's output), including utf8.DecodeRune's rules for what counts as invalid UTF-8, so
// arbitrary passwords produce the same bytes as kubectl.
#include "server/propagation.h"

#include <algorithm>

#include "core/secret_format.h"
#include "core/validation.h"
#include "server/existing_secrets.h"

namespace cc::server {
namespace {

// Length of the valid UTF-8 sequence at s[i] by Go's utf8.DecodeRune rules; 0 when invalid.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    const auto b = [&s](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = b(i);
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF)
        n = 2;
    else if (b0 >= 0xE0 && b0 <= 0xEF) {
        n = 3;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        n = 4;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (i + n > s.size()) return 0;
    if (b(i + 1) < lo || b(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < n; ++k)
        if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
    return n;
}

std::string scope_node_id(const ScopeRef& scope, const OrgTree& tree, const ClusterId& cluster) {
    switch (scope.type) {
        case ScopeType::Project: return scope.project_id ? std::to_string(scope.project_id->value) : "";
        case ScopeType::Department: return scope.department_id ? scope.department_id->value : "";
        case ScopeType::Cluster: return cluster.value;
        default: {
            const Cluster* c = tree.cluster(cluster);
            return c ? std::to_string(c->tenant_id) : "";
        }
    }
}

Labels asset_labels(CredentialKind kind, const ScopeRef& scope) {
    Labels l{{kLabelAsset, k8s_type_label(kind)}};
    if (scope.type == ScopeType::Department && scope.department_id) l[kLabelDepartment] = scope.department_id->value;
    if (scope.type == ScopeType::Cluster || scope.type == ScopeType::Tenant) l[kLabelTenantWide] = "true";
    return l;
}

// A DNS-1123 label derived from a credential name (names are validated as such; this only
// guards rows written before that rule).
std::string k8s_base_name(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        out += ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) ? c : '-';
    }
    while (!out.empty() && out.front() == '-') out.erase(out.begin());
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? std::string("credential") : out;
}

}  // namespace

std::string go_json_string(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default:
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        out += "\\u00";
                        out += kHex[c >> 4];
                        out += kHex[c & 0xF];
                    } else {
                        out += static_cast<char>(c);
                    }
            }
            ++i;
            continue;
        }
        const std::size_t n = utf8_sequence(s, i);
        if (n == 0) {
            out += "\\ufffd";
            ++i;
            continue;
        }
        const std::string_view seq = s.substr(i, n);
        if (seq == "\xE2\x80\xA8")
            out += "\\u2028";
        else if (seq == "\xE2\x80\xA9")
            out += "\\u2029";
        else
            out += seq;
        i += n;
    }
    out += '"';
    return out;
}

std::string docker_config_json(std::string_view server, std::string_view user, std::string_view password) {
    std::string auth(user);
    auth += ':';
    auth += password;
    std::string out = "{\"auths\":{" + go_json_string(server) + ":{\"username\":" + go_json_string(user) +
                      ",\"password\":" + go_json_string(password) + ",\"auth\":" + go_json_string(base64_encode(auth)) +
                      "}}}";
    wipe(auth);
    return out;
}

Result<SecretPayload> secret_payload(const CreateRequest& values) {
    const ApiError incomplete{500, "The stored secret values are incomplete", {}, {}};
    SecretPayload p;
    if (const auto* a = std::get_if<AccessKeySpec>(&values.spec)) {
        if (!a->access_key_id || !a->secret_access_key) return incomplete;
        p.data = {{"AccessKeyId", *a->access_key_id}, {"SecretKey", *a->secret_access_key}};
    } else if (const auto* pw = std::get_if<PasswordSpec>(&values.spec)) {
        if (!pw->user || !pw->password) return incomplete;
        p.data = {{"User", *pw->user}, {"Password", *pw->password}};
    } else if (const auto* d = std::get_if<DockerRegistrySpec>(&values.spec)) {
        if (!d->user || !d->password || !d->url) return incomplete;
        p.type = "kubernetes.io/dockerconfigjson";
        p.data = {{".dockerconfigjson", docker_config_json(*d->url, *d->user, *d->password)}};
    } else if (const auto* g = std::get_if<GenericSecretSpec>(&values.spec)) {
        if (!g->key_value_pairs) return incomplete;
        p.type = secret_format_k8s_type(secret_format_of(*g));  // kubernetes.io/ssh-auth for an SSH key
        for (const auto& kv : *g->key_value_pairs) p.data[kv.key] = kv.value.value_or("");
    } else if (const auto* n = std::get_if<NgcApiKeySpec>(&values.spec)) {
        if (!n->ngc_api_key) return incomplete;
        p.data = {{"NGC_API_KEY", *n->ngc_api_key}};
    }
    return p;
}

std::optional<PropagationTargets> propagation_targets(const OrgTree& tree, const ScopeRef& scope,
                                                      const ClusterId& cluster) {
    PropagationTargets t;
    t.source_scope = {scope_node_id(scope, tree, cluster), scope.type, IssueKind::NotCreated};
    t.source_namespace = kRunaiNamespace;
    switch (scope.type) {
        case ScopeType::Project: {
            const Project* p = scope.project_id ? tree.project(*scope.project_id) : nullptr;
            if (!p || p->cluster_id != cluster) return std::nullopt;
            t.source_namespace = p->namespace_name;
            return t;
        }
        case ScopeType::Department: {
            const Department* d = scope.department_id ? tree.department(*scope.department_id) : nullptr;
            if (!d || d->cluster_id != cluster) return std::nullopt;
            for (const auto& p : tree.data().projects)
                if (p.parent_id == d->id) t.replicas.push_back(&p);
            return t;
        }
        case ScopeType::Cluster:
            if (!scope.cluster_id || *scope.cluster_id != cluster) return std::nullopt;
            [[fallthrough]];
        case ScopeType::Tenant:
        case ScopeType::System:
            if (!tree.cluster(cluster)) return std::nullopt;
            for (const auto& p : tree.data().projects)
                if (p.cluster_id == cluster) t.replicas.push_back(&p);
            return t;
    }
    return std::nullopt;
}

std::vector<ClusterId> propagation_clusters(const OrgTree& tree, const ScopeRef& scope) {
    std::vector<ClusterId> out;
    if (scope.type == ScopeType::Tenant || scope.type == ScopeType::System) {
        for (const auto& c : tree.data().clusters) out.push_back(c.uuid);
    } else if (auto c = tree.cluster_of(scope)) {
        out.push_back(*c);
    }
    return out;
}

Result<std::string> choose_k8s_name(ClusterStore& cs, const OrgTree& tree, const Credential& c) {
    const ScopeRef scope = tree.normalized(c.meta.scope);
    const std::string base = k8s_base_name(c.meta.name);
    for (int n = 1; n < 1000; ++n) {
        const std::string suffix = n == 1 ? "" : "-" + std::to_string(n);
        std::string candidate = base.substr(0, kMaxNameLength - suffix.size());
        while (!candidate.empty() && candidate.back() == '-') candidate.pop_back();
        candidate += suffix;
        bool taken = false;
        for (const auto& cluster : propagation_clusters(tree, scope)) {
            if (taken) break;
            const auto targets = propagation_targets(tree, scope, cluster);
            if (!targets) continue;
            std::vector<std::string> namespaces{targets->source_namespace};
            for (const Project* p : targets->replicas) namespaces.push_back(p->namespace_name);
            for (const auto& ns : namespaces) {
                auto existing = cs.secret(cluster, ns, candidate, false);
                if (!existing) return existing.error();
                if (*existing && (!(*existing)->owner || (*existing)->owner->value != c.meta.id.value)) {
                    taken = true;
                    break;
                }
            }
        }
        if (!taken) return candidate;
    }
    return ApiError{500, "No free Kubernetes name for credential " + c.meta.name, {}, {}};
}

Result<std::vector<StatusIssue>> apply_credential(ClusterStore& cs, const OrgTree& tree, const ClusterId& cluster,
                                                  const Credential& c, const std::optional<SecretPayload>& payload,
                                                  const std::string& k8s_name) {
    const ScopeRef scope = tree.normalized(c.meta.scope);
    std::vector<StatusIssue> issues;
    const auto targets = propagation_targets(tree, scope, cluster);
    if (!targets) return issues;
    auto project_issue = [](const Project& p) {
        return StatusIssue{std::to_string(p.id.value), ScopeType::Project, IssueKind::NotCreated};
    };

    // The source: the user's existing Secret, or the agent's own object.
    K8sSecret source;
    const auto existing_name = spec_existing_secret_name(c.spec);
    auto has_source_ns = cs.has_namespace(cluster, targets->source_namespace);
    if (!has_source_ns) return has_source_ns.error();
    bool source_ok = *has_source_ns;
    if (existing_name) {
        auto user_secret = cs.secret(cluster, targets->source_namespace, *existing_name, true);
        if (!user_secret) return user_secret.error();
        source_ok = source_ok && *user_secret && labelled_for_scope(**user_secret, c.meta.kind, scope);
        if (source_ok) source = std::move(**user_secret);
    } else if (source_ok) {
        if (!payload) return ApiError{500, "No secret values for credential " + c.meta.id.value, {}, {}};
        source.name = k8s_name;
        source.namespace_name = targets->source_namespace;
        source.labels = asset_labels(c.meta.kind, scope);
        if (c.meta.is_private) {
            source.labels[kLabelUserCredential] = "true";
            source.annotations[kAnnotationOwner] = c.meta.created_by;
        }
        source.type = payload->type;
        source.data = payload->data;
        source.owner = c.meta.id;
        if (auto put = cs.put_owned_secret(cluster, source); !put) {
            if (put.error().code != 409) return put.error();
            source_ok = false;  // someone else's object has that name
        }
    }
    if (!source_ok) {
        issues.push_back(targets->source_scope);
        for (const Project* p : targets->replicas) issues.push_back(project_issue(*p));
        return issues;
    }

    for (const Project* p : targets->replicas) {
        auto has_ns = cs.has_namespace(cluster, p->namespace_name);
        if (!has_ns) return has_ns.error();
        if (!*has_ns) {
            issues.push_back(project_issue(*p));
            continue;
        }
        K8sSecret replica;
        replica.name = source.name;
        replica.namespace_name = p->namespace_name;
        replica.labels = source.labels;
        replica.annotations = source.annotations;
        replica.type = source.type;
        replica.data = source.data;
        replica.owner = c.meta.id;
        if (auto put = cs.put_owned_secret(cluster, replica); !put) {
            if (put.error().code != 409) return put.error();
            issues.push_back(project_issue(*p));
        }
        for (auto& [k, v] : replica.data) wipe(v);
    }
    for (auto& [k, v] : source.data) wipe(v);
    return issues;
}

}  // namespace cc::server
