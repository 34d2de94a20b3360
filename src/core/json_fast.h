// Fast paths for the one large document of the API: the credential list ({"entries": [...]}).
// 10,000 credentials are ~9 MB of JSON; building and walking a nlohmann DOM for it costs most
// of the time between the request and the first rows (server and browser alike).
//
// - The writer appends the list straight to a string, byte for byte what
//   `Json{{"entries", [encode_credential(c, combined)...]}}.dump()` gives (keys in the same
//   sorted order, the same escapes), without the DOM.
// - The reader walks the text once and fills Credentials directly. It accepts the shapes a
//   Run:ai control plane sends (each field of its documented type, or null, unknown fields
//   anywhere); on anything else (an invalid document, an unexpected type, "spec" before "meta"
//   in an entry) it gives up and the caller decodes through the DOM, which explains the error.
//   For every document it accepts, the result equals the DOM decoder's.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/credential.h"

namespace cc {

std::string encode_credential_list_body(const std::vector<Credential>& list, bool combined_entries);

std::optional<std::vector<Credential>> decode_credential_list_fast(std::string_view body);

}  // namespace cc
