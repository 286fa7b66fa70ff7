// SVG drawn with librsvg onto any cairo surface (PDF pages, PNG images). Private to the core: cairo types
// stay out of the public headers.
#pragma once

#include <cairo.h>
#include <string>

#include "chainatlas/base/file_io.hpp"

namespace chainatlas::detail {

struct SvgSize {
    double width = 0, height = 0;
};

// The SVG's own size in its units (width and height attributes, else the viewBox).
Result<SvgSize> svgSize(const std::string& svg);
// Draws the SVG scaled to fit the box (x, y, width, height), keeping its aspect ratio, centred horizontally.
// The height actually used goes to `usedHeight`.
Status drawSvg(cairo_t* cr, const std::string& svg, double x, double y, double width, double height,
               double* usedHeight = nullptr);
// Collects what a cairo stream writer produces.
cairo_status_t appendToString(void* closure, const unsigned char* data, unsigned int length);

}  // namespace chainatlas::detail
