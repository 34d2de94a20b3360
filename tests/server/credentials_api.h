// Helpers for the credentials API tests: a logged-in client whose every answer is checked
// against the OpenAPI document (openapi_schema.h), the demo org's ids, and request bodies.
#pragma once

#include <string>

#include "openapi_schema.h"
#include "test_support.h"

namespace cc::test {

inline constexpr const char* kClusterA = "d73a738f-fab3-430a-8fa3-5241493d7128";
inline constexpr const char* kClusterB = "5b1c2e9a-7f3d-4c1b-9e8a-2f6d4a0c3b71";
inline const std::string kCredentialsPath = "/api/v1/asset/credentials";

struct DemoLogin {
    const char* email;
    const char* password;
};
inline constexpr DemoLogin kAdmin{"admin@demo.local", "demo-admin"};
inline constexpr DemoLogin kDeptAdmin{"dept-admin@demo.local", "demo-dept-admin"};   // department 1
inline constexpr DemoLogin kResearcher{"researcher@demo.local", "demo-researcher"};  // project 1
inline constexpr DemoLogin kViewer{"viewer@demo.local", "demo-viewer"};
inline constexpr DemoLogin kResearcherB{"researcher-b@demo.local", "demo-researcher-b"};  // project 1, too

// A demo application client, signed in with the client_credentials grant.
struct DemoClient {
    const char* id;
    const char* secret;
};
inline constexpr DemoClient kResearchBot{"demo-research-bot", "demo-research-secret"};  // L1 researcher, project 1

inline std::string client_token_for(httplib::Client& c, const DemoClient& client) {
    const Json body = {{"grantType", "client_credentials"}, {"clientID", client.id}, {"clientSecret", client.secret}};
    auto r = c.Post("/api/v1/token", body.dump(), "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return body_json(r).at("accessToken").get<std::string>();
}

// One caller's view of a server. Every answer goes through check_response, so each test checks
// the shapes of what it receives without saying so.
class Api {
public:
    Api(const TestServer& server, DemoLogin login) : client_(server.client()) {
        token_ = token_for(client_, "/", login.email, login.password);
    }
    Api(const TestServer& server, DemoClient client) : client_(server.client()) {
        token_ = client_token_for(client_, client);
    }

    httplib::Result get(const std::string& path) { return checked("GET", path, client_.Get(path.c_str(), headers())); }
    httplib::Result post(const std::string& path, const Json& body) { return post_raw(path, body.dump()); }
    httplib::Result post_raw(const std::string& path, const std::string& body) {
        return checked("POST", path, client_.Post(path.c_str(), headers(), body, "application/json"));
    }
    httplib::Result put(const std::string& path, const Json& body) {
        return checked("PUT", path, client_.Put(path.c_str(), headers(), body.dump(), "application/json"));
    }
    httplib::Result del(const std::string& path) {
        return checked("DELETE", path, client_.Delete(path.c_str(), headers()));
    }

    // The body of a 2xx answer with the expected status.
    Json expect(const httplib::Result& r, int status) {
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == status, r->status << " " << r->body.substr(0, 400));
        return r->body.empty() ? Json(nullptr) : body_json(r);
    }
    // Names of the entries of a list answer.
    std::vector<std::string> names(const std::string& path) {
        std::vector<std::string> out;
        const Json list = expect(get(path), 200);
        for (const auto& e : list.at("entries")) out.push_back(e.at("meta").at("name"));
        return out;
    }

    httplib::Client& client() { return client_; }
    const std::string& token() const { return token_; }

private:
    httplib::Headers headers() const { return bearer(token_); }
    static httplib::Result checked(const std::string& method, const std::string& path, httplib::Result r) {
        check_response(method, path, r);
        return r;
    }

    httplib::Client client_;
    std::string token_;
};

inline std::string kind_path(CredentialKind k) {
    return kCredentialsPath + "/" + std::string(kind_path_segment(k));
}
inline std::string item_path(CredentialKind k, const std::string& id) {
    return kind_path(k) + "/" + id;
}

// A valid create body of each kind with new secret values derived from `secret`.
inline Json spec_with_values(CredentialKind k, const std::string& secret) {
    switch (k) {
        case CredentialKind::AccessKey: return {{"accessKeyId", "AKIA" + secret}, {"secretAccessKey", "sak-" + secret}};
        case CredentialKind::Password: return {{"user", "user-" + secret}, {"password", "pw-" + secret}};
        case CredentialKind::DockerRegistry:
            return {{"user", "robot-" + secret}, {"password", "dkr-" + secret}, {"url", "registry.example.com"}};
        case CredentialKind::GenericSecret:
            return {{"keyValuePairs", Json::array({{{"key", "API_KEY"}, {"value", "kv-" + secret}},
                                                   {{"key", "OTHER"}, {"value", "kv2-" + secret}}})}};
        case CredentialKind::NgcApiKey: return {{"ngc_api_key", "nvapi-" + secret}};
    }
    return Json::object();
}

// As in Run:ai, access-key, password and docker-registry deletes answer 202 with a body, the
// others 204.
inline int delete_status(CredentialKind k) {
    return k == CredentialKind::GenericSecret || k == CredentialKind::NgcApiKey ? 204 : 202;
}

inline Json create_body(const std::string& name, const Json& scope_meta, const Json& spec) {
    Json meta = scope_meta;
    meta["name"] = name;
    return {{"meta", meta}, {"spec", spec}};
}

inline Json project_scope(int id) {
    return {{"scope", "project"}, {"projectId", id}};
}
inline Json department_scope(const std::string& id) {
    return {{"scope", "department"}, {"departmentId", id}};
}
inline Json cluster_scope(const std::string& id) {
    return {{"scope", "cluster"}, {"clusterId", id}};
}
inline Json tenant_scope() {
    return {{"scope", "tenant"}};
}

}  // namespace cc::test
