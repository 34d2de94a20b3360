// kubectl_create_commands: mirrors the server's existing-secret rules (existing_secrets.cpp:
// existing_secret_location, labelled_for_scope) and the agents' data layout, so a Secret created
// with these commands is listed for the scope it was generated for.
#include "core/kubectl_snippet.h"

namespace cc {
namespace {

constexpr std::string_view kRunaiNamespace = "runai";  // where Run:ai is installed
constexpr std::string_view kLabelResource = "run.ai/resource";
constexpr std::string_view kLabelClusterWide = "run.ai/cluster-wide";
constexpr std::string_view kLabelDepartment = "run.ai/department";

ApiError unavailable(std::string message) {
    return ApiError{400, std::move(message), {}, "spec.existingSecretName"};
}

bool shell_safe(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == '/' || c == '=' || c == ':' || c == ',';
}

// Bare when every byte is safe for POSIX shells, else single-quoted ('<ACCESS_KEY_ID>' must not
// become a redirection).
std::string shell_word(std::string_view s) {
    bool safe = !s.empty();
    for (char c : s) safe = safe && shell_safe(c);
    if (safe) return std::string(s);
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    out += "'";
    return out;
}

struct Target {
    std::string cluster_name;
    std::string namespace_name;
};

Result<Target> target_of(const ScopeRef& scope, const OrgTree& org) {
    switch (scope.type) {
        case ScopeType::Cluster:
            if (scope.cluster_id)
                if (const Cluster* c = org.cluster(*scope.cluster_id))
                    return Target{c->name, std::string(kRunaiNamespace)};
            return unavailable("Unknown cluster");
        case ScopeType::Department:
            if (scope.department_id)
                if (const Department* d = org.department(*scope.department_id))
                    if (const Cluster* c = org.cluster(d->cluster_id))
                        return Target{c->name, std::string(kRunaiNamespace)};
            return unavailable("Unknown department");
        case ScopeType::Project:
            if (scope.project_id)
                if (const Project* p = org.project(*scope.project_id))
                    if (const Cluster* c = org.cluster(p->cluster_id))
                        return Target{c->name, p->namespace_name.empty() ? "runai-" + p->name : p->namespace_name};
            return unavailable("Unknown project");
        case ScopeType::Tenant:
        case ScopeType::System: break;
    }
    return unavailable(
        "Account-scope credentials cannot use an existing secret: a Secret lives in one cluster. "
        "Choose a cluster, department or project scope");
}

}  // namespace

Result<std::string> kubectl_create_commands(CredentialKind kind, const ScopeRef& scope, const OrgTree& org,
                                            std::string_view secret_name, SecretFormat format) {
    if (!kind_supports_existing_secret(kind))
        return unavailable(std::string(kind_label(kind)) + " credentials cannot use an existing secret");
    auto target = target_of(scope, org);
    if (!target) return target.error();

    const std::string name = shell_word(secret_name.empty() ? std::string_view("<secret-name>") : secret_name);
    const std::string ns = "--namespace=" + shell_word(target->namespace_name);

    std::string create;
    switch (kind) {
        case CredentialKind::AccessKey:
            create = "kubectl create secret generic " + name + " " + ns +
                     " --from-literal=AccessKeyId='<ACCESS_KEY_ID>' --from-literal=SecretKey='<SECRET_ACCESS_KEY>'";
            break;
        case CredentialKind::Password:
            create = "kubectl create secret generic " + name + " " + ns +
                     " --from-literal=User='<USERNAME>' --from-literal=Password='<PASSWORD>'";
            break;
        case CredentialKind::DockerRegistry:
            create = "kubectl create secret docker-registry " + name + " " + ns +
                     " --docker-server='<REGISTRY_URL>' --docker-username='<USERNAME>' --docker-password='<PASSWORD>'";
            break;
        case CredentialKind::GenericSecret:
            // The formats' data keys (docs/api.md, 'Generic secret formats').
            switch (format) {
                case SecretFormat::KeyValues:
                    create = "kubectl create secret generic " + name + " " + ns + " --from-literal='<KEY>=<VALUE>'";
                    break;
                case SecretFormat::AccessKey:
                    create =
                        "kubectl create secret generic " + name + " " + ns +
                        " --from-literal=AccessKeyId='<ACCESS_KEY_ID>' --from-literal=SecretKey='<SECRET_ACCESS_KEY>'";
                    break;
                case SecretFormat::UsernamePassword:
                    create = "kubectl create secret generic " + name + " " + ns +
                             " --from-literal=User='<USERNAME>' --from-literal=Password='<PASSWORD>'";
                    break;
                case SecretFormat::SshKey:
                    create = "kubectl create secret generic " + name + " " + ns +
                             " --type=" + std::string(kSshAuthSecretType) +
                             " --from-file=" + std::string(kSshPrivateKeyKey) + "='<PRIVATE_KEY_FILE>'";
                    break;
            }
            break;
        case CredentialKind::NgcApiKey: break;  // excluded above
    }

    std::string label = "kubectl label secret " + name + " " + ns + " " + std::string(kLabelResource) + "=" +
                        std::string(kind_k8s_label(kind));
    if (scope.type == ScopeType::Cluster) label += " " + std::string(kLabelClusterWide) + "=true";
    if (scope.type == ScopeType::Department)
        label += " " + shell_word(std::string(kLabelDepartment) + "=" + scope.department_id->value);

    return "# on cluster " + target->cluster_name + "\n" + create + "\n" + label;
}

}  // namespace cc
