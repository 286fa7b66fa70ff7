// Main menu: file (open, recent, sessions, exports), view (fit, full screen, font size, language), edit.
#include "../app.hpp"
#include "../i18n.hpp"

namespace viewer {

void drawMenuBar(App& app) {
    ViewerState& state = app.state;
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu(tr(state.lang, "文件", "File"))) {
        if (ImGui::MenuItem(tr(state.lang, "打开…", "Open…"), "Ctrl+O")) app.showOpen = true;
        if (ImGui::BeginMenu(tr(state.lang, "最近打开", "Recent"), !state.recentFiles.empty())) {
            for (const std::string& path : state.recentFiles)
                if (ImGui::MenuItem(path.c_str())) app.open(path);
            ImGui::EndMenu();
        }
        ImGui::Separator();
        if (ImGui::MenuItem(tr(state.lang, "会话 (保存/载入)…", "Session (save/load)…"), nullptr, false, true)) app.showSession = true;
        if (ImGui::MenuItem(tr(state.lang, "导出 SVG / CSV / 报告…", "Export SVG / CSV / report…"), nullptr, false, state.hasChain())) app.showExport = true;
        ImGui::Separator();
        if (ImGui::MenuItem(tr(state.lang, "退出", "Quit"))) app.quitRequested = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr(state.lang, "编辑", "Edit"))) {
        if (ImGui::MenuItem(tr(state.lang, "撤销", "Undo"), "Ctrl+Z", false, !state.undoStack.empty())) undo(state);
        if (ImGui::MenuItem(tr(state.lang, "重做", "Redo"), "Ctrl+Y", false, !state.redoStack.empty())) redo(state);
        if (ImGui::MenuItem(tr(state.lang, "搜索", "Search"), "Ctrl+F")) {
            app.showSearch = true;
            app.focusSearch = true;
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr(state.lang, "视图", "View"))) {
        if (ImGui::MenuItem(tr(state.lang, "适应窗口", "Fit to window"), "F")) state.camera.fitRequested = true;
        if (ImGui::MenuItem(tr(state.lang, "全屏", "Full screen"), "F11")) app.toggleFullscreen = true;
        if (ImGui::MenuItem(tr(state.lang, "放大字号", "Larger text"), "Ctrl +")) app.fontScale = std::min(2.5f, app.fontScale + 0.1f);
        if (ImGui::MenuItem(tr(state.lang, "缩小字号", "Smaller text"), "Ctrl -")) app.fontScale = std::max(0.6f, app.fontScale - 0.1f);
        ImGui::Separator();
        if (ImGui::MenuItem(tr(state.lang, "十个一 清单", "十个一 checklist"), nullptr, app.showChecklist, state.hasAnalysis())) app.showChecklist = !app.showChecklist;
        if (ImGui::MenuItem(tr(state.lang, "区域对比", "Compare regions"), nullptr, app.showCompare, state.hasAnalysis())) app.showCompare = !app.showCompare;
        ImGui::EndMenu();
    }
    if (ImGui::MenuItem("中文", nullptr, state.lang == Lang::Zh)) setLang(state, Lang::Zh);
    if (ImGui::MenuItem("English", nullptr, state.lang == Lang::En)) setLang(state, Lang::En);
    ImGui::EndMainMenuBar();
}

}  // namespace viewer
