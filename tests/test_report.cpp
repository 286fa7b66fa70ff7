// Meeting documents: the reason sentence, the report's content, and the files `chainatlas report` and
// `chainatlas map -o OUT.png` write, read back with tools that are not ours (unzip, pdftotext, pdffonts,
// pdfinfo, cairo's PNG reader).
#include <doctest/doctest.h>

#include <cairo.h>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include "chainatlas/base/text.hpp"
#include "chainatlas/documents/document.hpp"
#include "chainatlas/documents/meeting_report.hpp"
#include "chainatlas/results/reasons.hpp"
#include "chainatlas/results/result_writers.hpp"
#include "cli_run.hpp"
#include "helpers.hpp"

using namespace chainatlas;
using test::quote;
using test::run;
using test::Run;

namespace {

const std::string kMini = std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json";
const std::string kNev = std::string(CHAINATLAS_CHAINS_DIR) + "/nev.json";

std::filesystem::path scratch(const std::string& name) {
    auto folder = std::filesystem::temp_directory_path() / ("chainatlas-report-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    return folder / name;
}

// Output of a shell command (tools from poppler-utils and unzip).
std::string shell(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe);
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    ::pclose(pipe);
    return out;
}

// mini.json seen from suzhou, with the advice filled in by hand: f2 earns fit in b (a gap: 补链) and
// d (an extension: 延链), supplies the local firm f3 (one anchor) and is a chain leader.
struct MiniTarget {
    Chain chain = test::chainFromFile(kMini);
    Analysis analysis;
    Target target;
    MiniTarget() {
        analysis.region = findRegion(chain, "suzhou");
        analysis.segments.resize(chain.segments.size());
        analysis.segments[findSegment(chain, "b")].advice = Advice::Fill;
        analysis.segments[findSegment(chain, "d")].advice = Advice::Extend;
        target.firm = findFirm(chain, "f2");
        target.segments = {{findSegment(chain, "b"), SegmentStatus::Gap, Advice::Fill, 1.0, false, false},
                           {findSegment(chain, "d"), SegmentStatus::Extension, Advice::Extend, 0.6, false, false}};
        target.anchors = {findFirm(chain, "f3")};
    }
};

}  // namespace

TEST_CASE("the reason sentence names the advice, the local partners and the leader, in either language") {
    MiniTarget m;
    CHECK(targetReason(m.chain, m.analysis, m.target, Lang::Zh) ==
          "补链: 正极; 延链: 整车; 以商招商: 本地伙伴 F3; 链主企业");
    CHECK(targetReason(m.chain, m.analysis, m.target, Lang::En) ==
          "fill: Cathode; extend: Vehicle; local partners: F3; chain leader");
    // A partner known only through a record that names no plant is marked as inferred.
    m.target.anchorsInferred = m.target.anchors;
    CHECK(targetReason(m.chain, m.analysis, m.target, Lang::Zh) ==
          "补链: 正极; 延链: 整车; 以商招商: 本地伙伴 F3(推断); 链主企业");
    // Two segments with the same advice are listed together; a hub partner is named with its hub region.
    m.analysis.segments[findSegment(m.chain, "d")].advice = Advice::Fill;
    m.analysis.hubs = {findRegion(m.chain, "shanghai")};
    m.target.hubPartners = {findFirm(m.chain, "f2")};
    m.target.value[TermHub] = 1;  // the hub term counts: the reason names the hub firm
    m.target.anchors.clear();
    CHECK(targetReason(m.chain, m.analysis, m.target, Lang::Zh) == "补链: 正极、整车; 供应枢纽企业 F2(上海); 链主企业");
}

TEST_CASE("a segment the hub holds is not listed as filled while it earns nothing, and the reason says so") {
    // f2 earns fit in b (a gap) and d, now an extension the hub occupies (advice leave, v(d) = 0.6).
    // Default discount 1: d earns 0.6 x (1 - 1) = 0, so it is named apart, as not scored.
    MiniTarget m;
    int d = findSegment(m.chain, "d");
    m.analysis.segments[d].advice = Advice::Leave;
    m.target.segments[1] = {d, SegmentStatus::Extension, Advice::Leave, 0.6, true, false};
    m.target.anchors.clear();
    CHECK(fitSegmentList(m.chain, m.target, Lang::Zh, false, 1.0) == "正极 (断点, 补链)");
    CHECK(unscoredSegmentList(m.chain, m.target, Lang::Zh, false, 1.0) == "整车");
    CHECK(fitSegmentList(m.chain, m.target, Lang::En, true, 1.0) == "b (gap, fill)");
    CHECK(targetReason(m.chain, m.analysis, m.target, Lang::Zh) == "补链: 正极; 错位避让(不计分): 整车; 链主企业");
    // Discount 0.5: d earns 0.6 x 0.5 = 0.3, so it is listed with the others and nothing is unscored.
    m.analysis.weights.occupiedDiscount = 0.5;
    CHECK(fitSegmentList(m.chain, m.target, Lang::Zh, false, 0.5) == "正极 (断点, 补链); 整车 (可延伸, 错位避让)");
    CHECK(unscoredSegmentList(m.chain, m.target, Lang::Zh, false, 0.5).empty());
    CHECK(targetReason(m.chain, m.analysis, m.target, Lang::Zh) == "补链: 正极; 错位避让: 整车; 链主企业");
}

TEST_CASE("sources carry the confidence of the firm's sites") {
    Chain chain = test::chainFromFile(kNev);
    int tesla = findFirm(chain, "tesla-shanghai");  // one site, confidence A, four sources
    std::string sources = firmSources(chain, tesla, Lang::Zh);
    CHECK(sources.find(chain.sources[chain.firms[tesla].sources[0]].title) == 0);
    CHECK(sources.size() > 10);
    CHECK(sources.substr(sources.size() - std::string(" (可信度 A)").size()) == " (可信度 A)");
    Chain mini = test::chainFromFile(kMini);  // no confidence in the file: the titles alone
    CHECK(firmSources(mini, findFirm(mini, "f1"), Lang::En) == "Test");
}

TEST_CASE("the report holds the seven parts, the checklist's ten items and the planner's notes") {
    MiniTarget m;
    m.target.rank = 1;
    m.analysis.targets = {m.target};
    m.analysis.segments[0].sites = 1;
    Session session;
    session.notes["f2"] = "6 月约见";
    session.checklist[5] = {ChecklistState::Doing, "财政局", "2026-12-31", "规模 10 亿"};
    Document d = buildReport(m.chain, m.analysis, session, {Lang::Zh, 0, "2026-11-27", "", "", ""});
    CHECK(d.title == "迷你链产业链招商报告");
    CHECK(d.subtitle == "苏州 · 2026-11-27");
    REQUIRE(d.tables.size() == 7);
    std::vector<std::string> sheets;
    for (const DocTable& t : d.tables) sheets.push_back(t.sheet);
    CHECK(sheets == std::vector<std::string>{"招商目标", "环节", "产业选择", "暂不建议", "本地配套", "十个一", "来源"});
    const DocTable& targets = d.tables[0];
    REQUIRE(targets.rows.size() == 1);
    CHECK(targets.rows[0][2].text == "F2");
    // rank, rank range, firm, id, score; seven weighted terms; reason, sources, note
    CHECK(targets.columns.size() == 5 + 7 + 3);
    CHECK(targets.rows[0][12].text == "补链: 正极; 延链: 整车; 以商招商: 本地伙伴 F3; 链主企业");
    CHECK(targets.rows[0][14].text == "6 月约见");
    // Profile basis none: the neutral 0.5 is imputed and shown marked, so the columns still add up.
    CHECK(targets.rows[0][10].text == "0.00*");
    CHECK(targets.rows[0][11].text == "–");  // innovation without resources: no data, adds nothing
    CHECK(targets.columns[10].title == "三高三低(加权) * 无数据，按中性值 0.5 计");
    const DocTable& checklist = d.tables[5];
    REQUIRE(checklist.rows.size() == 10);
    CHECK(checklist.rows[5][1].text == "设立一支产业基金");
    CHECK(checklist.rows[5][2].text == "进行中");
    CHECK(checklist.rows[5][3].text == "财政局");
    CHECK(checklist.rows[7][6].text == "本地暂无链主企业");  // f2, the only leader, is in shanghai
}

namespace {

// Shared strings and the cells of one sheet of an .xlsx, read from its XML with unzip.
struct Sheet {
    std::map<std::string, std::string> cells;  // "B2" -> text or number as written
};

std::string unescape(std::string text) {
    const std::pair<const char*, const char*> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities)
        for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + 1))
            text.replace(at, std::strlen(from), to);
    return text;
}

std::vector<std::string> sharedStrings(const std::string& xlsx) {
    std::string xml = shell("unzip -p " + quote(xlsx) + " xl/sharedStrings.xml");
    std::vector<std::string> strings;
    std::regex item("<si><t[^>]*>([^<]*)</t></si>");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), item); it != std::sregex_iterator(); ++it)
        strings.push_back(unescape((*it)[1]));
    return strings;
}

Sheet readSheet(const std::string& xlsx, int number) {
    std::vector<std::string> strings = sharedStrings(xlsx);
    std::string xml = shell("unzip -p " + quote(xlsx) + " xl/worksheets/sheet" + std::to_string(number) + ".xml");
    Sheet sheet;
    std::regex cell("<c r=\"([A-Z]+[0-9]+)\"([^>]*)><v>([^<]*)</v></c>");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), cell); it != std::sregex_iterator(); ++it) {
        bool shared = (*it)[2].str().find("t=\"s\"") != std::string::npos;
        sheet.cells[(*it)[1]] = shared ? strings.at(std::stoul((*it)[3])) : (*it)[3].str();
    }
    return sheet;
}

std::string sessionFor(const std::string& chain, const std::string& noteFirm = "catl") {
    std::string path = scratch("session-" + chain + ".json").string();
    std::ofstream(path) << R"({"format": "chainatlas-session/1", "chain": ")" + chain + R"(", "region": "suzhou",
        "hubs": ["shanghai"], "notes": {")" +
                               noteFirm + R"(": "约见 <董事会> & 考察"},
        "checklist": {"fund": {"state": "doing", "owner": "财政局 李", "due": "2026-12-31", "note": "母基金 10 亿"}}})";
    return path;
}

}  // namespace

TEST_CASE("report -o OUT.xlsx: sheet names, target rows as analyze gives them, Chinese intact, the ten items") {
    Run json = run("analyze " + quote(kNev) + " --region suzhou --hub shanghai --format json");
    REQUIRE(json.status == 0);
    auto targets = nlohmann::json::parse(json.out)["targets"];
    REQUIRE(targets.size() >= 3);
    std::string xlsx = scratch("report.xlsx").string(), session = sessionFor("nev", targets[0]["firm"]);
    Run r = run("report " + quote(kNev) + " --lang zh --session " + quote(session) + " -o " + quote(xlsx));
    INFO(r.err);
    REQUIRE(r.status == 0);
    std::string workbook = shell("unzip -p " + quote(xlsx) + " xl/workbook.xml");
    std::regex name("<sheet name=\"([^\"]+)\"");
    std::vector<std::string> sheets;
    for (auto it = std::sregex_iterator(workbook.begin(), workbook.end(), name); it != std::sregex_iterator(); ++it)
        sheets.push_back((*it)[1]);
    CHECK(sheets ==
          std::vector<std::string>{"概览", "招商目标", "环节", "产业选择", "暂不建议", "本地配套", "十个一", "来源"});

    Chain chain = test::chainFromFile(kNev);
    Sheet sheet = readSheet(xlsx, 2);
    CHECK(sheet.cells["C1"] == "企业");
    for (std::size_t i = 0; i < targets.size(); ++i) {
        std::string row = std::to_string(i + 2);
        CAPTURE(row);
        CHECK(sheet.cells["A" + row] == std::to_string(targets[i]["rank"].get<int>()));  // a number, not text
        CHECK(sheet.cells["D" + row] == targets[i]["firm"]);
        CHECK(std::stod(sheet.cells["E" + row]) == doctest::Approx(targets[i]["score"].get<double>()));
        const Firm& firm = chain.firms[findFirm(chain, targets[i]["firm"])];
        CHECK(sheet.cells["C" + row] == firm.name.zh);  // Chinese survives the workbook byte for byte
        CHECK(sheet.cells["B" + row] == std::to_string(targets[i]["rank_range"][0].get<int>()) + "\u2013" +
                                            std::to_string(targets[i]["rank_range"][1].get<int>()));
        // The seven weighted columns (F to L) add up to the score shown; "1.00*" is an imputed 0.5 x 2.
        double sum = 0;
        for (char column = 'F'; column <= 'L'; ++column) {
            std::string cell = sheet.cells[std::string(1, column) + row];
            if (cell != "\u2013") sum += std::stod(cell);  // stod stops at the "*" mark
        }
        CHECK(sum == doctest::Approx(std::stod(sheet.cells["E" + row])).epsilon(0.0001).scale(0.04));
    }
    CHECK(sheet.cells.count("A" + std::to_string(targets.size() + 2)) == 0);  // every target, no more
    CHECK(sheet.cells["O2"] == "约见 <董事会> & 考察");  // the planner's note on the first target, escaped and back

    Sheet checklist = readSheet(xlsx, 7);
    for (int i = 0; i < kChecklistCount; ++i)
        CHECK(checklist.cells["B" + std::to_string(i + 2)] == checklistTitle(i, Lang::Zh));
    CHECK(checklist.cells["C7"] == "进行中");  // fund is the sixth item: row 7
    CHECK(checklist.cells["D7"] == "财政局 李");
    CHECK(checklist.cells.count("B12") == 0);
}

TEST_CASE("report -o OUT.pdf: region, top targets, page numbers, embedded Chinese font, repeated headers") {
    std::string pdf = scratch("report.pdf").string(), session = sessionFor("nev");
    Run r = run("report " + quote(kNev) + " --lang zh --session " + quote(session) + " -o " + quote(pdf));
    INFO(r.err);
    REQUIRE(r.status == 0);
    std::string info = shell("pdfinfo " + quote(pdf));
    std::smatch pages;
    REQUIRE(std::regex_search(info, pages, std::regex("Pages:\\s+([0-9]+)")));
    int pageCount = std::stoi(pages[1]);
    CHECK(pageCount >= 4);  // title page with the map, targets, segments and the lists after them
    std::string text = shell("pdftotext -enc UTF-8 " + quote(pdf) + " -");
    Chain chain = test::chainFromFile(kNev);
    CHECK(text.find("苏州工业园区") != std::string::npos);
    Run json = run("analyze " + quote(kNev) + " --region suzhou --hub shanghai --format json --top 3");
    nlohmann::json top = nlohmann::json::parse(json.out);  // kept: a range-for over a temporary's member dangles
    for (const auto& t : top["targets"])
        CHECK(text.find(chain.firms[findFirm(chain, t["firm"])].name.zh) != std::string::npos);
    CHECK(std::regex_search(text,
                            std::regex("第\\s*" + std::to_string(pageCount) + "\\s*页")));  // the last page is numbered
    CHECK(text.find("设立一支产业基金") != std::string::npos);
    CHECK(text.find("财政局 李") != std::string::npos);
    // The priorities chart has a page of its own, after its heading (it was missing: the option was never filled).
    std::size_t chart = text.find("产业选择: 可行性 × 吸引力");
    REQUIRE(chart != std::string::npos);
    std::size_t chartEnd = text.find('\f', chart);
    CHECK(text.substr(chart, chartEnd - chart).find("可行性: 关联密度 ω") !=
          std::string::npos);  // the chart's own axis

    // A table that runs over a page starts the next one with its heading and header row again.
    int continued = 0;
    std::size_t start = 0;
    for (std::size_t end = text.find('\f'); end != std::string::npos; start = end + 1, end = text.find('\f', start)) {
        std::string page = text.substr(start, end - start);
        if (page.find("数据来源（续）") != std::string::npos)
            CHECK((page.find("标题") != std::string::npos && page.find("网址") != std::string::npos));
        if (page.find("招商目标（续）") != std::string::npos) CHECK(page.find("理由") != std::string::npos);
        continued += page.find("（续）") != std::string::npos;
    }
    CHECK(continued >= 1);

    std::string fonts = shell("pdffonts " + quote(pdf));
    INFO(fonts);
    CHECK(std::regex_search(fonts, std::regex("WenQuanYiMicroHei\\s+CID TrueType\\s+Identity-H\\s+yes")));
}

TEST_CASE("map -o OUT.png: twice the SVG's size, and not blank") {
    std::string svgPath = scratch("map.svg").string(), pngPath = scratch("map.png").string();
    REQUIRE(run("map " + quote(kNev) + " --region suzhou --hub shanghai -o " + quote(svgPath)).status == 0);
    REQUIRE(run("map " + quote(kNev) + " --region suzhou --hub shanghai -o " + quote(pngPath)).status == 0);
    std::string svg = *readWholeFile(svgPath);
    std::smatch size;
    REQUIRE(std::regex_search(svg, size, std::regex("<svg[^>]* width=\"([0-9.]+)\" height=\"([0-9.]+)\"")));
    cairo_surface_t* image = cairo_image_surface_create_from_png(pngPath.c_str());
    REQUIRE(cairo_surface_status(image) == CAIRO_STATUS_SUCCESS);
    int width = cairo_image_surface_get_width(image), height = cairo_image_surface_get_height(image);
    CHECK(width == std::lround(std::stod(size[1]) * 2));
    CHECK(height == std::lround(std::stod(size[2]) * 2));
    const unsigned char* pixels = cairo_image_surface_get_data(image);
    int stride = cairo_image_surface_get_stride(image);
    long coloured = 0;  // neither white nor grey: the segment fills
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const unsigned char* p = pixels + static_cast<std::ptrdiff_t>(y) * stride +
                                     static_cast<std::ptrdiff_t>(x) * 4;  // B, G, R, X
            coloured += std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]}) > 40;
        }
    cairo_surface_destroy(image);
    CHECK(coloured > static_cast<long>(width) * height / 100);  // over 1% of the map is coloured
}

TEST_CASE("bad output: unknown extension, unwritable folder (exit 1), a session for another chain (exit 2): no file") {
    std::string good = scratch("kept.pdf").string();
    std::ofstream(good) << "old";
    auto noFile = [](const std::string& path) { return !std::filesystem::exists(path); };
    auto oneLine = [](const Run& r) { return r.status == 1 && !r.err.empty() && r.err.find('\n') == r.err.size() - 1; };

    std::string docx = scratch("report.docx").string();
    Run r = run("report " + quote(kNev) + " --region suzhou -o " + quote(docx));
    CHECK(oneLine(r));
    CHECK(r.err.find("unknown extension (use .xlsx or .pdf)") != std::string::npos);
    CHECK(noFile(docx));
    r = run("map " + quote(kNev) + " --region suzhou -o " + quote(scratch("map.jpg").string()));
    CHECK(oneLine(r));
    CHECK(noFile(scratch("map.jpg").string()));

    r = run("report " + quote(kNev) + " --region suzhou -o /nonexistent-folder/report.xlsx");
    CHECK(oneLine(r));
    CHECK(r.err.find("/nonexistent-folder") != std::string::npos);
    r = run("report " + quote(kNev) + " --region suzhou -o " + quote(good + "/report.pdf"));  // the "folder" is a file
    CHECK(oneLine(r));

    // A session written for another chain is invalid data, located at its "chain" (issue 25, item 12).
    r = run("report " + quote(kNev) + " --session " + quote(sessionFor("mini")) + " -o " + quote(good));
    CHECK(r.status == 2);
    CHECK(r.err.find(": /chain: the session is for chain \"mini\", not \"nev\"") != std::string::npos);
    CHECK(*readWholeFile(good) == "old");  // the earlier file is untouched
    std::vector<std::string> leftovers;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(good).parent_path()))
        if (entry.path().filename().string().find(".tmp") != std::string::npos) leftovers.push_back(entry.path());
    CHECK(leftovers.empty());  // no temporary file left behind
    std::filesystem::remove_all(std::filesystem::path(good).parent_path());
}

TEST_CASE("analyze --format csv carries the reason in words, the sources and the note from --session") {
    std::string session = scratch("csv-session.json").string();
    std::ofstream(session) << R"({"format": "chainatlas-session/1", "chain": "mini", "region": "suzhou",
                                 "notes": {"f2": "见面, 6 月 \"急\""}})";
    Run r = run("analyze " + quote(kMini) + " --session " + quote(session) + " --format csv --lang zh");
    REQUIRE(r.status == 0);
    CHECK(r.out.rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(r.out.find(",供应枢纽企业,供应枢纽企业(推断),理由,来源,备注\r\n") != std::string::npos);  // --lang zh
    std::size_t row = r.out.find("\r\n1,1\u20131,f2,");
    REQUIRE(row != std::string::npos);
    std::string line = r.out.substr(row + 2, r.out.find("\r\n", row + 2) - row - 2);
    // f3 is f2's local buyer; the supply names no plant, so f3's end in suzhou is inferred from its site.
    CHECK(line.find(",f3,f3,,,补链: 正极; 延链: 整车; 以商招商: 本地伙伴 F3(推断); 链主企业,Test,") !=
          std::string::npos);
    // f2: fit 1 x 3 + anchor 1/3 x 2 + leader 1 + profile imputed 0.5 x 2 = 5.666667; the mark stays on both cells.
    CHECK(line.rfind("1,1\u20131,f2,F2,5.666667,", 0) == 0);
    CHECK(line.find(",0.500000*,1.000000*,\u2013,\u2013,无数据,") != std::string::npos);
    CHECK(r.out.find("\r\n* 无数据，按中性值 0.5 计\r\n") != std::string::npos);
    CHECK(line.substr(line.size() - std::string("\"见面, 6 月 \"\"急\"\"\"").size()) ==
          "\"见面, 6 月 \"\"急\"\"\"");  // quoted for Excel
}

TEST_CASE("a meeting page lists two sources of a well-documented firm and counts the rest") {
    Chain chain = test::chainFromFile(kNev);
    auto many = std::find_if(chain.firms.begin(), chain.firms.end(),
                             [](const Firm& f) { return f.sources.size() >= 3; });
    REQUIRE(many != chain.firms.end());
    int firm = static_cast<int>(many - chain.firms.begin());
    std::size_t n = many->sources.size();
    std::string brief = firmSources(chain, firm, Lang::Zh, 2);
    CHECK(brief.find(" 等 " + std::to_string(n) + " 项") != std::string::npos);
    CHECK(brief.find(chain.sources[many->sources[2]].title) ==
          std::string::npos);  // the third is left for the workbook
    CHECK(firmSources(chain, firm, Lang::En, 2).find(" and " + std::to_string(n - 2) + " more") != std::string::npos);
    CHECK(firmSources(chain, firm, Lang::Zh, n) == firmSources(chain, firm, Lang::Zh));  // nothing to cut
}

// --- Issue 25: documents lose no text and are valid files, whatever the names hold ---

namespace {

// A one-table document; `cells` is its only row.
Document oneRowDocument(const std::string& title, const std::vector<std::string>& cells) {
    Document d;
    d.title = title;
    d.subtitle = "subtitle";
    d.overviewSheet = "overview";
    d.overviewHeader = {"item", "value"};
    d.pageWord = "Page %d";
    d.continued = " (continued)";
    DocTable table;
    table.sheet = "table";
    table.heading = "Table";
    for (std::size_t c = 0; c < cells.size(); ++c) table.columns.push_back({"column " + std::to_string(c), 1, true});
    std::vector<DocCell> row;
    row.reserve(cells.size());
    for (const std::string& text : cells) row.push_back(DocCell::of(text));
    table.rows.push_back(row);
    d.tables.push_back(table);
    return d;
}

// "w0001 w0002 ...": numbered words, so the test can tell which ones reached the page.
std::string numberedWords(int count) {
    std::string text;
    char word[16];
    for (int i = 1; i <= count; ++i) {
        std::snprintf(word, sizeof word, "w%04d ", i);
        text += word;
    }
    return text;
}

bool xmlPartValid(const std::string& xlsx, const std::string& part) {
    std::string command = "unzip -p " + quote(xlsx) + " " + part + " | xmllint --noout - 2>&1";
    return shell(command).empty();
}

}  // namespace

TEST_CASE("issue 25.1: a table row taller than a page continues on the next page (续), no line lost") {
    // A narrow column of 3,000 numbered words takes some 600 lines: four pages. Before, the row ran off the
    // bottom of the first page, and every word past line ~80 was missing from the PDF.
    std::string pdf = scratch("tall-row.pdf").string();
    Document d = oneRowDocument("Tall row", {"name", numberedWords(3000)});
    d.continuedCell = "续 ";
    REQUIRE(writePdf(d, pdf));
    std::string text = shell("pdftotext -enc UTF-8 " + quote(pdf) + " -");
    for (int i : {1, 80, 150, 1500, 2999, 3000}) {
        char word[16];
        std::snprintf(word, sizeof word, "w%04d", i);
        INFO(word);
        CHECK(text.find(word) != std::string::npos);
    }
    CHECK(text.find("续") != std::string::npos);
    CHECK(std::stoi(shell("pdfinfo " + quote(pdf) + " | awk '/^Pages:/ {print $2}'")) >= 3);
}

TEST_CASE("issue 25.2: a cell past Excel's 32,767 characters is cut with a visible mark and a warning") {
    std::string xlsx = scratch("long-cell.xlsx").string();
    std::string note(40000, 'n');
    std::vector<std::string> warnings;
    REQUIRE(writeXlsx(oneRowDocument("Long cell", {"name", note}), xlsx, &warnings));
    // Read without std::regex, whose recursion does not survive a 32k-character match.
    std::string xml = shell("unzip -p " + quote(xlsx) + " xl/sharedStrings.xml");
    std::size_t start = xml.find(std::string(1000, 'n'));
    REQUIRE(start != std::string::npos);  // before: the cell was left empty, the whole note lost without a word
    std::string cell = xml.substr(start, xml.find('<', start) - start);
    CHECK(cell.find("… [+") != std::string::npos);
    CHECK(decodeUtf8(cell).size() <= kExcelCellLimit);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("row 2, column 2") != std::string::npos);
}

TEST_CASE("issue 25.3: xlsx text is handed on whole: a NUL inside a name is marked, the rest kept") {
    std::string xlsx = scratch("nul.xlsx").string();
    REQUIRE(writeXlsx(oneRowDocument("NUL", {std::string("苏\0州", 7)}), xlsx));
    Sheet sheet = readSheet(xlsx, 2);
    CHECK(sheet.cells["A2"] == "苏\xEF\xBF\xBD州");  // before: "苏", the rest cut at the NUL
}

TEST_CASE("issue 25.4: every XML part of the workbook is valid, and a literal _x0041_ stays as written") {
    std::string xlsx = scratch("hostile-xml.xlsx").string();
    Document d = oneRowDocument("Hostile\x07 chain \x1b[2J", {"B\xEF\xBF\xBE\xEF\xBF\xBF"
                                                              "end",
                                                              "_x0041_ literal"});
    REQUIRE(writeXlsx(d, xlsx));
    for (const char* part : {"docProps/core.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet2.xml"}) {
        INFO(part);
        CHECK(xmlPartValid(xlsx, part));  // before: raw BEL, ESC in core.xml and U+FFFE, U+FFFF in sharedStrings
    }
    std::string xml = shell("unzip -p " + quote(xlsx) + " xl/sharedStrings.xml");
    CHECK(xml.find("_x005F_x0041_ literal") != std::string::npos);  // Excel shows "_x0041_", not "A"
    CHECK(xml.find("B\xEF\xBF\xBD\xEF\xBF\xBD"
                   "end") != std::string::npos);
}

TEST_CASE("issue 25.6: a report whose names hold noncharacters (U+FDD0, U+10FFFF) is written, exit 0") {
    std::string chain = scratch("nonchar.json").string();
    std::ofstream(chain) << R"({"format": "chainatlas/1", "chain": {"id": "n", "name": "N"},
        "segments": [{"id": "a", "name": "seg\uFDD0ment\uDBFF\uDFFF"}, {"id": "b", "name": "B"}],
        "links": [{"from": "a", "to": "b"}], "regions": [{"id": "r", "name": "R"}],
        "firms": [{"id": "f", "sites": [{"region": "r", "segments": ["a"]}]}]})";
    std::string pdf = scratch("nonchar.pdf").string();
    Run r = run("report " + quote(chain) + " --region r -o " + quote(pdf));
    CHECK(r.status == 0);  // before: exit 1, "rendering error: InvalidString"
    CHECK(r.err.empty());
    CHECK(shell("pdftotext -enc UTF-8 " + quote(pdf) + " -").find("seg\xEF\xBF\xBDment") != std::string::npos);
}

TEST_CASE("issue 25.7: a 1,100-character segment name makes a firm-level PNG of ordinary size, exit 0") {
    std::string chain = scratch("long-segment.json").string();
    std::ofstream(chain) << R"({"format": "chainatlas/1", "chain": {"id": "n", "name": "N"},
        "segments": [{"id": "a", "name": ")"
                         << std::string(1100, 'S') << R"("}, {"id": "b", "name": "B"}],
        "links": [{"from": "a", "to": "b"}], "regions": [{"id": "r", "name": "R"}],
        "firms": [{"id": "f", "sites": [{"region": "r", "segments": ["a"]}]}]})";
    std::string png = scratch("long-segment.png").string();
    Run r = run("map " + quote(chain) + " --region r --level firm -o " + quote(png));
    REQUIRE(r.status == 0);  // before: exit 1, "InvalidSize" (the box grew to 17,600 px)
    cairo_surface_t* image = cairo_image_surface_create_from_png(png.c_str());
    CHECK(cairo_surface_status(image) == CAIRO_STATUS_SUCCESS);
    CHECK(cairo_image_surface_get_width(image) < 4000);
    cairo_surface_destroy(image);
}

TEST_CASE("issue 25.16: firm-level maps with emoji names print no Graphviz warning") {
    std::string chain = scratch("emoji.json").string();
    std::ofstream(chain) << R"({"format": "chainatlas/1", "chain": {"id": "n", "name": "N"},
        "segments": [{"id": "a", "name": "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀"}, {"id": "b", "name": "B"}],
        "links": [{"from": "a", "to": "b"}], "regions": [{"id": "r", "name": "R"}],
        "firms": [{"id": "f", "sites": [{"region": "r", "segments": ["a"]}]}]})";
    Run r = run("map " + quote(chain) + " --region r --level firm -o " + quote(scratch("emoji.svg").string()));
    CHECK(r.status == 0);
    CHECK(r.err.empty());  // before: "Warning: node s0, ... size too small for label"
}
