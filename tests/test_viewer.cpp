// The viewer with ImGui: every character of every bundled name is in the font atlas, the interface text
// list is complete, and a headless screenshot shows the map in the theme's colours.
#include <doctest/doctest.h>
#include <imgui.h>
#include <stb/stb_image.h>

#include <chrono>
#include <cstdlib>
#include <thread>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "app.hpp"
#include "chainatlas/file_io.hpp"
#include "chainatlas/load.hpp"
#include "chainatlas/text.hpp"
#include "chainatlas/theme.hpp"
#include "fonts.hpp"
#include "i18n.hpp"

using namespace chainatlas;

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

TEST_CASE("the interface text list holds every non-ASCII character of the viewer's sources") {
    std::set<char32_t> known;
    for (char32_t cp : decodeUtf8(viewer::allInterfaceText())) known.insert(cp);
    std::string missing;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(CHAINATLAS_VIEWER_SOURCE_DIR)) {
        if (entry.path().extension() != ".cpp" && entry.path().extension() != ".hpp") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        for (char32_t cp : decodeUtf8(text.str()))
            if (cp > 0x7F && !known.count(cp)) missing += entry.path().filename().string() + ":U+" + std::to_string(static_cast<unsigned>(cp)) + " ";
    }
    CHECK_MESSAGE(missing.empty(), "add these characters to allInterfaceText(): " << missing);
}

TEST_CASE("a headless screenshot of the NEV chain shows the map in the theme's colours") {
    std::string png = (std::filesystem::temp_directory_path() / "chainatlas-viewer-smoke.png").string();
    std::filesystem::remove(png);
    std::string command = std::string("xvfb-run -a -s '-screen 0 1280x800x24' '") + CHAINATLAS_VIEWER_PATH + "' '" +
                          CHAINATLAS_CHAINS_DIR + "/nev.json' --region suzhou --hub shanghai --lang zh" +
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
    for (int i = 0; i < width * height; ++i)
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

TEST_CASE("a broken file given to the headless viewer exits 2 with the located errors") {
    std::string command = std::string("xvfb-run -a '") + CHAINATLAS_VIEWER_PATH + "' '" + CHAINATLAS_TEST_DATA_DIR +
                          "/bad/link_cycle.json' --screenshot /tmp/never.png 2> /tmp/chainatlas-viewer-errors.txt";
    int status = std::system(command.c_str());
    CHECK(WEXITSTATUS(status) == 2);
    std::ifstream in("/tmp/chainatlas-viewer-errors.txt");
    std::stringstream text;
    text << in.rdbuf();
    CHECK(text.str().find("link_cycle.json: /links/3: links must not form a cycle") != std::string::npos);
}

TEST_CASE("the viewer exports the current view as SVG and the target list as CSV, with the core's writers") {
    viewer::App app(CHAINATLAS_ASSETS_DIR_FOR_TESTS);
    app.open(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json");
    REQUIRE(app.state.chain);
    viewer::setHub(app.state, findRegion(*app.state.chain, "shanghai"), true);
    std::string svgPath = (std::filesystem::temp_directory_path() / "chainatlas-viewer-export.svg").string();
    std::string refused = app.exportSvg(svgPath);  // no layout yet: nothing to export
    CHECK(refused == "没有可导出的图");
    CHECK_FALSE(std::filesystem::exists(svgPath));
    app.worker.request({1, app.state.drawn, app.state.analysis, viewer::layoutOptions(app.state, "WenQuanYi Micro Hei", 14)});
    std::optional<viewer::LayoutResult> result;
    for (int i = 0; i < 500 && !result; ++i) {
        result = app.worker.poll();
        if (!result) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(result);
    REQUIRE(result->geometry);
    app.geometry = std::make_shared<const MapGeometry>(*result->geometry);
    std::string written = app.exportSvg(svgPath);
    CHECK(written == "已写入 " + svgPath);
    std::string svg = *readWholeFile(svgPath);
    CHECK(svg.find("id=\"seg-b\"") != std::string::npos);
    CHECK(svg.find("occupied") != std::string::npos);
    std::string csvPath = (std::filesystem::temp_directory_path() / "chainatlas-viewer-export.csv").string();
    viewer::setHub(app.state, findRegion(*app.state.chain, "shanghai"), false);  // with the hub f2 is set aside (§3.6)
    REQUIRE_FALSE(app.state.analysis.targets.empty());
    app.state.notes["f2"] = "周五回访";
    viewer::setChecklistItem(app.state, 5, {ChecklistState::Doing, "财政局", "", ""});
    app.exportCsv(csvPath);
    CHECK(readWholeFile(csvPath)->rfind("\xEF\xBB\xBF" "rank,firm", 0) == 0);
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
    std::string command = std::string("xvfb-run -a -s '-screen 0 1280x800x24' '") + CHAINATLAS_VIEWER_PATH + "' '" +
                          CHAINATLAS_CHAINS_DIR + "/nev.json' --region suzhou --hub shanghai --compare suzhou --compare xian" +
                          " --checklist --width 1280 --height 800 --frames 5 --screenshot '" + png + "' > /dev/null";
    CHECK(std::system(command.c_str()) == 0);
    CHECK(std::filesystem::exists(png));
    std::filesystem::remove(png);
}

TEST_CASE("a valid chain without regions opens in the viewer without a crash and says why the map is empty") {
    std::string chainPath = (std::filesystem::temp_directory_path() / "chainatlas-no-regions.json").string();
    std::ofstream(chainPath) << R"({"format": "chainatlas/1", "chain": {"id": "empty"}, "segments": [{"id": "a"}], "regions": [], "firms": []})";
    std::string png = (std::filesystem::temp_directory_path() / "chainatlas-no-regions.png").string();
    std::string command = std::string("xvfb-run -a '") + CHAINATLAS_VIEWER_PATH + "' '" + chainPath + "' --frames 5 --screenshot '" + png + "' > /dev/null";
    CHECK(std::system(command.c_str()) == 0);
    CHECK(std::filesystem::exists(png));
    std::filesystem::remove(chainPath);
    std::filesystem::remove(png);
}
