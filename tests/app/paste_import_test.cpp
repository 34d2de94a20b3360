// What pasting into the new-credential form's import box does: a Docker config.json fills the
// registry login (or offers a choice of registries), a .env block adds key/value rows (the
// blank starting row gives way), and either says what it did or why it could not.
#include <doctest/doctest.h>

#include "app/create_form.h"

using namespace cc;
using namespace cc::app;

namespace {

bool has(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

constexpr const char* kTwoRegistries =
    R"({"auths":{"nvcr.io":{"auth":"JG9hdXRodG9rZW46bnZhcGktc2VjcmV0"},"ghcr.io":{"username":"octo","password":"ghp-secret"}}})";

}  // namespace

TEST_CASE("paste import: a config.json with one login fills url, user and password and closes the box") {
    PasteImport imp = import_docker_config(R"({"auths":{"https://index.docker.io/v1/":{"auth":"dXNlcjpwYXNz"}}})");
    REQUIRE(imp.login);
    CHECK(imp.login->url == "https://index.docker.io/v1/");
    CHECK(imp.login->username == "user");
    CHECK(imp.login->password == "pass");
    CHECK(imp.done);
    CHECK(imp.message == "Filled in the login for https://index.docker.io/v1/ (user user)");
    CHECK(has(imp.touched, "url"));
    CHECK(has(imp.touched, "password"));
    wipe(imp);
    CHECK_FALSE(imp.login);
}

TEST_CASE("paste import: several registries offer a choice; the choice fills that one") {
    PasteImport first = import_docker_config(kTwoRegistries);
    CHECK_FALSE(first.login);
    CHECK_FALSE(first.done);
    REQUIRE(first.choices.size() == 2);
    CHECK(first.choices[0] == "ghcr.io  (octo)");  // sorted by url
    CHECK(first.message == "The config.json has 2 registries: choose one");
    PasteImport chosen = import_docker_config(kTwoRegistries, 1);
    REQUIRE(chosen.login);
    CHECK(chosen.login->url == "nvcr.io");
    CHECK(chosen.login->username == "$oauthtoken");
    CHECK(chosen.done);
    CHECK(import_docker_config(kTwoRegistries, 7).choices.size() == 2);  // a choice that is not there
}

TEST_CASE("paste import: a config.json without usable logins, or not JSON, says why and keeps the box open") {
    PasteImport helper = import_docker_config(R"({"auths":{},"credHelpers":{"gcr.io":"gcloud"}})");
    CHECK_FALSE(helper.done);
    CHECK(helper.message.rfind("The config.json holds no login that can be imported", 0) == 0);
    CHECK(helper.message.find("gcr.io: uses a credential helper") != std::string::npos);
    PasteImport bad = import_docker_config("not json");
    CHECK_FALSE(bad.done);
    CHECK_FALSE(bad.message.empty());
}

TEST_CASE("paste import: a .env block adds rows after the existing ones, or in place of the blank first row") {
    PasteImport fresh = import_env_block("A=1\nB=two\n", 1, true);
    CHECK(fresh.replace_blank_row);
    REQUIRE(fresh.rows.size() == 2);
    CHECK(fresh.rows[1].key == "B");
    CHECK(fresh.rows[1].value == "two");
    CHECK(fresh.message == "Added 2 keys");
    CHECK(fresh.done);
    CHECK(has(fresh.touched, "key.1"));
    CHECK_FALSE(has(fresh.touched, "key.2"));

    PasteImport more = import_env_block("C=3", 2, false);
    CHECK_FALSE(more.replace_blank_row);
    CHECK(more.message == "Added 1 key");
    CHECK(has(more.touched, "value.2"));  // rows 0 and 1 were there: the new one is row 2

    PasteImport kept = import_env_block("C=3", 1, false);  // a first row with something in it stays
    CHECK_FALSE(kept.replace_blank_row);
}

TEST_CASE("paste import: a .env block without KEY=value lines says so; bad lines are listed by number") {
    PasteImport none = import_env_block("# only a comment\n", 1, true);
    CHECK_FALSE(none.done);
    CHECK(none.rows.empty());
    CHECK(none.message == "No KEY=value line found");
    PasteImport mixed = import_env_block("GOOD=1\nnot a pair\n", 1, true);
    CHECK(mixed.done);
    CHECK(mixed.message.rfind("Added 1 key\nLine 2: ", 0) == 0);
}
