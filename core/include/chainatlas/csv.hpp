// The validating reader of CSV folders (docs/method.md §1, csv.cpp): a folder of CSV files turned into a chainatlas/1
// document for the validator, each object remembering the row it came from. Programs load a folder with
// loadChainFile (load.hpp), which calls this and reports problems as "file.csv:line:column"; the fast path
// for valid folders is fast_load.hpp.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "chainatlas/diagnostics.hpp"
#include "chainatlas/model.hpp"

namespace chainatlas {

// Folder of CSV files -> chainatlas/1 document, remembering where each JSON object came from so that
// the validator's JSON pointers can be reported as "file.csv:line:column".
struct CsvRowOrigin {
    std::string file;  // "sites.csv"
    std::size_t line = 0;
    std::vector<std::pair<std::string, std::size_t>> columns;  // relative JSON path -> column
};
struct CsvDocument {
    nlohmann::json document;
    std::unordered_map<std::string, CsvRowOrigin> origins;  // pointer of an object -> its row
    std::vector<Diagnostic> diagnostics;
};
CsvDocument readCsvFolder(const std::string& folder);

}  // namespace chainatlas
