// SVG chain maps: the shared layout geometry painted from the map scene (advice fills, label lines, marks,
// firms that stand out, legend, title), so the SVG shows what the viewer shows. All data text is escaped.
#include "chainatlas/svg/svg.hpp"

#include <cstdio>
#include <sstream>

#include "chainatlas/base/text.hpp"
#include "svg/svg_common.hpp"

namespace chainatlas {

namespace svgdetail {

constexpr double kPillFont = 10;

std::string num(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", v);
    return buffer;
}

// Cuts text so that it fits `width` points at `fontSize`, ending with "…" when cut.
std::string clipToWidth(const std::string& text, double width, double fontSize) {
    if (estimateTextWidth(text, fontSize) <= width) return text;
    std::string out;
    double used = 0;
    for (char32_t cp : decodeUtf8(text)) {
        double w = estimateTextWidth(cp, fontSize);
        if (used + w + fontSize > width) break;  // leave room for the ellipsis
        used += w;
        out += encodeUtf8(cp);
    }
    return out + "…";
}

// Splits text into lines of at most `width` points at `fontSize`, breaking at spaces (or anywhere in CJK text).
std::vector<std::string> wrapText(const std::string& text, double width, double fontSize) {
    std::vector<std::string> lines;
    std::string line, word;
    double lineWidth = 0, wordWidth = 0;
    auto flushWord = [&] {
        if (lineWidth + wordWidth > width && !line.empty()) {
            lines.push_back(line);
            line.clear();
            lineWidth = 0;
        }
        line += word;
        lineWidth += wordWidth;
        word.clear();
        wordWidth = 0;
    };
    for (char32_t cp : decodeUtf8(text)) {
        word += encodeUtf8(cp);
        wordWidth += estimateTextWidth(cp, fontSize);
        if (cp == ' ' || estimateTextWidth(cp, 1.0) == 1.0) flushWord();  // a wide character may end a line
    }
    flushWord();
    if (!line.empty()) lines.push_back(line);
    return lines;
}

double pillWidth(const std::string& text) { return estimateTextWidth(text, kPillFont) + 10; }

void pill(std::ostream& out, const std::string& color, const std::string& text, double x, double centreY) {
    out << "<rect x=\"" << num(x) << "\" y=\"" << num(centreY - 8) << "\" width=\"" << num(pillWidth(text))
        << "\" height=\"16\" rx=\"8\" fill=\"" << color << "\" stroke=\"#ffffff\" stroke-width=\"1.5\"/><text x=\""
        << num(x + pillWidth(text) / 2) << "\" y=\"" << num(centreY + 3.5) << "\" text-anchor=\"middle\" font-size=\""
        << num(kPillFont) << "\" fill=\"#ffffff\">" << escapeXml(text) << "</text>";
}

// A resource mark centred at (cx, cy): a white rim, then one sector per chain (two halves for a university),
// filled when local or as a ring when a hub's, and the kind's glyph.
void resourceMark(std::ostream& out, const ResourceLook& look, double cx, double cy) {
    double r = kResourceMarkRadius;
    out << "<circle cx=\"" << num(cx) << "\" cy=\"" << num(cy) << "\" r=\"" << num(r + 1.5) << "\" fill=\"#ffffff\"/>";
    double ring = look.local ? r : r - 0.9;  // a ring's stroke stays inside the rim
    std::string paint = look.local ? "\" stroke=\"none" : "\" fill=\"none\" stroke-width=\"1.8";
    auto colour = [&](const std::string& c) { return look.local ? " fill=\"" + c : " stroke=\"" + c; };
    if (look.colors.size() == 1) {
        out << "<circle cx=\"" << num(cx) << "\" cy=\"" << num(cy) << "\" r=\"" << num(ring) << '"'
            << colour(look.colors[0]) << paint << "\"/>";
    } else {
        for (std::size_t i = 0; i < look.colors.size() && i < 2; ++i)  // left half, right half
            out << "<path d=\"M" << num(cx) << ',' << num(cy - ring) << " A" << num(ring) << ',' << num(ring) << " 0 0 "
                << (i == 0 ? 0 : 1) << ' ' << num(cx) << ',' << num(cy + ring) << (look.local ? " z" : "") << '"'
                << colour(look.colors[i]) << paint << "\"/>";
    }
    if (!look.glyph.empty())
        out << "<text x=\"" << num(cx) << "\" y=\"" << num(cy + 3.5)
            << "\" text-anchor=\"middle\" font-size=\"9.5\" fill=\"" << (look.local ? "#ffffff" : look.colors[0])
            << "\">" << escapeXml(look.glyph) << "</text>";
}

void legendSwatch(std::ostream& out, const LegendEntry& e, double x, double y) {
    switch (e.shape) {
        case LegendShape::Fill:
        case LegendShape::Firm:
            out << "<rect x=\"" << num(x) << "\" y=\"" << num(y) << "\" width=\"18\" height=\"14\" rx=\"3\" fill=\""
                << e.color << "\"/>";
            break;
        case LegendShape::Outline:
            out << "<rect x=\"" << num(x) << "\" y=\"" << num(y)
                << "\" width=\"18\" height=\"14\" rx=\"3\" fill=\"#ffffff\" stroke=\"" << e.color
                << "\" stroke-width=\"3\"/>";
            break;
        case LegendShape::Diamond:
            out << "<path d=\"M" << num(x + 9) << ',' << num(y - 2) << " l7,9 l-7,9 l-7,-9 z\" fill=\"" << e.color
                << "\"/>";
            break;
        case LegendShape::Badge:
            out << "<circle cx=\"" << num(x + 9) << "\" cy=\"" << num(y + 7) << "\" r=\"8\" fill=\"" << e.color
                << "\"/><text x=\"" << num(x + 9) << "\" y=\"" << num(y + 11)
                << "\" text-anchor=\"middle\" font-size=\"10\" fill=\"#ffffff\">" << escapeXml(e.glyph) << "</text>";
            break;
        case LegendShape::Pill: pill(out, e.color, e.glyph, x, y + 7); break;
        case LegendShape::Resource: {
            ResourceLook look;
            look.colors = {e.color};
            look.local = !e.hollow;
            out << "<g" << (e.faded ? " opacity=\"0.45\"" : "") << ">";
            resourceMark(out, look, x + 9, y + 7);
            out << "</g>";
            break;
        }
        case LegendShape::Tag: break;  // the sample text is the swatch
    }
}

// How wide a legend swatch is: a tag or a pill is as wide as its text.
double swatchWidth(const LegendEntry& e) {
    if (e.shape == LegendShape::Tag) return estimateTextWidth(e.glyph, 12) + 2;
    if (e.shape == LegendShape::Pill) return pillWidth(e.glyph);
    return 18;
}

LegendLayout layOutLegend(const std::vector<LegendEntry>& legend, double maxWidth) {
    LegendLayout layout;
    layout.places.resize(legend.size());
    double x = 0, y = 4 - 24;
    // Row by row; an entry that would pass maxWidth starts a new line of its row.
    for (int row = 0; row < kLegendRows; ++row) {
        bool first = true;
        for (std::size_t i = 0; i < legend.size(); ++i) {
            if (legend[i].row != row) continue;
            double width = swatchWidth(legend[i]) + 6 + estimateTextWidth(legend[i].label, 12);
            if (first || x + width > maxWidth) {
                x = 0;
                y += 24;
            }
            first = false;
            layout.places[i] = {x, y};
            x += width + 22;
        }
    }
    layout.height = y + 24 + 20;  // the last line, and room below
    return layout;
}

void writeLegend(std::ostream& out, const std::vector<LegendEntry>& legend, const Theme& theme, double x0, double y0,
                 double maxWidth) {
    out << "<g id=\"legend\" transform=\"translate(" << num(x0) << ',' << num(y0) << ")\">\n";
    LegendLayout layout = layOutLegend(legend, maxWidth);
    for (std::size_t i = 0; i < legend.size(); ++i) {
        const LegendEntry& e = legend[i];
        double at = layout.places[i].x, top = layout.places[i].y;
        legendSwatch(out, e, at, top);
        if (e.shape == LegendShape::Tag)
            out << "<text class=\"no-candidate-mark\" x=\"" << num(at) << "\" y=\"" << num(top + 12)
                << "\" font-size=\"12\" fill=\"" << e.color << "\">" << escapeXml(e.glyph) << "</text>";
        out << "<text x=\"" << num(at + swatchWidth(e) + 6) << "\" y=\"" << num(top + 12)
            << "\" font-size=\"12\" fill=\"" << theme.textDark << "\">" << escapeXml(e.label) << "</text>\n";
    }
    out << "</g>\n";
}

}  // namespace svgdetail

namespace {

using namespace svgdetail;

constexpr double kMargin = 20, kTitleHeight = 78;

// The whole-chain strip under the map: a caption, then each resource's mark and name, wrapped to `width`.
struct StripItem {
    int look = -1;  // index into MapScene::resources
    double x = 0, y = 0;
    std::string name;  // cut to a readable length; the full name is in the group's <title>
};
struct Strip {
    std::vector<StripItem> items;
    double height = 0;
};
Strip layOutStrip(const MapScene& scene, double width) {
    Strip strip;
    if (scene.chainWide.empty()) return strip;
    double x = estimateTextWidth(scene.chainWideLabel, 12) + 12, y = 10;
    for (int i : scene.chainWide) {
        std::string name = clipToWidth(scene.resources[i].label, 260, 12);
        double itemWidth = 2 * kResourceMarkRadius + 6 + estimateTextWidth(name, 12) + 18;
        if (x + itemWidth > width && x > 0) {
            x = 0;
            y += 24;
        }
        strip.items.push_back({i, x, y, name});
        x += itemWidth;
    }
    strip.height = y + 24;
    return strip;
}

class SvgWriter {
public:
    SvgWriter(const Chain& chain, const Analysis& analysis, const MapGeometry& geometry, const Theme& theme,
              const SvgOptions& options)
        : chain_(chain),
          g_(geometry),
          theme_(theme),
          options_(options),
          scene_(describeMap(chain, analysis, theme, geometry.level, {options.lang, options.top, options.date})) {}

    std::string write();

private:
    const Chain& chain_;
    const MapGeometry& g_;
    const Theme& theme_;
    const SvgOptions& options_;
    MapScene scene_;
    std::ostringstream out_;

    void header(double width, double height);
    void title(double width);  // the scene's title and subtitle, then the chain's note
    std::string drawnNote() const;
    void clusters();
    void links();
    void segments();
    void segmentLabel(const SegmentNode& node, const SegmentLook& look);
    void marks(const Box& b, const SegmentLook& look);
    void firms();
    void resources(const Strip& strip, double stripTop);
};

void SvgWriter::header(double width, double height) {
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << num(width) << "\" height=\"" << num(height)
         << "\" viewBox=\"0 0 " << num(width) << ' ' << num(height) << "\" font-family=\""
         << escapeXml(theme_.fontFamily) << "\" font-size=\"" << num(theme_.fontSize) << "\">\n"
         << "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
            "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\""
         << theme_.linkEdge << "\"/></marker>\n<style>\n"
         << ".segment rect.box{stroke:#37474f;stroke-width:1}\n"
         << ".segment.changed rect.box{stroke:" << theme_.highlightEdge << ";stroke-width:3}\n"
         << ".link{fill:none;stroke:" << theme_.linkEdge << ";stroke-width:1.4}\n"
         << ".supply{stroke:" << theme_.supplyEdge << ";stroke-width:0.7;opacity:0.45}\n"
         << ".firm text{font-size:9px}\n"
         << ".no-candidate-mark{font-style:italic;font-weight:bold}\n"
         << "</style></defs>\n"
         << "<rect width=\"100%\" height=\"100%\" fill=\"" << theme_.background << "\"/>\n";
}

// The chain's note as the map shows it: a few lines at most (librsvg measures every character it draws; a
// note of many pages belongs in the report, which prints it whole).
std::string SvgWriter::drawnNote() const { return shortenForDrawing(chain_.note.pick(options_.lang, ""), 600); }

void SvgWriter::title(double width) {
    out_ << "<g id=\"title\"><text x=\"" << kMargin << "\" y=\"32\" font-size=\"22\" font-weight=\"bold\" fill=\""
         << theme_.textDark << "\">" << escapeXml(scene_.title) << "</text>\n<text x=\"" << kMargin
         << "\" y=\"56\" fill=\"" << theme_.textMuted << "\">" << escapeXml(scene_.subtitle) << "</text>\n";
    // The chain's note (what the data is and is not), wrapped to the map's width.
    double y = 72;
    for (const std::string& line : wrapText(drawnNote(), width - 2 * kMargin, 10)) {
        out_ << "<text x=\"" << kMargin << "\" y=\"" << num(y) << "\" font-size=\"10\" fill=\"" << theme_.textMuted
             << "\">" << escapeXml(line) << "</text>\n";
        y += 13;
    }
    out_ << "</g>\n";
}

void SvgWriter::clusters() {
    out_ << "<g id=\"stages\">\n";
    for (const StageCluster& c : g_.clusters) {
        const Stage& stage = chain_.stages[c.stage];
        out_ << "<g id=\"stage-" << escapeXml(stage.id) << "\"><rect x=\"" << num(c.box.x) << "\" y=\"" << num(c.box.y)
             << "\" width=\"" << num(c.box.w) << "\" height=\"" << num(c.box.h) << "\" rx=\"8\" fill=\""
             << theme_.clusterFill << "\" stroke=\"" << theme_.clusterBorder << "\"/><text x=\"" << num(c.box.x + 8)
             << "\" y=\"" << num(c.box.y + 18) << "\" font-weight=\"bold\" fill=\"" << theme_.textMuted << "\">"
             << escapeXml(clipToWidth(stage.name.pick(scene_.lang, stage.id), c.box.w - 16, 14)) << "</text></g>\n";
    }
    out_ << "</g>\n";
}

void SvgWriter::links() {
    out_ << "<g id=\"links\">\n";
    for (const LinkPath& link : g_.links) {
        if (link.points.empty()) continue;
        out_ << "<path class=\"link\" data-from=\"" << escapeXml(chain_.segments[link.from].id) << "\" data-to=\""
             << escapeXml(chain_.segments[link.to].id) << "\" d=\"M" << num(link.points[0].x) << ','
             << num(link.points[0].y);
        for (std::size_t i = 1; i + 2 < link.points.size(); i += 3)
            out_ << " C" << num(link.points[i].x) << ',' << num(link.points[i].y) << ' ' << num(link.points[i + 1].x)
                 << ',' << num(link.points[i + 1].y) << ' ' << num(link.points[i + 2].x) << ','
                 << num(link.points[i + 2].y);
        if (link.hasArrow) out_ << " L" << num(link.arrowTip.x) << ',' << num(link.arrowTip.y);
        out_ << "\" marker-end=\"url(#arrow)\"/>\n";
    }
    out_ << "</g>\n";
}

// The label lines: centred in a plain box; at the top left of a box that holds firms (where layout left room).
void SvgWriter::segmentLabel(const SegmentNode& node, const SegmentLook& look) {
    const Box& b = node.box;
    double fs = theme_.fontSize;
    bool top = node.firmArea.w > 0;
    double small = fs * 0.8, height = fs + (look.lines.size() - 1) * (small + 3);
    for (std::size_t i = 0; i < look.lines.size(); ++i) {
        bool last = i + 1 == look.lines.size();
        bool noCandidate = look.noCandidate && last && i > 0;
        double size = i == 0 ? (top ? fs * 1.1 : fs) : small;
        double y = top ? b.y + kLabelFirstBaseline + kLabelLineStep * static_cast<double>(i)
                       : b.y + (b.h - height) / 2 + fs - 2 + (i == 0 ? 0 : fs + 1 + (i - 1) * (small + 3));
        std::string text = top && i == 0 ? clipToWidth(look.lines[i], b.w - 12, size) : look.lines[i];
        out_ << "<text" << (noCandidate ? " class=\"no-candidate-mark\"" : "") << " x=\""
             << num(top ? b.x + 8 : b.x + b.w / 2) << "\" y=\"" << num(y) << '"'
             << (top ? "" : " text-anchor=\"middle\"") << " font-size=\"" << num(size) << '"'
             << (i == 0 && top ? " font-weight=\"bold\"" : "") << " fill=\"" << look.textColor << "\">"
             << escapeXml(text) << "</text>";
    }
    out_ << "\n";
}

void SvgWriter::marks(const Box& b, const SegmentLook& look) {
    for (const Mark& mark : look.marks) {
        if (mark.kind == MarkKind::SingleSource)
            out_ << "<g class=\"badge single-source-mark\"><path d=\"M" << num(b.x + 2) << ',' << num(b.y - 7)
                 << " l7,9 l-7,9 l-7,-9 z\" fill=\"" << mark.color
                 << "\" stroke=\"#ffffff\" stroke-width=\"1\"/></g>\n";
        else if (mark.kind == MarkKind::Transfer) {
            out_ << "<g class=\"badge transfer-mark\">";
            // Mostly above the top edge: a label at the top of a box holding firms stays readable.
            pill(out_, mark.color, mark.glyph, b.x + b.w - pillWidth(mark.glyph) + 4, b.y - 4);
            out_ << "</g>\n";
        } else if (mark.kind == MarkKind::Changed)
            out_ << "<text class=\"change\" x=\"" << num(b.x) << "\" y=\"" << num(b.y - 4)
                 << "\" font-size=\"10\" fill=\"" << mark.color << "\">" << escapeXml(look.change) << "</text>\n";
    }
}

void SvgWriter::segments() {
    out_ << "<g id=\"segments\">\n";
    for (const SegmentNode& node : g_.segments) {
        const SegmentLook& look = scene_.segments[node.segment];
        const Box& b = node.box;
        out_ << "<g id=\"seg-" << escapeXml(chain_.segments[node.segment].id) << "\" class=\"" << look.classes
             << "\"><title>" << escapeXml(look.details) << "</title>\n<rect class=\"box\" x=\"" << num(b.x) << "\" y=\""
             << num(b.y) << "\" width=\"" << num(b.w) << "\" height=\"" << num(b.h) << "\" rx=\"6\" fill=\""
             << look.fill << "\"/>\n";
        segmentLabel(node, look);
        marks(b, look);
        out_ << "</g>\n";
    }
    out_ << "</g>\n";
}

// A firm has a box in every segment it has a site in: the first carries id="firm-<id>", all carry the class.
void SvgWriter::firms() {
    if (g_.level != MapLevel::Firm) return;
    out_ << "<g id=\"supplies\">\n";
    for (const SupplyLine& line : g_.supplies)
        out_ << "<line class=\"supply\" x1=\"" << num(line.from.x) << "\" y1=\"" << num(line.from.y) << "\" x2=\""
             << num(line.to.x) << "\" y2=\"" << num(line.to.y) << "\"/>\n";
    out_ << "</g>\n<g id=\"firms\">\n";
    static const char* kRoles[] = {"local", "target", "other"};
    std::vector<char> drawn(chain_.firms.size(), 0);
    for (const FirmNode& node : g_.firms) {
        const Firm& firm = chain_.firms[node.firm];
        const FirmLook& look = scene_.firms[node.firm];
        std::string id = escapeXml(firm.id);
        out_ << "<g" << (drawn[node.firm] ? "" : " id=\"firm-" + id + "\"") << " class=\"firm firm-" << id << ' '
             << kRoles[static_cast<int>(look.role)] << (look.assumed ? " assumed" : "")
             << (look.leader ? " leader" : "") << "\"><title>"
             << escapeXml(look.title + " · " + firmRegionsIn(chain_, node.firm, node.segment, scene_.lang))
             << "</title>";
        drawn[node.firm] = 1;
        const Box& b = node.box;
        out_ << "<rect x=\"" << num(b.x) << "\" y=\"" << num(b.y) << "\" width=\"" << num(b.w) << "\" height=\""
             << num(b.h) << "\" rx=\"3\" fill=\"" << look.fill << "\""
             << (look.assumed ? " stroke=\"" + theme_.firmAssumed + "\" stroke-width=\"3\"" : "") << "/><text x=\""
             << num(b.x + 3) << "\" y=\"" << num(b.y + b.h - 5) << "\" fill=\"" << look.textColor << "\">"
             << escapeXml(clipToWidth(look.label, b.w - 6, 9)) << "</text></g>\n";
    }
    out_ << "</g>\n";
}

// Every resource in one group id="res-<id>" (its name and ties on hover): its marks on the boxes it serves,
// or its mark and name in the whole-chain strip; a C-level resource is faded.
void SvgWriter::resources(const Strip& strip, double stripTop) {
    if (scene_.resources.empty()) return;
    std::vector<std::vector<Point>> at(scene_.resources.size());
    for (const SegmentNode& node : g_.segments) {
        const std::vector<int>& marks = scene_.segments[node.segment].resources;
        for (std::size_t i = 0; i < marks.size(); ++i)
            at[marks[i]].push_back(resourceMarkCentre(node.box, i, marks.size()));
    }
    out_ << "<g id=\"resources\">\n";
    if (!strip.items.empty())
        out_ << "<text x=\"0\" y=\"" << num(stripTop + strip.items[0].y + 4) << "\" font-size=\"12\" fill=\""
             << theme_.textMuted << "\">" << escapeXml(scene_.chainWideLabel) << "</text>\n";
    for (std::size_t i = 0; i < scene_.resources.size(); ++i) {
        const ResourceLook& look = scene_.resources[i];
        const Resource& resource = chain_.resources[look.resource];
        out_ << "<g id=\"res-" << escapeXml(resource.id) << "\" class=\"resource kind-"
             << kResourceKindKeys[static_cast<int>(resource.kind)] << (look.local ? " local" : " hub")
             << (look.confirmed ? "" : " unconfirmed") << '"' << (look.confirmed ? "" : " opacity=\"0.45\"")
             << "><title>" << escapeXml(look.title) << "</title>";
        for (Point p : at[i]) resourceMark(out_, look, p.x, p.y);
        for (const StripItem& item : strip.items)
            if (item.look == static_cast<int>(i)) {
                double cy = stripTop + item.y;
                resourceMark(out_, look, item.x + kResourceMarkRadius, cy);
                out_ << "<text x=\"" << num(item.x + 2 * kResourceMarkRadius + 5) << "\" y=\"" << num(cy + 4)
                     << "\" font-size=\"12\" fill=\"" << theme_.textDark << "\">" << escapeXml(item.name) << "</text>";
            }
        out_ << "</g>\n";
    }
    out_ << "</g>\n";
}

std::string SvgWriter::write() {
    double width = std::max(g_.width + 2 * kMargin, 900.0);
    double titleHeight = kTitleHeight +
                         13.0 * std::max<std::size_t>(1, wrapText(drawnNote(), width - 2 * kMargin, 10).size()) - 13;
    Strip strip = layOutStrip(scene_, width - 2 * kMargin);
    double stripTop = g_.height + kMargin;  // in map coordinates: under the map, above the legend
    double legendHeight = 16 + layOutLegend(scene_.legend, width - 2 * kMargin).height;
    double height = titleHeight + g_.height + 2 * kMargin + strip.height + legendHeight;
    header(width, height);
    title(width);
    out_ << "<g id=\"map\" transform=\"translate(" << kMargin << ',' << num(titleHeight + kMargin) << ")\">\n";
    clusters();
    links();
    segments();
    firms();
    resources(strip, stripTop);
    out_ << "</g>\n";
    writeLegend(out_, scene_.legend, theme_, kMargin, titleHeight + g_.height + 2 * kMargin + strip.height + 16,
                width - 2 * kMargin);
    out_ << "</svg>\n";
    return out_.str();
}

}  // namespace

std::string renderSvg(const Chain& chain, const Analysis& analysis, const MapGeometry& geometry, const Theme& theme,
                      const SvgOptions& options) {
    return SvgWriter(chain, analysis, geometry, theme, options).write();
}

}  // namespace chainatlas
