// Pieces the two SVG writers share (the chain map in svg.cpp, the priorities chart in chart_svg.cpp).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "chainatlas/map/scene.hpp"

namespace chainatlas::svgdetail {

std::string num(double v);  // one decimal, as SVG coordinates
// Cuts text so that it fits `width` points at `fontSize`, ending with "…" when cut.
std::string clipToWidth(const std::string& text, double width, double fontSize);
// Splits text into lines of at most `width` points at `fontSize`, breaking at spaces (or anywhere in CJK text).
std::vector<std::string> wrapText(const std::string& text, double width, double fontSize);
// Where each legend entry goes (in legend order, relative to the legend's corner): its rows one under the
// other, a row continuing on a new line where it would pass maxWidth; and the height it all takes.
struct LegendLayout {
    std::vector<Point> places;
    double height = 0;
};
LegendLayout layOutLegend(const std::vector<LegendEntry>& legend, double maxWidth);
// The scene's legend entries in rows, as <g id="legend"> translated to (x, y).
void writeLegend(std::ostream& out, const std::vector<LegendEntry>& legend, const Theme& theme, double x, double y,
                 double maxWidth = 1e9);

}  // namespace chainatlas::svgdetail
