// update() for the dialogs: new credential (local checks, the secret body, 202 → selected row
// in Creating, refusals on the right field), existing secrets, rename, delete with its report.
#include <doctest/doctest.h>

#include "app/commands.h"
#include "app/create_form.h"
#include "app_fixtures.h"
#include "core/validation.h"

using namespace cc::app::fixtures;

namespace {

CreateRequest password_request(std::string name, std::string secret) {
    CreateRequest r;
    r.name = std::move(name);
    r.scope = ScopeRef{ScopeType::Project, {}, {}, ProjectId{7}};
    r.spec = PasswordSpec{std::nullopt, std::string("bot"), std::move(secret)};
    return r;
}

std::string created_body(const char* id, const char* name, CredentialKind kind) {
    Credential c;
    c.meta.id = CredentialId{id};
    c.meta.kind = kind;
    c.meta.name = name;
    c.meta.scope = ScopeRef{ScopeType::Project, ClusterId{kCluster}, DepartmentId{"1"}, ProjectId{7}};
    c.meta.created_at = "2026-12-01T10:00:00Z";
    c.spec = empty_spec(kind);
    c.status = AssetStatus{SyncStatus::Creating, {}, {}, {}};
    return encode_credential(c, false).dump();
}

}  // namespace

TEST_CASE("permitted scopes are loaded with the table") {
    State s = loaded_state();
    CHECK(s.permissions.loaded);
    CHECK(s.permissions.scopes.create.allows(ScopeRef{ScopeType::Project, {}, {}, ProjectId{7}}));
    CHECK_FALSE(s.permissions.scopes.create.allows(ScopeRef{ScopeType::Tenant, {}, {}, {}}));
    CHECK(s.permissions.scopes.remove.allows(ScopeRef{ScopeType::Project, {}, {}, ProjectId{7}}));
}

TEST_CASE("a new credential: local refusals send nothing; a valid one sends its secret only in the body") {
    State s = loaded_state();
    update(s, NewCredentialRequested{CredentialKind::Password});
    REQUIRE(s.dialog.open == DialogKind::Create);

    CHECK(update(s, CreateSubmitted{password_request("Bad_Name", "pw")}).empty());
    REQUIRE(s.dialog.create.error);
    CHECK(s.dialog.create.error->field == "name");

    CHECK(update(s, CreateSubmitted{password_request("nvcr", "pw")}).empty());  // taken in team-a
    REQUIRE(s.dialog.create.error);
    CHECK(s.dialog.create.error->field == "name");
    CHECK(s.dialog.create.error->message.find("already exists") != std::string::npos);

    CHECK(update(s, CreateSubmitted{password_request("git-bot", "")}).empty());
    CHECK(s.dialog.create.error->field == "password");

    CreateSubmitted ok{password_request("git-bot", "canary-secret-value-123")};
    auto fx = update(s, ok);
    const SendRequest& req = only(fx);
    CHECK(is<request::Create>(req));
    CHECK(req.request.method == "POST");
    CHECK(req.request.path == "api/v1/asset/credentials/password");
    CHECK(req.request.body_is_secret);
    CHECK(req.request.body.find("canary-secret-value-123") != std::string::npos);
    auto body = parse_json(req.request.body);
    REQUIRE(body);
    CHECK((*body)["meta"]["projectId"] == 7);
    CHECK((*body)["meta"]["clusterId"] == kCluster);  // normalized scope
    CHECK(s.dialog.create.submitting);
    CHECK_FALSE(s.dialog.create.error);
}

TEST_CASE("202: the dialog closes, the new row is selected, shown in Creating and polled") {
    State s = loaded_state();
    s.view.search = "no-such-thing";  // the new row must not hide behind a search
    update(s, NewCredentialRequested{CredentialKind::Password});
    const std::uint64_t serial = s.dialog.serial;
    auto fx = update(s, CreateSubmitted{password_request("git-bot", "pw")});
    const SendRequest req = only(fx);
    update(s, RefreshRequested{});  // a refresh in between must not drop the answer
    update(s, respond(req, 202, created_body("new-1", "git-bot", CredentialKind::Password)));
    CHECK(s.dialog.open == DialogKind::None);
    CHECK(s.dialog.serial > serial);  // the form's buffers are wiped by the view
    REQUIRE(s.row(CredentialId{"new-1"}));
    CHECK(s.row(CredentialId{"new-1"})->status == SyncStatus::Creating);
    CHECK(s.selection == std::vector<CredentialId>{CredentialId{"new-1"}});
    CHECK(s.reveal == CredentialId{"new-1"});
    CHECK(s.view.search.empty());
    CHECK(s.polls.count(CredentialId{"new-1"}) == 1);
}

TEST_CASE("the server's refusals land on the field they name; the dialog stays open") {
    State s = loaded_state();
    update(s, NewCredentialRequested{CredentialKind::Password});
    auto fx = update(s, CreateSubmitted{password_request("git-bot", "pw")});
    update(s, respond(only(fx), 409,
                      R"({"code":409,"message":"A credential named git-bot already exists in this scope"})"));
    CHECK(s.dialog.open == DialogKind::Create);
    REQUIRE(s.dialog.create.error);
    CHECK(s.dialog.create.error->field == "name");
    CHECK_FALSE(s.dialog.create.submitting);

    fx = update(s, CreateSubmitted{password_request("git-bot-2", "pw")});
    update(s, respond(only(fx), 400,
                      R"({"code":400,"message":"The password is required","details":"field: spec.password"})"));
    CHECK(s.dialog.create.error->field == "password");
    CHECK(s.dialog.create.error->message == "The password is required");

    update(s, DialogClosed{});
    CHECK(s.dialog.open == DialogKind::None);
    CHECK_FALSE(s.dialog.create.error);
}

TEST_CASE("existing secrets: asked for when the form shows them, once per kind and scope; a stale answer is dropped") {
    State s = loaded_state();
    update(s, NewCredentialRequested{CredentialKind::AccessKey});
    const ScopeRef project{ScopeType::Project, {}, {}, ProjectId{7}};
    CHECK(update(s, CreateScopeChosen{project}).empty());  // "New secret": nothing to list
    auto fx = update(s, CreateSourceChosen{true});
    const SendRequest req = only(fx);
    CHECK(req.request.path == "api/v1/asset/credentials/existing-secrets?kind=access-key&scope=project&projectId=7");
    CHECK(update(s, CreateScopeChosen{project}).empty());  // already asked
    CHECK(update(s, CreateSourceChosen{true}).empty());

    // The answer of an earlier dialog (closed and opened again) is not this form's.
    update(s, DialogClosed{});
    update(s, NewCredentialRequested{CredentialKind::AccessKey});
    update(s, CreateScopeChosen{project});
    const SendRequest fresh = only(update(s, CreateSourceChosen{true}));
    update(s, respond(req, 200,
                      R"({"secrets":[{"name":"s3-a","namespace":"runai-team-a","kind":"access-key","inUse":false}]})"));
    CHECK(s.dialog.create.existing.phase == ExistingSecrets::Phase::Loading);
    update(s, respond(fresh, 200, R"({"secrets":[]})"));
    CHECK(s.dialog.create.existing.phase == ExistingSecrets::Phase::Loaded);
}

TEST_CASE(
    "existing secrets: the answer for the current form is applied, in-use ones dropped, 404 means type the name") {
    State s = loaded_state();
    update(s, NewCredentialRequested{CredentialKind::AccessKey});
    const ScopeRef project{ScopeType::Project, {}, {}, ProjectId{7}};
    update(s, CreateSourceChosen{true});
    CHECK(s.dialog.create.use_existing);
    const SendRequest req = only(update(s, CreateScopeChosen{project}));
    update(s, respond(req, 200,
                      R"({"secrets":[{"name":"s3-a","namespace":"runai-team-a","kind":"access-key","inUse":false},
                                                {"name":"s3-b","namespace":"runai-team-a","kind":"access-key","inUse":true}]})"));
    REQUIRE(s.dialog.create.existing.phase == ExistingSecrets::Phase::Loaded);
    REQUIRE(s.dialog.create.existing.secrets.size() == 1);
    CHECK(s.dialog.create.existing.secrets[0].name == "s3-a");

    const SendRequest again = only(update(s, ExistingSecretsRefreshRequested{}));
    update(s, respond(again, 404, R"({"code":404,"message":"Not found"})"));
    CHECK(s.dialog.create.existing.phase == ExistingSecrets::Phase::Unsupported);

    CHECK(update(s, CreateScopeChosen{ScopeRef{}}).empty());
    CHECK(s.dialog.create.existing.phase == ExistingSecrets::Phase::Failed);  // account scope has none
}

TEST_CASE("a new credential's scope: preset when the user may create in one project only") {
    State s = loaded_state();  // may create in department 1 and project 7: a choice to make
    update(s, NewCredentialRequested{CredentialKind::Password});
    CHECK_FALSE(s.dialog.create.scope);
    update(s, DialogClosed{});

    s.permissions.scopes.create = PermittedScopes{};
    s.permissions.scopes.create.projects.insert(ProjectId{7});
    update(s, NewCredentialRequested{CredentialKind::Password});
    REQUIRE(s.dialog.create.scope);
    CHECK(s.dialog.create.scope->type == ScopeType::Project);
    CHECK(s.dialog.create.scope->project_id == ProjectId{7});
    CHECK(s.dialog.create.scope->department_id == DepartmentId{"1"});  // normalized: the path is known
    CHECK(s.org.scope_path(*s.dialog.create.scope) ==
          s.org.scope_path(ScopeRef{ScopeType::Project, {}, {}, ProjectId{7}}));
}

TEST_CASE("rename: needs one selected credential, checks the name, sends PUT meta, updates the row") {
    State s = loaded_state();
    CHECK(update(s, RenameRequested{}).empty());
    CHECK(s.dialog.open == DialogKind::None);
    update(s, RowClicked{CredentialId{"c-1"}});
    update(s, RenameRequested{});
    REQUIRE(s.dialog.open == DialogKind::Rename);

    UpdateRequest bad;
    bad.name = "Nope!";
    CHECK(update(s, RenameSubmitted{bad}).empty());
    CHECK(s.dialog.rename.error->field == "name");

    UpdateRequest same;  // its own name is not a clash
    same.name = "nvcr";
    same.description = "now described";
    const SendRequest req = only(update(s, RenameSubmitted{same}));
    CHECK(req.request.method == "PUT");
    CHECK(req.request.path == "api/v1/asset/credentials/docker-registry/c-1");
    CHECK(*parse_json(req.request.body) == Json::parse(R"({"meta":{"name":"nvcr","description":"now described"}})"));
    update(s, respond(req, 200, created_body("c-1", "nvcr-renamed", CredentialKind::DockerRegistry)));
    CHECK(s.dialog.open == DialogKind::None);
    CHECK(s.row(CredentialId{"c-1"})->cell(Column::Credential) == "nvcr-renamed");
}

TEST_CASE("delete: the dialog splits the selection into deletable and in-use, and sends only the deletable") {
    State s = loaded_state();
    auto fx = update(s, NewCredentialRequested{CredentialKind::Password});
    fx = update(s, CreateSubmitted{password_request("second", "pw")});
    update(s, respond(only(fx), 202, created_body("c-2", "second", CredentialKind::Password)));
    Credential used = s.credentials.at(0);
    used.used_by = UsageInfo{};
    used.used_by->workspaces.push_back(WorkloadRef{"w-1", "ws-1", std::nullopt});
    used.used_by->datasources.push_back(DatasourceRef{"d-1", "imagenet-s3", "s3"});
    s.credentials.replace(0, used);
    update(s, SelectionCleared{});                // the new credential was selected
    CHECK(update(s, DeleteRequested{}).empty());  // nothing selected: no dialog
    CHECK(s.dialog.open == DialogKind::None);

    // Only the one in use: blocked, nothing to send.
    update(s, RowClicked{CredentialId{"c-1"}});
    update(s, DeleteRequested{});
    REQUIRE(s.dialog.open == DialogKind::Delete);
    CHECK(s.dialog.remove.preview.deletable.empty());
    REQUIRE(s.dialog.remove.preview.blocked.size() == 1);
    CHECK(s.dialog.remove.preview.blocked[0].used_by_text == "workspace ws-1; data source imagenet-s3");
    CHECK(delete_confirm_label(s.dialog.remove) == "Nothing to delete");
    CHECK(update(s, DeleteConfirmed{}).empty());
    CHECK_FALSE(s.dialog.remove.submitted);
    update(s, DialogClosed{});

    // Both: one DELETE, for the free one; the report names both.
    update(s, RowClicked{CredentialId{"c-2"}, true});
    update(s, DeleteRequested{});
    REQUIRE(s.dialog.remove.preview.deletable.size() == 1);
    CHECK(s.dialog.remove.preview.deletable[0].name == "second");
    CHECK(s.dialog.remove.preview.blocked[0].name == "nvcr");
    CHECK(delete_title(s.dialog.remove) == "Delete 2 credentials");
    CHECK(delete_confirm_label(s.dialog.remove) == "Delete");  // the question above names it
    const SendRequest del = only(update(s, DeleteConfirmed{}));
    CHECK(del.request.method == "DELETE");
    CHECK(del.request.path == "api/v1/asset/credentials/password/c-2");
    update(s, respond(del, 202, ""));
    REQUIRE(s.dialog.open == DialogKind::Delete);  // the report: one was left out
    REQUIRE(s.dialog.remove.outcomes.size() == 1);
    CHECK(s.dialog.remove.outcomes[0].result == DeleteOutcome::Result::Deleted);
    CHECK(delete_report_title(s.dialog.remove) == "1 of 2 credentials deleted; 1 could not be");
}

TEST_CASE("delete: each sent credential's outcome; a 412 is refused with the server's words, 202 and 204 deleted") {
    State s = loaded_state();
    auto fx = update(s, NewCredentialRequested{CredentialKind::Password});
    fx = update(s, CreateSubmitted{password_request("second", "pw")});
    update(s, respond(only(fx), 202, created_body("c-2", "second", CredentialKind::Password)));
    fx = update(s, NewCredentialRequested{CredentialKind::Password});
    fx = update(s, CreateSubmitted{password_request("third", "pw")});
    update(s, respond(only(fx), 202, created_body("c-3", "third", CredentialKind::Password)));

    update(s, RowClicked{CredentialId{"c-1"}});
    update(s, RowClicked{CredentialId{"c-2"}, true});
    update(s, RowClicked{CredentialId{"c-3"}, true});
    update(s, DeleteRequested{});
    REQUIRE(s.dialog.open == DialogKind::Delete);
    // The list knows no usage of these (the server may know better: it has the last word).
    REQUIRE(s.dialog.remove.preview.deletable.size() == 3);
    CHECK(s.dialog.remove.preview.blocked.empty());
    CHECK(delete_confirm_label(s.dialog.remove) == "Delete 3 credentials");
    fx = update(s, DeleteConfirmed{});
    REQUIRE(fx.size() == 3);
    std::vector<SendRequest> dels;
    for (auto& e : fx) dels.push_back(std::get<SendRequest>(e));
    CHECK(dels[0].request.path == "api/v1/asset/credentials/docker-registry/c-1");
    CHECK(update(s, DeleteConfirmed{}).empty());  // once

    update(s,
           respond(dels[0], 412, R"({"code":412,"message":"The credential is in use","details":"workspaces: ws-1"})"));
    update(s, respond(dels[1], 202, ""));
    CHECK(s.row(CredentialId{"c-2"})->status == SyncStatus::Deleting);
    update(s, respond(dels[2], 204, ""));
    CHECK_FALSE(s.row(CredentialId{"c-3"}));
    REQUIRE(s.dialog.open == DialogKind::Delete);  // the report stays
    const auto& o = s.dialog.remove.outcomes;
    REQUIRE(o.size() == 3);
    CHECK(o[0].name == "nvcr");
    CHECK(o[0].result == DeleteOutcome::Result::Refused);
    CHECK(o[0].message == "The credential is in use (workspaces: ws-1)");
    CHECK(o[1].result == DeleteOutcome::Result::Deleted);
    CHECK(o[2].result == DeleteOutcome::Result::Deleted);
    CHECK(delete_report_title(s.dialog.remove) == "2 of 3 credentials deleted; 1 could not be");
    update(s, DialogClosed{});
    CHECK(s.dialog.open == DialogKind::None);

    // One credential deleted as asked: no report.
    update(s, RowClicked{CredentialId{"c-1"}});
    update(s, DeleteRequested{});
    update(s, respond(only(update(s, DeleteConfirmed{})), 202, ""));
    CHECK(s.dialog.open == DialogKind::None);
}

TEST_CASE("form checks: every field's problem, and the request built from a valid form") {
    State s = loaded_state();
    CreateForm f;
    f.kind = CredentialKind::GenericSecret;
    f.scope = ScopeRef{ScopeType::Project, {}, {}, ProjectId{7}};
    f.name = "env";
    f.pairs = {{"A", "1"}, {"A", "2"}, {"b c", ""}};
    auto problems = check_create_form(f, s.org, s.credentials, &s.permissions.scopes.create);
    CHECK(problem_for(problems, "key.1"));
    CHECK(problem_for(problems, "key.2"));
    CHECK(problem_for(problems, "value.2"));
    CHECK_FALSE(problem_for(problems, "key.0"));

    f.scope = ScopeRef{ScopeType::Tenant, {}, {}, {}};
    problems = check_create_form(f, s.org, s.credentials, &s.permissions.scopes.create);
    REQUIRE(problem_for(problems, "scope"));
    CHECK(problem_for(problems, "scope")->message.find("not allowed") != std::string::npos);

    f.pairs = {{"TOKEN", "v"}};
    f.scope = ScopeRef{ScopeType::Project, {}, {}, ProjectId{7}};
    CHECK(check_create_form(f, s.org, s.credentials, &s.permissions.scopes.create).empty());
    CreateRequest r = make_create_request(f);
    const auto& spec = std::get<GenericSecretSpec>(r.spec);
    REQUIRE(spec.key_value_pairs);
    CHECK((*spec.key_value_pairs)[0].value->capacity() >= 48);  // a heap string, never inline
    CHECK_FALSE(r.description);

    CreateForm ngc;
    ngc.kind = CredentialKind::NgcApiKey;
    ngc.scope = f.scope;
    ngc.name = "ngc";
    ngc.ngc_key = "bad key";
    CHECK(problem_for(check_create_form(ngc, s.org, s.credentials, nullptr), "ngcApiKey"));
    CHECK(form_field_of(ApiError{400, "", "", "spec.keyValuePairs[3].key"}) == "key.3");
    CHECK(form_field_of(ApiError{400, "", "", "spec.ngc_api_key"}) == "ngcApiKey");
    CHECK(form_field_of(ApiError{409, "", "", ""}) == "name");
}

namespace {

// TEST-ONLY KEY, made with ssh-keygen for these tests alone.
constexpr std::string_view kTestKey = R"(-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIDXwcrHDrFdH78A3UQ8Ea2yDkkOu9VEUyiceRR66B1vRoAoGCCqGSM49
AwEHoUQDQgAEOy5JZZbDjVdGSgdlgyG3Rdr5qcaR1sxyLtRCy1MPNcB3mFrVdvik
XLyINRg+JB6/SNmAdJ4zQIVNOSu36bDo1Q==
-----END EC PRIVATE KEY-----
)";

std::vector<std::pair<std::string, std::string>> pairs_of(const CreateRequest& r) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& kv : *std::get<GenericSecretSpec>(r.spec).key_value_pairs) out.emplace_back(kv.key, *kv.value);
    return out;
}

}  // namespace

TEST_CASE("generic secret formats: each format's fields, checks and key names") {
    State s = loaded_state();
    CreateForm f;
    f.kind = CredentialKind::GenericSecret;
    f.scope = ScopeRef{ScopeType::Project, {}, {}, ProjectId{7}};
    f.name = "fmt";

    f.format = SecretFormat::AccessKey;
    auto problems = check_create_form(f, s.org, s.credentials, nullptr);
    CHECK(problem_for(problems, "accessKeyId"));
    CHECK(problem_for(problems, "secretAccessKey"));
    CHECK_FALSE(problem_for(problems, "pairs"));  // the key/value rows are not this format's
    f.key_id = "AKIA1";
    f.secret_key = "s3/+=";
    CHECK(check_create_form(f, s.org, s.credentials, nullptr).empty());
    CHECK(pairs_of(make_create_request(f)) ==
          std::vector<std::pair<std::string, std::string>>{{"AccessKeyId", "AKIA1"}, {"SecretKey", "s3/+="}});

    f.format = SecretFormat::UsernamePassword;
    CHECK(problem_for(check_create_form(f, s.org, s.credentials, nullptr), "user"));
    f.user = "bob";
    f.password = "pa ss";
    CHECK(check_create_form(f, s.org, s.credentials, nullptr).empty());
    CreateRequest up = make_create_request(f);
    CHECK(pairs_of(up) == std::vector<std::pair<std::string, std::string>>{{"User", "bob"}, {"Password", "pa ss"}});
    CHECK((*std::get<GenericSecretSpec>(up.spec).key_value_pairs)[1].value->capacity() >= 48);  // heap, wipeable

    f.format = SecretFormat::SshKey;
    CHECK(problem_for(check_create_form(f, s.org, s.credentials, nullptr), "sshKey")->message ==
          "Paste the private key");
    f.ssh_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJEn+iAWWu+gya227X611Sh7lj9GBjpZyfUxiglmNiIB me@host";
    CHECK(problem_for(check_create_form(f, s.org, s.credentials, nullptr), "sshKey")->message.find("public key") !=
          std::string::npos);
    // Pasted into the single-line field, the key lost its line breaks: the request has them back.
    std::string flat;
    for (char c : kTestKey)
        if (c != '\n') flat += c;
    f.ssh_key = flat;
    CHECK(check_create_form(f, s.org, s.credentials, nullptr).empty());
    const CreateRequest ssh = make_create_request(f);
    CHECK(pairs_of(ssh) == std::vector<std::pair<std::string, std::string>>{{"ssh-privatekey", std::string(kTestKey)}});
    CHECK_FALSE(validate_create(ssh));

    // With an existing secret the format adds no values.
    f.use_existing = true;
    f.existing_secret = "deploy-key";
    const CreateRequest existing = make_create_request(f);
    CHECK_FALSE(std::get<GenericSecretSpec>(existing.spec).key_value_pairs);
    CHECK(std::get<GenericSecretSpec>(existing.spec).existing_secret_name == "deploy-key");

    // The server's refusal of a pair lands on the format's field.
    const ApiError value0{400, "", "", "spec.keyValuePairs[0].value"};
    const ApiError value1{400, "", "", "spec.keyValuePairs[1].value"};
    CHECK(form_field_of(value0, SecretFormat::SshKey) == "sshKey");
    CHECK(form_field_of(value0, SecretFormat::AccessKey) == "accessKeyId");
    CHECK(form_field_of(value1, SecretFormat::AccessKey) == "secretAccessKey");
    CHECK(form_field_of(value1, SecretFormat::UsernamePassword) == "password");
    CHECK(form_field_of(value1) == "value.1");
}

TEST_CASE("generic secret formats: the chosen format picks the existing secrets and kubectl commands offered") {
    State s = loaded_state();
    update(s, NewCredentialRequested{CredentialKind::GenericSecret});
    CHECK(s.dialog.create.format == SecretFormat::KeyValues);
    update(s, CreateSourceChosen{true});
    const SendRequest req = only(update(s, CreateScopeChosen{ScopeRef{ScopeType::Project, {}, {}, ProjectId{7}}}));
    update(s, respond(req, 200, R"({"secrets":[
        {"name":"deploy-key","namespace":"runai-team-a","kind":"generic","type":"kubernetes.io/ssh-auth","inUse":false},
        {"name":"wandb","namespace":"runai-team-a","kind":"generic","type":"Opaque","inUse":false},
        {"name":"old","namespace":"runai-team-a","kind":"generic","inUse":false}]})"));
    const auto names = [&s] {
        std::vector<std::string> out;
        for (const auto* x : offered_existing_secrets(s)) out.push_back(x->name);
        return out;
    };
    CHECK(names() == std::vector<std::string>{"deploy-key", "wandb", "old"});
    CHECK(update(s, CreateFormatChosen{SecretFormat::SshKey}).empty());  // the list stays; no new request
    CHECK(s.dialog.create.format == SecretFormat::SshKey);
    CHECK(names() == std::vector<std::string>{"deploy-key"});
    const auto lines = kubectl_command_lines(s);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].find("--type=kubernetes.io/ssh-auth --from-file=ssh-privatekey=") != std::string::npos);
    update(s, CreateFormatChosen{SecretFormat::AccessKey});
    CHECK(names() == std::vector<std::string>{"wandb", "old"});
    CHECK(kubectl_command_lines(s)[0].find("--from-literal=AccessKeyId=") != std::string::npos);

    // A new dialog starts with key/value pairs again; other kinds ignore the choice.
    update(s, DialogClosed{});
    update(s, NewCredentialRequested{CredentialKind::Password});
    update(s, CreateFormatChosen{SecretFormat::SshKey});
    CHECK(s.dialog.create.format == SecretFormat::KeyValues);
}
