// The viewer application: state, layout worker, theme and the UI flags the panels share.
// main.cpp owns the window; App::frame() builds one ImGui frame from the panels.
#pragma once

#include <imgui.h>

#include <deque>
#include <memory>
#include <string>

#include "chainatlas/compare.hpp"
#include "chainatlas/theme.hpp"
#include "fonts.hpp"
#include "layout_worker.hpp"
#include "state.hpp"

namespace viewer {

struct App {
    ViewerState state;
    LayoutWorker worker;
    chainatlas::Theme theme;
    FontFile font;
    std::string assetsDir;

    // The map on screen: geometry of the newest finished layout, for the chain it was made from.
    std::shared_ptr<const chainatlas::MapGeometry> geometry;
    std::shared_ptr<const chainatlas::Chain> geometryBase;  // state.chain when it was requested
    int requestedGeneration = -1, shownGeneration = -1;
    double lastLayoutSeconds = 0;
    std::string layoutError;

    // Windows and inputs.
    bool showOpen = false, showExport = false, showSession = false, showSearch = false, showProblems = false;
    bool focusSearch = false;
    std::string openPath, exportSvgPath = "chainatlas-map.svg", exportCsvPath = "chainatlas-targets.csv";
    std::string sessionPath, searchQuery, message;
    float fontScale = 1.0f;
    bool fontsDirty = true, toggleFullscreen = false, quitRequested = false;
    bool weightsDragging = false;  // a slider drag in progress (one undo step per drag)

    // 十个一 checklist and compare windows (panels/checklist_panel.cpp, panels/compare_panel.cpp).
    bool showChecklist = false, showCompare = false;
    std::vector<int> compareRegions;
    chainatlas::Comparison comparison;
    int compareGeneration = -1;  // state.layoutGeneration the comparison was made for
    std::string exportReportPath = "chainatlas-report.pdf";

    // Frame timing for the status bar and --screenshot statistics.
    std::deque<float> frameMs;
    double longestFrameMsWhileLayout = 0;

    explicit App(std::string assets);
    void frame();
    // Opens a chain (command line, Open box, drag-and-drop): errors go to the problems window.
    void open(const std::string& path);
    void centreOn(Selection selection);
    std::string exportSvg(const std::string& path);
    std::string exportCsv(const std::string& path);
    std::string exportReport(const std::string& path);  // .xlsx or .pdf, with notes and checklist
    std::string settingsFolder() const;

private:
    void syncLayout();
    void shortcuts();
};

// "#rrggbb" from the theme as an ImGui colour.
ImU32 themeColor(const std::string& hex, int alpha = 255);

// Panels, one file each (viewer/panels/).
void drawMenuBar(App& app);
void drawScenarioPanel(App& app, ImVec2 pos, ImVec2 size);  // region, hubs, weights, what-if, undo
void drawMapPanel(App& app, ImVec2 pos, ImVec2 size);
void drawDetailsPanel(App& app, ImVec2 pos, ImVec2 size);
void drawTargetsPanel(App& app, ImVec2 pos, ImVec2 size);
void drawStatusBar(App& app, ImVec2 pos, ImVec2 size);
void drawDialogs(App& app);                                  // open, export, session, search, problems
void drawChecklistPanel(App& app);                           // 十个一 of the current region
void drawComparePanel(App& app);                             // several regions side by side

}  // namespace viewer
