// The create/rename form's name check: the DNS-1123 rule (cc::name_problem) and then uniqueness
// within the scope node, across kinds, against the credentials already loaded. Mirrors the
// server's unique index credentials_name_in_scope, so the 409 is caught before sending.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/credential.h"
#include "core/credential_store.h"
#include "core/ids.h"
#include "core/org.h"

namespace cc {

// same_scope_node (org.h) decides what "the same scope" is.

// nullopt when `name` is usable at `scope`; else the message for the field. `ignore_id` is the
// credential being renamed (its own name is not a clash). Names compare exactly, as the server
// does. The first overload names the scope by level ("in this project"), the second by its
// name from the OrgTree ("in team-a").
std::optional<std::string> name_problem_in_scope(std::string_view name, const ScopeRef& scope,
                                                 const CredentialStore& loaded, std::optional<CredentialId> ignore_id);
std::optional<std::string> name_problem_in_scope(std::string_view name, const ScopeRef& scope,
                                                 const CredentialStore& loaded, std::optional<CredentialId> ignore_id,
                                                 const OrgTree& org);

// nullopt when `name` is free for a new personal credential of `kind`: personal names are unique
// per owner and type, and a loaded list holds only the caller's own personal credentials.
std::optional<std::string> personal_name_problem(std::string_view name, CredentialKind kind,
                                                 const CredentialStore& loaded);

}  // namespace cc
