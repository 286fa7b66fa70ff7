// What-if (docs/method.md §11): assumed sites, the firm becoming local, `changed` with causes, rank changes.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <utility>

#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/analysis/targets.hpp"
#include "chainatlas/analysis/vocabulary.hpp"
#include "chainatlas/results/result_writers.hpp"
#include "helpers.hpp"

using namespace chainatlas;
using doctest::Approx;

namespace {
Chain mini() { return test::chainFromFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json"); }
// The planner chain (fixtures.hpp), focal L, hub H, assuming firm a opens a site in L (segment s).
Analysis plannerAssumingA(const Chain& chain) {
    AnalysisOptions o = test::options(chain, "l", {"h"});
    o.assumptions.push_back({findFirm(chain, "a"), o.region, {}});
    return analyze(chain, o);
}
}  // namespace

TEST_CASE("assuming a firm in the focal region with its default segments") {
    // mini: a -> b -> c -> d. suzhou: f1 a (2), f3 c (1). shanghai: f2 b, d (1).
    // Before: b gap, d extension. Assume f2@suzhou (segments b, d, output 1):
    // rows suzhou 2+1+1+1 = 5, shanghai 2; columns a 2, b 2, c 1, d 2; total 7.
    // RCA(suzhou,b) = (1/5)/(2/7) = 0.7 -> weak; the same for d. a: (2/5)/(2/7) = 1.4 strong.
    Chain chain = mini();
    AnalysisOptions o = test::options(chain, "suzhou", {"shanghai"});
    o.assumptions.push_back({findFirm(chain, "f2"), o.region, {}});
    Analysis a = analyze(chain, o);
    REQUIRE(a.assumed.size() == 1);
    CHECK(a.assumed[0].segments == std::vector<int>{findSegment(chain, "b"), findSegment(chain, "d")});
    CHECK(test::segment(chain, a, "b").rca == Approx(0.7));
    CHECK(test::segment(chain, a, "b").status == SegmentStatus::Weak);
    CHECK(test::segment(chain, a, "d").status == SegmentStatus::Weak);
    CHECK(test::segment(chain, a, "a").rca == Approx(1.4));
    REQUIRE(a.changed.size() == 2);
    CHECK(chain.segments[a.changed[0].segment].id == "b");
    CHECK(a.changed[0].from == SegmentStatus::Gap);
    CHECK(a.changed[0].to == SegmentStatus::Weak);
    CHECK(chain.segments[a.changed[1].segment].id == "d");
    CHECK(a.changed[1].from == SegmentStatus::Extension);
    CHECK(test::target(chain, a, "f2") == nullptr);               // now local
    CHECK(chain.firms[findFirm(chain, "f2")].sites.size() == 1);  // the original chain is untouched
}

TEST_CASE("assuming named segments only") {
    // f2@suzhou:b -> suzhou row 4, column b 2, total 6: RCA(suzhou,b) = (1/4)/(2/6) = 0.75 weak. d stays extension.
    Chain chain = mini();
    AnalysisOptions o = test::options(chain, "suzhou");
    o.assumptions.push_back({findFirm(chain, "f2"), o.region, {findSegment(chain, "b")}});
    Analysis a = analyze(chain, o);
    CHECK(test::segment(chain, a, "b").rca == Approx(0.75));
    REQUIRE(a.changed.size() == 1);
    CHECK(chain.segments[a.changed[0].segment].id == "b");
}

TEST_CASE("no assumption, nothing changed") {
    Chain chain = mini();
    Analysis a = analyze(chain, test::options(chain, "suzhou"));
    CHECK(a.changed.empty());
    CHECK(a.assumed.empty());
}

TEST_CASE("the assumed chain marks the new site and counts it as output 1") {
    Chain chain = mini();
    std::vector<Assumption> assumptions{{findFirm(chain, "f1"), findRegion(chain, "shanghai"), {}}};
    Chain assumed = applyAssumptions(chain, assumptions);
    const Firm& f1 = assumed.firms[findFirm(chain, "f1")];
    REQUIRE(f1.sites.size() == 2);
    CHECK(f1.sites[1].outputOrOne() == 1.0);
    CHECK(f1.sites[1].assumed);
    CHECK_FALSE(f1.sites[0].assumed);
    CHECK(assumptions[0].segments.empty());  // the input is left as it was (defaults are filled in a copy)
    CHECK(f1.sites[1].segments == chain.firms[findFirm(chain, "f1")].sites[0].segments);  // the default
}

TEST_CASE("a what-if copy shares the supplies, and a change to one copy's supplies leaves the other's") {
    Chain chain = mini();
    REQUIRE_FALSE(chain.supplies.empty());
    Chain assumed = applyAssumptions(chain, {{findFirm(chain, "f1"), findRegion(chain, "shanghai"), {}}});
    CHECK(assumed.supplies.sharedWith(chain.supplies));  // one block for both
    int from = chain.supplies[0].from;
    assumed.supplies.edit()[0].from = chain.supplies[0].to;  // the copy gets a vector of its own first
    CHECK_FALSE(assumed.supplies.sharedWith(chain.supplies));
    CHECK(chain.supplies[0].from == from);
    CHECK(assumed.supplies[0].from == chain.supplies[0].to);
    CHECK(assumed.supplies.size() == chain.supplies.size());
    SharedVector<int> none;
    CHECK(none.empty());
    none.edit().push_back(3);
    CHECK(none.size() == 1);
}

TEST_CASE("a what-if copy shares the chunks of firms it adds no site to") {
    bench::SyntheticSpec spec;
    spec.segments = 10, spec.regions = 5, spec.firms = 2000, spec.supplies = 4000;
    const Chain chain = bench::generateChain(spec);
    REQUIRE(chain.firms.chunkCount() == 4);  // 512 firms a chunk: 512 + 512 + 512 + 464
    int firm = 1100;                         // in the third chunk
    std::size_t sitesBefore = chain.firms[firm].sites.size();
    const Chain assumed = applyAssumptions(chain, {{firm, 3, {0, 1}}});  // const: a read must not copy
    CHECK(assumed.firms.chunksSharedWith(chain.firms) == 3);
    CHECK(assumed.firms.size() == chain.firms.size());
    CHECK(assumed.firms[firm].sites.size() == sitesBefore + 1);
    CHECK(chain.firms[firm].sites.size() == sitesBefore);  // the original is left as it was
    CHECK(&assumed.firms[0] == &chain.firms[0]);           // the same firm, not a copy
    CHECK(&assumed.firms[firm - 1] != &chain.firms[firm - 1]);
    for (std::size_t f = 0; f < chain.firms.size(); ++f)
        if (static_cast<int>(f) != firm) REQUIRE(assumed.firms[f].sites.size() == chain.firms[f].sites.size());
}

TEST_CASE("a chunked vector reads and writes like a vector, each copy its own") {
    ChunkedVector<int> v;
    for (int i = 0; i < 1500; ++i) v.push_back(i);
    REQUIRE(v.size() == 1500);
    CHECK(v.chunkCount() == 3);
    CHECK(v.front() == 0);
    CHECK(v.back() == 1499);
    CHECK(v[511] == 511);
    CHECK(v[512] == 512);
    long long sum = 0;
    for (int x : std::as_const(v)) sum += x;
    CHECK(sum == 1499LL * 1500 / 2);
    auto it = std::find(v.cbegin(), v.cend(), 1024);
    CHECK(it - v.cbegin() == 1024);
    CHECK(*(it - 1) == 1023);
    CHECK(it[2] == 1026);
    CHECK(v.cend() - v.cbegin() == 1500);

    ChunkedVector<int> copy = v;
    CHECK(copy.chunksSharedWith(v) == 3);
    for (int x : std::as_const(copy)) sum -= x;  // reading shares on
    CHECK(sum == 0);
    CHECK(copy.chunksSharedWith(v) == 3);
    copy[700] = -1;  // a write copies its chunk
    CHECK(copy.chunksSharedWith(v) == 2);
    CHECK(v[700] == 700);
    CHECK(copy[700] == -1);
    for (int& x : copy) x += 1;  // writing through iterators copies every chunk
    CHECK(copy.chunksSharedWith(v) == 0);
    CHECK(copy[0] == 1);
    CHECK(v[0] == 0);
    CHECK(copy[700] == 0);

    copy.resize(513);
    CHECK(copy.size() == 513);
    CHECK(copy.chunkCount() == 2);
    CHECK(copy.back() == 513);
    copy.pop_back();
    CHECK(copy.chunkCount() == 1);
    copy.resize(515);
    CHECK(copy.back() == 0);  // grown items start value-initialised
    CHECK(copy[511] == 512);
    copy.clear();
    CHECK(copy.empty());
    CHECK(v.size() == 1500);
    ChunkedVector<int> listed{4, 5, 6};
    CHECK(listed.size() == 3);
    CHECK(listed[2] == 6);
}

TEST_CASE("FIRM@REGION[:SEG,...] is parsed once for the command line and the viewer") {
    Chain chain = mini();
    auto a = parseAssumption(chain, "f2@suzhou");
    REQUIRE(a);
    CHECK(a->firm == findFirm(chain, "f2"));
    CHECK(a->region == findRegion(chain, "suzhou"));
    CHECK(a->segments.empty());  // filled in later: all of the firm's segments
    a = parseAssumption(chain, "f2@suzhou:b,d");
    REQUIRE(a);
    CHECK(a->segments == std::vector<int>{findSegment(chain, "b"), findSegment(chain, "d")});
    CHECK(parseAssumption(chain, "f2").error().code == ErrorCode::Format);
    CHECK(parseAssumption(chain, "f2").error().message.find("expected FIRM@REGION") != std::string::npos);
    CHECK(parseAssumption(chain, "f2@suzho").error() ==
          Error{ErrorCode::UnknownId, "unknown region \"suzho\" (did you mean \"suzhou\"?)"});
    CHECK(parseAssumption(chain, "f9@suzhou").error().message.find("unknown firm \"f9\"") != std::string::npos);
    CHECK(parseAssumption(chain, "f2@suzhou:b,zz").error().message.find("unknown segment \"zz\"") != std::string::npos);
}

TEST_CASE("an assumption as JSON: ids written and read back, every problem located") {
    Chain chain = mini();
    Assumption assumed{findFirm(chain, "f2"), findRegion(chain, "suzhou"), {findSegment(chain, "d")}};
    AssumptionIds ids = assumptionIds(chain, assumed);
    CHECK(ids == AssumptionIds{"f2", "suzhou", {"d"}});
    nlohmann::json json = assumptionToJson(ids);
    CHECK(json.dump() == R"({"firm":"f2","region":"suzhou","segments":["d"]})");  // the session file's form

    AssumptionIds read;
    CHECK(assumptionFromJson(json, "s.json", "/assumptions/0", read).empty());
    CHECK(read == ids);
    Assumption back;
    CHECK(resolveAssumption(chain, read, "s.json", "/assumptions/0", back).empty());
    CHECK(back.firm == assumed.firm);
    CHECK(back.region == assumed.region);
    CHECK(back.segments == assumed.segments);

    // Structure: region not a string, the second segment not an id, no firm -- three problems, nothing read.
    AssumptionIds untouched{"x", "y", {}};
    auto problems = assumptionFromJson(nlohmann::json::parse(R"({"region": 3, "segments": ["b", 4]})"), "s.json",
                                       "/assumptions/1", untouched);
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].location == "/assumptions/1/region");
    CHECK(problems[1].location == "/assumptions/1/segments/1");
    CHECK(problems[2].location == "/assumptions/1/firm");
    CHECK(problems[0].file == "s.json");
    CHECK(untouched == AssumptionIds{"x", "y", {}});
    CHECK(assumptionFromJson(nlohmann::json::array(), "s.json", "/assumptions/2", untouched)[0].location ==
          "/assumptions/2");

    // Ids: unknown region and segment, each with did-you-mean at its place; the assumption is left as it was.
    Assumption kept = assumed;
    problems = resolveAssumption(chain, AssumptionIds{"f2", "suzho", {"b", "dd"}}, "s.json", "/assumptions/0", kept);
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].location == "/assumptions/0/region");
    CHECK(problems[0].message == "unknown region \"suzho\" (did you mean \"suzhou\"?)");
    CHECK(problems[1].location == "/assumptions/0/segments/1");
    CHECK(kept.segments == assumed.segments);
}

TEST_CASE("resolveId finds ids and suggests the nearest one") {
    Chain chain = mini();
    auto found = resolveId(chain, IdKind::Segment, "c");
    REQUIRE(found);
    CHECK(*found == findSegment(chain, "c"));
    auto typo = resolveId(chain, IdKind::Region, "shanghia");
    REQUIRE_FALSE(typo);
    CHECK(typo.error() == Error{ErrorCode::UnknownId, "unknown region \"shanghia\" (did you mean \"shanghai\"?)"});
}

TEST_CASE("causes: an assumed site, a share move and a link move") {
    SUBCASE("mini: f2@suzhou lists b and d -> both changes are `site`") {
        Chain chain = mini();
        AnalysisOptions o = test::options(chain, "suzhou", {"shanghai"});
        o.assumptions.push_back({findFirm(chain, "f2"), o.region, {}});
        Analysis a = analyze(chain, o);
        REQUIRE(a.changed.size() == 2);
        CHECK(a.changed[0].cause == ChangeCause::Site);
        CHECK(a.changed[1].cause == ChangeCause::Site);
    }
    SUBCASE("mini: f3@shanghai and f1@shanghai:c dilute Suzhou's cells -> c strong to weak, `share`") {
        // Before: rows suzhou 3 (a 2, c 1); column c 1; total 5: RCA(suzhou,c) = (1/3)/(1/5) = 1.67 strong.
        // After: shanghai gains c twice: column c 3, total 7: RCA(suzhou,c) = (1/3)/(3/7) = 7/9 = 0.777778 weak.
        // a: (2/3)/(2/7) = 2.33 stays strong; b stays a gap, d an extension.
        Chain chain = mini();
        AnalysisOptions o = test::options(chain, "suzhou");
        int shanghai = findRegion(chain, "shanghai"), c = findSegment(chain, "c");
        o.assumptions.push_back({findFirm(chain, "f3"), shanghai, {}});
        o.assumptions.push_back({findFirm(chain, "f1"), shanghai, {c}});
        Analysis a = analyze(chain, o);
        CHECK(test::segment(chain, a, "c").rca == Approx(7.0 / 9));
        REQUIRE(a.changed.size() == 1);
        CHECK(a.changed[0].segment == c);
        CHECK(a.changed[0].from == SegmentStatus::Strong);
        CHECK(a.changed[0].to == SegmentStatus::Weak);
        CHECK(a.changed[0].cause == ChangeCause::Share);
    }
    SUBCASE("planner: a@l makes s strong (`site`) and v an extension next to it (`link`)") {
        // Rows L 3 (m 2, s 1), total 14, column s 3: RCA(L,s) = (1/3)/(3/14) = 1.56 strong; RCA(L,m) = 2.33.
        // v is linked to s, now present: absent -> extension.
        Chain chain = test::dataChain("good/planner.json");
        Analysis a = plannerAssumingA(chain);
        REQUIRE(a.changed.size() == 2);
        CHECK(chain.segments[a.changed[0].segment].id == "s");
        CHECK(a.changed[0].to == SegmentStatus::Strong);
        CHECK(a.changed[0].cause == ChangeCause::Site);
        CHECK(chain.segments[a.changed[1].segment].id == "v");
        CHECK(a.changed[1].from == SegmentStatus::Absent);
        CHECK(a.changed[1].to == SegmentStatus::Extension);
        CHECK(a.changed[1].cause == ChangeCause::Link);
    }
}

TEST_CASE("rank changes: each target carries its rank without the assumptions") {
    // planner, focal L, hub H. Without assumptions: e 1, a 2, b 3 (fixtures.hpp).
    // Assume a@l: s becomes strong (value 0), so b earns only p (occupied): set aside with hv (v, now an occupied
    // extension); e keeps fit 0.8 from t, density omega(L,t) = phi(t,m) / phi(t,m) = 1: 5.066667, rank 1 as before.
    Chain chain = test::dataChain("good/planner.json");
    Analysis a = plannerAssumingA(chain);
    REQUIRE(a.targets.size() == 1);
    CHECK(chain.firms[a.targets[0].firm].id == "e");
    CHECK(a.targets[0].score == Approx(5.066667).epsilon(1e-6));
    CHECK(a.targets[0].baseRank == 1);
    std::vector<std::string> setAside;
    for (const SetAside& entry : a.setAside) setAside.push_back(chain.firms[entry.firm].id);
    CHECK(setAside == std::vector<std::string>{"b", "c", "hp", "hv"});
    // Without assumptions baseRank stays 0.
    Analysis plain = analyze(chain, test::options(chain, "l", {"h"}));
    for (const Target& t : plain.targets) CHECK(t.baseRank == 0);
}

TEST_CASE("NEV, Weinan with hub Xi'an: assumed suppliers dilute vehicle assembly, cause `share`") {
    // Weinan's row and the chain's totals counted here from the counted (not C-graded) sites, independently of
    // the analysis, so the check survives data updates. With the bundled data of December 2026: Weinan 6
    // segment-site units, 2 of them in assembly; the chain 222, 38 in assembly: RCA = (2/6)/(38/222) = 1.95.
    // + Sanhua (thermal) and Huada (body): (2/8)/(38/224) = 1.47, still strong.
    // + Tuopu (chassis, thermal), Xusheng (chassis, structural parts), BYD Semiconductor (two chip segments):
    //   (2/14)/(38/230) = 0.865 weak, with no assumed site in assembly: cause `share`.
    Chain chain = test::chainFromFile(std::string(CHAINATLAS_CHAINS_DIR) + "/nev.json");
    int assembly = findSegment(chain, "vehicle-assembly"), weinan = findRegion(chain, "weinan");
    double total = 0, inAssembly = 0, row = 0, local = 0;
    for (const Firm& firm : chain.firms)
        for (const Site& site : firm.sites)
            for (int s : site.counted() ? site.segments : std::vector<int>{}) {
                total += site.outputOrOne();
                if (s == assembly) inAssembly += site.outputOrOne();
                if (site.region == weinan) row += site.outputOrOne(), local += s == assembly ? site.outputOrOne() : 0;
            }
    auto whatIf = [&](const std::vector<std::string>& texts) {
        AnalysisOptions o = test::options(chain, "weinan", {"xian"});
        for (const auto& text : texts) {
            auto assumption = parseAssumption(chain, text);
            REQUIRE(assumption);
            o.assumptions.push_back(*assumption);
        }
        return analyze(chain, o);
    };
    Analysis two = whatIf({"sanhua@weinan", "huada@weinan:body"});
    CHECK(test::segment(chain, two, "vehicle-assembly").status == SegmentStatus::Strong);
    CHECK(test::segment(chain, two, "vehicle-assembly").rca ==
          Approx((local / (row + 2)) / (inAssembly / (total + 2))));
    Analysis three = whatIf(
        {"sanhua@weinan", "huada@weinan:body", "tuopu@weinan", "xusheng@weinan", "byd-semi@weinan"});
    CHECK(test::segment(chain, three, "vehicle-assembly").rca ==
          Approx((local / (row + 8)) / (inAssembly / (total + 8))));
    auto change = std::find_if(three.changed.begin(), three.changed.end(),
                               [&](const StatusChange& c) { return c.segment == assembly; });
    REQUIRE(change != three.changed.end());
    CHECK(change->from == SegmentStatus::Strong);
    CHECK(change->to == SegmentStatus::Weak);
    CHECK(change->cause == ChangeCause::Share);
    CHECK(describeChange(chain, *change, Lang::Zh) == "整车制造: 优势 → 薄弱 — 新增企业摊薄了本地占比");
}

// The incremental what-if (analyzeWhatIf: no copy of the chain, firm terms reused from the plain analysis)
// against the full one (analyze: the copy with the assumed sites, analysed whole): the same result to the
// last bit — the JSON text with every number, each target's rank without the assumptions, the set-aside
// candidates with their terms.
namespace {

// analyzeSegmentsOf (the segments alone, which the viewer lays its map out from early) against the whole
// analysis: the same segments, every field as the JSON writes it, and the same scenario.
void checkSameSegments(const Chain& chain, const Analysis& alone, const Analysis& whole) {
    CHECK(alone.targets.empty());
    CHECK(alone.region == whole.region);
    CHECK(alone.hubs == whole.hubs);
    CHECK(alone.assumed.size() == whole.assumed.size());
    CHECK(alone.weights == whole.weights);
    auto segments = [&](const Analysis& a) {
        return nlohmann::json::parse(analysisJsonText(chain, a, 0, -1))["segments"];
    };
    nlohmann::json expected = segments(whole);
    REQUIRE(expected.size() == chain.segments.size());
    CHECK(segments(alone) == expected);
}

void checkSameWhatIf(const Chain& chain, const AnalysisOptions& options) {
    AnalysisOptions none = options;
    none.assumptions.clear();
    Analysis plain = analyze(chain, none);
    Analysis full = analyze(chain, options);
    Analysis incremental = analyzeWhatIf(chain, options, plain);
    CHECK(analysisJsonText(chain, incremental, 0, -1) == analysisJsonText(chain, full, 0, -1));
    checkSameSegments(chain, analyzeSegmentsOf(chain, none), plain);
    checkSameSegments(chain, analyzeSegmentsOf(chain, options), full);
    // The segments made first for the map stand for the analysis's own (the viewer's worker): the same result;
    // the plain scenario's segments are not taken for the what-if.
    Analysis segments = analyzeSegmentsOf(chain, options), plainSegments = analyzeSegmentsOf(chain, none);
    CHECK(analysisJsonText(chain, analyzeWhatIf(chain, options, plain, &segments), 0, -1) ==
          analysisJsonText(chain, full, 0, -1));
    CHECK(analysisJsonText(chain, analyzeWhatIf(chain, options, plain, &plainSegments), 0, -1) ==
          analysisJsonText(chain, full, 0, -1));
    REQUIRE(incremental.targets.size() == full.targets.size());
    for (std::size_t i = 0; i < full.targets.size(); ++i)
        CHECK(incremental.targets[i].baseRank == full.targets[i].baseRank);
    REQUIRE(incremental.unranked.size() == full.unranked.size());
    for (std::size_t i = 0; i < full.unranked.size(); ++i) {
        CHECK(incremental.unranked[i].firm == full.unranked[i].firm);
        CHECK(incremental.unranked[i].value == full.unranked[i].value);
        CHECK(incremental.unranked[i].anchors == full.unranked[i].anchors);
    }
    // A plain analysis of another region is not reused: the result is still the full one.
    AnalysisOptions elsewhere = none;
    elsewhere.region = (options.region + 1) % static_cast<int>(chain.regions.size());
    CHECK(analysisJsonText(chain, analyzeWhatIf(chain, options, analyze(chain, elsewhere)), 0, -1) ==
          analysisJsonText(chain, full, 0, -1));
    AnalysisOptions reweighted = none;  // nor one under other weights (its ranks are not the base ranks)
    reweighted.weights.fit = 5;
    Analysis fromReweighted = analyzeWhatIf(chain, options, analyze(chain, reweighted));
    for (std::size_t i = 0; i < full.targets.size() && i < fromReweighted.targets.size(); ++i)
        CHECK(fromReweighted.targets[i].baseRank == full.targets[i].baseRank);
}

// A synthetic chain with what the generator leaves out: C-graded sites and supplies, named plants, a market
// segment, segment metrics, resources and ties.
Chain randomChain(std::uint64_t seed) {
    bench::SyntheticSpec spec;
    spec.segments = 24, spec.regions = 10, spec.firms = 400, spec.supplies = 2000;
    spec.resources = 30, spec.ties = 200, spec.seed = seed;
    Chain chain = bench::generateChain(spec);
    std::mt19937_64 random(seed);
    auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(random) < p; };
    for (Firm& firm : chain.firms)
        for (Site& site : firm.sites)
            if (chance(0.1)) site.confidence = "C";
    for (Supply& supply : chain.supplies.edit()) {
        if (chance(0.1)) supply.confidence = "C";
        const auto& from = chain.firms[supply.from].sites;
        const auto& to = chain.firms[supply.to].sites;
        if (chance(0.3)) supply.fromRegion = from[random() % from.size()].region;
        if (chance(0.3)) supply.toRegion = to[random() % to.size()].region;
    }
    chain.segments[random() % chain.segments.size()].market = true;
    for (Segment& segment : chain.segments)
        if (chance(0.5)) segment.metrics[random() % kMetricCount] = static_cast<double>(random() % 100);
    chain.buildIndexes();
    return chain;
}

// One to three assumed firms, each in the focal region, a hub or elsewhere, with default or named segments.
AnalysisOptions randomWhatIf(const Chain& chain, std::mt19937_64& random) {
    AnalysisOptions options;
    options.region = static_cast<int>(random() % chain.regions.size());
    options.hubs = {static_cast<int>((options.region + 1) % chain.regions.size())};
    int count = 1 + static_cast<int>(random() % 3);
    for (int k = 0; k < count; ++k) {
        Assumption assumption;
        assumption.firm = static_cast<int>(random() % chain.firms.size());
        int where = static_cast<int>(random() % 3);
        assumption.region = where == 0   ? options.region
                            : where == 1 ? options.hubs[0]
                                         : static_cast<int>(random() % chain.regions.size());
        if (random() % 2) assumption.segments = {static_cast<int>(random() % chain.segments.size())};
        if (chain.firms[assumption.firm].sites.empty() && assumption.segments.empty()) assumption.segments.push_back(0);
        options.assumptions.push_back(assumption);
    }
    return options;
}

}  // namespace

TEST_CASE("the incremental what-if gives the full what-if's result on random chains") {
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        CAPTURE(seed);
        Chain chain = randomChain(seed);
        std::mt19937_64 random(seed * 7919);
        for (int trial = 0; trial < 4; ++trial) {
            CAPTURE(trial);
            checkSameWhatIf(chain, randomWhatIf(chain, random));
        }
    }
}

TEST_CASE("the incremental what-if gives the full what-if's result on every bundled chain") {
    for (const auto& entry : std::filesystem::directory_iterator(CHAINATLAS_CHAINS_DIR)) {
        if (entry.path().extension() != ".json") continue;
        CAPTURE(entry.path().string());
        Chain chain = test::chainFromFile(entry.path().string());
        std::mt19937_64 random(42);
        for (int trial = 0; trial < 6; ++trial) {
            CAPTURE(trial);
            checkSameWhatIf(chain, randomWhatIf(chain, random));
        }
    }
}

TEST_CASE("segments made first are taken instead of worked out again, only for their own scenario") {
    auto chain = std::make_shared<const Chain>(randomChain(3));
    AnalysisOptions options;
    options.region = 0;
    options.hubs = {1};
    Analysis plain = analyze(*chain, options);
    // A marked copy shows whether the analysis took it: no step after the segments sets `sites` again.
    Analysis marked = analyzeSegmentsOf(*chain, options);
    marked.segments[0].sites += 1000;
    CHECK(analyzeScenario(chain, options, nullptr, &marked).analysis.segments[0].sites ==
          plain.segments[0].sites + 1000);
    CHECK(analysisJsonText(*chain, analyzeScenario(chain, options, nullptr, &marked).analysis, 0, -1) !=
          analysisJsonText(*chain, plain, 0, -1));  // so the equalities of checkSameWhatIf are not vacuous

    AnalysisOptions whatIf = options;
    whatIf.assumptions.push_back({static_cast<int>(chain->firms.size()) - 1, 0, {0}});
    Analysis markedWhatIf = analyzeSegmentsOf(*chain, whatIf);
    markedWhatIf.segments[0].sites += 1000;
    Analysis fresh = analyzeScenario(chain, whatIf, &plain).analysis;
    CHECK(analyzeScenario(chain, whatIf, &plain, &markedWhatIf).analysis.segments[0].sites ==
          fresh.segments[0].sites + 1000);
    // Without the plain analysis (the copy of the chain is analysed): taken all the same.
    CHECK(analyzeScenario(chain, whatIf, nullptr, &markedWhatIf).analysis.segments[0].sites ==
          fresh.segments[0].sites + 1000);

    // Made for another region, hubs, what-ifs or weights, or a whole analysis: not taken.
    AnalysisOptions elsewhere = options;
    elsewhere.region = 2;
    Analysis other = analyzeSegmentsOf(*chain, elsewhere);
    other.segments[0].sites += 1000;
    CHECK(analyzeScenario(chain, options, nullptr, &other).analysis.segments[0].sites == plain.segments[0].sites);
    AnalysisOptions otherHub = options;
    otherHub.hubs = {2};
    Analysis hubbed = analyzeSegmentsOf(*chain, otherHub);
    hubbed.segments[0].sites += 1000;
    CHECK(analyzeScenario(chain, options, nullptr, &hubbed).analysis.segments[0].sites == plain.segments[0].sites);
    CHECK(analyzeScenario(chain, whatIf, &plain, &marked).analysis.segments[0].sites == fresh.segments[0].sites);
    AnalysisOptions reweighted = options;
    reweighted.weights.fit = 5;
    CHECK(analyzeScenario(chain, reweighted, nullptr, &marked).analysis.segments[0].sites == plain.segments[0].sites);
    Analysis whole = plain;
    whole.segments[0].sites += 1000;
    CHECK(analyzeScenario(chain, options, nullptr, &whole).analysis.segments[0].sites == plain.segments[0].sites);
}
