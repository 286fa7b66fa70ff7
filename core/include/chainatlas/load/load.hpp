// Loading chain files (chainatlas/1 JSON or a folder of CSV files) into a validated Chain.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chainatlas/base/diagnostics.hpp"
#include "chainatlas/model/model.hpp"

namespace chainatlas {

struct LoadResult {
    std::optional<Chain> chain;           // set only when there is no error
    std::vector<Diagnostic> diagnostics;  // every error and warning found
    bool ok() const { return chain.has_value(); }
};

// Deeper nesting than this is refused before parsing, so no input can exhaust the stack.
inline constexpr int kMaxJsonDepth = 64;

// One rule for every JSON text the program reads (chains, sessions, weights): UTF-16, an empty text, control
// bytes, invalid UTF-8 and nesting deeper than kMaxJsonDepth are refused before parsing; a syntax error and
// a number out of range are located (line:column). Nothing when `document` holds the parsed text; `expected`
// names what an empty file should have held ("a chainatlas/1 JSON object").
std::optional<Diagnostic> parseJsonText(std::string_view text, const std::string& fileLabel, nlohmann::json& document,
                                        const char* expected);
// A chain JSON file, a folder of CSV files or an .xlsx workbook (docs/data.md).
LoadResult loadChainFile(const std::string& path);
// An .xlsx workbook's bytes, named `label` in diagnostics: the fast path, then the validating one.
LoadResult loadWorkbookBytes(std::string_view bytes, const std::string& label);
// Whether loadChainFile reads `path` as a workbook (its extension is .xlsx, in any case).
bool isWorkbookPath(const std::string& path);
// JSON text already in memory; `fileLabel` names it in diagnostics. Both take the fast path
// (fast_load.hpp) when the file is valid and the validating path otherwise.
LoadResult loadChainText(std::string_view text, const std::string& fileLabel);
// The validating paths alone: every problem, located (what the fast paths must agree with; their tests and
// fuzzers compare against these).
LoadResult validateChainText(std::string_view text, const std::string& fileLabel);
LoadResult validateCsvFolder(const std::string& folder);
LoadResult validateWorkbookBytes(std::string_view bytes, const std::string& label);
// Validates a parsed document and builds the model (validate.cpp).
LoadResult chainFromJson(const nlohmann::json& document, const std::string& fileLabel);
// The model back as a chainatlas/1 document (load/chain_json.cpp); loading it gives an equal chain.
nlohmann::json chainToJson(const Chain& chain);

}  // namespace chainatlas
