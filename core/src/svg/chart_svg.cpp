// The segment-priorities chart as SVG (`chainatlas map --view priorities`), drawn from describePriorities.
#include <sstream>

#include "chainatlas/base/text.hpp"
#include "chainatlas/map/chart.hpp"
#include "chainatlas/svg/svg.hpp"
#include "svg/svg_common.hpp"

namespace chainatlas {

namespace {

using namespace svgdetail;

constexpr double kLeft = 90, kTop = 110, kPlotWidth = 800, kPlotHeight = 470, kWidth = 960, kHeight = 690;

void axes(std::ostream& out, const PriorityChart& c, const Theme& theme) {
    double plotBottom = c.yTicks.front().at;
    out << "<g id=\"axes\" font-size=\"11\" fill=\"" << theme.textMuted << "\">\n<rect x=\"0\" y=\"0\" width=\""
        << num(c.width) << "\" height=\"" << num(plotBottom) << "\" fill=\"#ffffff\" stroke=\"" << theme.clusterBorder
        << "\"/>\n";
    for (const ChartTick& t : c.xTicks)
        out << "<line x1=\"" << num(t.at) << "\" y1=\"0\" x2=\"" << num(t.at) << "\" y2=\"" << num(plotBottom)
            << "\" stroke=\"" << theme.clusterFill << "\"/><text x=\"" << num(t.at) << "\" y=\"" << num(plotBottom + 13)
            << "\" text-anchor=\"middle\">" << t.text << "</text>\n";
    for (const ChartTick& t : c.yTicks)
        out << "<line x1=\"0\" y1=\"" << num(t.at) << "\" x2=\"" << num(c.width) << "\" y2=\"" << num(t.at)
            << "\" stroke=\"" << theme.clusterFill << "\"/><text x=\"-8\" y=\"" << num(t.at + 4)
            << "\" text-anchor=\"end\">" << t.text << "</text>\n";
    out << "<rect class=\"no-data-strip\" x=\"0\" y=\"" << num(c.stripTop) << "\" width=\"" << num(c.width)
        << "\" height=\"" << num(c.height - c.stripTop) << "\" fill=\"" << theme.clusterFill << "\" stroke=\""
        << theme.clusterBorder << "\" stroke-dasharray=\"4 3\"/><text x=\"-8\" y=\""
        << num((c.stripTop + c.height) / 2 + 4) << "\" text-anchor=\"end\">" << escapeXml(c.stripLabel) << "</text>\n"
        << "<text x=\"" << num(c.width / 2) << "\" y=\"" << num(c.height + 30)
        << "\" text-anchor=\"middle\" font-size=\"13\" fill=\"" << theme.textDark << "\">" << escapeXml(c.xAxis)
        << "</text>\n"
        << "<text transform=\"translate(-58," << num(plotBottom / 2)
        << ") rotate(-90)\" text-anchor=\"middle\" font-size=\"13\" fill=\"" << theme.textDark << "\">"
        << escapeXml(c.yAxis) << "</text>\n"
        << "<text x=\"" << num(c.width - 8) << "\" y=\"18\" text-anchor=\"end\" font-size=\"12\">"
        << escapeXml(c.corner) << " ↗</text>\n"
        << "</g>\n";
}

void points(std::ostream& out, const Chain& chain, const PriorityChart& c, const Theme& theme) {
    out << "<g id=\"points\">\n";
    for (const ChartPoint& p : c.points) {
        out << "<g id=\"pri-" << escapeXml(chain.segments[p.segment].id) << "\" class=\"point advice-"
            << adviceKey(p.advice) << (p.noData ? " no-data" : "") << (p.noCandidate ? " no-candidate" : "")
            << "\"><title>" << escapeXml(p.details) << "</title><circle cx=\"" << num(p.x) << "\" cy=\"" << num(p.y)
            << "\" r=\"" << num(p.radius) << "\" fill=\"" << p.color << "\""
            << (p.noData ? " fill-opacity=\"0.45\" stroke-dasharray=\"3 2\"" : " fill-opacity=\"0.85\"") << " stroke=\""
            << theme.textDark << "\" stroke-width=\"1\"/><text x=\"" << num(p.labelX) << "\" y=\"" << num(p.labelY)
            << "\"" << (p.labelEnd ? " text-anchor=\"end\"" : "") << " font-size=\"11\" fill=\"" << theme.textDark
            << "\">" << escapeXml(p.label) << "</text></g>\n";
    }
    if (c.points.empty())
        out << "<text x=\"" << num(c.width / 2) << "\" y=\"" << num(c.stripTop / 2)
            << "\" text-anchor=\"middle\" fill=\"" << theme.textMuted << "\">" << escapeXml(c.empty) << "</text>\n";
    out << "</g>\n";
}

}  // namespace

std::string renderPrioritiesSvg(const Chain& chain, const Analysis& analysis, const Theme& theme,
                                const SvgOptions& options) {
    PriorityChart chart = describePriorities(chain, analysis, theme, {options.lang, options.top, options.date},
                                             kPlotWidth, kPlotHeight);
    std::ostringstream out;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
        << num(kWidth) << "\" height=\"" << num(kHeight) << "\" viewBox=\"0 0 " << num(kWidth) << ' ' << num(kHeight)
        << "\" font-family=\"" << escapeXml(theme.fontFamily) << "\" font-size=\"" << num(theme.fontSize)
        << "\">\n<rect width=\"100%\" height=\"100%\" fill=\"" << theme.background
        << "\"/>\n<g id=\"title\"><text x=\"20\" y=\"32\" font-size=\"22\" font-weight=\"bold\" fill=\""
        << theme.textDark << "\">" << escapeXml(chart.title) << "</text>\n<text x=\"20\" y=\"56\" fill=\""
        << theme.textMuted << "\">" << escapeXml(chart.subtitle)
        << "</text></g>\n<g id=\"chart\" transform=\"translate(" << num(kLeft) << ',' << num(kTop) << ")\">\n";
    axes(out, chart, theme);
    points(out, chain, chart, theme);
    out << "</g>\n";
    writeLegend(out, chart.legend, theme, kLeft, kTop + kPlotHeight + 48);
    out << "</svg>\n";
    return out.str();
}

}  // namespace chainatlas
