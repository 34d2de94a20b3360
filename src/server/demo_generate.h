// Generated demo credentials for trying the UI at scale (`--demo-size N`): deterministic
// names, kinds, scopes and times spread over the demo org, steady statuses, sealed values.
#pragma once

#include <cstddef>

#include "core/org.h"
#include "server/crypto.h"
#include "server/store.h"

namespace cc::server {

// Inserts `count` credentials named "<kind>-<scope node>-<n>" (n from 1). They have no
// Kubernetes objects in the simulated clusters: they are for looking at, and the cluster
// agent writes the objects when a user changes one.
VoidResult seed_generated_credentials(Store& store, const SecretBox& box, const OrgTree& tree, std::size_t count);

}  // namespace cc::server
