// Generated demo data (see demo_generate.h): credentials spread over the org for `--demo-size`,
// and the large organization of `--demo-org large` with its namespaces, credentials and objects.
#include "server/demo_generate.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string>

#include "core/validation.h"
#include "server/cluster_store.h"
#include "server/demo_seed.h"
#include "server/propagation.h"
#include "server/secret_values.h"
#include "server/time_util.h"

namespace cc::server {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::array<const char*, 5> kPrefixes = {"key", "login", "registry", "secret", "ngc"};
constexpr std::array<const char*, 6> kPurposes = {"CI pipeline",      "nightly training", "dataset mirror",
                                                  "inference images", "notebook access",  "model registry"};

CredentialSpec generated_spec(CredentialKind kind, std::size_t n) {
    const std::string value = "generated-" + std::to_string(n) + "-" + std::to_string(n * 7919 % 100003);
    switch (kind) {
        case CredentialKind::AccessKey: return AccessKeySpec{{}, "AKIAGEN" + std::to_string(n), value};
        case CredentialKind::Password: return PasswordSpec{{}, "svc-" + std::to_string(n), value};
        case CredentialKind::DockerRegistry:
            return DockerRegistrySpec{
                {}, "robot-" + std::to_string(n), value, std::string(n % 2 ? "nvcr.io" : "registry.demo.local")};
        case CredentialKind::GenericSecret: return GenericSecretSpec{{}, std::vector<KeyValuePair>{{"TOKEN", value}}};
        case CredentialKind::NgcApiKey: return NgcApiKeySpec{"nvapi-" + value};
    }
    return AccessKeySpec{};
}

// Spreads credentials over every scope level and node of the org.
ScopeRef generated_scope(const OrgTree& tree, std::size_t n) {
    const OrgData& org = tree.data();
    switch (n % 8) {
        case 0: return ScopeRef{ScopeType::Tenant, {}, {}, {}};
        case 1:
            if (!org.clusters.empty())
                return tree.normalized(
                    ScopeRef{ScopeType::Cluster, org.clusters[n % org.clusters.size()].uuid, {}, {}});
            break;
        case 2:
        case 3:
            if (!org.departments.empty())
                return tree.normalized(
                    ScopeRef{ScopeType::Department, {}, org.departments[n % org.departments.size()].id, {}});
            break;
        default:
            if (!org.projects.empty())
                return tree.normalized(ScopeRef{ScopeType::Project, {}, {}, org.projects[n % org.projects.size()].id});
            break;
    }
    return ScopeRef{ScopeType::Tenant, {}, {}, {}};
}

// ---- the large organization ----------------------------------------------------------------

using K = CredentialKind;

constexpr std::int64_t kOrgAnchorMs = 1795683600000;  // the demo seed's anchor, 2026-11-26T09:00:00Z
constexpr std::int64_t kDayMs = 24 * 3600 * 1000;
constexpr std::array<const char*, kLargeOrgClusters> kRegions = {"east", "west", "central", "north", "south"};
constexpr std::array<const char*, kLargeOrgClusters> kVersions = {"2.24.82", "2.24.82", "2.23.19", "2.22.40",
                                                                  "2.24.60"};
constexpr std::array<const char*, kLargeOrgDepartmentsPerCluster> kAreas = {
    "research", "platform", "vision", "nlp", "speech", "robotics", "genomics", "finance", "recsys", "safety"};
constexpr std::array<const char*, kLargeOrgDepartmentsPerCluster> kAreaDescriptions = {
    "Research", "ML platform", "Computer vision",      "Natural language processing", "Speech and audio",
    "Robotics", "Genomics",    "Quantitative finance", "Recommender systems",         "AI safety"};
constexpr std::array<const char*, kLargeOrgProjectsPerDepartment> kTeams = {
    "alpha", "bravo", "charlie", "delta",    "echo",  "foxtrot", "golf",   "hotel", "india",  "juliett",
    "kilo",  "lima",  "mike",    "november", "oscar", "papa",    "quebec", "romeo", "sierra", "tango"};

std::string org_time(std::int64_t days_ago, std::int64_t minutes) {
    return format_rfc3339(kOrgAnchorMs - days_ago * kDayMs + minutes * 60'000);
}

std::int64_t max_numeric_id(const std::vector<std::int64_t>& ids) {
    return ids.empty() ? 0 : *std::max_element(ids.begin(), ids.end());
}

// What the large org added, in insertion order.
struct AddedOrg {
    std::vector<ClusterId> clusters;
    std::vector<DepartmentId> departments;
    std::vector<ProjectId> projects;
};

// Ids continue after the existing ones (departments 5-54, projects 13-1012 after the standard org).
Result<AddedOrg> insert_large_org(Store& store, const OrgData& existing) {
    std::vector<std::int64_t> department_ids, project_ids;
    for (const auto& d : existing.departments) {
        std::int64_t v = 0;
        const auto [end, ec] = std::from_chars(d.id.value.data(), d.id.value.data() + d.id.value.size(), v);
        if (ec == std::errc() && end == d.id.value.data() + d.id.value.size()) department_ids.push_back(v);
    }
    for (const auto& p : existing.projects) project_ids.push_back(p.id.value);
    std::int64_t next_department = max_numeric_id(department_ids) + 1;
    std::int64_t next_project = max_numeric_id(project_ids) + 1;

    AddedOrg added;
    for (std::size_t c = 0; c < kLargeOrgClusters; ++c) {
        const std::string cluster_name = std::string("gpu-") + kRegions[c];
        const ClusterId cluster{uuid_from_name("demo-org/cluster/" + cluster_name)};
        const auto ci = static_cast<std::int64_t>(c);
        if (auto r = store.insert_cluster(Cluster{cluster, cluster_name, kDemoTenantId, org_time(240 - ci, ci),
                                                  cluster_name + ".demo.local", kVersions[c], "Connected"});
            !r)
            return r.error();
        added.clusters.push_back(cluster);
        for (std::size_t k = 0; k < kLargeOrgDepartmentsPerCluster; ++k) {
            const std::string dept_name = std::string(kAreas[k]) + "-" + kRegions[c];
            const DepartmentId dept{std::to_string(next_department)};
            const std::int64_t di = next_department++;
            if (auto r = store.insert_department(Department{dept, dept_name, cluster,
                                                            std::string(kAreaDescriptions[k]) + ", " + kRegions[c],
                                                            org_time(230 - ci, di), org_time(190 - ci, di)});
                !r)
                return r.error();
            added.departments.push_back(dept);
            for (std::size_t t = 0; t < kLargeOrgProjectsPerDepartment; ++t) {
                const std::string name = dept_name + "-" + kTeams[t];
                const std::int64_t pi = next_project++;
                Project project{ProjectId{pi}, name, cluster, dept, dept_name, "runai-" + name, "", "", ""};
                project.created_at = org_time(220 - pi % 60, pi);
                project.updated_at = org_time(150 - pi % 90, pi);
                if (auto r = store.insert_project(project); !r) return r.error();
                added.projects.push_back(project.id);
            }
        }
    }
    return added;
}

// One credential of the large org: kind, name, description, scope node and extra values.
struct OrgCredential {
    K kind;
    std::string name;
    std::string description;
    ScopeRef scope;         // only the scope node's own id, as in a create request
    std::string url = {};   // docker registry
    std::string keys = {};  // generic secret key, comma separated
};

// 2 per cluster, 1 per department (the kinds in turn), 1 in every third project, 1 more in every tenth.
std::vector<OrgCredential> org_credentials(const OrgTree& tree, const AddedOrg& added) {
    std::vector<OrgCredential> out;
    for (const auto& c : added.clusters) {
        const std::string n = tree.scope_name(ScopeRef{ScopeType::Cluster, c, {}, {}});
        const ScopeRef scope{ScopeType::Cluster, c, {}, {}};
        out.push_back({K::DockerRegistry, n + "-nvcr", "NGC container registry of " + n, scope, "nvcr.io"});
        out.push_back({K::AccessKey, n + "-datasets-s3", "Read-only key for the datasets bucket of " + n, scope});
    }
    for (std::size_t i = 0; i < added.departments.size(); ++i) {
        const ScopeRef scope{ScopeType::Department, {}, added.departments[i], {}};
        const std::string n = tree.scope_name(scope);
        switch (i % 5) {
            case 0: out.push_back({K::Password, n + "-git", "Git bot of " + n, scope}); break;
            case 1:
                out.push_back({K::GenericSecret, n + "-hf", "Hugging Face token of " + n, scope, "", "HF_TOKEN"});
                break;
            case 2: out.push_back({K::NgcApiKey, n + "-ngc", "", scope}); break;
            case 3:
                out.push_back({K::DockerRegistry, n + "-registry", "", scope, "registry." + n + ".demo.local"});
                break;
            default: out.push_back({K::AccessKey, n + "-s3", "Department bucket", scope}); break;
        }
    }
    for (std::size_t i = 0; i < added.projects.size(); ++i) {
        const ScopeRef scope{ScopeType::Project, {}, {}, added.projects[i]};
        const std::string n = tree.scope_name(scope);
        if (i % 3 == 0) {
            switch (i / 3 % 5) {
                case 0:
                    out.push_back(
                        {K::GenericSecret, n + "-wandb", "W&B token", scope, "", "WANDB_API_KEY,WANDB_ENTITY"});
                    break;
                case 1: out.push_back({K::Password, n + "-git", "", scope}); break;
                case 2: out.push_back({K::AccessKey, n + "-s3", "Team bucket", scope}); break;
                case 3: out.push_back({K::DockerRegistry, n + "-quay", "", scope, "quay.io"}); break;
                default: out.push_back({K::NgcApiKey, n + "-ngc", "NGC key for training", scope}); break;
            }
        }
        if (i % 10 == 0)
            out.push_back({K::GenericSecret, n + "-env", "CI environment", scope, "", "API_TOKEN,ENDPOINT"});
    }
    return out;
}

// The values a user would have typed, derived from the name like the hand-written ones'.
CredentialSpec org_credential_spec(const OrgCredential& s) {
    const std::string& n = s.name;
    auto h = [&n](std::string_view salt, std::size_t chars) {
        return hex_digest(n + "/" + std::string(salt), 32).substr(0, chars);
    };
    switch (s.kind) {
        case K::AccessKey: {
            std::string id = "AKIA" + h("id", 16);
            std::transform(id.begin(), id.end(), id.begin(),
                           [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            return AccessKeySpec{{}, id, h("secret", 40)};
        }
        case K::Password: return PasswordSpec{{}, "bot-" + n, "pw-" + h("password", 24)};
        case K::DockerRegistry: {
            const bool ngc = s.url == "nvcr.io";
            return DockerRegistrySpec{
                {}, ngc ? "$oauthtoken" : "robot-" + n, (ngc ? "nvapi-" : "dkr-") + h("password", 32), s.url};
        }
        case K::GenericSecret: {
            std::vector<KeyValuePair> pairs;
            std::string_view keys = s.keys;
            while (!keys.empty()) {
                const auto comma = keys.find(',');
                const std::string key(keys.substr(0, comma));
                pairs.push_back({key, "val-" + h(key, 28)});
                keys = comma == std::string_view::npos ? std::string_view{} : keys.substr(comma + 1);
            }
            return GenericSecretSpec{{}, std::move(pairs)};
        }
        case K::NgcApiKey: return NgcApiKeySpec{"nvapi-" + h("ngc", 40)};
    }
    return AccessKeySpec{};
}

// Inserts one credential with the objects an agent would have written, and the status they give.
VoidResult insert_org_credential(Store& store, const SecretBox& box, ClusterStore& cs, const OrgTree& tree,
                                 const OrgCredential& s, std::int64_t index) {
    CreateRequest request;
    request.name = s.name;
    if (!s.description.empty()) request.description = s.description;
    request.scope = s.scope;
    request.spec = org_credential_spec(s);
    if (auto problem = validate_create(request)) {
        wipe_secrets(request);
        return ApiError{500, "Invalid demo credential " + s.name, problem->message, {}};
    }
    Credential c;
    AssetMeta& m = c.meta;
    m.id = CredentialId{uuid_from_name("demo-org/credential/" + s.name)};
    m.kind = s.kind;
    m.name = s.name;
    m.description = request.description;
    m.scope = tree.normalized(s.scope);
    if (m.scope.project_id) m.project_name = tree.scope_name(m.scope);
    m.tenant_id = kDemoTenantId;
    m.created_by = demo_users().front().email;
    m.created_at = org_time(120 - index % 110, index);
    m.updated_by = m.created_by;
    m.updated_at = m.created_at;
    m.update_count = 1;
    c.k8s_names = std::vector<std::string>{s.name};
    c.spec = public_spec(request.spec);
    const auto blob = seal_secret_values(box, request, m.id);
    c.key_id = blob ? box.key_id() : 0;
    auto built = secret_payload(request);
    wipe_secrets(request);
    if (!built) return built.error();
    std::optional<SecretPayload> payload = std::move(*built);  // moved, so no unwiped copy is left
    std::vector<StatusIssue> issues;
    for (const auto& cluster : propagation_clusters(tree, m.scope)) {
        auto found = apply_credential(cs, tree, cluster, c, payload, s.name);
        if (!found) return found.error();
        issues.insert(issues.end(), found->begin(), found->end());
    }
    for (auto& [k, v] : payload->data) wipe(v);
    c.status =
        AssetStatus{issues.empty() ? SyncStatus::NoIssuesFound : SyncStatus::IssuesFound, std::move(issues), {}, {}};
    return store.insert_credential(c, blob);
}

// The account-wide credentials already seeded reach the new clusters too: write their objects
// there as their agents would have (account scope reports no status, so none changes).
VoidResult propagate_account_credentials(Store& store, const SecretBox& box, ClusterStore& cs, const OrgTree& tree,
                                         const std::vector<ClusterId>& clusters) {
    auto list = store.list_credentials(false);
    if (!list) return list.error();
    for (const Credential& c : *list) {
        if (c.meta.scope.type != ScopeType::Tenant && c.meta.scope.type != ScopeType::System) continue;
        if (!c.status || c.status->status == SyncStatus::Creating || c.status->status == SyncStatus::Failed) continue;
        if (!c.k8s_names || c.k8s_names->empty()) continue;
        std::optional<SecretPayload> payload;
        if (!spec_existing_secret_name(c.spec)) {
            auto blob = store.credential_secret_blob(c.meta.id);
            if (!blob) return blob.error();
            if (!*blob) continue;
            auto values = open_secret_values(box, **blob, c.meta.kind, c.meta.id);
            if (!values) return values.error();
            auto built = secret_payload(*values);
            wipe_secrets(*values);
            if (!built) return built.error();
            payload = std::move(*built);
        }
        for (const auto& cluster : clusters)
            if (auto r = apply_credential(cs, tree, cluster, c, payload, c.k8s_names->front()); !r) return r.error();
        if (payload)
            for (auto& [k, v] : payload->data) wipe(v);
    }
    return ok();
}

}  // namespace

std::optional<DemoOrg> demo_org_from_name(std::string_view name) {
    if (name == "standard") return DemoOrg::Standard;
    if (name == "large") return DemoOrg::Large;
    return std::nullopt;
}

VoidResult seed_demo(Store& store, const SecretBox& box, std::optional<std::size_t> credential_count, DemoOrg org) {
    if (org == DemoOrg::Standard) return seed_demo_data(store, box, credential_count);
    const bool with_credentials = credential_count != std::size_t{0};
    // The standard data first (account, users, standard org and its credentials), generated
    // credentials last so that they spread over the whole tree.
    if (auto r = seed_demo_data(store, box, with_credentials ? std::nullopt : credential_count); !r) return r;
    auto existing = store.org_data();
    if (!existing) return existing.error();
    auto added = insert_large_org(store, *existing);
    if (!added) return added.error();
    auto all = store.org_data();
    if (!all) return all.error();
    const OrgTree tree(std::move(*all));

    ClusterStore cs(store, &box);
    for (const auto& c : added->clusters)
        if (auto r = cs.add_namespace(c, kRunaiNamespace); !r) return r;
    for (const auto& id : added->projects) {
        const Project* p = tree.project(id);
        if (!p) return ApiError{500, "Demo project " + std::to_string(id.value) + " was not stored", {}, {}};
        if (auto r = cs.add_namespace(p->cluster_id, p->namespace_name); !r) return r;
    }
    if (!with_credentials) return ok();

    if (auto r = propagate_account_credentials(store, box, cs, tree, added->clusters); !r) return r;
    std::int64_t index = 0;
    for (const auto& s : org_credentials(tree, *added))
        if (auto r = insert_org_credential(store, box, cs, tree, s, index++); !r) return r;
    if (!credential_count) return ok();
    auto credentials = store.list_credentials(false);
    if (!credentials) return credentials.error();
    if (*credential_count <= credentials->size()) return ok();
    return seed_generated_credentials(store, box, tree, *credential_count - credentials->size());
}

VoidResult seed_generated_credentials(Store& store, const SecretBox& box, const OrgTree& tree, std::size_t count) {
    const auto users = demo_users();
    const std::int64_t now = unix_now_ms();
    for (std::size_t n = 1; n <= count; ++n) {
        const auto kind = static_cast<CredentialKind>(n % kPrefixes.size());
        const ScopeRef scope = generated_scope(tree, n);
        CreateRequest request;
        request.name =
            std::string(kPrefixes[n % kPrefixes.size()]) + "-" + tree.scope_name(scope) + "-" + std::to_string(n);
        for (char& ch : request.name)
            if (ch == ' ' || ch == '_') ch = '-';
        for (char& ch : request.name)
            if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        if (n % 3) request.description = std::string(kPurposes[n % kPurposes.size()]) + " #" + std::to_string(n);
        request.scope = scope;
        request.spec = generated_spec(kind, n);

        Credential c;
        AssetMeta& m = c.meta;
        m.id = CredentialId{uuid_from_name("generated-credential/" + std::to_string(n))};
        m.kind = kind;
        m.name = request.name;
        m.description = request.description;
        m.scope = scope;
        if (scope.project_id) m.project_name = tree.scope_name(scope);
        m.tenant_id = kDemoTenantId;
        m.created_by = users[n % users.size()].email;
        m.created_at = format_rfc3339(now - static_cast<std::int64_t>(n % 400'000) * 37 * kMinuteMs);
        m.updated_by = m.created_by;
        m.updated_at = m.created_at;
        m.update_count = 1;
        c.status =
            AssetStatus{scope.type == ScopeType::Tenant ? SyncStatus::NoStatus : SyncStatus::NoIssuesFound, {}, {}, {}};
        c.k8s_names = std::vector<std::string>{m.name};
        c.spec = public_spec(request.spec);
        const auto blob = seal_secret_values(box, request, m.id);
        wipe_secrets(request);
        c.key_id = blob ? box.key_id() : 0;
        if (auto r = store.insert_credential(c, blob); !r) return r;
    }
    return ok();
}

}  // namespace cc::server
