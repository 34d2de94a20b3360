// The credential list decoded as its bytes arrive: a list of 100,000 credentials is ~90 MB of
// JSON, and with this decoder neither the whole body nor a DOM of it is ever held, and the
// decoding runs while the rest is still on its way.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/credential.h"
#include "core/credential_store.h"
#include "core/result.h"

namespace cc {

// Feed the body in parts of any size, then finish(). The result holds what decode_credential_list
// (json_codec.h) gives for the whole body: each entry is read by the fast reader, or through
// the DOM when the fast reader gives up on it; a later "entries" member replaces an earlier
// one, as in the DOM. Only the bytes of the entry being read are kept between parts.
class CredentialListStream {
public:
    void feed(std::string_view bytes);
    // The body ended: the credentials (packed), or what is wrong with the body.
    Result<CredentialStore> finish();

    // Entries decoded so far, and the credentials they hold (finish() returns these, and the
    // rest). A later "entries" member starts them over.
    std::size_t decoded() const { return out_.size(); }
    const CredentialStore& so_far() const { return out_; }

private:
    enum class Phase {
        Start,        // before the top-level '{'
        FirstMember,  // after '{': a key or '}'
        Member,       // after ',': a key
        AfterMember,  // ',' or '}'
        SkipValue,    // a member other than "entries"
        EntriesOpen,  // the value of "entries": '['
        FirstEntry,   // after '[': an entry or ']'
        Entry,        // after ',': an entry
        AfterEntry,   // ',' or ']'
        End,          // after the top-level '}': only whitespace
        Failed,
    };
    // Runs the phases over the bytes kept; false when it needs more of them.
    bool step();
    void fail(std::string message);
    void read_entry(std::string_view text);

    Phase phase_ = Phase::Start;
    std::string kept_;    // bytes not consumed yet
    std::size_t at_ = 0;  // the next unread byte of kept_
    bool bom_checked_ = false;
    bool seen_entries_ = false;
    bool entries_failed_ = false;  // the current "entries" array has a bad entry (error_ says which)
    CredentialStore out_;
    std::string error_;
};

}  // namespace cc
