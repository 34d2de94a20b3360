// The credentials table: the rows of the current view through a list clipper (only visible
// rows are drawn, so 100,000 rows scroll smoothly), sortable headers (click; shift-click
// adds a key), reorderable and resizable columns, row selection by credential id.
#include <string>

#include "core/table.h"
#include "core/table_query.h"
#include "core/table_view_hash.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/status_style.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace cc::ui {
namespace {

// Relative column weights.
float initial_weight(Column c) {
    switch (c) {
        case Column::Credential: return 13;
        case Column::Description: return 14;
        case Column::Type: return 10;
        case Column::Status: return 11;
        case Column::Scope: return 8;
        case Column::KubernetesName: return 11;
        case Column::Environments: return 9;
        case Column::DataSources: return 9;
        case Column::CreatedBy: return 12;
        case Column::CreationTime: return 11.5f;
        case Column::Cluster: return 7.5f;
    }
    return 8;
}

std::string cell_id(Column c, const CredentialRow& row) {
    return std::string(column_title(c)) + "/" + std::string(row.cell(Column::Credential)) + "##" + row.id.value;
}

// " ▲" / " ▼2" after the title of a sorted column.
std::string sort_marker(const TableView& v, Column c) {
    for (std::size_t i = 0; i < v.sort.size(); ++i) {
        if (v.sort[i].column != c) continue;
        std::string m = v.sort[i].descending ? "  " ICON_SORT_DESC : "  " ICON_SORT_ASC;
        if (v.sort.size() > 1) m += std::to_string(i + 1);
        return m;
    }
    return {};
}

// " (ascending)", " (descending, 2)": the sort marker in words, for tests and screen readers.
std::string sort_description(const TableView& v, Column c) {
    for (std::size_t i = 0; i < v.sort.size(); ++i) {
        if (v.sort[i].column != c) continue;
        std::string d = v.sort[i].descending ? " (descending" : " (ascending";
        if (v.sort.size() > 1) d += ", " + std::to_string(i + 1);
        return d + ")";
    }
    return {};
}

// The column's place in the sort, as ARIA says it (a screen reader names only the first key).
std::string aria_sort(const TableView& v, Column c) {
    for (std::size_t i = 0; i < v.sort.size(); ++i)
        if (v.sort[i].column == c) return i > 0 ? "other" : v.sort[i].descending ? "descending" : "ascending";
    return "none";
}

void draw_headers(const app::State& state, Actions& out) {
    // Drawn one by one (rather than TableHeadersRow) to add the sort markers, to register each
    // for the tests, and to tell a click (sort) from a drag (reorder).
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    begin_group("row/header", "row", "", {{"aria-rowindex", "1"}});
    const ImGuiIO& io = ImGui::GetIO();
    const float drag_threshold = io.MouseDragThreshold;
    for (Column c : kAllColumns) {
        if (!ImGui::TableSetColumnIndex(static_cast<int>(c))) continue;
        const std::string title(column_title(c));
        const std::string label = title + sort_marker(state.view, c);
        ImGui::TableHeader((label + "###header-" + title).c_str());
        register_last_item("header/" + title, title + sort_description(state.view, c));
        describe_last_item("columnheader", title, {{"aria-sort", aria_sort(state.view, c)}});
        if (ImGui::IsItemHovered() && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
            io.MouseDragMaxDistanceSqr[0] < drag_threshold * drag_threshold)
            out.push_back(app::SortClicked{c, io.KeyShift});
        if (ImGui::IsItemHovered()) tooltip_text("Sort by this column; shift-click adds it as the next key");
    }
    end_group();
}

// The scope name is a link to the scope tree diagram: an invisible button over the text, drawn
// after the row's selectable (which allows overlap), so it takes the click there and the rest of
// the row still selects.
void scope_cell(const CredentialRow& row, const std::string& id, Actions& out) {
    cell_text(id, row.cell(Column::Scope),
              (std::string(row.scope_path()) + "\n\nClick to see where this credential can be used in the scope tree")
                  .c_str());
    const ImRect text = GImGui->LastItemData.Rect;
    if (text.GetWidth() <= 0) return;
    const ImVec2 back = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(text.Min);
    if (ImGui::InvisibleButton(("##scope-link-" + row.id.value).c_str(), text.GetSize()))
        out.push_back(app::DiagramOpened{row.id, {}});
    if (ImGui::IsItemHovered()) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        const float y = text.Max.y - 1.0f;
        ImGui::GetWindowDrawList()->AddLine(ImVec2(text.Min.x, y), ImVec2(text.Max.x, y),
                                            ImGui::GetColorU32(ImGuiCol_Text), ImMax(1.0f, em(0.07f)));
    }
    ImGui::SetCursorScreenPos(back);
}

// `index`: the row's place in the view (0 = first row under the headers). Returns the row's
// rectangle (screen coordinates).
ImRect draw_row(const app::State& state, const CredentialRow& row, int index, int first_column, Actions& out) {
    const float row_h = em(2.0f);
    ImRect rect;
    ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
    const bool selected = state.is_selected(row.id);
    begin_group("row/" + row.id.value, "row", row.cell(Column::Credential),
                {{"aria-rowindex", std::to_string(index + 2)}, {"aria-selected", selected ? "true" : "false"}});
    for (Column c : kAllColumns) {
        if (!ImGui::TableSetColumnIndex(static_cast<int>(c))) continue;
        if (static_cast<int>(c) == first_column) {
            // One selectable spanning the row, under the cells.
            const ImVec2 start = ImGui::GetCursorPos();
            const ImGuiSelectableFlags flags =
                ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap;
            if (ImGui::Selectable(("##row-" + row.id.value).c_str(), selected, flags,
                                  ImVec2(0, row_h - ImGui::GetStyle().CellPadding.y * 2))) {
                const ImGuiIO& io = ImGui::GetIO();
                out.push_back(app::RowClicked{row.id, io.KeyCtrl || io.KeySuper, io.KeyShift});
            }
            // A right click (a long press on a touch screen) opens the row's actions.
            if (ImGui::IsItemClicked(ImGuiMouseButton_Right)) out.push_back(app::RowMenuOpened{row.id});
            describe_last_item("none");  // the row itself is what a screen reader selects
            rect = GImGui->LastItemData.Rect;
            ImGui::SetCursorPos(start);
        }
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + em(0.25f));
        switch (c) {
            case Column::Credential:
                ImGui::PushFont(fonts().strong);
                cell_text(cell_id(c, row), row.cell(c));
                ImGui::PopFont();
                break;
            case Column::Status:
                status_icon(row.status);
                cell_text(cell_id(c, row), row.cell(c), row.status_detail().c_str());
                break;
            case Column::Scope: scope_cell(row, cell_id(c, row), out); break;
            case Column::CreationTime: cell_text(cell_id(c, row), row.cell(c), row.created_at_iso().c_str()); break;
            default: cell_text(cell_id(c, row), row.cell(c)); break;
        }
    }
    end_group();
    return rect;
}

// Scrolls the table just enough to show `row` whole below the frozen header.
void keep_in_view(const ImRect& row) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const float top = w->InnerRect.Min.y + ImGui::TableGetHeaderRowHeight();
    const float bottom = w->InnerRect.Max.y;
    if (row.Min.y < top)
        ImGui::SetScrollY(w->Scroll.y - (top - row.Min.y));
    else if (row.Max.y > bottom)
        ImGui::SetScrollY(w->Scroll.y + (row.Max.y - bottom));
}

}  // namespace

void draw_credentials_table(const app::State& state, TableUi& ui, Actions& out) {
    // Columns share the width by weight (long cells elide, with the full text on hover), so
    // every shown column is on screen without horizontal scrolling.
    const ImGuiTableFlags flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("credentials##table", static_cast<int>(kColumnCount), flags, ImGui::GetContentRegionAvail()))
        return;
    ImGuiTable* table = ImGui::GetCurrentTable();
    if (ui.reset_layout_requested) {
        ImGui::TableResetSettings(table);
        ui.reset_layout_requested = false;
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    for (Column c : kAllColumns) {
        ImGuiTableColumnFlags cf = ImGuiTableColumnFlags_WidthStretch;
        if (!state.view.is_visible(c)) cf |= ImGuiTableColumnFlags_Disabled;
        ImGui::TableSetupColumn(std::string(column_title(c)).c_str(), cf, initial_weight(c));
    }

    // The visible columns in the order the user arranged them (for CSV export and for the
    // row selectable, which lives in the leftmost column).
    ui.display_order.clear();
    for (int order = 0; order < table->ColumnsCount; ++order) {
        const int index = table->DisplayOrderToIndex[order];
        if (state.view.is_visible(static_cast<Column>(index))) ui.display_order.push_back(static_cast<Column>(index));
    }
    const int first_column = ui.display_order.empty() ? 0 : static_cast<int>(ui.display_order.front());

    // A new search, filter or sort shows its first rows; a refresh keeps the scroll position.
    if (state.query_revision != ui.drawn_query_revision) {
        if (ui.drawn_query_revision) ImGui::SetScrollY(0);
        ui.drawn_query_revision = state.query_revision;
    }

    begin_group("table/credentials", "grid", "Credentials",
                {{"aria-rowcount", std::to_string(state.view_rows.size() + 1)},
                 {"aria-colcount", std::to_string(ui.display_order.size())},
                 {"aria-multiselectable", "true"}});
    draw_headers(state, out);
    // A row the app asks to show (a credential just created) is scrolled into view once.
    int reveal_index = -1;
    if (state.reveal && state.reveal_serial != ui.revealed_serial) {
        ui.revealed_serial = state.reveal_serial;
        ui.reveal_frames = 3;
    }
    if (state.reveal && ui.reveal_frames > 0) {
        --ui.reveal_frames;
        if (const CredentialRow* r = state.row(*state.reveal))
            for (std::size_t i = 0; i < state.view_rows.size(); ++i)
                if (&state.rows[state.view_rows[i]] == r) reveal_index = static_cast<int>(i);
    }
    // PageUp/PageDown move the selection by the rows the table shows.
    const float body_h = ImGui::GetCurrentWindow()->InnerRect.GetHeight() - ImGui::TableGetHeaderRowHeight();
    ui.page_rows = ImMax(1, static_cast<int>(body_h / em(2.0f)) - 1);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(state.view_rows.size()));
    if (reveal_index >= 0) clipper.ForceDisplayRangeByIndices(reveal_index, reveal_index + 1);
    // Rows are chosen with the arrow keys: Tab goes on to the controls after the table.
    ImGui::PushItemFlag(ImGuiItemFlags_NoTabStop, true);
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const ImRect rect =
                draw_row(state, state.rows[state.view_rows[static_cast<std::size_t>(i)]], i, first_column, out);
            if (i != reveal_index) continue;
            if (state.reveal_keep_in_view)
                keep_in_view(rect);
            else
                ImGui::SetScrollHereY(0.5f);
        }
    ImGui::PopItemFlag();
    end_group();
    ImGui::EndTable();
}

}  // namespace cc::ui
