// Small text helpers: UTF-8 checks and widths, edit distance, "did you mean".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chainatlas {

// Byte offset of the first invalid UTF-8 sequence, or npos when the text is valid.
std::size_t findInvalidUtf8(std::string_view text);
// 1-based line and column (in characters) of a byte offset. A line ends at LF, CRLF or a lone CR (old Mac
// files, and some exports, end lines with CR only).
struct LineColumn {
    std::size_t line = 1, column = 1;
};
LineColumn lineColumnAt(std::string_view text, std::size_t offset);
// The same for offsets met in increasing order (a reader's fields): each call counts only from the last one.
class LineColumnCounter {
public:
    explicit LineColumnCounter(std::string_view text) : text_(text) {}
    LineColumn at(std::size_t offset);  // offset >= the previous call's

private:
    std::string_view text_;
    std::size_t offset_ = 0;
    LineColumn at_;
};
// Columns a string takes in a terminal: East Asian wide characters count two.
std::size_t displayWidth(std::string_view utf8);
// Decodes UTF-8 into code points (invalid bytes become U+FFFD).
std::vector<char32_t> decodeUtf8(std::string_view utf8);
std::string encodeUtf8(char32_t codePoint);
// Approximate width in points of text drawn at `fontSize` when no font can be asked: wide (CJK)
// characters take one em, others 0.58 em. Used to size and cut labels we draw ourselves.
double estimateTextWidth(char32_t codePoint, double fontSize);
double estimateTextWidth(std::string_view utf8, double fontSize);
std::size_t editDistance(std::string_view a, std::string_view b);
// The edit distance when it is at most `limit`, else limit + 1 (stops early: O(|a| * |b|) at worst).
std::size_t boundedEditDistance(std::string_view a, std::string_view b, std::size_t limit);
// "Did you mean" does bounded work: words longer than this get no suggestion ...
inline constexpr std::size_t kMaxSuggestLength = 64;
// ... and at most this many candidates of a plausible length are compared.
inline constexpr std::size_t kMaxSuggestCandidates = 10000;
// ... and a file full of misspellings gets suggestions for its first few only.
inline constexpr int kMaxSuggestionsPerFile = 20;
// The candidate nearest to `word` when it is close enough to be a likely typo, else "".
std::string nearestId(std::string_view word, const std::vector<std::string>& candidates);
// " (did you mean \"x\"?)" or "".
std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates);
bool isValidId(std::string_view id);
// Text for XML content and attribute values: markup characters escaped, characters XML 1.0 forbids
// (C0 controls except tab, LF, CR; U+FFFE, U+FFFF; bytes that are not UTF-8) replaced.
std::string escapeXml(std::string_view text);
// Unicode noncharacters (U+FDD0..U+FDEF and the last two code points of every plane): valid in JSON, but
// cairo refuses to draw them and XML 1.0 forbids U+FFFE and U+FFFF.
bool isNoncharacter(char32_t codePoint);
// Text any drawing or document library takes whole: C0 controls other than tab and line feed, DEL, C1
// controls, noncharacters and bytes that are not UTF-8 become U+FFFD (a visible mark, never a silent cut),
// and CRLF or a lone CR becomes LF; there is no NUL left, so the result may be handed on as a C string.
std::string drawableText(std::string_view text);
// A name cut for drawing: at most `maxCharacters` characters, ending with "…" when cut (maps and charts
// measure every character they draw; the full name stays in tooltips, tables and exports).
inline constexpr std::size_t kDrawnNameLength = 64;
std::string shortenForDrawing(std::string_view text, std::size_t maxCharacters = kDrawnNameLength);
// One CSV cell as every CSV the program writes puts it: control characters escaped as "\x1b" (newlines
// kept), a leading = + - @ (or tab, CR) guarded with "'" so a spreadsheet never runs data as a formula, and
// quoted when it holds a comma, a quote or a line break.
void appendCsvCell(std::string& out, std::string_view text);
std::string csvCell(std::string_view text);
// Text safe to print on a terminal: control characters (C0, DEL, C1) and bytes that are not UTF-8
// become "\x1b"-style escapes, so data can never move the cursor or clear the screen.
std::string escapeControls(std::string_view text, bool keepNewlines);

// A number with `decimals` digits after the point ("%.*f"), as every table, CSV and document prints it.
std::string fixed(double value, int decimals);
// Today's local date as YYYY-MM-DD, printed on maps and reports.
std::string todayIso();
// Text saved as UTF-16 (a byte-order mark FF FE or FE FF), which the loaders refuse with advice.
bool startsAsUtf16(std::string_view text);
// The text without a UTF-8 byte-order mark (spreadsheet programs add one).
std::string_view withoutUtf8Bom(std::string_view text);

// `text(item)` for each item, joined by `separator`: joinMapped(firms, "、", name) -> "比亚迪、宁德时代".
template <typename Items, typename Text>
std::string joinMapped(const Items& items, const char* separator, Text text) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + text(item);
    return out;
}

}  // namespace chainatlas
