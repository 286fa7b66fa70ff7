// The streamed result writers (issue 14) against the DOM writer they replace: the same bytes, compact and
// indented, and the same JSON when parsed back, on every bundled chain (with a hub and a what-if, so that
// `assumed` and `changed` are filled) and on a synthetic chain with awkward characters in its names.
#include <doctest/doctest.h>

#include <filesystem>
#include <iterator>
#include <string>

#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/results/result_writers.hpp"
#include "helpers.hpp"
#include "synthetic.hpp"

using namespace chainatlas;

namespace {

// Both writers on one analysis, with every target and with the first three.
void checkSameJson(const Chain& chain, const Analysis& analysis) {
    for (std::size_t top : {std::size_t{0}, std::size_t{3}}) {
        nlohmann::json dom = analysisToJson(chain, analysis, top);
        std::string compact = analysisJsonText(chain, analysis, top, -1);
        std::string indented = analysisJsonText(chain, analysis, top, 2);
        CHECK(nlohmann::json::parse(compact) == dom);
        CHECK(nlohmann::json::parse(indented) == dom);
        CHECK(compact == dom.dump());
        CHECK(indented == dom.dump(2));
    }
}

// The region, a hub and a what-if on the top target: every part of the object is non-empty.
Analysis hubAndWhatIf(const Chain& chain) {
    AnalysisOptions options;
    options.region = 0;
    if (chain.regions.size() > 1) options.hubs = {1};
    Analysis plain = analyze(chain, options);
    if (!plain.targets.empty()) options.assumptions.push_back({plain.targets[0].firm, options.region, {}});
    return analyze(chain, options);
}

}  // namespace

TEST_CASE("streamed JSON equals the DOM's dump on every bundled chain, region by region") {
    for (const auto& entry : std::filesystem::directory_iterator(CHAINATLAS_CHAINS_DIR)) {
        if (entry.path().extension() != ".json") continue;
        CAPTURE(entry.path().filename().string());
        Chain chain = test::chainFromFile(entry.path().string());
        REQUIRE(!chain.regions.empty());
        Analysis analysis = hubAndWhatIf(chain);
        CHECK(!analysis.assumed.empty());
        checkSameJson(chain, analysis);
        for (int r = 1; r < static_cast<int>(chain.regions.size()); ++r) {
            AnalysisOptions options;
            options.region = r;
            options.hubs = {0};
            checkSameJson(chain, analyze(chain, options));
        }
    }
}

TEST_CASE("streamed JSON equals the DOM's dump on a synthetic chain with quotes and control characters in ids") {
    bench::SyntheticSpec spec;
    spec.firms = 2000;
    spec.supplies = 8000;
    spec.segments = 40;
    spec.regions = 20;
    Chain chain = bench::generateChain(spec);
    chain.id = "syn\"th\\etic\n\t\x01\x1f 合成";
    chain.firms[0].id = "f\"0\r";
    // Ids of every length up to 200 bytes with an escape, a control byte or UTF-8 at every place: the writer
    // tests eight bytes at a time, copies short texts whole and hands long ones on straight.
    const char* odd[] = {"\"", "\\", "\x02", "\x1f", "合", "\x7f", "\n"};
    for (std::size_t i = 1; i < chain.firms.size(); ++i) {
        std::size_t length = i % 201, at = (i / 201) % (length + 1);
        std::string id(length, 'x');
        id.insert(at, odd[i % std::size(odd)]);
        chain.firms[i].id = id + "#" + std::to_string(i);
    }
    chain.segments[0].id = "s\b\f0";
    chain.buildIndexes();
    Analysis analysis = hubAndWhatIf(chain);
    REQUIRE(analysis.targets.size() > 100);
    // Scores with many digits and exponents (the formatting of every double is dump()'s).
    analysis.targets[0].score = 1e-7;
    analysis.targets[1].score = 123456789012345678.0;
    analysis.targets[2].score = -0.0;
    analysis.segments[0].rca = 0.1 + 0.2;
    checkSameJson(chain, analysis);
    std::string compact = analysisJsonText(chain, analysis, 0, -1);
    // The escapes by hand: quote, backslash, newline, tab, then \u0001 and \u001f; Chinese stays UTF-8.
    CHECK(compact.find(R"("chain":"syn\"th\\etic\n\t\u0001\u001f 合成")") != std::string::npos);
}

TEST_CASE("the JSON written a piece at a time is the text written whole, and no piece is much over a megabyte") {
    auto [chain, analysis] = test::syntheticWithHub(20000);
    for (int indent : {-1, 2}) {
        std::string whole = analysisJsonText(chain, analysis, 0, indent) + "\n";
        REQUIRE(whole.size() > 2'100'000);  // three pieces or more
        std::string joined;
        std::size_t pieces = 0, largest = 0;
        writeAnalysisJson(chain, analysis, 0, indent, [&](std::string_view piece) {
            ++pieces, largest = std::max(largest, piece.size());
            joined.append(piece);
        });
        CHECK(joined == whole);
        CHECK(pieces >= 3);
        CHECK(pieces >= whole.size() / (1 << 20));
        CHECK(largest < (1 << 20) + 64 * 1024);  // a piece ends at the first element past a megabyte
    }
}
