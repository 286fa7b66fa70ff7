// The map: the core's layout geometry drawn with the theme's colours, pan (drag), zoom around the cursor
// (wheel), fit (F), hover tooltips, click to select, double-click a segment to show its firms. Labels are
// drawn by level of detail, so thousands of firms stay readable and fast.
#include <algorithm>
#include <array>
#include <cmath>

#include <imgui_internal.h>  // ImTextCharFromUtf8

#include "../app.hpp"
#include "../i18n.hpp"
#include "chainatlas/layout.hpp"

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
    draw->AddRect({p0.x - grow, p0.y - grow}, {p1.x + grow, p1.y + grow}, themeColor(app.theme.highlightEdge, 120 + static_cast<int>(135 * pulse)), 6, 0, 3);
}

// The legend's entries: status colours, then the occupied and complement marks.
std::array<const char*, 7> legendNames(Lang lang) {
    return {statusName(lang, 0), statusName(lang, 1), statusName(lang, 2), statusName(lang, 3), statusName(lang, 4),
            tr(lang, "被占位", "occupied"), tr(lang, "可配套", "complement")};
}

// Lays the legend out in rows that fit `width`; returns each entry's offset from the legend's corner and
// the legend's size in `size`.
std::array<ImVec2, 7> legendLayout(Lang lang, float width, ImVec2& size) {
    float line = ImGui::GetTextLineHeight(), box = line * 0.8f, gap = line * 0.5f;
    std::array<ImVec2, 7> at{};
    float x = gap, y = gap, widest = 0;
    auto names = legendNames(lang);
    for (int i = 0; i < 7; ++i) {
        float w = box + gap * 0.5f + ImGui::CalcTextSize(names[i]).x + gap;
        if (x > gap && x + w > width) {  // next row
            x = gap;
            y += line + gap * 0.5f;
        }
        at[i] = {x, y};
        x += w;
        widest = std::max(widest, x);
    }
    size = {widest, y + line + gap};
    return at;
}

// Status colours and marks, on a panel of their own in the bottom-left corner.
void drawLegend(ImDrawList* draw, const App& app, ImVec2 pos, ImVec2 size) {
    ImVec2 extent;
    auto at = legendLayout(app.state.lang, size.x - 12, extent);
    auto names = legendNames(app.state.lang);
    float line = ImGui::GetTextLineHeight(), box = line * 0.8f, gap = line * 0.5f;
    ImVec2 corner{pos.x + 6, pos.y + size.y - extent.y - 6};
    draw->AddRectFilled(corner, {corner.x + extent.x, corner.y + extent.y}, IM_COL32(255, 255, 255, 235), 4);
    draw->AddRect(corner, {corner.x + extent.x, corner.y + extent.y}, IM_COL32(176, 190, 197, 255), 4);
    for (int i = 0; i < 7; ++i) {
        ImVec2 a{corner.x + at[i].x, corner.y + at[i].y + (line - box) / 2}, b{a.x + box, a.y + box};
        if (i < 5) draw->AddRectFilled(a, b, themeColor(app.theme.status[i]), 3);
        else if (i == 5) draw->AddRect(a, b, themeColor(app.theme.occupiedBorder), 3, 0, 3);
        else draw->AddCircleFilled({a.x + box / 2, a.y + box / 2}, box / 2, themeColor(app.theme.complementBadge));
        draw->AddText({a.x + box + gap * 0.5f, corner.y + at[i].y}, themeColor(app.theme.textDark), names[i]);
    }
}

// Text centred in a box if it fits at this zoom; returns false when too small to read.
bool label(ImDrawList* draw, ImFont* font, float fontPx, ImVec2 at, ImU32 color, const std::string& text, float maxWidth) {
    if (fontPx < 6.5f) return false;
    ImVec2 size = font->CalcTextSizeA(fontPx, FLT_MAX, 0, text.c_str());
    const char* end = text.c_str() + text.size();
    if (size.x > maxWidth) {
        // Cut to fit, at a character boundary.
        const char* cut = text.c_str();
        float width = 0;
        while (cut < end) {
            unsigned int c;
            int n = ImTextCharFromUtf8(&c, cut, end);
            float w = font->CalcTextSizeA(fontPx, FLT_MAX, 0, cut, cut + n).x;
            if (width + w > maxWidth) break;
            width += w;
            cut += n;
        }
        end = cut;
        size.x = width;
    }
    draw->AddText(font, fontPx, {at.x - size.x / 2, at.y - size.y / 2}, color, text.c_str(), end);
    return true;
}

}  // namespace

void drawMapPanel(App& app, ImVec2 pos, ImVec2 size) {
    ViewerState& state = app.state;
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin("##map", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBringToFrontOnFocus);
    app.mapSize = size;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(pos, {pos.x + size.x, pos.y + size.y}, themeColor(app.theme.background));
    if (!state.hasAnalysis() || !app.geometry || app.geometryBase != state.chain) {
        const char* text = !state.chain ? tr(state.lang, "打开产业链文件 (Ctrl+O) 或拖放到窗口", "Open a chain file (Ctrl+O) or drop it on the window")
                           : !state.hasAnalysis() ? tr(state.lang, "该文件没有区域: 无法分析", "This file has no regions: nothing to analyse")
                                                  : tr(state.lang, "布局中…", "Laying out…");
        ImVec2 t = ImGui::CalcTextSize(text);
        draw->AddText({pos.x + (size.x - t.x) / 2, pos.y + (size.y - t.y) / 2}, themeColor(app.theme.textMuted), text);
        ImGui::End();
        return;
    }
    const MapGeometry& g = *app.geometry;
    const Chain& chain = *state.drawn;
    const Analysis& a = state.analysis;
    Camera& camera = state.camera;
    ImVec2 legendSize;
    legendLayout(state.lang, size.x - 12, legendSize);
    float legendHeight = legendSize.y + 12;
    if (camera.fitRequested) fit(camera, g, size, legendHeight);

    // Pan, zoom, select.
    ImGui::SetCursorScreenPos(pos);
    ImGui::InvisibleButton("##canvas", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle);
    app.probe("map");
    bool hovered = ImGui::IsItemHovered();
    ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsItemActive() && (ImGui::IsMouseDragging(ImGuiMouseButton_Left) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle))) {
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
            draw->AddText(font, std::max(minPx, (baseFont + 1) * zoom), {p0.x + 8 * zoom, p0.y + 4 * zoom}, themeColor(app.theme.textMuted),
                          stage.name.pick(state.lang, stage.id).c_str());
    }
    for (const LinkPath& link : g.links) {
        if (link.points.size() < 4) continue;
        for (std::size_t i = 0; i + 3 < link.points.size(); i += 3)
            draw->AddBezierCubic(v.toScreen(link.points[i]), v.toScreen(link.points[i + 1]), v.toScreen(link.points[i + 2]),
                                 v.toScreen(link.points[i + 3]), themeColor(app.theme.linkEdge), std::max(1.0f, 1.4f * zoom));
        if (link.hasArrow) {
            ImVec2 tip = v.toScreen(link.arrowTip), from = v.toScreen(link.points.back());
            ImVec2 d{tip.x - from.x, tip.y - from.y};
            float length = std::sqrt(d.x * d.x + d.y * d.y);
            if (length > 0.1f) {
                ImVec2 n{-d.y / length * 4 * zoom, d.x / length * 4 * zoom};
                draw->AddTriangleFilled(tip, {from.x + n.x, from.y + n.y}, {from.x - n.x, from.y - n.y}, themeColor(app.theme.linkEdge));
            }
        }
    }

    int hoveredSegment = -1, hoveredFirm = -1;
    for (const SegmentNode& node : g.segments) {
        if (!visible(v, node.box, pos, size)) continue;
        const SegmentResult& r = a.segments[node.segment];
        ImVec2 p0 = v.toScreen(node.box.x, node.box.y), p1 = v.toScreen(node.box.x + node.box.w, node.box.y + node.box.h);
        draw->AddRectFilled(p0, p1, themeColor(app.theme.statusColor(r.status)), 6 * zoom);
        bool selected = state.selection == Selection{SelectionKind::Segment, node.segment};
        if (r.occupied) draw->AddRect(p0, p1, themeColor(app.theme.occupiedBorder), 6 * zoom, 0, std::max(2.0f, 4 * zoom));
        else draw->AddRect(p0, p1, IM_COL32(55, 71, 79, 255), 6 * zoom, 0, 1);
        if (selected) draw->AddRect({p0.x - 3, p0.y - 3}, {p1.x + 3, p1.y + 3}, themeColor(app.theme.highlightEdge), 8 * zoom, 0, 3);
        if (r.complement) {
            draw->AddCircleFilled({p1.x - 2 * zoom, p0.y + 2 * zoom}, std::max(4.0f, 9 * zoom), themeColor(app.theme.complementBadge));
            label(draw, font, 11 * zoom, {p1.x - 2 * zoom, p0.y + 2 * zoom}, IM_COL32_WHITE, tr(state.lang, "配", "C"), 20 * zoom);
        }
        if (r.singleSource) {
            ImVec2 c{p0.x + 2 * zoom, p0.y + 2 * zoom};
            float s = std::max(4.0f, 8 * zoom);
            draw->AddQuadFilled({c.x, c.y - s}, {c.x + s * 0.8f, c.y}, {c.x, c.y + s}, {c.x - s * 0.8f, c.y}, themeColor(app.theme.singleSourceMark));
        }
        bool dark = r.status == SegmentStatus::Weak || r.status == SegmentStatus::Absent;
        ImU32 text = themeColor(dark ? app.theme.textDark : app.theme.textLight);
        std::string name = chain.segments[node.segment].name.pick(state.lang, chain.segments[node.segment].id);
        std::string count = std::to_string(r.sites) + tr(state.lang, " 个本地站点", " local sites");
        float width = p1.x - p0.x - 8;
        // Names stay readable when zoomed out (at least 11 px, cut to the box); the count only when large enough.
        float namePx = std::clamp(baseFont * zoom, minPx, 40.0f * textScale), countPx = baseFont * 0.8f * zoom;
        bool roomForCount = countPx >= 8.5f;
        if (node.firmArea.w > 0) {
            label(draw, font, namePx, {(p0.x + p1.x) / 2, p0.y + 14 * zoom}, text, name, width);
            if (roomForCount) label(draw, font, countPx, {(p0.x + p1.x) / 2, p0.y + 30 * zoom}, text, count, width);
        } else {
            float cy = (p0.y + p1.y) / 2;
            label(draw, font, namePx, {(p0.x + p1.x) / 2, roomForCount ? cy - 7 * zoom : cy}, text, name, width);
            if (roomForCount) label(draw, font, countPx, {(p0.x + p1.x) / 2, cy + 9 * zoom}, text, count, width);
        }
        if (hovered && node.box.contains({camera.x + (io.MousePos.x - pos.x) / camera.zoom, camera.y + (io.MousePos.y - pos.y) / camera.zoom}))
            hoveredSegment = node.segment;
    }

    // Firms and supply lines (firm level).
    if (!g.firms.empty()) {
        std::vector<int> rank(chain.firms.size(), 0);
        for (const Target& t : a.targets) rank[t.firm] = t.rank;
        int selectedFirm = state.selection.kind == SelectionKind::Firm ? state.selection.index : -1;
        bool fewLines = g.supplies.size() <= 1500;
        for (const SupplyLine& line : g.supplies) {
            const Supply& supply = chain.supplies[line.supply];
            bool mine = supply.from == selectedFirm || supply.to == selectedFirm;
            if (!mine && !fewLines) continue;
            draw->AddLine(v.toScreen(line.from), v.toScreen(line.to),
                          mine ? themeColor(app.theme.highlightEdge) : themeColor(app.theme.supplyEdge, 60), mine ? 2.5f : 1.0f);
        }
        double mouseX = camera.x + (io.MousePos.x - pos.x) / camera.zoom, mouseY = camera.y + (io.MousePos.y - pos.y) / camera.zoom;
        float firmPx = 9 * zoom * textScale;
        bool labels = firmPx >= 8;
        // Level of detail: when cells are under 3 px, each lane is one block and only the firms that must
        // stand out (local, top targets, assumed, selected) are drawn one by one.
        bool aggregate = g.firms.front().box.w * zoom < 3.0;
        if (aggregate)
            for (const SegmentNode& node : g.segments)
                if (node.firmArea.w > 0 && visible(v, node.firmArea, pos, size))
                    draw->AddRectFilled(v.toScreen(node.firmArea.x, node.firmArea.y),
                                        v.toScreen(node.firmArea.x + node.firmArea.w, node.firmArea.y + node.firmArea.h),
                                        themeColor(app.theme.firmOther, 200), 2);
        for (const FirmNode& node : g.firms) {
            if (!visible(v, node.box, pos, size)) continue;
            bool local = false, assumed = false;
            for (const Site& site : chain.firms[node.firm].sites)
                if (site.region == a.region) {
                    local = true;
                    assumed = assumed || site.extra.contains("assumed");
                }
            bool target = !local && rank[node.firm] > 0 && rank[node.firm] <= 20;
            if (aggregate && !local && !target && node.firm != selectedFirm) continue;
            const std::string& fill = local ? app.theme.firmLocal : (target ? app.theme.firmTarget : app.theme.firmOther);
            ImVec2 p0 = v.toScreen(node.box.x, node.box.y), p1 = v.toScreen(node.box.x + node.box.w, node.box.y + node.box.h);
            draw->AddRectFilled(p0, p1, themeColor(fill), 3 * zoom);
            if (assumed) draw->AddRect(p0, p1, themeColor(app.theme.firmAssumed), 3 * zoom, 0, 3);
            if (node.firm == selectedFirm) draw->AddRect(p0, p1, themeColor(app.theme.highlightEdge), 3 * zoom, 0, 3);
            if (labels) {
                const Firm& firm = chain.firms[node.firm];
                std::string text = firm.name.pick(state.lang, firm.id);
                if (target) text.insert(0, "#" + std::to_string(rank[node.firm]).append(" "));
                label(draw, font, firmPx, {(p0.x + p1.x) / 2, (p0.y + p1.y) / 2},
                      themeColor(local || target ? app.theme.textLight : app.theme.textDark), text, p1.x - p0.x - 4);
            }
            if (hovered && node.box.contains({mouseX, mouseY})) hoveredFirm = node.firm;
        }
    }
    const Box* located = ImGui::GetTime() - app.flashStarted < kFlashSeconds ? app.boxOf(app.flash) : nullptr;
    if (located)  // a firm not drawn at this level flashes its segment
        drawFlash(draw, app, v.toScreen(located->x, located->y), v.toScreen(located->x + located->w, located->y + located->h));
    draw->PopClipRect();

    // Tooltip and selection.
    if (hoveredFirm >= 0) {
        const Firm& firm = chain.firms[hoveredFirm];
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(firm.name.pick(state.lang, firm.id).c_str());
        ImGui::TextDisabled("%s%s", firm.id.c_str(), firm.leader ? tr(state.lang, " · 链主", " · chain leader") : "");
        for (const Target& t : a.targets)
            if (t.firm == hoveredFirm) ImGui::Text("%s %d · %s %.2f", tr(state.lang, "排名", "rank"), t.rank, tr(state.lang, "得分", "score"), t.score);
        ImGui::EndTooltip();
    } else if (hoveredSegment >= 0) {
        const SegmentResult& r = a.segments[hoveredSegment];
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(chain.segments[hoveredSegment].name.pick(state.lang, chain.segments[hoveredSegment].id).c_str());
        ImGui::Text("%s · RCA %.2f · %s %.2f", statusName(state.lang, static_cast<int>(r.status)), r.rca,
                    tr(state.lang, "关联密度", "density"), r.density);
        if (r.occupied) ImGui::TextColored(ImColor(themeColor(app.theme.occupiedBorder)), "%s", tr(state.lang, "枢纽已占优: 错位发展", "occupied by a hub: complement, do not compete"));
        if (r.complement) ImGui::TextColored(ImColor(themeColor(app.theme.complementBadge)), "%s", tr(state.lang, "可为枢纽配套", "complement: can supply the hub"));
        if (r.singleSource) ImGui::TextUnformatted(tr(state.lang, "独家供应 (卡脖子)", "single source (chokepoint)"));
        ImGui::TextDisabled("%s", tr(state.lang, "双击: 展开企业", "double-click: show firms"));
        ImGui::EndTooltip();
    }
    if (hovered && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && ImGui::GetMouseDragDelta(ImGuiMouseButton_Left).x == 0 &&
        ImGui::GetMouseDragDelta(ImGuiMouseButton_Left).y == 0) {
        if (hoveredFirm >= 0) select(state, {SelectionKind::Firm, hoveredFirm});
        else if (hoveredSegment >= 0) select(state, {SelectionKind::Segment, hoveredSegment});
        else select(state, {});
    }
    if (hovered && hoveredSegment >= 0 && hoveredFirm < 0 && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
        toggleExpanded(state, hoveredSegment);

    drawLegend(draw, app, pos, size);
    ImGui::End();
}

}  // namespace viewer
