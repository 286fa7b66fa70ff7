// The report as an .xlsx workbook: one sheet per table after the overview, frozen header row, column
// widths that fit Chinese text, numbers as numbers, an autofilter where the table asks for one.
#include <xlsxwriter.h>
#include <algorithm>
#include <filesystem>
#include <map>
#include <random>

#include "chainatlas/document.hpp"
#include "chainatlas/text.hpp"

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

void writeCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const DocCell& cell, const DocColumn& spec,
               Formats& formats) {
    if (cell.number) {
        int decimals = std::clamp(cell.decimals, 0, 3);
        worksheet_write_number(sheet, row, column, *cell.number, formats.numbers[decimals]);
    } else if (!cell.text.empty()) {
        worksheet_write_string(sheet, row, column, cell.text.c_str(), spec.wrap ? formats.wrapped : formats.text);
    }
}

std::string writeTable(lxw_workbook* workbook, const DocTable& table, Formats& formats) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, table.sheet.c_str());
    if (!sheet) return "cannot add the sheet \"" + table.sheet + "\"";
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        auto column = static_cast<lxw_col_t>(c);
        worksheet_set_column(sheet, column, column, columnWidth(table, c), nullptr);
        worksheet_write_string(sheet, 0, column, table.columns[c].title.c_str(), formats.header);
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r)
        for (std::size_t c = 0; c < table.rows[r].size() && c < table.columns.size(); ++c)
            writeCell(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), table.rows[r][c],
                      table.columns[c], formats);
    worksheet_freeze_panes(sheet, 1, 0);
    if (table.autofilter && !table.columns.empty())
        worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                             static_cast<lxw_col_t>(table.columns.size() - 1));
    return {};
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
std::string writeXlsx(const Document& document, const std::string& path) {
    std::string temporary = temporaryPath();
    lxw_workbook* workbook = workbook_new(temporary.c_str());
    if (!workbook) return "cannot create a workbook";
    std::string title = document.title;  // libxlsxwriter 1.1.4 takes a non-const pointer
    lxw_doc_properties properties{};
    properties.title = title.data();
    workbook_set_properties(workbook, &properties);
    Formats formats = makeFormats(workbook);
    std::string problem = writeTable(workbook, overviewTable(document), formats);
    for (const DocTable& table : document.tables)
        if (problem.empty()) problem = writeTable(workbook, table, formats);
    lxw_error closed = workbook_close(workbook);
    if (problem.empty() && closed != LXW_NO_ERROR)
        problem = std::string("cannot write the workbook: ") + lxw_strerror(closed);
    auto bytes = problem.empty() ? readWholeFile(temporary) : Result<std::string>::failure(problem);
    std::error_code ec;
    std::filesystem::remove(temporary, ec);
    if (!bytes) return bytes.error();
    return writeFileAtomically(path, *bytes);
}

}  // namespace chainatlas
