// The validating reader of the planner's tables (docs/method.md §1, csv.cpp): a folder of CSV files or an .xlsx
// workbook turned into a chainatlas/1 document for the validator, each object remembering the row it came from.
// Programs load them with loadChainFile (load.hpp), which calls this and reports problems as "file.csv:line:column" or
// "book.xlsx: 企业!C7"; the fast path for valid input is fast_load.hpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "chainatlas/base/diagnostics.hpp"
#include "chainatlas/model/model.hpp"

namespace chainatlas {

// Folder of CSV files -> chainatlas/1 document, remembering where each JSON object came from so that
// the validator's JSON pointers can be reported as "file.csv:line:column".
struct CsvRowOrigin {
    std::string file;   // as diagnostics name it: "folder/sites.csv" or "book.xlsx"
    std::string sheet;  // a workbook's sheet ("企业"); empty for a CSV file
    std::size_t line = 0;
    std::vector<std::pair<std::string, std::size_t>> columns;  // relative JSON path -> column
};
struct CsvDocument {
    nlohmann::json document;
    std::unordered_map<std::string, CsvRowOrigin> origins;  // pointer of an object -> its row
    std::vector<Diagnostic> diagnostics;
};
CsvDocument readCsvFolder(const std::string& folder);
// The same from an .xlsx workbook: one sheet per table (csv_spec), a readme sheet left alone.
CsvDocument readWorkbook(const std::string& path);
// The same from a workbook's bytes, named `label` in diagnostics (the fuzz target reads from memory).
CsvDocument readWorkbookBytes(std::string_view bytes, const std::string& label);

}  // namespace chainatlas
