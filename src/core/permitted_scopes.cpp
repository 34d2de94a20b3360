// Decoding and querying the answer of POST /api/v1/authorization/permitted-scopes.
#include "core/permitted_scopes.h"

#include "core/json_codec.h"

namespace cc {

bool PermittedScopes::allows(const ScopeRef& s) const {
    switch (s.type) {
        case ScopeType::System: return system;
        case ScopeType::Tenant: return system || !tenants.empty();  // one account per session
        case ScopeType::Cluster: return s.cluster_id && clusters.count(*s.cluster_id) > 0;
        case ScopeType::Department: return s.department_id && departments.count(*s.department_id) > 0;
        case ScopeType::Project: return s.project_id && projects.count(*s.project_id) > 0;
    }
    return false;
}

std::optional<ScopeRef> PermittedScopes::single_project() const {
    if (system || !tenants.empty() || !clusters.empty() || !departments.empty() || projects.size() != 1)
        return std::nullopt;
    return ScopeRef{ScopeType::Project, {}, {}, *projects.begin()};
}

namespace {

Result<PermittedScopes> decode_one(const Json& j, const char* action) {
    const ApiError bad{0, std::string("The server's permitted scopes for ") + action + " are malformed", {}, {}};
    PermittedScopes p;
    if (j.is_null()) return p;
    if (!j.is_object()) return bad;
    if (auto it = j.find("system"); it != j.end() && it->is_boolean()) p.system = it->get<bool>();
    // Ids come as strings or numbers; a project id must be a number (projects are ints in the
    // credentials API).
    auto ids = [&j](const char* key, auto add) {
        auto it = j.find(key);
        if (it == j.end() || it->is_null()) return true;
        if (!it->is_array()) return false;
        for (const auto& v : *it) {
            if (v.is_string()) {
                if (!add(v.get<std::string>())) return false;
            } else if (v.is_number_integer()) {
                if (!add(std::to_string(v.get<std::int64_t>()))) return false;
            } else {
                return false;
            }
        }
        return true;
    };
    const bool ok =
        ids("tenants", [&p](std::string id) { return p.tenants.insert(std::move(id)), true; }) &&
        ids("clusters", [&p](std::string id) { return p.clusters.insert(ClusterId{std::move(id)}), true; }) &&
        ids("departments", [&p](std::string id) { return p.departments.insert(DepartmentId{std::move(id)}), true; }) &&
        ids("projects", [&p](const std::string& id) {
            const auto number = parse_project_id(id);
            if (number) p.projects.insert(*number);
            return number.has_value();
        });
    if (!ok) return bad;
    if (auto it = j.find("tenant"); it != j.end() && it->is_string() && !it->get<std::string>().empty())
        p.tenants.insert(it->get<std::string>());  // the deprecated single-tenant field
    return p;
}

}  // namespace

Result<CredentialPermissions> decode_permitted_scopes(std::string_view body) {
    auto j = parse_json(body);
    if (!j || !j->is_object()) return ApiError{0, "The server's permitted scopes are not a JSON object", {}, {}};
    CredentialPermissions out;
    const std::pair<const char*, PermittedScopes*> actions[] = {
        {"create", &out.create}, {"read", &out.read}, {"update", &out.update}, {"delete", &out.remove}};
    for (const auto& [name, into] : actions) {
        auto it = j->find(name);
        if (it == j->end()) continue;
        auto one = decode_one(*it, name);
        if (!one) return one.error();
        *into = std::move(*one);
    }
    return out;
}

}  // namespace cc
