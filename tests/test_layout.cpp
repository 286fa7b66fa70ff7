// Layout geometry: boxes, left-to-right links, firms inside their lanes, Graphviz escaping.
#include <doctest/doctest.h>
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <vector>
#if defined(__SANITIZE_ADDRESS__)
// AddressSanitizer's count of the bytes allocated and not freed (GCC ships no header declaring it).
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#endif

#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/map/layout.hpp"
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
        for (std::size_t j = i + 1; j < 4; ++j)
            CHECK_FALSE(overlap(geometry->segments[i].box, geometry->segments[j].box));
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
    Chain chain = test::chainFrom(
        test::document(R"([{"id": "a", "name": "锂"}, {"id": "b", "name": "动力电池系统集成与热管理"}])", "[]",
                       R"([{"id": "r"}])", "[]"));
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

namespace {
// Segments s0..s(n-1) and the given links (pairs of indices), one firm in the first segment.
Chain linkedChain(int n, const std::vector<std::pair<int, int>>& links) {
    std::string segments, linkText;
    for (int i = 0; i < n; ++i)
        segments.append(i ? "," : "").append(R"({"id": "s)").append(std::to_string(i)).append("\"}");
    for (std::size_t k = 0; k < links.size(); ++k)
        linkText.append(k ? "," : "")
            .append(R"({"from": "s)")
            .append(std::to_string(links[k].first))
            .append(R"(", "to": "s)")
            .append(std::to_string(links[k].second))
            .append("\"}");
    return test::chainFrom(test::document("[" + segments + "]", "[" + linkText + "]", R"([{"id": "r"}])",
                                          R"([{"id": "f", "sites": [{"region": "r", "segments": ["s0"]}]}])"));
}
// The layout and how long it took.
std::pair<Result<MapGeometry>, double> timedLayout(const Chain& chain) {
    Analysis analysis = analyze(chain, test::options(chain, "r"));
    LayoutEngine engine;
    auto start = std::chrono::steady_clock::now();
    auto geometry = engine.layout(chain, analysis, LayoutOptions{});
    return {std::move(geometry), std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
}
std::size_t drawnLinks(const MapGeometry& g) {
    return static_cast<std::size_t>(
        std::count_if(g.links.begin(), g.links.end(), [](const LinkPath& l) { return !l.points.empty(); }));
}
}  // namespace

TEST_CASE("dense links: a complete DAG of 40 segments is drawn as its transitive reduction, quickly") {
    std::vector<std::pair<int, int>> links;
    for (int i = 0; i < 40; ++i)
        for (int j = i + 1; j < 40; ++j) links.emplace_back(i, j);
    REQUIRE(links.size() == 780);  // 40 * 39 / 2
    auto [geometry, seconds] = timedLayout(linkedChain(40, links));
    REQUIRE(geometry);
    CHECK(seconds < 20);  // was 29 s without sanitizers
    // Only s_i -> s_(i+1) is not implied by a longer path: 39 links drawn, 741 left out (no points).
    CHECK(geometry->links.size() == 780);
    CHECK(drawnLinks(*geometry) == 39);
    for (const LinkPath& link : geometry->links)
        if (!link.points.empty()) CHECK(link.to == link.from + 1);
}

TEST_CASE(
    "dense links that no reduction removes: past the limit dot routes one link per segment, the rest are straight") {
    // Five columns of 60 segments, every segment linked to every one of the next column: 4 * 3600 links,
    // none implied by another path.
    std::vector<std::pair<int, int>> links;
    for (int column = 0; column < 4; ++column)
        for (int i = 0; i < 60; ++i)
            for (int j = 0; j < 60; ++j) links.emplace_back(column * 60 + i, (column + 1) * 60 + j);
    auto [geometry, seconds] = timedLayout(linkedChain(300, links));
    REQUIRE(geometry);
    CHECK(seconds < 30);  // was 23 s without sanitizers
    CHECK(drawnLinks(*geometry) == 14400);
    std::size_t straight = 0;
    for (const LinkPath& link : geometry->links) {
        // Straight: starts at the middle of the right side of its box, ends pointing at the middle of the left side.
        const Box& from = geometry->segments[link.from].box;
        const Box& to = geometry->segments[link.to].box;
        bool isStraight = link.points.size() == 4 && link.points[0].x == from.x + from.w &&
                          link.points[0].y == from.y + from.h / 2 && link.arrowTip.x == to.x &&
                          link.arrowTip.y == to.y + to.h / 2;
        straight += isStraight ? 1 : 0;
        // Every link still runs left to right: columns are what the full graph gives.
        CHECK(geometry->segments[link.from].box.x + geometry->segments[link.from].box.w <=
              geometry->segments[link.to].box.x + 0.01);
    }
    CHECK(straight >= 14400 - 240);  // at most one routed link into each of the 240 segments right of column 0
}

namespace {
void checkSameGeometry(const MapGeometry& a, const MapGeometry& b) {
    auto sameBox = [](const Box& p, const Box& q) { return p.x == q.x && p.y == q.y && p.w == q.w && p.h == q.h; };
    CHECK(a.width == b.width);
    CHECK(a.height == b.height);
    REQUIRE(a.clusters.size() == b.clusters.size());
    for (std::size_t i = 0; i < a.clusters.size(); ++i) CHECK(sameBox(a.clusters[i].box, b.clusters[i].box));
    REQUIRE(a.segments.size() == b.segments.size());
    for (std::size_t i = 0; i < a.segments.size(); ++i) CHECK(sameBox(a.segments[i].box, b.segments[i].box));
    REQUIRE(a.links.size() == b.links.size());
    for (std::size_t i = 0; i < a.links.size(); ++i) {
        REQUIRE(a.links[i].points.size() == b.links[i].points.size());
        for (std::size_t k = 0; k < a.links[i].points.size(); ++k)
            CHECK(
                (a.links[i].points[k].x == b.links[i].points[k].x && a.links[i].points[k].y == b.links[i].points[k].y));
    }
    CHECK(a.firms.size() == b.firms.size());
}
}  // namespace

// The viewer lays a map of segments out from analyzeSegmentsOf while the targets are ranked, then asks again
// with the whole analysis: the second layout is the first one's geometry, not a second run of dot, and it is
// what a fresh engine lays out from the whole analysis. A graph that differs in one label is laid out anew.
TEST_CASE("a map of segments laid out again from the same graph is reused, another graph is laid out anew") {
    Chain chain = test::chainFromFile(std::string(CHAINATLAS_CHAINS_DIR) + "/nev.json");
    AnalysisOptions weinan = test::options(chain, "weinan", {"xian"});
    Analysis whole = analyze(chain, weinan);
    LayoutEngine engine, fresh;
    auto early = engine.layout(chain, analyzeSegmentsOf(chain, weinan), LayoutOptions{});
    REQUIRE(early);
    CHECK_FALSE(engine.reusedLast());
    auto late = engine.layout(chain, whole, LayoutOptions{});
    REQUIRE(late);
    CHECK(engine.reusedLast());
    auto expected = fresh.layout(chain, whole, LayoutOptions{});
    REQUIRE(expected);
    CHECK_FALSE(fresh.reusedLast());
    checkSameGeometry(*late, *expected);

    // Suzhou: other counts in the labels, so another graph.
    Analysis suzhou = analyze(chain, test::options(chain, "suzhou", {"shanghai"}));
    auto other = engine.layout(chain, suzhou, LayoutOptions{});
    REQUIRE(other);
    CHECK_FALSE(engine.reusedLast());
    checkSameGeometry(*other, *fresh.layout(chain, suzhou, LayoutOptions{}));

    // A what-if: the early layout from the chain itself serves the drawn copy with its assumed sites.
    AnalysisOptions assumed = weinan;
    assumed.assumptions.push_back({findFirm(chain, "catl"), weinan.region, {}});
    AnalysedScenario scenario = analyzeScenario(std::make_shared<const Chain>(chain), assumed);
    REQUIRE(engine.layout(chain, analyzeSegmentsOf(chain, assumed), LayoutOptions{}));
    CHECK_FALSE(engine.reusedLast());
    auto drawn = engine.layout(*scenario.drawn, scenario.analysis, LayoutOptions{});
    REQUIRE(drawn);
    CHECK(engine.reusedLast());
    checkSameGeometry(*drawn, *fresh.layout(*scenario.drawn, scenario.analysis, LayoutOptions{}));

    // Another language: other labels. The firm level places firms by rank and is never reused.
    LayoutOptions english;
    english.lang = Lang::En;
    REQUIRE(engine.layout(chain, whole, english));
    CHECK_FALSE(engine.reusedLast());
    LayoutOptions firms;
    firms.level = MapLevel::Firm;
    REQUIRE(engine.layout(chain, whole, firms));
    REQUIRE(engine.layout(chain, whole, firms));
    CHECK_FALSE(engine.reusedLast());
}

// The viewer has dot run in a helper process (Graphviz 2.42's dot does not free all it allocates for a graph
// with clusters). The helper gets the graph as bytes and makes it again by the same calls; the map must be
// the one laid out in this process, to the last bit of every number.
namespace {
const std::vector<std::string> kHelper = {"/proc/self/exe", std::string(kLayoutHelperFlag)};

bool sameBox(const Box& p, const Box& q) { return p.x == q.x && p.y == q.y && p.w == q.w && p.h == q.h; }
bool samePoint(const Point& p, const Point& q) { return p.x == q.x && p.y == q.y; }

// Every field, not only the boxes and curves checkSameGeometry looks at.
bool identical(const MapGeometry& a, const MapGeometry& b) {
    bool same = a.level == b.level && a.width == b.width && a.height == b.height &&
                a.clusters.size() == b.clusters.size() && a.segments.size() == b.segments.size() &&
                a.links.size() == b.links.size() && a.firms.size() == b.firms.size() &&
                a.supplies.size() == b.supplies.size();
    for (std::size_t i = 0; same && i < a.clusters.size(); ++i)
        same = a.clusters[i].stage == b.clusters[i].stage && sameBox(a.clusters[i].box, b.clusters[i].box);
    for (std::size_t i = 0; same && i < a.segments.size(); ++i)
        same = a.segments[i].segment == b.segments[i].segment && sameBox(a.segments[i].box, b.segments[i].box) &&
               sameBox(a.segments[i].firmArea, b.segments[i].firmArea);
    for (std::size_t i = 0; same && i < a.links.size(); ++i) {
        const LinkPath &p = a.links[i], &q = b.links[i];
        same = p.from == q.from && p.to == q.to && p.hasArrow == q.hasArrow && samePoint(p.arrowTip, q.arrowTip) &&
               p.points.size() == q.points.size();
        for (std::size_t k = 0; same && k < p.points.size(); ++k) same = samePoint(p.points[k], q.points[k]);
    }
    for (std::size_t i = 0; same && i < a.firms.size(); ++i)
        same = a.firms[i].firm == b.firms[i].firm && a.firms[i].segment == b.firms[i].segment &&
               sameBox(a.firms[i].box, b.firms[i].box);
    for (std::size_t i = 0; same && i < a.supplies.size(); ++i)
        same = a.supplies[i].supply == b.supplies[i].supply && samePoint(a.supplies[i].from, b.supplies[i].from) &&
               samePoint(a.supplies[i].to, b.supplies[i].to);
    return same;
}

std::size_t heapInUse() {
#if defined(__SANITIZE_ADDRESS__)
    return __sanitizer_get_current_allocated_bytes();
#else
    return mallinfo2().uordblks + mallinfo2().hblkhd;
#endif
}
}  // namespace

TEST_CASE("a map laid out by the helper process is the one laid out in this process") {
    struct Case {
        std::string file, region, hub;
    };
    const std::string chains = CHAINATLAS_CHAINS_DIR;
    std::vector<Case> cases = {{std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json", "suzhou", "shanghai"},
                               {chains + "/nev.json", "weinan", "xian"},
                               {chains + "/nev.json", "suzhou", "shanghai"},
                               {chains + "/biomedicine.json", "suzhou", "shanghai"}};
    LayoutEngine here, helped;
    helped.layOutInHelper(kHelper);
    for (const Case& c : cases) {
        CAPTURE(c.file);
        CAPTURE(c.region);
        Chain chain = test::chainFromFile(c.file);
        Analysis analysis = analyze(chain, test::options(chain, c.region, {c.hub}));
        for (MapLevel level : {MapLevel::Segment, MapLevel::Firm})
            for (Lang lang : {Lang::Zh, Lang::En}) {
                LayoutOptions options;
                options.level = level;
                options.lang = lang;
                auto expected = here.layout(chain, analysis, options);
                auto got = helped.layout(chain, analysis, options);
                REQUIRE(expected);
                REQUIRE(got);
                CHECK_FALSE(here.ranInHelperLast());
                CHECK(helped.ranInHelperLast());
                CHECK(identical(*got, *expected));
            }
    }
    // Stage clusters, routed and straight links (past 1,500 links dot routes one per segment), firm cells.
    bench::SyntheticSpec spec;
    spec.segments = 60;
    spec.regions = 6;
    spec.firms = 400;
    spec.supplies = 800;
    Chain synthetic = bench::generateChain(spec);
    Analysis analysis = analyze(synthetic, test::options(synthetic, "r0", {"r1"}));
    for (MapLevel level : {MapLevel::Segment, MapLevel::Firm}) {
        LayoutOptions options;
        options.level = level;
        auto expected = here.layout(synthetic, analysis, options);
        auto got = helped.layout(synthetic, analysis, options);
        REQUIRE(expected);
        REQUIRE(got);
        CHECK(helped.ranInHelperLast());
        CHECK(identical(*got, *expected));
    }
    std::vector<std::pair<int, int>> links;
    for (int column = 0; column < 3; ++column)
        for (int i = 0; i < 30; ++i)
            for (int j = 0; j < 30; ++j) links.emplace_back(column * 30 + i, (column + 1) * 30 + j);
    Chain dense = linkedChain(120, links);  // 2,700 links, none implied by another path
    Analysis denseAnalysis = analyze(dense, test::options(dense, "r"));
    auto expected = here.layout(dense, denseAnalysis, LayoutOptions{});
    auto got = helped.layout(dense, denseAnalysis, LayoutOptions{});
    REQUIRE(expected);
    REQUIRE(got);
    CHECK(identical(*got, *expected));
    CHECK(helped.helpersStarted() == 1);  // one helper for all of them
    // The comparison itself tells maps apart: another region's map of the same chain is not the same.
    Analysis other = analyze(synthetic, test::options(synthetic, "r2", {"r1"}));
    CHECK_FALSE(identical(*here.layout(synthetic, other, LayoutOptions{}), *here.layout(synthetic, analysis, {})));
}

TEST_CASE("with the helper, what dot leaves behind does not stay in this process") {
    Chain chain = test::chainFromFile(std::string(CHAINATLAS_CHAINS_DIR) + "/nev.json");
    Analysis suzhou = analyze(chain, test::options(chain, "suzhou", {"shanghai"}));
    Analysis weinan = analyze(chain, test::options(chain, "weinan", {"xian"}));
    // 30 layouts, the two regions in turn (each graph differs from the last: dot runs every time).
    auto growth = [&](LayoutEngine& engine) {
        for (int i = 0; i < 4; ++i) REQUIRE(engine.layout(chain, i % 2 ? weinan : suzhou, LayoutOptions{}));
        std::size_t before = heapInUse();
        for (int i = 0; i < 30; ++i) {
            REQUIRE(engine.layout(chain, i % 2 ? weinan : suzhou, LayoutOptions{}));
            CHECK_FALSE(engine.reusedLast());
        }
        std::size_t after = heapInUse();
        return after > before ? after - before : 0;
    };
    LayoutEngine here, helped;
    helped.layOutInHelper(kHelper);
    std::size_t helpedGrowth = growth(helped);
    std::size_t hereGrowth = growth(here);
    MESSAGE("heap growth over 30 layouts of nev.json: " << hereGrowth << " bytes in this process, " << helpedGrowth
                                                        << " with the helper");
    CHECK(helpedGrowth < 16 * 1024);
    CHECK(helped.helpersStarted() == 1);
}

TEST_CASE("a helper that has grown past its limit is replaced by a new one, and the maps stay the same") {
    Chain chain = test::chainFromFile(std::string(CHAINATLAS_CHAINS_DIR) + "/nev.json");
    Analysis suzhou = analyze(chain, test::options(chain, "suzhou", {"shanghai"}));
    Analysis weinan = analyze(chain, test::options(chain, "weinan", {"xian"}));
    LayoutEngine here, kept, replaced;
    kept.layOutInHelper(kHelper);
    replaced.layOutInHelper(kHelper, 1);  // every helper has more than 1 byte in use after a layout
    for (int i = 0; i < 4; ++i) {
        const Analysis& analysis = i % 2 ? weinan : suzhou;
        auto expected = here.layout(chain, analysis, LayoutOptions{});
        auto a = kept.layout(chain, analysis, LayoutOptions{});
        auto b = replaced.layout(chain, analysis, LayoutOptions{});
        REQUIRE(expected);
        REQUIRE(a);
        REQUIRE(b);
        CHECK(identical(*a, *expected));
        CHECK(identical(*b, *expected));
    }
    CHECK(kept.helpersStarted() == 1);
    CHECK(replaced.helpersStarted() == 4);
}

TEST_CASE("a helper that cannot start, stops, or crashes: the layout runs here, or fails with a message") {
    Chain chain = test::chainFromFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json");
    Analysis analysis = analyze(chain, test::options(chain, "suzhou", {"shanghai"}));
    LayoutEngine expected;
    auto map = expected.layout(chain, analysis, LayoutOptions{});
    REQUIRE(map);

    LayoutEngine missing;  // no such program: laid out in this process, the same map
    missing.layOutInHelper({"/nonexistent/chainatlas-helper", std::string(kLayoutHelperFlag)});
    auto here = missing.layout(chain, analysis, LayoutOptions{});
    REQUIRE(here);
    CHECK_FALSE(missing.ranInHelperLast());
    CHECK(identical(*here, *map));

    LayoutEngine quits;  // a program that ends without answering
    quits.layOutInHelper({"/bin/sh", "-c", "exit 0"});
    auto none = quits.layout(chain, analysis, LayoutOptions{});
    REQUIRE_FALSE(none);
    CHECK(none.error().message.find("ended without an answer") != std::string::npos);

    LayoutEngine garbled;  // one whose answer is well framed but has no nodes for the graph's four
    garbled.layOutInHelper({"/bin/sh", "-c", R"({ printf '\101'; head -c 72 /dev/zero; } >&0)"});
    auto unread = garbled.layout(chain, analysis, LayoutOptions{});
    REQUIRE_FALSE(unread);
    CHECK(unread.error().message.find("could not be read") != std::string::npos);

    LayoutEngine crashes;  // one that stops on a signal, as a crash of dot would
    crashes.layOutInHelper({"/bin/sh", "-c", "kill -SEGV $$"});
    auto crashed = crashes.layout(chain, analysis, LayoutOptions{});
    REQUIRE_FALSE(crashed);
    CHECK(crashed.error().message.find("signal 11") != std::string::npos);
    // The next layout starts a helper again (and fails again here, without taking this process down).
    CHECK_FALSE(crashes.layout(chain, analysis, LayoutOptions{}));
    CHECK(crashes.helpersStarted() == 2);
}
