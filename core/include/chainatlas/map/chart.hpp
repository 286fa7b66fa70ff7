// The segment-priorities chart (docs/method.md §10, docs/architecture.md `--view priorities`): feasibility (density ω)
// across, attractiveness (profile P) up, colour by advice, size by candidates, every point labelled. Described once
// here and drawn by the SVG writer and the viewer's priorities panel.
#pragma once

#include <string>
#include <vector>

#include "chainatlas/map/scene.hpp"

namespace chainatlas {

struct ChartPoint {
    int segment = -1;
    int priority = 0;  // 1-based place in the priority list
    Advice advice = Advice::None;
    std::string color;
    double x = 0, y = 0;  // position in the plot, in points from its top-left corner (y down)
    double radius = 5;    // grows with the number of candidate firms
    bool noData = false;  // P(s) has basis none: drawn in the "no data" strip under the plot, not at 0.5
    bool noCandidate = false;
    std::string label;              // the segment's name
    double labelX = 0, labelY = 0;  // where the label's baseline starts, in plot points
    bool labelEnd = false;          // the label ends at labelX (drawn to the left of the point)
    std::string details;            // hover text: advice, score, v, ω, P and its basis, candidates
};

struct ChartTick {
    double at = 0;  // position along the axis, in plot points
    std::string text;
};

struct PriorityChart {
    Lang lang = Lang::Zh;
    double width = 0, height = 0;  // the plot area the positions refer to
    double stripTop = 0;           // the "no data" strip: from stripTop to height
    double xMax = 1;               // the x axis runs 0..xMax (ω), y 0..1 (P)
    std::string title, subtitle, xAxis, yAxis, stripLabel, corner, empty;
    std::vector<ChartTick> xTicks, yTicks;
    std::vector<ChartPoint> points;   // in priority order
    std::vector<LegendEntry> legend;  // advice colours that occur, then the size key
};

// Lays the chart out in a plot of `width` x `height` points (the last 14% hold the no-data strip).
PriorityChart describePriorities(const Chain& chain, const Analysis& analysis, const Theme& theme,
                                 const SceneOptions& options, double width, double height);
// Radius of a point for `candidates` firms: 5 points for none, growing with the square root, at most 18.
double pointRadius(int candidates);

}  // namespace chainatlas
