// Segment priorities (产业选择, docs/method.md §10): the core's feasibility × attractiveness chart, the same one
// `chainatlas map --view priorities` writes; hover a point for its numbers, click it to select the segment.
#include <algorithm>

#include "../i18n.hpp"
#include "app.hpp"
#include "panels/scene_painter.hpp"
#include "tools/probe.hpp"

namespace viewer {

using namespace chainatlas;

namespace {

constexpr float kLabelPx = 12;

// The chart as drawn: the core's description, its axes drawn inside the frame, and the axis texts that the
// points' labels keep clear of.
struct ChartText {
    std::string id, text;
    ImRect box;  // in plot coordinates
    float px = kLabelPx;
};
struct DrawnChart {
    PriorityChart chart;
    float plotBottom = 0;  // the frame of the plot: 0..chart.width across, 0..plotBottom down
    std::vector<ChartText> texts;
};

float textWidth(const std::string& text, float px = kLabelPx) {
    return ImGui::GetFont()->CalcTextSizeA(px, FLT_MAX, 0, text.c_str()).x;
}

// Points on the plot's edges (ω = 0 or the axis' end, P = 0 or 1) had half their circle outside the frame: the
// axes are drawn inside the frame by the largest radius, the positions scaled to match.
void insetAxes(DrawnChart& d) {
    PriorityChart& c = d.chart;
    double pad = 2;
    for (const ChartPoint& p : c.points) pad = std::max(pad, p.radius + 2);
    double w = c.width, bottom = d.plotBottom;
    if (w <= 4 * pad || bottom <= 4 * pad) return;  // too small to draw anyway
    auto across = [&](double x) { return pad + x * (w - 2 * pad) / w; };
    auto down = [&](double y) { return pad + y * (bottom - 2 * pad) / bottom; };
    for (ChartTick& t : c.xTicks) t.at = across(t.at);
    for (ChartTick& t : c.yTicks) t.at = down(t.at);
    for (ChartPoint& p : c.points) {
        p.x = across(p.x);
        if (!p.noData) p.y = down(p.y);  // the no-data strip keeps its place under the plot
        p.labelX = across(p.labelX);
        if (!p.noData) p.labelY = down(p.labelY);
    }
}

// The texts on the plot: the y axis title (cut to the frame), the corner hint where it does not run into it,
// the strip's label and the x ticks (kept inside the frame).
void axisTexts(DrawnChart& d) {
    const PriorityChart& c = d.chart;
    float w = static_cast<float>(c.width);
    auto add = [&](std::string id, std::string text, ImVec2 at, float px = kLabelPx) {
        ImRect box{at, {at.x + textWidth(text, px), at.y + px}};
        d.texts.push_back({std::move(id), std::move(text), box, px});
    };
    std::string yAxis = "↑ " + c.yAxis;
    FittedLabel yTitle = fitLabel(ImGui::GetFont(), kLabelPx, yAxis, w - 8);  // views yAxis
    std::string title(yTitle.shown);
    if (yTitle.ellipsis) title += "…";
    if (!title.empty()) add("y-axis", title, {4, 3}, yTitle.px);
    float cornerWidth = textWidth(c.corner);
    if (!title.empty() && textWidth(title, yTitle.px) + cornerWidth + 24 < w)
        add("corner", c.corner, {w - cornerWidth - 4, 3});
    add("no-data", c.stripLabel, {4, static_cast<float>(c.stripTop) + 2});
    for (const ChartTick& t : c.xTicks) {
        float tw = textWidth(t.text);
        add("x-" + t.text, t.text, {std::clamp(static_cast<float>(t.at) - tw / 2, 0.0f, w - tw), d.plotBottom + 1});
    }
}

DrawnChart drawnChart(const ViewerState& state, const Theme& theme, ImVec2 plot) {
    DrawnChart d;
    d.chart = describePriorities(*state.drawn, state.analysis(), theme, {state.lang, 10, ""}, plot.x, plot.y);
    d.plotBottom = static_cast<float>(d.chart.yTicks.front().at);
    insetAxes(d);
    axisTexts(d);
    return d;
}

void paintAxes(ImDrawList* draw, const App& app, const DrawnChart& d, ImVec2 o) {
    const PriorityChart& c = d.chart;
    float plotBottom = d.plotBottom, w = static_cast<float>(c.width);
    ImU32 grid = themeColor(app.theme.clusterFill), border = themeColor(app.theme.clusterBorder),
          muted = themeColor(app.theme.textMuted);
    draw->AddRectFilled(o, {o.x + w, o.y + plotBottom}, IM_COL32_WHITE);
    for (const ChartTick& t : c.xTicks) {
        float x = o.x + static_cast<float>(t.at);
        draw->AddLine({x, o.y}, {x, o.y + plotBottom}, grid);
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
    for (const ChartText& t : d.texts) {
        ImVec2 at{o.x + t.box.Min.x, o.y + t.box.Min.y};
        draw->AddText(ImGui::GetFont(), t.px, at, muted, t.text.c_str());
        probe::label("chart", t.id, at, t.box.GetSize());
    }
    probe::frame("chart", o, {w, static_cast<float>(c.height)});
}

// Draws the points and their labels; returns the point under the mouse, or null.
const ChartPoint* paintPoints(ImDrawList* draw, const App& app, const DrawnChart& d, ImVec2 o) {
    const PriorityChart& c = d.chart;
    const ChartPoint* hovered = nullptr;
    ImVec2 mouse = ImGui::GetIO().MousePos;
    const Selection& selection = app.state.selection;
    int selected = selection.kind == SelectionKind::Segment ? selection.index : -1;
    std::vector<ImRect> axis;
    for (const ChartText& t : d.texts) axis.push_back(t.box);
    std::vector<ImRect> labels = chartLabelsShown(c, ImGui::GetFont(), kLabelPx, selected, axis);
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
        describePriorities(*state.drawn, state.analysis(), app.theme, {state.lang, 10, ""}, 100, 100).legend;
    float legendHeight = paintLegend(nullptr, app.theme, legend, {}).y;
    // Room for the y tick labels on the left, the x ticks and axis title, then the legend, below.
    float axisLines = avail.x < 420 ? 2.0f : 1.0f;  // the x axis title wraps in a narrow panel
    ImVec2 plot{std::max(60.0f, avail.x - 40), std::max(60.0f, avail.y - legendHeight - (1 + axisLines) * line - 14)};
    DrawnChart drawn = drawnChart(state, app.theme, plot);
    const PriorityChart& chart = drawn.chart;
    ImVec2 o{origin.x + 34, origin.y + 4};
    ImDrawList* draw = ImGui::GetWindowDrawList();
    paintAxes(draw, app, drawn, o);
    const ChartPoint* hovered = paintPoints(draw, app, drawn, o);
    ImFont* font = ImGui::GetFont();
    float fontPx = ImGui::GetFontSize();
    draw->AddText(font, fontPx, {o.x, o.y + plot.y + 2}, themeColor(app.theme.textDark), chart.xAxis.c_str(), nullptr,
                  plot.x);
    float axisHeight = font->CalcTextSizeA(fontPx, FLT_MAX, plot.x, chart.xAxis.c_str()).y;
    paintLegend(draw, app.theme, chart.legend, {o.x - 30, o.y + plot.y + axisHeight + 8});
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
