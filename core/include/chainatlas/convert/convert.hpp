// A chain written in any of its three forms — chainatlas/1 JSON, a CSV folder, an .xlsx workbook — with
// nothing lost (kept keys included: loading what is written gives the same chain), and the empty template a
// planner fills in (`chainatlas convert`, `chainatlas template`; README "CSV folders and workbooks").
#pragma once

#include <optional>
#include <string>

#include "chainatlas/model/model.hpp"

namespace chainatlas {

enum class ChainForm { Json, Folder, Workbook };

// The form `path` asks for: .json, .xlsx (any case), or a folder (a path ending in '/' or an existing folder);
// nullopt for anything else.
std::optional<ChainForm> chainFormOf(const std::string& path);

// Writes `chain` to `path` in `form`. Nothing is half-written:
// a file goes through a temporary file and a rename, a folder's files are all written before any replaces one.
Status writeChain(const Chain& chain, const std::string& path, ChainForm form);

// The empty template: every table with its header (Chinese labels over English names), the default stages
// filled in; a workbook also gets a readme sheet (one line per column), drop-down lists for the columns that
// name stages, segments, regions, firms, resources, confidence and kinds, frozen header rows and widths that
// fit Chinese text. A folder gets one CSV file per table and readme.txt. A JSON template is refused (Format).
Status writeTemplate(const std::string& path, ChainForm form);

}  // namespace chainatlas
