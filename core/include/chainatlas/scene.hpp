// The map scene (DESIGN §5): what a chain map shows for one analysis — each segment's fill, label lines,
// marks and details, which firms stand out and how, the legend and the title — decided once here and drawn
// by both the SVG writer and the viewer, so the two cannot disagree.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "chainatlas/layout.hpp"
#include "chainatlas/theme.hpp"

namespace chainatlas {

struct SceneOptions {
    Lang lang = Lang::Zh;
    std::size_t top = 10;  // targets ranked 1..top stand out and carry their rank
    std::string date;      // shown in the title, e.g. "2026-11-26" (may be empty)
};

// Marks drawn on a segment's box (and in the legend with the same shape and colour).
enum class MarkKind { SingleSource, Transfer, Changed };
struct Mark {
    MarkKind kind = MarkKind::SingleSource;
    std::string color;
    std::string glyph;  // one character drawn inside a round badge ("转"), empty for shapes
};

struct SegmentLook {
    Advice advice = Advice::None;
    std::string fill, textColor;  // the advice colour and a readable text colour on it
    // Label lines: the name, the local site count only when it is not 0, "no candidate" when that applies.
    std::vector<std::string> lines;
    bool noCandidate = false;  // a segment to act on with 0 candidates (§3.2)
    std::string change;        // under a what-if: "断点 → 薄弱", else ""
    std::vector<Mark> marks;
    std::string classes;  // for SVG: "segment advice-fill status-gap occupied ..." (tests and stylesheets)
    std::string details;  // the hover text: advice, status, RCA, density, flags, change and its cause, local firms
};

enum class FirmRole { Local, Target, Other };
struct FirmLook {
    FirmRole role = FirmRole::Other;
    bool assumed = false, leader = false;
    int rank = 0;  // 0: not a target
    std::string fill, textColor;
    std::string label;  // "#3 Bosch" for a top target, else the name
    std::string title;  // the full name, id, leader, rank (a shortened label keeps this on hover)
};

// Legend entry shapes; the painters draw each the same way they draw it on the map.
enum class LegendShape { Fill, Outline, Diamond, Badge, Tag, Firm };
struct LegendEntry {
    LegendShape shape = LegendShape::Fill;
    std::string color;  // fill, outline or badge colour
    std::string label;
    std::string glyph;  // inside a Badge; the sample text of a Tag
    int row = 0;        // 0 advice, 1 marks, 2 firms
};

struct MapScene {
    Lang lang = Lang::Zh;
    std::string title;                  // chain — region map
    std::string subtitle;               // hubs, assumptions, date
    std::vector<SegmentLook> segments;  // by segment index
    std::vector<FirmLook> firms;        // by firm index
    std::vector<LegendEntry> legend;
};

// The scene for `chain` (as drawn: with assumed sites) and its analysis; firms only at firm level.
MapScene describeMap(const Chain& chain, const Analysis& analysis, const Theme& theme, MapLevel level,
                     const SceneOptions& options);

// Where each legend row (0, 1, 2) is drawn: rows without entries take no room.
std::array<int, 3> legendRowPlaces(const std::vector<LegendEntry>& legend);
// "Hubs: … · Assumed: … · date": the second line of a map's or chart's title.
std::string mapSubtitle(const Chain& chain, const Analysis& analysis, const SceneOptions& options);
// Label lines of one segment (layout sizes the box for them; the scene draws the same lines).
std::vector<std::string> segmentLines(const Chain& chain, const Analysis& analysis, int segment, Lang lang);
// The regions where `firm` has a site in `segment`, named in `lang` ("苏州、上海"), for a firm box's hover text.
std::string firmRegionsIn(const Chain& chain, int firm, int segment, Lang lang);

// "#rrggbb" text colour readable on `fill` (dark on light fills, light on dark ones).
const std::string& textColorOn(const std::string& fill, const Theme& theme);

}  // namespace chainatlas
