// The bundled chains: every file validates, is sourced and labelled, and tells the story it claims.
#include <doctest/doctest.h>

#include <filesystem>

#include "chainatlas/load.hpp"
#include "helpers.hpp"

using namespace chainatlas;

namespace {

std::vector<std::string> bundledFiles() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(CHAINATLAS_CHAINS_DIR))
        if (entry.path().extension() == ".json") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

Chain bundled(const std::string& name) { return test::chainFromFile(std::string(CHAINATLAS_CHAINS_DIR) + "/" + name); }

bool isConfidence(const std::string& c) { return c == "A" || c == "B" || c == "C"; }

}  // namespace

TEST_CASE("every bundled chain loads without errors or warnings") {
    auto files = bundledFiles();
    CHECK(files.size() >= 5);
    for (const auto& file : files) {
        CAPTURE(file);
        LoadResult result = loadChainFile(file);
        std::string problems;
        for (const auto& d : result.diagnostics) problems += formatDiagnostic(d) + "\n";
        CAPTURE(problems);
        CHECK(result.ok());
        CHECK(result.diagnostics.empty());
    }
}

TEST_CASE("bundled chains are honest: illustrative note, sources, confidence labels, no C-level supply link") {
    for (const auto& file : bundledFiles()) {
        CAPTURE(file);
        Chain chain = test::chainFromFile(file);
        CHECK(chain.note.find("llustrative") != std::string::npos);
        CHECK_FALSE(chain.sources.empty());
        for (const Source& source : chain.sources) {
            CAPTURE(source.id);
            CHECK_FALSE(source.title.empty());
            CHECK(source.url.rfind("http", 0) == 0);
            CHECK(source.accessed.size() == 10);
        }
        for (const Firm& firm : chain.firms) {
            CAPTURE(firm.id);
            CHECK_FALSE(firm.sources.empty());
            CHECK_FALSE(firm.name.zh.empty());
            CHECK_FALSE(firm.name.en.empty());
            for (const Site& site : firm.sites) CHECK(isConfidence(site.confidence));
        }
        for (const Supply& supply : chain.supplies) {
            CAPTURE(chain.firms[supply.from].id);
            CAPTURE(chain.firms[supply.to].id);
            CHECK(isConfidence(supply.confidence));
            CHECK(supply.confidence != "C");
        }
        for (const Segment& segment : chain.segments) {
            CHECK_FALSE(segment.name.zh.empty());
            CHECK_FALSE(segment.name.en.empty());
        }
    }
}

TEST_CASE("NEV, Suzhou Industrial Park with hub Shanghai: vehicle assembly is occupied, parts complement it") {
    Chain chain = bundled("nev.json");
    Analysis a = analyze(chain, test::options(chain, "suzhou", {"shanghai"}));
    // The segment of Tesla's Shanghai site.
    int tesla = findFirm(chain, "tesla-shanghai");
    REQUIRE(tesla >= 0);
    int shanghai = findRegion(chain, "shanghai");
    bool checked = false;
    for (const Site& site : chain.firms[tesla].sites)
        if (site.region == shanghai)
            for (int s : site.segments) {
                CAPTURE(chain.segments[s].id);
                CHECK(a.segments[s].occupied);
                checked = true;
            }
    CHECK(checked);
    int complements = 0;
    for (const auto& s : a.segments) complements += s.complement;
    CHECK(complements >= 1);
    CHECK_FALSE(a.targets.empty());
    // Bosch is already in the park, so it is a local firm, not a target.
    CHECK(test::target(chain, a, "bosch") == nullptr);
}

TEST_CASE("NEV, Weinan with hub Xi'an: Xi'an occupies a segment and there are targets") {
    Chain chain = bundled("nev.json");
    Analysis a = analyze(chain, test::options(chain, "weinan", {"xian"}));
    int occupied = 0;
    for (const auto& s : a.segments) occupied += s.occupied;
    CHECK(occupied >= 1);
    CHECK_FALSE(a.targets.empty());
}

TEST_CASE("the SIP and additive-manufacturing chains have at least six regions") {
    for (const char* name : {"biomedicine.json", "nanotech.json", "ai.json", "additive-manufacturing.json"}) {
        CAPTURE(name);
        Chain chain = bundled(name);
        CHECK(chain.regions.size() >= 6);
        CHECK(chain.firms.size() >= 6);
    }
}
