// The priorities chart: positions, sizes, the no-data strip, labels that do not overlap, and its SVG.
// Priorities are set by hand (the analysis computes them; this checks the chart's own arithmetic).
#include <doctest/doctest.h>

#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/map/chart.hpp"
#include "chainatlas/svg/svg.hpp"
#include "fixtures.hpp"
#include "helpers.hpp"

using namespace chainatlas;

namespace {

Theme shippedTheme() {
    std::vector<Diagnostic> problems;
    return loadTheme(defaultThemePath(), problems);
}

// Three priorities on the five-statuses chain (segments q, r, t).
Analysis withPriorities(const Chain& chain) {
    Analysis a = analyze(chain, test::options(chain, "l"));
    a.priorities = {{1, Advice::Fill, 1.0, 0.2, 0.8, Basis::Segment, 0, 3.0},
                    {2, Advice::Complement, 0.8, 0.1, 0.5, Basis::None, 4, 2.0},
                    {5, Advice::Extend, 0.6, 0.0, 0.3, Basis::Segment, 9, 1.0}};
    return a;
}

}  // namespace

TEST_CASE("points sit at (density, profile), sized by candidates, coloured by advice — no data goes to the strip") {
    Chain chain = test::chainFrom(fixtures::kFiveStatuses);
    Analysis a = withPriorities(chain);
    PriorityChart c = describePriorities(chain, a, shippedTheme(), {Lang::En, 10, ""}, 800, 470);
    REQUIRE(c.points.size() == 3);
    // Largest ω 0.2 -> x axis 0..0.2 (the next fifth). x = ω / 0.2 * 800: 800, 400, 0.
    CHECK(c.xMax == doctest::Approx(0.2));
    CHECK(c.xTicks[1].text == "0.05");
    CHECK(c.points[0].x == doctest::Approx(800));
    CHECK(c.points[1].x == doctest::Approx(400));
    CHECK(c.points[2].x == doctest::Approx(0));
    // Strip from 0.86 * 470 = 404.2; y = 0 at 404.2 - 18 = 386.2; y = 386.2 * (1 - P).
    CHECK(c.stripTop == doctest::Approx(404.2));
    CHECK(c.points[0].y == doctest::Approx(386.2 * 0.2));
    CHECK(c.points[2].y == doctest::Approx(386.2 * 0.7));
    // Basis none: not at P = 0.5 but in the middle of the strip, (404.2 + 470) / 2 = 437.1.
    CHECK(c.points[1].noData);
    CHECK(c.points[1].y == doctest::Approx(437.1));
    // Radius 5 + 3 sqrt(candidates), at most 18: 0 -> 5, 4 -> 11, 9 -> 14; 100 -> 35 capped to 18.
    CHECK(c.points[0].radius == doctest::Approx(5));
    CHECK(c.points[1].radius == doctest::Approx(11));
    CHECK(c.points[2].radius == doctest::Approx(14));
    CHECK(pointRadius(100) == doctest::Approx(18));
    CHECK(c.points[0].color == "#c62828");
    CHECK(c.points[1].color == "#00897b");
    CHECK(c.points[0].noCandidate);
    CHECK(c.points[0].label == "q");
    CHECK(c.points[1].details.find("no data") != std::string::npos);
    CHECK(c.legend.size() == 3 + 1);  // fill, complement, extend, and the size key
}

TEST_CASE("labels of points close together are placed apart") {
    Chain chain = test::chainFrom(fixtures::kFiveStatuses);
    Analysis a = analyze(chain, test::options(chain, "l"));
    a.priorities.clear();
    // Five points at one place (ω 0.3 of an axis to 0.4: x = 600): right, left, top, bottom, then stacked.
    for (int s : {1, 2, 3, 5, 6}) a.priorities.push_back({s, Advice::Fill, 1.0, 0.3, 0.5, Basis::Segment, 1, 1.0});
    PriorityChart c = describePriorities(chain, a, shippedTheme(), {Lang::En, 10, ""}, 800, 470);
    REQUIRE(c.points.size() == 5);
    for (std::size_t i = 0; i < 5; ++i)
        for (std::size_t j = i + 1; j < 5; ++j)
            CHECK_FALSE((c.points[i].labelX == c.points[j].labelX && c.points[i].labelY == c.points[j].labelY &&
                         c.points[i].labelEnd == c.points[j].labelEnd));
}

TEST_CASE("the priorities SVG has a labelled point per priority and its words in Chinese") {
    Chain chain = test::chainFrom(fixtures::kFiveStatuses);
    Analysis a = withPriorities(chain);
    std::string svg = renderPrioritiesSvg(chain, a, shippedTheme(), {Lang::Zh, 10, "2026-11-27"});
    std::size_t points = 0;
    for (std::size_t at = svg.find("class=\"point "); at != std::string::npos; at = svg.find("class=\"point ", at + 1))
        ++points;
    CHECK(points == 3);
    CHECK(svg.find("id=\"pri-q\" class=\"point advice-fill no-candidate\"") != std::string::npos);
    CHECK(svg.find("id=\"pri-r\" class=\"point advice-complement no-data\"") != std::string::npos);
    CHECK(svg.find(">无数据<") != std::string::npos);
    CHECK(svg.find("可行性") != std::string::npos);
    CHECK(svg.find("feasibility") == std::string::npos);
    Analysis none = analyze(chain, test::options(chain, "l"));
    none.priorities.clear();
    std::string empty = renderPrioritiesSvg(chain, none, shippedTheme(), {Lang::Zh, 10, ""});
    CHECK(empty.find("没有需要行动的环节") != std::string::npos);
}
