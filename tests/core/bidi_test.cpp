// core/bidi: the display order of a line with right-to-left text, as a browser shows it.
#include "core/bidi.h"

#include <doctest/doctest.h>

#include <string>

using cc::visual_order;

TEST_CASE("bidi: text without right-to-left letters is left as it is") {
    for (const char* s :
         {"", "registry-creds", "Zugangsschlüssel für €", "日本語のトークン", "Ελληνικά", "🔑 key", "12 (3)"})
        CHECK_FALSE(visual_order(s));
}

TEST_CASE("bidi: a Hebrew word inside English is reversed in place") {
    // "abc" + alef bet gimel + "def": the Hebrew letters are drawn right to left.
    CHECK(visual_order("abc \xD7\x90\xD7\x91\xD7\x92 def") == std::string("abc \xD7\x92\xD7\x91\xD7\x90 def"));
    // Two Hebrew words keep their order right to left, the space between them too.
    CHECK(visual_order("x \xD7\x90\xD7\x91 \xD7\x92\xD7\x93 y") ==
          std::string("x \xD7\x93\xD7\x92 \xD7\x91\xD7\x90 y"));
}

TEST_CASE("bidi: a Hebrew line is right to left; its numbers and English words keep their order") {
    // alef bet gimel, space, 123: the number comes first on screen (at the left), in its order.
    CHECK(visual_order("\xD7\x90\xD7\x91\xD7\x92 123") == std::string("123 \xD7\x92\xD7\x91\xD7\x90"));
    // alef bet, " S3 ", gimel: the English word stays readable, at its place from the right.
    CHECK(visual_order("\xD7\x90\xD7\x91 S3 \xD7\x92") == std::string("\xD7\x92 S3 \xD7\x91\xD7\x90"));
    // Brackets around English inside Hebrew stay a pair, with the number after them at the left:
    // "<hebrew> (S3) 2026" shows as "2026 (S3) <hebrew reversed>".
    CHECK(visual_order("\xD7\x90\xD7\x91 (S3) 2026") == std::string("2026 (S3) \xD7\x91\xD7\x90"));
    // Brackets in right-to-left text are mirrored: "(alef)" shows as "(alef)" read from the right.
    CHECK(visual_order("\xD7\x90 (\xD7\x91)") == std::string("(\xD7\x91) \xD7\x90"));
}

TEST_CASE("bidi: Arabic is ordered like Hebrew; a line keeps every byte") {
    const std::string arabic = "\xD9\x85\xD9\x81\xD8\xAA\xD8\xA7\xD8\xAD";  // miftah, "key"
    const auto shown = visual_order("key: " + arabic);
    REQUIRE(shown);
    CHECK(shown->substr(0, 5) == "key: ");
    CHECK(shown->substr(5) == "\xD8\xAD\xD8\xA7\xD8\xAA\xD9\x81\xD9\x85");
    // A malformed byte stays where it was, as one character.
    const auto broken = visual_order(std::string("a\xFF \xD7\x90\xD7\x91"));
    REQUIRE(broken);
    CHECK(broken->size() == 7);
    CHECK(*broken == std::string("a\xFF \xD7\x91\xD7\x90"));
}
