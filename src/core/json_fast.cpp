// The credential list's JSON written and read without a DOM.
// [SECTION] index: writer, reader (cursor), reader (shapes).
#include "core/json_fast.h"

#include <cstdint>
#include <limits>
#include <variant>

namespace cc {
namespace {

// ---- [SECTION] writer --------------------------------------------------------------------------
// Keys are written in the order nlohmann's std::map keeps them (byte order), so the text is
// identical to the DOM's dump(); tests/core/test_json_fast.cpp compares the two.

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
        if (s) str(*s);
        else null();
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
    if (m.scope.project_id) w.field_int("projectId", m.scope.project_id->value);
    else w.field_null("projectId");
    w.field_opt("projectName", m.project_name);
    w.field("scope", scope_api_name(m.scope.type));
    if (m.tenant_id) w.field_int("tenantId", *m.tenant_id);
    else w.field_null("tenantId");
    w.field_int("updateCount", m.update_count);
    w.field("updatedAt", m.updated_at);
    w.field("updatedBy", m.updated_by);
    w.field_null("workloadSupportedTypes");
    w.close('}');
}

// The read model: secret values are always null (as encode_spec_read).
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
                w.field_int("keyId", key_id);
                w.field_null("ngc_api_key");
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
            if (k == kind_api_name(c.meta.kind)) write_spec(w, c.spec, c.key_id);
            else w.null();
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


// ---- [SECTION] reader (cursor) -----------------------------------------------------------------
// A pull parser over the text. Every method returns false when the text is not what it
// expects; the caller then gives up (and the DOM decoder reports the problem). Skipped values
// are validated as strictly as nlohmann's parser does, so the reader never accepts a document
// the DOM would refuse.

class Cursor {
public:
    explicit Cursor(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

    bool at_end() {
        ws();
        return p_ == end_;
    }
    // The next value's first character (after whitespace), 0 at the end.
    char peek() {
        ws();
        return p_ == end_ ? '\0' : *p_;
    }
    bool null() { return literal("null"); }
    bool boolean(bool& out) {
        if (peek() == 't' && literal("true")) return out = true, true;
        if (peek() == 'f' && literal("false")) return out = false, true;
        return false;
    }
    // An integer that nlohmann would hold as a signed or unsigned integer fitting int64.
    bool integer(std::int64_t& out) {
        ws();
        const char* q = p_;
        const bool neg = q != end_ && *q == '-';
        if (neg) ++q;
        if (q == end_ || *q < '0' || *q > '9') return false;
        if (*q == '0' && q + 1 != end_ && q[1] >= '0' && q[1] <= '9') return false;
        std::uint64_t v = 0;
        for (; q != end_ && *q >= '0' && *q <= '9'; ++q) {
            if (v > (std::numeric_limits<std::uint64_t>::max() - 9) / 10) return false;
            v = v * 10 + static_cast<unsigned>(*q - '0');
        }
        if (q != end_ && (*q == '.' || *q == 'e' || *q == 'E')) return false;  // a float
        if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return false;
        out = neg ? -static_cast<std::int64_t>(v) : static_cast<std::int64_t>(v);
        p_ = q;
        return true;
    }
    bool string(std::string& out) {
        ws();
        if (p_ == end_ || *p_ != '"') return false;
        ++p_;
        out.clear();
        const char* run = p_;
        while (p_ != end_) {
            const auto c = static_cast<unsigned char>(*p_);
            if (c == '"') {
                out.append(run, p_);
                ++p_;
                return true;
            }
            if (c < 0x20) return false;
            if (c == '\\') {
                out.append(run, p_);
                if (!escape(out)) return false;
                run = p_;
                continue;
            }
            if (c >= 0x80) {
                if (!utf8_sequence()) return false;
                continue;
            }
            ++p_;
        }
        return false;
    }
    // Objects and arrays: open, then `more` before each member (it eats the commas) until it
    // answers false at the closing bracket. `ok` tells a clean close from a syntax error.
    bool open(char bracket) {
        if (peek() != bracket) return false;
        ++p_;
        first_ = true;
        return true;
    }
    bool more(char closing, bool& ok) {
        ok = true;
        ws();
        if (p_ == end_) return ok = false;
        if (*p_ == closing) {
            ++p_;
            first_ = false;
            return false;
        }
        if (!first_) {
            if (*p_ != ',') return ok = false;
            ++p_;
        }
        first_ = false;
        return true;
    }
    bool key(std::string& out) {
        if (!string(out)) return false;
        ws();
        if (p_ == end_ || *p_ != ':') return false;
        ++p_;
        return true;
    }
    bool skip(int depth = 0) {
        if (depth > 256) return false;
        switch (peek()) {
            case '"': return string(scratch_);
            case 't': case 'f': { bool b; return boolean(b); }
            case 'n': return null();
            case '{': {
                if (!open('{')) return false;
                bool ok;
                while (more('}', ok)) {
                    if (!key(scratch_) || !skip(depth + 1)) return false;
                    first_ = false;
                }
                return ok;
            }
            case '[': {
                if (!open('[')) return false;
                bool ok;
                while (more(']', ok)) {
                    if (!skip(depth + 1)) return false;
                    first_ = false;
                }
                return ok;
            }
            default: return number();
        }
    }
    // After a nested value the container continues with a comma.
    void after_value() { first_ = false; }

private:
    void ws() {
        while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
    }
    bool literal(std::string_view word) {
        ws();
        if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word) return false;
        p_ += word.size();
        return true;
    }
    bool digits() {
        const char* q = p_;
        while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
        return p_ != q;
    }
    bool number() {
        ws();
        if (p_ != end_ && *p_ == '-') ++p_;
        if (p_ == end_) return false;
        if (*p_ == '0') ++p_;
        else if (!digits()) return false;
        if (p_ != end_ && *p_ == '.') {
            ++p_;
            if (!digits()) return false;
        }
        if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
            ++p_;
            if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
            if (!digits()) return false;
        }
        return true;
    }
    bool hex4(unsigned& out) {
        if (end_ - p_ < 4) return false;
        out = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = *p_++;
            out <<= 4;
            if (c >= '0' && c <= '9') out |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') out |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') out |= static_cast<unsigned>(c - 'A' + 10);
            else return false;
        }
        return true;
    }
    bool escape(std::string& out) {
        ++p_;  // the backslash
        if (p_ == end_) return false;
        const char c = *p_++;
        switch (c) {
            case '"': out += '"'; return true;
            case '\\': out += '\\'; return true;
            case '/': out += '/'; return true;
            case 'b': out += '\b'; return true;
            case 'f': out += '\f'; return true;
            case 'n': out += '\n'; return true;
            case 'r': out += '\r'; return true;
            case 't': out += '\t'; return true;
            case 'u': break;
            default: return false;
        }
        unsigned cp;
        if (!hex4(cp)) return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a lone low surrogate
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned low;
            if (end_ - p_ < 6 || p_[0] != '\\' || p_[1] != 'u') return false;
            p_ += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
        return true;
    }
    // One well-formed UTF-8 sequence of 2 to 4 bytes (RFC 3629: no overlongs, no surrogates).
    bool utf8_sequence() {
        const auto b = [this](std::ptrdiff_t i) { return static_cast<unsigned char>(p_[i]); };
        const auto cont = [&b](std::ptrdiff_t i) { return (b(i) & 0xC0) == 0x80; };
        const std::ptrdiff_t left = end_ - p_;
        const unsigned char c = b(0);
        int n;
        if (c >= 0xC2 && c <= 0xDF) n = 2;
        else if (c >= 0xE0 && c <= 0xEF) n = 3;
        else if (c >= 0xF0 && c <= 0xF4) n = 4;
        else return false;
        if (left < n) return false;
        for (int i = 1; i < n; ++i)
            if (!cont(i)) return false;
        if (c == 0xE0 && b(1) < 0xA0) return false;
        if (c == 0xED && b(1) > 0x9F) return false;
        if (c == 0xF0 && b(1) < 0x90) return false;
        if (c == 0xF4 && b(1) > 0x8F) return false;
        p_ += n;
        return true;
    }

    const char* p_;
    const char* end_;
    bool first_ = true;
    std::string scratch_;
};

// ---- [SECTION] reader (shapes) -----------------------------------------------------------------
// Each reader mirrors its DOM counterpart in json_codec.cpp for documented types and null
// (null is "absent" there); any other type gives up.

#define CC_FAST(expr)         \
    do {                      \
        if (!(expr)) return false; \
    } while (0)

// Loops over an object's members: `body` sees the key and reads (or skips) its value.
template <class F>
bool members(Cursor& in, std::string& key, F&& body) {
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
bool elements(Cursor& in, F&& body) {
    CC_FAST(in.open('['));
    bool ok;
    while (in.more(']', ok)) {
        CC_FAST(body());
        in.after_value();
    }
    return ok;
}

// A string, or null for "absent".
bool opt_string(Cursor& in, std::optional<std::string>& out) {
    if (in.peek() == 'n') return out.reset(), in.null();
    std::string v;
    CC_FAST(in.string(v));
    out = std::move(v);
    return true;
}

// str_or: a string, or null for the default "".
bool string_or_empty(Cursor& in, std::string& out) {
    if (in.peek() == 'n') return out.clear(), in.null();
    return in.string(out);
}

// id_string_of: a string or an integer, null for absent.
bool id_string(Cursor& in, std::optional<std::string>& out) {
    const char c = in.peek();
    if (c == 'n') return out.reset(), in.null();
    if (c == '"') return opt_string(in, out);
    std::int64_t v;
    CC_FAST(in.integer(v));
    out = std::to_string(v);
    return true;
}

// id_int_of: an integer (strings of digits are the DOM's business), null for absent.
bool opt_integer(Cursor& in, std::optional<std::int64_t>& out) {
    if (in.peek() == 'n') return out.reset(), in.null();
    std::int64_t v;
    CC_FAST(in.integer(v));
    out = v;
    return true;
}

bool boolean_or_false(Cursor& in, bool& out) {
    if (in.peek() == 'n') return out = false, in.null();
    return in.boolean(out);
}

bool read_meta(Cursor& in, AssetMeta& m) {
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
bool key_id_value(Cursor& in, std::int32_t& out) {
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
bool read_spec_object(Cursor& in, CredentialKind kind, SpecRead& out, std::optional<SpecRead>* nested) {
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
bool read_spec(Cursor& in, Credential& c) {
    SpecRead flat{empty_spec(c.meta.kind), 0};
    std::optional<SpecRead> nested;
    if (in.peek() == 'n') CC_FAST(in.null());
    else CC_FAST(read_spec_object(in, c.meta.kind, flat, &nested));
    SpecRead& chosen = nested ? *nested : flat;
    c.spec = std::move(chosen.spec);
    c.key_id = chosen.key_id;
    return true;
}

bool read_status(Cursor& in, std::optional<AssetStatus>& out) {
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
bool read_id_objects(Cursor& in, std::vector<T>& out, std::string& key, F&& field) {
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

bool read_refs(Cursor& in, std::vector<AssetRef>& out, std::string& key) {
    return read_id_objects(in, out, key, [&in](std::string_view k, AssetRef& r) {
        return k == "name" ? string_or_empty(in, r.name) : in.skip();
    });
}

bool read_workloads(Cursor& in, std::vector<WorkloadRef>& out, std::string& key) {
    return read_id_objects(in, out, key, [&in](std::string_view k, WorkloadRef& w) {
        if (k == "name") return string_or_empty(in, w.name);
        if (k == "status") return opt_string(in, w.status);
        return in.skip();
    });
}

bool read_usage(Cursor& in, std::optional<UsageInfo>& out) {
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

bool read_cluster_info(Cursor& in, std::optional<std::vector<std::string>>& out) {
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

bool read_credential(Cursor& in, Credential& c) {
    std::string key;
    bool seen_meta = false;
    unsigned seen = 0;  // each entry field once: the DOM keeps the last of duplicates
    auto once = [&seen](unsigned bit) {
        if (seen & bit) return false;
        seen |= bit;
        return true;
    };
    return members(in, key, [&](std::string_view k) {
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
    }) && seen_meta && ((seen & 2) || (c.spec = empty_spec(c.meta.kind), true));
}

#undef CC_FAST

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

namespace cc {

std::optional<std::vector<Credential>> decode_credential_list_fast(std::string_view body) {
    Cursor in(body);
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
