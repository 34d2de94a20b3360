// Generated demo data for trying the UI at scale: credentials (`--demo-size N`) with
// deterministic names, kinds, scopes and times spread over the demo org, steady statuses, sealed
// values; and the large organization (`--demo-org large`) added to the standard one.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "core/org.h"
#include "server/crypto.h"
#include "server/store.h"

namespace cc::server {

// Inserts `count` credentials named "<kind>-<scope node>-<n>" (n from 1). They have no
// Kubernetes objects in the simulated clusters: they are for looking at, and the cluster
// agent writes the objects when a user changes one.
VoidResult seed_generated_credentials(Store& store, const SecretBox& box, const OrgTree& tree, std::size_t count);

// The organization a new database gets. Large adds 5 clusters (gpu-east, gpu-west, gpu-central,
// gpu-north, gpu-south), 10 departments in each ("research-east" ...) and 20 projects in each
// department ("research-east-alpha" ... "-tango", namespace runai-<name>) to the standard org,
// whose clusters, departments 1-4, projects 1-12 and hand-written credentials stay as they are.
enum class DemoOrg { Standard, Large };
std::optional<DemoOrg> demo_org_from_name(std::string_view name);  // "standard" | "large"

inline constexpr std::size_t kLargeOrgClusters = 5;
inline constexpr std::size_t kLargeOrgDepartmentsPerCluster = 10;
inline constexpr std::size_t kLargeOrgProjectsPerDepartment = 20;

// seed_demo_data, and for DemoOrg::Large then the large organization: its clusters, departments
// and projects (ids after the standard org's), their namespaces, the account-wide credentials'
// objects in the new clusters and, unless `credential_count` is 0, credentials at every level of
// the new tree (2 per cluster, 1 per department, 1 in every third project, 1 more in every tenth)
// with their Kubernetes objects. Generated credentials (`credential_count` above what is there)
// are spread over the whole tree. Call on an empty database, inside Store::transaction.
VoidResult seed_demo(Store& store, const SecretBox& box, std::optional<std::size_t> credential_count, DemoOrg org);

}  // namespace cc::server
