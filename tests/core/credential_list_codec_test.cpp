// The credential list's fast paths (credential_list_reader.h, credential_list_writer.h) against
// the DOM codec they replace: the writer's text must equal the DOM's dump(), and the reader
// must decode exactly what the DOM decoder decodes, or give up.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/credential_list_reader.h"
#include "core/credential_list_stream.h"
#include "core/credential_list_writer.h"
#include "core/credential_store.h"
#include "core/json_codec.h"

using namespace cc;

namespace {

Credential make(CredentialKind kind, int i) {
    Credential c;
    c.meta.id = CredentialId{"00000000-0000-4000-8000-00000000000" + std::to_string(i % 10)};
    c.meta.kind = kind;
    c.meta.name = "cred-" + std::to_string(i);
    c.meta.created_by = "admin@demo.local";
    c.meta.created_at = "2026-01-0" + std::to_string(1 + i % 9) + "T10:00:00.000Z";
    c.meta.updated_by = "viewer@demo.local";
    c.meta.updated_at = c.meta.created_at;
    c.meta.update_count = i;
    c.spec = empty_spec(kind);
    c.key_id = i % 3;
    switch (i % 4) {
        case 0:
            c.meta.scope = ScopeRef{ScopeType::Tenant, {}, {}, {}};
            c.meta.tenant_id = 1001;
            break;
        case 1: c.meta.scope = ScopeRef{ScopeType::Cluster, ClusterId{"c-1"}, {}, {}}; break;
        case 2: c.meta.scope = ScopeRef{ScopeType::Department, ClusterId{"c-1"}, DepartmentId{"4"}, {}}; break;
        default:
            c.meta.scope = ScopeRef{ScopeType::Project, ClusterId{"c-1"}, DepartmentId{"4"}, ProjectId{12}};
            c.meta.project_name = "team-a";
    }
    return c;
}

// Every optional part, every kind, text that needs escaping.
std::vector<Credential> varied_list() {
    std::vector<Credential> list;
    int i = 0;
    for (auto kind : kAllKinds) {
        Credential bare = make(kind, i++);
        list.push_back(bare);

        Credential full = make(kind, i++);
        full.meta.description =
            "quote \" backslash \\ tab \t newline \n bell \x07 del \x7f caf\xc3\xa9 \xf0\x9f\x94\x91 / end";
        full.meta.auto_delete = true;
        full.meta.is_private = true;
        full.meta.deleted_at = "2026-02-01T00:00:00Z";
        full.meta.deleted_by = "admin@demo.local";
        std::visit(
            [](auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (!std::is_same_v<T, NgcApiKeySpec>) v.existing_secret_name = "my-secret";
                if constexpr (std::is_same_v<T, DockerRegistrySpec>) v.url = "https://index.docker.io/v1/";
                if constexpr (std::is_same_v<T, GenericSecretSpec>)
                    v.key_value_pairs = std::vector<KeyValuePair>{{"TOKEN", std::nullopt}, {"A\"B", std::nullopt}};
            },
            full.spec);
        UsageInfo u;
        u.workspaces = {{"w1", "ws-one", std::string("Running")}, {"w2", "ws-two", std::nullopt}};
        u.trainings = {{"t1", "train", std::nullopt}};
        u.distributed = {{"d1", "dist", std::string("Pending")}};
        u.inferences = {{"i1", "infer", std::nullopt}};
        u.templates = {{"tp1", "template"}};
        u.environments = {{"e1", "env"}, {"e2", "env-2"}};
        u.computes = {{"c1", "compute"}};
        u.datasources = {{"ds1", "imagenet", "s3"}};
        full.used_by = u;
        full.status = AssetStatus{SyncStatus::IssuesFound,
                                  {{"c-1", ScopeType::Cluster, IssueKind::ReplicationError},
                                   {"12", ScopeType::Project, IssueKind::NotCreated}},
                                  "could not reach",
                                  "https://x/y"};
        full.k8s_names = std::vector<std::string>{"my-secret", "other"};
        list.push_back(full);

        Credential empty_parts = make(kind, i++);
        empty_parts.used_by = UsageInfo{};
        empty_parts.status = AssetStatus{SyncStatus::Creating, {}, {}, {}};
        empty_parts.k8s_names = std::vector<std::string>{};
        if (kind == CredentialKind::GenericSecret)
            std::get<GenericSecretSpec>(empty_parts.spec).key_value_pairs = std::vector<KeyValuePair>{};
        list.push_back(empty_parts);
    }
    return list;
}

std::string dom_body(const std::vector<Credential>& list, bool combined) {
    Json entries = Json::array();
    for (const auto& c : list) entries.push_back(encode_credential(c, combined));
    return Json{{"entries", entries}}.dump();
}

// What the DOM decoder alone makes of a body: the credentials re-encoded (a comparable
// form of every field the decoder reads), or its error message.
std::string dom_decoded(std::string_view body) {
    auto j = parse_json(body);
    if (!j) return "error: not JSON";
    if (!j->is_object() || !j->contains("entries") || !(*j)["entries"].is_array()) return "error: no entries";
    std::vector<Credential> out;
    for (const auto& e : (*j)["entries"]) {
        auto c = decode_credential(e);
        if (!c) return "error: " + c.error().message;
        out.push_back(*c);
    }
    return dom_body(out, true);
}

std::string fast_decoded(std::string_view body) {
    auto list = decode_credential_list_fast(body);
    REQUIRE_MESSAGE(list.has_value(), "the fast reader gave up on: ", std::string(body));
    return dom_body(*list, true);
}

// Lists in the spellings of other servers: the fast reader reads them all.
std::vector<std::string> other_spellings() {
    const char* entry_meta =
        R"("meta": {"id": "abc", "kind": "dockerRegistry", "name": "n\u00e9\ud83d\udd11", "scope": "project",
                    "clusterId": "c-1", "departmentId": 4, "projectId": 12, "tenantId": null,
                    "autoDelete": null, "private": false, "createdAt": "t", "updateCount": 7,
                    "extra": {"nested": [1, 2.5e3, -0, true, null, "s"]}, "description": null})";
    return {
        R"({"entries": []})",
        R"( {"next": 5, "entries" : [ ] , "total": 0} )",
        std::string(R"({"entries": [{)") + entry_meta + "}]}",  // no spec
        std::string(R"({"entries": [{)") + entry_meta +
            R"(, "spec": null, "usedBy": null, "status": null, "clusterInfo": null}]})",
        // a flat spec, unknown fields, null lists, a status this client does not know
        std::string(R"({"entries": [{"future": {"a": [{}]}, )") + entry_meta +
            R"(, "spec": {"url": "https://r", "existingSecretName": null, "keyId": 2, "user": null},
               "usedBy": {"workspaces": null, "assets": {"datasources": [{"id": 9, "name": "d", "kind": "git", "x": 1}]},
                          "templates": [{"id": "t", "name": "tpl", "more": null}]},
               "status": {"status": "Quantum", "issues": []},
               "clusterInfo": {"resources": [{"name": "s1"}, {"name": null}], "other": 1}}]})",
        // the nested spec wins over flat fields; other kinds' objects are ignored
        std::string(R"({"entries": [{)") + entry_meta +
            R"(, "spec": {"keyId": 9, "accessKey": {"existingSecretName": "no"},
                         "dockerRegistry": {"existingSecretName": "yes", "url": "u", "keyId": 3}},
               "status": {"issues": [{"scopeId": 12, "scopeType": "project", "issue": "lostPhase"},
                                     {"scopeType": "nonsense", "issue": "nonsense"}],
                          "status": "Issues found", "message": "m", "url": null}}]})",
        // duplicate meta fields: the last one counts
        R"({"entries": [{"meta": {"id": "a", "kind": "password", "scope": "tenant", "name": "x", "name": "y"},
                         "spec": {"password": {"existingSecretName": "s", "password": null, "keyId": 1}}}]})",
        // the password kind's flat spec: its "password" field is a string, not the nested spec
        R"({"entries": [{"meta": {"id": "a", "kind": "password", "scope": "cluster", "clusterId": "c"},
                         "spec": {"password": null, "existingSecretName": "flat", "keyId": 4}}]})",
        R"({"entries": [{"meta": {"id": "g", "kind": "genericSecret", "scope": "tenant"},
                         "spec": {"genericSecret": {"keyValuePairs": [{"key": "K", "value": null}, {"key": null}]}}}]})",
    };
}

// Lists the fast reader gives up on (the DOM decides: some are fine, most are not).
std::vector<std::string> given_up_bodies() {
    return {
        "",
        "[]",
        R"({"entries": {}})",
        R"({"entries": [1]})",
        R"({"entries": [], "entries": []})",
        R"({"entries": [],})",
        R"({"entries": [] )",
        R"({"entries": []} x)",
        R"({"entries": [{"meta": {"id": "a", "kind": "password", "scope": "tenant", "name": 5}}]})",
        R"({"entries": [{"meta": {"id": "a", "kind": "nope", "scope": "tenant"}}]})",
        R"({"entries": [{"meta": {"kind": "password", "scope": "tenant"}}]})",
        R"({"entries": [{"meta": null}]})",
        R"({"entries": [{"spec": {}, "meta": {"id": "a", "kind": "password", "scope": "tenant"}}]})",
        R"({"entries": [{"meta": {"id": "a", "kind": "password", "scope": "tenant", "projectId": "12"}}]})",
        R"({"entries": [{"meta": {"id": "a", "kind": "password", "scope": "tenant", "updateCount": 1.5}}]})",
        R"({"entries": [{"meta": {"id": "a", "kind": "password", "scope": "tenant", "x": 01}}]})",
        R"({"entries": [{"meta": {"id": "a", "kind": "password", "scope": "tenant", "x": "\ud800"}}]})",
        R"({"entries": [{"meta": {"id": "a", "kind": "password", "scope": "tenant", "x": "\q"}}]})",
        "{\"entries\": [{\"meta\": {\"id\": \"a\x01\", \"kind\": \"password\", \"scope\": \"tenant\"}}]}",
        "{\"entries\": [{\"meta\": {\"id\": \"a\xc3\", \"kind\": \"password\", \"scope\": \"tenant\"}}]}",
        "{\"entries\": [{\"meta\": {\"id\": \"a\xed\xa0\x80\", \"kind\": \"password\", \"scope\": \"tenant\"}}]}",
        R"({"entries": [{"meta": {"id": "a", "kind": "password", "scope": "tenant"}, "usedBy": "none"}]})",
        R"({"entries": [{"meta": {"id": "a", "kind": "password", "scope": "tenant"},
                         "usedBy": {"assets": {"environment": {"id": "e", "name": "old"}}}}]})",
        R"({"entries": [{"meta": {"id": "a", "kind": "password", "scope": "tenant"}, "clusterInfo": {"resources": ["x"]}}]})",
    };
}

}  // namespace

TEST_CASE("the list writer's text equals the DOM's dump, combined and per kind") {
    const auto list = varied_list();
    CHECK(encode_credential_list_body(list, true) == dom_body(list, true));
    CHECK(encode_credential_list_body(list, false) == dom_body(list, false));
    CHECK(encode_credential_list_body({}, true) == R"({"entries":[]})");
    // Every control character gets the DOM's escape.
    Credential c = make(CredentialKind::AccessKey, 1);
    c.meta.description = std::string();
    for (char ch = 1; ch < 0x20; ++ch) *c.meta.description += ch;
    CHECK(encode_credential_list_body({c}, true) == dom_body({c}, true));
}

TEST_CASE("the fast reader decodes what the DOM decodes: the writer's own lists") {
    const auto list = varied_list();
    const std::string combined = encode_credential_list_body(list, true);
    CHECK(fast_decoded(combined) == dom_decoded(combined));
    CHECK(dom_decoded(combined) == combined);  // nothing is lost on the way
    // Per-kind lists have flat specs.
    const std::string flat = encode_credential_list_body(list, false);
    CHECK(fast_decoded(flat) == dom_decoded(flat));
}

TEST_CASE("NGC keys: the lists leave the masked key out, and both readers take it absent or null") {
    const auto list = varied_list();
    for (bool combined : {true, false})
        CHECK(encode_credential_list_body(list, combined).find("ngc_api_key") == std::string::npos);
    // Without the field (this server, and a strict reading of the schema) and with a null (other
    // servers): the same credential either way.
    const std::string absent = R"({"entries":[{"meta":{"id":"n-1","kind":"ngcApiKey","name":"ngc","scope":"tenant"},)"
                               R"("spec":{"ngcApiKey":{"keyId":4},"accessKey":null}}]})";
    const std::string null = R"({"entries":[{"meta":{"id":"n-1","kind":"ngcApiKey","name":"ngc","scope":"tenant"},)"
                             R"("spec":{"ngcApiKey":{"ngc_api_key":null,"keyId":4},"accessKey":null}}]})";
    for (const auto& body : {absent, null}) {
        CAPTURE(body);
        auto fast = decode_credential_list_fast(body);
        REQUIRE(fast.has_value());
        REQUIRE(fast->size() == 1);
        CHECK((*fast)[0].meta.kind == CredentialKind::NgcApiKey);
        CHECK((*fast)[0].key_id == 4);
        CHECK(fast_decoded(body) == dom_decoded(body));
    }
    CHECK(dom_decoded(absent) == dom_decoded(null));
}

TEST_CASE("the fast reader decodes what the DOM decodes: other servers' spellings") {
    const auto bodies = other_spellings();
    for (const auto& body : bodies) {
        CAPTURE(body);
        CHECK(fast_decoded(body) == dom_decoded(body));
    }
}

TEST_CASE("the fast reader gives up on what it does not read, and the DOM decoder decides") {
    const auto bodies = given_up_bodies();
    for (const auto& body : bodies) {
        CAPTURE(body);
        CHECK_FALSE(decode_credential_list_fast(body).has_value());
        // The public decoder then gives exactly the DOM's answer.
        auto decoded = decode_credential_list(body);
        const std::string dom = dom_decoded(body);
        if (dom.rfind("error: ", 0) == 0) {
            CHECK_FALSE(decoded.ok());
        } else {
            REQUIRE(decoded.ok());
            CHECK(dom_body(*decoded, true) == dom);
        }
    }
}

namespace {

// The stream's answer for `body` cut into parts of `part` bytes, in the form dom_decoded gives.
std::string streamed(std::string_view body, std::size_t part) {
    CredentialListStream stream;
    for (std::size_t at = 0; at < body.size(); at += part) stream.feed(body.substr(at, part));
    auto list = stream.finish();
    if (!list) return "error: " + list.error().message;
    std::vector<Credential> out;
    for (std::size_t i = 0; i < list->size(); ++i) out.push_back(list->at(i));
    return dom_body(out, true);
}

// What decode_credential_list answers for the whole body, in the same form.
std::string whole(std::string_view body) {
    auto list = decode_credential_list(body);
    if (!list) return "error: " + list.error().message;
    return dom_body(*list, true);
}

}  // namespace

TEST_CASE("the list decoded as it arrives equals the list decoded whole, however the bytes are cut") {
    std::vector<std::string> bodies = other_spellings();
    for (auto& b : given_up_bodies()) bodies.push_back(b);
    bodies.push_back(encode_credential_list_body(varied_list(), true));
    bodies.push_back(encode_credential_list_body(varied_list(), false));
    bodies.push_back("\xEF\xBB\xBF" + encode_credential_list_body(varied_list(), true));  // a byte order mark
    // A later "entries" replaces an earlier one, a bad one included, as in the DOM.
    bodies.push_back(R"({"entries": [{"meta": null}], "entries": []})");
    bodies.push_back(R"({"entries": [], "entries": [{"meta": null}]})");
    bodies.push_back(R"({"entries": 5, "entries": []})");
    bodies.push_back(R"({"entries": [], "more": {"a": [1, {"b": "]}"}]}})");
    for (const auto& body : bodies) {
        CAPTURE(body);
        const std::string expected = whole(body);
        for (const std::size_t part :
             {body.size() + 1, std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{64}}) {
            CAPTURE(part);
            const std::string got = streamed(body, part);
            // Both refuse, or both read the same credentials (the messages of a broken body
            // may name another of its faults).
            if (expected.rfind("error: ", 0) == 0)
                CHECK(got.rfind("error: ", 0) == 0);
            else
                CHECK(got == expected);
        }
    }
}

TEST_CASE("the list decoded as it arrives says what is wrong with a broken body") {
    CHECK(streamed("", 5) == "error: The server sent a list that is not valid JSON");
    CHECK(streamed("<html>", 5) == "error: The server sent a list that is not valid JSON");
    CHECK(streamed("[]", 5) == "error: The server's list has no entries array");
    CHECK(streamed(R"({"total": 0})", 5) == "error: The server's list has no entries array");
    CHECK(streamed(R"({"entries": {}})", 5) == "error: The server's list has no entries array");
    CHECK(streamed(R"({"entries": [)", 5) == "error: The server sent a list that is not valid JSON");
    CHECK(streamed(R"({"entries": []} x)", 5) == "error: The server sent a list that is not valid JSON");
    const std::string bad_second =
        R"({"entries": [{"meta": {"id": "a", "kind": "password", "scope": "tenant"}}, {"meta": null}]})";
    CHECK(streamed(bad_second, 3) == whole(bad_second));  // "Entry 1: ..."
    CHECK(whole(bad_second).rfind("error: Entry 1: ", 0) == 0);
}

namespace {

std::string encoded(const Credential& c) {
    return encode_credential(c, true).dump();
}

}  // namespace

TEST_CASE("the packed store gives back every credential as it was put in") {
    const auto list = varied_list();
    CredentialStore store;
    for (const auto& c : list) store.push_back(c);
    REQUIRE(store.size() == list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        CAPTURE(i);
        CHECK(encoded(store.at(i)) == encoded(list[i]));
        CHECK(store.id(i) == list[i].meta.id.value);
        CHECK(store.name(i) == list[i].meta.name);
    }
    // Unpacking into a credential that held another one leaves nothing of the other behind.
    Credential reused;
    for (std::size_t i = list.size(); i-- > 0;) {
        store.read(i, reused);
        CHECK(encoded(reused) == encoded(list[i]));
    }
    // Replacing and erasing keep the others as they were.
    Credential renamed = list[1];
    renamed.meta.name = "renamed";
    store.replace(1, renamed);
    store.erase(0);
    REQUIRE(store.size() == list.size() - 1);
    CHECK(store.name(0) == "renamed");
    CHECK(encoded(store.at(0)) == encoded(renamed));
    for (std::size_t i = 1; i < store.size(); ++i) CHECK(encoded(store.at(i)) == encoded(list[i + 1]));
    store.clear();
    CHECK(store.empty());
}

TEST_CASE("the packed store never keeps a secret") {
    Credential docker = make(CredentialKind::DockerRegistry, 1);
    docker.spec = DockerRegistrySpec{{}, std::string("robot"), std::string("hunter2"), std::string("https://r")};
    Credential access = make(CredentialKind::AccessKey, 2);
    access.spec = AccessKeySpec{{}, std::string("AKIA"), std::string("s3cret")};
    Credential password = make(CredentialKind::Password, 3);
    password.spec = PasswordSpec{{}, std::string("alice"), std::string("pa55")};
    Credential generic = make(CredentialKind::GenericSecret, 4);
    generic.spec = GenericSecretSpec{{}, std::vector<KeyValuePair>{{"TOKEN", std::string("t0k")}}};
    Credential ngc = make(CredentialKind::NgcApiKey, 5);
    ngc.spec = NgcApiKeySpec{std::string("nvapi-123")};
    CredentialStore store;
    for (const auto* c : {&docker, &access, &password, &generic, &ngc}) store.push_back(*c);

    const auto d = std::get<DockerRegistrySpec>(store.at(0).spec);
    CHECK(d.user == "robot");
    CHECK(d.url == "https://r");
    CHECK_FALSE(d.password);
    const auto a = std::get<AccessKeySpec>(store.at(1).spec);
    CHECK(a.access_key_id == "AKIA");
    CHECK_FALSE(a.secret_access_key);
    const auto p = std::get<PasswordSpec>(store.at(2).spec);
    CHECK(p.user == "alice");
    CHECK_FALSE(p.password);
    const auto g = std::get<GenericSecretSpec>(store.at(3).spec);
    REQUIRE(g.key_value_pairs);
    REQUIRE(g.key_value_pairs->size() == 1);
    CHECK((*g.key_value_pairs)[0].key == "TOKEN");
    CHECK_FALSE((*g.key_value_pairs)[0].value);
    CHECK_FALSE(std::get<NgcApiKeySpec>(store.at(4).spec).ngc_api_key);
}
