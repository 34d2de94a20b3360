// Extension endpoints of this reference server; none of them exists in Run:ai.
//   GET  /api/v1/asset/credentials/existing-secrets?kind=&scope=&clusterId=&departmentId=&projectId=
//        (callers who may create credentials at that scope)
//   GET|POST /api/v1/x-reference/clusters/{clusterUuid}/secrets, GET .../namespaces,
//   GET|PUT .../reachability   (System administrators: cluster inspection for demos and tests)
// Secret values are never returned: the SecretList carries metadata only, and a request for
// values (includeData=true) is refused with a 400.
#include "server/cluster_agent.h"
#include "server/cluster_store.h"
#include "server/existing_secrets.h"
#include "server/http_util.h"
#include "server/routes.h"

namespace cc::server {
namespace {

const std::string kExt = "/api/v1/x-reference/clusters/{clusterUuid}";

// The cluster named by the path; 404 when unknown.
Result<Cluster> path_cluster(const RequestContext& rc) {
    const std::string& uuid = rc.params.at("clusterUuid");
    if (const Cluster* c = rc.caller().tree.cluster(ClusterId{uuid})) return *c;
    return ApiError{404, "Resource id not found.", "No cluster " + uuid, "clusterUuid"};
}

Json secret_list(const std::vector<K8sSecret>& secrets) {
    Json items = Json::array();
    for (const auto& s : secrets) items.push_back(secret_to_json(s, /*include_data=*/false));
    return Json{{"apiVersion", "v1"}, {"kind", "SecretList"}, {"items", std::move(items)}};
}

void list_secrets(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    auto cluster = path_cluster(rc);
    if (!cluster) return send_error(res, cluster.error());
    auto ns = query_string(rc.http.params, "namespace");
    if (!ns) return send_error(res, ns.error());
    // The parameter is gone; asking for values gets a clear refusal instead of a silent omission.
    auto include_data = query_bool(rc.http.params, "includeData");
    if (!include_data) return send_error(res, include_data.error());
    if (include_data->value_or(false))
        return send_error(res,
                          ApiError{400, "Secret values are never returned by this API",
                                   "includeData=true is not supported; the list carries metadata only", "includeData"});
    ClusterStore cs(ctx.store);
    if (*ns && !(*ns)->empty()) {
        auto has = cs.has_namespace(cluster->uuid, **ns);
        if (!has) return send_error(res, has.error());
        if (!*has) return send_error(res, 404, "Resource id not found.", "namespaces \"" + **ns + "\" not found");
    }
    auto secrets = cs.secrets(cluster->uuid, ns->value_or(""), /*with_data=*/false);
    if (!secrets) return send_error(res, secrets.error());
    // The Secrets of someone else's personal credential do not exist for this caller.
    auto hidden = ctx.store.others_private_credential_ids(rc.caller().user);
    if (!hidden) return send_error(res, hidden.error());
    std::erase_if(*secrets, [&](const K8sSecret& s) { return s.owner && hidden->count(s.owner->value) > 0; });
    send_json(res, 200, secret_list(*secrets));
}

void create_secret(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    auto cluster = path_cluster(rc);
    if (!cluster) return send_error(res, cluster.error());
    auto body = parse_json(rc.http.body);
    if (!body) return send_error(res, body.error());
    auto secret = secret_from_json(*body);
    if (!secret) return send_error(res, secret.error());
    if (auto it = secret->labels.find(kLabelDepartment); it != secret->labels.end()) {
        const Department* d = rc.caller().tree.department(DepartmentId{it->second});
        if (!d || d->cluster_id != cluster->uuid)
            return send_error(
                res, ApiError{400, "run.ai/department must name a department of this cluster",
                              "No department " + it->second + " in cluster " + cluster->name, "metadata.labels"});
    }
    ClusterStore cs(ctx.store, &ctx.secrets);
    auto created = cs.create_secret(cluster->uuid, std::move(*secret));
    if (!created) return send_error(res, created.error());
    send_json(res, 201, secret_to_json(*created, false));
    if (ctx.agents) ctx.agents->wake();
}

void list_namespaces(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    auto cluster = path_cluster(rc);
    if (!cluster) return send_error(res, cluster.error());
    auto names = ClusterStore(ctx.store).namespaces(cluster->uuid);
    if (!names) return send_error(res, names.error());
    Json items = Json::array();
    for (const auto& n : *names)
        items.push_back({{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", n}}}});
    send_json(res, 200, Json{{"apiVersion", "v1"}, {"kind", "NamespaceList"}, {"items", std::move(items)}});
}

Json reachability_json(const Cluster& c, bool reachable) {
    return Json{
        {"clusterId", c.uuid.value}, {"reachable", reachable}, {"state", reachable ? "Connected" : "Disconnected"}};
}

void get_reachability(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    auto cluster = path_cluster(rc);
    if (!cluster) return send_error(res, cluster.error());
    auto reachable = ClusterStore(ctx.store).reachable(cluster->uuid);
    if (!reachable) return send_error(res, reachable.error());
    send_json(res, 200, reachability_json(*cluster, reachable->value_or(false)));
}

void put_reachability(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    auto cluster = path_cluster(rc);
    if (!cluster) return send_error(res, cluster.error());
    auto body = parse_json(rc.http.body);
    if (!body) return send_error(res, body.error());
    if (!body->is_object() || !body->contains("reachable") || !(*body)["reachable"].is_boolean())
        return send_error(res, ApiError{400, "reachable is required and must be a boolean", {}, "reachable"});
    for (const auto& [k, v] : body->items())
        if (k != "reachable") return send_error(res, ApiError{400, "Unknown field " + k, {}, k});
    const bool reachable = (*body)["reachable"];
    if (auto r = ClusterStore(ctx.store).set_reachable(cluster->uuid, reachable); !r) return send_error(res, r.error());
    if (ctx.agents) ctx.agents->wake();
    send_json(res, 200, reachability_json(*cluster, reachable));
}

// The scope of the existing-secrets query, normalized; 400 naming the parameter at fault.
Result<ScopeRef> existing_secrets_scope(const httplib::Params& params, const OrgTree& tree) {
    auto scope_text = query_string(params, "scope");
    if (!scope_text) return scope_text.error();
    if (!*scope_text)
        return ApiError{400, "Required parameter is missing", "scope (cluster, department or project)", "scope"};
    const auto type = scope_from_api_name(**scope_text);
    if (!type || (*type != ScopeType::Cluster && *type != ScopeType::Department && *type != ScopeType::Project))
        return ApiError{400, "scope must be cluster, department or project",
                        "Existing secrets live in a cluster; account scope has none", "scope"};
    auto cluster_id = query_string(params, "clusterId");
    if (!cluster_id) return cluster_id.error();
    auto department_id = query_string(params, "departmentId");
    if (!department_id) return department_id.error();
    auto project_id = query_int(params, "projectId", 0, 2147483647);
    if (!project_id) return project_id.error();

    ScopeRef s{*type, {}, {}, {}};
    switch (*type) {
        case ScopeType::Cluster:
            if (!*cluster_id) return ApiError{400, "Required parameter is missing", "clusterId", "clusterId"};
            if (*department_id || *project_id)
                return ApiError{400, "departmentId and projectId do not apply to cluster scope", {}, "scope"};
            if (!tree.cluster(ClusterId{**cluster_id}))
                return ApiError{400, "Unknown cluster " + **cluster_id, {}, "clusterId"};
            s.cluster_id = ClusterId{**cluster_id};
            break;
        case ScopeType::Department:
            if (!*department_id) return ApiError{400, "Required parameter is missing", "departmentId", "departmentId"};
            if (*project_id) return ApiError{400, "projectId does not apply to department scope", {}, "projectId"};
            if (!tree.department(DepartmentId{**department_id}))
                return ApiError{400, "Unknown department " + **department_id, {}, "departmentId"};
            s.department_id = DepartmentId{**department_id};
            break;
        default:
            if (!*project_id) return ApiError{400, "Required parameter is missing", "projectId", "projectId"};
            if (!tree.project(ProjectId{**project_id}))
                return ApiError{400, "Unknown project " + std::to_string(**project_id), {}, "projectId"};
            s.project_id = ProjectId{**project_id};
            break;
    }
    s = tree.normalized(s);
    if (*cluster_id && (!s.cluster_id || s.cluster_id->value != **cluster_id))
        return ApiError{400, "clusterId does not match the scope's cluster", {}, "clusterId"};
    if (*department_id && (!s.department_id || s.department_id->value != **department_id))
        return ApiError{400, "departmentId does not match the project's department", {}, "departmentId"};
    return s;
}

void list_existing(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    auto kind_text = query_string(rc.http.params, "kind");
    if (!kind_text) return send_error(res, kind_text.error());
    if (!*kind_text) return send_error(res, ApiError{400, "Required parameter is missing", "kind", "kind"});
    auto kind = kind_from_path_segment(**kind_text);
    if (!kind) kind = kind_from_api_name(**kind_text);
    if (!kind)
        return send_error(res, ApiError{400, "Unknown kind " + **kind_text,
                                        "docker-registry, access-key, password or generic-secret", "kind"});
    const CallerAccess& caller = rc.caller();
    auto scope = existing_secrets_scope(rc.http.params, caller.tree);
    if (!scope) return send_error(res, scope.error());
    // The Secrets a credential created here could use: for those who may create one here only.
    if (!caller.permissions.may(Action::Create, *scope))
        return send_error(
            res,
            ApiError{
                403, "You do not have sufficient permissions.", "You may not create credentials in this scope", {}});
    auto secrets = list_existing_secrets(ctx.store, *kind, *scope);
    if (!secrets) return send_error(res, secrets.error());
    Json list = Json::array();
    for (const auto& s : *secrets)
        list.push_back({{"name", s.name},
                        {"namespace", s.namespace_name},
                        {"kind", k8s_type_label(s.kind)},
                        {"type", s.type},
                        {"inUse", s.in_use}});
    send_json(res, 200, Json{{"secrets", std::move(list)}});
}

}  // namespace

void add_cluster_ext_routes(Router& router, const ServerContext& ctx) {
    const auto route = [&ctx](void (*fn)(const ServerContext&, RequestContext&, httplib::Response&)) {
        return [&ctx, fn](RequestContext& rc, httplib::Response& res) { fn(ctx, rc, res); };
    };
    router.add("GET", "/api/v1/asset/credentials/existing-secrets", RouteAccess::scoped(Action::Create),
               route(list_existing));
    // The web app calls none of these: they inspect and steer the simulated clusters.
    const RouteAccess admin = RouteAccess::system_admin();
    router.add("GET", kExt + "/secrets", admin, route(list_secrets));
    router.add("POST", kExt + "/secrets", admin, route(create_secret));
    router.add("GET", kExt + "/namespaces", admin, route(list_namespaces));
    router.add("GET", kExt + "/reachability", admin, route(get_reachability));
    router.add("PUT", kExt + "/reachability", admin, route(put_reachability));
}

}  // namespace cc::server
