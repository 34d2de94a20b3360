// Finding a request's route, a linear scan over a few dozen routes segment by segment, and applying
// its access rule. A trailing slash never matches, so /api/v1/clusters/ is a 404 rather than an
// alias. Refusals say which permission is missing, never anything about the objects behind it.
#include "server/router.h"

#include <mutex>
#include <stdexcept>
#include <unordered_map>

namespace cc::server {
namespace {

ApiError insufficient(std::string details) {
    return ApiError{403, "You do not have sufficient permissions.", std::move(details), {}};
}

// Callers' access by data version (Store::data_version) and caller: loading it reads the org
// tree, the account and the roles, while a caller's requests mostly share one version. Versions
// differ between stores and runs, so one cache serves every server of the process; it is
// emptied when full, entries of old versions being useless anyway.
class AccessCache {
public:
    std::optional<CallerAccess> find(const std::string& key) {
        std::lock_guard lock(mutex_);
        auto it = entries_.find(key);
        if (it == entries_.end()) return std::nullopt;
        return it->second;
    }
    void put(const std::string& key, const CallerAccess& access) {
        std::lock_guard lock(mutex_);
        if (entries_.size() >= kMaxEntries) entries_.clear();
        entries_.insert_or_assign(key, access);
    }

private:
    static constexpr std::size_t kMaxEntries = 64;
    std::mutex mutex_;
    std::unordered_map<std::string, CallerAccess> entries_;
};

AccessCache& access_cache() {
    static AccessCache cache;
    return cache;
}

}  // namespace

const CallerAccess& RequestContext::caller() const {
    if (!access) throw std::logic_error("a handler of a public route asked for the caller's access");
    return *access;
}

std::string RouteAccess::describe() const {
    switch (kind_) {
        case Kind::Public: return "public";
        case Kind::SignedIn: return "signed-in";
        case Kind::Scoped: return "scoped:" + std::string(action_api_name(*action_));
        case Kind::SystemAdmin: return "system-admin";
    }
    return "";
}

std::optional<ApiError> RouteAccess::refusal(const CallerAccess& caller) const {
    switch (kind_) {
        case Kind::Public:
        case Kind::SignedIn: return std::nullopt;
        case Kind::Scoped:
            if (caller.permissions.holds(*action_)) return std::nullopt;
            return insufficient("This needs the " + std::string(action_api_name(*action_)) +
                                " permission at some scope; your roles grant it nowhere");
        case Kind::SystemAdmin:
            if (caller.permissions.is_system_admin()) return std::nullopt;
            return insufficient("This endpoint is for System administrators");
    }
    return insufficient({});
}

std::optional<ApiError> admit(Store& store, const RouteAccess& access, RequestContext& rc) {
    if (access.is_public()) return std::nullopt;
    rc.data_version = store.data_version();
    const std::string key = rc.data_version + '\n' + rc.user;
    if (auto cached = access_cache().find(key)) {
        rc.access.emplace(std::move(*cached));
    } else {
        auto caller = load_caller_access(store, rc.user);
        if (!caller) return caller.error();
        access_cache().put(key, *caller);
        rc.access.emplace(std::move(*caller));
    }
    // Kept on a refusal too: the audit trail records it with the caller's view of the org.
    return access.refusal(*rc.access);
}

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

void Router::add(std::string method, std::string_view pattern, RouteAccess access, RouteHandler handler) {
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
            result.access = &route.access;
            result.is_public = route.access.is_public();
            result.params = std::move(params);
            return result;
        }
        result.kind = Match::Kind::MethodNotAllowed;
        if (result.allow.find(route.method) == std::string::npos) {
            if (!result.allow.empty()) result.allow += ", ";
            result.allow += route.method;
        }
        if (route.access.is_public()) result.is_public = true;
    }
    return result;
}

std::vector<Router::RouteInfo> Router::routes() const {
    std::vector<RouteInfo> out;
    for (const auto& r : routes_) {
        std::string pattern;
        for (const auto& s : r.segments) pattern += "/" + s;
        out.push_back({r.method, pattern, r.access});
    }
    return out;
}

}  // namespace cc::server
