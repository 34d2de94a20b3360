// Server lifecycle and the request pipeline: base-path mounting, /healthz, API dispatch
// (authentication, 404/405, the route's access rule, handler), static files, the error-body and
// exception boundary, and the request log (method, path, status, duration; never query strings,
// headers or bodies).
#include "server/server.h"

#include <httplib.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>

#include "core/text.h"
#include "server/audit_log.h"
#include "server/auth.h"
#include "server/cluster_agent.h"
#include "server/compression.h"
#include "server/crypto.h"
#include "server/demo_generate.h"
#include "server/form_urlencoded.h"
#include "server/http_dispatch.h"
#include "server/http_front.h"
#include "server/http_util.h"
#include "server/login_throttle.h"
#include "server/registry_schedule.h"
#include "server/routes.h"
#include "server/security_headers.h"
#include "server/static_files.h"
#include "server/time_util.h"

namespace cc::server {
namespace {

// Set when routing starts, read by the logger on the same worker thread.
thread_local std::chrono::steady_clock::time_point t_request_start;
thread_local bool t_request_started = false;

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

VoidResult prepare_data_dir(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec)) {
        std::filesystem::create_directories(dir, ec);
        if (ec) return ApiError{500, "Cannot create the data directory " + dir.string(), ec.message(), {}};
        ::chmod(dir.c_str(), 0700);
    } else if (!std::filesystem::is_directory(dir, ec)) {
        return ApiError{500, "The data path is not a directory: " + dir.string(), {}, {}};
    }
    return ok();
}

// A database that was never seeded gets the configured demo organization and credentials, unless
// it already holds an account. False when it was left as it was.
Result<bool> seed_new_database(Store& store, const SecretBox& secrets, const Config& config) {
    auto account = store.account();
    if (!account) return account.error();
    if (*account) return false;
    const auto org = demo_org_from_name(config.demo_org);
    if (!org) return ApiError{400, "Unknown demo organization", config.demo_org + " (standard or large)", {}};
    auto r = store.transaction([&]() -> VoidResult {
        if (auto s = seed_demo(store, secrets, config.demo_size, *org); !s) return s;
        return store.set_meta_value("seeded_at", format_rfc3339(unix_now_ms()));
    });
    if (!r) return r.error();
    return true;
}

// Every API route. The cluster extension routes come before the credential routes (routes.h).
void add_api_routes(Router& router, ServerContext& ctx) {
    add_cluster_ext_routes(router, ctx);
    add_token_routes(router, ctx);
    add_kiosk_routes(router, ctx);
    add_credential_routes(router, ctx);
    add_registry_login_routes(router, ctx);
    add_permission_routes(router, ctx);
    add_org_routes(router, ctx);
    add_asset_routes(router, ctx);
    add_audit_routes(router, ctx);
}

// The front's limits and timeouts from the server's; its own answers carry the security headers.
FrontConfig front_config(const Config& config, const HeaderList& headers) {
    FrontConfig front;
    front.host = config.host;
    front.port = config.port;
    front.worker_threads = config.worker_threads;
    front.max_queued_requests = config.max_queued_requests;
    front.max_connections = config.max_connections;
    front.max_connections_per_address = config.max_connections_per_address;
    front.header_timeout = std::chrono::milliseconds(config.header_timeout_ms);
    front.body_timeout = std::chrono::milliseconds(config.body_timeout_ms);
    front.idle_timeout = std::chrono::milliseconds(config.idle_timeout_ms);
    front.write_timeout = std::chrono::milliseconds(config.write_timeout_ms);
    front.max_requests_per_connection = config.max_requests_per_connection;
    front.limits.max_body_bytes = kMaxBodyBytes;
    for (const auto& [name, value] : headers) front.error_headers += name + ": " + value + "\r\n";
    return front;
}

}  // namespace

Result<std::string> normalize_base_path(std::string_view path) {
    std::string p(path);
    if (p.empty()) return std::string("/");
    if (p.front() != '/') return ApiError{400, "The base path must start with '/': " + p, {}, {}};
    for (char c : p) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                             c == '-' || c == '_' || c == '.' || c == '~';
        if (!allowed)
            return ApiError{400, "The base path may only contain letters, digits and - _ . ~ /: " + p, {}, {}};
    }
    if (p.back() != '/') p += '/';
    for (auto segment : split_path(p))
        if (segment == "." || segment == "..")
            return ApiError{400, "The base path may not contain dot segments", {}, {}};
    if (p.find("//") != std::string::npos) return ApiError{400, "The base path may not contain empty segments", {}, {}};
    return p;
}

struct Server::Running {
    std::unique_ptr<SecretBox> secrets;
    std::unique_ptr<TokenService> tokens;
    std::unique_ptr<Store> store;
    std::unique_ptr<ClusterAgents> agents;                     // after store: destroyed (stopped) before it
    std::unique_ptr<RegistryLoginSchedule> registry_schedule;  // likewise; null when not asked for
    std::unique_ptr<LoginThrottle> logins;
    std::unique_ptr<ServerContext> ctx;
    Router router;
    std::unique_ptr<StaticFiles> web;
    std::string base_path;
    HeaderList security_headers;
    bool log_requests = true;
    DispatchServer http;  // httplib's request pipeline, driven by the front
    std::unique_ptr<HttpFront> front;
    int port = 0;

    void handle(const httplib::Request& req, httplib::Response& res);
    static void internal_error(httplib::Response& res);
    static bool url_is_text(const httplib::Request& req);
    void dispatch(const httplib::Request& req, httplib::Response& res);
    void dispatch_api(const httplib::Request& req, std::string rel, httplib::Response& res);
    void log(const httplib::Request& req, const httplib::Response& res) const;

    // Steps of Server::start (which also opens the store, seeds it and adds the routes).
    VoidResult load_keys(const std::filesystem::path& data_dir);  // secret.key and jwt.key
    VoidResult start_services(const Config& config);              // the context, sign-in limits and cluster agents
    void configure_http(const Config& config);                    // httplib's pipeline: every request to handle()
    VoidResult listen(const Config& config);                      // binds the front and starts serving
};

namespace {

// Types a page loads into itself and never displays as a document.
bool is_subresource_type(std::string_view type) {
    type = type.substr(0, type.find(';'));
    return type == "text/javascript" || type == "application/javascript" || type == "text/css" ||
           type == "application/wasm" || starts_with(type, "font/");
}

}  // namespace

void Server::Running::handle(const httplib::Request& req, httplib::Response& res) {
    try {
        dispatch(req, res);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "internal error on %s %s: %s\n", req.method.c_str(), log_safe(req.path).c_str(),
                     log_safe(e.what()).c_str());
        internal_error(res);
    } catch (...) {
        internal_error(res);
    }
    finish_encoding(req, res);
    // The policy (CSP, framing, referrer) governs documents: the page, and every API answer and
    // error, which a browser could be tricked into showing as one. A script, style sheet,
    // WebAssembly module or font is never shown as a document, so it carries only nosniff (its
    // type is what it says): the other headers would be bytes on every load, read by nobody.
    const bool subresource =
        res.status >= 200 && res.status < 300 && is_subresource_type(res.get_header_value("Content-Type"));
    for (const auto& [name, value] : security_headers) {
        if (subresource && name != "X-Content-Type-Options") continue;
        res.headers.erase(name);
        res.set_header(name, value);
    }
}

void Server::Running::internal_error(httplib::Response& res) {
    res.headers.clear();
    res.set_header("Cache-Control", "no-store");
    send_error(res, 500, "Internal server error", "The server failed to handle this request");
}

// Paths and query parameters are text: bytes that are not UTF-8 are refused here, once, so no
// handler, error message or log line ever holds them. (httplib also puts the fields of a form
// body into req.params; the form's reader checks those, and answers in its endpoint's shape.)
bool Server::Running::url_is_text(const httplib::Request& req) {
    if (!is_valid_utf8(req.path)) return false;
    for (const auto& [name, value] : query_params(req.target))
        if (!is_valid_utf8(name) || !is_valid_utf8(value)) return false;
    return true;
}

void Server::Running::dispatch(const httplib::Request& req, httplib::Response& res) {
    const std::string& path = req.path;
    const bool read = req.method == "GET" || req.method == "HEAD";
    if (!url_is_text(req)) {
        res.set_header("Cache-Control", "no-store");
        return send_error(res, 400, "Malformed request URL", "The path and query must be UTF-8 text");
    }
    if (path == "/healthz") {
        if (!read) {
            res.set_header("Allow", "GET, HEAD");
            return send_error(res, 405, "Method not allowed", req.method + " is not supported on /healthz");
        }
        return send_json(res, 200, Json{{"status", "ok"}});
    }

    std::string rel;
    if (base_path == "/") {
        rel = path;
    } else if (starts_with(path, base_path)) {
        rel = path.substr(base_path.size() - 1);
    } else if (path + "/" == base_path && read) {
        res.status = 308;
        res.set_header("Location", base_path);
        return;
    } else {
        return send_error(res, 404, "Not found", "This server serves everything under " + base_path);
    }

    if (rel == "/api" || starts_with(rel, "/api/")) return dispatch_api(req, std::move(rel), res);
    if (!read) {
        res.set_header("Allow", "GET, HEAD");
        return send_error(res, 405, "Method not allowed", "Static files only answer GET and HEAD");
    }
    web->serve(rel, req, res);
}

void Server::Running::dispatch_api(const httplib::Request& req, std::string rel, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    auto match = router.match(req.method, rel);
    RequestContext rc{req, std::move(rel), std::move(match.params), {}, {}};
    if (!match.is_public) {
        auto user = authenticate(*ctx, req);
        if (!user) {
            res.set_header("WWW-Authenticate", "Bearer");
            return send_error(res, user.error());
        }
        rc.user = std::move(*user);
    }
    switch (match.kind) {
        case Router::Match::Kind::NotFound:
            return send_error(res, 404, "Resource not found",
                              "No API endpoint " + log_safe(req.method, 16) + " " + printable_excerpt(rc.path, 100));
        case Router::Match::Kind::MethodNotAllowed:
            res.set_header("Allow", match.allow);
            return send_error(res, 405, "Method not allowed",
                              log_safe(req.method, 16) + " is not supported on " + printable_excerpt(rc.path, 100) +
                                  "; allowed: " + match.allow);
        case Router::Match::Kind::Found:
            // The route's access rule, before the handler: 403 when the caller's roles grant it nowhere.
            if (auto refused = admit(ctx->store, *match.access, rc)) {
                audit_refused_credential_change(ctx->store, rc, *refused);
                return send_error(res, *refused);
            }
            (*match.handler)(rc, res);
            return;
    }
}

void Server::Running::log(const httplib::Request& req, const httplib::Response& res) const {
    if (!log_requests) return;
    double ms = 0;
    if (t_request_started) {
        ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_request_start).count();
        t_request_started = false;
    }
    std::fprintf(stderr, "%s %s %s %d %.1fms\n", format_rfc3339(unix_now_ms()).c_str(),
                 log_safe(req.method, 16).c_str(), log_safe(req.path).c_str(), res.status, ms);
}

VoidResult Server::Running::load_keys(const std::filesystem::path& data_dir) {
    auto secret_key = load_or_create_key_file(data_dir / "secret.key", SecretBox::kKeyBytes);
    if (!secret_key) return secret_key.error();
    secrets = std::make_unique<SecretBox>(1, std::move(*secret_key));
    auto jwt_key = load_or_create_key_file(data_dir / "jwt.key", TokenService::kKeyBytes);
    if (!jwt_key) return jwt_key.error();
    tokens = std::make_unique<TokenService>(std::move(*jwt_key));
    return ok();
}

VoidResult Server::Running::start_services(const Config& config) {
    ctx = std::make_unique<ServerContext>(ServerContext{*store, *secrets, *tokens});
    logins = std::make_unique<LoginThrottle>(config.login_policy);
    ctx->logins = logins.get();
    ctx->kiosk_user = config.kiosk_user;
    ctx->registry.extra_ca_file = config.registry_ca_file;
    agents = std::make_unique<ClusterAgents>(*store, *secrets,
                                             std::chrono::milliseconds(std::max(0, config.agent_delay_ms)));
    ctx->agents = agents.get();
    if (config.registry_check_interval_s > 0) {
        registry_schedule = std::make_unique<RegistryLoginSchedule>(
            *store, *secrets, ctx->registry, std::chrono::seconds(config.registry_check_interval_s));
        registry_schedule->start();
    }
    return agents->start();
}

void Server::Running::configure_http(const Config& config) {
    http.set_payload_max_length(kMaxBodyBytes);
    // Only for the Keep-Alive header httplib writes: the front enforces both.
    http.set_keep_alive_timeout(std::max(1, config.idle_timeout_ms / 1000));
    http.set_keep_alive_max_count(static_cast<size_t>(std::max(1, config.max_requests_per_connection)));
    http.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
        t_request_start = std::chrono::steady_clock::now();
        t_request_started = true;
        return httplib::Server::HandlerResponse::Unhandled;
    });
    const auto handler = [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); };
    const std::string any = R"([\s\S]*)";
    http.Get(any, handler);
    http.Post(any, handler);
    http.Put(any, handler);
    http.Patch(any, handler);
    http.Delete(any, handler);
    http.Options(any, handler);
    // Answers httplib produces itself (a 400 for a request it cannot parse, 413 should a body
    // pass the front's limit) get the Run:ai error body too; answers that already carry one are
    // left alone.
    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty()) {
            if (res.status == 413)
                send_error(res, 413, "Request body too large",
                           "The limit is " + std::to_string(kMaxBodyBytes) + " bytes");
            else
                send_error(res, res.status);
        }
    });
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send_error(res, 500, "Internal server error", "The server failed to handle this request");
    });
    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) { log(req, res); });
}

VoidResult Server::Running::listen(const Config& config) {
    front = std::make_unique<HttpFront>(front_config(config, security_headers),
                                        [this](FrontRequest& req) { return http.dispatch(req); });
    auto bound = front->start();
    if (!bound) return bound.error();
    port = *bound;
    return ok();
}

Server::Server(Config config) : config_(std::move(config)) {}

Server::~Server() {
    stop();
}

VoidResult Server::start() {
    if (running_) return ApiError{500, "The server is already running", {}, {}};
    if (!crypto_init()) return ApiError{500, "libsodium failed to initialise", {}, {}};
    auto base = normalize_base_path(config_.base_path);
    if (!base) return base.error();
    if (auto r = prepare_data_dir(config_.data_dir); !r) return r;

    auto run = std::make_unique<Running>();
    run->base_path = *base;
    auto ancestors = normalize_frame_ancestors(config_.frame_ancestors);
    if (!ancestors) return ancestors.error();
    run->security_headers = security_headers(*ancestors);
    run->log_requests = config_.log_requests;
    if (auto r = run->load_keys(config_.data_dir); !r) return r;

    auto store = Store::open(config_.data_dir / "credentials.db");
    if (!store) return store.error();
    run->store = std::move(*store);
    auto seeded = run->store->meta_value("seeded_at");
    if (!seeded) return seeded.error();
    seeded_on_start_ = false;
    if (!*seeded) {
        auto created = seed_new_database(*run->store, *run->secrets, config_);
        if (!created) return created.error();
        seeded_on_start_ = *created;
    }

    if (auto r = run->start_services(config_); !r) return r;
    add_api_routes(run->router, *run->ctx);
    run->web = std::make_unique<StaticFiles>(config_.web_dir);
    run->configure_http(config_);
    if (auto r = run->listen(config_); !r) return r;
    running_ = std::move(run);
    return ok();
}

void Server::stop() {
    if (!running_) return;
    if (running_->front) running_->front->stop();
    if (running_->registry_schedule) running_->registry_schedule->stop();
    if (running_->agents) running_->agents->stop();
    running_.reset();
}

bool Server::running() const {
    return running_ != nullptr;
}

int Server::port() const {
    return running_ ? running_->port : 0;
}

std::string Server::url() const {
    if (!running_) return {};
    const std::string host = config_.host.find(':') != std::string::npos ? "[" + config_.host + "]" : config_.host;
    return "http://" + host + ":" + std::to_string(running_->port) + running_->base_path;
}

}  // namespace cc::server
