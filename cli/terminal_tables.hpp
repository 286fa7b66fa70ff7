// The terminal tables of `chainatlas analyze` and `compare` (JSON and CSV are the core's results area).
#pragma once

#include <string>

#include "chainatlas/analysis/compare.hpp"
#include "chainatlas/analysis/targets.hpp"

namespace chainatlas::cli {

// Terminal report: segments grouped by stage, then the targets; columns aligned for wide characters.
std::string analysisToTable(const Chain& chain, const Analysis& analysis, std::size_t top, Lang lang);

// `chainatlas compare`: segments × regions (status / advice), then per region the advice counts and top three.
std::string comparisonToTable(const Chain& chain, const Comparison& comparison, Lang lang);

}  // namespace chainatlas::cli
