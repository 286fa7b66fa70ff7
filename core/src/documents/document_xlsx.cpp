// The report as an .xlsx workbook: one sheet per table after the overview, frozen header row, column
// widths that fit Chinese text, numbers as numbers, an autofilter where the table asks for one.
#include <xlsxwriter.h>
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <random>

#include "chainatlas/base/text.hpp"
#include "chainatlas/documents/document.hpp"

namespace chainatlas {

namespace {

// Formats are owned by the workbook; made once per workbook.
struct Formats {
    lxw_format* header = nullptr;
    lxw_format* text = nullptr;
    lxw_format* wrapped = nullptr;
    std::map<int, lxw_format*> numbers;  // by decimals
};

Formats makeFormats(lxw_workbook* workbook) {
    Formats f;
    f.header = workbook_add_format(workbook);
    format_set_bold(f.header);
    format_set_bg_color(f.header, 0xE3E8EC);
    format_set_border(f.header, LXW_BORDER_THIN);
    format_set_text_wrap(f.header);
    format_set_align(f.header, LXW_ALIGN_VERTICAL_TOP);
    f.text = workbook_add_format(workbook);
    format_set_align(f.text, LXW_ALIGN_VERTICAL_TOP);
    f.wrapped = workbook_add_format(workbook);
    format_set_text_wrap(f.wrapped);
    format_set_align(f.wrapped, LXW_ALIGN_VERTICAL_TOP);
    for (int decimals : {0, 1, 2, 3}) {
        lxw_format* number = workbook_add_format(workbook);
        format_set_num_format(number, decimals == 0 ? "0" : ("0." + std::string(decimals, '0')).c_str());
        format_set_align(number, LXW_ALIGN_VERTICAL_TOP);
        f.numbers[decimals] = number;
    }
    return f;
}

// Excel measures widths in characters of its default font; a Chinese character takes two.
double columnWidth(const DocTable& table, std::size_t column) {
    std::size_t widest = displayWidth(table.columns[column].title) + (table.autofilter ? 4 : 2);
    for (const auto& row : table.rows) {
        if (column >= row.size()) continue;
        const DocCell& cell = row[column];
        std::size_t width = cell.number
                                ? std::to_string(static_cast<long long>(*cell.number)).size() + 1 + cell.decimals
                                : displayWidth(cell.text);
        widest = std::max(widest, width + 2);
    }
    double cap = table.columns[column].wrap ? 50 : 40;
    return std::min(static_cast<double>(widest), cap);
}

// A string as the workbook's XML holds it, in Excel's units (UTF-16 code units, at most kExcelCellLimit).
struct CellText {
    std::string text;         // no NUL: libxlsxwriter takes C strings
    std::size_t leftOut = 0;  // characters cut at the limit
};

// Excel shows "_x0041_" in a string as "A": a literal one is written with its "_" escaped as "_x005F_".
bool startsExcelEscape(std::string_view text, std::size_t i) {
    if (text.size() < i + 7 || text[i] != '_' || text[i + 1] != 'x' || text[i + 6] != '_') return false;
    auto hex = text.substr(i + 2, 4);
    return std::all_of(hex.begin(), hex.end(),
                       [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

// Characters XML forbids (and noncharacters) become U+FFFD, a literal "_xHHHH_" is escaped, and text past
// Excel's limit is cut, ending with a visible "… [+N]" (N characters left out).
CellText cellText(std::string_view raw) {
    std::string text = drawableText(raw);  // NUL, controls, noncharacters: U+FFFD; tab and LF kept
    CellText out;
    std::size_t units = 0, i = 0;
    constexpr std::size_t kRoomForMark = 16;
    while (i < text.size()) {
        std::size_t length = 1;
        while (i + length < text.size() && (static_cast<unsigned char>(text[i + length]) & 0xC0) == 0x80) ++length;
        bool escape = startsExcelEscape(text, i);
        std::size_t cost = (length == 4 ? 2 : 1) + (escape ? 6 : 0);
        if (units + cost > kExcelCellLimit - kRoomForMark) {
            for (std::size_t k = i; k < text.size(); ++k)
                out.leftOut += (static_cast<unsigned char>(text[k]) & 0xC0) != 0x80 ? 1 : 0;
            out.text += "… [+" + std::to_string(out.leftOut) + "]";
            return out;
        }
        if (escape) out.text += "_x005F";
        out.text.append(text, i, length);
        units += cost;
        i += length;
    }
    return out;
}

// Writes one string cell; a cut is a warning, any other refusal of libxlsxwriter a problem.
Status writeText(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const std::string& raw, lxw_format* format,
                 const std::string& sheetName, std::vector<std::string>* warnings) {
    CellText cell = cellText(raw);
    if (cell.leftOut > 0 && warnings)
        warnings->push_back("sheet \"" + sheetName + "\", row " + std::to_string(row + 1) + ", column " +
                            std::to_string(column + 1) + ": the text is longer than a cell holds (" +
                            std::to_string(kExcelCellLimit) + " characters); its last " + std::to_string(cell.leftOut) +
                            " characters are cut, marked \"… [+" + std::to_string(cell.leftOut) + "]\"");
    lxw_error error = worksheet_write_string(sheet, row, column, cell.text.c_str(), format);
    if (error == LXW_NO_ERROR) return Status::success();
    return Status::failure(ErrorCode::Internal,
                           "sheet \"" + sheetName + "\", row " + std::to_string(row + 1) + ": " + lxw_strerror(error));
}

Status writeCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const DocCell& cell, const DocColumn& spec,
                 Formats& formats, const std::string& sheetName, std::vector<std::string>* warnings) {
    if (cell.number) {
        int decimals = std::clamp(cell.decimals, 0, 3);
        worksheet_write_number(sheet, row, column, *cell.number, formats.numbers[decimals]);
        return Status::success();
    }
    if (cell.text.empty()) return Status::success();
    return writeText(sheet, row, column, cell.text, spec.wrap ? formats.wrapped : formats.text, sheetName, warnings);
}

Status writeTable(lxw_workbook* workbook, const DocTable& table, Formats& formats, std::vector<std::string>* warnings) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, cellText(table.sheet).text.c_str());
    if (!sheet) return Status::failure(ErrorCode::Internal, "cannot add the sheet \"" + table.sheet + "\"");
    Status written = Status::success();
    for (std::size_t c = 0; c < table.columns.size() && written; ++c) {
        auto column = static_cast<lxw_col_t>(c);
        worksheet_set_column(sheet, column, column, columnWidth(table, c), nullptr);
        written = writeText(sheet, 0, column, table.columns[c].title, formats.header, table.sheet, warnings);
    }
    for (std::size_t r = 0; r < table.rows.size() && written; ++r)
        for (std::size_t c = 0; c < table.columns.size() && c < table.rows[r].size() && written; ++c)
            written = writeCell(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), table.rows[r][c],
                                table.columns[c], formats, table.sheet, warnings);
    if (!written) return written;
    worksheet_freeze_panes(sheet, 1, 0);
    if (table.autofilter && !table.columns.empty())
        worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                             static_cast<lxw_col_t>(table.columns.size() - 1));
    return Status::success();
}

// The overview as a two-column table: label, value.
DocTable overviewTable(const Document& document) {
    DocTable table;
    table.sheet = document.overviewSheet;
    table.columns = {{document.overviewHeader[0], 1, false}, {document.overviewHeader[1], 1, true}};
    for (const auto& [label, value] : document.overview) table.rows.push_back({DocCell::of(label), DocCell::of(value)});
    return table;
}

std::string temporaryPath() {
    std::random_device random;
    return (std::filesystem::temp_directory_path() / ("chainatlas-" + std::to_string(random()) + ".xlsx")).string();
}

}  // namespace

// libxlsxwriter 1.1.4 (Debian 12) writes only to a named file: it writes a private temporary file, which
// then goes to `path` through the one atomic writer.
Status writeXlsx(const Document& document, const std::string& path, std::vector<std::string>* warnings) {
    std::string temporary = temporaryPath();
    lxw_workbook* workbook = workbook_new(temporary.c_str());
    if (!workbook) return Status::failure(ErrorCode::Internal, "cannot create a workbook");
    // docProps/core.xml takes the title as it is (no "_xHHHH_" decoding there): only what XML forbids goes.
    std::string title = drawableText(document.title);  // libxlsxwriter 1.1.4 takes a non-const pointer
    lxw_doc_properties properties{};
    properties.title = title.data();
    workbook_set_properties(workbook, &properties);
    Formats formats = makeFormats(workbook);
    Status written = writeTable(workbook, overviewTable(document), formats, warnings);
    for (const DocTable& table : document.tables)
        if (written) written = writeTable(workbook, table, formats, warnings);
    lxw_error closed = workbook_close(workbook);
    if (written && closed != LXW_NO_ERROR)
        written = Status::failure(ErrorCode::Io, std::string("cannot write the workbook: ") + lxw_strerror(closed));
    auto bytes = written ? readWholeFile(temporary) : Result<std::string>(written.error());
    std::error_code ec;
    std::filesystem::remove(temporary, ec);
    if (!bytes) return bytes.error();
    return writeFileAtomically(path, *bytes);
}

}  // namespace chainatlas
