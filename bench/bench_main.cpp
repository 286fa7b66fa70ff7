// chainatlas-bench: load, analysis, re-ranking and layout times and peak memory on synthetic chains.
// Usage: chainatlas-bench [analysis|layout|all] [--firms N] [--supplies N] [--segments N] [--regions N]
//        chainatlas-bench generate OUT.json [--firms N] ...   (a synthetic chain file, e.g. for the viewer)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "chainatlas/file_io.hpp"
#include "chainatlas/layout.hpp"
#include "chainatlas/load.hpp"
#include "chainatlas/svg.hpp"
#include "synthetic.hpp"

using namespace chainatlas;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

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
    std::printf("load JSON (%.0f MB): %.2f s%s\n", text.size() / 1e6, secondsSince(start), loaded.ok() ? "" : " FAILED");
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
    std::printf("what-if analysis (copy + two analyses): %.3f s, %zu segments changed\n", whatIfTime, analysis.changed.size());

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
        std::printf("layout %5d firms, %d segments: segment level %.3f s, firm level %.3f s; firm SVG %.3f s, %.1f MB "
                    "(best of 3)\n", firms, spec.segments, segmentTime, firmTime, svgTime, svg.size() / 1e6);
    }
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
        else if (what == "generate" && output.empty()) output = argv[i];
        else what = argv[i];
    }
    if (what == "generate") {
        if (output.empty()) {
            std::fprintf(stderr, "usage: chainatlas-bench generate OUT.json [--firms N] [--supplies N] [--segments N] [--regions N]\n");
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
