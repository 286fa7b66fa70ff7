// UTF-8 checks and widths, edit distance and id suggestions.
#include "chainatlas/base/text.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>

namespace chainatlas {

namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 when it is invalid.
std::size_t sequenceLength(std::string_view text, std::size_t i, char32_t* codePoint) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) {
        *codePoint = c;
        return 1;
    }
    std::size_t length = 0;
    char32_t cp = 0, minimum = 0;
    if ((c & 0xE0) == 0xC0) {
        length = 2;
        cp = c & 0x1F;
        minimum = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        length = 3;
        cp = c & 0x0F;
        minimum = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        length = 4;
        cp = c & 0x07;
        minimum = 0x10000;
    } else return 0;
    if (i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    *codePoint = cp;
    return length;
}

bool isWide(char32_t cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

bool isZeroWidth(char32_t cp) {
    return (cp >= 0x0300 && cp <= 0x036F) || cp == 0x200B || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F);
}

}  // namespace

std::size_t findInvalidUtf8(std::string_view text) {
    std::size_t i = 0;
    char32_t cp = 0;
    while (i < text.size()) {
        std::size_t n = sequenceLength(text, i, &cp);
        if (n == 0) return i;
        i += n;
    }
    return std::string_view::npos;
}

LineColumn LineColumnCounter::at(std::size_t offset) {
    offset = std::min(offset, text_.size());
    for (; offset_ < offset; ++offset_) {
        unsigned char c = static_cast<unsigned char>(text_[offset_]);
        bool loneCr = c == '\r' && (offset_ + 1 >= text_.size() || text_[offset_ + 1] != '\n');
        if (c == '\n' || loneCr) {
            ++at_.line;
            at_.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++at_.column;  // count characters, not continuation bytes
        }
    }
    return at_;
}

LineColumn lineColumnAt(std::string_view text, std::size_t offset) { return LineColumnCounter(text).at(offset); }

std::vector<char32_t> decodeUtf8(std::string_view utf8) {
    std::vector<char32_t> out;
    out.reserve(utf8.size());
    std::size_t i = 0;
    while (i < utf8.size()) {
        char32_t cp = 0;
        std::size_t n = sequenceLength(utf8, i, &cp);
        if (n == 0) {
            out.push_back(0xFFFD);
            ++i;
        } else {
            out.push_back(cp);
            i += n;
        }
    }
    return out;
}

std::size_t displayWidth(std::string_view utf8) {
    std::size_t width = 0;
    for (char32_t cp : decodeUtf8(utf8)) width += isZeroWidth(cp) ? 0 : (isWide(cp) ? 2 : 1);
    return width;
}

std::string encodeUtf8(char32_t cp) {
    std::string out;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

double estimateTextWidth(char32_t cp, double fontSize) {
    return isZeroWidth(cp) ? 0.0 : (isWide(cp) ? 1.0 : 0.58) * fontSize;
}

double estimateTextWidth(std::string_view utf8, double fontSize) {
    double width = 0;
    for (char32_t cp : decodeUtf8(utf8)) width += estimateTextWidth(cp, fontSize);
    return width;
}

std::size_t editDistance(std::string_view a, std::string_view b) {
    return boundedEditDistance(a, b, std::max(a.size(), b.size()));
}

std::size_t boundedEditDistance(std::string_view a, std::string_view b, std::size_t limit) {
    if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
    std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        std::size_t rowMinimum = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
            rowMinimum = std::min(rowMinimum, current[j]);
        }
        if (rowMinimum > limit) return limit + 1;  // every later row is at least as far
        std::swap(previous, current);
    }
    return std::min(previous[b.size()], limit + 1);
}

namespace {
// A lower bound of the edit distance from the letters alone (each edit changes at most one letter
// count up and one down): rules out most candidates in O(length) before the quadratic comparison.
// `counts` holds the word's letter counts and is restored before returning.
std::size_t letterBound(std::array<int, 256>& counts, std::size_t wordLength, std::string_view candidate) {
    std::size_t shared = 0;
    for (char c : candidate)
        if (counts[static_cast<unsigned char>(c)]-- > 0) ++shared;
    for (char c : candidate) ++counts[static_cast<unsigned char>(c)];
    return std::max(wordLength - shared, candidate.size() - shared);
}
}  // namespace

std::string nearestId(std::string_view word, const std::vector<std::string>& candidates) {
    // Bounded work (a file full of misspelt, very long ids must not take minutes): long words get no
    // suggestion, and only the first kMaxSuggestCandidates candidates of a plausible length are compared.
    if (word.size() > kMaxSuggestLength) return {};
    // A typo is at most a third of the word (at least one edit), and never the whole word.
    std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
    std::size_t best = limit + 1, compared = 0;
    std::string bestId;
    std::array<int, 256> wordCounts{};
    for (char c : word) ++wordCounts[static_cast<unsigned char>(c)];
    for (const auto& candidate : candidates) {
        if (candidate.size() > word.size() + limit || word.size() > candidate.size() + limit) continue;
        if (letterBound(wordCounts, word.size(), candidate) > limit) continue;
        if (++compared > kMaxSuggestCandidates) break;
        std::size_t d = boundedEditDistance(word, candidate, std::min(limit, best));
        if (d < best || (d == best && d <= limit && candidate < bestId)) {
            best = d;
            bestId = candidate;
        }
    }
    if (best <= limit && best < word.size()) return bestId;
    // A cut-off word ("lead" for "leader", "up" for "upstream") is a likely typo too.
    if (word.size() >= 2)
        for (const auto& candidate : candidates)
            if (candidate.rfind(word, 0) == 0) return candidate;
    return {};
}

std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates) {
    std::string nearest = nearestId(word, candidates);
    return nearest.empty() ? std::string() : " (did you mean \"" + nearest + "\"?)";
}

bool isValidId(std::string_view id) {
    if (id.empty()) return false;
    auto lowerOrDigit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    if (!lowerOrDigit(id[0])) return false;
    return std::all_of(id.begin() + 1, id.end(),
                       [&](char c) { return lowerOrDigit(c) || c == '.' || c == '_' || c == '-'; });
}

namespace {
// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
bool isXmlChar(char32_t cp) {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
           (cp >= 0x10000 && cp <= 0x10FFFF);
}
}  // namespace

namespace {
// Calls visit(codePoint, bytes, valid) for each UTF-8 sequence; a byte that is not UTF-8 comes alone, not valid.
template <typename Visit>
void forEachSequence(std::string_view text, Visit visit) {
    std::size_t i = 0;
    while (i < text.size()) {
        char32_t cp = 0;
        std::size_t n = sequenceLength(text, i, &cp);
        bool valid = n != 0;
        if (!valid) cp = static_cast<unsigned char>(text[i]), n = 1;
        visit(cp, text.substr(i, n), valid);
        i += n;
    }
}
}  // namespace

std::string escapeXml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    forEachSequence(text, [&](char32_t cp, std::string_view bytes, bool valid) {
        switch (cp) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                // Characters XML 1.0 forbids (controls, U+FFFE, U+FFFF) become a space or U+FFFD; CR too
                // (a parser would turn it into a newline). A byte that is not UTF-8 becomes U+FFFD, and so
                // does any noncharacter: librsvg hands text to cairo, which refuses to draw one.
                if (cp < 0x20 && cp != '\t' && cp != '\n') out += ' ';
                else if (!valid || !isXmlChar(cp) || isNoncharacter(cp)) out += encodeUtf8(0xFFFD);
                else out.append(bytes);
        }
    });
    return out;
}

bool isNoncharacter(char32_t cp) { return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE; }

std::string drawableText(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    forEachSequence(text, [&](char32_t cp, std::string_view bytes, bool valid) {
        if (cp == '\r') {  // CRLF and a lone CR are line breaks: one LF
            if (bytes.data() + 1 == text.data() + text.size() || bytes.data()[1] != '\n') out += '\n';
            return;
        }
        bool control = (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
        if (!valid || control || isNoncharacter(cp)) out += encodeUtf8(0xFFFD);
        else out.append(bytes);
    });
    return out;
}

std::string shortenForDrawing(std::string_view text, std::size_t maxCharacters) {
    if (maxCharacters == 0) return {};
    std::size_t characters = 0, i = 0;
    while (i < text.size()) {
        if (characters == maxCharacters) {
            // Cut one character earlier, so that the ellipsis stays within the limit.
            std::size_t cut = i;
            do --cut;
            while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80);
            return std::string(text.substr(0, cut)) + "…";
        }
        ++characters;
        ++i;
        while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    }
    return std::string(text);
}

void appendCsvCell(std::string& out, std::string_view text) {
    // Most cells hold no control character (C0, DEL, or C1, which UTF-8 writes after a 0xC2 byte): they skip
    // the copy escapeControls makes (a 100k-firm target list has a million cells).
    bool plain = std::none_of(text.begin(), text.end(), [](char c) {
        auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7F || byte == 0xC2;
    });
    std::string copy = plain ? std::string() : escapeControls(text, true);
    std::string_view escaped = plain ? text : std::string_view(copy);
    bool formula = !escaped.empty() && std::string_view("=+-@\t\r").find(escaped[0]) != std::string_view::npos;
    bool quoted = escaped.find_first_of(",\"\n\r") != std::string_view::npos;
    if (quoted) out.push_back('"');
    if (formula) out.push_back('\'');
    for (char c : escaped) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    if (quoted) out.push_back('"');
}

std::string csvCell(std::string_view text) {
    std::string out;
    appendCsvCell(out, text);
    return out;
}

std::string escapeControls(std::string_view text, bool keepNewlines) {
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    forEachSequence(text, [&](char32_t cp, std::string_view bytes, bool valid) {
        bool control = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || !valid;
        if (control && !(keepNewlines && cp == '\n')) {
            out += "\\x";
            out += hex[(cp >> 4) & 0xF];
            out += hex[cp & 0xF];
        } else {
            out.append(bytes);
        }
    });
    return out;
}

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string todayIso() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &local);
    return buffer;
}

bool startsAsUtf16(std::string_view text) { return text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF"; }

std::string_view withoutUtf8Bom(std::string_view text) {
    return text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text;
}

}  // namespace chainatlas
