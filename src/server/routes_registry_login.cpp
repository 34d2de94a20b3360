// Registry login checks, an extension of this server (not Run:ai; docs/api.md, 'Registry login
// checks (extension)'):
//   POST /api/v1/asset/credentials/docker-registry/test-login        {url, user, password}
//        (callers who may create credentials somewhere: the values of a form not yet saved)
//   POST /api/v1/asset/credentials/{docker-registry,ngc-api-key}/{id}/test-login
//   GET  /api/v1/asset/credentials/{docker-registry,ngc-api-key}/{id}/login-check
//        (whoever may read the credential; the server uses the values it stores, which never
//        travel to the browser, and keeps the outcome)
// The answer is {outcome, message, checkedAt, durationMs}; no password or token is ever in it or
// in the log. A stored login's test is recorded in the audit trail (credential.test-login). At most kMaxRunning checks
// run at once (each holds a worker for up to 10 s).
#include <atomic>

#include "core/validation.h"
#include "server/audit_log.h"
#include "server/credential_service.h"
#include "server/http_util.h"
#include "server/registry_schedule.h"
#include "server/routes.h"
#include "server/time_util.h"

namespace cc::server {
namespace {

const std::string kBase = "/api/v1/asset/credentials";
constexpr int kMaxRunning = 4;
std::atomic<int> g_running{0};

// One slot of the few checks that may run at once.
class RunningSlot {
public:
    RunningSlot() : taken_(g_running.fetch_add(1) < kMaxRunning) {
        if (!taken_) g_running.fetch_sub(1);
    }
    ~RunningSlot() {
        if (taken_) g_running.fetch_sub(1);
    }
    RunningSlot(const RunningSlot&) = delete;
    RunningSlot& operator=(const RunningSlot&) = delete;
    bool taken() const { return taken_; }

private:
    bool taken_;
};

void send_busy(httplib::Response& res) {
    res.set_header("Retry-After", "5");
    send_error(res, ApiError{503,
                             "Too many registry login checks are running",
                             "At most 4 run at once; try again in a few seconds",
                             {}});
}

Json check_json(const LoginCheckRecord& c) {
    Json j{{"outcome", c.outcome}, {"message", c.message}, {"checkedAt", c.checked_at}, {"durationMs", c.duration_ms}};
    if (c.failing_since) j["failingSince"] = *c.failing_since;
    return j;
}

LoginCheckRecord record_of(const RegistryLoginResult& r) {
    return LoginCheckRecord{std::string(login_outcome_api_name(r.outcome)), r.message, format_rfc3339(unix_now_ms()),
                            r.duration_ms, std::nullopt};
}

// A string field of the test-login body; 400 naming it when missing, not a string or too long.
Result<std::string> body_string(const Json& body, const char* name, std::size_t max_bytes) {
    if (!body.contains(name) || !body[name].is_string())
        return ApiError{400, std::string(name) + " is required and must be a string", std::string("field: ") + name,
                        name};
    std::string v = body[name].get<std::string>();
    if (v.size() > max_bytes) {
        wipe(v);
        return ApiError{400, std::string(name) + " is too long", std::string("field: ") + name, name};
    }
    return v;
}

void test_form_login(const ServerContext& ctx, RequestContext& rc, httplib::Response& res) {
    auto body = parse_json(rc.http.body);
    if (!body) return send_error(res, body.error());
    if (!body->is_object()) return send_error(res, ApiError{400, "The body must be a JSON object", {}, {}});
    for (const auto& [k, v] : body->items())
        if (k != "url" && k != "user" && k != "password")
            return send_error(res, ApiError{400, "Unknown field " + printable_excerpt(k, 40), "field: " + k, k});
    auto url = body_string(*body, "url", 2048);
    auto user = body_string(*body, "user", 253);
    auto password = body_string(*body, "password", kMaxSecretValueBytes);
    if (body->contains("password") && (*body)["password"].is_string())
        wipe((*body)["password"].get_ref<std::string&>());
    if (!url) return send_error(res, url.error());
    if (!user) return send_error(res, user.error());
    if (!password) return send_error(res, password.error());
    auto base = registry_base_url(*url);
    if (!base) {
        wipe(*password);
        return send_error(res, base.error());
    }
    RunningSlot slot;
    if (!slot.taken()) {
        wipe(*password);
        return send_busy(res);
    }
    const auto result = check_registry_login(*base, *user, *password, ctx.registry);
    wipe(*password);
    send_json(res, 200, check_json(record_of(result)));
}

void test_stored_login(const ServerContext& ctx, RequestContext& rc, httplib::Response& res, CredentialKind kind) {
    const std::string& id = rc.params.at("id");
    auto credential = readable_credential(ctx.store, rc.caller(), id);
    if (!credential) return send_error(res, credential.error());
    if (credential->meta.kind != kind) return send_error(res, 404, "Resource id not found.", "credential " + id);
    RunningSlot slot;
    if (!slot.taken()) return send_busy(res);
    auto kept = check_stored_login(ctx.store, ctx.secrets, CredentialId{id}, kind, ctx.registry);
    if (!kept) return send_error(res, kept.error());
    // The stored secret was used on someone's request: the trail says who, and what came of it
    // (the outcome and the registry's message; never a value). A personal credential's events
    // are its owner's alone.
    AuditTarget target{"credential", id, credential->meta.name};
    if (credential->meta.is_private) target.private_owner = credential->meta.created_by;
    (void)record_done(ctx.store, audit_source(rc), kAuditLoginTest, 200, std::move(target),
                      rc.caller().tree.scope_path(credential->meta.scope), kept->outcome + ": " + kept->message);
    send_json(res, 200, check_json(*kept));
}

void get_login_check(const ServerContext& ctx, RequestContext& rc, httplib::Response& res, CredentialKind kind) {
    const std::string& id = rc.params.at("id");
    auto credential = readable_credential(ctx.store, rc.caller(), id);
    if (!credential) return send_error(res, credential.error());
    if (credential->meta.kind != kind) return send_error(res, 404, "Resource id not found.", "credential " + id);
    auto check = ctx.store.login_check(CredentialId{id});
    if (!check) return send_error(res, check.error());
    send_json(res, 200, Json{{"loginCheck", *check ? check_json(**check) : Json(nullptr)}});
}

}  // namespace

void add_registry_login_routes(Router& router, const ServerContext& ctx) {
    router.add("POST", kBase + "/docker-registry/test-login", RouteAccess::scoped(Action::Create),
               [&ctx](RequestContext& rc, httplib::Response& res) { test_form_login(ctx, rc, res); });
    for (auto kind : {CredentialKind::DockerRegistry, CredentialKind::NgcApiKey}) {
        const std::string item = kBase + "/" + std::string(kind_path_segment(kind)) + "/{id}";
        router.add("POST", item + "/test-login", RouteAccess::scoped(Action::Read),
                   [&ctx, kind](RequestContext& rc, httplib::Response& res) { test_stored_login(ctx, rc, res, kind); });
        router.add("GET", item + "/login-check", RouteAccess::scoped(Action::Read),
                   [&ctx, kind](RequestContext& rc, httplib::Response& res) { get_login_check(ctx, rc, res, kind); });
    }
}

}  // namespace cc::server
