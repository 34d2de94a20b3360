// take_secret_body: the create body equals the codec's JSON, secrets are escaped correctly and
// wiped from the request afterwards, whatever the non-secret text contains.
#include "core/secret_body.h"

#include <doctest/doctest.h>

#include "core/json_codec.h"

using namespace cc;

namespace {

CreateRequest generic_request() {
    CreateRequest r;
    r.name = "env-secrets";
    r.description = std::string("made with \"quotes\" and @@cc-secret-1-0@@");
    r.scope = ScopeRef{ScopeType::Project, ClusterId{"c1"}, std::nullopt, ProjectId{12}};
    r.spec = GenericSecretSpec{std::nullopt, std::vector<KeyValuePair>{
                                                 {"API_TOKEN", std::string("tok\"en\\with\nnewline")},
                                                 {"SHORT", std::string("ab")},
                                                 {"DSN", std::string("postgres://u:p@h/db?x=1&y=\xC3\xA9")},
                                             }};
    return r;
}

}  // namespace

TEST_CASE("the secret body is the codec's JSON with the real values") {
    CreateRequest r = generic_request();
    const Json expected = encode_create_request(generic_request());
    const std::string body = take_secret_body(r);
    auto parsed = parse_json(body);
    REQUIRE(parsed);
    CHECK(*parsed == expected);
    CHECK(body.find("tok\\\"en\\\\with\\u000anewline") != std::string::npos);
}

TEST_CASE("after the body is taken the request holds no secret") {
    CreateRequest r = generic_request();
    (void)take_secret_body(r);
    const auto& pairs = *std::get<GenericSecretSpec>(r.spec).key_value_pairs;
    for (const auto& kv : pairs) CHECK_FALSE(kv.value.has_value());
    CHECK(pairs[0].key == "API_TOKEN");  // keys are not secrets
    CHECK(r.name == "env-secrets");
}

TEST_CASE("each kind: the secret fields are found and wiped") {
    CreateRequest a;
    a.name = "k";
    a.spec = AccessKeySpec{std::nullopt, std::string("AKIA-ID-VALUE"), std::string("secret-access-value")};
    CHECK(secret_fields(a).size() == 2);
    auto body = take_secret_body(a);
    CHECK(body.find("secret-access-value") != std::string::npos);
    CHECK_FALSE(std::get<AccessKeySpec>(a.spec).secret_access_key.has_value());

    CreateRequest d;
    d.name = "d";
    d.spec = DockerRegistrySpec{std::nullopt, std::string("bot"), std::string("hub-password"),
                                std::string("https://index.docker.io/v1/")};
    CHECK(secret_fields(d).size() == 1);
    body = take_secret_body(d);
    auto j = parse_json(body);
    REQUIRE(j);
    CHECK((*j)["spec"]["password"] == "hub-password");
    CHECK((*j)["spec"]["url"] == "https://index.docker.io/v1/");

    CreateRequest n;
    n.name = "n";
    n.spec = NgcApiKeySpec{std::string("nvapi-ABC.def_123")};
    body = take_secret_body(n);
    CHECK((*parse_json(body))["spec"]["ngc_api_key"] == "nvapi-ABC.def_123");
    CHECK_FALSE(std::get<NgcApiKeySpec>(n.spec).ngc_api_key.has_value());

    CreateRequest e;  // an existing secret: nothing secret at all
    e.name = "e";
    e.spec = PasswordSpec{std::string("pre-made"), std::nullopt, std::nullopt};
    CHECK(secret_fields(e).empty());
    CHECK((*parse_json(take_secret_body(e)))["spec"]["existingSecretName"] == "pre-made");
}
