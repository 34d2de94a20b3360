// The web app's entry point: owns the app state and the UI state, runs actions through
// update(), carries out effects with emscripten fetch, and exports the test hooks
// (window.credentialsConsole, see test_hooks.js).
#include <emscripten.h>
#include <emscripten/fetch.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "app/update.h"
#include "core/credential.h"
#include "core/table_view_hash.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"
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
};

constexpr const char* kLayoutSetting = "credentials-console.layout";  // ImGui's column order and widths

WebApp& app() {
    static WebApp a;
    return a;
}

void dispatch(cc::app::Action action);

// The request's context rides along with the fetch and comes back with its answer.
void on_fetch_done(emscripten_fetch_t* f) {
    std::unique_ptr<cc::app::RequestContext> ctx(static_cast<cc::app::RequestContext*>(f->userData));
    cc::app::HttpResponded done;
    done.context = std::move(*ctx);
    done.response.status = f->status;
    if (f->data && f->numBytes > 0) done.response.body.assign(f->data, static_cast<std::size_t>(f->numBytes));
    cc::web::note_text(done.response.body);  // characters the fonts lack are drawn before the next frame
    if (f->status == 0) done.response.transport_error = f->statusText[0] ? f->statusText : "network error";
    done.now_ms = cc::web::wall_clock_ms();
    emscripten_fetch_close(f);
    --app().in_flight;
    dispatch(std::move(done));
}

void send(cc::app::SendRequest& effect) {
    cc::api::HttpRequest& req = effect.request;
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
    const std::string url = app().api_base + req.path;
    ++app().in_flight;
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
void run(cc::app::DownloadFile& fx) {
    cc::web::download(fx.filename, fx.mime, fx.content);
}

void dispatch(cc::app::Action action) {
    auto effects = cc::app::update(app().state, std::move(action));
    for (auto& e : effects) std::visit([](auto& fx) { run(fx); }, e);
    cc::web::backend_request_frames(3);
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

void frame() {
    WebApp& a = app();
    cc::ui::reset_frame_flags();
    const double now = cc::web::wall_clock_ms();
    if (now - a.last_tick_ms >= 250) {
        a.last_tick_ms = now;
        dispatch(cc::app::Tick{now});
    }
    cc::web::add_missing_glyphs_before_frame();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    std::vector<cc::app::Action> actions;
    cc::ui::draw_app(a.state, a.ui, actions, cc::web::wall_clock_ms());
    ImGui::Render();
    cc::web::backend_render_draw_data();
    ++a.frame;
    for (auto& action : actions) dispatch(std::move(action));
    save_layout_if_changed();
    // Spinners animate (20 frames a second is smooth enough for them), and polls of
    // transient rows come due (Tick runs every 250 ms). A response that arrives draws at
    // once (dispatch asks for frames), so neither needs the display's full rate.
    if (cc::ui::spinner_drawn_this_frame() || a.in_flight > 0)
        cc::web::backend_request_frame_within(50);
    else if (!a.state.polls.empty())
        cc::web::backend_request_frame_within(250);
}

void scale_changed(float scale) {
    cc::ui::load_fonts(scale);
    cc::ui::apply_theme(scale, app().dark);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    cc::ui::set_item_registry_scale(scale);
}

// clang-format off
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

EMSCRIPTEN_KEEPALIVE const char* cc_items_json() {
    static std::string json;
    json = cc::ui::items_json();
    return json.c_str();
}

EMSCRIPTEN_KEEPALIVE double cc_frame() {
    return static_cast<double>(app().frame);
}

// A host console that already holds a bearer token hands it over instead of a login.
EMSCRIPTEN_KEEPALIVE void cc_set_token(const char* token, const char* user) {
    dispatch(cc::app::TokenProvided{token ? token : "", user ? user : ""});
}

EMSCRIPTEN_KEEPALIVE void cc_request_frames(int n) {
    cc::web::backend_request_frames(n);
}

EMSCRIPTEN_KEEPALIVE void cc_on_hash_change() {
    dispatch(cc::app::UrlHashChanged{cc::web::read_url_hash(), false});
}

EMSCRIPTEN_KEEPALIVE void cc_on_color_scheme(int dark) {
    app().dark = dark != 0;
    cc::ui::apply_theme(cc::web::backend_scale(), app().dark);
    cc::web::backend_request_frames(3);
}

}  // extern "C"

int main() {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    cc::ui::install_item_registry();
    char* base = js_api_base();
    app().api_base = base;
    std::free(base);
    app().state.utc_offset_minutes = cc::web::utc_offset_minutes();
    app().dark = cc::web::install_page_listeners();
    load_layout();
    restore_initial_view();
    cc::web::install_glyph_rasterizer();
    if (!cc::web::backend_init({frame, scale_changed})) {
        js_show_no_webgl();
        return 1;
    }
    cc::web::backend_run();
    return 0;
}
