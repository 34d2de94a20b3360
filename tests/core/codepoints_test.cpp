#include "core/codepoints.h"

#include <doctest/doctest.h>

#include <set>

namespace {
std::set<char32_t> of(std::string_view s) {
    std::set<char32_t> out;
    cc::collect_codepoints(s, out);
    return out;
}
}  // namespace

TEST_CASE("collect_codepoints: the characters beyond ASCII of UTF-8 text, each once") {
    CHECK(of("plain ascii").empty());
    CHECK(of("\xE6\x97\xA5\xE6\x9C\xAC\xE6\x97\xA5") == std::set<char32_t>{0x65E5, 0x672C});  // 日本日
    CHECK(of("\xD7\xA2 \xCE\x95 \xD0\x9A") == std::set<char32_t>{0x05E2, 0x0395, 0x041A});    // Hebrew, Greek, Cyrillic
    CHECK(of("ok \xF0\x9F\x98\x80") == std::set<char32_t>{0x1F600});                          // emoji
    CHECK(of("\xF4\x8F\xBF\xBD") == std::set<char32_t>{0x10FFFD});                            // the last plane
}

TEST_CASE("collect_codepoints: JSON escapes count, surrogate pairs as one code point") {
    CHECK(of(R"({"d":"\u65e5\u00e9"})") == std::set<char32_t>{0x65E5, 0xE9});
    CHECK(of(R"("\ud83d\ude00")") == std::set<char32_t>{0x1F600});
    CHECK(of(R"("\\u65e5")").empty());                // an escaped backslash, then plain text
    CHECK(of(R"("\ud83d" "\u0041\u000a")").empty());  // a lone surrogate, ASCII, a control character
}

TEST_CASE("collect_codepoints: malformed UTF-8 is skipped, the rest still counts") {
    CHECK(of("\xC0\xAF \xED\xA0\x80 \xF5\x80\x80\x80 \xE2\x82").empty());  // overlong, surrogate, past U+10FFFF, cut
    CHECK(of("\xFF\xC3\xA9") == std::set<char32_t>{0xE9});
}
