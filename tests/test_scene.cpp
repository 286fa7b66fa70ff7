// The map scene: advice fills, label lines, the no-candidate mark, which firms stand out, legend and words.
// Analysis fields the scene reads (advice, candidates, changed) are set by hand here, so these tests check
// the scene's own rules, not the analysis.
#include <doctest/doctest.h>

#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/base/text.hpp"
#include "chainatlas/map/scene.hpp"
#include "fixtures.hpp"
#include "helpers.hpp"

using namespace chainatlas;

namespace {

Theme shippedTheme() {
    std::vector<Diagnostic> problems;
    return loadTheme(defaultThemePath(), problems);
}

// True when the text holds a Latin letter outside an id-like token the data supplies.
bool hasLatinLetter(const std::string& text) {
    for (char32_t cp : decodeUtf8(text))
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return true;
    return false;
}

}  // namespace

TEST_CASE("segments are filled with their advice colour, text stays readable on it") {
    Chain chain = test::chainFrom(fixtures::kFiveStatuses);
    Analysis a = analyze(chain, test::options(chain, "l"));
    // Seven segments p q r g s t u, one advice each (by hand).
    const Advice advice[] = {Advice::Keep,       Advice::Leave,  Advice::Complement, Advice::Fill,
                             Advice::Strengthen, Advice::Extend, Advice::None};
    for (int s = 0; s < 7; ++s) a.segments[s].advice = advice[s];
    Theme theme = shippedTheme();
    MapScene scene = describeMap(chain, a, theme, MapLevel::Segment, {Lang::En, 10, ""});
    REQUIRE(scene.segments.size() == 7);
    CHECK(scene.segments[0].fill == "#2e7d32");  // keep
    CHECK(scene.segments[1].fill == "#6a1b9a");  // leave: purple fill, never a red box with a purple border
    CHECK(scene.segments[2].fill == "#00897b");  // complement
    CHECK(scene.segments[3].fill == "#c62828");  // fill
    CHECK(scene.segments[4].fill == "#f9a825");  // strengthen
    CHECK(scene.segments[5].fill == "#1565c0");  // extend
    CHECK(scene.segments[6].fill == "#9e9e9e");  // none
    // Brightness (0.299 r + 0.587 g + 0.114 b) / 255: #c62828 = (59.2 + 23.5 + 4.6) / 255 = 0.34 -> light text;
    // #f9a825 = (74.5 + 98.6 + 4.2) / 255 = 0.70 -> dark text; #9e9e9e = 158 / 255 = 0.62 -> dark text.
    CHECK(scene.segments[3].textColor == theme.textLight);
    CHECK(scene.segments[4].textColor == theme.textDark);
    CHECK(scene.segments[6].textColor == theme.textDark);
    CHECK(scene.segments[3].classes.find("advice-fill") != std::string::npos);
    CHECK(scene.segments[3].classes.find("status-gap") != std::string::npos);  // status kept for details and CSS
}

TEST_CASE("a label shows the local site count only when it is not 0") {
    Chain chain = test::chainFrom(fixtures::kFiveStatuses);
    Analysis a = analyze(chain, test::options(chain, "l"));
    // L has one site in p (output 3) and one in s; u has none (and, absent, no advice).
    CHECK(segmentLines(chain, a, 0, Lang::Zh) == std::vector<std::string>{"p", "本地 1 个站点"});
    CHECK(segmentLines(chain, a, 0, Lang::En) == std::vector<std::string>{"p", "1 local site"});
    CHECK(segmentLines(chain, a, 6, Lang::Zh) == std::vector<std::string>{"u"});  // no "本地 0 个站点"
}

TEST_CASE("a segment to act on with no candidate carries the no-candidate mark, in words and in the legend") {
    Chain chain = test::chainFrom(fixtures::kFiveStatuses);
    Analysis a = analyze(chain, test::options(chain, "l"));
    for (auto& r : a.segments) r.advice = Advice::None;
    a.segments[1].advice = Advice::Fill;  // q: a gap with nobody to court
    a.segments[1].candidates = 0;
    a.segments[2].advice = Advice::Fill;  // r: a gap with two candidates
    a.segments[2].candidates = 2;
    a.segments[0].advice = Advice::Keep;  // p: nothing to court, nothing to do
    a.segments[0].candidates = 0;
    MapScene zh = describeMap(chain, a, shippedTheme(), MapLevel::Segment, {Lang::Zh, 10, ""});
    CHECK(zh.segments[1].noCandidate);
    CHECK(zh.segments[1].lines.back() == "无候选企业");
    CHECK(zh.segments[1].classes.find("no-candidate") != std::string::npos);
    CHECK_FALSE(zh.segments[2].noCandidate);
    CHECK_FALSE(zh.segments[0].noCandidate);
    bool inLegend = false;
    for (const LegendEntry& e : zh.legend)
        inLegend = inLegend || (e.shape == LegendShape::Tag && e.glyph == "无候选企业");
    CHECK(inLegend);
    MapScene en = describeMap(chain, a, shippedTheme(), MapLevel::Segment, {Lang::En, 10, ""});
    CHECK(en.segments[1].lines.back() == "no candidate in the data");
}

TEST_CASE("top targets stand out with their rank, local and assumed firms are marked, the rest do not") {
    Chain chain = test::chainFromFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json");
    AnalysisOptions options = test::options(chain, "suzhou", {"shanghai"});
    options.weights.occupiedDiscount = 0.5;  // f2 earns fit only where Shanghai is strong: ranked, not set aside
    Analysis a = analyze(chain, options);
    // By hand: f2 is the only candidate; rank it 1 for the first scene, 3 for the second (top 2).
    REQUIRE(a.targets.size() == 1);
    int f1 = findFirm(chain, "f1"), f2 = findFirm(chain, "f2");
    Theme theme = shippedTheme();
    MapScene scene = describeMap(chain, a, theme, MapLevel::Firm, {Lang::En, 10, ""});
    CHECK(scene.firms[f1].role == FirmRole::Local);
    CHECK(scene.firms[f1].fill == theme.firmLocal);
    CHECK(scene.firms[f2].role == FirmRole::Target);
    CHECK(scene.firms[f2].label == "#1 F2");
    CHECK(scene.firms[f2].title == "F2 (f2) · chain leader · rank 1");
    a.targets[0].rank = 3;
    MapScene top2 = describeMap(chain, a, theme, MapLevel::Firm, {Lang::En, 2, ""});
    CHECK(top2.firms[f2].role == FirmRole::Other);
    CHECK(top2.firms[f2].label == "F2");
    CHECK(top2.firms[f2].title.find("rank 3") != std::string::npos);  // the rank stays on hover

    options.assumptions.push_back({f2, options.region, {}});
    AnalysedScenario scenario = analyzeScenario(std::make_shared<const Chain>(chain), options);
    const Chain& drawn = *scenario.drawn;
    const Analysis& whatIf = scenario.analysis;
    MapScene assumedScene = describeMap(drawn, whatIf, theme, MapLevel::Firm, {Lang::Zh, 10, ""});
    CHECK(assumedScene.firms[f2].role == FirmRole::Local);
    CHECK(assumedScene.firms[f2].assumed);
    CHECK(assumedScene.subtitle.find("假设引进: F2 @ 苏州") != std::string::npos);
}

TEST_CASE("a firm box names the regions of the firm's sites in that segment") {
    Chain chain = test::chainFrom(test::document(
        R"([{"id": "a"}, {"id": "b"}])", "[]",
        R"([{"id": "x", "name": {"zh": "西安", "en": "Xi'an"}}, {"id": "y", "name": {"zh": "渭南", "en": "Weinan"}}])",
        R"([{"id": "f", "sites": [{"region": "x", "segments": ["a", "b"]}, {"region": "y", "segments": ["a"]}]}])"));
    CHECK(firmRegionsIn(chain, 0, 0, Lang::Zh) == "西安、渭南");
    CHECK(firmRegionsIn(chain, 0, 1, Lang::En) == "Xi'an");
}

TEST_CASE("a what-if change is marked and its cause is in the details") {
    Chain chain = test::chainFrom(fixtures::kFiveStatuses);
    Analysis a = analyze(chain, test::options(chain, "l"));
    a.changed.push_back({4, SegmentStatus::Strong, SegmentStatus::Weak, ChangeCause::Share});  // s, by hand
    MapScene scene = describeMap(chain, a, shippedTheme(), MapLevel::Segment, {Lang::Zh, 10, ""});
    CHECK(scene.segments[4].change == "优势 → 薄弱");
    CHECK(scene.segments[4].classes.find("changed") != std::string::npos);
    CHECK(scene.segments[4].details.find("新增企业摊薄了本地占比") != std::string::npos);  // the share cause, in words
    CHECK(scene.segments[3].change.empty());
    // P(s) with basis none reads as no data, never as the neutral 0.5.
    CHECK(scene.segments[3].details.find("三高三低 – 无数据") != std::string::npos);
    CHECK(scene.segments[3].details.find("0.50") == std::string::npos);
}

TEST_CASE("the legend has every advice colour, and the Chinese scene has no English word") {
    Chain chain = test::chainFrom(fixtures::kFiveStatuses);
    Analysis a = analyze(chain, test::options(chain, "l"));
    a.segments[3].advice = Advice::Fill;  // g: no candidate (f3 sits in p and s only)
    a.segments[4].singleSource = true;
    a.segments[6].transfer = true;
    a.changed.push_back({4, SegmentStatus::Strong, SegmentStatus::Weak, ChangeCause::Share});
    Theme theme = shippedTheme();
    MapScene scene = describeMap(chain, a, theme, MapLevel::Firm, {Lang::Zh, 10, ""});
    int adviceEntries = 0;
    for (const LegendEntry& e : scene.legend)
        if (e.row == 0) {
            ++adviceEntries;
            CHECK(std::find(theme.advice.begin(), theme.advice.end(), e.color) != theme.advice.end());
        }
    CHECK(adviceEntries == 7);
    CHECK(scene.legend.size() == 7 + 4 + 4);      // seven advice, four marks, four firm kinds
    CHECK(scene.title == "five — l 产业链图谱");  // the fixture's ids are its only names
    std::string words = scene.subtitle;
    for (const LegendEntry& e : scene.legend) words += e.label + e.glyph;
    for (std::size_t s = 0; s < scene.segments.size(); ++s) {
        const SegmentLook& look = scene.segments[s];
        for (std::size_t i = 1; i < look.lines.size(); ++i) words += look.lines[i];  // line 0 is the data's name
        std::string details = look.details.substr(look.details.find('\n'));          // after the name
        details = details.substr(0, details.rfind("本地企业"));                      // before the local firms' names
        std::string named = "假设后: " + chain.segments[s].id + ":";                 // the change names the segment
        if (std::size_t at = details.find(named); at != std::string::npos) details.erase(at, named.size());
        words += details + look.change;
    }
    CAPTURE(words);
    CHECK_FALSE(hasLatinLetter(words));
}

// chains/additive-manufacturing.json, Weinan with hub Xi'an: which boxes carry which marks, in what order.
// Order: Weinan's resources first, then Xi'an's; within each by first chain (innovation, capital, talent,
// services), then id. 3D printers are served by four Xi'an resources, all innovation first:
// nin-institute < nwpu-university < xiopm < xjtu-university. Metal powders: Weinan's porous-metal lab, then
// NIN. The whole-chain strip: Weinan's fund (capital), Weinan's base (platform: services), then Xi'an's
// national centre (institute), the alliance (platform) and the Weinan station in Xi'an (service).
TEST_CASE("resource marks: which segment carries whose mark, in order, and the whole-chain strip") {
    Chain chain = test::chainFromFile(std::string(CHAINATLAS_CHAINS_DIR) + "/additive-manufacturing.json");
    Analysis a = analyze(chain, test::options(chain, "weinan", {"xian"}));
    MapScene scene = describeMap(chain, a, shippedTheme(), MapLevel::Segment, {Lang::Zh, 10, ""});
    auto ids = [&](const std::vector<int>& looks) {
        std::vector<std::string> out;
        out.reserve(looks.size());
        for (int i : looks) out.push_back(chain.resources[scene.resources[i].resource].id);
        return out;
    };
    using Ids = std::vector<std::string>;
    CHECK(ids(scene.segments[findSegment(chain, "printers")].resources) ==
          Ids{"nin-institute", "nwpu-university", "xiopm", "xjtu-university"});
    CHECK(ids(scene.segments[findSegment(chain, "powder")].resources) ==
          Ids{"porous-metal-lab-weinan", "nin-institute"});
    CHECK(ids(scene.segments[findSegment(chain, "applications")].resources).empty());  // only Beijing's hospital
    CHECK(ids(scene.chainWide) == Ids{"weinan-3dp-funds", "weinan-3dp-base", "am-innovation-centre",
                                      "shaanxi-3dp-alliance", "weinan-xian-station"});
    const ResourceLook& nwpu = scene.resources[scene.segments[findSegment(chain, "printers")].resources[1]];
    CHECK_FALSE(nwpu.local);
    CHECK(nwpu.glyph == "校");
    CHECK(nwpu.colors == std::vector<std::string>{shippedTheme().resourceChain[0], shippedTheme().resourceChain[2]});
    // Marks along the bottom edge from the left, 18 points apart while they fit (box 100 wide: 4 fit).
    Box box{10, 20, 100, 40};
    CHECK(resourceMarkCentre(box, 0, 4).x == doctest::Approx(10 + 11.5));
    CHECK(resourceMarkCentre(box, 3, 4).x == doctest::Approx(10 + 11.5 + 3 * 18));
    CHECK(resourceMarkCentre(box, 3, 4).y == doctest::Approx(20 + 40 + 2));  // 2 below the bottom edge
    // Eight do not fit at 18: (100 - 2 * 11.5) / 7 = 11 apart, the last one still inside the box.
    CHECK(resourceMarkCentre(box, 7, 8).x == doctest::Approx(10 + 100 - 11.5));
    // The Chinese legend, strip caption and the kind, region and chains line of each hover text carry no
    // English word (names come from the data, and "3D" is part of them).
    std::string words = scene.chainWideLabel;
    for (const LegendEntry& e : scene.legend) words += e.label + e.glyph;
    for (const ResourceLook& r : scene.resources) {
        std::size_t second = r.title.find('\n') + 1;
        words += r.title.substr(second, r.title.find('\n', second) - second) + r.glyph;
    }
    CAPTURE(words);
    CHECK(words.find("高校 · 西安 (枢纽) · 创新链、人才链") != std::string::npos);
    CHECK_FALSE(hasLatinLetter(words));
}

TEST_CASE("issue 25.5: names are cut for drawing (box labels, title, firm cells), tooltips keep them whole") {
    std::string longName(3000, 'N');
    Chain chain = test::chainFrom(R"({"format": "chainatlas/1", "chain": {"id": "c", "name": ")" + longName +
                                  R"("}, "segments": [{"id": "a", "name": ")" + longName + R"("}],
        "regions": [{"id": "r", "name": ")" +
                                  longName + R"("}],
        "firms": [{"id": "f", "name": ")" +
                                  longName + R"(", "sites": [{"region": "r", "segments": ["a"]}]}]})");
    AnalysisOptions options;
    options.region = 0;
    Analysis a = analyze(chain, options);
    CHECK(decodeUtf8(segmentLines(chain, a, 0, Lang::En)[0]).size() == kDrawnNameLength);  // before: 3,000
    MapScene scene = describeMap(chain, a, Theme{}, MapLevel::Firm, SceneOptions{Lang::En, 10, ""});
    CHECK(decodeUtf8(scene.title).size() < 2 * kDrawnNameLength + 20);
    CHECK(decodeUtf8(scene.firms[0].label).size() == kDrawnNameLength);
    CHECK(scene.firms[0].title.find(longName) != std::string::npos);       // the hover text: whole
    CHECK(scene.segments[0].details.find(longName) != std::string::npos);  // the box's tooltip: whole
}
