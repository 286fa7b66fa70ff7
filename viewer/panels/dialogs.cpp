// Small windows: open a file (path and recent files), problems of a broken file, export, session.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "../app.hpp"
#include "../i18n.hpp"
#include "chainatlas/diagnostics.hpp"

namespace viewer {

void drawSearchPanel(App& app);

namespace {

// Opens a dialog centred on the screen; false when it is collapsed (End() has then been called).
bool beginDialog(const char* title, bool* open, ImVec2 size) {
    ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos({(display.x - size.x) / 2, (display.y - size.y) / 3}, ImGuiCond_Appearing);
    ImGui::SetNextWindowSize(size, ImGuiCond_Appearing);
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

void problemsWindow(App& app) {
    ViewerState& state = app.state;
    if (!beginDialog(tr(state.lang, "文件有问题###problems", "Problems in the file###problems"), &app.showProblems,
                     {720, 360}))
        return;
    ImGui::TextWrapped("%s",
                       tr(state.lang, "文件未能打开 (之前的产业链仍然打开)。每个问题都标明了位置:",
                          "The file was not opened (the previous chain stays open). Every problem with its place:"));
    ImGui::BeginChild("##list", {0, -ImGui::GetFrameHeightWithSpacing()}, true);
    for (const auto& d : state.problems) {
        ImVec4 color = d.severity == chainatlas::Severity::Error ? ImVec4(0.78f, 0.16f, 0.16f, 1)
                                                                 : ImVec4(0.6f, 0.45f, 0.0f, 1);
        ImGui::PushStyleColor(ImGuiCol_Text, color);
        ImGui::TextWrapped("%s", chainatlas::formatDiagnostic(d).c_str());
        ImGui::PopStyleColor();
    }
    ImGui::EndChild();
    if (ImGui::Button(tr(state.lang, "关闭", "Close"))) app.showProblems = false;
    ImGui::End();
}

void exportWindow(App& app) {
    ViewerState& state = app.state;
    if (!beginDialog(tr(state.lang, "导出###export", "Export###export"), &app.showExport, {560, 260})) return;
    ImGui::TextUnformatted(
        tr(state.lang, "当前视图 (SVG, 与 chainatlas map 相同):", "Current view (SVG, as chainatlas map writes it):"));
    ImGui::SetNextItemWidth(-110);
    ImGui::InputText("##svg", &app.exportSvgPath);
    ImGui::SameLine();
    if (ImGui::Button(tr(state.lang, "导出 SVG", "Export SVG"))) app.exportSvg(app.exportSvgPath);
    ImGui::TextUnformatted(
        tr(state.lang, "招商目标清单 (CSV, 可用 Excel/WPS 打开):", "Target list (CSV, opens in Excel/WPS):"));
    ImGui::SetNextItemWidth(-110);
    ImGui::InputText("##csv", &app.exportCsvPath);
    ImGui::SameLine();
    if (ImGui::Button(tr(state.lang, "导出 CSV", "Export CSV"))) app.exportCsv(app.exportCsvPath);
    ImGui::TextUnformatted(tr(state.lang, "会议报告 (.xlsx 或 .pdf, 含备注与十个一):",
                              "Meeting report (.xlsx or .pdf, with notes and checklist):"));
    ImGui::SetNextItemWidth(-110);
    ImGui::InputText("##report", &app.exportReportPath);
    ImGui::SameLine();
    if (ImGui::Button(tr(state.lang, "导出报告", "Export report"))) app.exportReport(app.exportReportPath);
    drawMessage(app, true);
    ImGui::End();
}

void sessionWindow(App& app) {
    ViewerState& state = app.state;
    if (!beginDialog(tr(state.lang, "规划会话###session", "Planning session###session"), &app.showSession, {560, 170}))
        return;
    ImGui::TextWrapped("%s", tr(state.lang, "会话保存文件、区域、枢纽、权重、假设与备注:",
                                "A session keeps file, region, hubs, weights, assumptions and notes:"));
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##sessionpath", &app.sessionPath);
    app.probe("session-path");
    ImGui::BeginDisabled(!state.hasChain());
    if (ImGui::Button(tr(state.lang, "保存", "Save"))) app.saveNamedSession(app.sessionPath);
    app.probe("session-save");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(tr(state.lang, "载入", "Load"))) app.requestLoadSession(app.sessionPath);
    app.probe("session-load");
    drawMessage(app, true);
    ImGui::End();
}

// Asked before opening another chain, loading a session or quitting would drop unsaved what-ifs or notes.
void confirmDiscard(App& app) {
    ViewerState& state = app.state;
    const char* title = tr(state.lang, "未保存的假设###confirm", "Unsaved what-ifs###confirm");
    if (app.pending == App::Pending::None || !app.hasUnsavedWork()) return;
    if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
    ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos({display.x / 2, display.y / 3}, ImGuiCond_Always, {0.5f, 0.5f});
    if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextUnformatted(tr(state.lang, "当前的假设引进和备注尚未保存到会话文件。",
                              "The current what-ifs and notes are not saved in a session file."));
    ImGui::TextDisabled("%s", app.sessionPath.c_str());
    bool done = false;
    if (ImGui::Button(tr(state.lang, "保存会话并继续", "Save the session and go on")))
        done = app.saveNamedSession(app.sessionPath).empty();
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

void drawDialogs(App& app) {
    if (app.showOpen) openWindow(app);
    if (app.showProblems) problemsWindow(app);
    if (app.showExport) exportWindow(app);
    if (app.showSession) sessionWindow(app);
    drawChecklistPanel(app);
    drawComparePanel(app);
    drawSearchPanel(app);
    confirmDiscard(app);
}

}  // namespace viewer
