// Drawing the core's map scene and priorities chart with ImGui: the viewer paints what the core describes
// (fills, label lines, marks, legend entries), the same description svg.cpp writes.
#pragma once

#include <imgui.h>

#include "../app.hpp"
#include "../map_view.hpp"  // resource marks on the map: placed and hit there
#include "chainatlas/chart.hpp"
#include "chainatlas/scene.hpp"

namespace viewer {

// The scene of the current analysis; computed again only when the analysis, language or level changed.
const chainatlas::MapScene& currentScene(App& app);

// Text centred at `at` if it is readable at `fontPx`, cut to `maxWidth`; returns false when too small.
bool drawCentredLabel(ImDrawList* draw, ImFont* font, float fontPx, ImVec2 at, ImU32 color, const std::string& text,
                      float maxWidth);

// The size a segment's name is drawn at and how much its box must grow for it. Zoomed out to fit the window, a
// name is kept at a readable size (down to 10 px, as drawCentredLabel shrinks), which the box Graphviz made for
// the map's own scale may not hold: the box then grows to the name, sideways about its centre, so a
// two-character name is never cut to one. The width is measured at the size drawn (glyph advances do not
// scale linearly with the size).
struct NameFit {
    float px = 0, grow = 0;  // grow: added on each side
};
NameFit fitSegmentName(ImFont* font, float fontPx, const std::string& name, float width);

// A segment box: advice fill, outline, label lines (the first larger), then its marks.
struct SegmentPaint {
    ImVec2 p0, p1;
    float zoom = 1, namePx = 14, smallPx = 11;
    bool labelsAtTop = false;  // the box holds firms: labels at the top, as the layout left room for
};
void paintSegment(ImDrawList* draw, const App& app, const chainatlas::SegmentLook& look, const SegmentPaint& paint);

// Legend entries in rows from `at`, a row continuing on a new line where it would pass `maxWidth`; returns
// the size they take (nothing drawn when `draw` is null).
ImVec2 paintLegend(ImDrawList* draw, const App& app, const std::vector<chainatlas::LegendEntry>& legend, ImVec2 at,
                   float maxWidth = FLT_MAX);
// The legend as the map shows it: without the resource entries while the resource layer is hidden.
std::vector<chainatlas::LegendEntry> shownLegend(const chainatlas::MapScene& scene, bool showResources);

// A resource mark (the SVG's shape): white rim, a sector per chain, filled or a ring, the kind's glyph.
void paintResourceMark(ImDrawList* draw, const chainatlas::ResourceLook& look, ImVec2 centre, float radius,
                       float glyphPx);

// The whole-chain strip (caption, then mark and name per resource, wrapped to `maxWidth`) from `at`; returns
// its size; `hovered` gets the resource under `mouse` (nothing drawn when `draw` is null).
ImVec2 paintChainWide(ImDrawList* draw, const App& app, const chainatlas::MapScene& scene, ImVec2 at, float maxWidth,
                      ImVec2 mouse, int* hovered);

}  // namespace viewer
