// The terminal table of `chainatlas analyze` (JSON and CSV live in the core's report module).
#pragma once

#include <string>

#include "chainatlas/compare.hpp"
#include "chainatlas/targets.hpp"

namespace chainatlas::cli {

// Terminal report: segments grouped by stage, then the targets; columns aligned for wide characters.
std::string analysisToTable(const Chain& chain, const Analysis& analysis, std::size_t top, Lang lang);

// `chainatlas compare`: segments × regions (status / advice), then per region the advice counts and top three.
std::string comparisonToTable(const Chain& chain, const Comparison& comparison, Lang lang);

}  // namespace chainatlas::cli
