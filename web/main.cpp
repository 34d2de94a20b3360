// The web app's entry point: owns the app state and the UI state, runs actions through
// update(), carries out effects with emscripten fetch, and exports the test hooks
// (window.credentialsConsole, see test_hooks.js).
#include <emscripten.h>
#include <emscripten/fetch.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app/commands.h"
#include "app/update.h"
#include "core/credential.h"
#include "core/table_view_hash.h"
#include "core/text.h"
#include "imgui.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"
#include "web/frame_stats.h"
#include "web/glyphs.h"
#include "web/page.h"
#include "web/web_backend.h"

namespace {

struct WebApp {
    cc::app::State state;
    cc::ui::UiState ui;
    std::string api_base;  // prefix of API paths; "" means relative to the page
    std::uint64_t frame = 0;
    int in_flight = 0;
    bool dark = false;
    double last_tick_ms = 0;
    std::uint64_t items_revision = 0;  // of the items the page was last told about
    std::uint64_t focus_revision = 0;  // of the keyboard focus the page was last told about
    float zoom = 1.0f;                 // text and controls larger than the display's own scale (wall screens)
    double started_ms = 0;             // emscripten_get_now() when main() began
};

constexpr const char* kLayoutSetting = "credentials-console.layout";  // ImGui's column order and widths

WebApp& app() {
    static WebApp a;
    return a;
}

void dispatch(cc::app::Action action);     // runs the effects and asks for frames
void run_effects(cc::app::Action action);  // runs the effects only

// The value of one response header (name in lower case), "" when absent.
std::string response_header(emscripten_fetch_t* f, std::string_view name) {
    const std::size_t length = emscripten_fetch_get_response_headers_length(f);
    if (length == 0) return {};
    std::string raw(length + 1, '\0');
    emscripten_fetch_get_response_headers(f, raw.data(), raw.size());
    raw.resize(length);
    for (const std::string_view line : cc::split_by_char(raw, '\n')) {
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || cc::ascii_lower(line.substr(0, colon)) != name) continue;
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
        while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.remove_suffix(1);
        return std::string(value);
    }
    return {};
}

// The request's context rides along with the fetch and comes back with its answer.
void on_fetch_done(emscripten_fetch_t* f) {
    std::unique_ptr<cc::app::RequestContext> ctx(static_cast<cc::app::RequestContext*>(f->userData));
    cc::app::HttpResponded done;
    done.context = std::move(*ctx);
    done.response.status = f->status;
    if (f->data && f->numBytes > 0) {
        // The body stays where the fetch put it: the response takes the buffer over.
        done.response.body = cc::api::Body::adopt(const_cast<char*>(f->data), static_cast<std::size_t>(f->numBytes));
        f->data = nullptr;
    }
    done.response.etag = response_header(f, "etag");
    cc::web::note_text(done.response.body);  // characters the fonts lack are drawn before the next frame
    if (f->status == 0) done.response.transport_error = f->statusText[0] ? f->statusText : "network error";
    done.now_ms = cc::web::wall_clock_ms();
    emscripten_fetch_close(f);
    --app().in_flight;
    dispatch(std::move(done));
}

// clang-format off
// Requests sent through the page's fetch() (Module.openFetch in shell/boot.js) rather than
// emscripten fetch: an answer the page asked for before the app started (Module.prefetched),
// taken when the request is the very same (GET, URL, headers in order), and requests whose
// body comes in parts. Parts and the end come back through cc_fetch_part and cc_fetch_done
// with `context`; a body that does not come in parts is gathered here first.
EM_JS(int, js_fetch, (const char* url, const char* headers, void* context, int in_parts, int prefetched_only), {
    const u = UTF8ToString(url);
    const h = UTF8ToString(headers);
    const list = Module.prefetched || [];
    const i = list.findIndex((p) => p.url === u && p.headers === h);
    let f = null;
    if (i >= 0) f = list.splice(i, 1)[0];
    else if (!prefetched_only) f = Module.openFetch(u, h);
    if (!f) return 0;
    const whole = [];
    let delivered = 0;
    let later = false;
    // Parts are handed over for at most 25 ms at a time: a list that arrived while the app
    // started (prefetched) is decoded in slices, with frames in between that show its first rows.
    const drain = () => {
        later = false;
        const start = performance.now();
        while (f.parts.length) {
            if (performance.now() - start > 25) {
                later = true;
                setTimeout(drain, 0);
                return;
            }
            let part = f.parts.shift();
            if (part.length > 262144) {  // a slice's end is checked between parts: keep them small
                f.parts.unshift(part.subarray(262144));
                part = part.subarray(0, 262144);
            }
            delivered += part.length;
            if (in_parts && f.status >= 200 && f.status < 300) {
                const data = _malloc(part.length);
                HEAPU8.set(part, data);
                _cc_fetch_part(context, data, part.length, delivered, f.total);
            } else {
                whole.push(part);
                _cc_fetch_part(context, 0, 0, delivered, f.total);
            }
        }
        if (!f.done) return;
        f.listener = null;
        const size = whole.reduce((n, p) => n + p.length, 0);
        const data = size ? _malloc(size) : 0;
        let at = data;
        for (const p of whole) { HEAPU8.set(p, at); at += p.length; }
        const etag = allocateUTF8(f.etag);
        const error = allocateUTF8(f.error);
        _cc_fetch_done(context, f.status, data, size, etag, error);
        _free(etag);
        _free(error);
    };
    f.listener = () => { if (!later) drain(); };
    drain();
    return 1;
});
// clang-format on

std::string header_lines(const cc::api::HttpRequest& req) {
    std::string lines;
    for (const auto& [k, v] : req.headers) {
        if (!lines.empty()) lines += '\n';
        lines += k + ": " + v;
    }
    return lines;
}

// Through the page's fetch(): a GET whose body comes in parts, or one the page asked for
// already. False when neither (emscripten fetch then sends it).
bool send_through_page(const cc::api::HttpRequest& req, const std::string& url, const cc::app::SendRequest& effect) {
    if (req.method != "GET") return false;
    auto* ctx = new cc::app::RequestContext(effect.context);
    if (js_fetch(url.c_str(), header_lines(req).c_str(), ctx, effect.in_parts ? 1 : 0, effect.in_parts ? 0 : 1))
        return true;
    delete ctx;
    return false;
}

void send(cc::app::SendRequest& effect) {
    cc::api::HttpRequest& req = effect.request;
    const std::string url = app().api_base + req.path;
    ++app().in_flight;
    if (send_through_page(req, url, effect)) return;
    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strncpy(attr.requestMethod, req.method.c_str(), sizeof(attr.requestMethod) - 1);
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY | EMSCRIPTEN_FETCH_REPLACE;
    std::vector<const char*> headers;
    for (const auto& [k, v] : req.headers) {
        headers.push_back(k.c_str());
        headers.push_back(v.c_str());
    }
    headers.push_back(nullptr);
    attr.requestHeaders = headers.data();
    if (!req.body.empty()) {
        attr.requestData = req.body.data();
        attr.requestDataSize = req.body.size();
    }
    attr.userData = new cc::app::RequestContext(std::move(effect.context));
    attr.onsuccess = on_fetch_done;
    attr.onerror = on_fetch_done;
    emscripten_fetch(&attr, url.c_str());  // copies the body into the XHR synchronously
    if (req.body_is_secret) cc::wipe_string(req.body);
}

void run(cc::app::SendRequest& fx) {
    send(fx);
}
void run(cc::app::WriteUrlHash& fx) {
    cc::web::write_url_hash(fx.hash, fx.replace);
}
void run(cc::app::SaveSetting& fx) {
    cc::web::save_setting(fx.key, fx.value);
}
void run(cc::app::KeepSession& fx) {
    cc::web::keep_session(fx.token, fx.user);
}
void run(cc::app::DownloadFile& fx) {
    cc::web::download(fx.filename, fx.mime, fx.content);
}
// Through ImGui's clipboard callback, which keeps the text for ImGui's own paste and writes it to
// the system clipboard (web_backend.cpp).
void run(cc::app::CopyToClipboard& fx) {
    ImGui::SetClipboardText(fx.text.c_str());
}

void schedule_background_work();

void run_effects(cc::app::Action action) {
    auto effects = cc::app::update(app().state, std::move(action));
    for (auto& e : effects) std::visit([](auto& fx) { run(fx); }, e);
}

void dispatch(cc::app::Action action) {
    run_effects(std::move(action));
    cc::web::backend_request_frames(3);
    schedule_background_work();
}

// Work the app does in spare time (sort indexes after a load) runs one step per timer, between
// frames and input, and draws nothing.
bool background_scheduled = false;

void background_step(void*) {
    background_scheduled = false;
    run_effects(cc::app::BackgroundWorkDue{});
    schedule_background_work();
}

void schedule_background_work() {
    if (background_scheduled || !cc::app::has_background_work(app().state)) return;
    background_scheduled = true;
    emscripten_set_timeout(background_step, 50, nullptr);
}

// What the page starts with: the stored preferences, then the URL hash; the app decides which
// view they make.
void restore_initial_view() {
    dispatch(cc::app::StoredPreferencesLoaded{cc::web::load_setting(cc::app::kVisibleColumnsSetting)});
    dispatch(cc::app::UrlHashChanged{cc::web::read_url_hash(), true});
}

void load_layout() {
    const std::string ini = cc::web::load_setting(kLayoutSetting);
    if (!ini.empty()) ImGui::LoadIniSettingsFromMemory(ini.c_str(), ini.size());
}

void save_layout_if_changed() {
    ImGuiIO& io = ImGui::GetIO();
    if (!io.WantSaveIniSettings) return;
    io.WantSaveIniSettings = false;
    std::size_t size = 0;
    const char* ini = ImGui::SaveIniSettingsToMemory(&size);
    cc::web::save_setting(kLayoutSetting, std::string(ini, size));
}

// The page's accessibility mirror (a11y_mirror.js) reads the items again: soon when the keyboard
// focus moved, else once they have settled.
// clang-format off
EM_JS(void, js_first_frame_drawn, (), {
    if (Module.onFirstFrame) Module.onFirstFrame();
});
EM_JS(void, js_items_changed, (int focus_moved), {
    if (Module.onItemsChanged) Module.onItemsChanged(!!focus_moved);
});
// clang-format on

void frame() {
    WebApp& a = app();
    cc::web::FrameCost cost;
    const double start = emscripten_get_now();
    cc::ui::reset_frame_flags();
    const double now = cc::web::wall_clock_ms();
    if (now - a.last_tick_ms >= 250) {
        a.last_tick_ms = now;
        // The frame that follows draws what the tick changed; asking for more frames here
        // would draw every tick (four a second) several times over.
        run_effects(cc::app::Tick{now});
    }
    cc::web::add_missing_glyphs_before_frame();
    // One displayed frame runs as many ImGui frames as its input needs (a click is a move, a
    // press and a release: one ImGui frame each) and, when they changed the state (a sort, a
    // keystroke in the search), one more, so the result is what this frame shows rather than
    // one, two or three display frames later. Only the last ImGui frame is rendered.
    constexpr int kMaxImGuiFrames = 6;
    const double ui_start = emscripten_get_now();
    double dispatch_ms = 0;
    std::vector<cc::app::Action> actions;
    for (int pass = 0; pass < kMaxImGuiFrames; ++pass) {
        if (pass > 0) {
            const bool more_input = cc::web::backend_apply_more_input();
            if (!more_input && actions.empty()) break;
            ImGui::GetIO().DeltaTime = 1e-4f;
        }
        ImGui::NewFrame();
        actions.clear();
        cc::ui::draw_app(a.state, a.ui, actions, cc::web::wall_clock_ms());
        ImGui::Render();
        const double dispatch_start = emscripten_get_now();
        for (auto& action : actions) dispatch(std::move(action));
        dispatch_ms += emscripten_get_now() - dispatch_start;
    }
    const double gl_start = emscripten_get_now();
    cc::web::backend_render_draw_data();
    const double update_start = emscripten_get_now();
    if (++a.frame == 1) js_first_frame_drawn();
    save_layout_if_changed();
    const double end = emscripten_get_now();
    cost.update = (ui_start - start) + dispatch_ms + (end - update_start);
    cost.ui = gl_start - ui_start - dispatch_ms;
    cost.gl = update_start - gl_start;
    cost.total = end - start;
    cc::web::frame_stats_add(cost);
    if (cc::ui::items_revision() != a.items_revision) {
        a.items_revision = cc::ui::items_revision();
        const bool focus_moved = cc::ui::focus_revision() != a.focus_revision;
        a.focus_revision = cc::ui::focus_revision();
        js_items_changed(focus_moved ? 1 : 0);
    }
    // Spinners animate (20 frames a second is smooth enough for them), and polls of
    // transient rows come due (Tick runs every 250 ms). A response that arrives draws at
    // once (dispatch asks for frames), so neither needs the display's full rate.
    // While a first load shows its rows as they arrive, only the progress text changes on screen
    // (the rows arrive below the first screen): two frames a second leave the CPU to the decoding.
    if (a.state.rows_preview && !cc::ui::spinner_drawn_this_frame())
        cc::web::backend_request_frame_within(500);
    else if (cc::ui::spinner_drawn_this_frame() || a.in_flight > 0)
        cc::web::backend_request_frame_within(50);
    else if (!a.state.polls.empty())
        cc::web::backend_request_frame_within(250);
    // A copy's "Copied" confirmation disappears on time without other input.
    if (const auto until = cc::app::copied_shown_until(a.state); until && *until > now)
        cc::web::backend_request_frame_within(*until - now + 10);
    // A display wakes up for its next refresh (or session request) with nobody touching it.
    if (a.state.kiosk.on) cc::web::backend_request_frame_within(std::max(a.state.kiosk.next_ms - now, 50.0));
}

// The first frame waits, for at most this long after the start, while the table's first load
// has nothing to show. Until the page's main thread has drawn its first frame (for which software
// WebGL first compiles its pipelines, a few hundred milliseconds), the answers the page asked
// for while the app started are not even read: held back, the first frame shows their rows.
// The page's "Loading Credentials Console…" stays meanwhile.
constexpr double kFirstFrameHoldMs = 1000;

bool hold_first_frame() {
    const WebApp& a = app();
    return a.frame == 0 && emscripten_get_now() - a.started_ms < kFirstFrameHoldMs &&
           cc::app::first_rows_pending(a.state);
}

// Pixels per CSS pixel stay the display's (items are reported in CSS pixels); text and controls
// are drawn `zoom` times larger.
void scale_changed(float scale) {
    cc::ui::load_fonts(scale * app().zoom);
    cc::ui::apply_theme(scale * app().zoom, app().dark);
    cc::web::backend_fonts_changed();
    cc::ui::set_item_registry_scale(scale);
}

// clang-format off
// A kiosk or wall display (?display=kiosk[&refresh=SECONDS][&zoom=N]): the seconds between
// refreshes (0: not a display) and how much larger to draw (by default, more for wider screens).
EM_JS(double, js_kiosk_refresh_seconds, (), {
    const q = new URLSearchParams(location.search);
    if (q.get('display') !== 'kiosk') return 0;
    const s = Number(q.get('refresh'));
    return s > 0 ? s : 30;
});
EM_JS(double, js_kiosk_zoom, (), {
    const z = Number(new URLSearchParams(location.search).get('zoom'));
    return z > 0 ? Math.min(z, 4) : Math.max(1, Math.min(2.5, window.innerWidth / 1440));
});

EM_JS(char*, js_api_base, (), {
    const meta = document.querySelector("meta[name=credentials-console-api-base]");
    const cfg = (window.credentialsConsoleConfig && window.credentialsConsoleConfig.apiBase) || (meta ? meta.content : "");
    const n = lengthBytesUTF8(cfg) + 1;
    const p = _malloc(n);
    stringToUTF8(cfg, p, n);
    return p;
});

EM_JS(void, js_show_no_webgl, (), {
    const p = document.createElement("p");
    p.className = "page-message";
    p.textContent = "This page needs WebGL 2, which this browser does not provide.";
    document.body.replaceChildren(p);
});
// clang-format on

}  // namespace

// ---- exports for the page (test hooks, host console embedding) ---------------------------------

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* cc_items_json(const char* id_prefix) {
    static std::string json;
    json = cc::ui::items_json(id_prefix ? id_prefix : "");
    return json.c_str();
}

EMSCRIPTEN_KEEPALIVE double cc_frame() {
    return static_cast<double>(app().frame);
}

// A host console that already holds a bearer token hands it over instead of a login.
EMSCRIPTEN_KEEPALIVE void cc_set_token(const char* token, const char* user) {
    dispatch(cc::app::TokenProvided{token ? token : "", user ? user : ""});
}

// Characters split between two parts wait for the rest of their bytes before they are noted.
std::unordered_map<const void*, std::string> utf8_tails;

void note_part(const void* context, std::string_view part) {
    std::string& tail = utf8_tails[context];
    tail.append(part.data(), part.size());
    const std::size_t whole = cc::complete_utf8_prefix(tail);
    cc::web::note_text(std::string_view(tail).substr(0, whole));
    tail.erase(0, whole);
}

// `data` (malloc'd, `size` bytes, null when the page keeps the part) is handed over.
EMSCRIPTEN_KEEPALIVE void cc_fetch_part(void* context, char* data, int size, double loaded, double total) {
    const auto* ctx = static_cast<const cc::app::RequestContext*>(context);
    cc::app::HttpProgressed progressed{*ctx, static_cast<std::uint64_t>(loaded), static_cast<std::uint64_t>(total), {}};
    if (data) {
        progressed.part = cc::api::Body::adopt(data, static_cast<std::size_t>(size));
        note_part(context, progressed.part);
    }
    // No frames asked for: a request in flight already redraws (the spinner) every 50 ms, and a
    // large list arrives in hundreds of parts; but the first rows of a list show at once.
    const bool had_rows = !app().state.rows.empty();
    run_effects(std::move(progressed));
    // Three: a table's first frame measures its columns, the next ones draw the rows in place.
    if (!had_rows && !app().state.rows.empty()) cc::web::backend_request_frames(3);
}

// `data` (malloc'd, `size` bytes, may be null) is handed over; `etag` and `error` are borrowed.
EMSCRIPTEN_KEEPALIVE void cc_fetch_done(void* context, int status, char* data, int size, const char* etag,
                                        const char* error) {
    utf8_tails.erase(context);
    std::unique_ptr<cc::app::RequestContext> ctx(static_cast<cc::app::RequestContext*>(context));
    cc::app::HttpResponded done;
    done.context = std::move(*ctx);
    done.response.status = status;
    if (data) done.response.body = cc::api::Body::adopt(data, static_cast<std::size_t>(size));
    done.response.etag = etag ? etag : "";
    cc::web::note_text(done.response.body);
    if (status == 0) done.response.transport_error = error && *error ? error : "network error";
    done.now_ms = cc::web::wall_clock_ms();
    --app().in_flight;
    dispatch(std::move(done));
}

EMSCRIPTEN_KEEPALIVE const char* cc_frame_stats_json() {
    static std::string json;
    json = cc::web::frame_stats_json();
    return json.c_str();
}

EMSCRIPTEN_KEEPALIVE void cc_reset_frame_stats() {
    cc::web::frame_stats_reset();
}

EMSCRIPTEN_KEEPALIVE void cc_request_frames(int n) {
    cc::web::backend_request_frames(n);
}

EMSCRIPTEN_KEEPALIVE void cc_on_hash_change() {
    dispatch(cc::app::UrlHashChanged{cc::web::read_url_hash(), false});
}

EMSCRIPTEN_KEEPALIVE void cc_on_color_scheme(int dark) {
    app().dark = dark != 0;
    cc::ui::apply_theme(cc::web::backend_scale() * app().zoom, app().dark);
    cc::web::backend_request_frames(3);
}

}  // extern "C"

int main() {
    app().started_ms = emscripten_get_now();
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    // Visible keyboard focus, Space to press the focused control, arrows inside dialogs and menus.
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    cc::ui::install_item_registry();
    char* base = js_api_base();
    app().api_base = base;
    std::free(base);
    app().state.utc_offset_minutes = cc::web::utc_offset_minutes();
    app().dark = cc::web::install_page_listeners();
    load_layout();
    restore_initial_view();
    cc::web::install_glyph_rasterizer();
    // A session this tab kept (a reload): the list is asked for now, while the page sets up.
    // A display asks the server for its own session; a session this tab kept (a reload): the
    // list is asked for now, while the page sets up.
    const double kiosk_refresh_s = js_kiosk_refresh_seconds();
    if (kiosk_refresh_s > 0) {
        app().zoom = static_cast<float>(js_kiosk_zoom());
        dispatch(cc::app::KioskStarted{kiosk_refresh_s * 1000});
    } else {
        const cc::web::KeptSession kept = cc::web::load_session();
        if (!kept.token.empty()) dispatch(cc::app::TokenProvided{kept.token, kept.user, true});
    }
    if (!cc::web::backend_init({frame, scale_changed, hold_first_frame})) {
        js_show_no_webgl();
        return 1;
    }
    cc::web::backend_run();
    return 0;
}
