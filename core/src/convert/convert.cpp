// A chain written as JSON, a CSV folder or a workbook, and the empty template (convert.hpp). The tables are
// made from the chain's JSON document (chainToJson), column by column as csv_spec.cpp lists them, so what the
// readers take in is exactly what is written out; keys the chain keeps go into "+key" columns.
#include "chainatlas/convert/convert.hpp"

#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <set>

#include "chainatlas/base/file_io.hpp"
#include "chainatlas/load/load.hpp"
#include "convert/chain_tables.hpp"

namespace chainatlas {

namespace csv {

namespace {

using nlohmann::json;

// The value at a column's path; a name written as one string stands for both languages.
const json* valueAt(const json& item, std::string_view path) {
    const json* at = &item;
    while (!path.empty()) {
        path.remove_prefix(1);
        std::string key(path.substr(0, path.find('/')));
        path.remove_prefix(std::min(path.size(), key.size()));
        if (at->is_string() && (key == "zh" || key == "en")) return at;
        if (!at->is_object()) return nullptr;
        auto found = at->find(key);
        if (found == at->end()) return nullptr;
        at = &*found;
    }
    return at;
}

std::string shortest(double value) {
    char text[64];
    auto [end, ec] = std::to_chars(text, text + sizeof text, value);
    return ec == std::errc() ? std::string(text, end) : std::string();
}

OutCell cellOf(const json* value, Cell kind) {
    OutCell cell;
    if (!value || value->is_null()) return cell;
    switch (kind) {
        case Cell::Number:
            if (!value->is_number()) break;
            cell.kind = OutCell::Kind::Number, cell.number = value->get<double>(), cell.text = shortest(cell.number);
            return cell;
        case Cell::Integer:
            if (!value->is_number_integer()) break;
            cell.kind = OutCell::Kind::Integer, cell.number = value->get<double>();
            cell.text = std::to_string(value->get<long long>());
            return cell;
        case Cell::Bool:
            if (!value->is_boolean()) break;
            cell.kind = OutCell::Kind::Bool, cell.number = value->get<bool>() ? 1 : 0;
            cell.text = value->get<bool>() ? "true" : "false";
            return cell;
        case Cell::List:
            if (!value->is_array()) break;
            for (const json& item : *value)
                if (item.is_string()) cell.text += (cell.text.empty() ? "" : ";") + item.get<std::string>();
            cell.kind = cell.text.empty() ? OutCell::Kind::Empty : OutCell::Kind::Text;
            return cell;
        case Cell::Text: break;
    }
    cell.kind = OutCell::Kind::Text;
    cell.text = value->is_string() ? value->get<std::string>() : value->dump();
    return cell;
}

// The keys of one table's items that no column reads, in the order first met, and whether each needs its
// cells as JSON (any value that is not a non-empty string: an empty cell means the key is absent).
struct KeptKey {
    std::string key;
    bool json = false;
};
std::vector<KeptKey> keptKeys(const FileSpec& spec, const std::vector<const json*>& items) {
    std::set<std::string> read;
    for (const Column& column : spec.columns) read.emplace(topKey(column));
    if (std::string_view(spec.array) == "firms") read.emplace("sites");
    std::vector<KeptKey> kept;
    for (const json* item : items)
        for (auto it = item->begin(); it != item->end(); ++it) {
            if (read.count(it.key())) continue;
            auto known = std::find_if(kept.begin(), kept.end(), [&](const KeptKey& k) { return k.key == it.key(); });
            if (known == kept.end()) known = kept.insert(kept.end(), {it.key(), false});
            if (!it->is_string() || it->get_ref<const std::string&>().empty()) known->json = true;
        }
    return kept;
}

// One table from its items (for sites: each with the id of its firm).
OutTable tableOf(const FileSpec& spec, const std::vector<const json*>& items, const std::vector<std::string>& firms) {
    OutTable table;
    table.spec = &spec;
    for (const Column& column : spec.columns)
        table.headers.emplace_back(column.header), table.labels.emplace_back(column.label),
            table.columns.push_back(&column);
    std::vector<KeptKey> kept = keptKeys(spec, items);
    for (const KeptKey& key : kept) {
        table.headers.push_back("+" + key.key + (key.json ? ":json" : ""));
        table.labels.push_back(table.headers.back());
        table.columns.push_back(nullptr);
    }
    table.rows.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        std::vector<OutCell>& row = table.rows.emplace_back();
        for (const Column& column : spec.columns) {
            OutCell cell = cellOf(*column.path ? valueAt(*items[i], column.path) : nullptr, column.kind);
            if (!*column.path) cell.kind = OutCell::Kind::Text, cell.text = firms[i];  // a site's firm
            row.push_back(std::move(cell));
        }
        for (const KeptKey& key : kept) {
            auto value = items[i]->find(key.key);
            OutCell cell;
            if (value != items[i]->end())
                cell.kind = OutCell::Kind::Text, cell.text = key.json ? value->dump() : value->get<std::string>();
            row.push_back(std::move(cell));
        }
    }
    return table;
}

}  // namespace

std::vector<OutTable> chainTables(const Chain& chain) {
    json doc = chainToJson(chain);
    std::vector<OutTable> tables;
    for (const FileSpec& spec : specs()) {
        std::string_view array = spec.array;
        std::vector<const json*> items;
        std::vector<std::string> firms;  // the firm of each site
        if (array == "chain") {
            items.push_back(&doc["chain"]);
        } else if (array == "sites") {
            for (const json& firm : doc["firms"])
                for (const json& site : firm["sites"]) items.push_back(&site), firms.push_back(firm["id"]);
        } else if (doc.contains(spec.array)) {
            for (const json& item : doc[spec.array]) items.push_back(&item);
        }
        tables.push_back(tableOf(spec, items, firms));
    }
    return tables;
}

std::vector<OutTable> templateTables() {
    std::vector<OutTable> tables;
    json stages = json::array();
    for (const DefaultStage& stage : defaultStages())
        stages.push_back({{"id", stage.id}, {"name", {{"zh", stage.zh}, {"en", stage.en}}}});
    for (const FileSpec& spec : specs()) {
        std::vector<const json*> items;
        if (std::string_view(spec.array) == "stages")
            for (const json& stage : stages) items.push_back(&stage);
        tables.push_back(tableOf(spec, items, {}));
    }
    return tables;
}

}  // namespace csv

namespace {

namespace fs = std::filesystem;
using csv::OutCell;
using csv::OutTable;

// One CSV field: quoted when it holds a comma, a quote or a line break (a chain's own cell writer: what it
// writes must read back as it was, so nothing is prefixed or changed).
void appendField(std::string& out, const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += '"';
}

void appendRow(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
        if (c > 0) out += ',';
        appendField(out, cells[c]);
    }
    out += '\n';
}

// A table as CSV text: UTF-8 with a byte-order mark (spreadsheet programs then read Chinese right).
std::string csvText(const OutTable& table, bool labels) {
    std::string out = "\xEF\xBB\xBF";
    if (labels) appendRow(out, table.labels);
    appendRow(out, table.headers);
    std::vector<std::string> cells;
    for (const auto& row : table.rows) {
        cells.clear();
        for (const OutCell& cell : row) cells.push_back(cell.text);
        appendRow(out, cells);
    }
    return out;
}

// The folder's files written into a fresh folder beside it, then moved in: into place at once when the folder
// is new, else file by file (each a rename), so a failure leaves the old files, never half of a new one.
Status writeFolder(const std::string& path, const std::vector<std::pair<std::string, std::string>>& files) {
    fs::path target = fs::path(path).lexically_normal();
    if (target.filename().empty()) target = target.parent_path();
    std::error_code ec;
    if (fs::exists(target, ec) && !fs::is_directory(target, ec))
        return Status::failure(ErrorCode::NotRegular, "cannot write " + path + ": it is a file, not a folder");
    fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
    fs::path scratch = parent / ("." + target.filename().string() + ".tmp-chainatlas-" + std::to_string(::getpid()));
    fs::remove_all(scratch, ec);
    if (!fs::create_directories(scratch, ec))
        return Status::failure(ErrorCode::Io, "cannot write " + path + ": " + ec.message());
    Status status = Status::success();
    for (const auto& [name, text] : files)
        if (status) status = writeFileAtomically((scratch / name).string(), text);
    if (status && !fs::exists(target, ec)) {
        fs::rename(scratch, target, ec);
        if (!ec) return status;
    }
    for (const auto& [name, text] : files)
        if (status) {
            fs::rename(scratch / name, target / name, ec);
            if (ec)
                status = Status::failure(ErrorCode::Io,
                                         "cannot write " + (target / name).string() + ": " + ec.message());
        }
    fs::remove_all(scratch, ec);
    return status;
}

Status writeTablesAsFolder(const std::vector<OutTable>& tables, const std::string& path, bool labels,
                           std::string readme) {
    std::vector<std::pair<std::string, std::string>> files;
    files.reserve(tables.size() + 1);
    for (const OutTable& table : tables) files.emplace_back(table.spec->file, csvText(table, labels));
    if (!readme.empty()) files.emplace_back("readme.txt", std::move(readme));
    return writeFolder(path, files);
}

const char* requiredWord(const csv::Column& column) { return column.required ? "必填 required" : "选填 optional"; }

// One line per column: what a folder template says beside its CSV files.
std::string readmeText() {
    std::string out =
        "ChainAtlas 数据模板 / data template — 每个 CSV 文件一张表；第一行中文列名，第二行英文列名（二者择一即可）。\n"
        "One CSV file per table; row 1 holds the Chinese labels, row 2 the English names (either alone will do).\n"
        "docs/data.md 有完整说明 / docs/data.md explains every column.\n\n";
    for (const csv::FileSpec& spec : csv::specs()) {
        out += std::string(spec.file) + " (" + spec.sheetZh + ")" + (spec.required ? " 必需 required" : "") + "\n";
        for (const csv::Column& column : spec.columns)
            out += std::string("  ") + column.header + " / " + column.label + " — " + requiredWord(column) + " — " +
                   column.meaningZh + " / " + column.meaningEn + (*column.example ? " — 例 e.g. " : "") +
                   column.example + "\n";
    }
    return out;
}

}  // namespace

std::optional<ChainForm> chainFormOf(const std::string& path) {
    if (path.empty()) return std::nullopt;
    std::error_code ec;
    if (path.back() == '/' || fs::is_directory(path, ec)) return ChainForm::Folder;
    std::string extension = fs::path(path).extension().string();
    for (char& c : extension) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (extension == ".json") return ChainForm::Json;
    if (extension == ".xlsx") return ChainForm::Workbook;
    return std::nullopt;
}

Status writeChain(const Chain& chain, const std::string& path, ChainForm form) {
    switch (form) {
        case ChainForm::Json: return writeFileAtomically(path, chainToJson(chain).dump(2) + "\n");
        case ChainForm::Folder: return writeTablesAsFolder(csv::chainTables(chain), path, false, {});
        case ChainForm::Workbook: return csv::writeWorkbookTables(csv::chainTables(chain), path);
    }
    return Status::failure(ErrorCode::Internal, "unknown form");
}

Status writeTemplate(const std::string& path, ChainForm form) {
    switch (form) {
        case ChainForm::Folder: return writeTablesAsFolder(csv::templateTables(), path, true, readmeText());
        case ChainForm::Workbook: return csv::writeWorkbookTables(csv::templateTables(), path);
        case ChainForm::Json: break;
    }
    return Status::failure(ErrorCode::Format, "a template is a workbook (.xlsx) or a folder (DIR/)");
}

}  // namespace chainatlas
