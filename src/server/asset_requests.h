// The assets that reference credentials: Git and S3 data sources and environments whose
// variables take a credential's key. Decoding and validation of their create requests (strict:
// unknown fields and wrong types are 400s naming the field), the caller's rights (Create at the
// asset's scope; every referenced credential readable), the credential rules (kind, usable at the
// asset's scope, not being deleted), and their JSON read model.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/credential.h"
#include "core/json_codec.h"
#include "core/org.h"
#include "core/result.h"
#include "server/permissions.h"
#include "server/store.h"

namespace cc::server {

enum class AssetType { GitDatasource, S3Datasource, Environment };

std::string_view asset_kind_name(AssetType t);  // meta.kind: "git", "s3", "environment"
ReferrerType asset_referrer_type(AssetType t);  // Datasource or Environment

struct AssetCreate {
    AssetType type = AssetType::GitDatasource;
    std::string name;
    std::optional<std::string> description;
    ScopeRef scope;                         // normalized: parent ids filled
    Json spec;                              // as it will be stored and answered
    std::vector<CredentialId> credentials;  // distinct, in order of appearance
};

// Finds a credential by id, whoever may read it (nullopt when there is none).
using CredentialLookup = std::function<Result<std::optional<Credential>>(const CredentialId&)>;

// Checks a create body for `caller`. Meta and scope first (400s), then Create at the asset's
// scope (403), then the spec. The referenced credentials must be readable by the caller (one
// that is not gets the same 400 as an id that does not exist, naming neither it nor its scope),
// be of the right kind (S3: accessKey; Git: password, or a genericSecret with key "ssh";
// environments: any kind, and a genericSecret's key must be one of its keys), be usable at the
// asset's scope and not be being deleted. Errors are 400s whose field names the offending member.
Result<AssetCreate> decode_asset_create(const Json& body, AssetType type, const CallerAccess& caller,
                                        const CredentialLookup& lookup);

// {"meta": {id, kind, name, description, scope, clusterId, departmentId, projectId, projectName,
// tenantId, createdBy, createdAt, updatedBy, updatedAt, updateCount}, "spec": {...}}
Json encode_asset(const Referrer& r, AssetType type, const OrgTree& tree, std::optional<std::int64_t> tenant_id);

}  // namespace cc::server
