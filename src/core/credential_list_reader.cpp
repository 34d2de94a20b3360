// The credential list read with JsonCursor: one reader per shape (meta, spec, status, usage,
// cluster info, entry), each mirroring its DOM counterpart in json_codec.cpp for documented
// types and null (null is "absent" there); any other type gives up.
#include "core/credential_list_reader.h"

#include <cstdint>
#include <limits>
#include <variant>

#include "core/json_cursor.h"

namespace cc {
namespace {

// Gives up (returns false from the enclosing reader) when `expr` fails.
#define CC_FAST(expr)              \
    do {                           \
        if (!(expr)) return false; \
    } while (0)

// Loops over an object's members: `body` sees the key and reads (or skips) its value.
template <class F>
bool members(JsonCursor& in, std::string& key, F&& body) {
    CC_FAST(in.open('{'));
    bool ok;
    while (in.more('}', ok)) {
        CC_FAST(in.key(key));
        CC_FAST(body(std::string_view(key)));
        in.after_value();
    }
    return ok;
}

template <class F>
bool elements(JsonCursor& in, F&& body) {
    CC_FAST(in.open('['));
    bool ok;
    while (in.more(']', ok)) {
        CC_FAST(body());
        in.after_value();
    }
    return ok;
}

// A string, or null for "absent".
bool opt_string(JsonCursor& in, std::optional<std::string>& out) {
    if (in.peek() == 'n') return out.reset(), in.null();
    std::string v;
    CC_FAST(in.string(v));
    out = std::move(v);
    return true;
}

// str_or: a string, or null for the default "".
bool string_or_empty(JsonCursor& in, std::string& out) {
    if (in.peek() == 'n') return out.clear(), in.null();
    return in.string(out);
}

// id_string_of: a string or an integer, null for absent.
bool id_string(JsonCursor& in, std::optional<std::string>& out) {
    const char c = in.peek();
    if (c == 'n') return out.reset(), in.null();
    if (c == '"') return opt_string(in, out);
    std::int64_t v;
    CC_FAST(in.integer(v));
    out = std::to_string(v);
    return true;
}

// id_int_of: an integer (strings of digits are the DOM's business), null for absent.
bool opt_integer(JsonCursor& in, std::optional<std::int64_t>& out) {
    if (in.peek() == 'n') return out.reset(), in.null();
    std::int64_t v;
    CC_FAST(in.integer(v));
    out = v;
    return true;
}

bool boolean_or_false(JsonCursor& in, bool& out) {
    if (in.peek() == 'n') return out = false, in.null();
    return in.boolean(out);
}

bool read_meta(JsonCursor& in, AssetMeta& m) {
    std::string key, text;
    std::optional<std::string> id, cluster, department;
    std::optional<std::int64_t> project;
    std::string kind, scope;
    CC_FAST(members(in, key, [&](std::string_view k) {
        if (k == "id") return opt_string(in, id);
        if (k == "kind") return string_or_empty(in, kind);
        if (k == "name") return string_or_empty(in, m.name);
        if (k == "description") return opt_string(in, m.description);
        if (k == "scope") return string_or_empty(in, scope);
        if (k == "clusterId") return opt_string(in, cluster);
        if (k == "departmentId") return id_string(in, department);
        if (k == "projectId") return opt_integer(in, project);
        if (k == "projectName") return opt_string(in, m.project_name);
        if (k == "tenantId") return opt_integer(in, m.tenant_id);
        if (k == "autoDelete") return boolean_or_false(in, m.auto_delete);
        if (k == "private") return boolean_or_false(in, m.is_private);
        if (k == "createdBy") return string_or_empty(in, m.created_by);
        if (k == "createdAt") return string_or_empty(in, m.created_at);
        if (k == "updatedBy") return string_or_empty(in, m.updated_by);
        if (k == "updatedAt") return string_or_empty(in, m.updated_at);
        if (k == "deletedAt") return opt_string(in, m.deleted_at);
        if (k == "deletedBy") return opt_string(in, m.deleted_by);
        if (k == "updateCount") {
            if (in.peek() == 'n') return m.update_count = 0, in.null();
            return in.integer(m.update_count);
        }
        return in.skip();
    }));
    const auto parsed_kind = kind_from_api_name(kind);
    const auto parsed_scope = scope_from_api_name(scope);
    CC_FAST(id && parsed_kind && parsed_scope);  // the DOM explains what is missing
    m.id = CredentialId{std::move(*id)};
    m.kind = *parsed_kind;
    m.scope.type = *parsed_scope;
    if (cluster) m.scope.cluster_id = ClusterId{std::move(*cluster)};
    if (department) m.scope.department_id = DepartmentId{std::move(*department)};
    if (project) m.scope.project_id = ProjectId{*project};
    return true;
}

// spec.keyId: an int32, null for 0.
bool key_id_value(JsonCursor& in, std::int32_t& out) {
    if (in.peek() == 'n') return out = 0, in.null();
    std::int64_t v;
    CC_FAST(in.integer(v));
    CC_FAST(v >= std::numeric_limits<std::int32_t>::min() && v <= std::numeric_limits<std::int32_t>::max());
    out = static_cast<std::int32_t>(v);
    return true;
}

struct SpecRead {
    CredentialSpec spec;
    std::int32_t key_id = 0;
};

// One spec object. `nested`, when given, receives the object under the kind's own name
// (a combined entry): the DOM decoder prefers it to the flat fields around it.
bool read_spec_object(JsonCursor& in, CredentialKind kind, SpecRead& out, std::optional<SpecRead>* nested) {
    out = SpecRead{empty_spec(kind), 0};
    const std::string_view own = kind_api_name(kind);
    std::optional<std::string> existing, url;
    std::optional<std::vector<KeyValuePair>> pairs;
    std::string key, inner;
    CC_FAST(members(in, key, [&](std::string_view k) {
        if (nested && k == own && in.peek() == '{') return read_spec_object(in, kind, nested->emplace(), nullptr);
        if (k == "existingSecretName") return opt_string(in, existing);
        if (k == "url") return opt_string(in, url);
        if (k == "keyId") return key_id_value(in, out.key_id);
        if (k == "keyValuePairs") {
            if (in.peek() == 'n') return pairs.reset(), in.null();
            pairs.emplace();
            return elements(in, [&] {
                KeyValuePair kv;
                CC_FAST(members(in, inner, [&](std::string_view ik) {
                    if (ik == "key") return string_or_empty(in, kv.key);
                    return in.skip();
                }));
                pairs->push_back(std::move(kv));
                return true;
            });
        }
        return in.skip();
    }));
    std::visit(
        [&](auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (!std::is_same_v<T, NgcApiKeySpec>) {
                v.existing_secret_name = existing;
                if constexpr (std::is_same_v<T, DockerRegistrySpec>) v.url = url;
                if constexpr (std::is_same_v<T, GenericSecretSpec>) v.key_value_pairs = std::move(pairs);
            }
        },
        out.spec);
    return true;
}

// "spec": flat (per-kind object) or nested under the kind name (combined entry).
bool read_spec(JsonCursor& in, Credential& c) {
    SpecRead flat{empty_spec(c.meta.kind), 0};
    std::optional<SpecRead> nested;
    if (in.peek() == 'n')
        CC_FAST(in.null());
    else
        CC_FAST(read_spec_object(in, c.meta.kind, flat, &nested));
    SpecRead& chosen = nested ? *nested : flat;
    c.spec = std::move(chosen.spec);
    c.key_id = chosen.key_id;
    return true;
}

bool read_status(JsonCursor& in, std::optional<AssetStatus>& out) {
    if (in.peek() == 'n') return out.reset(), in.null();
    AssetStatus s;
    std::string key, inner, name;
    CC_FAST(members(in, key, [&](std::string_view k) {
        if (k == "status") return string_or_empty(in, name);
        if (k == "message") return string_or_empty(in, s.message);
        if (k == "url") return string_or_empty(in, s.url);
        if (k == "issues") {
            s.issues.clear();
            if (in.peek() == 'n') return in.null();
            return elements(in, [&] {
                std::optional<std::string> scope_id;
                std::string scope_type, issue;
                CC_FAST(members(in, inner, [&](std::string_view ik) {
                    if (ik == "scopeId") return id_string(in, scope_id);
                    if (ik == "scopeType") return string_or_empty(in, scope_type);
                    if (ik == "issue") return string_or_empty(in, issue);
                    return in.skip();
                }));
                s.issues.push_back({scope_id.value_or(""), scope_from_api_name(scope_type).value_or(ScopeType::Project),
                                    issue_from_api_name(issue).value_or(IssueKind::NotCreated)});
                return true;
            });
        }
        return in.skip();
    }));
    // A status value newer than this client is absent ("-"), as in the DOM decoder.
    const auto status = status_from_api_name(name);
    if (status) {
        s.status = *status;
        out = std::move(s);
    } else {
        out.reset();
    }
    return true;
}

// An array of objects with an id (a string or an integer, "" when absent) and fields that
// `field(key, item)` reads or skips.
template <class T, class F>
bool read_id_objects(JsonCursor& in, std::vector<T>& out, std::string& key, F&& field) {
    out.clear();
    if (in.peek() == 'n') return in.null();
    return elements(in, [&] {
        T item{};
        std::optional<std::string> id;
        CC_FAST(members(in, key, [&](std::string_view k) { return k == "id" ? id_string(in, id) : field(k, item); }));
        item.id = id.value_or("");
        out.push_back(std::move(item));
        return true;
    });
}

bool read_refs(JsonCursor& in, std::vector<AssetRef>& out, std::string& key) {
    return read_id_objects(in, out, key, [&in](std::string_view k, AssetRef& r) {
        return k == "name" ? string_or_empty(in, r.name) : in.skip();
    });
}

bool read_workloads(JsonCursor& in, std::vector<WorkloadRef>& out, std::string& key) {
    return read_id_objects(in, out, key, [&in](std::string_view k, WorkloadRef& w) {
        if (k == "name") return string_or_empty(in, w.name);
        if (k == "status") return opt_string(in, w.status);
        return in.skip();
    });
}

bool read_usage(JsonCursor& in, std::optional<UsageInfo>& out) {
    if (in.peek() == 'n') return out.reset(), in.null();
    UsageInfo u;
    std::string key, assets_key, inner;
    CC_FAST(members(in, key, [&](std::string_view k) {
        if (k == "workspaces") return read_workloads(in, u.workspaces, inner);
        if (k == "trainings") return read_workloads(in, u.trainings, inner);
        if (k == "distributed") return read_workloads(in, u.distributed, inner);
        if (k == "inferences") return read_workloads(in, u.inferences, inner);
        if (k == "templates") return read_refs(in, u.templates, inner);
        if (k == "assets") {
            if (in.peek() == 'n') return in.null();
            return members(in, assets_key, [&](std::string_view ak) {
                if (ak == "environments") return read_refs(in, u.environments, inner);
                if (ak == "computes") return read_refs(in, u.computes, inner);
                if (ak == "environment" || ak == "compute") return false;  // deprecated forms: the DOM reads them
                if (ak == "datasources")
                    return read_id_objects(in, u.datasources, inner, [&in](std::string_view dk, DatasourceRef& d) {
                        if (dk == "name") return string_or_empty(in, d.name);
                        if (dk == "kind") return string_or_empty(in, d.kind);
                        return in.skip();
                    });
                return in.skip();
            });
        }
        return in.skip();
    }));
    out = std::move(u);
    return true;
}

bool read_cluster_info(JsonCursor& in, std::optional<std::vector<std::string>>& out) {
    if (in.peek() == 'n') return out.reset(), in.null();
    out.emplace();
    std::string key, inner;
    return members(in, key, [&](std::string_view k) {
        if (k != "resources") return in.skip();
        out->clear();
        if (in.peek() == 'n') return in.null();
        return elements(in, [&] {
            std::string name;
            CC_FAST(members(in, inner, [&](std::string_view rk) {
                if (rk == "name") return string_or_empty(in, name);
                return in.skip();
            }));
            out->push_back(std::move(name));
            return true;
        });
    });
}

bool read_credential(JsonCursor& in, Credential& c) {
    std::string key;
    bool seen_meta = false;
    unsigned seen = 0;  // each entry field once: the DOM keeps the last of duplicates
    auto once = [&seen](unsigned bit) {
        if (seen & bit) return false;
        seen |= bit;
        return true;
    };
    return members(in, key,
                   [&](std::string_view k) {
                       if (k == "meta") {
                           CC_FAST(once(1) && in.peek() == '{');
                           seen_meta = true;
                           return read_meta(in, c.meta);
                       }
                       if (k == "spec") {
                           CC_FAST(once(2) && seen_meta);  // the spec's shape depends on meta.kind
                           return read_spec(in, c);
                       }
                       if (k == "usedBy") return once(4) && read_usage(in, c.used_by);
                       if (k == "status") return once(8) && read_status(in, c.status);
                       if (k == "clusterInfo") return once(16) && read_cluster_info(in, c.k8s_names);
                       return in.skip();
                   }) &&
           seen_meta && ((seen & 2) || (c.spec = empty_spec(c.meta.kind), true));
}

#undef CC_FAST

}  // namespace

bool decode_credential_entry_fast(std::string_view entry, Credential& out) {
    JsonCursor in(entry);
    return in.peek() == '{' && read_credential(in, out) && in.at_end();
}

std::optional<std::vector<Credential>> decode_credential_list_fast(std::string_view body) {
    JsonCursor in(body);
    std::vector<Credential> out;
    std::string key;
    bool seen_entries = false;
    const bool read = members(in, key, [&](std::string_view k) {
        if (k != "entries") return in.skip();
        if (seen_entries) return false;
        seen_entries = true;
        // About 900 bytes per entry of a combined list with usage and status.
        out.reserve(body.size() / 800);
        return elements(in, [&] {
            Credential c;
            if (!read_credential(in, c)) return false;
            out.push_back(std::move(c));
            return true;
        });
    });
    if (!read || !seen_entries || !in.at_end()) return std::nullopt;
    return out;
}

}  // namespace cc
