// Fixtures of the app tests: canned API bodies, a sign-in that returns the load requests, and
// responses to requests, so tests drive update() the way the platform does.
#pragma once

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "app/update.h"
#include "core/json_codec.h"

namespace cc::app::fixtures {

using namespace cc;
using namespace cc::app;
using request::LoadPart;

inline const char* kCluster = "9c3c1c7e-1111-4a55-8f00-000000000001";

inline std::string credentials_body() {
    Credential c;
    c.meta.id = CredentialId{"c-1"};
    c.meta.kind = CredentialKind::DockerRegistry;
    c.meta.name = "nvcr";
    c.meta.scope = ScopeRef{ScopeType::Project, {}, {}, ProjectId{7}};
    c.meta.created_by = "admin@demo.local";
    c.meta.created_at = "2026-11-02T09:14:03Z";
    c.spec = DockerRegistrySpec{{}, {}, {}, std::string("nvcr.io")};
    c.status = AssetStatus{SyncStatus::NoIssuesFound, {}, {}, {}};
    return Json{{"entries", Json::array({encode_credential(c, true)})}}.dump();
}

inline std::string clusters_body() {
    return Json::array({{{"uuid", kCluster}, {"name", "cluster-a"}, {"tenantId", 1}, {"createdAt", "x"}}}).dump();
}

inline std::string departments_body(int first, int count, std::optional<int> next) {
    Json list = Json::array();
    for (int i = first; i < first + count; ++i)
        list.push_back({{"id", std::to_string(i)}, {"name", "dept-" + std::to_string(i)}, {"clusterId", kCluster}});
    Json j = {{"departments", list}};
    if (next) j["next"] = *next;
    return j.dump();
}

inline std::string projects_body() {
    return Json{
        {"projects", Json::array({{{"id", "7"}, {"name", "team-a"}, {"clusterId", kCluster}, {"parentId", "1"}}})}}
        .dump();
}

inline HttpResponded respond(const SendRequest& req, int status, std::string body) {
    return HttpResponded{req.context, api::HttpResponse{status, std::move(body), {}}, 1000.0};
}

inline const SendRequest& only(const std::vector<Effect>& fx) {
    REQUIRE(fx.size() == 1);
    return std::get<SendRequest>(fx[0]);
}

// The requests among effects (the others: URL, settings, the kept session, downloads).
inline std::vector<SendRequest> requests(const std::vector<Effect>& fx) {
    std::vector<SendRequest> out;
    for (const auto& e : fx)
        if (const auto* r = std::get_if<SendRequest>(&e)) out.push_back(*r);
    return out;
}

// Signs in and returns the load requests.
inline std::vector<SendRequest> sign_in(State& s) {
    auto fx = update(s, LoginSubmitted{"admin@demo.local", "demo-admin"});
    const SendRequest token = only(fx);
    CHECK(token.request.path == "api/v1/token");
    fx = update(s, respond(token, 200, R"({"accessToken":"tok","expiresIn":3600})"));
    return requests(fx);
}

// The part of a load a request asks for; nullopt for a request that is not part of a load.
inline std::optional<request::LoadPart> part_of(const SendRequest& r) {
    if (const auto* load = std::get_if<request::Load>(&r.context)) return load->part;
    return std::nullopt;
}

// The request of one part of the load.
inline const SendRequest& find(const std::vector<SendRequest>& reqs, request::LoadPart part) {
    for (const auto& r : reqs)
        if (part_of(r) == part) return r;
    FAIL("no request for that part of the load");
    return reqs.front();
}

// Whether the request is of the kind `C` (request::Create, request::History, ...).
template <class C>
bool is(const SendRequest& r) {
    return std::holds_alternative<C>(r.context);
}

// Answers a load's org requests (clusters, projects, one page of departments).
inline void answer_org(State& s, const std::vector<SendRequest>& reqs) {
    update(s, respond(find(reqs, LoadPart::Clusters), 200, clusters_body()));
    update(s, respond(find(reqs, LoadPart::Projects), 200, projects_body()));
    update(s, respond(find(reqs, LoadPart::Departments), 200, departments_body(1, 1, std::nullopt)));
}

// Signed in, with the one demo credential (nvcr, project 7 "team-a") and its org loaded, and
// permission to create in department 1 and project 7 (and to change and delete in project 7).
inline State loaded_state() {
    State s;
    auto reqs = sign_in(s);
    update(s, respond(find(reqs, LoadPart::Credentials), 200, credentials_body()));
    answer_org(s, reqs);
    update(s, respond(find(reqs, LoadPart::PermittedScopes), 200,
                      R"({"create":{"system":false,"tenants":[],"clusters":[],"departments":["1"],"projects":["7"]},
                          "read":null,"update":{"projects":["7"]},"delete":{"projects":["7"]}})"));
    REQUIRE(s.phase == LoadPhase::Loaded);
    return s;
}

}  // namespace cc::app::fixtures
