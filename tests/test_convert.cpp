// convert and template: every bundled chain goes json -> xlsx -> json and json -> folder -> json with the same
// model and the same analysis; the template loads; kept keys of any kind survive.
#include <doctest/doctest.h>

#include <unistd.h>
#include <filesystem>

#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/base/file_io.hpp"
#include "chainatlas/convert/convert.hpp"
#include "chainatlas/load/fast_load.hpp"
#include "chainatlas/results/result_writers.hpp"
#include "helpers.hpp"

using namespace chainatlas;
namespace fs = std::filesystem;

namespace {

struct Scratch {
    fs::path path = fs::temp_directory_path() / ("chainatlas-convert-" + std::to_string(::getpid()));
    Scratch() {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~Scratch() { fs::remove_all(path); }
};

// The analysis of the chain's first region against its second, as JSON text.
std::string analysisText(const Chain& chain) {
    AnalysisOptions options;
    options.region = 0;
    if (chain.regions.size() > 1) options.hubs = {1};
    Analysis analysis = analyze(chain, options);
    std::string text;
    writeAnalysisJson(chain, analysis, 0, 1, [&](std::string_view piece) { text.append(piece); });
    return text;
}

Chain roundTrip(const Chain& chain, const std::string& path, ChainForm form) {
    REQUIRE(writeChain(chain, path, form));
    return test::chainFromFile(path);
}

}  // namespace

TEST_CASE("every bundled chain goes to a workbook and a folder and back with the same model and analysis") {
    Scratch scratch;
    int chains = 0;
    for (const auto& entry : fs::directory_iterator(CHAINATLAS_CHAINS_DIR)) {
        if (entry.path().extension() != ".json") continue;
        ++chains;
        INFO(entry.path().string());
        Chain original = test::chainFromFile(entry.path().string());
        std::string stem = entry.path().stem().string();
        Chain fromBook = roundTrip(original, (scratch.path / (stem + ".xlsx")).string(), ChainForm::Workbook);
        Chain fromFolder = roundTrip(original, (scratch.path / stem).string() + "/", ChainForm::Folder);
        nlohmann::json expected = chainToJson(original);
        CHECK(chainToJson(fromBook) == expected);
        CHECK(chainToJson(fromFolder) == expected);
        std::string analysis = analysisText(original);
        CHECK(analysisText(fromBook) == analysis);
        CHECK(analysisText(fromFolder) == analysis);
        // Twice: the folder written from the workbook's chain, and back to JSON, is still the same chain.
        Chain twice = roundTrip(fromBook, (scratch.path / (stem + "-2")).string() + "/", ChainForm::Folder);
        Chain json = roundTrip(twice, (scratch.path / (stem + ".json")).string(), ChainForm::Json);
        CHECK(chainToJson(json) == expected);
    }
    CHECK(chains == 5);
}

TEST_CASE("a synthetic chain goes through a workbook by the fast path to the same model") {
    bench::SyntheticSpec spec;
    spec.segments = 30, spec.regions = 20, spec.firms = 500, spec.supplies = 1500, spec.resources = 20, spec.ties = 60;
    Chain chain = bench::generateChain(spec);
    Scratch scratch;
    std::string book = (scratch.path / "synthetic.xlsx").string();
    REQUIRE(writeChain(chain, book, ChainForm::Workbook));
    auto bytes = readWholeFile(book);
    REQUIRE(bytes);
    std::optional<Chain> fast = fastChainFromWorkbook(*bytes, book);
    REQUIRE(fast);  // nothing unusual: the fast path takes it
    CHECK(chainToJson(*fast) == chainToJson(chain));
    std::string folder = (scratch.path / "synthetic").string() + "/";
    REQUIRE(writeChain(chain, folder, ChainForm::Folder));
    std::optional<Chain> fastFolder = fastChainFromCsvFolder(folder);
    REQUIRE(fastFolder);
    CHECK(chainToJson(*fastFolder) == chainToJson(chain));
}

TEST_CASE("kept keys of every kind, names in one language and numbers Excel cannot hold survive both forms") {
    Chain chain = test::chainFrom(R"({"format": "chainatlas/1",
        "chain": {"id": "k", "name": {"zh": "甲"}, "note": "both", "owner": {"dept": 3}},
        "segments": [{"id": "s", "name": "S, \"quoted\"\nline", "tags": [1, "a"], "empty": "", "flag": false}],
        "links": [], "regions": [{"id": "r", "lon": 0.30000000000000004, "lat": -1e-300}],
        "firms": [{"id": "f", "leader": true, "metrics": {"tech": 0.1, "land": 123456789.123456789},
                   "sites": [{"region": "r", "segments": ["s"], "output": 1e300, "note": "n", "confidence": "B+"}],
                   "memo": null}]})");
    Scratch scratch;
    for (ChainForm form : {ChainForm::Workbook, ChainForm::Folder, ChainForm::Json}) {
        std::string path = (scratch.path / "k").string() + (form == ChainForm::Workbook ? ".xlsx"
                                                            : form == ChainForm::Json   ? ".json"
                                                                                        : "/");
        INFO(path);
        Chain back = roundTrip(chain, path, form);
        CHECK(chainToJson(back) == chainToJson(chain));
        CHECK(back.regions[0].lon == 0.30000000000000004);
        CHECK(back.segments[0].extra["empty"] == "");
        CHECK(back.firms[0].extra["memo"].is_null());
        CHECK(back.firms[0].extra.contains("memo"));
    }
}

TEST_CASE("the template loads as an empty chain with the default stages, in both forms") {
    Scratch scratch;
    for (ChainForm form : {ChainForm::Workbook, ChainForm::Folder}) {
        std::string path = (scratch.path / "template").string() + (form == ChainForm::Workbook ? ".xlsx" : "/");
        REQUIRE(writeTemplate(path, form));
        LoadResult loaded = loadChainFile(path);
        REQUIRE(loaded.ok());
        CHECK(loaded.diagnostics.empty());
        CHECK(loaded.chain->stages.size() == 3);
        CHECK(loaded.chain->firms.empty());
    }
    CHECK(fs::exists(scratch.path / "template" / "readme.txt"));
    Status json = writeTemplate((scratch.path / "t.json").string(), ChainForm::Json);
    REQUIRE_FALSE(json);
    CHECK(json.error() == Error{ErrorCode::Format, "a template is a workbook (.xlsx) or a folder (DIR/)"});
}

TEST_CASE("the form of -o: .json, .xlsx, a folder, and nothing else") {
    CHECK(chainFormOf("a.json") == ChainForm::Json);
    CHECK(chainFormOf("A.XLSX") == ChainForm::Workbook);
    CHECK(chainFormOf("out/") == ChainForm::Folder);
    CHECK_FALSE(chainFormOf("a.csv").has_value());
    CHECK_FALSE(chainFormOf("").has_value());
}
