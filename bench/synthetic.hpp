// Synthetic chains of any size with a fixed seed, for benchmarks and scale tests.
#pragma once

#include <cstdint>
#include <string>

#include "chainatlas/model/model.hpp"

namespace bench {

struct SyntheticSpec {
    int segments = 300;
    int regions = 300;
    int firms = 100000;
    int supplies = 500000;
    int stages = 5;
    int resources = 0;  // research institutes, funds, ... (DESIGN §3.9), spread over the regions
    int ties = 0;       // firm–resource ties, a tenth of them unconfirmed (C)
    std::uint64_t seed = 20261126;
};

// Segments in stages with links only from lower to higher index (so always acyclic); firms with one or
// two sites in nearby segments, regions skewed so that some are hubs; supplies run downstream. Resources and
// ties (none unless asked) come last, so a spec without them gives the same chain as before they existed.
chainatlas::Chain generateChain(const SyntheticSpec& spec);

// The chain as a folder of CSV files in the layout chainatlas reads (docs/data.md): stages, segments
// (without metrics), links, regions, firms, sites, supplies, and resources and ties when the chain has any;
// numbers as they read back exactly.
chainatlas::Status writeCsvFolder(const chainatlas::Chain& chain, const std::string& folder);

}  // namespace bench
