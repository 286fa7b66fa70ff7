// What the viewer keeps between runs, in the config folder: the automatic last session (written on every
// quit, never the file a planner saved by name) and the recent-files list. Folders are created on demand,
// so a new user's first save works. Reading and writing the session itself stays in state.cpp.
#include <cstdlib>
#include <filesystem>

#include "app.hpp"
#include "chainatlas/base/file_io.hpp"
#include "chainatlas/base/text.hpp"
#include "i18n.hpp"
#include "state/saved_files.hpp"

namespace viewer {

namespace {

// What "unsaved work" means: the what-ifs and the notes (region, hubs and weights are one click to redo).
nlohmann::json workOf(const ViewerState& state) {
    nlohmann::json session = sessionToJson(state);
    return {{"file", session.value("file", "")},
            {"assumptions", session.value("assumptions", nlohmann::json::array())},
            {"notes", session.value("notes", nlohmann::json::object())},
            {"other_notes", session.value("other_notes", nlohmann::json::object())}};
}

}  // namespace

std::string App::settingsFolder() const {
    const char* config = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    std::string base = config && *config ? config : (home && *home ? std::string(home) + "/.config" : std::string("."));
    return base + "/chainatlas";
}

std::string App::lastSessionPath() const { return settingsFolder() + "/last-session.json"; }
std::string App::recentFilesPath() const { return settingsFolder() + "/recent.json"; }

std::string App::saveNamedSession(const std::string& path) {
    chainatlas::Status saved = makeParentFolder(path);
    if (saved) saved = saveSession(state, path);
    if (!saved) {
        say(tr(state.lang, "无法保存会话: ", "Cannot save the session: ") + path, true, saved.error().message);
        return saved.error().message;
    }
    markWorkSaved();
    ownSessionFile(state, path);  // Ctrl+S writes here from now on, until another chain or session opens
    sessionFolder = folderOf(path);
    say(tr(state.lang, "已保存 ", "Saved ") + path);
    return {};
}

std::string App::loadNamedSession(const std::string& path) { return openSession(path, OpenKind::Session); }

void App::saveLastSession() {
    if (!state.chain) return;  // nothing to reopen
    chainatlas::Status saved = makeParentFolder(lastSessionPath());
    if (saved) saved = saveSession(state, lastSessionPath());
    if (!saved)
        std::fprintf(stderr, "chainatlas-viewer: %s: %s\n", lastSessionPath().c_str(), saved.error().message.c_str());
}

void App::loadRecentFiles() {
    auto text = chainatlas::readWholeFile(recentFilesPath());
    if (!text) return;  // first start
    nlohmann::json list = nlohmann::json::parse(*text, nullptr, false);
    if (!list.is_array()) return;
    state.recentFiles.clear();
    for (const auto& item : list)
        if (item.is_string() && state.recentFiles.size() < kRecentFilesKept)
            state.recentFiles.push_back(item.get<std::string>());
}

void App::saveRecentFiles() {
    if (!persistSettings) return;
    chainatlas::Status saved = makeParentFolder(recentFilesPath());
    if (saved)
        saved = chainatlas::writeFileAtomically(recentFilesPath(), nlohmann::json(state.recentFiles).dump(2) + "\n");
    if (!saved)
        std::fprintf(stderr, "chainatlas-viewer: %s: %s\n", recentFilesPath().c_str(), saved.error().message.c_str());
}

bool App::hasUnsavedWork() const {
    if (!state.chain) return false;
    nlohmann::json work = workOf(state);
    bool empty = work["assumptions"].empty() && work["notes"].empty() && work["other_notes"].empty();
    return savedWork.is_null() ? !empty : work != savedWork;
}

void App::markWorkSaved() { savedWork = state.chain ? workOf(state) : nlohmann::json(); }

std::string App::probeReport() const {
    std::string out;
    char line[160];
    for (const auto& [name, r] : probeRects) {
        std::snprintf(line, sizeof line, "rect %s %.0f %.0f %.0f %.0f\n", name.c_str(), r[0], r[1], r[2], r[3]);
        out += line;
    }
    out += "file " + state.path + "\n";
    out += "session-file " + state.sessionFile + "\n";
    out += "session-field " + sessionPath + "\n";
    out += "export-svg " + exportSvgPath + "\n";
    out += "export-csv " + exportCsvPath + "\n";
    if (state.hasAnalysis()) out += "region " + state.chain->regions[state.scenario.region].id + "\n";
    out += "message " + message + "\n";
    out += "open-field " + openPath + "\n";
    out += "problems " + std::to_string(showProblems) + " " + std::to_string(state.problems.size()) + "\n";
    out += "analysing " + std::to_string(analysing() || opening()) + "\n";
    out += "pending-write " + std::to_string(static_cast<int>(pendingWrite.kind)) + " " + pendingWrite.path + "\n";
    out += "assumptions " + std::to_string(state.scenario.assumptions.size()) + "\n";
    out += "undo " + std::to_string(state.undoStack.size()) + "\n";
    out += "redo " + std::to_string(state.redoStack.size()) + "\n";
    out += "pending " + std::to_string(static_cast<int>(pending)) + "\n";
    out.append("dialogs open ").append(std::to_string(showOpen)).append(" session ");
    out.append(std::to_string(showSession)).append(" search ").append(std::to_string(showSearch)).append("\n");
    out += "typing " + std::to_string(ImGui::GetIO().WantTextInput) + "\n";
    out += "missing-glyphs " + std::to_string(missingGlyphs()) + "\n";
    out += "opening " + openingPath + "\n";  // a file still being read on the worker
    if (!message.empty()) out += "message " + message + (messageIsError ? " [error]\n" : "\n");
    for (const auto& [firm, note] : notesHere(state))
        if (!note.empty()) out.append("note ").append(firm).append(" ").append(note).append("\n");
    for (const std::string& path : state.recentFiles) out += "recent " + path + "\n";
    out += probeLabels;
    return out;
}

// Characters of the notes and the search box that the font cannot draw (the end-to-end test wants none).
int App::missingGlyphs() const {
    ImFont* font = ImGui::GetFont();
    if (!font) return -1;
    std::string typed = searchQuery;
    for (const auto& [region, notes] : state.notes)
        for (const auto& entry : notes) typed += entry.second;
    int missing = 0;
    for (char32_t c : chainatlas::decodeUtf8(typed))
        if (c > 0xFFFF || !font->FindGlyphNoFallback(static_cast<ImWchar>(c))) ++missing;
    return missing;
}

}  // namespace viewer
