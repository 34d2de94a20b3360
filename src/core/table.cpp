// Row derivation for the Credentials table: cell texts (creation times in local time), the
// Scope and Status tooltips, column titles.
#include "core/table.h"

#include <cstdio>

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

CredentialRow make_row(const Credential& c, const OrgTree& org, int utc_offset_minutes) {
    CredentialRow r;
    r.id = c.meta.id;
    r.kind = c.meta.kind;
    r.scope = org.normalized(c.meta.scope);
    r.scope_path = org.scope_path(c.meta.scope);
    r.created_at_iso = c.meta.created_at;
    auto set = [&r](Column col, std::string v) { r.cells[static_cast<std::size_t>(col)] = std::move(v); };
    set(Column::Credential, c.meta.name);
    set(Column::Description, c.meta.description.value_or(""));
    set(Column::Type, std::string(kind_label(c.meta.kind)));
    if (c.status) {
        r.status = c.status->status;
        set(Column::Status, std::string(status_label(c.status->status)));
        r.status_detail = status_detail(*c.status, org);
    } else {
        set(Column::Status, "-");
        r.status_detail = "The credentials are not synced to a cluster";
    }
    set(Column::Scope, org.scope_name(c.meta.scope));
    if (c.k8s_names) {
        std::string names;
        for (const auto& n : *c.k8s_names) names += (names.empty() ? "" : ", ") + n;
        set(Column::KubernetesName, names);
    }
    if (c.used_by) {
        set(Column::Environments, join_names(c.used_by->environments));
        set(Column::DataSources, join_names(c.used_by->datasources));
    }
    set(Column::CreatedBy, c.meta.created_by);
    set(Column::CreationTime, format_local_time(c.meta.created_at, utc_offset_minutes));
    set(Column::Cluster, org.cluster_name(c.meta.scope));
    return r;
}

std::vector<CredentialRow> make_rows(const std::vector<Credential>& list, const OrgTree& org, int utc_offset_minutes) {
    std::vector<CredentialRow> rows;
    rows.reserve(list.size());
    for (const auto& c : list) rows.push_back(make_row(c, org, utc_offset_minutes));
    return rows;
}

}  // namespace cc
