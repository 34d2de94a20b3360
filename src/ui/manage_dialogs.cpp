// Rename and delete dialogs, and draw_dialogs(), which shows whichever dialog the app state
// says is open and wipes the new-credential form's buffers once its dialog is gone.
#include <cstring>
#include <optional>
#include <string>

#include "app/update.h"
#include "core/name_check.h"
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

bool begin_modal(const char* id, float width_em) {
    if (!ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    const float w = ImMin(em(width_em), vp->WorkSize.x - em(2));
    ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, vp->WorkSize.y - em(2)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, em(1.4f, 1.2f));
    const bool shown = ImGui::BeginPopupModal(id, nullptr,
                                              ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove |
                                                  ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PopStyleVar();
    return shown;
}

// The dialog's title; the dialog's items from here to end_modal() are the dialog's for screen
// readers (a modal dialog named by its title).
void title(const std::string& text, const char* id) {
    begin_group(std::string("dialog/") + id, "dialog", text, {{"aria-modal", "true"}});
    ImGui::PushFont(fonts().title);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopFont();
    register_last_item(id, text);
    describe_last_item("heading", {}, {{"aria-level", "2"}});
    ImGui::Separator();
    ImGui::Dummy(em(0, 0.2f));
}

void error_text(const std::string& text, const std::string& id) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    register_last_item(id, text);
}

void end_modal() {
    end_group();
    ImGui::EndPopup();
}

bool escape() {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
}
bool enter() {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
}

std::string joined(const std::vector<std::string>& names, std::size_t limit) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < limit; ++i) out += (i ? ", " : "") + names[i];
    if (names.size() > limit) out += " and " + std::to_string(names.size() - limit) + " more";
    return out;
}

// One line of the delete dialog, wrapped, in `color` when given, named for screen readers and tests.
void delete_line(const std::string& text, const std::string& id, std::optional<ImU32> color = std::nullopt) {
    if (color) ImGui::PushStyleColor(ImGuiCol_Text, *color);
    ImGui::PushTextWrapPos(0);
    ImGui::Bullet();
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    if (color) ImGui::PopStyleColor();
    register_last_item(id, text);
}

void section_heading(const std::string& text, const char* id) {
    ImGui::Dummy(em(0, 0.3f));
    ImGui::PushFont(fonts().strong);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopFont();
    register_last_item(id, text);
    describe_last_item("heading", {}, {{"aria-level", "3"}});
}

}  // namespace

void draw_rename_dialog(const app::State& state, RenameFormUi& f, Actions& out) {
    const app::RenameDialog& d = state.dialog.rename;
    const std::optional<Credential> c = state.credential(d.id);
    if (f.serial != state.dialog.serial) {
        f = RenameFormUi{};
        f.serial = state.dialog.serial;
        f.focus = true;
        if (c) {
            std::strncpy(f.name.data(), c->meta.name.c_str(), f.name.size() - 1);
            if (c->meta.description)
                std::strncpy(f.description.data(), c->meta.description->c_str(), f.description.size() - 1);
        }
    }
    if (!begin_modal("Rename##dialog", 30)) return;
    title("Rename " + (c ? c->meta.name : d.id.value), "title##rename");
    const std::string name = f.name.data();
    const std::string description = f.description.data();
    std::optional<std::string> name_msg, desc_msg;
    if (c) name_msg = name_problem_in_scope(name, c->meta.scope, state.credentials, d.id, state.org);
    desc_msg = description_problem(description);
    if (d.error && d.error->field == "name") name_msg = d.error->message;
    if (d.error && d.error->field == "description") desc_msg = d.error->message;

    ImGui::TextUnformatted("Credential name");
    if (f.focus) {
        ImGui::SetKeyboardFocusHere();
        f.focus = false;
    }
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##rename-name", f.name.data(), f.name.size());
    describe_last_item("textbox", "Credential name");
    if (name_msg) error_text(*name_msg, "error/rename-name");
    ImGui::Dummy(em(0, 0.2f));
    ImGui::TextUnformatted("Description (optional)");
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##rename-description", f.description.data(), f.description.size());
    describe_last_item("textbox", "Description (optional)");
    text_muted((std::to_string(utf8_length(description)) + " / 250").c_str());
    if (desc_msg) error_text(*desc_msg, "error/rename-description");
    if (c)
        text_muted(("The Kubernetes name stays " +
                    (c->k8s_names && !c->k8s_names->empty() ? c->k8s_names->front() : std::string("the same")) + ".")
                       .c_str());
    if (d.error && d.error->field != "name" && d.error->field != "description")
        error_text(d.error->message + (d.error->details.empty() ? "" : "\n" + d.error->details), "error/rename");

    ImGui::Dummy(em(0, 0.4f));
    const bool changed = c && (name != c->meta.name || description != c->meta.description.value_or(""));
    const bool valid = c && !name_msg && !desc_msg && changed && !d.submitting;
    bool submit = primary_button(d.submitting ? "Saving\xE2\x80\xA6##rename" : "Save##rename", ImVec2(0, 0), valid);
    if (!changed && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) tooltip_text("Nothing changed yet");
    ImGui::SameLine();
    const bool cancel = secondary_button("Cancel##rename");
    if (enter() && valid) submit = true;
    if (submit) {
        UpdateRequest r;
        r.name = name;
        r.description = description;
        out.push_back(app::RenameSubmitted{std::move(r)});
    }
    if (cancel || escape()) out.push_back(app::DialogClosed{});
    end_modal();
}

void draw_delete_dialog(const app::State& state, Actions& out) {
    const app::DeleteDialog& d = state.dialog.remove;
    if (!begin_modal("Delete##dialog", 36)) return;
    const auto& deletable = d.preview.deletable;
    const auto& blocked = d.preview.blocked;
    const bool finished = d.submitted && d.pending == 0;
    if (!finished) {
        title(app::delete_title(d), "title##delete");
        std::vector<std::string> names;
        for (const auto& item : deletable) names.push_back(item.name);
        if (!names.empty()) {
            const std::string question = names.size() == 1 ? "Delete " + names.front() + "?"
                                                           : "Delete " + std::to_string(names.size()) +
                                                                 " credentials: " + joined(names, 8) + "?";
            ImGui::PushTextWrapPos(0);
            ImGui::TextUnformatted(question.c_str());
            ImGui::PopTextWrapPos();
            register_last_item("delete/question", question);
        }
        // The two groups: only shown apart when something is blocked.
        if (!blocked.empty()) {
            section_heading("Will be deleted (" + std::to_string(deletable.size()) + ")", "delete/will-heading");
            if (deletable.empty()) text_muted("None: every selected credential is in use.");
            for (const auto& item : deletable) delete_line(item.name, "delete/will/" + item.name);
            section_heading("Blocked \xE2\x80\x94 used by workloads or assets (" + std::to_string(blocked.size()) + ")",
                            "delete/blocked-heading");
            for (const auto& item : blocked)
                delete_line(item.name + " \xE2\x80\x94 used by " + item.used_by_text, "delete/blocked/" + item.name,
                            palette().warn);
            text_muted("Blocked credentials stay. Remove them from what uses them first.");
        }
        text_muted("Deleting removes the Kubernetes secrets it created from every cluster.");
        ImGui::Dummy(em(0, 0.4f));
        const std::string confirm =
            (d.submitted ? std::string("Deleting\xE2\x80\xA6") : app::delete_confirm_label(d)) + "##delete";
        const bool can = !d.submitted && !deletable.empty();
        const bool go = primary_button(confirm.c_str(), ImVec2(0, 0), can);
        ImGui::SameLine();
        const bool cancel = secondary_button("Cancel##delete", ImVec2(0, 0), !d.submitted);
        if (go || (enter() && can)) out.push_back(app::DeleteConfirmed{});
        if (cancel || (escape() && !d.submitted)) out.push_back(app::DialogClosed{});
    } else {
        title(app::delete_report_title(d), "title##delete-report");
        for (const auto& o : d.outcomes) {
            const bool deleted = o.result == app::DeleteOutcome::Result::Deleted;
            delete_line(deleted ? o.name + ": deleted" : o.name + ": refused \xE2\x80\x94 " + o.message,
                        "delete/outcome/" + o.name, deleted ? palette().ok : palette().error);
        }
        for (const auto& item : blocked)
            delete_line(item.name + ": not sent \xE2\x80\x94 used by " + item.used_by_text,
                        "delete/outcome/" + item.name, palette().warn);
        ImGui::Dummy(em(0, 0.4f));
        if (primary_button("Close##delete") || escape() || enter()) out.push_back(app::DialogClosed{});
    }
    end_modal();
}

// A dialog the app has closed is still open in ImGui's popup stack: close it there too, so no
// invisible modal keeps blocking the page.
void close_stale_popups(app::DialogKind open) {
    const std::pair<app::DialogKind, const char*> popups[] = {{app::DialogKind::Create, "New credentials##dialog"},
                                                              {app::DialogKind::Rename, "Rename##dialog"},
                                                              {app::DialogKind::Delete, "Delete##dialog"}};
    ImGuiContext& g = *GImGui;
    for (const auto& [kind, id] : popups) {
        if (kind == open) continue;
        const ImGuiID pid = ImGui::GetID(id);
        for (int i = 0; i < g.OpenPopupStack.Size; ++i)
            if (g.OpenPopupStack[i].PopupId == pid) {
                ImGui::ClosePopupToLevel(i, true);
                break;
            }
    }
}

void draw_dialogs(const app::State& state, UiState& ui, Actions& out, double now_ms) {
    close_stale_popups(state.dialog.open);
    // The form's buffers live only as long as its dialog.
    if (ui.create.serial != 0 &&
        (state.dialog.open != app::DialogKind::Create || state.dialog.serial != ui.create.serial)) {
        wipe_create_form(ui.create);
        ui.create.serial = 0;
    }
    switch (state.dialog.open) {
        case app::DialogKind::None: break;
        case app::DialogKind::Create: draw_create_dialog(state, ui.create, out, now_ms); break;
        case app::DialogKind::Rename: draw_rename_dialog(state, ui.rename, out); break;
        case app::DialogKind::Delete: draw_delete_dialog(state, out); break;
    }
}

}  // namespace cc::ui
