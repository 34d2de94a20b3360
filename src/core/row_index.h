// Which row holds a credential id. For 100,000 rows it takes under 1 MB (a hash map of
// CredentialId strings took ~9 MB): a table of row positions addressed by a hash of the id,
// each hit confirmed against the row's own id.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/table.h"

namespace cc {

class RowIndex {
public:
    void build(const std::vector<CredentialRow>& rows);
    // Adds rows[from..] (rows appended since the index was built or last extended).
    void extend(const std::vector<CredentialRow>& rows, std::size_t from);
    void clear() { slots_.clear(); }
    // `rows` are the rows the index was built from.
    std::optional<std::uint32_t> find(const std::vector<CredentialRow>& rows, std::string_view id) const;

private:
    void insert(const std::vector<CredentialRow>& rows, std::size_t from);  // into room already there

    std::vector<std::uint32_t> slots_;  // row position + 1; 0 is an empty slot
};

}  // namespace cc
