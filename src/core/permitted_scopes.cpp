// Decoding and querying the answer of POST /api/v1/authorization/permitted-scopes.
#include "core/permitted_scopes.h"

#include "core/json_codec.h"

namespace cc {

bool PermittedScopes::allows(const ScopeRef& s) const {
    switch (s.type) {
        case ScopeType::System: return system;
        case ScopeType::Tenant: return system || !tenants.empty();  // one account per session
        case ScopeType::Cluster: return s.cluster_id && clusters.count(s.cluster_id->value) > 0;
        case ScopeType::Department: return s.department_id && departments.count(s.department_id->value) > 0;
        case ScopeType::Project: return s.project_id && projects.count(std::to_string(s.project_id->value)) > 0;
    }
    return false;
}

namespace {

Result<PermittedScopes> decode_one(const Json& j, const char* action) {
    const ApiError bad{0, std::string("The server's permitted scopes for ") + action + " are malformed", {}, {}};
    PermittedScopes p;
    if (j.is_null()) return p;
    if (!j.is_object()) return bad;
    if (auto it = j.find("system"); it != j.end() && it->is_boolean()) p.system = it->get<bool>();
    const std::pair<const char*, std::set<std::string>*> lists[] = {
        {"tenants", &p.tenants}, {"clusters", &p.clusters}, {"departments", &p.departments}, {"projects", &p.projects}};
    for (const auto& [key, into] : lists) {
        auto it = j.find(key);
        if (it == j.end() || it->is_null()) continue;
        if (!it->is_array()) return bad;
        for (const auto& v : *it) {
            if (v.is_string()) into->insert(v.get<std::string>());
            else if (v.is_number_integer()) into->insert(std::to_string(v.get<std::int64_t>()));
            else return bad;
        }
    }
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
