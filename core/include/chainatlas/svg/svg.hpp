// SVG chain maps (docs/architecture.md) drawn from the shared layout geometry and theme.
#pragma once

#include <string>

#include "chainatlas/map/layout.hpp"
#include "chainatlas/map/theme.hpp"

namespace chainatlas {

struct SvgOptions {
    Lang lang = Lang::Zh;
    std::size_t top = 10;  // targets that carry their rank at firm level
    std::string date;      // shown in the title, e.g. "2026-11-26"
};

std::string renderSvg(const Chain& chain, const Analysis& analysis, const MapGeometry& geometry, const Theme& theme,
                      const SvgOptions& options);
// The segment-priorities chart (`map --view priorities`, docs/method.md §10): needs no layout.
std::string renderPrioritiesSvg(const Chain& chain, const Analysis& analysis, const Theme& theme,
                                const SvgOptions& options);

}  // namespace chainatlas
