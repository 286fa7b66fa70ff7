// Investment targets (DESIGN §3.4): candidates, the six explained terms, weights and ranking.
#include <algorithm>
#include <cmath>

#include "chainatlas/analysis.hpp"
#include "chainatlas/support.hpp"
#include "chainatlas/text.hpp"

namespace chainatlas {

namespace {
constexpr double kScoreTieTolerance = 1e-9;  // scores this close count as a tie, broken by firm id

double statusValue(const SegmentResult& segment) {
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
}  // namespace

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
    return {{"fit", w.fit},         {"anchor", w.anchor},   {"hub", w.hub},
            {"leader", w.leader},   {"density", w.density}, {"profile", w.profile},
            {"innovation", w.innovation}, {"occupied_discount", w.occupiedDiscount}};
}

std::string weightsFromJson(const nlohmann::json& object, Weights& w) {
    if (!object.is_object()) return "/: weights must be a JSON object";
    std::vector<std::string> keys(kTermKeys.begin(), kTermKeys.end());
    keys.push_back("occupied_discount");
    auto slot = [&](std::ptrdiff_t index) -> double& {
        return index < kTermCount ? termWeight(w, static_cast<int>(index)) : w.occupiedDiscount;
    };
    for (auto it = object.begin(); it != object.end(); ++it) {
        auto key = std::find(keys.begin(), keys.end(), it.key());
        if (key == keys.end()) return "/" + it.key() + ": unknown weight \"" + it.key() + "\"" + didYouMean(it.key(), keys);
        if (!it->is_number() || !std::isfinite(it->get<double>()))
            return "/" + it.key() + ": must be a finite number";
        double value = it->get<double>();
        if (value < 0) return "/" + it.key() + ": must not be negative";
        if (it.key() == "occupied_discount" && value > 1) return "/occupied_discount: must lie in [0, 1]";
        slot(key - keys.begin()) = value;
    }
    return {};
}

std::vector<std::array<double, kMetricCount>> metricPercentiles(const Chain& chain) {
    std::vector<std::array<double, kMetricCount>> q(chain.firms.size());
    for (auto& row : q) row.fill(0.5);
    for (int m = 0; m < kMetricCount; ++m) {
        std::vector<double> values;
        for (const Firm& firm : chain.firms)
            if (firm.metrics[m]) values.push_back(*firm.metrics[m]);
        std::size_t n = values.size();
        if (n <= 1) continue;
        std::sort(values.begin(), values.end());
        for (std::size_t f = 0; f < chain.firms.size(); ++f) {
            const auto& x = chain.firms[f].metrics[m];
            if (!x) continue;
            auto low = std::lower_bound(values.begin(), values.end(), *x);
            auto high = std::upper_bound(values.begin(), values.end(), *x);
            double less = static_cast<double>(low - values.begin());
            double equal = static_cast<double>(high - low);  // counts the firm itself
            q[f][m] = (less + 0.5 * (equal - 1)) / static_cast<double>(n - 1);
        }
    }
    return q;
}

std::vector<double> profileScores(const Chain& chain) {
    auto q = metricPercentiles(chain);
    std::vector<double> profile(chain.firms.size(), 0.0);
    for (std::size_t f = 0; f < q.size(); ++f) {
        double sum = 0;
        for (int m = 0; m < kMetricCount; ++m) sum += metricLowerIsBetter(m) ? 1.0 - q[f][m] : q[f][m];
        profile[f] = sum / kMetricCount;
    }
    return profile;
}

namespace {

std::vector<Target> buildCandidates(const Chain& chain, const std::vector<SegmentResult>& segments, int region,
                                    const std::vector<int>& hubs) {
    std::size_t firmCount = chain.firms.size();
    std::vector<char> local(firmCount, 0), inHub(firmCount, 0);
    for (std::size_t f = 0; f < firmCount; ++f)
        for (const Site& site : chain.firms[f].sites) {
            if (site.region == region) local[f] = 1;
            if (std::find(hubs.begin(), hubs.end(), site.region) != hubs.end()) inHub[f] = 1;
        }
    std::vector<double> profile = profileScores(chain);
    std::vector<double> segmentValue(segments.size());
    for (std::size_t s = 0; s < segments.size(); ++s) segmentValue[s] = statusValue(segments[s]);

    std::vector<Target> targets;
    std::vector<int> firmSegments;
    for (std::size_t f = 0; f < firmCount; ++f) {
        if (local[f]) continue;
        firmSegments.clear();
        for (const Site& site : chain.firms[f].sites)
            firmSegments.insert(firmSegments.end(), site.segments.begin(), site.segments.end());
        std::sort(firmSegments.begin(), firmSegments.end());
        firmSegments.erase(std::unique(firmSegments.begin(), firmSegments.end()), firmSegments.end());
        Target target;
        target.firm = static_cast<int>(f);
        for (int s : firmSegments)
            if (segmentValue[s] > 0)
                target.segments.push_back(
                    {s, segments[s].status, segmentValue[s], segments[s].occupied, segments[s].complement});
        if (target.segments.empty()) continue;

        const auto& graph = chain.firmGraph;
        for (auto [e, end] = boost::out_edges(f, graph); e != end; ++e) {
            auto partner = static_cast<int>(boost::target(*e, graph));
            if (local[partner]) target.anchors.push_back(partner);
            if (inHub[partner]) target.hubPartners.push_back(partner);
        }
        for (auto [e, end] = boost::in_edges(f, graph); e != end; ++e) {
            auto partner = static_cast<int>(boost::source(*e, graph));
            if (local[partner]) target.anchors.push_back(partner);
        }
        auto byId = [&](int a, int b) { return chain.firms[a].id < chain.firms[b].id; };
        for (auto* list : {&target.anchors, &target.hubPartners}) {
            std::sort(list->begin(), list->end(), byId);
            list->erase(std::unique(list->begin(), list->end()), list->end());
        }
        target.value[TermAnchor] = std::min<double>(static_cast<double>(target.anchors.size()), 3.0) / 3.0;
        target.value[TermHub] = target.hubPartners.empty() ? 0.0 : 1.0;
        target.value[TermLeader] = chain.firms[f].leader ? 1.0 : 0.0;
        double density = 0;
        for (const FitSegment& fs : target.segments) density = std::max(density, segments[fs.segment].density);
        target.value[TermDensity] = density;
        target.value[TermProfile] = profile[f];
        InnovationTerm innovation = innovationTerm(chain, static_cast<int>(f), region, hubs);
        target.value[TermInnovation] = innovation.value;
        target.resources = std::move(innovation.resources);
        target.innovationBasis = chain.resources.empty() ? Basis::None : Basis::Ties;
        targets.push_back(std::move(target));
    }
    return targets;
}

}  // namespace

void rankTargets(std::vector<Target>& targets, const Chain& chain, const Weights& weights) {
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
    std::sort(targets.begin(), targets.end(), [&](const Target& a, const Target& b) {
        if (std::abs(a.score - b.score) > kScoreTieTolerance) return a.score > b.score;
        return chain.firms[a.firm].id < chain.firms[b.firm].id;
    });
    for (std::size_t i = 0; i < targets.size(); ++i) targets[i].rank = static_cast<int>(i) + 1;
}

Analysis analyze(const Chain& chain, const AnalysisOptions& options) {
    if (options.assumptions.empty()) return analyzeAssumed(chain, chain, options);
    std::vector<Assumption> assumed = options.assumptions;
    Chain assumedChain = applyAssumptions(chain, assumed);
    AnalysisOptions filled = options;
    filled.assumptions = assumed;  // with default segments filled in
    return analyzeAssumed(chain, assumedChain, filled);
}

Analysis analyzeAssumed(const Chain& chain, const Chain& assumedChain, const AnalysisOptions& options) {
    Analysis result;
    result.region = options.region;
    result.hubs = options.hubs;
    result.weights = options.weights;
    result.assumed = options.assumptions;
    PresenceMatrix presence = computePresence(assumedChain);
    std::vector<double> proximity = computeProximity(presence);
    result.segments = analyzeSegments(assumedChain, presence, proximity, options.region, options.hubs);
    applySupport(assumedChain, options.region, result.segments);
    result.targets = buildCandidates(assumedChain, result.segments, options.region, options.hubs);
    rankTargets(result.targets, assumedChain, options.weights);

    if (!options.assumptions.empty()) {
        PresenceMatrix basePresence = computePresence(chain);
        auto base = analyzeSegments(chain, basePresence, computeProximity(basePresence), options.region, options.hubs);
        for (std::size_t s = 0; s < base.size(); ++s)
            if (base[s].status != result.segments[s].status)
                result.changed.push_back({static_cast<int>(s), base[s].status, result.segments[s].status});
    }
    return result;
}

}  // namespace chainatlas
