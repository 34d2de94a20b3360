// UTF-8 checking and repair, the printable excerpts that error messages quote untrusted text
// through, ASCII case and splitting at a separator.
#include "core/text.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/json_codec.h"

using namespace cc;

TEST_CASE("is_valid_utf8: well-formed text of every length passes") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("plain ascii"));
    CHECK(is_valid_utf8("Grüße"));                   // 2 bytes
    CHECK(is_valid_utf8("日本語のテキスト"));        // 3 bytes
    CHECK(is_valid_utf8("emoji \xF0\x9F\x94\x91"));  // 4 bytes
    CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));        // U+10FFFF
}

TEST_CASE("is_valid_utf8: stray, truncated, overlong, surrogate and out-of-range sequences fail") {
    CHECK_FALSE(is_valid_utf8("\xFF"));
    CHECK_FALSE(is_valid_utf8("abc\x80"));           // a continuation byte alone
    CHECK_FALSE(is_valid_utf8("\xC3"));              // truncated
    CHECK_FALSE(is_valid_utf8("\xE6\x97"));          // truncated
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a UTF-16 surrogate
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
    CHECK_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
}

TEST_CASE("replace_invalid_utf8: one U+FFFD per byte that starts no well-formed sequence") {
    CHECK(replace_invalid_utf8("") == "");
    CHECK(replace_invalid_utf8("Grüße 日本 \xF0\x9F\x94\x91") == "Grüße 日本 \xF0\x9F\x94\x91");
    CHECK(replace_invalid_utf8("a\xFF"
                               "b") ==
          "a\xEF\xBF\xBD"
          "b");
    CHECK(replace_invalid_utf8("\xC3") == "\xEF\xBF\xBD");  // truncated
    CHECK(replace_invalid_utf8("\xE6\x97"
                               "x") ==
          "\xEF\xBF\xBD\xEF\xBF\xBD"
          "x");                                                                             // truncated: one per byte
    CHECK(replace_invalid_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong
    CHECK(replace_invalid_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
    CHECK(replace_invalid_utf8("\xF4\x90\x80\x80"
                               "z")
              .size() == 4 * 3 + 1);  // past U+10FFFF
    std::string all;
    for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
    CHECK(is_valid_utf8(replace_invalid_utf8(all)));
    CHECK(replace_invalid_utf8(all).substr(0, 128) == all.substr(0, 128));
}

TEST_CASE("printable_excerpt: replaces what cannot be shown and cuts long text") {
    CHECK(printable_excerpt("department-7") == "department-7");
    CHECK(printable_excerpt("a\xFF"
                            "b") == "a?b");
    CHECK(printable_excerpt("line\nbreak\x1B[31m") == "line?break?[31m");
    CHECK(printable_excerpt("\xC2\x85"
                            "x") == "?x");  // C1 control (NEL)
    CHECK(printable_excerpt("Grüße", 3) == "Grü...");
    CHECK(printable_excerpt(std::string(5000, 'p'), 10) == "pppppppppp...");
    CHECK(is_valid_utf8(printable_excerpt("\xE6\x97\xA5\xE6\x97", 80)));
}

TEST_CASE("JSON nesting is limited before parsing; brackets inside strings do not count") {
    const std::string deep = std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
    const std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
    CHECK(json_nesting_exceeds(deep, kMaxJsonDepth));
    CHECK_FALSE(json_nesting_exceeds(ok, kMaxJsonDepth));
    CHECK_FALSE(
        json_nesting_exceeds(R"({"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})", 4));
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

TEST_CASE("ascii_lower: A-Z become a-z; every other byte, UTF-8 included, stays") {
    CHECK(ascii_lower("Content-Type: Text/HTML; Charset=UTF-8") == "content-type: text/html; charset=utf-8");
    CHECK(ascii_lower("") == "");
    CHECK(ascii_lower("ÄÖÜ Grüße ÀÉ") == "ÄÖÜ grüße ÀÉ");            // Latin-1 capitals in UTF-8 untouched
    CHECK(ascii_lower("\xC3\x80\xFF\x80Z") == "\xC3\x80\xFF\x80z");  // bytes that are not text, too
    std::string all;
    for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
    const std::string lowered = ascii_lower(all);
    REQUIRE(lowered.size() == 256);
    for (int b = 0; b < 256; ++b) {
        const int expected = (b >= 'A' && b <= 'Z') ? b + 32 : b;
        CHECK_MESSAGE(static_cast<unsigned char>(lowered[static_cast<std::size_t>(b)]) == expected, b);
    }
    CHECK(ascii_iequals(ascii_lower("MiXeD"), "MIXED"));
}

TEST_CASE("split_by_char: every field, empty ones included") {
    using V = std::vector<std::string_view>;
    CHECK(split_by_char("a,b,c", ',') == V{"a", "b", "c"});
    CHECK(split_by_char("abc", ',') == V{"abc"});
    CHECK(split_by_char("", ',') == V{""});
    CHECK(split_by_char(",", ',') == V{"", ""});
    CHECK(split_by_char("a,,b", ',') == V{"a", "", "b"});
    CHECK(split_by_char(",a,", ',') == V{"", "a", ""});
    CHECK(split_by_char("q=1&f=type:a|b", '&') == V{"q=1", "f=type:a|b"});
    CHECK(split_by_char("a|b", ',') == V{"a|b"});  // only the given separator
    // The fields are views into the text.
    const std::string text = "x;yy";
    const auto fields = split_by_char(text, ';');
    REQUIRE(fields.size() == 2);
    CHECK(fields[1].data() == text.data() + 2);
}

TEST_CASE("split_by_char: TrailingEmpty::Drop reads a list whose last separator may close it") {
    using V = std::vector<std::string_view>;
    const auto drop = [](std::string_view s, char sep) { return split_by_char(s, sep, TrailingEmpty::Drop); };
    CHECK(drop("", ',') == V{});
    CHECK(drop("a", ',') == V{"a"});
    CHECK(drop("a,b,", ',') == V{"a", "b"});
    CHECK(drop(",", ',') == V{""});  // only the last empty field goes
    CHECK(drop("a,,", ',') == V{"a", ""});
    CHECK(drop(",a", ',') == V{"", "a"});
    CHECK(drop("a,,b", ',') == V{"a", "", "b"});
    CHECK(drop("project:8:not-created", ':') == V{"project", "8", "not-created"});
}

TEST_CASE("complete_utf8_prefix: a character cut at the end of a part waits for the next part") {
    CHECK(complete_utf8_prefix("") == 0);
    CHECK(complete_utf8_prefix("abc") == 3);
    CHECK(complete_utf8_prefix("ab\xC3\xA9") == 4);         // é whole
    CHECK(complete_utf8_prefix("ab\xC3") == 2);             // é cut after its first byte
    CHECK(complete_utf8_prefix("\xE6\x97\xA5") == 3);       // 日 whole
    CHECK(complete_utf8_prefix("x\xE6\x97") == 1);          // 日 cut
    CHECK(complete_utf8_prefix("x\xF0\x9F\x94") == 1);      // 🔑 cut after three bytes
    CHECK(complete_utf8_prefix("x\xF0\x9F\x94\x91") == 5);  // 🔑 whole
    // Each cut of a text, glued back, notes every character once.
    const std::string text = "a\xC3\xA9\xE6\x97\xA5\xF0\x9F\x94\x91z";
    for (std::size_t cut = 0; cut <= text.size(); ++cut) {
        std::string tail = text.substr(0, cut);
        const std::size_t first = complete_utf8_prefix(tail);
        std::string noted = tail.substr(0, first);
        tail = tail.substr(first) + text.substr(cut);
        noted += tail.substr(0, complete_utf8_prefix(tail));
        CHECK(noted == text);
    }
}
