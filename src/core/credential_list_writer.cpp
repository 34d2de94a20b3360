// The credential list written as text directly. Keys are written in the order nlohmann's
// std::map keeps them (byte order), so the text is identical to the DOM's dump();
// tests/core/credential_list_codec_test.cpp compares the two.
#include "core/credential_list_writer.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

namespace cc {
namespace {

// Appends JSON to a string: commas between values are the writer's business, so callers only
// open, close and write keys and values.
class Writer {
public:
    explicit Writer(std::string& out) : out_(out) {}

    void open(char c) {
        comma();
        out_ += c;
        first_ = true;
    }
    void close(char c) {
        out_ += c;
        first_ = false;
    }
    void key(std::string_view k) {
        comma();
        raw_string(k);
        out_ += ':';
        first_ = true;  // the value that follows takes no comma
    }
    void str(std::string_view s) {
        comma();
        raw_string(s);
    }
    void opt_str(const std::optional<std::string>& s) {
        if (s)
            str(*s);
        else
            null();
    }
    void null() {
        comma();
        out_ += "null";
    }
    void boolean(bool b) {
        comma();
        out_ += b ? "true" : "false";
    }
    void integer(std::int64_t v) {
        comma();
        out_ += std::to_string(v);
    }

    // Shorthands for "key": value.
    void field(std::string_view k, std::string_view v) { key(k), str(v); }
    void field_opt(std::string_view k, const std::optional<std::string>& v) { key(k), opt_str(v); }
    void field_null(std::string_view k) { key(k), null(); }
    void field_int(std::string_view k, std::int64_t v) { key(k), integer(v); }

private:
    void comma() {
        if (!first_) out_ += ',';
        first_ = false;
    }
    // nlohmann's escaping without ensure_ascii: the two specials, the five short control
    // escapes, \u00xx for the other control characters; UTF-8 passes through.
    void raw_string(std::string_view s) {
        out_ += '"';
        std::size_t run = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const auto c = static_cast<unsigned char>(s[i]);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            out_.append(s.data() + run, i - run);
            run = i + 1;
            switch (c) {
                case '"': out_ += "\\\""; break;
                case '\\': out_ += "\\\\"; break;
                case '\b': out_ += "\\b"; break;
                case '\f': out_ += "\\f"; break;
                case '\n': out_ += "\\n"; break;
                case '\r': out_ += "\\r"; break;
                case '\t': out_ += "\\t"; break;
                default: {
                    static const char hex[] = "0123456789abcdef";
                    out_ += "\\u00";
                    out_ += hex[c >> 4];
                    out_ += hex[c & 0xF];
                }
            }
        }
        out_.append(s.data() + run, s.size() - run);
        out_ += '"';
    }

    std::string& out_;
    bool first_ = true;
};

void write_meta(Writer& w, const AssetMeta& m) {
    w.open('{');
    w.key("autoDelete"), w.boolean(m.auto_delete);
    w.field_opt("clusterId", m.scope.cluster_id ? std::optional(m.scope.cluster_id->value) : std::nullopt);
    w.field("createdAt", m.created_at);
    w.field("createdBy", m.created_by);
    if (m.deleted_at) w.field("deletedAt", *m.deleted_at);
    if (m.deleted_by) w.field("deletedBy", *m.deleted_by);
    w.field_opt("departmentId", m.scope.department_id ? std::optional(m.scope.department_id->value) : std::nullopt);
    w.field_opt("description", m.description);
    w.field("id", m.id.value);
    w.field("kind", kind_api_name(m.kind));
    w.field("name", m.name);
    w.key("private"), w.boolean(m.is_private);
    if (m.scope.project_id)
        w.field_int("projectId", m.scope.project_id->value);
    else
        w.field_null("projectId");
    w.field_opt("projectName", m.project_name);
    w.field("scope", scope_api_name(m.scope.type));
    if (m.tenant_id)
        w.field_int("tenantId", *m.tenant_id);
    else
        w.field_null("tenantId");
    w.field_int("updateCount", m.update_count);
    w.field("updatedAt", m.updated_at);
    w.field("updatedBy", m.updated_by);
    w.field_null("workloadSupportedTypes");
    w.close('}');
}

// The read model: secret values are null, the NGC key absent (as encode_spec_read).
void write_spec(Writer& w, const CredentialSpec& spec, std::int32_t key_id) {
    w.open('{');
    std::visit(
        [&w, key_id](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, AccessKeySpec>) {
                w.field_null("accessKeyId");
                w.field_opt("existingSecretName", v.existing_secret_name);
                w.field_int("keyId", key_id);
                w.field_null("secretAccessKey");
            } else if constexpr (std::is_same_v<T, PasswordSpec>) {
                w.field_opt("existingSecretName", v.existing_secret_name);
                w.field_int("keyId", key_id);
                w.field_null("password");
                w.field_null("user");
            } else if constexpr (std::is_same_v<T, DockerRegistrySpec>) {
                w.field_opt("existingSecretName", v.existing_secret_name);
                w.field_int("keyId", key_id);
                w.field_null("password");
                w.field_opt("url", v.url);
                w.field_null("user");
            } else if constexpr (std::is_same_v<T, GenericSecretSpec>) {
                w.field_opt("existingSecretName", v.existing_secret_name);
                w.field_int("keyId", key_id);
                w.key("keyValuePairs");
                if (!v.key_value_pairs) {
                    w.null();
                } else {
                    w.open('[');
                    for (const auto& kv : *v.key_value_pairs) {
                        w.open('{');
                        w.field("key", kv.key);
                        w.field_null("value");
                        w.close('}');
                    }
                    w.close(']');
                }
            } else {
                w.field_int("keyId", key_id);  // no ngc_api_key: not nullable (see encode_spec_read)
            }
        },
        spec);
    w.close('}');
}

// "key": [{"id": ..., <fields(item)>}...]: the usage lists (keys after "id" in byte order).
template <class T, class F>
void write_id_objects(Writer& w, std::string_view key, const std::vector<T>& v, F&& fields) {
    w.key(key);
    w.open('[');
    for (const auto& item : v) {
        w.open('{');
        w.field("id", item.id);
        fields(item);
        w.close('}');
    }
    w.close(']');
}

void write_usage(Writer& w, const UsageInfo& u) {
    auto refs = [&w](std::string_view key, const std::vector<AssetRef>& v) {
        write_id_objects(w, key, v, [&w](const AssetRef& r) { w.field("name", r.name); });
    };
    auto workloads = [&w](std::string_view key, const std::vector<WorkloadRef>& v) {
        write_id_objects(w, key, v, [&w](const WorkloadRef& r) {
            w.field("name", r.name);
            if (r.status) w.field("status", *r.status);
        });
    };
    w.open('{');
    w.key("assets");
    w.open('{');
    refs("computes", u.computes);
    write_id_objects(w, "datasources", u.datasources, [&w](const DatasourceRef& d) {
        w.field("kind", d.kind);
        w.field("name", d.name);
    });
    refs("environments", u.environments);
    w.close('}');
    workloads("distributed", u.distributed);
    workloads("inferences", u.inferences);
    refs("templates", u.templates);
    workloads("trainings", u.trainings);
    workloads("workspaces", u.workspaces);
    w.close('}');
}

void write_status(Writer& w, const AssetStatus& s) {
    w.open('{');
    w.key("issues");
    w.open('[');
    for (const auto& i : s.issues) {
        w.open('{');
        w.field("issue", issue_api_name(i.issue));
        w.field("scopeId", i.scope_id);
        w.field("scopeType", scope_api_name(i.scope_type));
        w.close('}');
    }
    w.close(']');
    w.field("message", s.message);
    w.field("status", status_api_name(s.status));
    w.field("url", s.url);
    w.close('}');
}

void write_credential(Writer& w, const Credential& c, bool combined) {
    w.open('{');
    if (c.k8s_names) {
        w.key("clusterInfo");
        w.open('{');
        w.key("resources");
        w.open('[');
        for (const auto& n : *c.k8s_names) {
            w.open('{');
            w.field("name", n);
            w.close('}');
        }
        w.close(']');
        w.close('}');
    }
    w.key("meta");
    write_meta(w, c.meta);
    w.key("spec");
    if (combined) {
        // Every kind name, in byte order; only the credential's own kind has an object.
        w.open('{');
        for (std::string_view k : {"accessKey", "dockerRegistry", "genericSecret", "ngcApiKey", "password"}) {
            w.key(k);
            if (k == kind_api_name(c.meta.kind))
                write_spec(w, c.spec, c.key_id);
            else
                w.null();
        }
        w.close('}');
    } else {
        write_spec(w, c.spec, c.key_id);
    }
    if (c.status) {
        w.key("status");
        write_status(w, *c.status);
    }
    if (c.used_by) {
        w.key("usedBy");
        write_usage(w, *c.used_by);
    }
    w.close('}');
}

}  // namespace

std::string encode_credential_list_body(const std::vector<Credential>& list, bool combined_entries) {
    std::string out;
    out.reserve(64 + list.size() * 1024);
    Writer w(out);
    w.open('{');
    w.key("entries");
    w.open('[');
    for (const auto& c : list) write_credential(w, c, combined_entries);
    w.close(']');
    w.close('}');
    return out;
}

}  // namespace cc
