// A folder of CSV files (as exported from a database) turned into a chainatlas/1 document.
// Each file has a header row; the columns are listed in kSpecs. Lists inside a cell use ';'.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>

#include "chainatlas/file_io.hpp"
#include "chainatlas/load.hpp"
#include "chainatlas/text.hpp"

namespace chainatlas {

namespace {

using nlohmann::json;

enum class Cell { Text, Number, Bool, List };

struct Column {
    const char* header;
    const char* path;  // JSON path inside the row's object
    Cell kind;
};

struct FileSpec {
    const char* file;
    const char* array;  // top-level array the rows go to ("sites" rows go into their firm)
    bool required;
    std::vector<Column> columns;
};

const std::vector<FileSpec>& specs() {
    static const std::vector<FileSpec> all = {
        {"sources.csv",
         "sources",
         false,
         {{"id", "/id", Cell::Text},
          {"title", "/title", Cell::Text},
          {"url", "/url", Cell::Text},
          {"accessed", "/accessed", Cell::Text}}},
        {"stages.csv",
         "stages",
         false,
         {{"id", "/id", Cell::Text}, {"name_zh", "/name/zh", Cell::Text}, {"name_en", "/name/en", Cell::Text}}},
        {"segments.csv",
         "segments",
         true,
         {{"id", "/id", Cell::Text},
          {"name_zh", "/name/zh", Cell::Text},
          {"name_en", "/name/en", Cell::Text},
          {"stage", "/stage", Cell::Text},
          {"tech", "/metrics/tech", Cell::Number},
          {"profit", "/metrics/profit", Cell::Number},
          {"growth", "/metrics/growth", Cell::Number},
          {"pollution", "/metrics/pollution", Cell::Number},
          {"energy", "/metrics/energy", Cell::Number},
          {"land", "/metrics/land", Cell::Number},
          {"division", "/division", Cell::Text},
          {"sources", "/sources", Cell::List}}},
        {"links.csv", "links", false, {{"from", "/from", Cell::Text}, {"to", "/to", Cell::Text}}},
        {"regions.csv",
         "regions",
         true,
         {{"id", "/id", Cell::Text},
          {"name_zh", "/name/zh", Cell::Text},
          {"name_en", "/name/en", Cell::Text},
          {"lon", "/lon", Cell::Number},
          {"lat", "/lat", Cell::Number}}},
        {"firms.csv",
         "firms",
         true,
         {{"id", "/id", Cell::Text},
          {"name_zh", "/name/zh", Cell::Text},
          {"name_en", "/name/en", Cell::Text},
          {"leader", "/leader", Cell::Bool},
          {"tech", "/metrics/tech", Cell::Number},
          {"profit", "/metrics/profit", Cell::Number},
          {"growth", "/metrics/growth", Cell::Number},
          {"pollution", "/metrics/pollution", Cell::Number},
          {"energy", "/metrics/energy", Cell::Number},
          {"land", "/metrics/land", Cell::Number},
          {"sources", "/sources", Cell::List}}},
        {"sites.csv",
         "sites",
         false,
         {{"firm", "", Cell::Text},
          {"region", "/region", Cell::Text},
          {"segments", "/segments", Cell::List},
          {"output", "/output", Cell::Number},
          {"confidence", "/confidence", Cell::Text}}},
        {"supplies.csv",
         "supplies",
         false,
         {{"from", "/from", Cell::Text},
          {"to", "/to", Cell::Text},
          {"segment", "/segment", Cell::Text},
          {"confidence", "/confidence", Cell::Text}}},
        {"resources.csv",
         "resources",
         false,
         {{"id", "/id", Cell::Text},
          {"name_zh", "/name/zh", Cell::Text},
          {"name_en", "/name/en", Cell::Text},
          {"kind", "/kind", Cell::Text},
          {"region", "/region", Cell::Text},
          {"segments", "/segments", Cell::List},
          {"sources", "/sources", Cell::List},
          {"confidence", "/confidence", Cell::Text},
          {"note", "/note", Cell::Text}}},
        {"ties.csv",
         "ties",
         false,
         {{"resource", "/resource", Cell::Text},
          {"firm", "/firm", Cell::Text},
          {"kind", "/kind", Cell::Text},
          {"confidence", "/confidence", Cell::Text}}},
    };
    return all;
}

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
    auto advance = [&](char c) {
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++column;
    };
    while (i < text.size()) {
        Row row;
        row.line = line;
        bool endOfRow = false;
        while (!endOfRow) {
            Field field;
            field.column = column;
            if (i < text.size() && text[i] == '"') {
                std::size_t openLine = line, openColumn = column;
                advance(text[i++]);
                bool closed = false;
                while (i < text.size()) {
                    char c = text[i];
                    if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                        field.text += '"';
                        advance(text[i++]);
                        advance(text[i++]);
                    } else if (c == '"') {
                        advance(text[i++]);
                        closed = true;
                        break;
                    } else {
                        field.text += c;
                        advance(text[i++]);
                    }
                }
                if (!closed)
                    problems.push_back(std::to_string(openLine) + ":" + std::to_string(openColumn) +
                                       ": quoted field is never closed");
            }
            while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                field.text += text[i];
                advance(text[i++]);
            }
            row.fields.push_back(std::move(field));
            if (i >= text.size()) {
                endOfRow = true;
            } else if (text[i] == ',') {
                advance(text[i++]);
            } else {
                if (text[i] == '\r') ++i;
                if (i < text.size() && text[i] == '\n') advance(text[i++]);
                endOfRow = true;
            }
        }
        bool blank = row.fields.size() == 1 && row.fields[0].text.empty();
        if (!blank) rows.push_back(std::move(row));
    }
    return rows;
}

std::string trim(const std::string& s) {
    std::size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// A cell's value; an unreadable number stays a string so the validator reports it in place.
json cellValue(const std::string& raw, Cell kind) {
    std::string text = trim(raw);
    switch (kind) {
        case Cell::Number: {
            double value = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec == std::errc() && end == text.data() + text.size()) return value;
            if (ec == std::errc::result_out_of_range) return std::numeric_limits<double>::infinity();
            return text;
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
                std::string item = trim(text.substr(start, end == std::string::npos ? end : end - start));
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

// The JSON keys a file's rows fill from its own columns ("name" from name_zh, "metrics" from tech, ...)
// and that the loader adds ("sites" of a firm): an extra column of that name would clash with them.
bool isReservedKey(const FileSpec& spec, const std::string& key) {
    if (std::string(spec.array) == "firms" && key == "sites") return true;
    for (const Column& column : spec.columns) {
        std::string_view path = column.path;
        if (path.empty()) continue;
        path.remove_prefix(1);
        if (path.substr(0, path.find('/')) == key) return true;
    }
    return false;
}

// Header: which spec column each CSV column is (null: an extra column, kept as an extra key unless it
// clashes with a key the file fills, which is reported at its place).
std::vector<const Column*> readHeader(const FileSpec& spec, const Row& header, const std::string& label,
                                      std::vector<Diagnostic>& diagnostics) {
    std::vector<const Column*> byPosition;
    for (const Field& field : header.fields) {
        std::string name = trim(field.text);
        const Column* match = nullptr;
        for (const Column& column : spec.columns)
            if (name == column.header) match = &column;
        if (!match && isReservedKey(spec, name)) {
            diagnostics.push_back({Severity::Error, label, "1:" + std::to_string(field.column),
                                   "column \"" + name + "\" is not a column of " + spec.file +
                                       " (it would clash with the values of other columns)"});
        }
        byPosition.push_back(match);
    }
    return byPosition;
}

}  // namespace

CsvDocument readCsvFolder(const std::string& folder) {
    namespace fs = std::filesystem;
    CsvDocument out;
    json& doc = out.document;
    std::string folderName = fs::path(folder).lexically_normal().filename().string();
    if (folderName.empty() || folderName == ".")
        folderName = fs::path(folder).lexically_normal().parent_path().filename().string();
    std::string chainId;
    for (char c : folderName) chainId += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    doc = {{"format", "chainatlas/1"},
           {"chain", {{"id", isValidId(chainId) ? chainId : "chain"}, {"name", folderName}}}};
    for (const char* key : {"sources", "stages", "segments", "links", "regions", "firms", "supplies"})
        doc[key] = json::array();
    std::unordered_map<std::string, std::size_t> firmPosition;
    std::vector<std::string> firmIds;  // for "did you mean", in a fixed order
    int suggestionsLeft = kMaxSuggestionsPerFile;

    for (const FileSpec& spec : specs()) {
        fs::path path = fs::path(folder) / spec.file;
        std::string label = path.string();
        auto text = readWholeFile(label);
        if (!text && text.error() == "no such file") {
            if (spec.required) out.diagnostics.push_back({Severity::Error, label, "", "missing required file"});
            continue;
        }
        if (!text) {
            out.diagnostics.push_back({Severity::Error, label, "", text.error()});
            continue;
        }
        std::string_view body = *text;
        if (startsAsUtf16(body)) {
            out.diagnostics.push_back({Severity::Error, label, "1:1",
                                       "the file is UTF-16 (Excel's \"Unicode text\"): save it as \"CSV UTF-8\""});
            continue;
        }
        body = withoutUtf8Bom(body);
        if (std::size_t bad = findInvalidUtf8(body); bad != std::string_view::npos) {
            LineColumn at = lineColumnAt(body, bad);
            out.diagnostics.push_back({Severity::Error, label,
                                       std::to_string(at.line) + ":" + std::to_string(at.column),
                                       "invalid UTF-8 byte sequence"});
            continue;
        }
        std::vector<std::string> problems;
        std::vector<Row> rows = parseCsv(body, problems);
        for (const auto& problem : problems) {
            std::size_t colon = problem.find(": ");
            out.diagnostics.push_back({Severity::Error, label, problem.substr(0, colon), problem.substr(colon + 2)});
        }
        if (rows.empty()) {
            out.diagnostics.push_back({Severity::Error, label, "1:1", "empty file: expected a header row"});
            continue;
        }
        std::vector<const Column*> byPosition = readHeader(spec, rows[0], label, out.diagnostics);
        if (!byPosition[0])
            out.diagnostics.push_back({Severity::Warning, label, "1:1",
                                       "first column \"" + rows[0].fields[0].text + "\" is not a known column"});
        for (std::size_t r = 1; r < rows.size(); ++r) {
            const Row& row = rows[r];
            json object = json::object();
            CsvRowOrigin origin{spec.file, row.line, {}};
            std::string firmId;
            std::size_t firmColumn = 1;
            for (std::size_t c = 0; c < row.fields.size(); ++c) {
                const Field& field = row.fields[c];
                if (c >= byPosition.size()) {
                    out.diagnostics.push_back({Severity::Error, label,
                                               std::to_string(row.line) + ":" + std::to_string(field.column),
                                               "more fields than the header has columns"});
                    break;
                }
                const Column* column = byPosition[c];
                if (!column) {
                    std::string key = trim(rows[0].fields[c].text);
                    if (!isReservedKey(spec, key)) object[key] = field.text;
                    continue;
                }
                if (std::string(column->path).empty()) {  // the site's firm: decides where the row goes
                    firmId = trim(field.text);
                    firmColumn = field.column;
                    continue;
                }
                if (trim(field.text).empty() && column->kind != Cell::List) continue;  // empty cell = absent
                if (trim(field.text).empty() && std::string(column->path) != "/segments") continue;
                object[json::json_pointer(column->path)] = cellValue(field.text, column->kind);
                origin.columns.push_back({column->path, field.column});
            }
            std::string pointer;
            if (std::string(spec.array) == "sites") {
                auto firm = firmPosition.find(firmId);
                if (firm == firmPosition.end()) {
                    if (firmIds.size() != firmPosition.size()) {  // listed once, not once per unknown firm
                        firmIds.clear();
                        for (const auto& [id, position] : firmPosition) firmIds.push_back(id);
                        std::sort(firmIds.begin(), firmIds.end());
                    }
                    const std::vector<std::string>& ids = firmIds;
                    out.diagnostics.push_back(
                        {Severity::Error, label, std::to_string(row.line) + ":" + std::to_string(firmColumn),
                         "unknown firm \"" + firmId + "\"" + (suggestionsLeft-- > 0 ? didYouMean(firmId, ids) : "")});
                    continue;
                }
                json& sites = doc["firms"][firm->second]["sites"];
                if (sites.is_null()) sites = json::array();
                pointer = "/firms/" + std::to_string(firm->second) + "/sites/" + std::to_string(sites.size());
                sites.push_back(std::move(object));
            } else {
                json& array = doc[spec.array];
                pointer = std::string("/").append(spec.array).append("/").append(std::to_string(array.size()));
                if (std::string(spec.array) == "firms" && object.contains("id") && object["id"].is_string())
                    firmPosition.emplace(object["id"].get<std::string>(), array.size());
                array.push_back(std::move(object));
            }
            out.origins.emplace(pointer, std::move(origin));
        }
    }
    return out;
}

}  // namespace chainatlas
