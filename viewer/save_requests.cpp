// Saves and exports that never write over work unasked: Ctrl+S writes only the state's own session file (a
// first save asks for a name), a file holding another chain's or region's session and any file an export
// would replace wait for the planner's yes; default names carry chain, region and date.
#include "app.hpp"
#include "chainatlas/base/text.hpp"
#include "i18n.hpp"
#include "state/saved_files.hpp"

namespace viewer {

std::string App::defaultSessionPath() const {
    return joinPath(sessionFolder, defaultBaseName(state, chainatlas::todayIso()) + ".json");
}

void App::openSessionWindow() {
    showSession = true;
    focusSessionPath = true;
    sessionFieldKey.clear();  // filled again below from the state's own file or the default name
    refreshFileFields();
}

void App::saveShortcut() {
    if (state.sessionFile.empty()) openSessionWindow();  // a first save: the planner names the file
    else requestSaveSession(state.sessionFile);
}

void App::requestSaveSession(const std::string& path) {
    if (path.empty()) {
        openSessionWindow();
        return;
    }
    std::string question = sessionOverwriteQuestion(state, path);
    if (!question.empty()) {
        pendingWrite = {WriteKind::Session, path, question};
        return;
    }
    pendingWrite = {WriteKind::Session, path, {}};
    carryOutWrite();
}

void App::requestExport(WriteKind kind, const std::string& path) {
    pendingWrite = {kind, path, exportOverwriteQuestion(state, path)};
    if (pendingWrite.question.empty()) carryOutWrite();
}

void App::carryOutWrite() {
    PendingWrite write = std::move(pendingWrite);
    pendingWrite = {};
    // The first export into ~/Documents makes the folder.
    if (chainatlas::Status made = makeParentFolder(write.path); !made) {
        say(tr(state.lang, "无法写入 ", "Cannot write ") + write.path, true, made.error().message);
        return;
    }
    std::string problem;
    switch (write.kind) {
        case WriteKind::Session: problem = saveNamedSession(write.path); break;
        case WriteKind::Svg: exportSvg(write.path); break;
        case WriteKind::Csv: exportCsv(write.path); break;
        case WriteKind::Report: exportReport(write.path); break;
        case WriteKind::None: return;
    }
    if (write.kind != WriteKind::Session) {
        if (!messageIsError) exportFolder = folderOf(write.path);
        return;
    }
    if (!problem.empty()) return;
    showSession = false;  // saved: the window closes (the status bar says where it went)
    if (continueAfterSave) {
        continueAfterSave = false;
        carryOutPending();
    }
}

// The fields follow the state: another chain, region or day gives new default names (so an export for
// Shanghai is never offered Weinan's file name), while what the planner typed stays as long as they do not.
void App::refreshFileFields() {
    std::string base = defaultBaseName(state, chainatlas::todayIso());
    if (base != exportNamesKey) {
        exportNamesKey = base;
        exportSvgPath = joinPath(exportFolder, base + "-map.svg");
        exportCsvPath = joinPath(exportFolder, base + "-targets.csv");
        exportReportPath = joinPath(exportFolder, base + "-report.pdf");
    }
    std::string own = state.sessionFile.empty() ? defaultSessionPath() : state.sessionFile;
    if (own != sessionFieldKey) {
        sessionFieldKey = own;
        sessionPath = own;
    }
}

}  // namespace viewer
