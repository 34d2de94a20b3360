// Browser backend (Emscripten html5 API, our WebGL2 renderer). ImGui works in
// device pixels: DisplaySize is the canvas' pixel size and everything is scaled by
// devicePixelRatio, so text is rasterized at the screen's resolution and stays crisp at any
// DPR or browser zoom. Browser shortcuts (zoom, reload, devtools) are left to the browser.
#include "web/web_backend.h"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"
#include "web/gl_renderer.h"

namespace cc::web {
namespace {

// DOM events arrive between frames, possibly several per frame (a click is a down and an
// up). Dear ImGui 1.86 reads input state once per frame, so events are queued and applied
// in order with at most one transition per button or key per frame.
struct InputEvent {
    enum Type { MousePos, MouseButton, Wheel, Key, Char, Mods, FingerDrag, Pinch } type;
    // MousePos, FingerDrag (device pixels) / Wheel (h, v) / Pinch (the fingers' midpoint)
    float x = 0, y = 0;
    float scale = 1;  // Pinch: the fingers' distance over the last one
    int code = 0;     // button index, key code, or character
    bool down = false;
    bool ctrl = false, shift = false, alt = false, super = false;  // Mods
};

struct Backend {
    BackendCallbacks cb;
    std::vector<InputEvent> queue;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
    float scale = 1.0f;
    int width = 0, height = 0;  // canvas pixels
    double left = 0, top = 0;   // canvas position in the viewport, CSS pixels
    int frames_wanted = 2;
    // Frames during which typed characters wait: Tab moves the focus over two frames (the
    // move resolves in the next frame, where the new field ignores characters), so text
    // typed right after Tab would otherwise be lost.
    int chars_held_frames = 0;
    double next_frame_due_ms = HUGE_VAL;  // backend_request_frame_within
    ImGuiMouseCursor cursor = ImGuiMouseCursor_Arrow;
    std::string clipboard;
    InputEvent mods{InputEvent::Mods};  // the modifier keys as last reported
    // One finger on the canvas: a tap clicks, a drag scrolls what is under it (the scope
    // diagram pans), a flick goes on scrolling, slowing down (momentum), after the finger leaves,
    // and a long press is a right click (a row's actions). A second finger pinches (the diagram
    // zooms).
    struct Finger {
        bool down = false;
        long id = 0;
        double start_x = 0, start_y = 0, last_x = 0, last_y = 0;  // CSS pixels
        double start_ms = 0, last_ms = 0;
        double pressed_at = 0;  // emscripten_get_now() when it touched (for the long press)
        bool dragging = false;
        bool long_pressed = false;  // its right click was sent: lifting it clicks nothing
        double velocity = 0;        // CSS pixels per ms, vertical
        bool pinching = false;      // a second finger is down
        long second_id = 0;
        double second_x = 0, second_y = 0;
        double spread = 0;  // the fingers' distance, CSS pixels
    } finger;
    double momentum = 0;  // CSS pixels per ms still to scroll after a flick
    double momentum_ms = 0;
    bool in_frame = false;  // main_loop() is running
    bool answered = false;  // answer_now() drew a frame since the last animation frame
};

Backend& be() {
    static Backend b;
    return b;
}

const char* kCanvas = "#canvas";

// clang-format off
EM_JS(void, js_set_cursor, (const char* name), { Module.canvas.style.cursor = UTF8ToString(name); });
EM_JS(void, js_write_clipboard, (const char* text), {
    const s = UTF8ToString(text);
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(s).catch(() => {});
});
EM_JS(void, js_install_paste_listener, (), {
    window.addEventListener('paste', (e) => {
        const text = (e.clipboardData || window.clipboardData).getData('text');
        if (!text) return;
        const n = lengthBytesUTF8(text) + 1;
        const p = _malloc(n);
        stringToUTF8(text, p, n);
        _cc_insert_text(p);
        _free(p);
        e.preventDefault();
    });
});
EM_JS(double, js_canvas_left, (), { return Module.canvas.getBoundingClientRect().left; });
EM_JS(double, js_canvas_top, (), { return Module.canvas.getBoundingClientRect().top; });
EM_JS(double, js_now_ms, (), { return Date.now(); });
EM_JS(int, js_utc_offset_minutes, (), { return -(new Date()).getTimezoneOffset(); });
// clang-format on

void update_canvas_size() {
    Backend& b = be();
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size(kCanvas, &css_w, &css_h);
    b.left = js_canvas_left();
    b.top = js_canvas_top();
    const float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
    const int w = static_cast<int>(std::lround(css_w * dpr));
    const int h = static_cast<int>(std::lround(css_h * dpr));
    if (w != b.width || h != b.height) {
        b.width = w;
        b.height = h;
        emscripten_set_canvas_element_size(kCanvas, w, h);
    }
    if (dpr != b.scale) {
        b.scale = dpr;
        if (b.cb.scale_changed) b.cb.scale_changed(dpr);
    }
    ImGui::GetIO().DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
    backend_request_frames(3);
    return EM_FALSE;
}

void push_mods(bool ctrl, bool shift, bool alt, bool super) {
    InputEvent ev{InputEvent::Mods};
    ev.ctrl = ctrl;
    ev.shift = shift;
    ev.alt = alt;
    ev.super = super;
    be().queue.push_back(ev);
    be().mods = ev;
}

bool main_loop();

// Input that completes something (a button released, a key that is not a character, a
// character, pasted or composed text, a tap) is answered at once, in its event handler, instead
// of at the next animation frame: the frame it draws is already rendering when the browser's next frame begins, and
// that frame shows it. A click, a keystroke or a tap is then on screen one display frame after it happened, and the
// browser's frame holds none of our work. A press waits for its release (the two usually come together); moves and
// wheel steps, which the browser delivers once per frame anyway, wait for the animation frame.
void answer_now() {
    Backend& b = be();
    if (b.in_frame) return;
    b.answered = main_loop();
}

EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* e, void*) {
    Backend& b = be();
    const float s = b.scale;
    // Window-level events (move/up, so drags continue outside the canvas) are relative to
    // the viewport; the canvas may sit anywhere in a host page.
    push_mods(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
    InputEvent pos{InputEvent::MousePos};
    pos.x = static_cast<float>(e->clientX - b.left) * s;
    pos.y = static_cast<float>(e->clientY - b.top) * s;
    b.queue.push_back(pos);
    const int button = e->button == 0 ? 0 : e->button == 2 ? 1 : e->button == 1 ? 2 : -1;
    if (button >= 0 && (type == EMSCRIPTEN_EVENT_MOUSEDOWN || type == EMSCRIPTEN_EVENT_MOUSEUP)) {
        InputEvent click{InputEvent::MouseButton};
        click.code = button;
        click.down = type == EMSCRIPTEN_EVENT_MOUSEDOWN;
        b.queue.push_back(click);
    }
    backend_request_frames(3);
    if (type == EMSCRIPTEN_EVENT_MOUSEUP && button >= 0) answer_now();
    return type == EMSCRIPTEN_EVENT_MOUSEDOWN ? EM_TRUE : EM_FALSE;
}

EM_BOOL on_mouse_leave(int, const EmscriptenMouseEvent*, void*) {
    InputEvent gone{InputEvent::MousePos};
    gone.x = gone.y = -FLT_MAX;
    be().queue.push_back(gone);
    backend_request_frames(2);
    return EM_FALSE;
}

// ImGui scrolls five lines of text per wheel unit: a drag of `css_px` is this many units.
float wheel_units(double css_px) {
    const float line = ImGui::GetFontSize() > 0 ? ImGui::GetFontSize() : 16.0f;  // device pixels
    return static_cast<float>(css_px * be().scale / (5.0 * line));
}

void push_pointer(double css_x, double css_y) {
    Backend& b = be();
    InputEvent pos{InputEvent::MousePos};
    pos.x = static_cast<float>(css_x - b.left) * b.scale;
    pos.y = static_cast<float>(css_y - b.top) * b.scale;
    b.queue.push_back(pos);
}

void push_button(int button, bool down) {
    InputEvent ev{InputEvent::MouseButton};
    ev.code = button;
    ev.down = down;
    be().queue.push_back(ev);
}

// No hover left behind by a finger.
void push_pointer_away() {
    InputEvent gone{InputEvent::MousePos};
    gone.x = gone.y = -FLT_MAX;
    be().queue.push_back(gone);
}

const EmscriptenTouchPoint* changed_touch(const EmscriptenTouchEvent* e, long id, bool any) {
    for (int i = 0; i < e->numTouches; ++i)
        if (e->touches[i].isChanged && (any || e->touches[i].identifier == id)) return &e->touches[i];
    return nullptr;
}

constexpr double kLongPressMs = 500;
constexpr double kTouchSlop = 8;  // CSS pixels a finger may wander and still tap or long-press

const EmscriptenTouchPoint* touch_by_id(const EmscriptenTouchEvent* e, long id) {
    for (int i = 0; i < e->numTouches; ++i)
        if (e->touches[i].identifier == id) return &e->touches[i];
    return nullptr;
}

// Two fingers: the change of their distance zooms at their midpoint (a Pinch event).
void pinch_moved(const EmscriptenTouchEvent* e) {
    Backend& b = be();
    auto& f = b.finger;
    const EmscriptenTouchPoint* one = touch_by_id(e, f.id);
    const EmscriptenTouchPoint* two = touch_by_id(e, f.second_id);
    if (!one || !two) return;
    const double spread = std::hypot(one->clientX - two->clientX, one->clientY - two->clientY);
    if (f.spread > 0 && spread > 0 && spread != f.spread) {
        const double mid_x = (one->clientX + two->clientX) / 2.0, mid_y = (one->clientY + two->clientY) / 2.0;
        push_pointer(mid_x, mid_y);
        InputEvent pinch{InputEvent::Pinch};
        pinch.x = static_cast<float>(mid_x - b.left) * b.scale;
        pinch.y = static_cast<float>(mid_y - b.top) * b.scale;
        pinch.scale = static_cast<float>(spread / f.spread);
        b.queue.push_back(pinch);
    }
    f.spread = spread;
}

EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void*) {
    Backend& b = be();
    auto& f = b.finger;
    // When the finger moved, not when the handler ran: a busy frame may hold several moves and
    // the release back, which must not read as a slow drag.
    const double now = e->timestamp > 0 ? e->timestamp : emscripten_get_now();
    backend_request_frames(3);
    if (type == EMSCRIPTEN_EVENT_TOUCHSTART) {
        const EmscriptenTouchPoint* t = changed_touch(e, 0, true);
        if (!t) return EM_TRUE;
        if (f.down) {  // a second finger: a pinch, which neither taps nor long-presses
            if (f.pinching) return EM_TRUE;
            f.pinching = f.dragging = f.long_pressed = true;
            f.second_id = t->identifier;
            f.spread = 0;
            pinch_moved(e);
            return EM_TRUE;
        }
        f = {};
        f.down = true;
        f.id = t->identifier;
        f.start_x = f.last_x = t->clientX;
        f.start_y = f.last_y = t->clientY;
        f.start_ms = f.last_ms = now;
        f.pressed_at = emscripten_get_now();
        b.momentum = 0;  // a touch stops a flick
        push_pointer(t->clientX, t->clientY);
        backend_request_frame_within(kLongPressMs + 10);  // to see a long press with no event
        return EM_TRUE;                                   // no emulated mouse events, no browser scrolling or zooming
    }
    if (f.pinching) {
        if (type == EMSCRIPTEN_EVENT_TOUCHMOVE) {
            pinch_moved(e);
            return EM_TRUE;
        }
        // One of the two leaves: the gesture is over; the other finger does nothing more.
        if (changed_touch(e, f.id, false) || changed_touch(e, f.second_id, false)) {
            f.down = f.pinching = false;
            push_pointer_away();
        }
        return EM_TRUE;
    }
    const EmscriptenTouchPoint* t = changed_touch(e, f.id, false);
    if (!f.down || !t) return EM_TRUE;
    if (type == EMSCRIPTEN_EVENT_TOUCHMOVE) {
        const double dx = t->clientX - f.last_x, dy = t->clientY - f.last_y;
        if (!f.dragging && !f.long_pressed && std::hypot(t->clientX - f.start_x, t->clientY - f.start_y) > kTouchSlop)
            f.dragging = true;
        if (f.dragging && (dx != 0 || dy != 0)) {
            InputEvent drag{InputEvent::FingerDrag};
            drag.x = static_cast<float>(dx) * b.scale;
            drag.y = static_cast<float>(dy) * b.scale;
            b.queue.push_back(drag);
            if (dy != 0) {
                InputEvent wheel{InputEvent::Wheel};
                wheel.y = wheel_units(dy);
                b.queue.push_back(wheel);
            }
            const double dt = std::max(now - f.last_ms, 1.0);
            f.velocity = 0.6 * (dy / dt) + 0.4 * f.velocity;
        }
        f.last_x = t->clientX;
        f.last_y = t->clientY;
        f.last_ms = now;
        return EM_TRUE;
    }
    // The finger leaves (or the browser cancels the touch).
    f.down = false;
    if (f.long_pressed) {
        // Its right click opened a menu: the pointer stays, so the menu stays where it opened.
        return EM_TRUE;
    }
    if (type == EMSCRIPTEN_EVENT_TOUCHEND && !f.dragging) {  // a tap: a click where it was
        push_button(0, true);
        push_button(0, false);
        answer_now();
    } else if (f.dragging && now - f.last_ms < 150 && std::abs(f.velocity) > 0.1) {
        b.momentum = f.velocity;  // the pointer stays: the wheel scrolls what is under it
        b.momentum_ms = emscripten_get_now();
        return EM_TRUE;
    }
    push_pointer_away();
    return EM_TRUE;
}

// A finger held still for a while is a right click where it is (once per touch).
void apply_long_press() {
    Backend& b = be();
    auto& f = b.finger;
    if (!f.down || f.dragging || f.long_pressed || f.pinching) return;
    if (emscripten_get_now() - f.pressed_at < kLongPressMs) {
        backend_request_frame_within(f.pressed_at + kLongPressMs + 10 - emscripten_get_now());
        return;
    }
    f.long_pressed = true;
    push_button(1, true);
    push_button(1, false);
}

// A flick's scrolling, frame by frame: the speed decays by 5% every 16 ms.
void apply_momentum() {
    Backend& b = be();
    if (b.momentum == 0) return;
    const double now = emscripten_get_now();
    const double dt = std::min(now - b.momentum_ms, 100.0);
    b.momentum_ms = now;
    // The flick goes on as the drag did: a drag (the scope diagram pans, never zooms) and the
    // wheel (a list scrolls).
    InputEvent drag{InputEvent::FingerDrag};
    drag.y = static_cast<float>(b.momentum * dt) * b.scale;
    b.queue.push_back(drag);
    InputEvent wheel{InputEvent::Wheel};
    wheel.y = wheel_units(b.momentum * dt);
    b.queue.push_back(wheel);
    b.momentum *= std::pow(0.95, dt / 16.0);
    if (std::abs(b.momentum) < 0.02) {
        b.momentum = 0;
        push_pointer_away();
    } else
        backend_request_frames(2);
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
    if (e->mouse.ctrlKey) return EM_FALSE;  // ctrl+wheel is the browser's zoom
    // deltaMode 0: pixels, 1: lines, 2: pages. ImGui scrolls 5 lines per unit.
    const float unit = e->deltaMode == DOM_DELTA_PIXEL ? 100.0f : e->deltaMode == DOM_DELTA_LINE ? 3.0f : 1.0f;
    InputEvent wheel{InputEvent::Wheel};
    wheel.x = -static_cast<float>(e->deltaX) / unit;
    wheel.y = -static_cast<float>(e->deltaY) / unit;
    be().queue.push_back(wheel);
    backend_request_frames(3);
    return EM_TRUE;
}

// Keys ImGui needs; everything else (F5, F11, F12, ctrl+zoom) stays with the browser.
int imgui_key_code(unsigned long dom_key_code) {
    switch (dom_key_code) {
        case 8:
        case 9:
        case 13:
        case 27:
        case 32:
        case 33:
        case 34:
        case 35:
        case 36:
        case 37:
        case 38:
        case 39:
        case 40:
        case 45:
        case 46:
        case 93:   // the context-menu key
        case 121:  // F10 (Shift+F10 opens the selection's menu)
            return static_cast<int>(dom_key_code);
        default: break;
    }
    if (dom_key_code >= 65 && dom_key_code <= 90) return static_cast<int>(dom_key_code);  // A..Z
    return -1;
}

// clang-format off
EM_JS(int, js_text_agent_focused, (), {
    const a = document.activeElement;
    return a && a.tagName === 'INPUT' && a.closest && a.closest('#cc-a11y') ? 1 : 0;
});
// clang-format on

bool is_browser_shortcut(const EmscriptenKeyboardEvent* e) {
    const bool mod = e->ctrlKey || e->metaKey;
    const unsigned long k = e->keyCode;
    if (k == 121 && e->shiftKey && !mod) return false;  // Shift+F10: the selection's menu
    if (k >= 112 && k <= 123) return true;              // F1..F12
    if (mod && (k == 187 || k == 189 || k == 48 || k == 61 || k == 173 || k == 107 || k == 109 || k == 96))
        return true;                                                                // zoom in/out/reset
    if (mod && (k == 82 || k == 76 || k == 84 || k == 87 || k == 78)) return true;  // R L T W N
    if (mod && (k == 67 || k == 86 || k == 88)) return true;  // copy/paste/cut: let the clipboard events fire
    return false;
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void*) {
    push_mods(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
    backend_request_frames(3);
    int k = imgui_key_code(e->keyCode);
    // Ctrl/Cmd+V: the browser's paste event brings the text (cc_insert_text); ImGui's own paste
    // would insert the app's last copy as well.
    if ((e->ctrlKey || e->metaKey) && e->keyCode == 86) k = -1;
    if (k >= 0) {
        InputEvent key{InputEvent::Key};
        key.code = k;
        key.down = type == EMSCRIPTEN_EVENT_KEYDOWN;
        be().queue.push_back(key);
        // A key that types a character is answered with its character (keypress).
        const bool types = !e->ctrlKey && !e->metaKey && (k == 32 || (k >= 65 && k <= 90));
        if (key.down && !types) answer_now();
    }
    if (is_browser_shortcut(e)) {
        // Copy/cut are served by ImGui's clipboard callback, so ImGui must see the keys.
        return EM_FALSE;
    }
    // Only swallow keys ImGui uses when it wants the keyboard; typing chars comes as keypress.
    if (type == EMSCRIPTEN_EVENT_KEYDOWN && k >= 0 && k != 32 && (k < 65 || k > 90 || e->ctrlKey || e->metaKey))
        return EM_TRUE;
    return EM_FALSE;
}

EM_BOOL on_keypress(int, const EmscriptenKeyboardEvent* e, void*) {
    if (e->ctrlKey || e->metaKey) return EM_FALSE;
    // A real <input> standing in for the field being edited takes the character itself, and
    // hands the app what it received (cc_insert_text): composed text and autofill included.
    if (js_text_agent_focused()) return EM_FALSE;
    if (e->charCode >= 32) {
        InputEvent ch{InputEvent::Char};
        ch.code = static_cast<int>(e->charCode);
        be().queue.push_back(ch);
    }
    backend_request_frames(3);
    answer_now();
    return EM_TRUE;
}

EM_BOOL on_focus(int, const EmscriptenFocusEvent*, void*) {
    ImGuiIO& io = ImGui::GetIO();
    be().queue.clear();
    for (bool& d : io.KeysDown) d = false;
    io.KeyCtrl = io.KeyShift = io.KeyAlt = io.KeySuper = false;
    backend_request_frames(3);
    return EM_FALSE;
}

const char* cursor_name(ImGuiMouseCursor c) {
    switch (c) {
        case ImGuiMouseCursor_TextInput: return "text";
        case ImGuiMouseCursor_ResizeAll: return "move";
        case ImGuiMouseCursor_ResizeNS: return "ns-resize";
        case ImGuiMouseCursor_ResizeEW: return "ew-resize";
        case ImGuiMouseCursor_ResizeNESW: return "nesw-resize";
        case ImGuiMouseCursor_ResizeNWSE: return "nwse-resize";
        case ImGuiMouseCursor_Hand: return "pointer";
        case ImGuiMouseCursor_NotAllowed: return "not-allowed";
        default: return "default";
    }
}

const char* get_clipboard(void*) {
    return be().clipboard.c_str();
}
void set_clipboard(void*, const char* text) {
    be().clipboard = text;
    js_write_clipboard(text);
}

// Applies queued events up to the second transition of any button or key. A button press
// that follows a move waits one frame, so the item under the new position is hovered before
// it is pressed (as when a real pointer glides there; scripted clicks jump).
void apply_input_events() {
    Backend& b = be();
    ImGuiIO& io = ImGui::GetIO();
    bool moved = false;
    bool clicked = false;
    bool typed = false;  // characters went to ImGui this frame
    bool button_changed[5] = {};
    std::vector<bool> key_changed(IM_ARRAYSIZE(io.KeysDown), false);
    if (b.chars_held_frames > 0) --b.chars_held_frames;
    apply_momentum();
    apply_long_press();
    ui::TouchGesture& touch = ui::touch_gesture();
    touch = ui::TouchGesture{};
    std::size_t n = 0;
    for (; n < b.queue.size(); ++n) {
        const InputEvent& ev = b.queue[n];
        bool stop = false;
        switch (ev.type) {
            case InputEvent::MousePos: {
                const bool changes = io.MousePos.x != ev.x || io.MousePos.y != ev.y;
                // A move after a click in this frame belongs to the next frame: the click
                // must be released where it was pressed.
                if (changes && clicked) {
                    stop = true;
                    break;
                }
                moved |= changes;
                io.MousePos = ImVec2(ev.x, ev.y);
                break;
            }
            case InputEvent::MouseButton:
                if (button_changed[ev.code] || (moved && ev.down))
                    stop = true;
                else {
                    button_changed[ev.code] = io.MouseDown[ev.code] != ev.down;
                    clicked |= button_changed[ev.code];
                    io.MouseDown[ev.code] = ev.down;
                }
                break;
            case InputEvent::Wheel:
                io.MouseWheelH += ev.x;
                io.MouseWheel += ev.y;
                break;
            case InputEvent::FingerDrag:
                touch.drag.x += ev.x;
                touch.drag.y += ev.y;
                break;
            case InputEvent::Pinch:
                touch.pinch *= ev.scale;
                touch.pinch_centre = ImVec2(ev.x, ev.y);
                break;
            case InputEvent::Key: {
                const auto key = static_cast<std::size_t>(ev.code);
                if (key_changed[key])
                    stop = true;
                else {
                    key_changed[key] = io.KeysDown[ev.code] != ev.down;
                    io.KeysDown[ev.code] = ev.down;
                    if (ev.down && ev.code == io.KeyMap[ImGuiKey_Tab]) b.chars_held_frames = 2;
                }
                break;
            }
            case InputEvent::Char:
                if (b.chars_held_frames > 0)
                    stop = true;
                else {
                    io.AddInputCharacter(static_cast<unsigned>(ev.code));
                    typed = true;
                }
                break;
            case InputEvent::Mods:
                // ImGui drops the characters of a frame in which Ctrl (or Cmd) is held: text pasted
                // with Ctrl+V gets a frame of its own with them released (cc_insert_text).
                if (typed && (io.KeyCtrl != ev.ctrl || io.KeySuper != ev.super)) {
                    stop = true;
                    break;
                }
                io.KeyCtrl = ev.ctrl;
                io.KeyShift = ev.shift;
                io.KeyAlt = ev.alt;
                io.KeySuper = ev.super;
                break;
        }
        if (stop) break;
    }
    b.queue.erase(b.queue.begin(), b.queue.begin() + static_cast<std::ptrdiff_t>(n));
    if (!b.queue.empty()) backend_request_frames(2);
}

bool any_key_or_button_down() {
    const ImGuiIO& io = ImGui::GetIO();
    for (const bool down : io.MouseDown)
        if (down) return true;
    for (const bool down : io.KeysDown)
        if (down) return true;
    return false;
}

// Seconds until ImGui's text caret next appears or disappears: it shows for 0.8 s of every
// 1.2 s, and stays on for a moment after each edit (the timer then is negative).
double seconds_to_caret_toggle(float anim) {
    if (anim <= 0.0f) return 0.8 - static_cast<double>(anim);
    const double phase = std::fmod(static_cast<double>(anim), 1.2);
    return phase <= 0.8 ? 0.8 - phase : 1.2 - phase;
}

// An active drag (a slider, a scrollbar, a column border, text selected with the mouse) follows
// the pointer at display rate. A text field that only waits for typing needs a frame only when
// its caret blinks: typing, clicks and held keys bring their own frames.
void request_follow_up_frames() {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    const bool editing_text = g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID;
    if (ImGui::IsAnyItemActive() && (!editing_text || any_key_or_button_down())) {
        backend_request_frames(1);
    } else if (editing_text && g.IO.ConfigInputTextCursorBlink) {
        backend_request_frame_within(seconds_to_caret_toggle(g.InputTextState.CursorAnim) * 1000.0 + 10.0);
    }
}

// Draws a frame when one is due; true if it did.
bool main_loop() {
    Backend& b = be();
    b.answered = false;
    update_canvas_size();
    const double now = emscripten_get_now();
    if (b.frames_wanted <= 0 && b.queue.empty() && now < b.next_frame_due_ms) return false;
    if (b.cb.hold_frame && b.cb.hold_frame()) return false;
    b.in_frame = true;
    if (b.frames_wanted > 0) --b.frames_wanted;
    b.next_frame_due_ms = HUGE_VAL;
    ImGuiIO& io = ImGui::GetIO();
    static double last = now;
    io.DeltaTime = static_cast<float>(std::max(now - last, 1.0) / 1000.0);
    last = now;
    apply_input_events();
    b.cb.frame();
    const ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
    if (cursor != b.cursor) {
        b.cursor = cursor;
        js_set_cursor(cursor_name(cursor));
    }
    request_follow_up_frames();
    b.in_frame = false;
    return true;
}

}  // namespace

bool backend_apply_more_input() {
    if (be().queue.empty()) return false;
    apply_input_events();
    return true;
}

// Text for the focused field, as typed characters in order with the keys around them: a paste,
// or what a real <input> of the page received (IME compositions, autofill, on-screen keyboards;
// web/a11y_mirror.js). It is not kept (it may be a secret: a password, a config.json).
// The accessibility mirror's element of the item `key` got the DOM focus from outside the app (a
// screen reader's cursor, a click by assistive technology): the app's focus follows.
extern "C" EMSCRIPTEN_KEEPALIVE void cc_focus_item(const char* key) {
    if (ui::request_item_focus(key)) backend_request_frames(3);
}

extern "C" EMSCRIPTEN_KEEPALIVE void cc_insert_text(const char* text) {
    Backend& b = be();
    const InputEvent held = b.mods;
    InputEvent released = held;
    released.ctrl = released.super = false;
    b.queue.push_back(released);
    const char* end = text + std::strlen(text);
    while (text < end) {
        unsigned int c = 0;
        const int n = ImTextCharFromUtf8(&c, text, end);
        if (n <= 0) break;
        text += n;
        if (c < 32 && c != '\n' && c != '\t') continue;
        InputEvent ch{InputEvent::Char};
        ch.code = static_cast<int>(c);
        b.queue.push_back(ch);
    }
    b.queue.push_back(held);
    backend_request_frames(3);
    answer_now();
}

bool backend_init(BackendCallbacks callbacks) {
    Backend& b = be();
    b.cb = std::move(callbacks);
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = EM_FALSE;
    attrs.antialias = EM_FALSE;
    attrs.depth = EM_FALSE;
    attrs.stencil = EM_FALSE;
    // No copy of the drawing buffer per frame: the page keeps showing the last frame drawn
    // until the next one (and so do screenshots, which capture the composited page).
    attrs.preserveDrawingBuffer = EM_FALSE;
    b.gl = emscripten_webgl_create_context(kCanvas, &attrs);
    if (b.gl <= 0) return false;
    emscripten_webgl_make_context_current(b.gl);

    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.BackendPlatformName = "credentials_console_web";
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    io.GetClipboardTextFn = get_clipboard;
    io.SetClipboardTextFn = set_clipboard;
    io.KeyMap[ImGuiKey_Tab] = 9;
    io.KeyMap[ImGuiKey_LeftArrow] = 37;
    io.KeyMap[ImGuiKey_RightArrow] = 39;
    io.KeyMap[ImGuiKey_UpArrow] = 38;
    io.KeyMap[ImGuiKey_DownArrow] = 40;
    io.KeyMap[ImGuiKey_PageUp] = 33;
    io.KeyMap[ImGuiKey_PageDown] = 34;
    io.KeyMap[ImGuiKey_Home] = 36;
    io.KeyMap[ImGuiKey_End] = 35;
    io.KeyMap[ImGuiKey_Insert] = 45;
    io.KeyMap[ImGuiKey_Delete] = 46;
    io.KeyMap[ImGuiKey_Backspace] = 8;
    io.KeyMap[ImGuiKey_Space] = 32;
    io.KeyMap[ImGuiKey_Enter] = 13;
    io.KeyMap[ImGuiKey_Escape] = 27;
    io.KeyMap[ImGuiKey_KeyPadEnter] = 13;
    io.KeyMap[ImGuiKey_A] = 65;
    io.KeyMap[ImGuiKey_C] = 67;
    io.KeyMap[ImGuiKey_V] = 86;
    io.KeyMap[ImGuiKey_X] = 88;
    io.KeyMap[ImGuiKey_Y] = 89;
    io.KeyMap[ImGuiKey_Z] = 90;

    if (!gl_renderer_init()) return false;

    emscripten_set_mousedown_callback(kCanvas, nullptr, EM_TRUE, on_mouse);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_mouse);
    emscripten_set_mousemove_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_mouse);
    emscripten_set_mouseleave_callback(kCanvas, nullptr, EM_TRUE, on_mouse_leave);
    emscripten_set_wheel_callback(kCanvas, nullptr, EM_TRUE, on_wheel);
    emscripten_set_touchstart_callback(kCanvas, nullptr, EM_TRUE, on_touch);
    emscripten_set_touchmove_callback(kCanvas, nullptr, EM_TRUE, on_touch);
    emscripten_set_touchend_callback(kCanvas, nullptr, EM_TRUE, on_touch);
    emscripten_set_touchcancel_callback(kCanvas, nullptr, EM_TRUE, on_touch);
    emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_key);
    emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_key);
    emscripten_set_keypress_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_keypress);
    emscripten_set_focus_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_focus);
    emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_resize);
    js_install_paste_listener();
    b.scale = 0;  // forces the first scale_changed
    update_canvas_size();
    return true;
}

void backend_run() {
    // The browser's requestAnimationFrame, directly: emscripten_set_main_loop would link
    // Emscripten's whole Browser library (canvas resizing, fullscreen, pointer lock, preload
    // plugins), which the page does not use.
    emscripten_request_animation_frame_loop(
        [](double, void*) -> EM_BOOL {
            // Input answered since the last animation frame: that frame is what this one shows;
            // what else is due (follow-up frames, a response) is drawn at the next one.
            if (be().answered && be().queue.empty()) {
                be().answered = false;
                return EM_TRUE;
            }
            main_loop();
            return EM_TRUE;
        },
        nullptr);
}

float backend_scale() {
    return be().scale;
}

void backend_request_frames(int n) {
    if (be().frames_wanted < n) be().frames_wanted = n;
}

void backend_request_frame_within(double ms) {
    Backend& b = be();
    b.next_frame_due_ms = std::min(b.next_frame_due_ms, emscripten_get_now() + ms);
}

void backend_fonts_changed() {
    gl_renderer_upload_fonts();
    backend_request_frames(2);
}

void backend_render_draw_data() {
    Backend& b = be();
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    const float clear[3] = {bg.x, bg.y, bg.z};
    gl_renderer_render(b.width, b.height, clear);
}

double wall_clock_ms() {
    return js_now_ms();
}
int utc_offset_minutes() {
    return js_utc_offset_minutes();
}

}  // namespace cc::web
