// What a credential becomes in a cluster (docs/api.md, 'Propagation', 'Secret data layout'): the
// Secret type and data per kind (a docker-registry `.dockerconfigjson` byte-identical to
// kubectl's), the source Secret and its replicas per scope with the run.ai labels, and the status
// issues for namespaces that are missing.
// Shared by the cluster agents and the demo seed, so seeded objects match what agents write.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/credential.h"
#include "core/org.h"
#include "core/result.h"
#include "server/cluster_store.h"

namespace cc::server {

// A string as Go's encoding/json writes it (HTML-safe escaping of < > &, \u2028/\u2029,
// \ufffd for invalid UTF-8), quotes included.
std::string go_json_string(std::string_view s);
// `kubectl create secret docker-registry --docker-server=S --docker-username=U
// --docker-password=P` data[".dockerconfigjson"], decoded: {"auths":{S:{username,password,auth}}}.
std::string docker_config_json(std::string_view server, std::string_view user, std::string_view password);

struct SecretPayload {
    std::string type = "Opaque";
    SecretData data;
};
// The Secret of a new-secret credential from its (decrypted) create request.
Result<SecretPayload> secret_payload(const CreateRequest& values);

// Where the objects of a credential go in one cluster.
struct PropagationTargets {
    std::string source_namespace;          // runai, or the project's namespace
    StatusIssue source_scope;              // the scope node an issue about the source names
    std::vector<const Project*> replicas;  // project namespaces that get a copy
};
// nullopt when the credential does not reach `cluster` (or its scope node is unknown).
std::optional<PropagationTargets> propagation_targets(const OrgTree& tree, const ScopeRef& scope,
                                                      const ClusterId& cluster);
// The clusters a credential's objects live in: its own, or every cluster for tenant scope.
std::vector<ClusterId> propagation_clusters(const OrgTree& tree, const ScopeRef& scope);

// The Kubernetes name for a new-secret credential: its own name when no one else's object
// holds it in any target namespace, else name-2, name-3...
Result<std::string> choose_k8s_name(ClusterStore& cs, const OrgTree& tree, const Credential& c);

// Creates or refreshes the credential's objects in `cluster` and returns the issues found there
// (NotCreated per scope node whose namespace or source Secret is missing, or whose name is
// taken by someone else's object). `payload` is required for a new-secret credential;
// an existing-secret credential replicates the user's Secret. `k8s_name` names new objects.
Result<std::vector<StatusIssue>> apply_credential(ClusterStore& cs, const OrgTree& tree, const ClusterId& cluster,
                                                  const Credential& c, const std::optional<SecretPayload>& payload,
                                                  const std::string& k8s_name);

}  // namespace cc::server
