// chainatlas-bench: load, analysis, re-ranking and layout times and peak memory on synthetic chains.
// Usage: chainatlas-bench [analysis|layout|all] [--firms N] [--supplies N] [--segments N] [--regions N]
//        chainatlas-bench generate OUT.json [--firms N] ...   (a synthetic chain file, e.g. for the viewer)
//        chainatlas-bench generate-csv OUT_FOLDER [--firms N] ... (the same as a folder of CSV files), then
//        chainatlas-bench load PATH  (load time and peak memory of a file or CSV folder)
//        chainatlas-bench phases PATH (load, analyse, what-if, write JSON, write CSV: best of 3 each;
//                                      region r0, hub r1, what-if: the top target in r0)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "chainatlas/file_io.hpp"
#include "chainatlas/layout.hpp"
#include "chainatlas/load.hpp"
#include "chainatlas/report.hpp"
#include "chainatlas/svg.hpp"
#include "synthetic.hpp"

using namespace chainatlas;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double peakMegabytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0;
}

template <typename F>
double best(int repeats, F&& work) {
    double fastest = 1e30;
    for (int i = 0; i < repeats; ++i) {
        auto start = Clock::now();
        work();
        fastest = std::min(fastest, secondsSince(start));
    }
    return fastest;
}

void benchAnalysis(const bench::SyntheticSpec& spec) {
    auto start = Clock::now();
    Chain chain = bench::generateChain(spec);
    std::printf("generate  %d segments x %d regions x %d firms x %d supplies: %.2f s\n", spec.segments, spec.regions,
                spec.firms, spec.supplies, secondsSince(start));

    std::string path = (std::filesystem::temp_directory_path() / "chainatlas-bench.json").string();
    std::string text = chainToJson(chain).dump();
    writeFileAtomically(path, text);
    start = Clock::now();
    LoadResult loaded = loadChainFile(path);
    std::printf("load JSON (%.0f MB): %.2f s%s\n", text.size() / 1e6, secondsSince(start),
                loaded.ok() ? "" : " FAILED");
    std::filesystem::remove(path);
    text.clear();
    text.shrink_to_fit();

    AnalysisOptions options;
    options.region = 5;
    options.hubs = {0, 1};
    Analysis analysis;
    double analysisTime = best(3, [&] { analysis = analyze(chain, options); });
    std::printf("analysis (statuses, relatedness, %zu targets ranked): %.3f s (best of 3)\n", analysis.targets.size(),
                analysisTime);

    options.assumptions.push_back({analysis.targets.empty() ? 0 : analysis.targets[0].firm, options.region, {}});
    double whatIfTime = best(1, [&] { analysis = analyze(chain, options); });
    std::printf("what-if analysis (copy + two analyses): %.3f s, %zu segments changed\n", whatIfTime,
                analysis.changed.size());

    // Re-ranking after a weight change, on 10,000 candidates (statuses kept).
    std::vector<Target> targets(analysis.targets.begin(),
                                analysis.targets.begin() + std::min<std::size_t>(10000, analysis.targets.size()));
    Weights weights;
    int flips = 0;
    double rerank = best(20, [&] {
        weights.fit = (flips++ % 2) ? 3.0 : 4.5;
        rankTargets(targets, chain, weights);
    });
    std::printf("re-rank %zu targets after a weight change: %.2f ms (best of 20)\n", targets.size(), rerank * 1000);
    std::printf("peak memory: %.0f MB\n", peakMegabytes());
}

void benchLayout(const bench::SyntheticSpec& base) {
    LayoutEngine engine;
    for (int firms : {100, 1000, 10000}) {
        bench::SyntheticSpec spec = base;
        spec.firms = firms;
        spec.supplies = firms * 3;
        spec.segments = base.segments == 300 ? 40 : base.segments;  // 40 unless asked with --segments
        spec.regions = 30;
        Chain chain = bench::generateChain(spec);
        AnalysisOptions options;
        options.region = 3;
        options.hubs = {0};
        Analysis analysis = analyze(chain, options);
        LayoutOptions layout;
        double segmentTime = best(3, [&] { (void)engine.layout(chain, analysis, layout); });
        layout.level = MapLevel::Firm;
        Result<MapGeometry> geometry = MapGeometry{};
        double firmTime = best(3, [&] { geometry = engine.layout(chain, analysis, layout); });
        std::string svg;
        double svgTime = best(3, [&] { svg = renderSvg(chain, analysis, *geometry, Theme{}, SvgOptions{}); });
        std::printf(
            "layout %5d firms, %d segments: segment level %.3f s, firm level %.3f s; firm SVG %.3f s, %.1f MB "
            "(best of 3)\n",
            firms, spec.segments, segmentTime, firmTime, svgTime, svg.size() / 1e6);
    }
}

// A double that reads back exactly (std::to_string keeps only six decimals).
std::string exact(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
}

// The chain as a folder of CSV files in the layout chainatlas reads (README, "CSV folders").
std::string writeCsvFolder(const Chain& chain, const std::string& folder) {
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
    for (auto [name, text] : {std::pair<const char*, const std::string*>{"stages.csv", &stages},
                              {"segments.csv", &segments},
                              {"links.csv", &links},
                              {"regions.csv", &regions},
                              {"firms.csv", &firms},
                              {"sites.csv", &sites},
                              {"supplies.csv", &supplies}})
        if (std::string problem = write(name, *text); !problem.empty()) return problem;
    return {};
}

// The phases of `chainatlas analyze` on one file, each the best of 3 (bench/run.sh prints them in its table).
int benchPhases(const std::string& path) {
    LoadResult loaded;
    double load = best(3, [&] { loaded = loadChainFile(path); });
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s: does not load\n", path.c_str());
        return 2;
    }
    const Chain& chain = *loaded.chain;
    AnalysisOptions options;
    options.region = findRegion(chain, "r0");
    options.hubs = {findRegion(chain, "r1")};
    if (options.region < 0 || options.hubs[0] < 0) {
        std::fprintf(stderr, "%s: needs regions r0 and r1 (a synthetic chain)\n", path.c_str());
        return 1;
    }
    Analysis analysis;
    double analyse = best(3, [&] { analysis = analyze(chain, options); });
    AnalysisOptions whatIf = options;
    if (!analysis.targets.empty()) whatIf.assumptions.push_back({analysis.targets[0].firm, options.region, {}});
    Analysis assumed;
    double whatIfTime = best(3, [&] { assumed = analyze(chain, whatIf); });
    std::string json, csv;
    double writeJson = best(3, [&] { (json = analysisJsonText(chain, analysis, 0, 2)) += '\n'; });
    double writeCsv = best(3, [&] { csv = analysisToCsv(chain, analysis, 0, Lang::En); });
    std::printf("load %.3f\nanalyse %.3f\nwhatif %.3f\nwrite_json %.3f\nwrite_csv %.3f\ntargets %zu\njson_bytes %zu\n",
                load, analyse, whatIfTime, writeJson, writeCsv, analysis.targets.size(), json.size());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    bench::SyntheticSpec spec;
    std::string what = "all", output;
    for (int i = 1; i < argc; ++i) {
        auto number = [&](int& slot) {
            if (i + 1 < argc) slot = std::atoi(argv[++i]);
        };
        if (!std::strcmp(argv[i], "--firms")) number(spec.firms);
        else if (!std::strcmp(argv[i], "--supplies")) number(spec.supplies);
        else if (!std::strcmp(argv[i], "--segments")) number(spec.segments);
        else if (!std::strcmp(argv[i], "--regions")) number(spec.regions);
        else if ((what == "generate" || what == "generate-csv" || what == "load" || what == "phases") && output.empty())
            output = argv[i];
        else what = argv[i];
    }
    if (what == "generate-csv") {
        std::string problem = output.empty() ? "usage: chainatlas-bench generate-csv OUT_FOLDER [--firms N] ..."
                                             : writeCsvFolder(bench::generateChain(spec), output);
        if (!problem.empty()) std::fprintf(stderr, "%s\n", problem.c_str());
        return problem.empty() ? 0 : 1;
    }
    if (what == "load") {
        auto start = Clock::now();
        LoadResult loaded = loadChainFile(output);
        std::printf("load %s: %.2f s, %s, %zu firms, peak memory %.0f MB\n", output.c_str(), secondsSince(start),
                    loaded.ok() ? "ok" : "FAILED", loaded.ok() ? loaded.chain->firms.size() : 0, peakMegabytes());
        return loaded.ok() ? 0 : 2;
    }
    if (what == "phases") return benchPhases(output);
    if (what == "generate") {
        if (output.empty()) {
            std::fprintf(
                stderr,
                "usage: chainatlas-bench generate OUT.json [--firms N] [--supplies N] [--segments N] [--regions N]\n");
            return 1;
        }
        std::string problem = writeFileAtomically(output, chainToJson(bench::generateChain(spec)).dump());
        if (!problem.empty()) std::fprintf(stderr, "%s\n", problem.c_str());
        return problem.empty() ? 0 : 1;
    }
    if (what == "analysis" || what == "all") benchAnalysis(spec);
    if (what == "layout" || what == "all") benchLayout(spec);
    return 0;
}
