// Shared test helpers: loading chains from inline JSON and finding results by id.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/analysis/targets.hpp"
#include "chainatlas/load/load.hpp"
#include "synthetic.hpp"

namespace test {

// A synthetic chain (40 segments, 30 regions, three supplies a firm) analysed for region 0 with hub 1.
struct SyntheticAnalysis {
    chainatlas::Chain chain;
    chainatlas::Analysis analysis;
};
inline SyntheticAnalysis syntheticWithHub(int firms) {
    bench::SyntheticSpec spec;
    spec.segments = 40, spec.regions = 30, spec.firms = firms, spec.supplies = 3 * firms;
    SyntheticAnalysis result{bench::generateChain(spec), {}};
    chainatlas::AnalysisOptions options;
    options.region = 0;
    options.hubs = {1};
    result.analysis = chainatlas::analyze(result.chain, options);
    return result;
}

inline chainatlas::Chain chainFrom(const std::string& text) {
    chainatlas::LoadResult result = chainatlas::loadChainText(text, "inline.json");
    for (const auto& d : result.diagnostics) INFO(chainatlas::formatDiagnostic(d));
    REQUIRE(result.ok());
    return std::move(*result.chain);
}

inline chainatlas::Chain chainFromFile(const std::string& path) {
    chainatlas::LoadResult result = chainatlas::loadChainFile(path);
    std::string problems;
    for (const auto& d : result.diagnostics) problems += chainatlas::formatDiagnostic(d) + "\n";
    INFO(problems);
    REQUIRE(result.ok());
    return std::move(*result.chain);
}

// A chain from tests/data, e.g. dataChain(fixtures::kPlannerFile).
inline chainatlas::Chain dataChain(const std::string& relative) {
    return chainFromFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/" + relative);
}

inline const chainatlas::SegmentResult& segment(const chainatlas::Chain& chain, const chainatlas::Analysis& a,
                                                const std::string& id) {
    int s = chainatlas::findSegment(chain, id);
    REQUIRE(s >= 0);
    return a.segments[s];
}

inline const chainatlas::Target* target(const chainatlas::Chain& chain, const chainatlas::Analysis& a,
                                        const std::string& firmId) {
    for (const auto& t : a.targets)
        if (chain.firms[t.firm].id == firmId) return &t;
    return nullptr;
}

inline chainatlas::AnalysisOptions options(const chainatlas::Chain& chain, const std::string& region,
                                           const std::vector<std::string>& hubs = {}) {
    chainatlas::AnalysisOptions o;
    o.region = chainatlas::findRegion(chain, region);
    REQUIRE(o.region >= 0);
    for (const auto& h : hubs) o.hubs.push_back(chainatlas::findRegion(chain, h));
    return o;
}

// A minimal valid document around the given arrays (JSON text of each array).
inline std::string document(const std::string& segments, const std::string& links, const std::string& regions,
                            const std::string& firms, const std::string& supplies = "[]") {
    return R"({"format": "chainatlas/1", "chain": {"id": "t", "name": "T"}, "segments": )" + segments +
           R"(, "links": )" + links + R"(, "regions": )" + regions + R"(, "firms": )" + firms + R"(, "supplies": )" +
           supplies + "}";
}

}  // namespace test
