// UTF-8 checking and the printable excerpts that error messages quote untrusted text through.
#include <doctest/doctest.h>

#include <string>

#include "core/json_codec.h"
#include "core/text.h"

using namespace cc;

TEST_CASE("is_valid_utf8: well-formed text of every length passes") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("plain ascii"));
    CHECK(is_valid_utf8("Grüße"));                  // 2 bytes
    CHECK(is_valid_utf8("日本語のテキスト"));       // 3 bytes
    CHECK(is_valid_utf8("emoji \xF0\x9F\x94\x91"));  // 4 bytes
    CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));        // U+10FFFF
}

TEST_CASE("is_valid_utf8: stray, truncated, overlong, surrogate and out-of-range sequences fail") {
    CHECK_FALSE(is_valid_utf8("\xFF"));
    CHECK_FALSE(is_valid_utf8("abc\x80"));            // a continuation byte alone
    CHECK_FALSE(is_valid_utf8("\xC3"));               // truncated
    CHECK_FALSE(is_valid_utf8("\xE6\x97"));           // truncated
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));           // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));       // overlong
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));       // a UTF-16 surrogate
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));   // past U+10FFFF
    CHECK_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
}

TEST_CASE("printable_excerpt: replaces what cannot be shown and cuts long text") {
    CHECK(printable_excerpt("department-7") == "department-7");
    CHECK(printable_excerpt("a\xFF" "b") == "a?b");
    CHECK(printable_excerpt("line\nbreak\x1B[31m") == "line?break?[31m");
    CHECK(printable_excerpt("\xC2\x85" "x") == "?x");  // C1 control (NEL)
    CHECK(printable_excerpt("Grüße", 3) == "Grü...");
    CHECK(printable_excerpt(std::string(5000, 'p'), 10) == "pppppppppp...");
    CHECK(is_valid_utf8(printable_excerpt("\xE6\x97\xA5\xE6\x97", 80)));
}

TEST_CASE("JSON nesting is limited before parsing; brackets inside strings do not count") {
    const std::string deep = std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
    const std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
    CHECK(json_nesting_exceeds(deep, kMaxJsonDepth));
    CHECK_FALSE(json_nesting_exceeds(ok, kMaxJsonDepth));
    CHECK_FALSE(json_nesting_exceeds(R"({"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})", 4));
    CHECK(json_nesting_exceeds(R"({"a": "\"[", "b": [[[[[1]]]]]})", 4));  // an escaped quote does not end the string

    auto refused = parse_json(deep);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == 400);
    CHECK(refused.error().message.find("nested too deeply") != std::string::npos);
    CHECK(parse_json(ok).ok());

    // The crash input: an array nested 150,000 deep in a create body's spec, refused at once.
    std::string hostile = R"({"meta":{"name":"x","scope":"tenant"},"spec":)";
    hostile += std::string(150000, '[');
    hostile += std::string(150000, ']');
    hostile += "}";
    CHECK(parse_json(hostile).error().code == 400);
}

TEST_CASE("ascii_iequals: ASCII letters match in any case, nothing else folds") {
    CHECK(ascii_iequals("Content-Length", "content-length"));
    CHECK(ascii_iequals("", ""));
    CHECK_FALSE(ascii_iequals("gzip", "gzip "));
    CHECK_FALSE(ascii_iequals("Ä", "ä"));  // only ASCII folds
}
