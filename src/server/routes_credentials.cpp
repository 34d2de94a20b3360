// The 26 credentials endpoints: the combined list, and per kind list / create / get / update /
// delete under /api/v1/asset/credentials/<kind>, each declared with the credential permission it
// needs somewhere. HTTP only: the behaviour lives in credential_service.cpp. Responses never
// carry a secret value, and neither request bodies nor queries are ever logged.
#include <zlib.h>

#include <algorithm>
#include <deque>
#include <memory>
#include <mutex>

#include "core/credential_list_writer.h"
#include "server/cluster_agent.h"
#include "server/compression.h"
#include "server/credential_service.h"
#include "server/http_util.h"
#include "server/routes.h"

namespace cc::server {
namespace {

const std::string kBase = "/api/v1/asset/credentials";

// The last list bodies by ETag (credential_list_etag: data version, caller, query), so repeated
// lists of unchanged data are not read, encoded and compressed again. Small: any write makes
// every entry useless. A large body (thousands of credentials, for a client that takes gzip) is
// kept as it was sent, gzip: 100,000 credentials are ~90 MB plain but ~9 MB compressed.
struct KeptBody {
    std::shared_ptr<const std::string> bytes;
    std::uint64_t decoded_size = 0;
    bool gzip = false;
};

class ListBodies {
public:
    std::optional<KeptBody> find(const std::string& etag, bool gzip) {
        std::lock_guard lock(mutex_);
        for (const auto& [tag, kept] : entries_)
            if (tag == etag && kept.gzip == gzip) return kept;
        return std::nullopt;
    }
    static bool worth_keeping(std::size_t bytes) { return bytes <= kMaxBodyBytes; }
    void put(const std::string& etag, KeptBody kept) {
        if (!worth_keeping(kept.bytes->size())) return;
        std::lock_guard lock(mutex_);
        entries_.emplace_back(etag, std::move(kept));
        std::size_t bytes = 0;
        for (const auto& e : entries_) bytes += e.second.bytes->size();
        while (entries_.size() > kMaxEntries || bytes > kMaxBytes) {
            bytes -= entries_.front().second.bytes->size();
            entries_.pop_front();
        }
    }

private:
    static constexpr std::size_t kMaxEntries = 8;
    static constexpr std::size_t kMaxBodyBytes = 16u << 20;
    static constexpr std::size_t kMaxBytes = 32u << 20;
    std::mutex mutex_;
    std::deque<std::pair<std::string, KeptBody>> entries_;
};

bool accepts_gzip(const RequestContext& rc) {
    return cc::server::accepts_gzip(rc.http.get_header_value("Accept-Encoding"));
}

void send_entries(const RequestContext& rc, httplib::Response& res, const Result<std::vector<Credential>>& list,
                  bool combined, ListBodies& bodies) {
    if (!list) {
        res.headers.erase("ETag");
        res.headers.erase("Cache-Control");
        res.set_header("Cache-Control", "no-store");
        return send_error(res, list.error());
    }
    res.status = 200;
    res.set_header("Content-Type", kJsonContentType);
    std::string body = encode_credential_list_body(*list, combined);
    const std::string etag = res.get_header_value("ETag");
    if (body.size() >= kFastGzipBytes && accepts_gzip(rc)) {
        // Compressed here, once, and kept compressed (finish_encoding leaves an encoded body).
        if (auto gz = gzip_compress(body, Z_BEST_SPEED); gz && gz->size() < body.size()) {
            KeptBody kept{std::make_shared<const std::string>(std::move(*gz)), body.size(), true};
            if (!etag.empty()) bodies.put(etag, kept);
            set_gzip_body(res, *kept.bytes, kept.decoded_size);
            return;
        }
    }
    // A body too large to keep (100,000 credentials: ~90 MB) moves into the answer uncopied.
    if (!etag.empty() && ListBodies::worth_keeping(body.size()))
        bodies.put(etag, KeptBody{std::make_shared<const std::string>(body), body.size(), false});
    res.body = std::move(body);
}

// A list body kept for this ETag, in the form this client takes, when there is one.
bool answered_from_cache(const RequestContext& rc, ListBodies& bodies, httplib::Response& res) {
    const std::string etag = res.get_header_value("ETag");
    if (etag.empty()) return false;
    const bool gzip = accepts_gzip(rc);
    auto kept = gzip ? bodies.find(etag, true) : std::nullopt;
    if (!kept) kept = bodies.find(etag, false);
    if (!kept) return false;
    res.status = 200;
    res.set_header("Content-Type", kJsonContentType);
    if (kept->gzip)
        set_gzip_body(res, *kept->bytes, kept->decoded_size);
    else
        res.body = *kept->bytes;
    return true;
}

void send_credential(httplib::Response& res, int status, const Result<Credential>& c) {
    if (!c) return send_error(res, c.error());
    send_json(res, status, encode_credential(*c, /*combined_entry=*/false));
}

// Lists carry an ETag (credential_list_etag) and `Cache-Control: no-cache, private`: a client may
// keep the body but asks each time, and while nothing it shows changed gets a bodiless 304, for
// which the list is not even read. True when that 304 is the answer.
bool answered_not_modified(const RequestContext& rc, std::optional<CredentialKind> kind, httplib::Response& res) {
    auto etag = credential_list_etag(rc.data_version, rc.caller(), kind, rc.http.params);
    if (!etag) return false;  // the list answers the query's error
    res.headers.erase("Cache-Control");
    res.set_header("Cache-Control", "no-cache, private");
    res.set_header("ETag", *etag);
    if (!etag_matches(rc.http.get_header_value("If-None-Match"), *etag)) return false;
    res.status = 304;
    return true;
}

// The cluster agents act on a change at once instead of at their next poll.
void wake_agents(const ServerContext& ctx, bool changed) {
    if (changed && ctx.agents) ctx.agents->wake();
}

void add_kind_routes(Router& router, const ServerContext& ctx, CredentialKind kind,
                     const std::shared_ptr<ListBodies>& bodies) {
    const std::string list_path = kBase + "/" + std::string(kind_path_segment(kind));
    const std::string item_path = list_path + "/{id}";
    Store& store = ctx.store;
    const SecretBox& box = ctx.secrets;

    router.add("GET", list_path, RouteAccess::scoped(Action::Read),
               [&store, kind, bodies](RequestContext& rc, httplib::Response& res) {
                   if (answered_not_modified(rc, kind, res) || answered_from_cache(rc, *bodies, res)) return;
                   send_entries(rc, res, list_credentials(store, rc.caller(), kind, rc.http.params), false, *bodies);
               });
    // Create, update and delete are open to anyone signed in: a personal credential needs no role
    // (docs/api.md, 'Personal credentials'); the service checks the scope of every other one.
    router.add("POST", list_path, RouteAccess::signed_in(),
               [&ctx, &store, &box, kind](RequestContext& rc, httplib::Response& res) {
                   auto created = create_credential(store, box, rc.caller(), audit_source(rc), kind, rc.http.body);
                   wake_agents(ctx, created.ok());
                   send_credential(res, 202, created);
               });
    router.add("GET", item_path, RouteAccess::scoped(Action::Read),
               [&store, kind](RequestContext& rc, httplib::Response& res) {
                   send_credential(res, 200,
                                   get_credential(store, rc.caller(), kind, rc.params.at("id"), rc.http.params));
               });
    router.add("PUT", item_path, RouteAccess::signed_in(),
               [&ctx, &store, kind](RequestContext& rc, httplib::Response& res) {
                   auto updated =
                       update_credential(store, rc.caller(), audit_source(rc), kind, rc.params.at("id"), rc.http.body);
                   wake_agents(ctx, updated.ok());
                   send_credential(res, 202, updated);
               });
    router.add("DELETE", item_path, RouteAccess::signed_in(),
               [&ctx, &store, kind](RequestContext& rc, httplib::Response& res) {
                   auto deleted = delete_credential(store, rc.caller(), audit_source(rc), kind, rc.params.at("id"));
                   if (!deleted) return send_error(res, deleted.error());
                   wake_agents(ctx, true);
                   const int status = delete_status_code(kind);
                   if (status == 204) {
                       res.status = 204;
                       return;
                   }
                   send_json(res, status, Json{{"code", status}, {"message", "Request has been accepted."}});
               });
}

}  // namespace

void add_credential_routes(Router& router, const ServerContext& ctx) {
    Store& store = ctx.store;
    auto bodies = std::make_shared<ListBodies>();
    router.add(
        "GET", kBase, RouteAccess::scoped(Action::Read), [&store, bodies](RequestContext& rc, httplib::Response& res) {
            if (answered_not_modified(rc, std::nullopt, res) || answered_from_cache(rc, *bodies, res)) return;
            send_entries(rc, res, list_credentials(store, rc.caller(), std::nullopt, rc.http.params), true, *bodies);
        });
    for (auto kind : kAllKinds) add_kind_routes(router, ctx, kind, bodies);
}

void audit_refused_credential_change(Store& store, const RequestContext& rc, const ApiError& error) {
    if (!rc.access) return;  // the caller's access could not be loaded: a server failure, not a refusal
    const std::string prefix = kBase + "/";
    if (rc.path.compare(0, prefix.size(), prefix) != 0) return;
    const std::string_view rest = std::string_view(rc.path).substr(prefix.size());
    const auto kind = kind_from_path_segment(rest.substr(0, rest.find('/')));
    if (!kind) return;
    // Only the list and item paths change credentials; the login checks below them do not.
    if (std::count(rest.begin(), rest.end(), '/') > 1 || rest.find("test-login") != std::string_view::npos) return;
    const std::string& method = rc.http.method;
    const auto id = rc.params.find("id");
    if (method == "POST" && id == rc.params.end())
        record_create_refusal(store, rc.caller().tree, audit_source(rc), *kind, rc.http.body, error);
    else if (method == "PUT" && id != rc.params.end())
        record_update_refusal(store, rc.caller().tree, audit_source(rc), id->second, rc.http.body, error);
    else if (method == "DELETE" && id != rc.params.end())
        record_delete_refusal(store, rc.caller().tree, audit_source(rc), id->second, error);
}

}  // namespace cc::server
