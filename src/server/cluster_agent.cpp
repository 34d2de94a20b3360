// The agent threads: each pass writes, refreshes or removes credentials' Secrets and reports their
// status. Every change an agent makes for one credential (objects, progress, status, purge) happens
// in one store transaction that first re-checks the credential is still in the state the agent saw,
// so a user's newer action always wins.
#include "server/cluster_agent.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "server/cluster_store.h"
#include "server/propagation.h"
#include "server/secret_values.h"

namespace cc::server {
namespace {

// True while the credential is still in the state the agent saw when it polled.
bool still_pending(const std::optional<Credential>& c, const AgentWork& work) {
    return c && c->status && c->status->status == work.status && c->meta.update_count == work.update_count;
}

// The Secret data of a new-secret credential, from its sealed values.
Result<SecretPayload> stored_payload(Store& store, const SecretBox& box, const Credential& c) {
    auto blob = store.credential_secret_blob(c.meta.id);
    std::optional<Result<CreateRequest>> values;
    if (blob && *blob) values = open_secret_values(box, **blob, c.meta.kind, c.meta.id);
    Result<SecretPayload> built = ApiError{500, "The secret values could not be read", {}, {}};
    if (values && values->ok()) built = secret_payload(**values);
    if (values && values->ok()) wipe_secrets(values->value());
    return built;
}

}  // namespace

class ClusterAgents::Agent {
public:
    Agent(ClusterAgents& owner, ClusterId cluster, std::string name)
        : owner_(owner), cluster_(std::move(cluster)), name_(std::move(name)) {}
    ~Agent() { join(); }

    void start() {
        thread_ = std::thread([this] { run(); });
    }
    void join() {
        if (thread_.joinable()) thread_.join();
    }

private:
    using Clock = std::chrono::steady_clock;

    void run();
    void pass();
    VoidResult process(const AgentWork& work, const OrgTree& tree);
    VoidResult settle(const AgentWork& work, const OrgTree& tree, const ScopeRef& scope, ClusterStore& cs);
    void log_error(const ApiError& e) const {
        std::fprintf(stderr, "cluster agent %s: %s%s%s\n", name_.c_str(), e.message.c_str(),
                     e.details.empty() ? "" : ": ", e.details.c_str());
    }

    ClusterAgents& owner_;
    ClusterId cluster_;
    std::string name_;
    std::thread thread_;
    std::map<std::string, Clock::time_point> first_seen_;  // "<id>/<operation>" -> when first polled
    std::optional<Clock::time_point> unreachable_since_;
    Clock::time_point last_unreachable_report_{};
};

void ClusterAgents::Agent::run() {
    const auto poll = std::clamp(owner_.delay_ / 4, std::chrono::milliseconds(10), std::chrono::milliseconds(250));
    // At most one pass per `gap`: under a stream of changes, a pass per wake() would re-read the
    // pending work for every request, and no work is due before `delay` anyway.
    const auto gap = std::clamp(owner_.delay_ / 10, std::chrono::milliseconds(1), std::chrono::milliseconds(50));
    auto last_pass = Clock::now() - gap;
    std::uint64_t seen = 0;
    while (true) {
        {
            std::unique_lock lock(owner_.mutex_);
            owner_.cv_.wait_for(lock, poll, [&] { return owner_.stopping_ || owner_.generation_ != seen; });
            owner_.cv_.wait_until(lock, last_pass + gap, [&] { return owner_.stopping_; });
            if (owner_.stopping_) return;
            seen = owner_.generation_;
        }
        last_pass = Clock::now();
        try {
            pass();
        } catch (const std::exception& e) {
            log_error(ApiError{500, "unexpected failure", e.what(), {}});
        } catch (...) {
            log_error(ApiError{500, "unexpected failure", {}, {}});
        }
    }
}

void ClusterAgents::Agent::pass() {
    ClusterStore cs(owner_.store_, &owner_.box_);
    auto reachable = cs.reachable(cluster_);
    if (!reachable) return log_error(reachable.error());
    if (!*reachable) return;  // the cluster was removed
    const auto now = Clock::now();
    if (!**reachable) {
        first_seen_.clear();  // transient work waits; its delay starts again once reachable
        // Nothing in the cluster settles while it is down, so one report (refreshed now and then,
        // it scans the cluster's credentials) covers it.
        if (!unreachable_since_ || now - last_unreachable_report_ > std::chrono::seconds(5)) {
            if (auto r = cs.report_unreachable(cluster_); !r) return log_error(r.error());
            last_unreachable_report_ = now;
            if (!unreachable_since_) unreachable_since_ = now;
        }
        return;
    }
    unreachable_since_.reset();

    // Back from unreachable: recompute what was reported as "Failed to access the cluster".
    auto reports = cs.unreachable_reports(cluster_);
    if (!reports) return log_error(reports.error());
    auto pending = cs.pending_work(cluster_);
    if (!pending) return log_error(pending.error());
    if (reports->empty() && pending->empty()) {
        first_seen_.clear();
        return;
    }
    // One read of the org tree per pass, not per credential.
    auto org = owner_.store_.org_data();
    if (!org) return log_error(org.error());
    const OrgTree tree(std::move(*org));
    for (const auto& work : *reports)
        if (auto r = process(work, tree); !r) log_error(r.error());

    std::set<std::string> keys;
    for (const auto& work : *pending) {
        const std::string key = work.id.value + "/" + work.operation();
        keys.insert(key);
        const auto seen = first_seen_.emplace(key, now).first->second;
        if (now - seen < owner_.delay_) continue;
        if (auto r = process(work, tree); !r) log_error(r.error());
    }
    std::erase_if(first_seen_, [&keys](const auto& entry) { return !keys.count(entry.first); });
}

VoidResult ClusterAgents::Agent::process(const AgentWork& work, const OrgTree& tree) {
    Store& store = owner_.store_;
    ClusterStore cs(store, &owner_.box_);
    // Everything that only reads (the credential, decrypting its values; the pass read the org
    // tree) happens before the write transaction, on the store's readers: requests never wait for
    // it. The transaction then re-checks the credential and writes; secret values never change
    // after creation, so the decrypted payload stays right.
    auto seen = store.find_credential(work.id, false);
    if (!seen) return seen.error();
    if (!still_pending(*seen, work)) return ok();
    const bool new_secret = !spec_existing_secret_name((*seen)->spec);
    std::optional<Result<SecretPayload>> built;
    if (work.status != SyncStatus::Deleting && new_secret) built = stored_payload(store, owner_.box_, **seen);
    struct WipeOnExit {
        std::optional<Result<SecretPayload>>& payload;
        ~WipeOnExit() {
            if (payload && payload->ok())
                for (auto& [k, v] : payload->value().data) wipe(v);
        }
    } wipe_payload{built};

    return store.transaction([&]() -> VoidResult {
        auto found = store.find_credential(work.id, false);
        if (!found) return found.error();
        if (!still_pending(*found, work)) return ok();
        const Credential& c = **found;
        const ScopeRef scope = tree.normalized(c.meta.scope);

        if (work.status == SyncStatus::Deleting) {
            if (auto r = cs.delete_owned_secrets(cluster_, c.meta.id); !r) return r;
            if (auto r = cs.record_progress(work, cluster_, {}); !r) return r;
            return settle(work, tree, scope, cs);
        }

        // Creating, Updating, or recomputing after the cluster came back.
        std::optional<SecretPayload> payload;
        std::string k8s_name;
        if (auto existing = spec_existing_secret_name(c.spec)) {
            k8s_name = *existing;
        } else {
            // A new credential gets a collision-free name from the first agent that handles it;
            // other clusters' agents and later passes keep the one it has.
            auto progress = cs.progress(work);
            if (!progress) return progress.error();
            const bool first = work.status == SyncStatus::Creating && progress->empty();
            if (!first && c.k8s_names && !c.k8s_names->empty()) {
                k8s_name = c.k8s_names->front();
            } else {
                auto chosen = choose_k8s_name(cs, tree, c);
                if (!chosen) return chosen.error();
                k8s_name = *chosen;
            }
            if (!built || !*built) {
                const std::string message =
                    built ? built->error().message : std::string("The secret values could not be read");
                log_error(ApiError{500, message, "credential " + c.meta.id.value, {}});
                auto reported = cs.report_status(work, AssetStatus{SyncStatus::Failed, {}, message, ""}, k8s_name);
                return reported ? ok() : VoidResult(reported.error());
            }
            payload = built->value();
        }
        if (!c.k8s_names || c.k8s_names->empty() || c.k8s_names->front() != k8s_name)
            if (auto r = cs.set_k8s_name(c.meta.id, k8s_name); !r) return r;
        auto issues = apply_credential(cs, tree, cluster_, c, payload, k8s_name);
        if (payload)
            for (auto& [k, v] : payload->data) wipe(v);
        if (!issues) return issues.error();
        if (auto r = cs.record_progress(work, cluster_, *issues); !r) return r;
        return settle(work, tree, scope, cs);
    });
}

// Finishes the operation once every cluster it touches has done its part.
VoidResult ClusterAgents::Agent::settle(const AgentWork& work, const OrgTree& tree, const ScopeRef& scope,
                                        ClusterStore& cs) {
    auto progress = cs.progress(work);
    if (!progress) return progress.error();
    std::vector<StatusIssue> issues;
    for (const auto& cluster : propagation_clusters(tree, scope)) {
        auto it = progress->find(cluster.value);
        if (it == progress->end()) return ok();  // another cluster's agent has not finished yet
        issues.insert(issues.end(), it->second.begin(), it->second.end());
    }
    if (work.status == SyncStatus::Deleting) {
        auto purged = cs.purge(work);
        if (purged) return ok();
        log_error(purged.error());
        auto reported = cs.report_status(
            work, AssetStatus{SyncStatus::DeletionFailed, {}, "The credential could not be removed", ""}, std::nullopt);
        return reported ? cs.clear_progress(work.id) : VoidResult(reported.error());
    }
    AssetStatus status;
    if (scope.type == ScopeType::Tenant || scope.type == ScopeType::System) {
        status.status = SyncStatus::NoStatus;  // account scope never reports a status in Run:ai
    } else {
        status.status = issues.empty() ? SyncStatus::NoIssuesFound : SyncStatus::IssuesFound;
        status.issues = std::move(issues);
    }
    auto reported = cs.report_status(work, status, std::nullopt);
    if (!reported) return reported.error();
    return cs.clear_progress(work.id);
}

ClusterAgents::ClusterAgents(Store& store, const SecretBox& box, std::chrono::milliseconds delay)
    : store_(store), box_(box), delay_(delay) {}

ClusterAgents::~ClusterAgents() {
    stop();
}

VoidResult ClusterAgents::start() {
    if (!agents_.empty()) return ApiError{500, "The cluster agents are already running", {}, {}};
    auto org = store_.org_data();
    if (!org) return org.error();
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
    }
    for (const auto& c : org->clusters) agents_.push_back(std::make_unique<Agent>(*this, c.uuid, c.name));
    for (auto& a : agents_) a->start();
    return ok();
}

void ClusterAgents::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    for (auto& a : agents_) a->join();
    agents_.clear();
}

void ClusterAgents::wake() {
    {
        std::lock_guard lock(mutex_);
        ++generation_;
    }
    cv_.notify_all();
}

}  // namespace cc::server
