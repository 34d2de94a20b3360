// The headers every answer carries, API and web app alike: a strict Content-Security-Policy
// the WASM app runs under (scripts and styles from this origin only, WebAssembly compilation
// allowed, no inline code), who may frame the page (a host console, by a server option),
// no referrer, no MIME sniffing.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace cc::server {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// The CSP frame-ancestors sources (e.g. "'self' https://console.example.com"), checked: each
// is 'self', 'none' or a scheme/host source; nothing that could end the directive or the header.
Result<std::string> normalize_frame_ancestors(std::string_view sources);

// The header set for `frame_ancestors` (already normalized).
HeaderList security_headers(const std::string& frame_ancestors);

}  // namespace cc::server
