// A folder of CSV files (as exported from a database) turned into a chainatlas/1 document: the validating
// reader, whose diagnostics name file, line and column. Each file has a header row; the columns are listed in
// csv_spec.hpp. Lists inside a cell use ';'. Valid folders usually take the fast path (csv_fast.cpp) instead.
#include "chainatlas/csv.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>

#include "chainatlas/file_io.hpp"
#include "chainatlas/text.hpp"
#include "csv_spec.hpp"

namespace chainatlas {

namespace csv {

std::string_view trim(std::string_view s) {
    // Loops rather than find_first_not_of(" \t"), which calls memchr on the set for every byte.
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::pair<std::string, std::string> chainIdAndName(const std::string& folder) {
    namespace fs = std::filesystem;
    std::string folderName = fs::path(folder).lexically_normal().filename().string();
    if (folderName.empty() || folderName == ".")
        folderName = fs::path(folder).lexically_normal().parent_path().filename().string();
    std::string chainId;
    for (char c : folderName) chainId += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return {isValidId(chainId) ? chainId : "chain", folderName};
}

std::optional<std::string> decodeFile(const std::string& folder, const FileSpec& spec,
                                      std::vector<Diagnostic>& diagnostics) {
    std::string label = (std::filesystem::path(folder) / spec.file).string();
    auto text = readWholeFile(label);
    if (!text && text.error() == "no such file") {
        if (spec.required) diagnostics.push_back({Severity::Error, label, "", "missing required file"});
        return std::nullopt;
    }
    if (!text) {
        diagnostics.push_back({Severity::Error, label, "", text.error()});
        return std::nullopt;
    }
    if (startsAsUtf16(*text)) {
        diagnostics.push_back(
            {Severity::Error, label, "1:1", "the file is UTF-16 (Excel's \"Unicode text\"): save it as \"CSV UTF-8\""});
        return std::nullopt;
    }
    text->erase(0, text->size() - withoutUtf8Bom(*text).size());
    if (std::size_t bad = findInvalidUtf8(*text); bad != std::string_view::npos) {
        LineColumn at = lineColumnAt(*text, bad);
        diagnostics.push_back({Severity::Error, label, std::to_string(at.line) + ":" + std::to_string(at.column),
                               "invalid UTF-8 byte sequence"});
        return std::nullopt;
    }
    // The rule the JSON loader applies: no control byte but tab and line breaks (a NUL in a name would cut it
    // short wherever it is handed on as a C string).
    auto control = std::find_if(text->begin(), text->end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r';
    });
    if (control != text->end()) {
        auto offset = static_cast<std::size_t>(control - text->begin());
        LineColumn at = lineColumnAt(*text, offset);
        diagnostics.push_back({Severity::Error, label, std::to_string(at.line) + ":" + std::to_string(at.column),
                               "binary data (control byte " + std::to_string(static_cast<unsigned char>(*control)) +
                                   "): this is not a CSV text"});
        return std::nullopt;
    }
    return std::move(*text);
}

bool isReservedKey(const FileSpec& spec, std::string_view key) {
    if (std::string_view(spec.array) == "firms" && key == "sites") return true;
    for (const Column& column : spec.columns) {
        std::string_view path = column.path;
        if (path.empty()) continue;
        path.remove_prefix(1);
        if (path.substr(0, path.find('/')) == key) return true;
    }
    return false;
}

const Column* columnNamed(const FileSpec& spec, std::string_view header) {
    const Column* match = nullptr;
    for (const Column& column : spec.columns)
        if (header == column.header) match = &column;
    return match;
}

}  // namespace csv

namespace {

using nlohmann::json;
using namespace csv;

struct Field {
    std::string text;
    std::size_t column = 1;
};
struct Row {
    std::size_t line = 1;
    std::vector<Field> fields;
};

// RFC 4180 records; quoted fields may hold commas, quotes ("") and line breaks.
std::vector<Row> parseCsv(std::string_view text, std::vector<std::string>& problems) {
    std::vector<Row> rows;
    std::size_t i = 0, line = 1, column = 1;
    // Moves past text[i]: LF, CRLF and a lone CR each end a line (lineColumnAt counts the same way).
    auto advanceAt = [&](std::size_t at) {
        char c = text[at];
        bool loneCr = c == '\r' && (at + 1 >= text.size() || text[at + 1] != '\n');
        if (c == '\n' || loneCr) {
            ++line;
            column = 1;
        } else if (c != '\r' && (static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++column;
        }
    };
    auto advance = [&] { advanceAt(i++); };
    while (i < text.size()) {
        Row row;
        row.line = line;
        bool endOfRow = false;
        while (!endOfRow) {
            Field field;
            field.column = column;
            if (i < text.size() && text[i] == '"') {
                std::size_t openLine = line, openColumn = column;
                advance();
                bool closed = false;
                while (i < text.size()) {
                    char c = text[i];
                    if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                        field.text += '"';
                        advance();
                        advance();
                    } else if (c == '"') {
                        advance();
                        closed = true;
                        break;
                    } else {
                        field.text += c;
                        advance();
                    }
                }
                if (!closed)
                    problems.push_back(std::to_string(openLine) + ":" + std::to_string(openColumn) +
                                       ": quoted field is never closed");
            }
            while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                field.text += text[i];
                advance();
            }
            row.fields.push_back(std::move(field));
            if (i >= text.size()) {
                endOfRow = true;
            } else if (text[i] == ',') {
                advance();
            } else {
                if (text[i] == '\r') advance();
                if (i < text.size() && text[i] == '\n') advance();
                endOfRow = true;
            }
        }
        bool blank = row.fields.size() == 1 && row.fields[0].text.empty();
        if (!blank) rows.push_back(std::move(row));
    }
    return rows;
}

// A cell's value; an unreadable number stays a string so the validator reports it in place.
json cellValue(const std::string& raw, Cell kind) {
    std::string text(trim(raw));
    switch (kind) {
        case Cell::Number: {
            double value = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec == std::errc() && end == text.data() + text.size()) return value;
            if (ec == std::errc::result_out_of_range) return std::numeric_limits<double>::infinity();
            return text;
        }
        case Cell::Integer: {
            long long value = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec == std::errc() && end == text.data() + text.size()) return value;
            return text;  // the validator says what a year must be
        }
        case Cell::Bool:
            if (text == "true" || text == "1" || text == "yes") return true;
            if (text == "false" || text == "0" || text == "no") return false;
            return text;
        case Cell::List: {
            json list = json::array();
            std::size_t start = 0;
            while (start <= text.size()) {
                std::size_t end = text.find(';', start);
                std::string item(
                    trim(std::string_view(text).substr(start, end == std::string::npos ? end : end - start)));
                if (!item.empty()) list.push_back(item);
                if (end == std::string::npos) break;
                start = end + 1;
            }
            return list;
        }
        case Cell::Text: break;
    }
    return text;
}

// Header: which spec column each CSV column is (null: an extra column, kept as an extra key unless it
// clashes with a key the file fills, which is reported at its place).
std::vector<const Column*> readHeader(const FileSpec& spec, const Row& header, const std::string& label,
                                      std::vector<Diagnostic>& diagnostics) {
    std::vector<const Column*> byPosition;
    for (const Field& field : header.fields) {
        std::string name(trim(field.text));
        const Column* match = columnNamed(spec, name);
        if (!match && isReservedKey(spec, name)) {
            diagnostics.push_back({Severity::Error, label, "1:" + std::to_string(field.column),
                                   "column \"" + name + "\" is not a column of " + spec.file +
                                       " (it would clash with the values of other columns)"});
        }
        byPosition.push_back(match);
    }
    if (!byPosition[0])
        diagnostics.push_back(
            {Severity::Warning, label, "1:1", "first column \"" + header.fields[0].text + "\" is not a known column"});
    return byPosition;
}

// One file's rows, from its text: its CSV problems (an unclosed quote) become diagnostics.
std::vector<Row> readRows(std::string_view body, const std::string& label, std::vector<Diagnostic>& diagnostics) {
    std::vector<std::string> problems;
    std::vector<Row> rows = parseCsv(body, problems);
    for (const auto& problem : problems) {
        std::size_t colon = problem.find(": ");
        diagnostics.push_back({Severity::Error, label, problem.substr(0, colon), problem.substr(colon + 2)});
    }
    if (rows.empty()) diagnostics.push_back({Severity::Error, label, "1:1", "empty file: expected a header row"});
    return rows;
}

// Puts each row's object into the document, where its file says; remembers where each came from.
class RowPlacer {
public:
    explicit RowPlacer(CsvDocument& out) : out_(out) {}
    void placeFile(const FileSpec& spec, const std::vector<Row>& rows, const std::string& label) {
        std::vector<const Column*> byPosition = readHeader(spec, rows[0], label, out_.diagnostics);
        for (std::size_t r = 1; r < rows.size(); ++r) placeRow(spec, byPosition, rows, r, label);
    }

private:
    CsvDocument& out_;
    std::unordered_map<std::string, std::size_t> firmPosition_;
    std::vector<std::string> firmIds_;  // for "did you mean", in a fixed order
    int suggestionsLeft_ = kMaxSuggestionsPerFile;

    struct SiteFirm {
        std::string id;
        std::size_t column = 1;
    };
    json rowObject(const FileSpec& spec, const std::vector<const Column*>& byPosition, const std::vector<Row>& rows,
                   std::size_t r, const std::string& label, CsvRowOrigin& origin, SiteFirm& firm);
    void placeRow(const FileSpec& spec, const std::vector<const Column*>& byPosition, const std::vector<Row>& rows,
                  std::size_t r, const std::string& label);
    json* siteList(const Row& row, const SiteFirm& firm, const std::string& label, std::string& pointer);
};

json RowPlacer::rowObject(const FileSpec& spec, const std::vector<const Column*>& byPosition,
                          const std::vector<Row>& rows, std::size_t r, const std::string& label, CsvRowOrigin& origin,
                          SiteFirm& firm) {
    const Row& row = rows[r];
    json object = json::object();
    for (std::size_t c = 0; c < row.fields.size(); ++c) {
        const Field& field = row.fields[c];
        if (c >= byPosition.size()) {
            out_.diagnostics.push_back({Severity::Error, label,
                                        std::to_string(row.line) + ":" + std::to_string(field.column),
                                        "more fields than the header has columns"});
            break;
        }
        const Column* column = byPosition[c];
        if (!column) {
            std::string key(trim(rows[0].fields[c].text));
            if (!isReservedKey(spec, key)) object[key] = field.text;
            continue;
        }
        if (std::string_view(column->path).empty()) {  // the site's firm: decides where the row goes
            firm = {std::string(trim(field.text)), field.column};
            continue;
        }
        if (trim(field.text).empty() && column->kind != Cell::List) continue;  // empty cell = absent
        if (trim(field.text).empty() && std::string_view(column->path) != "/segments") continue;
        object[json::json_pointer(column->path)] = cellValue(field.text, column->kind);
        origin.columns.emplace_back(column->path, field.column);
    }
    return object;
}

// The sites array of the row's firm (null, with a diagnostic, for an unknown firm) and the new site's pointer.
json* RowPlacer::siteList(const Row& row, const SiteFirm& firm, const std::string& label, std::string& pointer) {
    auto found = firmPosition_.find(firm.id);
    if (found == firmPosition_.end()) {
        if (firmIds_.size() != firmPosition_.size()) {  // listed once, not once per unknown firm
            firmIds_.clear();
            for (const auto& [id, position] : firmPosition_) firmIds_.push_back(id);
            std::sort(firmIds_.begin(), firmIds_.end());
        }
        out_.diagnostics.push_back(
            {Severity::Error, label, std::to_string(row.line) + ":" + std::to_string(firm.column),
             "unknown firm \"" + firm.id + "\"" + (suggestionsLeft_-- > 0 ? didYouMean(firm.id, firmIds_) : "")});
        return nullptr;
    }
    json& sites = out_.document["firms"][found->second]["sites"];
    if (sites.is_null()) sites = json::array();
    pointer = "/firms/" + std::to_string(found->second) + "/sites/" + std::to_string(sites.size());
    return &sites;
}

void RowPlacer::placeRow(const FileSpec& spec, const std::vector<const Column*>& byPosition,
                         const std::vector<Row>& rows, std::size_t r, const std::string& label) {
    CsvRowOrigin origin{spec.file, rows[r].line, {}};
    SiteFirm firm;
    json object = rowObject(spec, byPosition, rows, r, label, origin, firm);
    std::string pointer;
    if (std::string_view(spec.array) == "sites") {
        json* sites = siteList(rows[r], firm, label, pointer);
        if (!sites) return;
        sites->push_back(std::move(object));
    } else {
        json& array = out_.document[spec.array];
        pointer = std::string("/").append(spec.array).append("/").append(std::to_string(array.size()));
        if (std::string_view(spec.array) == "firms" && object.contains("id") && object["id"].is_string())
            firmPosition_.emplace(object["id"].get<std::string>(), array.size());
        array.push_back(std::move(object));
    }
    out_.origins.emplace(pointer, std::move(origin));
}

}  // namespace

CsvDocument readCsvFolder(const std::string& folder) {
    CsvDocument out;
    auto [chainId, chainName] = chainIdAndName(folder);
    out.document = {{"format", "chainatlas/1"}, {"chain", {{"id", chainId}, {"name", chainName}}}};
    for (const char* key : {"sources", "stages", "segments", "links", "regions", "firms", "supplies"})
        out.document[key] = json::array();
    RowPlacer placer(out);
    for (const FileSpec& spec : specs()) {
        std::optional<std::string> text = decodeFile(folder, spec, out.diagnostics);
        if (!text) continue;
        std::string label = (std::filesystem::path(folder) / spec.file).string();
        std::vector<Row> rows = readRows(*text, label, out.diagnostics);
        if (!rows.empty()) placer.placeFile(spec, rows, label);
    }
    return out;
}

}  // namespace chainatlas
