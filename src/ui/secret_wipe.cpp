// Wiping what the forms leave behind: the create form's buffers, and Dear ImGui's own copies of
// the text being edited (InputTextState keeps wide and UTF-8 copies and undo records, and frees
// them unwiped). Called when a form with secrets closes.
#include <cstring>

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/ui_state.h"

namespace cc::ui {

void wipe_imgui_text_state() {
    ImGuiContext* ctx = ImGui::GetCurrentContext();
    if (!ctx) return;
    ImGuiInputTextState& st = ctx->InputTextState;
    if (st.TextW.Capacity) wipe_bytes(st.TextW.Data, static_cast<std::size_t>(st.TextW.Capacity) * sizeof(ImWchar));
    if (st.TextA.Capacity) wipe_bytes(st.TextA.Data, static_cast<std::size_t>(st.TextA.Capacity));
    if (st.InitialTextA.Capacity) wipe_bytes(st.InitialTextA.Data, static_cast<std::size_t>(st.InitialTextA.Capacity));
    wipe_bytes(&st.Stb.undostate, sizeof(st.Stb.undostate));
    st.CurLenA = st.CurLenW = 0;
    st.ID = 0;
    if (ctx->ActiveId != 0) ImGui::ClearActiveID();
}

void wipe_create_form(CreateFormUi& f) {
    f.password.clear();
    f.key_id.clear();
    f.secret_key.clear();
    f.ngc_key.clear();
    f.ssh_key.clear();
    f.import_text.clear();
    f.pairs.clear();  // each value's SecretText wipes itself
    f.import_choices.clear();
    f.import_message.clear();
    f.scope_search.fill(0);
    f.scope_as_diagram = false;
    f.scope_diagram = DiagramUi{};
    f.name.fill(0);
    f.description.fill(0);
    f.existing.fill(0);
    f.user.fill(0);
    f.url.fill(0);
    f.reveal = false;
    f.import_open = false;
    f.touched.clear();
    f.submit_attempted = false;
    wipe_imgui_text_state();
}

}  // namespace cc::ui
