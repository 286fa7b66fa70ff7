// Segment analysis for a focal region (docs/method.md §3–§7, analysis.cpp): presence, RCA, proximity and
// density, each segment's status, hubs and advice. The rest of the analysis builds on it: targets.hpp
// (the seven target terms, and `analyze`, which returns the whole Analysis), whatif.hpp (assumptions and
// what changed), priorities.hpp (segments to pursue), profile.hpp (三高三低 percentiles).
#pragma once

#include <cstddef>
#include <vector>

#include "chainatlas/model/model.hpp"

namespace chainatlas {

enum class SegmentStatus { Strong, Weak, Gap, Extension, Absent };
const char* statusKey(SegmentStatus status);  // "strong", "weak", "gap", "extension", "absent"

// What a planner does with a segment (docs/method.md §5); the first rule that holds, in this order.
enum class Advice { Keep, Leave, Complement, Fill, Strengthen, Extend, None };
const char* adviceKey(Advice advice);  // "keep", "leave", "complement", "fill", "strengthen", "extend", "none"

// Where a profile or innovation value comes from (docs/method.md §7, docs/method.md §8, docs/method.md §12); `None` is
// shown as no data (无数据).
enum class Basis { Firm, Segment, Ties, None };
const char* basisKey(Basis basis);  // "firm", "segment", "ties", "none"

// Why a segment's status changed under a what-if (docs/method.md §11).
enum class ChangeCause { Site, Share, Link };
const char* causeKey(ChangeCause cause);  // "site", "share", "link"

// X(r,s), n(r,s), RCA(r,s) and M(r,s) for every region and segment, stored region-major.
struct PresenceMatrix {
    int regions = 0, segments = 0;
    std::vector<double> output;  // X
    std::vector<int> sites;      // n
    std::vector<double> rca;
    std::vector<char> advantage;  // M: present and RCA >= 1 (within 1e-9)
    std::size_t at(int r, int s) const { return static_cast<std::size_t>(r) * segments + s; }
};
PresenceMatrix computePresence(const Chain& chain);

// Proximity phi(s, s') over all segment pairs, from M; row-major S x S.
std::vector<double> computeProximity(const PresenceMatrix& presence);
// Density omega(r, s) for one region and every segment.
std::vector<double> computeDensity(const PresenceMatrix& presence, const std::vector<double>& proximity, int region);

// Resources of the focal region serving a segment, by chain (docs/method.md §12).
struct ChainSupport {
    int innovation = 0, capital = 0, talent = 0, service = 0;
};

struct SegmentResult {
    SegmentStatus status = SegmentStatus::Absent;
    Advice advice = Advice::None;
    int sites = 0;
    double output = 0, rca = 0, density = 0;
    bool hubStrong = false, occupied = false, complement = false, singleSource = false;
    int candidates = 0;    // distinct firms with a site in s and none in the region (docs/method.md §4)
    double profile = 0.5;  // P(s) (docs/method.md §7)
    Basis profileBasis = Basis::None;
    ChainSupport support;   // docs/method.md §12
    bool transfer = false;  // 成果转化 opportunity (docs/method.md §12)
    bool market = false;    // the chain's customers: no candidates, no value, not a priority
};

// The firms with a counted site in segment s, in file order (a market segment's customers, for one).
std::vector<int> firmsInSegment(const Chain& chain, int segment);

// The advice of docs/method.md §5 from status, occupied and complement.
Advice adviceFor(const SegmentResult& segment);
// Segment statuses and flags only (no targets): for one region and its hubs.
std::vector<SegmentResult> analyzeSegments(const Chain& chain, const PresenceMatrix& presence,
                                           const std::vector<double>& proximity, int region,
                                           const std::vector<int>& hubs);

}  // namespace chainatlas
