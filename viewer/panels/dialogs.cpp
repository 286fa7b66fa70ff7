// Small windows: open a file (path and recent files), problems of a broken file, export, session.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "../i18n.hpp"
#include "app.hpp"
#include "chainatlas/base/diagnostics.hpp"
#include "state/explain.hpp"

namespace viewer {

void drawSearchPanel(App& app);

namespace {

// Opens a dialog centred on the screen; false when it is collapsed (End() has then been called).
bool beginDialog(const char* title, bool* open, ImVec2 size) {
    placeOnScreen(size);
    if (ImGui::Begin(title, open)) return true;
    ImGui::End();
    return false;
}

void openWindow(App& app) {
    ViewerState& state = app.state;
    if (!beginDialog(tr(state.lang, "打开产业链###open", "Open a chain###open"), &app.showOpen, {560, 300})) return;
    ImGui::TextWrapped("%s", tr(state.lang, "产业链 JSON 文件或 CSV 文件夹的路径 (也可把文件拖放到窗口):",
                                "Path of a chain JSON file or CSV folder (or drop a file on the window):"));
    ImGui::SetNextItemWidth(-80);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    bool enter = ImGui::InputText("##path", &app.openPath, ImGuiInputTextFlags_EnterReturnsTrue);
    app.probe("open-path");
    ImGui::SameLine();
    if ((ImGui::Button(tr(state.lang, "打开", "Open")) || enter) && !app.openPath.empty()) {
        app.requestOpen(app.openPath);
        app.showOpen = false;
    }
    ImGui::Separator();
    ImGui::TextUnformatted(tr(state.lang, "最近打开", "Recent"));
    std::string chosen;  // a copy: the list may change while it is drawn
    for (const std::string& path : state.recentFiles)
        if (ImGui::Selectable(path.c_str())) chosen = path;
    if (!chosen.empty()) app.openPath = chosen;
    ImGui::End();
}

// One problem line, in the interface language, red for an error.
void problemLine(const std::string& line, Lang lang, bool error) {
    ImGui::PushStyleColor(ImGuiCol_Text, error ? ImVec4(0.78f, 0.16f, 0.16f, 1) : ImVec4(0.6f, 0.45f, 0.0f, 1));
    ImGui::TextWrapped("%s", explainProblem(line, lang).c_str());
    ImGui::PopStyleColor();
}

// Why a file or a session did not open, every problem with its place and did-you-mean.
void problemsWindow(App& app) {
    ViewerState& state = app.state;
    bool session = !app.sessionProblem.empty();
    const char* title = session ? tr(state.lang, "会话未能载入###problems", "The session was not loaded###problems")
                                : tr(state.lang, "文件有问题###problems", "Problems in the file###problems");
    if (!beginDialog(title, &app.showProblems, {720, 360})) return;
    if (session)
        ImGui::TextWrapped("%s",
                           tr(state.lang, "会话未能载入 (当前的工作不变)。每个问题都标明了位置:",
                              "The session was not loaded (the current work stays). Every problem with its place:"));
    else ImGui::TextWrapped("%s", problemHeadline(state.problems, state.lang).c_str());
    ImGui::BeginChild("##list", {0, -ImGui::GetFrameHeightWithSpacing()}, true);
    std::size_t from = 0;
    while (session && from < app.sessionProblem.size()) {
        std::size_t end = app.sessionProblem.find('\n', from);
        if (end == std::string::npos) end = app.sessionProblem.size();
        problemLine(app.sessionProblem.substr(from, end - from), state.lang, true);
        from = end + 1;
    }
    for (const auto& d : session ? std::vector<chainatlas::Diagnostic>() : state.problems)
        problemLine(chainatlas::formatDiagnostic(d), state.lang, d.severity == chainatlas::Severity::Error);
    ImGui::EndChild();
    if (ImGui::Button(tr(state.lang, "关闭", "Close"))) app.showProblems = false;
    app.probe("problems-close");
    ImGui::End();
}

// One file to export: its path (a default name in the remembered folder) and the button that writes it.
void exportRow(App& app, const char* title, const char* id, std::string& path, const char* button,
               App::WriteKind kind) {
    ImGui::TextUnformatted(title);
    ImGui::SetNextItemWidth(-ImGui::CalcTextSize(button).x - ImGui::GetStyle().ItemSpacing.x * 3);
    ImGui::InputText(id, &path);
    app.probe(std::string("export-path-") + (id + 2));
    ImGui::SameLine();
    if (ImGui::Button(button)) app.requestExport(kind, path);
    app.probe(std::string("export-") + (id + 2));
}

void exportWindow(App& app) {
    ViewerState& state = app.state;
    if (!beginDialog(tr(state.lang, "导出###export", "Export###export"), &app.showExport, {560, 300})) return;
    if (ImGui::IsWindowAppearing()) app.exportNamesKey.clear();  // names anew, in the folder last used
    exportRow(app,
              tr(state.lang,
                 "当前视图 (SVG, 与 chainatlas map 相同):", "Current view (SVG, as chainatlas map writes it):"),
              "##svg", app.exportSvgPath, tr(state.lang, "导出 SVG", "Export SVG"), App::WriteKind::Svg);
    exportRow(app, tr(state.lang, "招商目标清单 (CSV, 可用 Excel/WPS 打开):", "Target list (CSV, opens in Excel/WPS):"),
              "##csv", app.exportCsvPath, tr(state.lang, "导出 CSV", "Export CSV"), App::WriteKind::Csv);
    exportRow(app,
              tr(state.lang, "会议报告 (.xlsx 或 .pdf, 含备注与十个一):",
                 "Meeting report (.xlsx or .pdf, with notes and checklist):"),
              "##report", app.exportReportPath, tr(state.lang, "导出报告", "Export report"), App::WriteKind::Report);
    drawMessage(app, true);
    ImGui::End();
}

void sessionWindow(App& app) {
    ViewerState& state = app.state;
    if (!beginDialog(tr(state.lang, "规划会话###session", "Planning session###session"), &app.showSession,
                     {600, 210})) {
        app.continueAfterSave = false;
        return;
    }
    if (app.continueAfterSave)
        ImGui::TextWrapped("%s", tr(state.lang, "请为会话文件命名; 保存后继续。",
                                    "Name the session file; it goes on after saving."));
    else
        ImGui::TextWrapped("%s", tr(state.lang, "会话保存文件、区域、枢纽、权重、假设与备注:",
                                    "A session keeps file, region, hubs, weights, assumptions and notes:"));
    ImGui::SetNextItemWidth(-1);
    if (app.focusSessionPath) {
        ImGui::SetKeyboardFocusHere();
        app.focusSessionPath = false;
    }
    bool enter = ImGui::InputText("##sessionpath", &app.sessionPath, ImGuiInputTextFlags_EnterReturnsTrue);
    app.probe("session-path");
    if (state.sessionFile.empty())
        ImGui::TextDisabled("%s", tr(state.lang, "尚未保存: 这是新名称", "Not saved yet: this is a new name"));
    else ImGui::TextDisabled("%s %s", tr(state.lang, "当前会话文件:", "Session file:"), state.sessionFile.c_str());
    ImGui::BeginDisabled(!state.hasChain());
    if ((ImGui::Button(tr(state.lang, "保存", "Save")) || (enter && state.hasChain())) && !app.sessionPath.empty())
        app.requestSaveSession(app.sessionPath);
    app.probe("session-save");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(tr(state.lang, "载入", "Load"))) app.requestLoadSession(app.sessionPath);
    app.probe("session-load");
    drawMessage(app, true);
    ImGui::End();
}

// Asked before a write over an existing file (another chain's or region's session, or an export).
void confirmOverwrite(App& app) {
    ViewerState& state = app.state;
    const char* title = tr(state.lang, "覆盖文件?###overwrite", "Write over the file?###overwrite");
    if (app.pendingWrite.kind == App::WriteKind::None || app.pendingWrite.question.empty()) return;
    if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
    ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos({display.x / 2, display.y / 3}, ImGuiCond_Always, {0.5f, 0.5f});
    ImGui::SetNextWindowSizeConstraints({0, 0}, {display.x - 20, display.y - 20});
    if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::PushTextWrapPos(std::min(display.x - 40, ImGui::GetFontSize() * 34));
    ImGui::TextUnformatted(app.pendingWrite.question.c_str());
    ImGui::PopTextWrapPos();
    bool yes = ImGui::Button(tr(state.lang, "覆盖", "Write over it"));
    app.probe("overwrite-yes");
    ImGui::SameLine();
    bool no = ImGui::Button(tr(state.lang, "取消", "Cancel"));
    app.probe("overwrite-no");
    if (no || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        app.pendingWrite = {};
        if (!app.showSession) app.continueAfterSave = false;  // the discard question comes back
        ImGui::CloseCurrentPopup();
    } else if (yes) {
        ImGui::CloseCurrentPopup();
        app.carryOutWrite();
    }
    ImGui::EndPopup();
}

// Asked before opening another chain, loading a session or quitting would drop unsaved what-ifs or notes.
void confirmDiscard(App& app) {
    ViewerState& state = app.state;
    const char* title = tr(state.lang, "未保存的假设###confirm", "Unsaved what-ifs###confirm");
    if (app.pending == App::Pending::None || !app.hasUnsavedWork() || app.continueAfterSave) return;
    if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
    ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos({display.x / 2, display.y / 3}, ImGuiCond_Always, {0.5f, 0.5f});
    if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextUnformatted(tr(state.lang, "当前的假设引进和备注尚未保存到会话文件。",
                              "The current what-ifs and notes are not saved in a session file."));
    if (!state.sessionFile.empty()) ImGui::TextDisabled("%s", state.sessionFile.c_str());
    bool done = false;
    if (ImGui::Button(tr(state.lang, "保存会话并继续", "Save the session and go on"))) {
        // Through the same checks as Ctrl+S: a first save asks for a name, another region's file asks first.
        app.continueAfterSave = true;
        ImGui::CloseCurrentPopup();
        app.saveShortcut();
    }
    app.probe("confirm-save");
    ImGui::SameLine();
    if (ImGui::Button(tr(state.lang, "不保存", "Discard"))) done = true;
    app.probe("confirm-discard");
    ImGui::SameLine();
    bool cancel = ImGui::Button(tr(state.lang, "取消", "Cancel"));
    app.probe("confirm-cancel");
    if (cancel || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        app.pending = App::Pending::None;
        ImGui::CloseCurrentPopup();
    }
    drawMessage(app, true);
    if (done) {
        ImGui::CloseCurrentPopup();
        app.carryOutPending();
    }
    ImGui::EndPopup();
}

}  // namespace

void placeOnScreen(ImVec2 size) {
    ImVec2 display = ImGui::GetIO().DisplaySize;
    float top = ImGui::GetFrameHeight();  // below the menu bar
    ImVec2 fitted{std::min(size.x, display.x - 8), std::min(size.y, display.y - top - 8)};
    ImGui::SetNextWindowPos({(display.x - fitted.x) / 2, top + (display.y - top - fitted.y) / 3}, ImGuiCond_Appearing);
    ImGui::SetNextWindowSize(fitted, ImGuiCond_Appearing);
    ImGui::SetNextWindowSizeConstraints({std::min(200.0f, fitted.x), std::min(100.0f, fitted.y)},
                                        {display.x - 8, display.y - top - 8});
}

void drawDialogs(App& app) {
    if (app.showOpen) openWindow(app);
    if (app.showProblems) problemsWindow(app);
    if (app.showExport) exportWindow(app);
    if (app.showSession) sessionWindow(app);
    drawChecklistPanel(app);
    drawComparePanel(app);
    drawSearchPanel(app);
    // The session window closed without saving: the "save and go on" question comes back.
    if (!app.showSession && app.pendingWrite.kind == App::WriteKind::None) app.continueAfterSave = false;
    confirmDiscard(app);
    confirmOverwrite(app);
}

}  // namespace viewer
