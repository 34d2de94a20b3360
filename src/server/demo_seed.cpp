// The demo data set (see demo_seed.h). Everything is derived from the tables below: ids from
// names (uuid_from_name), secret values from names (hex_digest), timestamps from a fixed anchor,
// so two fresh databases hold the same data apart from the random nonces of the sealed blobs.
#include "server/demo_seed.h"

#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/org.h"
#include "core/text.h"
#include "core/validation.h"
#include "server/auth.h"
#include "server/cluster_store.h"
#include "server/demo_generate.h"
#include "server/existing_secrets.h"
#include "server/propagation.h"
#include "server/secret_values.h"
#include "server/time_util.h"

namespace cc::server {
namespace {

using K = CredentialKind;
using S = ScopeType;
using St = SyncStatus;

constexpr std::int64_t kAnchorMs = 1795683600000;  // 2026-11-26T09:00:00Z
constexpr std::int64_t kDayMs = 24 * 3600 * 1000;

constexpr const char* kAdmin = "admin@demo.local";
constexpr const char* kDeptAdmin = "dept-admin@demo.local";
constexpr const char* kResearcher = "researcher@demo.local";

constexpr std::array<DemoUser, 5> kUsers = {{
    {"admin@demo.local", "demo-admin", "Demo Admin", "System administrator", S::Tenant, ""},
    {"dept-admin@demo.local", "demo-dept-admin", "Dana Department", "Department administrator", S::Department, "1"},
    {"researcher@demo.local", "demo-researcher", "Riley Researcher", "L1 researcher", S::Project, "1"},
    {"viewer@demo.local", "demo-viewer", "Vic Viewer", "Viewer", S::Tenant, ""},
    // A second researcher of the same project: sees what Riley sees, except Riley's personal credentials.
    {"researcher-b@demo.local", "demo-researcher-b", "Rowan Researcher", "L1 researcher", S::Project, "1"},
}};

// Application clients (client_credentials grant): the client id, its secret, and a role like a user's.
constexpr std::array<DemoUser, 2> kClients = {{
    {"demo-ci-client", "demo-ci-secret", "Demo CI pipeline", "Credentials administrator", S::Tenant, ""},
    {"demo-research-bot", "demo-research-secret", "Research automation", "L1 researcher", S::Project, "1"},
}};

struct SeedCluster {
    const char* key;
    const char* uuid;
    const char* name;
    const char* version;
};
constexpr std::array<SeedCluster, 2> kClusters = {{
    {"a", "d73a738f-fab3-430a-8fa3-5241493d7128", "cluster-a", "2.24.82"},
    {"b", "5b1c2e9a-7f3d-4c1b-9e8a-2f6d4a0c3b71", "cluster-b", "2.23.19"},
}};

struct SeedDepartment {
    const char* id;
    const char* name;
    const char* cluster_key;
    const char* description;
};
constexpr std::array<SeedDepartment, 4> kDepartments = {{
    {"1", "research", "a", "Research"},
    {"2", "platform", "a", "ML platform"},
    {"3", "vision", "b", "Computer vision"},
    {"4", "nlp", "b", "Natural language processing"},
}};
constexpr int kProjectCount = 12;  // team-a .. team-l, three per department
// team-h (cluster-b): its namespace was never created, so everything propagated there reports
// NotCreated for project 8 (and its Pending workload has a reason).
constexpr int kProjectWithoutNamespace = 8;

// Pre-created Secrets, labelled as users label them (docs/api.md, 'Existing secrets'), that
// existing-secret credentials can point to; the comment names the seeded credential using each one,
// the others are free to pick.
struct SeedUserSecret {
    const char* name;
    K kind;
    S scope;
    const char* node;  // cluster key, department id or project id
};
const std::vector<SeedUserSecret> kUserSecrets = {
    {"ldap-sync-secret", K::Password, S::Cluster, "a"},  // ldap-sync
    {"shared-registry-creds", K::DockerRegistry, S::Cluster, "a"},
    {"shared-s3-ro", K::AccessKey, S::Cluster, "a"},
    {"shared-env", K::GenericSecret, S::Cluster, "a"},
    {"mirror-b-creds", K::Password, S::Cluster, "b"},  // registry-mirror-b
    {"b-docker-pull", K::DockerRegistry, S::Cluster, "b"},
    {"research-git-bot", K::Password, S::Department, "1"},
    {"research-quay", K::DockerRegistry, S::Department, "1"},
    {"harbor-robot", K::DockerRegistry, S::Department, "2"},  // harbor-platform
    {"platform-s3-backup", K::AccessKey, S::Department, "2"},
    {"vision-gitea-creds", K::Password, S::Department, "3"},  // vision-gitea
    {"vision-registry", K::DockerRegistry, S::Department, "3"},
    {"nlp-openai", K::GenericSecret, S::Department, "4"},
    {"team-a-s3", K::AccessKey, S::Project, "1"},
    {"team-a-registry", K::DockerRegistry, S::Project, "1"},
    {"team-e-env", K::GenericSecret, S::Project, "5"},  // team-e-env
    {"team-g-hf", K::GenericSecret, S::Project, "7"},
};

struct SeedCredential {
    K kind;
    const char* name;
    const char* description;  // "" = none
    S scope;
    const char* node;  // cluster key, department id or project id; "" for the account
    St status;
    int days_ago;
    const char* created_by;
    const char* existing_secret = "";
    const char* url = "";     // docker registry
    const char* keys = "";    // generic secret key names, comma separated
    const char* issues = "";  // "project:3:NotCreated;department:4:ReplicationError"
    const char* message = "";
};

// clang-format off
const std::vector<SeedCredential> kCredentials = {
    // account (tenant) scope: never reports a status
    {.kind = K::NgcApiKey, .name = "ngc-org-key", .description = "Organization NGC key for NIM images", .scope = S::Tenant, .node = "", .status = St::NoStatus, .days_ago = 170, .created_by = kAdmin},
    {.kind = K::DockerRegistry, .name = "dockerhub-mirror", .description = "Pull-through mirror for Docker Hub", .scope = S::Tenant, .node = "", .status = St::NoStatus, .days_ago = 160, .created_by = kAdmin, .url = "https://index.docker.io/v1/"},
    {.kind = K::GenericSecret, .name = "wandb-org", .description = "", .scope = S::Tenant, .node = "", .status = St::NoStatus, .days_ago = 120, .created_by = kAdmin, .keys = "WANDB_API_KEY,WANDB_ENTITY"},
    {.kind = K::Password, .name = "artifactory-ro", .description = "Read-only Artifactory account", .scope = S::Tenant, .node = "", .status = St::NoStatus, .days_ago = 150, .created_by = kAdmin},
    {.kind = K::AccessKey, .name = "backups-s3", .description = "Nightly backup bucket", .scope = S::Tenant, .node = "", .status = St::NoStatus, .days_ago = 100, .created_by = kAdmin},
    // cluster-a
    {.kind = K::DockerRegistry, .name = "nvcr-a", .description = "NGC container registry", .scope = S::Cluster, .node = "a", .status = St::NoIssuesFound, .days_ago = 140, .created_by = kAdmin, .url = "nvcr.io"},
    {.kind = K::AccessKey, .name = "datasets-s3-ro", .description = "read-only key for the datasets bucket", .scope = S::Cluster, .node = "a", .status = St::NoIssuesFound, .days_ago = 131, .created_by = kAdmin},
    {.kind = K::GenericSecret, .name = "hf-token", .description = "Hugging Face read token", .scope = S::Cluster, .node = "a", .status = St::IssuesFound, .days_ago = 95, .created_by = kAdmin, .keys = "HF_TOKEN", .issues = "project:3:NotCreated"},
    {.kind = K::Password, .name = "ldap-sync", .description = "Service account for LDAP sync", .scope = S::Cluster, .node = "a", .status = St::NoIssuesFound, .days_ago = 88, .created_by = kAdmin, .existing_secret = "ldap-sync-secret"},
    {.kind = K::NgcApiKey, .name = "ngc-cluster-a", .description = "", .scope = S::Cluster, .node = "a", .status = St::Updating, .days_ago = 60, .created_by = kAdmin},
    // cluster-b
    {.kind = K::DockerRegistry, .name = "nvcr-b", .description = "NGC container registry", .scope = S::Cluster, .node = "b", .status = St::IssuesFound, .days_ago = 139, .created_by = kAdmin, .url = "nvcr.io", .issues = "project:8:NotCreated"},
    {.kind = K::AccessKey, .name = "minio-b", .description = "On-prem MinIO", .scope = S::Cluster, .node = "b", .status = St::IssuesFound, .days_ago = 77, .created_by = kAdmin, .issues = "department:4:ReplicationError;project:8:NotCreated;project:9:LostPhase"},
    {.kind = K::GenericSecret, .name = "slack-webhook", .description = "Alerts webhook", .scope = S::Cluster, .node = "b", .status = St::Creating, .days_ago = 0, .created_by = kAdmin, .keys = "SLACK_WEBHOOK_URL"},
    {.kind = K::Password, .name = "registry-mirror-b", .description = "", .scope = S::Cluster, .node = "b", .status = St::IssuesFound, .days_ago = 70, .created_by = kAdmin, .existing_secret = "mirror-b-creds", .issues = "project:8:NotCreated"},
    // department 1, research (cluster-a)
    {.kind = K::DockerRegistry, .name = "research-ghcr", .description = "GitHub packages of the research org", .scope = S::Department, .node = "1", .status = St::NoIssuesFound, .days_ago = 66, .created_by = kDeptAdmin, .url = "ghcr.io"},
    {.kind = K::GenericSecret, .name = "research-openai", .description = "OpenAI key for evals", .scope = S::Department, .node = "1", .status = St::NoIssuesFound, .days_ago = 52, .created_by = kDeptAdmin, .keys = "OPENAI_API_KEY,OPENAI_ORG"},
    {.kind = K::AccessKey, .name = "research-scratch-s3", .description = "", .scope = S::Department, .node = "1", .status = St::Deleting, .days_ago = 45, .created_by = kDeptAdmin},
    {.kind = K::NgcApiKey, .name = "research-ngc", .description = "NGC key for the research department", .scope = S::Department, .node = "1", .status = St::NoIssuesFound, .days_ago = 41, .created_by = kDeptAdmin},
    // department 2, platform (cluster-a)
    {.kind = K::Password, .name = "gitlab-platform", .description = "GitLab bot for CI", .scope = S::Department, .node = "2", .status = St::NoIssuesFound, .days_ago = 110, .created_by = kAdmin},
    {.kind = K::DockerRegistry, .name = "harbor-platform", .description = "Harbor robot account", .scope = S::Department, .node = "2", .status = St::NoIssuesFound, .days_ago = 104, .created_by = kAdmin, .existing_secret = "harbor-robot"},
    {.kind = K::GenericSecret, .name = "platform-ssh", .description = "Deploy key for the infra repositories", .scope = S::Department, .node = "2", .status = St::NoIssuesFound, .days_ago = 99, .created_by = kAdmin, .keys = "ssh"},
    {.kind = K::AccessKey, .name = "platform-logs-s3", .description = "", .scope = S::Department, .node = "2", .status = St::DeletionFailed, .days_ago = 90, .created_by = kAdmin, .message = "Timed out waiting for cluster-a to confirm the deletion"},
    // department 3, vision (cluster-b)
    {.kind = K::DockerRegistry, .name = "vision-ecr", .description = "AWS ECR for vision images", .scope = S::Department, .node = "3", .status = St::IssuesFound, .days_ago = 84, .created_by = kAdmin, .url = "123456789012.dkr.ecr.us-east-1.amazonaws.com", .issues = "project:8:NotCreated"},
    {.kind = K::AccessKey, .name = "vision-datasets", .description = "COCO and ImageNet mirrors", .scope = S::Department, .node = "3", .status = St::IssuesFound, .days_ago = 81, .created_by = kAdmin, .issues = "project:8:NotCreated"},
    {.kind = K::GenericSecret, .name = "vision-labelbox", .description = "", .scope = S::Department, .node = "3", .status = St::Failed, .days_ago = 12, .created_by = kAdmin, .keys = "LABELBOX_API_KEY", .message = "The secret could not be created: namespace runai is missing on cluster-b"},
    {.kind = K::Password, .name = "vision-gitea", .description = "Gitea account of the vision team", .scope = S::Department, .node = "3", .status = St::IssuesFound, .days_ago = 75, .created_by = kAdmin, .existing_secret = "vision-gitea-creds", .issues = "project:8:NotCreated"},
    // department 4, nlp (cluster-b)
    {.kind = K::NgcApiKey, .name = "nlp-ngc", .description = "NIM for LLM evals", .scope = S::Department, .node = "4", .status = St::NoIssuesFound, .days_ago = 63, .created_by = kAdmin},
    {.kind = K::GenericSecret, .name = "nlp-hf", .description = "Hugging Face write token", .scope = S::Department, .node = "4", .status = St::NoIssuesFound, .days_ago = 58, .created_by = kAdmin, .keys = "HF_TOKEN"},
    {.kind = K::DockerRegistry, .name = "nlp-private-registry", .description = "", .scope = S::Department, .node = "4", .status = St::Creating, .days_ago = 0, .created_by = kAdmin, .url = "registry.nlp.demo.local"},
    // projects
    {.kind = K::GenericSecret, .name = "team-a-wandb", .description = "W&B token", .scope = S::Project, .node = "1", .status = St::NoIssuesFound, .days_ago = 38, .created_by = kResearcher, .keys = "WANDB_API_KEY,WANDB_ENTITY"},
    {.kind = K::Password, .name = "team-a-git", .description = "Git over HTTPS for team-a", .scope = S::Project, .node = "1", .status = St::NoIssuesFound, .days_ago = 35, .created_by = kResearcher},
    {.kind = K::DockerRegistry, .name = "team-b-dockerhub", .description = "", .scope = S::Project, .node = "2", .status = St::NoIssuesFound, .days_ago = 33, .created_by = kDeptAdmin, .url = "https://index.docker.io/v1/"},
    {.kind = K::AccessKey, .name = "team-c-s3", .description = "Team bucket", .scope = S::Project, .node = "3", .status = St::IssuesFound, .days_ago = 30, .created_by = kDeptAdmin, .issues = "project:3:ReplicationError"},
    {.kind = K::NgcApiKey, .name = "team-d-ngc", .description = "", .scope = S::Project, .node = "4", .status = St::NoIssuesFound, .days_ago = 28, .created_by = kAdmin},
    {.kind = K::GenericSecret, .name = "team-e-env", .description = "Environment for the CI runners", .scope = S::Project, .node = "5", .status = St::NoIssuesFound, .days_ago = 26, .created_by = kAdmin, .existing_secret = "team-e-env"},
    {.kind = K::Password, .name = "team-f-jira", .description = "Jira integration", .scope = S::Project, .node = "6", .status = St::Updating, .days_ago = 24, .created_by = kAdmin},
    {.kind = K::DockerRegistry, .name = "team-g-quay", .description = "Quay organization of team-g", .scope = S::Project, .node = "7", .status = St::NoIssuesFound, .days_ago = 21, .created_by = kAdmin, .url = "quay.io"},
    {.kind = K::AccessKey, .name = "team-h-gcs", .description = "GCS HMAC key", .scope = S::Project, .node = "8", .status = St::IssuesFound, .days_ago = 18, .created_by = kAdmin, .issues = "project:8:NotCreated"},
    {.kind = K::GenericSecret, .name = "team-i-comet", .description = "", .scope = S::Project, .node = "9", .status = St::Deleting, .days_ago = 15, .created_by = kAdmin, .keys = "COMET_API_KEY"},
    {.kind = K::NgcApiKey, .name = "team-j-ngc", .description = "NGC key for LLM training", .scope = S::Project, .node = "10", .status = St::NoIssuesFound, .days_ago = 9, .created_by = kAdmin},
    {.kind = K::Password, .name = "team-k-mlflow", .description = "MLflow tracking server", .scope = S::Project, .node = "11", .status = St::Failed, .days_ago = 5, .created_by = kAdmin, .message = "Admission webhook denied the secret in namespace runai-team-k"},
    {.kind = K::DockerRegistry, .name = "team-l-nvcr", .description = "NGC registry for team-l", .scope = S::Project, .node = "12", .status = St::DeletionFailed, .days_ago = 3, .created_by = kAdmin, .url = "nvcr.io", .message = "The secret is still mounted by a running pod in runai-team-l"},
};
// clang-format on

struct SeedReferrer {
    ReferrerType type;
    const char* name;
    const char* kind;  // data sources: "s3", "git"
    S scope;
    const char* node;
    const char* status;       // workloads
    const char* credentials;  // names, comma separated
};

const std::vector<SeedReferrer> kReferrers = {
    {ReferrerType::Datasource, "imagenet-s3", "s3", S::Department, "3", "", "vision-datasets"},
    {ReferrerType::Datasource, "datasets-s3", "s3", S::Cluster, "a", "", "datasets-s3-ro"},
    {ReferrerType::Datasource, "models-git", "git", S::Project, "1", "", "team-a-git"},
    {ReferrerType::Datasource, "infra-configs-git", "git", S::Department, "2", "", "platform-ssh"},
    {ReferrerType::Environment, "jupyter-wandb", "", S::Project, "1", "", "team-a-wandb"},
    {ReferrerType::Environment, "pytorch-ngc", "", S::Tenant, "", "", "ngc-org-key"},
    {ReferrerType::Environment, "vllm-server", "", S::Department, "4", "", "nlp-hf,nlp-ngc"},
    {ReferrerType::Workspace, "ws-vision-dev", "", S::Project, "7", "Running", "team-g-quay"},
    {ReferrerType::Training, "train-llm-7b", "", S::Project, "10", "Running", "team-j-ngc,nlp-hf"},
    {ReferrerType::Distributed, "ddp-resnet", "", S::Project, "8", "Pending", "vision-ecr"},
    {ReferrerType::Inference, "llama-3-8b-nim", "", S::Project, "11", "Running", "nlp-ngc"},
    {ReferrerType::Template, "tpl-pytorch-ddp", "", S::Cluster, "a", "", "nvcr-a"},
    {ReferrerType::Template, "tpl-jupyter", "", S::Tenant, "", "", "dockerhub-mirror"},
};

// The items of a comma-, semicolon- or colon-separated list in the tables above ("" has none).
std::vector<std::string_view> items(std::string_view list, char sep) {
    return split_by_char(list, sep, TrailingEmpty::Drop);
}

// The key an environment variable takes from a seeded credential: a generic secret's first key,
// else the data key of the kind's Secret layout (docs/api.md, 'Secret data layout').
std::string seed_env_key(std::string_view credential_name) {
    for (const auto& c : kCredentials) {
        if (credential_name != c.name) continue;
        switch (c.kind) {
            case K::GenericSecret: return std::string(items(c.keys, ',').front());
            case K::NgcApiKey: return "NGC_API_KEY";
            case K::Password: return "Password";
            case K::AccessKey: return "SecretKey";
            case K::DockerRegistry: return ".dockerconfigjson";
        }
    }
    return "value";
}

// An environment's spec: an image and one variable per credential it uses.
nlohmann::json seed_environment_spec(std::string_view name, const std::vector<std::string_view>& credential_names) {
    const std::map<std::string_view, const char*> images = {{"jupyter-wandb", "jupyter/scipy-notebook:2024-05-27"},
                                                            {"pytorch-ngc", "nvcr.io/nvidia/pytorch:24.05-py3"},
                                                            {"vllm-server", "vllm/vllm-openai:v0.5.0"}};
    const auto image = images.find(name);
    nlohmann::json vars = nlohmann::json::array();
    for (const auto& c : credential_names) {
        std::string key = seed_env_key(c), var = key;
        for (char& ch : var) ch = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : (ch == '.' ? '_' : ch);
        vars.push_back({{"name", var},
                        {"credential", {{"assetId", uuid_from_name("credential/" + std::string(c))}, {"key", key}}}});
    }
    return {{"image", image == images.end() ? "ubuntu:24.04" : image->second}, {"environmentVariables", vars}};
}

std::string at(std::int64_t days_ago, int minute_offset) {
    return format_rfc3339(kAnchorMs - days_ago * kDayMs + std::int64_t{minute_offset} * 60000 +
                          minute_offset * 137 % 1000);
}

const SeedCluster& cluster_by_key(std::string_view key) {
    return key == "a" ? kClusters[0] : kClusters[1];
}

std::string project_name(int id) {
    return std::string("team-") + static_cast<char>('a' + id - 1);
}

ScopeRef scope_ref(S type, std::string_view node, const OrgTree& tree) {
    ScopeRef r{type, {}, {}, {}};
    if (type == S::Cluster) r.cluster_id = ClusterId{cluster_by_key(node).uuid};
    if (type == S::Department) r.department_id = DepartmentId{std::string(node)};
    if (type == S::Project) r.project_id = ProjectId{std::stoll(std::string(node))};
    return tree.normalized(r);
}

// The values a user would have typed into the create form, derived from the name.
CredentialSpec secret_spec(const SeedCredential& s) {
    const std::string n = s.name;
    auto h = [&n](std::string_view salt, std::size_t chars) {
        return hex_digest(n + "/" + std::string(salt), 32).substr(0, chars);
    };
    std::optional<std::string> existing;
    if (*s.existing_secret) existing = s.existing_secret;
    switch (s.kind) {
        case K::AccessKey: {
            if (existing) return AccessKeySpec{existing, {}, {}};
            std::string id = "AKIA" + h("id", 16);
            for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            return AccessKeySpec{{}, id, h("secret", 40)};
        }
        case K::Password:
            if (existing) return PasswordSpec{existing, {}, {}};
            return PasswordSpec{{}, "bot-" + n, "pw-" + h("password", 24)};
        case K::DockerRegistry: {
            if (existing)
                return DockerRegistrySpec{
                    existing, {}, {}, s.url[0] ? std::optional<std::string>(s.url) : std::nullopt};
            const bool ngc = std::string_view(s.url) == "nvcr.io";
            return DockerRegistrySpec{{},
                                      ngc ? "$oauthtoken" : "robot-" + n,
                                      (ngc ? "nvapi-" : "dkr-") + h("password", 32),
                                      std::string(s.url)};
        }
        case K::GenericSecret: {
            if (existing) return GenericSecretSpec{existing, {}};
            std::vector<KeyValuePair> pairs;
            for (const std::string_view key : items(s.keys, ',')) {
                std::string value = key == "ssh" ? "-----BEGIN OPENSSH PRIVATE KEY-----\n" + h("ssh", 64) +
                                                       "\n-----END OPENSSH PRIVATE KEY-----\n"
                                                 : "val-" + h(key, 28);
                pairs.push_back({std::string(key), std::move(value)});
            }
            return GenericSecretSpec{{}, std::move(pairs)};
        }
        case K::NgcApiKey: return NgcApiKeySpec{"nvapi-" + h("ngc", 40)};
    }
    return AccessKeySpec{};
}

std::vector<StatusIssue> parse_issues(std::string_view text) {
    std::vector<StatusIssue> out;
    for (const std::string_view item : items(text, ';')) {
        const auto parts = items(item, ':');
        if (parts.size() != 3) continue;
        out.push_back({std::string(parts[1]), scope_from_api_name(parts[0]).value_or(S::Project),
                       issue_from_api_name(parts[2]).value_or(IssueKind::NotCreated)});
    }
    return out;
}

VoidResult seed_org(Store& store) {
    if (auto r = store.insert_account({kDemoTenantId, kDemoAccountName, at(300, 0)}); !r) return r;
    for (const auto& c : kClusters) {
        Cluster cl{ClusterId{c.uuid}, c.name,     kDemoTenantId, at(270, c.key[0]), std::string(c.name) + ".demo.local",
                   c.version,         "Connected"};
        if (auto r = store.insert_cluster(cl); !r) return r;
    }
    for (const auto& d : kDepartments) {
        Department dep{DepartmentId{d.id}, d.name,           ClusterId{cluster_by_key(d.cluster_key).uuid},
                       d.description,      at(260, d.id[0]), at(200, d.id[0])};
        if (auto r = store.insert_department(dep); !r) return r;
    }
    for (int id = 1; id <= kProjectCount; ++id) {
        const SeedDepartment& d = kDepartments[static_cast<std::size_t>((id - 1) / 3)];
        Project p{ProjectId{id},
                  project_name(id),
                  ClusterId{cluster_by_key(d.cluster_key).uuid},
                  DepartmentId{d.id},
                  d.name,
                  "runai-" + project_name(id),
                  "",
                  at(250 - id, id),
                  at(180 - id, id)};
        if (auto r = store.insert_project(p); !r) return r;
    }
    return ok();
}

// The data of a user's pre-created Secret, derived from its name like the credentials' values.
SecretPayload user_secret_payload(const SeedUserSecret& u) {
    const std::string n = u.name;
    auto h = [&n](std::string_view salt, std::size_t chars) {
        return hex_digest(n + "/" + std::string(salt), 32).substr(0, chars);
    };
    SecretPayload p;
    switch (u.kind) {
        case K::AccessKey: {
            std::string id = "AKIA" + h("id", 16);
            for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            p.data = {{"AccessKeyId", id}, {"SecretKey", h("secret", 40)}};
            break;
        }
        case K::Password: p.data = {{"User", "svc-" + n}, {"Password", "pw-" + h("password", 24)}}; break;
        case K::DockerRegistry:
            p.type = "kubernetes.io/dockerconfigjson";
            p.data = {{".dockerconfigjson",
                       docker_config_json("registry.demo.local", "robot-" + n, "dkr-" + h("password", 32))}};
            break;
        case K::GenericSecret:
            p.data = {{"API_TOKEN", "tok-" + h("token", 28)}, {"ENDPOINT", "https://" + n + ".demo.local"}};
            break;
        case K::NgcApiKey: break;
    }
    return p;
}

// Namespaces (`runai` and every project's but team-h's) and the users' labelled Secrets.
VoidResult seed_cluster_objects(Store& store, const SecretBox& box, const OrgTree& tree) {
    ClusterStore cs(store, &box);
    for (const auto& c : tree.data().clusters)
        if (auto r = cs.add_namespace(c.uuid, kRunaiNamespace); !r) return r;
    for (const auto& p : tree.data().projects)
        if (p.id.value != kProjectWithoutNamespace)
            if (auto r = cs.add_namespace(p.cluster_id, p.namespace_name); !r) return r;
    for (const auto& u : kUserSecrets) {
        const ScopeRef scope = scope_ref(u.scope, u.node, tree);
        auto where = existing_secret_location(tree, scope);
        if (!where) return where.error();
        K8sSecret secret;
        secret.name = u.name;
        secret.namespace_name = where->namespace_name;
        secret.labels = {{kLabelResource, k8s_type_label(u.kind)}};
        if (u.scope == S::Cluster) secret.labels[kLabelClusterWide] = "true";
        if (u.scope == S::Department) secret.labels[kLabelDepartment] = u.node;
        SecretPayload payload = user_secret_payload(u);
        secret.type = payload.type;
        secret.data = std::move(payload.data);
        if (auto r = cs.create_secret(where->cluster, std::move(secret)); !r) return r.error();
    }
    return ok();
}

// Writes what the agents would have written for a seeded credential, takes out the copies its
// seeded issues say failed, and checks that the table's status tells the truth about the rest.
VoidResult seed_credential_objects(ClusterStore& cs, const OrgTree& tree, const Credential& c,
                                   const std::optional<SecretPayload>& payload) {
    const auto& seeded = c.status->issues;
    std::vector<StatusIssue> found;
    for (const auto& cluster : propagation_clusters(tree, c.meta.scope)) {
        auto issues = apply_credential(cs, tree, cluster, c, payload, c.k8s_names->front());
        if (!issues) return issues.error();
        found.insert(found.end(), issues->begin(), issues->end());
        for (const auto& i : seeded)
            for (const auto& p : tree.data().projects) {
                const bool hit = (i.scope_type == S::Project && std::to_string(p.id.value) == i.scope_id) ||
                                 (i.scope_type == S::Department && p.parent_id.value == i.scope_id);
                if (hit && p.cluster_id == cluster)
                    if (auto r = cs.delete_owned_secrets(cluster, c.meta.id, p.namespace_name); !r) return r;
            }
    }
    if (c.meta.scope.type == S::Tenant) return ok();  // account scope reports no status
    for (const auto& f : found) {
        const bool listed = std::any_of(seeded.begin(), seeded.end(), [&f](const StatusIssue& i) {
            return i.scope_id == f.scope_id && i.scope_type == f.scope_type && i.issue == f.issue;
        });
        if (!listed)
            return ApiError{500,
                            "Demo credential " + c.meta.name + " does not list its issue in " +
                                std::string(scope_api_name(f.scope_type)) + " " + f.scope_id,
                            {},
                            {}};
    }
    return ok();
}

VoidResult seed_credentials(Store& store, const SecretBox& box, const OrgTree& tree) {
    ClusterStore cs(store, &box);
    int index = 0;
    for (const auto& s : kCredentials) {
        ++index;
        CreateRequest request;
        request.name = s.name;
        if (*s.description) request.description = s.description;
        request.scope = ScopeRef{s.scope, {}, {}, {}};
        const ScopeRef full = scope_ref(s.scope, s.node, tree);
        request.scope.cluster_id = s.scope == S::Cluster ? full.cluster_id : std::nullopt;
        request.scope.department_id = s.scope == S::Department ? full.department_id : std::nullopt;
        request.scope.project_id = full.project_id;
        request.spec = secret_spec(s);
        if (auto problem = validate_create(request)) {
            wipe_secrets(request);
            return ApiError{500, "Invalid demo credential " + std::string(s.name), problem->message, {}};
        }

        Credential c;
        AssetMeta& m = c.meta;
        m.id = CredentialId{uuid_from_name(std::string("credential/") + s.name)};
        m.kind = s.kind;
        m.name = s.name;
        m.description = request.description;
        m.scope = full;
        if (full.project_id) m.project_name = tree.scope_name(full);
        m.tenant_id = kDemoTenantId;
        m.created_by = s.created_by;
        m.created_at = at(s.days_ago, index * 7);
        m.updated_by = s.created_by;
        m.updated_at = m.created_at;
        m.update_count = 1;
        if (s.status == St::Updating) {
            m.updated_by = kAdmin;
            m.updated_at = at(0, index);
            m.update_count = 2;
        }
        if (s.status == St::Deleting || s.status == St::DeletionFailed) {
            m.deleted_at = at(s.status == St::Deleting ? 0 : 1, index);
            m.deleted_by = kAdmin;
        }
        c.status = AssetStatus{s.status, parse_issues(s.issues), s.message, ""};
        c.k8s_names.emplace();
        if (s.status != St::Failed) c.k8s_names->push_back(*s.existing_secret ? s.existing_secret : s.name);
        c.spec = public_spec(request.spec);
        const auto blob = seal_secret_values(box, request, m.id);
        c.key_id = blob ? box.key_id() : 0;
        std::optional<SecretPayload> payload;
        if (blob) {
            auto built = secret_payload(request);
            if (!built) return built.error();
            payload = std::move(*built);
        }
        wipe_secrets(request);
        // Creating: no agent has written anything yet; Failed: nothing could be written.
        if (s.status != St::Creating && s.status != St::Failed)
            if (auto r = seed_credential_objects(cs, tree, c, payload); !r) return r;
        if (payload)
            for (auto& [k, v] : payload->data) wipe(v);
        if (auto r = store.insert_credential(c, blob); !r) return r;
        // Seeded transient states stay visible in the demo until a user acts on the credential.
        if (status_is_transient(s.status))
            if (auto r = cs.hold(m.id, s.status, m.update_count); !r) return r;
    }
    return ok();
}

VoidResult seed_referrers(Store& store, const OrgTree& tree) {
    int index = 0;
    for (const auto& s : kReferrers) {
        ++index;
        Referrer r;
        r.id = uuid_from_name(std::string("referrer/") + s.name);
        r.name = s.name;
        r.type = s.type;
        r.datasource_kind = s.kind;
        if (*s.status) r.status = s.status;
        r.scope = scope_ref(s.scope, s.node, tree);
        for (const std::string_view name : items(s.credentials, ','))
            r.credential_ids.push_back(CredentialId{uuid_from_name("credential/" + std::string(name))});
        nlohmann::json spec = nlohmann::json::object();
        const std::string first = r.credential_ids.front().value;
        if (std::string_view(s.kind) == "s3")
            spec = {{"bucket", s.name}, {"path", "/data"}, {"accessKeyAssetId", first}};
        if (std::string_view(s.kind) == "git")
            spec = {{"repository", std::string("https://git.demo.local/") + s.name + ".git"},
                    {"branch", "main"},
                    {"path", "/src"},
                    {"credentialId", first}};
        if (s.type == ReferrerType::Environment) spec = seed_environment_spec(s.name, items(s.credentials, ','));
        r.spec_json = spec.dump();
        r.created_by = kAdmin;
        r.created_at = at(20, index);
        if (auto e = store.insert_referrer(r); !e) return e;
    }
    return ok();
}

}  // namespace

std::span<const DemoUser> demo_users() {
    return kUsers;
}

std::span<const DemoUser> demo_clients() {
    return kClients;
}

VoidResult seed_demo_data(Store& store, const SecretBox& box, std::optional<std::size_t> credential_count) {
    if (auto r = seed_org(store); !r) return r;
    auto org = store.org_data();
    if (!org) return org.error();
    const OrgTree tree(std::move(*org));
    for (const auto& u : kUsers) {
        UserRecord user{
            u.email, u.display_name, hash_password(u.password), at(280, 0), {{u.role, u.scope_type, u.scope_id}}};
        if (user.password_hash.empty()) return ApiError{500, "Password hashing failed", {}, {}};
        if (user.roles.front().scope_type == S::Tenant) user.roles.front().scope_id = std::to_string(kDemoTenantId);
        if (auto r = store.insert_user(user); !r) return r;
    }
    for (const auto& c : kClients) {
        UserRecord client{
            c.email, c.display_name, hash_password(c.password), at(280, 1), {{c.role, c.scope_type, c.scope_id}}};
        if (client.password_hash.empty()) return ApiError{500, "Password hashing failed", {}, {}};
        if (client.roles.front().scope_type == S::Tenant) client.roles.front().scope_id = std::to_string(kDemoTenantId);
        if (auto r = store.insert_application_client(client); !r) return r;
    }
    if (auto r = seed_cluster_objects(store, box, tree); !r) return r;
    if (credential_count == std::size_t{0}) return ok();
    if (auto r = seed_credentials(store, box, tree); !r) return r;
    if (auto r = seed_referrers(store, tree); !r) return r;
    const std::size_t hand_written = kCredentials.size();
    if (!credential_count || *credential_count <= hand_written) return ok();
    return seed_generated_credentials(store, box, tree, *credential_count - hand_written);
}

std::vector<std::string> demo_secret_values() {
    std::set<std::string> values;
    for (const auto& s : kCredentials) {
        std::visit(
            [&values](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                auto add = [&values](const std::optional<std::string>& x) {
                    if (x) values.insert(*x);
                };
                if constexpr (std::is_same_v<T, AccessKeySpec>) {
                    add(v.access_key_id);
                    add(v.secret_access_key);
                } else if constexpr (std::is_same_v<T, PasswordSpec> || std::is_same_v<T, DockerRegistrySpec>) {
                    add(v.user);
                    add(v.password);
                } else if constexpr (std::is_same_v<T, GenericSecretSpec>) {
                    if (v.key_value_pairs)
                        for (const auto& kv : *v.key_value_pairs) add(kv.value);
                } else {
                    add(v.ngc_api_key);
                }
            },
            secret_spec(s));
    }
    return {values.begin(), values.end()};
}

std::vector<std::string> demo_cluster_secret_values() {
    std::set<std::string> values;
    for (const auto& u : kUserSecrets) {
        for (const auto& [key, value] : user_secret_payload(u).data)
            if (key != ".dockerconfigjson" && key != "ENDPOINT") values.insert(value);
        if (u.kind == K::DockerRegistry) {
            values.insert("robot-" + std::string(u.name));
            values.insert("dkr-" + hex_digest(std::string(u.name) + "/password", 32).substr(0, 32));
        }
    }
    return {values.begin(), values.end()};
}

}  // namespace cc::server
