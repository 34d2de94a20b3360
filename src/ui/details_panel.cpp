// The details panel beside the table: everything about the selected credential (scope path,
// Kubernetes names, status and its issues, who uses it, its history), or the list of selected ones.
#include <string>

#include "app/commands.h"
#include "core/time_text.h"
#include "imgui.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/status_style.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace cc::ui {
namespace {

void field(const char* label, const std::string& value, const char* id) {
    text_muted(label);
    text_wrapped_bidi(value.empty() ? std::string_view("\xE2\x80\x94")
                                    : std::string_view(value));  // em dash for nothing
    register_last_item(id, value);
    ImGui::Dummy(em(0, 0.2f));
}

template <class List>
void usage_group(const char* title, const List& list, std::string& all) {
    if (list.empty()) return;
    std::string names;
    for (const auto& item : list) names += (names.empty() ? "" : ", ") + item.name;
    ImGui::Bullet();
    ImGui::TextWrapped("%s: %s", title, names.c_str());
    all += std::string(all.empty() ? "" : "; ") + title + ": " + names;
}

void draw_one(const app::State& state, const Credential& c, const CredentialRow& row, Actions& out, double now_ms,
              bool focus) {
    const auto copied = [&](app::CopyTarget t) { return app::shows_copied(state, t, 0, now_ms); };
    ImGui::PushFont(fonts().title);
    // Room on the first line for the copy button and the panel's close button.
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x -
                           2 * (ImGui::GetFrameHeight() + ImGui::GetStyle().ItemSpacing.x));
    ImGui::TextUnformatted(c.meta.name.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    register_last_item("details/name", c.meta.name);
    ImGui::SameLine();
    if (focus) focus_next_item();  // Enter on the selected row: the panel's first control
    if (copy_button("Copy##name", "Copy the credential's name", copied(app::CopyTarget::CredentialName)))
        out.push_back(app::CopyRequested{app::CopyTarget::CredentialName, 0, now_ms});
    const std::string type(row.cell(Column::Type));  // a generic secret's format too
    text_muted(type.c_str());
    register_last_item("details/type", type);
    ImGui::Separator();

    text_muted("Status");
    status_icon(row.status);
    ImGui::TextUnformatted(row.cell(Column::Status).c_str());
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(row.status_detail().c_str());
    ImGui::PopTextWrapPos();
    register_last_item("details/status", std::string(row.status_detail()));
    ImGui::Dummy(em(0, 0.2f));
    draw_details_login_check(state, c, out, now_ms);

    field("Description", c.meta.description.value_or(""), "details/description");
    field("Scope", std::string(row.scope_path()), "details/scope");
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - em(0.2f));
    if (secondary_button(ICON_SITEMAP "  Show in tree##details")) out.push_back(app::DiagramOpened{c.meta.id, {}});
    if (ImGui::IsItemHovered()) tooltip_text("See where this credential can be used in the scope tree");
    ImGui::Dummy(em(0, 0.2f));
    field("Cluster", std::string(row.cell(Column::Cluster)), "details/cluster");
    const std::string k8s_name(row.cell(Column::KubernetesName));
    text_muted("Kubernetes name");
    if (!k8s_name.empty()) {
        ImGui::SameLine();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().FramePadding.y);
        if (copy_button("Copy##k8s-name", "Copy the Kubernetes name", copied(app::CopyTarget::KubernetesName)))
            out.push_back(app::CopyRequested{app::CopyTarget::KubernetesName, 0, now_ms});
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(k8s_name.empty() ? "\xE2\x80\x94" : k8s_name.c_str());
    ImGui::PopTextWrapPos();
    register_last_item("details/kubernetes-name", k8s_name);
    ImGui::Dummy(em(0, 0.2f));
    if (auto existing = spec_existing_secret_name(c.spec))
        field("Existing secret", *existing, "details/existing-secret");
    field("Created", std::string(row.cell(Column::CreatedBy)) + ", " + std::string(row.cell(Column::CreationTime)),
          "details/created");
    if (c.meta.updated_at != c.meta.created_at && !c.meta.updated_at.empty())
        field("Updated", c.meta.updated_by + ", " + format_local_time(c.meta.updated_at, state.utc_offset_minutes),
              "details/updated");

    text_muted("Used by");
    std::string all;
    if (c.used_by) {
        const UsageInfo& u = *c.used_by;
        usage_group("Workspaces", u.workspaces, all);
        usage_group("Trainings", u.trainings, all);
        usage_group("Distributed", u.distributed, all);
        usage_group("Inferences", u.inferences, all);
        usage_group("Templates", u.templates, all);
        usage_group("Environments", u.environments, all);
        usage_group("Data sources", u.datasources, all);
        usage_group("Computes", u.computes, all);
    }
    if (all.empty()) ImGui::TextUnformatted(c.used_by ? "Not used by any workload or asset" : "Unknown");
    register_last_item("details/used-by", all);

    draw_credential_history(state, out);
}

}  // namespace

void draw_details_panel(const app::State& state, Actions& out, double now_ms, bool focus) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, em(1.1f, 0.9f));
    ImGui::BeginChild("details##panel", ImVec2(0, 0), true,
                      ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NavFlattened);
    const float close_w = ImGui::GetFrameHeight();
    ImGui::SetCursorPosX(ImGui::GetContentRegionMax().x - close_w);
    if (secondary_button(ICON_TIMES "##close-details", ImVec2(close_w, close_w)))
        out.push_back(app::SelectionCleared{});
    describe_last_item("button", "Close the details");
    if (ImGui::IsItemHovered()) tooltip_text("Close the details");
    ImGui::SetCursorPosY(ImGui::GetStyle().WindowPadding.y);
    if (state.selection.size() == 1) {
        const std::optional<Credential> c = state.credential(state.selection.front());
        const CredentialRow* row = state.row(state.selection.front());
        if (c && row) draw_one(state, *c, *row, out, now_ms, focus);
    } else {
        const std::string title = std::to_string(state.selection.size()) + " credentials selected";
        ImGui::PushFont(fonts().strong);
        ImGui::TextUnformatted(title.c_str());
        ImGui::PopFont();
        register_last_item("details/name", title);
        ImGui::Separator();
        for (const auto& id : state.selection)
            if (const std::optional<Credential> c = state.credential(id)) ImGui::BulletText("%s", c->meta.name.c_str());
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
}

}  // namespace cc::ui
