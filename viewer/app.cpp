// App: the frame (panels in a fixed arrangement that suits a meeting-room screen), layout requests to
// the worker, keyboard shortcuts, exports and settings.
#include "app.hpp"

#include <GLFW/glfw3.h>  // key codes: ImGui 1.86 reads keys by the backend's codes

#include <cstdlib>
#include <filesystem>

#include "chainatlas/file_io.hpp"
#include "chainatlas/document.hpp"
#include "chainatlas/report.hpp"
#include "chainatlas/report_document.hpp"
#include "chainatlas/svg.hpp"
#include "i18n.hpp"

namespace viewer {

using namespace chainatlas;

ImU32 themeColor(const std::string& hex, int alpha) {
    int r = 128, g = 128, b = 128;
    parseColor(hex, r, g, b);
    return IM_COL32(r, g, b, alpha);
}

App::App(std::string assets) : assetsDir(std::move(assets)) {
    std::vector<Diagnostic> problems;
    theme = loadTheme(assetsDir + "/theme.json", problems);
    font = findCjkFont(assetsDir);
    sessionPath = settingsFolder() + "/session.json";
}

std::string App::settingsFolder() const {
    const char* config = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    std::string base = config ? config : (home ? std::string(home) + "/.config" : std::string("."));
    return base + "/chainatlas";
}

void App::open(const std::string& path) {
    if (openChain(state, path)) {
        fontsDirty = true;  // new names need glyphs
        geometry.reset();
        message.clear();
        showProblems = hasErrors(state.problems);
    } else {
        showProblems = true;
    }
}

void App::syncLayout() {
    if (!state.hasAnalysis()) return;
    if (state.layoutGeneration != requestedGeneration) {
        requestedGeneration = state.layoutGeneration;
        worker.request({requestedGeneration, state.drawn, state.analysis,
                        layoutOptions(state, theme.graphvizFont, theme.fontSize)});
    }
    if (auto result = worker.poll()) {
        if (!result->geometry) {
            layoutError = result->geometry.error();
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

void App::centreOn(Selection selection) {
    select(state, selection);
    if (!geometry) return;
    const Box* box = nullptr;
    if (selection.kind == SelectionKind::Segment && selection.index < static_cast<int>(geometry->segments.size()))
        box = &geometry->segments[selection.index].box;
    if (selection.kind == SelectionKind::Firm)
        for (const auto& firm : geometry->firms)
            if (firm.firm == selection.index) box = &firm.box;
    if (!box && selection.kind == SelectionKind::Firm) {
        // Not drawn at this level: centre on the segment of its first site.
        const Firm& firm = state.chain->firms[selection.index];
        if (!firm.sites.empty() && !firm.sites[0].segments.empty())
            box = &geometry->segments[firm.sites[0].segments[0]].box;
    }
    if (!box) return;
    ImVec2 display = ImGui::GetIO().DisplaySize;
    state.camera.zoom = std::max(state.camera.zoom, 1.0);
    state.camera.x = box->x + box->w / 2 - display.x * 0.5 / state.camera.zoom;
    state.camera.y = box->y + box->h / 2 - display.y * 0.35 / state.camera.zoom;
}

namespace {
std::string today() {
    char date[16];
    std::time_t now = std::time(nullptr);
    std::strftime(date, sizeof date, "%Y-%m-%d", std::localtime(&now));
    return date;
}
}  // namespace

std::string App::exportSvg(const std::string& path) {
    if (!state.chain || !geometry) return tr(state.lang, "没有可导出的图", "nothing to export yet");
    SvgOptions options{state.lang, 10, today()};
    std::string problem = writeFileAtomically(path, renderSvg(*state.drawn, state.analysis, *geometry, theme, options));
    return problem.empty() ? std::string(tr(state.lang, "已写入 ", "Written ")) + path : problem;
}

std::string App::exportCsv(const std::string& path) {
    if (!state.chain) return tr(state.lang, "没有可导出的清单", "nothing to export yet");
    std::string problem = writeFileAtomically(path, analysisToCsv(*state.drawn, state.analysis, 0, state.lang, state.notes));
    return problem.empty() ? std::string(tr(state.lang, "已写入 ", "Written ")) + path : problem;
}

// The meeting report of the current scenario, with the map as it is on screen, the notes and the checklist.
std::string App::exportReport(const std::string& path) {
    if (!state.hasAnalysis() || !geometry) return tr(state.lang, "没有可导出的报告", "nothing to export yet");
    auto kind = documentKindOf(path);
    if (kind != DocumentKind::Xlsx && kind != DocumentKind::Pdf)
        return tr(state.lang, "文件名须以 .xlsx 或 .pdf 结尾", "the file name must end in .xlsx or .pdf");
    ReportOptions options;
    options.lang = state.lang;
    options.date = today();
    options.fontFamily = theme.fontFamily;
    if (kind == DocumentKind::Pdf) options.mapSvg = renderSvg(*state.drawn, state.analysis, *geometry, theme, {state.lang, 10, options.date});
    Document document = buildReport(*state.drawn, state.analysis, toSession(state), options);
    std::string problem = kind == DocumentKind::Xlsx ? writeXlsx(document, path) : writePdf(document, path);
    return problem.empty() ? std::string(tr(state.lang, "已写入 ", "Written ")) + path : problem;
}

void App::shortcuts() {
    ImGuiIO& io = ImGui::GetIO();
    bool typing = io.WantTextInput;
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Z)) undo(state);
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Y)) redo(state);
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_F)) {
        showSearch = true;
        focusSearch = true;
    }
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_O)) showOpen = true;
    if (io.KeyCtrl && (ImGui::IsKeyPressed(GLFW_KEY_EQUAL) || ImGui::IsKeyPressed(GLFW_KEY_KP_ADD)))
        fontScale = std::min(2.5f, fontScale + 0.1f);
    if (io.KeyCtrl && (ImGui::IsKeyPressed(GLFW_KEY_MINUS) || ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT)))
        fontScale = std::max(0.6f, fontScale - 0.1f);
    if (ImGui::IsKeyPressed(GLFW_KEY_F11)) toggleFullscreen = true;
    if (!typing && !io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_F)) state.camera.fitRequested = true;
    if (!typing && ImGui::IsKeyPressed(GLFW_KEY_ESCAPE)) select(state, {});
    io.FontGlobalScale = fontScale;
}

void App::frame() {
    syncLayout();
    shortcuts();
    ImVec2 display = ImGui::GetIO().DisplaySize;
    drawMenuBar(*this);
    float top = ImGui::GetFrameHeight();
    float statusHeight = ImGui::GetFrameHeight() + 4;
    float left = std::max(250.0f, display.x * 0.2f), right = std::max(280.0f, display.x * 0.22f);
    float bottom = std::max(200.0f, display.y * 0.3f);
    float middle = display.x - left - right;
    float mapHeight = display.y - top - bottom - statusHeight;
    drawScenarioPanel(*this, {0, top}, {left, display.y - top - statusHeight});
    drawMapPanel(*this, {left, top}, {middle, mapHeight});
    drawTargetsPanel(*this, {left, top + mapHeight}, {middle, bottom});
    drawDetailsPanel(*this, {left + middle, top}, {right, display.y - top - statusHeight});
    drawStatusBar(*this, {0, display.y - statusHeight}, {display.x, statusHeight});
    drawDialogs(*this);
}

}  // namespace viewer
