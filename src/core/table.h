// The Credentials table's data: its columns and one display row per credential, derived
// once from the credential list and the org tree (never per frame). Search, filters and sort
// over these rows are in table_query.h.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/credential.h"
#include "core/org.h"

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

struct CredentialRow {
    CredentialId id;
    CredentialKind kind = CredentialKind::AccessKey;
    std::optional<SyncStatus> status;  // nullopt: the server sent no status ("-")
    ScopeRef scope;
    std::string scope_path;      // tooltip of the Scope cell
    std::string created_at_iso;  // tooltip of the Creation time cell
    std::string status_detail;   // tooltip of the Status cell: description + issues
    std::array<std::string, kColumnCount> cells;

    const std::string& cell(Column c) const { return cells[static_cast<std::size_t>(c)]; }
};

// `utc_offset_minutes`: local time minus UTC (e.g. +60 for CET), from the platform.
CredentialRow make_row(const Credential& c, const OrgTree& org, int utc_offset_minutes);
std::vector<CredentialRow> make_rows(const std::vector<Credential>& list, const OrgTree& org, int utc_offset_minutes);

// Status tooltip: the status's description, then what went wrong where ("Not created in
// project team-a"), or that the cluster could not be reached.
std::string status_detail(const AssetStatus& s, const OrgTree& org);

}  // namespace cc
