// Layout geometry: boxes, left-to-right links, firms inside their lanes, Graphviz escaping.
#include <doctest/doctest.h>

#include <set>

#include "chainatlas/layout.hpp"
#include "helpers.hpp"
#include "synthetic.hpp"

using namespace chainatlas;

namespace {
bool inside(const Box& inner, const Box& outer) {
    return inner.x >= outer.x - 0.01 && inner.y >= outer.y - 0.01 && inner.x + inner.w <= outer.x + outer.w + 0.01 &&
           inner.y + inner.h <= outer.y + outer.h + 0.01;
}
bool overlap(const Box& a, const Box& b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
}  // namespace

TEST_CASE("Graphviz labels show data literally") {
    CHECK(graphvizLiteral("C:\\new\\N") == "C:\\\\new\\\\N");
    CHECK(graphvizLiteral("A & B") == "A &amp; B");
    CHECK(graphvizLiteral("<b>") == "<b>");  // plain labels are not HTML; only & is decoded
}

TEST_CASE("segment layout: one box per segment, no overlaps, links run left to right") {
    Chain chain = test::chainFromFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json");
    Analysis analysis = analyze(chain, test::options(chain, "suzhou", {"shanghai"}));
    LayoutEngine engine;
    auto geometry = engine.layout(chain, analysis, LayoutOptions{});
    REQUIRE(geometry);
    REQUIRE(geometry->segments.size() == 4);
    for (const auto& node : geometry->segments) {
        CHECK(node.box.w > 20);
        CHECK(node.box.h > 10);
        CHECK(inside(node.box, Box{0, 0, geometry->width, geometry->height}));
    }
    for (std::size_t i = 0; i < 4; ++i)
        for (std::size_t j = i + 1; j < 4; ++j) CHECK_FALSE(overlap(geometry->segments[i].box, geometry->segments[j].box));
    REQUIRE(geometry->links.size() == 3);
    for (const auto& link : geometry->links) {
        REQUIRE(link.points.size() >= 4);
        CHECK(geometry->segments[link.from].box.x < geometry->segments[link.to].box.x);
    }
    CHECK(geometry->clusters.size() == 2);  // two stages
    for (const auto& cluster : geometry->clusters)
        for (const auto& node : geometry->segments)
            if (chain.segments[node.segment].stage == cluster.stage) CHECK(inside(node.box, cluster.box));
}

TEST_CASE("Chinese labels get wider boxes than short ones (fonts measured by Graphviz)") {
    Chain chain = test::chainFrom(test::document(
        R"([{"id": "a", "name": "锂"}, {"id": "b", "name": "动力电池系统集成与热管理"}])", "[]", R"([{"id": "r"}])", "[]"));
    Analysis analysis = analyze(chain, test::options(chain, "r"));
    LayoutEngine engine;
    auto geometry = engine.layout(chain, analysis, LayoutOptions{});
    REQUIRE(geometry);
    CHECK(geometry->segments[1].box.w > geometry->segments[0].box.w + 80);
}

TEST_CASE("firm level: every firm is placed once in each segment it has a site in, inside that segment's box") {
    bench::SyntheticSpec spec;
    spec.segments = 12;
    spec.regions = 6;
    spec.firms = 300;
    spec.supplies = 600;
    Chain chain = bench::generateChain(spec);
    Analysis analysis = analyze(chain, test::options(chain, "r0", {"r1"}));
    LayoutEngine engine;
    LayoutOptions options;
    options.level = MapLevel::Firm;
    auto geometry = engine.layout(chain, analysis, options);
    REQUIRE(geometry);
    // Expected boxes: the distinct segments of each firm's sites (a firm with two sites in one segment: one box).
    std::set<std::pair<int, int>> expected, seen;
    for (std::size_t f = 0; f < chain.firms.size(); ++f)
        for (const Site& site : chain.firms[f].sites)
            for (int s : site.segments) expected.insert({static_cast<int>(f), s});
    for (const auto& firm : geometry->firms) {
        CHECK(seen.insert({firm.firm, firm.segment}).second);  // never twice in one segment
        CHECK(inside(firm.box, geometry->segments[firm.segment].box));
    }
    CHECK(seen == expected);
    CHECK(geometry->firms.size() > chain.firms.size());  // 30% of the synthetic firms have a second site
    CHECK_FALSE(geometry->supplies.empty());
}

TEST_CASE("one engine lays out many graphs (the context is reused and every layout freed)") {
    Chain chain = test::chainFromFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json");
    Analysis analysis = analyze(chain, test::options(chain, "suzhou"));
    LayoutEngine engine;
    double width = 0;
    for (int i = 0; i < 20; ++i) {
        auto geometry = engine.layout(chain, analysis, LayoutOptions{});
        REQUIRE(geometry);
        if (i == 0) width = geometry->width;
        CHECK(geometry->width == width);  // deterministic
    }
}

TEST_CASE("firm level with one segment expanded places only that segment's firms") {
    Chain chain = test::chainFromFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json");
    Analysis analysis = analyze(chain, test::options(chain, "suzhou"));
    LayoutEngine engine;
    LayoutOptions options;
    options.level = MapLevel::Firm;
    options.expanded.assign(chain.segments.size(), 0);
    options.expanded[findSegment(chain, "a")] = 1;  // f1's lane
    auto geometry = engine.layout(chain, analysis, options);
    REQUIRE(geometry);
    REQUIRE(geometry->firms.size() == 1);
    CHECK(chain.firms[geometry->firms[0].firm].id == "f1");
    CHECK(geometry->segments[findSegment(chain, "b")].firmArea.w == 0);
}
