// libFuzzer target: analysis, layout and SVG on any chain the loader accepts. The SVG must be well-formed
// XML (parsed by libxml2, not by our code) whose element and attribute names all come from the writer's
// fixed SVG vocabulary, never from data.
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/analysis/targets.hpp"
#include "chainatlas/load/load.hpp"
#include "chainatlas/map/layout.hpp"
#include "chainatlas/map/theme.hpp"
#include "chainatlas/svg/svg.hpp"

namespace {

using namespace chainatlas;

// SVG 1.1 element and attribute names (the writer uses a subset; "data-*" attributes are allowed too).
const std::set<std::string> kElements = {"svg",      "g",       "defs",           "style",          "marker",  "rect",
                                         "circle",   "ellipse", "line",           "polyline",       "polygon", "path",
                                         "text",     "tspan",   "title",          "desc",           "use",     "symbol",
                                         "clipPath", "pattern", "linearGradient", "radialGradient", "stop"};
const std::set<std::string> kAttributes = {"xmlns",
                                           "version",
                                           "width",
                                           "height",
                                           "viewBox",
                                           "x",
                                           "y",
                                           "x1",
                                           "y1",
                                           "x2",
                                           "y2",
                                           "cx",
                                           "cy",
                                           "r",
                                           "rx",
                                           "ry",
                                           "d",
                                           "points",
                                           "id",
                                           "class",
                                           "style",
                                           "transform",
                                           "fill",
                                           "fill-opacity",
                                           "stroke",
                                           "stroke-width",
                                           "stroke-dasharray",
                                           "stroke-opacity",
                                           "opacity",
                                           "font-family",
                                           "font-size",
                                           "font-weight",
                                           "font-style",
                                           "text-anchor",
                                           "dominant-baseline",
                                           "marker-end",
                                           "marker-start",
                                           "markerWidth",
                                           "markerHeight",
                                           "refX",
                                           "refY",
                                           "orient",
                                           "markerUnits",
                                           "preserveAspectRatio",
                                           "clip-path",
                                           "offset",
                                           "stop-color",
                                           "href",
                                           "dx",
                                           "dy",
                                           "letter-spacing",
                                           "paint-order",
                                           "stroke-linecap",
                                           "stroke-linejoin",
                                           "visibility",
                                           "display",
                                           "textLength"};

bool allowedAttribute(const std::string& name) { return kAttributes.count(name) || name.rfind("data-", 0) == 0; }

void checkNames(xmlNode* node) {
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        std::string element = reinterpret_cast<const char*>(node->name);
        if (!kElements.count(element)) {
            std::fprintf(stderr, "element <%s> is not SVG vocabulary\n", element.c_str());
            std::abort();
        }
        for (xmlAttr* a = node->properties; a; a = a->next) {
            std::string attribute = reinterpret_cast<const char*>(a->name);
            if (!allowedAttribute(attribute)) {
                std::fprintf(stderr, "attribute %s on <%s> is not SVG vocabulary\n", attribute.c_str(),
                             element.c_str());
                std::abort();
            }
        }
        checkNames(node->children);
    }
}

void checkSvg(const std::string& svg) {
    xmlDoc* doc = xmlReadMemory(svg.data(), static_cast<int>(svg.size()), "map.svg", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
    if (!doc) {
        std::fprintf(stderr, "the SVG is not well-formed XML\n");
        std::abort();
    }
    checkNames(xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
}

// Small chains only: the point is odd data, not Graphviz's speed on big graphs (tested elsewhere).
bool small(const Chain& chain) {
    return !chain.regions.empty() && chain.segments.size() <= 40 && chain.links.size() <= 200 &&
           chain.firms.size() <= 120;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    xmlInitParser();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static LayoutEngine engine;
    static const Theme theme = [] {
        std::vector<Diagnostic> problems;
        return loadTheme(defaultThemePath(), problems);
    }();
    if (size < 2) return 0;
    LoadResult loaded = loadChainText(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), "fuzz.json");
    if (!loaded.ok() || !small(*loaded.chain)) return 0;
    const Chain& chain = *loaded.chain;
    AnalysisOptions options;
    options.region = data[0] % static_cast<int>(chain.regions.size());
    if (chain.regions.size() > 1) options.hubs.push_back((options.region + 1) % static_cast<int>(chain.regions.size()));
    Analysis analysis = analyze(chain, options);
    LayoutOptions layoutOptions;
    layoutOptions.level = (data[0] & 0x80) ? MapLevel::Firm : MapLevel::Segment;
    layoutOptions.lang = (data[0] & 0x40) ? Lang::En : Lang::Zh;
    auto geometry = engine.layout(chain, analysis, layoutOptions);
    if (!geometry) return 0;
    checkSvg(renderSvg(chain, analysis, *geometry, theme, SvgOptions{layoutOptions.lang, 10, "2026-11-27"}));
    return 0;
}
