// Helpers for the cluster-side API tests: waiting for the cluster agents to settle a
// credential, reading the simulated clusters' Secrets through the inspection extension (metadata
// only), and their values straight from the server's database (the API never returns them).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <thread>

#include "credentials_api.h"
#include "server/cluster_store.h"
#include "server/crypto.h"
#include "server/store.h"

namespace cc::test {

inline constexpr const char* kExt = "/api/v1/x-reference/clusters/";

inline bool is_transient(const std::string& status) {
    return status == "Creating" || status == "Updating" || status == "Deleting";
}

// GET of the credential with its status, repeated until `done` holds (or 10 s pass).
template <class Done>
Json poll_credential(Api& api, CredentialKind k, const std::string& id, Done done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (true) {
        auto r = api.get(item_path(k, id) + "?statusInfo=true");
        REQUIRE(r);
        if (r->status == 200) {
            Json body = body_json(r);
            if (done(body)) return body;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            FAIL("credential " << id << " did not reach the expected state; last answer " << r->status << " "
                               << r->body.substr(0, 300));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

inline std::string status_of(const Json& c) {
    return c.at("status").at("status").get<std::string>();
}

// The credential once its status is no longer transient.
inline Json wait_settled(Api& api, CredentialKind k, const std::string& id) {
    return poll_credential(api, k, id, [](const Json& c) { return !is_transient(status_of(c)); });
}

inline Json wait_status(Api& api, CredentialKind k, const std::string& id, const std::string& status) {
    return poll_credential(api, k, id, [&status](const Json& c) { return status_of(c) == status; });
}

// True once GET answers 404.
inline bool wait_gone(Api& api, CredentialKind k, const std::string& id) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        auto r = api.get(item_path(k, id));
        if (r && r->status == 404) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

// POST of a per-kind create; returns the new id (the answer must be 202 Creating).
inline std::string create_credential(Api& api, CredentialKind k, const std::string& name, const Json& scope_meta,
                                     const Json& spec) {
    const Json c = api.expect(api.post(kind_path(k), create_body(name, scope_meta, spec)), 202);
    CHECK(c.at("status").at("status") == "Creating");
    return c.at("meta").at("id");
}

// The cluster's Secrets (the SecretList items, metadata only), optionally in one namespace.
inline Json cluster_secrets(Api& api, const std::string& cluster, const std::string& ns = {}) {
    std::string path = kExt + cluster + "/secrets";
    if (!ns.empty()) path += "?namespace=" + ns;
    const Json list = api.expect(api.get(path), 200);
    CHECK(list.at("kind") == "SecretList");
    for (const auto& s : list.at("items")) CHECK_FALSE(s.contains("data"));
    return list.at("items");
}

// The values (key -> raw bytes) of one Secret of a running test server, opened from its
// database with its key file, as the cluster agent wrote them; nullopt when there is no such
// Secret. A second SQLite connection beside the server's: the database is in WAL mode.
inline std::optional<std::map<std::string, std::string>> secret_data(const TestServer& s, const std::string& cluster,
                                                                     const std::string& ns, const std::string& name) {
    auto key = server::load_or_create_key_file(s.data_dir() / "secret.key", server::SecretBox::kKeyBytes);
    REQUIRE(key.ok());
    const server::SecretBox box(1, std::move(*key));
    auto store = server::Store::open(s.data_dir() / "credentials.db");
    REQUIRE(store.ok());
    auto secret = server::ClusterStore(**store, &box).secret(ClusterId{cluster}, ns, name, /*with_data=*/true);
    REQUIRE(secret.ok());
    if (!*secret) return std::nullopt;
    return (*secret)->data;
}

// One value of a Secret that must exist and hold `key`.
inline std::string secret_value(const TestServer& s, const std::string& cluster, const std::string& ns,
                                const std::string& name, const std::string& key) {
    const auto data = secret_data(s, cluster, ns, name);
    REQUIRE_MESSAGE(data, "no Secret " << ns << "/" << name);
    REQUIRE_MESSAGE(data->count(key), "no data key " << key << " in " << ns << "/" << name);
    return data->at(key);
}

inline std::optional<Json> find_secret(const Json& items, const std::string& ns, const std::string& name) {
    for (const auto& s : items)
        if (s.at("metadata").at("namespace") == ns && s.at("metadata").at("name") == name) return s;
    return std::nullopt;
}

// Namespaces holding a Secret of that name.
inline std::vector<std::string> namespaces_with(const Json& items, const std::string& name) {
    std::vector<std::string> out;
    for (const auto& s : items)
        if (s.at("metadata").at("name") == name) out.push_back(s.at("metadata").at("namespace"));
    return out;
}

inline void set_reachable(Api& admin, const std::string& cluster, bool reachable) {
    const Json r = admin.expect(admin.put(kExt + cluster + "/reachability", Json{{"reachable", reachable}}), 200);
    CHECK(r.at("reachable") == reachable);
}

}  // namespace cc::test
