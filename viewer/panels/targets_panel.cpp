// Target list: every column sortable (firm names by pinyin in Chinese), each term's weighted contribution
// as a stacked bar, rank changes caused by the what-ifs, "assume attracted" per target, a note per target;
// click a row to locate it on the map. Assumed firms stay listed where they were, ticked at once; a double-click
// ticks one firm, and a click never lands on a row that slid under the pointer (TickGuard). Narrow windows scroll
// sideways with rank, assume and firm frozen.
#include <algorithm>
#include <climits>
#include <cmath>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "../i18n.hpp"
#include "app.hpp"
#include "chainatlas/analysis/vocabulary.hpp"
#include "chainatlas/results/result_writers.hpp"
#include "state/target_table.hpp"

namespace viewer {

using namespace chainatlas;

namespace {

const ImU32 kTermColors[kTermCount] = {IM_COL32(198, 40, 40, 255),  IM_COL32(0, 137, 123, 255),
                                       IM_COL32(106, 27, 154, 255), IM_COL32(255, 111, 0, 255),
                                       IM_COL32(21, 101, 192, 255), IM_COL32(85, 139, 47, 255),
                                       IM_COL32(0, 172, 193, 255)};

// Profile and innovation with basis none are neutral in the score but are no data (无数据), not a value.
bool noData(const Target& t, int term) {
    return (term == TermProfile && t.profileBasis == Basis::None) ||
           (term == TermInnovation && t.innovationBasis == Basis::None);
}

// Grey with diagonal lines: a part of the bar that stands for missing data.
void hatched(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 fill) {
    draw->AddRectFilled(a, b, fill);
    draw->PushClipRect(a, b, true);
    for (float x = a.x - (b.y - a.y); x < b.x; x += 4)
        draw->AddLine({x, b.y}, {x + (b.y - a.y), a.y}, IM_COL32(255, 255, 255, 200), 1.2f);
    draw->PopClipRect();
}

// The order the table's header asks for (the rank, ascending, until a header is clicked).
TargetOrder requestedOrder(const ImGuiTableSortSpecs* specs) {
    if (!specs || specs->SpecsCount == 0) return {};
    return {specs->Specs[0].ColumnIndex, specs->Specs[0].SortDirection == ImGuiSortDirection_Descending};
}

// Each term as value × weight = weighted, the weighted value as the columns show it ("1.00*" imputed, "–" no data).
void termTooltip(const App& app, const Target& t) {
    Lang lang = app.state.lang;
    ImGui::BeginTooltip();
    bool imputed = false;
    for (int k = 0; k < kTermCount; ++k) {
        ImGui::ColorButton("##c", ImColor(noData(t, k) ? themeColor(app.theme.noData) : kTermColors[k]),
                           ImGuiColorEditFlags_NoTooltip, {10, 10});
        ImGui::SameLine();
        std::string weighted = weightedTermText(t, k, 2);
        if (weighted == kNoDataMark) ImGui::Text("%s %s %s", termName(lang, k), kNoDataMark, noDataWord(lang));
        else
            ImGui::Text("%s %.2f%s × %.2f = %s", termName(lang, k), t.value[k], termImputed(t, k) ? "*" : "",
                        termWeight(app.state.analysis().weights, k), weighted.c_str());
        imputed = imputed || termImputed(t, k);
    }
    if (imputed) ImGui::TextDisabled("%s", imputedFootnote(lang));
    ImGui::EndTooltip();
}

void stackedBar(const App& app, const Target& t, double maxScore, float width) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 p = ImGui::GetCursorScreenPos();
    float height = ImGui::GetTextLineHeight();
    float x = p.x;
    for (int k = 0; k < kTermCount; ++k) {
        float w = maxScore > 0 ? static_cast<float>(t.weighted[k] / maxScore) * width : 0;
        if (w > 0.5f && noData(t, k))
            hatched(draw, {x, p.y + 2}, {x + w, p.y + height - 2}, themeColor(app.theme.noData));
        else if (w > 0.5f) draw->AddRectFilled({x, p.y + 2}, {x + w, p.y + height - 2}, kTermColors[k]);
        x += w;
    }
    ImGui::Dummy({width, height});
    if (ImGui::IsItemHovered()) termTooltip(app, t);
}

void changeCell(const ViewerState& state, const TargetRow& row) {
    if (row.assumed && row.target < 0) ImGui::TextDisabled("%s", tr(state.lang, "假设", "what-if"));
    else if (state.baselineRank.empty()) ImGui::TextUnformatted("");  // no what-if: nothing changed
    else if (!state.baselineRank.count(row.firm)) ImGui::TextDisabled("%s", tr(state.lang, "新", "new"));
    else if (int up = rankChange(state, row); up > 0) ImGui::TextColored({0.18f, 0.49f, 0.2f, 1}, "▲%d", up);
    else if (up < 0) ImGui::TextColored({0.78f, 0.16f, 0.16f, 1}, "▼%d", -up);
}

// Esc in an ImGui text field reverts it to what it held before editing: for a note typed in a meeting that
// loses the note, so Esc only leaves the field and the text stays.
void keepNoteOnEscape(App& app, std::string& note) {
    if (ImGui::IsItemActive()) app.noteDraft = note;
    else if (ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        note = app.noteDraft;
}

// Tooltip with the whole text when the cell shows only part of it.
void tooltipIfCut(const std::string& text, float shownWidth) {
    if (ImGui::IsItemHovered() && ImGui::CalcTextSize(text.c_str()).x > shownWidth)
        ImGui::SetTooltip("%s", text.c_str());
}

// The rank (or the former rank of an assumed firm), as a selectable spanning the row: a click locates the
// firm on the map.
void rankCell(App& app, const TargetRow& row, const Target* t) {
    bool selected = app.state.selection == Selection{SelectionKind::Firm, row.firm};
    char rankText[24];
    if (t) std::snprintf(rankText, sizeof rankText, "%s", rankWithRange(*t).c_str());  // "4 (2–9)"
    else if (row.rankKey < INT_MAX)
        std::snprintf(rankText, sizeof rankText, "(%d)", static_cast<int>(std::lround(row.rankKey)));
    else std::snprintf(rankText, sizeof rankText, "—");  // assumed, and no target without the what-if either
    if (ImGui::Selectable(rankText, selected,
                          ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
        app.locate({SelectionKind::Firm, row.firm});
}

void firmCell(const App& app, const TargetRow& row, const Target* t) {
    const ViewerState& state = app.state;
    const Chain& chain = *state.drawn;
    const Firm& firm = chain.firms[row.firm];
    std::string name = firm.name.pick(state.lang, firm.id);
    if (row.assumed) ImGui::TextColored(ImColor(themeColor(app.theme.firmAssumed)), "%s", name.c_str());
    else ImGui::TextUnformatted(name.c_str());
    if (!ImGui::IsItemHovered()) return;
    if (!t) {
        ImGui::SetTooltip("%s\n%s\n%s", name.c_str(), firm.id.c_str(),
                          tr(state.lang, "已假设引进到本地", "assumed attracted here"));
        return;
    }
    double discount = state.analysis().weights.occupiedDiscount;
    std::string fills = fitSegmentList(chain, *t, state.lang, false, discount);
    if (std::string unscored = unscoredSegmentList(chain, *t, state.lang, false, discount); !unscored.empty())
        fills.append("\n").append(unscoredLabel(state.lang)).append(": ").append(unscored);
    ImGui::SetTooltip("%s\n%s\n%s", name.c_str(), firm.id.c_str(), fills.c_str());
}

void noteCell(App& app, const std::string& firmId, int index) {
    ImGui::SetNextItemWidth(-1);
    std::string& note = notesHere(app.state)[firmId];
    inputTextExact(app, "##note", note);
    app.probe("note-" + std::to_string(index));
    if (ImGui::IsItemActivated()) app.noteBeforeEdit = note;
    keepNoteOnEscape(app, note);
    if (ImGui::IsItemDeactivated() && note != app.noteBeforeEdit)  // Ctrl+Z after leaving the field brings it back
        rememberNoteEdit(app.state, firmId, app.noteBeforeEdit);
    tooltipIfCut(note, ImGui::GetItemRectSize().x - ImGui::GetStyle().FramePadding.x * 2);
}

// One row (the `index`th on screen); returns firm+1 to assume, -firm-1 to unassume, 0 for nothing.
int drawRow(App& app, const TargetRow& row, int index, double maxScore) {
    const ViewerState& state = app.state;
    const Target* t = row.target >= 0 ? &state.analysis().targets[row.target] : nullptr;
    int action = 0;
    ImGui::PushID(row.firm);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    rankCell(app, row, t);
    ImGui::TableNextColumn();
    // The scenario's state, not the row's: a tick shows at once, before the analysis that moves the rows.
    bool assumed = isAssumed(state, row.firm);
    if (ImGui::Checkbox("##assume", &assumed)) action = assumed ? row.firm + 1 : -row.firm - 1;
    app.probe("assume-" + std::to_string(index));
    ImGui::TableNextColumn();
    firmCell(app, row, t);
    ImGui::TableNextColumn();
    changeCell(state, row);
    ImGui::TableNextColumn();
    if (t) ImGui::Text("%.2f", t->score);
    ImGui::TableNextColumn();
    if (t) stackedBar(app, *t, maxScore, ImGui::GetContentRegionAvail().x);
    ImGui::TableNextColumn();
    noteCell(app, state.drawn->firms[row.firm].id, index);
    for (int k = 0; k < kTermCount; ++k) {
        ImGui::TableNextColumn();
        if (t) ImGui::TextUnformatted(weightedTermText(*t, k, 2).c_str());
    }
    ImGui::PopID();
    return action;
}

// A term column fits its name with the sort arrow, and "0.00*".
float termColumnWidth(Lang lang, int term) {
    return std::max(ImGui::CalcTextSize(termName(lang, term)).x + ImGui::GetFontSize(), ImGui::CalcTextSize("0.00*").x);
}

// The headers, each with a tooltip where the short title needs a word more: the rank's brackets, and that
// the bar and term columns are weighted (加权), so that they add up to the score.
void headerRow(Lang lang) {
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int column = 0; column < kTargetColumnCount; ++column) {
        if (!ImGui::TableSetColumnIndex(column)) continue;
        ImGui::TableHeader(ImGui::TableGetColumnName(column));
        if (!ImGui::IsItemHovered()) continue;
        if (column == kRankColumn) ImGui::SetTooltip("%s", rankRangeNote(lang));
        else if (column == kContributionsColumn)
            ImGui::SetTooltip("%s", tr(lang, "各项加权值, 合计为得分", "each term weighted; they add up to the score"));
        else if (column >= kFirstTermColumn)
            ImGui::SetTooltip("%s (%s) = %s × %s", termName(lang, column - kFirstTermColumn), weightedWord(lang),
                              tr(lang, "权重", "weight"), tr(lang, "值", "value"));
    }
}

void setupColumns(ViewerState& state) {
    float em = ImGui::GetFontSize();
    Lang lang = state.lang;
    ImGui::TableSetupScrollFreeze(3, 1);
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("00 (00–00)").x);
    const char* assume = tr(lang, "假设引进", "Assume");
    ImGui::TableSetupColumn(assume, ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize(assume).x + em * 1.2f);
    ImGui::TableSetupColumn(tr(lang, "企业", "Firm"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGuiTableColumnFlags byValue = ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_PreferSortDescending;
    ImGui::TableSetupColumn(tr(lang, "变化", "Δ"), byValue, em * 2.8f);
    ImGui::TableSetupColumn(tr(lang, "得分", "Score"), byValue, em * 3.2f);
    ImGui::TableSetupColumn(tr(lang, "各项贡献 (加权)", "Weighted terms"), byValue, em * 8);
    ImGui::TableSetupColumn(tr(lang, "备注", "Note"), ImGuiTableColumnFlags_WidthFixed, em * 8);
    for (int k = 0; k < kTermCount; ++k) ImGui::TableSetupColumn(termName(lang, k), byValue, termColumnWidth(lang, k));
    headerRow(lang);
}

void legend(const ViewerState& state, std::size_t count) {
    ImGui::Text("%zu %s", count,
                tr(state.lang, "个候选企业 · 点击一行在图上定位", "candidates · click a row to find it on the map"));
    float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    for (int k = 0; k < kTermCount; ++k) {
        float width = 10 + ImGui::GetStyle().ItemSpacing.x * 2 + ImGui::CalcTextSize(termName(state.lang, k)).x;
        if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right)
            ImGui::SameLine();  // else a new line
        ImGui::ColorButton("##legend", ImColor(kTermColors[k]), ImGuiColorEditFlags_NoTooltip, {10, 10});
        ImGui::SameLine();
        ImGui::TextUnformatted(termName(state.lang, k));
    }
}

// The table: header, then only the rows on screen (thousands of targets stay fast). Returns the row's
// action (see drawRow).
int drawTable(App& app) {
    ViewerState& state = app.state;
    ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_ScrollX | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                            ImGuiTableFlags_SizingFixedFit;
    float em = ImGui::GetFontSize();
    // The firm column keeps at least ten characters; below that the table scrolls sideways.
    float needed = ImGui::CalcTextSize("00 (00–00)").x + em * (5.2f + 10 + 2.8f + 3.2f + 8 + 8 + 2);
    for (int k = 0; k < kTermCount; ++k) needed += termColumnWidth(state.lang, k) + ImGui::GetStyle().CellPadding.x * 2;
    float innerWidth = ImGui::GetContentRegionAvail().x >= needed ? 0.0f : needed;  // 0: fit, no sideways scrolling
    int action = 0;
    // Every target is a row of the table (scrolled to or not): the footnote stands below it when any is imputed.
    bool footnote = app.targetTable.summary(state).imputed;
    float below = footnote ? ImGui::GetTextLineHeightWithSpacing() : 0.0f;
    if (ImGui::IsMouseClicked(0)) {  // what the pointer was on when pressed: the rows of the last frame
        app.tickOrderAtPress = app.targetTable.orderChanges();
        app.tickPressDouble = ImGui::IsMouseDoubleClicked(0);
    }
    if (!ImGui::BeginTable("##targets", kTargetColumnCount, flags, {0, -below}, innerWidth)) return action;
    setupColumns(state);
    const std::vector<TargetRow>& rows = app.targetTable.rows(state, requestedOrder(ImGui::TableGetSortSpecs()));
    double maxScore = app.targetTable.summary(state).maxScore;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    int order = app.targetTable.orderChanges();
    while (clipper.Step())
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row)
            if (int a = drawRow(app, rows[row], row, maxScore);
                a != 0 && app.tickGuard.accept(row, rows[row].firm, ImGui::GetTime(), app.tickPressDouble, order,
                                               app.tickOrderAtPress))
                action = a;
    ImGui::EndTable();
    if (footnote) ImGui::TextDisabled("%s", imputedFootnote(state.lang));
    return action;
}

// What-if from the list: ticked, a site in the focal region with the segments it would fill; unticked, gone.
void carryOut(ViewerState& state, int action) {
    if (action > 0) {
        Assumption assumption{action - 1, state.scenario.region, {}};
        for (const Target& t : state.analysis().targets)
            if (t.firm == assumption.firm)
                for (const FitSegment& fs : t.segments) assumption.segments.push_back(fs.segment);
        assume(state, assumption);
    }
    if (action < 0) unassume(state, -action - 1);
}

}  // namespace

void drawTargetsPanel(App& app, ImVec2 pos, ImVec2 size) {
    ViewerState& state = app.state;
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin(tr(state.lang, "招商目标###targets", "Investment targets###targets"), nullptr,
                 ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse);
    if (state.hasAnalysis()) {
        legend(state, state.analysis().targets.size());
        // A short screen (800x600) gets compact rows: with the usual padding only three targets showed.
        bool compact = ImGui::GetIO().DisplaySize.y < 700;
        if (compact) {
            ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, {ImGui::GetStyle().FramePadding.x, 1});
            ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, {ImGui::GetStyle().CellPadding.x, 1});
        }
        carryOut(state, drawTable(app));
        if (compact) ImGui::PopStyleVar(2);
    }
    ImGui::End();
}

}  // namespace viewer
