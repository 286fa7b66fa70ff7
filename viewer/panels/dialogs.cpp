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
    bool enter = ImGui::InputText("##path", &app.openPath, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button(tr(state.lang, "打开", "Open")) || enter) && !app.openPath.empty()) {
        app.open(app.openPath);
        if (!app.showProblems) app.showOpen = false;
    }
    ImGui::Separator();
    ImGui::TextUnformatted(tr(state.lang, "最近打开", "Recent"));
    for (const std::string& path : state.recentFiles)
        if (ImGui::Selectable(path.c_str())) app.openPath = path;
    ImGui::End();
}

void problemsWindow(App& app) {
    ViewerState& state = app.state;
    if (!beginDialog(tr(state.lang, "文件有问题###problems", "Problems in the file###problems"), &app.showProblems, {720, 360})) return;
    ImGui::TextWrapped("%s", tr(state.lang, "文件未能打开 (之前的产业链仍然打开)。每个问题都标明了位置:",
                                 "The file was not opened (the previous chain stays open). Every problem with its place:"));
    ImGui::BeginChild("##list", {0, -ImGui::GetFrameHeightWithSpacing()}, true);
    for (const auto& d : state.problems) {
        ImVec4 color = d.severity == chainatlas::Severity::Error ? ImVec4(0.78f, 0.16f, 0.16f, 1) : ImVec4(0.6f, 0.45f, 0.0f, 1);
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
    ImGui::TextUnformatted(tr(state.lang, "当前视图 (SVG, 与 chainatlas map 相同):", "Current view (SVG, as chainatlas map writes it):"));
    ImGui::SetNextItemWidth(-110);
    ImGui::InputText("##svg", &app.exportSvgPath);
    ImGui::SameLine();
    if (ImGui::Button(tr(state.lang, "导出 SVG", "Export SVG"))) app.message = app.exportSvg(app.exportSvgPath);
    ImGui::TextUnformatted(tr(state.lang, "招商目标清单 (CSV, 可用 Excel/WPS 打开):", "Target list (CSV, opens in Excel/WPS):"));
    ImGui::SetNextItemWidth(-110);
    ImGui::InputText("##csv", &app.exportCsvPath);
    ImGui::SameLine();
    if (ImGui::Button(tr(state.lang, "导出 CSV", "Export CSV"))) app.message = app.exportCsv(app.exportCsvPath);
    ImGui::TextUnformatted(tr(state.lang, "会议报告 (.xlsx 或 .pdf, 含备注与十个一):", "Meeting report (.xlsx or .pdf, with notes and checklist):"));
    ImGui::SetNextItemWidth(-110);
    ImGui::InputText("##report", &app.exportReportPath);
    ImGui::SameLine();
    if (ImGui::Button(tr(state.lang, "导出报告", "Export report"))) app.message = app.exportReport(app.exportReportPath);
    if (!app.message.empty()) ImGui::TextWrapped("%s", app.message.c_str());
    ImGui::End();
}

void sessionWindow(App& app) {
    ViewerState& state = app.state;
    if (!beginDialog(tr(state.lang, "规划会话###session", "Planning session###session"), &app.showSession, {560, 170})) return;
    ImGui::TextWrapped("%s", tr(state.lang, "会话保存文件、区域、枢纽、权重、假设与备注:", "A session keeps file, region, hubs, weights, assumptions and notes:"));
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##sessionpath", &app.sessionPath);
    if (ImGui::Button(tr(state.lang, "保存", "Save"))) {
        std::string problem = saveSession(state, app.sessionPath);
        app.message = problem.empty() ? std::string(tr(state.lang, "已保存 ", "Saved ")) + app.sessionPath : problem;
    }
    ImGui::SameLine();
    if (ImGui::Button(tr(state.lang, "载入", "Load"))) {
        std::string problem = loadSession(state, app.sessionPath);
        app.message = problem.empty() ? std::string(tr(state.lang, "已载入 ", "Loaded ")) + app.sessionPath : problem;
        if (problem.empty()) app.fontsDirty = true;
    }
    if (!app.message.empty()) ImGui::TextWrapped("%s", app.message.c_str());
    ImGui::End();
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
}

}  // namespace viewer
