// Search (Ctrl+F) over firms and segments by Chinese name, English name or id, ignoring spaces, punctuation
// and brackets. Keyboard: arrows move through the results, Enter locates one on the map, Esc closes.
// The window sits over the details panel, so the map stays in view while results are located.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "../i18n.hpp"
#include "app.hpp"

namespace viewer {

namespace {

std::string resultText(const ViewerState& state, const Selection& hit) {
    const auto& chain = *state.chain;
    bool isFirm = hit.kind == SelectionKind::Firm;
    const std::string& id = isFirm ? chain.firms[hit.index].id : chain.segments[hit.index].id;
    const auto& name = isFirm ? chain.firms[hit.index].name : chain.segments[hit.index].name;
    return std::string(isFirm ? tr(state.lang, "[企业] ", "[firm] ") : tr(state.lang, "[环节] ", "[segment] ")) +
           name.pick(state.lang, id) + "  (" + id + ")";
}

// Arrows while the query field has the keyboard; true when the cursor moved.
bool moveCursor(App& app, int count) {
    int before = app.searchCursor;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) ++app.searchCursor;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) --app.searchCursor;
    app.searchCursor = std::clamp(app.searchCursor, 0, std::max(0, count - 1));
    return app.searchCursor != before;
}

}  // namespace

void drawSearchPanel(App& app) {
    ViewerState& state = app.state;
    if (!app.showSearch) return;
    ImVec2 display = ImGui::GetIO().DisplaySize;
    // Over the details panel when it is open (as wide as it), else at the right edge.
    float width = std::min(display.x * 0.9f, std::max(ImGui::GetFontSize() * 16, display.x - app.detailsLeft));
    ImGui::SetNextWindowSize({width, std::min(display.y * 0.6f, ImGui::GetFontSize() * 26)}, ImGuiCond_Appearing);
    ImGui::SetNextWindowPos({display.x - width, ImGui::GetFrameHeight()}, ImGuiCond_Appearing);
    if (!ImGui::Begin(tr(state.lang, "搜索###search", "Search###search"), &app.showSearch)) {
        ImGui::End();
        return;
    }
    if (app.focusSearch) {
        ImGui::SetKeyboardFocusHere();
        app.focusSearch = false;
    }
    static std::string lastQuery;
    static int lastVersion = -1;
    static std::vector<Selection> hits;  // searched again only when the query or the chain changes
    ImGui::SetNextItemWidth(-1);
    bool enter = ImGui::InputTextWithHint("##query",
                                          tr(state.lang, "企业或环节: 中文、英文或 id",
                                             "firm or segment: Chinese, English or id"),
                                          &app.searchQuery, ImGuiInputTextFlags_EnterReturnsTrue);
    bool typing = ImGui::IsItemActive();
    if (app.searchQuery != lastQuery || lastVersion != state.layoutGeneration()) {
        hits = search(state, app.searchQuery);
        lastQuery = app.searchQuery;
        lastVersion = state.layoutGeneration();
        app.searchCursor = 0;
    }
    bool moved = typing && moveCursor(app, static_cast<int>(hits.size()));
    Selection chosen = enter && !hits.empty() ? hits[app.searchCursor] : Selection{};
    if (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        app.showSearch = false;
    ImGui::BeginChild("##results");
    for (int i = 0; i < static_cast<int>(hits.size()); ++i) {
        ImGui::PushID(i);
        bool current = i == app.searchCursor;
        if (ImGui::Selectable(resultText(state, hits[i]).c_str(), current || state.selection == hits[i])) {
            app.searchCursor = i;
            chosen = hits[i];
        }
        if (current && moved) ImGui::SetScrollHereY();
        ImGui::PopID();
    }
    if (!app.searchQuery.empty() && hits.empty()) ImGui::TextDisabled("%s", tr(state.lang, "未找到", "nothing found"));
    ImGui::EndChild();
    ImGui::End();
    if (chosen.kind != SelectionKind::None) app.locate(chosen);
}

}  // namespace viewer
