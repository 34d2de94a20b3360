// Byte-level text helpers shared by the server and the app: UTF-8 validity and repair, ASCII
// case, splitting at a separator, and a printable, bounded copy of untrusted text for messages
// that quote it (an error naming a bad path or value must not carry invalid UTF-8, control
// characters or kilobytes of the caller's input back out).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cc {

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view s);
// The length of `s` without a UTF-8 sequence cut off at its end (text arriving in parts: the
// rest of the character is in the next part).
std::size_t complete_utf8_prefix(std::string_view s);

// `s` with every byte that does not start a well-formed sequence replaced by U+FFFD (one
// replacement per such byte); well-formed text comes back unchanged.
std::string replace_invalid_utf8(std::string_view s);

// ASCII case-insensitive equality (HTTP header names, tokens, the JWT algorithm name).
bool ascii_iequals(std::string_view a, std::string_view b);

// `s` with A-Z turned into a-z; every other byte (digits, punctuation, UTF-8 sequences) as it was.
std::string ascii_lower(std::string_view s);

// What split_by_char does with an empty field after the last separator.
enum class TrailingEmpty {
    Keep,  // every field: "a,b," -> {"a", "b", ""}, "" -> {""}
    Drop,  // a list's items: "a,b," -> {"a", "b"}, "" -> {} (empty fields elsewhere stay)
};

// The fields of `s` between occurrences of `sep`, empty ones included ("a,,b" -> {"a", "", "b"}):
// n separators give n + 1 fields, less the last one when it is empty and `trailing` is Drop.
// The views point into `s`.
std::vector<std::string_view> split_by_char(std::string_view s, char sep, TrailingEmpty trailing = TrailingEmpty::Keep);

// `s` with invalid UTF-8 sequences and control characters replaced by '?', cut to at most
// `max_chars` code points ("..." marks a cut).
std::string printable_excerpt(std::string_view s, std::size_t max_chars = 80);

}  // namespace cc
