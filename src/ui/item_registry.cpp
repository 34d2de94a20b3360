// ImGuiTestEngineHook_* implementations collecting labelled items per frame, with what the
// views say they mean (a role, a name, ARIA states, the group they belong to): the browser tests
// find items through them, and the page's accessibility mirror (web/a11y_mirror.js) builds the
// DOM a screen reader reads from them.
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
    int checked = -1;      // -1: not checkable
    bool focused = false;  // has the keyboard focus (ImGui's navigation or an active text field)
    bool group = false;    // a container: its rectangle is the union of its members'
    std::string role;      // ARIA role; empty: inferred (button, checkbox, text)
    std::string name;      // accessible name when the label is not it (a field's purpose)
    std::string parent;    // key of the group the item belongs to
    std::vector<std::pair<std::string, std::string>> aria;  // ARIA attributes ("aria-sort" ...)

    bool operator==(const Item& o) const {
        return key == o.key && label == o.label && rect.Min.x == o.rect.Min.x && rect.Min.y == o.rect.Min.y &&
               rect.Max.x == o.rect.Max.x && rect.Max.y == o.rect.Max.y && visible == o.visible && whole == o.whole &&
               enabled == o.enabled && checked == o.checked && focused == o.focused && group == o.group &&
               role == o.role && name == o.name && parent == o.parent && aria == o.aria;
    }
};

struct Registry {
    std::vector<Item> building;                      // this frame
    std::vector<Item> last;                          // the last complete frame
    std::unordered_map<ImGuiID, std::size_t> index;  // id -> position in `building`
    std::vector<std::size_t> groups;                 // open groups: positions in `building`
    std::uint64_t revision = 0;                      // changes when a frame's items differ
    std::uint64_t focus_revision = 0;                // ... when the keyboard focus moved
    float scale = 1.0f;
    ImGuiID focus_request = 0;  // an item the keyboard focus moves to when it is drawn next
    bool focus_edits = false;   // ... and it is a text field: its editing starts
};

Registry& reg() {
    static Registry r;
    return r;
}

// The id tests and the page know the item by: its key, or its label when it has none.
const std::string& id_of(const Item& item) {
    return item.key.empty() ? item.label : item.key;
}

// The item's ARIA role: the one a view gave it, else what its kind of widget is.
std::string_view role_of(const Item& item) {
    return !item.role.empty()  ? std::string_view(item.role)
           : item.group        ? "group"
           : item.checked >= 0 ? "checkbox"
           : item.id != 0      ? "button"
                               : "text";
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
    // An icon is one character of the icon font's private-use range: three UTF-8 bytes starting
    // 0xEE, or 0xEF 0x80-0xA3. The text between icons is copied a run at a time.
    const auto is_icon_at = [&](std::size_t i) {
        const auto c0 = static_cast<unsigned char>(in[i]);
        const auto c1 = static_cast<unsigned char>(in[i + 1]);
        return c0 == 0xEE || (c0 == 0xEF && c1 >= 0x80 && c1 <= 0xA3);
    };
    std::string out;
    out.reserve(in.size());
    std::size_t run = 0;
    for (std::size_t i = 0; i + 2 < in.size(); ++i) {
        if (!is_icon_at(i)) continue;
        out.append(in, run, i - run);
        i += 2;
        run = i + 1;
    }
    out.append(in, run, std::string_view::npos);
    const auto last = out.find_last_not_of(' ');
    if (last == std::string::npos) return {};
    out.erase(last + 1);
    out.erase(0, out.find_first_not_of(' '));
    return out;
}

std::string visible_part(std::string_view label) {
    const auto hashes = label.find("##");
    return without_icons(hashes == std::string_view::npos ? label : label.substr(0, hashes));
}

void on_new_frame(ImGuiContext*, ImGuiContextHook*) {
    Registry& r = reg();
    r.building.clear();
    r.index.clear();
    r.groups.clear();
}

// A new item joins the innermost open group, whose rectangle grows to hold it.
void add(Registry& r, Item item) {
    if (!r.groups.empty()) {
        Item& g = r.building[r.groups.back()];
        item.parent = g.key;
        if (item.rect.GetWidth() > 0 || item.rect.GetHeight() > 0) {
            if (g.rect.GetWidth() <= 0 && g.rect.GetHeight() <= 0)
                g.rect = item.rect;
            else
                g.rect.Add(item.rect);
            g.visible |= item.visible;
        }
    }
    r.building.push_back(std::move(item));
}

// The items of a frame are published as it ends: items() describes the frame on screen, not the
// one before it (which a test or the bench would otherwise wait one more frame to see past).
// The keyboard focus: the navigation's item while its highlight shows (keyboard use), or the
// text field being typed in.
void mark_focus(ImGuiContext& g, std::vector<Item>& items) {
    const ImGuiID text = g.ActiveId && g.InputTextState.ID == g.ActiveId ? g.ActiveId : 0;
    const ImGuiID nav = !g.NavDisableHighlight ? g.NavId : 0;
    const ImGuiID focus = text ? text : nav;
    if (!focus) return;
    for (auto& item : items)
        if (item.id == focus) item.focused = true;
}

void on_end_frame(ImGuiContext* ctx, ImGuiContextHook*) {
    Registry& r = reg();
    r.groups.clear();  // a group a view left open ends with the frame
    mark_focus(*ctx, r.building);
    std::vector<Item> next;
    next.reserve(r.building.size());
    for (auto& item : r.building)
        if (!item.label.empty() || !item.key.empty())
            next.push_back(std::move(item));  // `building` restarts next frame
    if (next != r.last) {
        ++r.revision;
        const auto focused_key = [](const std::vector<Item>& items) -> const std::string* {
            for (const Item& item : items)
                if (item.focused) return &id_of(item);
            return nullptr;
        };
        const std::string* now = focused_key(next);
        const std::string* before = focused_key(r.last);
        if ((now == nullptr) != (before == nullptr) || (now && *now != *before)) ++r.focus_revision;
    }
    r.last = std::move(next);
}

Item* last_registered() {
    Registry& r = reg();
    ImGuiContext& g = *GImGui;
    if (r.building.empty()) return nullptr;
    Item& back = r.building.back();
    // The item ImGui added last, or the one a view registered after it.
    if (back.id == g.LastItemData.ID || back.id == 0) return &back;
    auto it = r.index.find(g.LastItemData.ID);
    return it == r.index.end() ? nullptr : &r.building[it->second];
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
    Registry& r = reg();
    // A name for an icon-only widget just drawn (same place, no text of its own): screen readers
    // get the widget under that name, and the registered item only serves the tests.
    if (!r.building.empty()) {
        Item& widget = r.building.back();
        if (widget.id != 0 && widget.id == g.LastItemData.ID && widget.label.empty() && !widget.key.empty() &&
            widget.rect.Min.x == item.rect.Min.x && widget.rect.Min.y == item.rect.Min.y &&
            widget.rect.Max.x == item.rect.Max.x && widget.rect.Max.y == item.rect.Max.y) {
            widget.name = item.label;
            item.role = "none";
        }
    }
    add(r, std::move(item));
}

void describe_last_item(std::string_view role, std::string_view name, std::initializer_list<Aria> aria) {
    Item* item = last_registered();
    if (!item) return;
    item->role = role;
    if (!name.empty()) item->name = without_icons(name);
    for (const auto& a : aria) item->aria.emplace_back(a.name, a.value);
}

void begin_group(std::string_view id, std::string_view role, std::string_view name, std::initializer_list<Aria> aria) {
    Registry& r = reg();
    Item group;
    group.group = true;
    group.key = id;
    group.role = role;
    group.name = without_icons(name);
    for (const auto& a : aria) group.aria.emplace_back(a.name, a.value);
    add(r, std::move(group));
    r.groups.push_back(r.building.size() - 1);
}

void end_group() {
    Registry& r = reg();
    if (!r.groups.empty()) r.groups.pop_back();
}

void register_offscreen_item(std::string_view id, std::string_view label, std::string_view role,
                             std::initializer_list<Aria> aria) {
    Item item;
    item.key = id;
    item.label = label;
    item.role = role;
    for (const auto& a : aria) item.aria.emplace_back(a.name, a.value);
    Registry& r = reg();
    std::vector<std::size_t> open;
    open.swap(r.groups);  // not a member of any group, and no effect on their rectangles
    add(r, std::move(item));
    r.groups.swap(open);
}

std::uint64_t items_revision() {
    return reg().revision;
}

std::uint64_t focus_revision() {
    return reg().focus_revision;
}

std::string items_json(std::string_view id_prefix) {
    const Registry& r = reg();
    nlohmann::json out = nlohmann::json::array();
    const float s = r.scale;
    for (const auto& item : r.last) {
        const std::string& id = id_of(item);
        if (id.compare(0, id_prefix.size(), id_prefix) != 0) continue;
        nlohmann::json j = {{"id", id},
                            {"label", item.label},
                            {"x", item.rect.Min.x / s},
                            {"y", item.rect.Min.y / s},
                            {"w", item.rect.GetWidth() / s},
                            {"h", item.rect.GetHeight() / s},
                            {"visible", item.visible},
                            {"whole", item.whole},
                            {"enabled", item.enabled}};
        if (item.checked >= 0) j["checked"] = item.checked == 1;
        j["role"] = role_of(item);
        if (!item.name.empty()) j["name"] = item.name;
        if (!item.parent.empty()) j["parent"] = item.parent;
        if (item.focused) j["focused"] = true;
        if (item.group) j["group"] = true;
        if (!item.aria.empty()) {
            nlohmann::json a = nlohmann::json::object();
            for (const auto& [k, v] : item.aria) a[k] = v;
            j["aria"] = std::move(a);
        }
        out.push_back(std::move(j));
    }
    return out.dump();
}

std::optional<ImRect> last_item_rect(std::string_view key) {
    for (const Item& item : reg().last)
        if (item.key == key && item.visible) return item.rect;
    return std::nullopt;
}

bool request_item_focus(std::string_view key) {
    Registry& r = reg();
    for (const Item& item : r.last)
        if (item.key == key && item.id != 0 && item.enabled && !item.group) {
            const std::string_view role = role_of(item);
            r.focus_request = item.id;
            r.focus_edits = role == "textbox" || role == "searchbox";
            return true;
        }
    return false;
}

std::string focused_item_role() {
    for (const Item& item : reg().last)
        if (item.focused) return std::string(role_of(item));
    return {};
}

}  // namespace cc::ui

// ---- hooks called by Dear ImGui (declared in imgui_internal.h) ---------------------------------

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
    auto& r = cc::ui::reg();
    if (id == r.focus_request && ctx->CurrentWindow) {  // drawn again: it takes the keyboard focus
        r.focus_request = 0;
        ImGui::SetFocusID(id, ctx->CurrentWindow);
        ctx->NavDisableHighlight = false;
        ctx->NavDisableMouseHover = true;
        if (r.focus_edits) {  // the next frame starts its editing
            ctx->NavNextActivateId = id;
            ctx->NavNextActivateFlags = ImGuiActivateFlags_PreferInput;
        }
    }
    cc::ui::Item item;
    item.id = id;
    item.rect = bb;
    item.visible = cc::ui::is_visible(*ctx, bb);
    item.whole = cc::ui::is_whole(*ctx, bb);
    item.enabled = !(ctx->CurrentItemFlags & ImGuiItemFlags_Disabled);
    r.index[id] = r.building.size();
    cc::ui::add(r, std::move(item));
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
