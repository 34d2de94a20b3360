// Text checks shared by the server and the app: UTF-8 validity, and a printable, bounded copy
// of untrusted text for messages that quote it (an error naming a bad path or value must not
// carry invalid UTF-8, control characters or kilobytes of the caller's input back out).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cc {

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view s);

// ASCII case-insensitive equality (HTTP header names, tokens, the JWT algorithm name).
bool ascii_iequals(std::string_view a, std::string_view b);

// `s` with invalid UTF-8 sequences and control characters replaced by '?', cut to at most
// `max_chars` code points ("..." marks a cut).
std::string printable_excerpt(std::string_view s, std::size_t max_chars = 80);

}  // namespace cc
