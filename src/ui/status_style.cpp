// Status icons and colours.
#include "ui/status_style.h"

#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace cc::ui {

StatusLook status_look(std::optional<SyncStatus> s) {
    const Palette& p = palette();
    if (!s) return {ICON_CIRCLE_O, p.muted, false};
    switch (*s) {
        case SyncStatus::NoIssuesFound: return {ICON_CHECK_CIRCLE, p.ok, false};
        case SyncStatus::IssuesFound: return {ICON_WARNING, p.warn, false};
        case SyncStatus::Failed:
        case SyncStatus::DeletionFailed: return {ICON_TIMES_CIRCLE, p.error, false};
        case SyncStatus::Creating:
        case SyncStatus::Updating:
        case SyncStatus::Deleting: return {"", p.busy, true};
        case SyncStatus::NoStatus: return {ICON_MINUS_CIRCLE, p.muted, false};
    }
    return {ICON_CIRCLE_O, p.muted, false};
}

void status_icon(std::optional<SyncStatus> s) {
    const StatusLook look = status_look(s);
    if (look.spinning) {
        const float h = ImGui::GetTextLineHeight();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(ImVec2(p.x + h * 0.1f, p.y + h * 0.1f));
        spinner(h * 0.4f, look.color);
        ImGui::SameLine(0, h * 0.45f);
        ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, p.y));
    } else {
        text_colored(look.color, look.icon);
        ImGui::SameLine(0, ImGui::GetFontSize() * 0.4f);
    }
}

}  // namespace cc::ui
