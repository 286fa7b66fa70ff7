// The viewer application: state, layout worker, theme and the UI flags the panels share.
// main.cpp owns the window; App::frame() builds one ImGui frame from the panels.
#pragma once

#include <imgui.h>

#include <array>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "chainatlas/analysis/compare.hpp"
#include "chainatlas/map/scene.hpp"
#include "chainatlas/map/theme.hpp"
#include "platform/fonts.hpp"
#include "state/exact_text.hpp"
#include "state/state.hpp"
#include "state/target_table.hpp"
#include "workers/analysis_worker.hpp"
#include "workers/layout_worker.hpp"
#include "workers/open_worker.hpp"

namespace viewer {

constexpr double kFlashSeconds = 1.6;
constexpr float kDefaultTextSize = 17.0f, kMinTextSize = 13.0f, kMaxTextSize = 34.0f;

struct App {
    ViewerState state;
    LayoutWorker worker;
    AnalysisWorker analysisWorker;  // with state.deferAnalysis on (the window sets it) scenario changes go here
    // With openInBackground on (the window sets it) files and sessions open on this worker while the window
    // stays live; off (tests), open() and openSession() open at once. Either way the newest open wins.
    OpenWorker opener;
    bool openInBackground = false;
    int openPosted = 0, openTaken = 0;  // ids of the newest open posted and of the last one finished
    std::string openingPath;            // the file being opened, for the status bar
    StartingScenario startingScenario;  // for the next file opened (the command line's --region, --hub); once
    bool opening() const { return openPosted != openTaken; }
    // A finished open, adopted: true (the file is open), false (it failed: state.problems), none (nothing new).
    std::optional<bool> pollOpen();
    void cancelOpening();                                     // a file still being opened is dropped when it arrives
    int requestedAnalysis = -1, requestedAnalysisChain = -1;  // the version and file generation last posted
    double lastAnalysisSeconds = 0;
    chainatlas::Theme theme;
    FontFile font;
    // What the font atlas holds besides every Chinese character: ASCII, the interface text and the characters
    // of every file opened so far (sorted); a file with a character not in it rebuilds the atlas.
    std::vector<char32_t> glyphs = codePointsToDraw(nullptr);
    std::string assetsDir;

    // The map on screen: geometry of the newest finished layout, for the chain it was made from.
    std::shared_ptr<const chainatlas::MapGeometry> geometry;
    std::shared_ptr<const chainatlas::Chain> geometryBase;  // state.chain when it was requested
    int requestedGeneration = -1, shownGeneration = -1;
    double lastLayoutSeconds = 0;
    std::string layoutError;
    // The core's description of the map on screen (panels/scene_painter.cpp keeps it current).
    chainatlas::MapScene scene;
    std::string sceneKey;
    TargetTable targetTable;       // the target list's rows in the planner's order (panels/targets_panel.cpp)
    StandIns fieldText;            // characters a 16-bit ImGui field cannot hold, kept exact (exact_text.hpp)
    TickGuard tickGuard;           // one click on an "assume" box, one what-if
    int tickOrderAtPress = -1;     // targetTable.orderChanges() when the mouse button last went down
    bool tickPressDouble = false;  // and whether that press was the second of a double-click

    // Windows and inputs.
    bool showOpen = false, showExport = false, showSession = false, showSearch = false, showProblems = false;
    bool focusSearch = false;
    // Export names follow the chain, region and date (`<chain>-<region>-<date>-map.svg`); the folder is
    // remembered, the name is not (viewer/save_requests.cpp keeps them current).
    std::string openPath, exportSvgPath, exportCsvPath, exportReportPath;
    std::string exportFolder, sessionFolder;  // where the last export and the last session went
    std::string exportNamesKey;               // the default base name the export fields were filled for
    // The session window's field: the state's own session file, else a default name for a first save.
    std::string sessionPath, searchQuery;
    std::string sessionFieldKey;  // the state's session file and default name the field was filled for
    bool focusSessionPath = false;
    std::string regionFilter;           // the filter box of the focal-region list
    std::string noteDraft;              // the note being typed (kept when Esc leaves the field)
    std::string noteBeforeEdit;         // the note as it was when its field was entered (for Ctrl+Z)
    int searchCursor = 0;               // keyboard selection in the search results
    float textSize = kDefaultTextSize;  // pixels; the font is rebuilt at this size (Ctrl +, Ctrl -, Ctrl 0)
    bool fontsDirty = true, toggleFullscreen = false;
    bool scrollToHub = true;       // set when a chain or session opens: the hub list shows the ticked hub
    bool persistSettings = false;  // the real window: last session and recent files live in the config folder

    // Why the last session could not be opened (located, with did-you-mean), shown in the problems window
    // until another file or session opens.
    std::string sessionProblem;
    // The last message (status bar and dialogs): errors in the error colour, the system's reason on hover.
    std::string message, messageDetail;
    bool messageIsError = false;
    void say(std::string text, bool error = false, std::string detail = {});

    // A write over an existing file waits for the planner's yes (a session of another chain or region, or
    // any file an export would replace).
    enum class WriteKind { None, Session, Svg, Csv, Report };
    struct PendingWrite {
        WriteKind kind = WriteKind::None;
        std::string path, question;
    };
    PendingWrite pendingWrite;
    // "Save the session and go on" with no session file yet: the pending action waits for the session
    // window's save (the first save of a state asks for a name).
    bool continueAfterSave = false;
    // Ctrl+S: the state's own session file, or the session window with a default name (first save).
    void saveShortcut();
    void openSessionWindow();
    // Saves now, or asks first when the file holds another chain's or region's session.
    void requestSaveSession(const std::string& path);
    void requestExport(WriteKind kind, const std::string& path);  // asks first when the file exists
    void carryOutWrite();                                         // the planner said yes
    std::string defaultSessionPath() const;
    void refreshFileFields();  // export and session fields follow the chain, region and date

    // Actions that would discard unsaved what-ifs or notes wait for the planner's answer.
    enum class Pending { None, Open, LoadSession, Quit };
    Pending pending = Pending::None;
    std::string pendingPath;
    bool quitConfirmed = false;
    nlohmann::json savedWork;      // what-ifs and notes as last opened, saved or loaded by name
    bool weightsDragging = false;  // a slider drag in progress (one undo step per drag)

    // Test aid (--probe FILE): rectangles of named widgets and a few facts, written after each frame, so
    // the end-to-end test drives the real window with xdotool without guessing coordinates.
    bool probing = false;
    std::map<std::string, std::array<float, 4>> probeRects;
    std::string probeLabels;              // the label and window lines of the last frame (viewer/tools/probe.hpp)
    void probe(const std::string& name);  // the last item's rectangle
    std::string probeReport() const;
    int missingGlyphs() const;
    // 十个一 checklist and compare windows (panels/checklist_panel.cpp, panels/compare_panel.cpp).
    bool showChecklist = false, showCompare = false;
    std::vector<int> compareRegions;
    chainatlas::Comparison comparison;
    int compareGeneration = -1;  // state.analysisVersion the comparison was made for

    // Frame timing for the status bar and --screenshot statistics.
    std::deque<float> frameMs;
    double longestFrameMsWhileLayout = 0, longestFrameMsWhileAnalysing = 0;
    bool analysing() const { return state.analysing() || analysisWorker.busy(); }
    // Adds characters to the font atlas (rebuilt before the next frame) when they are not in it yet.
    void needGlyphs(const std::vector<char32_t>& codePoints);

    explicit App(std::string assets);
    void frame();
    // Opens a chain (command line, Open box, drag-and-drop): errors go to the problems window.
    void open(const std::string& path);
    // The same, but asks first when unsaved what-ifs or notes would be lost (the menus and dialogs use these).
    // Opens a session (its chain in its scenario, notes, checklists, language); a broken one, or one whose
    // chain cannot be read, keeps the state and says why. Returns "" or, opened at once, the problem.
    std::string openSession(const std::string& path, OpenKind kind);
    void requestOpen(const std::string& path);
    void requestLoadSession(const std::string& path);
    void requestQuit();
    void carryOutPending();  // the planner said "discard" (or saved): do what was asked
    bool hasUnsavedWork() const;
    void markWorkSaved();
    void setTextSize(float pixels);
    bool showScenarioPanel = true, showDetailsPanel = true;
    std::optional<bool> legendShown;  // the map's legend, once the planner folds or opens it (else: by map height)
    int panelBucket = -1;             // width class the panels were last arranged for
    // Locate (a target row, a search result, a link in details): select, centre, zoom to fit it, flash it.
    void locate(Selection selection);
    const chainatlas::Box* boxOf(Selection selection) const;
    int segmentOf(Selection selection) const;
    ImVec2 mapSize{0, 0};   // of the map panel in the last frame
    float detailsLeft = 0;  // where the details panel starts: the search window opens over it
    Selection flash;        // drawn pulsing for kFlashSeconds after a locate
    double flashStarted = -100;
    std::string exportSvg(const std::string& path);
    std::string exportCsv(const std::string& path);
    // Settings (viewer/platform/settings.cpp): ~/.config/chainatlas ($XDG_CONFIG_HOME respected), created on demand.
    std::string exportReport(const std::string& path);  // .xlsx or .pdf, with notes and checklist
    std::string settingsFolder() const;
    std::string lastSessionPath() const;  // written on every quit, reopened on the next start
    std::string recentFilesPath() const;
    std::string saveNamedSession(const std::string& path);  // "" or the reason, in the interface language
    std::string loadNamedSession(const std::string& path);
    void saveLastSession();
    void loadRecentFiles();
    void saveRecentFiles();

private:
    bool startOpening(const std::string& path, OpenKind kind, StartingScenario start);
    bool adopt(OpenOutcome& done);
    bool opened(OpenedChain& loaded, const std::vector<char32_t>& codePoints);
    bool sessionOpened(OpenOutcome& done);
    void forgetOldMap();
    void takeScene(chainatlas::MapScene& described, chainatlas::MapLevel level, Lang lang,
                   const chainatlas::Weights& weights);
    void syncAnalysis();
    void syncLayout();
    void shortcuts();
    void adaptPanels(float width);
    std::string reportExport(const std::string& path, const chainatlas::Status& written);
};

// A text field that keeps every character typed or pasted (viewer/platform/exact_input.cpp); true when it changed.
bool inputTextExact(App& app, const char* label, std::string& text, const char* hint = nullptr,
                    ImGuiInputTextFlags flags = 0);
// The clipboard hands text fields stand-ins and takes the real characters back (once ImGui's backend is up).
void keepClipboardExact(App& app);
// Characters the font cannot draw are drawn as a white square (after every atlas build).
void usePlaceholderGlyph(ImFont* font);

// The next window opens centred at `size` or smaller (never larger than the screen) and stays on it: a
// window that does not fit scrolls inside (800x600 projectors).
void placeOnScreen(ImVec2 size);

// "#rrggbb" from the theme as an ImGui colour.
ImU32 themeColor(const std::string& hex, int alpha = 255);

// Panels, one file each (viewer/panels/).
void drawMenuBar(App& app);
void drawScenarioPanel(App& app, ImVec2 pos, ImVec2 size);  // region, hubs, weights, what-if, undo
void drawMapPanel(App& app, ImVec2 pos, ImVec2 size);
void drawDetailsPanel(App& app, ImVec2 pos, ImVec2 size);
void drawTargetsPanel(App& app, ImVec2 pos, ImVec2 size);
void drawPrioritiesPanel(App& app, ImVec2 pos, ImVec2 size);  // docs/method.md §10 chart; a click selects the segment
void drawStatusBar(App& app, ImVec2 pos, ImVec2 size);
// A side panel folded to a strip with one button that opens it again.
void drawFoldedPanel(App& app, bool& shown, ImVec2 pos, ImVec2 size, const char* arrow);
// The button at the end of a panel's first line that folds it; pushes a text wrap position before it
// (the caller pops it with ImGui::PopTextWrapPos after that first line).
void drawFoldButton(App& app, bool& shown, const char* arrow);
void drawDialogs(App& app);  // open, export, session, search, problems, confirm
// The last message, red when it is an error, with the system's reason as a tooltip.
void drawMessage(const App& app, bool wrapped);
void drawChecklistPanel(App& app);  // 十个一 of the current region
void drawComparePanel(App& app);    // several regions side by side

}  // namespace viewer
