// Counts that describe a chain file (`chainatlas stats`).
#pragma once

#include <vector>

#include "chainatlas/model/model.hpp"

namespace chainatlas {

struct ChainStats {
    int segments = 0, links = 0, regions = 0, firms = 0, sites = 0, supplies = 0, sources = 0, stages = 0;
    std::vector<int> segmentsPerStage;  // by stage index; segments without a stage are counted in `unstaged`
    int unstaged = 0;
    std::vector<int> firmsPerRegion;  // distinct firms with a site in each region
    std::vector<int> emptySegments;   // segments in which no firm has a site
    int leaders = 0;
};

ChainStats computeStats(const Chain& chain);

}  // namespace chainatlas
