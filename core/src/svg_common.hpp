// Pieces the two SVG writers share (the chain map in svg.cpp, the priorities chart in chart_svg.cpp).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "chainatlas/scene.hpp"

namespace chainatlas::svgdetail {

std::string num(double v);  // one decimal, as SVG coordinates
// Cuts text so that it fits `width` points at `fontSize`, ending with "…" when cut.
std::string clipToWidth(const std::string& text, double width, double fontSize);
// Splits text into lines of at most `width` points at `fontSize`, breaking at spaces (or anywhere in CJK text).
std::vector<std::string> wrapText(const std::string& text, double width, double fontSize);
// The scene's legend entries in rows (row 0, 1, 2), as <g id="legend"> translated to (x, y).
void writeLegend(std::ostream& out, const std::vector<LegendEntry>& legend, const Theme& theme, double x, double y);

}  // namespace chainatlas::svgdetail
