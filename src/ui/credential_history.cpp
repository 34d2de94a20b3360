// The History section of the details panel: the selected credential's audit events, newest
// first (what, outcome, detail, who and when), or the loading and error states. It only draws
// app::HistoryState; the request and its answer are the app's business.
#include <string>

#include "core/time_text.h"
#include "imgui.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace cc::ui {
namespace {

constexpr const char* kDot = " \xC2\xB7 ";  // " · "

void wrapped(const std::string& text) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
}

void draw_entry(const AuditEvent& e, int utc_offset_minutes, std::size_t index) {
    const Palette& p = palette();
    const bool done = e.outcome == AuditOutcome::Done;
    const std::string what = audit_action_label(e.action);
    const std::string outcome = audit_outcome_label(e);
    const std::string when = format_local_time(e.time, utc_offset_minutes);
    const std::string who = e.actor.empty() ? std::string("unknown") : e.actor;

    ImGui::BeginGroup();
    text_colored(done ? p.ok : p.error, done ? ICON_CHECK_CIRCLE : ICON_TIMES_CIRCLE);
    ImGui::SameLine(0, em(0.4f));
    ImGui::PushFont(fonts().strong);
    ImGui::TextUnformatted(what.c_str());
    ImGui::PopFont();
    // The outcome at the right edge, unless the line is too narrow for both.
    const float outcome_w = ImGui::CalcTextSize(outcome.c_str()).x;
    const float right = ImGui::GetContentRegionMax().x - outcome_w;
    ImGui::SameLine();
    if (ImGui::GetCursorPosX() < right) ImGui::SetCursorPosX(right);
    if (done)
        text_muted(outcome.c_str());
    else
        text_colored(p.error, outcome.c_str());

    ImGui::Indent(em(1.4f));
    if (!e.detail.empty()) wrapped(e.detail);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    wrapped(who + kDot + when);
    ImGui::PopStyleColor();
    ImGui::Unindent(em(1.4f));
    ImGui::EndGroup();
    register_last_item("details/history/" + std::to_string(index),
                       what + kDot + outcome + kDot + who + kDot + when + (e.detail.empty() ? "" : kDot + e.detail));
    ImGui::Dummy(em(0, 0.35f));
}

}  // namespace

void draw_credential_history(const app::State& state, Actions& out) {
    const app::HistoryState& h = state.history;
    ImGui::Dummy(em(0, 0.3f));
    ImGui::Separator();
    ImGui::Dummy(em(0, 0.2f));
    text_muted("History");
    const bool waiting = h.phase == app::HistoryState::Phase::Idle || h.phase == app::HistoryState::Phase::Loading;
    if (waiting || (h.in_flight && h.entries.empty())) {
        spinner(em(0.5f), palette().busy);
        ImGui::SameLine();
        text_muted("Loading the history\xE2\x80\xA6");
        register_last_item("details/history", "loading");
        return;
    }
    if (h.phase == app::HistoryState::Phase::Failed) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        wrapped(h.error);
        ImGui::PopStyleColor();
        register_last_item("details/history", h.error);
        if (secondary_button("Retry##history")) out.push_back(app::HistoryRetryRequested{});
        return;
    }
    if (h.entries.empty()) {
        ImGui::TextUnformatted("Nothing recorded yet");
        register_last_item("details/history", "empty");
        return;
    }
    register_last_item("details/history", std::to_string(h.entries.size()) + " entries");
    ImGui::Dummy(em(0, 0.2f));
    for (std::size_t i = 0; i < h.entries.size(); ++i) draw_entry(h.entries[i], state.utc_offset_minutes, i);
    if (h.more) text_muted("Older entries are in the audit trail.");
}

}  // namespace cc::ui
