// The analyses of DESIGN.md §3: segment status for a focal region, hubs and complementary development,
// relatedness density, and explained investment targets. Free functions over a const Chain.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chainatlas/model.hpp"

namespace chainatlas {

enum class SegmentStatus { Strong, Weak, Gap, Extension, Absent };
const char* statusKey(SegmentStatus status);  // "strong", "weak", "gap", "extension", "absent"

// What a planner does with a segment (§3.3); the first rule that holds, in this order.
enum class Advice { Keep, Leave, Complement, Fill, Strengthen, Extend, None };
const char* adviceKey(Advice advice);  // "keep", "leave", "complement", "fill", "strengthen", "extend", "none"

// Where a profile or innovation value comes from (§3.5, §3.6, §3.9); `None` is shown as no data (无数据).
enum class Basis { Firm, Segment, Ties, None };
const char* basisKey(Basis basis);  // "firm", "segment", "ties", "none"

// Why a segment's status changed under a what-if (§3.8).
enum class ChangeCause { Site, Share, Link };
const char* causeKey(ChangeCause cause);  // "site", "share", "link"

// Weights of the seven target terms (§3.6) and the discount for segments a hub occupies.
// By default head-on competition with the hub earns nothing (discount 1.0, §3.6); the user may lower it.
struct Weights {
    double fit = 3, anchor = 2, hub = 1, leader = 1, density = 1, profile = 2, innovation = 1;
    double occupiedDiscount = 1.0;
};
enum Term { TermFit, TermAnchor, TermHub, TermLeader, TermDensity, TermProfile, TermInnovation };
inline constexpr int kTermCount = 7;
inline constexpr std::array<const char*, kTermCount> kTermKeys = {"fit",     "anchor",  "hub",       "leader",
                                                                  "density", "profile", "innovation"};
double termWeight(const Weights& weights, int term);
double& termWeight(Weights& weights, int term);  // the slot, for sliders and readers
nlohmann::json weightsToJson(const Weights& weights);
// Reads a --weights object; returns "" or the problem as "/pointer: message".
std::string weightsFromJson(const nlohmann::json& object, Weights& weights);

// "Assume firm f opens a site in region r in these segments" (§3.8).
struct Assumption {
    int firm = -1;
    int region = -1;
    std::vector<int> segments;  // empty: all segments of the firm's existing sites
};

struct AnalysisOptions {
    int region = -1;
    std::vector<int> hubs;
    std::vector<Assumption> assumptions;
    Weights weights;
};

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

// Resources of the focal region serving a segment, by chain (§3.9).
struct ChainSupport {
    int innovation = 0, capital = 0, talent = 0, service = 0;
};

struct SegmentResult {
    SegmentStatus status = SegmentStatus::Absent;
    Advice advice = Advice::None;
    int sites = 0;
    double output = 0, rca = 0, density = 0;
    bool hubStrong = false, occupied = false, complement = false, singleSource = false;
    int candidates = 0;    // distinct firms with a site in s and none in the region (§3.2)
    double profile = 0.5;  // P(s) (§3.5)
    Basis profileBasis = Basis::None;
    ChainSupport support;   // §3.9
    bool transfer = false;  // 成果转化 opportunity (§3.9)
};

// A segment of a candidate that earned `fit`.
struct FitSegment {
    int segment = -1;
    SegmentStatus status = SegmentStatus::Absent;
    Advice advice = Advice::None;
    double value = 0;  // before the occupied discount
    bool occupied = false;
    bool complement = false;
};

struct Target {
    int firm = -1;
    int rank = 0;
    double score = 0;
    std::array<double, kTermCount> value{};  // each term in [0, 1]
    std::array<double, kTermCount> weighted{};
    std::vector<FitSegment> segments;
    std::vector<int> anchors;      // local firms that supply it or are supplied by it
    std::vector<int> hubPartners;  // firms with a site in a hub region that it supplies
    std::vector<int> resources;    // resources it has a tie to that earned `innovation` (§3.9)
    Basis profileBasis = Basis::None;
    Basis innovationBasis = Basis::None;
    int baseRank = 0;  // under a what-if: its rank without the assumptions (0: not ranked then)
};

// A candidate whose fit is 0 after the occupied discount (§3.6): listed, not ranked.
struct SetAside {
    int firm = -1;
    std::vector<int> segments;  // the discounted segments it would have earned fit in
};

// A segment to pursue (§3.7), with feasibility (density) and attractiveness (profile).
struct Priority {
    int segment = -1;
    Advice advice = Advice::None;
    double value = 0, density = 0, profile = 0.5;
    Basis basis = Basis::None;
    int candidates = 0;
    double score = 0;
};

struct StatusChange {
    int segment = -1;
    SegmentStatus from = SegmentStatus::Absent, to = SegmentStatus::Absent;
    ChangeCause cause = ChangeCause::Link;
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
    // The set-aside candidates with all their terms, so rerank() can bring them back when the discount drops.
    std::vector<Target> unranked;
};

// Percentile q of each firm in each metric (0.5 where missing or where only one firm has it).
std::vector<std::array<double, kMetricCount>> metricPercentiles(const Chain& chain);
// Mean over the six metrics of q, with 1 - q for the lower-is-better ones.
std::vector<double> profileScores(const Chain& chain);
// Segment profile P(s) among segments (§3.5); empty where the segment has no metric (basis `none`).
std::vector<std::optional<double>> segmentProfiles(const Chain& chain);
bool hasAnyMetric(const std::array<std::optional<double>, kMetricCount>& metrics);

// Segment value v(s) before the occupied discount (§3.6): gap 1, extension 0.6, weak 0.4, complement at least 0.8.
double segmentValue(const SegmentResult& segment);
// The advice of §3.3 from status, occupied and complement.
Advice adviceFor(const SegmentResult& segment);
// The segments to pursue (§3.7), ordered by score, then segment id.
std::vector<Priority> computePriorities(const Chain& chain, const std::vector<SegmentResult>& segments,
                                        const Weights& weights);

// Reads "FIRM@REGION[:SEG,SEG...]" (command line, viewer); returns "" or the problem, with did-you-mean.
std::string parseAssumption(const Chain& chain, const std::string& text, Assumption& assumption);

// The assumptions with their default segments filled in (every segment of the firm's existing sites),
// sorted and unique: the form applyAssumptions and the analysis's `assumed` use.
std::vector<Assumption> withDefaultSegments(const Chain& chain, std::vector<Assumption> assumptions);
// A copy of the chain with the assumed sites added (Site::assumed, output absent so each counts as 1).
// The input is not changed; assumptions without segments get their defaults here too.
Chain applyAssumptions(const Chain& chain, const std::vector<Assumption>& assumptions);

// A what-if analysed as one value: the chain as drawn (the input itself when nothing is assumed, else a
// copy with the assumed sites) and its analysis. Both immutable, so a worker may hand them to the UI.
struct AnalysedScenario {
    std::shared_ptr<const Chain> drawn;
    Analysis analysis;
};
// The one call for a scenario (region, hubs, weights, assumptions): no order of steps to get right.
// `plain`: the analysis of the same region, hubs and weights without assumptions when the caller keeps it
// (the viewer, while only the assumed firms change): reused instead of computed again.
AnalysedScenario analyzeScenario(const std::shared_ptr<const Chain>& chain, const AnalysisOptions& options,
                                 const Analysis* plain = nullptr);

// The full analysis; with assumptions it also reports `changed` against the plain analysis.
Analysis analyze(const Chain& chain, const AnalysisOptions& options);
// The same when the caller already holds the chain with the assumptions applied (analyzeScenario does),
// so it is not copied twice. `options.assumptions` must be those applied, with their segments filled in.
Analysis analyzeAssumed(const Chain& chain, const Chain& assumedChain, const AnalysisOptions& options);
// The same with the plain analysis (the same region, hubs and weights, no assumptions) already at hand: the
// viewer keeps it while only the assumed firms change, so a what-if runs one analysis instead of two.
Analysis analyzeAssumed(const Chain& chain, const Chain& assumedChain, const AnalysisOptions& options,
                        const Analysis& plain);
// Segment statuses and flags only (no targets): for one region and its hubs.
std::vector<SegmentResult> analyzeSegments(const Chain& chain, const PresenceMatrix& presence,
                                           const std::vector<double>& proximity, int region,
                                           const std::vector<int>& hubs);
// Scores and orders the targets again with new weights; statuses and terms other than fit are kept.
void rankTargets(std::vector<Target>& targets, const Chain& chain, const Weights& weights);
// The same for a whole analysis: candidates move between `targets` and `setAside` as the discount changes,
// and the priorities are scored again. `baseRank` keeps the value computed by analyze().
void rerank(Analysis& analysis, const Chain& chain, const Weights& weights);
// Segments whose status differs between two analyses of one region, each with its cause (§3.8).
std::vector<StatusChange> statusChanges(const std::vector<SegmentResult>& before,
                                        const std::vector<SegmentResult>& after,
                                        const std::vector<Assumption>& assumptions, int region);

}  // namespace chainatlas
