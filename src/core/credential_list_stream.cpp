// The list's top level ({"entries": [...], other members}) is walked by a small state machine
// over the bytes kept; each entry is cut out whole (its extent found by counting brackets
// outside strings) and handed to the fast reader, or to the DOM when the fast reader gives up.
#include "core/credential_list_stream.h"

#include <algorithm>

#include "core/credential_list_reader.h"
#include "core/json_codec.h"
#include "core/json_cursor.h"

namespace cc {
namespace {

constexpr std::string_view kNotJson = "The server sent a list that is not valid JSON";
constexpr std::string_view kNoEntries = "The server's list has no entries array";

bool is_space(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// The length of the JSON value at the start of `text` (which is not whitespace), 0 when
// `text` ends before the value does. Brackets are counted outside strings only; whether the
// value is well formed is for the reader of the text cut out.
std::size_t value_extent(std::string_view text) {
    const char first = text.front();
    if (first != '{' && first != '[' && first != '"') {
        // A number or a literal ends at the first delimiter; at the end of the bytes it may go on.
        std::size_t i = 0;
        while (i < text.size() && !is_space(text[i]) && text[i] != ',' && text[i] != '}' && text[i] != ']') ++i;
        return i < text.size() ? i : 0;
    }
    int depth = 0;
    const char* p = text.data();
    const char* const end = p + text.size();
    while (p != end) {
        const char c = *p++;
        if (c == '"') {
            // To the closing quote, stepping over escapes.
            for (;;) {
                const char* q = std::find_if(p, end, [](char x) { return x == '"' || x == '\\'; });
                if (q == end) return 0;
                if (*q == '\\') {
                    if (end - q < 2) return 0;
                    p = q + 2;
                    continue;
                }
                p = q + 1;
                break;
            }
            if (depth == 0) return static_cast<std::size_t>(p - text.data());
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth <= 0) return static_cast<std::size_t>(p - text.data());
        }
    }
    return 0;
}

}  // namespace

void CredentialListStream::fail(std::string message) {
    phase_ = Phase::Failed;
    error_ = std::move(message);
    kept_.clear();
    at_ = 0;
}

void CredentialListStream::feed(std::string_view bytes) {
    if (phase_ == Phase::Failed) return;
    kept_.append(bytes.data(), bytes.size());
    while (step()) {
    }
    // What was read goes; what is left is the start of a value still arriving.
    kept_.erase(0, at_);
    at_ = 0;
}

void CredentialListStream::read_entry(std::string_view text) {
    if (entries_failed_) return;  // a later "entries" may still replace this array
    Credential c;
    if (!decode_credential_entry_fast(text, c)) {
        // The DOM decides, and explains.
        auto j = parse_json(text);
        if (!j) return fail(std::string(kNotJson));
        auto decoded = decode_credential(*j);
        if (!decoded) {
            entries_failed_ = true;
            error_ = "Entry " + std::to_string(out_.size()) + ": " + decoded.error().message;
            return;
        }
        c = std::move(*decoded);
    }
    out_.push_back(std::move(c));
}

bool CredentialListStream::step() {
    if (phase_ == Phase::Start && !bom_checked_) {
        // A byte order mark first, which the DOM's parser skips too.
        constexpr std::string_view bom = "\xEF\xBB\xBF";
        const std::string_view head = std::string_view(kept_).substr(at_, 3);
        if (head.size() < 3 && bom.substr(0, head.size()) == head) return false;
        if (head == bom) at_ += 3;
        bom_checked_ = true;
    }
    while (at_ < kept_.size() && is_space(kept_[at_])) ++at_;
    if (at_ == kept_.size()) return false;
    const std::string_view rest = std::string_view(kept_).substr(at_);
    const char c = rest.front();
    switch (phase_) {
        case Phase::Start:
            if (c != '{') {
                // Some other JSON value, or no JSON at all.
                fail(std::string(c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' ||
                                         c == 'n'
                                     ? kNoEntries
                                     : kNotJson));
                return false;
            }
            ++at_;
            phase_ = Phase::FirstMember;
            return true;
        case Phase::FirstMember:
        case Phase::Member: {
            if (c == '}' && phase_ == Phase::FirstMember) {
                ++at_;
                phase_ = Phase::End;
                return true;
            }
            if (c != '"') return fail(std::string(kNotJson)), false;
            const std::size_t key_length = value_extent(rest);
            if (key_length == 0) return false;
            std::size_t colon = key_length;
            while (colon < rest.size() && is_space(rest[colon])) ++colon;
            if (colon == rest.size()) return false;
            if (rest[colon] != ':') return fail(std::string(kNotJson)), false;
            std::string key;
            JsonCursor cursor(rest.substr(0, key_length));
            if (!cursor.string(key)) return fail(std::string(kNotJson)), false;
            at_ += colon + 1;
            if (key == "entries") {
                // A later "entries" replaces an earlier one, as in the DOM.
                seen_entries_ = true;
                entries_failed_ = false;
                error_.clear();
                out_.clear();
                phase_ = Phase::EntriesOpen;
            } else {
                phase_ = Phase::SkipValue;
            }
            return true;
        }
        case Phase::SkipValue: {
            const std::size_t length = value_extent(rest);
            if (length == 0) return false;
            JsonCursor cursor(rest.substr(0, length));
            if (!cursor.skip() || !cursor.at_end()) return fail(std::string(kNotJson)), false;
            at_ += length;
            phase_ = Phase::AfterMember;
            return true;
        }
        case Phase::AfterMember:
            ++at_;
            if (c == ',') {
                phase_ = Phase::Member;
                return true;
            }
            if (c == '}') {
                phase_ = Phase::End;
                return true;
            }
            return fail(std::string(kNotJson)), false;
        case Phase::EntriesOpen:
            if (c != '[') {
                // Not an array: the rest must still be JSON for the message to say so.
                phase_ = Phase::SkipValue;
                entries_failed_ = true;
                error_ = std::string(kNoEntries);
                return true;
            }
            ++at_;
            phase_ = Phase::FirstEntry;
            return true;
        case Phase::FirstEntry:
        case Phase::Entry: {
            if (c == ']' && phase_ == Phase::FirstEntry) {
                ++at_;
                phase_ = Phase::AfterMember;
                return true;
            }
            const std::size_t length = value_extent(rest);
            if (length == 0) return false;
            read_entry(rest.substr(0, length));
            if (phase_ == Phase::Failed) return false;
            at_ += length;
            phase_ = Phase::AfterEntry;
            return true;
        }
        case Phase::AfterEntry:
            ++at_;
            if (c == ',') {
                phase_ = Phase::Entry;
                return true;
            }
            if (c == ']') {
                phase_ = Phase::AfterMember;
                return true;
            }
            return fail(std::string(kNotJson)), false;
        case Phase::End: return fail(std::string(kNotJson)), false;
        case Phase::Failed: return false;
    }
    return false;
}

Result<CredentialStore> CredentialListStream::finish() {
    if (phase_ == Phase::Failed) return ApiError{0, error_, {}, {}};
    if (phase_ != Phase::End) return ApiError{0, std::string(kNotJson), {}, {}};
    if (!seen_entries_) return ApiError{0, std::string(kNoEntries), {}, {}};
    if (entries_failed_) return ApiError{0, error_, {}, {}};
    return std::move(out_);
}

}  // namespace cc
