// libFuzzer target: the server's reading of a request body, in the order a request meets it:
// parse (with the nesting limit), decode a create request of every kind and an update
// request, validate, wipe. Also the text helpers error messages rely on: an excerpt is always
// valid UTF-8, and the nesting pre-check agrees with what the parser then accepts.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/json_codec.h"
#include "core/text.h"
#include "core/validation.h"

namespace {

[[noreturn]] void fail(const char* what) {
    __builtin_printf("invariant broken: %s\n", what);
    std::abort();
}

constexpr cc::CredentialKind kKinds[] = {cc::CredentialKind::AccessKey, cc::CredentialKind::Password,
                                         cc::CredentialKind::DockerRegistry, cc::CredentialKind::GenericSecret,
                                         cc::CredentialKind::NgcApiKey};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    using namespace cc;

    if (!is_valid_utf8(printable_excerpt(text, 64))) fail("an excerpt is not valid UTF-8");
    auto json = parse_json(text);
    if (json && json_nesting_exceeds(text, kMaxJsonDepth)) fail("a document past the nesting limit was parsed");
    if (!json) return 0;

    for (CredentialKind kind : kKinds) {
        auto request = decode_create_request(*json, kind);
        if (!request) continue;
        const bool valid = !validate_create(*request);
        if (valid) {
            // What the server accepts, the client's encoder writes back the same way.
            auto again = decode_create_request(encode_create_request(*request), kind);
            if (!again) fail("an accepted create request does not survive encoding");
            if (validate_create(*again)) fail("an accepted create request fails validation after encoding");
        }
        wipe_secrets(*request);
    }
    if (auto update = decode_update_request(*json)) (void)validate_update(*update);
    return 0;
}
