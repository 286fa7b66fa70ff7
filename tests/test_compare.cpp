// Regions side by side (`chainatlas compare`): per segment status and advice in each region, per region the
// advice counts and the top three targets. Expected values worked out by hand on tests/data/good/mini.json.
#include <doctest/doctest.h>

#include "chainatlas/analysis/compare.hpp"
#include "chainatlas/analysis/scenario.hpp"
#include "cli_run.hpp"
#include "helpers.hpp"

using namespace chainatlas;

namespace {
const std::string kMini = std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json";
}

// mini: a -> b -> c -> d. suzhou: f1 in a (output 2), f3 in c (1); shanghai: f2 in b and d (1 each). Total 5.
// suzhou: RCA(a) = (2/3)/(2/5) = 1.67, RCA(c) = (1/3)/(1/5) = 1.67: both strong; b lies between a and c: gap;
//         d is linked to c: extension.
// shanghai: RCA(b) = RCA(d) = (1/2)/(1/5) = 2.5: strong; c lies between b and d: gap; a is linked to b: extension.
TEST_CASE("compare gathers each region's statuses in the order asked for") {
    Chain chain = test::chainFromFile(kMini);
    int suzhou = findRegion(chain, "suzhou"), shanghai = findRegion(chain, "shanghai");
    Comparison c = compareRegions(chain, {shanghai, suzhou}, {}, Weights{});
    REQUIRE(c.regions.size() == 2);
    CHECK(c.regions[0].region == shanghai);
    using S = SegmentStatus;
    CHECK(c.regions[1].status == std::vector<S>{S::Strong, S::Gap, S::Strong, S::Extension});  // suzhou: a b c d
    CHECK(c.regions[0].status == std::vector<S>{S::Extension, S::Strong, S::Gap, S::Strong});  // shanghai
    int counted = 0;
    for (int n : c.regions[1].adviceCounts) counted += n;
    CHECK(counted == 4);  // every segment has exactly one advice
    // Top targets. suzhou: only f2 (b, d) has no site there. shanghai: f3 fills the gap c (fit 1.0 x 3, and
    // f2 in shanghai supplies it: anchor 1/3 x 2) ahead of f1 extending into a (fit 0.6 x 3, no anchor).
    REQUIRE(c.regions[1].top.size() == 1);
    CHECK(c.regions[1].top[0].firm == findFirm(chain, "f2"));
    REQUIRE(c.regions[0].top.size() == 2);
    CHECK(c.regions[0].top[0].firm == findFirm(chain, "f3"));
    CHECK(c.regions[0].top[1].firm == findFirm(chain, "f1"));
}

// With hub shanghai, a is linked to b, which shanghai holds: were shanghai its own hub, a (extension there)
// would read "complement" beside its own strength. Its column is measured without itself as hub instead.
TEST_CASE("compare measures a hub that is also compared without itself as its own hub") {
    Chain chain = test::chainFromFile(kMini);
    int suzhou = findRegion(chain, "suzhou"), shanghai = findRegion(chain, "shanghai");
    Comparison alone = compareRegions(chain, {shanghai}, {}, Weights{});
    Comparison both = compareRegions(chain, {shanghai, suzhou}, {shanghai}, Weights{});
    CHECK(both.regions[0].advice == alone.regions[0].advice);
    CHECK(both.regions[0].advice[0] == Advice::Extend);  // a in shanghai: an extension, nothing to complement
    CHECK(both.hubs == std::vector<int>{shanghai});      // the comparison still names its hub
    AnalysisOptions options;
    options.region = shanghai;
    options.hubs = {shanghai};
    CHECK(analyze(chain, options).segments[0].advice == Advice::Complement);  // what it would have said
}

TEST_CASE("compare as JSON and CSV") {
    Chain chain = test::chainFromFile(kMini);
    Comparison c = compareRegions(chain, {findRegion(chain, "suzhou"), findRegion(chain, "shanghai")}, {}, Weights{});
    nlohmann::json json = comparisonToJson(chain, c);
    CHECK(json["regions"] == nlohmann::json::array({"suzhou", "shanghai"}));
    CHECK(json["segments"][1]["id"] == "b");
    CHECK(json["segments"][1]["regions"]["suzhou"]["status"] == "gap");
    CHECK(json["segments"][1]["regions"]["shanghai"]["status"] == "strong");
    CHECK(json["summary"][1]["top"][0]["firm"] == "f3");
    CHECK(json["summary"][0]["advice"].size() == 7);
    std::string csv = comparisonToCsv(chain, c, Lang::Zh);
    CHECK(csv.rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(csv.find("环节代码,环节,苏州 状态,苏州 建议,上海 状态,上海 建议\r\n") != std::string::npos);
    CHECK(csv.find("\r\nb,正极,断点,") != std::string::npos);
}

TEST_CASE("chainatlas compare: table, json, and one-line failures") {
    std::string mini = test::quote(kMini);
    test::Run r = test::run("compare " + mini + " --region suzhou --region shanghai --lang zh");
    REQUIRE(r.status == 0);
    CHECK(r.out.find("苏州") != std::string::npos);
    CHECK(r.out.find("断点") != std::string::npos);
    r = test::run("compare " + mini + " --region suzhou --region shanghai --format json");
    REQUIRE(r.status == 0);
    CHECK(nlohmann::json::parse(r.out)["summary"].size() == 2);
    r = test::run("compare " + mini + " --region suzhou");
    CHECK(r.status == 1);
    CHECK(r.err == "chainatlas: compare needs at least two --region\n");
    r = test::run("compare " + mini + " --region suzhou --region shanghia");
    CHECK(r.status == 1);
    CHECK(r.err.find("did you mean \"shanghai\"") != std::string::npos);
}

TEST_CASE("analyze leaves a hub that is the focal region itself out, with a warning") {
    test::Run r = test::run("analyze " + test::quote(kMini) +
                            " --region shanghai --hub shanghai --hub suzhou --format json");
    REQUIRE(r.status == 0);
    CHECK(r.err == "chainatlas: warning: hub shanghai is the focal region itself; it is left out of the hubs\n");
    CHECK(nlohmann::json::parse(r.out)["hubs"] == nlohmann::json::array({"suzhou"}));
}
