// The line between a credential's secret values and its readable metadata. A create request's
// spec is split into the read-model spec (existingSecretName, registry url, generic-secret key
// names) and a sealed blob of the full request, bound to the credential id. Nothing else in the
// server ever holds a decrypted value.
#pragma once

#include <optional>

#include "core/credential.h"
#include "core/result.h"
#include "server/crypto.h"

namespace cc::server {

// True when the spec carries any value the API must never return (passwords, keys, users...).
bool has_secret_values(const CredentialSpec& spec);
// The spec as stored and returned: values dropped, non-secret metadata kept.
CredentialSpec public_spec(const CredentialSpec& spec);
// The sealed request, or nullopt when it holds no values (an existing-secret credential).
std::optional<Bytes> seal_secret_values(const SecretBox& box, const CreateRequest& request, const CredentialId& id);
// Back to the request that was sealed (for the cluster agent that writes Kubernetes Secrets).
Result<CreateRequest> open_secret_values(const SecretBox& box, const Bytes& blob, CredentialKind kind,
                                         const CredentialId& id);

}  // namespace cc::server
