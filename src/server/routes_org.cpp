// The org-tree lists (§4.2): clusters (a bare array of DisplayedCluster) and the paginated
// org-unit lists of departments and projects ({"departments"|"projects": [...], "next": N},
// offset/limit with limit 1-500, default 50; `next` only while more entries remain).
#include "server/http_util.h"
#include "server/routes.h"

namespace cc::server {
namespace {

struct Page {
    std::size_t offset = 0;
    std::size_t limit = 50;
};

Result<Page> parse_page(const httplib::Params& params) {
    auto offset = query_int(params, "offset", 0, 1'000'000'000);
    if (!offset) return offset.error();
    auto limit = query_int(params, "limit", 1, 500);
    if (!limit) return limit.error();
    return Page{static_cast<std::size_t>(offset->value_or(0)), static_cast<std::size_t>(limit->value_or(50))};
}

template <class T, class Encode>
void send_page(httplib::Response& res, const char* key, const std::vector<T>& items, const Page& page, Encode encode) {
    Json list = Json::array();
    const std::size_t end = std::min(items.size(), page.offset + page.limit);
    for (std::size_t i = page.offset; i < end; ++i) list.push_back(encode(items[i]));
    Json body = {{key, std::move(list)}};
    if (end < items.size()) body["next"] = end;
    send_json(res, 200, body);
}

void get_clusters(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    auto verbosity = query_string(rc.http.params, "verbosity");
    if (!verbosity) return send_error(res, verbosity.error());
    if (*verbosity && **verbosity != "metadata" && **verbosity != "full")
        return send_error(res, 400, "Query parameter verbosity must be metadata or full");
    if (auto b = query_bool(rc.http.params, "includeRequestedForDelete"); !b) return send_error(res, b.error());
    auto org = ctx.store.org_data();
    if (!org) return send_error(res, org.error());
    Json list = Json::array();
    for (const auto& c : org->clusters) list.push_back(encode_cluster(c));
    send_json(res, 200, list);
}

void get_departments(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    auto page = parse_page(rc.http.params);
    if (!page) return send_error(res, page.error());
    auto org = ctx.store.org_data();
    if (!org) return send_error(res, org.error());
    send_page(res, "departments", org->departments, *page, [](const Department& d) { return encode_department(d); });
}

void get_projects(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    auto page = parse_page(rc.http.params);
    if (!page) return send_error(res, page.error());
    auto org = ctx.store.org_data();
    if (!org) return send_error(res, org.error());
    send_page(res, "projects", org->projects, *page, [](const Project& p) { return encode_project(p); });
}

}  // namespace

void add_org_routes(Router& router, const ServerContext& ctx) {
    router.add("GET", "/api/v1/clusters", Access::Authenticated,
               [&ctx](RequestContext& rc, httplib::Response& res) { get_clusters(ctx, rc, res); });
    router.add("GET", "/api/v1/org-unit/departments", Access::Authenticated,
               [&ctx](RequestContext& rc, httplib::Response& res) { get_departments(ctx, rc, res); });
    router.add("GET", "/api/v1/org-unit/projects", Access::Authenticated,
               [&ctx](RequestContext& rc, httplib::Response& res) { get_projects(ctx, rc, res); });
}

}  // namespace cc::server
