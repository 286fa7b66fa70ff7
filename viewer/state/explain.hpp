// Problems in the interface language: the core locates every problem in English ("nev.json: /region: unknown
// region \"weinna\" (did you mean \"weinan\"?)"); the window shows it in the planner's language, place and
// suggestion kept, with a first line that says what happened. No ImGui here: tested without a window.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chainatlas/base/diagnostics.hpp"
#include "chainatlas/model/model.hpp"

namespace viewer {

// One located problem in `lang`: known English phrases in Chinese, the file, place, ids and did-you-mean kept.
std::string explainProblem(std::string_view line, chainatlas::Lang lang);
// What the planner reads first when a file did not open: that it is no chain at all (a text or binary file
// that is not JSON), or that it has errors at the places listed.
std::string problemHeadline(const std::vector<chainatlas::Diagnostic>& problems, chainatlas::Lang lang);

}  // namespace viewer
