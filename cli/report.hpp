// Output of `chainatlas analyze` in its three formats (table, JSON, CSV); formatting only.
#pragma once

#include <string>

#include "chainatlas/analysis.hpp"

namespace chainatlas::cli {

// The §4 JSON object; `top` limits the targets (0: all).
nlohmann::json analysisToJson(const Chain& chain, const Analysis& analysis, std::size_t top);
// Target list as CSV, UTF-8 with a byte-order mark.
std::string analysisToCsv(const Chain& chain, const Analysis& analysis, std::size_t top, Lang lang);
// Terminal report: segments grouped by stage, then the targets; columns aligned for wide characters.
std::string analysisToTable(const Chain& chain, const Analysis& analysis, std::size_t top, Lang lang);

}  // namespace chainatlas::cli
