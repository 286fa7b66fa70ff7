// Investment targets (docs/method.md §8): candidates, the seven explained terms, weights, set-aside and ranking.
#include "chainatlas/analysis/targets.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <future>
#include <string_view>
#include <utility>

#include "analysis/firm_sites.hpp"
#include "base/json_reader.hpp"
#include "base/radix_sort.hpp"
#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/analysis/support.hpp"
#include "chainatlas/base/text.hpp"
#include "chainatlas/model/profile.hpp"
#include "model/chain_index.hpp"

namespace chainatlas {

double segmentValue(const SegmentResult& segment) {
    if (segment.market) return 0;  // customers to win, not a segment to court investors for
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

Result<Weights> weightsFromJson(const nlohmann::json& object, Weights w) {
    auto fail = [](std::string where, std::string message) {
        return Error{ErrorCode::Format, std::move(message), std::move(where)};
    };
    if (!object.is_object()) return fail("/", "weights must be a JSON object");
    std::vector<std::string> keys(kTermKeys.begin(), kTermKeys.end());
    keys.emplace_back("occupied_discount");
    auto slot = [&](std::ptrdiff_t index) -> double& {
        return index < kTermCount ? termWeight(w, static_cast<int>(index)) : w.occupiedDiscount;
    };
    for (auto it = object.begin(); it != object.end(); ++it) {
        auto key = std::find(keys.begin(), keys.end(), it.key());
        if (key == keys.end())
            return fail(pointerTo("", it.key()), "unknown weight \"" + it.key() + "\"" + didYouMean(it.key(), keys));
        if (!it->is_number()) return fail(pointerTo("", it.key()), "must be a number, found " + jsonTypeName(*it));
        if (!std::isfinite(it->get<double>())) return fail(pointerTo("", it.key()), "must be a finite number");
        double value = it->get<double>();
        if (value < 0) return fail(pointerTo("", it.key()), "must not be negative");
        // Bounded so that scores stay readable numbers (1e308 would overflow to infinity).
        if (value > 100) return fail(pointerTo("", it.key()), "must be at most 100");
        if (it.key() == "occupied_discount" && value > 1) return fail("/occupied_discount", "must lie in [0, 1]");
        slot(key - keys.begin()) = value;
    }
    return w;
}

namespace {

// What every candidate needs to know about every firm: local to the region, in a hub region, profile.
struct FirmFacts {
    std::vector<char> local, inHub;
    const std::vector<double>& profile;  // the shared index's: the same for every analysis of the chain
    std::vector<char> hasMetric;
};

FirmFacts firmFacts(const Chain& chain, const detail::FirmSites& sites, int region, const std::vector<int>& hubs) {
    std::size_t count = chain.firms.size();
    FirmFacts facts{std::vector<char>(count, 0), std::vector<char>(count, 0), chain.index().firmProfiles(chain),
                    std::vector<char>(count, 0)};
    for (std::size_t f = 0; f < count; ++f) {
        sites.forEach(static_cast<int>(f), [&](const Site& site) {
            if (!site.counted()) return;
            if (site.region == region) facts.local[f] = 1;
            if (std::find(hubs.begin(), hubs.end(), site.region) != hubs.end()) facts.inHub[f] = 1;
        });
        facts.hasMetric[f] = hasAnyMetric(chain.firms[f].metrics);
    }
    return facts;
}

// The segments of firm f's counted sites with a value to the region (v(s) > 0), in segment order, into
// `valued`. `ids`: scratch, kept by the caller across firms (one allocation instead of one per firm).
void valuedSegments(const detail::FirmSites& sites, std::size_t f, const std::vector<SegmentResult>& segments,
                    std::vector<int>& ids, std::vector<FitSegment>& valued) {
    ids.clear();
    sites.forEach(static_cast<int>(f), [&](const Site& site) {
        if (site.counted()) ids.insert(ids.end(), site.segments.begin(), site.segments.end());
    });
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (int s : ids) {
        const SegmentResult& r = segments[s];
        double value = segmentValue(r);
        if (value > 0)
            valued.push_back(
                {s, r.status, r.advice, value, r.occupied, r.complement, r.density, r.profile, r.profileBasis, 0.0});
    }
}

// A partner counted through one or more supply records; inferred only if no record named its plant.
struct PartnerFacts {
    std::vector<std::pair<int, bool>> found;  // (firm, plant named) per counting record
    void add(int firm, bool named) { found.emplace_back(firm, named); }
    void into(const Chain& chain, std::vector<int>& all, std::vector<int>& inferred) {
        auto byId = [&](int a, int b) { return chain.firms[a].id < chain.firms[b].id; };
        for (auto [firm, named] : found) all.push_back(firm);
        std::sort(all.begin(), all.end(), byId);
        all.erase(std::unique(all.begin(), all.end()), all.end());
        for (int firm : all)
            if (std::none_of(found.begin(), found.end(), [&](auto& p) { return p.first == firm && p.second; }))
                inferred.push_back(firm);
    }
};

// Local partners (以商招商) and hub partners through the candidate's counted supply records. A partner's end
// of a record is the plant the record names, else inferred from the partner's sites. One record counts once:
// a record that made a local partner is not also supply to the hub (docs/method.md §8).
void partnerTerms(const Chain& chain, std::size_t f, const FirmFacts& facts, int region, const std::vector<int>& hubs,
                  Target& target) {
    const detail::SupplyRecords& records = chain.index().supplies();
    auto isHub = [&](int r) { return std::find(hubs.begin(), hubs.end(), r) != hubs.end(); };
    PartnerFacts anchors, hubPartners;
    for (const detail::SupplyEnd& buyer : records.sold(static_cast<int>(f))) {
        if (!buyer.counted()) continue;
        int to = buyer.partner(), plant = buyer.region();
        bool named = plant >= 0;
        if (facts.local[to] && (!named || plant == region)) anchors.add(to, named);
        else if (named ? isHub(plant) : facts.inHub[to]) hubPartners.add(to, named);
    }
    for (const detail::SupplyEnd& supplier : records.bought(static_cast<int>(f))) {
        if (!supplier.counted()) continue;
        int from = supplier.partner(), plant = supplier.region();
        bool named = plant >= 0;
        if (facts.local[from] && (!named || plant == region)) anchors.add(from, named);
    }
    anchors.into(chain, target.anchors, target.anchorsInferred);
    hubPartners.into(chain, target.hubPartners, target.hubPartnersInferred);
    target.value[TermAnchor] = std::min<double>(static_cast<double>(target.anchors.size()), 3.0) / 3.0;
    // Only for a firm with no site in a hub region: it would bring new supply next to the hub, not move the
    // hub's own supplier away.
    target.value[TermHub] = !target.hubPartners.empty() && !facts.inHub[f] ? 1.0 : 0.0;
}

// The plain analysis's candidates whose partner, leader, innovation and firm-profile terms a what-if leaves
// as they were: those terms follow from supplies, ties, metrics and where firms have sites, and a what-if
// only adds sites — so every firm except the assumed ones and their supply partners keeps them. Per firm;
// null where they must be computed (no plain analysis, a touched firm, or no candidate before).
std::vector<const Target*> reusableTerms(const Chain& chain, const detail::FirmSites& sites, const Analysis* plain) {
    std::vector<const Target*> reusable(plain ? chain.firms.size() : 0, nullptr);
    if (!plain) return reusable;
    for (const auto* list : {&plain->targets, &plain->unranked})
        for (const Target& t : *list) reusable[static_cast<std::size_t>(t.firm)] = &t;
    const detail::SupplyRecords& records = chain.index().supplies();
    for (int firm : sites.assumedFirms()) {
        reusable[static_cast<std::size_t>(firm)] = nullptr;
        for (const detail::SupplyEnd& buyer : records.sold(firm))
            reusable[static_cast<std::size_t>(buyer.partner())] = nullptr;
        for (const detail::SupplyEnd& supplier : records.bought(firm))
            reusable[static_cast<std::size_t>(supplier.partner())] = nullptr;
    }
    return reusable;
}

void copyFirmTerms(const Target& from, Target& target) {
    target.anchors = from.anchors;
    target.anchorsInferred = from.anchorsInferred;
    target.hubPartners = from.hubPartners;
    target.hubPartnersInferred = from.hubPartnersInferred;
    target.resources = from.resources;
    for (Term term : {TermAnchor, TermHub, TermLeader, TermInnovation}) target.value[term] = from.value[term];
    target.firmProfile = from.firmProfile;
    target.innovationBasis = from.innovationBasis;
}

// The terms of candidate f that supplies, ties, metrics and locality decide (partners, leader, innovation,
// its own profile).
void firmTerms(const Chain& chain, std::size_t f, const FirmFacts& facts, const ConfirmedTiesByFirm& ties, int region,
               const std::vector<int>& hubs, Target& target) {
    partnerTerms(chain, f, facts, region, hubs, target);
    target.value[TermLeader] = chain.firms[f].leader ? 1.0 : 0.0;
    if (facts.hasMetric[f]) target.firmProfile = facts.profile[f];
    InnovationTerm innovation = innovationTerm(chain, ties, static_cast<int>(f), region, hubs);
    target.value[TermInnovation] = innovation.value;
    target.resources = std::move(innovation.resources);
    target.innovationBasis = chain.resources.empty() ? Basis::None : Basis::Ties;
}

// Every candidate with the terms that do not depend on the weights (fit, density and a segment-based
// profile follow the earned segments, which follow the discount: scoreTargets sets them), into
// `analysis.targets` when it earns fit under the options' occupied discount and into `analysis.unranked`
// when not, so that rerank() finds them in their lists. `plain`: the analysis without the what-if whose
// firm terms may be reused (reusableTerms), or null. Each target is built where it stays (both lists
// reserved once): moving 300-byte targets into growing vectors and between lists touched fresh pages
// several times over.
void buildCandidates(const Chain& chain, const detail::FirmSites& sites, const std::vector<SegmentResult>& segments,
                     const AnalysisOptions& options, const Analysis* plain, Analysis& analysis) {
    FirmFacts facts = firmFacts(chain, sites, options.region, options.hubs);
    ConfirmedTiesByFirm ties = confirmedTiesByFirm(chain);
    std::vector<const Target*> reusable = reusableTerms(chain, sites, plain);
    auto nonLocal = chain.firms.size() -
                    static_cast<std::size_t>(std::count(facts.local.begin(), facts.local.end(), 1));
    analysis.targets.reserve(nonLocal);
    analysis.unranked.reserve(nonLocal);
    std::vector<int> ids;
    std::vector<FitSegment> valued;
    double discount = options.weights.occupiedDiscount;
    for (std::size_t f = 0; f < chain.firms.size(); ++f) {
        if (facts.local[f]) continue;
        valued.clear();
        valuedSegments(sites, f, segments, ids, valued);
        if (valued.empty()) continue;
        bool ranked = std::any_of(valued.begin(), valued.end(),
                                  [&](const FitSegment& fs) { return fs.earnedUnder(discount); });
        Target& target = (ranked ? analysis.targets : analysis.unranked).emplace_back();
        target.firm = static_cast<int>(f);
        target.segments.assign(valued.begin(), valued.end());
        if (!reusable.empty() && reusable[f]) copyFirmTerms(*reusable[f], target);
        else firmTerms(chain, f, facts, ties, options.region, options.hubs, target);
    }
}

// fit, density and profile from the earned segments E(f) alone (docs/method.md §8). Profile: the firm's own
// when it has a metric; else the mean P(s) over E(f) where P has data; else the neutral 0.5, imputed.
void earnedTerms(Target& target, const Weights& weights) {
    double fit = 0, density = 0, profileSum = 0;
    int profiled = 0;
    for (FitSegment& fs : target.segments) {
        fs.earned = fs.earnedUnder(weights.occupiedDiscount)
                        ? fs.value * (fs.occupied ? 1.0 - weights.occupiedDiscount : 1.0)
                        : 0.0;
        if (!fs.isEarned()) continue;
        fit = std::max(fit, fs.earned);
        density = std::max(density, fs.density);
        if (fs.profileBasis == Basis::Segment) profileSum += fs.profile, ++profiled;
    }
    target.value[TermFit] = fit;
    target.value[TermDensity] = density;
    if (target.firmProfile) {
        target.value[TermProfile] = *target.firmProfile;
        target.profileBasis = Basis::Firm;
    } else {
        target.value[TermProfile] = profiled > 0 ? profileSum / profiled : 0.5;
        target.profileBasis = profiled > 0 ? Basis::Segment : Basis::None;
    }
}

double weightedSum(const std::array<double, kTermCount>& value, const Weights& weights) {
    double score = 0;
    for (int t = 0; t < kTermCount; ++t) score += termWeight(weights, t) * value[t];
    return score;
}

void scoreTargets(std::vector<Target>& targets, const Weights& weights) {
    for (Target& target : targets) {
        earnedTerms(target, weights);
        target.score = 0;
        for (int t = 0; t < kTermCount; ++t) {
            target.weighted[t] = termWeight(weights, t) * target.value[t];
            target.score += target.weighted[t];
        }
    }
}

// A firm id as a sort key: its first 8 bytes as a number (big-endian, zeros after a shorter id) decide most
// comparisons without reading the firm; equal ones compare the whole ids. The number never orders two ids
// against their text order, so (prefix, id) is the ids' order.
struct IdKey {
    std::uint64_t prefix = 0;
    std::string_view id;
    int target = 0;
    bool operator<(const IdKey& other) const { return prefix != other.prefix ? prefix < other.prefix : id < other.id; }
};

std::uint64_t idPrefix(std::string_view id) {
    std::uint64_t prefix = 0;
    for (std::size_t i = 0; i < 8; ++i) prefix = prefix << 8 | (i < id.size() ? static_cast<unsigned char>(id[i]) : 0u);
    return prefix;
}

// The targets in firm-id order: the tie order of every ranking below, found once per rerank (a string
// comparison per tie in each of the 15 sorts took longer than the rest of the ranking).
std::vector<IdKey> idOrder(const std::vector<Target>& targets, const Chain& chain) {
    std::vector<IdKey> byId(targets.size());
    for (std::size_t i = 0; i < byId.size(); ++i) {
        const std::string& id = chain.firms[static_cast<std::size_t>(targets[i].firm)].id;
        byId[i] = {idPrefix(id), id, static_cast<int>(i)};
    }
    std::sort(byId.begin(), byId.end());
    return byId;
}

// One ranked target's sort key: its score key under the weights at hand, its place in firm-id order (the tie
// order) and its position in the targets. One buffer of these serves all 15 rankings of a rerank.
struct RankKey {
    long long score = 0;
    int idRank = 0;
    int target = 0;
};

// What the 15 rankings of a rerank share: the ranked targets' term values by position (56 bytes each instead
// of reading them from the 300-byte targets), and the buffers of the radix sort.
struct Ranking {
    std::vector<std::array<double, kTermCount>> values;
    std::vector<std::uint64_t> words, spare;
    std::vector<int> targetOf;  // id rank -> position in the targets
    detail::RadixSort radix;

    explicit Ranking(const std::vector<Target>& targets) { take(targets); }
    void take(const std::vector<Target>& targets) {
        values.resize(targets.size());
        for (std::size_t i = 0; i < targets.size(); ++i) values[i] = targets[i].value;
    }
};

// Sorts `keys` by score (highest first), then id rank: the order of a ranking. Each key becomes one 64-bit word,
// (highest score - score) above the id rank, and the words are radix sorted 11 bits a pass, skipping the passes
// whose digit all words share (at 60k targets 4-5 passes instead of a comparison sort's million comparisons).
// The order is total (id ranks are distinct), so it is the comparison sort's order exactly; when the spread of
// the scores does not fit beside the id ranks (weights far outside the sliders' range), that sort is used.
void sortKeys(std::vector<RankKey>& keys, Ranking& r) {
    std::size_t n = keys.size();
    if (n < 2) return;
    int idBits = 1;
    while ((std::size_t{1} << idBits) < n) ++idBits;
    auto [low, high] = std::minmax_element(keys.begin(), keys.end(),
                                           [](const RankKey& a, const RankKey& b) { return a.score < b.score; });
    long long top = high->score, bottom = low->score;
    bool fits = bottom >= 0 && static_cast<std::uint64_t>(top - bottom) < (std::uint64_t{1} << (64 - idBits));
    if (!fits) {
        std::sort(keys.begin(), keys.end(), [](const RankKey& a, const RankKey& b) {
            return a.score != b.score ? a.score > b.score : a.idRank < b.idRank;
        });
        return;
    }
    r.words.resize(n);
    r.targetOf.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        r.words[i] = static_cast<std::uint64_t>(top - keys[i].score) << idBits |
                     static_cast<std::uint64_t>(keys[i].idRank);
        r.targetOf[static_cast<std::size_t>(keys[i].idRank)] = keys[i].target;
    }
    r.radix(r.words, r.spare, [](std::uint64_t word) { return word; });
    std::uint64_t idMask = (std::uint64_t{1} << idBits) - 1;
    for (std::size_t i = 0; i < n; ++i) {
        auto idRank = static_cast<int>(r.words[i] & idMask);
        keys[i] = {top - static_cast<long long>(r.words[i] >> idBits), idRank,
                   r.targetOf[static_cast<std::size_t>(idRank)]};
    }
}

// Orders `keys` by rank under `weights` (the terms' values as they are): score, then firm id.
void rankKeys(Ranking& r, const Weights& weights, std::vector<RankKey>& keys) {
    for (RankKey& key : keys)
        key.score = scoreKey(weightedSum(r.values[static_cast<std::size_t>(key.target)], weights));
    sortKeys(keys, r);
}

// Moves the targets so that the new targets[i] is the old targets[order[i]], one cycle of the permutation at
// a time: no second vector of targets (and no fresh pages) is needed. `order` is used up.
void permute(std::vector<Target>& targets, std::vector<int>& order) {
    for (std::size_t start = 0; start < order.size(); ++start) {
        if (order[start] == static_cast<int>(start)) continue;
        Target held = std::move(targets[start]);
        std::size_t at = start;
        while (order[at] != static_cast<int>(start)) {
            auto from = static_cast<std::size_t>(order[at]);
            targets[at] = std::move(targets[from]);
            order[at] = static_cast<int>(at);
            at = from;
        }
        targets[at] = std::move(held);
        order[at] = static_cast<int>(at);
    }
}

// After permute(): the first keys.size() targets are the ranked ones in the keys' order. Numbers them and
// points the keys at their new places.
void numberRanked(std::vector<Target>& targets, std::vector<RankKey>& keys) {
    for (std::size_t position = 0; position < keys.size(); ++position) {
        keys[position].target = static_cast<int>(position);
        targets[position].rank = static_cast<int>(position) + 1;
    }
}

// Best and worst rank over the base weights and the 14 variants that scale one term weight by 0.5 or 1.5
// (docs/method.md §9). The target set and the terms' values stay; only the weighting moves. `keys`: the
// targets in rank order (numberRanked), reordered here.
void rankRanges(std::vector<Target>& targets, std::vector<RankKey>& keys, const Weights& weights, Ranking& r) {
    for (Target& t : targets) t.rankBest = t.rankWorst = t.rank;
    for (int term = 0; term < kTermCount; ++term)
        for (double factor : {0.5, 1.5}) {
            Weights variant = weights;
            termWeight(variant, term) *= factor;
            rankKeys(r, variant, keys);
            for (std::size_t position = 0; position < keys.size(); ++position) {
                Target& t = targets[static_cast<std::size_t>(keys[position].target)];
                int rank = static_cast<int>(position) + 1;
                t.rankBest = std::min(t.rankBest, rank);
                t.rankWorst = std::max(t.rankWorst, rank);
            }
        }
}

// Whether `done` is the segments-only analysis of `options` (analyzeSegmentsOf: no candidates ranked yet), so
// that its segments may stand for segmentsOnly's.
bool segmentsMadeFor(const Analysis& done, const AnalysisOptions& options) {
    return done.region == options.region && done.hubs == options.hubs && done.assumed == options.assumptions &&
           done.weights == options.weights && done.targets.empty() && done.unranked.empty() && done.setAside.empty() &&
           done.priorities.empty() && done.localSupply.empty() && done.changed.empty();
}

// The first step of every analysis: the scenario and the segments (statuses, counts, candidates, support);
// `done` instead, when it was made already for the same scenario.
Analysis segmentsOnly(const Chain& chain, const detail::FirmSites& sites, const AnalysisOptions& options,
                      const Analysis* done = nullptr) {
    if (done && segmentsMadeFor(*done, options)) return *done;
    Analysis result;
    result.region = options.region;
    result.hubs = options.hubs;
    result.assumed = options.assumptions;
    result.weights = options.weights;
    PresenceMatrix presence = detail::computePresence(sites, chain);
    std::vector<double> proximity = computeProximity(presence);
    result.segments = detail::analyzeSegments(chain, sites, presence, proximity, options.region, options.hubs);
    applySupport(chain, options.region, result.segments);
    return result;
}

// Segments, support, candidates, targets, set-aside and priorities of one chain with `sites` (no what-if
// comparison). `plain`: the analysis of the same region and hubs without the assumed sites, whose firm terms
// and local supply rows are reused where the sites leave them as they were; or null.
Analysis analyzeSites(const Chain& chain, const detail::FirmSites& sites, const AnalysisOptions& options,
                      const Analysis* plain, const Analysis* segments = nullptr) {
    Analysis result = segmentsOnly(chain, sites, options, segments);
    buildCandidates(chain, sites, result.segments, options, plain, result);
    // Local supply follows which firms are local: only an assumed site in the region changes it.
    const auto& assumed = sites.assumedFirms();
    bool localChanged = std::any_of(assumed.begin(), assumed.end(), [&](int f) {
        return sites.hasSiteIn(f, options.region) &&
               !hasSiteIn(chain.firms[static_cast<std::size_t>(f)], options.region);
    });
    if (plain && !localChanged) {
        result.localSupply = plain->localSupply;
    } else {
        std::vector<char> local(chain.firms.size(), 0);
        for (std::size_t f = 0; f < local.size(); ++f) local[f] = sites.hasSiteIn(static_cast<int>(f), options.region);
        result.localSupply = localSupply(chain, options.region, local);
    }
    rerank(result, chain, options.weights);
    return result;
}

Analysis analyzeChain(const Chain& chain, const AnalysisOptions& options, const Analysis* segments = nullptr) {
    return analyzeSites(chain, detail::FirmSites(chain), options, nullptr, segments);
}

// `changed` and each target's rank without the assumptions, against `base` (docs/method.md §11).
void compareWithBase(const Chain& chain, const AnalysisOptions& options, const Analysis& base, Analysis& result) {
    result.changed = statusChanges(base.segments, result.segments, options.assumptions, options.region);
    std::vector<int> baseRank(chain.firms.size(), 0);
    for (const Target& t : base.targets) baseRank[t.firm] = t.rank;
    for (Target& t : result.targets) t.baseRank = baseRank[t.firm];
}

}  // namespace

long long scoreKey(double score) { return std::llround(score * 1e9); }

std::vector<int> Target::unscored() const {
    std::vector<int> ids;
    for (const FitSegment& fs : segments)
        if (!fs.isEarned()) ids.push_back(fs.segment);
    return ids;
}

namespace {
// Orders `targets` by rank under `weights` (their scores set), numbers them and sets their rank ranges.
void rankInPlace(std::vector<Target>& targets, const Chain& chain, const Weights& weights) {
    std::vector<IdKey> byId = idOrder(targets, chain);
    std::vector<RankKey> keys(targets.size());
    for (std::size_t position = 0; position < byId.size(); ++position)
        keys[static_cast<std::size_t>(byId[position].target)] = {0, static_cast<int>(position), byId[position].target};
    Ranking ranking(targets);
    rankKeys(ranking, weights, keys);
    std::vector<int> order(keys.size());
    for (std::size_t position = 0; position < keys.size(); ++position) order[position] = keys[position].target;
    permute(targets, order);
    numberRanked(targets, keys);
    ranking.take(targets);  // the values follow the targets to their new places
    rankRanges(targets, keys, weights, ranking);
}

// Orders `targets` by firm id in place.
void orderById(std::vector<Target>& targets, const Chain& chain) {
    std::vector<IdKey> byId = idOrder(targets, chain);
    std::vector<int> order(byId.size());
    for (std::size_t position = 0; position < byId.size(); ++position) order[position] = byId[position].target;
    permute(targets, order);
}

// Moves the candidates whose fit crossed 0 under new weights to the other list; the rest stay where they are.
// Fit 0 after the discount: every valued segment is occupied and discounted away (exactly 0, no rounding).
void regroup(Analysis& analysis) {
    auto ranked = [](const Target& t) { return t.value[TermFit] > 0; };
    auto leaving = std::partition(analysis.targets.begin(), analysis.targets.end(), ranked);
    auto joining = std::partition(analysis.unranked.begin(), analysis.unranked.end(), std::not_fn(ranked));
    std::vector<Target> moving(std::make_move_iterator(joining), std::make_move_iterator(analysis.unranked.end()));
    analysis.unranked.erase(joining, analysis.unranked.end());
    analysis.unranked.insert(analysis.unranked.end(), std::make_move_iterator(leaving),
                             std::make_move_iterator(analysis.targets.end()));
    analysis.targets.erase(leaving, analysis.targets.end());
    analysis.targets.insert(analysis.targets.end(), std::make_move_iterator(moving.begin()),
                            std::make_move_iterator(moving.end()));
}
}  // namespace

void rankTargets(std::vector<Target>& targets, const Chain& chain, const Weights& weights) {
    scoreTargets(targets, weights);
    rankInPlace(targets, chain, weights);
}

void rerank(Analysis& analysis, const Chain& chain, const Weights& weights) {
    analysis.weights = weights;
    scoreTargets(analysis.targets, weights);
    scoreTargets(analysis.unranked, weights);
    regroup(analysis);
    rankInPlace(analysis.targets, chain, weights);
    orderById(analysis.unranked, chain);
    analysis.setAside.clear();
    analysis.setAside.reserve(analysis.unranked.size());
    for (Target& t : analysis.unranked) {
        t.rank = 0;
        SetAside entry{t.firm, {}};
        for (const FitSegment& fs : t.segments) entry.segments.push_back(fs.segment);
        analysis.setAside.push_back(std::move(entry));
    }
    analysis.priorities = computePriorities(chain, analysis.segments, weights);
}

namespace {
// The analysis of the chain with the assumptions applied (`assumedChain`), with `changed` against `base`.
Analysis analyzeAssumed(const Chain& chain, const Chain& assumedChain, const AnalysisOptions& options,
                        const Analysis& base, const Analysis* segments = nullptr) {
    Analysis result = analyzeChain(assumedChain, options, segments);
    if (options.assumptions.empty()) return result;
    compareWithBase(chain, options, base, result);
    return result;
}

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
                                 const Analysis* plain, const Analysis* segments) {
    if (options.assumptions.empty()) return {chain, analyzeChain(*chain, options, segments)};
    AnalysisOptions filled = options;
    filled.assumptions = withDefaultSegments(*chain, options.assumptions);
    if (plain) {
        // The plain analysis at hand: the what-if is analysed from it without the copy, which is made only
        // because the map draws the assumed sites (it shares all but the assumed firms' chunks: under 1 ms).
        Analysis analysis = analyzeWhatIf(*chain, filled, *plain, segments);
        return {std::make_shared<const Chain>(applyAssumptions(*chain, filled.assumptions)), std::move(analysis)};
    }
    std::future<Analysis> base = plainInBackground(*chain, options);
    auto drawn = std::make_shared<const Chain>(applyAssumptions(*chain, filled.assumptions));
    Analysis analysis = analyzeAssumed(*chain, *drawn, filled, base.get(), segments);
    return {std::move(drawn), std::move(analysis)};
}

Analysis analyzeSegmentsOf(const Chain& chain, const AnalysisOptions& options) {
    if (options.assumptions.empty()) return segmentsOnly(chain, detail::FirmSites(chain), options);
    AnalysisOptions filled = options;
    filled.assumptions = withDefaultSegments(chain, options.assumptions);
    return segmentsOnly(chain, detail::FirmSites(chain, filled.assumptions), filled);
}

Analysis analyzeWhatIf(const Chain& chain, const AnalysisOptions& options, const Analysis& plain,
                       const Analysis* segments) {
    if (options.assumptions.empty()) return analyzeChain(chain, options, segments);
    AnalysisOptions filled = options;
    filled.assumptions = withDefaultSegments(chain, options.assumptions);
    // The plain analysis must be of the same region, hubs and weights (its ranks are the ranks without the
    // assumptions); else it is analysed again here.
    bool samePlace = plain.region == options.region && plain.hubs == options.hubs && plain.assumed.empty() &&
                     plain.weights == options.weights;
    Analysis base = samePlace ? Analysis{} : analyzeChain(chain, [&] {
        AnalysisOptions none = options;
        none.assumptions.clear();
        return none;
    }());
    const Analysis& reference = samePlace ? plain : base;
    detail::FirmSites sites(chain, filled.assumptions);
    Analysis result = analyzeSites(chain, sites, filled, &reference, segments);
    compareWithBase(chain, filled, reference, result);
    return result;
}

}  // namespace chainatlas
