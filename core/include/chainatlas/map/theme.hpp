// Colours and styles shared by the SVG writer and the viewer, read from assets/theme.json.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "chainatlas/analysis/analysis.hpp"
#include "chainatlas/base/diagnostics.hpp"

namespace chainatlas {

struct Theme {
    std::array<std::string, 5> status = {"#2e7d32", "#f9a825", "#c62828", "#1565c0", "#9e9e9e"};  // by SegmentStatus
    // by Advice: keep, leave, complement, fill, strengthen, extend, none (docs/architecture.md)
    std::array<std::string, 7> advice = {"#2e7d32", "#6a1b9a", "#00897b", "#c62828", "#f9a825", "#1565c0", "#9e9e9e"};
    std::string occupiedBorder = "#6a1b9a";
    std::string complementBadge = "#00897b";
    std::string singleSourceMark = "#e65100";
    std::string transferMark = "#6d4c41";  // 成果转化: local research without local industry (docs/method.md §12)
    // Resource marks by chain (docs/method.md §12, docs/architecture.md): innovation, capital, talent, services
    // (ChainKind order).
    std::array<std::string, 4> resourceChain = {"#c2185b", "#7cb342", "#1e88e5", "#546e7a"};
    std::string noData = "#bdbdbd";  // terms with basis none (无数据), drawn hatched
    std::string textDark = "#212121", textLight = "#ffffff", textMuted = "#616161";
    std::string background = "#fafafa";
    std::string clusterFill = "#eceff1", clusterBorder = "#b0bec5";
    std::string linkEdge = "#78909c", supplyEdge = "#5c6bc0", highlightEdge = "#ff6f00";
    std::string firmLocal = "#263238", firmTarget = "#ff6f00", firmOther = "#cfd8dc", firmAssumed = "#00bcd4";
    std::string fontFamily = "Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif";
    std::string graphvizFont = "WenQuanYi Micro Hei";
    double fontSize = 14;

    const std::string& statusColor(SegmentStatus s) const { return status[static_cast<int>(s)]; }
    const std::string& adviceColor(Advice a) const { return advice[static_cast<int>(a)]; }
};

// Reads a theme file; every key is optional (defaults above), but a colour must be "#rrggbb".
// Problems come back as diagnostics (file + JSON pointer); the defaults stand in for bad values.
Theme loadTheme(const std::string& path, std::vector<Diagnostic>& diagnostics);
// The theme next to the program's assets: $CHAINATLAS_ASSETS, then the build-time assets folder.
std::string defaultThemePath();
// "#rrggbb" -> r, g, b in 0..255 (false when malformed).
bool parseColor(const std::string& hex, int& r, int& g, int& b);

}  // namespace chainatlas
