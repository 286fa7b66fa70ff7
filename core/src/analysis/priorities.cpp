// Segment priorities (docs/method.md §10, 产业选择): which segments to pursue, by feasibility and attractiveness.
#include "chainatlas/analysis/priorities.hpp"

#include <algorithm>
#include <cmath>

#include "chainatlas/analysis/targets.hpp"  // Weights, segmentValue

namespace chainatlas {

namespace {

bool toPursue(Advice advice) {
    return advice == Advice::Fill || advice == Advice::Complement || advice == Advice::Strengthen ||
           advice == Advice::Extend;
}
}  // namespace

std::vector<Priority> computePriorities(const Chain& chain, const std::vector<SegmentResult>& segments,
                                        const Weights& weights) {
    std::vector<Priority> priorities;
    for (std::size_t s = 0; s < segments.size(); ++s) {
        const SegmentResult& r = segments[s];
        // Occupied segments are `leave`: never listed, so no discount here. A market is customers, not a pursuit.
        if (!toPursue(r.advice) || r.market) continue;
        Priority p;
        p.segment = static_cast<int>(s);
        p.advice = r.advice;
        p.value = segmentValue(r);
        p.density = r.density;
        p.profile = r.profile;
        p.basis = r.profileBasis;
        p.candidates = r.candidates;
        p.score = weights.fit * p.value + weights.density * p.density + weights.profile * p.profile;
        priorities.push_back(p);
    }
    std::sort(priorities.begin(), priorities.end(), [&](const Priority& a, const Priority& b) {
        if (scoreKey(a.score) != scoreKey(b.score)) return scoreKey(a.score) > scoreKey(b.score);
        return chain.segments[a.segment].id < chain.segments[b.segment].id;
    });
    return priorities;
}

}  // namespace chainatlas
