// Several regions side by side against the scenario's hubs and weights: per segment the status and advice
// in each region; per region the hubs used, advice counts, local firms, sites and 本地配套率, its what-ifs and
// top three targets (contested ones marked); and the targets several regions contest. The comparison is the core's
// (chainatlas compare); it is recomputed only when the regions or the scenario change.
#include <algorithm>

#include <imgui.h>

#include "../i18n.hpp"
#include "app.hpp"
#include "chainatlas/analysis/vocabulary.hpp"

namespace viewer {

using namespace chainatlas;

namespace {

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

// The contest of `firm`, or null: a firm two of the compared regions have in their top ten.
const Contest* contestOf(const Comparison& c, int firm) {
    for (const Contest& contest : c.contested)
        if (contest.firm == firm) return &contest;
    return nullptr;
}

// "竞争: <region> #4" beside a target two regions want: the other regions and their ranks.
void contestedMark(const Chain& chain, const Comparison& c, int region, int firm, Lang lang) {
    const Contest* contest = contestOf(c, firm);
    if (!contest) return;
    std::string others;
    for (const auto& [other, rank] : contest->ranks)
        if (other != region) others += " " + regionName(chain, other, lang) + " #" + std::to_string(rank);
    ImGui::SameLine();
    ImGui::TextColored({0.78f, 0.16f, 0.16f, 1}, "%s:%s", tr(lang, "竞争", "contested"), others.c_str());
}

// A region's line: the hubs compared against, its local firms and sites, its 本地配套率 and its what-ifs.
void regionFacts(const Chain& chain, const RegionComparison& rc, Lang lang) {
    std::string hubs;
    for (int h : rc.hubs) hubs += (hubs.empty() ? "" : ", ") + regionName(chain, h, lang);
    ImGui::TextDisabled("%s: %s", tr(lang, "枢纽", "hubs"), hubs.empty() ? tr(lang, "无", "none") : hubs.c_str());
    ImGui::TextDisabled("%s %d · %s %d · %s %zu/%zu = %.0f%%", tr(lang, "本地企业", "local firms"), rc.localFirms,
                        tr(lang, "站点", "sites"), rc.localSites, tr(lang, "本地配套率", "local supply share"),
                        rc.localSuppliers, rc.suppliers, rc.localShare() * 100);
    for (const Assumption& a : rc.assumed)
        ImGui::TextDisabled("%s: %s", tr(lang, "假设引进", "assumed"),
                            chain.firms[a.firm].name.pick(lang, chain.firms[a.firm].id).c_str());
}

void summary(const App& app) {
    const Chain& chain = *app.state.chain;
    const Comparison& c = app.comparison;
    Lang lang = app.state.lang;
    for (const RegionComparison& rc : c.regions) {
        ImGui::Separator();
        ImGui::TextUnformatted(regionName(chain, rc.region, lang).c_str());
        for (int a = 0; a < kAdviceCount; ++a) {
            if (rc.adviceCounts[a] == 0 || a == static_cast<int>(Advice::None)) continue;
            ImGui::SameLine();
            ImGui::TextDisabled("%s %d", adviceWord(static_cast<Advice>(a), lang), rc.adviceCounts[a]);
        }
        regionFacts(chain, rc, lang);
        for (const Target& t : rc.top) {
            ImGui::BulletText("#%s  %s  %.2f", rankWithRange(t).c_str(),
                              chain.firms[t.firm].name.pick(lang, chain.firms[t.firm].id).c_str(), t.score);
            contestedMark(chain, c, rc.region, t.firm, lang);
        }
    }
    for (const std::string& warning : c.warnings) ImGui::TextColored({0.78f, 0.16f, 0.16f, 1}, "%s", warning.c_str());
}

// The targets two or more regions want (top ten of each), with every region's rank: neighbours competing.
void contestedList(const App& app) {
    const Chain& chain = *app.state.chain;
    const Comparison& c = app.comparison;
    Lang lang = app.state.lang;
    if (c.contested.empty()) return;
    ImGui::Separator();
    ImGui::TextUnformatted(tr(lang, "竞争目标 (多个区域前十)", "Contested targets (top ten of several regions)"));
    for (const Contest& contest : c.contested) {
        std::string ranks;
        for (const auto& [region, rank] : contest.ranks)
            ranks += "  " + regionName(chain, region, lang) + " #" + std::to_string(rank);
        ImGui::BulletText("%s%s", chain.firms[contest.firm].name.pick(lang, chain.firms[contest.firm].id).c_str(),
                          ranks.c_str());
    }
}

}  // namespace

void drawComparePanel(App& app) {
    ViewerState& state = app.state;
    if (!app.showCompare || !state.hasAnalysis()) return;
    placeOnScreen({900, 560});  // at 800x600 it fits the screen and scrolls inside
    if (!ImGui::Begin(tr(state.lang, "区域对比###compare", "Compare regions###compare"), &app.showCompare)) {
        ImGui::End();
        return;
    }
    if (app.compareRegions.empty()) app.compareRegions = {state.scenario.region};
    regionPicker(app);
    // A new analysis: hubs, weights or what-ifs may have changed (weights alone leave the layout as it was).
    if (app.compareGeneration != state.analysisVersion()) {
        app.comparison = compareScenario(state, app.compareRegions);  // what-ifs apply to the region they name
        app.compareGeneration = state.analysisVersion();
    }
    segmentTable(app);
    ImGui::BeginChild("##summary");  // the summary scrolls below the segment table
    summary(app);
    contestedList(app);
    ImGui::EndChild();
    ImGui::End();
}

}  // namespace viewer
