// The fast writer of the one large document of the API, the credential list ({"entries":
// [...]}): it appends the list straight to a string instead of building a nlohmann DOM and
// dumping it, which for 10,000 credentials (~9 MB) is most of the server's time per list.
#pragma once

#include <string>
#include <vector>

#include "core/credential.h"

namespace cc {

// Byte for byte what `Json{{"entries", [encode_credential(c, combined)...]}}.dump()` gives (keys
// in the same sorted order, the same escapes), without the DOM. Secret values are always null.
std::string encode_credential_list_body(const std::vector<Credential>& list, bool combined_entries);

}  // namespace cc
