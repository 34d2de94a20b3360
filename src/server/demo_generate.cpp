// Generated demo credentials (see demo_generate.h).
#include "server/demo_generate.h"

#include <array>
#include <string>

#include "core/validation.h"
#include "server/demo_seed.h"
#include "server/secret_values.h"
#include "server/time_util.h"

namespace cc::server {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::array<const char*, 5> kPrefixes = {"key", "login", "registry", "secret", "ngc"};
constexpr std::array<const char*, 6> kPurposes = {"CI pipeline", "nightly training", "dataset mirror",
                                                  "inference images", "notebook access", "model registry"};

CredentialSpec generated_spec(CredentialKind kind, std::size_t n) {
    const std::string value = "generated-" + std::to_string(n) + "-" + std::to_string(n * 7919 % 100003);
    switch (kind) {
        case CredentialKind::AccessKey: return AccessKeySpec{{}, "AKIAGEN" + std::to_string(n), value};
        case CredentialKind::Password: return PasswordSpec{{}, "svc-" + std::to_string(n), value};
        case CredentialKind::DockerRegistry:
            return DockerRegistrySpec{{}, "robot-" + std::to_string(n), value, std::string(n % 2 ? "nvcr.io" : "registry.demo.local")};
        case CredentialKind::GenericSecret:
            return GenericSecretSpec{{}, std::vector<KeyValuePair>{{"TOKEN", value}}};
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
            if (!org.clusters.empty()) return tree.normalized(ScopeRef{ScopeType::Cluster, org.clusters[n % org.clusters.size()].uuid, {}, {}});
            break;
        case 2:
        case 3:
            if (!org.departments.empty())
                return tree.normalized(ScopeRef{ScopeType::Department, {}, org.departments[n % org.departments.size()].id, {}});
            break;
        default:
            if (!org.projects.empty())
                return tree.normalized(ScopeRef{ScopeType::Project, {}, {}, org.projects[n % org.projects.size()].id});
            break;
    }
    return ScopeRef{ScopeType::Tenant, {}, {}, {}};
}

}  // namespace

VoidResult seed_generated_credentials(Store& store, const SecretBox& box, const OrgTree& tree, std::size_t count) {
    const auto users = demo_users();
    const std::int64_t now = unix_now_ms();
    for (std::size_t n = 1; n <= count; ++n) {
        const auto kind = static_cast<CredentialKind>(n % kPrefixes.size());
        const ScopeRef scope = generated_scope(tree, n);
        CreateRequest request;
        request.name = std::string(kPrefixes[n % kPrefixes.size()]) + "-" + tree.scope_name(scope) + "-" + std::to_string(n);
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
        c.status = AssetStatus{scope.type == ScopeType::Tenant ? SyncStatus::NoStatus : SyncStatus::NoIssuesFound, {}, {}, {}};
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
