// ImGuiTestEngineHook_* implementations collecting labelled items per frame.
#include "ui/item_registry.h"

#include <nlohmann/json.hpp>
#include <unordered_map>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"

namespace cc::ui {
namespace {

struct Item {
    ImGuiID id = 0;
    std::string key;    // stable id: the full ImGui label ("Sign in##login") or a registered id
    std::string label;  // the visible text
    ImRect rect;
    bool visible = false;
    bool whole = false;  // entirely inside the window's clip rectangle (safe to click anywhere)
    bool enabled = true;
    int checked = -1;  // -1: not checkable
};

struct Registry {
    std::vector<Item> building;                      // this frame
    std::vector<Item> last;                          // the last complete frame
    std::unordered_map<ImGuiID, std::size_t> index;  // id -> position in `building`
    float scale = 1.0f;
};

Registry& reg() {
    static Registry r;
    return r;
}

bool is_visible(ImGuiContext& g, const ImRect& bb) {
    ImGuiWindow* w = g.CurrentWindow;
    return w && w->ClipRect.Overlaps(bb) && !w->SkipItems;
}

bool is_whole(ImGuiContext& g, const ImRect& bb) {
    ImGuiWindow* w = g.CurrentWindow;
    return w && w->ClipRect.Contains(bb) && !w->SkipItems;
}

// Icon glyphs (Unicode private use area, U+E000-U+F8FF: three UTF-8 bytes starting EE or
// EF 80-A3) are dropped and the text trimmed, so "<icon>  Refresh##toolbar" is found as
// "Refresh##toolbar" with the label "Refresh".
std::string without_icons(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        const auto c0 = static_cast<unsigned char>(in[i]);
        const auto c1 = i + 1 < in.size() ? static_cast<unsigned char>(in[i + 1]) : 0;
        if (i + 2 < in.size() && (c0 == 0xEE || (c0 == 0xEF && c1 >= 0x80 && c1 <= 0xA3))) {
            i += 3;
            continue;
        }
        out += in[i++];
    }
    const auto first = out.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    const auto last = out.find_last_not_of(' ');
    return out.substr(first, last - first + 1);
}

std::string visible_part(std::string_view label) {
    const auto hashes = label.find("##");
    return without_icons(hashes == std::string_view::npos ? label : label.substr(0, hashes));
}

void on_new_frame(ImGuiContext*, ImGuiContextHook*) {
    Registry& r = reg();
    r.building.clear();
    r.index.clear();
}

// The items of a frame are published as it ends: items() describes the frame on screen, not the
// one before it (which a test or the bench would otherwise wait one more frame to see past).
void on_end_frame(ImGuiContext*, ImGuiContextHook*) {
    Registry& r = reg();
    r.last.clear();
    for (auto& item : r.building)
        if (!item.label.empty() || !item.key.empty())
            r.last.push_back(std::move(item));  // `building` restarts next frame
}

}  // namespace

void install_item_registry() {
    ImGuiContext& g = *GImGui;
    g.TestEngineHookItems = true;
    ImGuiContextHook hook;
    hook.Type = ImGuiContextHookType_NewFramePre;
    hook.Callback = on_new_frame;
    ImGui::AddContextHook(&g, &hook);
    ImGuiContextHook end;
    end.Type = ImGuiContextHookType_EndFramePost;
    end.Callback = on_end_frame;
    ImGui::AddContextHook(&g, &end);
}

void set_item_registry_scale(float s) {
    reg().scale = s > 0 ? s : 1.0f;
}

void register_last_item(std::string_view id, std::string_view label) {
    ImGuiContext& g = *GImGui;
    Item item;
    item.rect = g.LastItemData.Rect;
    item.key = without_icons(id);
    item.label = without_icons(label);
    item.visible = is_visible(g, item.rect);
    item.whole = is_whole(g, item.rect);
    item.enabled = !(g.CurrentItemFlags & ImGuiItemFlags_Disabled);
    reg().building.push_back(std::move(item));
}

std::string items_json() {
    const Registry& r = reg();
    nlohmann::json out = nlohmann::json::array();
    const float s = r.scale;
    for (const auto& item : r.last) {
        nlohmann::json j = {{"id", item.key.empty() ? item.label : item.key},
                            {"label", item.label},
                            {"x", item.rect.Min.x / s},
                            {"y", item.rect.Min.y / s},
                            {"w", item.rect.GetWidth() / s},
                            {"h", item.rect.GetHeight() / s},
                            {"visible", item.visible},
                            {"whole", item.whole},
                            {"enabled", item.enabled}};
        if (item.checked >= 0) j["checked"] = item.checked == 1;
        out.push_back(std::move(j));
    }
    return out.dump();
}

}  // namespace cc::ui

// ---- hooks called by Dear ImGui (declared in imgui_internal.h) ---------------------------------

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
    auto& r = cc::ui::reg();
    cc::ui::Item item;
    item.id = id;
    item.rect = bb;
    item.visible = cc::ui::is_visible(*ctx, bb);
    item.whole = cc::ui::is_whole(*ctx, bb);
    item.enabled = !(ctx->CurrentItemFlags & ImGuiItemFlags_Disabled);
    r.index[id] = r.building.size();
    r.building.push_back(std::move(item));
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    auto& r = cc::ui::reg();
    auto it = r.index.find(id);
    if (it == r.index.end()) return;
    cc::ui::Item& item = r.building[it->second];
    item.key = cc::ui::without_icons(label ? label : "");
    item.label = cc::ui::visible_part(label ? label : "");
    if (flags & ImGuiItemStatusFlags_Checkable) item.checked = (flags & ImGuiItemStatusFlags_Checked) ? 1 : 0;
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID id) {
    auto& r = cc::ui::reg();
    auto it = r.index.find(id);
    return it == r.index.end() ? nullptr : r.building[it->second].key.c_str();
}
