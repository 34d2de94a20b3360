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
    const bool personal = created->meta.is_private;
    upsert_credential(s, std::move(*created), a.now_ms);
    close_dialog(s);
    if (personal) {  // it shows in "My credentials", never in the table
        if (const CredentialRow* row = s.row(id)) announce(s, std::string(row->cell(Column::Credential)) + " created");
        return {};
    }
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
    auto outcome = std::find_if(d.outcomes.begin(), d.outcomes.end(), [&id](const DeleteOutcome& o) {
        return o.id == id && o.result == DeleteOutcome::Result::Pending;
    });
    const bool ours = s.dialog.open == DialogKind::Delete && d.pending > 0 && outcome != d.outcomes.end();
    if (ours)
        outcome->result = r.status >= 200 && r.status < 300 ? DeleteOutcome::Result::Deleted
                          : r.status == 404                 ? DeleteOutcome::Result::Deleted
                                                            : DeleteOutcome::Result::Refused;
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
        outcome->message = reason_of(api::error_of(r));
    }
    if (!ours) return {};
    // One credential deleted as asked needs no report; anything more (several, a refusal, some
    // left out because they are in use) gets one, credential by credential.
    if (--d.pending == 0 && d.refused() == 0 && d.outcomes.size() == 1 && d.preview.blocked.empty()) close_dialog(s);
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
    if (a.personal) {
        if (!kind_allows_personal(a.kind)) {
            s.dialog.open = DialogKind::None;
            return {};
        }
        // Personal credentials belong to the account and reach every cluster; no role is needed.
        s.dialog.create.personal = true;
        s.dialog.create.scope = ScopeRef{ScopeType::Tenant, {}, {}, {}};
        return {};
    }
    // A user who may create in one project only has nothing to choose.
    if (s.permissions.loaded)
        if (auto only = s.permissions.scopes.create.single_project()) s.dialog.create.scope = s.org.normalized(*only);
    return {};
}

Effects handle(State& s, CreateScopeChosen& a) {
    if (s.dialog.open != DialogKind::Create || s.dialog.create.personal) return {};
    s.dialog.create.scope = s.org.normalized(a.scope);
    return follow_existing_secrets(s, false);
}

Effects handle(State& s, CreateSourceChosen& a) {
    if (s.dialog.open != DialogKind::Create || s.dialog.create.personal ||
        !kind_supports_existing_secret(s.dialog.create.kind))
        return {};
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
        if (d.personal) {  // whatever the view sent, a personal credential is private, account-wide
            r.is_private = true;
            r.scope = ScopeRef{ScopeType::Tenant, {}, {}, {}};
        }
        r.scope = s.org.normalized(r.scope);
        std::optional<ApiError> problem = validate_create(r);
        if (!problem) {
            const CredentialKind kind = spec_kind(r.spec);
            if (auto dup = d.personal ? personal_name_problem(r.name, kind, s.credentials)
                                      : name_problem_in_scope(r.name, r.scope, s.credentials, std::nullopt, s.org))
                problem = ApiError{409, *dup, {}, "meta.name"};
        }
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
    const CredentialRow* row = s.row(s.selection.front());
    if (!row || row->personal) return {};  // personal credentials are never renamed
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
// split into the deletable ones and those the loaded list says are in use.
DeleteDialog propose_delete(const State& s, const std::vector<CredentialId>& ids) {
    std::vector<Credential> selected;
    for (const auto& id : ids)
        if (std::optional<Credential> c = s.credential(id)) selected.push_back(std::move(*c));
    DeleteDialog d;
    d.preview = preview_delete(selected);
    return d;
}

}  // namespace

Effects handle(State& s, DeleteRequested&) {
    if (!s.session || s.dialog.open != DialogKind::None || s.selection.empty()) return {};
    DeleteDialog d = propose_delete(s, s.selection);
    if (d.preview.deletable.empty() && d.preview.blocked.empty()) return {};
    open_dialog(s, DialogKind::Delete);
    s.dialog.remove = std::move(d);
    return {};
}

Effects handle(State& s, PersonalDeleteRequested& a) {
    if (!s.session || s.dialog.open != DialogKind::None) return {};
    const CredentialRow* row = s.row(a.id);
    if (!row || !row->personal) return {};
    DeleteDialog d = propose_delete(s, {a.id});
    open_dialog(s, DialogKind::Delete);
    s.dialog.remove = std::move(d);
    return {};
}

Effects handle(State& s, DeleteConfirmed&) {
    DeleteDialog& d = s.dialog.remove;
    if (!s.session || s.dialog.open != DialogKind::Delete || d.submitted) return {};
    if (d.preview.deletable.empty()) return {};  // everything is blocked: nothing to send
    d.submitted = true;
    Effects fx;
    for (const auto& item : d.preview.deletable) {
        const std::optional<Credential> c = s.credential(item.id);
        if (!c) continue;
        ++d.pending;
        d.outcomes.push_back(DeleteOutcome{item.id, item.name, DeleteOutcome::Result::Pending, {}});
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

std::string delete_title(const DeleteDialog& d) {
    const std::size_t n = d.preview.deletable.size() + d.preview.blocked.size();
    return n == 1 ? "Delete credential" : "Delete " + std::to_string(n) + " credentials";
}

std::string delete_confirm_label(const DeleteDialog& d) {
    const std::size_t n = d.preview.deletable.size();
    if (n == 0) return "Nothing to delete";
    return n == 1 ? std::string("Delete") : "Delete " + std::to_string(n) + " credentials";
}

std::string delete_report_title(const DeleteDialog& d) {
    const std::size_t total = d.outcomes.size() + d.preview.blocked.size();
    const std::size_t failed = d.refused() + d.preview.blocked.size();
    if (failed == 0)
        return total == 1 ? d.outcomes.front().name + " deleted"
                          : "All " + std::to_string(total) + " credentials deleted";
    if (failed == total)
        return total == 1 ? (d.outcomes.empty() ? d.preview.blocked.front().name : d.outcomes.front().name) +
                                " was not deleted"
                          : "None of the " + std::to_string(total) + " credentials was deleted";
    return std::to_string(total - failed) + " of " + std::to_string(total) + " credentials deleted; " +
           std::to_string(failed) + " could not be";
}

}  // namespace cc::app
