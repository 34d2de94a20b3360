// Natural order of names for sorting and checklists: case-insensitive (ASCII and Latin-1
// letters) with digit runs compared by value, so "cred-2" < "cred-10"; and the same order as
// byte keys, so a sort can build each row's key once and compare keys with memcmp.
#pragma once

#include <string>
#include <string_view>

namespace cc {

// Returns <0, 0, >0. A total order: strings equal to a reader ("a01"/"a1", "Cred"/"cred") are
// then ordered shorter first, then by bytes, so only identical strings compare 0.
int natural_compare(std::string_view a, std::string_view b);

// Appends the sort key of `s` to `out`: for any a and b, memcmp order of their keys is
// natural_compare(a, b)'s order. Keys are prefix-free (no key is the start of another), so keys
// of several columns can be concatenated, and complementing a key's bytes reverses its order.
void append_natural_key(std::string& out, std::string_view s);

}  // namespace cc
