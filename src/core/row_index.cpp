// Open addressing with linear probing, at most half full.
#include "core/row_index.h"

namespace cc {
namespace {

std::uint64_t hash_of(std::string_view id) {
    std::uint64_t h = 14695981039346656037ull;  // FNV-1a
    for (const char c : id) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h;
}

}  // namespace

void RowIndex::build(const std::vector<CredentialRow>& rows) {
    std::size_t size = 16;
    while (size < rows.size() * 2) size *= 2;
    slots_.assign(size, 0);
    insert(rows, 0);
}

void RowIndex::extend(const std::vector<CredentialRow>& rows, std::size_t from) {
    if (rows.size() * 2 > slots_.size()) return build(rows);  // grown past half full: doubles
    insert(rows, from);
}

void RowIndex::insert(const std::vector<CredentialRow>& rows, std::size_t from) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = from; i < rows.size(); ++i) {
        std::size_t at = static_cast<std::size_t>(hash_of(rows[i].id.value)) & mask;
        while (slots_[at] != 0) at = (at + 1) & mask;
        slots_[at] = static_cast<std::uint32_t>(i + 1);
    }
}

std::optional<std::uint32_t> RowIndex::find(const std::vector<CredentialRow>& rows, std::string_view id) const {
    if (slots_.empty()) return std::nullopt;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = static_cast<std::size_t>(hash_of(id)) & mask; slots_[at] != 0; at = (at + 1) & mask) {
        const std::uint32_t row = slots_[at] - 1;
        // The first row with the id, as in row order (a list never repeats an id).
        if (row < rows.size() && rows[row].id.value == id) return row;
    }
    return std::nullopt;
}

}  // namespace cc
