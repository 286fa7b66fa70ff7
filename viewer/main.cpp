// chainatlas-viewer: parses the options, creates the window (viewer/platform/backend.*) and the App, and runs the frame
// loop; everything else lives in App and the panels. --screenshot OUT.png renders headless frames (under
// Xvfb) and writes the last one with the frame statistics.
#include <imgui.h>

#include <malloc.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <vector>

#include "app.hpp"
#include "chainatlas/base/file_io.hpp"
#include "chainatlas/base/huge_pages.hpp"
#include "chainatlas/base/paths.hpp"
#include "platform/backend.hpp"
#include "tools/frame_stats.hpp"
#include "tools/probe.hpp"

namespace {

using viewer::Clock;

// When the process started: --screenshot reports the time to the first frame and to the first map from here.
const auto processStart = Clock::now();

constexpr double kIdleFrameSeconds = 0.125;

struct Options {
    std::string file, session, region, select, lang, level = "segment", screenshot, probe;  // lang "": chooseLang
    std::vector<std::string> hubs, assumptions, compare, windows;
    bool checklist = false;
    int frames = 30, width = 1600, height = 1000;
    int relayoutEvery = 0;        // measurement aid: request a new layout every N frames
    bool interact = false;        // measurement aid: region change, what-if, undo, region back, each once settled
    bool interactMemory = false;  // measurement aid: ten region changes and five what-ifs, memory after each
    float textSize = viewer::kDefaultTextSize;
};

// --region and --hub as the file's starting scenario, resolved on the open worker as soon as the chain is
// loaded (so its first analysis is the one asked for); an unknown id is left to applyOptions to report.
viewer::StartingScenario startingScenario(const Options& o) {
    return [region = o.region, hubs = o.hubs](const chainatlas::Chain& chain) {
        viewer::Scenario scenario;
        scenario.region = chain.regions.empty() ? -1 : 0;
        if (int r = chainatlas::findRegion(chain, region); !region.empty() && r >= 0) scenario.region = r;
        for (const auto& hub : hubs) {
            int r = chainatlas::findRegion(chain, hub);
            if (r >= 0 && std::find(scenario.hubs.begin(), scenario.hubs.end(), r) == scenario.hubs.end())
                scenario.hubs.push_back(r);
        }
        if (scenario.region < 0) scenario.hubs.clear();
        return scenario;
    };
}

// Applies --region, --hub, --assume, --select, --level and the windows once the file is open (--region and
// --hub are already in its first analysis: setting them again changes nothing).
chainatlas::Status applyOptions(viewer::App& app, const Options& o) {
    using namespace chainatlas;
    viewer::ViewerState& state = app.state;
    // --lang outranks the session just opened; without it the session's language (or the locale's) stays.
    if (!o.lang.empty()) viewer::setLang(state, chooseLang(o.lang, nullptr));
    if (!state.chain) return Status::success();
    const Chain& chain = *state.chain;
    if (!o.region.empty()) {
        auto region = resolveId(chain, IdKind::Region, o.region);
        if (!region) return region.error();
        viewer::setRegion(state, *region);
    }
    for (const auto& hub : o.hubs) {
        auto region = resolveId(chain, IdKind::Region, hub);
        if (!region) return region.error();
        viewer::setHub(state, *region, true);
    }
    for (const auto& text : o.assumptions) {
        auto assumption = parseAssumption(chain, text);
        if (!assumption) return Status::failure(assumption.error().code, "--assume " + assumption.error().message);
        viewer::assume(state, *assumption);
    }
    if (!o.select.empty()) {
        if (int f = findFirm(chain, o.select); f >= 0) viewer::select(state, {viewer::SelectionKind::Firm, f});
        else if (int s = findSegment(chain, o.select); s >= 0)
            viewer::select(state, {viewer::SelectionKind::Segment, s});
        else if (int r = findResource(chain, o.select); r >= 0)
            viewer::select(state, {viewer::SelectionKind::Resource, r});
        else
            return Status::failure(ErrorCode::UnknownId, "--select: no firm, segment or resource \"" + o.select + "\"");
    }
    for (const auto& region : o.compare) {
        auto r = resolveId(chain, IdKind::Region, region);
        if (!r) return Status::failure(r.error().code, "--compare " + r.error().message);
        app.compareRegions.push_back(*r);
        app.showCompare = true;
    }
    app.showChecklist = o.checklist;
    for (const std::string& window : o.windows) {
        if (window == "session") app.openSessionWindow();
        app.showExport = app.showExport || window == "export";
        app.showSearch = app.showSearch || window == "search";
    }
    viewer::setLevel(state, o.level == "firm" ? MapLevel::Firm : MapLevel::Segment);
    state.undoStack.clear();  // the starting point is not an undo step
    return Status::success();
}

void rebuildFonts(viewer::App& app, viewer::Backend& backend) {
    ImGuiIO& io = ImGui::GetIO();
    viewer::buildFontAtlas(*io.Fonts, app.font, app.glyphs, app.textSize);
    backend.reloadFontTexture();
    viewer::usePlaceholderGlyph(io.Fonts->Fonts.empty() ? nullptr : io.Fonts->Fonts[0]);
    ImGui::GetStyle() = viewer::scaledStyle(app.textSize);
    app.fontsDirty = false;
}

// The command line into `o`; returns the exit status when the program stops here (--help, a bad option), else -1.
int parseOptions(int argc, char** argv, Options& o) {
    CLI::App cli{"chainatlas-viewer: explore an industry chain live (产业链图谱)"};
    CLI::Option* file = cli.add_option("FILE", o.file, "chain JSON file or CSV folder (default: the last session)");
    cli.add_option("--session", o.session, "planning session to open instead of a file (File > Session > Load)")
        ->excludes(file);
    cli.add_option("--region", o.region, "focal region id");
    cli.add_option("--hub", o.hubs, "hub region id (repeatable)");
    cli.add_option("--assume", o.assumptions, "what-if: FIRM@REGION[:SEG,SEG...] (repeatable)");
    cli.add_option("--select", o.select, "firm, segment or resource id to select");
    cli.add_option("--lang", o.lang, "zh or en (default: the session's, else the locale's)")
        ->check(CLI::IsMember({"zh", "en"}));
    cli.add_option("--level", o.level, "segment or firm")->check(CLI::IsMember({"segment", "firm"}));
    cli.add_option("--compare", o.compare, "open the compare window with these regions (repeatable)");
    cli.add_flag("--checklist", o.checklist, "open the 十个一 checklist window");
    cli.add_option("--window", o.windows, "open a window at start: session, export, search or problems (repeatable)")
        ->check(CLI::IsMember({"session", "export", "search", "problems"}));
    cli.add_option("--screenshot", o.screenshot, "render headless and write the last frame to this PNG");
    cli.add_option("--frames", o.frames, "frames to render before the screenshot")->check(CLI::Range(1, 100000));
    cli.add_option("--relayout-every", o.relayoutEvery, "measurement: lay the map out again every N frames");
    cli.add_flag("--interact-memory", o.interactMemory,
                 "measurement (with --screenshot): ten region changes, then five what-ifs; prints the resident "
                 "memory once each has settled");
    cli.add_flag("--interact", o.interact,
                 "measurement (with --screenshot): change region, assume the top target, undo, change back; "
                 "prints the longest frame meanwhile");
    cli.add_option("--text-size", o.textSize, "text size in pixels (Ctrl +, Ctrl -, Ctrl 0 in the window)")
        ->check(CLI::Range(viewer::kMinTextSize, viewer::kMaxTextSize));
    cli.add_option("--probe", o.probe,
                   "test aid: write widget rectangles and state facts to this file after each frame");
    cli.add_option("--width", o.width, "window width")->check(CLI::Range(320, 8192));
    cli.add_option("--height", o.height, "window height")->check(CLI::Range(240, 8192));
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e) == 0 ? 0 : 1;
    }
    return -1;
}

// The file given on the command line has been opened (`open`) or failed: the options that need it, or the
// errors (headless: exit 2, as there is nothing to show but them). Returns the exit status so far.
int optionsApplied(viewer::App& app, const Options& o, bool open) {
    if (!open) {
        for (const auto& d : app.state.problems) std::cerr << chainatlas::formatDiagnostic(d) << "\n";
        if (app.messageIsError) std::cerr << app.messageDetail << "\n";  // a session's problem
        // Headless, nothing but the errors to show: exit 2, unless the screenshot is of the problems window.
        bool showThem = std::find(o.windows.begin(), o.windows.end(), "problems") != o.windows.end();
        if (!o.screenshot.empty() && !showThem) return 2;
    }
    if (chainatlas::Status applied = applyOptions(app, o); !applied) {
        std::cerr << "chainatlas-viewer: " << applied.error().message << "\n";
        return 1;
    }
    return 0;
}

// Starts opening the file or session given on the open worker (in the window without either: restores the
// last session); the other options wait for it (applyOptions). Returns the exit status so far (0: run the window).
int startApp(viewer::App& app, const Options& o) {
    app.state.deferAnalysis = true;  // scenario changes are analysed on the worker (tests drive App synchronously)
    app.openInBackground = true;     // the window shows while the file loads (tests open at once)
    app.persistSettings = o.screenshot.empty();  // headless runs leave the planner's settings alone
    app.probing = !o.probe.empty();
    viewer::probe::enable(app.probing);
    app.setTextSize(o.textSize);
    // The one language rule: --lang, else the session's (when one is opened and says it), else the locale.
    viewer::setLang(app.state, chainatlas::chooseLang(o.lang, nullptr));
    if (app.persistSettings) app.loadRecentFiles();
    if (!o.file.empty()) {
        app.startingScenario = startingScenario(o);
        app.open(o.file);
        return 0;
    }
    if (!o.session.empty()) {
        app.openSession(o.session, viewer::OpenKind::Session);
        return 0;
    }
    if (o.screenshot.empty() && std::filesystem::exists(app.lastSessionPath())) {
        app.openSession(app.lastSessionPath(), viewer::OpenKind::LastSession);
        return 0;
    }
    return optionsApplied(app, o, true);
}

// What --screenshot waits for: enough frames, a settled window and the scripted steps done, or the time limit.
struct ScreenshotWait {
    const viewer::FrameStats& stats;
    const viewer::Interaction& interaction;
    Clock::time_point started;
};

// --screenshot: writes the last frame and the statistics once the wait is over; true when the loop should stop
// (`status` 1 when the file could not be written).
bool screenshotTaken(const Options& o, viewer::App& app, viewer::Backend& backend, const ScreenshotWait& w,
                     int& status) {
    bool done = !w.interaction.active() || w.interaction.finished;
    double waited = std::chrono::duration<double>(Clock::now() - w.started).count();
    double limit = 60 + 10.0 * static_cast<double>(w.interaction.script.size());
    if (!((w.stats.frames >= o.frames && viewer::settled(app) && done) || waited > limit)) return false;
    if (!backend.writeScreenshot(o.screenshot)) {
        std::cerr << "chainatlas-viewer: cannot write " << o.screenshot << "\n";
        status = 1;
    }
    w.stats.print(app, w.interaction);
    return true;
}

void returnLargeBlocksWhenFreed() {
    // Blocks of 1 MB and more (an analysis's target lists, a map's geometry) are mapped on their own and given
    // back to the system when freed. By default glibc raises this threshold once such a block is freed and then
    // serves them from the heap of the thread that asks (the analysis worker's), which returns memory only from
    // its top: at 100k firms the resident memory grew from 466 to 588 MB over five region changes and to 703 MB
    // after five what-ifs; with the threshold fixed, 401-407 MB and 517 MB (bench/run.sh, viewer memory rows).
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
}

}  // namespace

int main(int argc, char** argv) {
    // The layout helper this program starts for itself (LayoutWorker): no window, only dot.
    if (argc == 2 && std::string_view(argv[1]) == chainatlas::kLayoutHelperFlag) return chainatlas::serveMapLayouts(0);
    chainatlas::startWithHugePages(argv);
    returnLargeBlocksWhenFreed();
    Options o;
    if (int exit = parseOptions(argc, argv, o); exit >= 0) return exit;
    std::string problem;
    std::unique_ptr<viewer::Backend> backend = viewer::Backend::create({o.width, o.height, !o.screenshot.empty()},
                                                                       problem);
    if (!backend) {
        std::cerr << "chainatlas-viewer: " << problem << "\n";
        return 1;
    }
    viewer::App app(chainatlas::assetsDir());
    viewer::keepClipboardExact(app);
    backend->setCharFilter([&app](unsigned c) {
        return viewer::StandIns::needsStandIn(c) ? static_cast<unsigned>(app.fieldText.standInFor(c)) : c;
    });
    viewer::wakeWindow = &viewer::Backend::wake;
    int status = startApp(app, o);

    bool optionsPending = app.opening();  // applied once the file or session is open
    viewer::Interaction interaction = o.interactMemory ? viewer::Interaction::memory()
                                      : o.interact     ? viewer::Interaction::planner()
                                                       : viewer::Interaction{};
    viewer::FrameStats stats(processStart);
    auto started = Clock::now();
    while (status == 0 && !app.quitConfirmed) {
        // A worker is busy and the planner does nothing: at most 8 frames a second (the spinner's pace), so the
        // software renderer leaves the workers the cores (at 20 a second, a region change at 100k firms took
        // 0.29-0.39 s to settle, against 0.21-0.30 s); any input, or a worker's result, wakes the window at once.
        if (app.opening() || app.analysing() || app.worker.busy()) backend->waitEvents(kIdleFrameSeconds);
        else backend->pollEvents();
        if (backend->takeCloseRequest()) {  // the window's close button: ask first, like File → Quit
            if (o.screenshot.empty()) app.requestQuit();
            else break;
        }
        if (std::vector<std::string> dropped = backend->takeDroppedPaths(); !dropped.empty())
            app.requestOpen(dropped.back());
        auto stepStart = Clock::now();
        std::optional<bool> opened = app.pollOpen();
        double adoptMs = std::chrono::duration<double, std::milli>(Clock::now() - stepStart).count();
        if (opened && optionsPending) {
            optionsPending = false;
            status = optionsApplied(app, o, *opened);
            if (status != 0) break;
        }
        if (app.fontsDirty) rebuildFonts(app, *backend);
        if (o.relayoutEvery > 0 && stats.frames % o.relayoutEvery == 0) app.state.relayout();
        interaction.poll(app);
        auto frameStart = Clock::now();
        bool layoutRunning = app.worker.busy(), analysing = app.analysing();
        backend->beginFrame();
        app.frame();
        double buildMs = std::chrono::duration<double, std::milli>(Clock::now() - frameStart).count();
        backend->endFrame();
        if (app.probing) viewer::writeProbe(app, o.probe, stats.frames);
        auto frameEnd = Clock::now();
        double ms = std::chrono::duration<double, std::milli>(frameEnd - frameStart).count();
        double stepMs = std::chrono::duration<double, std::milli>(frameEnd - stepStart).count();
        stats.record(app, {ms, stepMs, buildMs, layoutRunning, analysing, interaction.step > 0});
        if (opened) stats.adopted(stepMs, adoptMs);
        if (!o.screenshot.empty() && screenshotTaken(o, app, *backend, {stats, interaction, started}, status)) break;
        backend->present();
        if (app.toggleFullscreen) {
            app.toggleFullscreen = false;
            backend->toggleFullscreen();
        }
    }
    viewer::wakeWindow = nullptr;  // workers left running must not wake a window that is going away
    if (app.persistSettings) {
        app.saveLastSession();  // reopened on the next start; the session saved by name is left as saved
        app.saveRecentFiles();
    }
    return status;
}
