// Synthetic chains of any size with a fixed seed, for benchmarks and scale tests.
#pragma once

#include <cstdint>

#include "chainatlas/model.hpp"

namespace bench {

struct SyntheticSpec {
    int segments = 300;
    int regions = 300;
    int firms = 100000;
    int supplies = 500000;
    int stages = 5;
    std::uint64_t seed = 20261126;
};

// Segments in stages with links only from lower to higher index (so always acyclic); firms with one or
// two sites in nearby segments, regions skewed so that some are hubs; supplies run downstream.
chainatlas::Chain generateChain(const SyntheticSpec& spec);

}  // namespace bench
