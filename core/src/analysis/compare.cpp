// Regions side by side: one ordinary analysis per region, gathered per segment and summarised per region.
#include "chainatlas/analysis/compare.hpp"
#include "chainatlas/analysis/scenario.hpp"

#include <algorithm>
#include <iterator>
#include <map>

#include <sstream>

#include "chainatlas/analysis/vocabulary.hpp"
#include "chainatlas/base/text.hpp"

namespace chainatlas {

namespace {

// The one CSV cell writer (text.hpp): formula guard and control escapes, as in the analysis CSV.
std::string csvField(const std::string& text) { return csvCell(text); }

}  // namespace

namespace {

RegionComparison compareOne(const Chain& chain, int region, const std::vector<int>& hubs, const Weights& weights,
                            const std::vector<Assumption>& assumptions) {
    AnalysisOptions options;
    options.region = region;
    // A hub compared beside its neighbours is measured without itself as its own hub.
    std::copy_if(hubs.begin(), hubs.end(), std::back_inserter(options.hubs), [&](int h) { return h != region; });
    std::copy_if(assumptions.begin(), assumptions.end(), std::back_inserter(options.assumptions),
                 [&](const Assumption& as) { return as.region == region; });
    options.weights = weights;
    Analysis analysis = analyze(chain, options);
    RegionComparison rc;
    rc.region = region;
    rc.hubs = options.hubs;
    rc.assumed = analysis.assumed;
    for (const SegmentResult& s : analysis.segments) {
        rc.status.push_back(s.status);
        rc.advice.push_back(s.advice);
        ++rc.adviceCounts[static_cast<int>(s.advice)];
    }
    std::size_t shown = std::min(kCompareTop, analysis.targets.size());
    rc.top.assign(analysis.targets.begin(), analysis.targets.begin() + static_cast<std::ptrdiff_t>(shown));
    for (std::size_t i = 0; i < analysis.targets.size() && i < static_cast<std::size_t>(kContestedTop); ++i)
        rc.topTen.emplace_back(analysis.targets[i].firm, analysis.targets[i].rank);
    for (const Firm& firm : chain.firms) {
        int sites = static_cast<int>(std::count_if(firm.sites.begin(), firm.sites.end(), [&](const Site& site) {
            return site.region == region && site.counted();
        }));
        rc.localSites += sites;
        rc.localFirms += sites > 0;
    }
    for (const Assumption& as : rc.assumed)  // each adds a site; a firm new to the region adds a firm
        rc.localSites += 1, rc.localFirms += !hasSiteIn(chain.firms[as.firm], region);
    for (const LocalSupply& row : analysis.localSupply)
        rc.suppliers += row.suppliers.size(), rc.localSuppliers += row.local.size();
    return rc;
}

std::vector<Contest> contestedTargets(const Chain& chain, const std::vector<RegionComparison>& regions) {
    std::map<int, Contest> byFirm;
    for (const RegionComparison& rc : regions)
        for (auto [firm, rank] : rc.topTen) {
            Contest& contest = byFirm[firm];
            contest.firm = firm;
            contest.ranks.emplace_back(rc.region, rank);
        }
    std::vector<Contest> out;
    for (auto& [firm, contest] : byFirm)
        if (contest.ranks.size() >= 2) out.push_back(std::move(contest));
    auto best = [](const Contest& c) {
        int rank = c.ranks.front().second;
        for (auto [region, r] : c.ranks) rank = std::min(rank, r);
        return rank;
    };
    std::sort(out.begin(), out.end(), [&](const Contest& a, const Contest& b) {
        if (best(a) != best(b)) return best(a) < best(b);
        return chain.firms[a.firm].id < chain.firms[b.firm].id;
    });
    return out;
}

}  // namespace

Comparison compareRegions(const Chain& chain, const std::vector<int>& regions, const std::vector<int>& hubs,
                          const Weights& weights, const std::vector<Assumption>& assumptions) {
    Comparison out{hubs, weights, {}, {}, {}};
    std::vector<int> seen;
    for (int region : regions) {
        const std::string& id = chain.regions[region].id;
        if (std::find(seen.begin(), seen.end(), region) != seen.end()) {
            out.warnings.push_back("region " + id + " is given twice; it is compared once");
            continue;
        }
        seen.push_back(region);
        if (std::find(hubs.begin(), hubs.end(), region) != hubs.end())
            out.warnings.push_back("region " + id + " is also a hub; it is compared without itself as its hub");
        out.regions.push_back(compareOne(chain, region, hubs, weights, assumptions));
    }
    out.contested = contestedTargets(chain, out.regions);
    return out;
}

nlohmann::json comparisonToJson(const Chain& chain, const Comparison& c) {
    using nlohmann::json;
    json out{{"chain", chain.id},        {"hubs", json::array()},     {"weights", weightsToJson(c.weights)},
             {"regions", json::array()}, {"segments", json::array()}, {"summary", json::array()}};
    for (int h : c.hubs) out["hubs"].push_back(chain.regions[h].id);
    for (const RegionComparison& rc : c.regions) out["regions"].push_back(chain.regions[rc.region].id);
    for (std::size_t s = 0; s < chain.segments.size(); ++s) {
        json regions = json::object();
        for (const RegionComparison& rc : c.regions)
            regions[chain.regions[rc.region].id] = {{"status", statusKey(rc.status[s])},
                                                    {"advice", adviceKey(rc.advice[s])}};
        out["segments"].push_back({{"id", chain.segments[s].id}, {"regions", regions}});
    }
    for (const RegionComparison& rc : c.regions) {
        json counts = json::object();
        for (int a = 0; a < kAdviceCount; ++a) counts[adviceKey(static_cast<Advice>(a))] = rc.adviceCounts[a];
        json top = json::array();
        for (const Target& t : rc.top)
            top.push_back({{"rank", t.rank},
                           {"rank_range", {t.rankBest, t.rankWorst}},
                           {"firm", chain.firms[t.firm].id},
                           {"score", t.score}});
        json hubs = json::array(), assumed = json::array();
        for (int h : rc.hubs) hubs.push_back(chain.regions[h].id);
        for (const Assumption& as : rc.assumed) assumed.push_back(assumptionToJson(assumptionIds(chain, as)));
        out["summary"].push_back(
            {{"region", chain.regions[rc.region].id},
             {"hubs", hubs},
             {"assumed", assumed},
             {"local_firms", rc.localFirms},
             {"local_sites", rc.localSites},
             {"local_supply", {{"suppliers", rc.suppliers}, {"local", rc.localSuppliers}, {"share", rc.localShare()}}},
             {"advice", counts},
             {"top", top}});
    }
    out["contested"] = json::array();
    for (const Contest& contest : c.contested) {
        json ranks = json::object();
        for (auto [region, rank] : contest.ranks) ranks[chain.regions[region].id] = rank;
        out["contested"].push_back({{"firm", chain.firms[contest.firm].id}, {"ranks", ranks}});
    }
    out["warnings"] = c.warnings;
    return out;
}

std::string comparisonToCsv(const Chain& chain, const Comparison& c, Lang lang) {
    bool zh = lang == Lang::Zh;
    std::ostringstream out;
    out << "\xEF\xBB\xBF" << (zh ? "环节代码,环节" : "segment,name");
    for (const RegionComparison& rc : c.regions) {
        std::string name = regionName(chain, rc.region, lang);
        out << ',' << csvField(name + (zh ? " 状态" : " status")) << ',' << csvField(name + (zh ? " 建议" : " advice"));
    }
    out << "\r\n";
    for (std::size_t s = 0; s < chain.segments.size(); ++s) {
        out << csvField(chain.segments[s].id) << ','
            << csvField(chain.segments[s].name.pick(lang, chain.segments[s].id));
        for (const RegionComparison& rc : c.regions)
            out << ',' << statusWord(rc.status[s], lang) << ',' << adviceWord(rc.advice[s], lang);
        out << "\r\n";
    }
    out << "\r\n" << (zh ? "区域" : "region");
    for (int a = 0; a < kAdviceCount; ++a)
        out << ','
            << (a == static_cast<int>(Advice::None) ? (zh ? "无建议" : "none")
                                                    : adviceWord(static_cast<Advice>(a), lang));
    out << (zh ? ",本地企业,本地站点,本地配套率,假设" : ",local_firms,local_sites,local_supply_share,assumed");
    for (std::size_t k = 1; k <= kCompareTop; ++k) out << ',' << (zh ? "目标 " : "target ") << k;
    out << "\r\n";
    for (const RegionComparison& rc : c.regions) {
        out << csvField(regionName(chain, rc.region, lang));
        for (int count : rc.adviceCounts) out << ',' << count;
        out << ',' << rc.localFirms << ',' << rc.localSites << ',' << fixed(rc.localShare(), 6) << ',';
        std::string assumed;
        for (const Assumption& as : rc.assumed)
            assumed += (assumed.empty() ? "" : "; ") + chain.firms[as.firm].id + "@" + chain.regions[as.region].id;
        out << csvField(assumed);
        for (const Target& t : rc.top)
            out << ',' << csvField(chain.firms[t.firm].name.pick(lang, chain.firms[t.firm].id));
        out << "\r\n";
    }
    out << "\r\n" << (zh ? "竞争目标,企业" : "contested,name");
    for (const RegionComparison& rc : c.regions) out << ',' << csvField(regionName(chain, rc.region, lang));
    out << "\r\n";
    for (const Contest& contest : c.contested) {
        out << csvField(chain.firms[contest.firm].id) << ','
            << csvField(chain.firms[contest.firm].name.pick(lang, chain.firms[contest.firm].id));
        for (const RegionComparison& rc : c.regions) {
            out << ',';
            for (auto [region, rank] : contest.ranks)
                if (region == rc.region) out << rank;
        }
        out << "\r\n";
    }
    return out.str();
}

}  // namespace chainatlas
