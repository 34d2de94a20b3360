// Implementation of router.h: a linear scan over a few dozen routes, segment by segment.
// A trailing slash never matches, so /api/v1/clusters/ is a 404 rather than an alias.
#include "server/router.h"

namespace cc::server {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '/') {
            ++i;
            continue;
        }
        const std::size_t j = path.find('/', i);
        const std::size_t end = j == std::string_view::npos ? path.size() : j;
        out.push_back(path.substr(i, end - i));
        i = end;
    }
    return out;
}

void Router::add(std::string method, std::string_view pattern, Access access, RouteHandler handler) {
    Route r{std::move(method), {}, access, std::move(handler)};
    for (auto s : split_path(pattern)) r.segments.emplace_back(s);
    routes_.push_back(std::move(r));
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
    const std::string_view wanted = method == "HEAD" ? std::string_view("GET") : method;
    const auto segments = split_path(path);
    const bool trailing_slash = path.size() > 1 && path.back() == '/';
    Match result;
    for (const auto& route : routes_) {
        if (trailing_slash || route.segments.size() != segments.size()) continue;
        std::map<std::string, std::string> params;
        bool same = true;
        for (std::size_t i = 0; i < segments.size() && same; ++i) {
            const std::string& want = route.segments[i];
            if (want.size() > 2 && want.front() == '{' && want.back() == '}')
                params[want.substr(1, want.size() - 2)] = std::string(segments[i]);
            else
                same = want == segments[i];
        }
        if (!same) continue;
        if (route.method == wanted) {
            result.kind = Match::Kind::Found;
            result.handler = &route.handler;
            result.access = route.access;
            result.params = std::move(params);
            return result;
        }
        result.kind = Match::Kind::MethodNotAllowed;
        if (result.allow.find(route.method) == std::string::npos) {
            if (!result.allow.empty()) result.allow += ", ";
            result.allow += route.method;
        }
        if (route.access == Access::Public) result.access = Access::Public;
    }
    return result;
}

}  // namespace cc::server
