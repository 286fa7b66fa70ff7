// Segment analysis (docs/method.md §2–§5) on small chains computed by hand; the arithmetic is in the comments.
#include <doctest/doctest.h>

#include <stdexcept>

#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/analysis/targets.hpp"
#include "fixtures.hpp"
#include "helpers.hpp"

using namespace chainatlas;
using doctest::Approx;

using fixtures::kFiveStatuses;
using fixtures::kHubs;

TEST_CASE("the five statuses, including a gap reached through two non-present segments") {
    Chain chain = test::chainFrom(kFiveStatuses);
    Analysis a = analyze(chain, test::options(chain, "l"));
    CHECK(test::segment(chain, a, "p").rca == Approx(1.5));
    CHECK(test::segment(chain, a, "s").rca == Approx(0.5));
    CHECK(test::segment(chain, a, "p").status == SegmentStatus::Strong);
    CHECK(test::segment(chain, a, "q").status == SegmentStatus::Gap);
    CHECK(test::segment(chain, a, "r").status == SegmentStatus::Gap);
    CHECK(test::segment(chain, a, "g").status == SegmentStatus::Gap);
    CHECK(test::segment(chain, a, "s").status == SegmentStatus::Weak);
    CHECK(test::segment(chain, a, "t").status == SegmentStatus::Extension);
    CHECK(test::segment(chain, a, "u").status == SegmentStatus::Absent);
    CHECK(test::segment(chain, a, "p").sites == 1);
    CHECK(test::segment(chain, a, "p").output == Approx(3));
}

TEST_CASE("RCA is 0 where a row, a column or the total is 0") {
    // Region z has no site; segment n has none; region w has one site of output 0 (present, X = 0).
    // Rows: l 1, w 0, z 0; columns: m 1, n 0; total 1. RCA(l,m) = (1/1)/(1/1) = 1 -> strong.
    Chain chain = test::chainFrom(test::document(
        R"([{"id": "m"}, {"id": "n"}])", R"([{"from": "m", "to": "n"}])", R"([{"id": "l"}, {"id": "w"}, {"id": "z"}])",
        R"([{"id": "f1", "sites": [{"region": "l", "segments": ["m"]}]}, {"id": "f2", "sites": [{"region": "w", "segments": ["m"], "output": 0}]}])"));
    PresenceMatrix m = computePresence(chain);
    int l = findRegion(chain, "l"), w = findRegion(chain, "w"), z = findRegion(chain, "z");
    CHECK(m.rca[m.at(l, 0)] == Approx(1.0));
    CHECK(m.rca[m.at(l, 1)] == 0.0);  // empty column
    CHECK(m.rca[m.at(z, 0)] == 0.0);  // empty row
    CHECK(m.rca[m.at(w, 0)] == 0.0);  // row sum 0
    CHECK(m.sites[m.at(w, 0)] == 1);
    Analysis inW = analyze(chain, test::options(chain, "w"));
    CHECK(test::segment(chain, inW, "m").status == SegmentStatus::Weak);  // present with RCA 0
    Analysis inL = analyze(chain, test::options(chain, "l"));
    CHECK(test::segment(chain, inL, "m").status == SegmentStatus::Strong);  // RCA exactly 1
}

TEST_CASE("RCA >= 1 allows for rounding") {
    // R1: s1 0.2, s2 0.1; R2: s1 0.6, s2 0.3. RCA(R1,s1) = (0.2/0.3)/(0.8/1.2) = 1 exactly on paper,
    // 0.9999999999999999 in doubles: still strong.
    Chain chain = test::chainFrom(test::document(
        R"([{"id": "s1"}, {"id": "s2"}])", "[]", R"([{"id": "r1"}, {"id": "r2"}])",
        R"([{"id": "a", "sites": [{"region": "r1", "segments": ["s1"], "output": 0.2}, {"region": "r1", "segments": ["s2"], "output": 0.1}]},
            {"id": "b", "sites": [{"region": "r2", "segments": ["s1"], "output": 0.6}, {"region": "r2", "segments": ["s2"], "output": 0.3}]}])"));
    Analysis a = analyze(chain, test::options(chain, "r1"));
    CHECK(test::segment(chain, a, "s1").rca == Approx(1.0));
    CHECK(test::segment(chain, a, "s1").status == SegmentStatus::Strong);
}

TEST_CASE("a site in several segments counts its whole output in each") {
    Chain chain = test::chainFrom(kHubs);
    PresenceMatrix m = computePresence(chain);
    int o = findRegion(chain, "o");
    for (int s = 0; s < 5; ++s) CHECK(m.output[m.at(o, s)] == Approx(1.0));
    CHECK(m.rca[m.at(o, findSegment(chain, "b"))] == Approx(1.6));
    CHECK(m.rca[m.at(o, findSegment(chain, "a"))] == Approx(0.8));
}

TEST_CASE("occupied and complement with two hubs") {
    Chain chain = test::chainFrom(kHubs);
    SUBCASE("both hubs: c (hub H1) and d (hub H2) are occupied, b -> c is complement") {
        Analysis a = analyze(chain, test::options(chain, "f", {"h1", "h2"}));
        CHECK(test::segment(chain, a, "a").status == SegmentStatus::Strong);
        CHECK(test::segment(chain, a, "c").status == SegmentStatus::Extension);
        CHECK(test::segment(chain, a, "b").status == SegmentStatus::Absent);
        CHECK(test::segment(chain, a, "d").status == SegmentStatus::Absent);
        CHECK(test::segment(chain, a, "c").hubStrong);
        CHECK(test::segment(chain, a, "d").hubStrong);
        CHECK(test::segment(chain, a, "c").occupied);
        CHECK(test::segment(chain, a, "d").occupied);
        CHECK_FALSE(test::segment(chain, a, "a").occupied);
        CHECK(test::segment(chain, a, "b").complement);
        CHECK_FALSE(test::segment(chain, a, "c").complement);  // hub-strong itself
        CHECK_FALSE(test::segment(chain, a, "a").complement);  // strong locally
    }
    SUBCASE("hub H2 alone: d occupied; c -> d makes c complement; b is not") {
        Analysis a = analyze(chain, test::options(chain, "f", {"h2"}));
        CHECK_FALSE(test::segment(chain, a, "c").occupied);
        CHECK(test::segment(chain, a, "d").occupied);
        CHECK(test::segment(chain, a, "c").complement);
        CHECK_FALSE(test::segment(chain, a, "b").complement);
    }
    SUBCASE("no hub: nothing occupied or complement") {
        Analysis a = analyze(chain, test::options(chain, "f"));
        for (const auto& s : a.segments) {
            CHECK_FALSE(s.occupied);
            CHECK_FALSE(s.complement);
            CHECK_FALSE(s.hubStrong);
        }
    }
}

TEST_CASE("single source: exactly one firm anywhere has a site in the segment") {
    // Firms per segment: a: ff, fo; b: fo; c: fh1, fo; d: fh2, fo; e: fo.
    Chain chain = test::chainFrom(kHubs);
    Analysis a = analyze(chain, test::options(chain, "f"));
    CHECK_FALSE(test::segment(chain, a, "a").singleSource);
    CHECK(test::segment(chain, a, "b").singleSource);
    CHECK_FALSE(test::segment(chain, a, "c").singleSource);
    CHECK(test::segment(chain, a, "e").singleSource);
}

TEST_CASE("proximity and density on a 3 x 3 matrix") {
    // M:      s1 s2 s3
    //   R1     1  1  0
    //   R2     1  0  0
    //   R3     0  1  1
    // k = (2, 2, 1). phi(s1,s2) = |{R1}|/2 = 1/2; phi(s1,s3) = 0/2 = 0; phi(s2,s3) = |{R3}|/2 = 1/2.
    // omega(R2,s2) = (M(R2,s1)*1/2 + M(R2,s3)*1/2) / (1/2 + 1/2) = 0.5
    // omega(R1,s3) = (1*0 + 1*1/2) / (0 + 1/2) = 1;  omega(R2,s3) = (1*0 + 0*1/2) / (1/2) = 0
    // omega(R3,s1) = (1*1/2 + 1*0) / (1/2) = 1.
    PresenceMatrix m;
    m.regions = 3;
    m.segments = 3;
    m.advantage = {1, 1, 0, 1, 0, 0, 0, 1, 1};
    std::vector<double> phi = computeProximity(m);
    CHECK(phi[0 * 3 + 1] == Approx(0.5));
    CHECK(phi[1 * 3 + 0] == Approx(0.5));
    CHECK(phi[0 * 3 + 2] == Approx(0.0));
    CHECK(phi[1 * 3 + 2] == Approx(0.5));
    CHECK(computeDensity(m, phi, 1)[1] == Approx(0.5));
    CHECK(computeDensity(m, phi, 0)[2] == Approx(1.0));
    CHECK(computeDensity(m, phi, 1)[2] == Approx(0.0));
    CHECK(computeDensity(m, phi, 2)[0] == Approx(1.0));
}

TEST_CASE("the same 3 x 3 matrix from real outputs, through analyze") {
    // Sites: R1 s1, s2; R2 s1; R3 s2, s3 (output 1 each). Rows 2, 1, 2; columns 2, 2, 1; total 5.
    // RCA(R1,s1) = (1/2)/(2/5) = 1.25; RCA(R2,s1) = 2.5; RCA(R3,s2) = 1.25; RCA(R3,s3) = 2.5: M as above.
    Chain chain = test::chainFrom(test::document(
        R"([{"id": "s1"}, {"id": "s2"}, {"id": "s3"}])", "[]", R"([{"id": "r1"}, {"id": "r2"}, {"id": "r3"}])",
        R"([{"id": "a", "sites": [{"region": "r1", "segments": ["s1"]}, {"region": "r1", "segments": ["s2"]}]},
            {"id": "b", "sites": [{"region": "r2", "segments": ["s1"]}]},
            {"id": "c", "sites": [{"region": "r3", "segments": ["s2"]}, {"region": "r3", "segments": ["s3"]}]}])"));
    Analysis a = analyze(chain, test::options(chain, "r2"));
    CHECK(test::segment(chain, a, "s1").rca == Approx(2.5));
    CHECK(test::segment(chain, a, "s2").density == Approx(0.5));
    CHECK(test::segment(chain, a, "s3").density == Approx(0.0));
}

TEST_CASE("proximity is 0 when both segments are nowhere advantaged") {
    PresenceMatrix m;
    m.regions = 2;
    m.segments = 2;
    m.advantage = {0, 0, 0, 0};
    std::vector<double> phi = computeProximity(m);
    CHECK(phi[1] == 0.0);
    CHECK(computeDensity(m, phi, 0)[0] == 0.0);
}

namespace {
Chain planner() { return test::dataChain(fixtures::kPlannerFile); }
}  // namespace

TEST_CASE("advice, candidates and segment profiles on the planner chain") {
    // See fixtures.hpp (kPlannerFile) for the arithmetic.
    Chain chain = planner();
    Analysis a = analyze(chain, test::options(chain, "l", {"h"}));
    struct Row {
        const char* id;
        SegmentStatus status;
        Advice advice;
        int candidates;
        double profile;
        Basis basis;
    };
    const Row rows[] = {{"m", SegmentStatus::Strong, Advice::Keep, 2, 2.5 / 6, Basis::Segment},
                        {"p", SegmentStatus::Extension, Advice::Leave, 3, 2.5 / 6, Basis::Segment},
                        {"q", SegmentStatus::Extension, Advice::Extend, 0, 0.5, Basis::None},
                        {"s", SegmentStatus::Absent, Advice::Complement, 2, 4.0 / 6, Basis::Segment},
                        {"t", SegmentStatus::Absent, Advice::Complement, 1, 0.5, Basis::None},
                        {"v", SegmentStatus::Absent, Advice::Leave, 1, 0.5, Basis::None}};
    for (const Row& row : rows) {
        CAPTURE(row.id);
        const SegmentResult& r = test::segment(chain, a, row.id);
        CHECK(r.status == row.status);
        CHECK(r.advice == row.advice);
        CHECK(r.candidates == row.candidates);
        CHECK(r.profile == Approx(row.profile).epsilon(1e-9));
        CHECK(r.profileBasis == row.basis);
    }
    CHECK(test::segment(chain, a, "t").density == Approx(1.0));
    CHECK(test::segment(chain, a, "s").density == Approx(0.0));
    CHECK(test::segment(chain, a, "v").singleSource);
}

TEST_CASE("advice follows the first rule that holds") {
    SegmentResult r;
    r.status = SegmentStatus::Strong;
    r.occupied = true;  // cannot happen with strong, but keep wins first
    CHECK(adviceFor(r) == Advice::Keep);
    r.status = SegmentStatus::Gap;
    CHECK(adviceFor(r) == Advice::Leave);  // occupied before complement and fill
    r.occupied = false;
    r.complement = true;
    CHECK(adviceFor(r) == Advice::Complement);
    r.complement = false;
    CHECK(adviceFor(r) == Advice::Fill);
    r.status = SegmentStatus::Weak;
    CHECK(adviceFor(r) == Advice::Strengthen);
    r.status = SegmentStatus::Extension;
    CHECK(adviceFor(r) == Advice::Extend);
    r.status = SegmentStatus::Absent;
    CHECK(adviceFor(r) == Advice::None);
}

TEST_CASE("advice and candidates on the hubs chain") {
    // kHubs, focal F, hubs H1, H2: a strong (keep); b absent + complement; c extension, occupied (leave);
    // d absent, occupied (leave); e absent (none). Candidates: firms in the segment other than ff (local):
    // a: fo -> 1; b: fo -> 1; c: fh1, fo -> 2; d: fh2, fo -> 2; e: fo -> 1.
    Chain chain = test::chainFrom(kHubs);
    Analysis a = analyze(chain, test::options(chain, "f", {"h1", "h2"}));
    CHECK(test::segment(chain, a, "a").advice == Advice::Keep);
    CHECK(test::segment(chain, a, "b").advice == Advice::Complement);
    CHECK(test::segment(chain, a, "c").advice == Advice::Leave);
    CHECK(test::segment(chain, a, "d").advice == Advice::Leave);
    CHECK(test::segment(chain, a, "e").advice == Advice::None);
    CHECK(test::segment(chain, a, "a").candidates == 1);
    CHECK(test::segment(chain, a, "c").candidates == 2);
    CHECK(test::segment(chain, a, "d").candidates == 2);
    CHECK(test::segment(chain, a, "e").candidates == 1);
}

TEST_CASE("a chain built by hand without its index says so instead of reading a null pointer") {
    Chain chain;
    CHECK_THROWS_AS((void)chain.index(), std::logic_error);
    chain.buildIndexes();
    CHECK_NOTHROW((void)chain.index());
}
