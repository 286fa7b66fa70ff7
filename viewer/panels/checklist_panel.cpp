// The 十个一 checklist of the current region: state, owner, due date and note per item, saved with the
// session; beside each item what the data itself shows (the core's evidence, docs/method.md §12).
#include <imgui.h>
#include <imgui_stdlib.h>

#include "../i18n.hpp"
#include "app.hpp"
#include "chainatlas/session/session.hpp"

namespace viewer {

using namespace chainatlas;

namespace {

// One row; returns the item as edited (unchanged when nothing was touched).
ChecklistItem itemRow(App& app, int i, ChecklistItem item) {
    const ViewerState& state = app.state;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("%d. %s", i + 1, checklistTitle(i, state.lang));
    std::string evidence = checklistEvidenceText(*state.chain, state.scenario.region, i, state.lang);
    if (!evidence.empty()) ImGui::TextDisabled("%s", evidence.c_str());
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-1);
    int current = static_cast<int>(item.state);
    const char* names[] = {checklistStateName(ChecklistState::Todo, state.lang),
                           checklistStateName(ChecklistState::Doing, state.lang),
                           checklistStateName(ChecklistState::Done, state.lang)};
    if (ImGui::Combo("##state", &current, names, 3)) item.state = static_cast<ChecklistState>(current);
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-1);
    inputTextExact(app, "##owner", item.owner);
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-1);
    inputTextExact(app, "##due", item.due, "2026-12-31");
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-1);
    inputTextExact(app, "##note", item.note);
    return item;
}

}  // namespace

void drawChecklistPanel(App& app) {
    ViewerState& state = app.state;
    if (!app.showChecklist || !state.hasAnalysis()) return;
    placeOnScreen({900, 470});
    std::string title = std::string(tr(state.lang, "十个一 工作清单", "十个一 checklist")) + " · " +
                        state.chain->regions[state.scenario.region].name.pick(
                            state.lang, state.chain->regions[state.scenario.region].id) +
                        " · " + state.chain->name.pick(state.lang, state.chain->id) + "###checklist";
    if (!ImGui::Begin(title.c_str(), &app.showChecklist)) {
        ImGui::End();
        return;
    }
    ImGui::TextDisabled("%s", tr(state.lang, "随会话保存，并写入报告。",
                                 "Saved with the session and written into the report."));
    if (ImGui::BeginTable("##items", 5,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable)) {
        ImGui::TableSetupColumn(tr(state.lang, "事项", "Item"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
        ImGui::TableSetupColumn(tr(state.lang, "状态", "State"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableSetupColumn(tr(state.lang, "负责人", "Owner"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(tr(state.lang, "期限", "Due"), ImGuiTableColumnFlags_WidthStretch, 0.9f);
        ImGui::TableSetupColumn(tr(state.lang, "备注", "Note"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableHeadersRow();
        for (int i = 0; i < kChecklistCount; ++i) {
            ImGui::PushID(i);
            const ChecklistItem& before = currentChecklist(state)[i];
            ChecklistItem after = itemRow(app, i, before);
            if (!(after == before)) setChecklistItem(state, i, after);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace viewer
