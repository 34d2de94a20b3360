// The org tree: clusters (a bare array of DisplayedCluster) and one cluster by uuid; the org-unit
// lists of departments and projects ({"departments"|"projects": [...], "next": N}) with
// filterBy/sortBy/sortOrder/offset/limit (and search for projects, see org_query.h), and one
// department or project by id. Each caller sees the nodes they can read and the ancestors of
// those (enough to show a readable node's path); other nodes, like unknown ids, are 404s.
#include <charconv>

#include "server/form_urlencoded.h"
#include "server/http_util.h"
#include "server/org_query.h"
#include "server/routes.h"

namespace cc::server {
namespace {

// The query, parsed from the raw target: filterBy values contain '=' ("name==x").
httplib::Params params(const RequestContext& rc) {
    return query_params(rc.http.target);
}

ApiError not_found(const std::string& what) {
    return ApiError{404, "Resource id not found.", what, {}};
}

// verbosity of the clusters endpoints: metadata | full. Both answer the same fields: the web app
// reads status.state from the metadata list, and nothing here is expensive to compute.
std::optional<ApiError> check_cluster_verbosity(const httplib::Params& params) {
    auto verbosity = query_string(params, "verbosity");
    if (!verbosity) return verbosity.error();
    if (*verbosity && **verbosity != "metadata" && **verbosity != "full")
        return ApiError{400, "Query parameter verbosity must be metadata or full", {}, "verbosity"};
    return std::nullopt;
}

// The nodes the caller can see: readable ones and their ancestors (Permissions::visible_nodes).
bool sees(const ScopeSet& v, const Cluster& c) {
    return v.clusters.count(c.uuid.value) > 0;
}
bool sees(const ScopeSet& v, const Department& d) {
    return v.departments.count(d.id.value) > 0;
}
bool sees(const ScopeSet& v, const Project& p) {
    return v.projects.count(p.id.value) > 0;
}

// The entries of `all` the caller can see, in their order; filtering and paging apply to these.
template <class T>
std::vector<T> visible(const std::vector<T>& all, const ScopeSet& v) {
    std::vector<T> out;
    for (const auto& x : all)
        if (sees(v, x)) out.push_back(x);
    return out;
}

// A department's children, as the list schema has them: its projects ({id, name}) the caller sees.
Json department_json(const Department& d, const OrgData& org, const ScopeSet& v) {
    Json j = encode_department(d);
    Json children = Json::array();
    for (const auto& p : org.projects)
        if (p.parent_id == d.id && sees(v, p))
            children.push_back({{"id", std::to_string(p.id.value)}, {"name", p.name}});
    j["children"] = std::move(children);
    return j;
}

void get_clusters(RequestContext& rc, httplib::Response& res) {
    if (auto e = check_cluster_verbosity(params(rc))) return send_error(res, *e);
    // No cluster of this server is ever requested for deletion, so the flag changes nothing.
    if (auto b = query_bool(params(rc), "includeRequestedForDelete"); !b) return send_error(res, b.error());
    const CallerAccess& caller = rc.caller();
    const ScopeSet& v = caller.permissions.visible_nodes();
    Json list = Json::array();
    for (const auto& c : caller.tree.data().clusters)
        if (sees(v, c)) list.push_back(encode_cluster(c));
    send_json(res, 200, list);
}

void get_cluster(RequestContext& rc, httplib::Response& res) {
    const std::string& uuid = rc.params.at("clusterUuid");
    if (!is_uuid(uuid))
        return send_error(res, 400, "Path parameter clusterUuid must be a UUID", "clusterUuid: " + uuid);
    if (auto e = check_cluster_verbosity(params(rc))) return send_error(res, *e);
    const CallerAccess& caller = rc.caller();
    for (const auto& c : caller.tree.data().clusters)
        if (ascii_lower(c.uuid.value) == ascii_lower(uuid) && sees(caller.permissions.visible_nodes(), c))
            return send_json(res, 200, encode_cluster(c));
    send_error(res, not_found("cluster " + uuid));
}

void get_departments(RequestContext& rc, httplib::Response& res) {
    auto verbosity = query_string(params(rc), "verbosity");
    if (!verbosity) return send_error(res, verbosity.error());
    if (*verbosity && **verbosity != "meta" && **verbosity != "brief" && **verbosity != "verbose")
        return send_error(res,
                          ApiError{400, "Query parameter verbosity must be meta, brief or verbose", {}, "verbosity"});
    auto query = parse_org_list_query(params(rc), OrgList::Departments);
    if (!query) return send_error(res, query.error());
    const CallerAccess& caller = rc.caller();
    const OrgData& org = caller.tree.data();
    const ScopeSet& v = caller.permissions.visible_nodes();
    const auto page = apply_org_query(visible(org.departments, v), *query);
    Json list = Json::array();
    for (const auto& d : page.items) list.push_back(department_json(d, org, v));
    Json body = {{"departments", std::move(list)}};
    if (page.next) body["next"] = *page.next;
    send_json(res, 200, body);
}

void get_department(RequestContext& rc, httplib::Response& res) {
    const std::string& id = rc.params.at("departmentId");
    const CallerAccess& caller = rc.caller();
    const ScopeSet& v = caller.permissions.visible_nodes();
    for (const auto& d : caller.tree.data().departments)
        if (d.id.value == id && sees(v, d)) return send_json(res, 200, department_json(d, caller.tree.data(), v));
    send_error(res, not_found("department " + id));
}

void get_projects(RequestContext& rc, httplib::Response& res) {
    auto query = parse_org_list_query(params(rc), OrgList::Projects);
    if (!query) return send_error(res, query.error());
    const CallerAccess& caller = rc.caller();
    const auto page = apply_org_query(visible(caller.tree.data().projects, caller.permissions.visible_nodes()), *query);
    Json list = Json::array();
    for (const auto& p : page.items) list.push_back(encode_project(p));
    Json body = {{"projects", std::move(list)}};
    if (page.next) body["next"] = *page.next;
    send_json(res, 200, body);
}

void get_project(RequestContext& rc, httplib::Response& res) {
    const std::string& id = rc.params.at("projectId");
    std::int64_t numeric = 0;
    const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), numeric);
    const CallerAccess& caller = rc.caller();
    if (ec == std::errc() && end == id.data() + id.size())
        for (const auto& p : caller.tree.data().projects)
            if (p.id.value == numeric && sees(caller.permissions.visible_nodes(), p))
                return send_json(res, 200, encode_project(p));
    send_error(res, not_found("project " + id));
}

using Handler = void (*)(RequestContext&, httplib::Response&);

// Any signed-in caller; each handler answers with what the caller can see.
void add(Router& router, const char* pattern, Handler h) {
    router.add("GET", pattern, RouteAccess::signed_in(), h);
}

}  // namespace

void add_org_routes(Router& router, const ServerContext&) {
    add(router, "/api/v1/clusters", get_clusters);
    add(router, "/api/v1/clusters/{clusterUuid}", get_cluster);
    add(router, "/api/v1/org-unit/departments", get_departments);
    add(router, "/api/v1/org-unit/departments/{departmentId}", get_department);
    add(router, "/api/v1/org-unit/projects", get_projects);
    add(router, "/api/v1/org-unit/projects/{projectId}", get_project);
}

}  // namespace cc::server
