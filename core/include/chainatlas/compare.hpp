// Several regions side by side against the same hubs (DESIGN §4 `compare`): per segment the status and
// advice in each region, per region the counts of each advice and its top three targets. The analysis of
// each region is the core's ordinary one; this module only gathers and formats.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "chainatlas/targets.hpp"

namespace chainatlas {

inline constexpr int kAdviceCount = 7;  // Advice::Keep .. Advice::None
inline constexpr std::size_t kCompareTop = 3;

struct RegionComparison {
    int region = -1;
    std::vector<SegmentStatus> status;             // per segment
    std::vector<Advice> advice;                    // per segment
    std::array<int, kAdviceCount> adviceCounts{};  // by Advice
    std::vector<Target> top;                       // the first three targets
};

struct Comparison {
    std::vector<int> hubs;
    Weights weights;
    std::vector<RegionComparison> regions;  // in the order asked for
};

Comparison compareRegions(const Chain& chain, const std::vector<int>& regions, const std::vector<int>& hubs,
                          const Weights& weights);

// {"chain", "hubs", "weights", "regions": [ids], "segments": [{"id", "regions": {region: {"status", "advice"}}}],
//  "summary": [{"region", "advice": {advice: count}, "top": [{"rank", "firm", "score"}]}]}
nlohmann::json comparisonToJson(const Chain& chain, const Comparison& comparison);
// Two blocks separated by an empty line: segments × regions, then the per-region summary. UTF-8 with BOM.
std::string comparisonToCsv(const Chain& chain, const Comparison& comparison, Lang lang);

}  // namespace chainatlas
