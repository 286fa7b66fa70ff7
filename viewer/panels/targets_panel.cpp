// Target list: sortable, each term's weighted contribution as a stacked bar, rank changes after a what-if
// or weight change, "assume attracted" per target, a note per target; click a row to select on the map.
#include <algorithm>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "../app.hpp"
#include "../i18n.hpp"
#include "chainatlas/report.hpp"

namespace viewer {

using namespace chainatlas;

namespace {

const ImU32 kTermColors[kTermCount] = {IM_COL32(198, 40, 40, 255), IM_COL32(0, 137, 123, 255), IM_COL32(106, 27, 154, 255),
                                       IM_COL32(255, 111, 0, 255), IM_COL32(21, 101, 192, 255), IM_COL32(85, 139, 47, 255),
                                       IM_COL32(0, 172, 193, 255)};

// Profile and innovation with basis none are neutral in the score but are no data (无数据), not a value.
bool noData(const Target& t, int term) {
    return (term == TermProfile && t.profileBasis == Basis::None) || (term == TermInnovation && t.innovationBasis == Basis::None);
}

// Grey with diagonal lines: a part of the bar that stands for missing data.
void hatched(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 fill) {
    draw->AddRectFilled(a, b, fill);
    draw->PushClipRect(a, b, true);
    for (float x = a.x - (b.y - a.y); x < b.x; x += 4) draw->AddLine({x, b.y}, {x + (b.y - a.y), a.y}, IM_COL32(255, 255, 255, 200), 1.2f);
    draw->PopClipRect();
}

void stackedBar(const App& app, const Target& t, double maxScore, float width) {
    Lang lang = app.state.lang;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 p = ImGui::GetCursorScreenPos();
    float height = ImGui::GetTextLineHeight();
    float x = p.x;
    for (int k = 0; k < kTermCount; ++k) {
        float w = maxScore > 0 ? static_cast<float>(t.weighted[k] / maxScore) * width : 0;
        if (w > 0.5f && noData(t, k)) hatched(draw, {x, p.y + 2}, {x + w, p.y + height - 2}, themeColor(app.theme.noData));
        else if (w > 0.5f) draw->AddRectFilled({x, p.y + 2}, {x + w, p.y + height - 2}, kTermColors[k]);
        x += w;
    }
    ImGui::Dummy({width, height});
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        for (int k = 0; k < kTermCount; ++k) {
            ImGui::ColorButton("##c", ImColor(noData(t, k) ? themeColor(app.theme.noData) : kTermColors[k]), ImGuiColorEditFlags_NoTooltip, {10, 10});
            ImGui::SameLine();
            if (noData(t, k)) ImGui::Text("%s – %s", termName(lang, k), tr(lang, "无数据 (按中性值计)", "no data (counted as neutral)"));
            else ImGui::Text("%s %.2f × %.2f = %.2f", termName(lang, k), t.value[k], t.weighted[k] / std::max(1e-12, t.value[k]), t.weighted[k]);
        }
        ImGui::EndTooltip();
    }
}

}  // namespace

void drawTargetsPanel(App& app, ImVec2 pos, ImVec2 size) {
    ViewerState& state = app.state;
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin(tr(state.lang, "招商目标###targets", "Investment targets###targets"), nullptr,
                 ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse);
    if (!state.hasAnalysis()) {
        ImGui::End();
        return;
    }
    const Chain& chain = *state.drawn;
    const std::vector<Target>& targets = state.analysis.targets;
    ImGui::Text("%zu %s", targets.size(), tr(state.lang, "个候选企业 · 点击一行在图上定位", "candidates · click a row to find it on the map"));
    ImGui::SameLine();
    for (int k = 0; k < kTermCount; ++k) {
        ImGui::SameLine();
        ImGui::ColorButton("##legend", ImColor(kTermColors[k]), ImGuiColorEditFlags_NoTooltip, {10, 10});
        ImGui::SameLine();
        ImGui::TextUnformatted(termName(state.lang, k));
    }
    ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("##targets", 7, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_DefaultSort, 36);
        ImGui::TableSetupColumn(tr(state.lang, "变化", "Δ"), ImGuiTableColumnFlags_NoSort, 34);
        ImGui::TableSetupColumn(tr(state.lang, "企业", "Firm"), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn(tr(state.lang, "得分", "Score"), 0, 50);
        ImGui::TableSetupColumn(tr(state.lang, "各项贡献", "Contributions"), ImGuiTableColumnFlags_NoSort, 170);
        ImGui::TableSetupColumn(tr(state.lang, "假设引进", "Assume"), ImGuiTableColumnFlags_NoSort, 60);
        ImGui::TableSetupColumn(tr(state.lang, "备注", "Note"), ImGuiTableColumnFlags_NoSort, 140);
        ImGui::TableHeadersRow();

        // Row order: by rank (the core's order) unless the user sorts by firm name or score.
        static std::vector<int> order;
        order.resize(targets.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
        if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsCount > 0) {
            const ImGuiTableColumnSortSpecs& spec = specs->Specs[0];
            bool descending = spec.SortDirection == ImGuiSortDirection_Descending;
            if (spec.ColumnIndex == 2)
                std::stable_sort(order.begin(), order.end(), [&](int x, int y) {
                    const std::string& a = chain.firms[targets[x].firm].name.pick(state.lang, chain.firms[targets[x].firm].id);
                    const std::string& b = chain.firms[targets[y].firm].name.pick(state.lang, chain.firms[targets[y].firm].id);
                    return descending ? b < a : a < b;
                });
            else if (descending)
                std::reverse(order.begin(), order.end());  // rank and score share the core's order
        }
        double maxScore = 0;
        for (const Target& t : targets) maxScore = std::max(maxScore, t.score);
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(order.size()));
        int assumeFirm = -1, unassumeFirm = -1;
        while (clipper.Step()) {
            for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
                const Target& t = targets[order[row]];
                const Firm& firm = chain.firms[t.firm];
                ImGui::PushID(t.firm);
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                bool selected = state.selection == Selection{SelectionKind::Firm, t.firm};
                char rankText[16];
                std::snprintf(rankText, sizeof rankText, "%d", t.rank);
                if (ImGui::Selectable(rankText, selected, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
                    app.centreOn({SelectionKind::Firm, t.firm});
                ImGui::TableNextColumn();
                // Under a what-if: against the analysis without the assumptions (Target::baseRank, §3.8);
                // otherwise against the ranking before the last change (weights).
                bool whatIf = !state.scenario.assumptions.empty();
                auto previous = state.previousRank.find(t.firm);
                int before = whatIf ? t.baseRank : (previous == state.previousRank.end() ? 0 : previous->second);
                if (!whatIf && state.previousRank.empty()) ImGui::TextUnformatted("");  // first analysis: nothing to compare
                else if (before == 0) ImGui::TextDisabled("%s", tr(state.lang, "新", "new"));
                else if (before > t.rank) ImGui::TextColored({0.18f, 0.49f, 0.2f, 1}, "▲%d", before - t.rank);
                else if (before < t.rank) ImGui::TextColored({0.78f, 0.16f, 0.16f, 1}, "▼%d", t.rank - before);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(firm.name.pick(state.lang, firm.id).c_str());
                if (ImGui::IsItemHovered())
                    ImGui::SetTooltip("%s\n%s", firm.id.c_str(), fitSegmentList(chain, t, state.lang, false).c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%.2f", t.score);
                ImGui::TableNextColumn();
                stackedBar(app, t, maxScore, ImGui::GetContentRegionAvail().x);
                ImGui::TableNextColumn();
                bool assumed = isAssumed(state, t.firm);
                if (ImGui::Checkbox("##assume", &assumed)) (assumed ? assumeFirm : unassumeFirm) = t.firm;
                ImGui::TableNextColumn();
                ImGui::SetNextItemWidth(-1);
                ImGui::InputText("##note", &state.notes[firm.id]);
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
        // What-if from the list: open a site in the focal region with the segments it would fill.
        if (assumeFirm >= 0) {
            Assumption assumption{assumeFirm, state.scenario.region, {}};
            for (const Target& t : targets)
                if (t.firm == assumeFirm)
                    for (const FitSegment& fs : t.segments) assumption.segments.push_back(fs.segment);
            assume(state, assumption);
        }
        if (unassumeFirm >= 0) unassume(state, unassumeFirm);
    }
    ImGui::End();
}

}  // namespace viewer
