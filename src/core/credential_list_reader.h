// The fast reader of the one large document of the API, the credential list ({"entries":
// [...]}): 10,000 credentials are ~9 MB of JSON, and building and walking a nlohmann DOM for it
// costs most of the time between the request and the first rows (server and browser alike).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/credential.h"

namespace cc {

// Walks the text once and fills Credentials directly. It accepts the shapes a Run:ai control
// plane sends (each field of its documented type, or null, unknown fields anywhere); on
// anything else (an invalid document, an unexpected type, "spec" before "meta" in an entry) it
// gives up with nullopt and the caller decodes through the DOM (decode_credential_list in
// json_codec.h), which explains the error. For every document it accepts, the result equals
// the DOM decoder's.
std::optional<std::vector<Credential>> decode_credential_list_fast(std::string_view body);

// One entry of the list (the text of one JSON object), read the same way: false when it gives
// up, and then `out` is unspecified.
bool decode_credential_entry_fast(std::string_view entry, Credential& out);

}  // namespace cc
