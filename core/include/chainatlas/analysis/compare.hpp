// Several regions side by side against the same hubs (docs/method.md §14): per segment the status and
// advice in each region; per region the counts of each advice, its local firms, sites and local supply
// share, the what-ifs made for it and its top three targets; and the targets neighbours contest (a firm in
// the top ten of two or more). Each region's analysis is the core's ordinary one; this module gathers.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "chainatlas/analysis/targets.hpp"

namespace chainatlas {

inline constexpr int kAdviceCount = 7;  // Advice::Keep .. Advice::None
inline constexpr std::size_t kCompareTop = 3;
inline constexpr int kContestedTop = 10;  // a firm in the top ten of two regions is contested

struct RegionComparison {
    int region = -1;
    std::vector<int> hubs;                          // the hubs less the region itself
    std::vector<Assumption> assumed;                // the what-ifs that name this region
    std::vector<SegmentStatus> status;              // per segment
    std::vector<Advice> advice;                     // per segment
    std::array<int, kAdviceCount> adviceCounts{};   // by Advice
    std::vector<Target> top;                        // the first three targets
    std::vector<std::pair<int, int>> topTen;        // (firm, rank) of the first ten
    int localFirms = 0, localSites = 0;             // counted firms and sites in the region
    std::size_t suppliers = 0, localSuppliers = 0;  // summed over its local buyers (本地配套率)
    double localShare() const { return suppliers == 0 ? 0.0 : static_cast<double>(localSuppliers) / suppliers; }
};

// A firm that two or more of the compared regions have in their top ten.
struct Contest {
    int firm = -1;
    std::vector<std::pair<int, int>> ranks;  // (region, rank), in the order the regions were asked for
};

struct Comparison {
    std::vector<int> hubs;
    Weights weights;
    std::vector<RegionComparison> regions;  // in the order asked for, each once
    std::vector<Contest> contested;         // by best rank, then firm id
    std::vector<std::string> warnings;      // a region given twice, or given as its own hub
};

// `assumptions` apply each to the region it names.
Comparison compareRegions(const Chain& chain, const std::vector<int>& regions, const std::vector<int>& hubs,
                          const Weights& weights, const std::vector<Assumption>& assumptions = {});

// {"chain", "hubs", "weights", "regions": [ids], "segments": [{"id", "regions": {region: {"status", "advice"}}}],
//  "summary": [{"region", "hubs", "assumed", "local_firms", "local_sites", "local_supply": {"suppliers", "local",
//  "share"}, "advice": {advice: count}, "top": [{"rank", "rank_range", "firm", "score"}]}],
//  "contested": [{"firm", "ranks": {region: rank}}], "warnings": [text]}
nlohmann::json comparisonToJson(const Chain& chain, const Comparison& comparison);
// Two blocks separated by an empty line: segments × regions, then the per-region summary. UTF-8 with BOM.
std::string comparisonToCsv(const Chain& chain, const Comparison& comparison, Lang lang);

}  // namespace chainatlas
