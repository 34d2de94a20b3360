// The Credentials table's data: its columns and one display row per credential, derived
// once from the credential list and the org tree (never per frame). Search, filters and sort
// over these rows are in table_query.h.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/credential.h"
#include "core/credential_store.h"
#include "core/org.h"
#include "core/secret_format.h"

namespace cc {

enum class Column {
    Credential,
    Description,
    Type,
    Status,
    Scope,
    KubernetesName,
    Environments,
    DataSources,
    CreatedBy,
    CreationTime,
    Cluster
};
inline constexpr std::size_t kColumnCount = 11;
inline constexpr std::array<Column, kColumnCount> kAllColumns = {
    Column::Credential, Column::Description,    Column::Type,         Column::Status,
    Column::Scope,      Column::KubernetesName, Column::Environments, Column::DataSources,
    Column::CreatedBy,  Column::CreationTime,   Column::Cluster};

std::string_view column_title(Column c);

// A set of folded bytes, one bit each: a printable ASCII byte (32..127) has a bit of its own, so
// for a one-byte needle the set answers exactly; any other byte shares one of bits 0..31 with
// others, so for it the set only rules rows out.
using SearchBytes = std::array<std::uint64_t, 2>;
inline unsigned search_byte_bit(unsigned char folded) {
    return folded >= 32 && folded < 128 ? folded : folded & 31u;
}
inline bool search_bytes_have(const SearchBytes& set, unsigned bit) {
    return (set[bit >> 6] >> (bit & 63)) & 1u;
}
// The bytes of `folded`, already folded.
SearchBytes search_bytes_of(std::string_view folded);
// True when every byte of `needle` is in `hay`.
inline bool search_bytes_cover(const SearchBytes& hay, const SearchBytes& needle) {
    return (needle[0] & ~hay[0]) == 0 && (needle[1] & ~hay[1]) == 0;
}

// A row's text: a view that is also a C string (ImGui and tooltips take those).
class RowText {
public:
    RowText() = default;
    RowText(const char* text, std::size_t size) : text_(text), size_(size) {}
    const char* c_str() const { return text_; }
    const char* data() const { return text_; }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    std::string_view view() const { return {text_, size_}; }
    operator std::string_view() const { return view(); }  // NOLINT: a text is a string_view
    friend bool operator==(RowText a, std::string_view b) { return a.view() == b; }

private:
    const char* text_ = "";
    std::size_t size_ = 0;
};

// One row: 100,000 of them are held at once, so its texts share one block of memory (each
// ending in a NUL), and the texts that are the same for every row of a kind or status (Type,
// Status, most status tooltips) are not stored at all.
class CredentialRow {
public:
    CredentialId id;
    CredentialKind kind = CredentialKind::AccessKey;
    SecretFormat format = SecretFormat::KeyValues;  // a generic secret's, read from its key names
    std::optional<SyncStatus> status;               // nullopt: the server sent no status ("-")
    ScopeRef scope;
    // The signed-in user's personal credential (meta.private): never in the Credentials table's
    // view, only in "My credentials" (docs/product.md, 'Personal credentials').
    bool personal = false;

    RowText cell(Column c) const;
    RowText scope_path() const { return text(kScopePath); }         // tooltip of the Scope cell
    RowText created_at_iso() const { return text(kCreatedAtIso); }  // tooltip of the Creation time cell
    RowText status_detail() const;                                  // tooltip of the Status cell: description + issues
    // The stored column texts side by side, each ended by a '\0' (Type and Status are not
    // stored): a search of every column looks through them at once.
    std::string_view stored_columns() const {
        return block_ ? std::string_view(block_.get(), at_[kColumnCount]) : std::string_view();
    }
    // Which bytes the stored column texts hold once folded (search_byte_bit): a search skips a
    // row lacking one of its needle's bytes without reading the row's texts.
    const SearchBytes& stored_bytes() const { return bytes_; }

    // Setting a text packs the block again: for building a row, not for a loop over rows.
    void set(Column c, std::string_view text);
    void set_scope_path(std::string_view text) { set_text(kScopePath, text); }
    void set_created_at_iso(std::string_view text) { set_text(kCreatedAtIso, text); }
    // Empty: the status's own description.
    void set_status_detail(std::string_view text) { set_text(kStatusDetail, text); }

    CredentialRow() = default;
    CredentialRow(const CredentialRow& other);
    CredentialRow& operator=(const CredentialRow& other);
    CredentialRow(CredentialRow&&) noexcept = default;
    CredentialRow& operator=(CredentialRow&&) noexcept = default;
    ~CredentialRow() = default;

private:
    // The stored texts: every column but Type and Status, then the three tooltips.
    static constexpr std::size_t kScopePath = kColumnCount;
    static constexpr std::size_t kCreatedAtIso = kColumnCount + 1;
    static constexpr std::size_t kStatusDetail = kColumnCount + 2;
    static constexpr std::size_t kTexts = kColumnCount + 3;
    RowText text(std::size_t i) const;
    void set_text(std::size_t i, std::string_view text);
    friend CredentialRow make_row(const Credential& c, const OrgTree& org, int utc_offset_minutes);
    void pack(const std::array<std::string_view, kTexts>& texts);

    std::unique_ptr<char[]> block_;
    SearchBytes bytes_{};
    std::array<std::uint32_t, kTexts + 1> at_{};  // where each text starts; at_[kTexts]: the block's size
};

// `utc_offset_minutes`: local time minus UTC (e.g. +60 for CET), from the platform.
CredentialRow make_row(const Credential& c, const OrgTree& org, int utc_offset_minutes);
std::vector<CredentialRow> make_rows(const std::vector<Credential>& list, const OrgTree& org, int utc_offset_minutes);
std::vector<CredentialRow> make_rows(const CredentialStore& list, const OrgTree& org, int utc_offset_minutes);
// Appends the rows of `list`'s credentials from the first one `rows` does not have yet (rows
// already made for the list's first credentials, while it was still arriving).
void append_rows(std::vector<CredentialRow>& rows, const CredentialStore& list, const OrgTree& org,
                 int utc_offset_minutes);

// Where a status stands in the order of attention: Failed, Deletion failed, Issues found (0-2),
// then the transient ones, the settled ones, and last no status at all (nullopt). The Status
// column sorts by it, and the kiosk's summary counts in it.
std::size_t status_rank(std::optional<SyncStatus> s);

// How many rows have each status, the ones that need attention first (Failed, Deletion failed,
// Issues found), then the transient ones, the settled ones, and rows without a status; statuses
// no row has are left out. nullopt: no status.
std::vector<std::pair<std::optional<SyncStatus>, std::size_t>> status_counts(const std::vector<CredentialRow>& rows);

// Status tooltip: the status's description, then what went wrong where ("Not created in
// project team-a"), or that the cluster could not be reached.
std::string status_detail(const AssetStatus& s, const OrgTree& org);

}  // namespace cc
