// Row derivation for the Credentials table: cell texts, tooltips, local time formatting.
#include "core/table.h"

#include <cstdio>

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

void civil_from_days(long long z, long long& y, unsigned& m, unsigned& d) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<long long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
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

long long days_from_civil(long long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

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

std::string format_local_time(std::string_view s, int utc_offset_minutes) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    const std::string text(s);
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec) != 6) return text;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return text;
    // The zone designator after the seconds (and optional fraction): Z or ±hh:mm.
    long long zone_minutes = 0;
    std::size_t p = 19;
    while (p < text.size() && (text[p] == '.' || (text[p] >= '0' && text[p] <= '9'))) ++p;
    if (p < text.size() && (text[p] == '+' || text[p] == '-')) {
        int zh = 0, zm = 0;
        if (std::sscanf(text.c_str() + p + 1, "%2d:%2d", &zh, &zm) == 2) zone_minutes = (text[p] == '-' ? -1 : 1) * (zh * 60 + zm);
    }
    long long minutes = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 1440 + h * 60 + mi -
                        zone_minutes + utc_offset_minutes;
    long long days = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
    long long rem = minutes - days * 1440;
    long long ly = 0;
    unsigned lm = 0, ld = 0;
    civil_from_days(days, ly, lm, ld);
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s %u, %lld %02lld:%02lld", months[lm - 1], ld, ly, rem / 60, rem % 60);
    return buf;
}

std::string format_clock_time(double epoch_ms, int utc_offset_minutes) {
    long long secs = static_cast<long long>(epoch_ms / 1000.0) + utc_offset_minutes * 60LL;
    long long day_secs = ((secs % 86400) + 86400) % 86400;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", day_secs / 3600, day_secs / 60 % 60, day_secs % 60);
    return buf;
}

std::string format_file_timestamp(double epoch_ms, int utc_offset_minutes) {
    const long long minutes = static_cast<long long>(epoch_ms / 60000.0) + utc_offset_minutes;
    const long long days = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
    const long long rem = minutes - days * 1440;
    long long y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(days, y, m, d);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u-%02lld%02lld", y, m, d, rem / 60, rem % 60);
    return buf;
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
        out += issue.scope_type == ScopeType::Tenant ? " account " : " " + std::string(scope_api_name(issue.scope_type)) + " ";
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
