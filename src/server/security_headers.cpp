// The policy is one string built once per server: 'wasm-unsafe-eval' is the only relaxation,
// needed to compile the app's WebAssembly; fonts and data arrive through fetch (connect-src).
#include "server/security_headers.h"

#include <sstream>

namespace cc::server {
namespace {

bool is_source_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' || c == '/' ||
           c == '.' || c == '-' || c == '*' || c == '_' || c == '[' || c == ']';
}

}  // namespace

Result<std::string> normalize_frame_ancestors(std::string_view sources) {
    for (char c : sources)
        if (static_cast<unsigned char>(c) < 0x20 && c != ' ' && c != '\t')
            return ApiError{400, "frame-ancestors may not contain control characters", {}, {}};
    std::istringstream in{std::string(sources)};
    std::vector<std::string> tokens;
    for (std::string token; in >> token;) {
        const bool keyword = token == "'self'" || token == "'none'";
        bool plain = !keyword;
        for (char c : token) plain = plain && is_source_char(c);
        if (!keyword && !plain)
            return ApiError{400,
                            "Invalid frame-ancestors source: " + token,
                            "Use 'self', 'none' or origins such as https://console.example.com",
                            {}};
        tokens.push_back(std::move(token));
    }
    if (tokens.empty()) return ApiError{400, "frame-ancestors needs at least one source", "e.g. 'self'", {}};
    std::string out;
    for (const auto& t : tokens) {
        if (t == "'none'" && tokens.size() > 1)
            return ApiError{400, "'none' cannot be combined with other frame-ancestors sources", {}, {}};
        if (!out.empty()) out += ' ';
        out += t;
    }
    return out;
}

HeaderList security_headers(const std::string& frame_ancestors) {
    std::string csp =
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors " +
        frame_ancestors;
    HeaderList h = {{"Content-Security-Policy", std::move(csp)},
                    {"Referrer-Policy", "no-referrer"},
                    {"X-Content-Type-Options", "nosniff"}};
    // Browsers without CSP level 2 read X-Frame-Options; it can only say "this origin".
    if (frame_ancestors == "'self'") h.emplace_back("X-Frame-Options", "SAMEORIGIN");
    if (frame_ancestors == "'none'") h.emplace_back("X-Frame-Options", "DENY");
    return h;
}

}  // namespace cc::server
