// Splitting a create request into its readable spec and a sealed blob, and opening the blob.
// The plaintext is the codec's own create-request JSON, so the sealed form can never drift from
// the API's field names.
#include "server/secret_values.h"

#include "core/json_codec.h"

namespace cc::server {

bool has_secret_values(const CredentialSpec& spec) {
    return std::visit(
        [](const auto& v) -> bool {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, AccessKeySpec>) {
                return v.access_key_id || v.secret_access_key;
            } else if constexpr (std::is_same_v<T, PasswordSpec>) {
                return v.user || v.password;
            } else if constexpr (std::is_same_v<T, DockerRegistrySpec>) {
                return v.user || v.password;
            } else if constexpr (std::is_same_v<T, GenericSecretSpec>) {
                if (!v.key_value_pairs) return false;
                for (const auto& kv : *v.key_value_pairs)
                    if (kv.value) return true;
                return false;
            } else {
                return v.ngc_api_key.has_value();
            }
        },
        spec);
}

CredentialSpec public_spec(const CredentialSpec& spec) {
    return std::visit(
        [](const auto& v) -> CredentialSpec {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, AccessKeySpec>) {
                return AccessKeySpec{v.existing_secret_name, {}, {}};
            } else if constexpr (std::is_same_v<T, PasswordSpec>) {
                return PasswordSpec{v.existing_secret_name, {}, {}};
            } else if constexpr (std::is_same_v<T, DockerRegistrySpec>) {
                return DockerRegistrySpec{v.existing_secret_name, {}, {}, v.url};
            } else if constexpr (std::is_same_v<T, GenericSecretSpec>) {
                GenericSecretSpec out{v.existing_secret_name, {}};
                if (v.key_value_pairs) {
                    out.key_value_pairs.emplace();
                    for (const auto& kv : *v.key_value_pairs) out.key_value_pairs->push_back({kv.key, std::nullopt});
                }
                return out;
            } else {
                return NgcApiKeySpec{};
            }
        },
        spec);
}

std::optional<Bytes> seal_secret_values(const SecretBox& box, const CreateRequest& request, const CredentialId& id) {
    if (!has_secret_values(request.spec)) return std::nullopt;
    std::string plain = encode_create_request(request).dump();
    Bytes blob = box.seal(plain, id.value);
    wipe(plain);
    return blob;
}

Result<CreateRequest> open_secret_values(const SecretBox& box, const Bytes& blob, CredentialKind kind,
                                         const CredentialId& id) {
    auto plain = box.open(blob, id.value);
    if (!plain) return ApiError{500, "A stored secret could not be decrypted", "credential " + id.value, {}};
    auto json = parse_json(*plain);
    wipe(*plain);
    if (!json) return ApiError{500, "A stored secret is corrupt", "credential " + id.value, {}};
    auto request = decode_create_request(*json, kind);
    return request;
}

}  // namespace cc::server
