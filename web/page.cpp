// JS glue for page.h.
#include "web/page.h"

#include <emscripten.h>

#include <cstdlib>

namespace cc::web {
namespace {

// clang-format off
EM_JS(void, js_write_hash, (const char* hash, int replace), {
    const h = UTF8ToString(hash);
    if (("#" + h) === location.hash || (!h && !location.hash)) return;
    const url = h ? "#" + h : location.pathname + location.search;
    if (replace) history.replaceState(null, "", url); else history.pushState(null, "", url);
});

EM_JS(char*, js_read_hash, (), {
    const h = location.hash.replace(/^#/, "");
    const n = lengthBytesUTF8(h) + 1;
    const p = _malloc(n);
    stringToUTF8(h, p, n);
    return p;
});

EM_JS(void, js_save_setting, (const char* key, const char* value), {
    try {
        const k = UTF8ToString(key), v = UTF8ToString(value);
        if (v) localStorage.setItem(k, v); else localStorage.removeItem(k);
    } catch (e) { /* storage disabled: preferences last for the session */ }
});

EM_JS(char*, js_load_setting, (const char* key), {
    let v = "";
    try { v = localStorage.getItem(UTF8ToString(key)) || ""; } catch (e) {}
    const n = lengthBytesUTF8(v) + 1;
    const p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
});

EM_JS(char*, js_load_session_field, (const char* field), {
    let v = "";
    try {
        const s = JSON.parse(sessionStorage.getItem("credentials-console.session") || "{}");
        const f = s[UTF8ToString(field)];
        if (typeof f === "string") v = f;
    } catch (e) { /* storage off or unreadable: sign in again */ }
    const n = lengthBytesUTF8(v) + 1;
    const p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
});

EM_JS(void, js_keep_session, (const char* token, const char* user), {
    try {
        const t = UTF8ToString(token);
        if (t) sessionStorage.setItem("credentials-console.session", JSON.stringify({ token: t, user: UTF8ToString(user) }));
        else sessionStorage.removeItem("credentials-console.session");
    } catch (e) { /* storage off: the session lasts until the tab reloads */ }
});

EM_JS(void, js_download, (const char* name, const char* mime, const char* data, int size), {
    const bytes = HEAPU8.slice(data, data + size);
    const url = URL.createObjectURL(new Blob([bytes], { type: UTF8ToString(mime) }));
    const a = document.createElement("a");
    a.href = url;
    a.download = UTF8ToString(name);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
});

EM_JS(int, js_install_page_listeners, (), {
    window.addEventListener("popstate", () => _cc_on_hash_change());
    window.addEventListener("hashchange", () => _cc_on_hash_change());
    const mq = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    if (mq && mq.addEventListener) mq.addEventListener("change", (e) => _cc_on_color_scheme(e.matches ? 1 : 0));
    return mq && mq.matches ? 1 : 0;
});
// clang-format on

std::string take(char* p) {
    std::string s(p ? p : "");
    std::free(p);
    return s;
}

}  // namespace

std::string read_url_hash() {
    return take(js_read_hash());
}
void write_url_hash(const std::string& hash, bool replace) {
    js_write_hash(hash.c_str(), replace ? 1 : 0);
}
std::string load_setting(const std::string& key) {
    return take(js_load_setting(key.c_str()));
}
void save_setting(const std::string& key, const std::string& value) {
    js_save_setting(key.c_str(), value.c_str());
}
KeptSession load_session() {
    KeptSession s{take(js_load_session_field("token")), take(js_load_session_field("user"))};
    if (s.token.empty()) s.user.clear();
    return s;
}
void keep_session(const std::string& token, const std::string& user) {
    js_keep_session(token.c_str(), user.c_str());
}
void download(const std::string& filename, const std::string& mime, const std::string& content) {
    js_download(filename.c_str(), mime.c_str(), content.data(), static_cast<int>(content.size()));
}
bool install_page_listeners() {
    return js_install_page_listeners() != 0;
}

}  // namespace cc::web
