// Method + path routing for the API, and who may call each route. Routing is independent of
// httplib's regex routes so the server can tell "no such path" (404) from "no such method on this
// path" (405) and authenticate before dispatch. Patterns are literal segments or {name} captures:
// /api/v1/asset/credentials/{kind}/{id}. Every route carries a RouteAccess, applied by admit().
#pragma once

#include <httplib.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "server/permissions.h"
#include "server/store.h"

namespace cc::server {

// What a handler sees: the request, the path below the base path, captures, and the caller.
struct RequestContext {
    const httplib::Request& http;
    std::string path;
    std::map<std::string, std::string> params;
    std::string user;                    // authenticated email; empty on public routes
    std::optional<CallerAccess> access;  // set by admit() on every route that is not public
    // The store's data version (Store::data_version) read by admit() before it loaded `access`:
    // everything the handler reads is at least that new.
    std::string data_version;

    // The caller's access. Only public routes lack one, and their handlers never ask: asking
    // there is a programming error, answered as a 500 by the server's exception boundary.
    const CallerAccess& caller() const;
};

using RouteHandler = std::function<void(RequestContext&, httplib::Response&)>;

// Who may call a route. There is no default: the constructor is private and Router::add takes
// one, so a route cannot be registered without saying who may call it.
class RouteAccess {
public:
    enum class Kind {
        Public,       // no token (the token endpoints)
        SignedIn,     // any signed-in caller; the handler narrows the answer to what they may see
        Scoped,       // callers holding an action at some scope node; the handler checks the object's node
        SystemAdmin,  // System administrators only
    };

    static RouteAccess public_route() { return RouteAccess(Kind::Public, std::nullopt); }
    static RouteAccess signed_in() { return RouteAccess(Kind::SignedIn, std::nullopt); }
    static RouteAccess scoped(Action action) { return RouteAccess(Kind::Scoped, action); }
    static RouteAccess system_admin() { return RouteAccess(Kind::SystemAdmin, std::nullopt); }

    Kind kind() const { return kind_; }
    std::optional<Action> action() const { return action_; }
    bool is_public() const { return kind_ == Kind::Public; }
    // "public", "signed-in", "scoped:create", "system-admin": for route tables and test output.
    std::string describe() const;
    // nullopt when the rule admits `caller`; otherwise the 403 to answer before the handler runs.
    std::optional<ApiError> refusal(const CallerAccess& caller) const;

private:
    RouteAccess(Kind kind, std::optional<Action> action) : kind_(kind), action_(action) {}
    Kind kind_;
    std::optional<Action> action_;
};

class Router {
public:
    void add(std::string method, std::string_view pattern, RouteAccess access, RouteHandler handler);

    struct Match {
        enum class Kind { Found, NotFound, MethodNotAllowed } kind = Kind::NotFound;
        const RouteHandler* handler = nullptr;
        const RouteAccess* access = nullptr;  // Found: the route's rule
        // Answered without a token: a public route, or a 405 on a path a public route has.
        bool is_public = false;
        std::map<std::string, std::string> params;
        std::string allow;  // "GET, POST" for 405 answers
    };
    // HEAD is matched against GET routes.
    Match match(std::string_view method, std::string_view path) const;

    struct RouteInfo {
        std::string method;
        std::string pattern;
        RouteAccess access;
    };
    // Every route in registration order, with its rule.
    std::vector<RouteInfo> routes() const;

private:
    struct Route {
        std::string method;
        std::vector<std::string> segments;
        RouteAccess access;
        RouteHandler handler;
    };
    std::vector<Route> routes_;
};

// For a matched route that is not public, with rc.user authenticated: loads the caller's access
// once into rc.access (also when refused) and applies the route's rule. nullopt: run the handler; otherwise the
// error (403, or a storage failure) to send instead.
std::optional<ApiError> admit(Store& store, const RouteAccess& access, RequestContext& rc);

std::vector<std::string_view> split_path(std::string_view path);

}  // namespace cc::server
