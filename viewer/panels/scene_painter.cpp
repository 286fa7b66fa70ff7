// Painting the core's scene and chart descriptions with ImGui's draw list.
#include "scene_painter.hpp"

#include <algorithm>

#include <imgui_internal.h>  // ImTextCharFromUtf8

namespace viewer {

using namespace chainatlas;

const MapScene& currentScene(App& app) {
    const ViewerState& state = app.state;
    std::string key = std::to_string(state.layoutGeneration) + (state.lang == Lang::Zh ? "zh" : "en") +
                      (state.level == MapLevel::Firm ? "firm" : "segment") +
                      weightsToJson(state.analysis.weights).dump();
    if (key != app.sceneKey && state.hasAnalysis()) {
        app.scene = describeMap(*state.drawn, state.analysis, app.theme, state.level, {state.lang, 10, ""});
        app.sceneKey = key;
    }
    return app.scene;
}

bool drawCentredLabel(ImDrawList* draw, ImFont* font, float fontPx, ImVec2 at, ImU32 color, const std::string& text,
                      float maxWidth) {
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

namespace {

void paintMarks(ImDrawList* draw, const SegmentLook& look, const SegmentPaint& p, ImFont* font) {
    for (const Mark& mark : look.marks) {
        float s = std::max(4.0f, 8 * p.zoom);
        if (mark.kind == MarkKind::SingleSource) {
            ImVec2 c{p.p0.x + 2 * p.zoom, p.p0.y + 2 * p.zoom};
            draw->AddQuadFilled({c.x, c.y - s}, {c.x + s * 0.8f, c.y}, {c.x, c.y + s}, {c.x - s * 0.8f, c.y},
                                themeColor(mark.color));
        } else if (mark.kind == MarkKind::Transfer) {
            ImVec2 c{p.p1.x - 2 * p.zoom, p.p0.y + 2 * p.zoom};
            draw->AddCircleFilled(c, std::max(5.0f, 9 * p.zoom), themeColor(mark.color));
            drawCentredLabel(draw, font, std::max(9.0f, 11 * p.zoom), c, IM_COL32_WHITE, mark.glyph, 30);
        } else if (mark.kind == MarkKind::Changed) {
            draw->AddRect({p.p0.x - 2, p.p0.y - 2}, {p.p1.x + 2, p.p1.y + 2}, themeColor(mark.color), 6 * p.zoom, 0, 3);
            if (p.smallPx >= 8.5f)
                draw->AddText(font, p.smallPx, {p.p0.x, p.p0.y - p.smallPx - 3}, themeColor(mark.color),
                              look.change.c_str());
        }
    }
}

}  // namespace

void paintSegment(ImDrawList* draw, const App& app, const SegmentLook& look, const SegmentPaint& p) {
    draw->AddRectFilled(p.p0, p.p1, themeColor(look.fill), 6 * p.zoom);
    draw->AddRect(p.p0, p.p1, IM_COL32(55, 71, 79, 255), 6 * p.zoom, 0, 1);
    ImFont* font = ImGui::GetFont();
    ImU32 text = themeColor(look.textColor);
    float width = p.p1.x - p.p0.x - 8, cx = (p.p0.x + p.p1.x) / 2;
    // The name stays readable when zoomed out; the smaller lines only when large enough to read.
    bool small = p.smallPx >= 8.5f;
    std::size_t shown = small ? look.lines.size() : 1;
    float lineStep = static_cast<float>(kLabelLineStep) * p.zoom;
    float y = p.labelsAtTop ? p.p0.y + static_cast<float>(kLabelFirstBaseline) * p.zoom - p.namePx / 2
                            : (p.p0.y + p.p1.y) / 2 - lineStep * static_cast<float>(shown - 1) / 2;
    for (std::size_t i = 0; i < shown; ++i, y += lineStep) {
        bool noCandidate = look.noCandidate && i + 1 == look.lines.size() && i > 0;
        drawCentredLabel(draw, font, i == 0 ? p.namePx : p.smallPx, {cx, y}, text, look.lines[i], width);
        if (noCandidate) {  // underlined, so the finding reads as a mark and not as a count
            float w = std::min(width, font->CalcTextSizeA(p.smallPx, FLT_MAX, 0, look.lines[i].c_str()).x);
            draw->AddLine({cx - w / 2, y + p.smallPx / 2 + 1}, {cx + w / 2, y + p.smallPx / 2 + 1}, text, 1.5f);
        }
    }
    paintMarks(draw, look, p, font);
    (void)app;
}

namespace {

void legendSwatch(ImDrawList* draw, const LegendEntry& e, ImVec2 a, float box) {
    ImVec2 b{a.x + box, a.y + box};
    ImU32 color = themeColor(e.color);
    switch (e.shape) {
        case LegendShape::Fill:
        case LegendShape::Firm: draw->AddRectFilled(a, b, color, 3); break;
        case LegendShape::Outline: draw->AddRect(a, b, color, 3, 0, 3); break;
        case LegendShape::Diamond:
            draw->AddQuadFilled({a.x + box / 2, a.y}, {b.x, a.y + box / 2}, {a.x + box / 2, b.y}, {a.x, a.y + box / 2},
                                color);
            break;
        case LegendShape::Badge:
            draw->AddCircleFilled({a.x + box / 2, a.y + box / 2}, box / 2, color);
            if (!e.glyph.empty()) draw->AddText({a.x + box * 0.15f, a.y - 1}, IM_COL32_WHITE, e.glyph.c_str());
            break;
        case LegendShape::Tag: break;  // the sample text is the swatch
    }
}

}  // namespace

ImVec2 paintLegend(ImDrawList* draw, const App& app, const std::vector<LegendEntry>& legend, ImVec2 at) {
    float line = ImGui::GetTextLineHeight(), box = line * 0.8f, gap = line * 0.5f;
    float rowX[3] = {0, 0, 0};
    std::array<int, 3> place = legendRowPlaces(legend);
    int rows = 0;
    for (const LegendEntry& e : legend) {
        float& x = rowX[e.row];
        ImVec2 a{at.x + x, at.y + place[e.row] * (line + gap * 0.5f)};
        rows = std::max(rows, place[e.row] + 1);
        float swatch = box;
        if (e.shape == LegendShape::Tag) {
            swatch = ImGui::CalcTextSize(e.glyph.c_str()).x;
            if (draw) draw->AddText(a, themeColor(e.color), e.glyph.c_str());
        } else if (draw) {
            legendSwatch(draw, e, {a.x, a.y + (line - box) / 2}, box);
        }
        if (draw) draw->AddText({a.x + swatch + gap * 0.5f, a.y}, themeColor(app.theme.textDark), e.label.c_str());
        x += swatch + gap * 0.5f + ImGui::CalcTextSize(e.label.c_str()).x + gap;
    }
    float width = std::max({rowX[0], rowX[1], rowX[2]});
    return {width, rows * line + (rows - 1) * gap * 0.5f};
}

}  // namespace viewer
