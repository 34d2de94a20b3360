// The new-credential dialog: scope, name, description, then "Existing secret" or "New secret
// (recommended)" with the type's fields (docs/product.md, 'Creating credentials'). Messages come
// from app::check_create_form and from the server's refusal; secret fields are SecretTexts with a
// reveal toggle, wiped when the dialog closes. What a paste into the import box means is decided
// by the app (app::import_docker_config / import_env_block); this file copies it into the buffers.
#include <array>
#include <cstring>
#include <optional>
#include <string>

#include "app/commands.h"
#include "app/create_form.h"
#include "app/login_check.h"
#include "core/kubectl_snippet.h"
#include "core/name_check.h"
#include "core/paste_parsers.h"
#include "core/validation.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace cc::ui {
namespace {

constexpr const char* kPopup = "New credentials##dialog";

app::CreateForm form_of(const app::State& state, const CreateFormUi& f) {
    app::CreateForm form;
    form.kind = state.dialog.create.kind;
    form.personal = state.dialog.create.personal;
    form.scope = state.dialog.create.scope;
    form.name = f.name.data();
    form.description = f.description.data();
    form.use_existing = state.dialog.create.use_existing;
    form.existing_secret = f.existing.data();
    form.format = state.dialog.create.format;
    form.ssh_key = f.ssh_key.view();
    form.user = f.user.data();
    form.password = f.password.view();
    form.url = f.url.data();
    form.key_id = f.key_id.view();
    form.secret_key = f.secret_key.view();
    form.ngc_key = f.ngc_key.view();
    for (const auto& row : f.pairs) form.pairs.emplace_back(row.key.data(), row.value.view());
    return form;
}

struct Messages {
    const std::vector<app::FieldProblem>& problems;
    const std::optional<ApiError>& server;
    const CreateFormUi& form;

    // The server's refusal for this field, else the form's own problem once the user has
    // touched the field (or tried to submit).
    std::string for_field(const std::string& field) const {
        if (server && server->field == field) return server->message;
        const app::FieldProblem* p = app::problem_for(problems, field);
        if (p && (form.submit_attempted || form.touched.count(field))) return p->message;
        return {};
    }
};

void show_message(const Messages& m, const std::string& field) {
    const std::string text = m.for_field(field);
    if (text.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    register_last_item("error/" + field, text);
}

// The label drawn last names the field drawn after it, for screen readers (within one frame).
const char* g_field_name = "";

void label(const char* text) {
    ImGui::Dummy(em(0, 0.15f));
    ImGui::TextUnformatted(text);
    g_field_name = text;
}

void describe_field(std::initializer_list<Aria> aria = {}) {
    describe_last_item("textbox", g_field_name, aria);
    g_field_name = "";
}

// An edit of a field: it is touched, and an edit of the registry login invalidates "Test login"'s
// outcome.
void edited(CreateFormUi& f, const char* field) {
    f.touched.insert(field);
    if (app::affects_login_test(field)) f.login_fields_edited = true;
}

// A text field; edits mark the field as touched.
void text_field(CreateFormUi& f, const char* field, const char* id, char* buf, std::size_t size,
                const char* hint = "") {
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint(id, hint, buf, size)) edited(f, field);
    describe_field();
}

// A masked field with a Show/Hide toggle beside it.
void secret_field(CreateFormUi& f, const char* field, const char* id, SecretText& buf, bool& reveal,
                  const char* hint = "") {
    const float toggle_w = em(4);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - toggle_w - ImGui::GetStyle().ItemSpacing.x);
    const ImGuiInputTextFlags flags = reveal ? 0 : ImGuiInputTextFlags_Password;
    if (ImGui::InputTextWithHint(id, hint, buf.data(), buf.capacity(), flags)) edited(f, field);
    describe_field({{"type", reveal ? "text" : "password"}, {"autocomplete", "off"}});
    ImGui::SameLine();
    const std::string toggle = std::string(reveal ? "Hide" : "Show") + "##reveal-" + (id + 2);
    if (secondary_button(toggle.c_str(), ImVec2(toggle_w, 0))) reveal = !reveal;
}

void copy_text(const char* text) {
    ImGui::SetClipboardText(text);
}

// A labelled masked field with its message below.
void labelled_secret(CreateFormUi& f, const Messages& m, const char* title, const char* field, const char* id,
                     SecretText& buf, const char* hint = "") {
    label(title);
    secret_field(f, field, id, buf, f.reveal, hint);
    show_message(m, field);
}

void username_and_password(CreateFormUi& f, const Messages& m) {
    label("Username");
    text_field(f, "user", "##user", f.user.data(), f.user.size());
    show_message(m, "user");
    labelled_secret(f, m, "Password", "password", "##password", f.password);
}

// ---- existing secret ------------------------------------------------------------------------

void draw_existing(const app::State& state, CreateFormUi& f, const Messages& m, Actions& out, double now_ms) {
    const app::CreateDialog& d = state.dialog.create;
    const app::ExistingSecrets& e = d.existing;
    if (!d.scope) {
        text_muted("Choose a scope to see the secrets created in advance there.");
        return;
    }
    const ScopeRef& scope = *d.scope;
    // The app asks for the list when the scope or the source changes; until it is here, wait.
    const bool current =
        e.phase != app::ExistingSecrets::Phase::Idle && e.kind == d.kind && same_scope_node(e.scope, scope);
    const std::string where = state.org.scope_path(scope);
    switch (current ? e.phase : app::ExistingSecrets::Phase::Loading) {
        case app::ExistingSecrets::Phase::Idle:
        case app::ExistingSecrets::Phase::Loading:
            spinner(em(0.5f), palette().busy);
            ImGui::SameLine();
            text_muted(("Loading the secrets of " + where + "\xE2\x80\xA6").c_str());
            return;
        case app::ExistingSecrets::Phase::Failed:
            ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
            ImGui::TextWrapped("%s", e.error.c_str());
            ImGui::PopStyleColor();
            register_last_item("existing/error", e.error);
            if (scope.type != ScopeType::Tenant && secondary_button("Retry##existing"))
                out.push_back(app::ExistingSecretsRefreshRequested{});
            return;
        case app::ExistingSecrets::Phase::Unsupported:
            text_muted("This server does not list existing secrets. Type the name of the Kubernetes secret:");
            register_last_item("existing/unsupported", "This server does not list existing secrets");
            text_field(f, "existingSecret", "##existing-name", f.existing.data(), f.existing.size(), "secret name");
            show_message(m, "existingSecret");
            return;
        case app::ExistingSecrets::Phase::Loaded: break;
    }
    const std::vector<const api::ExistingSecret*> offered = app::offered_existing_secrets(state);
    if (!offered.empty()) {
        label("Secret");
        ImGui::SetNextItemWidth(-1);
        const char* preview = f.existing[0] ? f.existing.data() : "Select a secret";
        const bool open = ImGui::BeginCombo("##existing", preview);
        register_last_item("##existing", preview);
        if (open) {
            for (const api::ExistingSecret* s : offered) {
                const std::string item = s->name + "   (" + s->namespace_name + ")##existing-" + s->name;
                if (ImGui::Selectable(item.c_str(), s->name == f.existing.data())) {
                    f.existing.fill(0);
                    std::strncpy(f.existing.data(), s->name.c_str(), f.existing.size() - 1);
                    f.touched.insert("existingSecret");
                }
            }
            ImGui::EndCombo();
        }
        register_last_item("existing/list", std::to_string(offered.size()) + " secrets");
        show_message(m, "existingSecret");
        return;
    }
    // None yet: how to create one in advance, ready to copy.
    const std::string none = "No unused " + std::string(type_label(d.kind, d.format)) + " secrets in " + where +
                             ". Create one in advance with these commands, then choose it here:";
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(none.c_str());
    ImGui::PopTextWrapPos();
    register_last_item("existing/empty", none);
    auto commands = kubectl_create_commands(d.kind, scope, state.org, "", d.format);
    const std::string text = commands ? *commands : commands.error().message;
    const float h = ImGui::GetTextLineHeight() * 6.5f;
    ImGui::PushStyleColor(ImGuiCol_FrameBg, palette().chip);
    ImGui::InputTextMultiline("##kubectl", const_cast<char*>(text.c_str()), text.size() + 1, ImVec2(-1, h),
                              ImGuiInputTextFlags_ReadOnly);
    describe_last_item("textbox", "kubectl commands", {{"aria-readonly", "true"}, {"aria-multiline", "true"}});
    ImGui::PopStyleColor();
    register_last_item("existing/kubectl", text);
    // One copy button per command, as each runs on its own (the create, then the label).
    const std::vector<std::string> lines = app::kubectl_command_lines(state);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string id = "Copy##kubectl-" + std::to_string(i);
        if (copy_button(id.c_str(), lines[i].c_str(),
                        app::shows_copied(state, app::CopyTarget::KubectlCommand, i, now_ms)))
            out.push_back(app::CopyRequested{app::CopyTarget::KubectlCommand, i, now_ms});
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        const std::string words = lines[i].substr(0, lines[i].find(' ', lines[i].find(' ', 8) + 1));
        text_muted(words.c_str());  // "kubectl create secret", "kubectl label secret"
    }
    if (commands && secondary_button(ICON_COPY "  Copy commands##kubectl")) copy_text(text.c_str());
    ImGui::SameLine();
    if (secondary_button(ICON_REFRESH "  Check again##existing")) out.push_back(app::ExistingSecretsRefreshRequested{});
}

// ---- new secret -------------------------------------------------------------------------------

void copy_into(std::array<char, 256>& buf, const std::string& text) {
    buf.fill(0);
    std::strncpy(buf.data(), text.c_str(), buf.size() - 1);
}

// Copies what the app made of a paste into the form's buffers; the secrets move into
// SecretTexts and the rest of the import is wiped.
void apply_import(CreateFormUi& f, app::PasteImport&& imp) {
    if (imp.login) {
        f.url.fill(0);
        std::strncpy(f.url.data(), imp.login->url.c_str(), f.url.size() - 1);
        copy_into(f.user, imp.login->username);
        f.password.assign(imp.login->password);
        f.login_fields_edited = true;
    }
    if (imp.replace_blank_row) f.pairs.clear();
    for (const auto& e : imp.rows) {
        KeyValueRow& row = f.pairs.emplace_back();
        copy_into(row.key, e.key);
        row.value.assign(e.value);
    }
    f.touched.insert(imp.touched.begin(), imp.touched.end());
    f.import_message = std::move(imp.message);
    f.import_choices = std::move(imp.choices);
    if (imp.done) {
        f.import_text.clear();
        f.import_open = false;
    }
    app::wipe(imp);
}

void import_pasted(CreateFormUi& f, bool docker, std::optional<std::size_t> choice = std::nullopt) {
    if (docker) {
        apply_import(f, app::import_docker_config(f.import_text.view(), choice));
    } else {
        const bool blank = !f.pairs.empty() && !f.pairs[0].key[0] && f.pairs[0].value.empty();
        apply_import(f, app::import_env_block(f.import_text.view(), f.pairs.size(), blank));
    }
}

void draw_import(CreateFormUi& f, bool docker) {
    const char* toggle = docker ? ICON_CLIPBOARD "  Import from Docker config.json##import"
                                : ICON_CLIPBOARD "  Paste a .env block##import";
    if (secondary_button(toggle)) f.import_open = !f.import_open;
    if (f.import_open) {
        text_muted(docker ? "Paste the contents of ~/.docker/config.json:" : "Paste KEY=value lines (a .env file):");
        ImGui::InputTextMultiline("##import-text", f.import_text.data(), f.import_text.capacity(),
                                  ImVec2(-1, ImGui::GetTextLineHeight() * 6));
        describe_last_item("textbox", docker ? "Docker config.json" : ".env lines", {{"aria-multiline", "true"}});
        if (primary_button(docker ? "Import##import" : "Fill rows##import", ImVec2(0, 0), !f.import_text.empty())) {
            import_pasted(f, docker);
        }
        for (std::size_t i = 0; docker && i < f.import_choices.size(); ++i) {
            const std::string b = "Use " + f.import_choices[i] + "##import-choice-" + std::to_string(i);
            if (secondary_button(b.c_str())) {
                import_pasted(f, true, i);
                break;
            }
        }
    }
    if (!f.import_message.empty()) {
        text_muted(f.import_message.c_str());
        register_last_item("import/message", f.import_message);
    }
}

// "Test login" under a registry login's fields: enabled once they are filled; the outcome and
// when it was checked beside it.
void draw_form_login_test(const app::State& state, CreateFormUi& f, Actions& out, double now_ms) {
    const app::CreateDialog& d = state.dialog.create;
    if (f.login_fields_edited) {
        f.login_fields_edited = false;
        out.push_back(app::CreateLoginFieldsEdited{});
    }
    ImGui::Dummy(em(0, 0.2f));
    const app::CreateForm form = form_of(state, f);
    const bool ready = app::form_login_test_ready(d, form.url, form.user, form.password, form.ngc_key);
    if (secondary_button(ICON_KEY "  Test login##form-login-test", ImVec2(0, 0), ready))
        out.push_back(app::make_login_test_request(form));
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        tooltip_text(d.kind == CredentialKind::NgcApiKey
                         ? "Sign in to nvcr.io with this key (user $oauthtoken), from the server"
                         : "Sign in to the registry with this user and password, from the server");
    draw_login_check_note(app::login_check_note(d.login_check, now_ms, state.utc_offset_minutes), "form/login-check");
}

void draw_new_secret(const app::State& state, CreateFormUi& f, const Messages& m, Actions& out, double now_ms) {
    switch (state.dialog.create.kind) {
        case CredentialKind::DockerRegistry: {
            draw_import(f, true);
            username_and_password(f, m);
            label("Docker registry URL");
            text_field(f, "url", "##url", f.url.data(), f.url.size(), "https://index.docker.io/v1/ for Docker Hub");
            show_message(m, "url");
            if (auto w = docker_hub_warning(f.url.data())) {
                ImGui::PushStyleColor(ImGuiCol_Text, palette().warn);
                ImGui::TextWrapped(ICON_WARNING "  %s", w->c_str());
                ImGui::PopStyleColor();
                register_last_item("warning/url", *w);
            }
            draw_form_login_test(state, f, out, now_ms);
            break;
        }
        case CredentialKind::AccessKey:
            labelled_secret(f, m, "Access key ID", "accessKeyId", "##access-key-id", f.key_id);
            labelled_secret(f, m, "Secret access key", "secretAccessKey", "##secret-access-key", f.secret_key);
            break;
        case CredentialKind::Password: username_and_password(f, m); break;
        case CredentialKind::NgcApiKey:
            labelled_secret(f, m, "NGC API key", "ngcApiKey", "##ngc-key", f.ngc_key, "nvapi-...");
            draw_form_login_test(state, f, out, now_ms);
            break;
        case CredentialKind::GenericSecret: {
            switch (state.dialog.create.format) {
                case SecretFormat::KeyValues: break;
                case SecretFormat::AccessKey:
                    labelled_secret(f, m, "Access key ID", "accessKeyId", "##access-key-id", f.key_id);
                    labelled_secret(f, m, "Secret access key", "secretAccessKey", "##secret-access-key", f.secret_key);
                    return;
                case SecretFormat::UsernamePassword: username_and_password(f, m); return;
                case SecretFormat::SshKey:
                    labelled_secret(f, m, "Private key", "sshKey", "##ssh-key", f.ssh_key,
                                    "paste the whole key file, -----BEGIN ... PRIVATE KEY-----");
                    ImGui::PushTextWrapPos(0);
                    text_muted(
                        "An unencrypted OpenSSH or PEM private key (e.g. ~/.ssh/id_ed25519, not the .pub "
                        "file). Git data sources clone with it over SSH.");
                    ImGui::PopTextWrapPos();
                    return;
            }
            draw_import(f, false);
            label("Keys and values");
            const float remove_w = em(2.2f), reveal_w = em(4);
            const float spacing = ImGui::GetStyle().ItemSpacing.x;
            const float key_w = (ImGui::GetContentRegionAvail().x - remove_w - reveal_w - spacing * 3) * 0.4f;
            std::optional<std::size_t> remove;
            for (std::size_t i = 0; i < f.pairs.size(); ++i) {
                KeyValueRow& row = f.pairs[i];
                const std::string n = std::to_string(i);
                ImGui::SetNextItemWidth(key_w);
                if (ImGui::InputTextWithHint(("##key-" + n).c_str(), "KEY", row.key.data(), row.key.size()))
                    f.touched.insert("key." + n);
                describe_last_item("textbox", "Key " + std::to_string(i + 1));
                ImGui::SameLine();
                ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - remove_w - reveal_w - spacing * 2);
                if (ImGui::InputTextWithHint(("##value-" + n).c_str(), "value", row.value.data(), row.value.capacity(),
                                             row.reveal ? 0 : ImGuiInputTextFlags_Password))
                    f.touched.insert("value." + n);
                describe_last_item("textbox", "Value " + std::to_string(i + 1),
                                   {{"type", row.reveal ? "text" : "password"}, {"autocomplete", "off"}});
                ImGui::SameLine();
                if (secondary_button(((row.reveal ? "Hide##reveal-value-" : "Show##reveal-value-") + n).c_str(),
                                     ImVec2(reveal_w, 0)))
                    row.reveal = !row.reveal;
                ImGui::SameLine();
                if (secondary_button((ICON_TRASH "##remove-pair-" + n).c_str(), ImVec2(remove_w, 0))) remove = i;
                describe_last_item("button", "Remove key " + std::to_string(i + 1));
                if (ImGui::IsItemHovered()) tooltip_text("Remove this key and value");
                register_last_item("remove-pair-" + n, "Remove " + std::string(row.key.data()));
                show_message(m, "key." + n);
                show_message(m, "value." + n);
            }
            if (remove) {
                f.pairs.erase(f.pairs.begin() + static_cast<std::ptrdiff_t>(*remove));
                f.touched.insert("pairs");
                wipe_imgui_text_state();  // ImGui's edit buffer may hold the removed value
            }
            if (secondary_button(ICON_PLUS "  Key & value##generic")) f.pairs.emplace_back();
            show_message(m, "pairs");
            break;
        }
    }
}

// ---- the dialog -------------------------------------------------------------------------------

void open_form(const app::State& state, CreateFormUi& f) {
    wipe_create_form(f);
    f.serial = state.dialog.serial;
    f.focus_name = true;
    if (state.dialog.create.kind == CredentialKind::GenericSecret) f.pairs.emplace_back();
}

// The modal's frame: centred, as tall as the page allows. False when it is not shown.
bool begin_dialog_window() {
    if (!ImGui::IsPopupOpen(kPopup)) ImGui::OpenPopup(kPopup);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float w = ImMin(em(40), vp->WorkSize.x - em(2));
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(w, vp->WorkSize.y - em(3)), ImGuiCond_Always);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, em(1.4f, 1.2f));
    const bool shown = ImGui::BeginPopupModal(kPopup, nullptr,
                                              ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove |
                                                  ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleVar();
    return shown;
}

// The scope: the chosen path, and a list or tree to choose it in. A click goes to the app.
void draw_scope_section(const app::State& state, CreateFormUi& f, const Messages& m, Actions& out) {
    const std::optional<ScopeRef>& scope = state.dialog.create.scope;
    label("Scope");
    const std::string chosen = scope ? state.org.scope_path(*scope) : std::string("No scope chosen");
    text_muted(chosen.c_str());
    register_last_item("scope/chosen", chosen);
    ImGui::SameLine(ImGui::GetContentRegionMax().x - em(8.5f));
    if (ImGui::SmallButton(f.scope_as_diagram ? "Show as a list##scope-view" : "Show as a tree##scope-view"))
        f.scope_as_diagram = !f.scope_as_diagram;
    std::optional<ScopeRef> clicked;
    if (f.scope_as_diagram) {
        clicked = draw_scope_tree_picker(
            state, f.scope_diagram, scope.value_or(ScopeRef{ScopeType::Tenant, {}, {}, {}}),
            state.permissions.loaded ? &state.permissions.scopes.create : nullptr, ImVec2(0, em(16)));
    } else {
        clicked = draw_scope_picker(state, f, em(9));
    }
    if (clicked) {
        out.push_back(app::CreateScopeChosen{*clicked});
        f.touched.insert("scope");
    }
    show_message(m, "scope");
}

void draw_name_and_description(CreateFormUi& f, const Messages& m) {
    label("Credential name");
    if (f.focus_name) {
        ImGui::SetKeyboardFocusHere();
        f.focus_name = false;
    }
    text_field(f, "name", "##name", f.name.data(), f.name.size(), "lowercase letters, digits and -");
    show_message(m, "name");

    label("Description (optional)");
    text_field(f, "description", "##description", f.description.data(), f.description.size());
    const std::string counter = std::to_string(utf8_length(f.description.data())) + " / 250";
    text_muted(counter.c_str());
    register_last_item("description/counter", counter);
    show_message(m, "description");
}

// A generic secret's format: radios that wrap on a narrow screen.
void draw_format_chooser(SecretFormat chosen, Actions& out) {
    label("Secret format");
    begin_group("radiogroup/format", "radiogroup", "Secret format");
    bool first = true;
    for (const SecretFormat format : kAllSecretFormats) {
        const std::string text(secret_format_label(format));
        if (!first)
            flow_next(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                      ImGui::CalcTextSize(text.c_str()).x);
        first = false;
        if (ImGui::RadioButton((text + "##format").c_str(), format == chosen))
            out.push_back(app::CreateFormatChosen{format});
        describe_last_item("radio", {}, {{"aria-checked", format == chosen ? "true" : "false"}});
    }
    end_group();
}

// "New secret" or "Existing secret" (for the kinds that can use one), then that secret's fields.
void draw_secret_section(const app::State& state, CreateFormUi& f, const Messages& m, Actions& out, double now_ms) {
    const app::CreateDialog& d = state.dialog.create;
    ImGui::Dummy(em(0, 0.3f));
    const bool existing = d.use_existing && !d.personal && kind_supports_existing_secret(d.kind);
    if (!d.personal && kind_supports_existing_secret(d.kind)) {
        label("Secret");
        begin_group("radiogroup/source", "radiogroup", "Secret");
        if (ImGui::RadioButton("New secret (recommended)##source", !existing))
            out.push_back(app::CreateSourceChosen{false});
        describe_last_item("radio", {}, {{"aria-checked", existing ? "false" : "true"}});
        flow_next(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                  ImGui::CalcTextSize("Existing secret (in the cluster)").x);  // below on a phone
        if (ImGui::RadioButton("Existing secret (in the cluster)##source", existing))
            out.push_back(app::CreateSourceChosen{true});
        describe_last_item("radio", {}, {{"aria-checked", existing ? "true" : "false"}});
        end_group();
        if (existing)
            text_muted("A secret created in advance in the cluster; it can back only one credential.");
        else
            text_muted("A new secret is created together with the credential.");
    }
    if (d.kind == CredentialKind::GenericSecret) draw_format_chooser(d.format, out);
    if (existing)
        draw_existing(state, f, m, out, now_ms);
    else
        draw_new_secret(state, f, m, out, now_ms);
}

// A refusal the form cannot place next to a field.
void draw_form_error(const std::optional<ApiError>& error) {
    if (!error || !error->field.empty()) return;
    std::string text = error->message;
    if (!error->details.empty()) text += "\n" + error->details;
    ImGui::Dummy(em(0, 0.3f));
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
    register_last_item("error/form", text);
}

// Create and Cancel under the form; Enter submits, Esc cancels.
void draw_buttons(const app::State& state, CreateFormUi& f, const app::CreateForm& form,
                  const std::vector<app::FieldProblem>& problems, Actions& out) {
    const app::CreateDialog& d = state.dialog.create;
    ImGui::Separator();
    ImGui::Dummy(em(0, 0.3f));
    const bool valid = problems.empty();
    // Enter submits, except while pasting into the (multi-line) import box.
    const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) && !f.import_open;
    bool submit = primary_button(d.submitting ? "Creating\xE2\x80\xA6##create" : "Create credentials##create",
                                 ImVec2(0, 0), valid && !d.submitting);
    if (!valid) {
        // Why the button is disabled: on hover, and for the tests.
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) tooltip_text(problems.front().message.c_str());
        register_last_item("create/blocked", problems.front().field + ": " + problems.front().message);
    }
    ImGui::SameLine();
    const bool cancel = secondary_button("Cancel##create");
    if (d.submitting) {
        ImGui::SameLine();
        spinner(em(0.5f), palette().busy);
    }
    if (enter && !d.submitting) {
        f.submit_attempted = true;
        submit = valid;
    }
    if (submit) {
        f.submit_attempted = true;
        out.push_back(app::CreateSubmitted{app::make_create_request(form)});
    }
    if (cancel || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) out.push_back(app::DialogClosed{});
}

}  // namespace

void draw_create_dialog(const app::State& state, CreateFormUi& f, Actions& out, double now_ms) {
    const app::CreateDialog& d = state.dialog.create;
    if (f.serial != state.dialog.serial) open_form(state, f);
    if (!begin_dialog_window()) return;
    const std::string title =
        std::string(d.personal ? "New personal " : "New ") + std::string(kind_label(d.kind)) + " credential";
    begin_group("dialog/create", "dialog", title, {{"aria-modal", "true"}});

    const app::CreateForm form = form_of(state, f);
    const std::vector<app::FieldProblem> problems = check_create_form(
        form, state.org, state.credentials, state.permissions.loaded ? &state.permissions.scopes.create : nullptr);
    const Messages m{problems, d.error, f};

    ImGui::PushFont(fonts().title);
    ImGui::TextUnformatted(title.c_str());
    ImGui::PopFont();
    register_last_item("title##create", title);
    describe_last_item("heading", {}, {{"aria-level", "2"}});
    ImGui::Separator();

    // The form scrolls; the buttons stay at the bottom.
    const float buttons_h = ImGui::GetFrameHeightWithSpacing() + em(1.6f);
    ImGui::BeginChild("##create-form", ImVec2(0, -buttons_h), false, ImGuiWindowFlags_NavFlattened);
    if (d.personal) {  // no scope to choose: the account, every cluster, for this user only
        ImGui::Dummy(em(0, 0.3f));
        const char* note =
            "A personal credential is yours alone: nobody else sees it, administrators included. It reaches every "
            "cluster, and your workloads use it by name.";
        ImGui::PushTextWrapPos(0);
        text_muted(note);
        ImGui::PopTextWrapPos();
        register_last_item("personal/note##create", note);
    } else {
        draw_scope_section(state, f, m, out);
    }
    draw_name_and_description(f, m);
    draw_secret_section(state, f, m, out, now_ms);
    draw_form_error(d.error);
    ImGui::EndChild();

    draw_buttons(state, f, form, problems, out);
    end_group();
    ImGui::EndPopup();
}

}  // namespace cc::ui
