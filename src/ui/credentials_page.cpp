// The Credentials page: header, toolbar (refresh, counts, last load time) and the table of
// credentials with the seed's columns. Rows come precomputed from the app state; only the
// visible ones are drawn (list clipper).
#include <string>

#include "core/table.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace cc::ui {
namespace {

ImU32 status_color(std::optional<SyncStatus> s) {
    if (!s) return color::kMuted;
    switch (*s) {
        case SyncStatus::NoIssuesFound: return color::kOk;
        case SyncStatus::IssuesFound: return color::kWarn;
        case SyncStatus::Failed:
        case SyncStatus::DeletionFailed: return color::kError;
        case SyncStatus::Creating:
        case SyncStatus::Updating:
        case SyncStatus::Deleting: return color::kBusy;
        case SyncStatus::NoStatus: return color::kMuted;
    }
    return color::kMuted;
}

// Relative column weights.
float initial_width(Column c) {
    switch (c) {
        case Column::Credential: return 13;
        case Column::Description: return 16;
        case Column::Type: return 9.5f;
        case Column::Status: return 9;
        case Column::Scope: return 8;
        case Column::KubernetesName: return 11;
        case Column::Environments: return 9;
        case Column::DataSources: return 9;
        case Column::CreatedBy: return 12;
        case Column::CreationTime: return 10;
        case Column::Cluster: return 7;
    }
    return 8;
}

std::string cell_id(Column c, const CredentialRow& row) {
    return std::string(column_title(c)) + "/" + row.cell(Column::Credential) + "##" + row.id.value;
}

void draw_status_cell(const CredentialRow& row) {
    const float r = em(0.28f);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float cy = p.y + ImGui::GetTextLineHeight() * 0.5f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 col = status_color(row.status);
    if (row.status && status_is_transient(*row.status)) {
        const float t = static_cast<float>(ImGui::GetTime()) * 6.0f;
        dl->PathArcTo(ImVec2(p.x + r, cy), r, t, t + 4.2f, 12);
        dl->PathStroke(col, 0, r * 0.6f);
    } else {
        dl->AddCircleFilled(ImVec2(p.x + r, cy), r, col);
    }
    ImGui::SetCursorScreenPos(ImVec2(p.x + r * 2 + em(0.45f), p.y));
    cell_text(cell_id(Column::Status, row), row.cell(Column::Status), row.status_detail.c_str());
}

void draw_header(const app::State& state, Actions& out) {
    ImGui::PushFont(fonts().title);
    ImGui::TextUnformatted("Credentials");
    ImGui::PopFont();
    const char* user = state.session ? state.session->user.c_str() : "";
    const float sign_out_w = ImGui::CalcTextSize("Sign out").x + ImGui::GetStyle().FramePadding.x * 2;
    const float user_w = ImGui::CalcTextSize(user).x;
    ImGui::SameLine(ImGui::GetContentRegionMax().x - sign_out_w - user_w - ImGui::GetStyle().ItemSpacing.x);
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(user);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (secondary_button("Sign out##header")) out.push_back(app::LogoutRequested{});
}

void draw_toolbar(const app::State& state, Actions& out) {
    const bool loading = state.phase == app::LoadPhase::Loading;
    if (secondary_button("Refresh##toolbar", ImVec2(0, 0), !loading)) out.push_back(app::RefreshRequested{});
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    if (loading && !state.rows.empty()) {
        spinner(em(0.5f), color::kBusy);
        ImGui::SameLine();
        ImGui::TextUnformatted("Refreshing\xE2\x80\xA6");
    } else if (state.phase == app::LoadPhase::Loaded) {
        const std::string summary = std::to_string(state.rows.size()) + (state.rows.size() == 1 ? " credential" : " credentials") +
                                    "  \xC2\xB7  Last loaded " + format_clock_time(state.loaded_at_ms, state.utc_offset_minutes);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
        ImGui::TextUnformatted(summary.c_str());
        ImGui::PopStyleColor();
        register_last_item("summary##toolbar", summary);
    }
}

void draw_table(const app::State& state) {
    // Columns share the width by weight (long cells elide, with the full text on hover), so
    // every column is on screen without horizontal scrolling.
    const ImGuiTableFlags flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("credentials##table", static_cast<int>(kColumnCount), flags, ImGui::GetContentRegionAvail())) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    for (Column c : kAllColumns) {
        ImGuiTableColumnFlags cf = ImGuiTableColumnFlags_WidthStretch;
        if (c == Column::Credential) cf |= ImGuiTableColumnFlags_NoHide;
        ImGui::TableSetupColumn(std::string(column_title(c)).c_str(), cf, initial_width(c));
    }
    // Headers drawn one by one (rather than TableHeadersRow) so each is registered for tests.
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (Column c : kAllColumns) {
        if (!ImGui::TableSetColumnIndex(static_cast<int>(c))) continue;
        const std::string title(column_title(c));
        ImGui::TableHeader(title.c_str());
        register_last_item("header/" + title, title);
    }

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(state.rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const CredentialRow& row = state.rows[static_cast<std::size_t>(i)];
            ImGui::TableNextRow(ImGuiTableRowFlags_None, em(2.0f));
            for (Column c : kAllColumns) {
                if (!ImGui::TableSetColumnIndex(static_cast<int>(c))) continue;
                ImGui::SetCursorPosY(ImGui::GetCursorPosY() + em(0.3f));
                switch (c) {
                    case Column::Credential: {
                        ImGui::PushFont(fonts().strong);
                        cell_text(cell_id(c, row), row.cell(c));
                        ImGui::PopFont();
                        break;
                    }
                    case Column::Status: draw_status_cell(row); break;
                    case Column::Scope: cell_text(cell_id(c, row), row.cell(c), row.scope_path.c_str()); break;
                    case Column::CreationTime: cell_text(cell_id(c, row), row.cell(c), row.created_at_iso.c_str()); break;
                    default: cell_text(cell_id(c, row), row.cell(c)); break;
                }
            }
        }
    }
    ImGui::EndTable();
}

// A bordered card centred in the remaining space: title, text, optional action button.
// Returns true when the button was pressed.
bool message_card(const char* id, const char* title, const std::string& body, const char* button = nullptr) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float w = ImMin(em(28), avail.x);
    const float text_h = ImGui::CalcTextSize(body.c_str(), nullptr, false, w - em(3)).y;
    const float h = em(4.5f) + text_h + (button ? ImGui::GetFrameHeightWithSpacing() + em(0.5f) : 0.0f);
    ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + (avail.x - w) * 0.5f, ImGui::GetCursorPosY() + ImMax((avail.y - h) * 0.35f, 0.0f)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, em(1.5f, 1.2f));
    ImGui::BeginChild(id, ImVec2(w, h), true, ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar);
    ImGui::PushFont(fonts().strong);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    ImGui::Dummy(em(0, 0.2f));
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(body.c_str());
    ImGui::PopTextWrapPos();
    register_last_item(id, body);
    bool pressed = false;
    if (button) {
        ImGui::Dummy(em(0, 0.3f));
        pressed = primary_button(button);
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
    return pressed;
}

}  // namespace

void draw_credentials_page(const app::State& state, UiState&, Actions& out, double) {
    draw_header(state, out);
    ImGui::Separator();
    draw_toolbar(state, out);
    ImGui::Dummy(em(0, 0.2f));

    switch (state.phase) {
        case app::LoadPhase::Idle:
        case app::LoadPhase::Loading:
            if (state.rows.empty()) {
                const ImVec2 avail = ImGui::GetContentRegionAvail();
                ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + avail.x * 0.5f - em(5), ImGui::GetCursorPosY() + avail.y * 0.3f));
                spinner(em(0.8f), color::kBusy);
                ImGui::SameLine();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted("Loading credentials\xE2\x80\xA6");
                register_last_item("loading##page", "Loading credentials\xE2\x80\xA6");
                return;
            }
            draw_table(state);
            return;
        case app::LoadPhase::Failed: {
            const ApiError& e = state.load_error;
            std::string body = e.message;
            if (!e.details.empty()) body += "\n" + e.details;
            body += e.code ? "\n\nThe server answered HTTP " + std::to_string(e.code) + "."
                           : "\n\nCheck your network connection, then try again.";
            if (message_card("error##page", "The credentials could not be loaded", body, "Retry##error"))
                out.push_back(app::RefreshRequested{});
            return;
        }
        case app::LoadPhase::Loaded:
            if (state.rows.empty()) {
                message_card("empty##page", "No credentials yet",
                             "Credentials hold the passwords, tokens and keys your workloads use to reach private "
                             "registries and data sources. None are defined in the scopes you can see.");
                return;
            }
            draw_table(state);
            return;
    }
}

}  // namespace cc::ui
