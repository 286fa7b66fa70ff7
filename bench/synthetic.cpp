// Synthetic chain generator (fixed seed: the same spec gives the same chain).
#include "synthetic.hpp"

#include <algorithm>
#include <random>
#include <set>

namespace bench {

using namespace chainatlas;

Chain generateChain(const SyntheticSpec& spec) {
    std::mt19937_64 random(spec.seed);
    auto uniform = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(random); };
    auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(random) < p; };
    Chain chain;
    chain.id = "synthetic";
    chain.name = {"合成链", "Synthetic chain"};
    chain.note = {"合成数据，仅用于性能测试，并非真实数据。", "Synthetic data for benchmarks; not real."};
    for (int s = 0; s < spec.stages; ++s)
        chain.stages.push_back(
            {"stage" + std::to_string(s), {"阶段" + std::to_string(s), "Stage " + std::to_string(s)}, {}});
    for (int s = 0; s < spec.segments; ++s) {
        int stage = std::min(spec.stages - 1, s * spec.stages / std::max(1, spec.segments));
        Segment segment;
        segment.id = "s" + std::to_string(s);
        segment.name = {"环节" + std::to_string(s), "Segment " + std::to_string(s)};
        segment.stage = stage;
        chain.segments.push_back(std::move(segment));
    }
    std::set<std::pair<int, int>> links;
    for (int s = 1; s < spec.segments; ++s) {
        int count = uniform(1, 2);
        for (int k = 0; k < count; ++k) {
            int from = std::max(0, s - uniform(1, std::max(1, spec.segments / spec.stages)));
            if (links.insert({from, s}).second) chain.links.push_back({from, s, {}});
        }
    }
    for (int r = 0; r < spec.regions; ++r)
        chain.regions.push_back({"r" + std::to_string(r),
                                 {"区域" + std::to_string(r), "Region " + std::to_string(r)},
                                 100.0 + r % 30,
                                 20.0 + r % 20,
                                 {}});
    // Skewed regions: low indices hold more firms, so some regions dominate some segments.
    std::geometric_distribution<int> regionPick(std::min(0.5, 8.0 / std::max(1, spec.regions)));
    std::lognormal_distribution<double> output(3.0, 1.0);
    std::uniform_real_distribution<double> metric(0.0, 1.0);
    std::vector<std::vector<int>> firmsBySegment(spec.segments);
    for (int f = 0; f < spec.firms; ++f) {
        Firm firm;
        firm.id = "f" + std::to_string(f);
        firm.name = {"企业" + std::to_string(f), "Firm " + std::to_string(f)};
        firm.leader = chance(0.02);
        for (int m = 0; m < kMetricCount; ++m)
            if (chance(0.8)) firm.metrics[m] = metric(random);
        int home = uniform(0, spec.segments - 1);
        int sites = chance(0.3) ? 2 : 1;
        for (int k = 0; k < sites; ++k) {
            Site site;
            site.region = std::min(spec.regions - 1, regionPick(random));
            site.segments.push_back(home);
            if (chance(0.3) && home + 1 < spec.segments) site.segments.push_back(home + 1);
            if (chance(0.7)) site.output = output(random);
            firm.sites.push_back(site);
        }
        firmsBySegment[home].push_back(f);
        chain.firms.push_back(std::move(firm));
    }
    std::vector<std::vector<int>> downstream(spec.segments);
    for (const Link& link : chain.links) downstream[link.from].push_back(link.to);
    for (int i = 0; i < spec.supplies && spec.firms > 1; ++i) {
        int from = uniform(0, spec.firms - 1);
        int segment = chain.firms[from].sites[0].segments[0];
        int to = -1;
        if (!downstream[segment].empty()) {
            int buyerSegment = downstream[segment][uniform(0, static_cast<int>(downstream[segment].size()) - 1)];
            const auto& buyers = firmsBySegment[buyerSegment];
            if (!buyers.empty()) to = buyers[uniform(0, static_cast<int>(buyers.size()) - 1)];
        }
        if (to < 0 || to == from) to = (from + 1 + uniform(0, spec.firms - 2)) % spec.firms;
        chain.supplies.push_back({from, to, segment, "", {}});
    }
    chain.buildIndexes();
    return chain;
}

}  // namespace bench
