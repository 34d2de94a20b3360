// Deterministic demo data written on the first start of a new database: "Demo account"
// (tenant 1001), clusters cluster-a and cluster-b, departments 1-4, projects 1-12 (team-a ..
// team-l), ~40 credentials of every kind, scope level and status, and the data sources,
// environments, workloads and templates that make `usedBy` non-empty for some of them; in the
// simulated clusters, every project namespace but team-h's, labelled user Secrets to pick as
// existing secrets, and the Secret objects of the seeded credentials, consistent with their status.
//
// Demo users (email / password / role):
//   admin@demo.local       / demo-admin        System administrator (whole account)
//   dept-admin@demo.local  / demo-dept-admin   Department administrator (department 1, research)
//   researcher@demo.local  / demo-researcher   L1 researcher (project 1, team-a)
//   viewer@demo.local      / demo-viewer       Viewer (whole account)
// Demo application clients (client_credentials grant; client id / secret / role):
//   demo-ci-client         / demo-ci-secret        Credentials administrator (whole account)
//   demo-research-bot      / demo-research-secret  L1 researcher (project 1, team-a)
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/credential.h"
#include "server/crypto.h"
#include "server/store.h"

namespace cc::server {

inline constexpr std::int64_t kDemoTenantId = 1001;
inline constexpr const char* kDemoAccountName = "Demo account";

struct DemoUser {
    const char* email;
    const char* password;
    const char* display_name;
    const char* role;
    ScopeType scope_type;
    const char* scope_id;  // "" for the account
};

std::span<const DemoUser> demo_users();
// The application clients above (email = client id, password = client secret).
std::span<const DemoUser> demo_clients();

// Writes the demo data set. Call on an empty database, inside Store::transaction.
// `credential_count`: nullopt writes the hand-written credentials; 0 none of them (nor the
// assets using them: an empty account); a larger number adds generated ones up to it.
VoidResult seed_demo_data(Store& store, const SecretBox& box,
                          std::optional<std::size_t> credential_count = std::nullopt);

// Every secret value the seed stores (passwords, keys, users of new secrets, key/value
// values), for tests proving that none of them leaks into responses or the database file.
std::vector<std::string> demo_secret_values();
// The same for the users' pre-created Secrets in the simulated clusters (existing secrets).
std::vector<std::string> demo_cluster_secret_values();

}  // namespace cc::server
