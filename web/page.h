// The page around the canvas: URL hash and history, localStorage preferences, file
// downloads, and the listeners that call back into the app (back/forward, colour scheme).
#pragma once

#include <string>

namespace cc::web {

std::string read_url_hash();  // without '#'
void write_url_hash(const std::string& hash, bool replace);
std::string load_setting(const std::string& key);                     // "" when absent or storage is off
void save_setting(const std::string& key, const std::string& value);  // "" removes
// This tab's session (sessionStorage, key credentials-console.session, JSON {token, user}):
// kept across a reload of the tab, gone with the tab; never in localStorage or the URL.
struct KeptSession {
    std::string token;
    std::string user;
};
KeptSession load_session();
void keep_session(const std::string& token, const std::string& user);  // empty token: forget
void download(const std::string& filename, const std::string& mime, const std::string& content);
// Installs popstate/hashchange (-> cc_on_hash_change) and prefers-color-scheme
// (-> cc_on_color_scheme) listeners; returns whether the system prefers dark.
bool install_page_listeners();

}  // namespace cc::web
