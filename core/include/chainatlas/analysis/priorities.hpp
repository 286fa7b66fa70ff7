// Segment priorities (docs/method.md §10, priorities.cpp, 产业选择): which segments to pursue, by feasibility
// (density) and attractiveness (profile).
#pragma once

#include <vector>

#include "chainatlas/analysis/analysis.hpp"

namespace chainatlas {

struct Weights;  // targets.hpp (which includes this header: an Analysis holds its priorities)

// A segment to pursue (docs/method.md §10), with feasibility (density) and attractiveness (profile).
struct Priority {
    int segment = -1;
    Advice advice = Advice::None;
    double value = 0, density = 0, profile = 0.5;
    Basis basis = Basis::None;
    int candidates = 0;
    double score = 0;
};

// The segments to pursue (docs/method.md §10), ordered by score, then segment id.
std::vector<Priority> computePriorities(const Chain& chain, const std::vector<SegmentResult>& segments,
                                        const Weights& weights);

}  // namespace chainatlas
