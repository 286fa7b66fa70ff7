// The viewer with ImGui: every character of every bundled name is in the font atlas, the interface text
// list is complete, and a headless screenshot shows the map in the theme's colours.
#include <doctest/doctest.h>
#include <imgui.h>
#include <stb/stb_image.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "app.hpp"
#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/analysis/targets.hpp"
#include "chainatlas/base/file_io.hpp"
#include "chainatlas/base/text.hpp"
#include "chainatlas/load/load.hpp"
#include "chainatlas/map/theme.hpp"
#include "i18n.hpp"
#include "panels/scene_painter.hpp"
#include "platform/fonts.hpp"
#include "state/saved_files.hpp"

using namespace chainatlas;

namespace {
// The start of a shell command that runs the viewer under its own Xvfb (tests/headless.sh) at this screen size.
std::string headless(const std::string& screen) {
    return "HEADLESS_SCREEN=" + screen + " bash '" CHAINATLAS_TEST_SOURCE_DIR "/headless.sh' ";
}
}  // namespace

TEST_CASE("every character of every bundled chain and of the interface is in the font atlas") {
    viewer::FontFile font = viewer::findCjkFont(CHAINATLAS_ASSETS_DIR_FOR_TESTS);
    REQUIRE_MESSAGE(!font.path.empty(), "no CJK font installed (fonts-wqy-microhei or fonts-noto-cjk)");
    for (const auto& entry : std::filesystem::directory_iterator(CHAINATLAS_CHAINS_DIR)) {
        if (entry.path().extension() != ".json") continue;
        CAPTURE(entry.path().string());
        LoadResult loaded = loadChainFile(entry.path().string());
        REQUIRE(loaded.ok());
        ImGui::CreateContext();
        ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
        REQUIRE(viewer::buildFontAtlas(atlas, font, &*loaded.chain, 17.0f));
        REQUIRE(atlas.Build());
        ImFont* imfont = atlas.Fonts[0];
        int missing = 0;
        std::string missingText;
        for (char32_t cp : viewer::codePointsToDraw(&*loaded.chain)) {
            if (cp > 0xFFFF || cp < 0x20) continue;
            if (!imfont->FindGlyphNoFallback(static_cast<ImWchar>(cp))) {
                ++missing;
                missingText += " U+" + std::to_string(static_cast<unsigned>(cp));
            }
        }
        CAPTURE(missingText);
        CHECK(missing == 0);
        ImGui::DestroyContext();
    }
}

namespace {
// The characters of the chain as JSON (how the viewer found them before it read the fields one by one):
// every string of the file is in it, with ASCII only around them (keys, numbers, punctuation).
std::set<char32_t> charactersOfJson(const Chain& chain) {
    std::set<char32_t> points;
    for (char32_t cp : decodeUtf8(chainToJson(chain).dump(-1, ' ', false))) points.insert(cp);
    return points;
}
}  // namespace

TEST_CASE("the characters to draw, read field by field, are every character of the chain as JSON") {
    // A file with characters in places nothing else checks: keys beyond the format (kept as extras) on the
    // chain, a firm and a site, nested and in arrays; a source title and a resource note.
    std::filesystem::path extras = std::filesystem::temp_directory_path() / "chainatlas-glyphs-extras.json";
    std::ofstream(extras) << R"({"format": "chainatlas/1",
      "chain": {"id": "g", "name": "Glyphs", "note": "Illustrative test data.", "x-owner": "Ærø ★"},
      "sources": [{"id": "s", "title": "Ελληνικά", "url": "https://example.org", "accessed": "2026-11-27"}],
      "stages": [{"id": "st", "name": "Stage"}],
      "segments": [{"id": "a", "name": "A", "stage": "st"}],
      "regions": [{"id": "r", "name": "R"}],
      "firms": [{"id": "f", "name": "F", "x-tags": ["Ω", {"deep": "Ж"}],
                 "sites": [{"region": "r", "segments": ["a"], "x-note": "☎ ♦"}]}],
      "resources": [{"id": "u", "name": "U", "kind": "university", "region": "r", "confidence": "A",
                     "note": "Ψ", "sources": ["s"]}]})";
    std::vector<std::string> files{extras.string()};
    for (const char* folder : {CHAINATLAS_CHAINS_DIR, CHAINATLAS_TEST_DATA_DIR "/good"})
        for (const auto& entry : std::filesystem::directory_iterator(folder))
            if (entry.path().extension() == ".json") files.push_back(entry.path().string());
    for (const std::string& file : files) {
        CAPTURE(file);
        LoadResult loaded = loadChainFile(file);
        if (!loaded.ok()) continue;  // test data that is not a chain (sessions)
        std::vector<char32_t> points = viewer::codePointsToDraw(&*loaded.chain);
        CHECK(std::is_sorted(points.begin(), points.end()));
        std::set<char32_t> found(points.begin(), points.end());
        std::string missing;
        for (char32_t cp : charactersOfJson(*loaded.chain))
            if (cp >= 0x20 && !found.count(cp)) missing += " U+" + std::to_string(static_cast<unsigned>(cp));
        CHECK_MESSAGE(missing.empty(), "in the chain's JSON but not to draw:" << missing);
        CHECK(found.count(U'A'));  // ASCII and the interface text are always in
        CHECK(found.count(U'规'));
    }
    LoadResult loaded = loadChainFile(extras.string());
    REQUIRE(loaded.ok());
    std::vector<char32_t> points = viewer::codePointsToDraw(&*loaded.chain);
    for (char32_t cp : std::u32string(U"Ærø★ΕλΩЖ☎♦Ψ")) CHECK(std::binary_search(points.begin(), points.end(), cp));
    std::filesystem::remove(extras);
}

TEST_CASE("the font atlas grows only for characters beyond the Chinese ranges it always holds") {
    viewer::App app(CHAINATLAS_ASSETS_DIR_FOR_TESTS);
    app.fontsDirty = false;
    app.needGlyphs({U'锂', U'é', U'，'});  // U+9502 (CJK ideographs), U+00E9 (Latin-1), U+FF0C (full width)
    CHECK_FALSE(app.fontsDirty);
    app.needGlyphs({U'锂', U'★'});  // U+2605 lies in none of ChineseFull's ranges
    CHECK(app.fontsDirty);
    CHECK(std::binary_search(app.glyphs.begin(), app.glyphs.end(), U'★'));
    app.fontsDirty = false;
    app.needGlyphs({U'★'});  // already in
    CHECK_FALSE(app.fontsDirty);
}

TEST_CASE("the interface text list holds every non-ASCII character of the viewer's sources") {
    std::set<char32_t> known;
    for (char32_t cp : decodeUtf8(viewer::allInterfaceText())) known.insert(cp);
    std::string missing;
    // The viewer's sources, and the core's map scene and chart, whose words the viewer draws.
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(CHAINATLAS_VIEWER_SOURCE_DIR))
        files.push_back(entry.path());
    for (const char* core : {"map/scene.cpp", "map/chart.cpp", "analysis/vocabulary.cpp"})
        files.push_back(std::filesystem::path(CHAINATLAS_VIEWER_SOURCE_DIR) / ".." / "core" / "src" / core);
    std::size_t read = 0;
    for (const auto& path : files) {
        if (path.extension() != ".cpp" && path.extension() != ".hpp") continue;
        std::ifstream in(path);
        REQUIRE_MESSAGE(in, "cannot read " << path);  // a moved file must not pass unseen
        ++read;
        std::stringstream text;
        text << in.rdbuf();
        for (char32_t cp : decodeUtf8(text.str()))
            if (cp > 0x7F && !known.count(cp))
                missing += path.filename().string() + ":U+" + std::to_string(static_cast<unsigned>(cp)) + " ";
    }
    CHECK(read >= 20);  // the viewer's sources were found at all (a wrong folder would check nothing)
    CHECK_MESSAGE(missing.empty(), "add these characters to allInterfaceText(): " << missing);
}

TEST_CASE("a headless screenshot of the NEV chain shows the map in the theme's colours") {
    std::string png = (std::filesystem::temp_directory_path() / "chainatlas-viewer-smoke.png").string();
    std::filesystem::remove(png);
    std::string command = headless("1280x800x24") + "'" + CHAINATLAS_VIEWER_PATH + "' '" + CHAINATLAS_CHAINS_DIR +
                          "/nev.json' --region suzhou --hub shanghai --lang zh" +
                          " --width 1280 --height 800 --frames 10 --screenshot '" + png + "' > /dev/null";
    REQUIRE(std::system(command.c_str()) == 0);
    int width = 0, height = 0, channels = 0;
    unsigned char* pixels = stbi_load(png.c_str(), &width, &height, &channels, 3);
    REQUIRE(pixels);
    CHECK(width == 1280);
    CHECK(height == 800);
    std::vector<Diagnostic> problems;
    Theme theme = loadTheme(std::string(CHAINATLAS_ASSETS_DIR_FOR_TESTS) + "/theme.json", problems);
    std::map<std::uint32_t, int> counts;
    for (std::ptrdiff_t i = 0; i < static_cast<std::ptrdiff_t>(width) * height; ++i)
        ++counts[(pixels[3 * i] << 16) | (pixels[3 * i + 1] << 8) | pixels[3 * i + 2]];
    stbi_image_free(pixels);
    CHECK(counts.size() > 100);  // not blank
    auto count = [&](const std::string& hex) {
        int r, g, b;
        parseColor(hex, r, g, b);
        auto it = counts.find((r << 16) | (g << 8) | b);
        return it == counts.end() ? 0 : it->second;
    };
    for (int s = 0; s < 5; ++s) {
        CAPTURE(theme.status[s]);
        CHECK(count(theme.status[s]) > 100);  // each status colour fills boxes or the legend
    }
    CHECK(count(theme.occupiedBorder) > 20);   // vehicle assembly is occupied by Shanghai
    CHECK(count(theme.complementBadge) > 20);  // parts segments complement it
}

namespace {

// Pixels of a screenshot, counted by exact colour, in the whole image or a rectangle of it.
struct Screenshot {
    int width = 0, height = 0;
    std::vector<unsigned char> rgb;
    int count(const std::string& hex, int x0 = 0, int y0 = 0, int x1 = 1 << 30, int y1 = 1 << 30) const {
        int r, g, b, n = 0;
        parseColor(hex, r, g, b);
        for (int y = std::max(0, y0); y < std::min(height, y1); ++y)
            for (int x = std::max(0, x0); x < std::min(width, x1); ++x) {
                const unsigned char* p = &rgb[3 * (static_cast<std::size_t>(y) * width + x)];
                n += p[0] == r && p[1] == g && p[2] == b;
            }
        return n;
    }
};

Screenshot screenshot(const std::string& arguments) {
    std::string png = (std::filesystem::temp_directory_path() / "chainatlas-viewer-shot.png").string();
    std::filesystem::remove(png);
    std::string command = headless("1280x800x24") + "'" + CHAINATLAS_VIEWER_PATH + "' " + arguments +
                          " --width 1280 --height 800 --frames 10 --screenshot '" + png + "' > /dev/null";
    REQUIRE(std::system(command.c_str()) == 0);
    Screenshot shot;
    int channels = 0;
    unsigned char* pixels = stbi_load(png.c_str(), &shot.width, &shot.height, &channels, 3);
    REQUIRE(pixels);
    shot.rgb.assign(pixels, pixels + static_cast<std::ptrdiff_t>(3) * shot.width * shot.height);
    stbi_image_free(pixels);
    return shot;
}

}  // namespace

TEST_CASE(
    "the menu's Chinese text is drawn from the one-byte font texture: dark strokes on the light bar, not blocks") {
    // The atlas goes to the driver as one byte a pixel read through a swizzle (backend.cpp). If the swizzle
    // were ignored every glyph's quad would be opaque (solid blocks); if the texture were empty, no text at all.
    std::string nev = std::string(CHAINATLAS_CHAINS_DIR) + "/nev.json";
    Screenshot shot = screenshot("'" + nev + "' --region weinan --hub xian --lang zh");
    int dark = 0, pixels = 0, tinted = 0;
    for (int y = 0; y < 18; ++y)  // the menu bar: 文件 编辑 视图 (中文 after them is highlighted)
        for (int x = 0; x < 140; ++x) {
            const unsigned char* p = &shot.rgb[3 * (static_cast<std::size_t>(y) * shot.width + x)];
            ++pixels;
            dark += p[0] + p[1] + p[2] < 3 * 110;
            tinted += std::abs(p[0] - p[2]) > 40;  // the menu's text and bar are grey; a red channel alone is not
        }
    CHECK(dark > 150);         // the three words' strokes
    CHECK(dark < pixels / 4);  // strokes, not filled squares
    CHECK(tinted < pixels / 20);
}

TEST_CASE("Weinan with hub Xi'an and a what-if: advice colours on the map, the priorities chart, rank changes") {
    std::string nev = std::string(CHAINATLAS_CHAINS_DIR) + "/nev.json";
    Screenshot shot = screenshot(
        "'" + nev + "' --region weinan --hub xian --assume sanhua@weinan --assume huada@weinan:body --lang zh");
    std::vector<Diagnostic> problems;
    Theme theme = loadTheme(std::string(CHAINATLAS_ASSETS_DIR_FOR_TESTS) + "/theme.json", problems);
    // What the core says the map must show: every advice that occurs fills boxes (and the legend) in its colour.
    Chain chain = *loadChainFile(nev).chain;
    AnalysisOptions options;
    options.region = findRegion(chain, "weinan");
    options.hubs = {findRegion(chain, "xian")};
    for (const char* text : {"sanhua@weinan", "huada@weinan:body"}) {
        auto a = parseAssumption(chain, text);
        REQUIRE(a);
        options.assumptions.push_back(*a);
    }
    Analysis analysis = analyze(chain, options);
    for (const SegmentResult& r : analysis.segments) {
        CAPTURE(adviceKey(r.advice));
        CHECK(shot.count(theme.adviceColor(r.advice)) > 150);
    }
    // The priorities chart (right column, lower half): its points in advice colours.
    REQUIRE_FALSE(analysis.priorities.empty());
    int chartPixels = 0;
    for (const Priority& p : analysis.priorities)
        chartPixels += shot.count(theme.adviceColor(p.advice), 1000, 430, 1280, 780);
    CHECK(chartPixels > 100);
    // Rank changes against the analysis without the what-if: green ▲ or red ▼ in the target table.
    bool moved = std::any_of(analysis.targets.begin(), analysis.targets.end(),
                             [](const Target& t) { return t.baseRank != 0 && t.baseRank != t.rank; });
    REQUIRE(moved);  // the table's ▲/▼ arrows are not counted in pixels yet: their antialiased text has no exact colour
}

TEST_CASE("a broken file given to the headless viewer exits 2 with the located errors") {
    std::string command = headless("1280x800x24") + "'" + CHAINATLAS_VIEWER_PATH + "' '" + CHAINATLAS_TEST_DATA_DIR +
                          "/bad/link_cycle.json' --screenshot /tmp/never.png 2> /tmp/chainatlas-viewer-errors.txt";
    int status = std::system(command.c_str());
    CHECK(WEXITSTATUS(status) == 2);
    std::ifstream in("/tmp/chainatlas-viewer-errors.txt");
    std::stringstream text;
    text << in.rdbuf();
    CHECK(text.str().find("link_cycle.json: /links/3: links must not form a cycle") != std::string::npos);
}

namespace {
// Lays the app's map out on its worker and waits for the geometry.
void layOut(viewer::App& app) {
    app.worker.request(
        {1, app.state.drawn, app.state.sharedAnalysis(), viewer::layoutOptions(app.state, "WenQuanYi Micro Hei", 14)});
    std::optional<viewer::LayoutResult> result;
    for (int i = 0; i < 500 && !result; ++i) {
        result = app.worker.poll();
        if (!result) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(result);
    REQUIRE(result->geometry);
    app.geometry = std::make_shared<const MapGeometry>(*result->geometry);
}
}  // namespace

TEST_CASE("the viewer exports the current view as SVG and the target list as CSV, with the core's writers") {
    viewer::App app(CHAINATLAS_ASSETS_DIR_FOR_TESTS);
    app.open(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json");
    REQUIRE(app.state.chain);
    viewer::setHub(app.state, findRegion(*app.state.chain, "shanghai"), true);
    std::string svgPath = (std::filesystem::temp_directory_path() / "chainatlas-viewer-export.svg").string();
    std::string refused = app.exportSvg(svgPath);  // no layout yet: nothing to export
    CHECK(refused == "没有可导出的图");
    CHECK_FALSE(std::filesystem::exists(svgPath));
    layOut(app);
    std::string written = app.exportSvg(svgPath);
    CHECK(written == "已写入 " + svgPath);
    std::string svg = *readWholeFile(svgPath);
    CHECK(svg.find("id=\"seg-b\"") != std::string::npos);
    CHECK(svg.find("occupied") != std::string::npos);
    std::string csvPath = (std::filesystem::temp_directory_path() / "chainatlas-viewer-export.csv").string();
    viewer::setHub(app.state, findRegion(*app.state.chain, "shanghai"), false);  // with the hub f2 is set aside (§3.6)
    REQUIRE_FALSE(app.state.analysis().targets.empty());
    viewer::notesHere(app.state)["f2"] = "周五回访";
    viewer::setChecklistItem(app.state, 5, {ChecklistState::Doing, "财政局", "", ""});
    app.exportCsv(csvPath);
    CHECK(readWholeFile(csvPath)->rfind("\xEF\xBB\xBF"
                                        "排名,名次范围,企业编号",
                                        0) == 0);                          // the viewer speaks Chinese
    CHECK(readWholeFile(csvPath)->find("周五回访") != std::string::npos);  // notes go into every export
    std::string xlsx = (std::filesystem::temp_directory_path() / "chainatlas-viewer-report.xlsx").string();
    std::string pdf = (std::filesystem::temp_directory_path() / "chainatlas-viewer-report.pdf").string();
    CHECK(app.exportReport(xlsx) == "已写入 " + xlsx);
    CHECK(app.exportReport(pdf) == "已写入 " + pdf);
    CHECK(app.exportReport(xlsx + ".doc") == "文件名须以 .xlsx 或 .pdf 结尾");
    std::string strings;
    FILE* unzip = ::popen(("unzip -p '" + xlsx + "' xl/sharedStrings.xml").c_str(), "r");
    REQUIRE(unzip);
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, unzip)) > 0;) strings.append(buffer, n);
    ::pclose(unzip);
    CHECK(strings.find("周五回访") != std::string::npos);
    CHECK(strings.find("财政局") != std::string::npos);  // and the checklist
    CHECK(readWholeFile(pdf)->rfind("%PDF", 0) == 0);
    for (const auto& path : {svgPath, csvPath, xlsx, pdf}) std::filesystem::remove(path);
}

TEST_CASE("the checklist and compare windows open headless with several regions") {
    std::string png = (std::filesystem::temp_directory_path() / "chainatlas-viewer-panels.png").string();
    std::filesystem::remove(png);
    std::string command = headless("1280x800x24") + "'" + CHAINATLAS_VIEWER_PATH + "' '" + CHAINATLAS_CHAINS_DIR +
                          "/nev.json' --region suzhou --hub shanghai --compare suzhou --compare xian" +
                          " --checklist --width 1280 --height 800 --frames 5 --screenshot '" + png + "' > /dev/null";
    CHECK(std::system(command.c_str()) == 0);
    CHECK(std::filesystem::exists(png));
    std::filesystem::remove(png);
}

TEST_CASE("a valid chain without regions opens in the viewer without a crash and says why the map is empty") {
    std::string chainPath = (std::filesystem::temp_directory_path() / "chainatlas-no-regions.json").string();
    std::ofstream(chainPath)
        << R"({"format": "chainatlas/1", "chain": {"id": "empty"}, "segments": [{"id": "a"}], "regions": [], "firms": []})";
    std::string png = (std::filesystem::temp_directory_path() / "chainatlas-no-regions.png").string();
    std::string command = headless("1280x800x24") + "'" + CHAINATLAS_VIEWER_PATH + "' '" + chainPath +
                          "' --frames 5 --screenshot '" + png + "' > /dev/null";
    CHECK(std::system(command.c_str()) == 0);
    CHECK(std::filesystem::exists(png));
    std::filesystem::remove(chainPath);
    std::filesystem::remove(png);
}

TEST_CASE("shutdown never waits for a layout in progress (the worker is left to finish on its own)") {
    // Four columns of 22 segments, each linked to every segment of the next: 1,452 links that dot routes
    // (just under the layout's limit of 1,500 routed links).
    std::string segments, links;
    for (int i = 0; i < 88; ++i) segments += (i ? "," : "") + std::string(R"({"id": "s)") + std::to_string(i) + "\"}";
    for (int c = 0; c < 3; ++c)
        for (int i = 0; i < 22; ++i)
            for (int j = 0; j < 22; ++j)
                links += std::string(links.empty() ? "" : ",") + R"({"from": "s)" + std::to_string(c * 22 + i) +
                         R"(", "to": "s)" + std::to_string((c + 1) * 22 + j) + "\"}";
    std::string text =
        R"({"format": "chainatlas/1", "chain": {"id": "t", "name": "T"}, "segments": [)" + segments +
        R"(], "links": [)" + links +
        R"(], "regions": [{"id": "r"}], "firms": [{"id": "f", "sites": [{"region": "r", "segments": ["s0"]}]}]})";
    LoadResult loaded = loadChainText(text, "dense.json");
    REQUIRE(loaded.ok());
    auto chain = std::make_shared<const Chain>(std::move(*loaded.chain));
    AnalysisOptions options;
    options.region = 0;
    viewer::LayoutRequest request{1, chain, std::make_shared<const Analysis>(analyze(*chain, options)),
                                  LayoutOptions{}};

    auto start = std::chrono::steady_clock::now();
    {
        LayoutEngine engine;
        REQUIRE(engine.layout(*chain, *request.analysis, request.options));
    }
    double layoutSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    REQUIRE(layoutSeconds > 0.03);  // long enough that waiting for it would show (0.06 s plain, 0.19 s with ASan)

    auto worker = std::make_unique<viewer::LayoutWorker>();
    worker->request(request);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // the worker has started the layout
    REQUIRE(worker->busy());
    start = std::chrono::steady_clock::now();
    worker.reset();
    double shutdownSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CAPTURE(layoutSeconds);
    CHECK(shutdownSeconds < layoutSeconds / 4);
    // The detached worker still finishes its layout; give it time so the test process ends cleanly.
    std::this_thread::sleep_for(std::chrono::duration<double>(layoutSeconds * 1.5));
}

// syncAnalysis has the map of segments laid out from analyzeSegmentsOf while the targets are ranked; the
// layout the UI asks for once the analysis is in is then the engine's copy, and the early one is never shown.
TEST_CASE("a map laid out early is given to the UI's request for the same graph at once, and never shown itself") {
    LoadResult loaded = loadChainFile(std::string(CHAINATLAS_CHAINS_DIR) + "/nev.json");
    REQUIRE(loaded.ok());
    auto chain = std::make_shared<const Chain>(std::move(*loaded.chain));
    AnalysisOptions weinan, suzhou;
    weinan.region = findRegion(*chain, "weinan");
    weinan.hubs = {findRegion(*chain, "xian")};
    suzhou.region = findRegion(*chain, "suzhou");
    auto whole = std::make_shared<const Analysis>(analyze(*chain, weinan));
    viewer::LayoutWorker worker;
    worker.layOutEarly()({-1, chain, std::make_shared<const Analysis>(analyzeSegmentsOf(*chain, weinan)), {}});
    auto waitIdle = [&] {
        for (int i = 0; i < 1000 && worker.busy(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        REQUIRE_FALSE(worker.busy());
    };
    waitIdle();
    CHECK_FALSE(worker.poll());  // laid out, kept by the engine, nothing to show
    worker.request({7, chain, whole, {}});
    waitIdle();
    std::optional<viewer::LayoutResult> result = worker.poll();
    REQUIRE(result);
    CHECK(result->generation == 7);
    CHECK(result->reused);
    REQUIRE(result->geometry);
    LayoutEngine fresh;
    auto expected = fresh.layout(*chain, *whole, {});
    REQUIRE(expected);
    REQUIRE(result->geometry->segments.size() == expected->segments.size());
    for (std::size_t s = 0; s < expected->segments.size(); ++s) {
        CHECK(result->geometry->segments[s].box.x == expected->segments[s].box.x);
        CHECK(result->geometry->segments[s].box.y == expected->segments[s].box.y);
        CHECK(result->geometry->segments[s].box.w == expected->segments[s].box.w);
    }
    // Suzhou's labels differ: laid out anew.
    worker.request({8, chain, std::make_shared<const Analysis>(analyze(*chain, suzhou)), {}});
    waitIdle();
    result = worker.poll();
    REQUIRE(result);
    CHECK_FALSE(result->reused);
}

TEST_CASE(
    "the viewer reports (never aborts on) a CSV folder whose extra column clashes, and a non-string leader_basis") {
    for (const char* bad : {"csv_reserved_column", "leader_basis_number.json"}) {
        CAPTURE(bad);
        std::string errors = std::filesystem::temp_directory_path() / "chainatlas-viewer-harden.txt";
        std::string command = headless("1280x800x24") + "'" + CHAINATLAS_VIEWER_PATH + "' '" +
                              CHAINATLAS_TEST_DATA_DIR + "/bad/" + bad +
                              "' --select f1 --screenshot /tmp/never.png 2> '" + errors + "'";
        int status = std::system(command.c_str());
        auto text = readWholeFile(errors);
        REQUIRE(text);
        CHECK(WIFEXITED(status));  // never SIGABRT
        CHECK(WEXITSTATUS(status) == 2);
        CHECK(text->find(std::string(bad).find("csv") == 0 ? "in firms.csv (did you mean" : "must be a string") !=
              std::string::npos);
    }
}

TEST_CASE("a note typed with 跟建议带队拜访签约 is drawn with real glyphs, not the fallback (CPU only, no window)") {
    viewer::FontFile font = viewer::findCjkFont(CHAINATLAS_ASSETS_DIR_FOR_TESTS);
    REQUIRE_MESSAGE(!font.path.empty(), "no CJK font installed");
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = {800, 600};
    REQUIRE(viewer::buildFontAtlas(*io.Fonts, font, nullptr, 17.0f));  // no chain: the characters come from no data
    unsigned char* pixels;
    int width, height;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    CHECK(width <= 4096);
    CHECK(height <= 4096);  // one texture page every OpenGL 3 driver takes
    ImFont* imfont = io.Fonts->Fonts[0];
    const std::string note = "重点跟进: 跟建议带队拜访签约";
    for (char32_t cp : decodeUtf8(note)) {
        CAPTURE(static_cast<unsigned>(cp));
        CHECK(imfont->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr);
    }
    for (int frame = 0; frame < 2; ++frame) {  // a new window is sized in its first frame and drawn from the second
        ImGui::NewFrame();
        ImGui::Begin("note");
        ImGui::TextUnformatted(note.c_str());
        ImGui::End();
        ImGui::Render();
    }
    // No vertex of the drawn text uses the fallback glyph's texture corner.
    const ImFontGlyph* fallback = imfont->FallbackGlyph;
    REQUIRE(fallback);
    int quads = 0, fallbackVertices = 0;
    for (int l = 0; l < ImGui::GetDrawData()->CmdListsCount; ++l)
        for (const ImDrawVert& v : ImGui::GetDrawData()->CmdLists[l]->VtxBuffer) {
            if (v.uv.x == fallback->U0 && v.uv.y == fallback->V0) ++fallbackVertices;
            ++quads;
        }
    CHECK(quads > 4 * 14);  // the text was drawn (14 characters that are not spaces, 4 vertices each)
    CHECK(fallbackVertices == 0);
    ImGui::DestroyContext();
}

namespace {
// A config folder of its own for each test, that does not exist yet.
std::string freshConfigHome(const std::string& name) {
    std::filesystem::path home = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(home);
    setenv("XDG_CONFIG_HOME", (home / "deeper" / "config").c_str(), 1);
    return home.string();
}
}  // namespace

TEST_CASE("a session saved by name creates its folder — quitting writes only the last-session file") {
    std::string home = freshConfigHome("chainatlas-settings-test");
    viewer::App app(CHAINATLAS_ASSETS_DIR_FOR_TESTS);
    CHECK(app.settingsFolder() == home + "/deeper/config/chainatlas");
    app.open(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json");
    int f2 = findFirm(*app.state.chain, "f2");
    viewer::assume(app.state, {f2, 0, {}});
    setenv("XDG_DOCUMENTS_DIR", (home + "/plans").c_str(), 1);
    app.exportFolder = app.sessionFolder = viewer::documentsFolder();
    app.sessionPath = app.defaultSessionPath();
    CHECK(app.sessionPath == home + "/plans/mini-suzhou-" + todayIso() + ".json");  // seen, not in ~/.config
    CHECK(app.saveNamedSession(app.sessionPath).empty());
    CHECK(app.message == "已保存 " + app.sessionPath);
    CHECK(std::filesystem::exists(app.sessionPath));
    viewer::unassume(app.state, f2);
    app.saveLastSession();
    CHECK(readWholeFile(app.sessionPath)->find("\"f2\"") != std::string::npos);  // the named file keeps the what-if
    CHECK(readWholeFile(app.lastSessionPath())->find("\"f2\"") == std::string::npos);
    CHECK(app.lastSessionPath() != app.sessionPath);
    std::string problem = app.saveNamedSession("/proc/chainatlas/no.json");
    CHECK_FALSE(problem.empty());
    CHECK(app.messageIsError);
    CHECK(app.message == "无法保存会话: /proc/chainatlas/no.json");  // the interface language; the reason on hover
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("XDG_DOCUMENTS_DIR");
    std::filesystem::remove_all(home);
}

TEST_CASE("opening another chain with unsaved what-ifs waits for the planner's answer") {
    std::string home = freshConfigHome("chainatlas-confirm-test");
    viewer::App app(CHAINATLAS_ASSETS_DIR_FOR_TESTS);
    std::string mini = std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json";
    std::string escape = std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/escape.json";
    app.open(mini);
    CHECK_FALSE(app.hasUnsavedWork());
    viewer::notesHere(app.state)["f1"] = "";  // an empty note is no work
    CHECK_FALSE(app.hasUnsavedWork());
    viewer::assume(app.state, {findFirm(*app.state.chain, "f2"), 0, {}});
    CHECK(app.hasUnsavedWork());
    app.requestOpen(escape);
    CHECK(app.pending == viewer::App::Pending::Open);
    CHECK(app.state.path == mini);  // nothing discarded yet
    app.carryOutPending();          // "discard"
    CHECK(app.state.path == escape);
    viewer::notesHere(app.state)["x"] = "约见";
    app.requestQuit();
    CHECK_FALSE(app.quitConfirmed);
    CHECK(app.saveNamedSession(home + "/escape-session.json").empty());
    CHECK_FALSE(app.hasUnsavedWork());
    app.requestQuit();
    CHECK(app.quitConfirmed);
    unsetenv("XDG_CONFIG_HOME");
    std::filesystem::remove_all(home);
}

TEST_CASE("Ctrl+S writes only the state's own session file, and a first save and another region's file ask first") {
    std::string home = freshConfigHome("chainatlas-ctrl-s-test");
    setenv("XDG_DOCUMENTS_DIR", (home + "/plans").c_str(), 1);
    viewer::App app(CHAINATLAS_ASSETS_DIR_FOR_TESTS);
    std::string mini = std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json";
    std::string escape = std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/escape.json";
    app.open(mini);
    viewer::assume(app.state, {findFirm(*app.state.chain, "f2"), 0, {}});
    app.saveShortcut();  // a new state: the session window asks for a name, nothing is written
    CHECK(app.showSession);
    CHECK(app.sessionPath == home + "/plans/mini-suzhou-" + todayIso() + ".json");
    CHECK_FALSE(std::filesystem::exists(home + "/plans"));
    app.requestSaveSession(app.sessionPath);
    std::string weinan = app.sessionPath;
    REQUIRE(std::filesystem::exists(weinan));
    CHECK(app.state.sessionFile == weinan);
    std::string saved = *readWholeFile(weinan);
    // The issue's path: another chain, then back to the first through the recent list, then Ctrl+S.
    app.open(escape);
    app.open(mini);
    CHECK(app.state.sessionFile.empty());
    app.showSession = false;
    app.saveShortcut();
    CHECK(app.showSession);  // asks for a name again
    CHECK(*readWholeFile(weinan) == saved);
    // The planner keeps the old name: the file holds the same chain and region but is not this state's.
    app.requestSaveSession(weinan);
    CHECK(app.pendingWrite.kind == viewer::App::WriteKind::Session);
    CHECK(app.pendingWrite.question.find(weinan) == 0);
    CHECK(*readWholeFile(weinan) == saved);
    app.pendingWrite = {};
    // Exports: default names follow chain and region, and an existing file asks first.
    app.refreshFileFields();
    CHECK(app.exportSvgPath == home + "/plans/mini-suzhou-" + todayIso() + "-map.svg");
    viewer::setRegion(app.state, findRegion(*app.state.chain, "shanghai"));
    app.refreshFileFields();
    CHECK(app.exportSvgPath == home + "/plans/mini-shanghai-" + todayIso() + "-map.svg");
    CHECK(app.exportCsvPath == home + "/plans/mini-shanghai-" + todayIso() + "-targets.csv");
    app.requestExport(viewer::App::WriteKind::Csv, app.exportCsvPath);
    REQUIRE(std::filesystem::exists(app.exportCsvPath));
    std::ofstream(app.exportCsvPath) << "Weinan's list\n";
    app.requestExport(viewer::App::WriteKind::Csv, app.exportCsvPath);
    CHECK(app.pendingWrite.kind == viewer::App::WriteKind::Csv);
    CHECK(*readWholeFile(app.exportCsvPath) == "Weinan's list\n");
    app.carryOutWrite();  // the planner said yes
    CHECK(readWholeFile(app.exportCsvPath)->find("Weinan's list") == std::string::npos);
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("XDG_DOCUMENTS_DIR");
    std::filesystem::remove_all(home);
}

namespace {
// Polls the open worker as the window does, until nothing is being opened (at most 20 s).
std::optional<bool> waitForOpen(viewer::App& app) {
    std::optional<bool> last;
    for (int i = 0; i < 1000 && app.opening(); ++i) {
        if (auto opened = app.pollOpen()) last = opened;
        else std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return last;
}
}  // namespace

TEST_CASE("in the window a file opens on the worker: the newest open wins, a session loaded meanwhile too") {
    std::string home = freshConfigHome("chainatlas-open-worker-test");
    viewer::App app(CHAINATLAS_ASSETS_DIR_FOR_TESTS);
    app.openInBackground = true;
    std::string mini = std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json";
    std::string escape = std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/escape.json";
    // The command line's --region: the first analysis is already of shanghai (mini's region 1), used once.
    app.startingScenario = [](const Chain& chain) {
        viewer::Scenario scenario;
        scenario.region = findRegion(chain, "shanghai");
        return scenario;
    };
    app.open(mini);
    CHECK(app.opening());
    CHECK_FALSE(app.startingScenario);
    CHECK(waitForOpen(app) == true);
    REQUIRE(app.state.chain);
    CHECK(app.state.path == mini);
    CHECK(app.state.scenario.region == 1);
    CHECK(app.state.analysis().region == 1);
    CHECK_FALSE(app.state.analysing());                   // the first analysis came with the file
    CHECK(app.state.drawnSites == 3);                     // mini: f1, f2 and f3 have one site each
    CHECK(app.sceneKey.find("zh") != std::string::npos);  // the map's description came along too
    // Two opens: only the newer is adopted.
    app.open(escape);
    app.open(mini);
    CHECK(waitForOpen(app) == true);
    CHECK(app.state.path == mini);
    CHECK(app.state.scenario.region == 0);  // the default again: the starting scenario was for the first file
    // A broken file keeps the open one and shows why.
    app.showProblems = false;
    app.open(std::string(CHAINATLAS_TEST_DATA_DIR) + "/bad/link_cycle.json");
    CHECK(waitForOpen(app) == false);
    CHECK(app.state.path == mini);
    CHECK(app.showProblems);
    CHECK_FALSE(app.state.problems.empty());
    // A session loaded while a file is still opening wins: the file is dropped when it arrives.
    app.open(escape);
    app.cancelOpening();
    CHECK_FALSE(app.opening());
    for (int i = 0; i < 100; ++i) {
        app.pollOpen();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(app.state.path == mini);
    unsetenv("XDG_CONFIG_HOME");
    std::filesystem::remove_all(home);
}

TEST_CASE("in the window a session opens on the worker: the newest open wins, a broken session keeps the state") {
    std::string home = freshConfigHome("chainatlas-session-worker-test");
    std::filesystem::create_directories(home);
    viewer::App app(CHAINATLAS_ASSETS_DIR_FOR_TESTS);
    app.openInBackground = true;
    std::string mini = std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json";
    std::string escape = std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/escape.json";
    auto write = [&](const std::string& name, const std::string& file, const std::string& hub) {
        std::string path = home + "/" + name;
        std::ofstream(path) << R"({"format": "chainatlas-session/1", "file": )" << nlohmann::json(file).dump()
                            << R"(, "lang": "en", "region": "shanghai", "hubs": [")" << hub
                            << R"("], "assumptions": [{"firm": "f1", "region": "shanghai"}], "notes": {"f2": "ok"}})";
        return path;
    };
    std::string session = write("good.json", mini, "suzhou");
    std::string misspelt = write("misspelt.json", mini, "shanghia");
    std::string cyclic = write("cyclic.json", std::string(CHAINATLAS_TEST_DATA_DIR) + "/bad/link_cycle.json", "suzhou");
    app.open(escape);
    REQUIRE(waitForOpen(app) == true);
    // The window keeps the open file until the session is ready, then takes all of it at once.
    CHECK(app.loadNamedSession(session) == "");
    CHECK(app.opening());
    CHECK(app.state.path == escape);
    CHECK(waitForOpen(app) == true);
    CHECK(app.state.path == mini);
    CHECK(app.state.scenario.region == 1);  // shanghai
    CHECK(app.state.scenario.hubs == std::vector<int>{0});
    CHECK(app.state.scenario.assumptions.size() == 1);
    CHECK(app.state.analysis().region == 1);
    CHECK_FALSE(app.state.analysing());  // analysed in the session's scenario on the worker
    CHECK(viewer::notesHere(app.state)["f2"] == "ok");
    CHECK(app.state.lang == Lang::En);
    CHECK(app.sceneKey.find("en") != std::string::npos);  // the map described on the worker, in English
    CHECK(app.message == "Loaded " + session);
    CHECK_FALSE(app.hasUnsavedWork());  // loaded by name: saved work
    // Newest wins, whichever comes last: a session then a file, a file then a session.
    app.loadNamedSession(session);
    app.open(escape);
    CHECK(waitForOpen(app) == true);
    CHECK(app.state.path == escape);
    app.open(mini);
    app.loadNamedSession(session);
    CHECK(waitForOpen(app) == true);
    CHECK(app.state.path == mini);
    CHECK(app.state.scenario.region == 1);
    // A broken session keeps the state (even over a file it replaced in flight) and says why.
    int generation = app.state.chainGeneration();
    app.open(escape);
    app.loadNamedSession(misspelt);
    CHECK(waitForOpen(app) == false);
    CHECK(app.state.path == mini);
    CHECK(app.state.chainGeneration() == generation);
    CHECK(app.messageIsError);
    CHECK(app.message == "Cannot load the session: " + misspelt);
    CHECK(app.messageDetail.find("/hubs/0: unknown region \"shanghia\" (did you mean \"shanghai\"?)") !=
          std::string::npos);
    // A session whose chain cannot be read: the same, and the chain's errors for the problems window.
    app.loadNamedSession(cyclic);
    CHECK(waitForOpen(app) == false);
    CHECK(app.state.path == mini);
    CHECK(app.state.chainGeneration() == generation);
    REQUIRE_FALSE(app.state.problems.empty());
    CHECK(app.state.problems[0].location == "/links/3");
    CHECK(app.messageDetail.find("/file: cannot open") != std::string::npos);
    // The last session restored at start: its what-ifs are in no file saved by name, so still unsaved work.
    app.openSession(session, viewer::OpenKind::LastSession);
    CHECK(waitForOpen(app) == true);
    CHECK(app.hasUnsavedWork());
    // Without the worker (tests, scripts) the same steps run at once and return the problem.
    app.openInBackground = false;
    CHECK(app.loadNamedSession(misspelt).find("/hubs/0") != std::string::npos);
    CHECK_FALSE(app.opening());
    unsetenv("XDG_CONFIG_HOME");
    std::filesystem::remove_all(home);
}

TEST_CASE("screenshots at 800x600, 1280x800 and 1920x1080 in Chinese and English show map, table and legend") {
    std::filesystem::path folder = std::filesystem::path(CHAINATLAS_TEST_OUTPUT_DIR) / "screenshots";
    std::filesystem::create_directories(folder);
    std::vector<Diagnostic> problems;
    Theme theme = loadTheme(std::string(CHAINATLAS_ASSETS_DIR_FOR_TESTS) + "/theme.json", problems);
    for (auto [w, h] : {std::pair{800, 600}, {1280, 800}, {1920, 1080}})
        for (const char* lang : {"zh", "en"}) {
            std::string size = std::to_string(w) + "x" + std::to_string(h);
            std::string png = (folder / ("nev-" + size + "-" + lang + ".png")).string();
            CAPTURE(png);
            std::string command = headless(size + "x24");
            command.append("'").append(CHAINATLAS_VIEWER_PATH).append("' '").append(CHAINATLAS_CHAINS_DIR);
            command.append("/nev.json' --region suzhou --hub shanghai --select catl --lang ").append(lang);
            command.append(" --width ").append(std::to_string(w)).append(" --height ").append(std::to_string(h));
            command.append(" --frames 10 --screenshot '").append(png).append("' > /dev/null");
            REQUIRE(std::system(command.c_str()) == 0);
            int width = 0, height = 0, channels = 0;
            unsigned char* pixels = stbi_load(png.c_str(), &width, &height, &channels, 3);
            REQUIRE(pixels);
            CHECK(width == w);
            std::map<std::uint32_t, int> counts;
            for (std::ptrdiff_t i = 0; i < static_cast<std::ptrdiff_t>(width) * height; ++i)
                ++counts[(pixels[3 * i] << 16) | (pixels[3 * i + 1] << 8) | pixels[3 * i + 2]];
            stbi_image_free(pixels);
            int r, g, b;
            parseColor(theme.status[0], r, g, b);  // "strong" boxes on the map and the legend's swatch
            CHECK(counts[(r << 16) | (g << 8) | b] > 100);
        }
}

TEST_CASE("locating a target shows its box with the segments linked to it, zoomed in, and starts the flash") {
    ImGui::CreateContext();  // for the clock of the flash
    viewer::App app(CHAINATLAS_ASSETS_DIR_FOR_TESTS);
    app.open(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json");
    layOut(app);
    app.mapSize = {800, 400};
    viewer::Selection b{viewer::SelectionKind::Segment, findSegment(*app.state.chain, "b")};
    app.locate(b);
    const Box& box = app.geometry->segments[b.index].box;
    const viewer::Camera& camera = app.state.camera;
    // The box and every segment linked to it lie in the view (camera .. camera + size / zoom), zoomed no further
    // than 1.6x (it was one box at 4x, with nothing around it).
    auto inView = [&](const Box& b) {
        return b.x >= camera.x && b.x + b.w <= camera.x + 800 / camera.zoom && b.y >= camera.y &&
               b.y + b.h <= camera.y + 400 / camera.zoom;
    };
    CHECK(inView(box));
    int linked = 0;
    for (const LinkPath& link : app.geometry->links)
        if (link.from == b.index || link.to == b.index) {
            CHECK(inView(app.geometry->segments[link.from == b.index ? link.to : link.from].box));
            ++linked;
        }
    CHECK(linked > 0);
    CHECK(camera.zoom <= viewer::kLocateMostZoom);
    CHECK(app.state.selection == b);
    CHECK(app.flash == b);
    // A firm at the segment level has no cell: its first site's segment is located instead.
    viewer::Selection f1{viewer::SelectionKind::Firm, findFirm(*app.state.chain, "f1")};
    const Site& site = app.state.chain->firms[f1.index].sites[0];
    CHECK(app.boxOf(f1) == &app.geometry->segments[site.segments[0]].box);
    ImGui::DestroyContext();
}

// tests/data/good/four_chains.json, region r with hub h. Resources serving named segments: lab-r (b),
// uni-r (d), svc-r (a, b; confidence C: drawn faded), uni-h (b, in the hub); fund-r serves the whole chain
// (the strip, not a box). Marks: a 1 (svc-r), b 3 (lab-r, svc-r, then the hub's uni-h), d 1 (uni-r): 5.
TEST_CASE("the resource layer: marks on the boxes they serve, gone when hidden, a click finds the resource") {
    viewer::App app(CHAINATLAS_ASSETS_DIR_FOR_TESTS);
    app.open(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/four_chains.json");
    REQUIRE(app.state.chain);
    const Chain& chain = *app.state.chain;
    viewer::setHub(app.state, findRegion(chain, "h"), true);
    layOut(app);
    const MapScene& scene = viewer::currentScene(app);
    std::vector<viewer::ResourceMarkPlace> marks = viewer::resourceMarksOnMap(app.state, scene, *app.geometry);
    REQUIRE(marks.size() == 5);
    std::map<std::string, int> perResource;
    for (const auto& mark : marks) ++perResource[chain.resources[scene.resources[mark.look].resource].id];
    CHECK(perResource == std::map<std::string, int>{{"lab-r", 1}, {"svc-r", 2}, {"uni-h", 1}, {"uni-r", 1}});
    REQUIRE(scene.chainWide.size() == 1);
    CHECK(chain.resources[scene.resources[scene.chainWide[0]].resource].id == "fund-r");
    // uni-h's mark is the third on b's box, on its bottom edge; a click there finds uni-h, beside it nothing.
    const Box& b = app.geometry->segments[findSegment(chain, "b")].box;
    auto uni = std::find_if(marks.begin(), marks.end(), [&](const auto& m) {
        return chain.resources[scene.resources[m.look].resource].id == "uni-h";
    });
    REQUIRE(uni != marks.end());
    CHECK(uni->centre.y == doctest::Approx(b.y + b.h + 2));  // just below the bottom edge
    // b's box has Graphviz's least width, 0.75 inch = 54 points: three marks fit 18 apart only at
    // (54 - 2 * 11.5) / 2 = 15.5.
    CHECK(b.w == doctest::Approx(54));
    CHECK(uni->centre.x == doctest::Approx(b.x + 11.5 + 2 * 15.5));
    CHECK(viewer::resourceMarkAt(marks, {uni->centre.x + 3, uni->centre.y - 3}, 9) == uni->look);
    CHECK(viewer::resourceMarkAt(marks, {uni->centre.x, uni->centre.y - 20}, 9) == -1);
    auto resourceEntries = [](const std::vector<LegendEntry>& legend) {
        return std::count_if(legend.begin(), legend.end(),
                             [](const LegendEntry& e) { return e.shape == LegendShape::Resource; });
    };
    // Legend: innovation (lab, university), capital (fund), talent (university), services (service), the
    // hub's ring, the faded C resource: 6 resource entries.
    CHECK(resourceEntries(viewer::shownLegend(scene, true)) == 6);
    // The layer off: no mark on the map, none in the legend.
    viewer::setShowResources(app.state, false);
    CHECK(viewer::resourceMarksOnMap(app.state, scene, *app.geometry).empty());
    CHECK(resourceEntries(viewer::shownLegend(scene, false)) == 0);
}

TEST_CASE("a headless screenshot of the additive-manufacturing chain shows the resource marks, and mini none") {
    std::vector<Diagnostic> problems;
    Theme theme = loadTheme(std::string(CHAINATLAS_ASSETS_DIR_FOR_TESTS) + "/theme.json", problems);
    const std::string& innovation = theme.resourceChain[0];
    Screenshot shot = screenshot("'" + std::string(CHAINATLAS_CHAINS_DIR) +
                                 "/additive-manufacturing.json' --region weinan --hub xian --select nwpu-university");
    // Weinan's two labs are filled innovation marks; Xi'an's rings and the legend swatch add more.
    CHECK(shot.count(innovation) > 60);
    Screenshot none = screenshot("'" + std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json' --region suzhou");
    CHECK(none.count(innovation) == 0);
}

namespace {
// An ImGui context with the viewer's font atlas (the interface's characters at 17 px), for measuring text.
struct MeasuringFont {
    ImFont* font = nullptr;
    MeasuringFont() {
        viewer::FontFile file = viewer::findCjkFont(CHAINATLAS_ASSETS_DIR_FOR_TESTS);
        REQUIRE(!file.path.empty());
        ImGui::CreateContext();
        ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
        REQUIRE(viewer::buildFontAtlas(atlas, file, nullptr, 17.0f));
        REQUIRE(atlas.Build());
        font = atlas.Fonts[0];
    }
    ~MeasuringFont() { ImGui::DestroyContext(); }
    MeasuringFont(const MeasuringFont&) = delete;
    MeasuringFont& operator=(const MeasuringFont&) = delete;
};
}  // namespace

TEST_CASE("a segment name too wide for its zoomed-out box: drawn at a readable size in a grown box, or not at all") {
    MeasuringFont measuring;
    ImFont* f = measuring.font;
    auto width = [&](float px, const std::string& text) { return f->CalcTextSizeA(px, FLT_MAX, 0, text.c_str()).x; };
    for (const std::string name : {"电池包", "动力电池回收", "Battery recycling", "Automotive chips (MCU/SoC)"}) {
        CAPTURE(name);
        // A box half as wide as the name at 11 px (what the NEV map has when zoomed out to fit).
        float box = width(11, name) / 2;
        viewer::NameFit fit = viewer::fitSegmentName(f, 11, name, box);
        CHECK(fit.px >= 10);  // shrunk no further than 10 px
        CHECK(fit.px <= 11);
        CHECK(fit.grow > 0);
        CHECK(width(fit.px, name) <= box + 2 * fit.grow);     // the whole name fits the grown box, at the size drawn
        CHECK(width(fit.px, name) > box + 2 * fit.grow - 4);  // and the box is not grown much more than that
        // A box a fifth as wide (a 300-segment chain fitted to the window): no name rather than a jumble.
        viewer::NameFit none = viewer::fitSegmentName(f, 11, name, width(11, name) / 5);
        CHECK(none.px == 0);
        CHECK(none.grow == 0);
        // A box that holds it: nothing changes.
        viewer::NameFit roomy = viewer::fitSegmentName(f, 11, name, width(11, name) + 1);
        CHECK(roomy.px == 11);
        CHECK(roomy.grow == 0);
        // Slightly too narrow: shrunk a little to fit, not grown.
        viewer::NameFit shrunk = viewer::fitSegmentName(f, 14, name, width(14, name) * 0.9f);
        CHECK(shrunk.px < 14);
        CHECK(width(shrunk.px, name) <= width(14, name) * 0.9f + 2 * shrunk.grow);
    }
    // Too small to read at all (the painter draws no label): left alone.
    viewer::NameFit tiny = viewer::fitSegmentName(f, 5, "电池包", 1);
    CHECK(tiny.px == 5);
    CHECK(tiny.grow == 0);
}

TEST_CASE("priorities chart labels: beside their point, inside the chart, clear of each other, else left out") {
    MeasuringFont measuring;
    PriorityChart chart;
    chart.width = 300, chart.height = 200;
    auto point = [](int segment, double x, double y) {
        ChartPoint p;
        p.segment = segment, p.label = "segment " + std::to_string(segment), p.x = x, p.y = y, p.radius = 5;
        p.labelX = x + 8, p.labelY = y + 5;  // the core chose the right side
        return p;
    };
    float w = measuring.font->CalcTextSizeA(11, FLT_MAX, 0, "segment 0").x;  // every label is as wide
    // 0 in the open: right of its point (5 + 3 away), centred on it. 1 down and to the left of 0: its right runs
    // into 0's label, so left of its point. 2 at the right edge: left of its point (it ran off
    // the frame at 1280x800). 3 on the bottom edge: above. 4 where everything is blocked: left out.
    chart.points = {point(0, 110, 50), point(1, 105, 58), point(2, 295, 120), point(3, 150, 198), point(4, 150, 100)};
    std::vector<ImRect> blocked = {ImRect(100, 70, 200, 130)};  // an axis text around 4; 2's left stays free
    REQUIRE(295 - 8 - w > 200);
    std::vector<ImRect> shown = viewer::chartLabelsShown(chart, measuring.font, 11, -1, blocked);
    REQUIRE(shown.size() == 5);
    CHECK(shown[0].Min.x == doctest::Approx(118));
    CHECK(shown[0].Min.y == doctest::Approx(50 - 5.5));
    CHECK(shown[1].Max.x == doctest::Approx(105 - 8));
    CHECK(shown[1].Min.y == doctest::Approx(58 - 5.5));
    CHECK(shown[2].Max.x == doctest::Approx(295 - 8));  // left of its point
    CHECK(shown[3].Max.y <= 200);
    CHECK(shown[3].Max.y == doctest::Approx(198 - 8 - 1));
    CHECK(shown[4].GetWidth() == 0);
    // Nothing outside the chart, no two kept labels overlapping.
    for (std::size_t i = 0; i < shown.size(); ++i) {
        if (shown[i].GetWidth() == 0) continue;
        CHECK(shown[i].Min.x >= 0);
        CHECK(shown[i].Max.x <= 300);
        for (std::size_t j = i + 1; j < shown.size(); ++j) CHECK_FALSE(shown[i].Overlaps(shown[j]));
    }
    // The selected segment keeps its label even where it runs into something, inside the chart.
    std::vector<ImRect> selected = viewer::chartLabelsShown(chart, measuring.font, 11, 4, blocked);
    CHECK(selected[4].GetWidth() > 0);
    chart.points[4].x = 299;
    CHECK(viewer::chartLabelsShown(chart, measuring.font, 11, 4, blocked)[4].Max.x <= 300);
}

TEST_CASE("a label that does not fit is shrunk a little, else cut at a character with an ellipsis, else left out") {
    MeasuringFont measuring;
    ImFont* f = measuring.font;
    auto width = [&](float px, std::string_view text) {
        return f->CalcTextSizeA(px, FLT_MAX, 0, text.data(), text.data() + text.size()).x;
    };
    const std::string ellipsis = "\xE2\x80\xA6";
    // Fits: drawn whole at its size.
    viewer::FittedLabel whole = viewer::fitLabel(f, 14, "Body", 200);
    CHECK(whole.shown == "Body");
    CHECK(whole.px == 14);
    CHECK_FALSE(whole.ellipsis);
    // A little too wide: shrunk (not below 10 px), still whole.
    std::string name = "Lithium resources";
    viewer::FittedLabel shrunk = viewer::fitLabel(f, 14, name, width(14, name) * 0.9f);
    CHECK(shrunk.shown == name);
    CHECK(shrunk.px < 14);
    CHECK(shrunk.px >= 10);
    CHECK(width(shrunk.px, name) <= width(14, name) * 0.9f + 0.5f);
    // Far too wide: its first characters and an ellipsis, inside the box.
    viewer::FittedLabel cut = viewer::fitLabel(f, 11, name, 40);
    REQUIRE(!cut.shown.empty());
    CHECK(cut.ellipsis);
    CHECK(cut.px == 10);
    CHECK(name.rfind(cut.shown, 0) == 0);  // a prefix
    CHECK(cut.shown.size() < name.size());
    CHECK(width(cut.px, std::string(cut.shown) + ellipsis) <= 40);
    // Chinese is cut between characters, never inside one.
    std::string chinese = "动力电池回收";
    viewer::FittedLabel cutZh = viewer::fitLabel(f, 11, chinese, width(10, "动力") + width(10, ellipsis) + 1);
    CHECK(cutZh.shown == "动力");
    CHECK(cutZh.ellipsis);
    // Not one character beside the ellipsis, or too small to read: nothing.
    CHECK(viewer::fitLabel(f, 11, chinese, width(10, ellipsis)).shown.empty());
    CHECK(viewer::fitLabel(f, 6, "Body", 200).shown.empty());
}
