// A small JSON Schema checker over the published OpenAPI document, for every API test:
// check_against_schema("CredentialsListResponse", json) or check_response("GET", path, result).
// It resolves $ref, allOf, nullable, required, type, enum, items, properties,
// additionalProperties, min/maxLength, minimum/maximum, pattern and date-time/uuid formats.
//
// The document is CC_SOURCE_DIR/../shared/api/openapi.json, or $CC_OPENAPI. When it is missing
// every check passes after printing once that it skips.
#pragma once

#include <doctest/doctest.h>
#include <httplib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_codec.h"

namespace cc::test {

class OpenApiDoc {
public:
    explicit OpenApiDoc(Json doc) : doc_(std::move(doc)) {}

    const Json& json() const { return doc_; }
    bool has_schema(const std::string& name) const {
        return doc_.contains("components") && doc_["components"].contains("schemas") &&
               doc_["components"]["schemas"].contains(name);
    }
    const Json& schema(const std::string& name) const { return doc_.at("components").at("schemas").at(name); }

    // Every problem of `value` against `schema`. No exceptions: a null where the schema does
    // not allow one (a masked secret included) is a problem.
    std::vector<std::string> errors(const Json& value, const Json& schema, const std::string& where = "$") const {
        std::vector<std::string> all;
        check(value, schema, where, {}, all);
        return all;
    }

    // The path template of the document that a concrete path ("/api/v1/org-unit/projects/3?x=1")
    // matches: literal segments win over {captures}. Empty when the document has no such path.
    std::string path_template(std::string_view concrete) const {
        concrete = concrete.substr(0, concrete.find('?'));
        const auto want = segments(concrete);
        std::string best;
        int best_captures = 1 << 30;
        for (auto it = doc_.at("paths").begin(); it != doc_.at("paths").end(); ++it) {
            const auto have = segments(it.key());
            if (have.size() != want.size()) continue;
            int captures = 0;
            bool same = true;
            for (std::size_t i = 0; i < have.size() && same; ++i) {
                if (have[i].size() > 2 && have[i].front() == '{' && have[i].back() == '}')
                    ++captures;
                else
                    same = have[i] == want[i];
            }
            if (same && captures < best_captures) {
                best = it.key();
                best_captures = captures;
            }
        }
        return best;
    }

    // Problems of an HTTP answer to METHOD concrete_path with `status` and JSON `body` (null for
    // an empty body). Rules: a path outside the document (this server's extensions) is only
    // checked when it is an error, against Error; a documented status is checked against its
    // schema (and must be bodiless when the document gives it no content); an undocumented
    // 4xx/5xx is checked against Error; an undocumented success status is a problem.
    std::vector<std::string> response_errors(std::string method, std::string_view concrete_path, int status,
                                             const Json& body) const {
        for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const std::string tmpl = path_template(concrete_path);
        const std::string code = std::to_string(status);
        if (tmpl.empty()) return status >= 400 ? errors(body, schema("Error")) : std::vector<std::string>{};
        const Json& item = doc_.at("paths").at(tmpl);
        if (!item.contains(method)) return {method + " " + tmpl + " is not in the OpenAPI document"};
        const Json& responses = item.at(method).at("responses");
        if (!responses.contains(code)) {
            if (status >= 400) return errors(body, schema("Error"));
            return {"status " + code + " is not documented for " + method + " " + tmpl};
        }
        const Json& response = resolve_response(responses.at(code));
        if (!response.contains("content")) {
            if (!body.is_null()) return {"status " + code + " of " + method + " " + tmpl + " should have no body"};
            return {};
        }
        const Json& content = response.at("content");
        if (!content.contains("application/json")) return {};
        return errors(body, content.at("application/json").at("schema"));
    }

private:
    static std::vector<std::string> segments(std::string_view p) {
        std::vector<std::string> out;
        std::size_t i = 0;
        while (i < p.size()) {
            if (p[i] == '/') {
                ++i;
                continue;
            }
            const std::size_t j = std::min(p.find('/', i), p.size());
            out.emplace_back(p.substr(i, j - i));
            i = j;
        }
        return out;
    }

    // Org-unit ids are numeric strings although these schemas say uuid (ids are opaque strings).
    static bool relaxed_uuid(const std::string& component) {
        return component == "DepartmentProjectChild" || component == "DepartmentProjectParent";
    }

    const Json& resolve(const std::string& ref, std::string& component) const {
        const std::string prefix = "#/components/schemas/";
        REQUIRE_MESSAGE(ref.rfind(prefix, 0) == 0, "unsupported $ref " << ref);
        component = ref.substr(prefix.size());
        return doc_.at("components").at("schemas").at(component);
    }
    const Json& resolve_response(const Json& r) const {
        if (!r.contains("$ref")) return r;
        const std::string ref = r.at("$ref");
        const std::string prefix = "#/components/responses/";
        REQUIRE_MESSAGE(ref.rfind(prefix, 0) == 0, "unsupported response $ref " << ref);
        return doc_.at("components").at("responses").at(ref.substr(prefix.size()));
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

    static std::size_t code_points(const std::string& s) {
        std::size_t n = 0;
        for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        return n;
    }

    // `component`: the schema name whose body is being checked (for relaxed_uuid).
    void check(const Json& v, const Json& s, const std::string& at, const std::string& component,
               std::vector<std::string>& out) const {
        if (!s.is_object()) return;
        const bool nullable = s.value("nullable", false);
        if (s.contains("$ref")) {
            if (v.is_null() && nullable) return;
            std::string name;
            const Json& target = resolve(s.at("$ref").get<std::string>(), name);
            return check(v, target, at, name, out);
        }
        if (v.is_null()) {
            if (nullable) return;
            // A schema with a type, or the shape of an object, does not admit null.
            if (s.contains("type") || s.contains("properties") || s.contains("required")) {
                out.push_back(at + " is null but not nullable");
                return;
            }
            if (s.contains("allOf"))
                for (const auto& part : s.at("allOf")) check(v, part, at, component, out);
            return;
        }
        if (s.contains("allOf"))
            for (const auto& part : s.at("allOf")) check(v, part, at, component, out);
        std::string type = s.contains("type") && s.at("type").is_string() ? s.at("type").get<std::string>() : "";
        if (type.empty() && (s.contains("properties") || (s.contains("required") && s.at("required").is_array())))
            type = "object";
        if (!type.empty() && !type_matches(v, type)) {
            out.push_back(at + " should be " + type + ", is " + v.type_name());
            return;
        }
        if (s.contains("enum")) {
            bool found = false;
            for (const auto& e : s.at("enum")) found = found || e == v;
            if (!found) out.push_back(at + " = " + v.dump() + " is not in the enum");
        }
        if (v.is_string()) check_string(v.get<std::string>(), s, at, component, out);
        if (v.is_number()) {
            const double x = v.get<double>();
            if (s.contains("minimum") && x < s.at("minimum").get<double>())
                out.push_back(at + " = " + v.dump() + " is below the minimum " + s.at("minimum").dump());
            if (s.contains("maximum") && x > s.at("maximum").get<double>())
                out.push_back(at + " = " + v.dump() + " is above the maximum " + s.at("maximum").dump());
        }
        if (v.is_object()) check_object(v, s, at, component, out);
        if (v.is_array() && s.contains("items"))
            for (std::size_t i = 0; i < v.size(); ++i)
                check(v[i], s.at("items"), at + "[" + std::to_string(i) + "]", component, out);
    }

    void check_string(const std::string& x, const Json& s, const std::string& at, const std::string& component,
                      std::vector<std::string>& out) const {
        const std::size_t n = code_points(x);
        if (s.contains("minLength") && n < s.at("minLength").get<std::size_t>())
            out.push_back(at + " is shorter than " + s.at("minLength").dump() + " characters");
        if (s.contains("maxLength") && n > s.at("maxLength").get<std::size_t>())
            out.push_back(at + " is longer than " + s.at("maxLength").dump() + " characters");
        if (s.contains("pattern") && !std::regex_search(x, std::regex(s.at("pattern").get<std::string>())))
            out.push_back(at + " = \"" + x + "\" does not match " + s.at("pattern").get<std::string>());
        const std::string format = s.value("format", "");
        static const std::regex rfc3339(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d))");
        static const std::regex uuid(R"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");
        if (format == "date-time" && !std::regex_match(x, rfc3339)) out.push_back(at + " is not an RFC 3339 date-time");
        if (format == "uuid" && !relaxed_uuid(component) && !std::regex_match(x, uuid))
            out.push_back(at + " = \"" + x + "\" is not a UUID");
    }

    void check_object(const Json& v, const Json& s, const std::string& at, const std::string& component,
                      std::vector<std::string>& out) const {
        if (s.contains("required") && s.at("required").is_array())
            for (const auto& r : s.at("required"))
                if (!v.contains(r.get<std::string>())) out.push_back(at + "." + r.get<std::string>() + " is missing");
        const Json* props = s.contains("properties") ? &s.at("properties") : nullptr;
        if (props)
            for (auto it = props->begin(); it != props->end(); ++it)
                if (v.contains(it.key())) check(v.at(it.key()), it.value(), at + "." + it.key(), component, out);
        if (!s.contains("additionalProperties")) return;
        const Json& extra = s.at("additionalProperties");
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (props && props->contains(it.key())) continue;
            if (extra.is_boolean() && !extra.get<bool>())
                out.push_back(at + "." + it.key() + " is not allowed");
            else if (extra.is_object())
                check(it.value(), extra, at + "." + it.key(), component, out);
        }
    }

    Json doc_;
};

inline std::filesystem::path openapi_path() {
    if (const char* env = std::getenv("CC_OPENAPI")) return env;
#ifdef CC_SOURCE_DIR
    return std::filesystem::path(CC_SOURCE_DIR) / ".." / "shared" / "api" / "openapi.json";
#else
    return "/work/shared/api/openapi.json";
#endif
}

// The document, loaded once; nullptr when it is missing (said once on stderr).
inline const OpenApiDoc* openapi_doc() {
    static std::once_flag once;
    static std::unique_ptr<OpenApiDoc> doc;
    std::call_once(once, [] {
        const auto path = openapi_path();
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "openapi_schema: %s not found (set CC_OPENAPI); skipping every schema check\n",
                         path.string().c_str());
            return;
        }
        const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        auto parsed = parse_json(text);
        if (!parsed.ok()) {
            std::fprintf(stderr, "openapi_schema: %s is not JSON; skipping every schema check\n",
                         path.string().c_str());
            return;
        }
        doc = std::make_unique<OpenApiDoc>(std::move(*parsed));
    });
    return doc.get();
}

inline std::string join_errors(const std::vector<std::string>& errors) {
    std::string all;
    for (const auto& e : errors) all += e + "\n";
    return all;
}

// Problems of `value` against components/schemas/<name>; empty when valid or skipped.
inline std::vector<std::string> schema_errors(const std::string& schema_name, const Json& value) {
    const OpenApiDoc* doc = openapi_doc();
    if (!doc) return {};
    if (!doc->has_schema(schema_name)) return {"no schema named " + schema_name};
    return doc->errors(value, doc->schema(schema_name));
}

// CHECKs `value` against components/schemas/<name>; true when valid (or skipped).
inline bool check_against_schema(const std::string& schema_name, const Json& value) {
    const auto errors = schema_errors(schema_name, value);
    CHECK_MESSAGE(errors.empty(), schema_name << ":\n" << join_errors(errors));
    return errors.empty();
}

// CHECKs an answer against the documented response of METHOD path for its status (see
// OpenApiDoc::response_errors). `path` is the concrete request path; its query is ignored.
inline bool check_response(const std::string& method, const std::string& path, int status, const Json& body) {
    const OpenApiDoc* doc = openapi_doc();
    if (!doc) return true;
    const auto errors = doc->response_errors(method, path, status, body);
    CHECK_MESSAGE(errors.empty(), method << " " << path << " -> " << status << ":\n" << join_errors(errors));
    return errors.empty();
}

inline bool check_response(const std::string& method, const std::string& path, const httplib::Result& r) {
    REQUIRE(r);
    Json body = nullptr;
    if (!r->body.empty()) {
        auto parsed = parse_json(r->body);
        REQUIRE_MESSAGE(parsed.ok(), method << " " << path << ": the body is not JSON: " << r->body.substr(0, 200));
        body = std::move(*parsed);
    }
    return check_response(method, path, r->status, body);
}

}  // namespace cc::test
