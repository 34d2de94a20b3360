// The JSON codec for the Run:ai API shapes (docs/api.md, 'Credential shape'): credentials (per-kind
// objects and combined list entries), create/update requests, status, usedBy, clusterInfo, org
// lists and the error body. Decoding never throws: failures come back as ApiError naming the field.
// Client-side decoding is lenient (unknown fields ignored); request decoding for the server
// is strict (unknown fields and wrong types are 400s).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/credential.h"
#include "core/org.h"
#include "core/result.h"

namespace cc {

using Json = nlohmann::json;

// Arrays and objects may nest this deep in any document we parse: the API's own shapes need
// fewer than 8 levels, and the limit keeps every walk over a parsed body (encoding, wiping,
// comparing) far from the stack's end.
inline constexpr std::size_t kMaxJsonDepth = 32;

// True when brackets nest deeper than `limit` outside strings; a linear scan of the raw text,
// so a hostile document is refused before a DOM is built for it.
bool json_nesting_exceeds(std::string_view text, std::size_t limit);

// Parses text without throwing; a malformed document, or one nested deeper than
// kMaxJsonDepth, becomes a 400 ApiError.
Result<Json> parse_json(std::string_view text);

// ---- credentials --------------------------------------------------------------------------

Json encode_meta(const AssetMeta& m);
Json encode_status(const AssetStatus& s);
Json encode_usage(const UsageInfo& u);
// The read model of a spec: secret values are always null, whatever the struct holds.
Json encode_spec_read(const CredentialSpec& s, std::int32_t key_id);
// Per-kind object ({meta, spec, usedBy?, status?, clusterInfo?}) or combined-list entry
// (spec nested by kind, every other kind null).
Json encode_credential(const Credential& c, bool combined_entry);

Result<AssetMeta> decode_meta(const Json& j);
Result<AssetStatus> decode_status(const Json& j);
Result<UsageInfo> decode_usage(const Json& j);
// Accepts both a per-kind object and a combined-list entry.
Result<Credential> decode_credential(const Json& j);
// {"entries": [...]} of either list endpoint.
Result<std::vector<Credential>> decode_credential_list(std::string_view body);

// ---- requests -------------------------------------------------------------------------------

Json encode_create_request(const CreateRequest& r);
Result<CreateRequest> decode_create_request(const Json& j, CredentialKind kind);
Json encode_update_request(const UpdateRequest& r);
Result<UpdateRequest> decode_update_request(const Json& j);

// ---- errors ---------------------------------------------------------------------------------

Json encode_error(const ApiError& e);
// The error of a failed HTTP exchange: the body when it has the Run:ai shape, otherwise a
// message derived from the status code.
ApiError decode_error(int http_status, std::string_view body);
std::string_view default_error_message(int http_status);

// ---- org ------------------------------------------------------------------------------------

Json encode_cluster(const Cluster& c);
Json encode_department(const Department& d);
Json encode_project(const Project& p);
Result<std::vector<Cluster>> decode_clusters(std::string_view body);        // array
Result<std::vector<Department>> decode_departments(std::string_view body);  // {"departments": [...]}
Result<std::vector<Project>> decode_projects(std::string_view body);        // {"projects": [...]}
Result<std::vector<Department>> departments_from_json(const Json& j);
Result<std::vector<Project>> projects_from_json(const Json& j);
// The offset of the next page of an org-unit list ("next"), absent on the last page.
std::optional<std::int64_t> decode_next(const Json& j);

}  // namespace cc
