// The registry login check over libcurl (OpenSSL): certificates verified against the system CA
// store (plus an optional extra CA file), at most 3 redirects over http(s) only, 64 KiB per
// answer, one deadline for the whole check, no proxy from the environment. Basic credentials and
// bearer tokens go through curl's own auth options, which it never sends to another host on a
// redirect.
#include "server/registry_login.h"

#include <curl/curl.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <vector>

#include "core/json_codec.h"
#include "core/text.h"

namespace cc::server {
namespace {

constexpr std::size_t kMaxAnswerBytes = 64 * 1024;
constexpr long kMaxRedirects = 3;
using Clock = std::chrono::steady_clock;

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return std::string(s);
}

// What the TLS handshake saw, filled by the verify callback of the thread running the check.
struct TlsCapture {
    std::string leaf_subject;
    std::string failed_subject;
    int error = X509_V_OK;
};
thread_local TlsCapture* t_tls = nullptr;

std::string subject_of(X509* cert) {
    if (!cert) return {};
    char buf[512];
    X509_NAME_oneline(X509_get_subject_name(cert), buf, sizeof buf);
    return printable_excerpt(buf, 200);
}

int verify_callback(int preverify_ok, X509_STORE_CTX* store) {
    if (t_tls) {
        X509* cert = X509_STORE_CTX_get_current_cert(store);
        if (X509_STORE_CTX_get_error_depth(store) == 0) t_tls->leaf_subject = subject_of(cert);
        if (!preverify_ok && t_tls->error == X509_V_OK) {
            t_tls->error = X509_STORE_CTX_get_error(store);
            t_tls->failed_subject = subject_of(cert);
        }
    }
    return preverify_ok;
}

CURLcode ssl_ctx_callback(CURL*, void* ssl_ctx, void* extra_ca_file) {
    auto* ctx = static_cast<SSL_CTX*>(ssl_ctx);
    const auto* file = static_cast<const std::string*>(extra_ca_file);
    if (file && !file->empty()) {
        // Added to the store curl filled from the system's CAs, not instead of it.
        if (X509_STORE_load_file(SSL_CTX_get_cert_store(ctx), file->c_str()) != 1) return CURLE_SSL_CACERT_BADFILE;
    }
    SSL_CTX_set_verify(ctx, SSL_CTX_get_verify_mode(ctx), verify_callback);
    return CURLE_OK;
}

struct Answer {
    CURLcode code = CURLE_OK;
    long status = 0;
    std::map<std::string, std::vector<std::string>> headers;  // lowercase names, of the last answer
    std::string body;
    std::string error;  // curl's text
    bool too_large = false;
    std::size_t header_bytes = 0;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() || it->second.empty() ? std::string() : it->second.front();
    }
};

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
    auto* a = static_cast<Answer*>(user);
    const std::size_t bytes = size * n;
    if (a->body.size() + bytes > kMaxAnswerBytes) {
        a->too_large = true;
        return 0;
    }
    a->body.append(data, bytes);
    return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
    auto* a = static_cast<Answer*>(user);
    const std::size_t bytes = size * n;
    a->header_bytes += bytes;
    if (a->header_bytes > kMaxAnswerBytes) {
        a->too_large = true;
        return 0;
    }
    std::string_view line(data, bytes);
    if (line.substr(0, 5) == "HTTP/") {  // a new answer (after a redirect or a 100): its own headers
        a->headers.clear();
        return bytes;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return bytes;
    a->headers[lower(trim(line.substr(0, colon)))].push_back(trim(line.substr(colon + 1)));
    return bytes;
}

enum class AuthKind { None, Basic, Bearer };
struct Auth {
    AuthKind kind = AuthKind::None;
    const std::string* user = nullptr;
    const std::string* secret = nullptr;  // the password, or the bearer token
};

class Check {
public:
    Check(const RegistryCheckOptions& options) : options_(options), deadline_(Clock::now() + ms(options.timeout_ms)) {}

    Answer get(const std::string& url, const Auth& auth, TlsCapture& tls) {
        Answer a;
        const long left =
            static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now()).count());
        if (left <= 0) {
            a.code = CURLE_OPERATION_TIMEDOUT;
            a.error = "no time left";
            return a;
        }
        CURL* curl = curl_easy_init();
        if (!curl) {
            a.code = CURLE_FAILED_INIT;
            a.error = "could not start a request";
            return a;
        }
        char error[CURL_ERROR_SIZE] = {};
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_PROXY, "");  // never a proxy from the environment
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(curl, CURLOPT_MAXREDIRS, kMaxRedirects);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, left);
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, std::min(left, 5000L));
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
        curl_easy_setopt(curl, CURLOPT_SSL_CTX_FUNCTION, ssl_ctx_callback);
        curl_easy_setopt(curl, CURLOPT_SSL_CTX_DATA, &options_.extra_ca_file);
        curl_easy_setopt(curl, CURLOPT_USERAGENT, "credentials-console-registry-check/1");
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &a);
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, &a);
        // curl sends these only to the host of `url`, never to another host a redirect names.
        if (auth.kind == AuthKind::Basic) {
            curl_easy_setopt(curl, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
            curl_easy_setopt(curl, CURLOPT_USERNAME, auth.user->c_str());
            curl_easy_setopt(curl, CURLOPT_PASSWORD, auth.secret->c_str());
        } else if (auth.kind == AuthKind::Bearer) {
            curl_easy_setopt(curl, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BEARER));
            curl_easy_setopt(curl, CURLOPT_XOAUTH2_BEARER, auth.secret->c_str());
        }
        t_tls = &tls;
        a.code = curl_easy_perform(curl);
        t_tls = nullptr;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &a.status);
        a.error = printable_excerpt(error[0] ? error : curl_easy_strerror(a.code), 200);
        curl_easy_cleanup(curl);
        return a;
    }

private:
    static std::chrono::milliseconds ms(int v) { return std::chrono::milliseconds(std::max(1, v)); }
    const RegistryCheckOptions& options_;
    Clock::time_point deadline_;
};

RegistryLoginResult result(LoginOutcome o, std::string message) {
    return RegistryLoginResult{o, std::move(message), 0};
}

bool is_tls_failure(CURLcode c) {
    switch (c) {
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_USE_SSL_FAILED: return true;
        default: return false;
    }
}

// A failed exchange (no HTTP answer) as an outcome; `what` names the request ("the registry").
RegistryLoginResult transport_failure(const Answer& a, const TlsCapture& tls, const std::string& what) {
    if (a.too_large)
        return result(LoginOutcome::NotARegistry, what + " sent more than 64 KiB; a registry's answer is small");
    if (is_tls_failure(a.code)) {
        std::string m = "The TLS connection to " + what + " failed";
        if (tls.error != X509_V_OK) {
            m += ": certificate \"" + (tls.failed_subject.empty() ? tls.leaf_subject : tls.failed_subject) +
                 "\" did not verify (" + X509_verify_cert_error_string(tls.error) + ")";
        } else {
            if (!tls.leaf_subject.empty()) m += " (certificate \"" + tls.leaf_subject + "\")";
            m += ": " + a.error;
        }
        return result(LoginOutcome::TlsError, m);
    }
    switch (a.code) {
        case CURLE_TOO_MANY_REDIRECTS:
            return result(LoginOutcome::NotARegistry, what + " redirected more than 3 times");
        case CURLE_UNSUPPORTED_PROTOCOL:
            return result(LoginOutcome::NotARegistry, what + " redirected to something other than http or https");
        case CURLE_GOT_NOTHING:
        case CURLE_WEIRD_SERVER_REPLY:
            return result(LoginOutcome::NotARegistry, what + " did not answer in HTTP (" + a.error + ")");
        case CURLE_OPERATION_TIMEDOUT:
            return result(LoginOutcome::Unreachable, what + " did not answer within 10 seconds");
        default: return result(LoginOutcome::Unreachable, "Could not reach " + what + ": " + a.error);
    }
}

std::string host_of(const std::string& url) {
    CURLU* u = curl_url();
    std::string host;
    if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
        char* h = nullptr;
        if (curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK && h) host = lower(h);
        curl_free(h);
    }
    curl_url_cleanup(u);
    return host;
}

bool starts_with(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
}

std::optional<std::string> token_of(const std::string& body) {
    auto json = parse_json(body);
    if (!json || !json->is_object()) return std::nullopt;
    for (const char* key : {"token", "access_token"})
        if (json->contains(key) && (*json)[key].is_string() && !(*json)[key].get<std::string>().empty())
            return (*json)[key].get<std::string>();
    return std::nullopt;
}

bool has_api_version(const Answer& a) {
    return starts_with(lower(a.header("docker-distribution-api-version")), "registry/2");
}

RegistryLoginResult run_check(const std::string& base, const std::string& user, const std::string& password,
                              const RegistryCheckOptions& options) {
    Check check(options);
    const std::string ping = base + "/v2/";
    const std::string shown = printable_excerpt(base, 120);
    TlsCapture tls;
    const Answer first = check.get(ping, {}, tls);
    if (first.code != CURLE_OK) return transport_failure(first, tls, shown);
    if (first.status == 200) {
        if (!has_api_version(first))
            return result(LoginOutcome::NotARegistry,
                          shown + "/v2/ answered 200 without the Docker-Distribution-API-Version header");
        return result(LoginOutcome::Ok, "The registry at " + shown + " asks for no login: anyone may pull from it");
    }
    if (first.status != 401)
        return result(LoginOutcome::NotARegistry,
                      shown + "/v2/ answered " + std::to_string(first.status) + ", not the Docker Registry API v2");

    std::optional<AuthChallenge> challenge;
    for (const std::string& h :
         first.headers.count("www-authenticate") ? first.headers.at("www-authenticate") : std::vector<std::string>{}) {
        challenge = parse_auth_challenge(h);
        if (challenge && (challenge->scheme == "bearer" || challenge->scheme == "basic")) break;
        challenge.reset();
    }
    if (!challenge)
        return result(LoginOutcome::NotARegistry,
                      shown + "/v2/ answered 401 without a Basic or Bearer WWW-Authenticate challenge");

    if (challenge->scheme == "basic") {
        TlsCapture tls2;
        const Answer second = check.get(ping, Auth{AuthKind::Basic, &user, &password}, tls2);
        if (second.code != CURLE_OK) return transport_failure(second, tls2, shown);
        if (second.status == 200) return result(LoginOutcome::Ok, "Signed in to " + shown + " (Basic authentication)");
        if (second.status == 401 || second.status == 403)
            return result(LoginOutcome::WrongCredentials, "The registry at " + shown +
                                                              " refused the user name or password (" +
                                                              std::to_string(second.status) + ")");
        return result(LoginOutcome::NotARegistry,
                      shown + "/v2/ answered " + std::to_string(second.status) + " to a signed-in request");
    }

    // Bearer: ask the registry's token service for a token, signed in with Basic.
    const std::string& realm = challenge->realm;
    if (!starts_with(lower(realm), "https://") && !starts_with(lower(realm), "http://"))
        return result(LoginOutcome::NotARegistry, "The registry's token service is not an http(s) URL");
    const std::string realm_host = host_of(realm);
    if (realm_host.empty()) return result(LoginOutcome::NotARegistry, "The registry's token service has no host");
    if (!starts_with(lower(realm), "https://") && realm_host != host_of(base))
        return result(LoginOutcome::NotARegistry, "The registry sends logins to another host (" +
                                                      printable_excerpt(realm_host, 80) +
                                                      ") over plain HTTP; the password is not sent there");
    CURLU* u = curl_url();
    std::string token_url;
    if (curl_url_set(u, CURLUPART_URL, realm.c_str(), 0) == CURLUE_OK) {
        if (!challenge->service.empty())
            curl_url_set(u, CURLUPART_QUERY, ("service=" + challenge->service).c_str(),
                         CURLU_APPENDQUERY | CURLU_URLENCODE);
        if (!challenge->scope.empty())
            curl_url_set(u, CURLUPART_QUERY, ("scope=" + challenge->scope).c_str(),
                         CURLU_APPENDQUERY | CURLU_URLENCODE);
        char* full = nullptr;
        if (curl_url_get(u, CURLUPART_URL, &full, 0) == CURLUE_OK && full) token_url = full;
        curl_free(full);
    }
    curl_url_cleanup(u);
    if (token_url.empty()) return result(LoginOutcome::NotARegistry, "The registry's token service URL is not valid");

    const std::string token_shown = "the token service " + printable_excerpt(realm_host, 80);
    TlsCapture tls2;
    const Answer token_answer =
        check.get(token_url, user.empty() ? Auth{} : Auth{AuthKind::Basic, &user, &password}, tls2);
    if (token_answer.code != CURLE_OK) return transport_failure(token_answer, tls2, token_shown);
    if (token_answer.status == 401 || token_answer.status == 403)
        return result(LoginOutcome::WrongCredentials,
                      "The registry's token service (" + printable_excerpt(realm_host, 80) +
                          ") refused the user name or password (" + std::to_string(token_answer.status) + ")");
    if (token_answer.status != 200)
        return result(LoginOutcome::NotARegistry,
                      token_shown + " answered " + std::to_string(token_answer.status) + " instead of a token");
    const auto token = token_of(token_answer.body);
    if (!token) return result(LoginOutcome::NotARegistry, token_shown + " answered without a token");

    TlsCapture tls3;
    const Answer third = check.get(ping, Auth{AuthKind::Bearer, nullptr, &*token}, tls3);
    if (third.code != CURLE_OK) return transport_failure(third, tls3, shown);
    if (third.status == 200)
        return result(LoginOutcome::Ok, "Signed in to " + shown + " (token from its token service)");
    if (third.status == 401 || third.status == 403)
        return result(LoginOutcome::WrongCredentials,
                      "The registry at " + shown + " refused the token its token service gave for this login");
    return result(LoginOutcome::NotARegistry,
                  shown + "/v2/ answered " + std::to_string(third.status) + " to a signed-in request");
}

}  // namespace

std::string_view login_outcome_api_name(LoginOutcome o) {
    switch (o) {
        case LoginOutcome::Ok: return "ok";
        case LoginOutcome::WrongCredentials: return "wrongCredentials";
        case LoginOutcome::Unreachable: return "unreachable";
        case LoginOutcome::TlsError: return "tlsError";
        case LoginOutcome::NotARegistry: return "notARegistry";
    }
    return "unreachable";
}

std::optional<AuthChallenge> parse_auth_challenge(std::string_view header) {
    std::size_t i = 0;
    while (i < header.size() && header[i] == ' ') ++i;
    const std::size_t scheme_end = header.find(' ', i);
    AuthChallenge c;
    c.scheme = lower(header.substr(i, scheme_end == std::string_view::npos ? std::string_view::npos : scheme_end - i));
    if (c.scheme.empty()) return std::nullopt;
    if (scheme_end == std::string_view::npos) return c;
    i = scheme_end;
    while (i < header.size()) {
        while (i < header.size() && (header[i] == ' ' || header[i] == ',')) ++i;
        const std::size_t eq = header.find('=', i);
        if (eq == std::string_view::npos) break;
        const std::string name = lower(trim(header.substr(i, eq - i)));
        i = eq + 1;
        std::string value;
        if (i < header.size() && header[i] == '"') {
            ++i;
            while (i < header.size() && header[i] != '"') {
                if (header[i] == '\\' && i + 1 < header.size()) ++i;
                value += header[i++];
            }
            ++i;  // the closing quote
        } else {
            const std::size_t end = header.find(',', i);
            value = trim(header.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
            i = end == std::string_view::npos ? header.size() : end;
        }
        if (name == "realm")
            c.realm = value;
        else if (name == "service")
            c.service = value;
        else if (name == "scope")
            c.scope = value;
    }
    return c;
}

Result<std::string> registry_base_url(std::string_view url) {
    std::string text = trim(url);
    if (text.empty()) return ApiError{400, "The registry URL is required", "field: url", "url"};
    if (text.size() > 2048) return ApiError{400, "The registry URL is too long", "field: url", "url"};
    if (text.find("://") == std::string::npos) text = "https://" + text;
    CURLU* u = curl_url();
    const auto fail = [&](std::string message) -> Result<std::string> {
        curl_url_cleanup(u);
        return ApiError{400, std::move(message), "field: url", "url"};
    };
    if (curl_url_set(u, CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) return fail("The registry URL is not valid");
    char* scheme = nullptr;
    char* host = nullptr;
    char* port = nullptr;
    char* userinfo = nullptr;
    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
    curl_url_get(u, CURLUPART_HOST, &host, 0);
    curl_url_get(u, CURLUPART_PORT, &port, 0);
    curl_url_get(u, CURLUPART_USER, &userinfo, 0);
    const std::string s = scheme ? lower(scheme) : "";
    std::string h = host ? lower(host) : "";
    const std::string p = port ? port : "";
    const bool has_user = userinfo != nullptr;
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(userinfo);
    if (s != "http" && s != "https") return fail("The registry URL must be http or https");
    if (h.empty()) return fail("The registry URL has no host");
    if (has_user) return fail("The registry URL must not hold a user or password: use the credential's fields");
    curl_url_cleanup(u);
    if (h == "docker.io" || h == "index.docker.io") h = "registry-1.docker.io";
    return s + "://" + h + (p.empty() ? "" : ":" + p);
}

RegistryLoginResult check_registry_login(const std::string& base_url, const std::string& user,
                                         const std::string& password, const RegistryCheckOptions& options) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    const auto start = Clock::now();
    RegistryLoginResult r = run_check(base_url, user, password, options);
    r.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    return r;
}

}  // namespace cc::server
