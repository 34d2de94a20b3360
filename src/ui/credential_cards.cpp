// The credentials as a list of cards, for narrow screens (a phone): eleven columns cannot share
// 390 CSS pixels, so each credential gets a card with what identifies it (name, type, status,
// scope). A tap selects it; the page then shows its details as a full-screen sheet. The list is
// clipped like the table, so 100,000 cards scroll as smoothly.
#include <string>

#include "core/bidi.h"
#include "core/table.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/item_registry.h"
#include "ui/status_style.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace cc::ui {
namespace {

// Text at `pos`, cut with "…" at `max_x`.
void card_text(ImDrawList* dl, ImFont* font, ImVec2 pos, float max_x, ImU32 color, std::string_view text) {
    const float size = ImGui::GetFontSize();
    // Cut in logical order, then right-to-left runs put in display order (as cell_text()).
    const std::optional<std::string> shown = elided(font, size, text, max_x - pos.x);
    const std::string_view cut = shown ? std::string_view(*shown) : text;
    const std::optional<std::string> visual = visual_order(cut);
    const std::string_view drawn = visual ? std::string_view(*visual) : cut;
    dl->AddText(font, size, pos, color, drawn.data(), drawn.data() + drawn.size());
}

void draw_card(const app::State& state, const CredentialRow& row, int index, float card_h, Actions& out) {
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    const bool selected = state.is_selected(row.id);
    const std::string name(row.cell(Column::Credential));
    ImGui::PushID(row.id.value.c_str());
    if (ImGui::Selectable("##card", selected, ImGuiSelectableFlags_None, ImVec2(w, card_h)))
        out.push_back(app::RowClicked{row.id, false, false});
    if (ImGui::IsItemClicked(ImGuiMouseButton_Right)) out.push_back(app::RowMenuOpened{row.id});  // a long press
    ImGui::PopID();
    const std::string status(row.cell(Column::Status));
    const std::string type(row.cell(Column::Type));
    const std::string scope(row.cell(Column::Scope));
    register_last_item("Card/" + name + "##" + row.id.value, name);
    describe_last_item("listitem", name + ", " + type + ", " + status + ", " + scope,
                       {{"aria-posinset", std::to_string(index + 1)},
                        {"aria-setsize", std::to_string(state.view_rows.size())},
                        {"aria-selected", selected ? "true" : "false"}});

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const Palette& p = palette();
    dl->AddRect(p0, ImVec2(p0.x + w, p0.y + card_h), p.card_border, em(0.4f));
    const float pad = em(0.8f);
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float right = p0.x + w - pad;
    ImFont* body = fonts().body ? fonts().body : ImGui::GetFont();
    ImFont* strong = fonts().strong ? fonts().strong : body;
    const ImU32 text_color = ImGui::GetColorU32(ImGuiCol_Text);
    card_text(dl, strong, ImVec2(p0.x + pad, p0.y + pad), right, text_color, name);
    // The status's icon and colour, then its label and the type.
    const StatusLook look = status_look(row.status);
    const float y2 = p0.y + pad + line;
    card_text(dl, body, ImVec2(p0.x + pad, y2), right, look.color, look.icon);
    card_text(dl, body, ImVec2(p0.x + pad + em(1.4f), y2), right, text_color, status + "  \xC2\xB7  " + type);
    card_text(dl, body, ImVec2(p0.x + pad, y2 + line), right, p.muted, scope);
}

}  // namespace

void draw_credential_cards(const app::State& state, Actions& out) {
    ImGui::BeginChild("##cards", ImVec2(0, 0), false, ImGuiWindowFlags_NavFlattened);
    begin_group("list/credentials", "list", "Credentials");
    const float card_h = em(0.8f) * 2 + ImGui::GetTextLineHeightWithSpacing() * 2 + ImGui::GetTextLineHeight();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(state.view_rows.size()), card_h + ImGui::GetStyle().ItemSpacing.y);
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
            draw_card(state, state.rows[state.view_rows[static_cast<std::size_t>(i)]], i, card_h, out);
    end_group();
    ImGui::EndChild();
}

}  // namespace cc::ui
