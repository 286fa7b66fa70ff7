// The map: the core's layout geometry drawn with the theme's colours, pan (drag), zoom around the cursor
// (wheel), fit (F), hover tooltips, click to select, double-click a segment to show its firms. Labels are
// drawn by level of detail, so thousands of firms stay readable and fast.
#include <algorithm>
#include <array>
#include <cmath>

#include "../app.hpp"
#include "../i18n.hpp"
#include "chainatlas/layout.hpp"
#include "scene_painter.hpp"

namespace viewer {

using namespace chainatlas;

namespace {

struct View {
    ImVec2 origin;
    double x, y, zoom;
    ImVec2 toScreen(double wx, double wy) const {
        return {origin.x + static_cast<float>((wx - x) * zoom), origin.y + static_cast<float>((wy - y) * zoom)};
    }
    ImVec2 toScreen(Point p) const { return toScreen(p.x, p.y); }
};

bool visible(const View& v, const Box& b, ImVec2 pos, ImVec2 size) {
    ImVec2 a = v.toScreen(b.x, b.y), c = v.toScreen(b.x + b.w, b.y + b.h);
    return c.x >= pos.x && a.x <= pos.x + size.x && c.y >= pos.y && a.y <= pos.y + size.y;
}

// Fits the map above the legend strip (`reserved` pixels at the bottom), so the legend covers no box.
void fit(Camera& camera, const MapGeometry& g, ImVec2 size, float reserved) {
    if (g.width <= 0 || g.height <= 0) return;
    float height = std::max(40.0f, size.y - reserved);
    camera.zoom = std::min(size.x / g.width, height / g.height) * 0.95;
    camera.x = g.width / 2 - size.x / (2 * camera.zoom);
    camera.y = g.height / 2 - height / (2 * camera.zoom);
    camera.fitRequested = false;
}

// A pulsing outline around the located item for kFlashSeconds.
void drawFlash(ImDrawList* draw, const App& app, ImVec2 p0, ImVec2 p1) {
    double age = ImGui::GetTime() - app.flashStarted;
    if (age < 0 || age > kFlashSeconds) return;
    float pulse = 0.5f + 0.5f * std::cos(static_cast<float>(age) * 12.0f);
    float grow = 4 + 6 * pulse;
    draw->AddRect({p0.x - grow, p0.y - grow}, {p1.x + grow, p1.y + grow},
                  themeColor(app.theme.highlightEdge, 120 + static_cast<int>(135 * pulse)), 6, 0, 3);
}

// The resource layer on the segment boxes: marks scaled with the map, the selected resource ringed in the
// highlight colour. Returns the mark under `mouse` (index into the scene's resources) or -1.
int drawResourceMarks(ImDrawList* draw, const App& app, const MapScene& scene, const MapGeometry& g, const View& v,
                      ImVec2 mouse) {
    std::vector<ResourceMarkPlace> marks = resourceMarksOnMap(app.state, scene, g);
    float zoom = static_cast<float>(v.zoom);
    float r = std::max(4.0f, static_cast<float>(kResourceMarkRadius) * zoom);
    float glyphPx = 9.5f * zoom * app.textSize / kDefaultTextSize;
    const Selection& selected = app.state.selection;
    for (const ResourceMarkPlace& mark : marks) {
        const ResourceLook& look = scene.resources[mark.look];
        ImVec2 c = v.toScreen(mark.centre);
        paintResourceMark(draw, look, c, r, glyphPx >= 7 ? glyphPx : 0);
        if (selected == Selection{SelectionKind::Resource, look.resource})
            draw->AddCircle(c, r + 3.5f, themeColor(app.theme.highlightEdge), 24, 2.5f);
    }
    double radius = (r + 1.5f) / v.zoom;  // the rim counts: a mark is small
    return resourceMarkAt(marks, {v.x + (mouse.x - v.origin.x) / v.zoom, v.y + (mouse.y - v.origin.y) / v.zoom},
                          radius);
}

}  // namespace

void drawMapPanel(App& app, ImVec2 pos, ImVec2 size) {
    ViewerState& state = app.state;
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin("##map", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    app.mapSize = size;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(pos, {pos.x + size.x, pos.y + size.y}, themeColor(app.theme.background));
    if (!state.hasAnalysis() || !app.geometry || app.geometryBase != state.chain) {
        const char* text = !state.chain           ? tr(state.lang, "打开产业链文件 (Ctrl+O) 或拖放到窗口",
                                                       "Open a chain file (Ctrl+O) or drop it on the window")
                           : !state.hasAnalysis() ? tr(state.lang, "该文件没有区域: 无法分析",
                                                       "This file has no regions: nothing to analyse")
                                                  : tr(state.lang, "布局中…", "Laying out…");
        ImVec2 t = ImGui::CalcTextSize(text);
        draw->AddText({pos.x + (size.x - t.x) / 2, pos.y + (size.y - t.y) / 2}, themeColor(app.theme.textMuted), text);
        ImGui::End();
        return;
    }
    const MapGeometry& g = *app.geometry;
    const Chain& chain = *state.drawn;
    const MapScene& scene = currentScene(app);
    Camera& camera = state.camera;
    std::vector<LegendEntry> legend = shownLegend(scene, state.showResources);
    // The whole-chain resources sit above the legend, in the same box; both wrap to the panel's width.
    float stripWidth = size.x - 40;
    ImVec2 legendSize = paintLegend(nullptr, app, legend, {}, stripWidth);
    ImVec2 stripSize = state.showResources ? paintChainWide(nullptr, app, scene, {}, stripWidth, {}, nullptr)
                                           : ImVec2{};
    float stripGap = stripSize.y > 0 ? ImGui::GetTextLineHeight() * 0.5f : 0;
    float legendHeight = legendSize.y + stripSize.y + stripGap + 12;
    if (camera.fitRequested) fit(camera, g, size, legendHeight);

    // Pan, zoom, select.
    ImGui::SetCursorScreenPos(pos);
    ImGui::InvisibleButton("##canvas", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle);
    app.probe("map");
    bool hovered = ImGui::IsItemHovered();
    ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsItemActive() &&
        (ImGui::IsMouseDragging(ImGuiMouseButton_Left) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle))) {
        camera.x -= io.MouseDelta.x / camera.zoom;
        camera.y -= io.MouseDelta.y / camera.zoom;
    }
    if (hovered && io.MouseWheel != 0) {
        double worldX = camera.x + (io.MousePos.x - pos.x) / camera.zoom;
        double worldY = camera.y + (io.MousePos.y - pos.y) / camera.zoom;
        camera.zoom = std::clamp(camera.zoom * std::pow(1.15, io.MouseWheel), 0.02, 20.0);
        camera.x = worldX - (io.MousePos.x - pos.x) / camera.zoom;
        camera.y = worldY - (io.MousePos.y - pos.y) / camera.zoom;
    }
    View v{pos, camera.x, camera.y, camera.zoom};
    draw->PushClipRect(pos, {pos.x + size.x, pos.y + size.y}, true);
    ImFont* font = ImGui::GetFont();
    float zoom = static_cast<float>(camera.zoom);
    // Map text follows the interface text size (Ctrl +, Ctrl -), with a floor that stays readable.
    float textScale = app.textSize / kDefaultTextSize;
    float baseFont = static_cast<float>(app.theme.fontSize) * textScale;
    float minPx = 11.0f * textScale;

    for (const StageCluster& c : g.clusters) {
        ImVec2 p0 = v.toScreen(c.box.x, c.box.y), p1 = v.toScreen(c.box.x + c.box.w, c.box.y + c.box.h);
        draw->AddRectFilled(p0, p1, themeColor(app.theme.clusterFill), 8 * zoom);
        draw->AddRect(p0, p1, themeColor(app.theme.clusterBorder), 8 * zoom);
        const Stage& stage = chain.stages[c.stage];
        if (baseFont * zoom >= 6.5f)
            draw->AddText(font, std::max(minPx, (baseFont + 1) * zoom), {p0.x + 8 * zoom, p0.y + 4 * zoom},
                          themeColor(app.theme.textMuted), stage.name.pick(state.lang, stage.id).c_str());
    }
    for (const LinkPath& link : g.links) {
        if (link.points.size() < 4) continue;
        for (std::size_t i = 0; i + 3 < link.points.size(); i += 3)
            draw->AddBezierCubic(v.toScreen(link.points[i]), v.toScreen(link.points[i + 1]),
                                 v.toScreen(link.points[i + 2]), v.toScreen(link.points[i + 3]),
                                 themeColor(app.theme.linkEdge), std::max(1.0f, 1.4f * zoom));
        if (link.hasArrow) {
            ImVec2 tip = v.toScreen(link.arrowTip), from = v.toScreen(link.points.back());
            ImVec2 d{tip.x - from.x, tip.y - from.y};
            float length = std::sqrt(d.x * d.x + d.y * d.y);
            if (length > 0.1f) {
                ImVec2 n{-d.y / length * 4 * zoom, d.x / length * 4 * zoom};
                draw->AddTriangleFilled(tip, {from.x + n.x, from.y + n.y}, {from.x - n.x, from.y - n.y},
                                        themeColor(app.theme.linkEdge));
            }
        }
    }

    int hoveredSegment = -1, hoveredFirm = -1, hoveredFirmSegment = -1;
    for (const SegmentNode& node : g.segments) {
        if (!visible(v, node.box, pos, size)) continue;
        ImVec2 p0 = v.toScreen(node.box.x, node.box.y),
               p1 = v.toScreen(node.box.x + node.box.w, node.box.y + node.box.h);
        // Names stay readable when zoomed out (at least 11 px, cut to the box); smaller lines only when large enough.
        SegmentPaint paint{p0,
                           p1,
                           zoom,
                           std::clamp(baseFont * zoom, minPx, 40.0f * textScale),
                           baseFont * 0.8f * zoom,
                           node.firmArea.w > 0};
        paintSegment(draw, app, scene.segments[node.segment], paint);
        if (state.selection == Selection{SelectionKind::Segment, node.segment})
            draw->AddRect({p0.x - 3, p0.y - 3}, {p1.x + 3, p1.y + 3}, themeColor(app.theme.highlightEdge), 8 * zoom, 0,
                          3);
        if (hovered && node.box.contains({camera.x + (io.MousePos.x - pos.x) / camera.zoom,
                                          camera.y + (io.MousePos.y - pos.y) / camera.zoom}))
            hoveredSegment = node.segment;
    }

    // Firms and supply lines (firm level).
    if (!g.firms.empty()) {
        int selectedFirm = state.selection.kind == SelectionKind::Firm ? state.selection.index : -1;
        bool fewLines = g.supplies.size() <= 1500;
        for (const SupplyLine& line : g.supplies) {
            const Supply& supply = chain.supplies[line.supply];
            bool mine = supply.from == selectedFirm || supply.to == selectedFirm;
            if (!mine && !fewLines) continue;
            draw->AddLine(v.toScreen(line.from), v.toScreen(line.to),
                          mine ? themeColor(app.theme.highlightEdge) : themeColor(app.theme.supplyEdge, 60),
                          mine ? 2.5f : 1.0f);
        }
        double mouseX = camera.x + (io.MousePos.x - pos.x) / camera.zoom,
               mouseY = camera.y + (io.MousePos.y - pos.y) / camera.zoom;
        float firmPx = 9 * zoom * textScale;
        bool labels = firmPx >= 8;
        // Level of detail: when cells are under 3 px, each lane is one block and only the firms that must
        // stand out (local, top targets, assumed, selected) are drawn one by one.
        bool aggregate = g.firms.front().box.w * zoom < 3.0;
        if (aggregate)
            for (const SegmentNode& node : g.segments)
                if (node.firmArea.w > 0 && visible(v, node.firmArea, pos, size))
                    draw->AddRectFilled(v.toScreen(node.firmArea.x, node.firmArea.y),
                                        v.toScreen(node.firmArea.x + node.firmArea.w,
                                                   node.firmArea.y + node.firmArea.h),
                                        themeColor(app.theme.firmOther, 200), 2);
        for (const FirmNode& node : g.firms) {
            if (!visible(v, node.box, pos, size)) continue;
            const FirmLook& look = scene.firms[node.firm];
            if (aggregate && look.role == FirmRole::Other && !look.assumed && node.firm != selectedFirm) continue;
            ImVec2 p0 = v.toScreen(node.box.x, node.box.y),
                   p1 = v.toScreen(node.box.x + node.box.w, node.box.y + node.box.h);
            draw->AddRectFilled(p0, p1, themeColor(look.fill), 3 * zoom);
            if (look.assumed) draw->AddRect(p0, p1, themeColor(app.theme.firmAssumed), 3 * zoom, 0, 3);
            if (node.firm == selectedFirm) draw->AddRect(p0, p1, themeColor(app.theme.highlightEdge), 3 * zoom, 0, 3);
            if (labels)
                drawCentredLabel(draw, font, firmPx, {(p0.x + p1.x) / 2, (p0.y + p1.y) / 2}, themeColor(look.textColor),
                                 look.label, p1.x - p0.x - 4);
            if (hovered && node.box.contains({mouseX, mouseY})) {
                hoveredFirm = node.firm;
                hoveredFirmSegment = node.segment;
            }
        }
    }
    int hoveredResource = drawResourceMarks(draw, app, scene, g, v, hovered ? io.MousePos : ImVec2{-1e9f, -1e9f});
    const Box* located = ImGui::GetTime() - app.flashStarted < kFlashSeconds ? app.boxOf(app.flash) : nullptr;
    if (located)  // a firm not drawn at this level flashes its segment
        drawFlash(draw, app, v.toScreen(located->x, located->y),
                  v.toScreen(located->x + located->w, located->y + located->h));
    draw->PopClipRect();

    // Legend in the corner, from the scene (the SVG draws the same entries), on its own background; the
    // whole-chain resources above it.
    ImVec2 corner{pos.x + 10, pos.y + size.y - legendHeight};
    float boxWidth = std::max(legendSize.x, stripSize.x);
    draw->AddRectFilled({corner.x - 6, corner.y - 5}, {corner.x + boxWidth, corner.y + legendHeight - 7},
                        IM_COL32(255, 255, 255, 235), 4);
    if (stripSize.y > 0) {
        int hoveredWide = -1;
        paintChainWide(draw, app, scene, corner, stripWidth, io.MousePos, hovered ? &hoveredWide : nullptr);
        if (hoveredWide >= 0) hoveredResource = hoveredWide;
        corner.y += stripSize.y + stripGap;
    }
    paintLegend(draw, app, legend, corner, stripWidth);

    // Tooltip and selection: a resource mark lies on top of the box it serves.
    if (hoveredResource >= 0) {
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(scene.resources[hoveredResource].title.c_str());
        ImGui::EndTooltip();
    } else if (hoveredFirm >= 0) {
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(scene.firms[hoveredFirm].title.c_str());
        ImGui::TextDisabled("%s", firmRegionsIn(chain, hoveredFirm, hoveredFirmSegment, state.lang).c_str());
        ImGui::EndTooltip();
    } else if (hoveredSegment >= 0) {
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(scene.segments[hoveredSegment].details.c_str());
        ImGui::TextDisabled("%s", tr(state.lang, "双击: 展开企业", "double-click: show firms"));
        ImGui::EndTooltip();
    }
    if (hovered && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
        ImGui::GetMouseDragDelta(ImGuiMouseButton_Left).x == 0 &&
        ImGui::GetMouseDragDelta(ImGuiMouseButton_Left).y == 0) {
        if (hoveredResource >= 0) select(state, {SelectionKind::Resource, scene.resources[hoveredResource].resource});
        else if (hoveredFirm >= 0) select(state, {SelectionKind::Firm, hoveredFirm});
        else if (hoveredSegment >= 0) select(state, {SelectionKind::Segment, hoveredSegment});
        else select(state, {});
    }
    if (hovered && hoveredSegment >= 0 && hoveredFirm < 0 && hoveredResource < 0 &&
        ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
        toggleExpanded(state, hoveredSegment);
    ImGui::End();
}

}  // namespace viewer
