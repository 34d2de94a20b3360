// The dialogs: a new credential (per kind, with the existing secrets of the chosen scope),
// rename, and delete with its confirmation and per-credential report. Responses land here
// whatever the table's load generation: a refresh must not lose the answer to a create.
#include <algorithm>
#include <utility>

#include "app/create_form.h"
#include "app/update_internal.h"
#include "core/name_check.h"
#include "core/validation.h"

namespace cc::app {
namespace {

void open_dialog(State& s, DialogKind kind) {
    s.dialog.open = kind;
    ++s.dialog.serial;
}

void close_dialog(State& s) {
    s.dialog.open = DialogKind::None;
    s.dialog.create = CreateDialog{};
    s.dialog.rename = RenameDialog{};
    s.dialog.remove = DeleteDialog{};
    ++s.dialog.serial;
}

// Adds or replaces the credential's row and keeps the table consistent.
void upsert_credential(State& s, const Credential& c, double now_ms) {
    s.credentials_etag.clear();  // the list held is no longer the one the server tagged
    const auto at = s.row_at(c.meta.id);
    if (!at) {
        s.rows.push_back(make_row(c, s.org, s.utc_offset_minutes));
        s.credentials.push_back(c);
        rows_changed(s, now_ms);
        recompute_view(s);
    } else {
        replace_row(s, *at, c, now_ms);
    }
}

// A credential answered by a create/rename/delete, or a minimal local copy in the stated
// status when the body is not a credential (a 202 with an empty body is allowed).
void mark_status(State& s, const CredentialId& id, SyncStatus status, double now_ms) {
    const std::optional<Credential> c = s.credential(id);
    if (!c) return;
    Credential copy = std::move(*c);
    if (!copy.status) copy.status = AssetStatus{};
    copy.status->status = status;
    copy.status->issues.clear();
    upsert_credential(s, std::move(copy), now_ms);
}

std::string reason_of(const ApiError& e) {
    std::string r = e.message;
    if (!e.details.empty() && e.details.rfind("field: ", 0) != 0) r += " (" + e.details + ")";
    return r;
}

}  // namespace

Effects on_response(State& s, const request::Create& asked, HttpResponded& a) {
    CreateDialog& d = s.dialog.create;
    if (!s.session || s.dialog.open != DialogKind::Create || asked.dialog != s.dialog.serial || !d.submitting)
        return {};
    d.submitting = false;
    const api::HttpResponse& r = a.response;
    if (r.status == 401) {
        session_expired(s);
        return {};
    }
    auto created = api::parse_credential(r);
    if (!created) {
        ApiError e = created.error();
        e.field = form_field_of(e, d.format);
        d.error = std::move(e);
        return {};
    }
    const CredentialId id = created->meta.id;
    if (!created->status) created->status = AssetStatus{SyncStatus::Creating, {}, {}, {}};
    upsert_credential(s, std::move(*created), a.now_ms);
    close_dialog(s);
    // Show the new row: if the current search or filters hide it, they give way.
    const std::uint32_t index = s.row_at(id).value_or(0);
    if (std::find(s.view_rows.begin(), s.view_rows.end(), index) == s.view_rows.end()) {
        s.view.search.clear();
        s.view.filters.clear();
        query_changed(s);
    }
    s.selection = {id};
    s.anchor = id;
    s.reveal = id;
    s.reveal_keep_in_view = false;
    ++s.reveal_serial;
    if (const CredentialRow* row = s.row(id)) announce(s, std::string(row->cell(Column::Credential)) + " created");
    return {};
}

Effects on_response(State& s, const request::Rename& asked, HttpResponded& a) {
    RenameDialog& d = s.dialog.rename;
    if (!s.session || s.dialog.open != DialogKind::Rename || asked.dialog != s.dialog.serial || !d.submitting)
        return {};
    d.submitting = false;
    const api::HttpResponse& r = a.response;
    if (r.status == 401) {
        session_expired(s);
        return {};
    }
    auto updated = api::parse_credential(r);
    if (!updated) {
        ApiError e = updated.error();
        e.field = form_field_of(e);
        d.error = std::move(e);
        return {};
    }
    const CredentialId id = d.id;
    upsert_credential(s, std::move(*updated), a.now_ms);
    close_dialog(s);
    history_changed(s, id);
    return {};
}

Effects on_response(State& s, const request::Delete& asked, HttpResponded& a) {
    if (!s.session) return {};
    DeleteDialog& d = s.dialog.remove;
    const CredentialId& id = asked.id;
    const api::HttpResponse& r = a.response;
    if (r.status == 401) {
        session_expired(s);
        return {};
    }
    const bool ours = s.dialog.open == DialogKind::Delete && d.pending > 0 &&
                      std::any_of(d.items.begin(), d.items.end(), [&id](const DeleteItem& i) { return i.id == id; });
    if (r.status >= 200 && r.status < 300) history_changed(s, id);
    if (r.status == 204 || r.status == 404) {
        remove_row(s, id, a.now_ms);  // gone (404: someone else was faster)
    } else if (r.status >= 200 && r.status < 300) {
        auto answered = api::parse_credential(r);
        if (answered && answered->meta.id == id) {
            if (!answered->status) answered->status = AssetStatus{SyncStatus::Deleting, {}, {}, {}};
            upsert_credential(s, std::move(*answered), a.now_ms);
        } else {
            mark_status(s, id, SyncStatus::Deleting, a.now_ms);
        }
    } else if (ours) {
        const std::optional<Credential> c = s.credential(id);
        d.failures.push_back({id, c ? c->meta.name : id.value, reason_of(api::error_of(r))});
    }
    if (!ours) return {};
    if (--d.pending == 0 && d.failures.empty()) close_dialog(s);
    return {};
}

Effects on_response(State& s, const request::ExistingSecrets& asked, HttpResponded& a) {
    ExistingSecrets& e = s.dialog.create.existing;
    if (!s.session || s.dialog.open != DialogKind::Create || e.phase != ExistingSecrets::Phase::Loading) return {};
    if (asked.dialog != s.dialog.serial || asked.kind != e.kind || !same_scope_node(asked.scope, e.scope)) return {};
    const api::HttpResponse& r = a.response;
    if (r.status == 401) {
        session_expired(s);
        return {};
    }
    if (r.status == 404) {  // a control plane without the extension: type the name instead
        e.phase = ExistingSecrets::Phase::Unsupported;
        return {};
    }
    auto list = api::parse_existing_secrets(r);
    if (!list) {
        e.phase = ExistingSecrets::Phase::Failed;
        e.error = list.error().message;
        return {};
    }
    e.secrets.clear();
    for (auto& x : *list)
        if (!x.in_use) e.secrets.push_back(std::move(x));
    e.phase = ExistingSecrets::Phase::Loaded;
    return {};
}

namespace {

// Lists the existing secrets of the form's kind at its scope when the form shows them and they
// are not listed yet (or `again`: "Retry", "Check again").
Effects follow_existing_secrets(State& s, bool again) {
    const CreateDialog& d = s.dialog.create;
    if (!s.session || s.dialog.open != DialogKind::Create || !d.use_existing || !d.scope ||
        !kind_supports_existing_secret(d.kind))
        return {};
    ExistingSecrets& e = s.dialog.create.existing;
    const ScopeRef& scope = *d.scope;
    if (!again && e.phase != ExistingSecrets::Phase::Idle && e.kind == d.kind && same_scope_node(e.scope, scope))
        return {};
    e = ExistingSecrets{};
    e.kind = d.kind;
    e.scope = scope;
    if (scope.type == ScopeType::Tenant || scope.type == ScopeType::System) {
        e.phase = ExistingSecrets::Phase::Failed;
        e.error = "Existing secrets live in a cluster: choose a cluster, department or project scope.";
        return {};
    }
    e.phase = ExistingSecrets::Phase::Loading;
    return {SendRequest{request::ExistingSecrets{s.dialog.serial, d.kind, scope},
                        api::existing_secrets_request(*s.session, d.kind, scope)}};
}

}  // namespace

Effects handle(State& s, NewCredentialRequested& a) {
    if (!s.session || s.dialog.open != DialogKind::None) return {};
    open_dialog(s, DialogKind::Create);
    s.dialog.create = CreateDialog{};
    s.dialog.create.kind = a.kind;
    // A user who may create in one project only has nothing to choose.
    if (s.permissions.loaded)
        if (auto only = s.permissions.scopes.create.single_project()) s.dialog.create.scope = s.org.normalized(*only);
    return {};
}

Effects handle(State& s, CreateScopeChosen& a) {
    if (s.dialog.open != DialogKind::Create) return {};
    s.dialog.create.scope = s.org.normalized(a.scope);
    return follow_existing_secrets(s, false);
}

Effects handle(State& s, CreateSourceChosen& a) {
    if (s.dialog.open != DialogKind::Create || !kind_supports_existing_secret(s.dialog.create.kind)) return {};
    s.dialog.create.use_existing = a.existing;
    return follow_existing_secrets(s, false);
}

Effects handle(State& s, CreateFormatChosen& a) {
    if (s.dialog.open != DialogKind::Create || s.dialog.create.kind != CredentialKind::GenericSecret) return {};
    s.dialog.create.format = a.format;
    s.dialog.create.error.reset();  // a refusal was about the other format's fields
    return {};
}

Effects handle(State& s, ExistingSecretsRefreshRequested&) {
    return follow_existing_secrets(s, true);
}

Effects handle(State& s, CreateSubmitted& a) {
    CreateRequest& r = a.request;
    Effects fx;
    CreateDialog& d = s.dialog.create;
    if (s.session && s.dialog.open == DialogKind::Create && !d.submitting) {
        r.scope = s.org.normalized(r.scope);
        std::optional<ApiError> problem = validate_create(r);
        if (!problem)
            if (auto dup = name_problem_in_scope(r.name, r.scope, s.credentials, std::nullopt, s.org))
                problem = ApiError{409, *dup, {}, "meta.name"};
        if (problem) {
            problem->field = form_field_of(*problem, d.format);
            d.error = std::move(problem);
        } else {
            d.error.reset();
            d.submitting = true;
            fx.push_back(SendRequest{request::Create{s.dialog.serial}, api::create_credential_request(*s.session, r)});
        }
    }
    wipe_secrets(r);
    return fx;
}

Effects handle(State& s, RenameRequested&) {
    if (!s.session || s.dialog.open != DialogKind::None || s.selection.size() != 1) return {};
    if (!s.row_at(s.selection.front())) return {};
    open_dialog(s, DialogKind::Rename);
    s.dialog.rename = RenameDialog{s.selection.front(), false, {}};
    return {};
}

Effects handle(State& s, RenameSubmitted& a) {
    RenameDialog& d = s.dialog.rename;
    if (!s.session || s.dialog.open != DialogKind::Rename || d.submitting) return {};
    const std::optional<Credential> c = s.credential(d.id);
    if (!c) {
        d.error = ApiError{404, "This credential no longer exists", {}, {}};
        return {};
    }
    std::optional<ApiError> problem = validate_update(a.request);
    if (!problem && a.request.name)
        if (auto dup = name_problem_in_scope(*a.request.name, c->meta.scope, s.credentials, d.id, s.org))
            problem = ApiError{409, *dup, {}, "meta.name"};
    if (problem) {
        problem->field = form_field_of(*problem);
        d.error = std::move(problem);
        return {};
    }
    d.error.reset();
    d.submitting = true;
    return {SendRequest{request::Rename{s.dialog.serial, d.id},
                        api::update_credential_request(*s.session, c->meta.kind, d.id, a.request)}};
}

namespace {

// What the delete dialog offers for the selection: every selected credential still loaded,
// with a warning on those the loaded list says are in use.
DeleteDialog propose_delete(const State& s) {
    DeleteDialog d;
    for (const auto& id : s.selection) {
        const std::optional<Credential> c = s.credential(id);
        if (!c) continue;
        DeleteItem item{id, c->meta.name, {}};
        if (c->used_by && c->used_by->in_use())
            item.in_use = c->meta.name + " is in use (" + c->used_by->describe_users() + ") and cannot be deleted";
        d.items.push_back(std::move(item));
    }
    return d;
}

}  // namespace

Effects handle(State& s, DeleteRequested&) {
    if (!s.session || s.dialog.open != DialogKind::None || s.selection.empty()) return {};
    DeleteDialog d = propose_delete(s);
    if (d.items.empty()) return {};
    open_dialog(s, DialogKind::Delete);
    s.dialog.remove = std::move(d);
    return {};
}

Effects handle(State& s, DeleteConfirmed&) {
    DeleteDialog& d = s.dialog.remove;
    if (!s.session || s.dialog.open != DialogKind::Delete || d.submitted) return {};
    d.submitted = true;
    Effects fx;
    for (const auto& item : d.items) {
        const std::optional<Credential> c = s.credential(item.id);
        if (!c) continue;
        ++d.pending;
        fx.push_back(
            SendRequest{request::Delete{item.id}, api::delete_credential_request(*s.session, c->meta.kind, item.id)});
    }
    if (d.pending == 0) close_dialog(s);
    return fx;
}

Effects handle(State& s, DialogClosed&) {
    if (s.dialog.open == DialogKind::None) return {};
    // A delete in flight keeps counting its answers; closing only hides the report.
    close_dialog(s);
    return {};
}

}  // namespace cc::app
