// The simulated Kubernetes side of each cluster, durable in the server's SQLite database: the
// namespace and Secret tables (objects stored as Kubernetes JSON, data sealed at rest), cluster
// reachability, and the cluster agents' bookkeeping on credentials (transient work, status
// reports, purge). The Secret object and its JSON are in k8s_secret.h.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/credential.h"
#include "core/result.h"
#include "server/crypto.h"
#include "server/k8s_secret.h"
#include "server/store.h"

namespace cc::server {

inline constexpr const char* kFailedToAccessCluster = "Failed to access the cluster";

// One credential as the agents see it when polling.
struct AgentWork {
    CredentialId id;
    SyncStatus status = SyncStatus::Creating;
    std::int64_t update_count = 0;
    // "Creating#1": identifies one transient operation across the clusters it touches.
    std::string operation() const;
};

class ClusterStore {
public:
    // `box` seals and opens Secret data; without it only metadata can be read or written.
    explicit ClusterStore(Store& store, const SecretBox* box = nullptr) : store_(store), box_(box) {}

    // ---- namespaces ----
    Result<std::vector<std::string>> namespaces(const ClusterId& cluster);
    Result<bool> has_namespace(const ClusterId& cluster, const std::string& name);
    VoidResult add_namespace(const ClusterId& cluster, const std::string& name);

    // ---- Secrets ----
    Result<std::optional<K8sSecret>> secret(const ClusterId& cluster, const std::string& ns, const std::string& name,
                                            bool with_data);
    // Sorted by namespace, then name; `ns` empty: every namespace.
    Result<std::vector<K8sSecret>> secrets(const ClusterId& cluster, const std::string& ns, bool with_data);
    // A new object; 409 when the name is taken in the namespace, 404-ish 400 when the namespace
    // does not exist. Fills uid and creationTimestamp.
    Result<K8sSecret> create_secret(const ClusterId& cluster, K8sSecret s);
    // Creates or replaces an object owned by `s.owner` (uid and creation time survive a
    // replace). Refuses (409) to replace an object owned by someone else.
    VoidResult put_owned_secret(const ClusterId& cluster, K8sSecret s);
    // Removes what the credential's agent wrote in the cluster (never user-owned objects);
    // `ns` empty: in every namespace.
    VoidResult delete_owned_secrets(const ClusterId& cluster, const CredentialId& owner, const std::string& ns = {});
    // Credentials of the cluster that point to an existing Secret (any status, deleted or not).
    struct ExistingSecretUser {
        CredentialId id;
        std::string name;
        std::string existing_secret_name;
        ScopeRef scope;
    };
    Result<std::vector<ExistingSecretUser>> existing_secret_users(const ClusterId& cluster);

    // ---- clusters ----
    // Reachability is the cluster's status.state: "Disconnected" while unreachable.
    Result<std::optional<bool>> reachable(const ClusterId& cluster);  // nullopt: unknown cluster
    VoidResult set_reachable(const ClusterId& cluster, bool reachable);

    // ---- agent bookkeeping (cluster_store_agent.cpp) ----
    // Credentials in Creating/Updating/Deleting that touch `cluster` (its own or tenant scope),
    // minus the seed's held ones and those whose part in `cluster` is already done.
    Result<std::vector<AgentWork>> pending_work(const ClusterId& cluster);
    // Steady credentials of the cluster reported as unreachable ("Failed to access the cluster").
    Result<std::vector<AgentWork>> unreachable_reports(const ClusterId& cluster);
    // Turns the cluster's steady, cluster-bound credentials to Issues found + kFailedToAccessCluster.
    VoidResult report_unreachable(const ClusterId& cluster);
    // Records that `cluster` finished `work`'s operation, with the issues it found there.
    VoidResult record_progress(const AgentWork& work, const ClusterId& cluster, const std::vector<StatusIssue>& issues);
    // Progress rows of the operation, by cluster uuid.
    Result<std::map<std::string, std::vector<StatusIssue>>> progress(const AgentWork& work);
    // Sets the status when the credential is still in `work`'s state; false when it moved on.
    // `k8s_name` is written when given.
    Result<bool> report_status(const AgentWork& work, const AssetStatus& status,
                               const std::optional<std::string>& k8s_name);
    // Names the credential's Kubernetes object (first processing).
    VoidResult set_k8s_name(const CredentialId& id, const std::string& k8s_name);
    // Deletes the credential row (and its bookkeeping) when it is still in `work`'s Deleting.
    Result<bool> purge(const AgentWork& work);
    VoidResult clear_progress(const CredentialId& id);
    // The seed's holds: the credential stays as it is until its status or update count changes.
    VoidResult hold(const CredentialId& id, SyncStatus status, std::int64_t update_count);

private:
    Store& store_;
    const SecretBox* box_;
};

}  // namespace cc::server
