// Map layout shared by SVG export and the viewer: the segment graph laid out by Graphviz dot,
// firms placed in their segment's box (docs/architecture.md). Output is plain geometry in points, y down.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "chainatlas/analysis/targets.hpp"
#include "chainatlas/base/diagnostics.hpp"

namespace chainatlas {

struct Point {
    double x = 0, y = 0;
};
struct Box {
    double x = 0, y = 0, w = 0, h = 0;  // top-left corner, y down
    bool contains(Point p) const { return p.x >= x && p.x <= x + w && p.y >= y && p.y <= y + h; }
};

enum class MapLevel { Segment, Firm };

struct SegmentNode {
    int segment = -1;
    Box box;
    Box firmArea;  // at firm level: where the segment's firms are placed
};
struct FirmNode {
    int firm = -1;
    int segment = -1;  // the segment lane it is drawn in
    Box box;
};
struct LinkPath {
    int from = -1, to = -1;     // segment indices
    std::vector<Point> points;  // cubic Bézier: start, then three points a piece
    Point arrowTip;             // where the arrow head points
    bool hasArrow = false;
};
struct SupplyLine {
    int supply = -1;  // index into Chain::supplies
    Point from, to;
};
struct StageCluster {
    int stage = -1;
    Box box;
};

struct MapGeometry {
    MapLevel level = MapLevel::Segment;
    double width = 0, height = 0;
    std::vector<StageCluster> clusters;
    std::vector<SegmentNode> segments;  // one per segment, in segment order
    std::vector<LinkPath> links;
    std::vector<FirmNode> firms;       // firm level only
    std::vector<SupplyLine> supplies;  // firm level only: supplies between drawn firms
};

struct LayoutOptions {
    MapLevel level = MapLevel::Segment;
    Lang lang = Lang::Zh;
    std::string fontName = "WenQuanYi Micro Hei";
    double fontSize = 14;
    std::size_t maxSupplyLines = 4000;  // firm level: supplies touching local firms and targets come first
    std::vector<char> expanded;         // firm level: segments drawn with their firms (empty: all of them)
    bool expands(int segment) const {
        return level == MapLevel::Firm &&
               (expanded.empty() || (segment < static_cast<int>(expanded.size()) && expanded[segment]));
    }
};

// Lays out maps with the process's one Graphviz context. Graphviz is not thread-safe: layouts are
// serialized by a lock, and a program should call them from one worker thread (docs/architecture.md).
class LayoutEngine {
public:
    LayoutEngine();
    ~LayoutEngine();
    LayoutEngine(const LayoutEngine&) = delete;
    LayoutEngine& operator=(const LayoutEngine&) = delete;

    // A map of segments whose graph is the same as the last one laid out (the same labels, sizes, options and
    // links: a region change that leaves every label as it was, or a layout asked for early from
    // analyzeSegmentsOf) gets that geometry again without running dot.
    Result<MapGeometry> layout(const Chain& chain, const Analysis& analysis, const LayoutOptions& options);
    bool reusedLast() const;  // the last layout() was such a reuse
    // Have dot run in a helper process started from `command` (this program with a flag that makes it call
    // serveMapLayouts), for a program that lays out maps for hours: Graphviz 2.42's dot does not free all it
    // allocates for a graph with clusters, and a helper whose heap has grown past `mostHeapBytes` is replaced
    // by a new one. The map is the same. When no helper can be started, layouts run in this process; when dot
    // crashes in the helper, the layout fails with a message and the program lives on. Empty: in this process.
    void layOutInHelper(std::vector<std::string> command, std::size_t mostHeapBytes = std::size_t{32} << 20);
    bool ranInHelperLast() const;  // the last layout() ran dot in the helper
    int helpersStarted() const;    // helper processes started so far

private:
    struct Context;
    std::unique_ptr<Context> context_;
};

// The helper process's side of LayoutEngine::layOutInHelper: lays out the graphs read from `socket` until it
// closes. Returns the process's exit status. A program that starts itself as its helper does so when it is
// given this one argument, and the socket is its standard input.
int serveMapLayouts(int socket);
inline constexpr std::string_view kLayoutHelperFlag = "--layout-helper";

// Text from data as a Graphviz escape string that shows literally: backslashes doubled, '&' as "&amp;".
std::string graphvizLiteral(const std::string& text);
// Firm level: where a segment box's label lines sit, measured from the box top (painters and layout agree).
inline constexpr double kLabelFirstBaseline = 18, kLabelLineStep = 17;

}  // namespace chainatlas
