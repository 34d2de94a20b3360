// Name checks against loaded credentials: DNS-1123 first, then one name per scope node.
#include "core/name_check.h"

#include "core/text.h"
#include "core/validation.h"

namespace cc {
namespace {

// Names are compared first, packed; only a credential of the same name is unpacked.
std::optional<Credential> clash(std::string_view name, const ScopeRef& scope, const CredentialStore& loaded,
                                const std::optional<CredentialId>& ignore_id) {
    for (std::size_t i = 0; i < loaded.size(); ++i) {
        if (loaded.name(i) != name || (ignore_id && loaded.id(i) == ignore_id->value)) continue;
        Credential c = loaded.at(i);
        // A personal credential's name does not take its account node's (docs/api.md, 'Personal credentials').
        if (!c.meta.is_private && same_scope_node(c.meta.scope, scope)) return c;
    }
    return std::nullopt;
}

std::optional<std::string> check(std::string_view name, const ScopeRef& scope, const CredentialStore& loaded,
                                 const std::optional<CredentialId>& ignore_id, const OrgTree* org) {
    if (auto p = name_problem(name)) return p;
    const std::optional<Credential> other = clash(name, scope, loaded, ignore_id);
    if (!other) return std::nullopt;
    const std::string where = org ? org->scope_name(scope) : "this " + ascii_lower(scope_label(scope.type));
    // The type is named because the clash may be with another type: names are unique per scope.
    return "A credential named " + std::string(name) + " already exists in " + where +
           " (type: " + std::string(kind_label(other->meta.kind)) + ")";
}

}  // namespace

std::optional<std::string> personal_name_problem(std::string_view name, CredentialKind kind,
                                                 const CredentialStore& loaded) {
    if (auto p = name_problem(name)) return p;
    for (std::size_t i = 0; i < loaded.size(); ++i) {
        if (loaded.name(i) != name) continue;
        const Credential c = loaded.at(i);
        if (c.meta.is_private && c.meta.kind == kind)
            return "You already have a personal " + std::string(kind_label(c.meta.kind)) + " credential named " +
                   std::string(name);
    }
    return std::nullopt;
}

std::optional<std::string> name_problem_in_scope(std::string_view name, const ScopeRef& scope,
                                                 const CredentialStore& loaded, std::optional<CredentialId> ignore_id) {
    return check(name, scope, loaded, ignore_id, nullptr);
}

std::optional<std::string> name_problem_in_scope(std::string_view name, const ScopeRef& scope,
                                                 const CredentialStore& loaded, std::optional<CredentialId> ignore_id,
                                                 const OrgTree& org) {
    return check(name, scope, loaded, ignore_id, &org);
}

}  // namespace cc
