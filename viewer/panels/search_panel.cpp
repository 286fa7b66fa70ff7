// Search (Ctrl+F) over firms and segments by Chinese name, English name or id; a click jumps to the result.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "../app.hpp"
#include "../i18n.hpp"

namespace viewer {

void drawSearchPanel(App& app) {
    ViewerState& state = app.state;
    if (!app.showSearch) return;
    ImGui::SetNextWindowSize({360, 420}, ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos({ImGui::GetIO().DisplaySize.x * 0.5f - 180, 80}, ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(tr(state.lang, "搜索###search", "Search###search"), &app.showSearch)) {
        ImGui::End();
        return;
    }
    if (app.focusSearch) {
        ImGui::SetKeyboardFocusHere();
        app.focusSearch = false;
    }
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##query", tr(state.lang, "企业或环节: 中文、英文或 id", "firm or segment: Chinese, English or id"), &app.searchQuery);
    for (const Selection& hit : search(state, app.searchQuery)) {
        const auto& chain = *state.chain;
        bool isFirm = hit.kind == SelectionKind::Firm;
        const std::string& id = isFirm ? chain.firms[hit.index].id : chain.segments[hit.index].id;
        const auto& name = isFirm ? chain.firms[hit.index].name : chain.segments[hit.index].name;
        std::string text = std::string(isFirm ? tr(state.lang, "[企业] ", "[firm] ") : tr(state.lang, "[环节] ", "[segment] ")) +
                           name.pick(state.lang, id) + "  (" + id + ")";
        if (ImGui::Selectable(text.c_str(), state.selection == hit)) app.centreOn(hit);
    }
    if (!app.searchQuery.empty() && search(state, app.searchQuery, 1).empty()) ImGui::TextDisabled("%s", tr(state.lang, "未找到", "nothing found"));
    ImGui::End();
}

}  // namespace viewer
