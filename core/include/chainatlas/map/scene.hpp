// The map scene (docs/architecture.md): what a chain map shows for one analysis — each segment's fill, label lines,
// marks and details, which firms stand out and how, the legend and the title — decided once here and drawn
// by both the SVG writer and the viewer, so the two cannot disagree.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "chainatlas/map/layout.hpp"
#include "chainatlas/map/theme.hpp"

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
    std::string glyph;  // the text of a tag ("成果转化" on a transfer opportunity), empty for shapes
};

struct SegmentLook {
    Advice advice = Advice::None;
    std::string fill, textColor;  // the advice colour and a readable text colour on it
    // Label lines: the name, the local site count only when it is not 0, "no candidate" when that applies.
    std::vector<std::string> lines;
    bool noCandidate = false;  // a segment to act on with 0 candidates (docs/method.md §4)
    std::string change;        // under a what-if: "断点 → 薄弱", else ""
    std::vector<Mark> marks;
    std::vector<int> resources;  // marks of resources serving it: indices into MapScene::resources, in order
    std::string classes;         // for SVG: "segment advice-fill status-gap occupied ..." (tests and stylesheets)
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

// A resource of the focal region or of a hub (docs/method.md §1, docs/method.md §12) as the map shows it: a round mark,
// split into one sector per chain it counts in (a university: innovation and talent), with its kind's glyph; filled
// when local, a ring when a hub's, faded when unconfirmed (C). Drawn beside each segment it serves, or once in the
// whole-chain strip when it serves every segment; in the SVG every mark of it sits in <g id="res-<id>">.
struct ResourceLook {
    int resource = -1;                // index into Chain::resources
    std::vector<std::string> colors;  // one per chain it counts in, in ChainKind order
    std::string glyph;                // 校 院 室 金 才 台 服 (U I L F T P S)
    bool local = true;                // in the focal region; else in a hub
    bool confirmed = true;            // A or B; a C resource counts nowhere (docs/method.md §1)
    std::vector<int> segments;        // the segments whose boxes carry its mark; empty: the whole-chain strip
    std::string label;                // its name
    std::string title;                // hover text: name, kind, region, chains, segments, ties, confidence
};

// Legend entry shapes; the painters draw each the same way they draw it on the map.
enum class LegendShape { Fill, Outline, Diamond, Badge, Tag, Firm, Pill, Resource };
struct LegendEntry {
    LegendShape shape = LegendShape::Fill;
    std::string color;  // fill, outline or badge colour
    std::string label;
    std::string glyph;    // inside a Badge, Pill or Resource mark; the sample text of a Tag
    int row = 0;          // 0 advice, 1 marks, 2 firms, 3 resources
    bool hollow = false;  // a Resource mark drawn as a ring (a hub's resource)
    bool faded = false;   // a Resource mark drawn faded (unconfirmed)
};
inline constexpr int kLegendRows = 4;

struct MapScene {
    Lang lang = Lang::Zh;
    std::string title;                  // chain — region map
    std::string subtitle;               // hubs, assumptions, date
    std::vector<SegmentLook> segments;  // by segment index
    std::vector<FirmLook> firms;        // by firm index
    std::vector<LegendEntry> legend;
    std::vector<ResourceLook> resources;  // the focal region's, then the hubs'; each by chain, then id
    std::vector<int> chainWide;           // resources serving the whole chain (drawn in one strip)
    std::string chainWideLabel;           // the strip's caption, e.g. "服务全产业链:"
};

// Where a segment box's resource marks sit: a row along the box's bottom edge, from the left, centred just
// below the edge (so they read as belonging to the box without covering its label); closer together when
// many. Layout leaves more room between boxes when a map has such marks.
inline constexpr double kResourceMarkRadius = 7.5, kResourceMarkDrop = 2;
// True when some box of the map for `analysis` carries resource marks (a resource of the focal region or a
// hub that serves named segments).
bool hasResourceMarks(const Chain& chain, const Analysis& analysis);
Point resourceMarkCentre(const Box& box, std::size_t index, std::size_t count);

// The scene for `chain` (as drawn: with assumed sites) and its analysis; firms only at firm level.
MapScene describeMap(const Chain& chain, const Analysis& analysis, const Theme& theme, MapLevel level,
                     const SceneOptions& options);

// "Hubs: … · Assumed: … · date": the second line of a map's or chart's title.
std::string mapSubtitle(const Chain& chain, const Analysis& analysis, const SceneOptions& options);
// Label lines of one segment (layout sizes the box for them; the scene draws the same lines).
std::vector<std::string> segmentLines(const Chain& chain, const Analysis& analysis, int segment, Lang lang);
// The regions where `firm` has a site in `segment`, named in `lang` ("苏州、上海"), for a firm box's hover text.
std::string firmRegionsIn(const Chain& chain, int firm, int segment, Lang lang);

// "#rrggbb" text colour readable on `fill` (dark on light fills, light on dark ones).
const std::string& textColorOn(const std::string& fill, const Theme& theme);

}  // namespace chainatlas
