// Checks a few live responses against the published OpenAPI schemas (/work/shared/api/
// openapi.json, or $CC_OPENAPI): a small checker for $ref, allOf, nullable, type, enum,
// required, properties, items and date-time strings: enough to catch a missing or mistyped
// field. Skips, saying so, when the document is not there.
#include <cstdlib>
#include <regex>

#include "test_support.h"

using namespace cc;
using namespace cc::test;

namespace {

// Deliberate differences from the schema. The NGC key is masked as null like every other secret
// value (§2.7 shows `"ngc_api_key": null`, and src/core's codec tests pin it), although the
// schema types the field as a non-nullable string.
bool known_deviation(const std::string& error) {
    return error.find(".spec.ngcApiKey.ngc_api_key is null") != std::string::npos;
}

class SchemaChecker {
public:
    explicit SchemaChecker(Json doc) : doc_(std::move(doc)) {}

    const Json& schema(const std::string& name) const { return doc_.at("components").at("schemas").at(name); }
    // The schema of a path's 200 application/json response.
    const Json& response_schema(const std::string& path, const std::string& method = "get") const {
        return doc_.at("paths").at(path).at(method).at("responses").at("200").at("content").at("application/json").at(
            "schema");
    }

    // Errors, minus the known deviations below.
    std::vector<std::string> check(const Json& value, const Json& schema) const {
        std::vector<std::string> errors, kept;
        check(value, schema, "$", errors);
        for (auto& e : errors)
            if (!known_deviation(e)) kept.push_back(std::move(e));
        return kept;
    }

private:
    const Json& resolve(const Json& schema) const {
        const std::string ref = schema.at("$ref");
        const std::string prefix = "#/components/schemas/";
        REQUIRE(ref.rfind(prefix, 0) == 0);
        return doc_.at("components").at("schemas").at(ref.substr(prefix.size()));
    }

    static bool type_matches(const Json& v, const std::string& type) {
        if (type == "object") return v.is_object();
        if (type == "array") return v.is_array();
        if (type == "string") return v.is_string();
        if (type == "integer") return v.is_number_integer();
        if (type == "number") return v.is_number();
        if (type == "boolean") return v.is_boolean();
        return true;
    }

    void check(const Json& v, const Json& s, const std::string& path, std::vector<std::string>& errors) const {
        if (s.contains("$ref")) {
            if (v.is_null() && s.value("nullable", false)) return;
            return check(v, resolve(s), path, errors);
        }
        if (v.is_null()) {
            if (s.value("nullable", false)) return;
            if (s.contains("type")) errors.push_back(path + " is null but not nullable");
            if (s.contains("allOf"))
                for (const auto& part : s.at("allOf")) check(v, part, path, errors);
            return;
        }
        if (s.contains("allOf"))
            for (const auto& part : s.at("allOf")) check(v, part, path, errors);
        if (s.contains("type") && !type_matches(v, s.at("type"))) {
            errors.push_back(path + " should be " + s.at("type").get<std::string>() + ", is " + v.type_name());
            return;
        }
        if (s.contains("enum")) {
            bool found = false;
            for (const auto& e : s.at("enum")) found = found || e == v;
            if (!found) errors.push_back(path + " = " + v.dump() + " is not in the enum");
        }
        if (v.is_string() && s.value("format", "") == "date-time") {
            static const std::regex rfc3339(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d))");
            if (!std::regex_match(v.get<std::string>(), rfc3339)) errors.push_back(path + " is not an RFC 3339 date-time");
        }
        if (v.is_object()) {
            if (s.contains("required"))
                for (const auto& r : s.at("required"))
                    if (!v.contains(r.get<std::string>())) errors.push_back(path + "." + r.get<std::string>() + " is missing");
            if (s.contains("properties"))
                for (auto it = s.at("properties").begin(); it != s.at("properties").end(); ++it)
                    if (v.contains(it.key())) check(v.at(it.key()), it.value(), path + "." + it.key(), errors);
        }
        if (v.is_array() && s.contains("items"))
            for (std::size_t i = 0; i < v.size(); ++i) check(v[i], s.at("items"), path + "[" + std::to_string(i) + "]", errors);
    }

    Json doc_;
};

std::optional<SchemaChecker> load_checker() {
    const char* env = std::getenv("CC_OPENAPI");
    const fs::path path = env ? fs::path(env) : fs::path("/work/shared/api/openapi.json");
    if (!fs::exists(path)) {
        MESSAGE("skipping the OpenAPI checks: " << path.string() << " not found (set CC_OPENAPI)");
        return std::nullopt;
    }
    auto doc = parse_json(read_file(path));
    REQUIRE(doc.ok());
    return SchemaChecker(std::move(*doc));
}

void expect_valid(const SchemaChecker& checker, const Json& value, const Json& schema) {
    const auto errors = checker.check(value, schema);
    std::string all;
    for (const auto& e : errors) all += e + "\n";
    CHECK_MESSAGE(errors.empty(), all);
}

}  // namespace

TEST_CASE("responses match the OpenAPI schemas") {
    const auto checker = load_checker();
    if (!checker) return;
    auto c = shared_server().client();
    const std::string token = admin_token(c);
    auto get = [&](const char* path) {
        auto r = c.Get(path, bearer(token));
        REQUIRE(r);
        REQUIRE(r->status == 200);
        return body_json(r);
    };

    SUBCASE("the combined credentials list, with and without usage and status") {
        for (const char* path : {"/api/v1/asset/credentials?usageInfo=true&statusInfo=true", "/api/v1/asset/credentials"}) {
            CAPTURE(path);
            expect_valid(*checker, get(path), checker->schema("CredentialsListResponse"));
            expect_valid(*checker, get(path), checker->response_schema("/api/v1/asset/credentials"));
        }
        // The checker is not vacuous: a missing required field is caught.
        Json broken = get("/api/v1/asset/credentials");
        broken["entries"][0]["meta"].erase("createdBy");
        broken["entries"][1]["status"] = {{"status", "Sleeping"}};
        const auto errors = checker->check(broken, checker->schema("CredentialsListResponse"));
        CHECK(errors.size() == 2);
    }
    SUBCASE("clusters") {
        expect_valid(*checker, get("/api/v1/clusters"), checker->response_schema("/api/v1/clusters"));
    }
    SUBCASE("departments and projects") {
        expect_valid(*checker, get("/api/v1/org-unit/departments?limit=2"),
                     checker->response_schema("/api/v1/org-unit/departments"));
        expect_valid(*checker, get("/api/v1/org-unit/projects"), checker->response_schema("/api/v1/org-unit/projects"));
    }
    SUBCASE("token and error bodies") {
        const Json req = {{"grantType", "password"}, {"username", "admin@demo.local"}, {"password", "demo-admin"}};
        const Json tokens = body_json(c.Post("/api/v1/token", req.dump(), "application/json"));
        expect_valid(*checker, tokens, checker->response_schema("/api/v1/token", "post"));
        for (int status : {401, 404}) {
            auto r = status == 401 ? c.Get("/api/v1/clusters") : c.Get("/api/v1/none", bearer(token));
            REQUIRE(r);
            REQUIRE(r->status == status);
            expect_valid(*checker, body_json(r), checker->schema("Error"));
        }
    }
}
