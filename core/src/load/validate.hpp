// What the validator (validate.cpp) shares with the fast path (fast_load.cpp), private to the core. Its
// public entry, chainFromJson, is declared in load.hpp.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "chainatlas/model/model.hpp"

namespace chainatlas {

// Outputs are each finite, but the analysis adds them up (a site once per segment it lists) and divides
// shares of the total: the sum must stay finite and the smallest positive output must not vanish beside
// it, or RCA becomes infinite or NaN. The site that breaks it, if any (checked by both loaders).
struct OutputTotalProblem {
    std::size_t firm = 0, site = 0;
    bool infiniteTotal = false;  // else: the smallest output is over 300 orders of magnitude below the total
};
std::optional<OutputTotalProblem> outputTotalProblem(const ChunkedVector<Firm>& firms);

}  // namespace chainatlas
