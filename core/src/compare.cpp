// Regions side by side: one ordinary analysis per region, gathered per segment and summarised per region.
#include "chainatlas/compare.hpp"

#include <algorithm>
#include <iterator>

#include <sstream>

#include "chainatlas/text.hpp"
#include "chainatlas/vocabulary.hpp"

namespace chainatlas {

namespace {

// The one CSV cell writer (text.hpp): formula guard and control escapes, as in the analysis CSV.
std::string csvField(const std::string& text) { return csvCell(text); }

std::string regionName(const Chain& chain, int r, Lang lang) {
    return chain.regions[r].name.pick(lang, chain.regions[r].id);
}

}  // namespace

Comparison compareRegions(const Chain& chain, const std::vector<int>& regions, const std::vector<int>& hubs,
                          const Weights& weights) {
    Comparison out{hubs, weights, {}};
    for (int region : regions) {
        AnalysisOptions options;
        options.region = region;
        // A hub compared beside its neighbours is measured without itself as its own hub.
        std::copy_if(hubs.begin(), hubs.end(), std::back_inserter(options.hubs), [&](int h) { return h != region; });
        options.weights = weights;
        Analysis analysis = analyze(chain, options);
        RegionComparison rc;
        rc.region = region;
        for (const SegmentResult& s : analysis.segments) {
            rc.status.push_back(s.status);
            rc.advice.push_back(s.advice);
            ++rc.adviceCounts[static_cast<int>(s.advice)];
        }
        std::size_t shown = std::min(kCompareTop, analysis.targets.size());
        rc.top.assign(analysis.targets.begin(), analysis.targets.begin() + static_cast<std::ptrdiff_t>(shown));
        out.regions.push_back(std::move(rc));
    }
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
            top.push_back({{"rank", t.rank}, {"firm", chain.firms[t.firm].id}, {"score", t.score}});
        out["summary"].push_back({{"region", chain.regions[rc.region].id}, {"advice", counts}, {"top", top}});
    }
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
    for (std::size_t k = 1; k <= kCompareTop; ++k) out << ',' << (zh ? "目标 " : "target ") << k;
    out << "\r\n";
    for (const RegionComparison& rc : c.regions) {
        out << csvField(regionName(chain, rc.region, lang));
        for (int count : rc.adviceCounts) out << ',' << count;
        for (const Target& t : rc.top)
            out << ',' << csvField(chain.firms[t.firm].name.pick(lang, chain.firms[t.firm].id));
        out << "\r\n";
    }
    return out.str();
}

}  // namespace chainatlas
