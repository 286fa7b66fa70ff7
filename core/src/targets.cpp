// Investment targets (DESIGN §3.6): candidates, the seven explained terms, weights, set-aside and ranking.
#include "chainatlas/targets.hpp"

#include <algorithm>
#include <cmath>
#include <future>

#include "chain_index.hpp"
#include "chainatlas/profile.hpp"
#include "chainatlas/support.hpp"
#include "chainatlas/text.hpp"
#include "json_reader.hpp"

namespace chainatlas {

namespace {
constexpr double kScoreTieTolerance = 1e-9;  // scores this close count as a tie, broken by firm id
}  // namespace

double segmentValue(const SegmentResult& segment) {
    double value = 0;
    switch (segment.status) {
        case SegmentStatus::Gap: value = 1.0; break;
        case SegmentStatus::Extension: value = 0.6; break;
        case SegmentStatus::Weak: value = 0.4; break;
        default: break;
    }
    if (segment.complement) value = std::max(value, 0.8);
    return value;
}

double& termWeight(Weights& w, int term) {
    switch (term) {
        case TermFit: return w.fit;
        case TermAnchor: return w.anchor;
        case TermHub: return w.hub;
        case TermLeader: return w.leader;
        case TermDensity: return w.density;
        case TermProfile: return w.profile;
        case TermInnovation: return w.innovation;
    }
    return w.occupiedDiscount;  // not reached: every Term is listed
}

double termWeight(const Weights& w, int term) { return termWeight(const_cast<Weights&>(w), term); }

nlohmann::json weightsToJson(const Weights& w) {
    return {{"fit", w.fit},
            {"anchor", w.anchor},
            {"hub", w.hub},
            {"leader", w.leader},
            {"density", w.density},
            {"profile", w.profile},
            {"innovation", w.innovation},
            {"occupied_discount", w.occupiedDiscount}};
}

std::string weightsFromJson(const nlohmann::json& object, Weights& w) {
    if (!object.is_object()) return "/: weights must be a JSON object";
    std::vector<std::string> keys(kTermKeys.begin(), kTermKeys.end());
    keys.emplace_back("occupied_discount");
    auto slot = [&](std::ptrdiff_t index) -> double& {
        return index < kTermCount ? termWeight(w, static_cast<int>(index)) : w.occupiedDiscount;
    };
    for (auto it = object.begin(); it != object.end(); ++it) {
        auto key = std::find(keys.begin(), keys.end(), it.key());
        if (key == keys.end())
            return pointerTo("", it.key()) + ": unknown weight \"" + it.key() + "\"" + didYouMean(it.key(), keys);
        if (!it->is_number()) return "/" + it.key() + ": must be a number, found " + jsonTypeName(*it);
        if (!std::isfinite(it->get<double>())) return "/" + it.key() + ": must be a finite number";
        double value = it->get<double>();
        if (value < 0) return "/" + it.key() + ": must not be negative";
        // Bounded so that scores stay readable numbers (1e308 would overflow to infinity).
        if (value > 100) return "/" + it.key() + ": must be at most 100";
        if (it.key() == "occupied_discount" && value > 1) return "/occupied_discount: must lie in [0, 1]";
        slot(key - keys.begin()) = value;
    }
    return {};
}

namespace {

// What every candidate needs to know about every firm: local to the region, in a hub region, profile.
struct FirmFacts {
    std::vector<char> local, inHub;
    std::vector<double> profile;
    std::vector<char> hasMetric;
};

FirmFacts firmFacts(const Chain& chain, int region, const std::vector<int>& hubs) {
    std::size_t count = chain.firms.size();
    FirmFacts facts{std::vector<char>(count, 0), std::vector<char>(count, 0), profileScores(chain),
                    std::vector<char>(count, 0)};
    for (std::size_t f = 0; f < count; ++f) {
        for (const Site& site : chain.firms[f].sites) {
            if (site.region == region) facts.local[f] = 1;
            if (std::find(hubs.begin(), hubs.end(), site.region) != hubs.end()) facts.inHub[f] = 1;
        }
        facts.hasMetric[f] = hasAnyMetric(chain.firms[f].metrics);
    }
    return facts;
}

// The segments of firm f where it earns fit (v(s) > 0 before the discount), in segment order.
std::vector<FitSegment> earnedSegments(const Chain& chain, std::size_t f, const std::vector<SegmentResult>& segments) {
    std::vector<int> ids;
    for (const Site& site : chain.firms[f].sites) ids.insert(ids.end(), site.segments.begin(), site.segments.end());
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<FitSegment> earned;
    for (int s : ids) {
        const SegmentResult& r = segments[s];
        double value = segmentValue(r);
        if (value > 0) earned.push_back({s, r.status, r.advice, value, r.occupied, r.complement});
    }
    return earned;
}

// Local partners (either direction) and the hub firms it supplies; the hub term only for a firm with no site
// in a hub region: it would bring new supply next to the hub, not move the hub's own supplier away (§3.6).
void partnerTerms(const Chain& chain, std::size_t f, const FirmFacts& facts, Target& target) {
    const detail::ChainGraph& graph = chain.index().supplyGraph();
    for (auto [e, end] = boost::out_edges(static_cast<int>(f), graph); e != end; ++e) {
        auto partner = static_cast<int>(boost::target(*e, graph));
        if (facts.local[partner]) target.anchors.push_back(partner);
        if (facts.inHub[partner]) target.hubPartners.push_back(partner);
    }
    for (auto [e, end] = boost::in_edges(static_cast<int>(f), graph); e != end; ++e) {
        auto partner = static_cast<int>(boost::source(*e, graph));
        if (facts.local[partner]) target.anchors.push_back(partner);
    }
    auto byId = [&](int a, int b) { return chain.firms[a].id < chain.firms[b].id; };
    for (auto* list : {&target.anchors, &target.hubPartners}) {
        std::sort(list->begin(), list->end(), byId);
        list->erase(std::unique(list->begin(), list->end()), list->end());
    }
    target.value[TermAnchor] = std::min<double>(static_cast<double>(target.anchors.size()), 3.0) / 3.0;
    target.value[TermHub] = !target.hubPartners.empty() && !facts.inHub[f] ? 1.0 : 0.0;
}

// Firm profile (basis firm); else the mean P(s) of its earned segments that have metrics (basis segment);
// else 0.5 (basis none: neutral, shown as no data).
void profileTerm(std::size_t f, const FirmFacts& facts, const std::vector<SegmentResult>& segments, Target& target) {
    if (facts.hasMetric[f]) {
        target.value[TermProfile] = facts.profile[f];
        target.profileBasis = Basis::Firm;
        return;
    }
    double sum = 0;
    int count = 0;
    for (const FitSegment& fs : target.segments)
        if (segments[fs.segment].profileBasis == Basis::Segment) {
            sum += segments[fs.segment].profile;
            ++count;
        }
    target.value[TermProfile] = count > 0 ? sum / count : 0.5;
    target.profileBasis = count > 0 ? Basis::Segment : Basis::None;
}

// Every candidate with every term but fit (fit depends on the discount: rankTargets sets it).
std::vector<Target> buildCandidates(const Chain& chain, const std::vector<SegmentResult>& segments, int region,
                                    const std::vector<int>& hubs) {
    FirmFacts facts = firmFacts(chain, region, hubs);
    ConfirmedTiesByFirm ties = confirmedTiesByFirm(chain);
    std::vector<Target> targets;
    for (std::size_t f = 0; f < chain.firms.size(); ++f) {
        if (facts.local[f]) continue;
        Target target;
        target.firm = static_cast<int>(f);
        target.segments = earnedSegments(chain, f, segments);
        if (target.segments.empty()) continue;
        partnerTerms(chain, f, facts, target);
        target.value[TermLeader] = chain.firms[f].leader ? 1.0 : 0.0;
        double density = 0;
        for (const FitSegment& fs : target.segments) density = std::max(density, segments[fs.segment].density);
        target.value[TermDensity] = density;
        profileTerm(f, facts, segments, target);
        InnovationTerm innovation = innovationTerm(chain, ties, static_cast<int>(f), region, hubs);
        target.value[TermInnovation] = innovation.value;
        target.resources = std::move(innovation.resources);
        target.innovationBasis = chain.resources.empty() ? Basis::None : Basis::Ties;
        targets.push_back(std::move(target));
    }
    return targets;
}

void scoreTargets(std::vector<Target>& targets, const Weights& weights) {
    for (Target& target : targets) {
        double fit = 0;
        for (const FitSegment& fs : target.segments)
            fit = std::max(fit, fs.value * (fs.occupied ? 1.0 - weights.occupiedDiscount : 1.0));
        target.value[TermFit] = fit;
        target.score = 0;
        for (int t = 0; t < kTermCount; ++t) {
            target.weighted[t] = termWeight(weights, t) * target.value[t];
            target.score += target.weighted[t];
        }
    }
}

void orderTargets(std::vector<Target>& targets, const Chain& chain) {
    std::sort(targets.begin(), targets.end(), [&](const Target& a, const Target& b) {
        if (std::abs(a.score - b.score) > kScoreTieTolerance) return a.score > b.score;
        return chain.firms[a.firm].id < chain.firms[b.firm].id;
    });
    for (std::size_t i = 0; i < targets.size(); ++i) targets[i].rank = static_cast<int>(i) + 1;
}

// Segments, support, candidates, targets, set-aside and priorities of one chain (no what-if comparison).
Analysis analyzeChain(const Chain& chain, const AnalysisOptions& options) {
    Analysis result;
    result.region = options.region;
    result.hubs = options.hubs;
    result.assumed = options.assumptions;
    PresenceMatrix presence = computePresence(chain);
    std::vector<double> proximity = computeProximity(presence);
    result.segments = analyzeSegments(chain, presence, proximity, options.region, options.hubs);
    applySupport(chain, options.region, result.segments);
    result.unranked = buildCandidates(chain, result.segments, options.region, options.hubs);
    rerank(result, chain, options.weights);
    return result;
}

}  // namespace

void rankTargets(std::vector<Target>& targets, const Chain& chain, const Weights& weights) {
    scoreTargets(targets, weights);
    orderTargets(targets, chain);
}

void rerank(Analysis& analysis, const Chain& chain, const Weights& weights) {
    analysis.weights = weights;
    std::vector<Target> all = std::move(analysis.targets);
    for (Target& t : analysis.unranked) all.push_back(std::move(t));
    analysis.targets.clear();
    analysis.unranked.clear();
    scoreTargets(all, weights);
    // Fit 0 after the discount: every earned segment is occupied and discounted away (exactly 0, no rounding).
    for (Target& t : all) (t.value[TermFit] > 0 ? analysis.targets : analysis.unranked).push_back(std::move(t));
    orderTargets(analysis.targets, chain);
    std::sort(analysis.unranked.begin(), analysis.unranked.end(),
              [&](const Target& a, const Target& b) { return chain.firms[a.firm].id < chain.firms[b.firm].id; });
    analysis.setAside.clear();
    for (Target& t : analysis.unranked) {
        t.rank = 0;
        SetAside entry{t.firm, {}};
        for (const FitSegment& fs : t.segments) entry.segments.push_back(fs.segment);
        analysis.setAside.push_back(std::move(entry));
    }
    analysis.priorities = computePriorities(chain, analysis.segments, weights);
}

namespace {
// The plain analysis (no assumptions) of a what-if on a second core, beside the chain copy and the assumed
// analysis (all of them only read the const chain).
std::future<Analysis> plainInBackground(const Chain& chain, const AnalysisOptions& options) {
    AnalysisOptions plain = options;
    plain.assumptions.clear();
    return std::async(std::launch::async, [&chain, plain] { return analyzeChain(chain, plain); });
}
}  // namespace

Analysis analyze(const Chain& chain, const AnalysisOptions& options) {
    if (options.assumptions.empty()) return analyzeChain(chain, options);
    std::future<Analysis> base = plainInBackground(chain, options);
    AnalysisOptions filled = options;
    filled.assumptions = withDefaultSegments(chain, options.assumptions);
    Chain assumedChain = applyAssumptions(chain, filled.assumptions);
    return analyzeAssumed(chain, assumedChain, filled, base.get());
}

AnalysedScenario analyzeScenario(const std::shared_ptr<const Chain>& chain, const AnalysisOptions& options,
                                 const Analysis* plain) {
    if (options.assumptions.empty()) return {chain, analyzeChain(*chain, options)};
    std::future<Analysis> base;
    if (!plain) base = plainInBackground(*chain, options);
    AnalysisOptions filled = options;
    filled.assumptions = withDefaultSegments(*chain, options.assumptions);
    auto drawn = std::make_shared<const Chain>(applyAssumptions(*chain, filled.assumptions));
    Analysis analysis = plain ? analyzeAssumed(*chain, *drawn, filled, *plain)  // no copy of `plain`
                              : analyzeAssumed(*chain, *drawn, filled, base.get());
    return {std::move(drawn), std::move(analysis)};
}

Analysis analyzeAssumed(const Chain& chain, const Chain& assumedChain, const AnalysisOptions& options) {
    if (options.assumptions.empty()) return analyzeChain(assumedChain, options);
    AnalysisOptions plain = options;
    plain.assumptions.clear();
    return analyzeAssumed(chain, assumedChain, options, analyzeChain(chain, plain));
}

Analysis analyzeAssumed(const Chain& chain, const Chain& assumedChain, const AnalysisOptions& options,
                        const Analysis& base) {
    Analysis result = analyzeChain(assumedChain, options);
    if (options.assumptions.empty()) return result;
    result.changed = statusChanges(base.segments, result.segments, options.assumptions, options.region);
    std::vector<int> baseRank(chain.firms.size(), 0);
    for (const Target& t : base.targets) baseRank[t.firm] = t.rank;
    for (Target& t : result.targets) t.baseRank = baseRank[t.firm];
    return result;
}

}  // namespace chainatlas
