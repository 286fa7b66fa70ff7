// The fast path for the planner's tables (CSV folders and workbooks): the document the validating reader
// (csv.cpp) would build, written straight as compact JSON text (no JSON object per cell or row, no origins
// map) and loaded by the fast JSON path. Any problem — a diagnostic of the reader (a note too), a cell it
// would keep as text for the validator to report, anything unusual in the header — gives up, and the input
// goes through the validating reader unchanged, so its messages (file, cell, did-you-mean) stay exactly what
// they were. What the fast JSON path accepts
// the validator accepts silently with the same model (test_fast_load.cpp), and the text here is that document,
// so the model is the one the validating CSV path builds (resources.csv and ties.csv included).
#include <charconv>
#include <cmath>
#include <filesystem>
#include <memory>
#include <unordered_map>

#include "base/json_writer.hpp"
#include "chainatlas/base/file_io.hpp"
#include "chainatlas/load/fast_load.hpp"
#include "load/csv_records.hpp"
#include "load/csv_spec.hpp"
#include "load/fast/id_interner.hpp"
#include "load/tables.hpp"

namespace chainatlas {

namespace {

using csv::Cell;
using csv::FileSpec;
using csv::trim;
using detail::GiveUp;

// What a table's header says each column is: the row object's keys, a nested object ("name", "metrics") being
// one key with its members; kept columns ("+note") keep their raw text under their own name.
struct Member {
    std::string subkey;  // empty: the value is the key's own
    std::size_t position;
    Cell kind;
    bool listAlways;  // "/segments": an empty cell is an empty list, not absent
};
struct Key {
    std::string name;
    std::vector<Member> members;
    bool kept = false;
};
struct Plan {
    std::vector<Key> keys;
    std::vector<bool> read;  // by position: a column with a header (a value under a blank one is an error)
    std::size_t firm = std::string_view::npos;  // sites: the column naming the site's firm
    std::size_t id = std::string_view::npos;    // the column of "id"
};

Plan planOf(const FileSpec& spec, const std::vector<std::string_view>& header) {
    std::vector<csv::HeaderProblem> problems;
    std::vector<csv::HeaderCell> cells = csv::readHeader(spec, header, problems);
    if (!problems.empty()) throw GiveUp{};
    Plan plan;
    plan.read.assign(cells.size(), false);
    auto keyNamed = [&](std::string_view name) -> Key* {
        for (Key& key : plan.keys)
            if (key.name == name) return &key;
        return nullptr;
    };
    for (std::size_t c = 0; c < cells.size(); ++c) {
        const csv::HeaderCell& cell = cells[c];
        plan.read[c] = !cell.blank;
        if (!cell.column) {
            if (cell.keptJson) throw GiveUp{};  // JSON cells: the validating reader parses and checks them
            if (!cell.kept.empty()) plan.keys.push_back({cell.kept, {{"", c, Cell::Text, false}}, true});
            continue;
        }
        std::string_view path = cell.column->path;
        if (path.empty()) {
            plan.firm = c;
            continue;
        }
        if (path == "/id") plan.id = c;
        std::string_view top = csv::topKey(*cell.column);
        std::size_t slash = path.find('/', 1);
        std::string sub(slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1));
        Key* key = keyNamed(top);
        if (!key) key = &plan.keys.emplace_back(Key{std::string(top), {}, false});
        key->members.push_back({sub, c, cell.column->kind, path == "/segments"});
    }
    return plan;
}

// Whether a cell is written at all (csv.cpp: an empty cell is absent, except an empty list of segments).
bool present(const Member& m, const std::vector<std::string_view>& row) {
    if (m.position >= row.size()) return false;
    return m.listAlways || !trim(row[m.position]).empty();
}

void writeValue(JsonWriter& w, const Member& m, std::string_view raw) {
    std::string_view text = trim(raw);
    switch (m.kind) {
        case Cell::Text: w.string(text); return;
        case Cell::Number: {
            double value = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            // Not a number, out of range, NaN or infinite: the validator reports it.
            if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) throw GiveUp{};
            w.number(value);
            return;
        }
        case Cell::Integer: {
            long long value = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec != std::errc() || end != text.data() + text.size()) throw GiveUp{};
            w.integer(value);
            return;
        }
        case Cell::Bool:
            if (auto value = csv::parseBool(text)) w.boolean(*value);
            else throw GiveUp{};
            return;
        case Cell::List: {
            w.beginArray();
            std::size_t start = 0;
            while (start <= text.size()) {
                std::size_t end = text.find(';', start);
                std::string_view item = trim(text.substr(start, end == std::string_view::npos ? end : end - start));
                if (!item.empty()) w.string(item);
                if (end == std::string_view::npos) break;
                start = end + 1;
            }
            w.endArray();
            return;
        }
    }
}

// A row's object, left open (a firm's sites follow).
void writeRow(JsonWriter& w, const Plan& plan, const std::vector<std::string_view>& row) {
    for (std::size_t c = 0; c < row.size(); ++c)  // a value beyond the header or under a blank header: an error
        if ((c >= plan.read.size() || !plan.read[c]) && !trim(row[c]).empty()) throw GiveUp{};
    w.beginObject();
    for (const Key& key : plan.keys) {
        if (key.kept) {
            std::size_t at = key.members[0].position;
            if (at < row.size() && !row[at].empty()) w.field(key.name, row[at]);
            continue;
        }
        bool nested = !key.members[0].subkey.empty(), any = false;
        for (const Member& m : key.members) any = any || present(m, row);
        if (!any) continue;
        w.key(key.name);
        if (nested) w.beginObject();
        for (const Member& m : key.members) {
            if (!present(m, row)) continue;
            if (nested) w.key(m.subkey);
            writeValue(w, m, row[m.position]);
        }
        if (nested) w.endObject();
    }
}

// The rows of one table, each as views of its cells; a table is read once, front to back.
class RowSource {
public:
    virtual ~RowSource() = default;
    // The next row; false at the end.
    virtual bool next(std::vector<std::string_view>& fields) = 0;
};

// A CSV file's rows; the text lives as long as its rows are used (the sites' until the firms are written).
class CsvRows : public RowSource {
public:
    explicit CsvRows(std::string text) : text_(std::move(text)), records_(text_) {}
    bool next(std::vector<std::string_view>& fields) override {
        bool more = records_.next(fields);
        if (records_.unclosedAt() != std::string_view::npos) throw GiveUp{};  // the reader's error
        return more;
    }

private:
    std::string text_;
    csv::Records records_;
};

// A sheet's rows, taken from the workbook: each sheet's cells are freed once its table is written.
class SheetRows : public RowSource {
public:
    explicit SheetRows(std::vector<csv::TableRow> rows) : rows_(std::move(rows)) {}
    bool next(std::vector<std::string_view>& fields) override {
        if (at_ >= rows_.size()) return false;
        fields = csv::denseCells(rows_[at_++]);
        return true;
    }

private:
    std::vector<csv::TableRow> rows_;
    std::size_t at_ = 0;
};

// Where the tables come from: a CSV folder's files or a workbook's sheets. Null: the table is absent.
class TableSource {
public:
    virtual ~TableSource() = default;
    virtual std::unique_ptr<RowSource> open(const FileSpec& spec) = 0;
    // The chain's id and name when there is no chain table.
    virtual std::pair<std::string, std::string> defaultChain() const = 0;
};

class FolderSource : public TableSource {
public:
    explicit FolderSource(const std::string& folder) : folder_(folder) {
        csv::warnUnknownFiles(folder_, diagnostics_);
        if (!diagnostics_.empty()) throw GiveUp{};
    }
    std::unique_ptr<RowSource> open(const FileSpec& spec) override {
        std::optional<std::string> text = csv::decodeFile(folder_, spec, diagnostics_);
        if (!diagnostics_.empty()) throw GiveUp{};  // a note (GB18030) too: the validating reader reports it
        if (!text) return nullptr;
        return std::make_unique<CsvRows>(std::move(*text));
    }
    std::pair<std::string, std::string> defaultChain() const override { return csv::chainIdAndName(folder_); }

private:
    std::string folder_;
    std::vector<Diagnostic> diagnostics_;
};

class WorkbookSource : public TableSource {
public:
    WorkbookSource(csv::Workbook book, std::string label) : book_(std::move(book)), label_(std::move(label)) {}
    std::unique_ptr<RowSource> open(const FileSpec& spec) override {
        csv::Sheet* sheet = csv::sheetFor(book_, spec);
        if (!sheet) {
            if (spec.required) throw GiveUp{};
            return nullptr;
        }
        return std::make_unique<SheetRows>(std::move(sheet->rows));  // each table is opened once
    }
    std::pair<std::string, std::string> defaultChain() const override {
        return csv::chainIdAndName(std::filesystem::path(label_).stem().string());
    }

private:
    csv::Workbook book_;
    std::string label_;
};

// The sites of the sites table by the firm they name, kept until the firms are written (sites go into their firm).
struct Sites {
    std::unique_ptr<RowSource> source;
    Plan plan;
    std::vector<std::vector<std::string_view>> rows;
    std::unordered_map<std::string_view, std::vector<std::size_t>> byFirm;
    std::size_t placed = 0;
};

class TablesToJson {
public:
    TablesToJson(TableSource& source, std::string& out) : source_(source), w_(out, -1) {}
    void run();

private:
    TableSource& source_;
    JsonWriter w_;
    Sites sites_;

    // The header (and a workbook's second header row, skipped), or GiveUp for a table without a header.
    Plan header(const FileSpec& spec, RowSource& rows, std::vector<std::string_view>& fields);
    void readSites(const FileSpec& spec);
    void writeChain(const FileSpec& spec);
    void writeTable(const FileSpec& spec, RowSource& rows);
};

Plan TablesToJson::header(const FileSpec& spec, RowSource& rows, std::vector<std::string_view>& fields) {
    if (!rows.next(fields)) throw GiveUp{};  // an empty table: an error
    std::vector<std::string_view> first = fields;
    Plan plan = planOf(spec, first);
    bool more = rows.next(fields);
    if (more) {
        std::vector<csv::HeaderProblem> problems;
        if (csv::isSecondHeader(spec, csv::readHeader(spec, first, problems), fields)) more = rows.next(fields);
    }
    if (!more) fields.clear();  // no data row: `fields` is empty
    return plan;
}

void TablesToJson::readSites(const FileSpec& spec) {
    sites_.source = source_.open(spec);
    if (!sites_.source) return;
    std::vector<std::string_view> fields;
    sites_.plan = header(spec, *sites_.source, fields);
    if (sites_.plan.firm == std::string_view::npos) throw GiveUp{};
    for (bool more = !fields.empty(); more; more = sites_.source->next(fields)) {
        std::size_t f = sites_.plan.firm;
        std::string_view firm = f < fields.size() ? trim(fields[f]) : std::string_view();
        sites_.byFirm[firm].push_back(sites_.rows.size());
        sites_.rows.push_back(fields);
    }
}

// The chain table's one row, or the folder's or workbook's name when there is no chain table.
void TablesToJson::writeChain(const FileSpec& spec) {
    w_.key("chain");
    std::unique_ptr<RowSource> rows = source_.open(spec);
    std::vector<std::string_view> fields;
    Plan plan;
    if (rows) plan = header(spec, *rows, fields);
    if (fields.empty()) {  // no chain table, or one without a row
        auto [id, name] = source_.defaultChain();
        w_.beginObject();
        w_.field("id", id);
        w_.field("name", name);
        w_.endObject();
        return;
    }
    writeRow(w_, plan, fields);
    w_.endObject();
    if (rows->next(fields)) throw GiveUp{};  // a second row: an error
}

void TablesToJson::writeTable(const FileSpec& spec, RowSource& rows) {
    std::vector<std::string_view> fields;
    Plan plan = header(spec, rows, fields);
    if (plan.firm != std::string_view::npos) throw GiveUp{};
    bool firms = std::string_view(spec.array) == "firms";
    for (bool more = !fields.empty(); more; more = rows.next(fields)) {
        writeRow(w_, plan, fields);
        std::string_view firmId = plan.id < fields.size() ? trim(fields[plan.id]) : std::string_view();
        auto found = firms && !firmId.empty() ? sites_.byFirm.find(firmId) : sites_.byFirm.end();
        if (found != sites_.byFirm.end()) {  // the first firm of that id gets them, as in csv.cpp
            w_.key("sites");
            w_.beginArray();
            for (std::size_t s : found->second) {
                writeRow(w_, sites_.plan, sites_.rows[s]);
                w_.endObject();
            }
            w_.endArray();
            sites_.placed += found->second.size();
            sites_.byFirm.erase(found);
        }
        w_.endObject();
    }
}

void TablesToJson::run() {
    const std::vector<FileSpec>& all = csv::specs();
    for (const FileSpec& spec : all)
        if (std::string_view(spec.array) == "sites") readSites(spec);
    w_.beginObject();
    w_.field("format", "chainatlas/1");
    for (const FileSpec& spec : all) {
        std::string_view array = spec.array;
        if (array == "sites") continue;
        if (array == "chain") {
            writeChain(spec);
            continue;
        }
        w_.key(array);
        w_.beginArray();
        if (std::unique_ptr<RowSource> rows = source_.open(spec)) {
            writeTable(spec, *rows);
        } else if (array == "stages") {  // no stages table: the default stages
            for (const csv::DefaultStage& stage : csv::defaultStages()) {
                w_.beginObject();
                w_.field("id", stage.id);
                w_.key("name");
                w_.beginObject();
                w_.field("zh", stage.zh);
                w_.field("en", stage.en);
                w_.endObject();
                w_.endObject();
            }
        }
        w_.endArray();
    }
    w_.endObject();
    if (sites_.placed != sites_.rows.size()) throw GiveUp{};  // a site of an unknown firm
}

// The document's JSON text from the tables `makeSource` opens, then the fast JSON path; nullopt when the
// validating path must decide. The tables (the CSV text, a workbook's cells) are gone before the JSON is
// parsed, so the two are never in memory together with the model.
template <typename MakeSource>
std::optional<Chain> fastChainFromTables(MakeSource&& makeSource, std::size_t expectedBytes) {
    std::string json;
    json.reserve(expectedBytes + 4096 + fastLoadPadding());
    try {
        auto source = makeSource();
        TablesToJson(*source, json).run();
    } catch (const GiveUp&) {
        return std::nullopt;
    }
    std::size_t size = json.size();
    json.append(fastLoadPadding(), '\0');  // simdjson reads past the end in blocks
    return fastChainFromPaddedJson(std::string_view(json.data(), size));
}

}  // namespace

std::optional<Chain> fastChainFromCsvFolder(const std::string& folder) {
    // The JSON text is about 2.1 times the CSV (keys on every row): room for it at once, so the text is not
    // copied each time it doubles (the last doubling held 32 and 64 MB at once for a national folder).
    std::size_t csvBytes = 0;
    for (const FileSpec& spec : csv::specs()) {
        std::error_code ec;
        std::uintmax_t size = std::filesystem::file_size(std::filesystem::path(folder) / spec.file, ec);
        if (!ec && size < kMaxReadBytes) csvBytes += static_cast<std::size_t>(size);
    }
    return fastChainFromTables([&] { return std::make_unique<FolderSource>(folder); }, csvBytes / 10 * 23);
}

std::optional<Chain> fastChainFromWorkbook(std::string_view bytes, const std::string& label) {
    std::vector<Diagnostic> diagnostics;
    std::optional<csv::Workbook> book = csv::readWorkbookBytes(bytes, label, diagnostics);
    if (book) csv::warnUnknownSheets(*book, label, diagnostics);
    if (!book || !diagnostics.empty()) return std::nullopt;
    std::size_t cellBytes = 0;
    for (const csv::Sheet& sheet : book->sheets)
        for (const csv::TableRow& row : sheet.rows)
            for (const csv::TableField& field : row.fields) cellBytes += field.text.size() + 1;
    return fastChainFromTables([&] { return std::make_unique<WorkbookSource>(std::move(*book), label); },
                               cellBytes / 10 * 23);
}

}  // namespace chainatlas
