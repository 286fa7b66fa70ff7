// The terminal table of `chainatlas analyze` (JSON and CSV live in the core's report module).
#pragma once

#include <string>

#include "chainatlas/analysis.hpp"

namespace chainatlas::cli {

// Terminal report: segments grouped by stage, then the targets; columns aligned for wide characters.
std::string analysisToTable(const Chain& chain, const Analysis& analysis, std::size_t top, Lang lang);

}  // namespace chainatlas::cli
