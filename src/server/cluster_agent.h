// The cluster agents: one background thread per cluster plays Run:ai's in-cluster components
// (assets-sync writes the Secrets, cluster-sync reports back). Each polls for credentials in
// transient states, writes or removes their Secret objects in the cluster store after a
// configurable delay, and reports the status back (docs/api.md, 'Status lifecycle'); while its
// cluster is unreachable it reports "Failed to access the cluster" and lets transient work wait.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/result.h"
#include "server/crypto.h"
#include "server/store.h"

namespace cc::server {

class ClusterAgents {
public:
    // `delay`: how long a credential stays in a transient state before its agent acts on it.
    ClusterAgents(Store& store, const SecretBox& box, std::chrono::milliseconds delay);
    ~ClusterAgents();  // stops
    ClusterAgents(const ClusterAgents&) = delete;
    ClusterAgents& operator=(const ClusterAgents&) = delete;

    // Starts one agent per cluster of the org tree.
    VoidResult start();
    // Waits for the agents to finish their current pass. Idempotent.
    void stop();
    // Something changed (a credential, a cluster's reachability): look now instead of at the
    // next poll.
    void wake();

private:
    class Agent;
    Store& store_;
    const SecretBox& box_;
    std::chrono::milliseconds delay_;
    std::vector<std::unique_ptr<Agent>> agents_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::uint64_t generation_ = 0;  // guarded by mutex_; bumped by wake()
    bool stopping_ = false;         // guarded by mutex_
};

}  // namespace cc::server
