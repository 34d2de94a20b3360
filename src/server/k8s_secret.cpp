// Kubernetes Secret JSON: writes the manifest of a Secret, reads back what was written, and
// validates a user's manifest field by field (envelope, metadata, run.ai labels, type, data) the
// way the Kubernetes API server would, answering 400 with the field at fault.
#include "server/k8s_secret.h"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "core/validation.h"

namespace cc::server {
namespace {

bool is_alnum_lower(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool is_alnum(char c) {
    return is_alnum_lower(c) || (c >= 'A' && c <= 'Z');
}

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

bool is_label_value(std::string_view s) {
    return s.empty() || is_qualified_name_part(s);
}

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

// ---- reading a user's manifest, one step each ----

// A JSON object with only the top-level fields of a Secret, apiVersion v1 and kind Secret.
std::optional<ApiError> check_envelope(const Json& j) {
    if (!j.is_object()) return bad("", "A Secret manifest must be a JSON object");
    for (const auto& [k, v] : j.items()) {
        static const std::array<std::string_view, 7> allowed = {"apiVersion", "kind",       "metadata", "type",
                                                                "data",       "stringData", "immutable"};
        if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) return bad(k, "Unknown field " + k);
    }
    if (j.value("apiVersion", Json()) != "v1") return bad("apiVersion", "apiVersion must be \"v1\"");
    if (j.value("kind", Json()) != "Secret") return bad("kind", "kind must be \"Secret\"");
    if (j.contains("immutable") && !j["immutable"].is_boolean()) return bad("immutable", "immutable must be a boolean");
    return std::nullopt;
}

// metadata: name, namespace, labels and annotations; nothing else a user may set.
std::optional<ApiError> read_metadata(const Json& j, K8sSecret& s) {
    const Json meta = j.value("metadata", Json());
    if (!meta.is_object()) return bad("metadata", "metadata is required");
    for (const auto& [k, v] : meta.items()) {
        if (k == "creationTimestamp" && (v.is_null() || v.is_string())) continue;  // kubectl prints null
        if (k != "name" && k != "namespace" && k != "labels" && k != "annotations")
            return bad("metadata." + k, "Unsupported field metadata." + k);
    }
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
    return std::nullopt;
}

// The run.ai labels that make a Secret selectable as an existing secret, with the values Run:ai
// understands; the asset labels belong to the agents.
std::optional<ApiError> check_runai_labels(const Labels& labels) {
    for (const char* reserved : {kLabelAsset, kLabelTenantWide, kLabelUserCredential})
        if (labels.count(reserved))
            return bad("metadata.labels", std::string(reserved) + " is set by the cluster agent, not by users");
    if (auto it = labels.find(kLabelResource); it != labels.end()) {
        const auto kind = kind_from_k8s_type_label(it->second);
        if (!kind || !kind_supports_existing_secret(*kind))
            return bad("metadata.labels", "run.ai/resource must be docker-registry, access-key, password or generic");
    }
    if (auto it = labels.find(kLabelClusterWide); it != labels.end() && it->second != "true")
        return bad("metadata.labels", "run.ai/cluster-wide must be \"true\"");
    if (labels.count(kLabelClusterWide) && labels.count(kLabelDepartment))
        return bad("metadata.labels", "A Secret is either cluster-wide or for one department, not both");
    return std::nullopt;
}

std::optional<ApiError> read_type(const Json& j, K8sSecret& s) {
    if (!j.contains("type")) return std::nullopt;
    if (!j["type"].is_string() || j["type"].get<std::string>().empty() || j["type"].get<std::string>().size() > 253)
        return bad("type", "type must be a non-empty string");
    s.type = j["type"];
    return std::nullopt;
}

// `stringData` (plain) and `data` (base64) into raw values; stringData wins, as in Kubernetes.
std::optional<ApiError> read_data(const Json& j, K8sSecret& s) {
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
            if (!s.data.count(k)) s.data[k] = std::move(*raw);
        }
    }
    return std::nullopt;
}

// A registry Secret must hold a .dockerconfigjson that is JSON.
std::optional<ApiError> check_typed_data(const K8sSecret& s) {
    if (s.type != "kubernetes.io/dockerconfigjson") return std::nullopt;
    auto it = s.data.find(".dockerconfigjson");
    if (it == s.data.end()) return bad("data", "A kubernetes.io/dockerconfigjson Secret needs data[.dockerconfigjson]");
    if (!parse_json(it->second).ok()) return bad("data..dockerconfigjson", ".dockerconfigjson is not valid JSON");
    return std::nullopt;
}

}  // namespace

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

K8sSecret secret_from_stored_json(const Json& j) {
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

Result<K8sSecret> secret_from_json(const Json& j) {
    if (auto e = check_envelope(j)) return *e;
    K8sSecret s;
    if (auto e = read_metadata(j, s)) return *e;
    if (auto e = check_runai_labels(s.labels)) return *e;
    if (auto e = read_type(j, s)) return *e;
    if (auto e = read_data(j, s)) return *e;
    if (auto e = check_typed_data(s)) return *e;
    return s;
}

}  // namespace cc::server
