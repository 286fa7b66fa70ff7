// chainatlas-viewer: creates the window and runs the frame loop; everything else lives in App and the panels.
// --screenshot OUT.png renders headless frames (under Xvfb) and writes the last one.
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb/stb_image_write.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <vector>

#include "app.hpp"
#include "chainatlas/file_io.hpp"
#include "chainatlas/paths.hpp"

namespace {

// When the process started: --screenshot reports the time to the first frame and to the first map from here.
const auto processStart = std::chrono::steady_clock::now();

std::vector<std::string> droppedPaths;

void onDrop(GLFWwindow*, int count, const char** paths) {
    for (int i = 0; i < count; ++i) droppedPaths.emplace_back(paths[i]);
}

// ImGui 1.86 reads key states once per frame, so a press and release within one slow frame (a busy
// projector laptop, a sanitizer build) would be lost. Presses are latched here and held for one frame.
std::vector<int> keyPresses;

void onKey(GLFWwindow*, int key, int, int action, int) {
    if (action == GLFW_PRESS && key >= 0 && key < 512) keyPresses.push_back(key);
}

void updateModifiers(ImGuiIO& io) {
    io.KeyCtrl = io.KeysDown[GLFW_KEY_LEFT_CONTROL] || io.KeysDown[GLFW_KEY_RIGHT_CONTROL];
    io.KeyShift = io.KeysDown[GLFW_KEY_LEFT_SHIFT] || io.KeysDown[GLFW_KEY_RIGHT_SHIFT];
    io.KeyAlt = io.KeysDown[GLFW_KEY_LEFT_ALT] || io.KeysDown[GLFW_KEY_RIGHT_ALT];
}

// Before a frame: keys pressed since the last one count as down. Returns those that were already up again.
std::vector<int> latchKeyPresses() {
    ImGuiIO& io = ImGui::GetIO();
    std::vector<int> latched;
    for (int key : keyPresses)
        if (!io.KeysDown[key]) {
            io.KeysDown[key] = true;
            latched.push_back(key);
        }
    keyPresses.clear();
    updateModifiers(io);
    return latched;
}

// After the frame: the latched keys are up again unless they are still held.
void releaseLatched(GLFWwindow* window, const std::vector<int>& latched) {
    ImGuiIO& io = ImGui::GetIO();
    for (int key : latched)
        if (glfwGetKey(window, key) == GLFW_RELEASE) io.KeysDown[key] = false;
    updateModifiers(io);
}

bool writeScreenshot(const std::string& path, int width, int height) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    std::vector<unsigned char> flipped(pixels.size());
    std::size_t row = static_cast<std::size_t>(width) * 4;
    for (int y = 0; y < height; ++y) std::copy_n(&pixels[(height - 1 - y) * row], row, &flipped[y * row]);
    for (std::size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
    return stbi_write_png(path.c_str(), width, height, 4, flipped.data(), static_cast<int>(row)) != 0;
}

struct Options {
    std::string file, region, select, lang = "zh", level = "segment", screenshot, probe;
    std::vector<std::string> hubs, assumptions, compare;
    bool checklist = false;
    int frames = 30, width = 1600, height = 1000;
    int relayoutEvery = 0;  // measurement aid: request a new layout every N frames
    bool interact = false;  // measurement aid: region change, what-if, undo, region back, each once settled
    float textSize = viewer::kDefaultTextSize;
};

// --interact: what a planner does, one step each time the previous one has settled (analysed and laid out),
// so that the longest frame meanwhile shows whether the window ever waited for the analysis.
struct Interaction {
    static constexpr int kSteps = 4;
    int step = 0, firm = -1;
    double longestMs = 0;
    void next(viewer::App& app) {
        viewer::ViewerState& state = app.state;
        int regions = static_cast<int>(state.chain->regions.size());
        switch (step++) {
            case 0: viewer::setRegion(state, (state.scenario.region + 1) % regions); break;
            case 1:
                if (!state.analysis.targets.empty()) {
                    firm = state.analysis.targets.front().firm;
                    viewer::assume(state, {firm, state.scenario.region, {}});
                }
                break;
            case 2: viewer::undo(state); break;
            default: viewer::undo(state); break;  // the region before step 0
        }
    }
};

// Applies --region, --hub, --assume, --select, --lang, --level; returns "" or the reason.
std::string applyOptions(viewer::App& app, const Options& o) {
    using namespace chainatlas;
    viewer::ViewerState& state = app.state;
    viewer::setLang(state, o.lang == "en" ? Lang::En : Lang::Zh);
    if (!state.chain) return {};
    const Chain& chain = *state.chain;
    std::string problem;
    if (!o.region.empty()) {
        int region = resolveId(chain, IdKind::Region, o.region, problem);
        if (region < 0) return problem;
        viewer::setRegion(state, region);
    }
    for (const auto& hub : o.hubs) {
        int region = resolveId(chain, IdKind::Region, hub, problem);
        if (region < 0) return problem;
        viewer::setHub(state, region, true);
    }
    for (const auto& text : o.assumptions) {
        Assumption assumption;
        if (std::string bad = parseAssumption(chain, text, assumption); !bad.empty()) return "--assume " + bad;
        viewer::assume(state, assumption);
    }
    if (!o.select.empty()) {
        if (int f = findFirm(chain, o.select); f >= 0) viewer::select(state, {viewer::SelectionKind::Firm, f});
        else if (int s = findSegment(chain, o.select); s >= 0)
            viewer::select(state, {viewer::SelectionKind::Segment, s});
        else if (auto r = chain.resourceIndex.find(o.select); r != chain.resourceIndex.end())
            viewer::select(state, {viewer::SelectionKind::Resource, r->second});
        else return "--select: no firm, segment or resource \"" + o.select + "\"";
    }
    for (const auto& region : o.compare) {
        int r = resolveId(chain, IdKind::Region, region, problem);
        if (r < 0) return "--compare " + problem;
        app.compareRegions.push_back(r);
        app.showCompare = true;
    }
    app.showChecklist = o.checklist;
    viewer::setLevel(state, o.level == "firm" ? MapLevel::Firm : MapLevel::Segment);
    state.undoStack.clear();  // the starting point is not an undo step
    return {};
}

void rebuildFonts(viewer::App& app) {
    ImGuiIO& io = ImGui::GetIO();
    viewer::buildFontAtlas(*io.Fonts, app.font, app.state.chain.get(), app.textSize);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    ImGui::GetStyle() = viewer::scaledStyle(app.textSize);
    app.fontsDirty = false;
}

// Rewrites the probe file after every frame, with the frame's number first, so the end-to-end test can wait
// for frames to pass instead of guessing with sleeps (a loaded machine draws a frame in 40 or 400 ms).
// Written to a temporary file and renamed, so a reader never sees half of it; no fsync (a test aid, per frame).
void writeProbe(const viewer::App& app, const std::string& path, int frame) {
    std::string temporary = path + ".part";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << "frame " << frame << "\n" << app.probeReport();
        if (!out) return;
    }
    std::rename(temporary.c_str(), path.c_str());
}

void restoreLastSession(viewer::App& app) {
    std::string problem = viewer::loadSession(app.state, app.lastSessionPath());
    if (!problem.empty()) app.say(app.lastSessionPath(), true, problem);
    app.fontsDirty = true;
    app.savedWork = nullptr;  // restored what-ifs are in no file saved by name: still unsaved work
}

GLFWwindow* createWindow(const Options& o, const char** glslVersion) {
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    if (!o.screenshot.empty()) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    *glslVersion = "#version 330 core";
    GLFWwindow* window = glfwCreateWindow(o.width, o.height, "ChainAtlas 产业链图谱", nullptr, nullptr);
    if (window) return window;
    glfwDefaultWindowHints();  // an older driver: any OpenGL 3 context
    if (!o.screenshot.empty()) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    *glslVersion = "#version 130";
    return glfwCreateWindow(o.width, o.height, "ChainAtlas 产业链图谱", nullptr, nullptr);
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    CLI::App cli{"chainatlas-viewer: explore an industry chain live (产业链图谱)"};
    cli.add_option("FILE", o.file, "chain JSON file or CSV folder (default: the last session)");
    cli.add_option("--region", o.region, "focal region id");
    cli.add_option("--hub", o.hubs, "hub region id (repeatable)");
    cli.add_option("--assume", o.assumptions, "what-if: FIRM@REGION[:SEG,SEG...] (repeatable)");
    cli.add_option("--select", o.select, "firm, segment or resource id to select");
    cli.add_option("--lang", o.lang, "zh or en")->check(CLI::IsMember({"zh", "en"}));
    cli.add_option("--level", o.level, "segment or firm")->check(CLI::IsMember({"segment", "firm"}));
    cli.add_option("--compare", o.compare, "open the compare window with these regions (repeatable)");
    cli.add_flag("--checklist", o.checklist, "open the 十个一 checklist window");
    cli.add_option("--screenshot", o.screenshot, "render headless and write the last frame to this PNG");
    cli.add_option("--frames", o.frames, "frames to render before the screenshot")->check(CLI::Range(1, 100000));
    cli.add_option("--relayout-every", o.relayoutEvery, "measurement: lay the map out again every N frames");
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

    if (!glfwInit()) {
        std::cerr << "chainatlas-viewer: no display (set DISPLAY, or run under xvfb-run)\n";
        return 1;
    }
    const char* glsl = nullptr;
    GLFWwindow* window = createWindow(o, &glsl);
    if (!window) {
        std::cerr << "chainatlas-viewer: cannot create an OpenGL 3 window\n";
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(o.screenshot.empty() ? 1 : 0);
    glfwSetDropCallback(window, onDrop);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the arrangement is fixed; nothing to remember
    glfwSetKeyCallback(window, onKey);     // before ImGui's backend, which calls it from its own callback
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init(glsl);

    viewer::App app(chainatlas::assetsDir());
    app.state.deferAnalysis = true;  // scenario changes are analysed on the worker (tests drive App synchronously)
    app.persistSettings = o.screenshot.empty();  // headless runs leave the planner's settings alone
    app.probing = !o.probe.empty();
    app.setTextSize(o.textSize);
    if (app.persistSettings) app.loadRecentFiles();
    int status = 0;
    if (!o.file.empty()) {
        app.open(o.file);
        if (!app.state.chain) {
            for (const auto& d : app.state.problems) std::cerr << chainatlas::formatDiagnostic(d) << "\n";
            if (!o.screenshot.empty()) status = 2;  // headless: nothing to show but the errors
        }
    } else if (o.screenshot.empty() && std::filesystem::exists(app.lastSessionPath())) {
        restoreLastSession(app);
    }
    if (std::string problem = applyOptions(app, o); !problem.empty()) {
        std::cerr << "chainatlas-viewer: " << problem << "\n";
        status = 1;
    }

    using Clock = std::chrono::steady_clock;
    Interaction interaction;
    int frame = 0;
    auto started = Clock::now();
    double longest = 0, total = 0, firstFrame = -1, firstMap = -1;
    bool windowed = true;
    int savedX = 0, savedY = 0, savedW = o.width, savedH = o.height;
    while (status == 0 && !app.quitConfirmed) {
        glfwPollEvents();
        if (glfwWindowShouldClose(window)) {  // the window's close button: ask first, like File → Quit
            glfwSetWindowShouldClose(window, GLFW_FALSE);
            if (o.screenshot.empty()) app.requestQuit();
            else break;
        }
        if (!droppedPaths.empty()) {
            app.requestOpen(droppedPaths.back());
            droppedPaths.clear();
        }
        if (app.fontsDirty) rebuildFonts(app);
        if (o.relayoutEvery > 0 && frame % o.relayoutEvery == 0) ++app.state.layoutGeneration;
        bool settled = !app.state.hasAnalysis() || (app.geometry && !app.worker.busy() && !app.analysing());
        if (o.interact && settled && interaction.step < Interaction::kSteps) interaction.next(app);
        auto frameStart = Clock::now();
        bool layoutRunning = app.worker.busy(), analysing = app.analysing();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        std::vector<int> latched = latchKeyPresses();
        ImGui::NewFrame();
        app.frame();
        ImGui::Render();
        releaseLatched(window, latched);
        int width, height;
        glfwGetFramebufferSize(window, &width, &height);
        glViewport(0, 0, width, height);
        glClearColor(0.98f, 0.98f, 0.98f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glFinish();
        if (app.probing) writeProbe(app, o.probe, frame);
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - frameStart).count();
        app.frameMs.push_back(static_cast<float>(ms));
        if (app.frameMs.size() > 120) app.frameMs.pop_front();
        if (frame > 2) {  // the first frames build fonts and textures
            longest = std::max(longest, ms);
            total += ms;
            if (layoutRunning) app.longestFrameMsWhileLayout = std::max(app.longestFrameMsWhileLayout, ms);
            if (analysing) app.longestFrameMsWhileAnalysing = std::max(app.longestFrameMsWhileAnalysing, ms);
            if (interaction.step > 0) interaction.longestMs = std::max(interaction.longestMs, ms);
        }
        ++frame;
        double sinceStart = std::chrono::duration<double>(Clock::now() - processStart).count();
        if (firstFrame < 0) firstFrame = sinceStart;
        if (firstMap < 0 && app.geometry) firstMap = sinceStart;
        if (!o.screenshot.empty()) {
            settled = !app.state.hasAnalysis() || (app.geometry && !app.worker.busy() && !app.analysing());
            bool done = !o.interact || interaction.step >= Interaction::kSteps;
            double waited = std::chrono::duration<double>(Clock::now() - started).count();
            if ((frame >= o.frames && settled && done) || waited > 60) {
                if (!writeScreenshot(o.screenshot, width, height)) {
                    std::cerr << "chainatlas-viewer: cannot write " << o.screenshot << "\n";
                    status = 1;
                }
                std::printf(
                    "frames %d, mean %.2f ms, longest %.2f ms, longest while laying out %.2f ms, layout %.3f s, "
                    "first frame %.3f s, first map %.3f s\n",
                    frame, frame > 3 ? total / (frame - 3) : 0.0, longest, app.longestFrameMsWhileLayout,
                    app.lastLayoutSeconds, firstFrame, firstMap);
                std::printf("longest while analysing %.2f ms, analysis %.3f s\n", app.longestFrameMsWhileAnalysing,
                            app.lastAnalysisSeconds);
                if (o.interact)
                    std::printf(
                        "interaction (region change, what-if, undo, region back): %d steps, longest frame %.2f ms\n",
                        interaction.step, interaction.longestMs);
                break;
            }
        }
        glfwSwapBuffers(window);
        if (app.toggleFullscreen) {
            app.toggleFullscreen = false;
            if (windowed) {
                glfwGetWindowPos(window, &savedX, &savedY);
                glfwGetWindowSize(window, &savedW, &savedH);
                GLFWmonitor* monitor = glfwGetPrimaryMonitor();
                const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
                if (mode) glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
            } else {
                glfwSetWindowMonitor(window, nullptr, savedX, savedY, savedW, savedH, 0);
            }
            windowed = !windowed;
        }
    }
    if (app.persistSettings) {
        app.saveLastSession();  // reopened on the next start; the session saved by name is left as saved
        app.saveRecentFiles();
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return status;
}
