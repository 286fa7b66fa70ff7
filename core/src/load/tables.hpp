// A table as the readers see it before any column is interpreted: rows of text cells, each remembering where
// it stands. A CSV file (csv.cpp's parser) and a workbook's sheet (workbook_read.cpp) both become one, so
// the rules of csv_spec.hpp apply to both alike. Private to the core.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chainatlas/base/diagnostics.hpp"
#include "load/csv_spec.hpp"

namespace chainatlas::csv {

struct TableField {
    std::string text;
    std::size_t column = 1;  // CSV: character column of the field's start; sheet: column number (A = 1)
    std::size_t index = 0;   // which header cell it stands under (0 = the first)
};
struct TableRow {
    std::size_t line = 1;            // CSV: line; sheet: row number
    std::vector<TableField> fields;  // in order; a sheet's row holds only its cells with a value
};
// A row's cells by position, an absent cell empty (a sheet's sparse row made whole, up to its last cell).
std::vector<std::string_view> denseCells(const TableRow& row);
// Where the cell at `index` of a row is, for a message (a CSV field's column, or the sheet's column).
std::size_t columnOf(const TableRow& row, std::size_t index, bool sheet);
struct Table {
    std::string label;  // the file diagnostics name: "folder/firms.csv" or "book.xlsx"
    std::string sheet;  // the sheet's name in a workbook (locations "企业!C7"); empty for CSV
    std::vector<TableRow> rows;
    std::string where(std::size_t line, std::size_t column) const { return cellLocation(sheet, line, column); }
};

// RFC 4180 records; quoted fields may hold commas, quotes ("") and line breaks. Rows of one empty field are
// left out. A problem (a quote never closed) is "LINE:COLUMN: message".
std::vector<TableRow> parseCsv(std::string_view text, std::vector<std::string>& problems);

// The sheets of a workbook, by name, as tables; nullopt with diagnostics when it cannot be read.
struct Sheet {
    std::string name;
    std::vector<TableRow> rows;  // non-empty rows, each with its cells up to the last non-empty one
};
struct Workbook {
    std::vector<Sheet> sheets;
};
std::optional<Workbook> readWorkbookBytes(std::string_view bytes, const std::string& label,
                                          std::vector<Diagnostic>& diagnostics);
std::optional<Workbook> readWorkbookFile(const std::string& path, std::vector<Diagnostic>& diagnostics);

// The sheet a table is read from: its English or Chinese name, in any case of the English one (null: none).
Sheet* sheetFor(Workbook& workbook, const FileSpec& spec);
// Sheets that are no table and not the readme sheet: each a warning, with did-you-mean.
void warnUnknownSheets(const Workbook& workbook, const std::string& label, std::vector<Diagnostic>& diagnostics);
// .csv files of a folder that are no table: each a warning, with did-you-mean.
void warnUnknownFiles(const std::string& folder, std::vector<Diagnostic>& diagnostics);

}  // namespace chainatlas::csv
