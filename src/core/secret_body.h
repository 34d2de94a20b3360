// The JSON body of a create request without stray copies of its secrets: nlohmann::json frees
// its strings without wiping them, so the secret values never enter a Json; they are spliced,
// escaped, into one exactly-sized string, then wiped from the request.
#pragma once

#include <string>
#include <vector>

#include "core/credential.h"

namespace cc {

// The secret values a create request holds (passwords, keys, access key ids, generic values).
std::vector<std::string*> secret_fields(CreateRequest& r);

// The POST body for `r` (the same JSON as encode_create_request). Afterwards every secret of
// `r` is wiped and reset.
std::string take_secret_body(CreateRequest& r);

}  // namespace cc
