// 三高三低 profiles (docs/method.md §7, profile.cpp): each firm's percentile among firms and each segment's
// profile among segments, over the six metrics of model.hpp.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "chainatlas/model/model.hpp"

namespace chainatlas {

// Percentile q of each firm in each metric (0.5 where missing or where only one firm has it).
std::vector<std::array<double, kMetricCount>> metricPercentiles(const Chain& chain);
// Mean over the six metrics of q, with 1 - q for the lower-is-better ones.
std::vector<double> profileScores(const Chain& chain);
// Segment profile P(s) among segments (docs/method.md §7); empty where the segment has no metric (basis `none`).
std::vector<std::optional<double>> segmentProfiles(const Chain& chain);
bool hasAnyMetric(const std::array<std::optional<double>, kMetricCount>& metrics);

}  // namespace chainatlas
