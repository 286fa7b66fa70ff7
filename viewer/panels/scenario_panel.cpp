// The planning scenario: focal region, hubs, map level, weights (sliders) and what-if assumptions with
// the statuses they changed; undo and redo.
#include "../i18n.hpp"
#include "app.hpp"
#include "chainatlas/analysis/vocabulary.hpp"

namespace viewer {

using namespace chainatlas;

namespace {

void regionPickers(App& app) {
    ViewerState& state = app.state;
    const Chain& chain = *state.chain;
    const Region& current = chain.regions[state.scenario.region];
    ImGui::TextUnformatted(tr(state.lang, "本地区域", "Focal region"));
    ImGui::SetNextItemWidth(-1);
    bool open = ImGui::BeginCombo("##region", current.name.pick(state.lang, current.id).c_str(),
                                  ImGuiComboFlags_HeightLarge);
    app.probe("region-combo");
    if (open) {
        // Fifty regions: sorted by pinyin, and a filter box that has the keyboard when the list opens.
        if (ImGui::IsWindowAppearing()) {
            app.regionFilter.clear();
            ImGui::SetKeyboardFocusHere();
        }
        ImGui::SetNextItemWidth(-1);
        inputTextExact(app, "##regionfilter", app.regionFilter,
                       tr(state.lang, "筛选: 名称或 id", "filter: name or id"));
        for (int r : regionsInOrder(chain, state.lang, app.regionFilter)) {
            bool chosen = r == state.scenario.region;
            if (ImGui::Selectable(chain.regions[r].name.pick(state.lang, chain.regions[r].id).c_str(), chosen))
                setRegion(state, r);
            app.probe("region-" + chain.regions[r].id);
        }
        ImGui::EndCombo();
    }
    ImGui::TextUnformatted(tr(state.lang, "枢纽 (错位发展的参照)", "Hubs (complement, do not compete)"));
    float height = std::min(150.0f, ImGui::GetFrameHeightWithSpacing() * static_cast<float>(chain.regions.size()) + 8);
    ImGui::BeginChild("##hubs", {0, height}, true);
    for (std::size_t r = 0; r < chain.regions.size(); ++r) {
        if (static_cast<int>(r) == state.scenario.region) continue;
        bool isHub = std::find(state.scenario.hubs.begin(), state.scenario.hubs.end(), static_cast<int>(r)) !=
                     state.scenario.hubs.end();
        const std::string& name = chain.regions[r].name.pick(state.lang, chain.regions[r].id);
        if (ImGui::Checkbox(name.c_str(), &isHub)) setHub(state, static_cast<int>(r), isHub);
        if (ImGui::IsItemHovered() &&
            ImGui::GetItemRectMax().x > ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
            ImGui::SetTooltip("%s", name.c_str());  // cut by the panel: the whole name
        if (isHub && app.scrollToHub) {             // the first ticked hub in view when a chain or session opens
            ImGui::SetScrollHereY(0.3f);
            app.scrollToHub = false;
        }
    }
    ImGui::EndChild();
    app.scrollToHub = false;  // no hub ticked: nothing to scroll to
}

void weightSliders(App& app) {
    ViewerState& state = app.state;
    Weights w = state.scenario.weights;
    bool changed = false, released = false;
    for (int t = 0; t < kTermCount; ++t) {
        float value = static_cast<float>(termWeight(w, t));
        ImGui::SetNextItemWidth(-90);
        if (ImGui::SliderFloat(termName(state.lang, t), &value, 0.0f, 5.0f, "%.1f")) {
            termWeight(w, t) = sliderValue(value, 1);  // what "%.1f" shows is what is saved
            changed = true;
        }
        released = released || ImGui::IsItemDeactivatedAfterEdit();
    }
    float discount = static_cast<float>(w.occupiedDiscount);
    ImGui::SetNextItemWidth(-90);
    if (ImGui::SliderFloat(tr(state.lang, "占位折扣", "occupied discount"), &discount, 0.0f, 1.0f, "%.2f")) {
        w.occupiedDiscount = sliderValue(discount, 2);
        changed = true;
    }
    released = released || ImGui::IsItemDeactivatedAfterEdit();
    if (changed) {
        // The first change of a drag records one undo step; the ranking follows every frame.
        setWeights(state, w, !app.weightsDragging);
        app.weightsDragging = !released;
    }
    if (ImGui::Button(tr(state.lang, "恢复默认权重", "Reset weights"))) {
        setWeights(state, Weights{}, true);
    }
}

void whatIf(App& app) {
    ViewerState& state = app.state;
    const Chain& chain = *state.chain;
    if (state.scenario.assumptions.empty())
        ImGui::TextDisabled("%s", tr(state.lang, "在目标清单中勾选 “假设引进”", "Tick \"assume\" in the target list"));
    int removeFirm = -1, removeRegion = -1;
    for (const Assumption& as : state.scenario.assumptions) {
        ImGui::PushID(as.firm * 4096 + as.region);
        if (ImGui::SmallButton("×")) {
            removeFirm = as.firm;
            removeRegion = as.region;
        }
        ImGui::SameLine();
        bool here = as.region == state.scenario.region;  // another region's what-if waits for its region
        std::string text = chain.firms[as.firm].name.pick(state.lang, chain.firms[as.firm].id) + " @ " +
                           chain.regions[as.region].name.pick(state.lang, chain.regions[as.region].id);
        if (here) ImGui::TextUnformatted(text.c_str());
        else ImGui::TextDisabled("%s %s", text.c_str(), tr(state.lang, "(该区域的假设)", "(that region's what-if)"));
        ImGui::PopID();
    }
    if (removeFirm >= 0) unassume(state, removeFirm, removeRegion);
    if (!state.analysis().changed.empty()) {
        ImGui::TextUnformatted(tr(state.lang, "状态变化:", "Status changes:"));
        for (const StatusChange& c : state.analysis().changed) {
            ImGui::Bullet();
            ImGui::TextWrapped("%s",
                               describeChange(chain, c, state.lang).c_str());  // with its cause (docs/method.md §11)
        }
    }
}

}  // namespace

void drawScenarioPanel(App& app, ImVec2 pos, ImVec2 size) {
    ViewerState& state = app.state;
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin(tr(state.lang, "规划情景###scenario", "Scenario###scenario"), nullptr,
                 ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse);
    drawFoldButton(app, app.showScenarioPanel, "«");
    ImGui::TextUnformatted(state.chain ? state.chain->name.pick(state.lang, state.chain->id).c_str()
                                       : tr(state.lang, "尚未打开产业链。", "No chain open."));
    ImGui::PopTextWrapPos();
    if (!state.chain) {
        ImGui::End();
        return;
    }
    ImGui::Separator();
    if (!state.hasAnalysis()) {
        ImGui::TextWrapped("%s", tr(state.lang, "该文件没有区域。", "This file has no regions."));
        ImGui::End();
        return;
    }
    regionPickers(app);
    ImGui::Separator();
    ImGui::TextUnformatted(tr(state.lang, "图层", "Level"));
    if (ImGui::RadioButton(tr(state.lang, "环节", "Segments"), state.level == MapLevel::Segment))
        setLevel(state, MapLevel::Segment);
    ImGui::SameLine();
    if (ImGui::RadioButton(tr(state.lang, "企业", "Firms"), state.level == MapLevel::Firm))
        setLevel(state, MapLevel::Firm);
    if (state.level == MapLevel::Firm) {
        ImGui::SameLine();
        if (ImGui::SmallButton(tr(state.lang, "全部展开", "Expand all"))) {
            state.expanded.assign(state.chain->segments.size(), 1);
            state.relayout();
        }
    }
    // The four chains' resources (docs/architecture.md): off and greyed when the file has none.
    bool shown = state.showResources;
    ImGui::BeginDisabled(state.chain->resources.empty());
    if (ImGui::Checkbox(tr(state.lang, "资源", "Resources"), &shown)) setShowResources(state, shown);
    app.probe("resources");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", tr(state.lang, "高校、院所、实验室、基金、人才计划、平台与服务 (四链融合)",
                                   "universities, institutes, labs, funds, talent programmes, platforms and services"));
    ImGui::EndDisabled();
    if (ImGui::CollapsingHeader(tr(state.lang, "权重", "Weights"), ImGuiTreeNodeFlags_DefaultOpen)) weightSliders(app);
    if (ImGui::CollapsingHeader(tr(state.lang, "假设引进", "What-if"), ImGuiTreeNodeFlags_DefaultOpen)) whatIf(app);
    ImGui::Separator();
    ImGui::BeginDisabled(!canUndo(state));
    if (ImGui::Button(tr(state.lang, "撤销 Ctrl+Z", "Undo Ctrl+Z"))) undo(state);
    ImGui::EndDisabled();
    // Side by side when both fit the panel, else one under the other (English labels are longer).
    const char* redoLabel = tr(state.lang, "重做 Ctrl+Y", "Redo Ctrl+Y");
    float redoWidth = ImGui::CalcTextSize(redoLabel).x + ImGui::GetStyle().FramePadding.x * 2;
    if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + redoWidth <=
        ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
        ImGui::SameLine();
    ImGui::BeginDisabled(!canRedo(state));
    if (ImGui::Button(redoLabel)) redo(state);
    ImGui::EndDisabled();
    ImGui::End();
}

}  // namespace viewer
