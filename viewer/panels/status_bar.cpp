// Status bar: file, counts, analysis and layout progress, frame time, the last message.
#include <numeric>

#include "../i18n.hpp"
#include "app.hpp"
#include "state/explain.hpp"

namespace viewer {

void drawStatusBar(App& app, ImVec2 pos, ImVec2 size) {
    ViewerState& state = app.state;
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin("##status", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    if (state.chain) {
        ImGui::Text("%s · %zu %s · %zu %s · %zu %s", state.path.c_str(), state.chain->segments.size(),
                    tr(state.lang, "环节", "segments"), state.chain->firms.size(), tr(state.lang, "企业", "firms"),
                    state.drawnSites, tr(state.lang, "站点", "sites"));
    } else {
        ImGui::TextUnformatted(tr(state.lang, "未打开文件", "no file"));
    }
    ImGui::SameLine();
    static const char* spinner[] = {"|", "/", "-", "\\"};
    const char* turn = spinner[static_cast<int>(ImGui::GetTime() * 8) % 4];
    if (app.opening()) {  // the previous file (if any) stays on screen until the new one is ready
        ImGui::TextColored({1.0f, 0.44f, 0.0f, 1.0f}, " %s %s %s", turn, tr(state.lang, "正在打开", "opening"),
                           app.openingPath.c_str());
        ImGui::SameLine();
    }
    if (app.analysing()) {  // the panels still show the previous analysis until the new one arrives
        ImGui::TextColored({1.0f, 0.44f, 0.0f, 1.0f}, " %s %s", turn, tr(state.lang, "分析中…", "analysing…"));
    } else if (app.worker.busy()) {
        ImGui::TextColored({1.0f, 0.44f, 0.0f, 1.0f}, " %s %s", turn, tr(state.lang, "布局中…", "laying out…"));
    } else if (app.geometry) {
        ImGui::TextDisabled(" · %s %.0f ms", tr(state.lang, "布局", "layout"), app.lastLayoutSeconds * 1000);
    }
    if (!app.layoutError.empty()) {
        ImGui::SameLine();
        ImGui::TextColored({0.78f, 0.16f, 0.16f, 1}, "%s", app.layoutError.c_str());
    }
    if (!app.message.empty()) {
        ImGui::SameLine();
        ImGui::TextUnformatted(" · ");
        ImGui::SameLine(0, 0);
        drawMessage(app, false);
    }
    float mean = app.frameMs.empty()
                     ? 0
                     : std::accumulate(app.frameMs.begin(), app.frameMs.end(), 0.0f) / app.frameMs.size();
    char frame[48];
    std::snprintf(frame, sizeof frame, "%.1f ms/%s", mean, tr(state.lang, "帧", "frame"));
    ImGui::SameLine(size.x - ImGui::CalcTextSize(frame).x - 16);
    ImGui::TextDisabled("%s", frame);
    ImGui::End();
}

void drawMessage(const App& app, bool wrapped) {
    if (app.message.empty()) return;
    if (app.messageIsError) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.78f, 0.16f, 0.16f, 1));
    if (wrapped) ImGui::TextWrapped("%s", app.message.c_str());
    else ImGui::TextUnformatted(app.message.c_str());
    // In a dialog the reason is shown too (a failed save or export), in the interface language.
    if (wrapped && app.messageIsError && !app.messageDetail.empty())
        ImGui::TextWrapped("%s", explainProblem(app.messageDetail, app.state.lang).c_str());
    if (app.messageIsError) ImGui::PopStyleColor();
    if (!app.messageDetail.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.messageDetail.c_str());
}

void drawFoldedPanel(App& app, bool& shown, ImVec2 pos, ImVec2 size, const char* arrow) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin((std::string("##folded") + arrow).c_str(), nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    if (ImGui::Button(arrow, {-1, ImGui::GetFrameHeight() * 2})) shown = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(app.state.lang, "展开面板", "Show the panel"));
    ImGui::End();
}

void drawFoldButton(App& app, bool& shown, const char* arrow) {
    // At the right end of the first line; the text after it wraps before the button.
    float width = ImGui::CalcTextSize(arrow).x + ImGui::GetStyle().FramePadding.x * 2;
    ImVec2 start = ImGui::GetCursorPos();
    ImGui::SetCursorPos({ImGui::GetWindowContentRegionMax().x - width, start.y});
    if (ImGui::SmallButton(arrow)) shown = false;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(app.state.lang, "收起面板", "Fold the panel"));
    ImGui::SetCursorPos(start);
    ImGui::PushTextWrapPos(ImGui::GetWindowContentRegionMax().x - width - ImGui::GetStyle().ItemSpacing.x);
}

}  // namespace viewer
