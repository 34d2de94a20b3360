// Tests of the schema checker (openapi_schema.h) on a small document of its own, so each keyword
// is shown to catch what it should; then live answers of the shared server checked against the
// published document (skipped, said once, when it is missing).
#include "openapi_schema.h"
#include "test_support.h"

using namespace cc;
using namespace cc::test;

namespace {

const OpenApiDoc& toy() {
    static const OpenApiDoc doc(Json::parse(R"({
      "paths": {
        "/things": {"get": {"responses": {
          "200": {"content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}}},
          "204": {"$ref": "#/components/responses/Empty"}}}},
        "/things/{id}": {"get": {"responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}},
        "/things/special": {"get": {"responses": {"200": {"content": {"application/json": {"schema": {"type": "string"}}}}}}}
      },
      "components": {
        "responses": {"Empty": {"description": "nothing"}},
        "schemas": {
          "Error": {"required": ["code", "message"], "properties": {"code": {"type": "integer", "minimum": 100, "maximum": 599}, "message": {"type": "string"}}},
          "Name": {"type": "string", "minLength": 2, "maxLength": 4, "pattern": "^[a-z]+$"},
          "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string", "format": "uuid"}}},
          "Thing": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"type": "object", "required": ["name"], "properties": {
            "name": {"$ref": "#/components/schemas/Name"},
            "kind": {"type": "string", "enum": ["a", "b"]},
            "when": {"type": "string", "format": "date-time"},
            "parent": {"$ref": "#/components/schemas/Base", "nullable": true},
            "tags": {"type": "array", "items": {"type": "integer"}},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "closed": {"type": "object", "properties": {"x": {"type": "boolean"}}, "additionalProperties": false},
            "maybe": {"type": "number", "nullable": true}}}]}
        }
      }
    })"));
    return doc;
}

std::vector<std::string> thing_errors(const Json& v) {
    return toy().errors(v, toy().schema("Thing"));
}

const Json kGood = {{"id", "6b0d3a1e-8f1c-4c55-9a57-0f8a2c3e9d11"},
                    {"name", "abc"},
                    {"kind", "a"},
                    {"when", "2026-11-26T09:00:00.123Z"},
                    {"parent", nullptr},
                    {"tags", {1, 2}},
                    {"labels", {{"k", "v"}}},
                    {"closed", {{"x", true}}},
                    {"maybe", nullptr}};

}  // namespace

TEST_CASE("schema checker: each keyword catches what it should") {
    CHECK(thing_errors(kGood).empty());
    const std::pair<Json, std::string> broken[] = {
        {Json::object(), "$.id is missing"},                          // required, through allOf + $ref
        {{{"id", 5}}, "$.id should be string"},                       // type
        {{{"id", "not-a-uuid"}}, "is not a UUID"},                    // format uuid
        {{{"name", "a"}}, "shorter than 2"},                          // minLength
        {{{"name", "abcde"}}, "longer than 4"},                       // maxLength
        {{{"name", "AB"}}, "does not match"},                         // pattern
        {{{"kind", "c"}}, "not in the enum"},                         // enum
        {{{"when", "yesterday"}}, "not an RFC 3339 date-time"},       // format date-time
        {{{"parent", {{"id", 1}}}}, "$.parent.id should be string"},  // nullable $ref, non-null value
        {{{"tags", {1, "two"}}}, "$.tags[1] should be integer"},      // items
        {{{"labels", {{"k", 1}}}}, "$.labels.k should be string"},    // additionalProperties schema
        {{{"closed", {{"y", 1}}}}, "$.closed.y is not allowed"},      // additionalProperties false
        {{{"tags", nullptr}}, "$.tags is null but not nullable"},     // nullable
        {{{"maybe", "1"}}, "$.maybe should be number"},
    };
    for (const auto& [patch, expected] : broken) {
        Json v = kGood;
        for (auto it = patch.begin(); it != patch.end(); ++it) v[it.key()] = it.value();
        if (patch.empty()) v.erase("id");
        CAPTURE(v.dump());
        const auto errors = thing_errors(v);
        REQUIRE(errors.size() >= 1);
        CHECK_MESSAGE(join_errors(errors).find(expected) != std::string::npos, join_errors(errors));
    }
    // A schema shaped like an object admits neither null nor a string.
    CHECK(toy().errors(nullptr, toy().schema("Error")).size() == 1);
    CHECK(toy().errors("x", toy().schema("Error")).size() == 1);
    CHECK(toy().errors({{"code", 600}, {"message", "m"}}, toy().schema("Error")).size() == 1);  // maximum
}

TEST_CASE("schema checker: responses by path, method and status") {
    const OpenApiDoc& d = toy();
    CHECK(d.path_template("/things/special?x=1") == "/things/special");  // a literal beats a capture
    CHECK(d.path_template("/things/123") == "/things/{id}");
    CHECK(d.path_template("/nothing") == "");
    CHECK(d.response_errors("GET", "/things", 200, Json::array({kGood})).empty());
    CHECK(d.response_errors("GET", "/things", 200, Json::array({{{"name", "abc"}}})).size() == 1);
    CHECK(d.response_errors("GET", "/things/1", 200, kGood).empty());
    CHECK(d.response_errors("GET", "/things/special", 200, kGood).size() == 1);
    CHECK(d.response_errors("GET", "/things", 204, nullptr).empty());
    CHECK(d.response_errors("GET", "/things", 204, Json::object()).size() == 1);  // documented without a body
    CHECK(d.response_errors("POST", "/things", 200, nullptr).size() == 1);        // no such operation
    CHECK(d.response_errors("GET", "/things", 201, kGood).size() == 1);           // undocumented success
    CHECK(d.response_errors("GET", "/things", 418, {{"code", 418}, {"message", "m"}}).empty());  // errors: Error
    CHECK(d.response_errors("GET", "/things", 418, {{"error", "x"}}).size() == 2);
    CHECK(d.response_errors("GET", "/extension", 200, {{"any", "thing"}}).empty());  // outside the document
    CHECK(d.response_errors("GET", "/extension", 400, Json::object()).size() == 2);
}

TEST_CASE("live answers match the published schemas") {
    if (!openapi_doc()) return;  // said once by openapi_doc()
    auto c = shared_server().client();
    const std::string token = admin_token(c);
    auto get = [&](const std::string& path) {
        auto r = c.Get(path.c_str(), bearer(token));
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == 200, path << " " << r->body.substr(0, 200));
        check_response("GET", path, r);
        return body_json(r);
    };

    SUBCASE("the combined credentials list, with and without usage and status") {
        for (const char* path :
             {"/api/v1/asset/credentials?usageInfo=true&statusInfo=true", "/api/v1/asset/credentials"}) {
            CAPTURE(path);
            check_against_schema("CredentialsListResponse", get(path));
        }
        // Not vacuous on real data: a missing required field and a bad enum value are caught.
        Json broken = get("/api/v1/asset/credentials");
        broken["entries"][0]["meta"].erase("createdBy");
        broken["entries"][1]["status"] = {{"status", "Sleeping"}};
        CHECK(schema_errors("CredentialsListResponse", broken).size() == 2);
    }
    SUBCASE("NGC API keys: every answer leaves the key out, as a strict client needs") {
        const std::string ngc = "/api/v1/asset/credentials/ngc-api-key";
        const Json list = get(ngc);
        REQUIRE_FALSE(list.at("entries").empty());  // the demo org has NGC keys
        check_against_schema("NgcApiKeyListResponse", list);
        for (const auto& e : list.at("entries")) CHECK_FALSE(e.at("spec").contains("ngc_api_key"));
        const Json one = get(ngc + "/" + list.at("entries")[0].at("meta").at("id").get<std::string>());
        check_against_schema("NgcApiKey", one);
        // What the server used to answer, and what a strict client refuses: the masked key as null.
        Json masked = one;
        masked["spec"]["ngc_api_key"] = nullptr;
        const auto errors = schema_errors("NgcApiKey", masked);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].find("ngc_api_key is null") != std::string::npos);
        Json combined = get("/api/v1/asset/credentials");
        for (auto& e : combined["entries"])
            if (e["meta"]["kind"] == "ngcApiKey") e["spec"]["ngcApiKey"]["ngc_api_key"] = nullptr;
        CHECK_FALSE(schema_errors("CredentialsListResponse", combined).empty());
    }
    SUBCASE("the org tree") {
        const Json clusters = get("/api/v1/clusters");
        get("/api/v1/clusters/" + clusters[0].at("uuid").get<std::string>());
        get("/api/v1/org-unit/departments?limit=2");
        get("/api/v1/org-unit/departments/1");
        get("/api/v1/org-unit/projects?sortBy=name");
        get("/api/v1/org-unit/projects/12");
        CHECK(schema_errors("Project", Json::object()).size() >= 5);
    }
    SUBCASE("tokens and error bodies") {
        const Json req = {{"grantType", "password"}, {"username", "admin@demo.local"}, {"password", "demo-admin"}};
        check_response("POST", "/api/v1/token", c.Post("/api/v1/token", req.dump(), "application/json"));
        check_response("POST", "/api/v2/token",
                       c.Post("/api/v2/token", "grant_type=password&username=admin%40demo.local&password=demo-admin",
                              "application/x-www-form-urlencoded"));
        check_response("POST", "/api/v2/token",
                       c.Post("/api/v2/token", "grant_type=magic", "application/x-www-form-urlencoded"));
        for (int status : {401, 404}) {
            auto r = status == 401 ? c.Get("/api/v1/clusters") : c.Get("/api/v1/none", bearer(token));
            REQUIRE(r);
            REQUIRE(r->status == status);
            check_response("GET", status == 401 ? "/api/v1/clusters" : "/api/v1/none", r);
            check_against_schema("Error", body_json(r));
        }
    }
}
