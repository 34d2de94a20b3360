// Name checks against loaded credentials: DNS-1123 first, then one name per scope node.
#include "core/name_check.h"

#include "core/text.h"
#include "core/validation.h"

namespace cc {
namespace {

const Credential* clash(std::string_view name, const ScopeRef& scope, const std::vector<Credential>& loaded,
                        const std::optional<CredentialId>& ignore_id) {
    for (const auto& c : loaded) {
        if (ignore_id && c.meta.id == *ignore_id) continue;
        if (c.meta.name == name && same_scope_node(c.meta.scope, scope)) return &c;
    }
    return nullptr;
}

std::optional<std::string> check(std::string_view name, const ScopeRef& scope, const std::vector<Credential>& loaded,
                                 const std::optional<CredentialId>& ignore_id, const OrgTree* org) {
    if (auto p = name_problem(name)) return p;
    const Credential* other = clash(name, scope, loaded, ignore_id);
    if (!other) return std::nullopt;
    const std::string where = org ? org->scope_name(scope) : "this " + ascii_lower(scope_label(scope.type));
    // The type is named because the clash may be with another type: names are unique per scope.
    return "A credential named " + std::string(name) + " already exists in " + where +
           " (type: " + std::string(kind_label(other->meta.kind)) + ")";
}

}  // namespace

std::optional<std::string> name_problem_in_scope(std::string_view name, const ScopeRef& scope,
                                                 const std::vector<Credential>& loaded,
                                                 std::optional<CredentialId> ignore_id) {
    return check(name, scope, loaded, ignore_id, nullptr);
}

std::optional<std::string> name_problem_in_scope(std::string_view name, const ScopeRef& scope,
                                                 const std::vector<Credential>& loaded,
                                                 std::optional<CredentialId> ignore_id, const OrgTree& org) {
    return check(name, scope, loaded, ignore_id, &org);
}

}  // namespace cc
