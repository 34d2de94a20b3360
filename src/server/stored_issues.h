// The storage format of a credential's status issues, the `status_issues` and agent progress
// `issues` columns: a JSON array of [scopeId, scopeType, issue] triples. A format of our own,
// independent of the API's JSON field names, written and read by the credential rows and the
// cluster agents' bookkeeping alike.
#pragma once

#include <string>
#include <vector>

#include "core/credential.h"

namespace cc::server {

// [[scopeId, scopeType, issue], ...] with the API names of the scope type and the issue.
std::string encode_stored_issues(const std::vector<StatusIssue>& issues);
// The issues of a stored array. Triples that are malformed or name a scope type or issue this
// server does not know are skipped; text that is not a JSON array reads as no issues.
std::vector<StatusIssue> decode_stored_issues(const std::string& text);

}  // namespace cc::server
