// chainatlas-bench: load, analysis, re-ranking and layout times and peak memory on synthetic chains.
// Usage: chainatlas-bench [analysis|layout|all] [--firms N] [--supplies N] [--segments N] [--regions N]
//        [--resources N] [--ties N]
//        chainatlas-bench generate OUT.json [--firms N] ...   (a synthetic chain file, e.g. for the viewer)
//        chainatlas-bench generate-csv OUT_FOLDER [--firms N] ... (the same as a folder of CSV files), then
//        chainatlas-bench load PATH  (load time and peak memory of a file or CSV folder)
//        chainatlas-bench innovation [--firms N] [--resources N] [--ties N] (the innovation term with many ties)
//        chainatlas-bench phases PATH (load, analyse, what-if, describe the map at segment and firm level,
//                                      write JSON, write CSV: best of 3 each;
//                                      region r0, hub r1, what-if: the top target in r0)
//        chainatlas-bench touch MB   (time to touch MB of fresh memory, a byte a 4 KB page, in huge pages as
//                                     the program's heap: on a virtual machine the first touch of memory the
//                                     host has not backed yet costs many times a page used before)
#include <malloc.h>
#include <simdjson.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/analysis/support.hpp"
#include "chainatlas/base/file_io.hpp"
#include "chainatlas/base/huge_pages.hpp"
#include "chainatlas/load/fast_load.hpp"
#include "chainatlas/load/load.hpp"
#include "chainatlas/map/layout.hpp"
#include "chainatlas/map/scene.hpp"
#include "chainatlas/results/result_writers.hpp"
#include "chainatlas/svg/svg.hpp"
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
    if (Status written = writeFileAtomically(path, text); !written) {
        std::fprintf(stderr, "chainatlas-bench: %s\n", written.error().message.c_str());  // it names the file
        return;
    }
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
    // Its parts: the copy of the chain with the assumed site, and the analysis of that copy alone.
    std::vector<Assumption> filled = withDefaultSegments(chain, whatIf.assumptions);
    Chain assumedChain;
    double whatIfCopy = best(3, [&] { assumedChain = applyAssumptions(chain, filled); });
    assumedChain = Chain{};
    std::size_t heapBefore = mallinfo2().uordblks;
    assumedChain = applyAssumptions(chain, filled);
    double chainCopyMb = static_cast<double>(mallinfo2().uordblks - heapBefore) / 1048576.0;
    double suppliesMb = static_cast<double>(chain.supplies.get().capacity() * sizeof(Supply)) / 1048576.0;
    double whatIfAnalyse = best(3, [&] { assumed = analyze(assumedChain, options); });
    // The viewer's what-if: from the plain analysis it holds, without a copy of the chain.
    double whatIfIncremental = best(3, [&] { assumed = analyzeWhatIf(chain, whatIf, analysis); });
    // What the viewer does on a weight change: a copy of the analysis (when a worker still reads it) and a
    // rerank; and the heap an analysis holds (mallinfo2's bytes in use before and after one more copy).
    Analysis copied;
    double copyTime = best(3, [&] { copied = analysis; });
    copied = Analysis{};
    std::size_t before = mallinfo2().uordblks;
    auto held = std::make_unique<Analysis>(analysis);
    double analysisMb = static_cast<double>(mallinfo2().uordblks - before) / 1048576.0;
    held.reset();
    Weights other;
    other.fit = 0.5;
    double rerankTime = best(3,
                             [&] {
                                 rerank(analysis, chain, other);
                                 rerank(analysis, chain, options.weights);
                             }) /
                        2;
    MapScene scene;
    double describe = best(3, [&] { scene = describeMap(chain, analysis, Theme{}, MapLevel::Segment, {}); });
    double describeFirms = best(3, [&] { scene = describeMap(chain, analysis, Theme{}, MapLevel::Firm, {}); });
    std::string json, csv;
    double writeJson = best(3, [&] { (json = analysisJsonText(chain, analysis, 0, 2)) += '\n'; });
    double writeCsv = best(3, [&] { csv = analysisToCsv(chain, analysis, 0, Lang::En); });
    // simdjson alone on the same file (mapped as the loader maps it, a DOM parse with a fresh parser): the floor
    // the load is measured against.
    double simdjsonParse = best(3, [&] {
        auto text = readFileText(path, fastLoadPadding());
        simdjson::dom::parser parser;
        simdjson::dom::element root;
        if (!text || parser.parse(text->view().data(), text->view().size(), false).get(root)) std::abort();
    });
    std::printf("simdjson_parse %.3f\n", simdjsonParse);
    std::printf("analysis_copy %.3f\nrerank %.3f\nanalysis_mb %.1f\n", copyTime, rerankTime, analysisMb);
    std::printf("whatif_copy_mb %.1f\nsupplies_mb %.1f\n", chainCopyMb, suppliesMb);
    std::printf(
        "load %.3f\nanalyse %.3f\nwhatif %.3f\nwhatif_copy %.3f\nwhatif_analyse %.3f\nwhatif_incremental %.3f\ndescribe %.3f\ndescribe_firms %.3f\nwrite_json %.3f\nwrite_csv "
        "%.3f\ntargets %zu\njson_bytes %zu\n",
        load, analyse, whatIfTime, whatIfCopy, whatIfAnalyse, whatIfIncremental, describe, describeFirms, writeJson,
        writeCsv, analysis.targets.size(), json.size());
    // The fast JSON path's token index: read in windows (their number, the largest window's index), and read
    // as one document (how much of its index was handed back behind the reader).
    if (auto padded = readPaddedFile(path)) {
        FastLoadStats stats;
        if (fastChainFromPaddedJson(padded->view(), &stats))
            std::printf("windows %zu\nwindow_index_mb %.2f\n", stats.windows, stats.indexBytes / 1048576.0);
        FastJsonOptions whole;
        whole.oneDocument = true;
        if (fastChainFromPaddedJson(padded->view(), &stats, whole))
            std::printf("index_mb %.1f/%.1f\n", stats.indexBytesReleased / 1048576.0, stats.indexBytes / 1048576.0);
    }
    return 0;
}

// The innovation term with many ties (DESIGN §3.9): every firm's term through the index of ties by firm against
// the same term from a scan of all ties per firm (what the analysis did before the index); they must agree.
int benchInnovation(const bench::SyntheticSpec& spec) {
    Chain chain = bench::generateChain(spec);
    std::vector<int> hubs = {1};
    std::vector<InnovationTerm> scanned, indexed;
    int firms = static_cast<int>(chain.firms.size());
    int scannedFirms = std::min(firms, 2000);  // the scan is quadratic: a sample of firms, scaled up below
    double scan = best(1, [&] {
        scanned.clear();
        for (int f = 0; f < scannedFirms; ++f) scanned.push_back(innovationTerm(chain, f, 0, hubs));
    });
    double index = best(3, [&] {
        indexed.clear();
        ConfirmedTiesByFirm ties = confirmedTiesByFirm(chain);
        for (int f = 0; f < firms; ++f) indexed.push_back(innovationTerm(chain, ties, f, 0, hubs));
    });
    int differ = 0;
    for (int f = 0; f < scannedFirms; ++f)
        differ += scanned[f].value != indexed[f].value || scanned[f].resources != indexed[f].resources;
    AnalysisOptions options;
    options.region = 0;
    options.hubs = hubs;
    Analysis analysis;
    double analyse = best(3, [&] { analysis = analyze(chain, options); });
    std::printf(
        "innovation terms, %d firms, %zu ties: scan per firm %.3f s (%d firms; all firms about %.1f s), index %.3f s; "
        "%d differ; analyse %.3f s\n",
        firms, chain.ties.size(), scan, scannedFirms, scan * firms / std::max(1, scannedFirms), index, differ, analyse);
    return differ == 0 ? 0 : 1;
}

// `touch MB`: maps MB of memory on a 2 MB boundary, asks for huge pages, writes a byte a 4 KB page.
int benchTouch(const std::string& megabytes) {
    std::size_t mb = std::strtoull(megabytes.c_str(), nullptr, 10);
    if (mb == 0) {
        std::fprintf(stderr, "usage: chainatlas-bench touch MB\n");
        return 1;
    }
    constexpr std::size_t kHuge = std::size_t{2} << 20;
    std::size_t bytes = mb << 20;
    void* mapped = mmap(nullptr, bytes + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) {
        std::perror("touch: mmap");
        return 1;
    }
    std::size_t misaligned = reinterpret_cast<std::uintptr_t>(mapped) % kHuge;
    char* start = static_cast<char*>(mapped) + (misaligned ? kHuge - misaligned : 0);
    madvise(start, bytes, MADV_HUGEPAGE);
    auto began = Clock::now();
    for (std::size_t at = 0; at < bytes; at += 4096) start[at] = 1;
    double seconds = secondsSince(began);
    std::printf("touch %zu MB: %.3f s, %.2f ms/MB\n", mb, seconds, seconds * 1000 / static_cast<double>(mb));
    munmap(mapped, bytes + kHuge);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    // The phases are timed under the allocator settings chainatlas and the viewer start with (huge pages, large
    // blocks from the heap); without them every fresh 4 KB page costs a fault and the phases looked slower than
    // the same work inside `chainatlas analyze`.
    chainatlas::startWithHugePages(argv);
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
        else if (!std::strcmp(argv[i], "--resources")) number(spec.resources);
        else if (!std::strcmp(argv[i], "--ties")) number(spec.ties);
        else if ((what == "generate" || what == "generate-csv" || what == "load" || what == "phases" ||
                  what == "touch") &&
                 output.empty())
            output = argv[i];
        else what = argv[i];
    }
    if (what == "generate-csv") {
        if (output.empty()) {
            std::fprintf(stderr, "usage: chainatlas-bench generate-csv OUT_FOLDER [--firms N] ...\n");
            return 1;
        }
        Status written = bench::writeCsvFolder(bench::generateChain(spec), output);
        if (!written) std::fprintf(stderr, "%s\n", written.error().message.c_str());
        return written ? 0 : 1;
    }
    if (what == "load") {
        auto start = Clock::now();
        LoadResult loaded = loadChainFile(output);
        std::printf("load %s: %.2f s, %s, %zu firms, peak memory %.0f MB\n", output.c_str(), secondsSince(start),
                    loaded.ok() ? "ok" : "FAILED", loaded.ok() ? loaded.chain->firms.size() : 0, peakMegabytes());
        return loaded.ok() ? 0 : 2;
    }
    if (what == "phases") return benchPhases(output);
    if (what == "touch") return benchTouch(output);
    if (what == "innovation") return benchInnovation(spec);
    if (what == "generate") {
        if (output.empty()) {
            std::fprintf(
                stderr,
                "usage: chainatlas-bench generate OUT.json [--firms N] [--supplies N] [--segments N] [--regions N]\n");
            return 1;
        }
        Status written = writeFileAtomically(output, chainToJson(bench::generateChain(spec)).dump());
        if (!written) std::fprintf(stderr, "%s\n", written.error().message.c_str());
        return written ? 0 : 1;
    }
    if (what == "analysis" || what == "all") benchAnalysis(spec);
    if (what == "layout" || what == "all") benchLayout(spec);
    return 0;
}
