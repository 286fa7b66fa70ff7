// Segment priorities (docs/method.md §10) on the planner chain; the arithmetic is in fixtures.hpp.
#include <doctest/doctest.h>

#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/analysis/targets.hpp"
#include "fixtures.hpp"
#include "helpers.hpp"

using namespace chainatlas;
using doctest::Approx;

namespace {
Chain planner() { return test::dataChain(fixtures::kPlannerFile); }
}  // namespace

TEST_CASE("priorities: segments to act on, by fit value, density and profile") {
    // t 2.4 + 1 + 1 = 4.4; s 2.4 + 0 + 2 * 4/6 = 3.733333; q 1.8 + 0 + 1 = 2.8. m (keep), p and v (leave) are not
    // listed.
    Chain chain = planner();
    Analysis a = analyze(chain, test::options(chain, "l", {"h"}));
    REQUIRE(a.priorities.size() == 3);
    const Priority& t = a.priorities[0];
    CHECK(chain.segments[t.segment].id == "t");
    CHECK(t.advice == Advice::Complement);
    CHECK(t.value == Approx(0.8));
    CHECK(t.density == Approx(1.0));
    CHECK(t.profile == Approx(0.5));
    CHECK(t.basis == Basis::None);
    CHECK(t.candidates == 1);
    CHECK(t.score == Approx(4.4));
    const Priority& s = a.priorities[1];
    CHECK(chain.segments[s.segment].id == "s");
    CHECK(s.basis == Basis::Segment);
    CHECK(s.profile == Approx(4.0 / 6));
    CHECK(s.candidates == 2);
    CHECK(s.score == Approx(3.733333).epsilon(1e-6));
    const Priority& q = a.priorities[2];
    CHECK(chain.segments[q.segment].id == "q");
    CHECK(q.advice == Advice::Extend);
    CHECK(q.candidates == 0);
    CHECK(q.score == Approx(2.8));
}

TEST_CASE("priorities follow the weights and break ties by segment id") {
    // fit 1, density 0, profile 0: s and t both 0.8 (a tie: s before t), q 0.6.
    Chain chain = planner();
    Analysis a = analyze(chain, test::options(chain, "l", {"h"}));
    Weights w;
    w.fit = 1;
    w.density = 0;
    w.profile = 0;
    rerank(a, chain, w);
    REQUIRE(a.priorities.size() == 3);
    CHECK(chain.segments[a.priorities[0].segment].id == "s");
    CHECK(chain.segments[a.priorities[1].segment].id == "t");
    CHECK(a.priorities[1].score == Approx(0.8));
    CHECK(chain.segments[a.priorities[2].segment].id == "q");
}

TEST_CASE("without a hub nothing is left to the hub: p and v become priorities") {
    // No hub: p extension (0.6), v absent (0: advice none, not listed); s, t absent (none, not listed); q extension.
    // p: 1.8 + 0 + 2 * 2.5/6 = 2.633333; q: 1.8 + 0 + 1.0 = 2.8.
    Chain chain = planner();
    Analysis a = analyze(chain, test::options(chain, "l"));
    REQUIRE(a.priorities.size() == 2);
    CHECK(chain.segments[a.priorities[0].segment].id == "q");
    CHECK(chain.segments[a.priorities[1].segment].id == "p");
    CHECK(a.priorities[1].score == Approx(2.633333).epsilon(1e-6));
}
