// Counts for `chainatlas stats`.
#include "chainatlas/model/stats.hpp"

namespace chainatlas {

ChainStats computeStats(const Chain& chain) {
    ChainStats stats;
    stats.segments = static_cast<int>(chain.segments.size());
    stats.links = static_cast<int>(chain.links.size());
    stats.regions = static_cast<int>(chain.regions.size());
    stats.firms = static_cast<int>(chain.firms.size());
    stats.supplies = static_cast<int>(chain.supplies.size());
    stats.sources = static_cast<int>(chain.sources.size());
    stats.stages = static_cast<int>(chain.stages.size());
    stats.segmentsPerStage.assign(chain.stages.size(), 0);
    for (const Segment& segment : chain.segments) {
        if (segment.stage >= 0) ++stats.segmentsPerStage[segment.stage];
        else ++stats.unstaged;
    }
    stats.firmsPerRegion.assign(chain.regions.size(), 0);
    std::vector<bool> segmentUsed(chain.segments.size(), false);
    std::vector<int> lastFirmInRegion(chain.regions.size(), -1);
    for (int f = 0; f < stats.firms; ++f) {
        const Firm& firm = chain.firms[f];
        if (firm.leader) ++stats.leaders;
        for (const Site& site : firm.sites) {
            ++stats.sites;
            if (lastFirmInRegion[site.region] != f) {
                lastFirmInRegion[site.region] = f;
                ++stats.firmsPerRegion[site.region];
            }
            for (int s : site.segments) segmentUsed[s] = true;
        }
    }
    for (int s = 0; s < stats.segments; ++s)
        if (!segmentUsed[s]) stats.emptySegments.push_back(s);
    return stats;
}

}  // namespace chainatlas
