// Investment targets (docs/method.md §8): every term, the occupied discount, percentiles and ordering, by hand.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <random>
#include <string>

#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/analysis/targets.hpp"
#include "chainatlas/base/file_io.hpp"
#include "chainatlas/model/profile.hpp"
#include "chainatlas/results/result_writers.hpp"
#include "fixtures.hpp"
#include "helpers.hpp"
#include "synthetic.hpp"

using namespace chainatlas;
using doctest::Approx;
using fixtures::kHubs;

namespace {

// a -> b. Local firms l1..l4 in a (region l); candidates in b (region o): b is an extension (0.6).
// c1 is supplied by all four local firms (anchor min(4,3)/3 = 1); c2 trades both ways with l1 and buys
// from l2 (two distinct firms: 2/3); c0 and c3 are identical with no partner (a tie, broken by id).
const char* kAnchors = R"({"format": "chainatlas/1", "chain": {"id": "anchors"},
  "segments": [{"id": "a"}, {"id": "b"}], "links": [{"from": "a", "to": "b"}],
  "regions": [{"id": "l"}, {"id": "o"}],
  "firms": [
    {"id": "l1", "sites": [{"region": "l", "segments": ["a"]}]}, {"id": "l2", "sites": [{"region": "l", "segments": ["a"]}]},
    {"id": "l3", "sites": [{"region": "l", "segments": ["a"]}]}, {"id": "l4", "sites": [{"region": "l", "segments": ["a"]}]},
    {"id": "c3", "sites": [{"region": "o", "segments": ["b"]}]}, {"id": "c1", "sites": [{"region": "o", "segments": ["b"]}]},
    {"id": "c2", "sites": [{"region": "o", "segments": ["b"]}]}, {"id": "c0", "sites": [{"region": "o", "segments": ["b"]}]}
  ],
  "supplies": [{"from": "l1", "to": "c1"}, {"from": "l2", "to": "c1"}, {"from": "l3", "to": "c1"}, {"from": "l4", "to": "c1"},
               {"from": "l1", "to": "c2"}, {"from": "c2", "to": "l1"}, {"from": "l2", "to": "c2"}]})";

}  // namespace

TEST_CASE("percentiles with ties and missing metrics") {
    // tech: ff 0.1, fh1 0.3, fo 0.3 (n = 3). q(ff) = (0 + 0.5*(1-1))/2 = 0; q(fh1) = q(fo) = (1 + 0.5*(2-1))/2 = 0.75.
    // pollution: fh1 0.2, fo 0.4 (n = 2). q(fh1) = 0, q(fo) = 1. fh2 has no metric: 0.5 everywhere.
    Chain chain = test::chainFrom(kHubs);
    auto q = metricPercentiles(chain);
    int ff = findFirm(chain, "ff"), fh1 = findFirm(chain, "fh1"), fh2 = findFirm(chain, "fh2"),
        fo = findFirm(chain, "fo");
    CHECK(q[ff][0] == Approx(0.0));
    CHECK(q[fh1][0] == Approx(0.75));
    CHECK(q[fo][0] == Approx(0.75));
    CHECK(q[fh1][3] == Approx(0.0));
    CHECK(q[fo][3] == Approx(1.0));
    CHECK(q[fh2][0] == Approx(0.5));
    CHECK(q[ff][3] == Approx(0.5));
    // profile = mean of q (1 - q for pollution, energy, land):
    // fh1: (0.75 + 0.5 + 0.5 + (1-0) + 0.5 + 0.5)/6 = 3.75/6; fo: (0.75 + 0.5 + 0.5 + 0 + 0.5 + 0.5)/6 = 2.75/6;
    // ff: (0 + 0.5*5)/6 = 2.5/6; fh2: 0.5.
    auto profile = profileScores(chain);
    CHECK(profile[fh1] == Approx(3.75 / 6));
    CHECK(profile[fo] == Approx(2.75 / 6));
    CHECK(profile[ff] == Approx(2.5 / 6));
    CHECK(profile[fh2] == Approx(0.5));
}

TEST_CASE("percentiles of 5,000 firms equal their definition: negatives, -0 with 0, ties, tiny and huge values") {
    // q = (values below + 0.5 * (values equal - 1)) / (n - 1), counted pairwise (docs/method.md §7); -0 equals 0.
    const double pool[] = {
        -0.0, 0.0, -1.5, 1.5, 2.0, -2.0, 1e-310, -1e-310, 3.25, 1e300, -1e300, 0.1, 0.30000000000000004, 0.3};
    std::mt19937 random(26);
    Chain chain;
    chain.firms.resize(5000);
    for (Firm& firm : chain.firms)
        for (int m = 0; m < kMetricCount; ++m)
            if (random() % 4 != 0) {  // a quarter of the firms lack each metric
                std::size_t pick = random() % (m == 5 ? 2 : std::size(pool));  // land: only -0 and 0, one run
                firm.metrics[m] = m == 4 ? std::ldexp(static_cast<double>(random() % 100000), -20)  // few ties
                                         : pool[pick];
            }
    auto q = metricPercentiles(chain);
    for (int m = 0; m < kMetricCount; ++m) {
        std::vector<double> values;
        for (const Firm& firm : chain.firms)
            if (firm.metrics[m]) values.push_back(*firm.metrics[m]);
        auto n = static_cast<double>(values.size());
        for (std::size_t f = 0; f < chain.firms.size(); f += 7) {
            CAPTURE(m);
            CAPTURE(f);
            if (!chain.firms[f].metrics[m]) {
                CHECK(q[f][m] == 0.5);
                continue;
            }
            double x = *chain.firms[f].metrics[m];
            auto below = static_cast<double>(
                std::count_if(values.begin(), values.end(), [&](double v) { return v < x; }));
            auto equal = static_cast<double>(std::count(values.begin(), values.end(), x));
            CHECK(q[f][m] == (below + 0.5 * (equal - 1)) / (n - 1));
        }
    }
    CHECK(q[0][5] == 0.5);  // all of land is one run of zeros: each firm is in the middle
}

TEST_CASE("a metric only one firm has gives q = 0.5") {
    Chain chain = test::chainFrom(test::document(R"([{"id": "a"}])", "[]", R"([{"id": "r"}])",
                                                 R"([{"id": "f", "metrics": {"growth": 9}}, {"id": "g"}])"));
    CHECK(metricPercentiles(chain)[0][2] == Approx(0.5));
}

TEST_CASE("every term, the hub partner, the leader and the ordering on the hubs chain") {
    // With the discount 0.5 (the default before the revised §3.6 was 0.5; see the next test for 1.0).
    // fo: fit max(0.8 [b, complement], 0.6*(1-0.5) [c, occupied]) = 0.8 -> 2.4; anchor 0 (its partner fh1 is not
    // local);
    //     hub 1 (supplies fh1, which has a site in hub H1) -> 1; leader 0; density 0; profile 2.75/6 -> 0.916667.
    //     score 4.316667.
    // fh1: fit 0.6*0.5 = 0.3 -> 0.9; anchor 1/3 (supplies ff, local) -> 0.666667; hub 0 (ff is not in a hub);
    //      leader 1; density 0; profile 3.75/6 -> 1.25. score 3.816667.
    // fh2: its only segment d has value 0 -> not a candidate. ff is local -> not a candidate.
    Chain chain = test::chainFrom(kHubs);
    AnalysisOptions o = test::options(chain, "f", {"h1", "h2"});
    o.weights.occupiedDiscount = 0.5;
    Analysis a = analyze(chain, o);
    REQUIRE(a.targets.size() == 2);
    const Target& fo = a.targets[0];
    const Target& fh1 = a.targets[1];
    CHECK(chain.firms[fo.firm].id == "fo");
    CHECK(fo.rank == 1);
    CHECK(fo.value[TermFit] == Approx(0.8));
    CHECK(fo.weighted[TermFit] == Approx(2.4));
    CHECK(fo.value[TermAnchor] == Approx(0.0));
    CHECK(fo.value[TermHub] == Approx(1.0));
    CHECK(fo.value[TermLeader] == Approx(0.0));
    CHECK(fo.value[TermDensity] == Approx(0.0));
    CHECK(fo.value[TermProfile] == Approx(2.75 / 6));
    CHECK(fo.score == Approx(4.316667).epsilon(1e-6));
    REQUIRE(fo.hubPartners.size() == 1);
    CHECK(chain.firms[fo.hubPartners[0]].id == "fh1");
    REQUIRE(fo.segments.size() == 2);  // b and c earned fit
    CHECK(chain.segments[fo.segments[0].segment].id == "b");
    CHECK(fo.segments[0].complement);
    CHECK(chain.segments[fo.segments[1].segment].id == "c");
    CHECK(fo.segments[1].occupied);

    CHECK(chain.firms[fh1.firm].id == "fh1");
    CHECK(fh1.rank == 2);
    CHECK(fh1.value[TermFit] == Approx(0.3));
    CHECK(fh1.value[TermAnchor] == Approx(1.0 / 3));
    CHECK(fh1.weighted[TermAnchor] == Approx(2.0 / 3));
    CHECK(fh1.value[TermHub] == Approx(0.0));
    CHECK(fh1.value[TermLeader] == Approx(1.0));
    CHECK(fh1.weighted[TermProfile] == Approx(1.25));
    CHECK(fh1.score == Approx(3.816667).epsilon(1e-6));
    REQUIRE(fh1.anchors.size() == 1);
    CHECK(chain.firms[fh1.anchors[0]].id == "ff");
    CHECK(test::target(chain, a, "fh2") == nullptr);
    CHECK(test::target(chain, a, "ff") == nullptr);
}

TEST_CASE("the occupied discount steers the ranking away from the hub's segments") {
    Chain chain = test::chainFrom(kHubs);
    AnalysisOptions o = test::options(chain, "f", {"h1", "h2"});
    SUBCASE("discount 0: fh1 fit 0.6 -> 1.8; score 3.816667 + 0.9 = 4.716667 > fo 4.316667") {
        o.weights.occupiedDiscount = 0;
        Analysis a = analyze(chain, o);
        CHECK(chain.firms[a.targets[0].firm].id == "fh1");
        CHECK(a.targets[0].score == Approx(4.716667).epsilon(1e-6));
    }
    SUBCASE("discount 1 (the default): fh1's only earned segment c is discounted away: set aside, not ranked") {
        CHECK(o.weights.occupiedDiscount == 1.0);
        Analysis a = analyze(chain, o);
        CHECK(test::target(chain, a, "fh1") == nullptr);
        REQUIRE(a.setAside.size() == 1);
        CHECK(chain.firms[a.setAside[0].firm].id == "fh1");
        CHECK(a.setAside[0].segments == std::vector<int>{findSegment(chain, "c")});
        REQUIRE(a.targets.size() == 1);  // fo keeps fit 0.8 from b (complement): 4.316667
        CHECK(a.targets[0].score == Approx(4.316667).epsilon(1e-6));
    }
}

TEST_CASE("re-ranking with new weights keeps the terms and reorders") {
    Chain chain = test::chainFrom(kHubs);
    AnalysisOptions o = test::options(chain, "f", {"h1", "h2"});
    o.weights.occupiedDiscount = 0.5;
    Analysis a = analyze(chain, o);
    Weights w;
    w.occupiedDiscount = 0.5;
    w.leader = 10;  // fh1: 3.816667 - 1 + 10 = 12.816667
    rankTargets(a.targets, chain, w);
    CHECK(chain.firms[a.targets[0].firm].id == "fh1");
    CHECK(a.targets[0].score == Approx(12.816667).epsilon(1e-6));
    CHECK(a.targets[0].rank == 1);
    CHECK(a.targets[1].rank == 2);
}

TEST_CASE("anchor saturates at three local partners — ties are broken by firm id") {
    // RCA(l,a) = RCA(o,b) = 2; phi(a,b) = 0 -> density 0. Profile 0.5 for all (no metrics) -> 1.0.
    // c1: 0.6*3 + 1*2 + 1.0 = 4.8; c2: 1.8 + (2/3)*2 + 1.0 = 4.133333; c0 = c3 = 1.8 + 1.0 = 2.8.
    Chain chain = test::chainFrom(kAnchors);
    Analysis a = analyze(chain, test::options(chain, "l"));
    REQUIRE(a.targets.size() == 4);
    std::vector<std::string> order;
    for (const auto& t : a.targets) order.push_back(chain.firms[t.firm].id);
    CHECK(order == std::vector<std::string>{"c1", "c2", "c0", "c3"});
    CHECK(a.targets[0].value[TermAnchor] == Approx(1.0));
    CHECK(a.targets[0].anchors.size() == 4);  // all are listed; the term saturates
    CHECK(a.targets[0].score == Approx(4.8));
    CHECK(a.targets[1].value[TermAnchor] == Approx(2.0 / 3));
    CHECK(a.targets[1].anchors.size() == 2);  // l1 counted once though it trades both ways
    CHECK(a.targets[1].score == Approx(4.133333).epsilon(1e-6));
    CHECK(a.targets[2].score == Approx(2.8));
    CHECK(a.targets[3].score == Approx(2.8));
}

TEST_CASE("the density term is the best density among the segments that earned fit") {
    // The 3 x 3 chain of test_analysis.cpp plus a link s1 -> s2; focal R2 (strong in s1).
    // s2 is an extension (0.6) with omega(R2,s2) = 0.5; s3 is absent (0).
    Chain chain = test::chainFrom(test::document(
        R"([{"id": "s1"}, {"id": "s2"}, {"id": "s3"}])", R"([{"from": "s1", "to": "s2"}])",
        R"([{"id": "r1"}, {"id": "r2"}, {"id": "r3"}])",
        R"([{"id": "a", "sites": [{"region": "r1", "segments": ["s1"]}, {"region": "r1", "segments": ["s2"]}]},
            {"id": "b", "sites": [{"region": "r2", "segments": ["s1"]}]},
            {"id": "c", "sites": [{"region": "r3", "segments": ["s2"]}, {"region": "r3", "segments": ["s3"]}]}])"));
    Analysis a = analyze(chain, test::options(chain, "r2"));
    const Target* c = test::target(chain, a, "c");
    REQUIRE(c);
    CHECK(c->value[TermDensity] == Approx(0.5));
    CHECK(c->segments.size() == 1);  // only s2 earned fit
}

TEST_CASE("weights from JSON: known keys, checked values") {
    auto w = weightsFromJson(nlohmann::json{{"fit", 5}, {"occupied_discount", 0.25}});
    REQUIRE(w);
    CHECK(w->fit == 5);
    CHECK(w->occupiedDiscount == 0.25);
    CHECK(w->anchor == 2);  // untouched
    auto message = [&](const nlohmann::json& object) { return weightsFromJson(object, *w).error().message; };
    CHECK(message(nlohmann::json{{"fitt", 1}}).find("did you mean \"fit\"") != std::string::npos);
    CHECK(message(nlohmann::json{{"hub", -1}}) == "must not be negative");
    CHECK(weightsFromJson(nlohmann::json{{"hub", -1}}).error().where == "/hub");
    CHECK(weightsFromJson(nlohmann::json{{"a/b", 1}}).error().where == "/a~1b");  // a pointer, escaped
    CHECK(weightsFromJson(nlohmann::json::array()).error().where == "/");
    CHECK(message(nlohmann::json{{"occupied_discount", 2}}).find("[0, 1]") != std::string::npos);
    CHECK(weightsFromJson(nlohmann::json{{"hub", -1}}).error().code == ErrorCode::Format);
    CHECK(weightsToJson(Weights{}).size() == 8);  // seven terms and occupied_discount
    auto again = weightsFromJson(nlohmann::json{{"innovation", 4}}, *w);
    REQUIRE(again);
    CHECK(again->innovation == 4);
    CHECK(again->fit == 5);  // untouched by the second call
}

TEST_CASE("weights are equal when every term's weight and the occupied discount are") {
    Weights a, b;
    CHECK(a == b);
    for (int k = 0; k < kTermCount; ++k) {
        b = a;
        termWeight(b, k) += 0.5;
        CHECK(a != b);
    }
    b = a;
    b.occupiedDiscount = 0.5;
    CHECK(a != b);
}

namespace {
Chain planner() { return test::dataChain(fixtures::kPlannerFile); }
std::vector<std::string> targetIds(const Chain& chain, const Analysis& a) {
    std::vector<std::string> ids;
    for (const Target& t : a.targets) ids.push_back(chain.firms[t.firm].id);
    return ids;
}
}  // namespace

TEST_CASE("planner chain: hub term only without a hub site, profile bases, set-aside") {
    // See fixtures.hpp (kPlannerFile) for the arithmetic.
    Chain chain = planner();
    Analysis a = analyze(chain, test::options(chain, "l", {"h"}));
    CHECK(targetIds(chain, a) == std::vector<std::string>{"e", "a", "b"});
    const Target* e = test::target(chain, a, "e");
    const Target* ta = test::target(chain, a, "a");
    const Target* b = test::target(chain, a, "b");
    REQUIRE((e && ta && b));
    CHECK(e->score == Approx(5.066667).epsilon(1e-6));
    CHECK(e->value[TermDensity] == Approx(1.0));
    CHECK(e->value[TermProfile] == Approx(0.5));
    CHECK(e->profileBasis == Basis::None);
    CHECK(ta->score == Approx(4.733333).epsilon(1e-6));
    CHECK(ta->value[TermHub] == Approx(1.0));
    CHECK(ta->value[TermProfile] == Approx(4.0 / 6));
    CHECK(ta->profileBasis == Basis::Segment);
    CHECK(b->score == Approx(3.566667).epsilon(1e-6));
    CHECK(b->value[TermHub] == 0.0);      // supplies hv in the hub, but has a site in the hub itself
    REQUIRE(b->hubPartners.size() == 1);  // still listed: the explanation says whom it supplies
    CHECK(b->value[TermProfile] == Approx(3.5 / 6));
    CHECK(b->profileBasis == Basis::Firm);
    CHECK(b->value[TermFit] == Approx(0.8));
    for (const Target& t : a.targets) CHECK(t.innovationBasis == Basis::None);  // no resources in the file
    REQUIRE(a.setAside.size() == 2);
    CHECK(chain.firms[a.setAside[0].firm].id == "c");
    CHECK(chain.firms[a.setAside[1].firm].id == "hp");
    CHECK(a.setAside[0].segments == std::vector<int>{findSegment(chain, "p")});
}

TEST_CASE("planner chain with custom weights: the discount brings set-aside firms back, ties by id") {
    // hub 3, profile 1, occupied_discount 0.5:
    // e: 2.4 + 0.666667 + 1 + 0.5 = 4.566667; a: 2.4 + 3 + 4/6 = 6.066667; b: 2.4 + 3.5/6 = 2.983333;
    // c: fit 0.6 * 0.5 = 0.3 -> 0.9, profile 2.5/6 (firm) -> 1.316667;
    // hp: 0.9 + P(p) = 2.5/6 (segment) -> 1.316667, hub 0 (its own site is in the hub): a tie, c before hp.
    Chain chain = planner();
    AnalysisOptions o = test::options(chain, "l", {"h"});
    Analysis a = analyze(chain, o);
    Weights w;
    w.hub = 3;
    w.profile = 1;
    w.occupiedDiscount = 0.5;
    rerank(a, chain, w);
    CHECK(targetIds(chain, a) == std::vector<std::string>{"a", "e", "b", "c", "hp"});
    CHECK(a.targets[0].score == Approx(6.066667).epsilon(1e-6));
    CHECK(a.targets[1].score == Approx(4.566667).epsilon(1e-6));
    CHECK(a.targets[2].score == Approx(2.983333).epsilon(1e-6));
    CHECK(a.targets[3].score == Approx(1.316667).epsilon(1e-6));
    CHECK(a.targets[4].score == Approx(1.316667).epsilon(1e-6));
    CHECK(a.targets[4].profileBasis == Basis::Segment);
    CHECK(a.targets[4].value[TermHub] == 0.0);
    CHECK(a.targets[4].rank == 5);
    CHECK(a.setAside.empty());
    // Back to the default discount: c and hp are set aside again, the same as a fresh analysis.
    rerank(a, chain, Weights{});
    CHECK(targetIds(chain, a) == std::vector<std::string>{"e", "a", "b"});
    CHECK(a.setAside.size() == 2);
    o.weights = w;
    Analysis fresh = analyze(chain, o);
    CHECK(targetIds(chain, fresh) == std::vector<std::string>{"a", "e", "b", "c", "hp"});
}

TEST_CASE("NEV, Weinan with hub Xi'an: no top-10 target earns fit only where the hub is, none in Xi'an gets `hub`") {
    // The lesson of 错位发展: do not court the hub's own suppliers for the segments the hub holds.
    Chain chain = test::chainFromFile(std::string(CHAINATLAS_CHAINS_DIR) + "/nev.json");
    Analysis a = analyze(chain, test::options(chain, "weinan", {"xian"}));
    int xian = findRegion(chain, "xian");
    REQUIRE_FALSE(a.targets.empty());
    for (std::size_t i = 0; i < a.targets.size() && i < 10; ++i) {
        const Target& t = a.targets[i];
        CAPTURE(chain.firms[t.firm].id);
        CHECK(std::any_of(t.segments.begin(), t.segments.end(), [](const FitSegment& fs) { return !fs.occupied; }));
    }
    for (const Target& t : a.targets) {
        const Firm& firm = chain.firms[t.firm];
        bool inXian = std::any_of(firm.sites.begin(), firm.sites.end(),
                                  [&](const Site& s) { return s.region == xian; });
        CAPTURE(firm.id);
        if (inXian) CHECK(t.value[TermHub] == 0.0);
    }
}

// ---- The evidence rules (docs/method.md §1, §8, §9, §13) on tests/data/good/evidence.json, by hand. ----
// Counted sites (t2's C-graded site in l counts nowhere): l: a (l1), c (bb); h: b (bb), b (h1); o: b+d (t1);
// q: b+c (q1); z: d (t2), d (t3). X totals: a 1, b 4, c 2, d 3; all 10.
// RCA(l,a) = (1/2)/(1/10) = 5, RCA(l,c) = (1/2)/(2/10) = 2.5: both strong. b: a -> b -> c, not present: a gap
// (v 1), but h holds it (RCA(h,b) = (2/2)/(4/10) = 2.5), so it is occupied and earns 0 at discount 1. d -> c,
// not present: an extension (v 0.6). M = 1 at (l,a) (l,c) (h,b) (o,b) (o,d) (q,b) (q,c) (z,d);
// k: a 1, b 3, c 2, d 2. phi(b,c) = 1/3 (q), phi(b,d) = 1/3 (o), phi(a,c) = 1/2 (l), the rest 0.
// omega(l,b) = (1/3) / (1/3 + 1/3) = 0.5; omega(l,d) = 0 / (1/3) = 0.
// Segment tech a 5, b 10, d 2 (c none): q(b) = 2/2 = 1, q(d) = 0; P(b) = (1 + 5 x 0.5)/6 = 7/12,
// P(d) = (0 + 2.5)/6 = 5/12.
TEST_CASE("evidence: an unscored segment moves neither density nor profile (v2 gave t1 0.5 and 0.5 from b)") {
    Chain chain = test::dataChain("good/evidence.json");
    Analysis a = analyze(chain, test::options(chain, "l", {"h"}));
    CHECK(test::segment(chain, a, "b").density == Approx(0.5));
    CHECK(test::segment(chain, a, "b").profile == Approx(7.0 / 12));
    CHECK(test::segment(chain, a, "b").occupied);
    const Target* t1 = test::target(chain, a, "t1");
    REQUIRE(t1);
    // E(t1) = {d}; b is unscored: density omega(l,d) = 0, profile P(d) = 5/12 (not max 0.5 and mean 1/2).
    CHECK(t1->value[TermFit] == Approx(0.6));
    CHECK(t1->value[TermDensity] == Approx(0.0));
    CHECK(t1->value[TermProfile] == Approx(5.0 / 12));
    CHECK(t1->profileBasis == Basis::Segment);
    CHECK(t1->unscored() == std::vector<int>{findSegment(chain, "b")});
    // 3 x 0.6 + 2 x 1/3 + 1 x 1 + 2 x 5/12 = 1.8 + 0.666667 + 1 + 0.833333 = 4.3
    CHECK(t1->score == Approx(4.3));
    CHECK(t1->rank == 1);
}

TEST_CASE(
    "evidence: a named receiving plant decides local partner or hub, an unnamed one is inferred, one fact counts once") {
    Chain chain = test::dataChain("good/evidence.json");
    Analysis a = analyze(chain, test::options(chain, "l", {"h"}));
    const Target* t1 = test::target(chain, a, "t1");
    const Target* t2 = test::target(chain, a, "t2");
    REQUIRE(t1);
    REQUIRE(t2);
    int bb = findFirm(chain, "bb"), h1 = findFirm(chain, "h1");
    // t1 -> bb names no plant: bb has sites in l and in h; the record counts once, as a local partner (inferred),
    // not also as supply to the hub.
    CHECK(t1->anchors == std::vector<int>{bb});
    CHECK(t1->anchorsInferred == std::vector<int>{bb});
    CHECK(t1->value[TermAnchor] == Approx(1.0 / 3));
    // t1 -> h1 names h: a hub partner, named (not inferred).
    CHECK(t1->hubPartners == std::vector<int>{h1});
    CHECK(t1->hubPartnersInferred.empty());
    // t2 -> bb names h: bb's plant in h, so no local partner but supply to the hub.
    CHECK(t2->anchors.empty());
    CHECK(t2->hubPartners == std::vector<int>{bb});
    CHECK(t2->value[TermHub] == Approx(1.0));
}

TEST_CASE("evidence: a C-graded site and a C-graded supply count nowhere") {
    Chain chain = test::dataChain("good/evidence.json");
    Analysis a = analyze(chain, test::options(chain, "l", {"h"}));
    // t2's C site in l would make it local (no target) and d present; neither happens.
    CHECK(test::segment(chain, a, "d").sites == 0);
    CHECK(test::segment(chain, a, "d").status == SegmentStatus::Extension);
    const Target* t2 = test::target(chain, a, "t2");
    REQUIRE(t2);
    // t2 -> l1 is graded C: l1 is no local partner of t2.
    CHECK(t2->value[TermAnchor] == Approx(0.0));
    // candidates(d): t1, t2, t3 (t2 is not local through a C site).
    CHECK(test::segment(chain, a, "d").candidates == 3);
}

TEST_CASE("evidence: a tie broken by id, and rank ranges over the 14 weight variants") {
    Chain chain = test::dataChain("good/evidence.json");
    Analysis a = analyze(chain, test::options(chain, "l", {"h"}));
    REQUIRE(a.targets.size() == 3);
    // t2: 1.8 + hub 1 + 0.833333 = 3.633333; t3: 1.8 + leader 1 + 0.833333 = 3.633333: tied, t2 first by id.
    CHECK(chain.firms[a.targets[1].firm].id == "t2");
    CHECK(chain.firms[a.targets[2].firm].id == "t3");
    CHECK(a.targets[1].score == Approx(a.targets[2].score));
    // hub x 0.5: t2 3.133 falls behind t3 3.633; leader x 1.5: t3 4.133 passes t2: both range over 2-3.
    // t1 is first in every variant (one weight moves at a time): anchor x 0.5 gives t1 1.8 + 1/3 + 1 + 0.833
    // = 3.967 > 3.633; leader x 1.5 gives t3 4.133 < t1's unchanged 4.3; hub x 0.5 gives t1 3.8 > 3.633.
    CHECK(a.targets[0].rankBest == 1);
    CHECK(a.targets[0].rankWorst == 1);
    CHECK(a.targets[1].rankBest == 2);
    CHECK(a.targets[1].rankWorst == 3);
    CHECK(a.targets[2].rankBest == 2);
    CHECK(a.targets[2].rankWorst == 3);
}

TEST_CASE("evidence: an imputed profile is marked and its weighted value is in the score") {
    // mini.json's f2 has no metric and its segments none: profile 0.5 imputed, 1.00 of its score.
    Chain chain = test::dataChain("good/mini.json");
    Analysis a = analyze(chain, test::options(chain, "suzhou", {}));
    const Target* f2 = test::target(chain, a, "f2");
    REQUIRE(f2);
    CHECK(f2->profileImputed());
    CHECK(f2->weighted[TermProfile] == Approx(1.0));
    double sum = 0;
    for (int k = 0; k < kTermCount; ++k) sum += f2->weighted[k];
    CHECK(sum == Approx(f2->score));
}

TEST_CASE("evidence: a market segment has no candidates, no value and no priority, its firms are customers") {
    std::string text = *readWholeFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/evidence.json");
    text.replace(text.find(R"("name": "D",)"), 12, R"("name": "D", "market": true,)");
    Chain chain = test::chainFrom(text);
    Analysis a = analyze(chain, test::options(chain, "l", {"h"}));
    const SegmentResult& d = test::segment(chain, a, "d");
    CHECK(d.market);
    CHECK(d.status == SegmentStatus::Extension);  // computed as usual
    CHECK(d.candidates == 0);
    CHECK(segmentValue(d) == 0);
    CHECK(std::none_of(a.priorities.begin(), a.priorities.end(),
                       [&](const Priority& p) { return p.segment == findSegment(chain, "d"); }));
    // t2 and t3 make only d: no candidate at all; t1 keeps b, which the hub holds: set aside.
    CHECK(a.targets.empty());
    REQUIRE(a.setAside.size() == 3);
    CHECK(chain.firms[a.setAside[2].firm].id == "t1");
    CHECK(firmsInSegment(chain, findSegment(chain, "d")) ==
          std::vector<int>{findFirm(chain, "t1"), findFirm(chain, "t2"), findFirm(chain, "t3")});
}

TEST_CASE("evidence: 本地配套率 counts the buyer's plant named or inferred, and a C supply nowhere") {
    Chain chain = test::dataChain("good/evidence.json");
    std::vector<LocalSupply> rows = localSupply(chain, findRegion(chain, "l"));
    // bb receives in l: t1 -> bb (no plant named: inferred, bb has a site in l) and l1 -> bb (named l, from l).
    // t2 -> bb names h: not received in l. t2 -> l1 is graded C: nowhere.
    REQUIRE(rows.size() == 1);
    const LocalSupply& bb = rows[0];
    CHECK(bb.firm == findFirm(chain, "bb"));
    CHECK(bb.suppliers == std::vector<int>{findFirm(chain, "l1"), findFirm(chain, "t1")});
    CHECK(bb.local == std::vector<int>{findFirm(chain, "l1")});
    CHECK(bb.inferred == std::vector<int>{findFirm(chain, "t1")});
    CHECK(bb.outsideSegments == std::vector<int>{findSegment(chain, "d")});
    CHECK(bb.share() == Approx(0.5));
    // A what-if that brings t1 to l makes it a local supplier: 2 of 2.
    AnalysisOptions options = test::options(chain, "l", {"h"});
    options.assumptions.push_back({findFirm(chain, "t1"), findRegion(chain, "l"), {}});
    Analysis assumed = analyze(chain, options);
    REQUIRE(assumed.localSupply.size() == 1);
    CHECK(assumed.localSupply[0].share() == Approx(1.0));
}

TEST_CASE("rerank under other weights and discounts writes what a fresh analysis with those weights writes") {
    // rerank keeps each candidate in its list unless its fit crossed 0 and reorders both lists in place; a
    // synthetic chain with the busiest region as hub (many occupied segments) moves hundreds of candidates
    // between the lists as the discount goes 1 -> 0.5 -> 0 -> 1 -> 1. Compared as the whole JSON result.
    bench::SyntheticSpec spec;
    spec.firms = 3000;
    spec.supplies = 12000;
    spec.regions = 30;
    spec.segments = 80;
    Chain chain = bench::generateChain(spec);
    std::vector<int> sites(chain.regions.size(), 0);
    for (const Firm& firm : chain.firms)
        for (const Site& site : firm.sites) ++sites[static_cast<std::size_t>(site.region)];
    int hub = static_cast<int>(std::max_element(sites.begin(), sites.end()) - sites.begin());
    AnalysisOptions options;
    options.region = hub == 0 ? 1 : 0;
    options.hubs = {hub};
    Analysis a = analyze(chain, options);
    Weights half, none, leaning;
    half.occupiedDiscount = 0.5;
    half.hub = 3;
    none.occupiedDiscount = 0;
    leaning.profile = 0.5;
    leaning.innovation = 4;
    std::vector<std::size_t> setAside;
    for (const Weights& w : {half, none, leaning, Weights{}}) {
        rerank(a, chain, w);
        options.weights = w;
        Analysis fresh = analyze(chain, options);
        CHECK(analysisJsonText(chain, a, 0, -1) == analysisJsonText(chain, fresh, 0, -1));
        setAside.push_back(a.setAside.size());
    }
    CHECK(setAside[0] == 0);  // any discount below 1: occupied segments earn something, nobody is set aside
    CHECK(setAside[1] == 0);
    CHECK(setAside[2] > 100);  // the full discount again: those with nothing but occupied segments leave
    CHECK(setAside[3] == setAside[2]);
}

namespace {
// The ranks of `targets` under `weights` by the plain definition (docs/method.md §9): the weighted sum of each
// target's term values, rounded as scoreKey does, highest first, ties by firm id — a comparison sort of the
// firms, independent of the ranking's own keys and radix sort.
std::map<int, int> ranksByDefinition(const Chain& chain, const std::vector<Target>& targets, const Weights& weights) {
    std::vector<std::pair<long long, std::string>> order;
    std::map<std::string, int> firmOf;
    for (const Target& t : targets) {
        double score = 0;
        for (int term = 0; term < kTermCount; ++term) score += termWeight(weights, term) * t.value[term];
        const std::string& id = chain.firms[static_cast<std::size_t>(t.firm)].id;
        order.emplace_back(-scoreKey(score), id);
        firmOf[id] = t.firm;
    }
    std::sort(order.begin(), order.end());
    std::map<int, int> ranks;
    for (std::size_t i = 0; i < order.size(); ++i) ranks[firmOf[order[i].second]] = static_cast<int>(i) + 1;
    return ranks;
}
}  // namespace

TEST_CASE("ranks and rank ranges of thousands of targets are those of a plain sort by score, then firm id") {
    // 40,000 firms: more than 2,048 targets, so the ranking's radix sort needs several passes; weights of 1e8
    // put the scores' spread beyond what fits beside the id ranks, which takes the comparison sort instead.
    test::SyntheticAnalysis synthetic = test::syntheticWithHub(40000);  // region 0, hub 1, default weights
    const Chain& chain = synthetic.chain;
    Weights huge;
    huge.fit = 1e8;
    for (const Weights& weights : {Weights{}, huge}) {
        Analysis& a = synthetic.analysis;
        if (weights != a.weights) rerank(a, chain, weights);  // equals a fresh analysis (test above)
        REQUIRE(a.targets.size() > 2048);
        std::map<int, int> ranks = ranksByDefinition(chain, a.targets, weights);
        std::map<int, int> best = ranks, worst = ranks;
        for (int term = 0; term < kTermCount; ++term)
            for (double factor : {0.5, 1.5}) {
                Weights variant = weights;
                termWeight(variant, term) *= factor;
                for (auto [firm, rank] : ranksByDefinition(chain, a.targets, variant)) {
                    best[firm] = std::min(best[firm], rank);
                    worst[firm] = std::max(worst[firm], rank);
                }
            }
        int mismatches = 0;
        for (const Target& t : a.targets)
            if (t.rank != ranks[t.firm] || t.rankBest != best[t.firm] || t.rankWorst != worst[t.firm]) ++mismatches;
        CHECK(mismatches == 0);
        CHECK(a.targets.front().rank == 1);
    }
}
