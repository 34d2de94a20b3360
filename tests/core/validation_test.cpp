// Validation of create/update requests (docs/api.md, 'Validation').
#include "core/validation.h"

#include <doctest/doctest.h>

#include <string>

using namespace cc;

namespace {

std::string repeat(std::string_view unit, std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += unit;
    return s;
}

// A valid project-scoped request of each kind with new secret values.
CreateRequest valid_request(CredentialKind kind) {
    CreateRequest r;
    r.name = "my-creds";
    r.scope = ScopeRef{ScopeType::Project, std::nullopt, std::nullopt, ProjectId{12}};
    switch (kind) {
        case CredentialKind::AccessKey:
            r.spec = AccessKeySpec{std::nullopt, std::string("AKIAEXAMPLE0001"), std::string("s3cr3t")};
            break;
        case CredentialKind::Password:
            r.spec = PasswordSpec{std::nullopt, std::string("bot"), std::string("pw")};
            break;
        case CredentialKind::DockerRegistry:
            r.spec =
                DockerRegistrySpec{std::nullopt, std::string("$oauthtoken"), std::string("pw"), std::string("nvcr.io")};
            break;
        case CredentialKind::GenericSecret:
            r.spec =
                GenericSecretSpec{std::nullopt, std::vector<KeyValuePair>{{"WANDB_API_KEY", std::string("x")},
                                                                          {"WANDB_ENTITY", std::string("ml-team")}}};
            break;
        case CredentialKind::NgcApiKey: r.spec = NgcApiKeySpec{std::string("nvapi-AbC123._-x")}; break;
    }
    return r;
}

std::string field_of(const std::optional<ApiError>& e) {
    return e ? e->field : std::string("<ok>");
}

constexpr CredentialKind kKinds[] = {CredentialKind::AccessKey, CredentialKind::Password,
                                     CredentialKind::DockerRegistry, CredentialKind::GenericSecret,
                                     CredentialKind::NgcApiKey};

}  // namespace

TEST_CASE("name rule: DNS-1123 label") {
    CHECK_FALSE(name_problem("a").has_value());
    CHECK_FALSE(name_problem("0").has_value());
    CHECK_FALSE(name_problem("datasets-s3-ro").has_value());
    CHECK_FALSE(name_problem("1abc-9").has_value());
    CHECK_FALSE(name_problem("a--b").has_value());
    CHECK_FALSE(name_problem(repeat("a", 63)).has_value());

    CHECK(name_problem("").has_value());
    CHECK(name_problem(repeat("a", 64)).has_value());
    CHECK(name_problem("Nvcr").has_value());
    CHECK(name_problem("nvcR").has_value());
    CHECK(name_problem("-abc").has_value());
    CHECK(name_problem("abc-").has_value());
    CHECK(name_problem("-").has_value());
    CHECK(name_problem("my_creds").has_value());
    CHECK(name_problem("my.creds").has_value());
    CHECK(name_problem("my creds").has_value());
    CHECK(name_problem("caf\xC3\xA9").has_value());  // "café"

    // The messages say what is wrong
    CHECK(*name_problem("") == "Enter a name");
    CHECK(name_problem(repeat("a", 64))->find("64") != std::string::npos);
    CHECK(name_problem("my_creds")->find("'_'") != std::string::npos);
    CHECK(name_problem("my.creds")->find("'.'") != std::string::npos);
    CHECK(name_problem("-abc")->find("start") != std::string::npos);
    CHECK(name_problem("abc-")->find("end") != std::string::npos);
    CHECK(name_problem("Nvcr")->find("lowercase") != std::string::npos);
    CHECK_FALSE(name_rule_text().empty());
}

TEST_CASE("name rule: non-ASCII characters are quoted whole, so the message stays valid UTF-8") {
    // "café": the message must quote 'é' (2 bytes), not a lone 0xC3 byte
    auto p = name_problem("caf\xC3\xA9");
    REQUIRE(p.has_value());
    CHECK(p->find("'\xC3\xA9'") != std::string::npos);
    CHECK(p->find("'\xC3'") == std::string::npos);

    auto emoji = name_problem("key-\xF0\x9F\x94\x91");  // 🔑
    REQUIRE(emoji.has_value());
    CHECK(emoji->find("'\xF0\x9F\x94\x91'") != std::string::npos);

    // invalid UTF-8 never leaks raw bytes into the message
    for (const char* bad : {"ab\xFF",
                            "ab\x80"
                            "cd",
                            "ab\xC3", "ab\xE2\x80"}) {
        CAPTURE(bad);
        auto m = name_problem(bad);
        REQUIRE(m.has_value());
        for (const char c : *m) CHECK(static_cast<unsigned char>(c) < 0x80);
    }

    // a long non-ASCII name reports the character, not a byte count posing as characters
    auto long_accented = name_problem(repeat("\xC3\xA9", 32));  // 32 characters, 64 bytes
    REQUIRE(long_accented.has_value());
    CHECK(long_accented->find("64") == std::string::npos);
    CHECK(long_accented->find("'\xC3\xA9'") != std::string::npos);
}

TEST_CASE("description: at most 250 characters counted as code points") {
    CHECK(utf8_length("") == 0);
    CHECK(utf8_length("abc") == 3);
    CHECK(utf8_length("\xC3\xA9") == 1);              // é
    CHECK(utf8_length("\xE2\x80\xA6") == 1);          // …
    CHECK(utf8_length("\xF0\x9F\x94\x91 key") == 5);  // 🔑 key

    CHECK_FALSE(description_problem("").has_value());
    CHECK_FALSE(description_problem(repeat("x", 250)).has_value());
    CHECK(description_problem(repeat("x", 251)).has_value());
    // 250 'é' is 500 bytes but 250 characters
    CHECK_FALSE(description_problem(repeat("\xC3\xA9", 250)).has_value());
    CHECK(description_problem(repeat("\xC3\xA9", 251)).has_value());
    CHECK(description_problem(repeat("\xC3\xA9", 251))->find("251") != std::string::npos);
}

TEST_CASE("NGC key and generic secret key patterns") {
    CHECK(is_valid_ngc_key("nvapi-AbC123._-x"));
    CHECK(is_valid_ngc_key("A"));
    CHECK_FALSE(is_valid_ngc_key(""));
    CHECK_FALSE(is_valid_ngc_key("nvapi key"));
    CHECK_FALSE(is_valid_ngc_key("nvapi/key"));
    CHECK_FALSE(is_valid_ngc_key("nvapi+key="));
    CHECK_FALSE(is_valid_ngc_key("nvapi\n"));

    CHECK(is_valid_secret_key("WANDB_API_KEY"));
    CHECK(is_valid_secret_key(".dockerconfigjson"));
    CHECK(is_valid_secret_key("a-b.c_d9"));
    CHECK_FALSE(is_valid_secret_key(""));
    CHECK_FALSE(is_valid_secret_key("MY KEY"));
    CHECK_FALSE(is_valid_secret_key("key=value"));
    CHECK_FALSE(is_valid_secret_key("k\xC3\xA9y"));
}

TEST_CASE("validate_create accepts a valid request of every kind") {
    for (auto k : kKinds) {
        CAPTURE(kind_api_name(k));
        CHECK(field_of(validate_create(valid_request(k))) == "<ok>");
    }
}

TEST_CASE("validate_create: name and description") {
    auto r = valid_request(CredentialKind::Password);
    SUBCASE("bad name") {
        r.name = "My_Creds";
        auto e = validate_create(r);
        REQUIRE(e.has_value());
        CHECK(e->code == 400);
        CHECK(e->field == "meta.name");
    }
    SUBCASE("empty name") {
        r.name = "";
        CHECK(field_of(validate_create(r)) == "meta.name");
    }
    SUBCASE("64-char name") {
        r.name = repeat("a", 64);
        CHECK(field_of(validate_create(r)) == "meta.name");
    }
    SUBCASE("description 250 ok, 251 bad") {
        r.description = repeat("\xC3\xA9", 250);
        CHECK(field_of(validate_create(r)) == "<ok>");
        r.description = repeat("\xC3\xA9", 251);
        CHECK(field_of(validate_create(r)) == "meta.description");
    }
    SUBCASE("empty description on create violates minLength 1") {
        r.description = std::string();
        CHECK(field_of(validate_create(r)) == "meta.description");
    }
}

TEST_CASE("validate_create: scope and id consistency") {
    auto r = valid_request(CredentialKind::DockerRegistry);
    const ClusterId cl{"d73a738f-fab3-430a-8fa3-5241493d7128"};

    SUBCASE("system scope is reserved") {
        r.scope = ScopeRef{ScopeType::System, {}, {}, {}};
        CHECK(field_of(validate_create(r)) == "meta.scope");
    }
    SUBCASE("tenant takes no ids") {
        r.scope = ScopeRef{ScopeType::Tenant, {}, {}, {}};
        CHECK(field_of(validate_create(r)) == "<ok>");
        r.scope = ScopeRef{ScopeType::Tenant, cl, {}, {}};
        CHECK(field_of(validate_create(r)) == "meta.clusterId");
        r.scope = ScopeRef{ScopeType::Tenant, {}, DepartmentId{"4"}, {}};
        CHECK(field_of(validate_create(r)) == "meta.departmentId");
        r.scope = ScopeRef{ScopeType::Tenant, {}, {}, ProjectId{12}};
        CHECK(field_of(validate_create(r)) == "meta.projectId");
    }
    SUBCASE("cluster needs clusterId and nothing below") {
        r.scope = ScopeRef{ScopeType::Cluster, cl, {}, {}};
        CHECK(field_of(validate_create(r)) == "<ok>");
        r.scope = ScopeRef{ScopeType::Cluster, {}, {}, {}};
        CHECK(field_of(validate_create(r)) == "meta.clusterId");
        r.scope = ScopeRef{ScopeType::Cluster, ClusterId{""}, {}, {}};
        CHECK(field_of(validate_create(r)) == "meta.clusterId");
        r.scope = ScopeRef{ScopeType::Cluster, cl, DepartmentId{"4"}, {}};
        CHECK(field_of(validate_create(r)) == "meta.departmentId");
        r.scope = ScopeRef{ScopeType::Cluster, cl, {}, ProjectId{12}};
        CHECK(field_of(validate_create(r)) == "meta.projectId");
    }
    SUBCASE("department needs departmentId, may carry clusterId, no projectId") {
        r.scope = ScopeRef{ScopeType::Department, {}, DepartmentId{"4"}, {}};
        CHECK(field_of(validate_create(r)) == "<ok>");
        r.scope = ScopeRef{ScopeType::Department, cl, DepartmentId{"4"}, {}};
        CHECK(field_of(validate_create(r)) == "<ok>");
        r.scope = ScopeRef{ScopeType::Department, cl, {}, {}};
        CHECK(field_of(validate_create(r)) == "meta.departmentId");
        r.scope = ScopeRef{ScopeType::Department, {}, DepartmentId{""}, {}};
        CHECK(field_of(validate_create(r)) == "meta.departmentId");
        r.scope = ScopeRef{ScopeType::Department, {}, DepartmentId{"4"}, ProjectId{12}};
        CHECK(field_of(validate_create(r)) == "meta.projectId");
    }
    SUBCASE("project needs projectId; parent ids may come along") {
        r.scope = ScopeRef{ScopeType::Project, {}, {}, ProjectId{12}};
        CHECK(field_of(validate_create(r)) == "<ok>");
        r.scope = ScopeRef{ScopeType::Project, cl, DepartmentId{"4"}, ProjectId{12}};
        CHECK(field_of(validate_create(r)) == "<ok>");
        r.scope = ScopeRef{ScopeType::Project, cl, DepartmentId{"4"}, {}};
        CHECK(field_of(validate_create(r)) == "meta.projectId");
    }
}

TEST_CASE("validate_create: personal (private) only for docker registry, generic secret and NGC, at the account") {
    for (auto k : kKinds) {
        CAPTURE(kind_api_name(k));
        auto r = valid_request(k);
        r.is_private = true;
        const bool allowed =
            k == CredentialKind::DockerRegistry || k == CredentialKind::GenericSecret || k == CredentialKind::NgcApiKey;
        if (!allowed) {
            CHECK(field_of(validate_create(r)) == "meta.private");
            continue;
        }
        CHECK(field_of(validate_create(r)) == "meta.scope");  // a project: personal ones belong to the account
        r.scope = ScopeRef{ScopeType::Tenant, {}, {}, {}};
        CHECK(field_of(validate_create(r)) == "<ok>");
    }
}

TEST_CASE("validate_create: existing secret xor values") {
    SUBCASE("existing secret alone is valid for every kind that has the option") {
        CreateRequest r = valid_request(CredentialKind::AccessKey);
        r.spec = AccessKeySpec{std::string("s3-secret"), {}, {}};
        CHECK(field_of(validate_create(r)) == "<ok>");
        r.spec = PasswordSpec{std::string("gitlab-bot-creds"), {}, {}};
        CHECK(field_of(validate_create(r)) == "<ok>");
        r.spec = DockerRegistrySpec{std::string("regcred"), {}, {}, {}};
        CHECK(field_of(validate_create(r)) == "<ok>");
        r.spec = GenericSecretSpec{std::string("env-secret"), {}};
        CHECK(field_of(validate_create(r)) == "<ok>");
        r.spec = GenericSecretSpec{std::string("env-secret"), std::vector<KeyValuePair>{}};  // empty list is no values
        CHECK(field_of(validate_create(r)) == "<ok>");
    }
    SUBCASE("existing secret plus any value is rejected") {
        CreateRequest r = valid_request(CredentialKind::AccessKey);
        r.spec = AccessKeySpec{std::string("s3-secret"), std::string("AKIA"), {}};
        CHECK(field_of(validate_create(r)) == "spec.existingSecretName");
        r.spec = AccessKeySpec{std::string("s3-secret"), {}, std::string("sk")};
        CHECK(field_of(validate_create(r)) == "spec.existingSecretName");
        r.spec = PasswordSpec{std::string("s"), std::string("u"), {}};
        CHECK(field_of(validate_create(r)) == "spec.existingSecretName");
        r.spec = PasswordSpec{std::string("s"), {}, std::string("p")};
        CHECK(field_of(validate_create(r)) == "spec.existingSecretName");
        r.spec = DockerRegistrySpec{std::string("s"), {}, {}, std::string("nvcr.io")};
        CHECK(field_of(validate_create(r)) == "spec.existingSecretName");
        r.spec = GenericSecretSpec{std::string("s"), std::vector<KeyValuePair>{{"K", std::string("v")}}};
        CHECK(field_of(validate_create(r)) == "spec.existingSecretName");
    }
    SUBCASE("empty existing secret name is rejected") {
        CreateRequest r = valid_request(CredentialKind::Password);
        r.spec = PasswordSpec{std::string(""), {}, {}};
        CHECK(field_of(validate_create(r)) == "spec.existingSecretName");
    }
}

TEST_CASE("validate_create: per-kind required fields without an existing secret") {
    CreateRequest r = valid_request(CredentialKind::AccessKey);
    SUBCASE("access key") {
        r.spec = AccessKeySpec{{}, {}, std::string("sk")};
        CHECK(field_of(validate_create(r)) == "spec.accessKeyId");
        r.spec = AccessKeySpec{{}, std::string("AKIA"), {}};
        CHECK(field_of(validate_create(r)) == "spec.secretAccessKey");
        r.spec = AccessKeySpec{{}, std::string(""), std::string("sk")};
        CHECK(field_of(validate_create(r)) == "spec.accessKeyId");
        r.spec = AccessKeySpec{};
        CHECK(field_of(validate_create(r)) == "spec.accessKeyId");
    }
    SUBCASE("password") {
        r.spec = PasswordSpec{{}, {}, std::string("p")};
        CHECK(field_of(validate_create(r)) == "spec.user");
        r.spec = PasswordSpec{{}, std::string("u"), {}};
        CHECK(field_of(validate_create(r)) == "spec.password");
        r.spec = PasswordSpec{{}, std::string("u"), std::string("")};
        CHECK(field_of(validate_create(r)) == "spec.password");
    }
    SUBCASE("docker registry") {
        r.spec = DockerRegistrySpec{{}, {}, std::string("p"), std::string("nvcr.io")};
        CHECK(field_of(validate_create(r)) == "spec.user");
        r.spec = DockerRegistrySpec{{}, std::string("u"), {}, std::string("nvcr.io")};
        CHECK(field_of(validate_create(r)) == "spec.password");
        r.spec = DockerRegistrySpec{{}, std::string("u"), std::string("p"), {}};
        CHECK(field_of(validate_create(r)) == "spec.url");
        r.spec = DockerRegistrySpec{{}, std::string("u"), std::string("p"), std::string("")};
        CHECK(field_of(validate_create(r)) == "spec.url");
    }
    SUBCASE("generic secret needs at least one pair") {
        r.spec = GenericSecretSpec{};
        CHECK(field_of(validate_create(r)) == "spec.keyValuePairs");
        r.spec = GenericSecretSpec{{}, std::vector<KeyValuePair>{}};
        CHECK(field_of(validate_create(r)) == "spec.keyValuePairs");
    }
    SUBCASE("ngc api key") {
        r.spec = NgcApiKeySpec{};
        CHECK(field_of(validate_create(r)) == "spec.ngc_api_key");
        r.spec = NgcApiKeySpec{std::string("")};
        CHECK(field_of(validate_create(r)) == "spec.ngc_api_key");
        r.spec = NgcApiKeySpec{std::string("nvapi key with spaces")};
        CHECK(field_of(validate_create(r)) == "spec.ngc_api_key");
        r.spec = NgcApiKeySpec{std::string("nvapi/abc")};
        CHECK(field_of(validate_create(r)) == "spec.ngc_api_key");
    }
}

TEST_CASE("validate_create: generic secret keys") {
    CreateRequest r = valid_request(CredentialKind::GenericSecret);
    SUBCASE("bad key pattern names the row") {
        r.spec =
            GenericSecretSpec{{}, std::vector<KeyValuePair>{{"OK", std::string("v")}, {"NOT OK", std::string("v")}}};
        auto e = validate_create(r);
        REQUIRE(e.has_value());
        CHECK(e->field == "spec.keyValuePairs[1].key");
        CHECK(e->message.find("NOT OK") != std::string::npos);
    }
    SUBCASE("empty key") {
        r.spec = GenericSecretSpec{{}, std::vector<KeyValuePair>{{"", std::string("v")}}};
        CHECK(field_of(validate_create(r)) == "spec.keyValuePairs[0].key");
    }
    SUBCASE("duplicate keys are rejected at the second occurrence") {
        r.spec = GenericSecretSpec{
            {}, std::vector<KeyValuePair>{{"A", std::string("1")}, {"B", std::string("2")}, {"A", std::string("3")}}};
        auto e = validate_create(r);
        REQUIRE(e.has_value());
        CHECK(e->field == "spec.keyValuePairs[2].key");
        CHECK(e->message.find("twice") != std::string::npos);
    }
    SUBCASE("keys are case-sensitive: A and a are distinct") {
        r.spec = GenericSecretSpec{{}, std::vector<KeyValuePair>{{"A", std::string("1")}, {"a", std::string("2")}}};
        CHECK(field_of(validate_create(r)) == "<ok>");
    }
    SUBCASE("a missing value is rejected") {
        r.spec = GenericSecretSpec{{}, std::vector<KeyValuePair>{{"A", std::string("1")}, {"B", std::nullopt}}};
        CHECK(field_of(validate_create(r)) == "spec.keyValuePairs[1].value");
    }
}

TEST_CASE("validate_update") {
    UpdateRequest u;
    CHECK_FALSE(validate_update(u).has_value());  // nothing to change is fine

    u.description = "rotated 2025-12; owner: ml-platform";
    CHECK_FALSE(validate_update(u).has_value());
    u.description = std::string();  // clearing the description
    CHECK_FALSE(validate_update(u).has_value());
    u.description = repeat("\xC3\xA9", 250);
    CHECK_FALSE(validate_update(u).has_value());
    u.description = repeat("\xC3\xA9", 251);
    CHECK(field_of(validate_update(u)) == "meta.description");
    u.description.reset();

    u.name = "renamed-creds";
    CHECK_FALSE(validate_update(u).has_value());
    u.name = "Renamed";
    auto e = validate_update(u);
    REQUIRE(e.has_value());
    CHECK(e->code == 400);
    CHECK(e->field == "meta.name");
    u.name = "";
    CHECK(field_of(validate_update(u)) == "meta.name");
    u.name = repeat("z", 64);
    CHECK(field_of(validate_update(u)) == "meta.name");
    u.name = repeat("z", 63);
    CHECK(field_of(validate_update(u)) == "<ok>");
}

TEST_CASE("secret sizes: a value, the key count, a key and the whole credential are bounded") {
    const std::string at_limit(kMaxSecretValueBytes, 'x');
    const std::string over_limit(kMaxSecretValueBytes + 1, 'x');

    CreateRequest r = valid_request(CredentialKind::Password);
    std::get<PasswordSpec>(r.spec).password = at_limit;
    CHECK_FALSE(validate_create(r));
    std::get<PasswordSpec>(r.spec).password = over_limit;
    auto e = validate_create(r);
    REQUIRE(e);
    CHECK(e->field == "spec.password");
    CHECK(e->message.find("64 KiB") != std::string::npos);
    CHECK(e->message.find("xxxx") == std::string::npos);  // the value itself is never quoted

    r = valid_request(CredentialKind::NgcApiKey);
    std::get<NgcApiKeySpec>(r.spec).ngc_api_key = over_limit;
    CHECK(field_of(validate_create(r)) == "spec.ngc_api_key");

    r = valid_request(CredentialKind::GenericSecret);
    auto& pairs = *std::get<GenericSecretSpec>(r.spec).key_value_pairs;
    pairs.clear();
    for (std::size_t i = 0; i < kMaxSecretKeys; ++i) pairs.push_back({"K" + std::to_string(i), std::string("v")});
    CHECK_FALSE(validate_create(r));
    pairs.push_back({"ONE_MORE", std::string("v")});
    CHECK(field_of(validate_create(r)) == "spec.keyValuePairs");

    pairs.resize(1);
    pairs[0].key = std::string(kMaxSecretKeyLength + 1, 'k');
    CHECK(field_of(validate_create(r)) == "spec.keyValuePairs[0].key");

    // Each value under the per-value limit, together over the per-credential one.
    pairs.clear();
    for (std::size_t i = 0; i * kMaxSecretValueBytes <= kMaxSecretBytes; ++i)
        pairs.push_back({"K" + std::to_string(i), at_limit});
    CHECK(field_of(validate_create(r)) == "spec");

    r = valid_request(CredentialKind::AccessKey);
    std::get<AccessKeySpec>(r.spec) =
        AccessKeySpec{std::string(kMaxSecretNameLength + 1, 'n'), std::nullopt, std::nullopt};
    CHECK(field_of(validate_create(r)) == "spec.existingSecretName");
}

TEST_CASE("a bad generic secret key is quoted printable and short") {
    CreateRequest r = valid_request(CredentialKind::GenericSecret);
    (*std::get<GenericSecretSpec>(r.spec).key_value_pairs)[0].key = "bad\x01key" + std::string(200, 'z');
    auto e = validate_create(r);
    REQUIRE(e);
    CHECK(e->message.find('\x01') == std::string::npos);
    CHECK(e->message.size() < 150);
}
