// App: the frame (panels in a fixed arrangement that suits a meeting-room screen), layout requests to
// the worker, keyboard shortcuts, exports and settings.
#include "app.hpp"

#include <GLFW/glfw3.h>  // key codes: ImGui 1.86 reads keys by the backend's codes

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "chainatlas/base/file_io.hpp"
#include "chainatlas/base/text.hpp"
#include "chainatlas/documents/document.hpp"
#include "chainatlas/documents/meeting_report.hpp"
#include "chainatlas/results/result_writers.hpp"
#include "chainatlas/svg/svg.hpp"
#include "i18n.hpp"
#include "state/map_view.hpp"
#include "state/saved_files.hpp"
#include "tools/probe.hpp"

namespace viewer {

using namespace chainatlas;

namespace {
// How long a frame that has just asked for a layout waits for it: a map the engine had laid out early
// comes back in 2-5 ms (a whole layout at 100k firms takes 60-120 ms and is not waited for).
constexpr std::chrono::milliseconds kEarlyLayoutPatience{6};
}  // namespace

ImU32 themeColor(const std::string& hex, int alpha) {
    int r = 128, g = 128, b = 128;
    parseColor(hex, r, g, b);
    return IM_COL32(r, g, b, alpha);
}

App::App(std::string assets) : assetsDir(std::move(assets)) {
    std::vector<Diagnostic> problems;
    theme = loadTheme(assetsDir + "/theme.json", problems);
    font = findCjkFont(assetsDir);
    exportFolder = sessionFolder = documentsFolder();
}

void App::say(std::string text, bool error, std::string detail) {
    message = std::move(text);
    messageIsError = error;
    messageDetail = std::move(detail);
}

void App::open(const std::string& path) {
    StartingScenario start = std::move(startingScenario);
    startingScenario = nullptr;
    startOpening(path, OpenKind::File, std::move(start));
}

std::string App::openSession(const std::string& path, OpenKind kind) {
    bool ok = startOpening(path, kind, nullptr);
    return ok ? std::string() : messageDetail;
}

// Posts the open to the worker (the window) or opens at once (tests); either way it replaces an open still
// in flight. Returns false when, opened at once, it failed.
bool App::startOpening(const std::string& path, OpenKind kind, StartingScenario start) {
    // The path is copied first: it may point into the recent list, which opening reorders.
    OpenRequest request{++openPosted, path, std::move(start), std::nullopt, state.level, state.lang, kind};
    if (openInBackground) {
        request.sceneTheme = theme;
        openingPath = request.path;
        opener.request(std::move(request));
        return true;
    }
    openTaken = openPosted;
    openingPath.clear();
    auto done = std::make_shared<OpenOutcome>(openOnWorker(request));
    bool ok = adopt(*done);
    analysisWorker.discard(std::shared_ptr<const void>(std::move(done)));  // the old chain and analysis
    return ok;
}

// Adopts a finished open; `done` then holds what it replaced, for the caller to hand to a worker.
bool App::adopt(OpenOutcome& done) {
    bool ok = done.kind == OpenKind::File ? opened(done.loaded.opened, done.codePoints) : sessionOpened(done);
    if (ok && done.scene) takeScene(*done.scene, done.sceneLevel, done.sceneLang, state.scenario.weights);
    return ok;
}

// Adopts a loaded file (or shows why it failed). Returns whether the file is open.
bool App::opened(OpenedChain& loaded, const std::vector<char32_t>& codePoints) {
    if (!adoptChain(state, loaded)) {
        sessionProblem.clear();
        showProblems = true;
        return false;
    }
    sessionProblem.clear();
    needGlyphs(codePoints);  // new names may need glyphs
    forgetOldMap();
    say({});
    showProblems = hasErrors(state.problems);
    markWorkSaved();
    saveRecentFiles();
    return true;
}

// Adopts a loaded session, or says why it cannot be (the state is kept). The last session, restored at
// start, keeps its what-ifs as unsaved work; a session loaded by name is saved work.
bool App::sessionOpened(OpenOutcome& done) {
    bool restored = done.kind == OpenKind::LastSession;
    if (std::string problem = adoptSession(state, done.loaded); !problem.empty()) {
        say(tr(state.lang, "无法载入会话: ", "Cannot load the session: ") + done.path, true, problem);
        sessionProblem = problem;  // the whole reason in the window, not only on hover
        showProblems = true;
        return false;
    }
    sessionProblem.clear();
    needGlyphs(done.codePoints);
    forgetOldMap();
    if (restored) {
        state.sessionFile.clear();  // the automatic last session is no file a planner saves to
        savedWork = nullptr;
        return true;
    }
    markWorkSaved();
    say(tr(state.lang, "已载入 ", "Loaded ") + done.path);
    return true;
}

// A new chain is open: the old map goes (freed on a worker) and nothing flashes.
void App::forgetOldMap() {
    analysisWorker.discard(std::move(geometryBase));
    analysisWorker.discard(std::move(geometry));
    flash = {};
    scrollToHub = true;
}

std::optional<bool> App::pollOpen() {
    std::optional<OpenOutcome> done = opener.poll();
    if (!done) return std::nullopt;
    auto outcome = std::make_shared<OpenOutcome>(std::move(*done));  // freed on a worker whatever happens
    std::optional<bool> result;
    if (outcome->id == openPosted) {  // else a newer open (a file or a session) replaced it
        openTaken = openPosted;
        openingPath.clear();
        result = adopt(*outcome);
    }
    analysisWorker.discard(std::shared_ptr<const void>(std::move(outcome)));
    return result;
}

void App::cancelOpening() {
    openTaken = ++openPosted;  // a file still being opened is dropped when it arrives
    openingPath.clear();
}

void App::needGlyphs(const std::vector<char32_t>& codePoints) {
    if (mergeCodePoints(glyphs, codePoints)) fontsDirty = true;
}

void App::requestOpen(const std::string& path) {
    pending = Pending::Open;
    pendingPath = path;
    if (!hasUnsavedWork()) carryOutPending();
}

void App::requestLoadSession(const std::string& path) {
    pending = Pending::LoadSession;
    pendingPath = path;
    if (!hasUnsavedWork()) carryOutPending();
}

void App::requestQuit() {
    pending = Pending::Quit;
    if (!hasUnsavedWork()) carryOutPending();
}

void App::carryOutPending() {
    Pending what = pending;
    std::string path = pendingPath;
    pending = Pending::None;
    pendingPath.clear();
    if (what == Pending::Open) open(path);
    if (what == Pending::LoadSession) loadNamedSession(path);
    if (what == Pending::Quit) quitConfirmed = true;
}

// Posts the scenario to the analysis worker when it changed; stores the newest outcome for the open file.
// What an outcome replaces (or an outcome dropped) is freed on the worker, never here.
void App::syncAnalysis() {
    if (state.analysing() &&
        (requestedAnalysis != state.analysisWanted() || requestedAnalysisChain != state.chainGeneration())) {
        requestedAnalysis = state.analysisWanted();
        requestedAnalysisChain = state.chainGeneration();
        AnalysisRequest request = analysisRequest(state);
        request.sceneTheme = theme;
        request.sceneLevel = state.level;
        request.sceneLang = state.lang;
        if (state.level == MapLevel::Segment)  // the map laid out while the targets are ranked
            request.segmentsFirst = [post = worker.layOutEarly(),
                                     options = layoutOptions(state, theme.graphvizFont, theme.fontSize)](
                                        std::shared_ptr<const Chain> chain, std::shared_ptr<const Analysis> segments) {
                post({-1, std::move(chain), std::move(segments), options});
            };
        analysisWorker.request(std::move(request));
    }
    if (auto done = analysisWorker.poll()) {
        double seconds = done->outcome.seconds;
        if (applyOutcome(state, done->outcome)) {
            lastAnalysisSeconds = seconds;
            if (done->scene) takeScene(*done->scene, done->sceneLevel, done->sceneLang, done->outcome.scenario.weights);
        }
        analysisWorker.discard(std::make_shared<const WorkerOutcome>(std::move(*done)));
    }
}

// The map's description made on a worker for the analysis just stored: kept under the same key as
// currentScene() (scene_painter.cpp) makes, so the painter uses it instead of describing 100k firms on this
// thread. Made for other weights, level or language: the painter describes the map itself, as before.
void App::takeScene(MapScene& described, MapLevel level, Lang lang, const Weights& weights) {
    if (weightsToJson(weights) != weightsToJson(state.scenario.weights) || level != state.level || lang != state.lang)
        return;
    std::swap(scene, described);  // the old one is freed with the worker's outcome
    sceneKey = std::to_string(state.layoutGeneration()) + (state.lang == Lang::Zh ? "zh" : "en") +
               (state.level == MapLevel::Firm ? "firm" : "segment") + weightsToJson(state.analysis().weights).dump();
}

void App::syncLayout() {
    if (!state.hasAnalysis()) return;
    bool posted = state.layoutGeneration() != requestedGeneration;
    if (posted) {
        requestedGeneration = state.layoutGeneration();
        worker.request({requestedGeneration, state.drawn, state.sharedAnalysis(),
                        layoutOptions(state, theme.graphvizFont, theme.fontSize)});
    }
    // A map laid out early (syncAnalysis) comes back within a few ms: shown in this frame, not the next.
    if (auto result = posted ? worker.pollWithin(kEarlyLayoutPatience) : worker.poll()) {
        // Only the newest request's map is shown: an older one may be of a file since replaced.
        analysisWorker.discard(std::move(result->chain));  // may be the last owner of an old drawn chain
        if (result->generation != requestedGeneration) return;
        if (!result->geometry) {
            layoutError = result->geometry.error().message;
            return;
        }
        layoutError.clear();
        geometry = std::make_shared<const MapGeometry>(std::move(*result->geometry));
        geometryBase = state.chain;
        bool firstOfFile = shownGeneration < 0 || state.camera.fitRequested;
        shownGeneration = result->generation;
        lastLayoutSeconds = result->seconds;
        if (firstOfFile) state.camera.fitRequested = true;
    }
}

// The box the map shows for a selection: the firm's cell, else (firm not drawn at this level) the segment
// of its first site.
const Box* App::boxOf(Selection selection) const {
    if (!geometry || selection.index < 0) return nullptr;
    if (selection.kind == SelectionKind::Segment && selection.index < static_cast<int>(geometry->segments.size()))
        return &geometry->segments[selection.index].box;
    if (selection.kind != SelectionKind::Firm || selection.index >= static_cast<int>(state.chain->firms.size()))
        return nullptr;
    for (const auto& firm : geometry->firms)
        if (firm.firm == selection.index) return &firm.box;
    const Firm& firm = state.chain->firms[selection.index];
    if (!firm.sites.empty() && !firm.sites[0].segments.empty()) {
        int segment = firm.sites[0].segments[0];
        if (segment < static_cast<int>(geometry->segments.size())) return &geometry->segments[segment].box;
    }
    return nullptr;
}

// The segment a selection is drawn in: itself, or the lane of a firm's cell, else its first site's segment.
int App::segmentOf(Selection selection) const {
    if (selection.kind == SelectionKind::Segment) return selection.index;
    if (selection.kind != SelectionKind::Firm || !geometry || !state.chain) return -1;
    for (const auto& firm : geometry->firms)
        if (firm.firm == selection.index) return firm.segment;
    const Firm& firm = state.chain->firms[selection.index];
    return firm.sites.empty() || firm.sites[0].segments.empty() ? -1 : firm.sites[0].segments[0];
}

void App::locate(Selection selection) {
    select(state, selection);
    flash = selection;
    flashStarted = ImGui::GetTime();
    const Box* box = boxOf(selection);
    if (!box || mapSize.x <= 0 || mapSize.y <= 0) return;
    Box context = locateContext(*geometry, *box, segmentOf(selection));
    state.camera = locateCamera(state.camera, *box, context, mapSize.x, mapSize.y);
}

// The export's outcome in the interface language; the system's reason (English) goes to the tooltip.
std::string App::reportExport(const std::string& path, const Status& written) {
    if (written) say(tr(state.lang, "已写入 ", "Written ") + path);
    else say(tr(state.lang, "无法写入 ", "Cannot write ") + path, true, written.error().message);
    return message;
}

std::string App::exportSvg(const std::string& path) {
    if (!state.chain || !geometry) {
        say(tr(state.lang, "没有可导出的图", "nothing to export yet"), true);
        return message;
    }
    SvgOptions options{state.lang, 10, chainatlas::todayIso()};
    return reportExport(path, writeFileAtomically(path, renderSvg(*state.drawn, state.analysis(), *geometry, theme,
                                                                  options)));
}

std::string App::exportCsv(const std::string& path) {
    if (!state.chain) {
        say(tr(state.lang, "没有可导出的清单", "nothing to export yet"), true);
        return message;
    }
    return reportExport(path, writeFileAtomically(path, analysisToCsv(*state.drawn, state.analysis(), 0, state.lang,
                                                                      notesHere(state))));
}

// The meeting report of the current scenario, with the map as it is on screen, the notes and the checklist.
std::string App::exportReport(const std::string& path) {
    if (!state.hasAnalysis() || !geometry) {
        say(tr(state.lang, "没有可导出的报告", "nothing to export yet"), true);
        return message;
    }
    auto kind = documentKindOf(path);
    if (kind != DocumentKind::Xlsx && kind != DocumentKind::Pdf) {
        say(tr(state.lang, "文件名须以 .xlsx 或 .pdf 结尾", "the file name must end in .xlsx or .pdf"), true);
        return message;
    }
    ReportOptions options;
    options.lang = state.lang;
    options.date = chainatlas::todayIso();
    options.fontFamily = theme.fontFamily;
    if (kind == DocumentKind::Pdf) {
        SvgOptions svgOptions{state.lang, 10, options.date};
        options.mapSvg = renderSvg(*state.drawn, state.analysis(), *geometry, theme, svgOptions);
        options.chartSvg = renderPrioritiesSvg(*state.drawn, state.analysis(), theme, svgOptions);
    }
    Document document = buildReport(*state.drawn, state.analysis(), toSession(state), options);
    return reportExport(path, kind == DocumentKind::Xlsx ? writeXlsx(document, path) : writePdf(document, path));
}

void App::shortcuts() {
    ImGuiIO& io = ImGui::GetIO();
    // A text field has the keyboard: Ctrl+Z and friends belong to it (a note's undo must not undo a what-if).
    if (io.WantTextInput || pending != Pending::None || pendingWrite.kind != WriteKind::None) return;
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Z)) undo(state);
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Y)) redo(state);
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_F)) {
        showSearch = true;
        focusSearch = true;
    }
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_O)) showOpen = true;
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_S) && state.chain) saveShortcut();
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q)) requestQuit();
    if (io.KeyCtrl && (ImGui::IsKeyPressed(GLFW_KEY_EQUAL) || ImGui::IsKeyPressed(GLFW_KEY_KP_ADD)))
        setTextSize(textSize + 2);
    if (io.KeyCtrl && (ImGui::IsKeyPressed(GLFW_KEY_MINUS) || ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT)))
        setTextSize(textSize - 2);
    if (io.KeyCtrl && (ImGui::IsKeyPressed(GLFW_KEY_0) || ImGui::IsKeyPressed(GLFW_KEY_KP_0)))
        setTextSize(kDefaultTextSize);
    if (ImGui::IsKeyPressed(GLFW_KEY_F11)) toggleFullscreen = true;
    if (!io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_F)) state.camera.fitRequested = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE)) select(state, {});
}

void App::setTextSize(float pixels) {
    float size = std::clamp(pixels, kMinTextSize, kMaxTextSize);
    if (size == textSize) return;
    textSize = size;
    fontsDirty = true;  // rebuilt at this size between frames: sharp, not a scaled bitmap
}

// Side panels fold to a strip below these widths (the planner can open them again).
void App::adaptPanels(float width) {
    int bucket = width < 760 ? 0 : width < 1100 ? 1 : 2;
    if (bucket == panelBucket) return;
    panelBucket = bucket;
    showScenarioPanel = bucket >= 1;
    showDetailsPanel = bucket >= 2;
}

void App::probe(const std::string& name) {
    if (!probing) return;
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    probeRects[name] = {a.x, a.y, b.x - a.x, b.y - a.y};
}

void App::frame() {
    probeRects.clear();
    syncAnalysis();
    syncLayout();
    shortcuts();
    ImVec2 display = ImGui::GetIO().DisplaySize;
    adaptPanels(display.x);
    drawMenuBar(*this);
    float top = ImGui::GetFrameHeight();
    float statusHeight = ImGui::GetFrameHeight() + 4;
    float strip = ImGui::GetFrameHeight() + 8;  // a folded panel: one button to open it again
    // Under 1000 px the scenario panel narrows (its sliders still show their names) so the map keeps the room.
    float left = showScenarioPanel ? std::clamp(display.x * 0.22f, display.x < 1000 ? 200.0f : 230.0f, 340.0f) : strip;
    float right = showDetailsPanel ? std::clamp(display.x * 0.22f, 240.0f, 400.0f) : strip;
    float middle = std::max(100.0f, display.x - left - right);
    detailsLeft = left + middle;
    float available = display.y - top - statusHeight;
    // The table keeps about eight lines of text (title, legend, header, five rows) while the map keeps half;
    // on a short screen (800x600) it takes 45%: its compact rows then show five targets, and the map, with
    // its legend folded, still has the larger part.
    float tableShare = display.y < 700 ? 0.45f : 0.3f;
    float bottom = std::min(std::max(available * tableShare, ImGui::GetFrameHeightWithSpacing() * 8), available * 0.5f);
    float mapHeight = available - bottom;
    if (showScenarioPanel) drawScenarioPanel(*this, {0, top}, {left, available});
    else drawFoldedPanel(*this, showScenarioPanel, {0, top}, {left, available}, "»");
    drawMapPanel(*this, {left, top}, {middle, mapHeight});
    drawTargetsPanel(*this, {left, top + mapHeight}, {middle, bottom});
    if (showDetailsPanel) {
        float detailsHeight = std::floor(available * 0.5f);
        drawDetailsPanel(*this, {left + middle, top}, {right, detailsHeight});
        drawPrioritiesPanel(*this, {left + middle, top + detailsHeight}, {right, available - detailsHeight});
    } else {
        drawFoldedPanel(*this, showDetailsPanel, {left + middle, top}, {right, available}, "«");
    }
    drawStatusBar(*this, {0, display.y - statusHeight}, {display.x, statusHeight});
    refreshFileFields();
    drawDialogs(*this);
    if (probing) probeLabels = probe::takeFrame();
}

}  // namespace viewer
