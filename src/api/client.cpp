// Run:ai REST client: builders and parsers.
#include "api/client.h"

#include "core/json_codec.h"
#include "core/secret_body.h"

namespace cc::api {
namespace {

HttpRequest get(const Session& s, std::string path) {
    HttpRequest r;
    r.method = "GET";
    r.path = std::move(path);
    r.headers.emplace_back("Authorization", "Bearer " + s.access_token);
    r.headers.emplace_back("Accept", "application/json");
    return r;
}

HttpRequest with_body(const Session& s, std::string method, std::string path, std::string body) {
    HttpRequest r = get(s, std::move(path));
    r.method = std::move(method);
    r.headers.emplace_back("Content-Type", "application/json");
    r.body = std::move(body);
    return r;
}

std::string credential_path(CredentialKind kind, const CredentialId& id) {
    return "api/v1/asset/credentials/" + std::string(kind_path_segment(kind)) + "/" + url_encode(id.value);
}

bool is_success(int status) {
    return status >= 200 && status < 300;
}

}  // namespace

std::string url_encode(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

HttpRequest token_request(std::string_view username, std::string_view password) {
    HttpRequest r;
    r.method = "POST";
    r.path = "api/v1/token";
    r.headers.emplace_back("Content-Type", "application/json");
    r.body = Json{{"grantType", "password"},
                  {"clientID", "credentials-console"},
                  {"username", username},
                  {"password", password}}
                 .dump();
    r.body_is_secret = true;
    return r;
}

HttpRequest kiosk_session_request() {
    HttpRequest r;
    r.method = "POST";
    r.path = "api/v1/kiosk/session";
    return r;
}

HttpRequest list_credentials_request(const Session& s, std::string_view etag) {
    HttpRequest r = get(s, "api/v1/asset/credentials?usageInfo=true&statusInfo=true");
    if (!etag.empty()) r.headers.emplace_back("If-None-Match", std::string(etag));
    return r;
}

HttpRequest clusters_request(const Session& s) {
    return get(s, "api/v1/clusters?verbosity=metadata");
}

HttpRequest departments_request(const Session& s, std::int64_t offset) {
    return get(
        s, "api/v1/org-unit/departments?limit=" + std::to_string(kOrgPageSize) + "&offset=" + std::to_string(offset));
}

HttpRequest projects_request(const Session& s, std::int64_t offset) {
    return get(s,
               "api/v1/org-unit/projects?limit=" + std::to_string(kOrgPageSize) + "&offset=" + std::to_string(offset));
}

HttpRequest credential_request(const Session& s, CredentialKind kind, const CredentialId& id) {
    return get(s, "api/v1/asset/credentials/" + std::string(kind_path_segment(kind)) + "/" + url_encode(id.value) +
                      "?usageInfo=true&statusInfo=true");
}

HttpRequest permitted_scopes_request(const Session& s) {
    return with_body(s, "POST", "api/v1/authorization/permitted-scopes",
                     R"({"resourceType":"credentials","action":null})");
}

HttpRequest existing_secrets_request(const Session& s, CredentialKind kind, const ScopeRef& scope) {
    std::string q = "api/v1/asset/credentials/existing-secrets?kind=" + std::string(kind_path_segment(kind)) +
                    "&scope=" + std::string(scope_api_name(scope.type));
    if (scope.type == ScopeType::Cluster && scope.cluster_id) q += "&clusterId=" + url_encode(scope.cluster_id->value);
    if (scope.type == ScopeType::Department && scope.department_id)
        q += "&departmentId=" + url_encode(scope.department_id->value);
    if (scope.type == ScopeType::Project && scope.project_id)
        q += "&projectId=" + std::to_string(scope.project_id->value);
    return get(s, std::move(q));
}

HttpRequest create_credential_request(const Session& s, CreateRequest& r) {
    HttpRequest req =
        with_body(s, "POST", "api/v1/asset/credentials/" + std::string(kind_path_segment(spec_kind(r.spec))),
                  take_secret_body(r));
    req.body_is_secret = true;
    return req;
}

HttpRequest update_credential_request(const Session& s, CredentialKind kind, const CredentialId& id,
                                      const UpdateRequest& r) {
    return with_body(s, "PUT", credential_path(kind, id), encode_update_request(r).dump());
}

HttpRequest delete_credential_request(const Session& s, CredentialKind kind, const CredentialId& id) {
    HttpRequest r = get(s, credential_path(kind, id));
    r.method = "DELETE";
    return r;
}

namespace {

// `text` as a JSON string literal appended to `out` (which the caller sized), no other copy.
void append_json_string(std::string& out, std::string_view text) {
    static const char* hex = "0123456789abcdef";
    out += '"';
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20) {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += ch;
        }
    }
    out += '"';
}

std::size_t json_string_size(std::string_view text) {
    std::size_t n = 2;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        n += c == '"' || c == '\\' ? 2 : c < 0x20 ? 6 : 1;
    }
    return n;
}

Result<LoginCheck> decode_login_check(const Json& j) {
    if (!j.is_object() || !j.contains("outcome") || !j["outcome"].is_string() || !j.contains("checkedAt") ||
        !j["checkedAt"].is_string())
        return ApiError{0, "The server's answer to the login test could not be read", {}, {}};
    LoginCheck c;
    c.outcome = j["outcome"].get<std::string>();
    if (j.contains("message") && j["message"].is_string()) c.message = j["message"].get<std::string>();
    c.checked_at = j["checkedAt"].get<std::string>();
    if (j.contains("durationMs") && j["durationMs"].is_number_integer())
        c.duration_ms = j["durationMs"].get<std::int64_t>();
    if (j.contains("failingSince") && j["failingSince"].is_string())
        c.failing_since = j["failingSince"].get<std::string>();
    return c;
}

}  // namespace

HttpRequest form_login_test_request(const Session& s, std::string_view url, std::string_view user,
                                    std::string& password) {
    std::string body;
    body.reserve(32 + json_string_size(url) + json_string_size(user) + json_string_size(password));
    body += "{\"url\":";
    append_json_string(body, url);
    body += ",\"user\":";
    append_json_string(body, user);
    body += ",\"password\":";
    append_json_string(body, password);
    body += '}';
    wipe_string(password);
    HttpRequest r = with_body(s, "POST", "api/v1/asset/credentials/docker-registry/test-login", std::move(body));
    r.body_is_secret = true;
    return r;
}

HttpRequest stored_login_test_request(const Session& s, CredentialKind kind, const CredentialId& id) {
    return with_body(s, "POST", credential_path(kind, id) + "/test-login", "{}");
}

HttpRequest login_check_request(const Session& s, CredentialKind kind, const CredentialId& id) {
    return get(s, credential_path(kind, id) + "/login-check");
}

Result<LoginCheck> parse_login_test(const HttpResponse& r) {
    if (!is_success(r.status)) return error_of(r);
    auto j = parse_json(r.body.view());
    if (!j) return j.error();
    return decode_login_check(*j);
}

Result<std::optional<LoginCheck>> parse_login_check(const HttpResponse& r) {
    if (!is_success(r.status)) return error_of(r);
    auto j = parse_json(r.body.view());
    if (!j) return j.error();
    if (!j->is_object() || !j->contains("loginCheck")) return ApiError{0, "The login check could not be read", {}, {}};
    if ((*j)["loginCheck"].is_null()) return std::optional<LoginCheck>{};
    auto c = decode_login_check((*j)["loginCheck"]);
    if (!c) return c.error();
    return std::optional<LoginCheck>{std::move(*c)};
}

HttpRequest credential_history_request(const Session& s, const CredentialId& id) {
    return get(s, "api/v1/x-reference/credentials/" + url_encode(id.value) +
                      "/history?limit=" + std::to_string(kHistoryPageSize));
}

Result<AuditPage> parse_credential_history(const HttpResponse& r) {
    if (!is_success(r.status)) return error_of(r);
    auto page = decode_audit_page(r.body);
    if (!page) {
        ApiError e = page.error();
        e.code = r.status;
        return e;
    }
    return std::move(*page);
}

Result<CredentialPermissions> parse_permitted_scopes(const HttpResponse& r) {
    if (!is_success(r.status)) return error_of(r);
    return decode_permitted_scopes(r.body);
}

Result<std::vector<ExistingSecret>> parse_existing_secrets(const HttpResponse& r) {
    if (!is_success(r.status)) return error_of(r);
    auto j = parse_json(r.body);
    const ApiError bad{r.status, "The server's list of existing secrets is malformed", {}, {}};
    if (!j || !j->is_object() || !j->contains("secrets") || !(*j)["secrets"].is_array()) return bad;
    std::vector<ExistingSecret> out;
    for (const auto& e : (*j)["secrets"]) {
        if (!e.is_object() || !e.contains("name") || !e["name"].is_string()) return bad;
        ExistingSecret x;
        x.name = e["name"].get<std::string>();
        if (e.contains("namespace") && e["namespace"].is_string()) x.namespace_name = e["namespace"].get<std::string>();
        if (e.contains("inUse") && e["inUse"].is_boolean()) x.in_use = e["inUse"].get<bool>();
        if (e.contains("type") && e["type"].is_string()) x.type = e["type"].get<std::string>();
        out.push_back(std::move(x));
    }
    return out;
}

ApiError error_of(const HttpResponse& r) {
    if (r.status == 0) {
        // The browser does not say why (refused, offline, CORS); the reason adds nothing.
        return ApiError{0, "The server could not be reached.", {}, {}};
    }
    return decode_error(r.status, r.body);
}

Result<Session> parse_token(const HttpResponse& r, std::string_view username) {
    if (!is_success(r.status)) {
        ApiError e = error_of(r);
        if (r.status == 401) e.message = "The email or password is incorrect";
        return e;
    }
    auto j = parse_json(r.body);
    if (!j || !j->is_object() || !j->contains("accessToken") || !(*j)["accessToken"].is_string())
        return ApiError{r.status, "The server's token response has no accessToken", {}, {}};
    Session s;
    s.access_token = (*j)["accessToken"].get<std::string>();
    s.user = std::string(username);
    if (j->contains("expiresIn") && (*j)["expiresIn"].is_number_integer())
        s.expires_in = (*j)["expiresIn"].get<std::int64_t>();
    return s;
}

Result<Session> parse_kiosk_session(const HttpResponse& r) {
    auto session = parse_token(r, "");
    if (!session) {
        if (r.status == 401) return error_of(r);  // not a wrong password: there was none
        return session;
    }
    auto j = parse_json(r.body);
    if (j && j->is_object() && j->contains("user") && (*j)["user"].is_string()) session->user = (*j)["user"];
    return session;
}

Result<Credential> parse_credential(const HttpResponse& r) {
    if (!is_success(r.status)) return error_of(r);
    auto j = parse_json(r.body);
    if (!j) return ApiError{r.status, "The server sent a credential that is not valid JSON", {}, {}};
    return decode_credential(*j);
}

Result<std::vector<Cluster>> parse_clusters(const HttpResponse& r) {
    if (!is_success(r.status)) return error_of(r);
    return decode_clusters(r.body);
}

namespace {
template <class T, class Decode>
Result<Page<T>> parse_page(const HttpResponse& r, Decode decode) {
    if (!is_success(r.status)) return error_of(r);
    auto j = parse_json(r.body);
    if (!j) return ApiError{r.status, "The server sent a list that is not valid JSON", {}, {}};
    auto items = decode(*j);
    if (!items) return items.error();
    return Page<T>{std::move(*items), decode_next(*j)};
}
}  // namespace

Result<Page<Department>> parse_departments(const HttpResponse& r) {
    return parse_page<Department>(r, [](const Json& j) { return departments_from_json(j); });
}

Result<Page<Project>> parse_projects(const HttpResponse& r) {
    return parse_page<Project>(r, [](const Json& j) { return projects_from_json(j); });
}

}  // namespace cc::api
