// A chain as the planner's tables, ready to be written as CSV files or workbook sheets (convert.cpp,
// workbook_write.cpp). Private to the core.
#pragma once

#include <string>
#include <vector>

#include "chainatlas/model/model.hpp"
#include "load/csv_spec.hpp"

namespace chainatlas::csv {

struct OutCell {
    enum class Kind { Empty, Text, Number, Integer, Bool };
    Kind kind = Kind::Empty;
    std::string text;  // as a CSV file writes it (a number in its shortest exact form, a boolean true/false)
    double number = 0;
};

struct OutTable {
    const FileSpec* spec = nullptr;
    std::vector<std::string> headers;    // English names, then kept keys ("+note", "+sources:json")
    std::vector<std::string> labels;     // Chinese labels (kept keys as they are)
    std::vector<const Column*> columns;  // by position; null for a kept key
    std::vector<std::vector<OutCell>> rows;
};

// Every table of the chain, in the order of specs(): each spec column, then the keys the chain keeps.
std::vector<OutTable> chainTables(const Chain& chain);
// The template's tables: headers only, but the default stages.
std::vector<OutTable> templateTables();

// The tables as an .xlsx workbook at `path` (written atomically): a readme sheet, then one sheet per table with
// Chinese labels over English names, drop-down lists and frozen header rows.
Status writeWorkbookTables(const std::vector<OutTable>& tables, const std::string& path);

}  // namespace chainatlas::csv
