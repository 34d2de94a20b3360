// Method + path routing for the API, independent of httplib's regex routes so the server can
// tell "no such path" (404) from "no such method on this path" (405) and authenticate before
// dispatch. Patterns are literal segments or {name} captures: /api/v1/asset/credentials/{kind}/{id}.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>

namespace cc::server {

// What a handler sees: the request, the path below the base path, captures, and the caller.
struct RequestContext {
    const httplib::Request& http;
    std::string path;
    std::map<std::string, std::string> params;
    std::string user;  // authenticated email; empty on public routes
};

using RouteHandler = std::function<void(RequestContext&, httplib::Response&)>;

enum class Access { Public, Authenticated };

class Router {
public:
    void add(std::string method, std::string_view pattern, Access access, RouteHandler handler);

    struct Match {
        enum class Kind { Found, NotFound, MethodNotAllowed } kind = Kind::NotFound;
        const RouteHandler* handler = nullptr;
        Access access = Access::Authenticated;
        std::map<std::string, std::string> params;
        std::string allow;  // "GET, POST" for 405 answers
    };
    // HEAD is matched against GET routes.
    Match match(std::string_view method, std::string_view path) const;

private:
    struct Route {
        std::string method;
        std::vector<std::string> segments;
        Access access;
        RouteHandler handler;
    };
    std::vector<Route> routes_;
};

std::vector<std::string_view> split_path(std::string_view path);

}  // namespace cc::server
