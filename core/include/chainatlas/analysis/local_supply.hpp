// 本地配套率, the local supply share (docs/method.md §13, local_supply.cpp): of the firms supplying a local
// buyer's plant in the region, how many ship from the region — the figure chain plans quote.
#pragma once

#include <vector>

#include "chainatlas/model/model.hpp"

namespace chainatlas {

// 本地配套率 of one local buyer (docs/method.md §13): who supplies its plant in the region, and who of them
// ships from the region.
struct LocalSupply {
    int firm = -1;
    std::vector<int> suppliers;        // distinct firms supplying its plant in the region (firm id order)
    std::vector<int> local;            // those whose shipping end is in the region
    std::vector<int> inferred;         // suppliers whose every record leaves its plant unnamed
    std::vector<int> outsideSegments;  // segments bought from outside the region, in file order
    double share() const { return suppliers.empty() ? 0.0 : static_cast<double>(local.size()) / suppliers.size(); }
};
// Every local buyer with at least one counted supply received in the region; ordered by suppliers
// (descending), then firm id.
std::vector<LocalSupply> localSupply(const Chain& chain, int region);
// The same with `local[f]` saying whether firm f is local (a what-if adds sites without copying the chain).
std::vector<LocalSupply> localSupply(const Chain& chain, int region, const std::vector<char>& local);

// The share over all rows: local suppliers over suppliers, each buyer's suppliers counted apart (compare).
double overallLocalShare(const std::vector<LocalSupply>& rows);

}  // namespace chainatlas
