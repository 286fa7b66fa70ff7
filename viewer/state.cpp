// Viewer state operations: every change goes through here, recomputes what depends on it by calling the
// core, and bumps the layout generation when the map must be laid out again.
#include "state.hpp"

#include <algorithm>
#include <filesystem>

#include "chainatlas/file_io.hpp"
#include "chainatlas/load.hpp"
#include "chainatlas/text.hpp"

namespace viewer {

using namespace chainatlas;

namespace {

void indexBaseline(ViewerState& state) {
    state.baselineRank.clear();
    if (!state.baseline) return;
    for (const Target& t : state.baseline->targets) state.baselineRank[t.firm] = t.rank;
}

// The analysis without the what-ifs, so rank changes mean "because of the what-ifs" after any change,
// undo or session load alike.
void computeBaseline(ViewerState& state, AnalysisOptions options) {
    state.baseline.reset();
    if (!options.assumptions.empty()) {
        options.assumptions.clear();
        state.baseline = analyzeAssumed(*state.chain, *state.chain, options);
    }
    indexBaseline(state);
}

// Everything that follows from the scenario: the drawn chain and the analysis.
void recompute(ViewerState& state) {
    if (!state.chain) return;
    std::vector<Assumption> assumed = state.scenario.assumptions;  // default segments get filled in
    state.drawn = assumed.empty() ? state.chain : std::make_shared<const Chain>(applyAssumptions(*state.chain, assumed));
    AnalysisOptions options;
    options.region = state.scenario.region;
    options.hubs = state.scenario.hubs;
    options.assumptions = assumed;
    options.weights = state.scenario.weights;
    state.analysis = analyzeAssumed(*state.chain, *state.drawn, options);
    computeBaseline(state, options);
    ++state.analysisVersion;
    ++state.layoutGeneration;
}

void record(ViewerState& state) {
    state.undoStack.push_back(state.scenario);
    if (state.undoStack.size() > 200) state.undoStack.erase(state.undoStack.begin());
    state.redoStack.clear();
}

bool ignoredInSearch(char32_t c) {
    static const std::u32string ignored = U"（）【】《》〈〉「」『』、，。·・－—　";
    if (c < 0x80) return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
    return ignored.find(c) != std::u32string::npos;
}

}  // namespace

void rememberRecent(ViewerState& state, const std::string& path) {
    std::error_code ec;
    std::string absolute = std::filesystem::absolute(path, ec).lexically_normal().string();
    if (ec) absolute = path;
    auto& list = state.recentFiles;
    list.erase(std::remove(list.begin(), list.end(), absolute), list.end());
    list.insert(list.begin(), absolute);
    if (list.size() > kRecentFilesKept) list.resize(kRecentFilesKept);
}

bool openChain(ViewerState& state, const std::string& requested) {
    const std::string path = requested;  // the caller's string may live in recentFiles, which changes below
    LoadResult result = loadChainFile(path);
    state.problems = result.diagnostics;
    if (!result.ok()) return false;
    state.chain = std::make_shared<const Chain>(std::move(*result.chain));
    state.drawn = state.chain;  // until an analysis with assumptions replaces it
    state.percentiles = metricPercentiles(*state.chain);
    state.path = path;
    state.scenario = Scenario{};
    state.scenario.region = state.chain->regions.empty() ? -1 : 0;
    state.undoStack.clear();
    state.redoStack.clear();
    state.selection = {};
    state.notes.clear();
    state.expanded.assign(state.chain->segments.size(), 0);
    state.camera.fitRequested = true;
    state.analysis = {};
    rememberRecent(state, path);
    if (state.scenario.region >= 0) recompute(state);
    return true;
}

void setRegion(ViewerState& state, int region) {
    if (!state.chain || region == state.scenario.region || region < 0) return;
    record(state);
    state.scenario.region = region;
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

void setWeights(ViewerState& state, const Weights& weights, bool recordStep) {
    if (!state.chain) return;
    if (recordStep) record(state);
    state.scenario.weights = weights;
    state.analysis.weights = weights;
    rerank(state.analysis, *state.drawn, weights);  // statuses stay; order, set-aside and priorities change
    if (state.baseline) rerank(*state.baseline, *state.chain, weights);  // set-aside follows the weights too
    indexBaseline(state);
    ++state.analysisVersion;
    if (state.level == MapLevel::Firm) ++state.layoutGeneration;  // lanes are ordered by rank
}

void assume(ViewerState& state, const Assumption& assumption) {
    if (!state.chain) return;
    record(state);
    auto& list = state.scenario.assumptions;
    list.erase(std::remove_if(list.begin(), list.end(), [&](const Assumption& a) { return a.firm == assumption.firm; }),
               list.end());
    list.push_back(assumption);
    recompute(state);
}

void unassume(ViewerState& state, int firm) {
    if (!isAssumed(state, firm)) return;
    record(state);
    auto& list = state.scenario.assumptions;
    list.erase(std::remove_if(list.begin(), list.end(), [&](const Assumption& a) { return a.firm == firm; }), list.end());
    recompute(state);
}

bool isAssumed(const ViewerState& state, int firm) {
    const auto& list = state.scenario.assumptions;
    return std::any_of(list.begin(), list.end(), [&](const Assumption& a) { return a.firm == firm; });
}

bool undo(ViewerState& state) {
    if (state.undoStack.empty()) return false;
    state.redoStack.push_back(state.scenario);
    state.scenario = state.undoStack.back();
    state.undoStack.pop_back();
    recompute(state);
    return true;
}

bool redo(ViewerState& state) {
    if (state.redoStack.empty()) return false;
    state.undoStack.push_back(state.scenario);
    state.scenario = state.redoStack.back();
    state.redoStack.pop_back();
    recompute(state);
    return true;
}

Camera locateCamera(Camera camera, const Box& box, double width, double height) {
    if (box.w > 0 && box.h > 0) camera.zoom = std::clamp(std::min(width / box.w, height / box.h) * 0.4, 0.05, 4.0);
    camera.x = box.x + box.w / 2 - width / (2 * camera.zoom);
    camera.y = box.y + box.h / 2 - height / (2 * camera.zoom);
    camera.fitRequested = false;
    return camera;
}

void select(ViewerState& state, Selection selection) { state.selection = selection; }

void setLevel(ViewerState& state, MapLevel level) {
    if (state.level == level) return;
    state.level = level;
    if (level == MapLevel::Firm && state.chain && std::none_of(state.expanded.begin(), state.expanded.end(), [](char e) { return e; }))
        state.expanded.assign(state.chain->segments.size(), 1);  // "expand all" when nothing is chosen
    ++state.layoutGeneration;
}

void toggleExpanded(ViewerState& state, int segment) {
    if (!state.chain || segment < 0 || segment >= static_cast<int>(state.expanded.size())) return;
    state.expanded[segment] = !state.expanded[segment];
    state.level = MapLevel::Firm;
    ++state.layoutGeneration;
}

void setLang(ViewerState& state, Lang lang) {
    if (state.lang == lang) return;
    state.lang = lang;
    ++state.layoutGeneration;  // label widths change
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
        return searchKey(id).find(needle) != std::string::npos || searchKey(name.zh).find(needle) != std::string::npos ||
               searchKey(name.en).find(needle) != std::string::npos;
    };
    const Chain& chain = *state.chain;
    for (std::size_t s = 0; s < chain.segments.size() && found.size() < limit; ++s)
        if (matches(chain.segments[s].id, chain.segments[s].name)) found.push_back({SelectionKind::Segment, static_cast<int>(s)});
    for (std::size_t f = 0; f < chain.firms.size() && found.size() < limit; ++f)
        if (matches(chain.firms[f].id, chain.firms[f].name)) found.push_back({SelectionKind::Firm, static_cast<int>(f)});
    return found;
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

nlohmann::json sessionToJson(const ViewerState& state) {
    nlohmann::json out;
    out["format"] = "chainatlas-session/1";
    out["file"] = state.path.empty() ? "" : std::filesystem::absolute(state.path).string();
    out["lang"] = state.lang == Lang::Zh ? "zh" : "en";
    if (!state.chain) return out;
    const Chain& chain = *state.chain;
    out["region"] = state.scenario.region >= 0 ? chain.regions[state.scenario.region].id : "";
    out["hubs"] = nlohmann::json::array();
    for (int h : state.scenario.hubs) out["hubs"].push_back(chain.regions[h].id);
    out["weights"] = weightsToJson(state.scenario.weights);
    out["assumptions"] = nlohmann::json::array();
    for (const Assumption& a : state.scenario.assumptions) {
        nlohmann::json segments = nlohmann::json::array();
        for (int s : a.segments) segments.push_back(chain.segments[s].id);
        out["assumptions"].push_back({{"firm", chain.firms[a.firm].id}, {"region", chain.regions[a.region].id}, {"segments", segments}});
    }
    out["notes"] = nlohmann::json::object();
    for (const auto& [firm, note] : state.notes)
        if (!note.empty()) out["notes"][firm] = note;
    return out;
}

std::string applySession(ViewerState& state, const nlohmann::json& session, const std::string& label) {
    auto fail = [&](const std::string& pointer, const std::string& message) { return label + ": " + pointer + ": " + message; };
    if (!session.is_object()) return fail("/", "a session is a JSON object");
    auto format = session.find("format");
    if (format == session.end() || *format != "chainatlas-session/1") return fail("/format", "expected \"chainatlas-session/1\"");
    if (!session.contains("file") || !session["file"].is_string()) return fail("/file", "missing the chain file");
    std::string file = session["file"];
    ViewerState next = state;  // applied whole or not at all
    if (!openChain(next, file)) {
        state.problems = next.problems;
        return fail("/file", "cannot open " + file);
    }
    const Chain& chain = *next.chain;
    auto region = [&](const nlohmann::json& value, const std::string& pointer, int& out) -> std::string {
        if (!value.is_string()) return fail(pointer, "expected a region id");
        std::string problem;
        out = resolveId(chain, IdKind::Region, value.get<std::string>(), problem);
        return out < 0 ? fail(pointer, problem) : std::string();
    };
    Scenario scenario;
    scenario.region = next.scenario.region;
    if (session.contains("region") && !(session["region"].is_string() && session["region"].get<std::string>().empty()))
        if (auto problem = region(session["region"], "/region", scenario.region); !problem.empty()) return problem;
    if (session.contains("hubs")) {
        if (!session["hubs"].is_array()) return fail("/hubs", "expected an array of region ids");
        for (std::size_t i = 0; i < session["hubs"].size(); ++i) {
            int h = -1;
            if (auto problem = region(session["hubs"][i], "/hubs/" + std::to_string(i), h); !problem.empty()) return problem;
            scenario.hubs.push_back(h);
        }
    }
    if (session.contains("weights")) {
        std::string problem = weightsFromJson(session["weights"], scenario.weights);
        if (!problem.empty()) return label + ": /weights" + problem;
    }
    if (session.contains("assumptions")) {
        if (!session["assumptions"].is_array()) return fail("/assumptions", "expected an array");
        for (std::size_t i = 0; i < session["assumptions"].size(); ++i) {
            const auto& item = session["assumptions"][i];
            std::string pointer = "/assumptions/" + std::to_string(i);
            if (!item.is_object() || !item.contains("firm") || !item["firm"].is_string()) return fail(pointer + "/firm", "expected a firm id");
            Assumption a;
            std::string problem;
            a.firm = resolveId(chain, IdKind::Firm, item["firm"], problem);
            if (a.firm < 0) return fail(pointer + "/firm", problem);
            if (auto problem = region(item.value("region", nlohmann::json()), pointer + "/region", a.region); !problem.empty()) return problem;
            for (const auto& segment : item.value("segments", nlohmann::json::array())) {
                int s = segment.is_string() ? findSegment(chain, segment) : -1;
                if (s < 0) return fail(pointer + "/segments", "unknown segment " + segment.dump());
                a.segments.push_back(s);
            }
            scenario.assumptions.push_back(a);
        }
    }
    if (session.contains("notes") && session["notes"].is_object())
        for (auto it = session["notes"].begin(); it != session["notes"].end(); ++it)
            if (it->is_string()) next.notes[it.key()] = it->get<std::string>();
    next.lang = session.contains("lang") && session["lang"] == "en" ? Lang::En : Lang::Zh;
    next.scenario = scenario;
    recompute(next);
    next.undoStack.clear();
    next.redoStack.clear();
    state = std::move(next);
    return {};
}

std::string saveSession(const ViewerState& state, const std::string& path) {
    return writeFileAtomically(path, sessionToJson(state).dump(2) + "\n");
}

std::string loadSession(ViewerState& state, const std::string& path) {
    auto text = readWholeFile(path);
    if (!text) return path + ": " + text.error();
    nlohmann::json session = nlohmann::json::parse(*text, nullptr, false);
    if (session.is_discarded()) return path + ": not valid JSON";
    return applySession(state, session, path);
}

}  // namespace viewer
