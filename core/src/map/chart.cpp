// The priorities chart: positions, sizes, colours and label places of the docs/method.md §10 segment priorities.
// Labels are placed greedily (right, left, above, below of the point) so that no two overlap where avoidable.
#include "chainatlas/map/chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "chainatlas/analysis/vocabulary.hpp"
#include "chainatlas/base/text.hpp"

namespace chainatlas {

namespace {

constexpr double kLabelSize = 11;

const char* pick(Lang lang, const char* zh, const char* en) { return lang == Lang::Zh ? zh : en; }

struct Rect {
    double x0, y0, x1, y1;
    bool overlaps(const Rect& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    return buffer;
}

std::string pointDetails(const Chain& chain, const Priority& p, Lang lang) {
    std::string text = chain.segments[p.segment].name.pick(lang, chain.segments[p.segment].id) + "\n" +
                       pick(lang, "建议: ", "advice: ") + adviceWord(p.advice, lang) + "\n" +
                       pick(lang, "优先得分 ", "score ") + number(p.score) + " · " + pick(lang, "环节价值 ", "value ") +
                       number(p.value) + "\n" + pick(lang, "可行性 (关联密度) ", "feasibility (density) ") +
                       number(p.density) + "\n" + pick(lang, "吸引力 (三高三低) ", "attractiveness (profile) ");
    text += p.basis == Basis::None ? pick(lang, "无数据", "no data") : number(p.profile);
    text += std::string("\n") + pick(lang, "候选企业 ", "candidates ") + std::to_string(p.candidates);
    if (p.candidates == 0) text += pick(lang, " (无候选企业)", " (no candidate in the data)");
    return text;
}

// Tries the four places around the point; keeps the first that overlaps nothing placed so far.
void placeLabel(ChartPoint& point, std::vector<Rect>& taken, double width) {
    double w = estimateTextWidth(point.label, kLabelSize), h = kLabelSize, r = point.radius + 3;
    struct Place {
        double x, y;
        bool end;
    };
    const Place places[] = {{point.x + r, point.y + h / 2 - 1, false},
                            {point.x - r, point.y + h / 2 - 1, true},
                            {point.x - w / 2, point.y - r - 2, false},
                            {point.x - w / 2, point.y + r + h, false}};
    auto free = [&](const Place& place) {
        double left = place.end ? place.x - w : place.x;
        Rect box{left, place.y - h, left + w, place.y + 2};
        return left >= 0 && left + w <= width &&
               std::none_of(taken.begin(), taken.end(), [&](const Rect& t) { return t.overlaps(box); });
    };
    auto found = std::find_if(std::begin(places), std::end(places), free);
    Place chosen = found != std::end(places) ? *found : (point.x + r + w <= width ? places[0] : places[1]);
    // Every place taken: stack the label under the others on its side, one line at a time.
    for (int tries = 0; found == std::end(places) && tries < 12 && !free(chosen); ++tries) chosen.y += h + 2;
    double left = chosen.end ? chosen.x - w : chosen.x;
    taken.push_back({left, chosen.y - h, left + w, chosen.y + 2});
    point.labelX = chosen.x;
    point.labelY = chosen.y;
    point.labelEnd = chosen.end;
}

void describeAxes(PriorityChart& chart, double plotBottom) {
    Lang lang = chart.lang;
    chart.xAxis = pick(lang, "可行性: 关联密度 ω (与本地优势环节的接近程度)",
                       "feasibility: density ω (closeness to the region's strengths)");
    chart.yAxis = pick(lang, "吸引力: 三高三低 P", "attractiveness: profile P (three highs, three lows)");
    chart.stripLabel = pick(lang, "无数据", "no data");
    chart.corner = pick(lang, "近且优: 优先", "close and attractive: first");
    for (int i = 0; i <= 4; ++i) {
        chart.xTicks.push_back({chart.width * i / 4.0, number(chart.xMax * i / 4.0)});
        chart.yTicks.push_back({plotBottom - plotBottom * i / 4.0, number(i / 4.0)});
    }
}

std::vector<LegendEntry> describeChartLegend(const PriorityChart& chart, const Theme& theme) {
    std::vector<LegendEntry> legend;
    for (Advice a : {Advice::Fill, Advice::Complement, Advice::Strengthen, Advice::Extend})
        if (std::any_of(chart.points.begin(), chart.points.end(), [&](const ChartPoint& p) { return p.advice == a; }))
            legend.push_back({LegendShape::Fill, theme.adviceColor(a), adviceWord(a, chart.lang), "", 0});
    legend.push_back({LegendShape::Badge, theme.textMuted,
                      pick(chart.lang, "点越大, 候选企业越多", "larger point: more candidate firms"), "", 1});
    return legend;
}

}  // namespace

double pointRadius(int candidates) { return std::min(18.0, 5 + 3 * std::sqrt(std::max(0, candidates))); }

PriorityChart describePriorities(const Chain& chain, const Analysis& analysis, const Theme& theme,
                                 const SceneOptions& options, double width, double height) {
    PriorityChart chart;
    chart.lang = options.lang;
    chart.width = width;
    chart.height = height;
    chart.stripTop = height * 0.86;
    double plotBottom = chart.stripTop - 18;  // y = 0 sits here; the strip is below, apart
    const Region& region = chain.regions[analysis.region];
    chart.title = shortenForDrawing(chain.name.pick(options.lang, chain.id)) + " — " +
                  shortenForDrawing(region.name.pick(options.lang, region.id)) +
                  pick(options.lang, " 产业选择 (环节优先级)", " segment priorities");
    chart.subtitle = mapSubtitle(chain, analysis, options);
    chart.empty = pick(options.lang, "没有需要行动的环节 (补链、错位配套、强链、延链)",
                       "no segment to act on (fill, complement, strengthen, extend)");
    double maxDensity = 0;
    for (const Priority& p : analysis.priorities) maxDensity = std::max(maxDensity, p.density);
    chart.xMax = std::max(0.2, std::ceil(std::min(maxDensity, 1.0) * 5 - 1e-9) /
                                   5);  // the next fifth: ticks at round numbers
    describeAxes(chart, plotBottom);
    std::vector<Rect> taken;
    for (std::size_t i = 0; i < analysis.priorities.size(); ++i) {
        const Priority& p = analysis.priorities[i];
        ChartPoint point;
        point.segment = p.segment;
        point.priority = static_cast<int>(i) + 1;
        point.advice = p.advice;
        point.color = theme.adviceColor(p.advice);
        point.radius = pointRadius(p.candidates);
        point.noData = p.basis == Basis::None;
        point.noCandidate = p.candidates == 0;
        point.x = std::clamp(p.density / chart.xMax, 0.0, 1.0) * width;
        point.y = point.noData ? (chart.stripTop + height) / 2
                               : plotBottom - std::clamp(p.profile, 0.0, 1.0) * plotBottom;
        point.label = shortenForDrawing(
            chain.segments[p.segment].name.pick(options.lang, chain.segments[p.segment].id));
        point.details = pointDetails(chain, p, options.lang);
        taken.push_back(
            {point.x - point.radius, point.y - point.radius, point.x + point.radius, point.y + point.radius});
        chart.points.push_back(std::move(point));
    }
    for (ChartPoint& point : chart.points) placeLabel(point, taken, width);
    chart.legend = describeChartLegend(chart, theme);
    return chart;
}

}  // namespace chainatlas
