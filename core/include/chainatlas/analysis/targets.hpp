// Investment targets (docs/method.md §8, targets.cpp): the seven explained terms and their weights, ranking and
// set-aside, and the whole analysis of a scenario, which targets.cpp assembles from the segment analysis
// (analysis.hpp), the priorities (priorities.hpp) and the what-if (whatif.hpp). Include this header for
// `analyze` and `analyzeScenario`.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chainatlas/analysis/analysis.hpp"
#include "chainatlas/analysis/local_supply.hpp"
#include "chainatlas/analysis/priorities.hpp"
#include "chainatlas/analysis/whatif.hpp"

namespace chainatlas {

// Weights of the seven target terms (docs/method.md §8) and the discount for segments a hub occupies.
// By default head-on competition with the hub earns nothing (discount 1.0, docs/method.md §8); the user may lower it.
struct Weights {
    double fit = 3, anchor = 2, hub = 1, leader = 1, density = 1, profile = 2, innovation = 1;
    double occupiedDiscount = 1.0;
    bool operator==(const Weights&) const = default;
};
enum Term { TermFit, TermAnchor, TermHub, TermLeader, TermDensity, TermProfile, TermInnovation };
inline constexpr int kTermCount = 7;
inline constexpr std::array<const char*, kTermCount> kTermKeys = {"fit",     "anchor",  "hub",       "leader",
                                                                  "density", "profile", "innovation"};
double termWeight(const Weights& weights, int term);
double& termWeight(Weights& weights, int term);  // the slot, for sliders and readers
nlohmann::json weightsToJson(const Weights& weights);
// Reads a --weights object: `weights` with the keys the object gives replaced, or the error (Format) as
// "/pointer: message".
Result<Weights> weightsFromJson(const nlohmann::json& object, Weights weights = {});

// A segment of a candidate with a value to the region (v(s) > 0). It is earned when its value after the
// occupied discount, v′(s), is above 0; otherwise it is unscored and counts nowhere (docs/method.md §8).
struct FitSegment {
    int segment = -1;
    SegmentStatus status = SegmentStatus::Absent;
    Advice advice = Advice::None;
    double value = 0;  // v(s), before the occupied discount
    bool occupied = false;
    bool complement = false;
    double density = 0;                // ω(r,s)
    double profile = 0.5;              // P(s)
    Basis profileBasis = Basis::None;  // of P(s)
    double earned = 0;                 // v′(s) under the weights last scored with
    bool isEarned() const { return earned > 0; }
    // v′(s) > 0 under this occupied discount (for lists written with the discount at hand).
    bool earnedUnder(double occupiedDiscount) const { return value * (occupied ? 1.0 - occupiedDiscount : 1.0) > 0; }
};

struct Target {
    int firm = -1;
    int rank = 0;
    double score = 0;
    std::array<double, kTermCount> value{};  // each term in [0, 1]
    std::array<double, kTermCount> weighted{};
    std::vector<FitSegment> segments;      // every segment with v(s) > 0: earned ones and unscored ones
    std::vector<int> anchors;              // local partners: local firms it supplies or that supply it, there
    std::vector<int> anchorsInferred;      // those counted only through links whose local end was inferred
    std::vector<int> hubPartners;          // firms it supplies at a hub
    std::vector<int> hubPartnersInferred;  // those counted only through links whose hub end was inferred
    std::vector<int> resources;            // resources it has a tie to that earned `innovation` (docs/method.md §12)
    Basis profileBasis = Basis::None;      // None: the neutral 0.5 is imputed
    Basis innovationBasis = Basis::None;
    std::optional<double> firmProfile;  // its own 三高三低 profile among firms, when it has a metric
    int baseRank = 0;                   // under a what-if: its rank without the assumptions (0: not ranked then)
    int rankBest = 0, rankWorst = 0;    // best and worst rank over the 14 weight variants (docs/method.md §9)
    bool profileImputed() const { return profileBasis == Basis::None; }
    std::vector<int> unscored() const;  // segments with v(s) > 0 but v′(s) = 0, in segment order
};

// A candidate whose fit is 0 after the occupied discount (docs/method.md §8): listed, not ranked.
struct SetAside {
    int firm = -1;
    std::vector<int> segments;  // the discounted segments it would have earned fit in
};

// Segment value v(s) before the occupied discount (docs/method.md §8): gap 1, extension 0.6, weak 0.4, complement at
// least 0.8.
double segmentValue(const SegmentResult& segment);

struct AnalysisOptions {
    int region = -1;
    std::vector<int> hubs;
    std::vector<Assumption> assumptions;
    Weights weights;
};

struct Analysis {
    int region = -1;
    std::vector<int> hubs;
    std::vector<Assumption> assumed;  // with default segments filled in
    Weights weights;
    std::vector<SegmentResult> segments;
    std::vector<Target> targets;       // ordered by score, then firm id; rank starts at 1
    std::vector<SetAside> setAside;    // ordered by firm id
    std::vector<Priority> priorities;  // ordered by score, then segment id
    std::vector<StatusChange> changed;
    std::vector<LocalSupply> localSupply;
    // The set-aside candidates with all their terms, so rerank() can bring them back when the discount drops.
    std::vector<Target> unranked;
};

// Scores and orders the targets again with new weights (fit, density and profile follow the earned segments,
// which follow the discount); the other terms are kept. Sets each target's rank and rank range.
void rankTargets(std::vector<Target>& targets, const Chain& chain, const Weights& weights);
// Scores are compared after rounding to 9 decimals, so that a sum's last bits never decide a rank.
long long scoreKey(double score);
// The same for a whole analysis: candidates move between `targets` and `setAside` as the discount changes,
// and the priorities are scored again. `baseRank` keeps the value computed by analyze().
void rerank(Analysis& analysis, const Chain& chain, const Weights& weights);

}  // namespace chainatlas
