// Viewer state operations: every change goes through here, recomputes what depends on it by calling the
// core, and bumps the layout generation when the map must be laid out again.
#include "state/state.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/analysis/vocabulary.hpp"
#include "chainatlas/base/file_io.hpp"
#include "chainatlas/base/text.hpp"
#include "chainatlas/load/load.hpp"
#include "chainatlas/model/profile.hpp"
#include "chainatlas/session/session.hpp"
#include "state/collate.hpp"
#include "state/saved_files.hpp"

namespace viewer {

using namespace chainatlas;

namespace {

std::map<int, int> rankIndex(const Analysis* baseline) {
    std::map<int, int> ranks;
    if (baseline)
        for (const Target& t : baseline->targets) ranks[t.firm] = t.rank;
    return ranks;
}

// A copy of `analysis` ranked under `weights` (the original may be read by a worker meanwhile).
std::shared_ptr<const Analysis> reranked(const Analysis& analysis, const Chain& chain, const Weights& weights) {
    auto copy = std::make_shared<Analysis>(analysis);
    rerank(*copy, chain, weights);
    return copy;
}

// An analysis and its plain one ranked under `weights`, as copies: the plain one too when it is another object
// (what-ifs), so it stays reusable for the next what-if and its ranks are the baseline's.
void rerankPair(std::shared_ptr<const Analysis>& analysis, std::shared_ptr<const Analysis>& plain, const Chain& drawn,
                const Chain& chain, const Weights& weights) {
    bool own = plain == analysis;
    analysis = reranked(*analysis, drawn, weights);
    plain = own ? analysis : reranked(*plain, chain, weights);
}

// Everything that follows from the scenario: the drawn chain and the analysis, at once or (deferAnalysis)
// by the app's analysis worker.
void recompute(ViewerState& state) {
    if (!state.chain) return;
    state.wantAnalysis();
    if (state.deferAnalysis) return;
    AnalysisOutcome outcome = computeOutcome(state.chain, state.scenario, state.plainAnalysis());
    outcome.chainGeneration = state.chainGeneration();
    outcome.version = state.analysisWanted();
    applyOutcome(state, outcome);
}

void record(ViewerState& state) {
    state.undoStack.push_back(state.scenario);
    if (state.undoStack.size() > 200) state.undoStack.erase(state.undoStack.begin());
    state.redoStack.clear();
    state.noteRedos.clear();
}

bool ignoredInSearch(char32_t c) {
    static const std::u32string ignored = U"（）【】《》〈〉「」『』、，。·・－—　";
    if (c < 0x80) return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
    return ignored.find(c) != std::u32string::npos;
}

}  // namespace

std::vector<Assumption> assumptionsHere(const Scenario& scenario) {
    std::vector<Assumption> here;
    for (const Assumption& a : scenario.assumptions)
        if (a.region == scenario.region) here.push_back(a);
    return here;
}

AnalysisOptions analysisOptions(const Scenario& scenario) {
    AnalysisOptions options;
    options.region = scenario.region;
    options.hubs = scenario.hubs;
    options.assumptions = assumptionsHere(scenario);  // another region's what-ifs wait for that region
    options.weights = scenario.weights;
    return options;
}

AnalysisOutcome computeOutcome(const std::shared_ptr<const Chain>& chain, const Scenario& scenario,
                               const std::shared_ptr<const Analysis>& plain, const Analysis* segments) {
    AnalysisOutcome out;
    out.scenario = scenario;
    AnalysisOptions options = analysisOptions(scenario);
    bool reusable = plain && plain->region == scenario.region && plain->hubs == scenario.hubs &&
                    plain->weights == scenario.weights;
    if (options.assumptions.empty()) {
        AnalysedScenario result = analyzeScenario(chain, options, nullptr, segments);
        out.drawn = std::move(result.drawn);
        out.analysis = std::make_shared<const Analysis>(std::move(result.analysis));
        out.plain = out.analysis;
    } else {
        // The analysis without the what-ifs, so rank changes mean "because of the what-ifs" after any change,
        // undo or session load alike.
        out.plain = reusable ? plain : [&] {
            AnalysisOptions none = options;
            none.assumptions.clear();
            return std::make_shared<const Analysis>(analyzeScenario(chain, none).analysis);
        }();
        AnalysedScenario result = analyzeScenario(chain, options, out.plain.get(), segments);
        out.drawn = std::move(result.drawn);
        out.analysis = std::make_shared<const Analysis>(std::move(result.analysis));
    }
    out.baselineRank = rankIndex(baselineOf(out.analysis, out.plain));
    out.drawnSites = siteCount(*out.drawn);
    return out;
}

bool applyOutcome(ViewerState& state, AnalysisOutcome& outcome) {
    if (outcome.chainGeneration != state.chainGeneration() || outcome.version != state.analysisWanted()) return false;
    // Weights moved while it was computed: rank it by the current ones.
    if (outcome.analysis && outcome.scenario.weights != state.scenario.weights) {
        rerankPair(outcome.analysis, outcome.plain, *outcome.drawn, *state.chain, state.scenario.weights);
        outcome.baselineRank = rankIndex(baselineOf(outcome.analysis, outcome.plain));
    }
    std::swap(state.drawn, outcome.drawn);
    std::swap(state.drawnSites, outcome.drawnSites);
    state.showAnalysis(outcome.analysis, outcome.plain);
    std::swap(state.baselineRank, outcome.baselineRank);
    state.analysisArrived(outcome.version);
    state.ranksChanged();
    state.relayout();
    return true;
}

const Analysis& ViewerState::analysis() const {
    static const Analysis none;
    return analysis_ ? *analysis_ : none;
}

void ViewerState::showAnalysis(std::shared_ptr<const Analysis>& analysis, std::shared_ptr<const Analysis>& plain) {
    std::swap(analysis_, analysis);
    std::swap(plain_, plain);
}

void rememberRecent(ViewerState& state, const std::string& path) {
    std::error_code ec;
    std::string absolute = std::filesystem::absolute(path, ec).lexically_normal().string();
    if (ec) absolute = path;
    auto& list = state.recentFiles;
    list.erase(std::remove(list.begin(), list.end(), absolute), list.end());
    list.insert(list.begin(), absolute);
    if (list.size() > kRecentFilesKept) list.resize(kRecentFilesKept);
}

OpenedChain loadForViewer(const std::string& path, const StartingScenario& start) {
    OpenedChain opened;
    opened.path = path;
    LoadResult result = loadChainFile(path);
    opened.problems = std::move(result.diagnostics);
    if (!result.ok()) return opened;
    opened.chain = std::make_shared<const Chain>(std::move(*result.chain));
    opened.percentiles = metricPercentiles(*opened.chain);
    if (start) opened.scenario = start(*opened.chain);
    else opened.scenario.region = opened.chain->regions.empty() ? -1 : 0;
    if (opened.scenario.region >= 0) {
        opened.first = computeOutcome(opened.chain, opened.scenario, nullptr);
    } else {
        opened.first.drawn = opened.chain;
        opened.first.drawnSites = siteCount(*opened.chain);
    }
    return opened;
}

bool adoptChain(ViewerState& state, OpenedChain& opened) {
    state.problems = opened.problems;
    if (!opened.chain) return false;
    // What the state held goes back in `opened` (freed where the caller says), the new file comes in.
    std::swap(state.chain, opened.chain);
    std::swap(state.percentiles, opened.percentiles);
    std::swap(state.path, opened.path);
    state.sessionFile.clear();  // a session saved from the previous state is not this one's
    state.scenario = opened.scenario;
    state.undoStack.clear();
    state.redoStack.clear();
    state.selection = {};
    state.showResources = !state.chain->resources.empty();
    state.notes.clear();
    state.noteEdits.clear();
    state.noteRedos.clear();
    state.checklists.clear();
    state.expanded.assign(state.chain->segments.size(), 0);
    state.camera.fitRequested = true;
    state.chainOpened();
    rememberRecent(state, state.path);
    // The first analysis of a file comes with it, even for the app: the panels then never see a chain
    // without its analysis (later ones may lag behind the scenario while the worker runs).
    AnalysisOutcome& first = opened.first;
    first.chainGeneration = state.chainGeneration();
    first.version = state.wantAnalysis();
    first.scenario = state.scenario;
    applyOutcome(state, first);
    return true;
}

bool openChain(ViewerState& state, const std::string& requested) {
    // A copy on purpose: the caller's string may live in recentFiles, which changes below.
    const std::string path = requested;  // NOLINT(performance-unnecessary-copy-initialization)
    OpenedChain opened = loadForViewer(path);
    return adoptChain(state, opened);
}

void setRegion(ViewerState& state, int region) {
    if (!state.chain || region == state.scenario.region || region < 0) return;
    record(state);
    state.scenario.region = region;
    // A region is no hub of its own (the CLI leaves such a hub out too); its box is hidden in the hub list,
    // so a hub left ticked would be measured against itself unseen. Undo brings the hub back with the region.
    auto& hubs = state.scenario.hubs;
    hubs.erase(std::remove(hubs.begin(), hubs.end(), region), hubs.end());
    recompute(state);
}

void setHub(ViewerState& state, int region, bool isHub) {
    if (!state.chain) return;
    auto& hubs = state.scenario.hubs;
    bool present = std::find(hubs.begin(), hubs.end(), region) != hubs.end();
    if (present == isHub) return;
    record(state);
    if (isHub) hubs.push_back(region);
    else hubs.erase(std::remove(hubs.begin(), hubs.end(), region), hubs.end());
    recompute(state);
}

double sliderValue(float value, int decimals) {
    double scale = std::pow(10.0, decimals);
    return std::round(static_cast<double>(value) * scale) / scale;
}

void setWeights(ViewerState& state, const Weights& weights, bool recordStep) {
    if (!state.chain) return;
    if (recordStep) record(state);
    state.scenario.weights = weights;
    if (!state.sharedAnalysis()) return;
    // Statuses stay; order, set-aside and priorities change (the baseline's set-aside too).
    std::shared_ptr<const Analysis> analysis = state.sharedAnalysis(), plain = state.plainAnalysis();
    rerankPair(analysis, plain, *state.drawn, *state.chain, weights);
    state.showAnalysis(analysis, plain);  // the old ones are freed here, or by the worker still reading them
    state.baselineRank = rankIndex(state.baseline());
    state.ranksChanged();
    if (state.level == MapLevel::Firm) state.relayout();  // lanes are ordered by rank
}

void assume(ViewerState& state, const Assumption& assumption) {
    if (!state.chain) return;
    record(state);
    auto& list = state.scenario.assumptions;
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const Assumption& a) {
                                  return a.firm == assumption.firm && a.region == assumption.region;
                              }),
               list.end());
    list.push_back(assumption);
    recompute(state);
}

void unassume(ViewerState& state, int firm, int region) {
    if (region < 0) region = state.scenario.region;
    auto& list = state.scenario.assumptions;
    auto made = [&](const Assumption& a) { return a.firm == firm && a.region == region; };
    if (std::none_of(list.begin(), list.end(), made)) return;
    record(state);
    list.erase(std::remove_if(list.begin(), list.end(), made), list.end());
    if (region == state.scenario.region) recompute(state);  // another region's what-if was not in this analysis
}

bool isAssumed(const ViewerState& state, int firm) {
    const auto& list = state.scenario.assumptions;
    int here = state.scenario.region;
    return std::any_of(list.begin(), list.end(),
                       [&](const Assumption& a) { return a.firm == firm && a.region == here; });
}

namespace {
std::string currentRegionId(const ViewerState& state) {
    bool known = state.hasAnalysis() && state.scenario.region < static_cast<int>(state.chain->regions.size());
    return known ? state.chain->regions[state.scenario.region].id : std::string();
}
}  // namespace

void rememberNoteEdit(ViewerState& state, const std::string& firm, std::string before) {
    state.noteEdits.push_back({currentRegionId(state), firm, std::move(before), state.undoStack.size()});
    if (state.noteEdits.size() > kNoteEditsKept) state.noteEdits.erase(state.noteEdits.begin());
    state.noteRedos.clear();
}

bool canUndo(const ViewerState& state) { return !state.undoStack.empty() || !state.noteEdits.empty(); }

bool canRedo(const ViewerState& state) { return !state.redoStack.empty() || !state.noteRedos.empty(); }

namespace {
// Puts `text` in the note of `firm` in `region` (empty: no note) and hands back what was there.
std::string swapNote(ViewerState& state, const std::string& region, const std::string& firm, std::string text) {
    auto& notes = state.notes[region];  // the region it was made in, focal or not
    auto found = notes.find(firm);
    std::string was = found == notes.end() ? std::string() : std::move(found->second);
    if (text.empty()) notes.erase(firm);
    else notes[firm] = std::move(text);
    return was;
}
}  // namespace

namespace {
// One step back (undo) or forward (redo), each side with its scenarios and its note edits: a note edit made
// after the newest scenario step of the side (or after steps since moved to the other side) goes first. The
// step lands on the other side, so that it can be taken back.
bool step(ViewerState& state, std::vector<Scenario>& from, std::vector<NoteEdit>& notesFrom, std::vector<Scenario>& to,
          std::vector<NoteEdit>& notesTo) {
    if (!notesFrom.empty() && notesFrom.back().undoDepth >= from.size()) {
        NoteEdit edit = std::move(notesFrom.back());
        notesFrom.pop_back();
        std::string was = swapNote(state, edit.region, edit.firm, std::move(edit.before));
        notesTo.push_back({edit.region, edit.firm, std::move(was), to.size()});
        return true;
    }
    if (from.empty()) return false;
    to.push_back(state.scenario);
    state.scenario = from.back();
    from.pop_back();
    recompute(state);
    return true;
}
}  // namespace

bool undo(ViewerState& state) {
    return step(state, state.undoStack, state.noteEdits, state.redoStack, state.noteRedos);
}

bool redo(ViewerState& state) {
    return step(state, state.redoStack, state.noteRedos, state.undoStack, state.noteEdits);
}

Camera locateCamera(Camera camera, const Box& box, const Box& context, double width, double height) {
    if (context.w > 0 && context.h > 0)
        camera.zoom = std::clamp(std::min(width / context.w, height / context.h) * 0.9, 0.05, kLocateMostZoom);
    const Box& centred = context.w * camera.zoom <= width && context.h * camera.zoom <= height ? context : box;
    camera.x = centred.x + centred.w / 2 - width / (2 * camera.zoom);
    camera.y = centred.y + centred.h / 2 - height / (2 * camera.zoom);
    camera.fitRequested = false;
    return camera;
}

void select(ViewerState& state, Selection selection) { state.selection = selection; }

void setLevel(ViewerState& state, MapLevel level) {
    if (state.level == level) return;
    state.level = level;
    if (level == MapLevel::Firm && state.chain &&
        std::none_of(state.expanded.begin(), state.expanded.end(), [](char e) { return e; }))
        state.expanded.assign(state.chain->segments.size(), 1);  // "expand all" when nothing is chosen
    state.relayout();
}

void toggleExpanded(ViewerState& state, int segment) {
    if (!state.chain || segment < 0 || segment >= static_cast<int>(state.expanded.size())) return;
    state.expanded[segment] = !state.expanded[segment];
    state.level = MapLevel::Firm;
    state.relayout();
}

void setLang(ViewerState& state, Lang lang) {
    if (state.lang == lang) return;
    state.lang = lang;
    state.relayout();  // label widths change
}

std::string searchKey(const std::string& text) {
    std::string key;
    for (char32_t c : decodeUtf8(text)) {
        if (ignoredInSearch(c)) continue;
        if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
        key += encodeUtf8(c);
    }
    return key;
}

std::vector<Selection> search(const ViewerState& state, const std::string& query, std::size_t limit) {
    std::vector<Selection> found;
    std::string needle = searchKey(query);
    if (!state.chain || needle.empty()) return found;
    auto matches = [&](const std::string& id, const Name& name) {
        return searchKey(id).find(needle) != std::string::npos ||
               searchKey(name.zh).find(needle) != std::string::npos ||
               searchKey(name.en).find(needle) != std::string::npos;
    };
    const Chain& chain = *state.chain;
    for (std::size_t s = 0; s < chain.segments.size() && found.size() < limit; ++s)
        if (matches(chain.segments[s].id, chain.segments[s].name))
            found.push_back({SelectionKind::Segment, static_cast<int>(s)});
    for (std::size_t f = 0; f < chain.firms.size() && found.size() < limit; ++f)
        if (matches(chain.firms[f].id, chain.firms[f].name))
            found.push_back({SelectionKind::Firm, static_cast<int>(f)});
    return found;
}

std::vector<int> regionsInOrder(const Chain& chain, Lang lang, const std::string& filter) {
    std::vector<std::string> names;
    for (const Region& r : chain.regions) names.push_back(r.name.pick(lang, r.id));
    std::vector<std::string> keys = collationKeys(names, lang);
    std::string needle = searchKey(filter);
    std::vector<int> order;
    for (std::size_t r = 0; r < chain.regions.size(); ++r) {
        const Region& region = chain.regions[r];
        bool shown = needle.empty() || searchKey(region.id).find(needle) != std::string::npos ||
                     searchKey(region.name.zh).find(needle) != std::string::npos ||
                     searchKey(region.name.en).find(needle) != std::string::npos;
        if (shown) order.push_back(static_cast<int>(r));
    }
    if (keys.size() == names.size())
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return keys[a] < keys[b]; });
    return order;
}

LayoutOptions layoutOptions(const ViewerState& state, const std::string& fontName, double fontSize) {
    LayoutOptions options;
    options.level = state.level;
    options.lang = state.lang;
    options.fontName = fontName;
    options.fontSize = fontSize;
    bool any = std::any_of(state.expanded.begin(), state.expanded.end(), [](char e) { return e; });
    if (any) options.expanded = state.expanded;
    return options;
}

const Checklist& currentChecklist(const ViewerState& state) {
    static const Checklist empty{};
    auto it = state.checklists.find(currentRegionId(state));
    return it == state.checklists.end() ? empty : it->second;
}

std::map<std::string, std::string>& notesHere(ViewerState& state) { return state.notes[currentRegionId(state)]; }

const std::map<std::string, std::string>& notesHere(const ViewerState& state) {
    static const std::map<std::string, std::string> none;
    auto it = state.notes.find(currentRegionId(state));
    return it == state.notes.end() ? none : it->second;
}

void setChecklistItem(ViewerState& state, int item, const ChecklistItem& value) {
    if (!state.hasAnalysis() || item < 0 || item >= kChecklistCount) return;
    state.checklists[currentRegionId(state)][item] = value;
}

// The viewer's part of a session: which file, which language, its notes and checklists; reading and
// writing the format is the core's (chainatlas/session/session.hpp).
chainatlas::Session toSession(const ViewerState& state) {
    Session session;
    session.file = state.path.empty() ? "" : std::filesystem::absolute(state.path).string();
    session.lang = state.lang;
    if (!state.chain) return session;
    AnalysisOptions options;
    options.region = state.scenario.region;
    options.hubs = state.scenario.hubs;
    options.weights = state.scenario.weights;
    options.assumptions = state.scenario.assumptions;
    storeScenario(session, *state.chain, options);
    for (const auto& [region, notes] : state.notes) {
        if (region == session.region) session.notes = notes;
        else session.otherNotes[region] = notes;
    }
    for (const auto& [region, checklist] : state.checklists) {
        if (region == session.region) session.checklist = checklist;
        else session.otherChecklists[region] = checklist;
    }
    return session;
}

nlohmann::json sessionToJson(const ViewerState& state) { return chainatlas::sessionToJson(toSession(state)); }

namespace {
std::string joinProblems(const std::vector<Diagnostic>& problems) {
    std::string out;
    for (const Diagnostic& d : problems) out += (out.empty() ? "" : "\n") + formatDiagnostic(d);
    return out;
}

// The session's scenario is resolved as soon as its chain is read, so the chain is analysed once, in that
// scenario (not first in the default region). A scenario that does not resolve is left unanalysed: refused.
OpenedSession openParsed(const Session& session, const std::string& label) {
    OpenedSession out;
    out.lang = session.lang;
    out.langGiven = session.langGiven;
    if (session.file.empty()) {
        out.problem = label + ": /file: missing the chain file";
        return out;
    }
    AnalysisOptions options;
    std::vector<Diagnostic> unresolved;
    out.opened = loadForViewer(session.file, [&](const Chain& chain) {
        Scenario scenario;
        options.region = chain.regions.empty() ? -1 : 0;
        unresolved = resolveSession(session, chain, label, options);
        if (!unresolved.empty()) return scenario;
        scenario.region = options.region;
        scenario.hubs = options.hubs;
        scenario.weights = options.weights;
        scenario.assumptions = options.assumptions;
        return scenario;
    });
    const Chain* chain = out.opened.chain.get();
    if (!chain) {
        out.chainUnreadable = true;
        out.problem = label + ": /file: cannot open " + session.file;
    } else if (!unresolved.empty()) {
        out.problem = joinProblems(unresolved);
    } else {
        out.notes = session.otherNotes;
        out.checklists = session.otherChecklists;
        if (options.region >= 0) {  // an older session's one set of notes is its region's
            out.notes[chain->regions[options.region].id] = session.notes;
            out.checklists[chain->regions[options.region].id] = session.checklist;
        }
    }
    return out;
}

}  // namespace

OpenedSession sessionForViewer(const nlohmann::json& json, const std::string& label) {
    Session session;
    if (auto problems = sessionFromJson(json, label, session); !problems.empty()) {
        OpenedSession out;
        out.problem = joinProblems(problems);
        return out;
    }
    return openParsed(session, label);
}

OpenedSession loadSessionForViewer(const std::string& path) {
    Session session;
    if (auto problems = loadSessionFile(path, session); !problems.empty()) {
        OpenedSession out;
        out.problem = joinProblems(problems);
        return out;
    }
    OpenedSession out = openParsed(session, path);
    out.path = path;
    return out;
}

std::string adoptSession(ViewerState& state, OpenedSession& session) {
    if (!session.problem.empty()) {
        if (session.chainUnreadable) state.problems = session.opened.problems;
        return session.problem;
    }
    adoptChain(state, session.opened);  // undo, notes and checklists cleared; the session's scenario analysed
    if (!session.path.empty()) ownSessionFile(state, session.path);
    std::swap(state.notes, session.notes);
    std::swap(state.checklists, session.checklists);
    if (session.langGiven) state.lang = session.lang;  // else the language chosen at start (or since) stays
    return {};
}

std::string applySession(ViewerState& state, const nlohmann::json& json, const std::string& label) {
    OpenedSession session = sessionForViewer(json, label);
    return adoptSession(state, session);
}

Status saveSession(const ViewerState& state, const std::string& path) {
    return saveSessionFile(toSession(state), path);
}

std::string loadSession(ViewerState& state, const std::string& path) {
    OpenedSession session = loadSessionForViewer(path);
    return adoptSession(state, session);
}

void setShowResources(ViewerState& state, bool shown) {
    state.showResources = shown;
    if (!shown && state.selection.kind == SelectionKind::Resource) state.selection = {};
}

ResourceDetails describeResource(const ViewerState& state, int index) {
    const Chain& chain = *state.drawn;
    const Resource& r = chain.resources[index];
    Lang lang = state.lang;
    ResourceDetails d;
    d.name = r.name.pick(lang, r.id);
    d.id = r.id;
    d.kind = resourceKindWord(r.kind, lang);
    d.region = chain.regions[r.region].name.pick(lang, chain.regions[r.region].id);
    d.local = r.region == state.analysis().region;
    d.hub = std::find(state.analysis().hubs.begin(), state.analysis().hubs.end(), r.region) !=
            state.analysis().hubs.end();
    auto chains = resourceChains(r.kind);
    for (int c = 0; c < kChainKindCount; ++c)
        if (chains[c])
            d.chains += (d.chains.empty() ? "" : (lang == Lang::Zh ? "、" : ", ")) +
                        std::string(chainKindWord(static_cast<ChainKind>(c), lang));
    d.confidence = r.confidence;
    d.confirmed = r.confirmed();
    d.note = r.note;
    d.segments = r.segments;
    d.sources = r.sources;
    for (const Tie& tie : chain.ties)
        if (tie.resource == index) d.ties.push_back({tie.firm, tieKindWord(tie.kind, lang), tie.confidence});
    std::sort(d.ties.begin(), d.ties.end(),
              [&](const auto& a, const auto& b) { return chain.firms[a.firm].id < chain.firms[b.firm].id; });
    return d;
}

const LocalSupply* localSupplyOf(const Analysis& analysis, int firm) {
    for (const LocalSupply& row : analysis.localSupply)
        if (row.firm == firm) return &row;
    return nullptr;
}

Comparison compareScenario(const ViewerState& state, const std::vector<int>& regions) {
    return compareRegions(*state.chain, regions, state.scenario.hubs, state.scenario.weights,
                          state.scenario.assumptions);
}

}  // namespace viewer
