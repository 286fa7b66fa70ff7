// Viewer state operations without a window: open, region, hubs, weights, what-if, undo/redo, search, sessions.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/base/file_io.hpp"
#include "chainatlas/results/result_writers.hpp"
#include "state/collate.hpp"
#include "state/explain.hpp"
#include "state/map_view.hpp"
#include "state/state.hpp"
#include "state/target_table.hpp"
#include "workers/analysis_worker.hpp"

using namespace chainatlas;
using viewer::Selection;
using viewer::SelectionKind;
using viewer::ViewerState;

namespace {
const std::string kMini = std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json";

ViewerState opened() {
    ViewerState state;
    REQUIRE(viewer::openChain(state, kMini));
    return state;
}

// Shows an analysis with these targets alone (the target table's cases), without what-ifs.
void showTargets(ViewerState& state, std::vector<Target> targets) {
    auto analysis = std::make_shared<Analysis>();
    analysis->targets = std::move(targets);
    std::shared_ptr<const Analysis> shown = analysis, plain = analysis;
    state.showAnalysis(shown, plain);
}
}  // namespace

TEST_CASE("opening a chain analyses its first region and a broken file keeps the chain that was open") {
    ViewerState state = opened();
    CHECK(state.scenario.region == 0);  // suzhou
    CHECK(state.analysis().segments.size() == 4);
    CHECK(state.recentFiles.front() == kMini);
    REQUIRE(state.percentiles.size() == 3);  // computed once with the chain, not every frame
    CHECK(state.percentiles[0][0] == 0.5);   // mini has no metrics: q = 0.5
    int generation = state.layoutGeneration();
    CHECK_FALSE(viewer::openChain(state, std::string(CHAINATLAS_TEST_DATA_DIR) + "/bad/link_cycle.json"));
    CHECK(state.path == kMini);
    REQUIRE_FALSE(state.problems.empty());
    CHECK(state.problems[0].location == "/links/3");
    CHECK(state.layoutGeneration() == generation);
}

TEST_CASE("a chain loaded for the viewer starts in the scenario asked for, analysed, its sites counted") {
    // What the open worker does, then what the window does with it.
    viewer::OpenedChain loaded = viewer::loadForViewer(kMini, [](const Chain& chain) {
        viewer::Scenario scenario;
        scenario.region = findRegion(chain, "shanghai");  // 1
        scenario.hubs = {findRegion(chain, "suzhou")};    // 0
        return scenario;
    });
    REQUIRE(loaded.chain);
    CHECK(loaded.first.analysis->region == 1);
    CHECK(loaded.first.analysis->hubs == std::vector<int>{0});
    CHECK(loaded.first.drawnSites == 3);  // f1, f2, f3: one site each
    REQUIRE(loaded.percentiles.size() == 3);
    ViewerState state = opened();
    viewer::setRegion(state, 1);
    REQUIRE_FALSE(state.undoStack.empty());
    std::weak_ptr<const Chain> before = state.chain;
    REQUIRE(viewer::adoptChain(state, loaded));
    CHECK(loaded.chain == before.lock());  // what it replaced, for the caller to free on a worker
    CHECK(state.scenario.region == 1);
    CHECK(state.scenario.hubs == std::vector<int>{0});
    CHECK(state.analysis().region == 1);
    CHECK_FALSE(state.analysing());
    CHECK(state.undoStack.empty());
    CHECK(state.drawnSites == 3);
    // A what-if adds a site where the firm is assumed: f1 in shanghai, 3 + 1 = 4.
    viewer::assume(state, {findFirm(*state.chain, "f1"), 1, {}});
    CHECK(state.drawnSites == 4);
    // A file that fails: no chain, the problems, and the state keeps what it had.
    viewer::OpenedChain broken = viewer::loadForViewer(std::string(CHAINATLAS_TEST_DATA_DIR) + "/bad/link_cycle.json");
    CHECK_FALSE(broken.chain);
    CHECK_FALSE(viewer::adoptChain(state, broken));
    CHECK(state.path == kMini);
    CHECK_FALSE(state.problems.empty());
    CHECK(state.drawnSites == 4);
}

TEST_CASE("hubs, what-if and undo/redo step through scenarios") {
    ViewerState state = opened();
    int b = findSegment(*state.chain, "b"), f2 = findFirm(*state.chain, "f2");
    viewer::setHub(state, findRegion(*state.chain, "shanghai"), true);
    CHECK(state.analysis().segments[b].occupied);  // see test_whatif.cpp: shanghai is strong in b
    viewer::assume(state, {f2, state.scenario.region, {}});
    CHECK(viewer::isAssumed(state, f2));
    CHECK(state.analysis().segments[b].status == SegmentStatus::Weak);
    REQUIRE(state.analysis().changed.size() == 2);
    CHECK(state.drawn->firms[f2].sites.size() == 2);  // the map draws the assumed site
    CHECK(state.chain->firms[f2].sites.size() == 1);  // the loaded chain is untouched
    CHECK(viewer::undo(state));
    CHECK_FALSE(viewer::isAssumed(state, f2));
    CHECK(state.analysis().segments[b].status == SegmentStatus::Gap);
    CHECK(viewer::undo(state));
    CHECK(state.scenario.hubs.empty());
    CHECK_FALSE(state.analysis().segments[b].occupied);
    CHECK_FALSE(viewer::undo(state));
    CHECK(viewer::redo(state));
    CHECK(viewer::redo(state));
    CHECK(viewer::isAssumed(state, f2));
    CHECK_FALSE(viewer::redo(state));
    viewer::unassume(state, f2);
    CHECK(state.analysis().changed.empty());
}

TEST_CASE("choosing a hub as the focal region takes it out of the hubs, and undo puts both back") {
    ViewerState state = opened();
    int suzhou = state.scenario.region, shanghai = findRegion(*state.chain, "shanghai");
    viewer::setHub(state, shanghai, true);
    viewer::setRegion(state, shanghai);
    CHECK(state.scenario.region == shanghai);
    CHECK(state.scenario.hubs.empty());
    CHECK(state.analysis().hubs.empty());
    CHECK(viewer::undo(state));
    CHECK(state.scenario.region == suzhou);
    CHECK(state.scenario.hubs == std::vector<int>{shanghai});
}

TEST_CASE("weights re-rank without recomputing statuses, and a weight change is one undo step") {
    ViewerState state = opened();
    viewer::setHub(state, findRegion(*state.chain, "shanghai"), true);
    // f2 earns fit only in b and d, both held by Shanghai: with the default discount 1.0 it is set aside.
    CHECK(state.analysis().targets.empty());
    REQUIRE(state.analysis().setAside.size() == 1);
    Weights w;
    w.occupiedDiscount = 0.5;  // fit max(1.0, 0.6) * 0.5 = 0.5: back as a target, 1.5 + 2/3 + 1 + 1 (test_cli.cpp)
    viewer::setWeights(state, w, true);
    REQUIRE(state.analysis().targets.size() == 1);
    CHECK(state.analysis().setAside.empty());
    double before = state.analysis().targets[0].score;
    CHECK(before == doctest::Approx(1.5 + 2.0 / 3 + 1 + 1));
    w.leader = 3;
    viewer::setWeights(state, w, false);  // a drag in progress: no new step
    CHECK(state.analysis().targets[0].score == doctest::Approx(before + 2));
    CHECK(state.analysis().weights.leader == 3);
    viewer::setWeights(state, Weights{}, false);
    CHECK(state.analysis().targets.empty());  // the default discount sets f2 aside again
    CHECK(state.undoStack.size() == 2);       // the hub, then the first weight change
    viewer::undo(state);
    CHECK(state.scenario.weights.leader == 1);
    CHECK(state.scenario.weights.occupiedDiscount == 1.0);
}

TEST_CASE("search finds firms and segments by Chinese, English and id") {
    ViewerState state = opened();
    auto hits = viewer::search(state, "正极");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0] == Selection{SelectionKind::Segment, findSegment(*state.chain, "b")});
    CHECK(viewer::search(state, "cathode").size() == 1);  // case-insensitive English
    CHECK(viewer::search(state, "f3")[0] == Selection{SelectionKind::Firm, findFirm(*state.chain, "f3")});
    CHECK(viewer::search(state, "zzz").empty());
}

TEST_CASE("a session survives a save and a load") {
    ViewerState state = opened();
    viewer::setHub(state, findRegion(*state.chain, "shanghai"), true);
    viewer::assume(state, {findFirm(*state.chain, "f2"), 0, {findSegment(*state.chain, "b")}});
    Weights w;
    w.fit = 4.5;
    viewer::setWeights(state, w, true);
    viewer::notesHere(state)["f2"] = "约见 6 月";
    state.checklists["suzhou"][5] = {ChecklistState::Doing, "财政局", "2026-12-31", ""};
    state.checklists["shanghai"][0].state = ChecklistState::Done;  // another region's list is kept too
    viewer::setLang(state, Lang::En);
    std::string path = (std::filesystem::temp_directory_path() / "chainatlas-session-test.json").string();
    REQUIRE(viewer::saveSession(state, path));

    ViewerState loaded;
    REQUIRE(viewer::loadSession(loaded, path) == "");
    CHECK(loaded.scenario.hubs == state.scenario.hubs);
    CHECK(loaded.scenario.weights.fit == 4.5);
    REQUIRE(loaded.scenario.assumptions.size() == 1);
    CHECK(loaded.scenario.assumptions[0].segments == std::vector<int>{findSegment(*state.chain, "b")});
    CHECK(viewer::notesHere(loaded)["f2"] == "约见 6 月");
    CHECK(loaded.checklists["suzhou"][5].owner == "财政局");
    CHECK(loaded.checklists["shanghai"][0].state == ChecklistState::Done);
    CHECK(loaded.lang == Lang::En);
    CHECK(loaded.analysis().changed.size() == 1);
    std::filesystem::remove(path);
}

TEST_CASE("a broken session is refused with its place, and the state is left as it was") {
    ViewerState state = opened();
    std::string path = (std::filesystem::temp_directory_path() / "chainatlas-broken-session.json").string();
    auto attempt = [&](const std::string& text) {
        std::ofstream(path) << text;
        return viewer::loadSession(state, path);
    };
    CHECK(attempt("{not json").find("syntax error") != std::string::npos);
    CHECK(attempt(R"({"format": "other"})").find("/format") != std::string::npos);
    std::string file = nlohmann::json(kMini).dump();
    std::string problem = attempt(R"({"format": "chainatlas-session/1", "file": )" + file +
                                  R"(, "hubs": ["shanghia"]})");
    CHECK(problem.find("/hubs/0: unknown region \"shanghia\" (did you mean \"shanghai\"?)") != std::string::npos);
    problem = attempt(R"({"format": "chainatlas-session/1", "file": )" + file +
                      R"(, "assumptions": [{"firm": "nobody", "region": "suzhou"}]})");
    CHECK(problem.find("/assumptions/0/firm") != std::string::npos);
    CHECK(attempt(R"({"format": "chainatlas-session/1", "file": "/nonexistent.json"})").find("/file") !=
          std::string::npos);
    CHECK(state.path == kMini);  // unchanged
    CHECK(state.scenario.hubs.empty());
    std::filesystem::remove(path);
}

TEST_CASE("a session loaded for the viewer is analysed in its own scenario, adopted whole or not at all") {
    // What the open worker does with a session, then what the window does with it.
    std::string file = nlohmann::json(kMini).dump();
    nlohmann::json good = nlohmann::json::parse(R"({"format": "chainatlas-session/1", "file": )" + file + R"(,
        "lang": "en", "region": "shanghai", "hubs": ["suzhou"], "weights": {"fit": 2.5},
        "assumptions": [{"firm": "f1", "region": "shanghai"}], "notes": {"f2": "约见 6 月"}})");
    viewer::OpenedSession loaded = viewer::sessionForViewer(good, "s.json");
    REQUIRE(loaded.problem == "");
    REQUIRE(loaded.opened.chain);
    // The one analysis made is the session's (not the default first region analysed, then the session's).
    CHECK(loaded.opened.first.analysis->region == 1);  // shanghai
    CHECK(loaded.opened.first.analysis->hubs == std::vector<int>{0});
    CHECK(loaded.opened.first.analysis->weights.fit == 2.5);
    CHECK(loaded.opened.first.plain != loaded.opened.first.analysis);  // a what-if: ranks against the plain one
    CHECK(loaded.opened.first.drawnSites == 4);  // f1, f2, f3 one site each, + f1 assumed in shanghai
    // Adopted over another open file with an undo step: the session replaces all of it.
    ViewerState state;
    std::string escape = std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/escape.json";
    REQUIRE(viewer::openChain(state, escape));
    viewer::notesHere(state)["x"] = "old";
    std::weak_ptr<const Chain> before = state.chain;
    int generation = state.chainGeneration();
    CHECK(viewer::adoptSession(state, loaded) == "");
    CHECK(loaded.opened.chain == before.lock());  // what it replaced, for the caller to free on a worker
    CHECK(state.path == kMini);
    CHECK(state.chainGeneration() == generation + 1);
    CHECK(state.scenario.region == 1);
    CHECK(state.scenario.assumptions.size() == 1);
    CHECK(state.analysis().region == 1);
    CHECK(state.drawnSites == 4);
    CHECK_FALSE(state.analysing());
    CHECK(state.undoStack.empty());
    CHECK(viewer::notesHere(state) == std::map<std::string, std::string>{{"f2", "约见 6 月"}});
    CHECK(state.notes.size() == 1);  // the session's one set of notes, its region's; "x" of the last file gone
    CHECK(state.checklists.count("shanghai") == 1);  // the session's region has its (empty) list
    CHECK(state.lang == Lang::En);

    // A scenario that does not resolve: refused with its place, the state as it was.
    nlohmann::json misspelt = good;
    misspelt["hubs"] = {"shanghia"};
    viewer::OpenedSession refused = viewer::sessionForViewer(misspelt, "s.json");
    CHECK(refused.problem.find("s.json: /hubs/0: unknown region \"shanghia\" (did you mean \"shanghai\"?)") !=
          std::string::npos);
    CHECK_FALSE(refused.chainUnreadable);
    int layout = state.layoutGeneration();
    CHECK(viewer::adoptSession(state, refused) == refused.problem);
    CHECK(state.layoutGeneration() == layout);
    CHECK(state.chainGeneration() == generation + 1);
    CHECK(viewer::notesHere(state).count("f2") == 1);
    // A chain that cannot be read: refused, and the problems window gets the chain's located errors.
    nlohmann::json cyclic = good;
    cyclic["file"] = std::string(CHAINATLAS_TEST_DATA_DIR) + "/bad/link_cycle.json";
    viewer::OpenedSession unreadable = viewer::sessionForViewer(cyclic, "s.json");
    CHECK(unreadable.chainUnreadable);
    CHECK(unreadable.problem.find("s.json: /file: cannot open") == 0);
    CHECK(viewer::adoptSession(state, unreadable) == unreadable.problem);
    REQUIRE_FALSE(state.problems.empty());
    CHECK(state.problems[0].location == "/links/3");
    CHECK(state.path == kMini);
    CHECK(state.scenario.region == 1);
}

TEST_CASE("level and expanded segments bump the layout generation and shape the layout request") {
    ViewerState state = opened();
    int generation = state.layoutGeneration();
    viewer::toggleExpanded(state, 1);
    CHECK(state.level == MapLevel::Firm);
    CHECK(state.layoutGeneration() == generation + 1);
    LayoutOptions options = viewer::layoutOptions(state, "WenQuanYi Micro Hei", 14);
    CHECK(options.expands(1));
    CHECK_FALSE(options.expands(0));
    viewer::setLevel(state, MapLevel::Segment);
    CHECK_FALSE(viewer::layoutOptions(state, "x", 14).expands(1));
}

TEST_CASE("search ignores spaces, punctuation and brackets, so Bosch Suzhou finds Bosch (Suzhou)") {
    CHECK(viewer::searchKey("Bosch (Suzhou)") == "boschsuzhou");
    CHECK(viewer::searchKey("Bosch Suzhou") == "boschsuzhou");
    CHECK(viewer::searchKey("博世（苏州）") == "博世苏州");
    CHECK(viewer::searchKey("CATL-Ningde 3.0") == "catlningde30");
    ViewerState state = opened();
    CHECK(viewer::search(state, "Cath.ode")[0] == Selection{SelectionKind::Segment, findSegment(*state.chain, "b")});
    CHECK(viewer::search(state, " - ").empty());  // nothing left to look for
}

TEST_CASE("locating shows the box with its context: the context fills 90% of the view, zoomed in at most 1.6x") {
    viewer::Camera camera;
    Box box{100, 50, 200, 50};     // centre (200, 75)
    Box context{0, 0, 1000, 250};  // the box and its neighbours; centre (500, 125)
    camera = viewer::locateCamera(camera, box, context, 1000, 500);
    // zoom = min(1000/1000, 500/250) * 0.9 = 0.9; x = 500 - 1000 / (2 * 0.9) = -55.56; y = 125 - 500 / 1.8 = -152.78
    CHECK(camera.zoom == doctest::Approx(0.9));
    CHECK(camera.x == doctest::Approx(-55.556).epsilon(1e-3));
    CHECK(camera.y == doctest::Approx(-152.778).epsilon(1e-3));
    // A lone box (no neighbours): it fills the view no more than 1.6x allows (was 4x: one blurry box).
    Box cell{0, 0, 10, 10};
    CHECK(viewer::locateCamera(camera, cell, cell, 1000, 500).zoom == doctest::Approx(viewer::kLocateMostZoom));
    // A context far larger than the view (a hub linked across the map) at the least zoom: centred on the box.
    Box huge{-100000, 0, 200000, 10};
    viewer::Camera far = viewer::locateCamera(camera, box, huge, 1000, 500);
    CHECK(far.zoom == doctest::Approx(0.05));
    CHECK(far.x == doctest::Approx(200 - 1000 / (2 * 0.05)));
}

TEST_CASE("the context of a located segment is its box with the boxes of the segments linked to it") {
    MapGeometry g;
    g.segments = {{0, {0, 0, 10, 10}, {}},
                  {1, {100, 20, 10, 10}, {}},
                  {2, {-50, 200, 10, 10}, {}},
                  {3, {500, 500, 10, 10}, {}}};
    g.links = {{0, 1, {}, {}, false}, {2, 0, {}, {}, false}, {3, 3, {}, {}, false}};
    Box c = viewer::locateContext(g, g.segments[0].box, 0);
    // 0 links to 1 (100..110, 20..30) and from 2 (-50..-40, 200..210); 3 is not linked: x -50..110, y 0..210.
    CHECK(c.x == doctest::Approx(-50));
    CHECK(c.y == doctest::Approx(0));
    CHECK(c.w == doctest::Approx(160));
    CHECK(c.h == doctest::Approx(210));
    // A firm cell inside segment 3: the cell with its segment's box.
    Box cell{502, 502, 2, 2};
    Box firm = viewer::locateContext(g, cell, 3);
    CHECK(firm.x == doctest::Approx(500));
    CHECK(firm.w == doctest::Approx(10));
    CHECK(viewer::locateContext(g, cell, -1).w == doctest::Approx(2));  // no segment: the box alone
}

TEST_CASE("the recent list owns its strings: reopening an entry of the list keeps every path whole") {
    ViewerState state = opened();
    std::string escape = std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/escape.json";
    REQUIRE(viewer::openChain(state, escape));
    REQUIRE(state.recentFiles.size() == 2);
    REQUIRE(viewer::openChain(state, state.recentFiles[1]));  // a reference into the list that opening reorders
    CHECK(state.path == kMini);
    CHECK(state.recentFiles == std::vector<std::string>{kMini, escape});
    viewer::rememberRecent(state, std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/../good/escape.json");
    CHECK(state.recentFiles == std::vector<std::string>{escape, kMini});  // normalised: one entry per file
    for (int i = 0; i < 20; ++i) viewer::rememberRecent(state, "/tmp/file" + std::to_string(i));
    CHECK(state.recentFiles.size() == viewer::kRecentFilesKept);
}

TEST_CASE("rank changes compare with the analysis without the what-ifs, after undo and redo too") {
    ViewerState state = opened();
    viewer::setHub(state, findRegion(*state.chain, "shanghai"), true);
    Weights w;
    w.occupiedDiscount = 0.5;  // f2 is a target again (see the weights test above)
    viewer::setWeights(state, w, true);
    int f2 = findFirm(*state.chain, "f2");
    REQUIRE(state.analysis().targets.size() == 1);
    REQUIRE(state.analysis().targets[0].firm == f2);
    CHECK(state.baselineRank.empty());  // no what-if: nothing to compare
    viewer::assume(state, {f2, state.scenario.region, {}});
    CHECK(state.analysis().targets.empty());                   // f2 is local now
    CHECK(state.baselineRank == std::map<int, int>{{f2, 1}});  // where it stood without the what-if
    viewer::undo(state);
    CHECK(state.baselineRank.empty());
    viewer::redo(state);
    CHECK(state.baselineRank == std::map<int, int>{{f2, 1}});
}

TEST_CASE("firm names sort by pinyin in Chinese and case-insensitively in English (ICU collation)") {
    // Code point order would be 北 U+5317 < 张 U+5F20 < 苏 U+82CF; pinyin is bei < su < zhang.
    std::vector<std::string> names{"张家港", "苏州", "北京"};
    auto keys = viewer::collationKeys(names, Lang::Zh);
    REQUIRE(keys.size() == 3);
    CHECK(keys[2] < keys[1]);  // 北京 bei < 苏州 su
    CHECK(keys[1] < keys[0]);  // 苏州 su < 张家港 zhang
    auto en = viewer::collationKeys({"Banana", "apple", "cherry"}, Lang::En);
    CHECK(en[1] < en[0]);  // apple < Banana, although in bytes 'B' (0x42) < 'a' (0x61)
    CHECK(en[0] < en[2]);
}

TEST_CASE("the checklist belongs to the region: another region starts empty, and coming back finds it again") {
    ViewerState state = opened();  // suzhou
    CHECK(viewer::currentChecklist(state)[5].empty());
    viewer::setChecklistItem(state, 5, {ChecklistState::Doing, "财政局", "2026-12-31", "母基金"});
    CHECK(viewer::currentChecklist(state)[5].owner == "财政局");
    viewer::setRegion(state, findRegion(*state.chain, "shanghai"));
    CHECK(viewer::currentChecklist(state)[5].empty());
    viewer::setChecklistItem(state, 10, {ChecklistState::Done, "", "", ""});  // out of range: ignored
    viewer::undo(state);
    CHECK(viewer::currentChecklist(state)[5].state == ChecklistState::Doing);
    nlohmann::json saved = viewer::sessionToJson(state);
    CHECK(saved["checklist"]["fund"]["owner"] == "财政局");  // the session's region's list goes under "checklist"
}

// tests/data/good/four_chains.json (four_chains in test_support.cpp): uni-h, a university in the hub h, serves
// b; it is tied to t1 (training, A) and t2 (spin-off, B). lab-r in r is tied to t1 (joint lab, A) and t3
// (licence, C).
TEST_CASE("the resource layer is on for a file with resources, hides with a toggle, and a resource has details") {
    ViewerState state;
    REQUIRE(viewer::openChain(state, std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/four_chains.json"));
    CHECK(state.showResources);
    viewer::setHub(state, findRegion(*state.chain, "h"), true);
    int uni = findResource(*state.chain, "uni-h");
    viewer::select(state, {SelectionKind::Resource, uni});
    viewer::ResourceDetails d = viewer::describeResource(state, uni);
    CHECK(d.name == "枢纽大学");
    CHECK(d.kind == "高校");
    CHECK(d.region == "枢纽");
    CHECK(d.hub);
    CHECK_FALSE(d.local);
    CHECK(d.chains == "创新链、人才链");
    CHECK(d.confidence == "A");
    CHECK(d.segments == std::vector<int>{findSegment(*state.chain, "b")});
    REQUIRE(d.ties.size() == 2);  // by firm id
    CHECK(state.chain->firms[d.ties[0].firm].id == "t1");
    CHECK(d.ties[0].kind == "人才培养");
    CHECK(state.chain->firms[d.ties[1].firm].id == "t2");
    CHECK(d.ties[1].kind == "衍生企业");
    CHECK(d.ties[1].confidence == "B");
    REQUIRE(d.sources.size() == 1);
    CHECK(state.chain->sources[d.sources[0]].title == "Hand-built test case");
    viewer::setLang(state, Lang::En);
    viewer::ResourceDetails lab = viewer::describeResource(state, findResource(*state.chain, "lab-r"));
    CHECK(lab.local);
    CHECK(lab.kind == "lab");
    REQUIRE(lab.ties.size() == 2);
    CHECK(lab.ties[1].kind == "licence");
    CHECK(lab.ties[1].confidence == "C");
    // Hiding the layer drops the resource selection (its marks are gone); a segment selection stays.
    viewer::setShowResources(state, false);
    CHECK_FALSE(state.showResources);
    CHECK(state.selection == Selection{});
    viewer::select(state, {SelectionKind::Segment, 1});
    viewer::setShowResources(state, false);
    CHECK(state.selection == Selection{SelectionKind::Segment, 1});
    // A file without resources opens with the layer off.
    REQUIRE(viewer::openChain(state, kMini));
    CHECK_FALSE(state.showResources);
}

// Issue 14: the app analyses on a worker; the state keeps a synchronous mode for these tests.
TEST_CASE("deferred analysis: the newest request wins and an outcome for a replaced file is dropped") {
    ViewerState state = opened();
    state.deferAnalysis = true;
    viewer::setRegion(state, 1);  // mini: suzhou (0) -> shanghai (1)
    CHECK(state.analysing());
    CHECK(state.analysis().region == 0);  // the previous analysis stays until the outcome is stored
    viewer::AnalysisRequest first = viewer::analysisRequest(state);
    viewer::setHub(state, 0, true);  // then suzhou becomes a hub
    viewer::AnalysisRequest second = viewer::analysisRequest(state);
    auto outcomeOf = [](const viewer::AnalysisRequest& r) {
        viewer::AnalysisOutcome outcome = viewer::computeOutcome(r.chain, r.scenario, r.plain);
        outcome.chainGeneration = r.chainGeneration;
        outcome.version = r.version;
        return outcome;
    };
    viewer::AnalysisOutcome stale = outcomeOf(first);
    int layoutGeneration = state.layoutGeneration();
    CHECK_FALSE(viewer::applyOutcome(state, stale));  // a newer request was made
    CHECK(state.analysis().region == 0);
    CHECK(state.layoutGeneration() == layoutGeneration);
    viewer::AnalysisOutcome newest = outcomeOf(second);
    CHECK(viewer::applyOutcome(state, newest));
    CHECK(state.analysis().region == 1);
    CHECK(state.analysis().hubs == std::vector<int>{0});
    CHECK_FALSE(state.analysing());
    CHECK(state.layoutGeneration() == layoutGeneration + 1);
    // A request for this file, then the file is opened again (a replaced file): its outcome is dropped.
    viewer::setRegion(state, 0);
    viewer::AnalysisRequest old = viewer::analysisRequest(state);
    REQUIRE(viewer::openChain(state, kMini));
    CHECK_FALSE(state.analysing());  // the first analysis of a file is made at once
    viewer::AnalysisOutcome replaced = outcomeOf(old);
    replaced.version = state.analysisWanted();  // even with the newest version number
    CHECK_FALSE(viewer::applyOutcome(state, replaced));
}

TEST_CASE("a what-if reuses the analysis without what-ifs and gives what analysing both gives") {
    ViewerState state = opened();
    viewer::setHub(state, findRegion(*state.chain, "shanghai"), true);
    REQUIRE(state.plainAnalysis());
    CHECK(state.plainAnalysis() == state.sharedAnalysis());  // no what-if: the shown analysis is its own plain
    CHECK(state.baseline() == nullptr);
    const Analysis* plain = state.plainAnalysis().get();
    viewer::assume(state, {findFirm(*state.chain, "f2"), 0, {}});
    CHECK(state.plainAnalysis().get() == plain);  // only the assumed firms changed: reused, not recomputed
    AnalysisOptions options;
    options.region = 0;
    options.hubs = state.scenario.hubs;
    options.assumptions = state.scenario.assumptions;
    Analysis fresh = analyze(*state.chain, options);
    REQUIRE(fresh.targets.size() == state.analysis().targets.size());
    for (std::size_t i = 0; i < fresh.targets.size(); ++i) {
        CHECK(fresh.targets[i].firm == state.analysis().targets[i].firm);
        CHECK(fresh.targets[i].score == state.analysis().targets[i].score);
        CHECK(fresh.targets[i].baseRank == state.analysis().targets[i].baseRank);
    }
    REQUIRE(fresh.changed.size() == state.analysis().changed.size());
    CHECK(state.baseline() == plain);
}

TEST_CASE("a weight change ranks copies: what a worker still reads stays, and the next what-if reuses the plain") {
    ViewerState state;
    REQUIRE(viewer::openChain(state, std::string(CHAINATLAS_CHAINS_DIR) + "/nev.json"));
    const Chain& chain = *state.chain;
    int weinan = findRegion(chain, "weinan");
    viewer::setRegion(state, weinan);
    viewer::setHub(state, findRegion(chain, "xian"), true);
    REQUIRE(state.analysis().targets.size() > 5);
    viewer::assume(state, {state.analysis().targets[0].firm, weinan, {}});
    // What the layout and analysis workers would still hold when the slider moves.
    std::shared_ptr<const Analysis> held = state.sharedAnalysis(), heldPlain = state.plainAnalysis();
    REQUIRE(state.baseline() == heldPlain.get());
    std::string heldText = analysisJsonText(*state.drawn, *held, 0, -1);
    std::string heldPlainText = analysisJsonText(chain, *heldPlain, 0, -1);
    Weights weights = state.scenario.weights;
    weights.fit = 0.5;
    weights.profile = 4;
    weights.occupiedDiscount = 0.5;
    viewer::setWeights(state, weights, true);
    CHECK(analysisJsonText(*state.drawn, *held, 0, -1) == heldText);  // not changed under the workers
    CHECK(analysisJsonText(chain, *heldPlain, 0, -1) == heldPlainText);
    CHECK(state.sharedAnalysis() != held);

    AnalysisOptions options;
    options.region = weinan;
    options.hubs = state.scenario.hubs;
    options.weights = weights;
    Analysis freshPlain = analyze(chain, options);
    REQUIRE(state.baseline());
    CHECK(analysisJsonText(chain, *state.baseline(), 0, -1) == analysisJsonText(chain, freshPlain, 0, -1));
    std::map<int, int> ranks;
    for (const Target& t : freshPlain.targets) ranks[t.firm] = t.rank;
    CHECK(state.baselineRank == ranks);

    // A second what-if: the reranked plain is reused (its weights are the scenario's) and the result is what a
    // fresh analysis of both what-ifs under the new weights gives.
    const Analysis* plain = state.plainAnalysis().get();
    int second = -1;
    for (const Target& t : state.analysis().targets)
        if (!viewer::isAssumed(state, t.firm)) {
            second = t.firm;
            break;
        }
    REQUIRE(second >= 0);
    viewer::assume(state, {second, weinan, {}});
    CHECK(state.plainAnalysis().get() == plain);
    options.assumptions = state.scenario.assumptions;
    Analysis fresh = analyze(chain, options);
    CHECK(analysisJsonText(*state.drawn, state.analysis(), 0, -1) == analysisJsonText(*state.drawn, fresh, 0, -1));
}

TEST_CASE("the analysis worker computes the posted scenario off the calling thread") {
    ViewerState state = opened();
    state.deferAnalysis = true;
    viewer::setRegion(state, 1);
    viewer::AnalysisWorker worker;
    worker.request(viewer::analysisRequest(state));
    std::optional<viewer::WorkerOutcome> done;
    for (int i = 0; i < 500 && !done; ++i) {  // up to 10 s on a busy machine
        done = worker.poll();
        if (!done) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    REQUIRE(done);
    CHECK_FALSE(done->scene);  // no map description was asked for
    CHECK(viewer::applyOutcome(state, done->outcome));
    CHECK(state.analysis().region == 1);
    std::weak_ptr<const Analysis> replaced = done->outcome.analysis;  // what was shown before
    REQUIRE_FALSE(replaced.expired());
    worker.discard(std::move(done->outcome));  // the replaced analysis is freed on the worker
    for (int i = 0; i < 500 && worker.freeing(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK_FALSE(worker.freeing());
    CHECK(replaced.expired());  // freed once the worker says so (the memory script waits for that)
}

TEST_CASE("the analysis worker hands over the segments alone before the targets, when asked to") {
    ViewerState state = opened();
    state.deferAnalysis = true;
    viewer::setRegion(state, 1);
    viewer::AnalysisRequest request = viewer::analysisRequest(state);
    struct Early {
        std::mutex mutex;
        int calls = 0;
        std::shared_ptr<const Chain> chain;
        std::shared_ptr<const Analysis> segments;
    };
    auto early = std::make_shared<Early>();
    request.segmentsFirst = [early](std::shared_ptr<const Chain> chain, std::shared_ptr<const Analysis> segments) {
        std::lock_guard<std::mutex> lock(early->mutex);
        ++early->calls;
        early->chain = std::move(chain);
        early->segments = std::move(segments);
    };
    viewer::AnalysisWorker worker;
    worker.request(std::move(request));
    std::optional<viewer::WorkerOutcome> done;
    for (int i = 0; i < 500 && !done; ++i) {
        done = worker.poll();
        if (!done) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    REQUIRE(done);
    std::lock_guard<std::mutex> lock(early->mutex);
    CHECK(early->calls == 1);
    CHECK(early->chain == state.chain);
    REQUIRE(early->segments);
    CHECK(early->segments->targets.empty());
    CHECK(early->segments->region == 1);
    const Analysis& whole = *done->outcome.analysis;
    REQUIRE(early->segments->segments.size() == whole.segments.size());
    for (std::size_t s = 0; s < whole.segments.size(); ++s) {
        CHECK(early->segments->segments[s].status == whole.segments[s].status);
        CHECK(early->segments->segments[s].sites == whole.segments[s].sites);
        CHECK(early->segments->segments[s].candidates == whole.segments[s].candidates);
        CHECK(early->segments->segments[s].advice == whole.segments[s].advice);
    }
    worker.discard(std::move(done->outcome));
}

// MapView: the map's camera and hit-testing, without a window.
namespace {
viewer::MapView view(Point origin, Point size, double x, double y, double zoom) {
    viewer::Camera camera;
    camera.x = x;
    camera.y = y;
    camera.zoom = zoom;
    return {origin, size, camera};
}
}  // namespace

TEST_CASE("the map view turns world points into screen points and back") {
    viewer::MapView v = view({10, 20}, {400, 300}, 100, 50, 2);
    // screen = origin + (world - camera) * zoom: (10 + (150 - 100) * 2, 20 + (75 - 50) * 2) = (110, 70)
    Point s = v.toScreen({150, 75});
    CHECK(s.x == doctest::Approx(110));
    CHECK(s.y == doctest::Approx(70));
    CHECK(v.toPanel({150, 75}).x == doctest::Approx(100));  // 110 - 10
    // world = camera + (screen - origin) / zoom: (100 + (10 - 10) / 2, 50 + (320 - 20) / 2) = (100, 200)
    Point w = v.toWorld({10, 320});
    CHECK(w.x == doctest::Approx(100));
    CHECK(w.y == doctest::Approx(200));
    // A box is visible while some part of it is inside the 400 x 300 panel at (10, 20): the world box
    // (300, 50, 10, 10) starts at screen x 10 + 200 * 2 = 410 = the right edge, (310, 50, ...) at 430.
    CHECK(v.visible(Box{300, 50, 10, 10}));
    CHECK_FALSE(v.visible(Box{310, 50, 10, 10}));
    // Above: (200, 30, 10, 5) ends at screen y 20 + (35 - 50) * 2 = -10, over the panel's top at 20.
    CHECK_FALSE(v.visible(Box{200, 30, 10, 5}));
}

TEST_CASE("zoom about a point keeps that point where it is, and drag pans by the mouse's way in world units") {
    viewer::MapView v = view({0, 0}, {800, 600}, 0, 0, 1);
    // Zoom 2 about (100, 50): the world point there is (100, 50); x = 100 - 100 / 2 = 50, y = 50 - 50 / 2 = 25.
    viewer::Camera zoomed = v.zoomedAbout({100, 50}, 2);
    CHECK(zoomed.zoom == doctest::Approx(2));
    CHECK(zoomed.x == doctest::Approx(50));
    CHECK(zoomed.y == doctest::Approx(25));
    Point same = viewer::MapView{v.origin, v.size, zoomed}.toScreen({100, 50});  // (100 - 50) * 2, (50 - 25) * 2
    CHECK(same.x == doctest::Approx(100));
    CHECK(same.y == doctest::Approx(50));
    // The zoom stays within 0.02..20: 15 * 2 = 30 gives 20, 0.03 / 2 = 0.015 gives 0.02.
    CHECK(view({0, 0}, {800, 600}, 0, 0, 15).zoomedAbout({0, 0}, 2).zoom == doctest::Approx(20));
    CHECK(view({0, 0}, {800, 600}, 0, 0, 0.03).zoomedAbout({0, 0}, 0.5).zoom == doctest::Approx(0.02));
    // Dragging by (30, -10) pixels at zoom 2 moves the camera by (-15, +5) world units.
    viewer::Camera panned = view({0, 0}, {800, 600}, 100, 100, 2).panned({30, -10});
    CHECK(panned.x == doctest::Approx(85));
    CHECK(panned.y == doctest::Approx(105));
}

TEST_CASE("fit shows the whole map above the legend with a 5% margin, and waits for a map with a size") {
    MapGeometry g;
    g.width = 1000;
    g.height = 500;
    viewer::MapView v = view({0, 0}, {1000, 600}, 0, 0, 1);
    // 100 px reserved for the legend: 500 px left; zoom = min(1000 / 1000, 500 / 500) * 0.95 = 0.95.
    viewer::Camera fit = v.fitted(g, 100);
    CHECK(fit.zoom == doctest::Approx(0.95));
    CHECK_FALSE(fit.fitRequested);
    // The map's centre (500, 250) is the centre of the 1000 x 500 area: x = 500 - 1000 / (2 * 0.95) = -26.316
    CHECK(fit.x == doctest::Approx(500 - 1000 / 1.9));
    Point centre = viewer::MapView{v.origin, v.size, fit}.toScreen({500, 250});
    CHECK(centre.x == doctest::Approx(500));
    CHECK(centre.y == doctest::Approx(250));
    // A legend taller than the panel still leaves 40 px: zoom = min(1000 / 1000, 40 / 500) * 0.95 = 0.076.
    CHECK(v.fitted(g, 590).zoom == doctest::Approx(0.076));
    // 20 px more at the top for the stage names (they vanished after F): 480 px left, zoom = 480 / 500 * 0.95
    // = 0.912; the map's top (y = 0) lands below the 20 px: centre 20 + 240 = 260, top 260 - 250 * 0.912 = 32.
    viewer::Camera named = v.fitted(g, 100, 20);
    CHECK(named.zoom == doctest::Approx(0.912));
    viewer::MapView namedView{v.origin, v.size, named};
    CHECK(namedView.toScreen({500, 250}).y == doctest::Approx(260));
    CHECK(namedView.toScreen({0, 0}).y == doctest::Approx(32));
    CHECK(namedView.toScreen({0, 0}).y >= 20);
    // No layout yet (0 x 0): the camera stays and the fit is asked for again.
    viewer::Camera waiting = v.fitted(MapGeometry{}, 100);
    CHECK(waiting.zoom == doctest::Approx(1));
    CHECK(waiting.fitRequested);
}

TEST_CASE("hit-testing: segment boxes (edges included), firm cells by level of detail, resource marks on top") {
    // Segment 0 at (0, 0, 100, 50) holds firm 0 (a target) at (10, 10, 20, 10) and firm 1 (other) at
    // (40, 10, 20, 10); segment 1 at (200, 0, 100, 50). One resource mark (look 3) on segment 0's bottom edge.
    MapGeometry g;
    g.segments = {{0, {0, 0, 100, 50}, {5, 5, 90, 30}}, {1, {200, 0, 100, 50}, {}}};
    g.firms = {{0, 0, {10, 10, 20, 10}}, {1, 0, {40, 10, 20, 10}}};
    MapScene scene;
    scene.firms.resize(2);
    scene.firms[0].role = FirmRole::Target;
    scene.resources.resize(4);
    scene.resources[3].resource = 7;
    std::vector<viewer::ResourceMarkPlace> marks = {{3, {50, 52}}};
    viewer::MapView v = view({0, 0}, {800, 600}, 0, 0, 1);

    CHECK(v.segmentAt(g, {250, 25}) == 1);
    CHECK(v.segmentAt(g, {100, 50}) == 0);  // the corner counts (Box::contains is inclusive)
    CHECK(v.segmentAt(g, {150, 25}) == -1);
    // Zoom 2: the screen point (150, 25) is the world point (75, 12.5), inside segment 0.
    CHECK(view({0, 0}, {800, 600}, 0, 0, 2).segmentAt(g, {150, 25}) == 0);

    // Zoom 1: cells are 20 px wide (>= 3), each firm is hit on its own, inside its segment's box.
    viewer::MapHit hit = v.hitTest(g, scene, marks, -1, {50, 15});
    CHECK(hit.firm == 1);
    CHECK(hit.firmSegment == 0);
    CHECK(hit.segment == 0);
    CHECK(hit.resource == -1);
    CHECK(viewer::clickedSelection(hit, scene) == Selection{SelectionKind::Firm, 1});
    // Zoom 0.1: cells are 20 * 0.1 = 2 px (< 3), the lanes are blocks: the other firm 1 is not hit (its
    // segment is), the target firm 0 is, and so is firm 1 once selected. World (50, 15) is screen (5, 1.5).
    viewer::MapView far = view({0, 0}, {800, 600}, 0, 0, 0.1);
    CHECK(far.aggregatesFirms(g));
    CHECK(far.firmAt(g, scene, -1, {5, 1.5}) == nullptr);
    CHECK(far.segmentAt(g, {5, 1.5}) == 0);
    CHECK(far.firmAt(g, scene, 1, {5, 1.5}) == &g.firms[1]);
    CHECK(far.firmAt(g, scene, -1, {2, 1.5}) == &g.firms[0]);  // world (20, 15)

    // The mark at (50, 52) has radius 7.5 at zoom 1, rim included 9: (50, 45) is 7 away and hits it, on top of
    // segment 0 (45 <= 50); (50, 62) is 10 away and misses.
    hit = v.hitTest(g, scene, marks, -1, {50, 45});
    CHECK(hit.resource == 3);
    CHECK(hit.segment == 0);
    CHECK(viewer::clickedSelection(hit, scene) == Selection{SelectionKind::Resource, 7});
    CHECK(v.resourceAt(marks, {50, 62}) == -1);
    // Zoomed out to 0.25 a mark keeps 4 px (7.5 * 0.25 = 1.875 is too small): (4 + 1.5) / 0.25 = 22 world
    // units, so the world point (50, 70), 18 away, is hit: on screen (12.5, 17.5).
    CHECK(view({0, 0}, {800, 600}, 0, 0, 0.25).resourceAt(marks, {12.5, 17.5}) == 3);
    // Two marks overlapping: the one drawn last is on top.
    marks.push_back({2, {60, 52}});
    CHECK(v.resourceAt(marks, {55, 52}) == 2);
    // Bare map: nothing, and a click there clears the selection.
    hit = v.hitTest(g, scene, marks, -1, {150, 300});
    CHECK(viewer::clickedSelection(hit, scene) == Selection{});
}

// The target list's rows and order, without a window. Four firms: 张家港 (Apex), 苏州 (suzhou), 北京 (Beijing)
// are targets ranked 1, 2, 3 with scores 0.9, 0.6, 0.3; 成都 (Chengdu) is assumed attracted and was 2nd
// without the what-if. Ranks without the what-if: 苏州 3 (now 2: up 1), 北京 2 (now 3: down 1).
TEST_CASE("the target list sorts by every column (names by pinyin) and keeps its rows while a note is typed") {
    auto chain = std::make_shared<Chain>();
    auto firm = [](std::string id, std::string zh, std::string en) {
        Firm f;
        f.id = std::move(id);
        f.name = {std::move(zh), std::move(en)};
        return f;
    };
    chain->firms = {firm("zjg", "张家港", "Apex"), firm("sz", "苏州", "suzhou"), firm("bj", "北京", "Beijing"),
                    firm("cd", "成都", "Chengdu")};
    ViewerState state;
    state.chain = chain;
    auto target = [](int f, int rank, double score) {
        Target t;
        t.firm = f;
        t.rank = rank;
        t.score = score;
        return t;
    };
    showTargets(state, {target(0, 1, 0.9), target(1, 2, 0.6), target(2, 3, 0.3)});
    state.scenario.region = 0;
    state.scenario.assumptions = {Assumption{3, 0, {}}};
    state.baselineRank = {{1, 3}, {2, 2}, {3, 2}};
    viewer::TargetTable table;
    auto firms = [&](viewer::TargetOrder order) {
        std::vector<int> out;
        for (const viewer::TargetRow& row : table.rows(state, order)) out.push_back(row.firm);
        return out;
    };
    using V = std::vector<int>;
    // By rank: 成都 sits at 2 - 0.5 = 1.5, just above the place it had.
    CHECK(firms({}) == V{0, 3, 1, 2});
    const viewer::TargetRow& assumed = table.rows(state, {})[1];
    CHECK(assumed.target == -1);
    CHECK(assumed.rankKey == doctest::Approx(1.5));
    CHECK(assumed.assumed);
    CHECK(firms({viewer::kRankColumn, true}) == V{2, 1, 3, 0});
    // Pinyin: bei < cheng < su < zhang; in English case-insensitive: Apex < Beijing < Chengdu < suzhou.
    CHECK(firms({viewer::kFirmColumn, false}) == V{2, 3, 1, 0});
    state.lang = Lang::En;
    CHECK(firms({viewer::kFirmColumn, false}) == V{0, 2, 3, 1});
    // Score (an assumed firm has none: -1): 0.9, 0.6, 0.3, then 成都.
    CHECK(firms({viewer::kScoreColumn, true}) == V{0, 1, 2, 3});
    // Change: 北京 -1, 张家港 0 (no rank before), 成都 0 (not ranked now), 苏州 +1; ties keep the analysis order.
    CHECK(viewer::rankChange(state, table.rows(state, {})[2]) == 1);  // 苏州: 3 - 2
    CHECK(firms({viewer::kChangeColumn, false}) == V{2, 0, 3, 1});
    CHECK(firms({viewer::kChangeColumn, true}) == V{1, 0, 3, 2});
    // Assumed first, then by rank.
    CHECK(firms({viewer::kAssumeColumn, false}) == V{3, 0, 1, 2});
    // Notes: "" (张家港, 成都) < "a" (北京) < "b" (苏州).
    viewer::notesHere(state) = {{"sz", "b"}, {"bj", "a"}};
    viewer::TargetOrder byNote{viewer::kNoteColumn, false};
    CHECK(firms(byNote) == V{0, 3, 2, 1});
    // A note typed for 张家港 moves nothing until the analysis changes (the row stays under the pen).
    viewer::notesHere(state)["zjg"] = "z";
    CHECK(firms(byNote) == V{0, 3, 2, 1});
    state.ranksChanged();
    CHECK(firms(byNote) == V{3, 2, 1, 0});
}

TEST_CASE("the target list sorts by a term's weighted value and knows when an imputed profile needs its footnote") {
    auto chain = std::make_shared<Chain>();
    for (const char* id : {"a", "b", "c"}) {
        Firm f;
        f.id = id;
        chain->firms.push_back(f);
    }
    ViewerState state;
    state.chain = chain;
    auto target = [](int f, int rank, double fit, double profile, Basis basis) {
        Target t;
        t.firm = f;
        t.rank = rank;
        t.weighted[TermFit] = fit;
        t.weighted[TermProfile] = profile;
        t.profileBasis = basis;
        return t;
    };
    showTargets(state, {target(0, 1, 1.5, 0.2, Basis::Firm), target(1, 2, 3.0, 1.0, Basis::Firm),
                        target(2, 3, 0.6, 1.6, Basis::Segment)});
    viewer::TargetTable table;
    auto firms = [&](viewer::TargetOrder order) {
        std::vector<int> out;
        for (const viewer::TargetRow& row : table.rows(state, order)) out.push_back(row.firm);
        return out;
    };
    using V = std::vector<int>;
    CHECK(firms({viewer::kFirstTermColumn + int{TermFit}, true}) == V{1, 0, 2});       // 3.0, 1.5, 0.6
    CHECK(firms({viewer::kFirstTermColumn + int{TermProfile}, false}) == V{0, 1, 2});  // 0.2, 1.0, 1.6
    CHECK(viewer::kTargetColumnCount == viewer::kFirstTermColumn + kTermCount);
    CHECK_FALSE(viewer::anyImputed(state.analysis()));  // every profile has a basis
    std::vector<Target> imputed = state.analysis().targets;
    imputed[1].profileBasis = Basis::None;  // b's 1.00 is the neutral 0.5 imputed: "1.00*"
    showTargets(state, std::move(imputed));
    CHECK(viewer::anyImputed(state.analysis()));
}

TEST_CASE("the target list's footnote and score scale are found once per analysis and follow a new one") {
    ViewerState state = opened();
    auto target = [](int f, int rank, double score, Basis profile) {
        Target t;
        t.firm = f;
        t.rank = rank;
        t.score = score;
        t.profileBasis = profile;
        return t;
    };
    showTargets(state, {target(0, 1, 2.5, Basis::Firm), target(1, 2, 1.25, Basis::Segment)});
    state.ranksChanged();
    viewer::TargetTable table;
    CHECK_FALSE(table.summary(state).imputed);
    CHECK(table.summary(state).maxScore == 2.5);
    // The same analysis version: the summary is kept (a list changed without a new version is not seen).
    showTargets(state, {target(0, 1, 4.0, Basis::None)});
    CHECK(table.summary(state).maxScore == 2.5);
    state.ranksChanged();                 // what applyOutcome and setWeights do with every new analysis
    CHECK(table.summary(state).imputed);  // the profile's neutral 0.5 is imputed: the footnote shows
    CHECK(table.summary(state).maxScore == 4.0);
}

TEST_CASE("a local buyer's 本地配套率 row is found in the analysis the viewer holds") {
    ViewerState state;
    REQUIRE(viewer::openChain(state, std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/evidence.json"));
    viewer::setRegion(state, findRegion(*state.chain, "l"));
    viewer::setHub(state, findRegion(*state.chain, "h"), true);
    // bb receives from l1 (shipping from l) and t1 (plant not named: inferred): 1 of 2 (see test_targets).
    const LocalSupply* bb = viewer::localSupplyOf(state.analysis(), findFirm(*state.chain, "bb"));
    REQUIRE(bb);
    CHECK(bb->share() == doctest::Approx(0.5));
    CHECK(bb->inferred == std::vector<int>{findFirm(*state.chain, "t1")});
    CHECK(viewer::localSupplyOf(state.analysis(), findFirm(*state.chain, "l1")) == nullptr);  // receives nothing here
}

TEST_CASE("compare applies each what-if to the region it names, not to every region compared") {
    ViewerState state;
    REQUIRE(viewer::openChain(state, std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/evidence.json"));
    const Chain& chain = *state.chain;
    int l = findRegion(chain, "l"), q = findRegion(chain, "q"), t1 = findFirm(chain, "t1");
    viewer::setRegion(state, l);
    viewer::setHub(state, findRegion(chain, "h"), true);
    Comparison plain = viewer::compareScenario(state, {l, q});
    REQUIRE(plain.regions.size() == 2);
    CHECK(plain.regions[0].localShare() == doctest::Approx(0.5));  // bb: l1 of l1, t1
    viewer::assume(state, {t1, l, {}});  // t1 brought to l: bb's two suppliers both ship from l
    Comparison assumed = viewer::compareScenario(state, {l, q});
    REQUIRE(assumed.regions.size() == 2);
    REQUIRE(assumed.regions[0].assumed.size() == 1);
    CHECK(assumed.regions[0].assumed[0].firm == t1);
    CHECK(assumed.regions[0].localShare() == doctest::Approx(1.0));
    CHECK(assumed.regions[0].localSites == plain.regions[0].localSites + 1);
    CHECK(assumed.regions[1].assumed.empty());  // q is compared as it is
    CHECK(assumed.regions[1].localSites == plain.regions[1].localSites);
}

TEST_CASE("a session that names no language leaves the viewer's (chosen at start by chooseLang) as it is") {
    std::string file = nlohmann::json(kMini).dump();
    nlohmann::json session = nlohmann::json::parse(R"({"format": "chainatlas-session/1", "file": )" + file + "}");
    ViewerState state;
    viewer::setLang(state, Lang::En);  // --lang en, or an English locale
    viewer::OpenedSession silent = viewer::sessionForViewer(session, "s.json");
    CHECK_FALSE(silent.langGiven);
    REQUIRE(viewer::adoptSession(state, silent) == "");
    CHECK(state.lang == Lang::En);  // before: the session's default, Chinese
    session["lang"] = "zh";
    viewer::OpenedSession chinese = viewer::sessionForViewer(session, "s.json");
    REQUIRE(viewer::adoptSession(state, chinese) == "");
    CHECK(state.lang == Lang::Zh);
    // The rule itself: the flag first, then the session's, then the locale.
    Lang en = Lang::En;
    CHECK(chooseLang("zh", &en) == Lang::Zh);
    CHECK(chooseLang("", &en) == Lang::En);
}

TEST_CASE("a firm ticked from the list keeps its line when the analysis comes back, whatever its plain rank") {
    auto chain = std::make_shared<Chain>();
    for (int i = 0; i < 6; ++i) {
        Firm f;
        f.id = "f" + std::to_string(i);
        chain->firms.push_back(f);
    }
    ViewerState state;
    state.chain = chain;
    state.scenario.region = 0;
    auto target = [](int f, int rank) {
        Target t;
        t.firm = f;
        t.rank = rank;
        return t;
    };
    // An earlier what-if lifted f1 from 5th (without what-ifs) to 2nd.
    showTargets(state, {target(0, 1), target(1, 2), target(2, 3), target(3, 4), target(4, 5)});
    state.baselineRank = {{0, 1}, {2, 2}, {3, 3}, {1, 5}, {4, 4}, {5, 6}};
    viewer::TargetTable table;
    auto firms = [&] {
        std::vector<int> out;
        for (const viewer::TargetRow& row : table.rows(state, {})) out.push_back(row.firm);
        return out;
    };
    using V = std::vector<int>;
    CHECK(firms() == V{0, 1, 2, 3, 4});
    int before = table.orderChanges();
    // f1 ticked on line 2: the tick shows at once (the panel reads the scenario), the rows wait for the analysis.
    state.scenario.assumptions = {Assumption{1, 0, {}}};
    CHECK(firms() == V{0, 1, 2, 3, 4});
    CHECK(viewer::isAssumed(state, 1));
    // The analysis is back: f1 is local now, no target; the others move up, f5 comes in.
    showTargets(state, {target(0, 1), target(2, 2), target(3, 3), target(4, 4), target(5, 5)});
    state.ranksChanged();
    // It stays on line 2 (its rank then, 2, less a half), not at 5 - 0.5 (line 5) where its plain rank puts it.
    CHECK(firms() == V{0, 1, 2, 3, 4, 5});
    CHECK(table.rows(state, {})[1].rankKey == doctest::Approx(1.5));
    CHECK(table.orderChanges() == before + 1);  // f5 came in: the rows moved
    state.ranksChanged();                       // a later analysis (a weight moved) keeps it there too
    CHECK(firms() == V{0, 1, 2, 3, 4, 5});
    CHECK(table.orderChanges() == before + 1);  // same firms in the same order: nothing moved
}

TEST_CASE("one click, one what-if: a double-click ticks once and a click never lands on a row that slid under it") {
    viewer::TickGuard guard;
    // A double-click on line 2 (firm 7): the first click ticks, the second is not applied.
    CHECK(guard.accept(1, 7, 10.0, false, 3, 3));
    CHECK_FALSE(guard.accept(1, 7, 10.2, true, 3, 3));
    // The analysis came back between the clicks and firm 9 slid onto line 2 (ImGui did not see a double-click,
    // the frames were slow): still not applied within a second of the tick.
    CHECK_FALSE(guard.accept(1, 9, 10.4, false, 4, 4));
    // A click pressed before the rows moved and released after: not applied either.
    CHECK_FALSE(guard.accept(3, 2, 12.0, false, 5, 4));
    // Later, a deliberate click on the row that is there now is applied, and so is one on another line at once.
    CHECK(guard.accept(1, 9, 12.5, false, 5, 5));
    CHECK(guard.accept(2, 4, 12.6, false, 5, 5));
    // A quick second click on the same firm without a double-click (an untick) is applied.
    CHECK(guard.accept(2, 4, 12.9, false, 5, 5));
}

TEST_CASE("the region list is sorted by pinyin and filtered by name or id") {
    ViewerState state = opened();
    const Chain& chain = *state.chain;  // suzhou 苏州 (0), shanghai 上海 (1)
    using V = std::vector<int>;
    CHECK(viewer::regionsInOrder(chain, Lang::Zh) == V{1, 0});  // shang < su
    CHECK(viewer::regionsInOrder(chain, Lang::Zh, "苏") == V{0});
    CHECK(viewer::regionsInOrder(chain, Lang::Zh, "SHANG hai") == V{1});  // ids too, as search compares them
    CHECK(viewer::regionsInOrder(chain, Lang::Zh, "x").empty());
}

TEST_CASE("problems read in the interface language, place and did-you-mean kept") {
    std::string typo = "typo.json: /region: unknown region \"weinna\" (did you mean \"weinan\"?)";
    CHECK(viewer::explainProblem(typo, Lang::Zh) == "typo.json: /region: 未知区域 \"weinna\" (是否应为 \"weinan\"?)");
    CHECK(viewer::explainProblem(typo, Lang::En) == typo);
    std::string passwd = "passwd:1:1: syntax error while parsing value - invalid literal; last read: 'r'";
    CHECK(viewer::explainProblem(passwd, Lang::Zh) ==
          "passwd:1:1: JSON 语法错误 - 无效的字面量 (这不是 JSON); 最后读到: 'r'");
    std::vector<Diagnostic> notJson = {{Severity::Error, "passwd", "1:1", "syntax error while parsing value"}};
    CHECK(viewer::problemHeadline(notJson, Lang::Zh).find("不是产业链文件") != std::string::npos);
    CHECK(viewer::problemHeadline(notJson, Lang::En).find("is not a chain") != std::string::npos);
    std::vector<Diagnostic> located = {{Severity::Error, "nev.json", "/firms/3/sites/0/region", "unknown region"}};
    CHECK(viewer::problemHeadline(located, Lang::Zh).find("每个问题都标明了位置") != std::string::npos);
}

TEST_CASE("what-ifs belong to the region they were made for: another region neither applies nor removes them") {
    ViewerState state = opened();  // suzhou (0)
    int f2 = findFirm(*state.chain, "f2"), shanghai = findRegion(*state.chain, "shanghai");
    viewer::assume(state, {f2, 0, {}});
    CHECK(viewer::isAssumed(state, f2));
    std::size_t changes = state.analysis().changed.size();  // f2 fills segment b in Suzhou
    CHECK(changes > 0);
    viewer::setRegion(state, shanghai);
    CHECK_FALSE(viewer::isAssumed(state, f2));  // Suzhou's what-if is not ticked under Shanghai ...
    CHECK(state.analysis().changed.empty());    // ... nor applied to Shanghai's analysis
    viewer::unassume(state, f2);                // unticking under Shanghai leaves Suzhou's what-if alone
    REQUIRE(state.scenario.assumptions.size() == 1);
    viewer::assume(state, {f2, shanghai, {}});  // the same firm for Shanghai is a what-if of its own
    CHECK(state.scenario.assumptions.size() == 2);
    viewer::setRegion(state, 0);
    CHECK(viewer::isAssumed(state, f2));
    CHECK(state.analysis().changed.size() == changes);  // Suzhou's what-if applies again, Shanghai's does not
    viewer::unassume(state, f2, shanghai);              // the × of the what-if list names its region
    REQUIRE(state.scenario.assumptions.size() == 1);
    CHECK(state.scenario.assumptions[0].region == 0);
}

TEST_CASE("Ctrl+Z brings back a note cleared after its field was left, in turn with the scenario's steps") {
    ViewerState state = opened();
    REQUIRE(state.chain->regions.size() >= 2);
    CHECK_FALSE(viewer::canUndo(state));
    // Cleared in its field, the field left: ImGui's own undo is gone, the state's brings it back.
    viewer::notesHere(state)["f1"] = "call in May 🚗";
    viewer::rememberNoteEdit(state, "f1", "call in May 🚗");
    viewer::notesHere(state)["f1"] = "";
    CHECK(viewer::canUndo(state));
    CHECK(viewer::undo(state));
    CHECK(viewer::notesHere(state)["f1"] == "call in May 🚗");
    CHECK_FALSE(viewer::canUndo(state));
    // A note replaced, then the region changed: the region comes back first, then the note.
    int region = state.scenario.region;
    viewer::rememberNoteEdit(state, "f1", "call in May 🚗");
    viewer::notesHere(state)["f1"] = "replaced";
    viewer::setRegion(state, region == 0 ? 1 : 0);
    CHECK(viewer::undo(state));
    CHECK(state.scenario.region == region);
    CHECK(viewer::notesHere(state)["f1"] == "replaced");
    CHECK(viewer::undo(state));
    CHECK(viewer::notesHere(state)["f1"] == "call in May 🚗");
    // A note typed where there was none: undone, the note is gone (not an empty entry).
    viewer::rememberNoteEdit(state, "f2", "");
    viewer::notesHere(state)["f2"] = "new";
    CHECK(viewer::undo(state));
    CHECK(viewer::notesHere(state).count("f2") == 0);
    // Opening another file forgets the edits of the last one.
    viewer::rememberNoteEdit(state, "f1", "x");
    REQUIRE(viewer::openChain(state, kMini));
    CHECK(state.noteEdits.empty());
}

// Ctrl+Y after Ctrl+Z on a note used to redo only the scenario: the text undone was lost for good.
TEST_CASE("Ctrl+Y brings back a note edit undone with Ctrl+Z, in the reverse order of the undos") {
    ViewerState state = opened();
    REQUIRE(state.chain->regions.size() >= 2);
    CHECK_FALSE(viewer::canRedo(state));
    // Typed, undone, redone, undone again: the note goes and comes back each time.
    viewer::rememberNoteEdit(state, "f1", "");
    viewer::notesHere(state)["f1"] = "约见 6 月 🚗";
    REQUIRE(viewer::undo(state));
    CHECK(viewer::notesHere(state).count("f1") == 0);
    CHECK(viewer::canRedo(state));
    CHECK(viewer::redo(state));
    CHECK(viewer::notesHere(state)["f1"] == "约见 6 月 🚗");
    CHECK_FALSE(viewer::canRedo(state));
    CHECK(viewer::undo(state));
    CHECK(viewer::notesHere(state).count("f1") == 0);
    CHECK(viewer::redo(state));
    CHECK(viewer::notesHere(state)["f1"] == "约见 6 月 🚗");
    // A region change, then the note replaced: undone note first, then the region; redone region first,
    // then the note.
    int region = state.scenario.region, other = region == 0 ? 1 : 0;
    viewer::setRegion(state, other);
    viewer::rememberNoteEdit(state, "f1", "");
    viewer::notesHere(state)["f1"] = "there";
    REQUIRE(viewer::undo(state));  // the note made in the other region
    CHECK(state.scenario.region == other);
    CHECK(viewer::notesHere(state).count("f1") == 0);
    REQUIRE(viewer::undo(state));  // the region
    CHECK(state.scenario.region == region);
    REQUIRE(viewer::redo(state));  // the region first
    CHECK(state.scenario.region == other);
    CHECK(viewer::notesHere(state).count("f1") == 0);
    REQUIRE(viewer::redo(state));  // then the note
    CHECK(viewer::notesHere(state)["f1"] == "there");
    CHECK_FALSE(viewer::redo(state));
    // A new edit drops what could be redone; so does a new scenario step.
    REQUIRE(viewer::undo(state));
    viewer::rememberNoteEdit(state, "f2", "");
    CHECK(viewer::redo(state) == false);
    CHECK(viewer::notesHere(state).count("f1") == 0);
    REQUIRE(viewer::undo(state));
    CHECK(viewer::canRedo(state));
    viewer::setRegion(state, region);
    CHECK_FALSE(viewer::canRedo(state));
}

TEST_CASE("notes belong to the region they were made for: another region shows its own, both saved and read back") {
    ViewerState state = opened();
    int suzhou = findRegion(*state.chain, "suzhou"), shanghai = findRegion(*state.chain, "shanghai");
    viewer::setRegion(state, suzhou);
    viewer::notesHere(state)["f2"] = "苏州: 约见 6 月";
    viewer::setRegion(state, shanghai);
    CHECK(viewer::notesHere(state).count("f2") == 0);  // before: Suzhou's note showed under Shanghai
    viewer::notesHere(state)["f2"] = "上海: 已联系 🚗";
    std::string path = (std::filesystem::temp_directory_path() / "chainatlas-session-regions.json").string();
    REQUIRE(viewer::saveSession(state, path));
    auto text = chainatlas::readWholeFile(path);
    REQUIRE(text);
    nlohmann::json written = nlohmann::json::parse(*text);
    CHECK(written["region"] == "shanghai");
    CHECK(written["notes"] == nlohmann::json{{"f2", "上海: 已联系 🚗"}});
    CHECK(written["other_notes"] == nlohmann::json{{"suzhou", {{"f2", "苏州: 约见 6 月"}}}});
    ViewerState loaded;
    REQUIRE(viewer::loadSession(loaded, path) == "");
    CHECK(viewer::notesHere(loaded)["f2"] == "上海: 已联系 🚗");
    viewer::setRegion(loaded, suzhou);
    CHECK(viewer::notesHere(loaded)["f2"] == "苏州: 约见 6 月");
    // An older session (one set of notes, no other_notes): its notes are its region's, not every region's.
    written.erase("other_notes");
    written["region"] = "suzhou";
    ViewerState old;
    REQUIRE(viewer::applySession(old, written, "old.json") == "");
    CHECK(viewer::notesHere(old)["f2"] == "上海: 已联系 🚗");
    viewer::setRegion(old, shanghai);
    CHECK(viewer::notesHere(old).count("f2") == 0);
    std::filesystem::remove(path);
}
