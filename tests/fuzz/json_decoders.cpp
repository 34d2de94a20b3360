// libFuzzer target: every decoder of server answers the web app runs (the credential list by
// the DOM, by the fast pull reader and as it arrives in parts; org lists, permitted scopes, a
// pasted Docker config.json). None may crash; where the fast reader accepts a list, it must read it exactly
// as the DOM decoder does, and a decoded list must re-encode to text that decodes the same.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/credential_list_reader.h"
#include "core/credential_list_stream.h"
#include "core/credential_list_writer.h"
#include "core/json_codec.h"
#include "core/paste_parsers.h"
#include "core/permitted_scopes.h"

namespace {

[[noreturn]] void fail(const char* what) {
    __builtin_printf("invariant broken: %s\n", what);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    using namespace cc;

    auto dom = decode_credential_list(text);
    if (auto fast = decode_credential_list_fast(text)) {
        if (!dom) fail("the fast reader accepted a list the DOM decoder refuses");
        if (encode_credential_list_body(*fast, true) != encode_credential_list_body(*dom, true))
            fail("the fast reader and the DOM decoder read the list differently");
    }
    {
        // The list decoded as it arrives, in parts whose size the input picks, reads the same.
        CredentialListStream stream;
        const std::size_t part = size ? 1 + data[size - 1] % 61 : 1;
        for (std::size_t at = 0; at < text.size(); at += part) stream.feed(text.substr(at, part));
        auto streamed = stream.finish();
        if (streamed.ok() != dom.ok()) fail("the list decoded as it arrives and the whole list disagree");
        if (streamed) {
            std::vector<Credential> out;
            for (std::size_t i = 0; i < streamed->size(); ++i) out.push_back(streamed->at(i));
            if (encode_credential_list_body(out, true) != encode_credential_list_body(*dom, true))
                fail("the list decoded as it arrives reads other credentials");
        }
    }
    if (dom) {
        const std::string again = encode_credential_list_body(*dom, true);
        auto reread = decode_credential_list(again);
        if (!reread) fail("an encoded list does not decode");
        if (encode_credential_list_body(*reread, true) != again) fail("encoding a decoded list is not stable");
    }
    (void)decode_clusters(text);
    (void)decode_departments(text);
    (void)decode_projects(text);
    (void)decode_permitted_scopes(text);
    (void)parse_docker_config(text);
    return 0;
}
