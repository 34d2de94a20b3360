// The kubectl commands that create a Secret in advance (docs/api.md, 'Existing secrets') so it
// is listed as an existing secret for a scope: the right cluster and namespace, the data keys the
// agents use (docs/api.md, 'Secret data layout') with <PLACEHOLDER> values, and the labels
// (run.ai/resource + run.ai/cluster-wide or run.ai/department) the server's listing checks.
#pragma once

#include <string>
#include <string_view>

#include "core/credential.h"
#include "core/org.h"
#include "core/result.h"
#include "core/secret_format.h"

namespace cc {

// Newline-separated (no trailing newline), ready for a copy button; the user replaces the
// <PLACEHOLDER>s before running it:
//   # on cluster cluster-a
//   kubectl create secret generic s3-ro --namespace=runai --from-literal=AccessKeyId='<ACCESS_KEY_ID>' ...
//   kubectl label secret s3-ro --namespace=runai run.ai/resource=access-key run.ai/cluster-wide=true
// Namespace `runai` for cluster and department scope, the project's namespace (OrgTree, else
// runai-<project name>) for project scope. An empty `secret_name` becomes '<secret-name>'.
// Never holds real values. 400 ApiError (message for the UI) when there is nothing to create:
// NGC API keys (no existing-secret option), account/system scope (a Secret lives in one
// cluster, so the server refuses existing secrets there), or a node the OrgTree does not know.
// A generic secret's `format` picks its data keys, and an SSH key's Secret type:
//   kubectl create secret generic NAME --namespace=NS --type=kubernetes.io/ssh-auth
//     --from-file=ssh-privatekey='<PRIVATE_KEY_FILE>'
Result<std::string> kubectl_create_commands(CredentialKind kind, const ScopeRef& scope, const OrgTree& org,
                                            std::string_view secret_name,
                                            SecretFormat format = SecretFormat::KeyValues);

}  // namespace cc
