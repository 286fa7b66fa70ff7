// Synthetic chain generator (fixed seed: the same spec gives the same chain).
#include "synthetic.hpp"

#include "chainatlas/base/file_io.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>
#include <set>

namespace bench {

using namespace chainatlas;

namespace {

// A double that reads back exactly (std::to_string keeps only six decimals).
std::string exact(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
}

// One generator per chain: every part draws from the same random stream in the same order, so a spec gives
// the same chain as long as the parts are called in the order generateChain calls them.
class Generator {
public:
    Generator(const SyntheticSpec& spec, Chain& chain)
        : spec_(spec),
          chain_(chain),
          random_(spec.seed),
          // Skewed regions: low indices hold more firms, so some regions dominate some segments.
          regionPick_(std::min(0.5, 8.0 / std::max(1, spec.regions))) {}

    void stagesAndSegments() {
        for (int s = 0; s < spec_.stages; ++s)
            chain_.stages.push_back(
                {"stage" + std::to_string(s), {"阶段" + std::to_string(s), "Stage " + std::to_string(s)}, {}});
        for (int s = 0; s < spec_.segments; ++s) {
            int stage = std::min(spec_.stages - 1, s * spec_.stages / std::max(1, spec_.segments));
            Segment segment;
            segment.id = "s" + std::to_string(s);
            segment.name = {"环节" + std::to_string(s), "Segment " + std::to_string(s)};
            segment.stage = stage;
            chain_.segments.push_back(std::move(segment));
        }
    }

    void links() {
        std::set<std::pair<int, int>> seen;
        for (int s = 1; s < spec_.segments; ++s) {
            int count = uniform(1, 2);
            for (int k = 0; k < count; ++k) {
                int from = std::max(0, s - uniform(1, std::max(1, spec_.segments / spec_.stages)));
                if (seen.insert({from, s}).second) chain_.links.push_back({from, s, {}});
            }
        }
    }

    void regions() {
        for (int r = 0; r < spec_.regions; ++r)
            chain_.regions.push_back({"r" + std::to_string(r),
                                      {"区域" + std::to_string(r), "Region " + std::to_string(r)},
                                      100.0 + r % 30,
                                      20.0 + r % 20,
                                      {}});
    }

    void firms() {
        firmsBySegment_.assign(spec_.segments, {});
        for (int f = 0; f < spec_.firms; ++f) {
            Firm firm;
            firm.id = "f" + std::to_string(f);
            firm.name = {"企业" + std::to_string(f), "Firm " + std::to_string(f)};
            firm.leader = chance(0.02);
            for (int m = 0; m < kMetricCount; ++m)
                if (chance(0.8)) firm.metrics[m] = metric_(random_);
            int home = uniform(0, spec_.segments - 1);
            int sites = chance(0.3) ? 2 : 1;
            for (int k = 0; k < sites; ++k) {
                Site site;
                site.region = std::min(spec_.regions - 1, regionPick_(random_));
                site.segments.push_back(home);
                if (chance(0.3) && home + 1 < spec_.segments) site.segments.push_back(home + 1);
                if (chance(0.7)) site.output = output_(random_);
                firm.sites.push_back(site);
            }
            firmsBySegment_[home].push_back(f);
            chain_.firms.push_back(std::move(firm));
        }
    }

    // Supplies mostly along the links: a firm sells to a firm of a downstream segment when there is one.
    void supplies() {
        std::vector<std::vector<int>> downstream(spec_.segments);
        for (const Link& link : chain_.links) downstream[link.from].push_back(link.to);
        for (int i = 0; i < spec_.supplies && spec_.firms > 1; ++i) {
            int from = uniform(0, spec_.firms - 1);
            int segment = chain_.firms[from].sites[0].segments[0];
            int to = -1;
            if (!downstream[segment].empty()) {
                int buyerSegment = downstream[segment][uniform(0, static_cast<int>(downstream[segment].size()) - 1)];
                const auto& buyers = firmsBySegment_[buyerSegment];
                if (!buyers.empty()) to = buyers[uniform(0, static_cast<int>(buyers.size()) - 1)];
            }
            if (to < 0 || to == from) to = (from + 1 + uniform(0, spec_.firms - 2)) % spec_.firms;
            Supply supply;
            supply.from = from, supply.to = to, supply.segment = segment;
            chain_.supplies.edit().push_back(std::move(supply));
        }
    }

    void resourcesAndTies() {
        for (int r = 0; r < spec_.resources; ++r) {
            Resource resource;
            resource.id = "res" + std::to_string(r);
            resource.name = {"资源" + std::to_string(r), "Resource " + std::to_string(r)};
            resource.kind = static_cast<ResourceKind>(r % kResourceKindCount);
            resource.region = std::min(spec_.regions - 1, regionPick_(random_));
            if (chance(0.8)) resource.segments.push_back(uniform(0, spec_.segments - 1));
            resource.confidence = chance(0.9) ? "A" : "C";
            chain_.resources.push_back(std::move(resource));
        }
        for (int t = 0; t < spec_.ties && spec_.resources > 0 && spec_.firms > 0; ++t) {
            Tie tie;
            tie.resource = uniform(0, spec_.resources - 1);
            tie.firm = uniform(0, spec_.firms - 1);
            tie.kind = static_cast<TieKind>(t % kTieKindCount);
            tie.confidence = chance(0.9) ? "B" : "C";
            chain_.ties.push_back(std::move(tie));
        }
    }

private:
    int uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(random_) < p; }

    const SyntheticSpec& spec_;
    Chain& chain_;
    std::mt19937_64 random_;
    std::geometric_distribution<int> regionPick_;
    std::lognormal_distribution<double> output_{3.0, 1.0};
    std::uniform_real_distribution<double> metric_{0.0, 1.0};
    std::vector<std::vector<int>> firmsBySegment_;
};

}  // namespace

Chain generateChain(const SyntheticSpec& spec) {
    Chain chain;
    chain.id = "synthetic";
    chain.name = {"合成链", "Synthetic chain"};
    chain.note = {"合成数据，仅用于性能测试，并非真实数据。", "Synthetic data for benchmarks; not real."};
    Generator generate(spec, chain);
    generate.stagesAndSegments();
    generate.links();
    generate.regions();
    generate.firms();
    generate.supplies();
    generate.resourcesAndTies();
    chain.buildIndexes();
    return chain;
}

Status writeCsvFolder(const Chain& chain, const std::string& folder) {
    std::filesystem::create_directories(folder);
    auto write = [&](const char* name, const std::string& text) {
        return writeFileAtomically(folder + "/" + name, text);
    };
    std::string stages = "id,name_zh,name_en\n", segments = "id,name_zh,name_en,stage\n", links = "from,to\n";
    for (const auto& st : chain.stages) stages += st.id + "," + st.name.zh + "," + st.name.en + "\n";
    for (const auto& sg : chain.segments)
        segments += sg.id + "," + sg.name.zh + "," + sg.name.en + "," +
                    (sg.stage >= 0 ? chain.stages[sg.stage].id : "") + "\n";
    for (const auto& l : chain.links) links += chain.segments[l.from].id + "," + chain.segments[l.to].id + "\n";
    std::string regions = "id,name_zh,name_en,lon,lat\n";
    for (const auto& r : chain.regions)
        regions += r.id + "," + r.name.zh + "," + r.name.en + "," + exact(r.lon.value_or(0)) + "," +
                   exact(r.lat.value_or(0)) + "\n";
    std::string firms = "id,name_zh,name_en,leader,tech,profit,growth,pollution,energy,land\n",
                sites = "firm,region,segments,output\n";
    for (const auto& f : chain.firms) {
        firms += f.id + "," + f.name.zh + "," + f.name.en + "," + (f.leader ? "true" : "false");
        for (const auto& m : f.metrics) firms.append(",").append(m ? exact(*m) : std::string());
        firms += "\n";
        for (const auto& site : f.sites) {
            std::string list;
            for (int sg : site.segments) list += (list.empty() ? "" : ";") + chain.segments[sg].id;
            sites += f.id + "," + chain.regions[site.region].id + "," + list + "," +
                     (site.output ? exact(*site.output) : "") + "\n";
        }
    }
    std::string supplies = "from,to,segment\n";
    for (const auto& sp : chain.supplies)
        supplies += chain.firms[sp.from].id + "," + chain.firms[sp.to].id + "," +
                    (sp.segment >= 0 ? chain.segments[sp.segment].id : "") + "\n";
    // Resources and ties only when there are any: a folder without them is the folder it was before them.
    std::string resources = "id,name_zh,name_en,kind,region,segments,confidence\n",
                ties = "resource,firm,kind,confidence\n";
    for (const auto& r : chain.resources) {
        std::string list;
        for (int sg : r.segments) list += (list.empty() ? "" : ";") + chain.segments[sg].id;
        resources += r.id + "," + r.name.zh + "," + r.name.en + "," + kResourceKindKeys[static_cast<int>(r.kind)] +
                     "," + chain.regions[r.region].id + "," + list + "," + r.confidence + "\n";
    }
    for (const auto& t : chain.ties)
        ties += chain.resources[t.resource].id + "," + chain.firms[t.firm].id + "," +
                kTieKindKeys[static_cast<int>(t.kind)] + "," + t.confidence + "\n";
    if (!chain.resources.empty())
        for (auto [name, text] :
             {std::pair<const char*, const std::string*>{"resources.csv", &resources}, {"ties.csv", &ties}})
            if (Status written = write(name, *text); !written) return written;
    for (auto [name, text] : {std::pair<const char*, const std::string*>{"stages.csv", &stages},
                              {"segments.csv", &segments},
                              {"links.csv", &links},
                              {"regions.csv", &regions},
                              {"firms.csv", &firms},
                              {"sites.csv", &sites},
                              {"supplies.csv", &supplies}})
        if (Status written = write(name, *text); !written) return written;
    return Status::success();
}

}  // namespace bench
