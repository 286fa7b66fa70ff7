// The entry point of the analysis: a scenario (region, hubs, weights, assumptions) in, the chain as drawn and
// its analysis out. Programs call analyzeScenario; analyze is the same analysis for a caller that keeps the
// chain itself and draws nothing (comparisons, the command's tables, tests).
#pragma once

#include <memory>

#include "chainatlas/analysis/targets.hpp"

namespace chainatlas {

// A what-if analysed as one value: the chain as drawn (the input itself when nothing is assumed, else a
// copy with the assumed sites) and its analysis. Both immutable, so a worker may hand them to the UI.
struct AnalysedScenario {
    std::shared_ptr<const Chain> drawn;
    Analysis analysis;
};
// The one call for a scenario: no order of steps to get right. `plain`: the analysis of the same region, hubs
// and weights without assumptions when the caller keeps it (the viewer, while only the assumed firms
// change): reused instead of computed again. `segments`: analyzeSegmentsOf(*chain, options) when the caller
// made it already (the viewer lays its map out from it first): its segments are taken instead of worked out
// again. Either one made for another scenario is not used, so a stale one costs time, never a wrong result.
AnalysedScenario analyzeScenario(const std::shared_ptr<const Chain>& chain, const AnalysisOptions& options,
                                 const Analysis* plain = nullptr, const Analysis* segments = nullptr);

// The same analysis without the drawn chain; with assumptions it also reports `changed` against the plain
// analysis.
Analysis analyze(const Chain& chain, const AnalysisOptions& options);

// The step analyzeScenario takes when it is given `plain` (public for its tests and benchmark): a what-if
// analysed without a copy of the chain (docs/method.md §11). The assumed sites are counted beside the
// chain's own, the presence matrix, statuses, density and targets follow from them, and the terms that only
// supplies, ties, metrics and locality decide are taken from `plain` for every firm the what-if leaves
// untouched (all but the assumed firms and their supply partners). The result is the analysis of the copy,
// to the last bit. A `plain` of another region, hubs or weights is not reused (it is made again).
Analysis analyzeWhatIf(const Chain& chain, const AnalysisOptions& options, const Analysis& plain,
                       const Analysis* segments = nullptr);

// The segments of analyze(chain, options) alone, with its region, hubs, assumptions and weights: statuses,
// counts, candidates and support, no targets. All that a map of segments is laid out from (segment labels
// carry counts and the no-candidate mark), in a tenth of an analysis's time: the viewer lays the map out from
// it while the targets are still being ranked.
Analysis analyzeSegmentsOf(const Chain& chain, const AnalysisOptions& options);

}  // namespace chainatlas
