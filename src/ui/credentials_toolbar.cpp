// The toolbar above the table: search with its match count, "Add filter" and the filter
// chips, the column menu, CSV export and refresh with the time of the last load.
#include <algorithm>
#include <cstring>
#include <string>

#include "app/update.h"
#include "core/case_fold.h"
#include "core/table_query.h"
#include "core/time_text.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace cc::ui {
namespace {

// Escape closes the open popup (ImGui does so only with keyboard navigation enabled).
void close_on_escape() {
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) ImGui::CloseCurrentPopup();
}

const ColumnFilter* filter_of(const TableView& v, Column c) {
    for (const auto& f : v.filters)
        if (f.column == c) return &f;
    return nullptr;
}

// Opens the editor for a column, pre-filled with the current filter of that column.
void begin_edit(const app::State& state, FilterEditor& ed, Column c) {
    ed.column = c;
    ed.options.clear();
    ed.checked.clear();
    ed.text.fill(0);
    ed.option_search.fill(0);
    const ColumnFilter* current = filter_of(state.view, c);
    if (column_has_checklist(c)) {
        ed.options = distinct_values(state.rows, c);
        ed.checked.assign(ed.options.size(), 0);
        if (current)
            for (std::size_t i = 0; i < ed.options.size(); ++i)
                ed.checked[i] =
                    std::find(current->values.begin(), current->values.end(), ed.options[i]) != current->values.end();
    } else if (current) {
        std::strncpy(ed.text.data(), current->text.c_str(), ed.text.size() - 1);
    }
}

void draw_search(const app::State& state, TableUi& ui, Actions& out) {
    // The URL or a "Clear filters" may change the search: show what the app holds.
    if (state.view.search != ui.search_synced) {
        ui.search.fill(0);
        std::strncpy(ui.search.data(), state.view.search.c_str(), ui.search.size() - 1);
        ui.search_synced = state.view.search;
    }
    ImGui::SetNextItemWidth(narrow_screen() ? -FLT_MIN : em(18));
    if (ui.focus_search) {
        ImGui::SetKeyboardFocusHere();
        ui.focus_search = false;
    }
    const bool searched =
        ImGui::InputTextWithHint("##search", ICON_SEARCH "  Search", ui.search.data(), ui.search.size());
    describe_last_item("searchbox", "Search credentials");
    if (searched) {
        ui.search_synced = ui.search.data();
        out.push_back(app::SearchChanged{ui.search.data()});
    }
    if (ImGui::IsItemHovered()) tooltip_text("Search the visible columns (not case-sensitive)");
}

void draw_filter_popup(const app::State& state, TableUi& ui, Actions& out) {
    FilterEditor& ed = ui.filter;
    if (ed.open_requested) {
        ImGui::OpenPopup("filter##popup");
        ed.open_requested = false;
    }
    ImGui::SetNextWindowSizeConstraints(em(16, 0), em(26, 30));
    if (!ImGui::BeginPopup("filter##popup")) return;
    close_on_escape();
    if (!ed.column) {
        text_muted("Filter by column");
        for (Column c : kAllColumns) {
            const std::string title(column_title(c));
            const bool has = filter_of(state.view, c) != nullptr;
            if (ImGui::Selectable((title + (has ? "  (edit)" : "") + "##filter-column").c_str(), false,
                                  ImGuiSelectableFlags_DontClosePopups))
                begin_edit(state, ed, c);
        }
        ImGui::EndPopup();
        return;
    }
    const Column c = *ed.column;
    ImGui::PushFont(fonts().strong);
    ImGui::TextUnformatted(std::string(column_title(c)).c_str());
    ImGui::PopFont();
    ColumnFilter f;
    f.column = c;
    bool apply = false;
    if (column_has_checklist(c)) {
        if (ed.options.size() > 8) {
            ImGui::SetNextItemWidth(-FLT_MIN);
            ImGui::InputTextWithHint("##option-search", "Find a value", ed.option_search.data(),
                                     ed.option_search.size());
            describe_last_item("searchbox", "Find a value");
        }
        const float list_h = ImGui::GetFrameHeightWithSpacing() * static_cast<float>(ed.options.size());
        ImGui::BeginChild("##options", ImVec2(em(20), ImMin(list_h, em(16))), false);
        for (std::size_t i = 0; i < ed.options.size(); ++i) {
            if (ed.option_search[0] && !contains_case_insensitive(ed.options[i], ed.option_search.data())) continue;
            bool v = ed.checked[i] != 0;
            if (ImGui::Checkbox((ed.options[i] + "##option").c_str(), &v)) ed.checked[i] = v;
        }
        ImGui::EndChild();
        for (std::size_t i = 0; i < ed.options.size(); ++i)
            if (ed.checked[i]) f.values.push_back(ed.options[i]);
    } else {
        ImGui::SetNextItemWidth(em(20));
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        apply |= ImGui::InputTextWithHint("##filter-text", "Contains\xE2\x80\xA6", ed.text.data(), ed.text.size(),
                                          ImGuiInputTextFlags_EnterReturnsTrue);
        describe_last_item("textbox", "Contains");
        f.text = ed.text.data();
    }
    apply |= primary_button("Apply##filter");
    ImGui::SameLine();
    if (secondary_button("Cancel##filter")) {
        ed.column.reset();
        ImGui::CloseCurrentPopup();
    }
    if (apply) {
        out.push_back(app::FilterSet{std::move(f)});
        ed.column.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// The column menu; `with_button` draws its button, else it opens on TableUi::columns_open_requested
// (the phone's toolbar menu).
void draw_columns_menu(const app::State& state, TableUi& ui, Actions& out, bool with_button) {
    if (with_button && secondary_button(ICON_COLUMNS "  Columns##toolbar")) ImGui::OpenPopup("columns##popup");
    if (ui.columns_open_requested) {
        ImGui::OpenPopup("columns##popup");
        ui.columns_open_requested = false;
    }
    if (!ImGui::BeginPopup("columns##popup")) return;
    close_on_escape();
    text_muted("Show columns");
    const auto shown = std::count(state.view.visible.begin(), state.view.visible.end(), true);
    for (Column c : kAllColumns) {
        bool v = state.view.is_visible(c);
        const bool last = v && shown == 1;  // at least one column stays
        if (last) ImGui::BeginDisabled();
        if (ImGui::Checkbox((std::string(column_title(c)) + "##column-visible").c_str(), &v))
            out.push_back(app::ColumnVisibilitySet{c, v});
        if (last) ImGui::EndDisabled();
    }
    ImGui::Separator();
    if (secondary_button(ICON_UNDO "  Reset columns##columns")) {
        out.push_back(app::ColumnsReset{});
        ui.reset_layout_requested = true;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// What the list holds, next to the search: "Loading 4,000 of 10,000…", "12 of 40 credentials".
struct Progress {
    std::string text;
    const char* id = "";
};

Progress progress_of(const app::State& state) {
    if (state.rows_preview) return {app::loading_message(state), "loading##toolbar"};
    if (state.phase == app::LoadPhase::Loaded || (state.phase == app::LoadPhase::Loading && !state.rows.empty())) {
        const bool narrowed = state.view_rows.size() != state.rows.size();
        return {
            narrowed
                ? std::to_string(state.view_rows.size()) + " of " + std::to_string(state.rows.size()) + " credentials"
                : std::to_string(state.rows.size()) + (state.rows.size() == 1 ? " credential" : " credentials"),
            "count##toolbar"};
    }
    return {};
}

std::string loaded_text(const app::State& state) {
    return state.loaded_at_ms > 0 ? "Loaded " + format_clock_time(state.loaded_at_ms, state.utc_offset_minutes) : "";
}

bool can_export(const app::State& state) {
    return !state.view_rows.empty() && !state.rows_preview;  // the whole list, not a part
}

void show_progress(const Progress& progress) {
    if (progress.text.empty()) return;
    ImGui::AlignTextToFramePadding();
    text_muted(progress.text.c_str());
    register_last_item(progress.id, progress.text);
}

// A phone's toolbar: the search on its own line, then the count and one menu that holds the
// filter, the columns, export, refresh and when the list was loaded.
void draw_narrow_toolbar(const app::State& state, TableUi& ui, Actions& out, double now_ms) {
    const bool loading = state.phase == app::LoadPhase::Loading;
    draw_search(state, ui, out);
    const Progress progress = progress_of(state);
    show_progress(progress);
    const char* more = ICON_ELLIPSIS_V "  More##toolbar";
    const float more_w = ImGui::CalcTextSize(more, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    const float spinner_w = loading && !state.rows_preview ? em(1.5f) : 0.0f;
    if (!progress.text.empty()) ImGui::SameLine();
    ImGui::SetCursorPosX(ImMax(ImGui::GetContentRegionMax().x - more_w - spinner_w, ImGui::GetCursorPosX()));
    if (spinner_w > 0) {
        spinner(em(0.5f), palette().busy);
        ImGui::SameLine();
    }
    const char* popup = "toolbar-menu##toolbar";
    if (secondary_button(more)) ImGui::OpenPopup(popup);
    describe_last_item("button", "More actions",
                       {{"aria-haspopup", "menu"}, {"aria-expanded", ImGui::IsPopupOpen(popup) ? "true" : "false"}});
    // Under the button, right-aligned with it (not where the finger was).
    ImGui::SetNextWindowPos(ImVec2(ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y + em(0.25f)),
                            ImGuiCond_Appearing, ImVec2(1, 0));
    if (ImGui::BeginPopup(popup)) {
        close_on_escape();
        begin_group(std::string("menu/") + popup, "menu", "More actions");
        auto item = [](const char* label, bool enabled = true) {
            const bool chosen = ImGui::Selectable(label, false, enabled ? 0 : ImGuiSelectableFlags_Disabled);
            describe_last_item("menuitem");
            return chosen;
        };
        if (item(ICON_FILTER "  Add filter##toolbar-menu")) {
            ui.filter.column.reset();
            ui.filter.open_requested = true;
        }
        if (item(ICON_COLUMNS "  Columns##toolbar-menu")) ui.columns_open_requested = true;
        if (item(ICON_DOWNLOAD "  Export CSV##toolbar-menu", can_export(state)))
            out.push_back(app::ExportRequested{ui.display_order, now_ms});
        if (item(ICON_REFRESH "  Refresh##toolbar-menu", !loading)) out.push_back(app::RefreshRequested{});
        const std::string loaded = loaded_text(state);
        if (!loading && !loaded.empty()) {
            ImGui::Separator();
            text_muted(loaded.c_str());
            register_last_item("loaded##toolbar", loaded);
        }
        end_group();
        ImGui::EndPopup();
    }
    draw_filter_popup(state, ui, out);
    draw_columns_menu(state, ui, out, false);
}

}  // namespace

void draw_toolbar(const app::State& state, TableUi& ui, Actions& out, double now_ms) {
    if (narrow_screen()) {
        draw_narrow_toolbar(state, ui, out, now_ms);
        return;
    }
    const bool loading = state.phase == app::LoadPhase::Loading;
    const ImGuiStyle& st = ImGui::GetStyle();
    auto button_w = [&st](const char* label) {
        return ImGui::CalcTextSize(label, nullptr, true).x + st.FramePadding.x * 2;
    };
    draw_search(state, ui, out);
    ImGui::SameLine();
    if (secondary_button(ICON_FILTER "  Add filter##toolbar")) {
        ui.filter.column.reset();
        ui.filter.open_requested = true;
    }
    draw_filter_popup(state, ui, out);
    const Progress progress = progress_of(state);
    if (!progress.text.empty()) ImGui::SameLine();
    show_progress(progress);

    // Right-aligned group: columns, export, refresh and when the data was loaded.
    const std::string loaded = loaded_text(state);
    const float group_w = button_w(ICON_COLUMNS "  Columns") + button_w(ICON_DOWNLOAD "  Export CSV") +
                          button_w(ICON_REFRESH "  Refresh") + ImGui::CalcTextSize(loaded.c_str()).x +
                          st.ItemSpacing.x * 4 + em(1.2f);
    ImGui::SameLine(ImMax(ImGui::GetContentRegionMax().x - group_w, ImGui::GetCursorPosX() + em(1)));
    if (loading && !state.rows_preview) {  // a preview says how far it has come instead
        spinner(em(0.5f), palette().busy);
        ImGui::SameLine();
    } else if (!loading && !loaded.empty()) {
        ImGui::AlignTextToFramePadding();
        text_muted(loaded.c_str());
        register_last_item("loaded##toolbar", loaded);
        if (ImGui::IsItemHovered()) tooltip_text("When the list was last loaded from the server");
        ImGui::SameLine();
    }
    draw_columns_menu(state, ui, out, true);
    ImGui::SameLine();
    if (secondary_button(ICON_DOWNLOAD "  Export CSV##toolbar", ImVec2(0, 0), can_export(state)))
        out.push_back(app::ExportRequested{ui.display_order, now_ms});
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        tooltip_text("Download the rows and columns shown, as CSV");
    ImGui::SameLine();
    if (secondary_button(ICON_REFRESH "  Refresh##toolbar", ImVec2(0, 0), !loading))
        out.push_back(app::RefreshRequested{});
}

void draw_filter_chips(const app::State& state, TableUi& ui, Actions& out) {
    if (state.view.filters.empty()) return;
    const Palette& p = palette();
    for (const auto& f : state.view.filters) {
        std::string text = std::string(column_title(f.column)) + ": ";
        if (!f.values.empty()) {
            for (std::size_t i = 0; i < f.values.size(); ++i) text += (i ? ", " : "") + f.values[i];
        } else {
            text += "\xE2\x80\x9C" + f.text + "\xE2\x80\x9D";  // “text”
        }
        ImGui::PushStyleColor(ImGuiCol_Button, p.chip);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.chip_hover);
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.chip_hover);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_Text));
        ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, em(0.9f));
        const std::string key(column_key(f.column));
        if (ImGui::Button((text + "##chip-" + key).c_str())) {
            begin_edit(state, ui.filter, f.column);
            ui.filter.open_requested = true;
        }
        if (ImGui::IsItemHovered()) tooltip_text("Edit this filter");
        ImGui::SameLine(0, em(0.15f));
        if (ImGui::Button((ICON_TIMES "##remove-chip-" + key).c_str())) out.push_back(app::FilterRemoved{f.column});
        describe_last_item("button", "Remove the filter on " + std::string(column_title(f.column)));
        if (ImGui::IsItemHovered()) tooltip_text("Remove this filter");
        ImGui::PopStyleVar();
        ImGui::PopStyleColor(4);
        ImGui::SameLine();
    }
    if (secondary_button("Clear all##chips")) out.push_back(app::FiltersCleared{});
}

}  // namespace cc::ui
