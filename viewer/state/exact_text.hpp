// Text kept exactly as typed or pasted. Debian's Dear ImGui 1.86 is built with 16-bit ImWchar: a text field
// turns every character beyond U+FFFF (emoji, U+20000 and the other rare Chinese characters of the extension
// planes) into U+FFFD. Such characters travel through a field as private-use stand-ins (U+E000 on) and come
// back whole when the field hands its text back; the font has no glyph for a stand-in, so it is drawn as the
// placeholder box while the data stays as it was. No ImGui here: tested without a window.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace viewer {

class StandIns {
public:
    static constexpr char32_t kFirst = 0xE000, kLast = 0xF8FF;  // the BMP's private use area
    // Whether a character cannot pass a 16-bit field as itself: beyond U+FFFF, or a private-use character
    // (which must be told apart from the stand-ins, so it gets one too).
    static bool needsStandIn(char32_t c) { return c > 0xFFFF || (c >= kFirst && c <= kLast); }
    // The text for the field: every such character replaced by its stand-in (the same one every time).
    std::string toField(std::string_view text);
    // The field's text back: stand-ins replaced by the characters they stand for.
    std::string fromField(std::string_view text) const;
    // The stand-in of one code point (a new one when first seen; U+FFFD when all 6,400 are taken).
    char32_t standInFor(char32_t c);

private:
    std::vector<char32_t> real_;  // real_[i] is what kFirst + i stands for
    std::map<char32_t, char32_t> standIn_;
};

}  // namespace viewer
