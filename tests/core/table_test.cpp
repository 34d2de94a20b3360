// Table rows: cell texts, tooltips and local time formatting.
#include "core/table.h"

#include <doctest/doctest.h>

#include <cstring>

#include "core/row_index.h"
#include "core/time_text.h"

using namespace cc;

namespace {
OrgTree demo_org() {
    OrgData d;
    d.account_name = "Demo";
    d.clusters.push_back({ClusterId{"c1"}, "cluster-a", 1, "", {}, {}, "Connected"});
    d.departments.push_back({DepartmentId{"4"}, "research", ClusterId{"c1"}, "", "", ""});
    d.projects.push_back(
        {ProjectId{12}, "team-a", ClusterId{"c1"}, DepartmentId{"4"}, "research", "runai-team-a", "", "", ""});
    return OrgTree(std::move(d));
}
}  // namespace

TEST_CASE("local time formatting") {
    CHECK(format_local_time("2026-11-28T10:01:59Z", 0) == "Nov 28, 2026 10:01");
    CHECK(format_local_time("2026-11-28T10:01:59.123456Z", 60) == "Nov 28, 2026 11:01");
    CHECK(format_local_time("2026-12-31T23:30:00Z", 60) == "Jan 1, 2027 00:30");
    CHECK(format_local_time("2026-03-01T00:10:00Z", -30) == "Feb 28, 2026 23:40");
    CHECK(format_local_time("2024-03-01T00:10:00Z", -30) == "Feb 29, 2024 23:40");
    CHECK(format_local_time("2026-11-28T10:01:00+02:00", 0) == "Nov 28, 2026 08:01");
    CHECK(format_local_time("not a time", 0) == "not a time");
    CHECK(format_clock_time(0, 0) == "00:00:00");
    CHECK(format_clock_time(3723000.0, 60) == "02:02:03");
}

TEST_CASE("a row carries every column's text") {
    const OrgTree org = demo_org();
    Credential c;
    c.meta.id = CredentialId{"id-1"};
    c.meta.kind = CredentialKind::AccessKey;
    c.meta.name = "datasets-s3";
    c.meta.description = "read-only";
    c.meta.scope = ScopeRef{ScopeType::Project, {}, {}, ProjectId{12}};
    c.meta.created_by = "admin@demo.local";
    c.meta.created_at = "2026-11-28T10:01:00Z";
    c.spec = AccessKeySpec{};
    c.used_by = UsageInfo{};
    c.used_by->environments.push_back({"e1", "jupyter"});
    c.used_by->datasources.push_back({"d1", "imagenet", "s3"});
    c.used_by->datasources.push_back({"d2", "coco", "s3"});
    c.status = AssetStatus{SyncStatus::IssuesFound, {{"12", ScopeType::Project, IssueKind::NotCreated}}, {}, {}};
    c.k8s_names = std::vector<std::string>{"datasets-s3"};
    const CredentialRow r = make_row(c, org, 0);
    CHECK(r.cell(Column::Credential) == "datasets-s3");
    CHECK(r.cell(Column::Description) == "read-only");
    CHECK(r.cell(Column::Type) == "Access key");
    CHECK(r.cell(Column::Status) == "Issues found");
    CHECK(r.cell(Column::Scope) == "team-a");
    CHECK(r.scope_path() == "Demo / cluster-a / research / team-a");
    CHECK(r.cell(Column::KubernetesName) == "datasets-s3");
    CHECK(r.cell(Column::Environments) == "jupyter");
    CHECK(r.cell(Column::DataSources) == "imagenet, coco");
    CHECK(r.cell(Column::CreatedBy) == "admin@demo.local");
    CHECK(r.cell(Column::CreationTime) == "Nov 28, 2026 10:01");
    CHECK(r.created_at_iso() == "2026-11-28T10:01:00Z");
    CHECK(r.cell(Column::Cluster) == "cluster-a");
    CHECK(std::string(r.status_detail()).find("Not created in project team-a") != std::string::npos);
}

TEST_CASE("status tooltips") {
    const OrgTree org = demo_org();
    CHECK(status_detail(AssetStatus{SyncStatus::IssuesFound, {}, "", ""}, org) == "Failed to access the cluster");
    CHECK(status_detail(AssetStatus{SyncStatus::NoStatus, {}, "", ""}, org).find("account") != std::string::npos);
    const auto d = status_detail(
        AssetStatus{SyncStatus::IssuesFound, {{"4", ScopeType::Department, IssueKind::ReplicationError}}, "", ""}, org);
    CHECK(d.find("Replication failed in department research") != std::string::npos);
}

TEST_CASE("account-scoped rows have no cluster, and absent status shows a dash") {
    const OrgTree org = demo_org();
    Credential c;
    c.meta.id = CredentialId{"id-2"};
    c.meta.kind = CredentialKind::NgcApiKey;
    c.meta.name = "ngc";
    c.meta.scope = ScopeRef{ScopeType::Tenant, {}, {}, {}};
    c.spec = NgcApiKeySpec{};
    const CredentialRow r = make_row(c, org, 0);
    CHECK(r.cell(Column::Scope) == "Demo");
    CHECK(r.cell(Column::Cluster).empty());
    CHECK(r.cell(Column::Status) == "-");
    CHECK_FALSE(r.status.has_value());
}

TEST_CASE("a generic secret's format shows in the Type column, also after the packed store") {
    const OrgTree org = demo_org();
    const std::pair<std::vector<const char*>, const char*> cases[] = {
        {{"ssh-privatekey"}, "Generic secret \xC2\xB7 SSH key"},
        {{"SecretKey", "AccessKeyId"}, "Generic secret \xC2\xB7 Access key"},
        {{"User", "Password"}, "Generic secret \xC2\xB7 Username & password"},
        {{"WANDB_API_KEY"}, "Generic secret"},
        {{"ssh"}, "Generic secret"},
    };
    CredentialStore store;
    for (const auto& one : cases) {
        const auto& keys = one.first;
        const auto& label = one.second;
        Credential c;
        c.meta.id = CredentialId{"id-" + std::to_string(store.size())};
        c.meta.kind = CredentialKind::GenericSecret;
        c.meta.name = "g";
        c.meta.scope = ScopeRef{ScopeType::Tenant, {}, {}, {}};
        GenericSecretSpec g;
        g.key_value_pairs.emplace();
        for (const char* k : keys) g.key_value_pairs->push_back({k, std::nullopt});  // as the API answers
        c.spec = g;
        CAPTURE(label);
        const CredentialRow r = make_row(c, org, 0);
        CHECK(r.cell(Column::Type) == label);
        CHECK(std::strlen(r.cell(Column::Type).c_str()) == r.cell(Column::Type).size());
        CHECK(CredentialRow(r).cell(Column::Type) == label);  // a copy keeps it
        store.push_back(c);
    }
    const auto rows = make_rows(store, org, 0);
    REQUIRE(rows.size() == std::size(cases));
    for (std::size_t i = 0; i < rows.size(); ++i) CHECK(rows[i].cell(Column::Type) == cases[i].second);
}

TEST_CASE("a row's texts are C strings, the labels shared by every row included, and a copy owns its own") {
    for (const auto kind : kAllKinds) {
        CredentialRow r;
        r.kind = kind;
        for (const auto status : {SyncStatus::Creating, SyncStatus::IssuesFound, SyncStatus::NoIssuesFound}) {
            r.status = status;
            for (const auto t : {r.cell(Column::Type), r.cell(Column::Status), r.status_detail()}) {
                CHECK(std::strlen(t.c_str()) == t.size());
                CHECK_FALSE(t.empty());
            }
        }
    }
    CredentialRow a;
    a.set(Column::Credential, "first");
    a.set(Column::Description, "text");
    const CredentialRow b = a;
    a.set(Column::Credential, "second");
    CHECK(b.cell(Column::Credential) == "first");
    CHECK(b.cell(Column::Description) == "text");
    CHECK(std::strlen(b.cell(Column::Description).c_str()) == 4);
    CHECK(a.cell(Column::Credential) == "second");
}

TEST_CASE("the row index finds every row by its id, the first of a repeated id, and nothing else") {
    std::vector<CredentialRow> rows(1000);
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i].id = CredentialId{"id-" + std::to_string(i)};
    rows[700].id = CredentialId{"id-5"};  // a repeated id (a list never has one; the first wins)
    RowIndex index;
    CHECK_FALSE(index.find(rows, "id-1").has_value());  // not built yet
    index.build(rows);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i == 700) continue;
        CHECK(index.find(rows, rows[i].id.value) == static_cast<std::uint32_t>(i));
    }
    CHECK(index.find(rows, "id-5") == 5u);
    CHECK_FALSE(index.find(rows, "id-700").has_value());
    CHECK_FALSE(index.find(rows, "").has_value());
    index.clear();
    CHECK_FALSE(index.find(rows, "id-1").has_value());
}

TEST_CASE("status counts: what needs attention first, statuses no row has left out") {
    std::vector<CredentialRow> rows(6);
    rows[0].status = SyncStatus::NoIssuesFound;
    rows[1].status = SyncStatus::IssuesFound;
    rows[2].status = SyncStatus::NoIssuesFound;
    rows[3].status = SyncStatus::Creating;
    rows[4].status = SyncStatus::Failed;
    // rows[5]: no status reported
    using Count = std::pair<std::optional<SyncStatus>, std::size_t>;
    CHECK(status_counts(rows) == std::vector<Count>{{SyncStatus::Failed, 1},
                                                    {SyncStatus::IssuesFound, 1},
                                                    {SyncStatus::Creating, 1},
                                                    {SyncStatus::NoIssuesFound, 2},
                                                    {std::nullopt, 1}});
    CHECK(status_counts({}).empty());
}
