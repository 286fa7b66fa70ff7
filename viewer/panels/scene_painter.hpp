// Drawing the core's map scene and priorities chart with ImGui: the viewer paints what the core describes
// (fills, label lines, marks, legend entries), the same description svg.cpp writes.
#pragma once

#include <imgui.h>
#include <imgui_internal.h>  // ImRect

#include <string_view>

#include "app.hpp"
#include "chainatlas/map/chart.hpp"
#include "chainatlas/map/scene.hpp"
#include "state/map_view.hpp"  // resource marks on the map: placed and hit there

namespace viewer {

// The scene of the current analysis; computed again only when the analysis, language or level changed.
const chainatlas::MapScene& currentScene(App& app);

// What a label shows in `maxWidth` at `fontPx`: the whole text, shrunk a little (down to 10 px) when that makes it
// fit, or else its first characters followed by an ellipsis; nothing (`shown` empty) when it is too small to
// read (under 6.5 px) or not one character fits beside the ellipsis. `shown` views `text`.
struct FittedLabel {
    std::string_view shown;
    float px = 0;
    bool ellipsis = false;  // "..." (U+2026) goes after `shown`
};
FittedLabel fitLabel(ImFont* font, float fontPx, std::string_view text, float maxWidth);
// Text centred at `at` as fitLabel fits it; returns false when nothing is drawn.
// `probeKind` and `probeId` name it in --probe's label lines (viewer/tools/probe.hpp).
bool drawCentredLabel(ImDrawList* draw, ImFont* font, float fontPx, ImVec2 at, ImU32 color, const std::string& text,
                      float maxWidth, const char* probeKind = nullptr, const std::string& probeId = {});

// The size a segment's name is drawn at and how much its box must grow for it. Zoomed out to fit the window, a
// name is kept at a readable size (down to 10 px, as drawCentredLabel shrinks), which the box Graphviz made for
// the map's own scale may not hold: the box then grows to the name, sideways about its centre, so a
// two-character name is never cut to one. The width is measured at the size drawn (glyph advances do not
// scale linearly with the size). A name that would need a box more than 2.5 times as wide is not drawn (px 0):
// the map is then zoomed too far out for names (level of detail, docs/architecture.md); zooming in shows them.
struct NameFit {
    float px = 0, grow = 0;  // grow: added on each side
};
NameFit fitSegmentName(ImFont* font, float fontPx, const std::string& name, float width);

// A segment box: advice fill, outline, label lines (the first larger, every line inside the box), then its marks
// (the transfer badge inside at the right end of the name's line).
struct SegmentPaint {
    ImVec2 p0, p1;
    float zoom = 1, namePx = 14, smallPx = 11;
    bool labelsAtTop = false;  // the box holds firms: labels at the top, as the layout left room for
    std::string id;            // the segment's id, for --probe
    float nameY = 0;           // centre of the name's line (set by paintSegment for the marks)
    float maxGrow = 0;         // how far the box may grow on each side for its name without meeting another
};
void paintSegment(ImDrawList* draw, const chainatlas::SegmentLook& look, const SegmentPaint& paint);

// The label box of each point of a priorities chart, in plot coordinates, by level of detail (docs/architecture.md):
// in priority order, each label goes to the first of the core's place, right of, left of, above and below its
// point (measured with the viewer's font, not the core's estimate) that lies inside the chart, clear of the
// labels kept before, of `blocked` (the axis texts) and of the other points; a label with no such place gets an
// empty box and is not drawn (its point keeps its hover text). The label of `selectedSegment` is always kept.
// A chain of 300 segments with no data otherwise piled their names under the strip, over the axis title and
// the legend; at 1280x800 English labels ran off the frame's right edge.
std::vector<ImRect> chartLabelsShown(const chainatlas::PriorityChart& chart, ImFont* font, float px,
                                     int selectedSegment, const std::vector<ImRect>& blocked = {});

// Legend entries in rows from `at`, a row continuing on a new line where it would pass `maxWidth`; returns
// the size they take (nothing drawn when `draw` is null).
ImVec2 paintLegend(ImDrawList* draw, const chainatlas::Theme& theme, const std::vector<chainatlas::LegendEntry>& legend,
                   ImVec2 at, float maxWidth = FLT_MAX);
// The legend as the map shows it: without the resource entries while the resource layer is hidden.
std::vector<chainatlas::LegendEntry> shownLegend(const chainatlas::MapScene& scene, bool showResources);

// A resource mark (the SVG's shape): white rim, a sector per chain, filled or a ring, the kind's glyph.
void paintResourceMark(ImDrawList* draw, const chainatlas::ResourceLook& look, ImVec2 centre, float radius,
                       float glyphPx);

// The whole-chain strip (caption, then mark and name per resource, wrapped to `maxWidth`) from `at`; returns
// its size; `hovered` gets the resource under `mouse` (nothing drawn when `draw` is null); the `selected`
// resource is ringed.
ImVec2 paintChainWide(ImDrawList* draw, const chainatlas::Theme& theme, const chainatlas::MapScene& scene,
                      const Selection& selected, ImVec2 at, float maxWidth, ImVec2 mouse, int* hovered);

}  // namespace viewer
