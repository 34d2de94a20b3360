// The new-credential form as the app sees it: views of the form's text buffers (no copies of
// secrets), the checks that decide which messages to show and whether "Create credentials"
// is enabled, and the request built from it on submit.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/credential.h"
#include "core/org.h"
#include "core/permitted_scopes.h"

namespace cc::app {

struct CreateForm {
    CredentialKind kind = CredentialKind::DockerRegistry;
    std::optional<ScopeRef> scope;
    std::string_view name;
    std::string_view description;
    bool use_existing = false;
    std::string_view existing_secret;
    std::string_view user;        // Docker registry, Username & password
    std::string_view password;    // Docker registry, Username & password (secret)
    std::string_view url;         // Docker registry
    std::string_view key_id;      // Access key (secret)
    std::string_view secret_key;  // Access key (secret)
    std::string_view ngc_key;     // NGC API key (secret)
    std::vector<std::pair<std::string_view, std::string_view>> pairs;  // Generic secret (values secret)
};

// Field names used for messages: "scope", "name", "description", "existingSecret", "user",
// "password", "url", "accessKeyId", "secretAccessKey", "ngcApiKey", "pairs", "key.<i>",
// "value.<i>".
struct FieldProblem {
    std::string field;
    std::string message;
};

// Every problem of the form, in field order. An empty field the user has not reached yet is a
// problem too (the button stays disabled); the view decides when to show each message.
std::vector<FieldProblem> check_create_form(const CreateForm& f, const OrgTree& org,
                                            const std::vector<Credential>& loaded, const PermittedScopes* may_create);
const FieldProblem* problem_for(const std::vector<FieldProblem>& problems, std::string_view field);

// The request for a valid form. Secret values are copied into heap strings sized past the
// small-string buffer, so moving them leaves no partial copy; update() wipes them.
CreateRequest make_create_request(const CreateForm& f);

// The form field a server error is about ("meta.name" -> "name"; a 409 is about the name).
std::string form_field_of(const ApiError& e);

}  // namespace cc::app
