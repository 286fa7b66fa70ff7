// The map: the core's layout geometry drawn with the theme's colours, pan (drag), zoom around the cursor
// (wheel), fit (F), hover tooltips, click to select, double-click a segment to show its firms. Labels are
// drawn by level of detail, so thousands of firms stay readable and fast. The camera and what lies under
// the mouse are the MapView's (viewer/state/map_view.hpp); here: input, one drawer per layer, legend, tooltip.
#include <algorithm>
#include <cmath>

#include "../i18n.hpp"
#include "app.hpp"
#include "chainatlas/base/text.hpp"
#include "chainatlas/map/layout.hpp"
#include "panels/scene_painter.hpp"
#include "state/map_view.hpp"
#include "tools/probe.hpp"

namespace viewer {

using namespace chainatlas;

namespace {

ImVec2 onScreen(const MapView& v, Point world) {
    Point p = v.toPanel(world);  // the corner added in floats, as ImGui adds it: the same pixels as before
    return {static_cast<float>(v.origin.x) + static_cast<float>(p.x),
            static_cast<float>(v.origin.y) + static_cast<float>(p.y)};
}
ImVec2 onScreen(const MapView& v, double x, double y) { return onScreen(v, Point{x, y}); }
Point asPoint(ImVec2 p) { return {p.x, p.y}; }

// Map text follows the interface text size (Ctrl +, Ctrl -), with a floor that stays readable.
struct MapText {
    ImFont* font;
    float zoom, scale, basePx, minPx;
};

MapText mapText(const App& app, const MapView& v) {
    float scale = app.textSize / kDefaultTextSize;
    return {ImGui::GetFont(), static_cast<float>(v.camera.zoom), scale, static_cast<float>(app.theme.fontSize) * scale,
            11.0f * scale};
}

// What the map's layers are drawn from, gathered once a frame: the painters below see this, not the App.
struct MapFrame {
    ImDrawList* draw;
    const ViewerState& state;
    const Theme& theme;
    const MapScene& scene;
    const MapGeometry& g;
    const MapView& v;
    MapText text;
    int selectedFirm;  // -1: none
};

// Shown instead of the map while there is nothing to draw, and why.
void drawPlaceholder(const App& app, ImDrawList* draw, ImVec2 pos, ImVec2 size) {
    const ViewerState& state = app.state;
    const char* text = app.opening()  ? tr(state.lang, "正在打开…", "Opening…")
                       : !state.chain ? tr(state.lang, "打开产业链文件 (Ctrl+O) 或拖放到窗口",
                                           "Open a chain file (Ctrl+O) or drop it on the window")
                       : !state.hasAnalysis()
                           ? tr(state.lang, "该文件没有区域: 无法分析", "This file has no regions: nothing to analyse")
                           : tr(state.lang, "布局中…", "Laying out…");
    ImVec2 t = ImGui::CalcTextSize(text);
    draw->AddText({pos.x + (size.x - t.x) / 2, pos.y + (size.y - t.y) / 2}, themeColor(app.theme.textMuted), text);
}

// The map window has no background of its own (ImGuiWindowFlags_NoBackground) because the map's background
// covers it: Mesa's software renderer spends most of a frame filling pixels, and the map is a third of the
// window. Only the margin around the map's clip rectangle and the border are drawn, as ImGui draws them.
void drawWindowFrame(ImDrawList* draw) {
    ImVec2 a = ImGui::GetWindowPos(), size = ImGui::GetWindowSize(), b{a.x + size.x, a.y + size.y};
    ImVec2 inA = draw->GetClipRectMin(), inB = draw->GetClipRectMax();
    const ImGuiStyle& style = ImGui::GetStyle();
    ImU32 background = ImGui::GetColorU32(ImGuiCol_WindowBg);
    draw->PushClipRect(a, b);
    draw->AddRectFilled(a, {b.x, inA.y}, background);
    draw->AddRectFilled({a.x, inB.y}, b, background);
    draw->AddRectFilled({a.x, inA.y}, {inA.x, inB.y}, background);
    draw->AddRectFilled({inB.x, inA.y}, {b.x, inB.y}, background);
    if (style.WindowBorderSize > 0)
        draw->AddRect(a, b, ImGui::GetColorU32(ImGuiCol_Border), style.WindowRounding, 0, style.WindowBorderSize);
    draw->PopClipRect();
}

// The legend box at the bottom left: the whole-chain resources above the legend entries, both wrapped to
// the panel's width, and under them the button that folds it. Measured before drawing, so the fit leaves
// room for it. Folded, only the button remains: at 800x600 the open legend covered two thirds of the map.
struct LegendBox {
    std::vector<LegendEntry> entries;
    bool shown = true;
    float wrapWidth = 0, stripGap = 0, height = 0, toggleHeight = 0;
    ImVec2 legendSize, stripSize;
};

// Below this map height the legend starts folded (the planner's choice, once made, is kept).
constexpr float kShortMapHeight = 420;

LegendBox measureLegend(App& app, const MapScene& scene, ImVec2 size) {
    LegendBox box;
    box.shown = app.legendShown.value_or(size.y >= kShortMapHeight);
    box.toggleHeight = ImGui::GetFrameHeight() + 6;
    box.height = box.toggleHeight;
    if (!box.shown) return box;
    box.entries = shownLegend(scene, app.state.showResources);
    box.wrapWidth = size.x - 40;
    box.legendSize = paintLegend(nullptr, app.theme, box.entries, {}, box.wrapWidth);
    if (app.state.showResources)
        box.stripSize = paintChainWide(nullptr, app.theme, scene, app.state.selection, {}, box.wrapWidth, {}, nullptr);
    box.stripGap = box.stripSize.y > 0 ? ImGui::GetTextLineHeight() * 0.5f : 0;
    box.height += box.legendSize.y + box.stripSize.y + box.stripGap + 12;
    return box;
}

// The button at the bottom left that folds and unfolds the legend. Submitted before the map's canvas so that
// it, not the canvas under it, takes the click.
void legendToggle(App& app, const LegendBox& box, ImVec2 pos, ImVec2 size) {
    ImGui::SetCursorScreenPos({pos.x + 6, pos.y + size.y - box.toggleHeight});
    Lang lang = app.state.lang;
    const char* text = box.shown ? tr(lang, "▼ 图例###legend", "▼ Legend###legend")
                                 : tr(lang, "▲ 图例###legend", "▲ Legend###legend");
    if (ImGui::SmallButton(text)) app.legendShown = !box.shown;
    app.probe("legend-toggle");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", box.shown ? tr(lang, "收起图例", "Fold the legend")
                                          : tr(lang, "展开图例", "Show the legend"));
}

// The panel as one invisible button: drag pans, the wheel zooms about the cursor. Returns whether the mouse
// is over the map.
bool moveCamera(App& app, ImVec2 pos, ImVec2 size) {
    ImGui::SetCursorScreenPos(pos);
    ImGui::InvisibleButton("##canvas", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle);
    app.probe("map");
    bool hovered = ImGui::IsItemHovered();
    const ImGuiIO& io = ImGui::GetIO();
    MapView v{asPoint(pos), asPoint(size), app.state.camera};
    if (ImGui::IsItemActive() &&
        (ImGui::IsMouseDragging(ImGuiMouseButton_Left) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle)))
        v.camera = v.panned(asPoint(io.MouseDelta));
    if (hovered && io.MouseWheel != 0) v.camera = v.zoomedAbout(asPoint(io.MousePos), std::pow(1.15, io.MouseWheel));
    app.state.camera = v.camera;
    return hovered;
}

// Stage clusters: a rounded frame with the stage's name in its top left corner, or just above the frame when
// the name, kept readable (at least minPx) on a map zoomed out to fit, is larger than the room the layout left
// for it inside. Names under 6.5 px were left out, so after F at 800x600 no stage was named.
void drawClusters(const MapFrame& m) {
    const auto& [draw, state, theme, scene, g, v, text, selectedFirm] = m;
    const Chain& chain = *state.drawn;
    float ownPx = (text.basePx + 1) * text.zoom, px = std::max(text.minPx, ownPx);
    bool above = px > ownPx + 0.5f;
    for (const StageCluster& c : g.clusters) {
        ImVec2 p0 = onScreen(v, c.box.x, c.box.y), p1 = onScreen(v, c.box.x + c.box.w, c.box.y + c.box.h);
        draw->AddRectFilled(p0, p1, themeColor(theme.clusterFill), 8 * text.zoom);
        draw->AddRect(p0, p1, themeColor(theme.clusterBorder), 8 * text.zoom);
        const Stage& stage = chain.stages[c.stage];
        std::string name = shortenForDrawing(stage.name.pick(state.lang, stage.id));
        ImVec2 at = above ? ImVec2{p0.x + 2, p0.y - px - 2} : ImVec2{p0.x + 8 * text.zoom, p0.y + 4 * text.zoom};
        FittedLabel fit = fitLabel(text.font, px, name, p1.x - at.x - 4);
        if (fit.shown.empty()) continue;
        std::string shown(fit.shown);
        if (fit.ellipsis) shown += "…";
        draw->AddText(text.font, fit.px, at, themeColor(theme.textMuted), shown.data(), shown.data() + shown.size());
        probe::label("stage", stage.id, at, text.font->CalcTextSizeA(fit.px, FLT_MAX, 0, shown.c_str()));
    }
}

// Links between segments: Graphviz's cubic Bezier curves, with an arrowhead where the layout gave one.
void drawLinks(const MapFrame& m) {
    const MapView& v = m.v;
    float zoom = m.text.zoom;
    ImDrawList* draw = m.draw;
    ImU32 color = themeColor(m.theme.linkEdge);
    const MapGeometry& g = m.g;
    for (const LinkPath& link : g.links) {
        if (link.points.size() < 4) continue;
        for (std::size_t i = 0; i + 3 < link.points.size(); i += 3)
            draw->AddBezierCubic(onScreen(v, link.points[i]), onScreen(v, link.points[i + 1]),
                                 onScreen(v, link.points[i + 2]), onScreen(v, link.points[i + 3]), color,
                                 std::max(1.0f, 1.4f * zoom));
        if (!link.hasArrow) continue;
        ImVec2 tip = onScreen(v, link.arrowTip), from = onScreen(v, link.points.back());
        ImVec2 d{tip.x - from.x, tip.y - from.y};
        float length = std::sqrt(d.x * d.x + d.y * d.y);
        if (length <= 0.1f) continue;
        ImVec2 n{-d.y / length * 4 * zoom, d.x / length * 4 * zoom};
        draw->AddTriangleFilled(tip, {from.x + n.x, from.y + n.y}, {from.x - n.x, from.y - n.y}, color);
    }
}

// How far (world units) a segment box may grow on each side for its name: half the gap to the nearest box
// beside it, and no further than its stage's frame, so that no two names run into each other.
double growthRoom(const MapGeometry& g, const SegmentNode& node) {
    const Box& b = node.box;
    double room = 1e9;
    for (const SegmentNode& other : g.segments) {
        const Box& o = other.box;
        if (&other == &node || o.y >= b.y + b.h + 2 || o.y + o.h <= b.y - 2) continue;  // not beside it
        if (o.x >= b.x + b.w) room = std::min(room, (o.x - b.x - b.w) / 2 - 2);
        else if (o.x + o.w <= b.x) room = std::min(room, (b.x - o.x - o.w) / 2 - 2);
        else room = 0;
    }
    double cx = b.x + b.w / 2, cy = b.y + b.h / 2;
    for (const StageCluster& c : g.clusters)
        if (cx >= c.box.x && cx <= c.box.x + c.box.w && cy >= c.box.y && cy <= c.box.y + c.box.h)
            room = std::min({room, b.x - c.box.x - 3, c.box.x + c.box.w - b.x - b.w - 3});
    return std::max(0.0, room);
}

void drawSegments(const MapFrame& m) {
    const auto& [draw, state, theme, scene, g, v, text, selectedFirm] = m;
    for (const SegmentNode& node : g.segments) {
        if (!v.visible(node.box)) continue;
        ImVec2 p0 = onScreen(v, node.box.x, node.box.y),
               p1 = onScreen(v, node.box.x + node.box.w, node.box.y + node.box.h);
        // Names stay readable when zoomed out (at least 11 px, cut to the box); smaller lines only when large enough.
        SegmentPaint paint{p0,
                           p1,
                           text.zoom,
                           std::clamp(text.basePx * text.zoom, text.minPx, 40.0f * text.scale),
                           text.basePx * 0.8f * text.zoom,
                           node.firmArea.w > 0,
                           state.drawn->segments[node.segment].id};
        paint.maxGrow = onScreen(v, node.box.x + node.box.w + growthRoom(g, node), node.box.y).x - p1.x;
        paintSegment(draw, scene.segments[node.segment], paint);
        if (state.selection == Selection{SelectionKind::Segment, node.segment})
            draw->AddRect({p0.x - 3, p0.y - 3}, {p1.x + 3, p1.y + 3}, themeColor(theme.highlightEdge), 8 * text.zoom, 0,
                          3);
    }
}

// Supply lines between firms: all of them while few, else only the selected firm's (highlighted).
void drawSupplyLines(const MapFrame& m) {
    const auto& [draw, state, theme, scene, g, v, text, selectedFirm] = m;
    const Chain& chain = *state.drawn;
    bool fewLines = g.supplies.size() <= 1500;
    for (const SupplyLine& line : g.supplies) {
        const Supply& supply = chain.supplies[line.supply];
        bool mine = supply.from == selectedFirm || supply.to == selectedFirm;
        if (!mine && !fewLines) continue;
        draw->AddLine(onScreen(v, line.from), onScreen(v, line.to),
                      mine ? themeColor(theme.highlightEdge) : themeColor(theme.supplyEdge, 60), mine ? 2.5f : 1.0f);
    }
}

// Firm cells (firm level), by level of detail: see MapView::aggregatesFirms.
void drawFirmCells(const MapFrame& m) {
    const auto& [draw, state, theme, scene, g, v, text, selectedFirm] = m;
    float firmPx = 9 * text.zoom * text.scale;
    bool labels = firmPx >= 8;
    bool aggregate = v.aggregatesFirms(g);
    if (aggregate)
        for (const SegmentNode& node : g.segments)
            if (node.firmArea.w > 0 && v.visible(node.firmArea))
                draw->AddRectFilled(onScreen(v, node.firmArea.x, node.firmArea.y),
                                    onScreen(v, node.firmArea.x + node.firmArea.w, node.firmArea.y + node.firmArea.h),
                                    themeColor(theme.firmOther, 200), 2);
    for (const FirmNode& node : g.firms) {
        if (!v.visible(node.box)) continue;
        const FirmLook& look = scene.firms[node.firm];
        if (aggregate && !firmStandsOut(look, node.firm, selectedFirm)) continue;
        ImVec2 p0 = onScreen(v, node.box.x, node.box.y),
               p1 = onScreen(v, node.box.x + node.box.w, node.box.y + node.box.h);
        draw->AddRectFilled(p0, p1, themeColor(look.fill), 3 * text.zoom);
        if (look.assumed) draw->AddRect(p0, p1, themeColor(theme.firmAssumed), 3 * text.zoom, 0, 3);
        if (node.firm == selectedFirm) draw->AddRect(p0, p1, themeColor(theme.highlightEdge), 3 * text.zoom, 0, 3);
        if (labels)
            drawCentredLabel(draw, text.font, firmPx, {(p0.x + p1.x) / 2, (p0.y + p1.y) / 2},
                             themeColor(look.textColor), look.label, p1.x - p0.x - 4, "firm",
                             state.drawn->firms[node.firm].id);
    }
}

// The resource layer on the segment boxes: marks scaled with the map, the selected resource ringed in the
// highlight colour.
void drawResourceMarks(const MapFrame& m, const std::vector<ResourceMarkPlace>& marks) {
    const auto& [draw, state, theme, scene, g, v, text, selectedFirm] = m;
    float r = v.resourceMarkRadius();
    float glyphPx = 9.5f * text.zoom * text.scale;
    const Selection& selected = state.selection;
    for (const ResourceMarkPlace& mark : marks) {
        const ResourceLook& look = scene.resources[mark.look];
        ImVec2 c = onScreen(v, mark.centre);
        paintResourceMark(draw, look, c, r, glyphPx >= 7 ? glyphPx : 0);
        if (selected == Selection{SelectionKind::Resource, look.resource})
            draw->AddCircle(c, r + 3.5f, themeColor(theme.highlightEdge), 24, 2.5f);
    }
}

// A pulsing outline around the located item for kFlashSeconds (a firm not drawn at this level flashes its
// segment).
void drawFlash(ImDrawList* draw, const App& app, const MapView& v) {
    double age = ImGui::GetTime() - app.flashStarted;
    const Box* located = age < kFlashSeconds ? app.boxOf(app.flash) : nullptr;
    if (!located || age < 0) return;
    ImVec2 p0 = onScreen(v, located->x, located->y), p1 = onScreen(v, located->x + located->w, located->y + located->h);
    float pulse = 0.5f + 0.5f * std::cos(static_cast<float>(age) * 12.0f);
    float grow = 4 + 6 * pulse;
    draw->AddRect({p0.x - grow, p0.y - grow}, {p1.x + grow, p1.y + grow},
                  themeColor(app.theme.highlightEdge, 120 + static_cast<int>(135 * pulse)), 6, 0, 3);
}

// The legend in the corner, from the scene (the SVG draws the same entries), on its own background, with the
// whole-chain resources above it. Returns the whole-chain resource under the mouse, or -1.
int drawLegend(const MapFrame& m, const LegendBox& box, ImVec2 pos, ImVec2 size, bool hovered) {
    ImDrawList* draw = m.draw;
    if (!box.shown) return -1;
    ImVec2 corner{pos.x + 10, pos.y + size.y - box.height};
    float boxWidth = std::max(box.legendSize.x, box.stripSize.x);
    draw->AddRectFilled({corner.x - 6, corner.y - 5}, {corner.x + boxWidth, pos.y + size.y - 2},
                        IM_COL32(255, 255, 255, 235), 4);  // under the fold button too
    int hoveredWide = -1;
    if (box.stripSize.y > 0) {
        paintChainWide(draw, m.theme, m.scene, m.state.selection, corner, box.wrapWidth, ImGui::GetIO().MousePos,
                       hovered ? &hoveredWide : nullptr);
        corner.y += box.stripSize.y + box.stripGap;
    }
    paintLegend(draw, m.theme, box.entries, corner, box.wrapWidth);
    return hoveredWide;
}

// The tooltip of what is under the mouse: a resource mark lies on top of the box it serves.
void showTooltip(const App& app, const MapScene& scene, const MapHit& hit) {
    if (hit.resource < 0 && hit.firm < 0 && hit.segment < 0) return;
    ImGui::BeginTooltip();
    if (hit.resource >= 0) {
        ImGui::TextUnformatted(scene.resources[hit.resource].title.c_str());
    } else if (hit.firm >= 0) {
        ImGui::TextUnformatted(scene.firms[hit.firm].title.c_str());
        ImGui::TextDisabled("%s", firmRegionsIn(*app.state.drawn, hit.firm, hit.firmSegment, app.state.lang).c_str());
    } else {
        ImGui::TextUnformatted(scene.segments[hit.segment].details.c_str());
        ImGui::TextDisabled("%s", tr(app.state.lang, "双击: 展开企业", "double-click: show firms"));
    }
    ImGui::EndTooltip();
}

// A click (not the end of a drag) selects what is under the mouse, or nothing; a double-click on a bare
// segment box shows or hides its firms.
void clickOn(ViewerState& state, const MapScene& scene, const MapHit& hit) {
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && ImGui::GetMouseDragDelta(ImGuiMouseButton_Left).x == 0 &&
        ImGui::GetMouseDragDelta(ImGuiMouseButton_Left).y == 0)
        select(state, clickedSelection(hit, scene));
    if (hit.segment >= 0 && hit.firm < 0 && hit.resource < 0 && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
        toggleExpanded(state, hit.segment);
}

// Every layer of the map, bottom to top, clipped to the panel.
void drawLayers(const MapFrame& m, const App& app, const std::vector<ResourceMarkPlace>& marks) {
    const MapView& v = m.v;
    m.draw->PushClipRect({static_cast<float>(v.origin.x), static_cast<float>(v.origin.y)},
                         {static_cast<float>(v.origin.x + v.size.x), static_cast<float>(v.origin.y + v.size.y)}, true);
    drawClusters(m);
    drawLinks(m);
    drawSegments(m);
    if (!m.g.firms.empty()) {
        drawSupplyLines(m);
        drawFirmCells(m);
    }
    drawResourceMarks(m, marks);
    drawFlash(m.draw, app, v);
    m.draw->PopClipRect();
}

}  // namespace

void drawMapPanel(App& app, ImVec2 pos, ImVec2 size) {
    ViewerState& state = app.state;
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin("##map", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground);
    app.mapSize = size;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    drawWindowFrame(draw);
    draw->AddRectFilled(pos, {pos.x + size.x, pos.y + size.y}, themeColor(app.theme.background));
    if (!state.hasAnalysis() || !app.geometry || app.geometryBase != state.chain) {
        drawPlaceholder(app, draw, pos, size);
        ImGui::End();
        return;
    }
    const MapGeometry& g = *app.geometry;
    const MapScene& scene = currentScene(app);
    LegendBox legend = measureLegend(app, scene, size);
    if (state.camera.fitRequested)  // room above for the stage names drawn over their frames
        state.camera = MapView{asPoint(pos), asPoint(size), state.camera}.fitted(g, legend.height,
                                                                                 mapText(app, {}).minPx + 6);
    // The fold button is submitted first (it takes the click) but drawn last (over the map): two channels.
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    legendToggle(app, legend, pos, size);
    draw->ChannelsSetCurrent(0);
    bool hovered = moveCamera(app, pos, size);

    MapView v{asPoint(pos), asPoint(size), state.camera};
    std::vector<ResourceMarkPlace> marks = resourceMarksOnMap(state, scene, g);
    int selectedFirm = state.selection.kind == SelectionKind::Firm ? state.selection.index : -1;
    MapFrame frame{draw, state, app.theme, scene, g, v, mapText(app, v), selectedFirm};
    drawLayers(frame, app, marks);
    MapHit hit = hovered ? v.hitTest(g, scene, marks, selectedFirm, asPoint(ImGui::GetIO().MousePos)) : MapHit{};
    if (int wide = drawLegend(frame, legend, pos, size, hovered); wide >= 0) hit.resource = wide;
    draw->ChannelsMerge();

    showTooltip(app, scene, hit);
    if (hovered) clickOn(state, scene, hit);
    ImGui::End();
}

}  // namespace viewer
