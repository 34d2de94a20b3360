// A Kubernetes Secret object as the simulated clusters hold it, and its JSON: the manifest the
// API returns and users submit (labels, annotations, base64 data), the run.ai labels that make a
// Secret usable as a credential, and the DNS-1123 and base64 rules Kubernetes applies to them.
// No storage here: cluster_store.h keeps these objects in SQLite.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/credential.h"
#include "core/json_codec.h"
#include "core/result.h"

namespace cc::server {

inline constexpr const char* kRunaiNamespace = "runai";
// The labels Run:ai reads on Secrets: the resource type a user gives an existing Secret, the
// asset type the agents write on theirs, and where a user's Secret may be used.
inline constexpr const char* kLabelResource = "run.ai/resource";  // user-owned, type
inline constexpr const char* kLabelAsset = "run.ai/asset";        // written by the agent, type
inline constexpr const char* kLabelClusterWide = "run.ai/cluster-wide";
inline constexpr const char* kLabelTenantWide = "run.ai/tenant-wide";
// A personal credential's Secrets: labelled as such, and annotated with their owner's email (a
// workload may use them only for that user).
inline constexpr const char* kLabelUserCredential = "run.ai/user-credential";
inline constexpr const char* kAnnotationOwner = "run.ai/owner";
inline constexpr const char* kLabelDepartment = "run.ai/department";

using Labels = std::map<std::string, std::string>;
using SecretData = std::map<std::string, std::string>;  // key -> raw value bytes (not base64)

struct K8sSecret {
    std::string name;
    std::string namespace_name;
    Labels labels;
    Labels annotations;
    std::string type = "Opaque";
    SecretData data;                    // empty unless loaded with data
    std::string uid;                    // filled by the store on insert
    std::string creation_timestamp;     // "2026-11-26T09:00:00Z", filled by the store on insert
    std::optional<CredentialId> owner;  // the credential whose agent wrote it; nullopt: user-owned
};

// {"apiVersion":"v1","kind":"Secret","metadata":{...},"type":...,"data":{base64...}}; `data` only
// when asked (it holds the secret values).
Json secret_to_json(const K8sSecret& s, bool include_data);
// A user's Secret manifest (what `kubectl create secret ... --dry-run=client -o json` prints,
// or apply input): apiVersion v1, kind Secret, metadata.name (DNS-1123 subdomain),
// namespace, labels, annotations, type, base64 `data` and/or `stringData`. 400 naming the field.
Result<K8sSecret> secret_from_json(const Json& j);
// An object secret_to_json wrote without data, read back as it was: no validation, data empty,
// owner unset (the store keeps those beside the object).
K8sSecret secret_from_stored_json(const Json& j);

bool is_dns1123_label(std::string_view s);      // ≤ 63, [a-z0-9-], alnum at both ends
bool is_dns1123_subdomain(std::string_view s);  // ≤ 253, dot-separated labels
// Standard base64 with padding (RFC 4648), as Kubernetes encodes `data`.
std::string base64_encode(std::string_view raw);
std::optional<std::string> base64_decode(std::string_view text);

// The `run.ai/resource` / `run.ai/asset` value of a kind; NGC, which has no documented value,
// is "ngc-api-key".
std::string k8s_type_label(CredentialKind k);
std::optional<CredentialKind> kind_from_k8s_type_label(std::string_view s);

}  // namespace cc::server
