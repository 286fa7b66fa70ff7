// Painting the core's scene and chart descriptions with ImGui's draw list.
#include "panels/scene_painter.hpp"

#include "tools/probe.hpp"

#include <algorithm>

#include <imgui_internal.h>  // ImTextCharFromUtf8

namespace viewer {

using namespace chainatlas;

const MapScene& currentScene(App& app) {
    const ViewerState& state = app.state;
    std::string key = std::to_string(state.layoutGeneration()) + (state.lang == Lang::Zh ? "zh" : "en") +
                      (state.level == MapLevel::Firm ? "firm" : "segment") +
                      weightsToJson(state.analysis().weights).dump();
    if (key != app.sceneKey && state.hasAnalysis()) {
        app.scene = describeMap(*state.drawn, state.analysis(), app.theme, state.level, {state.lang, 10, ""});
        app.sceneKey = key;
    }
    return app.scene;
}

// The smallest size a label is shrunk to before it is cut (pixels; still legible CJK on a meeting screen).
constexpr float kMinFittedPx = 10.0f;
// A box grows to its name up to this many times its width; beyond, the map is zoomed too far out for names to
// be read without running into each other (a 300-segment chain fitted to the window), and none is drawn.
constexpr float kMostGrowth = 2.5f;

namespace {
const char* const kEllipsis = "\xE2\x80\xA6";

// The size a text `textWidth` wide at `fontPx` is shrunk to for `maxWidth`: in proportion, but not below
// kMinFittedPx (nor above fontPx), so a four-character name is not cut when the map is zoomed out to fit.
float shrunkPx(float fontPx, float textWidth, float maxWidth) {
    return std::min(fontPx, std::max(std::min(fontPx, kMinFittedPx), fontPx * maxWidth / textWidth));
}
}  // namespace

FittedLabel fitLabel(ImFont* font, float fontPx, std::string_view text, float maxWidth) {
    FittedLabel fit{text, fontPx, false};
    if (fontPx < 6.5f) return {{}, fontPx, false};
    float width = font->CalcTextSizeA(fontPx, FLT_MAX, 0, text.data(), text.data() + text.size()).x;
    if (width > maxWidth && maxWidth > 0) {  // too wide: a smaller size first; only what still does not fit is cut
        fit.px = shrunkPx(fontPx, width, maxWidth);
        if (fit.px < fontPx) width = font->CalcTextSizeA(fit.px, FLT_MAX, 0, text.data(), text.data() + text.size()).x;
    }
    if (width <= maxWidth) return fit;
    // Cut at a character boundary, with an ellipsis so that a cut name never reads as a whole one (a firm cell
    // once read "Lithiu"); nothing at all when not even one character fits beside the ellipsis.
    float room = maxWidth - font->CalcTextSizeA(fit.px, FLT_MAX, 0, kEllipsis).x;
    const char* begin = text.data();
    const char* end = begin + text.size();
    const char* cut = begin;
    float used = 0;
    while (cut < end) {
        unsigned int c;
        int n = ImTextCharFromUtf8(&c, cut, end);
        float w = font->CalcTextSizeA(fit.px, FLT_MAX, 0, cut, cut + n).x;
        if (used + w > room) break;
        used += w;
        cut += n;
    }
    if (cut == begin) return {{}, fit.px, false};
    return {std::string_view(begin, static_cast<std::size_t>(cut - begin)), fit.px, true};
}

bool drawCentredLabel(ImDrawList* draw, ImFont* font, float fontPx, ImVec2 at, ImU32 color, const std::string& text,
                      float maxWidth, const char* probeKind, const std::string& probeId) {
    FittedLabel fit = fitLabel(font, fontPx, text, maxWidth);
    if (fit.shown.empty()) return false;
    std::string shortened;
    std::string_view shown = fit.shown;
    if (fit.ellipsis) shortened.append(fit.shown).append(kEllipsis), shown = shortened;
    ImVec2 size = font->CalcTextSizeA(fit.px, FLT_MAX, 0, shown.data(), shown.data() + shown.size());
    draw->AddText(font, fit.px, {at.x - size.x / 2, at.y - size.y / 2}, color, shown.data(),
                  shown.data() + shown.size());
    if (probeKind) probe::label(probeKind, probeId, {at.x - size.x / 2, at.y - size.y / 2}, size);
    return true;
}

namespace {

// A tag with white text on `color`, its top right corner at `corner` (the transfer mark, 成果转化).
float pillWidth(ImFont* font, float px, const std::string& text) {
    return font->CalcTextSizeA(px, FLT_MAX, 0, text.c_str()).x + 10;
}

void paintPill(ImDrawList* draw, ImFont* font, float px, ImVec2 corner, ImU32 color, const std::string& text) {
    ImVec2 size = font->CalcTextSizeA(px, FLT_MAX, 0, text.c_str());
    float h = px + 5, w = size.x + 10;
    draw->AddRectFilled({corner.x - w, corner.y}, {corner.x, corner.y + h}, color, h / 2);
    draw->AddRect({corner.x - w, corner.y}, {corner.x, corner.y + h}, IM_COL32_WHITE, h / 2, 0, 1.5f);
    draw->AddText(font, px, {corner.x - w + 5, corner.y + (h - size.y) / 2}, IM_COL32_WHITE, text.c_str());
}

float transferBadgePx(const SegmentPaint& p) { return std::max(9.0f, std::min(p.namePx, 10 * p.zoom)); }

void paintMarks(ImDrawList* draw, const SegmentLook& look, const SegmentPaint& p, ImFont* font) {
    for (const Mark& mark : look.marks) {
        float s = std::max(4.0f, 8 * p.zoom);
        if (mark.kind == MarkKind::SingleSource) {
            ImVec2 c{p.p0.x + 2 * p.zoom, p.p0.y + 2 * p.zoom};
            draw->AddQuadFilled({c.x, c.y - s}, {c.x + s * 0.8f, c.y}, {c.x, c.y + s}, {c.x - s * 0.8f, c.y},
                                themeColor(mark.color));
        } else if (mark.kind == MarkKind::Transfer) {
            // Inside the box at its right end, beside the name (paintSegment keeps the name clear of it): above
            // the box it covered the names of the boxes around it.
            float px = transferBadgePx(p), w = pillWidth(font, px, mark.glyph);
            if (w > p.p1.x - p.p0.x - 4) continue;  // zoomed too far out for a badge: the hover text says it
            ImVec2 corner{p.p1.x - 2, p.nameY - (px + 5) / 2};
            paintPill(draw, font, px, corner, themeColor(mark.color), mark.glyph);
            probe::label("badge", p.id, {corner.x - w, corner.y}, {w, px + 5});
        } else if (mark.kind == MarkKind::Changed) {
            draw->AddRect({p.p0.x - 2, p.p0.y - 2}, {p.p1.x + 2, p.p1.y + 2}, themeColor(mark.color), 6 * p.zoom, 0, 3);
            if (p.smallPx >= 8.5f)
                draw->AddText(font, p.smallPx, {p.p0.x, p.p0.y - p.smallPx - 3}, themeColor(mark.color),
                              look.change.c_str());
        }
    }
}

}  // namespace

NameFit fitSegmentName(ImFont* font, float fontPx, const std::string& name, float width) {
    NameFit fit{fontPx, 0};
    if (fontPx < 6.5f || name.empty()) return fit;
    float textWidth = font->CalcTextSizeA(fontPx, FLT_MAX, 0, name.c_str()).x;
    if (textWidth <= width) return fit;
    fit.px = shrunkPx(fontPx, textWidth, width);  // as fitLabel shrinks
    float needed = font->CalcTextSizeA(fit.px, FLT_MAX, 0, name.c_str()).x;
    if (needed > kMostGrowth * width) return NameFit{};  // zoomed too far out for names: none, not a jumble
    if (needed > width) fit.grow = (needed - width) / 2 + 1;
    return fit;
}

namespace {

// Where a chart label may go, best first: right of, left of, above and below its point, measured with the
// viewer's font, the side the core chose (with its estimate of the text's width) first. The core's own place
// is not taken as it is: where its four were taken it stacked a label lines away from its point.
std::vector<ImRect> chartLabelPlaces(const ChartPoint& p, float width, float px) {
    float x = static_cast<float>(p.x), y = static_cast<float>(p.y), r = static_cast<float>(p.radius) + 3;
    ImVec2 corners[] = {{x + r, y - px / 2},
                        {x - r - width, y - px / 2},
                        {x - width / 2, y - r - px - 1},
                        {x - width / 2, y + r + 1}};
    int first = p.labelEnd ? 1 : p.labelY < p.y - p.radius ? 2 : p.labelY > p.y + p.radius + px ? 3 : 0;
    std::vector<ImRect> places;
    places.emplace_back(corners[first], ImVec2{corners[first].x + width, corners[first].y + px});
    for (int i = 0; i < 4; ++i)
        if (i != first) places.emplace_back(corners[i], ImVec2{corners[i].x + width, corners[i].y + px});
    return places;
}

bool insideChart(const PriorityChart& chart, const ImRect& box) {
    return box.Min.x >= 0 && box.Max.x <= static_cast<float>(chart.width) && box.Min.y >= 0 &&
           box.Max.y <= static_cast<float>(chart.height);
}

}  // namespace

std::vector<ImRect> chartLabelsShown(const PriorityChart& chart, ImFont* font, float px, int selectedSegment,
                                     const std::vector<ImRect>& blocked) {
    std::vector<ImRect> boxes(chart.points.size(), ImRect(0, 0, 0, 0));
    std::vector<ImRect> kept = blocked, circles;
    for (const ChartPoint& p : chart.points) {  // no label over another point
        float x = static_cast<float>(p.x), y = static_cast<float>(p.y), r = static_cast<float>(p.radius);
        circles.emplace_back(ImVec2{x - r, y - r}, ImVec2{x + r, y + r});
    }
    auto clear = [&](const ImRect& box, std::size_t own) {
        for (std::size_t j = 0; j < circles.size(); ++j)
            if (j != own && circles[j].Overlaps(box)) return false;
        return std::none_of(kept.begin(), kept.end(), [&](const ImRect& k) { return k.Overlaps(box); });
    };
    for (std::size_t i = 0; i < chart.points.size(); ++i) {
        const ChartPoint& p = chart.points[i];
        float width = font->CalcTextSizeA(px, FLT_MAX, 0, p.label.c_str()).x;
        std::vector<ImRect> places = chartLabelPlaces(p, width, px);
        auto fits = [&](const ImRect& box) { return insideChart(chart, box) && clear(box, i); };
        auto found = std::find_if(places.begin(), places.end(), fits);
        if (found != places.end()) boxes[i] = *found;
        else if (p.segment == selectedSegment) {  // the selected one is always named, inside the chart
            ImRect box = places.front();
            float shift = std::clamp(box.Min.x, 0.0f, std::max(0.0f, static_cast<float>(chart.width) - width)) -
                          box.Min.x;
            boxes[i] = ImRect{{box.Min.x + shift, box.Min.y}, {box.Max.x + shift, box.Max.y}};
        }
        if (boxes[i].GetWidth() > 0) kept.push_back(boxes[i]);
    }
    return boxes;
}

void paintSegment(ImDrawList* draw, const SegmentLook& look, const SegmentPaint& original) {
    ImFont* font = ImGui::GetFont();
    SegmentPaint p = original;
    // A box grows to its name only into the free room beside it (p.maxGrow: half the gap to its neighbours,
    // inside its stage's frame); a box grown further ran into its neighbours at 1280x800. A name that still
    // does not fit is shrunk to kMinFittedPx, then cut with "…"; the hover text has it whole.
    if (!p.labelsAtTop && !look.lines.empty() && p.namePx >= 6.5f) {
        float room = p.p1.x - p.p0.x - 8;
        float textWidth = font->CalcTextSizeA(p.namePx, FLT_MAX, 0, look.lines.front().c_str()).x;
        if (textWidth > room) {
            p.namePx = shrunkPx(p.namePx, textWidth, room + 2 * p.maxGrow);
            float needed = font->CalcTextSizeA(p.namePx, FLT_MAX, 0, look.lines.front().c_str()).x;
            float grow = std::clamp((needed - room) / 2 + 1, 0.0f, std::max(0.0f, p.maxGrow));
            p.p0.x -= grow, p.p1.x += grow;
        }
    }
    draw->AddRectFilled(p.p0, p.p1, themeColor(look.fill), 6 * p.zoom);
    draw->AddRect(p.p0, p.p1, IM_COL32(55, 71, 79, 255), 6 * p.zoom, 0, 1);
    ImU32 text = themeColor(look.textColor);
    float width = p.p1.x - p.p0.x - 8, cx = (p.p0.x + p.p1.x) / 2;
    for (const Mark& mark : look.marks)
        if (mark.kind == MarkKind::Transfer) {  // the badge stands at the right end of the name's line
            float badge = pillWidth(font, transferBadgePx(p), mark.glyph) + 4;
            if (badge < width) width -= badge, cx -= badge / 2;
        }
    // The name stays readable when zoomed out; the smaller lines only when large enough to read.
    bool small = p.smallPx >= 8.5f;
    std::size_t shown = small ? look.lines.size() : 1;
    float lineStep = static_cast<float>(kLabelLineStep) * p.zoom;
    float y = p.labelsAtTop ? p.p0.y + static_cast<float>(kLabelFirstBaseline) * p.zoom - p.namePx / 2
                            : (p.p0.y + p.p1.y) / 2 - lineStep * static_cast<float>(shown - 1) / 2;
    p.nameY = y;
    for (std::size_t i = 0; i < shown; ++i, y += lineStep) {
        bool noCandidate = look.noCandidate && i + 1 == look.lines.size() && i > 0;
        drawCentredLabel(draw, font, i == 0 ? p.namePx : p.smallPx, {cx, y}, text, look.lines[i], width, "segment",
                         p.id + (i == 0 ? "" : "/" + std::to_string(i)));
        if (noCandidate) {  // underlined, so the finding reads as a mark and not as a count
            float w = std::min(width, font->CalcTextSizeA(p.smallPx, FLT_MAX, 0, look.lines[i].c_str()).x);
            draw->AddLine({cx - w / 2, y + p.smallPx / 2 + 1}, {cx + w / 2, y + p.smallPx / 2 + 1}, text, 1.5f);
        }
    }
    paintMarks(draw, look, p, font);
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
        case LegendShape::Pill: break;  // drawn by paintLegend: as wide as its text
        case LegendShape::Resource: {
            ResourceLook look;
            look.colors = {e.color};
            look.local = !e.hollow;
            look.confirmed = !e.faded;
            paintResourceMark(draw, look, {a.x + box / 2, a.y + box / 2}, box / 2, 0);
            break;
        }
        case LegendShape::Tag: break;  // the sample text is the swatch
    }
}

}  // namespace

void paintResourceMark(ImDrawList* draw, const ResourceLook& look, ImVec2 c, float r, float glyphPx) {
    int alpha = look.confirmed ? 255 : 115;  // the SVG's opacity 0.45
    float scale = r / static_cast<float>(kResourceMarkRadius);
    draw->AddCircleFilled(c, r + 1.5f * scale, IM_COL32(255, 255, 255, alpha), 24);
    std::size_t n = std::min<std::size_t>(look.colors.size(), 2);
    for (std::size_t i = 0; i < n; ++i) {
        // One chain: the whole circle; two (a university): the left half, then the right half (y points down).
        float a0 = n == 1 ? 0 : (i == 0 ? IM_PI / 2 : -IM_PI / 2), a1 = n == 1 ? 2 * IM_PI : a0 + IM_PI;
        ImU32 color = themeColor(look.colors[i], alpha);
        draw->PathArcTo(c, look.local ? r : r - 0.9f * scale, a0, a1, 24);
        if (look.local) draw->PathFillConvex(color);
        else draw->PathStroke(color, n == 1 ? ImDrawFlags_Closed : 0, 1.8f * scale);
    }
    if (glyphPx > 0 && !look.glyph.empty() && !look.colors.empty())
        drawCentredLabel(draw, ImGui::GetFont(), glyphPx, c,
                         look.local ? IM_COL32(255, 255, 255, alpha) : themeColor(look.colors[0], alpha), look.glyph,
                         3 * r);
}

namespace {

// `text` in the current font, cut at a character boundary to fit `maxWidth` with "…" when cut.
std::string cutToWidth(const std::string& text, float maxWidth) {
    if (ImGui::CalcTextSize(text.c_str()).x <= maxWidth) return text;
    float room = maxWidth - ImGui::CalcTextSize("…").x;
    const char *begin = text.c_str(), *cut = begin, *end = begin + text.size();
    while (cut < end) {
        unsigned int c;
        const char* next = cut + ImTextCharFromUtf8(&c, cut, end);
        if (ImGui::CalcTextSize(begin, next).x > room) break;
        cut = next;
    }
    return std::string(begin, cut) + "…";
}

}  // namespace

ImVec2 paintChainWide(ImDrawList* draw, const Theme& theme, const MapScene& scene, const Selection& selected, ImVec2 at,
                      float maxWidth, ImVec2 mouse, int* hovered) {
    if (scene.chainWide.empty()) return {0, 0};
    float line = ImGui::GetTextLineHeight(), r = line * 0.42f, gap = line * 0.5f;
    ImU32 muted = themeColor(theme.textMuted), dark = themeColor(theme.textDark);
    if (draw) draw->AddText(at, muted, scene.chainWideLabel.c_str());
    float x = ImGui::CalcTextSize(scene.chainWideLabel.c_str()).x + gap, y = 0, widest = x;
    for (int i : scene.chainWide) {
        const ResourceLook& look = scene.resources[i];
        std::string name = cutToWidth(look.label, line * 14);  // the full name is in the tooltip
        float nameWidth = ImGui::CalcTextSize(name.c_str()).x;
        float itemWidth = 2 * r + gap * 0.5f + nameWidth + gap * 1.5f;
        if (x + itemWidth > maxWidth && x > 0) {
            x = 0;
            y += line + gap * 0.5f;
        }
        ImVec2 p{at.x + x, at.y + y};
        if (draw) {
            paintResourceMark(draw, look, {p.x + r, p.y + line / 2}, r, line * 0.62f);
            if (selected == Selection{SelectionKind::Resource, look.resource})
                draw->AddCircle({p.x + r, p.y + line / 2}, r + 3.5f, themeColor(theme.highlightEdge), 24, 2.5f);
            draw->AddText({p.x + 2 * r + gap * 0.5f, p.y}, dark, name.c_str());
        }
        if (hovered && mouse.x >= p.x && mouse.x <= p.x + itemWidth - gap && mouse.y >= p.y && mouse.y <= p.y + line)
            *hovered = i;
        x += itemWidth;
        widest = std::max(widest, x);
    }
    return {widest, y + line};
}

std::vector<LegendEntry> shownLegend(const MapScene& scene, bool showResources) {
    std::vector<LegendEntry> legend;
    for (const LegendEntry& e : scene.legend)
        if (showResources || e.shape != LegendShape::Resource) legend.push_back(e);
    return legend;
}

ImVec2 paintLegend(ImDrawList* draw, const Theme& theme, const std::vector<LegendEntry>& legend, ImVec2 at,
                   float maxWidth) {
    float line = ImGui::GetTextLineHeight(), box = line * 0.8f, gap = line * 0.5f, step = line + gap * 0.5f;
    float x = 0, y = -step, widest = 0;
    // Row by row; an entry that would pass maxWidth starts a new line of its row.
    for (int row = 0; row < kLegendRows; ++row) {
        bool first = true;
        for (const LegendEntry& e : legend) {
            if (e.row != row) continue;
            float swatch = box;
            if (e.shape == LegendShape::Tag) swatch = ImGui::CalcTextSize(e.glyph.c_str()).x;
            float pillPx = ImGui::GetFontSize() * 0.8f;
            if (e.shape == LegendShape::Pill)
                swatch = ImGui::GetFont()->CalcTextSizeA(pillPx, FLT_MAX, 0, e.glyph.c_str()).x + 10;
            float width = swatch + gap * 0.5f + ImGui::CalcTextSize(e.label.c_str()).x;
            if (first || x + width > maxWidth) {
                x = 0;
                y += step;
            }
            first = false;
            ImVec2 a{at.x + x, at.y + y};
            if (!draw) {
            } else if (e.shape == LegendShape::Tag) {
                draw->AddText(a, themeColor(e.color), e.glyph.c_str());
            } else if (e.shape == LegendShape::Pill) {
                paintPill(draw, ImGui::GetFont(), pillPx, {a.x + swatch, a.y + (line - pillPx - 5) / 2},
                          themeColor(e.color), e.glyph);
            } else {
                legendSwatch(draw, e, {a.x, a.y + (line - box) / 2}, box);
            }
            if (draw) draw->AddText({a.x + swatch + gap * 0.5f, a.y}, themeColor(theme.textDark), e.label.c_str());
            if (draw) probe::label("legend", e.label, a, {width, line});
            widest = std::max(widest, x + width);
            x += width + gap;
        }
    }
    return {widest, std::max(0.0f, y + line)};
}

}  // namespace viewer
