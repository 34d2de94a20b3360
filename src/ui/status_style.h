// How a sync status looks: icon and colour, shared by the table and the details panel.
#pragma once

#include <optional>

#include "core/credential.h"
#include "imgui.h"

namespace cc::ui {

struct StatusLook {
    const char* icon;
    ImU32 color;
    bool spinning;  // transient states draw an animated arc instead of the icon
};

StatusLook status_look(std::optional<SyncStatus> s);
// The icon (or spinner) at the cursor, followed by SameLine for the label.
void status_icon(std::optional<SyncStatus> s);

}  // namespace cc::ui
