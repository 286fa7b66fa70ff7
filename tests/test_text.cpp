// UTF-8 checks, display widths, edit distance and suggestions.
#include <doctest/doctest.h>

#include "chainatlas/text.hpp"

using namespace chainatlas;

TEST_CASE("invalid UTF-8 is found at its byte offset") {
    CHECK(findInvalidUtf8("abc") == std::string::npos);
    CHECK(findInvalidUtf8("锂电池") == std::string::npos);
    CHECK(findInvalidUtf8(std::string("ab\xff", 3)) == 2);
    CHECK(findInvalidUtf8(std::string("\xc0\xaf", 2)) == 0);          // overlong '/'
    CHECK(findInvalidUtf8(std::string("\xed\xa0\x80", 3)) == 0);      // surrogate
    CHECK(findInvalidUtf8(std::string("\xe9\x94", 2)) == 0);          // truncated 锂
}

TEST_CASE("line and column count characters, not bytes") {
    std::string text = "ab\n锂x";
    CHECK(lineColumnAt(text, 0).line == 1);
    LineColumn at = lineColumnAt(text, text.size() - 1);  // the 'x'
    CHECK(at.line == 2);
    CHECK(at.column == 2);
}

TEST_CASE("Chinese characters are two columns wide") {
    CHECK(displayWidth("abc") == 3);
    CHECK(displayWidth("正极材料") == 8);
    CHECK(displayWidth("BMS 电池") == 8);
}

TEST_CASE("edit distance and did-you-mean") {
    CHECK(editDistance("suzho", "suzhou") == 1);
    CHECK(editDistance("kitten", "sitting") == 3);
    std::vector<std::string> ids = {"suzhou", "shanghai", "ningbo"};
    CHECK(nearestId("suzho", ids) == "suzhou");
    CHECK(nearestId("shangai", ids) == "shanghai");
    CHECK(nearestId("beijing", ids) == "");
    CHECK(didYouMean("ningb", ids) == " (did you mean \"ningbo\"?)");
    CHECK(nearestId("zz", {"a"}) == "");
    CHECK(nearestId("lead", {"fit", "leader"}) == "leader");  // a cut-off word  // a two-letter word is not a typo of a one-letter id
}

TEST_CASE("id pattern") {
    CHECK(isValidId("nev"));
    CHECK(isValidId("src-1.a_b"));
    CHECK(isValidId("9lives"));
    CHECK_FALSE(isValidId(""));
    CHECK_FALSE(isValidId("Cathode"));
    CHECK_FALSE(isValidId("-x"));
    CHECK_FALSE(isValidId("a b"));
}

TEST_CASE("XML escaping keeps the text literal") {
    CHECK(escapeXml("<script>") == "&lt;script&gt;");
    CHECK(escapeXml("A & \"B\"") == "A &amp; &quot;B&quot;");
    CHECK(escapeXml("&amp;") == "&amp;amp;");
}

TEST_CASE("UTF-8 encoding and the label width estimate") {
    CHECK(encodeUtf8(U'a') == "a");
    CHECK(encodeUtf8(U'锂') == "锂");
    CHECK(encodeUtf8(U'€') == "\xE2\x82\xAC");
    CHECK(encodeUtf8(U'\U0001F600') == "\xF0\x9F\x98\x80");
    // 10 pt: two CJK characters are 2 em = 20 pt, "ab" is 2 x 0.58 em = 11.6 pt.
    CHECK(estimateTextWidth("锂电", 10) == doctest::Approx(20.0));
    CHECK(estimateTextWidth("ab", 10) == doctest::Approx(11.6));
}
