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
#include "core/credential_store.h"
#include "core/org.h"
#include "core/paste_parsers.h"
#include "core/permitted_scopes.h"
#include "core/secret_format.h"

namespace cc::app {

struct CreateForm {
    CredentialKind kind = CredentialKind::DockerRegistry;
    // A personal credential ("My credentials"): no scope (the account), no existing secret, the
    // name unique among the user's own of that type; made with meta.private.
    bool personal = false;
    std::optional<ScopeRef> scope;
    std::string_view name;
    std::string_view description;
    bool use_existing = false;
    std::string_view existing_secret;
    // A generic secret's format: its fields are those of the kind of the same name (Access key:
    // key_id and secret_key; Username & password: user and password), or ssh_key, or pairs.
    SecretFormat format = SecretFormat::KeyValues;
    std::string_view user;                                             // Docker registry, Username & password
    std::string_view password;                                         // Docker registry, Username & password (secret)
    std::string_view url;                                              // Docker registry
    std::string_view key_id;                                           // Access key (secret)
    std::string_view secret_key;                                       // Access key (secret)
    std::string_view ngc_key;                                          // NGC API key (secret)
    std::string_view ssh_key;                                          // Generic secret, SSH key format (secret)
    std::vector<std::pair<std::string_view, std::string_view>> pairs;  // Generic secret (values secret)
};

// Field names used for messages: "scope", "name", "description", "existingSecret", "user",
// "password", "url", "accessKeyId", "secretAccessKey", "ngcApiKey", "sshKey", "pairs", "key.<i>",
// "value.<i>".
struct FieldProblem {
    std::string field;
    std::string message;
};

// Every problem of the form, in field order. An empty field the user has not reached yet is a
// problem too (the button stays disabled); the view decides when to show each message.
std::vector<FieldProblem> check_create_form(const CreateForm& f, const OrgTree& org, const CredentialStore& loaded,
                                            const PermittedScopes* may_create);
const FieldProblem* problem_for(const std::vector<FieldProblem>& problems, std::string_view field);

// The request for a valid form. Secret values are copied into heap strings sized past the
// small-string buffer, so moving them leaves no partial copy; update() wipes them.
CreateRequest make_create_request(const CreateForm& f);

// The form's "Test login" with heap copies of its values (the NGC key as the password); update()
// wipes the password.
struct CreateLoginTestRequested;
CreateLoginTestRequested make_login_test_request(const CreateForm& f);

// ---- pasting a .env block or a Docker config.json into the import box ----
// What an import does to the form. The view copies the values into its buffers (the values
// are secrets: it moves them into SecretTexts, then wipe() clears the rest of this).
struct PasteImport {
    std::string message;               // what the import did, or why it could not
    bool done = false;                 // the import box closes and its text is wiped
    std::optional<DockerLogin> login;  // fill the registry URL, username and password
    std::vector<std::string> choices;  // a config.json with several registries: choose one
    std::vector<EnvEntry> rows;        // key/value rows to append
    bool replace_blank_row = false;    // the form's only row is blank: the pasted rows take its place
    std::vector<std::string> touched;  // form fields the import filled (their checks show)
};

// A pasted Docker config.json; `choice` picks one of several registries (an index into the
// choices offered by a first call without it).
PasteImport import_docker_config(std::string_view text, std::optional<std::size_t> choice = std::nullopt);
// A pasted .env block, for a form that has `rows` key/value rows, the first one blank when
// `first_row_blank` (a new form starts with one blank row, which gives way to the pasted ones).
PasteImport import_env_block(std::string_view text, std::size_t rows, bool first_row_blank);
void wipe(PasteImport& p);

// The form field a server error is about ("meta.name" -> "name"; a 409 is about the name). In a
// generic secret of another format than key/value pairs, a pair's error is about that format's
// field ("spec.keyValuePairs[0].value" of an SSH key -> "sshKey").
std::string form_field_of(const ApiError& e, SecretFormat format = SecretFormat::KeyValues);

}  // namespace cc::app
