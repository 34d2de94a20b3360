// Pasted .env blocks and Docker config.json files, and the Docker Hub URL warning.
#include "core/paste_parsers.h"

#include <doctest/doctest.h>

#include <string>

using namespace cc;

namespace {

const EnvEntry* find_key(const EnvParseResult& r, std::string_view key) {
    for (const auto& e : r.entries)
        if (e.key == key) return &e;
    return nullptr;
}

}  // namespace

// ---- .env ------------------------------------------------------------------------------------

TEST_CASE("env block: keys, values, quotes, escapes, comments, export") {
    const std::string text =
        "# credentials for the ETL job\n"
        "\n"
        "export AWS_ACCESS_KEY_ID=AKIA123\n"
        "  PLAIN =   spaced value  \n"
        "URL=postgres://u:p@h/db?a=b=c\n"
        "SINGLE='lit $HOME \\n raw'\n"
        "DOUBLE=\"line1\\nline2 \\\"q\\\" back\\\\slash \\t\\x\"\n"
        "EMPTY=\n"
        "INLINE=value # a comment\n"
        "HASH=abc#123\n"
        "QUOTED_HASH=\"a # b\"  # comment after the quote\n"
        "   # indented comment\n"
        "exported=1\n";
    const EnvParseResult r = parse_env_block(text);
    CHECK(r.problems.empty());
    REQUIRE(r.entries.size() == 10);

    CHECK(r.entries[0].key == "AWS_ACCESS_KEY_ID");
    CHECK(r.entries[0].value == "AKIA123");
    CHECK(r.entries[0].line == 3);
    CHECK(r.entries[0].key_valid);
    CHECK(r.entries[1].key == "PLAIN");
    CHECK(r.entries[1].value == "spaced value");
    CHECK(r.entries[1].line == 4);
    CHECK(r.entries[2].value == "postgres://u:p@h/db?a=b=c");
    CHECK(r.entries[3].value == "lit $HOME \\n raw");  // single quotes: literal
    CHECK(r.entries[4].value == "line1\nline2 \"q\" back\\slash \t\\x");
    CHECK(r.entries[5].key == "EMPTY");
    CHECK(r.entries[5].value == "");
    CHECK(r.entries[6].value == "value");
    CHECK(r.entries[7].value == "abc#123");
    CHECK(r.entries[8].value == "a # b");
    CHECK(r.entries[9].key == "exported");  // "export" without a blank is part of the key
    CHECK(r.entries[9].line == 13);
}

TEST_CASE("env block: CRLF line endings") {
    const EnvParseResult r = parse_env_block("A=1\r\nB=\"two\"\r\n# c\r\nC='x y'\r\n");
    CHECK(r.problems.empty());
    REQUIRE(r.entries.size() == 3);
    CHECK(r.entries[0].value == "1");
    CHECK(r.entries[1].value == "two");
    CHECK(r.entries[2].value == "x y");
    CHECK(r.entries[2].line == 4);
}

TEST_CASE("env block: quoted values may span lines (private keys)") {
    const EnvParseResult r = parse_env_block(
        "ssh=\"-----BEGIN KEY-----\r\nabc\ndef\n-----END KEY-----\"\n"
        "NEXT=1\n");
    CHECK(r.problems.empty());
    REQUIRE(r.entries.size() == 2);
    CHECK(r.entries[0].value == "-----BEGIN KEY-----\nabc\ndef\n-----END KEY-----");
    CHECK(r.entries[1].key == "NEXT");
    CHECK(r.entries[1].line == 5);
}

TEST_CASE("env block: bad lines and invalid keys are reported with their line") {
    const EnvParseResult r = parse_env_block(
        "GOOD=1\n"
        "this is not a pair\n"
        "=no-key\n"
        "MY KEY=x\n"
        "p@ss=y\n"
        "C=\"x\" junk\n"
        "A=\"never closed\n"
        "B=2\n"
        "GOOD=3\n");
    REQUIRE(r.problems.size() == 7);
    CHECK(r.problems[0].line == 2);
    CHECK(r.problems[0].message == "Expected KEY=value");
    CHECK(r.problems[1].line == 3);
    CHECK(r.problems[1].message == "The key before '=' is missing");
    CHECK(r.problems[2].line == 4);
    CHECK(r.problems[2].message.find("'MY KEY' is not valid") != std::string::npos);
    CHECK(r.problems[3].line == 5);
    CHECK(r.problems[3].message.find("'p@ss'") != std::string::npos);
    CHECK(r.problems[4].line == 6);
    CHECK(r.problems[4].message == "Unexpected text after the closing quote");  // the stray text is not echoed
    CHECK(r.problems[5].line == 7);
    CHECK(r.problems[5].message == "The double quote opened here is never closed");
    CHECK(r.problems[6].line == 9);
    CHECK(r.problems[6].message == "Key 'GOOD' is already set on line 1");

    // Invalid keys stay in the rows (flagged) so the form can show them for fixing.
    REQUIRE(r.entries.size() == 6);
    CHECK(r.entries[0].key == "GOOD");
    CHECK(r.entries[0].key_valid);
    CHECK(r.entries[1].key == "MY KEY");
    CHECK_FALSE(r.entries[1].key_valid);
    CHECK(r.entries[2].key == "p@ss");
    CHECK_FALSE(r.entries[2].key_valid);
    CHECK(r.entries[3].key == "C");
    CHECK(r.entries[3].value == "x");
    CHECK(r.entries[4].key == "B");  // parsing resumed after the unclosed quote
    CHECK(r.entries[4].value == "2");
    CHECK(r.entries[4].line == 8);
    CHECK(r.entries[5].value == "3");
    CHECK(find_key(r, "A") == nullptr);

    // A single-quoted value that is never closed.
    const EnvParseResult s = parse_env_block("X='open\nY=1");
    REQUIRE(s.problems.size() == 1);
    CHECK(s.problems[0].message == "The single quote opened here is never closed");
    REQUIRE(s.entries.size() == 1);
    CHECK(s.entries[0].key == "Y");
}

TEST_CASE("env block: empty input and comments only") {
    CHECK(parse_env_block("").entries.empty());
    CHECK(parse_env_block("").problems.empty());
    const EnvParseResult r = parse_env_block("# only\n\n   \n");
    CHECK(r.entries.empty());
    CHECK(r.problems.empty());
}

TEST_CASE("env block: looks_like_env_block") {
    CHECK(looks_like_env_block("A=1"));
    CHECK(looks_like_env_block("export FOO=bar"));
    CHECK(looks_like_env_block("hello\nTOKEN=abc\n"));
    CHECK(looks_like_env_block("# header\r\nKEY = v\r\n"));
    CHECK_FALSE(looks_like_env_block("just-a-password"));
    CHECK_FALSE(looks_like_env_block("# X=1"));
    CHECK_FALSE(looks_like_env_block("=abc"));
    CHECK_FALSE(looks_like_env_block("p@ss=word"));
    CHECK_FALSE(looks_like_env_block(""));
}

TEST_CASE("env block: wipe empties the result") {
    EnvParseResult r = parse_env_block("A=secret\nbad line\n");
    REQUIRE(r.entries.size() == 1);
    wipe(r);
    CHECK(r.entries.empty());
    CHECK(r.problems.empty());
}

// ---- Docker config.json ------------------------------------------------------------------------

TEST_CASE("docker config: auth and username/password entries") {
    const auto r = parse_docker_config(R"({
        "auths": {
            "https://index.docker.io/v1/": {"auth": "cm9ib3Q6czNjcjN0"},
            "ghcr.io": {"username": "octocat", "password": "ghp_abc"},
            "nvcr.io": {"auth": "dXNlcjpwYTpzczp3b3Jk", "username": "ignored", "password": "ignored"}
        },
        "HttpHeaders": {"User-Agent": "Docker-Client"}
    })");
    REQUIRE(r.ok());
    CHECK(r->skipped.empty());
    REQUIRE(r->logins.size() == 3);
    CHECK(r->logins[0].url == "ghcr.io");
    CHECK(r->logins[0].username == "octocat");
    CHECK(r->logins[0].password == "ghp_abc");
    CHECK(r->logins[1].url == "https://index.docker.io/v1/");
    CHECK(r->logins[1].username == "robot");
    CHECK(r->logins[1].password == "s3cr3t");
    CHECK(r->logins[2].url == "nvcr.io");
    CHECK(r->logins[2].username == "user");        // auth wins over username/password, as in the Docker CLI
    CHECK(r->logins[2].password == "pa:ss:word");  // split at the first ':'
}

TEST_CASE("docker config: unpadded base64 is accepted") {
    const auto r = parse_docker_config(R"({"auths":{"r.io":{"auth":"YWI6Yw"}}})");
    REQUIRE(r.ok());
    REQUIRE(r->logins.size() == 1);
    CHECK(r->logins[0].username == "ab");
    CHECK(r->logins[0].password == "c");
}

TEST_CASE("docker config: entries that cannot be imported are reported") {
    const auto r = parse_docker_config(R"({
        "auths": {
            "bad.io": {"auth": "!!!not-base64"},
            "badpad.io": {"auth": "YWI6Yw="},
            "nocolon.io": {"auth": "bm9jb2xvbg=="},
            "azurecr.io": {"identitytoken": "eyJhbGciOi"},
            "https://index.docker.io/v1/": {},
            "weird.io": "text",
            "ok.io": {"auth": "YWI6Yw=="}
        },
        "credsStore": "desktop",
        "credHelpers": {"gcr.io": "gcloud", "ok.io": "ecr-login"}
    })");
    REQUIRE(r.ok());
    REQUIRE(r->logins.size() == 1);
    CHECK(r->logins[0].url == "ok.io");
    REQUIRE(r->skipped.size() == 7);
    // sorted by url
    CHECK(r->skipped[0].url == "azurecr.io");
    CHECK(r->skipped[0].reason == "uses a credential helper, cannot import");
    CHECK(r->skipped[1].url == "bad.io");
    CHECK(r->skipped[1].reason == "the auth field is not valid base64");
    CHECK(r->skipped[2].url == "badpad.io");
    CHECK(r->skipped[2].reason == "the auth field is not valid base64");
    CHECK(r->skipped[3].url == "gcr.io");
    CHECK(r->skipped[3].reason == "uses a credential helper, cannot import");
    CHECK(r->skipped[4].url == "https://index.docker.io/v1/");
    CHECK(r->skipped[4].reason == "uses a credential helper, cannot import");
    CHECK(r->skipped[5].url == "nocolon.io");
    CHECK(r->skipped[5].reason == "the auth field does not hold user:password");
    CHECK(r->skipped[6].url == "weird.io");
}

TEST_CASE("docker config: errors for invalid JSON, no auths, nothing listed") {
    auto invalid = parse_docker_config(R"({"auths": {"a": )");
    REQUIRE_FALSE(invalid.ok());
    CHECK(invalid.error().code == 400);
    CHECK(invalid.error().message.find("not valid JSON") != std::string::npos);

    auto array = parse_docker_config("[]");
    REQUIRE_FALSE(array.ok());
    CHECK(array.error().message.find("auths") != std::string::npos);

    auto no_auths = parse_docker_config(R"({"credsStore": "desktop"})");
    REQUIRE_FALSE(no_auths.ok());
    CHECK(no_auths.error().message.find("No \"auths\"") != std::string::npos);

    auto auths_not_object = parse_docker_config(R"({"auths": []})");
    CHECK_FALSE(auths_not_object.ok());

    auto empty = parse_docker_config(R"({"auths": {}, "credsStore": "osxkeychain"})");
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().message.find("osxkeychain") != std::string::npos);

    CHECK_FALSE(parse_docker_config("").ok());
    CHECK_FALSE(parse_docker_config("robot:s3cr3t").ok());
}

TEST_CASE("docker config: credHelpers only") {
    const auto r = parse_docker_config(R"({"credHelpers": {"123.dkr.ecr.us-east-1.amazonaws.com": "ecr-login"}})");
    REQUIRE(r.ok());
    CHECK(r->logins.empty());
    REQUIRE(r->skipped.size() == 1);
    CHECK(r->skipped[0].url == "123.dkr.ecr.us-east-1.amazonaws.com");
}

TEST_CASE("docker config: wipe empties the result") {
    auto r = parse_docker_config(R"({"auths":{"r.io":{"auth":"YWI6Yw=="}}})");
    REQUIRE(r.ok());
    wipe(*r);
    CHECK(r->logins.empty());
    CHECK(r->skipped.empty());
}

// ---- Docker Hub ---------------------------------------------------------------------------------

TEST_CASE("docker hub warning") {
    CHECK_FALSE(docker_hub_warning("https://index.docker.io/v1/").has_value());

    for (const char* url :
         {"docker.io", "index.docker.io", "https://index.docker.io/v1", "http://index.docker.io/v1/",
          "https://index.docker.io/v2/", "https://registry-1.docker.io", "registry-1.docker.io:443/v2/",
          "hub.docker.com", "https://hub.docker.com/u/someone", "HTTPS://INDEX.DOCKER.IO/V1/",
          " https://index.docker.io/v1/ ", "registry.hub.docker.com"}) {
        CAPTURE(url);
        const auto w = docker_hub_warning(url);
        REQUIRE(w.has_value());
        CHECK(w->find("Docker Hub needs the registry URL https://index.docker.io/v1/") != std::string::npos);
    }

    for (const char* url : {"ghcr.io", "nvcr.io", "https://my-docker.io.example.com", "mydocker.io",
                            "registry.example.com/docker.io", "", "quay.io/docker.io"}) {
        CAPTURE(url);
        CHECK_FALSE(docker_hub_warning(url).has_value());
    }
}
