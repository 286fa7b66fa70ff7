// The viewer's state: the open chain, the planning scenario (region, hubs, weights, assumptions) with undo
// and redo, the analysis the core computed for it, selection and view settings. A plain struct changed
// through the named operations below, so it is tested without a window; no ImGui here.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chainatlas/analysis/compare.hpp"
#include "chainatlas/analysis/targets.hpp"
#include "chainatlas/base/diagnostics.hpp"
#include "chainatlas/map/layout.hpp"
#include "chainatlas/session/session.hpp"

namespace viewer {

using chainatlas::Lang;

constexpr std::size_t kRecentFilesKept = 10;

// What undo and redo step through.
struct Scenario {
    int region = -1;
    std::vector<int> hubs;
    chainatlas::Weights weights;
    std::vector<chainatlas::Assumption> assumptions;
};

enum class SelectionKind { None, Segment, Firm, Resource };
struct Selection {
    SelectionKind kind = SelectionKind::None;
    int index = -1;
    bool operator==(const Selection&) const = default;
};

// Pan and zoom of the map: screen = (world - (x, y)) * zoom + origin of the map panel.
struct Camera {
    double x = 0, y = 0, zoom = 1;
    bool fitRequested = true;
};

// The camera for a located box: `context` (the box with what surrounds it, see locateContext) fills 90% of a
// view of width x height pixels, zoomed in no further than kLocateMostZoom, centred on the context, or on the
// box when the context is larger than the view. A located box used to fill 40% of the view at up to 4x: one
// blurry box with nothing around it to say where it is.
constexpr double kLocateMostZoom = 1.6;  // names at 1.6x the map's own size: still sharp from the font atlas
Camera locateCamera(Camera camera, const chainatlas::Box& box, const chainatlas::Box& context, double width,
                    double height);

// The analysis of one scenario with what goes with it; made by computeOutcome (on the analysis worker in
// the app, at once in tests) and stored by applyOutcome.
// The analysis rank changes are measured against: the plain one when it is another object (there are
// what-ifs), else none.
inline const chainatlas::Analysis* baselineOf(const std::shared_ptr<const chainatlas::Analysis>& analysis,
                                              const std::shared_ptr<const chainatlas::Analysis>& plain) {
    return plain != analysis ? plain.get() : nullptr;
}

struct AnalysisOutcome {
    int chainGeneration = 0;  // the open file it was computed for
    int version = 0;          // ViewerState::analysisWanted when it was asked for
    Scenario scenario;
    std::shared_ptr<const chainatlas::Chain> drawn;
    std::shared_ptr<const chainatlas::Analysis> analysis;  // null without a region
    // The analysis without the what-ifs: `analysis` itself when there are none, else the baseline that rank
    // changes are measured against. Kept so that a later change of the assumed firms alone reuses it instead
    // of analysing the plain chain again.
    std::shared_ptr<const chainatlas::Analysis> plain;
    std::map<int, int> baselineRank;  // firm -> rank among plain's targets, with what-ifs only
    std::size_t drawnSites = 0;       // siteCount(*drawn), for the status bar
    double seconds = 0;
};

// A note as it was before an edit, so that Ctrl+Z brings back a note cleared or replaced after its field was
// left (ImGui's own undo lasts only while the field is active). Undone in turn with the scenario's steps.
struct NoteEdit {
    std::string region, firm, before;  // region and firm ids
    std::size_t undoDepth = 0;         // the scenario's undo steps when it was made: undone before those
};

struct ViewerState {
    std::string path;  // file of the open chain
    // The session file this state was loaded from or last saved to (absolute): Ctrl+S writes there. It
    // belongs to this state only: opening another chain or session clears it (or sets it to that session).
    std::string sessionFile;
    std::shared_ptr<const chainatlas::Chain> chain;  // as loaded
    std::shared_ptr<const chainatlas::Chain> drawn;  // with the assumed sites added (what the map shows)
    std::size_t drawnSites = 0;                      // siteCount(*drawn), counted where drawn was made
    std::vector<std::array<double, chainatlas::kMetricCount>>
        percentiles;                               // per firm; metrics never change after loading
    std::vector<chainatlas::Diagnostic> problems;  // of the last open attempt; shown in a window
    Scenario scenario;
    std::vector<Scenario> undoStack, redoStack;
    // The analysis shown (an empty one before the first). It is shared read-only with the workers and never
    // changed in place: a weight change reranks a copy (4 ms at 100k firms) and shows that.
    const chainatlas::Analysis& analysis() const;
    const std::shared_ptr<const chainatlas::Analysis>& sharedAnalysis() const { return analysis_; }
    // The same scenario without the what-ifs: the shown analysis itself when there are none.
    const std::shared_ptr<const chainatlas::Analysis>& plainAnalysis() const { return plain_; }
    // The plain analysis when there are what-ifs (docs/method.md §11: rank changes are against it), else null.
    const chainatlas::Analysis* baseline() const { return baselineOf(analysis_, plain_); }
    // Shows `analysis` with its `plain` (the same pointer when there are no what-ifs) and hands back, in the
    // same two pointers, what was shown, so that the caller chooses where that memory is freed.
    void showAnalysis(std::shared_ptr<const chainatlas::Analysis>& analysis,
                      std::shared_ptr<const chainatlas::Analysis>& plain);
    std::map<int, int> baselineRank;  // firm -> rank among the baseline's targets

    Lang lang = Lang::Zh;
    chainatlas::MapLevel level = chainatlas::MapLevel::Segment;
    std::vector<char> expanded;  // firm level: segments with their firms shown
    Selection selection;
    bool showResources = true;  // the resource layer (docs/architecture.md): on when the file has resources
    Camera camera;
    // Notes on targets: region id -> firm id -> note. A note belongs to the region it was made for (notesHere).
    std::map<std::string, std::map<std::string, std::string>> notes;
    std::vector<NoteEdit> noteEdits;  // the last edits of notes, newest last (kNoteEditsKept)
    // Note edits undone, newest last, for Ctrl+Y: `before` is the note as it was before the undo, `undoDepth`
    // the scenario's redo steps then (redone after those). A new edit of a note or of the scenario drops them.
    std::vector<NoteEdit> noteRedos;
    std::map<std::string, chainatlas::Checklist>
        checklists;  // the ten-item checklist per region id (saved with the session)
    std::vector<std::string> recentFiles;

    // The app analyses on a worker: then a scenario change only bumps analysisWanted, the app posts the
    // request and stores the outcome with applyOutcome. Off (tests, sessions being applied): at once.
    bool deferAnalysis = false;
    bool analysing() const { return analysisWanted_ != analysisShown_; }

    // Version counters: everyone reads them to know when to redo what they derived; they only move forward,
    // through the calls below, so a cached scene, table or outcome can never look newer than it is.
    int layoutGeneration() const { return layoutGeneration_; }  // the map as laid out
    int analysisVersion() const { return analysisVersion_; }    // the targets and their ranks
    int chainGeneration() const { return chainGeneration_; }    // the open file: outcomes of older ones drop
    int analysisWanted() const { return analysisWanted_; }      // the newest scenario that needs analysing
    void relayout() { ++layoutGeneration_; }                    // the map must be laid out again
    void ranksChanged() { ++analysisVersion_; }                 // targets or their ranks changed
    void chainOpened() { ++chainGeneration_; }
    int wantAnalysis() { return ++analysisWanted_; }  // a scenario change: its version number
    void analysisArrived(int version) { analysisShown_ = version; }

    bool hasChain() const { return chain != nullptr; }
    // A chain with at least one region: only then is there an analysis to show.
    bool hasAnalysis() const { return chain != nullptr && scenario.region >= 0; }

private:
    std::shared_ptr<const chainatlas::Analysis> analysis_, plain_;
    int layoutGeneration_ = 0, analysisVersion_ = 0, chainGeneration_ = 0;
    int analysisWanted_ = 0, analysisShown_ = 0;
};

// What an analysis of `scenario` is asked for: its region, hubs and weights, and the what-ifs made in that region.
chainatlas::AnalysisOptions analysisOptions(const Scenario& scenario);
// The analysis of `scenario` on `chain` (thread-safe: reads only its arguments). `plain`, when it is the
// analysis without what-ifs of the same region, hubs and weights, is reused instead of computed again;
// `segments`, the scenario's segments alone (analyzeSegmentsOf) when they were made first for the map, likewise.
AnalysisOutcome computeOutcome(const std::shared_ptr<const chainatlas::Chain>& chain, const Scenario& scenario,
                               const std::shared_ptr<const chainatlas::Analysis>& plain,
                               const chainatlas::Analysis* segments = nullptr);
// Stores an outcome if it is for the open file and the newest request; returns false (state untouched) if not.
// On success `outcome` holds what it replaced, so the caller chooses where that memory is freed.
bool applyOutcome(ViewerState& state, AnalysisOutcome& outcome);

// A chain file loaded for the viewer with what follows from it alone, ready for adoptChain: made on the
// app's open worker (100k firms take about a second to load and analyse), at once by openChain.
struct OpenedChain {
    std::string path;
    std::vector<chainatlas::Diagnostic> problems;
    std::shared_ptr<const chainatlas::Chain> chain;  // null when the file could not be opened
    std::vector<std::array<double, chainatlas::kMetricCount>> percentiles;
    Scenario scenario;      // the starting scenario
    AnalysisOutcome first;  // its analysis (without a region: none, and `drawn` is the chain)
};
// Picks the starting scenario of a loaded chain (the viewer's --region and --hub); the default is the
// first region without hubs.
using StartingScenario = std::function<Scenario(const chainatlas::Chain&)>;
// Loads and analyses (thread-safe: reads only the file and its arguments).
OpenedChain loadForViewer(const std::string& path, const StartingScenario& start = {});
// Makes a loaded chain the open one (region, hubs and analysis from `opened`; undo, notes, checklists and
// selection cleared); false (state untouched but `problems`) when it failed to load. On success `opened`
// holds the chain and analysis it replaced, so the caller chooses where that memory is freed.
bool adoptChain(ViewerState& state, OpenedChain& opened);
// Opens a chain file (JSON or CSV folder) at once: loadForViewer then adoptChain. On failure the state keeps
// the chain it had and `problems` holds every located error. The region defaults to the first one; hubs
// and assumptions are cleared.
bool openChain(ViewerState& state, const std::string& path);
// Puts the file first in the recent list, as an absolute path (owned strings, at most kRecentFilesKept).
void rememberRecent(ViewerState& state, const std::string& path);
void setRegion(ViewerState& state, int region);
void setHub(ViewerState& state, int region, bool isHub);
// A slider's float as the value it shows, with `decimals` digits (0.6f is 0.6000000238 as a double; a saved
// session must read 0.6, what the planner set).
double sliderValue(float value, int decimals);
// New weights; the ranking is redone without recomputing statuses. `record` adds an undo step.
void setWeights(ViewerState& state, const chainatlas::Weights& weights, bool record);
// What-ifs belong to the region they were made for: the analysis applies the focal region's only, and the
// others wait in the scenario (and the session) until their region is the focal one again.
std::vector<chainatlas::Assumption> assumptionsHere(const Scenario& scenario);
// Adds (or replaces) the assumption for that firm in that region; segments empty: all of its existing segments.
void assume(ViewerState& state, const chainatlas::Assumption& assumption);
// Takes back the what-if of `firm` made for `region` (-1: the focal region); another region's stays.
void unassume(ViewerState& state, int firm, int region = -1);
// Whether the firm is assumed attracted to the focal region.
bool isAssumed(const ViewerState& state, int firm);
// Undo takes back the newest step: a note's edit (rememberNoteEdit) or a scenario change. Redo is for
// scenario changes only.
bool undo(ViewerState& state);
bool redo(ViewerState& state);
bool canUndo(const ViewerState& state);
bool canRedo(const ViewerState& state);
constexpr std::size_t kNoteEditsKept = 50;
// The note of `firm` held `before` until an edit just finished: Ctrl+Z brings it back.
void rememberNoteEdit(ViewerState& state, const std::string& firm, std::string before);
void select(ViewerState& state, Selection selection);
void setLevel(ViewerState& state, chainatlas::MapLevel level);
void toggleExpanded(ViewerState& state, int segment);
void setLang(ViewerState& state, Lang lang);
// Shows or hides the resource marks; hiding them drops a resource selection (its marks are gone).
void setShowResources(ViewerState& state, bool shown);
// A resource as the details panel shows it (docs/method.md §1, docs/method.md §12), in the state's language.
struct ResourceDetails {
    struct TieRow {
        int firm = -1;
        std::string kind;        // 衍生企业, 联合实验室, ...
        std::string confidence;  // "A", "B" or "C"
    };
    std::string name, id, kind, region, chains, confidence, note;
    bool local = false, hub = false, confirmed = true;
    std::vector<int> segments;  // empty: serves the whole chain
    std::vector<TieRow> ties;   // ordered by firm id
    std::vector<int> sources;
};
ResourceDetails describeResource(const ViewerState& state, int resource);

// The 本地配套率 row of a local buyer in the current analysis, or null (not local, or no supply received here).
const chainatlas::LocalSupply* localSupplyOf(const chainatlas::Analysis& analysis, int firm);
// Regions side by side against the scenario's hubs and weights, each what-if applied to the region it names
// (those made for the focal region apply there only).
chainatlas::Comparison compareScenario(const ViewerState& state, const std::vector<int>& regions);
// What search compares: lower-case ASCII letters and digits and every other character, without spaces,
// punctuation or brackets ("Bosch (Suzhou)" and "bosch suzhou" both give "boschsuzhou").
std::string searchKey(const std::string& text);
// Finds firms and segments whose id, Chinese or English name contains `query` (compared by searchKey).
std::vector<Selection> search(const ViewerState& state, const std::string& query, std::size_t limit = 50);
// The chain's regions in the interface language's order (Chinese by pinyin, English case-insensitively),
// keeping those whose id, Chinese or English name contains `filter` (compared by searchKey).
std::vector<int> regionsInOrder(const chainatlas::Chain& chain, Lang lang, const std::string& filter = {});
// The layout request that matches the state (level, expanded segments, language).
chainatlas::LayoutOptions layoutOptions(const ViewerState& state, const std::string& fontName, double fontSize);

// The notes (firm id -> note) of the focal region: those the target list shows, exports and reports.
std::map<std::string, std::string>& notesHere(ViewerState& state);
const std::map<std::string, std::string>& notesHere(const ViewerState& state);

// The ten-item checklist (SIP's ten ones) of the current region: all "todo" until the planner changes an item.
const chainatlas::Checklist& currentChecklist(const ViewerState& state);
void setChecklistItem(ViewerState& state, int item, const chainatlas::ChecklistItem& value);

// Sessions (read and written by the core's session module): file, region, hubs, weights, assumptions,
// notes, checklists, language.
chainatlas::Session toSession(const ViewerState& state);
nlohmann::json sessionToJson(const ViewerState& state);

// A session loaded for the viewer, ready for adoptSession: its chain loaded and analysed once, in the
// session's own scenario, with what the session adds. Made on the app's open worker (100k firms take about
// a second), at once by loadSession and applySession.
struct OpenedSession {
    std::string path;              // the session file ("" for a session read from JSON in memory)
    std::string problem;           // "" or why it cannot be applied, as loadSession returns it
    bool chainUnreadable = false;  // the problem is the chain file's: opened.problems holds its errors
    OpenedChain opened;            // the chain in the session's scenario
    std::map<std::string, std::map<std::string, std::string>> notes;  // region id -> firm id -> note
    std::map<std::string, chainatlas::Checklist> checklists;          // region id -> checklist
    Lang lang = Lang::Zh;
    bool langGiven = false;  // the session said its language; else the viewer's stays (chooseLang)
};
// Reads the session file, loads its chain and analyses the session's scenario (thread-safe).
OpenedSession loadSessionForViewer(const std::string& path);
// The same for a session already read as JSON; `label` names it in problems.
OpenedSession sessionForViewer(const nlohmann::json& session, const std::string& label);
// Makes a loaded session the open one (adoptChain, then its notes, checklists and language); returns "" or
// its problem, and then the state is untouched but for `problems` when the chain could not be read. On
// success `session.opened` holds what the state held, for the caller to free where it likes.
std::string adoptSession(ViewerState& state, OpenedSession& session);
// Opens the session's chain and applies it; returns "" or the problem ("session.json: /hubs/1: unknown region ...").
std::string applySession(ViewerState& state, const nlohmann::json& session, const std::string& label);
chainatlas::Status saveSession(const ViewerState& state, const std::string& path);
std::string loadSession(ViewerState& state, const std::string& path);

}  // namespace viewer
