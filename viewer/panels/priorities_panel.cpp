// Segment priorities (产业选择, docs/method.md §10): the core's feasibility × attractiveness chart, the same one
// `chainatlas map --view priorities` writes; hover a point for its numbers, click it to select the segment.
#include <algorithm>

#include "../app.hpp"
#include "../i18n.hpp"
#include "../probe.hpp"
#include "scene_painter.hpp"

namespace viewer {

using namespace chainatlas;

namespace {

constexpr float kLabelPx = 12;

void paintAxes(ImDrawList* draw, const App& app, const PriorityChart& c, ImVec2 o) {
    float plotBottom = static_cast<float>(c.yTicks.front().at), w = static_cast<float>(c.width);
    ImU32 grid = themeColor(app.theme.clusterFill), border = themeColor(app.theme.clusterBorder),
          muted = themeColor(app.theme.textMuted);
    draw->AddRectFilled(o, {o.x + w, o.y + plotBottom}, IM_COL32_WHITE);
    for (const ChartTick& t : c.xTicks) {
        float x = o.x + static_cast<float>(t.at);
        draw->AddLine({x, o.y}, {x, o.y + plotBottom}, grid);
        ImVec2 size = ImGui::CalcTextSize(t.text.c_str());
        draw->AddText(ImGui::GetFont(), kLabelPx,
                      {x - size.x * kLabelPx / ImGui::GetFontSize() / 2, o.y + plotBottom + 1}, muted, t.text.c_str());
    }
    for (const ChartTick& t : c.yTicks) {
        float y = o.y + static_cast<float>(t.at);
        draw->AddLine({o.x, y}, {o.x + w, y}, grid);
        draw->AddText(ImGui::GetFont(), kLabelPx, {o.x - 30, y - kLabelPx / 2}, muted, t.text.c_str());
    }
    draw->AddRect(o, {o.x + w, o.y + plotBottom}, border);
    ImVec2 s0{o.x, o.y + static_cast<float>(c.stripTop)}, s1{o.x + w, o.y + static_cast<float>(c.height)};
    draw->AddRectFilled(s0, s1, grid);
    draw->AddRect(s0, s1, border);
    draw->AddText(ImGui::GetFont(), kLabelPx, {o.x + 4, s0.y + 2}, muted, c.stripLabel.c_str());
    // The y axis title reads across, at the top left; the corner hint only where it does not run into it.
    std::string yTitle = "↑ " + c.yAxis;
    float scale = kLabelPx / ImGui::GetFontSize();
    float yTitleWidth = ImGui::CalcTextSize(yTitle.c_str()).x * scale,
          cornerWidth = ImGui::CalcTextSize(c.corner.c_str()).x * scale;
    draw->AddText(ImGui::GetFont(), kLabelPx, {o.x + 4, o.y + 3}, muted, yTitle.c_str());
    if (yTitleWidth + cornerWidth + 24 < w)
        draw->AddText(ImGui::GetFont(), kLabelPx, {o.x + w - cornerWidth - 4, o.y + 3}, muted, c.corner.c_str());
}

// Draws the points and their labels; returns the point under the mouse, or null.
const ChartPoint* paintPoints(ImDrawList* draw, const App& app, const PriorityChart& c, ImVec2 o) {
    const ChartPoint* hovered = nullptr;
    ImVec2 mouse = ImGui::GetIO().MousePos;
    const Selection& selection = app.state.selection;
    int selected = selection.kind == SelectionKind::Segment ? selection.index : -1;
    std::vector<ImRect> labels = chartLabelsShown(c, ImGui::GetFont(), kLabelPx, selected);
    for (std::size_t i = 0; i < c.points.size(); ++i) {
        const ChartPoint& p = c.points[i];
        ImVec2 centre{o.x + static_cast<float>(p.x), o.y + static_cast<float>(p.y)};
        float r = static_cast<float>(p.radius);
        draw->AddCircleFilled(centre, r, themeColor(p.color, p.noData ? 110 : 255));  // no data: faint
        draw->AddCircle(centre, r, themeColor(app.theme.textDark), 0, p.noData ? 1.0f : 1.5f);
        if (p.segment == selected) draw->AddCircle(centre, r + 4, themeColor(app.theme.highlightEdge), 0, 3);
        if (labels[i].GetWidth() > 0) {
            draw->AddText(ImGui::GetFont(), kLabelPx, {o.x + labels[i].Min.x, o.y + labels[i].Min.y},
                          themeColor(app.theme.textDark), p.label.c_str());
            probe::label("chart", p.label, {o.x + labels[i].Min.x, o.y + labels[i].Min.y}, labels[i].GetSize());
        }
        float dx = mouse.x - centre.x, dy = mouse.y - centre.y;
        if (dx * dx + dy * dy <= (r + 3) * (r + 3)) hovered = &p;
    }
    return hovered;
}

}  // namespace

void drawPrioritiesPanel(App& app, ImVec2 pos, ImVec2 size) {
    ViewerState& state = app.state;
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin(tr(state.lang, "产业选择 (环节优先级)###priorities", "Segment priorities###priorities"), nullptr,
                 ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoScrollbar);
    if (!state.hasAnalysis()) {
        ImGui::End();
        return;
    }
    ImVec2 origin = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
    float line = ImGui::GetTextLineHeight();
    std::vector<LegendEntry> legend =
        describePriorities(*state.drawn, state.analysis, app.theme, {state.lang, 10, ""}, 100, 100).legend;
    float legendHeight = paintLegend(nullptr, app, legend, {}).y;
    // Room for the y tick labels on the left, the x ticks and axis title, then the legend, below.
    float axisLines = avail.x < 420 ? 2.0f : 1.0f;  // the x axis title wraps in a narrow panel
    ImVec2 plot{std::max(60.0f, avail.x - 40), std::max(60.0f, avail.y - legendHeight - (1 + axisLines) * line - 14)};
    PriorityChart chart = describePriorities(*state.drawn, state.analysis, app.theme, {state.lang, 10, ""}, plot.x,
                                             plot.y);
    ImVec2 o{origin.x + 34, origin.y + 4};
    ImDrawList* draw = ImGui::GetWindowDrawList();
    paintAxes(draw, app, chart, o);
    const ChartPoint* hovered = paintPoints(draw, app, chart, o);
    ImFont* font = ImGui::GetFont();
    float fontPx = ImGui::GetFontSize();
    draw->AddText(font, fontPx, {o.x, o.y + plot.y + 2}, themeColor(app.theme.textDark), chart.xAxis.c_str(), nullptr,
                  plot.x);
    float axisHeight = font->CalcTextSizeA(fontPx, FLT_MAX, plot.x, chart.xAxis.c_str()).y;
    paintLegend(draw, app, chart.legend, {o.x - 30, o.y + plot.y + axisHeight + 8});
    if (chart.points.empty())
        draw->AddText(font, fontPx, {o.x + 8, o.y + plot.y * 0.35f}, themeColor(app.theme.textMuted),
                      chart.empty.c_str(), nullptr, plot.x - 16);
    ImGui::SetCursorScreenPos(origin);
    ImGui::InvisibleButton("##chart", {std::max(1.0f, avail.x), std::max(1.0f, avail.y)});
    if (hovered && ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s", hovered->details.c_str());
        if (ImGui::IsItemClicked()) app.locate({SelectionKind::Segment, hovered->segment});
    }
    ImGui::End();
}

}  // namespace viewer
