// The planner's tables as an .xlsx workbook (libxlsxwriter): the readme sheet (说明 readme, one line per
// column), then one sheet per table named in both languages ("企业 firms"), Chinese labels over English names
// in two frozen header rows, drop-down lists where a column names stages, segments, regions, firms,
// resources, a confidence or a kind, widths that fit Chinese text. Numbers are numbers where Excel keeps them
// exactly (%.16G), else their exact text; the readers take both.
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <random>

#include "chainatlas/base/file_io.hpp"
#include "chainatlas/base/text.hpp"
#include "chainatlas/model/model.hpp"
#include "convert/chain_tables.hpp"

namespace chainatlas::csv {

namespace {

constexpr lxw_row_t kHeaderRows = 2;

struct Formats {
    lxw_format* label = nullptr;   // the Chinese header row
    lxw_format* header = nullptr;  // the English header row
    lxw_format* text = nullptr;    // cells, as text even when they look like numbers
};

Formats makeFormats(lxw_workbook* workbook) {
    Formats f;
    f.label = workbook_add_format(workbook);
    format_set_bold(f.label);
    format_set_bg_color(f.label, 0xDDE6EE);
    format_set_border(f.label, LXW_BORDER_THIN);
    f.header = workbook_add_format(workbook);
    format_set_italic(f.header);
    format_set_font_color(f.header, 0x5A6570);
    format_set_bg_color(f.header, 0xF1F4F7);
    format_set_border(f.header, LXW_BORDER_THIN);
    f.text = workbook_add_format(workbook);
    format_set_num_format(f.text, "@");
    return f;
}

std::string sheetName(const FileSpec& spec) { return std::string(spec.sheetZh) + " " + spec.sheet; }

// Excel measures widths in characters of its default font; a Chinese character takes two.
double widthOf(const OutTable& table, std::size_t column) {
    std::size_t widest = std::max(displayWidth(table.labels[column]), displayWidth(table.headers[column]));
    if (const Column* spec = table.columns[column]) widest = std::max(widest, displayWidth(spec->example));
    for (std::size_t r = 0; r < table.rows.size() && r < 200; ++r)
        widest = std::max(widest, displayWidth(table.rows[r][column].text));
    return static_cast<double>(std::min<std::size_t>(widest + 2, 48));
}

// Whether Excel's own text of a number (%.16G) reads back as the same double.
bool exactInExcel(double value) {
    char text[40];
    std::snprintf(text, sizeof text, "%.16G", value);
    return std::strtod(text, nullptr) == value;
}

class WorkbookWriter {
public:
    explicit WorkbookWriter(lxw_workbook* workbook) : workbook_(workbook), formats_(makeFormats(workbook)) {}
    Status readme();
    Status table(const OutTable& table);

private:
    lxw_workbook* workbook_;
    Formats formats_;
    std::deque<std::string> strings_;  // formulas and lists handed to libxlsxwriter, alive until it closes

    Status cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const OutCell& cell) const;
    void dropDown(lxw_worksheet* sheet, lxw_col_t column, Choices choices);
};

Status statusOf(lxw_error error, const std::string& where) {
    if (error == LXW_NO_ERROR) return Status::success();
    if (error == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
        return Status::failure(ErrorCode::Format, where +
                                                      ": a text longer than a workbook cell holds (32767 "
                                                      "characters): write a CSV folder instead");
    return Status::failure(ErrorCode::Internal, where + ": " + lxw_strerror(error));
}

Status WorkbookWriter::cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const OutCell& cell) const {
    lxw_error error = LXW_NO_ERROR;
    switch (cell.kind) {
        case OutCell::Kind::Empty: return Status::success();
        case OutCell::Kind::Bool: error = worksheet_write_boolean(sheet, row, column, cell.number != 0, nullptr); break;
        case OutCell::Kind::Number:
        case OutCell::Kind::Integer:
            if (exactInExcel(cell.number)) {
                error = worksheet_write_number(sheet, row, column, cell.number, nullptr);
                break;
            }
            [[fallthrough]];  // its exact text instead: a number stored as text reads back the same
        case OutCell::Kind::Text:
            error = worksheet_write_string(sheet, row, column, cell.text.c_str(), formats_.text);
            break;
    }
    return statusOf(error, "row " + std::to_string(row + 1));
}

// The sheet and column where the ids a column may name are listed.
std::pair<const char*, const char*> idSource(Choices choices) {
    switch (choices) {
        case Choices::Stages: return {"stages", "A"};
        case Choices::Segments: return {"segments", "A"};
        case Choices::Regions: return {"regions", "A"};
        case Choices::Firms: return {"firms", "A"};
        case Choices::Resources: return {"resources", "A"};
        default: return {nullptr, nullptr};
    }
}

void WorkbookWriter::dropDown(lxw_worksheet* sheet, lxw_col_t column, Choices choices) {
    static const char* confidence[] = {"A", "B", "C", nullptr};
    static std::vector<const char*> resourceKinds(kResourceKindKeys.begin(), kResourceKindKeys.end());
    static std::vector<const char*> tieKinds(kTieKindKeys.begin(), kTieKindKeys.end());
    if (resourceKinds.back()) resourceKinds.push_back(nullptr), tieKinds.push_back(nullptr);
    lxw_data_validation validation{};
    validation.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;  // a new id may be typed before it is listed
    validation.validate = LXW_VALIDATION_TYPE_LIST;
    if (choices == Choices::Confidence) validation.value_list = const_cast<char**>(confidence);
    else if (choices == Choices::ResourceKinds) validation.value_list = const_cast<char**>(resourceKinds.data());
    else if (choices == Choices::TieKinds) validation.value_list = const_cast<char**>(tieKinds.data());
    else {
        auto [array, letter] = idSource(choices);
        const FileSpec* source = specNamed(array);
        if (!source) return;
        validation.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        validation.value_formula = strings_
                                       .emplace_back("='" + sheetName(*source) + "'!$" + letter + "$3:$" + letter +
                                                     "$" + std::to_string(LXW_ROW_MAX))
                                       .data();
    }
    worksheet_data_validation_range(sheet, kHeaderRows, column, LXW_ROW_MAX - 1, column, &validation);
}

Status WorkbookWriter::table(const OutTable& table) {
    std::string name = sheetName(*table.spec);
    lxw_worksheet* sheet = workbook_add_worksheet(workbook_, name.c_str());
    if (!sheet) return Status::failure(ErrorCode::Internal, "cannot add the sheet \"" + name + "\"");
    // Constant-memory mode writes a row out when the next begins: row by row, left to right.
    for (std::size_t c = 0; c < table.headers.size(); ++c) {
        auto column = static_cast<lxw_col_t>(c);
        worksheet_set_column(sheet, column, column, widthOf(table, c), nullptr);
        if (table.columns[c] && table.columns[c]->choices != Choices::None)
            dropDown(sheet, column, table.columns[c]->choices);
    }
    for (lxw_row_t row = 0; row < kHeaderRows; ++row)
        for (std::size_t c = 0; c < table.headers.size(); ++c) {
            const std::string& text = row == 0 ? table.labels[c] : table.headers[c];
            lxw_format* format = row == 0 ? formats_.label : formats_.header;
            Status written = statusOf(worksheet_write_string(sheet, row, static_cast<lxw_col_t>(c), text.c_str(),
                                                             format),
                                      name);
            if (!written) return written;
        }
    worksheet_freeze_panes(sheet, kHeaderRows, 0);
    for (std::size_t r = 0; r < table.rows.size(); ++r)
        for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
            Status written = cell(sheet, static_cast<lxw_row_t>(r + kHeaderRows), static_cast<lxw_col_t>(c),
                                  table.rows[r][c]);
            if (!written)
                return Status::failure(written.error().code,
                                       std::string(name).append(" ").append(written.error().message));
        }
    return Status::success();
}

Status WorkbookWriter::readme() {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook_, "说明 readme");
    if (!sheet) return Status::failure(ErrorCode::Internal, "cannot add the readme sheet");
    const char* intro[] = {
        "ChainAtlas 数据模板：每张表一个工作表；第 1 行中文列名，第 2 行英文列名，从第 3 行起填写数据。列表用 ; 分隔。",
        "ChainAtlas data: one sheet per table; row 1 Chinese labels, row 2 English names, data from row 3. Lists "
        "are separated by ;.",
        "以 + 开头的列（如 +note）原样保留，不参与分析 / Columns named +key are carried along unread. "
        "docs/data.md 有完整说明 / explains it all.",
    };
    for (lxw_row_t r = 0; r < 3; ++r) worksheet_write_string(sheet, r, 0, intro[r], nullptr);
    const char* titles[] = {"工作表 sheet", "列名 label", "column", "必填 required", "含义", "meaning", "示例 example"};
    const double widths[] = {18, 14, 14, 10, 40, 40, 20};
    for (lxw_col_t c = 0; c < 7; ++c) {
        worksheet_set_column(sheet, c, c, widths[c], nullptr);
        worksheet_write_string(sheet, 4, c, titles[c], formats_.label);
    }
    lxw_row_t row = 5;
    for (const FileSpec& spec : specs())
        for (const Column& column : spec.columns) {
            std::string name = sheetName(spec);
            const char* cells[] = {name.c_str(),     column.label,     column.header, column.required ? "是 yes" : "",
                                   column.meaningZh, column.meaningEn, column.example};
            for (lxw_col_t c = 0; c < 7; ++c) worksheet_write_string(sheet, row, c, cells[c], formats_.text);
            ++row;
        }
    worksheet_freeze_panes(sheet, 5, 0);
    return Status::success();
}

std::string temporaryPath() {
    std::random_device random;
    return (std::filesystem::temp_directory_path() / ("chainatlas-" + std::to_string(random()) + ".xlsx")).string();
}

}  // namespace

// libxlsxwriter 1.1.4 (Debian 12) writes only to a named file: a private temporary file, which then goes to
// `path` through the one atomic writer. Constant-memory mode writes each row out as it comes (a national
// chain's sheets are not held twice) and stores text as inline strings, which the readers take as well.
Status writeWorkbookTables(const std::vector<OutTable>& tables, const std::string& path) {
    std::string temporary = temporaryPath();
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.use_zip64 = LXW_TRUE;
    lxw_workbook* workbook = workbook_new_opt(temporary.c_str(), &options);
    if (!workbook) return Status::failure(ErrorCode::Internal, "cannot create a workbook");
    WorkbookWriter writer(workbook);
    Status written = writer.readme();
    for (const OutTable& table : tables)
        if (written) written = writer.table(table);
    lxw_error closed = workbook_close(workbook);
    if (written && closed != LXW_NO_ERROR)
        written = Status::failure(ErrorCode::Io, std::string("cannot write the workbook: ") + lxw_strerror(closed));
    auto bytes = written ? readWholeFile(temporary) : Result<std::string>(written.error());
    std::error_code ec;
    std::filesystem::remove(temporary, ec);
    if (!bytes) return Status::failure(bytes.error().code, "cannot write " + path + ": " + bytes.error().message);
    return writeFileAtomically(path, *bytes);
}

}  // namespace chainatlas::csv
