// Row derivation for the Credentials table: cell texts (creation times in local time), the
// Scope and Status tooltips, column titles.
#include "core/table.h"

#include <cstdio>
#include <cstring>

#include "core/case_fold.h"
#include "core/time_text.h"

namespace cc {
namespace {

template <class List>
std::string join_names(const List& list) {
    std::string out;
    for (const auto& item : list) {
        if (!out.empty()) out += ", ";
        out += item.name;
    }
    return out;
}

std::string_view issue_text(IssueKind k) {
    switch (k) {
        case IssueKind::NotCreated: return "Not created in";
        case IssueKind::ReplicationError: return "Replication failed in";
        case IssueKind::LostPhase: return "State lost in";
    }
    return "Issue in";
}

}  // namespace

std::string_view column_title(Column c) {
    switch (c) {
        case Column::Credential: return "Credential";
        case Column::Description: return "Description";
        case Column::Type: return "Type";
        case Column::Status: return "Status";
        case Column::Scope: return "Scope";
        case Column::KubernetesName: return "Kubernetes name";
        case Column::Environments: return "Environment(s)";
        case Column::DataSources: return "Data source(s)";
        case Column::CreatedBy: return "Created by";
        case Column::CreationTime: return "Creation time";
        case Column::Cluster: return "Cluster";
    }
    return "";
}

namespace {

constexpr std::array<SyncStatus, 8> kAttentionOrder = {
    SyncStatus::Failed,   SyncStatus::DeletionFailed, SyncStatus::IssuesFound,   SyncStatus::Creating,
    SyncStatus::Updating, SyncStatus::Deleting,       SyncStatus::NoIssuesFound, SyncStatus::NoStatus};

}  // namespace

std::size_t status_rank(std::optional<SyncStatus> s) {
    if (!s) return kAttentionOrder.size();
    for (std::size_t i = 0; i < kAttentionOrder.size(); ++i)
        if (kAttentionOrder[i] == *s) return i;
    return kAttentionOrder.size();
}

std::vector<std::pair<std::optional<SyncStatus>, std::size_t>> status_counts(const std::vector<CredentialRow>& rows) {
    std::array<std::size_t, kAttentionOrder.size() + 1> counts{};
    for (const auto& r : rows) ++counts[status_rank(r.status)];
    std::vector<std::pair<std::optional<SyncStatus>, std::size_t>> out;
    for (std::size_t i = 0; i < kAttentionOrder.size(); ++i)
        if (counts[i]) out.emplace_back(kAttentionOrder[i], counts[i]);
    if (counts.back()) out.emplace_back(std::nullopt, counts.back());
    return out;
}

std::string status_detail(const AssetStatus& s, const OrgTree& org) {
    std::string out(status_description(s.status));
    if (s.status == SyncStatus::IssuesFound && s.issues.empty()) {
        out = "Failed to access the cluster";
        if (!s.message.empty() && s.message != out) out += ": " + s.message;
        return out;
    }
    for (const auto& issue : s.issues) {
        ScopeRef ref{issue.scope_type, {}, {}, {}};
        switch (issue.scope_type) {
            case ScopeType::Cluster: ref.cluster_id = ClusterId{issue.scope_id}; break;
            case ScopeType::Department: ref.department_id = DepartmentId{issue.scope_id}; break;
            case ScopeType::Project: {
                long long id = -1;
                std::sscanf(issue.scope_id.c_str(), "%lld", &id);
                ref.project_id = ProjectId{id};
                break;
            }
            default: break;
        }
        out += "\n";
        out += issue_text(issue.issue);
        out += issue.scope_type == ScopeType::Tenant ? " account "
                                                     : " " + std::string(scope_api_name(issue.scope_type)) + " ";
        out += org.scope_name(ref);
    }
    if (!s.message.empty() && s.status != SyncStatus::IssuesFound) out += "\n" + s.message;
    return out;
}

namespace {

// The labels of kinds, formats and statuses are string literals (credential.cpp,
// secret_format.cpp): they end in a NUL.
RowText literal(std::string_view label) {
    return RowText(label.data(), label.size());
}

}  // namespace

CredentialRow::CredentialRow(const CredentialRow& other)
    : id(other.id),
      kind(other.kind),
      format(other.format),
      status(other.status),
      scope(other.scope),
      personal(other.personal),
      bytes_(other.bytes_),
      at_(other.at_) {
    if (other.block_) {
        block_ = std::make_unique<char[]>(at_[kTexts]);
        std::memcpy(block_.get(), other.block_.get(), at_[kTexts]);
    }
}

CredentialRow& CredentialRow::operator=(const CredentialRow& other) {
    if (this != &other) *this = CredentialRow(other);
    return *this;
}

RowText CredentialRow::text(std::size_t i) const {
    if (!block_) return {};
    return RowText(block_.get() + at_[i], at_[i + 1] - at_[i] - 1);
}

RowText CredentialRow::cell(Column c) const {
    const RowText stored = text(static_cast<std::size_t>(c));
    if (!stored.empty()) return stored;
    if (c == Column::Type) return literal(type_label(kind, format));
    if (c == Column::Status) return status ? literal(status_label(*status)) : RowText("-", 1);
    return stored;
}

RowText CredentialRow::status_detail() const {
    const RowText stored = text(kStatusDetail);
    if (!stored.empty()) return stored;
    return status ? literal(status_description(*status)) : literal("The credentials are not synced to a cluster");
}

void CredentialRow::pack(const std::array<std::string_view, kTexts>& texts) {
    std::size_t size = 0;
    for (const auto& t : texts) size += t.size() + 1;
    block_ = std::make_unique<char[]>(size);
    std::uint32_t at = 0;
    for (std::size_t i = 0; i < kTexts; ++i) {
        at_[i] = at;
        if (!texts[i].empty()) std::memcpy(block_.get() + at, texts[i].data(), texts[i].size());
        at += static_cast<std::uint32_t>(texts[i].size());
        block_[at++] = '\0';
    }
    at_[kTexts] = at;
    // The folded bytes of the column texts, folded as contains_folded folds them: a text starts
    // with no byte before it, as the '\0' ending the text before leaves it.
    bytes_ = {};
    unsigned char prev = 0;
    for (std::uint32_t p = 0; p < at_[kColumnCount]; ++p) {
        const auto c = static_cast<unsigned char>(block_[p]);
        const unsigned bit = search_byte_bit(fold_byte(c, prev));
        bytes_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
        prev = c;
    }
}

SearchBytes search_bytes_of(std::string_view folded) {
    SearchBytes set{};
    for (const char ch : folded) {
        const unsigned bit = search_byte_bit(static_cast<unsigned char>(ch));
        set[bit >> 6] |= std::uint64_t{1} << (bit & 63);
    }
    return set;
}

void CredentialRow::set_text(std::size_t i, std::string_view value) {
    std::array<std::string, kTexts> copies;
    std::array<std::string_view, kTexts> texts;
    for (std::size_t t = 0; t < kTexts; ++t) {
        copies[t] = t == i ? std::string(value) : std::string(text(t).view());
        texts[t] = copies[t];
    }
    pack(texts);
}

void CredentialRow::set(Column c, std::string_view value) {
    set_text(static_cast<std::size_t>(c), value);
}

CredentialRow make_row(const Credential& c, const OrgTree& org, int utc_offset_minutes) {
    CredentialRow r;
    r.id = c.meta.id;
    r.kind = c.meta.kind;
    if (const auto* g = std::get_if<GenericSecretSpec>(&c.spec)) r.format = secret_format_of(*g);
    r.scope = org.normalized(c.meta.scope);
    r.personal = c.meta.is_private;
    std::array<std::string_view, CredentialRow::kTexts> texts{};
    auto set = [&texts](Column col, std::string_view v) { texts[static_cast<std::size_t>(col)] = v; };
    // Type and Status stay empty: their labels come from the kind and the status.
    set(Column::Credential, c.meta.name);
    set(Column::Description, c.meta.description ? std::string_view(*c.meta.description) : std::string_view());
    std::string detail;
    if (c.status) {
        r.status = c.status->status;
        detail = status_detail(*c.status, org);
        if (detail == status_description(c.status->status)) detail.clear();  // the status's own words
    }
    texts[CredentialRow::kStatusDetail] = detail;
    const std::string scope_name = org.scope_name(c.meta.scope);
    set(Column::Scope, scope_name);
    std::string names;
    if (c.k8s_names)
        for (const auto& n : *c.k8s_names) names += (names.empty() ? "" : ", ") + n;
    set(Column::KubernetesName, names);
    std::string environments, datasources;
    if (c.used_by) {
        environments = join_names(c.used_by->environments);
        datasources = join_names(c.used_by->datasources);
    }
    set(Column::Environments, environments);
    set(Column::DataSources, datasources);
    set(Column::CreatedBy, c.meta.created_by);
    const std::string created = format_local_time(c.meta.created_at, utc_offset_minutes);
    set(Column::CreationTime, created);
    const std::string cluster = org.cluster_name(c.meta.scope);
    set(Column::Cluster, cluster);
    const std::string path = org.scope_path(c.meta.scope);
    texts[CredentialRow::kScopePath] = path;
    texts[CredentialRow::kCreatedAtIso] = c.meta.created_at;
    r.pack(texts);
    return r;
}

std::vector<CredentialRow> make_rows(const std::vector<Credential>& list, const OrgTree& org, int utc_offset_minutes) {
    std::vector<CredentialRow> rows;
    rows.reserve(list.size());
    for (const auto& c : list) rows.push_back(make_row(c, org, utc_offset_minutes));
    return rows;
}

std::vector<CredentialRow> make_rows(const CredentialStore& list, const OrgTree& org, int utc_offset_minutes) {
    std::vector<CredentialRow> rows;
    append_rows(rows, list, org, utc_offset_minutes);
    return rows;
}

void append_rows(std::vector<CredentialRow>& rows, const CredentialStore& list, const OrgTree& org,
                 int utc_offset_minutes) {
    // Room for all at once; rows added part by part grow geometrically instead (a reserve of
    // each part's exact size would move every row again each time).
    if (rows.empty()) rows.reserve(list.size());
    Credential c;  // one credential unpacked at a time, its strings' room reused
    for (std::size_t i = rows.size(); i < list.size(); ++i) {
        list.read(i, c);
        rows.push_back(make_row(c, org, utc_offset_minutes));
    }
}

}  // namespace cc
