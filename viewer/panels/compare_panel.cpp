// Several regions side by side against the scenario's hubs and weights: per segment the status and advice
// in each region, per region the advice counts and top three targets. The comparison is the core's
// (chainatlas compare); it is recomputed only when the regions or the scenario change.
#include <algorithm>

#include <imgui.h>

#include "../app.hpp"
#include "../i18n.hpp"
#include "chainatlas/vocabulary.hpp"

namespace viewer {

using namespace chainatlas;

namespace {

std::string regionName(const Chain& chain, int r, Lang lang) {
    return chain.regions[r].name.pick(lang, chain.regions[r].id);
}

void regionPicker(App& app) {
    const Chain& chain = *app.state.chain;
    float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    for (int r = 0; r < static_cast<int>(chain.regions.size()); ++r) {
        bool on = std::find(app.compareRegions.begin(), app.compareRegions.end(), r) != app.compareRegions.end();
        std::string label = regionName(chain, r, app.state.lang);
        float width = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                      ImGui::CalcTextSize(label.c_str()).x;
        if (r > 0 && ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width < right)
            ImGui::SameLine();  // wrap
        if (ImGui::Checkbox(label.c_str(), &on)) {
            if (on) app.compareRegions.push_back(r);
            else
                app.compareRegions.erase(std::remove(app.compareRegions.begin(), app.compareRegions.end(), r),
                                         app.compareRegions.end());
            app.compareGeneration = -1;
        }
    }
}

void segmentTable(const App& app) {
    const Chain& chain = *app.state.chain;
    const Comparison& c = app.comparison;
    Lang lang = app.state.lang;
    int columns = 1 + static_cast<int>(c.regions.size());
    if (!ImGui::BeginTable("##compare", columns,
                           ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV,
                           {0, ImGui::GetContentRegionAvail().y * 0.62f}))
        return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(tr(lang, "环节", "Segment"));
    for (const RegionComparison& rc : c.regions) ImGui::TableSetupColumn(regionName(chain, rc.region, lang).c_str());
    ImGui::TableHeadersRow();
    for (std::size_t s = 0; s < chain.segments.size(); ++s) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(chain.segments[s].name.pick(lang, chain.segments[s].id).c_str());
        for (const RegionComparison& rc : c.regions) {
            ImGui::TableNextColumn();
            ImGui::ColorButton("##c", ImColor(themeColor(app.theme.adviceColor(rc.advice[s]))),  // the map's colours
                               ImGuiColorEditFlags_NoTooltip, {10, 10});
            ImGui::SameLine();
            ImGui::Text("%s · %s", statusWord(rc.status[s], lang), adviceWord(rc.advice[s], lang));
        }
    }
    ImGui::EndTable();
}

void summary(const App& app) {
    const Chain& chain = *app.state.chain;
    Lang lang = app.state.lang;
    for (const RegionComparison& rc : app.comparison.regions) {
        ImGui::Separator();
        ImGui::TextUnformatted(regionName(chain, rc.region, lang).c_str());
        for (int a = 0; a < kAdviceCount; ++a) {
            if (rc.adviceCounts[a] == 0 || a == static_cast<int>(Advice::None)) continue;
            ImGui::SameLine();
            ImGui::TextDisabled("%s %d", adviceWord(static_cast<Advice>(a), lang), rc.adviceCounts[a]);
        }
        for (const Target& t : rc.top)
            ImGui::BulletText("%d. %s  %.2f", t.rank,
                              chain.firms[t.firm].name.pick(lang, chain.firms[t.firm].id).c_str(), t.score);
    }
}

}  // namespace

void drawComparePanel(App& app) {
    ViewerState& state = app.state;
    if (!app.showCompare || !state.hasAnalysis()) return;
    ImGui::SetNextWindowPos({300, 60}, ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize({900, 560}, ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(tr(state.lang, "区域对比###compare", "Compare regions###compare"), &app.showCompare)) {
        ImGui::End();
        return;
    }
    if (app.compareRegions.empty()) app.compareRegions = {state.scenario.region};
    regionPicker(app);
    if (app.compareGeneration != state.layoutGeneration) {  // a new scenario: hubs or weights may have changed
        app.comparison = compareRegions(*state.chain, app.compareRegions, state.scenario.hubs, state.scenario.weights);
        app.compareGeneration = state.layoutGeneration;
    }
    segmentTable(app);
    summary(app);
    ImGui::End();
}

}  // namespace viewer
