// The planner's tables — a folder of CSV files or the sheets of a workbook — turned into a chainatlas/1
// document: the validating reader, whose diagnostics name file and cell. Each table has a header row; the
// columns are listed in csv_spec.cpp. Lists inside a cell use ';'. Valid input usually takes the fast path
// (csv_fast.cpp) instead.
#include "chainatlas/load/csv.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>

#include "chainatlas/base/file_io.hpp"
#include "chainatlas/base/text.hpp"
#include "load/csv_records.hpp"
#include "load/csv_spec.hpp"
#include "load/tables.hpp"

namespace chainatlas {

namespace csv {

std::vector<TableRow> parseCsv(std::string_view text, std::vector<std::string>& problems) {
    std::vector<TableRow> rows;
    Records records(text);
    LineColumnCounter where(text);
    std::vector<std::string_view> fields;
    while (records.next(fields)) {
        TableRow row;
        row.line = where.at(records.recordStart()).line;
        for (std::size_t k = 0; k < fields.size(); ++k)
            row.fields.push_back({std::string(fields[k]), where.at(records.fieldStarts()[k]).column, k});
        rows.push_back(std::move(row));
    }
    if (records.unclosedAt() != std::string_view::npos) {
        LineColumn open = lineColumnAt(text, records.unclosedAt());
        problems.push_back(std::to_string(open.line) + ":" + std::to_string(open.column) +
                           ": quoted field is never closed");
    }
    return rows;
}

std::vector<std::string_view> denseCells(const TableRow& row) {
    std::vector<std::string_view> cells(row.fields.empty() ? 0 : row.fields.back().index + 1);
    for (const TableField& field : row.fields) cells[field.index] = field.text;
    return cells;
}

std::size_t columnOf(const TableRow& row, std::size_t index, bool sheet) {
    for (const TableField& field : row.fields)
        if (field.index == index) return field.column;
    return sheet ? index + 1 : 1;
}

void warnUnknownFiles(const std::string& folder, std::vector<Diagnostic>& diagnostics) {
    namespace fs = std::filesystem;
    std::vector<std::string> known;
    for (const FileSpec& spec : specs()) known.emplace_back(spec.file);
    std::error_code ec;
    std::vector<std::string> unknown;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        std::string lower = name;
        for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        if (lower.size() < 4 || lower.substr(lower.size() - 4) != ".csv") continue;
        if (std::find(known.begin(), known.end(), name) == known.end()) unknown.push_back(name);
    }
    std::sort(unknown.begin(), unknown.end());  // the folder's order is the file system's
    for (const std::string& name : unknown)
        diagnostics.push_back({Severity::Warning, (fs::path(folder) / name).string(), "",
                               "not read: no table of that name" + didYouMean(name, known)});
}

}  // namespace csv

namespace {

using nlohmann::json;
using namespace csv;

// A cell's value; an unreadable number stays a string so the validator reports it in place.
json cellValue(std::string_view raw, Cell kind) {
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
            return text;
        }
        case Cell::Bool:
            if (auto value = parseBool(text)) return *value;
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

// What a cell of the wrong kind is called in a message (the validator reports numbers itself).
std::string cellProblem(const Column& column, std::string_view text) {
    std::string quoted = "\"" + std::string(trim(text)) + "\"";
    if (column.kind == Cell::Bool)
        return "\"" + std::string(column.header) + "\" must be yes or no (true/false, 是/否, Y/N, 1/0), found " +
               quoted;
    if (column.kind == Cell::Integer)
        return "\"" + std::string(column.header) + "\" must be a whole number, found " + quoted;
    return {};
}

// Puts each row's object into the document, where its table says; remembers where each came from.
class RowPlacer {
public:
    explicit RowPlacer(CsvDocument& out) : out_(out) {}
    void placeTable(const FileSpec& spec, const Table& table);

private:
    CsvDocument& out_;
    std::unordered_map<std::string, std::size_t> firmPosition_;
    std::vector<std::string> firmIds_;  // for "did you mean", in a fixed order
    int suggestionsLeft_ = kMaxSuggestionsPerFile;

    struct SiteFirm {
        std::string id;
        std::size_t column = 1;
    };
    std::vector<HeaderCell> header(const FileSpec& spec, const Table& table);
    void error(const Table& table, std::size_t line, std::size_t column, std::string message) {
        out_.diagnostics.push_back({Severity::Error, table.label, table.where(line, column), std::move(message)});
    }
    void putKept(json& object, const HeaderCell& cell, const TableRow& row, const TableField& field,
                 const Table& table);
    json rowObject(const std::vector<HeaderCell>& header, const TableRow& row, const Table& table, CsvRowOrigin& origin,
                   SiteFirm& firm);
    void placeRow(const FileSpec& spec, const std::vector<HeaderCell>& header, const TableRow& row, const Table& table);
    json* siteList(const TableRow& row, const SiteFirm& firm, const Table& table, std::string& pointer);
};

std::vector<HeaderCell> RowPlacer::header(const FileSpec& spec, const Table& table) {
    const TableRow& first = table.rows[0];
    std::vector<HeaderProblem> problems;
    std::vector<HeaderCell> header = readHeader(spec, denseCells(first), problems);
    for (const HeaderProblem& problem : problems)
        error(table, first.line, columnOf(first, problem.position, !table.sheet.empty()), problem.message);
    return header;
}

// A "+key" column: text as it is, or a JSON value ("+key:json"); an empty cell leaves the key out.
void RowPlacer::putKept(json& object, const HeaderCell& cell, const TableRow& row, const TableField& field,
                        const Table& table) {
    if (field.text.empty()) return;
    if (!cell.keptJson) {
        object[cell.kept] = field.text;
        return;
    }
    json value = json::parse(field.text, nullptr, false);
    if (value.is_discarded()) {
        error(table, row.line, field.column, "column \"+" + cell.kept + ":json\" holds JSON; this cell is not JSON");
        return;
    }
    object[cell.kept] = std::move(value);
}

json RowPlacer::rowObject(const std::vector<HeaderCell>& header, const TableRow& row, const Table& table,
                          CsvRowOrigin& origin, SiteFirm& firm) {
    json object = json::object();
    for (const TableField& field : row.fields) {
        std::size_t c = field.index;
        if (c < header.size() && header[c].unknown) continue;  // reported at the header
        if (c >= header.size() || header[c].blank) {
            // A blank header over an empty column is Excel's trailing column; a value there would be lost.
            if (!trim(field.text).empty())
                error(table, row.line, field.column,
                      c >= header.size() ? "more fields than the header has columns"
                                         : "a value in a column with no header");
            continue;
        }
        const HeaderCell& cell = header[c];
        if (!cell.column) {
            putKept(object, cell, row, field, table);
            continue;
        }
        const Column& column = *cell.column;
        if (std::string_view(column.path).empty()) {  // the site's firm: decides where the row goes
            firm = {std::string(trim(field.text)), field.column};
            continue;
        }
        if (trim(field.text).empty() && std::string_view(column.path) != "/segments") continue;  // empty = absent
        json value = cellValue(field.text, column.kind);
        if (value.is_string() && (column.kind == Cell::Bool || column.kind == Cell::Integer)) {
            error(table, row.line, field.column, cellProblem(column, field.text));
            continue;
        }
        object[json::json_pointer(column.path)] = std::move(value);
        origin.columns.emplace_back(column.path, field.column);
    }
    return object;
}

// The sites array of the row's firm (null, with a diagnostic, for an unknown firm) and the new site's pointer.
json* RowPlacer::siteList(const TableRow& row, const SiteFirm& firm, const Table& table, std::string& pointer) {
    auto found = firmPosition_.find(firm.id);
    if (found == firmPosition_.end()) {
        if (firmIds_.size() != firmPosition_.size()) {  // listed once, not once per unknown firm
            firmIds_.clear();
            for (const auto& [id, position] : firmPosition_) firmIds_.push_back(id);
            std::sort(firmIds_.begin(), firmIds_.end());
        }
        std::string message = firm.id.empty() ? std::string("missing \"firm\": a site names its firm")
                                              : "unknown firm \"" + firm.id + "\"" +
                                                    (suggestionsLeft_-- > 0 ? didYouMean(firm.id, firmIds_) : "");
        error(table, row.line, firm.column, message);
        return nullptr;
    }
    json& sites = out_.document["firms"][found->second]["sites"];
    if (sites.is_null()) sites = json::array();
    pointer = "/firms/" + std::to_string(found->second) + "/sites/" + std::to_string(sites.size());
    return &sites;
}

void RowPlacer::placeRow(const FileSpec& spec, const std::vector<HeaderCell>& header, const TableRow& row,
                         const Table& table) {
    CsvRowOrigin origin{table.label, table.sheet, row.line, {}};
    SiteFirm firm;
    json object = rowObject(header, row, table, origin, firm);
    std::string pointer;
    std::string_view array = spec.array;
    if (array == "sites") {
        json* sites = siteList(row, firm, table, pointer);
        if (!sites) return;
        sites->push_back(std::move(object));
    } else if (array == "chain") {
        pointer = "/chain";
        out_.document["chain"] = std::move(object);
    } else {
        json& items = out_.document[spec.array];
        pointer = std::string("/").append(spec.array).append("/").append(std::to_string(items.size()));
        if (array == "firms" && object.contains("id") && object["id"].is_string())
            firmPosition_.emplace(object["id"].get<std::string>(), items.size());
        items.push_back(std::move(object));
    }
    out_.origins.emplace(pointer, std::move(origin));
}

void RowPlacer::placeTable(const FileSpec& spec, const Table& table) {
    if (table.rows.empty()) {
        error(table, 1, 1, "empty table: expected a header row");
        return;
    }
    std::vector<HeaderCell> columns = header(spec, table);
    std::size_t first = 1;
    if (table.rows.size() > 1) {  // English names under the Chinese labels
        if (isSecondHeader(spec, columns, denseCells(table.rows[1]))) first = 2;
    }
    if (std::string_view(spec.array) == "chain" && table.rows.size() > first + 1)
        error(table, table.rows[first + 1].line, 1, "the chain table holds one row (the chain's id, names and note)");
    for (std::size_t r = first; r < table.rows.size(); ++r) placeRow(spec, columns, table.rows[r], table);
}

// A document before any table is read: the chain named after the folder or workbook, every array empty.
CsvDocument emptyDocument(const std::string& path) {
    CsvDocument out;
    auto [chainId, chainName] = chainIdAndName(path);
    out.document = {{"format", "chainatlas/1"}, {"chain", {{"id", chainId}, {"name", chainName}}}};
    for (const char* key : {"sources", "stages", "segments", "links", "regions", "firms", "supplies"})
        out.document[key] = json::array();
    return out;
}

// Without a stages table, the default stages (upstream, midstream, downstream) are there to be named.
void addDefaultStages(json& document) {
    for (const DefaultStage& stage : defaultStages())
        document["stages"].push_back({{"id", stage.id}, {"name", {{"zh", stage.zh}, {"en", stage.en}}}});
}

// Each table in the order of the spec; `open` gives a table or nullopt (absent: reported there if required).
template <typename Open>
void readTables(CsvDocument& out, Open&& open) {
    RowPlacer placer(out);
    for (const FileSpec& spec : specs()) {
        std::optional<Table> table = open(spec);
        if (!table) {
            if (std::string_view(spec.array) == "stages") addDefaultStages(out.document);
            continue;
        }
        placer.placeTable(spec, *table);
    }
}

}  // namespace

CsvDocument readCsvFolder(const std::string& folder) {
    CsvDocument out = emptyDocument(folder);
    warnUnknownFiles(folder, out.diagnostics);
    readTables(out, [&](const FileSpec& spec) -> std::optional<Table> {
        std::vector<Diagnostic>& diagnostics = out.diagnostics;
        std::optional<std::string> text = decodeFile(folder, spec, diagnostics);
        if (!text) return std::nullopt;
        Table table{(std::filesystem::path(folder) / spec.file).string(), "", {}};
        std::vector<std::string> problems;
        table.rows = parseCsv(*text, problems);
        for (const auto& problem : problems) {
            std::size_t colon = problem.find(": ");
            diagnostics.push_back({Severity::Error, table.label, problem.substr(0, colon), problem.substr(colon + 2)});
        }
        return table;
    });
    return out;
}

namespace {

CsvDocument documentOfWorkbook(std::optional<Workbook> book, std::vector<Diagnostic> diagnostics,
                               const std::string& label) {
    CsvDocument out = emptyDocument(std::filesystem::path(label).stem().string());
    out.diagnostics = std::move(diagnostics);
    if (!book) return out;
    warnUnknownSheets(*book, label, out.diagnostics);
    readTables(out, [&](const FileSpec& spec) -> std::optional<Table> {
        Sheet* sheet = sheetFor(*book, spec);
        if (!sheet) {
            if (spec.required)
                out.diagnostics.push_back(
                    {Severity::Error, label, "",
                     std::string("missing sheet \"") + spec.sheet + "\" (or \"" + spec.sheetZh + "\")"});
            return std::nullopt;
        }
        return Table{label, sheet->name, std::move(sheet->rows)};  // each sheet is read once
    });
    return out;
}

}  // namespace

CsvDocument readWorkbook(const std::string& path) {
    std::vector<Diagnostic> diagnostics;
    std::optional<Workbook> book = readWorkbookFile(path, diagnostics);
    return documentOfWorkbook(std::move(book), std::move(diagnostics), path);
}

CsvDocument readWorkbookBytes(std::string_view bytes, const std::string& label) {
    std::vector<Diagnostic> diagnostics;
    std::optional<Workbook> book = csv::readWorkbookBytes(bytes, label, diagnostics);
    return documentOfWorkbook(std::move(book), std::move(diagnostics), label);
}

}  // namespace chainatlas
