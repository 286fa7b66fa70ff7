// Main menu: file (open, recent, sessions, exports), view (fit, full screen, font size, language), edit.
#include "../i18n.hpp"
#include "app.hpp"

namespace viewer {

void drawMenuBar(App& app) {
    ViewerState& state = app.state;
    if (!ImGui::BeginMainMenuBar()) return;
    bool fileMenu = ImGui::BeginMenu(tr(state.lang, "文件", "File"));
    app.probe("menu-file");
    if (fileMenu) {
        if (ImGui::MenuItem(tr(state.lang, "打开…", "Open…"), "Ctrl+O")) app.showOpen = true;
        bool recent = ImGui::BeginMenu(tr(state.lang, "最近打开", "Recent"), !state.recentFiles.empty());
        app.probe("menu-recent");
        if (recent) {
            std::string chosen;  // a copy: opening reorders the list this loop walks
            for (std::size_t i = 0; i < state.recentFiles.size(); ++i) {
                if (ImGui::MenuItem(state.recentFiles[i].c_str())) chosen = state.recentFiles[i];
                app.probe("recent-" + std::to_string(i));
            }
            ImGui::EndMenu();
            if (!chosen.empty()) app.requestOpen(chosen);
        }
        ImGui::Separator();
        if (ImGui::MenuItem(tr(state.lang, "会话 (保存/载入)…", "Session (save/load)…"), "Ctrl+S", false, true))
            app.openSessionWindow();
        app.probe("menu-session");
        if (ImGui::MenuItem(tr(state.lang, "导出 SVG / CSV / 报告…", "Export SVG / CSV / report…"), nullptr, false,
                            state.hasChain()))
            app.showExport = true;
        app.probe("menu-export");
        ImGui::Separator();
        if (ImGui::MenuItem(tr(state.lang, "退出", "Quit"), "Ctrl+Q")) app.requestQuit();
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr(state.lang, "编辑", "Edit"))) {
        if (ImGui::MenuItem(tr(state.lang, "撤销", "Undo"), "Ctrl+Z", false, canUndo(state))) undo(state);
        if (ImGui::MenuItem(tr(state.lang, "重做", "Redo"), "Ctrl+Y", false, canRedo(state))) redo(state);
        if (ImGui::MenuItem(tr(state.lang, "搜索", "Search"), "Ctrl+F")) {
            app.showSearch = true;
            app.focusSearch = true;
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr(state.lang, "视图", "View"))) {
        if (ImGui::MenuItem(tr(state.lang, "适应窗口", "Fit to window"), "F")) state.camera.fitRequested = true;
        if (ImGui::MenuItem(tr(state.lang, "全屏", "Full screen"), "F11")) app.toggleFullscreen = true;
        if (ImGui::MenuItem(tr(state.lang, "放大字号", "Larger text"), "Ctrl +")) app.setTextSize(app.textSize + 2);
        if (ImGui::MenuItem(tr(state.lang, "缩小字号", "Smaller text"), "Ctrl -")) app.setTextSize(app.textSize - 2);
        if (ImGui::MenuItem(tr(state.lang, "默认字号", "Default text size"), "Ctrl 0"))
            app.setTextSize(kDefaultTextSize);
        ImGui::Separator();
        ImGui::MenuItem(tr(state.lang, "规划情景面板", "Scenario panel"), nullptr, &app.showScenarioPanel);
        ImGui::MenuItem(tr(state.lang, "详情面板", "Details panel"), nullptr, &app.showDetailsPanel);
        ImGui::Separator();
        if (ImGui::MenuItem(tr(state.lang, "十个一 清单", "十个一 checklist"), nullptr, app.showChecklist,
                            state.hasAnalysis()))
            app.showChecklist = !app.showChecklist;
        if (ImGui::MenuItem(tr(state.lang, "区域对比", "Compare regions"), nullptr, app.showCompare,
                            state.hasAnalysis()))
            app.showCompare = !app.showCompare;
        ImGui::EndMenu();
    }
    if (ImGui::MenuItem("中文", nullptr, state.lang == Lang::Zh)) setLang(state, Lang::Zh);
    if (ImGui::MenuItem("English", nullptr, state.lang == Lang::En)) setLang(state, Lang::En);
    ImGui::EndMainMenuBar();
}

}  // namespace viewer
