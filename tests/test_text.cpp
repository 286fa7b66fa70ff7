// UTF-8 checks, display widths, edit distance and suggestions.
#include <doctest/doctest.h>

#include "chainatlas/base/text.hpp"

using namespace chainatlas;

TEST_CASE("invalid UTF-8 is found at its byte offset") {
    CHECK(findInvalidUtf8("abc") == std::string::npos);
    CHECK(findInvalidUtf8("锂电池") == std::string::npos);
    CHECK(findInvalidUtf8(std::string("ab\xff", 3)) == 2);
    CHECK(findInvalidUtf8(std::string("\xc0\xaf", 2)) == 0);      // overlong '/'
    CHECK(findInvalidUtf8(std::string("\xed\xa0\x80", 3)) == 0);  // surrogate
    CHECK(findInvalidUtf8(std::string("\xe9\x94", 2)) == 0);      // truncated 锂
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
    CHECK(nearestId("lead", {"fit", "leader"}) ==
          "leader");  // a cut-off word  // a two-letter word is not a typo of a one-letter id
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

TEST_CASE("escapeXml drops every character XML 1.0 forbids") {
    // C0 controls other than tab and LF become a space (CR too: a parser would turn it into LF).
    CHECK(escapeXml(std::string("a\0b", 3)) == "a b");
    CHECK(escapeXml("a\x1b[2J\x07"
                    "b\tc\nd\re") == "a [2J b\tc\nd e");
    // U+FFFE and U+FFFF (valid UTF-8, forbidden in XML) become U+FFFD.
    CHECK(escapeXml("x\xEF\xBF\xBEy\xEF\xBF\xBFz") == "x\xEF\xBF\xBDy\xEF\xBF\xBDz");
    // A lone surrogate (ED A0 80) or a stray byte is not UTF-8: one U+FFFD per byte.
    CHECK(escapeXml("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(escapeXml("\xFF") == "\xEF\xBF\xBD");
    // Allowed characters pass: CJK, U+FFFD itself, a character beyond the BMP.
    CHECK(escapeXml("苏州\xEF\xBF\xBD\xF0\x9F\x98\x80") == "苏州\xEF\xBF\xBD\xF0\x9F\x98\x80");
}

TEST_CASE("escapeControls: terminal output never carries control characters") {
    CHECK(escapeControls("a\x1b[2Jb\x07", false) == "a\\x1b[2Jb\\x07");
    CHECK(escapeControls(std::string("n\0l\r", 4), false) == "n\\x00l\\x0d");
    CHECK(escapeControls("line\nnext", true) == "line\nnext");
    CHECK(escapeControls("line\nnext", false) == "line\\x0anext");
    CHECK(escapeControls("\xC2\x9B"
                         "c1",
                         false) == "\\x9bc1");        // U+009B, the one-character CSI
    CHECK(escapeControls("\xFF", false) == "\\xff");  // not UTF-8
    CHECK(escapeControls("苏州 ok", false) == "苏州 ok");
}

TEST_CASE("did you mean: bounded work, same suggestions for ordinary typos") {
    CHECK(boundedEditDistance("kitten", "sitting", 2) == 3);  // 3 edits > limit 2: limit + 1
    CHECK(boundedEditDistance("kitten", "sitting", 3) == 3);
    CHECK(boundedEditDistance("a", "abcdef", 2) == 3);  // length gap alone exceeds the limit
    // A 5,000-character id gets no suggestion (and costs nothing), even when one is one edit away.
    std::string longId(5000, 'x');
    CHECK(nearestId(longId + "y", {longId}) == "");
    // 40 misspelt 5,000-character ids against 40 candidates get no suggestion (the time this takes is
    // measured by bench/chainatlas-bench-edges, not here).
    std::vector<std::string> longIds;
    longIds.reserve(40);
    for (int i = 0; i < 40; ++i) longIds.push_back(std::string(4999, 'x') + static_cast<char>('a' + i % 26));
    for (const auto& id : longIds) {
        std::string misspelt = id;
        misspelt[0] = 'y';
        CHECK(nearestId(misspelt, longIds) == "");
    }
    // Letters in common decide quickly; ordinary typos keep their suggestion.
    std::vector<std::string> firms;
    firms.reserve(10000);
    for (int i = 0; i < 10000; ++i) firms.push_back(std::string("firm-").append(std::to_string(10000 + i)));
    CHECK(nearestId("zzzz-qqqqq", firms) == "");
    CHECK(nearestId("firm-1234x", firms) == "firm-12340");  // one substitution; ties go to the smallest id
}

TEST_CASE("shared formatting: fixed decimals, today's date, UTF-16 and the UTF-8 byte-order mark") {
    CHECK(fixed(2.0 / 3.0, 2) == "0.67");  // 0.666… rounds up
    CHECK(fixed(-0.125, 1) == "-0.1");     // nearest: 0.025 from -0.1, 0.075 from -0.2
    CHECK(fixed(0.25, 1) == "0.2");        // 0.25 is exact in binary, a true tie: printf rounds to even
    CHECK(fixed(5, 0) == "5");
    std::string today = todayIso();
    REQUIRE(today.size() == 10);
    CHECK((today[4] == '-' && today[7] == '-'));
    CHECK(today.substr(0, 2) == "20");
    CHECK(startsAsUtf16("\xFF\xFE{\0"));  // little-endian
    CHECK(startsAsUtf16("\xFE\xFF\0{"));  // big-endian
    CHECK_FALSE(startsAsUtf16("\xEF\xBB\xBF{"));
    CHECK_FALSE(startsAsUtf16("\xFF"));  // one byte is not a mark
    CHECK(withoutUtf8Bom("\xEF\xBB\xBFid,name") == "id,name");
    CHECK(withoutUtf8Bom("id,name") == "id,name");
    CHECK(withoutUtf8Bom("\xEF\xBB") == "\xEF\xBB");  // half a mark stays (the UTF-8 check reports it)
}

TEST_CASE("issue 25.13: a lone CR ends a line as LF and CRLF do") {
    LineColumn at = lineColumnAt("a\rbb\r\ncc\rd", 9);  // the "d" after the third line break
    CHECK(at.line == 4);
    CHECK(at.column == 1);
}

TEST_CASE("issue 25.9/25.10: one CSV cell writer: formula guard, quotes, control characters escaped") {
    CHECK(csvCell("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
    CHECK(csvCell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csvCell("+cmd") == "'+cmd");
    CHECK(csvCell("plain, text") == "\"plain, text\"");
    CHECK(csvCell("two\nlines") == "\"two\nlines\"");
    CHECK(csvCell("bell\x07 esc\x1b[2J") == "bell\\x07 esc\\x1b[2J");  // never a raw control on a terminal
    CHECK(csvCell("\t=1") == "\\x09=1");                               // escaped: no longer a formula
    CHECK(csvCell("苏州") == "苏州");
}

TEST_CASE("issue 25.4/25.6: noncharacters and NUL never reach XML or a drawing library") {
    std::string nonchars =
        "a\xEF\xB7\x90"
        "b\xF4\x8F\xBF\xBF"
        "c\xEF\xBF\xBE";  // U+FDD0, U+10FFFF, U+FFFE
    CHECK(escapeXml(nonchars) ==
          "a\xEF\xBF\xBD"
          "b\xEF\xBF\xBD"
          "c\xEF\xBF\xBD");
    CHECK(drawableText(nonchars) ==
          "a\xEF\xBF\xBD"
          "b\xEF\xBF\xBD"
          "c\xEF\xBF\xBD");
    CHECK(drawableText(std::string("苏\0州", 7)) == "苏\xEF\xBF\xBD州");
    CHECK(drawableText("a\r\nb\rc\x1b") == "a\nb\nc\xEF\xBF\xBD");
    CHECK(isNoncharacter(0x1FFFE));
    CHECK_FALSE(isNoncharacter(0xFFFD));
}

TEST_CASE("issue 25.5: names are shortened for drawing, at a character, with an ellipsis") {
    CHECK(shortenForDrawing("short") == "short");
    std::string chinese;
    for (int i = 0; i < 100; ++i) chinese += "中";
    std::string cut = shortenForDrawing(chinese, 10);
    CHECK(decodeUtf8(cut).size() == 10);
    CHECK(cut == "中中中中中中中中中…");
    CHECK(decodeUtf8(shortenForDrawing(std::string(10000, 'x'))).size() == kDrawnNameLength);
}
