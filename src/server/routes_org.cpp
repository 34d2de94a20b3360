// The org tree (§4.2): clusters (a bare array of DisplayedCluster) and one cluster by uuid; the
// org-unit lists of departments and projects ({"departments"|"projects": [...], "next": N}) with
// filterBy/sortBy/sortOrder/offset/limit (and search for projects, see org_query.h), and one
// department or project by id. Unknown ids are 404s; bad parameters 400s naming them.
#include <charconv>

#include "server/form_urlencoded.h"
#include "server/http_util.h"
#include "server/org_query.h"
#include "server/routes.h"

namespace cc::server {
namespace {

// The query, parsed from the raw target: filterBy values contain '=' ("name==x").
httplib::Params params(const RequestContext& rc) { return query_params(rc.http.target); }

ApiError not_found(const std::string& what) { return ApiError{404, "Resource id not found.", what, {}}; }

// verbosity of the clusters endpoints: metadata | full. Both answer the same fields: the web app
// reads status.state from the metadata list, and nothing here is expensive to compute.
std::optional<ApiError> check_cluster_verbosity(const httplib::Params& params) {
    auto verbosity = query_string(params, "verbosity");
    if (!verbosity) return verbosity.error();
    if (*verbosity && **verbosity != "metadata" && **verbosity != "full")
        return ApiError{400, "Query parameter verbosity must be metadata or full", {}, "verbosity"};
    return std::nullopt;
}

// A department's children, as the list schema has them: its projects ({id, name}).
Json department_json(const Department& d, const OrgData& org) {
    Json j = encode_department(d);
    Json children = Json::array();
    for (const auto& p : org.projects)
        if (p.parent_id == d.id) children.push_back({{"id", std::to_string(p.id.value)}, {"name", p.name}});
    j["children"] = std::move(children);
    return j;
}

void get_clusters(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    if (auto e = check_cluster_verbosity(params(rc))) return send_error(res, *e);
    // No cluster of this server is ever requested for deletion, so the flag changes nothing.
    if (auto b = query_bool(params(rc), "includeRequestedForDelete"); !b) return send_error(res, b.error());
    auto org = ctx.store.org_data();
    if (!org) return send_error(res, org.error());
    Json list = Json::array();
    for (const auto& c : org->clusters) list.push_back(encode_cluster(c));
    send_json(res, 200, list);
}

void get_cluster(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    const std::string& uuid = rc.params.at("clusterUuid");
    if (!is_uuid(uuid)) return send_error(res, 400, "Path parameter clusterUuid must be a UUID", "clusterUuid: " + uuid);
    if (auto e = check_cluster_verbosity(params(rc))) return send_error(res, *e);
    auto org = ctx.store.org_data();
    if (!org) return send_error(res, org.error());
    for (const auto& c : org->clusters)
        if (ascii_lower(c.uuid.value) == ascii_lower(uuid)) return send_json(res, 200, encode_cluster(c));
    send_error(res, not_found("cluster " + uuid));
}

void get_departments(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    auto verbosity = query_string(params(rc), "verbosity");
    if (!verbosity) return send_error(res, verbosity.error());
    if (*verbosity && **verbosity != "meta" && **verbosity != "brief" && **verbosity != "verbose")
        return send_error(res, ApiError{400, "Query parameter verbosity must be meta, brief or verbose", {}, "verbosity"});
    auto query = parse_org_list_query(params(rc), OrgList::Departments);
    if (!query) return send_error(res, query.error());
    auto org = ctx.store.org_data();
    if (!org) return send_error(res, org.error());
    const auto page = apply_org_query(org->departments, *query);
    Json list = Json::array();
    for (const auto& d : page.items) list.push_back(department_json(d, *org));
    Json body = {{"departments", std::move(list)}};
    if (page.next) body["next"] = *page.next;
    send_json(res, 200, body);
}

void get_department(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    const std::string& id = rc.params.at("departmentId");
    auto org = ctx.store.org_data();
    if (!org) return send_error(res, org.error());
    for (const auto& d : org->departments)
        if (d.id.value == id) return send_json(res, 200, department_json(d, *org));
    send_error(res, not_found("department " + id));
}

void get_projects(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    auto query = parse_org_list_query(params(rc), OrgList::Projects);
    if (!query) return send_error(res, query.error());
    auto org = ctx.store.org_data();
    if (!org) return send_error(res, org.error());
    const auto page = apply_org_query(org->projects, *query);
    Json list = Json::array();
    for (const auto& p : page.items) list.push_back(encode_project(p));
    Json body = {{"projects", std::move(list)}};
    if (page.next) body["next"] = *page.next;
    send_json(res, 200, body);
}

void get_project(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    const std::string& id = rc.params.at("projectId");
    std::int64_t numeric = 0;
    const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), numeric);
    auto org = ctx.store.org_data();
    if (!org) return send_error(res, org.error());
    if (ec == std::errc() && end == id.data() + id.size())
        for (const auto& p : org->projects)
            if (p.id.value == numeric) return send_json(res, 200, encode_project(p));
    send_error(res, not_found("project " + id));
}

using Handler = void (*)(const ServerContext&, RequestContext&, httplib::Response&);

void add(Router& router, const ServerContext& ctx, const char* pattern, Handler h) {
    router.add("GET", pattern, RouteAccess::signed_in(),
               [&ctx, h](RequestContext& rc, httplib::Response& res) { h(ctx, rc, res); });
}

}  // namespace

void add_org_routes(Router& router, const ServerContext& ctx) {
    add(router, ctx, "/api/v1/clusters", get_clusters);
    add(router, ctx, "/api/v1/clusters/{clusterUuid}", get_cluster);
    add(router, ctx, "/api/v1/org-unit/departments", get_departments);
    add(router, ctx, "/api/v1/org-unit/departments/{departmentId}", get_department);
    add(router, ctx, "/api/v1/org-unit/projects", get_projects);
    add(router, ctx, "/api/v1/org-unit/projects/{projectId}", get_project);
}

}  // namespace cc::server
