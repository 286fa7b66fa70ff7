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
#include <iostream>

#include "app.hpp"
#include "chainatlas/paths.hpp"

namespace {

std::vector<std::string> droppedPaths;

void onDrop(GLFWwindow*, int count, const char** paths) {
    for (int i = 0; i < count; ++i) droppedPaths.emplace_back(paths[i]);
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
    std::string file, region, select, lang = "zh", level = "segment", screenshot;
    std::vector<std::string> hubs, assumptions, compare;
    bool checklist = false;
    int frames = 30, width = 1600, height = 1000;
    int relayoutEvery = 0;  // measurement aid: request a new layout every N frames
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
        else if (int s = findSegment(chain, o.select); s >= 0) viewer::select(state, {viewer::SelectionKind::Segment, s});
        else return "--select: no firm or segment \"" + o.select + "\"";
    }
    for (const auto& region : o.compare) {
        int r = resolveId(chain, IdKind::Region, region, problem);
        if (r < 0) return "--compare " + problem;
        app.compareRegions.push_back(r);
        app.showCompare = true;
    }
    app.showChecklist = o.checklist;
    viewer::setLevel(state, o.level == "firm" ? MapLevel::Firm : MapLevel::Segment);
    state.undoStack.clear();  // the starting point is not an undo step, and ranks have not "changed"
    state.previousRank.clear();
    return {};
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
    cli.add_option("--select", o.select, "firm or segment id to select");
    cli.add_option("--lang", o.lang, "zh or en")->check(CLI::IsMember({"zh", "en"}));
    cli.add_option("--level", o.level, "segment or firm")->check(CLI::IsMember({"segment", "firm"}));
    cli.add_option("--compare", o.compare, "open the compare window with these regions (repeatable)");
    cli.add_flag("--checklist", o.checklist, "open the 十个一 checklist window");
    cli.add_option("--screenshot", o.screenshot, "render headless and write the last frame to this PNG");
    cli.add_option("--frames", o.frames, "frames to render before the screenshot")->check(CLI::Range(1, 100000));
    cli.add_option("--relayout-every", o.relayoutEvery, "measurement: lay the map out again every N frames");
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
    ImGui::StyleColorsLight();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init(glsl);

    viewer::App app(chainatlas::assetsDir());
    int status = 0;
    if (!o.file.empty()) {
        app.open(o.file);
        if (!app.state.chain) {
            for (const auto& d : app.state.problems) std::cerr << chainatlas::formatDiagnostic(d) << "\n";
            if (!o.screenshot.empty()) status = 2;  // headless: nothing to show but the errors
        }
    } else if (std::filesystem::exists(app.sessionPath)) {
        std::string problem = viewer::loadSession(app.state, app.sessionPath);
        if (!problem.empty()) app.message = problem;
        app.fontsDirty = true;
    }
    if (std::string problem = applyOptions(app, o); !problem.empty()) {
        std::cerr << "chainatlas-viewer: " << problem << "\n";
        status = 1;
    }

    using Clock = std::chrono::steady_clock;
    int frame = 0;
    auto started = Clock::now();
    double longest = 0, total = 0;
    bool windowed = true;
    int savedX = 0, savedY = 0, savedW = o.width, savedH = o.height;
    while (status == 0 && !glfwWindowShouldClose(window) && !app.quitRequested) {
        glfwPollEvents();
        if (!droppedPaths.empty()) {
            app.open(droppedPaths.back());
            droppedPaths.clear();
        }
        if (app.fontsDirty) {
            viewer::buildFontAtlas(*ImGui::GetIO().Fonts, app.font, app.state.chain.get(), 17.0f);
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
            app.fontsDirty = false;
        }
        if (o.relayoutEvery > 0 && frame % o.relayoutEvery == 0) ++app.state.layoutGeneration;
        auto frameStart = Clock::now();
        bool layoutRunning = app.worker.busy();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        app.frame();
        ImGui::Render();
        int width, height;
        glfwGetFramebufferSize(window, &width, &height);
        glViewport(0, 0, width, height);
        glClearColor(0.98f, 0.98f, 0.98f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glFinish();
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - frameStart).count();
        app.frameMs.push_back(static_cast<float>(ms));
        if (app.frameMs.size() > 120) app.frameMs.pop_front();
        if (frame > 2) {  // the first frames build fonts and textures
            longest = std::max(longest, ms);
            total += ms;
            if (layoutRunning) app.longestFrameMsWhileLayout = std::max(app.longestFrameMsWhileLayout, ms);
        }
        ++frame;
        if (!o.screenshot.empty()) {
            bool settled = !app.state.hasAnalysis() || (app.geometry && !app.worker.busy());
            double waited = std::chrono::duration<double>(Clock::now() - started).count();
            if ((frame >= o.frames && settled) || waited > 60) {
                if (!writeScreenshot(o.screenshot, width, height)) {
                    std::cerr << "chainatlas-viewer: cannot write " << o.screenshot << "\n";
                    status = 1;
                }
                std::printf("frames %d, mean %.2f ms, longest %.2f ms, longest while laying out %.2f ms, layout %.3f s\n", frame,
                            frame > 3 ? total / (frame - 3) : 0.0, longest, app.longestFrameMsWhileLayout, app.lastLayoutSeconds);
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
    if (o.screenshot.empty() && app.state.chain) {
        std::filesystem::create_directories(app.settingsFolder());
        viewer::saveSession(app.state, app.sessionPath);  // reopened on the next start
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return status;
}
