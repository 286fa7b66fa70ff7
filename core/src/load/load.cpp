// Reading chain files: checks that the bytes are sane UTF-8 JSON of bounded depth before parsing,
// then hands the document to the validator. CSV folders go through readCsvFolder first.
#include "chainatlas/load/load.hpp"

#include <filesystem>
#include <functional>

#include "chainatlas/base/file_io.hpp"
#include "chainatlas/base/text.hpp"
#include "chainatlas/load/csv.hpp"
#include "chainatlas/load/fast_load.hpp"
#include "load/csv_spec.hpp"
#include "load/json_scan.hpp"

namespace chainatlas {

namespace {

std::string lineColumn(std::string_view text, std::size_t offset) {
    LineColumn at = lineColumnAt(text, offset);
    return std::to_string(at.line) + ":" + std::to_string(at.column);
}

// Problems that must be caught before nlohmann::json sees the text; empty when the text may be parsed.
std::optional<Diagnostic> precheck(std::string_view text, const std::string& file, const char* expected) {
    if (startsAsUtf16(text))
        return Diagnostic{Severity::Error, file, "1:1",
                          "the file is UTF-16 (as some Windows programs save \"Unicode\" text): save it as UTF-8"};
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return Diagnostic{Severity::Error, file, "1:1", std::string("empty file: expected ") + expected};
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f'))
            return Diagnostic{Severity::Error, file, lineColumn(text, i),
                              "binary data (control byte " + std::to_string(c) + "): this is not a JSON text"};
    }
    if (std::size_t bad = findInvalidUtf8(text); bad != std::string_view::npos)
        return Diagnostic{Severity::Error, file, lineColumn(text, bad), "invalid UTF-8 byte sequence"};
    // Nesting depth, outside strings: refuse absurd depth before any recursive code runs.
    std::size_t tooDeep = detail::firstBeyondDepth(text, kMaxJsonDepth);
    if (tooDeep != std::string_view::npos)
        return Diagnostic{Severity::Error, file, lineColumn(text, tooDeep),
                          "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels"};
    return std::nullopt;
}

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." -> "syntax error ..."
std::string parseErrorReason(const std::string& what) {
    std::size_t colon = what.find(": ");
    std::string reason = colon == std::string::npos ? what : what.substr(colon + 2);
    if (reason.find("unexpected end of input") != std::string::npos) reason += " (is the file truncated?)";
    return reason;
}

bool isNumberCharacter(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Where the number `literal` first stands as a value: outside strings, not part of a longer number (the
// same digits inside a note are text, not the number that overflowed).
std::size_t numberOffset(std::string_view text, std::string_view literal) {
    std::size_t at = detail::firstOutsideStrings(text, [&](std::size_t i) {
        return text.substr(i, literal.size()) == literal && (i == 0 || !isNumberCharacter(text[i - 1])) &&
               (i + literal.size() == text.size() || !isNumberCharacter(text[i + literal.size()]));
    });
    return at == std::string_view::npos ? 0 : at;
}

// Positions in a CSV-born document are translated back to the CSV file, line and column.
void relocate(std::vector<Diagnostic>& diagnostics, const CsvDocument& csv, const std::string& folder) {
    for (auto& d : diagnostics) {
        std::string prefix = d.location;
        while (!prefix.empty()) {
            auto found = csv.origins.find(prefix);
            if (found != csv.origins.end()) {
                const CsvRowOrigin& row = found->second;
                std::string rest = d.location.substr(prefix.size());
                std::size_t column = 1, bestLength = 0;
                for (const auto& [path, col] : row.columns) {
                    bool matches = rest.rfind(path, 0) == 0 && (rest.size() == path.size() || rest[path.size()] == '/');
                    if (matches && path.size() > bestLength) {
                        bestLength = path.size();
                        column = col;
                    }
                }
                d.file = row.file;
                d.location = csv::cellLocation(row.sheet, row.line, column);
                break;
            }
            std::size_t slash = prefix.rfind('/');
            prefix.resize(slash == std::string::npos ? 0 : slash);  // a location without "/" ends the search
        }
        if (prefix.empty()) d.file = folder;
    }
}

std::string_view withoutByteOrderMark(std::string_view text) {
    text = withoutUtf8Bom(text);
    return text;
}

}  // namespace

std::optional<Diagnostic> parseJsonText(std::string_view text, const std::string& fileLabel, nlohmann::json& document,
                                        const char* expected) {
    if (auto problem = precheck(text, fileLabel, expected)) return problem;
    try {
        document = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        return Diagnostic{Severity::Error, fileLabel, lineColumn(text, offset), parseErrorReason(e.what())};
    } catch (const nlohmann::json::exception& e) {
        // Number overflow ("1e999") has no byte position: find the literal it names.
        std::string what = e.what();
        std::size_t open = what.find('\''), close = what.rfind('\'');
        std::string literal = open != std::string::npos && close > open ? what.substr(open + 1, close - open - 1) : "";
        if (literal.empty()) return Diagnostic{Severity::Error, fileLabel, "1:1", parseErrorReason(what)};
        return Diagnostic{Severity::Error, fileLabel, lineColumn(text, numberOffset(text, literal)),
                          "number " + literal + " is out of range (not a finite number)"};
    }
    return std::nullopt;
}

LoadResult validateChainText(std::string_view text, const std::string& fileLabel) {
    LoadResult result;
    nlohmann::json document;
    if (auto problem = parseJsonText(text, fileLabel, document, "a chainatlas/1 JSON object")) {
        result.diagnostics.push_back(*problem);
        return result;
    }
    try {
        return chainFromJson(document, fileLabel);
    } catch (const nlohmann::json::exception& e) {
        // The validator checks types before reading them; reaching this is a bug, still reported as data.
        result.diagnostics.push_back({Severity::Error, fileLabel, "/", std::string("unexpected value: ") + e.what()});
        return result;
    }
}

LoadResult loadChainText(std::string_view text, const std::string& fileLabel) {
    text = withoutByteOrderMark(text);
    if (auto chain = fastChainFromJson(text)) return LoadResult{std::move(chain), {}};
    return validateChainText(text, fileLabel);
}

namespace {

// The validating path for tables (a CSV folder or a workbook): their own problems first, then the validator's
// with each JSON pointer turned back into the file and cell it came from.
LoadResult validateTables(const std::function<CsvDocument()>& read, const std::string& path) {
    try {
        CsvDocument csv = read();
        if (hasErrors(csv.diagnostics)) return LoadResult{std::nullopt, csv.diagnostics};
        LoadResult result = chainFromJson(csv.document, path);
        relocate(result.diagnostics, csv, path);
        result.diagnostics.insert(result.diagnostics.begin(), csv.diagnostics.begin(), csv.diagnostics.end());
        return result;
    } catch (const nlohmann::json::exception& e) {
        // Columns are checked before they are stored; reaching this is a bug, still reported as data.
        return LoadResult{std::nullopt, {{Severity::Error, path, "", std::string("unexpected value: ") + e.what()}}};
    }
}

LoadResult loadCsvFolder(const std::string& path) {
    if (auto chain = fastChainFromCsvFolder(path)) return LoadResult{std::move(chain), {}};
    return validateCsvFolder(path);
}

LoadResult loadWorkbook(const std::string& path) {
    auto bytes = readWholeFile(path);
    if (!bytes) return LoadResult{std::nullopt, {{Severity::Error, path, "", bytes.error().message, ProblemKind::Io}}};
    return loadWorkbookBytes(*bytes, path);
}

}  // namespace

LoadResult validateCsvFolder(const std::string& folder) {
    return validateTables([&] { return readCsvFolder(folder); }, folder);
}

LoadResult validateWorkbookBytes(std::string_view bytes, const std::string& label) {
    return validateTables([&] { return readWorkbookBytes(bytes, label); }, label);
}

LoadResult loadWorkbookBytes(std::string_view bytes, const std::string& label) {
    if (auto chain = fastChainFromWorkbook(bytes, label)) return LoadResult{std::move(chain), {}};
    return validateWorkbookBytes(bytes, label);
}

bool isWorkbookPath(const std::string& path) {
    std::string extension = std::filesystem::path(path).extension().string();
    for (char& c : extension) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return extension == ".xlsx";
}

// The file goes through readFileText's checks (regular files only, size cap, "-" for standard input);
// then the fast path, then (when it declines) the validating path, as loadChainText.
LoadResult loadChainFile(const std::string& path) {
    std::error_code ec;
    if (path != "-" && std::filesystem::is_directory(path, ec)) return loadCsvFolder(path);
    if (isWorkbookPath(path)) return loadWorkbook(path);
    auto text = readFileText(path, fastLoadPadding());
    if (!text) {
        // The file itself could not be read (missing, a pipe, too large): not invalid data.
        return LoadResult{std::nullopt, {{Severity::Error, path, "", text.error().message, ProblemKind::Io}}};
    }
    // The fast path reads in blocks past the end: the file is mapped with zero pages after it, so the 56 MB
    // of a national file are neither copied nor backed by fresh memory (issue 26).
    std::string_view view = withoutByteOrderMark(text->view());
    if (auto chain = fastChainFromPaddedJson(view)) return LoadResult{std::move(chain), {}};
    return validateChainText(view, path);
}

}  // namespace chainatlas
