// What-if (DESIGN §3.5): assumed sites, the firm becoming local, and `changed`.
#include <doctest/doctest.h>

#include "chainatlas/analysis.hpp"
#include "helpers.hpp"

using namespace chainatlas;
using doctest::Approx;

namespace {
Chain mini() { return test::chainFromFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json"); }
}

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
    CHECK(test::target(chain, a, "f2") == nullptr);  // now local
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
    CHECK(f1.sites[1].extra["assumed"] == true);
}

TEST_CASE("FIRM@REGION[:SEG,...] is parsed once for the command line and the viewer") {
    Chain chain = mini();
    Assumption a;
    CHECK(parseAssumption(chain, "f2@suzhou", a) == "");
    CHECK(a.firm == findFirm(chain, "f2"));
    CHECK(a.region == findRegion(chain, "suzhou"));
    CHECK(a.segments.empty());  // filled in later: all of the firm's segments
    CHECK(parseAssumption(chain, "f2@suzhou:b,d", a) == "");
    CHECK(a.segments == std::vector<int>{findSegment(chain, "b"), findSegment(chain, "d")});
    CHECK(parseAssumption(chain, "f2", a).find("expected FIRM@REGION") != std::string::npos);
    CHECK(parseAssumption(chain, "f2@suzho", a) == "unknown region \"suzho\" (did you mean \"suzhou\"?)");
    CHECK(parseAssumption(chain, "f9@suzhou", a).find("unknown firm \"f9\"") != std::string::npos);
    CHECK(parseAssumption(chain, "f2@suzhou:b,zz", a).find("unknown segment \"zz\"") != std::string::npos);
}

TEST_CASE("resolveId finds ids and suggests the nearest one") {
    Chain chain = mini();
    std::string problem;
    CHECK(resolveId(chain, IdKind::Segment, "c", problem) == findSegment(chain, "c"));
    CHECK(problem.empty());
    CHECK(resolveId(chain, IdKind::Region, "shanghia", problem) == -1);
    CHECK(problem == "unknown region \"shanghia\" (did you mean \"shanghai\"?)");
}
