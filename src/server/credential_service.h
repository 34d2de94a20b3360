// The credentials API's behaviour without HTTP: list, create, get, update (rename/description)
// and the asynchronous delete (the credential turns Deleting; the cluster agents purge it), with
// validation, scope resolution over the org tree, the role x scope rules (permissions.h), the
// in-use guard (no delete while a workload or asset uses it) and the audit trail. Secret values
// are sealed here and wiped from memory; nothing returned ever holds one.
#pragma once

#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/credential.h"
#include "core/result.h"
#include "server/audit_log.h"
#include "server/crypto.h"
#include "server/permissions.h"
#include "server/store.h"

namespace cc::server {

// The delete answer differs by kind, as in Run:ai: access-key, password and docker-registry
// answer 202 with a body; generic-secret and ngc-api-key answer 204 without one.
int delete_status_code(CredentialKind kind);

// Per-kind list (kind set) or the combined list (kind empty; the only one taking
// includeDescendants). Only credentials the caller may read; `status`/`usedBy` as asked.
// Every function takes the caller's access as the router loaded it for this request.
Result<std::vector<Credential>> list_credentials(Store& store, const CallerAccess& access,
                                                 std::optional<CredentialKind> kind, const httplib::Params& params);

// What a list reads from the store for this caller: the nodes whose public credentials
// Permissions::can_read admits, and the caller's private credentials; nullopt (read every row)
// when the caller sees every node of the tree, where reading the whole table in creation order
// costs less than an index walk and a sort. The list still applies can_read to each row it reads.
std::optional<Store::ScopeNodes> list_scope_nodes(const CallerAccess& access);

// The ETag of that list's answer for this caller: weak (the body may be sent gzip-encoded or
// not), a hash of `data_version` (Store::data_version, read before the caller's access and the
// list were), the caller and the normalized query. Any commit changes the version, so a byte
// of the body can only change with the tag; computing it reads nothing. An error when the query
// is invalid (the list answers that error).
Result<std::string> credential_list_etag(const std::string& data_version, const CallerAccess& access,
                                         std::optional<CredentialKind> kind, const httplib::Params& params);

// POST: the stored credential (status Creating, usedBy empty). 400/403/409 leave nothing behind.
// Create, update and delete record each change in the audit trail in the change's own
// transaction, and each refusal (4xx) on its own, as done by `from`.
Result<Credential> create_credential(Store& store, const SecretBox& box, const CallerAccess& access,
                                     const AuditSource& from, CredentialKind kind, std::string_view body);

// GET by id: 404 when absent, of another kind or someone else's private credential; 403 when
// the caller may not read it. `params`: usageInfo, statusInfo.
Result<Credential> get_credential(Store& store, const CallerAccess& access, CredentialKind kind, const std::string& id,
                                  const httplib::Params& params);

// The read rule of the GET above for a credential of any kind (the history extension).
Result<Credential> readable_credential(Store& store, const CallerAccess& access, const std::string& id);

// PUT {"meta":{"name"?,"description"?}}: the credential after the change (status Updating), or
// unchanged when the body changes nothing. `spec` and scope fields are 400s.
Result<Credential> update_credential(Store& store, const CallerAccess& access, const AuditSource& from,
                                     CredentialKind kind, const std::string& id, std::string_view body);

// DELETE: 412 when a workload, template, data source or environment uses it; otherwise the
// credential turns Deleting (again: a no-op) and the cluster agents purge it.
VoidResult delete_credential(Store& store, const CallerAccess& access, const AuditSource& from, CredentialKind kind,
                             const std::string& id);

// The audit records of refused changes, for refusals made before the functions above run (a
// route's access rule): the same events those functions record for their own refusals.
void record_create_refusal(Store& store, const OrgTree& tree, const AuditSource& from, CredentialKind kind,
                           std::string_view body, const ApiError& error);
void record_update_refusal(Store& store, const OrgTree& tree, const AuditSource& from, const std::string& id,
                           std::string_view body, const ApiError& error);
void record_delete_refusal(Store& store, const OrgTree& tree, const AuditSource& from, const std::string& id,
                           const ApiError& error);

}  // namespace cc::server
