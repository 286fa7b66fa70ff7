// Small text helpers: UTF-8 checks and widths, edit distance, "did you mean".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chainatlas {

// Byte offset of the first invalid UTF-8 sequence, or npos when the text is valid.
std::size_t findInvalidUtf8(std::string_view text);
// 1-based line and column (in characters) of a byte offset.
struct LineColumn { std::size_t line = 1, column = 1; };
LineColumn lineColumnAt(std::string_view text, std::size_t offset);
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
// The candidate nearest to `word` when it is close enough to be a likely typo, else "".
std::string nearestId(std::string_view word, const std::vector<std::string>& candidates);
// " (did you mean \"x\"?)" or "".
std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates);
bool isValidId(std::string_view id);
std::string escapeXml(std::string_view text);

}  // namespace chainatlas
