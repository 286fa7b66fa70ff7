// SVG chain maps from the shared layout geometry: status colours from the theme, marks for occupied,
// complement and single-source segments, firms in their lanes, a title and a legend. All data text is escaped.
#include "chainatlas/svg.hpp"

#include <cstdio>
#include <sstream>

#include "chainatlas/text.hpp"

namespace chainatlas {

namespace {

constexpr double kMargin = 20, kTitleHeight = 78, kLegendHeight = 96;

std::string num(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", v);
    return buffer;
}

const char* statusLabel(SegmentStatus s, Lang lang) {
    bool zh = lang == Lang::Zh;
    switch (s) {
        case SegmentStatus::Strong: return zh ? "优势 strong" : "strong";
        case SegmentStatus::Weak: return zh ? "薄弱 weak (强链)" : "weak (strengthen)";
        case SegmentStatus::Gap: return zh ? "断点 gap (补链)" : "gap (fill)";
        case SegmentStatus::Extension: return zh ? "可延伸 extension (延链)" : "extension (extend)";
        case SegmentStatus::Absent: return zh ? "无 absent" : "absent";
    }
    return "";
}

bool darkFill(SegmentStatus s) { return s != SegmentStatus::Weak && s != SegmentStatus::Absent; }

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

class SvgWriter {
public:
    SvgWriter(const Chain& chain, const Analysis& analysis, const MapGeometry& geometry, const Theme& theme,
              const SvgOptions& options)
        : chain_(chain), a_(analysis), g_(geometry), theme_(theme), options_(options), lang_(options.lang) {}

    std::string write();

private:
    const Chain& chain_;
    const Analysis& a_;
    const MapGeometry& g_;
    const Theme& theme_;
    const SvgOptions& options_;
    Lang lang_;
    std::ostringstream out_;

    std::string name(const Name& n, const std::string& id) const { return escapeXml(n.pick(lang_, id)); }
    void header(double width, double height);
    void title(double width);  // chain, region, hubs, assumptions, date and the note
    void clusters();
    void links();
    void segments();
    void firms();
    void legend(double y);
    std::string segmentTooltip(int s) const;
};

void SvgWriter::header(double width, double height) {
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << num(width) << "\" height=\"" << num(height)
         << "\" viewBox=\"0 0 " << num(width) << ' ' << num(height) << "\" font-family=\"" << escapeXml(theme_.fontFamily)
         << "\" font-size=\"" << num(theme_.fontSize) << "\">\n"
         << "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
            "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\""
         << theme_.linkEdge << "\"/></marker>\n<style>\n"
         << ".segment rect.box{stroke:#37474f;stroke-width:1}\n"
         << ".segment.occupied rect.box{stroke:" << theme_.occupiedBorder << ";stroke-width:4;stroke-dasharray:7 3}\n"
         << ".segment.changed rect.box{stroke:" << theme_.highlightEdge << ";stroke-width:3}\n"
         << ".link{fill:none;stroke:" << theme_.linkEdge << ";stroke-width:1.4}\n"
         << ".supply{stroke:" << theme_.supplyEdge << ";stroke-width:0.7;opacity:0.45}\n"
         << ".firm text{font-size:9px}\n"
         << "</style></defs>\n"
         << "<rect width=\"100%\" height=\"100%\" fill=\"" << theme_.background << "\"/>\n";
}

void SvgWriter::title(double width) {
    bool zh = lang_ == Lang::Zh;
    const Region& region = chain_.regions[a_.region];
    std::string line1 = name(chain_.name, chain_.id) + " — " + name(region.name, region.id) +
                        (zh ? " 产业链图谱" : " chain map");
    std::string line2 = zh ? "枢纽: " : "Hubs: ";
    if (a_.hubs.empty()) line2 += zh ? "无" : "none";
    for (std::size_t i = 0; i < a_.hubs.size(); ++i)
        line2 += (i ? ", " : "") + name(chain_.regions[a_.hubs[i]].name, chain_.regions[a_.hubs[i]].id);
    line2 += zh ? " · 假设: " : " · Assumed: ";
    if (a_.assumed.empty()) line2 += zh ? "无" : "none";
    for (std::size_t i = 0; i < a_.assumed.size(); ++i) {
        const Assumption& as = a_.assumed[i];
        line2 += (i ? ", " : "") + name(chain_.firms[as.firm].name, chain_.firms[as.firm].id) + " @ " +
                 name(chain_.regions[as.region].name, chain_.regions[as.region].id);
    }
    line2 += " · " + escapeXml(options_.date);
    out_ << "<g id=\"title\"><text x=\"" << kMargin << "\" y=\"32\" font-size=\"22\" font-weight=\"bold\" fill=\""
         << theme_.textDark << "\">" << line1 << "</text>\n<text x=\"" << kMargin << "\" y=\"56\" fill=\""
         << theme_.textMuted << "\">" << line2 << "</text>\n";
    // The chain's note (what the data is and is not), wrapped to the map's width.
    double y = 72;
    for (const std::string& line : wrapText(chain_.note, width - 2 * kMargin, 10)) {
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
             << name(stage.name, stage.id) << "</text></g>\n";
    }
    out_ << "</g>\n";
}

void SvgWriter::links() {
    out_ << "<g id=\"links\">\n";
    for (const LinkPath& link : g_.links) {
        if (link.points.empty()) continue;
        out_ << "<path class=\"link\" data-from=\"" << escapeXml(chain_.segments[link.from].id) << "\" data-to=\""
             << escapeXml(chain_.segments[link.to].id) << "\" d=\"M" << num(link.points[0].x) << ',' << num(link.points[0].y);
        for (std::size_t i = 1; i + 2 < link.points.size(); i += 3)
            out_ << " C" << num(link.points[i].x) << ',' << num(link.points[i].y) << ' ' << num(link.points[i + 1].x)
                 << ',' << num(link.points[i + 1].y) << ' ' << num(link.points[i + 2].x) << ',' << num(link.points[i + 2].y);
        if (link.hasArrow) out_ << " L" << num(link.arrowTip.x) << ',' << num(link.arrowTip.y);
        out_ << "\" marker-end=\"url(#arrow)\"/>\n";
    }
    out_ << "</g>\n";
}

std::string SvgWriter::segmentTooltip(int s) const {
    const SegmentResult& r = a_.segments[s];
    bool zh = lang_ == Lang::Zh;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "RCA %.2f", r.rca);
    std::string tip = name(chain_.segments[s].name, chain_.segments[s].id) + "\n" + statusLabel(r.status, lang_) + "\n" + buffer;
    std::snprintf(buffer, sizeof buffer, "%.2f", r.density);
    tip += std::string(zh ? " · 关联密度 " : " · density ") + buffer;
    if (r.occupied) tip += zh ? "\n枢纽已占优: 避免正面竞争 (错位发展)" : "\noccupied by a hub: avoid head-on competition";
    if (r.complement) tip += zh ? "\n可为枢纽配套" : "\ncomplement: can supply the hub's strength";
    if (r.singleSource) tip += zh ? "\n仅一家企业 (卡脖子)" : "\nsingle source (chokepoint)";
    for (const StatusChange& c : a_.changed)
        if (c.segment == s) tip += std::string("\n") + (zh ? "假设后: " : "what-if: ") + statusKey(c.from) + " → " + statusKey(c.to);
    std::string local;
    int shown = 0;
    for (std::size_t f = 0; f < chain_.firms.size() && shown < 12; ++f)
        for (const Site& site : chain_.firms[f].sites)
            if (site.region == a_.region && std::find(site.segments.begin(), site.segments.end(), s) != site.segments.end()) {
                local += (shown++ ? ", " : "") + name(chain_.firms[f].name, chain_.firms[f].id);
                break;
            }
    tip += std::string("\n") + (zh ? "本地企业: " : "local firms: ") + (local.empty() ? (zh ? "无" : "none") : local);
    return tip;
}

void SvgWriter::segments() {
    out_ << "<g id=\"segments\">\n";
    bool firmLevel = g_.level == MapLevel::Firm;
    for (const SegmentNode& node : g_.segments) {
        int s = node.segment;
        const SegmentResult& r = a_.segments[s];
        bool changed = std::any_of(a_.changed.begin(), a_.changed.end(), [&](const StatusChange& c) { return c.segment == s; });
        out_ << "<g id=\"seg-" << escapeXml(chain_.segments[s].id) << "\" class=\"segment status-" << statusKey(r.status)
             << (r.occupied ? " occupied" : "") << (r.complement ? " complement" : "")
             << (r.singleSource ? " single-source" : "") << (changed ? " changed" : "") << "\">"
             << "<title>" << segmentTooltip(s) << "</title>\n";
        const Box& b = node.box;
        out_ << "<rect class=\"box\" x=\"" << num(b.x) << "\" y=\"" << num(b.y) << "\" width=\"" << num(b.w)
             << "\" height=\"" << num(b.h) << "\" rx=\"6\" fill=\"" << theme_.statusColor(r.status) << "\"/>\n";
        const std::string& textColor = darkFill(r.status) ? theme_.textLight : theme_.textDark;
        std::string label = segmentLabel(chain_, a_, s, lang_);
        std::size_t newline = label.find('\n');
        double fs = theme_.fontSize;
        if (firmLevel && node.firmArea.w > 0) {
            out_ << "<text x=\"" << num(b.x + 8) << "\" y=\"" << num(b.y + fs + 4) << "\" font-weight=\"bold\" fill=\""
                 << textColor << "\">" << escapeXml(clipToWidth(label.substr(0, newline), b.w - 12, fs * 1.1)) << "</text>"
                 << "<text x=\"" << num(b.x + 8) << "\" y=\"" << num(b.y + 2 * fs + 8) << "\" font-size=\"" << num(fs * 0.75)
                 << "\" fill=\"" << textColor << "\">" << escapeXml(label.substr(newline + 1)) << " · "
                 << statusKey(r.status) << "</text>\n";
        } else {
            double cx = b.x + b.w / 2, cy = b.y + b.h / 2;
            out_ << "<text x=\"" << num(cx) << "\" y=\"" << num(cy - 2) << "\" text-anchor=\"middle\" fill=\"" << textColor
                 << "\">" << escapeXml(label.substr(0, newline)) << "</text>"
                 << "<text x=\"" << num(cx) << "\" y=\"" << num(cy + fs - 1) << "\" text-anchor=\"middle\" font-size=\""
                 << num(fs * 0.8) << "\" fill=\"" << textColor << "\">" << escapeXml(label.substr(newline + 1)) << "</text>\n";
        }
        if (r.complement)
            out_ << "<g class=\"badge complement-badge\"><circle cx=\"" << num(b.x + b.w - 2) << "\" cy=\"" << num(b.y + 2)
                 << "\" r=\"9\" fill=\"" << theme_.complementBadge << "\" stroke=\"#ffffff\" stroke-width=\"1.5\"/><text x=\""
                 << num(b.x + b.w - 2) << "\" y=\"" << num(b.y + 6) << "\" text-anchor=\"middle\" font-size=\"11\" fill=\"#ffffff\">"
                 << (lang_ == Lang::Zh ? "配" : "C") << "</text></g>\n";
        if (r.singleSource)
            out_ << "<g class=\"badge single-source-mark\"><path d=\"M" << num(b.x + 2) << ',' << num(b.y - 7) << " l7,9 l-7,9 l-7,-9 z\" fill=\""
                 << theme_.singleSourceMark << "\" stroke=\"#ffffff\" stroke-width=\"1\"/></g>\n";
        if (changed)
            for (const StatusChange& c : a_.changed)
                if (c.segment == s)
                    out_ << "<text class=\"change\" x=\"" << num(b.x) << "\" y=\"" << num(b.y - 4) << "\" font-size=\"10\" fill=\""
                         << theme_.highlightEdge << "\">" << statusKey(c.from) << " → " << statusKey(c.to) << "</text>\n";
        out_ << "</g>\n";
    }
    out_ << "</g>\n";
}

void SvgWriter::firms() {
    if (g_.level != MapLevel::Firm) return;
    std::vector<int> rank(chain_.firms.size(), 0);
    for (const Target& t : a_.targets) rank[t.firm] = t.rank;
    out_ << "<g id=\"supplies\">\n";
    for (const SupplyLine& line : g_.supplies)
        out_ << "<line class=\"supply\" x1=\"" << num(line.from.x) << "\" y1=\"" << num(line.from.y) << "\" x2=\""
             << num(line.to.x) << "\" y2=\"" << num(line.to.y) << "\"/>\n";
    out_ << "</g>\n<g id=\"firms\">\n";
    for (const FirmNode& node : g_.firms) {
        const Firm& firm = chain_.firms[node.firm];
        bool local = false, assumed = false;
        for (const Site& site : firm.sites)
            if (site.region == a_.region) {
                local = true;
                if (site.extra.contains("assumed")) assumed = true;
            }
        bool target = !local && rank[node.firm] > 0 && static_cast<std::size_t>(rank[node.firm]) <= options_.top;
        const char* kind = local ? "local" : (target ? "target" : "other");
        const std::string& fill = local ? theme_.firmLocal : (target ? theme_.firmTarget : theme_.firmOther);
        const std::string& textColor = (local || target) ? theme_.textLight : theme_.textDark;
        std::string label = firm.name.pick(lang_, firm.id);
        if (target) label.insert(0, "#" + std::to_string(rank[node.firm]).append(" "));
        const Box& b = node.box;
        out_ << "<g id=\"firm-" << escapeXml(firm.id) << "\" class=\"firm " << kind << (assumed ? " assumed" : "")
             << (firm.leader ? " leader" : "") << "\"><title>" << escapeXml(firm.name.pick(lang_, firm.id)) << " ("
             << escapeXml(firm.id) << ")" << (firm.leader ? (lang_ == Lang::Zh ? " · 链主" : " · chain leader") : "")
             << (rank[node.firm] > 0 ? " · rank " + std::to_string(rank[node.firm]) : std::string()) << "</title>"
             << "<rect x=\"" << num(b.x) << "\" y=\"" << num(b.y) << "\" width=\"" << num(b.w) << "\" height=\"" << num(b.h)
             << "\" rx=\"3\" fill=\"" << fill << "\"" << (assumed ? " stroke=\"" + theme_.firmAssumed + "\" stroke-width=\"3\"" : "")
             << "/><text x=\"" << num(b.x + 3) << "\" y=\"" << num(b.y + b.h - 5) << "\" fill=\"" << textColor << "\">"
             << escapeXml(clipToWidth(label, b.w - 6, 9)) << "</text></g>\n";
    }
    out_ << "</g>\n";
}

void SvgWriter::legend(double y) {
    bool zh = lang_ == Lang::Zh;
    out_ << "<g id=\"legend\" transform=\"translate(" << kMargin << ',' << num(y) << ")\">\n"
         << "<text x=\"0\" y=\"0\" font-weight=\"bold\" fill=\"" << theme_.textDark << "\">" << (zh ? "图例 Legend" : "Legend") << "</text>\n";
    double x = 0;
    for (int s = 0; s < 5; ++s) {
        auto status = static_cast<SegmentStatus>(s);
        out_ << "<rect x=\"" << num(x) << "\" y=\"10\" width=\"18\" height=\"14\" rx=\"3\" fill=\"" << theme_.statusColor(status)
             << "\"/><text x=\"" << num(x + 24) << "\" y=\"22\" font-size=\"12\" fill=\"" << theme_.textDark << "\">"
             << statusLabel(status, lang_) << "</text>\n";
        x += 190;
    }
    out_ << "<rect x=\"0\" y=\"36\" width=\"18\" height=\"14\" rx=\"3\" fill=\"#ffffff\" stroke=\"" << theme_.occupiedBorder
         << "\" stroke-width=\"3\" stroke-dasharray=\"5 2\"/><text x=\"24\" y=\"48\" font-size=\"12\" fill=\"" << theme_.textDark << "\">"
         << (zh ? "枢纽已占优 occupied (错位发展: 避免正面竞争)" : "occupied by a hub: complement it, do not compete head-on")
         << "</text>\n<circle cx=\"389\" cy=\"43\" r=\"8\" fill=\"" << theme_.complementBadge << "\"/><text x=\"404\" y=\"48\" font-size=\"12\" fill=\""
         << theme_.textDark << "\">" << (zh ? "可为枢纽配套 complement" : "complement: supplies the hub's strength") << "</text>\n"
         << "<path d=\"M660,34 l7,9 l-7,9 l-7,-9 z\" fill=\"" << theme_.singleSourceMark << "\"/><text x=\"674\" y=\"48\" font-size=\"12\" fill=\""
         << theme_.textDark << "\">" << (zh ? "独家供应 single source (卡脖子)" : "single source (chokepoint)") << "</text>\n";
    if (g_.level == MapLevel::Firm) {
        const std::pair<const std::string*, const char*> kinds[] = {
            {&theme_.firmLocal, zh ? "本地企业 local firm" : "local firm"},
            {&theme_.firmTarget, zh ? "招商目标 (排名) target" : "target (rank)"},
            {&theme_.firmOther, zh ? "其他企业 other" : "other firm"}};
        double fx = 0;
        for (const auto& [color, label] : kinds) {
            out_ << "<rect x=\"" << num(fx) << "\" y=\"62\" width=\"18\" height=\"12\" rx=\"2\" fill=\"" << *color
                 << "\"/><text x=\"" << num(fx + 24) << "\" y=\"73\" font-size=\"12\" fill=\"" << theme_.textDark << "\">" << label << "</text>\n";
            fx += 190;
        }
        out_ << "<rect x=\"" << num(fx) << "\" y=\"62\" width=\"18\" height=\"12\" rx=\"2\" fill=\"" << theme_.firmLocal << "\" stroke=\""
             << theme_.firmAssumed << "\" stroke-width=\"3\"/><text x=\"" << num(fx + 24) << "\" y=\"73\" font-size=\"12\" fill=\""
             << theme_.textDark << "\">" << (zh ? "假设落地 assumed (what-if)" : "assumed site (what-if)") << "</text>\n";
    }
    out_ << "</g>\n";
}

std::string SvgWriter::write() {
    double width = std::max(g_.width + 2 * kMargin, 900.0);
    double titleHeight = kTitleHeight + 13.0 * std::max<std::size_t>(1, wrapText(chain_.note, width - 2 * kMargin, 10).size()) - 13;
    double height = titleHeight + g_.height + 2 * kMargin + kLegendHeight;
    header(width, height);
    title(width);
    out_ << "<g id=\"map\" transform=\"translate(" << kMargin << ',' << num(titleHeight + kMargin) << ")\">\n";
    clusters();
    links();
    segments();
    firms();
    out_ << "</g>\n";
    legend(titleHeight + g_.height + 2 * kMargin + 16);
    out_ << "</svg>\n";
    return out_.str();
}

}  // namespace

std::string renderSvg(const Chain& chain, const Analysis& analysis, const MapGeometry& geometry, const Theme& theme,
                      const SvgOptions& options) {
    return SvgWriter(chain, analysis, geometry, theme, options).write();
}

}  // namespace chainatlas
