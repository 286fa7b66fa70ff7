// Map layout: the segment graph through Graphviz dot (stages as clusters, left to right), firms placed
// in a grid inside their segment's box, so that thousands of firms never go through dot (docs/architecture.md).
#include "chainatlas/map/layout.hpp"

#include <graphviz/gvc.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>

#include "chainatlas/base/text.hpp"
#include "chainatlas/map/scene.hpp"
#include "graph_transfer.hpp"

namespace chainatlas {

namespace {
// One Graphviz context for the whole process, never freed: Debian's Graphviz 2.42 pango plugin keeps a
// pointer to the last font name of the context that measured it, so a second context (after freeing the
// first) reads freed memory. Graphviz is not thread-safe either, so every layout holds this mutex.
GVC_t* sharedContext() {
    static GVC_t* context = [] {
        // Warnings ("size too small for label" when a font draws a name wider than estimated) are not the
        // user's business and must not leak to stderr; errors still fail the layout.
        agseterr(AGERR);
        return gvContext();
    }();
    return context;
}
std::mutex& graphvizMutex() {
    static std::mutex mutex;
    return mutex;
}
// How each link is drawn.
enum class LinkDraw : char { Hidden, Routed, Straight };
// Past this many links to draw, dot gets only the links that fix each segment's column and the rest are
// drawn straight: dot's time grows with the square of the links (14,400 links of a layered graph: 23 s).
constexpr std::size_t kMaxRoutedLinks = 1500;

struct LinkGraph {
    std::vector<std::vector<int>> successors;
    std::vector<int> order;  // topological (links form a DAG: the validator checks it)
};

LinkGraph linkGraph(const Chain& chain) {
    LinkGraph g;
    std::size_t n = chain.segments.size();
    g.successors.resize(n);
    std::vector<int> indegree(n, 0);
    for (const Link& link : chain.links) {
        g.successors[link.from].push_back(link.to);
        ++indegree[link.to];
    }
    for (std::size_t v = 0; v < n; ++v)
        if (indegree[v] == 0) g.order.push_back(static_cast<int>(v));
    for (std::size_t i = 0; i < g.order.size(); ++i)
        for (int w : g.successors[g.order[i]])
            if (--indegree[w] == 0) g.order.push_back(w);
    return g;
}

// The transitive reduction of the link DAG: a link a -> c is hidden when a -> b -> ... -> c is drawn
// anyway (duplicates too). A complete DAG of 40 segments has 780 links, 39 after reduction.
// Reachability as bit sets: O(links * segments / 64).
std::vector<LinkDraw> reduceLinks(const Chain& chain, const LinkGraph& g) {
    std::size_t n = chain.segments.size(), words = (n + 63) / 64;
    std::vector<std::vector<std::uint64_t>> reach(n), covered(n);  // strictly downstream; via a successor
    for (auto it = g.order.rbegin(); it != g.order.rend(); ++it) {
        int u = *it;
        covered[u].assign(words, 0);
        for (int w : g.successors[u])
            for (std::size_t k = 0; k < words; ++k) covered[u][k] |= reach[w][k];
        reach[u] = covered[u];
        for (int w : g.successors[u]) reach[u][w / 64] |= std::uint64_t{1} << (w % 64);
    }
    std::vector<LinkDraw> draw(chain.links.size(), LinkDraw::Hidden);
    std::set<std::pair<int, int>> drawn;
    for (std::size_t k = 0; k < chain.links.size(); ++k) {
        const Link& link = chain.links[k];
        bool implied = (covered[link.from][link.to / 64] >> (link.to % 64)) & 1;
        if (!implied && drawn.insert({link.from, link.to}).second) draw[k] = LinkDraw::Routed;
    }
    return draw;
}

// When too many links remain, dot sees one link into each segment from a segment one column to its
// left (so every column is what the full graph gives); the others are drawn straight.
void limitRoutedLinks(const Chain& chain, const LinkGraph& g, std::vector<LinkDraw>& draw) {
    if (static_cast<std::size_t>(std::count(draw.begin(), draw.end(), LinkDraw::Routed)) <= kMaxRoutedLinks) return;
    std::vector<int> depth(chain.segments.size(), 0);
    for (int u : g.order)
        for (int w : g.successors[u]) depth[w] = std::max(depth[w], depth[u] + 1);
    std::vector<char> fixed(chain.segments.size(), 0);
    for (std::size_t k = 0; k < chain.links.size(); ++k) {
        if (draw[k] != LinkDraw::Routed) continue;
        const Link& link = chain.links[k];
        bool keeps = !fixed[link.to] && depth[link.from] + 1 == depth[link.to];
        if (keeps) fixed[link.to] = 1;
        else draw[k] = LinkDraw::Straight;
    }
}

std::vector<LinkDraw> linksToDraw(const Chain& chain) {
    LinkGraph g = linkGraph(chain);
    std::vector<LinkDraw> draw = reduceLinks(chain, g);
    limitRoutedLinks(chain, g, draw);
    return draw;
}

// A link dot did not route: one straight cubic from the right side of one box to the left of the other.
LinkPath straightLink(const Link& link, const Box& from, const Box& to) {
    Point start{from.x + from.w, from.y + from.h / 2}, tip{to.x, to.y + to.h / 2};
    Point end{tip.x - (tip.x > start.x ? 8 : -8), tip.y};
    auto lerp = [&](double t) { return Point{start.x + (end.x - start.x) * t, start.y + (end.y - start.y) * t}; };
    return {link.from, link.to, {start, lerp(1.0 / 3), lerp(2.0 / 3), end}, tip, true};
}

}  // namespace

struct LayoutEngine::Context {
    GVC_t* gvc = nullptr;
    // The last map of segments laid out, and everything it was laid out from (segmentInput): a request with
    // the same input gets the same geometry without running dot again (nor the helper).
    std::string lastInput;
    MapGeometry lastGeometry;
    bool reused = false;
    std::unique_ptr<detail::LayoutHelper> helper;  // layOutInHelper: dot runs there
    bool ranInHelper = false;                      // the last layout did
};

LayoutEngine::LayoutEngine() : context_(std::make_unique<Context>()) {
    std::lock_guard<std::mutex> lock(graphvizMutex());
    context_->gvc = sharedContext();
}

LayoutEngine::~LayoutEngine() = default;

std::string graphvizLiteral(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\\') out += "\\\\";
        else if (c == '&') out += "&amp;";
        else if (c == '\n' || c == '\r') out += ' ';
        else out += c;
    }
    return out;
}

namespace {

constexpr double kPointsPerInch = 72.0;
constexpr double kFirmCellWidth = 124, kFirmCellHeight = 20, kFirmPadding = 8;

// Height of a firm-level segment box's header: its label lines at kLabelLineStep apart, then a gap.
double firmHeader(std::size_t lines) {
    return kLabelFirstBaseline + kLabelLineStep * (static_cast<double>(lines) - 1) + 10;
}

void set(void* object, const char* name, const std::string& value) {
    agsafeset(object, const_cast<char*>(name), const_cast<char*>(value.c_str()), const_cast<char*>(""));
}

// The firms drawn in each segment's lane, in drawing order: a firm appears in every segment it has a site in.
struct FirmPlan {
    std::vector<std::vector<int>> lanes;  // per segment: firm indices in drawing order
};

FirmPlan planFirms(const Chain& chain, const Analysis& analysis) {
    std::size_t firmCount = chain.firms.size();
    std::vector<int> rank(firmCount, 0);
    for (const Target& t : analysis.targets) rank[t.firm] = t.rank;
    std::vector<char> local(firmCount, 0);
    std::vector<double> localOutput(firmCount, 0), totalOutput(firmCount, 0);
    std::vector<int> homeRegion(firmCount, -1);
    FirmPlan plan;
    plan.lanes.resize(chain.segments.size());
    for (std::size_t f = 0; f < firmCount; ++f) {
        double homeOutput = -1;
        for (const Site& site : chain.firms[f].sites) {
            bool here = site.region == analysis.region;
            local[f] = local[f] || here;
            totalOutput[f] += site.outputOrOne();
            if (here) localOutput[f] += site.outputOrOne();
            if (site.outputOrOne() > homeOutput) {
                homeOutput = site.outputOrOne();
                homeRegion[f] = site.region;
            }
            for (int s : site.segments)
                if (plan.lanes[s].empty() || plan.lanes[s].back() != static_cast<int>(f))
                    plan.lanes[s].push_back(static_cast<int>(f));
        }
    }
    // Local firms first (largest local output first), then targets by rank, then the rest by region and output.
    for (auto& lane : plan.lanes) {
        std::sort(lane.begin(), lane.end());
        lane.erase(std::unique(lane.begin(), lane.end()), lane.end());  // two sites of one firm in one segment
        std::sort(lane.begin(), lane.end(), [&](int a, int b) {
            auto group = [&](int f) { return local[f] ? 0 : (rank[f] > 0 ? 1 : 2); };
            if (group(a) != group(b)) return group(a) < group(b);
            if (group(a) == 0 && localOutput[a] != localOutput[b]) return localOutput[a] > localOutput[b];
            if (group(a) == 1) return rank[a] < rank[b];
            if (homeRegion[a] != homeRegion[b]) return homeRegion[a] < homeRegion[b];
            if (totalOutput[a] != totalOutput[b]) return totalOutput[a] > totalOutput[b];
            return chain.firms[a].id < chain.firms[b].id;
        });
    }
    return plan;
}

int laneColumns(std::size_t firms) {
    if (firms == 0) return 1;
    // Lanes taller than wide: the chain runs left to right, so height is cheaper than width.
    return std::clamp(static_cast<int>(std::ceil(std::sqrt(firms / 10.0))), 1, 8);
}

Box flipped(boxf b, double top) { return {b.LL.x, top - b.UR.y, b.UR.x - b.LL.x, b.UR.y - b.LL.y}; }

}  // namespace

namespace {

// The Graphviz graph of one map (a box per segment sized for its firm cells when it is expanded), and how
// each link is drawn.
struct GraphParts : detail::GraphParts {
    std::vector<LinkDraw> draw;
};

void setGraphAttributes(Agraph_t* graph, const Chain& chain, const Analysis& analysis, const LayoutOptions& options) {
    set(graph, "rankdir", "LR");
    // Resource marks hang below the boxes (scene.hpp): more room between boxes stacked in a rank.
    set(graph, "nodesep", hasResourceMarks(chain, analysis) ? "0.4" : "0.25");
    set(graph, "ranksep", "0.55");
    set(graph, "fontname", options.fontName);
    set(graph, "fontsize", std::to_string(options.fontSize + 2));
    set(graph, "labeljust", "l");
}

Agnode_t* segmentNode(Agraph_t* owner, const Chain& chain, const Analysis& analysis, const LayoutOptions& options,
                      const FirmPlan& plan, int s) {
    std::string name = std::to_string(s);
    name.insert(0, 1, 's');  // not "s" + to_string(): GCC 12 warns falsely (-Wrestrict) on that form
    Agnode_t* node = agnode(owner, const_cast<char*>(name.c_str()), 1);
    set(node, "shape", "box");
    set(node, "fontname", options.fontName);
    set(node, "fontsize", std::to_string(options.fontSize));
    set(node, "margin", "0.14,0.07");
    std::vector<std::string> lines = segmentLines(chain, analysis, s, options.lang);
    std::string label;
    for (const std::string& line : lines) label += (label.empty() ? "" : "\\n") + graphvizLiteral(line);
    set(node, "label", label);
    if (options.expands(s)) {
        std::size_t count = plan.lanes[s].size();
        int columns = laneColumns(count);
        int rows = count == 0 ? 0 : static_cast<int>((count + columns - 1) / columns);
        // Room for the bold title (about 10% wider than regular text) and the corner badges.
        double width = std::max(columns * kFirmCellWidth,
                                1.1 * estimateTextWidth(lines.front(), options.fontSize) + 24) +
                       2 * kFirmPadding;
        double height = firmHeader(lines.size()) + rows * kFirmCellHeight + kFirmPadding;
        set(node, "fixedsize", "true");
        set(node, "width", std::to_string(width / kPointsPerInch));
        set(node, "height", std::to_string(height / kPointsPerInch));
    }
    return node;
}

GraphParts buildGraph(const Chain& chain, const Analysis& analysis, const LayoutOptions& options,
                      const FirmPlan& plan) {
    GraphParts parts;
    parts.graph = agopen(const_cast<char*>("chain"), Agdirected, detail::sequentialDiscipline());
    setGraphAttributes(parts.graph, chain, analysis, options);
    parts.clusters.assign(chain.stages.size(), nullptr);
    for (std::size_t s = 0; s < chain.stages.size(); ++s) {
        std::string name = "cluster_" + std::to_string(s);
        parts.clusters[s] = agsubg(parts.graph, const_cast<char*>(name.c_str()), 1);
        set(parts.clusters[s], "label",
            graphvizLiteral(shortenForDrawing(chain.stages[s].name.pick(options.lang, chain.stages[s].id))));
        set(parts.clusters[s], "margin", "12");
    }
    for (std::size_t s = 0; s < chain.segments.size(); ++s) {
        int stage = chain.segments[s].stage;
        Agraph_t* owner = stage >= 0 ? parts.clusters[stage] : parts.graph;
        parts.nodes.push_back(segmentNode(owner, chain, analysis, options, plan, static_cast<int>(s)));
    }
    parts.draw = linksToDraw(chain);
    for (std::size_t k = 0; k < chain.links.size(); ++k) {
        bool routed = parts.draw[k] == LinkDraw::Routed;
        parts.edges.push_back(
            routed ? agedge(parts.graph, parts.nodes[chain.links[k].from], parts.nodes[chain.links[k].to], nullptr, 1)
                   : nullptr);
    }
    return parts;
}

// The laid-out graph as map geometry: y flipped to grow downwards, clusters, segment boxes (with the area
// left for firm cells), and link curves (or straight lines for links dot did not route).
MapGeometry geometryOf(const detail::RawLayout& raw, const std::vector<LinkDraw>& draw, const Chain& chain,
                       const Analysis& analysis, const LayoutOptions& options) {
    MapGeometry geometry;
    geometry.level = options.level;
    double top = raw.bb.UR.y;
    geometry.width = raw.bb.UR.x - raw.bb.LL.x;
    geometry.height = raw.bb.UR.y - raw.bb.LL.y;
    for (std::size_t s = 0; s < raw.clusters.size(); ++s)
        if (raw.clusters[s]) geometry.clusters.push_back({static_cast<int>(s), flipped(*raw.clusters[s], top)});
    for (std::size_t s = 0; s < raw.nodes.size(); ++s) {
        pointf centre = raw.nodes[s].centre;
        double w = raw.nodes[s].width * kPointsPerInch, h = raw.nodes[s].height * kPointsPerInch;
        SegmentNode node{static_cast<int>(s), {centre.x - w / 2, top - centre.y - h / 2, w, h}, {}};
        if (options.expands(static_cast<int>(s))) {
            double header = firmHeader(segmentLines(chain, analysis, static_cast<int>(s), options.lang).size());
            node.firmArea = {node.box.x + kFirmPadding, node.box.y + header, w - 2 * kFirmPadding,
                             h - header - kFirmPadding};
        }
        geometry.segments.push_back(node);
    }
    for (std::size_t k = 0; k < raw.edges.size(); ++k) {
        if (draw[k] == LinkDraw::Straight) {
            const Link& link = chain.links[k];
            geometry.links.push_back(
                straightLink(link, geometry.segments[link.from].box, geometry.segments[link.to].box));
            continue;
        }
        LinkPath path{chain.links[k].from, chain.links[k].to, {}, {}, false};
        const detail::RawLayout::Curve& curve = raw.edges[k];
        for (const pointf& p : curve.points) path.points.push_back({p.x, top - p.y});
        if (!curve.points.empty() && curve.arrow) {
            path.hasArrow = true;
            path.arrowTip = {curve.tip.x, top - curve.tip.y};
        }
        geometry.links.push_back(std::move(path));
    }
    return geometry;
}

// Firm cells in the expanded segments' areas, row by row; returns firm -> index of its first cell (-1: none).
std::vector<int> placeFirms(MapGeometry& geometry, const Chain& chain, const FirmPlan& plan,
                            const LayoutOptions& options) {
    std::vector<int> placed(chain.firms.size(), -1);
    for (std::size_t s = 0; s < plan.lanes.size(); ++s) {
        if (!options.expands(static_cast<int>(s))) continue;
        const Box& area = geometry.segments[s].firmArea;
        int columns = laneColumns(plan.lanes[s].size());
        double cellWidth = area.w / columns;
        for (std::size_t i = 0; i < plan.lanes[s].size(); ++i) {
            int f = plan.lanes[s][i];
            std::size_t row = i / columns, column = i % columns;  // lanes fill row by row
            double x = area.x + column * cellWidth, y = area.y + row * kFirmCellHeight;
            if (placed[f] < 0) placed[f] = static_cast<int>(geometry.firms.size());  // supply lines use the first box
            geometry.firms.push_back({f, static_cast<int>(s), {x + 1, y + 1, cellWidth - 2, kFirmCellHeight - 2}});
        }
    }
    return placed;
}

// Supplies between drawn firms, those touching a local firm or a top-50 target first, at most
// options.maxSupplyLines of them.
void routeSupplies(MapGeometry& geometry, const Chain& chain, const Analysis& analysis, const std::vector<int>& placed,
                   const LayoutOptions& options) {
    std::vector<char> important(chain.firms.size(), 0);
    for (const Target& t : analysis.targets)
        if (t.rank <= 50) important[t.firm] = 1;
    for (std::size_t f = 0; f < chain.firms.size(); ++f)
        for (const Site& site : chain.firms[f].sites)
            if (site.region == analysis.region) important[f] = 1;
    std::vector<int> order;
    for (std::size_t i = 0; i < chain.supplies.size(); ++i)
        if (placed[chain.supplies[i].from] >= 0 && placed[chain.supplies[i].to] >= 0 &&
            chain.supplies[i].from != chain.supplies[i].to)
            order.push_back(static_cast<int>(i));
    std::stable_partition(order.begin(), order.end(),
                          [&](int i) { return important[chain.supplies[i].from] || important[chain.supplies[i].to]; });
    if (order.size() > options.maxSupplyLines) order.resize(options.maxSupplyLines);
    for (int i : order) {
        const Box& a = geometry.firms[placed[chain.supplies[i].from]].box;
        const Box& b = geometry.firms[placed[chain.supplies[i].to]].box;
        geometry.supplies.push_back({i, {a.x + a.w, a.y + a.h / 2}, {b.x, b.y + b.h / 2}});
    }
}

// Everything a map of segments is made from: the graph dot lays out (`graph`: its bytes, as the helper gets
// them: names, labels, sizes, attributes, edges) and the links drawn straight beside it (geometryOf). Firm
// level also places firm cells and supply lines by the targets' ranks, which the graph does not hold: "" there
// (never reused).
std::string segmentInput(const std::string& graph, const GraphParts& parts, const Chain& chain,
                         const LayoutOptions& options) {
    if (options.level != MapLevel::Segment) return {};
    std::string input = graph;
    for (std::size_t k = 0; k < parts.draw.size(); ++k)
        if (parts.draw[k] == LinkDraw::Straight)
            input.append("\nstraight ")
                .append(std::to_string(chain.links[k].from))
                .append(" ")
                .append(std::to_string(chain.links[k].to));
    return input;
}

}  // namespace

// Build the graph, let dot lay it out, read the geometry back, then place firm cells and supply lines.
Result<MapGeometry> LayoutEngine::layout(const Chain& chain, const Analysis& analysis, const LayoutOptions& options) {
    GVC_t* gvc = context_->gvc;
    if (!gvc) return Result<MapGeometry>::failure(ErrorCode::Internal, "Graphviz context could not be created");
    std::unique_lock<std::mutex> lock(graphvizMutex());
    FirmPlan plan;
    if (options.level == MapLevel::Firm) plan = planFirms(chain, analysis);
    GraphParts parts = buildGraph(chain, analysis, options, plan);
    std::string graph = detail::graphBytes(parts);
    std::string input = segmentInput(graph, parts, chain, options);
    context_->reused = !input.empty() && input == context_->lastInput;
    context_->ranInHelper = false;
    if (context_->reused) {
        agclose(parts.graph);
        return context_->lastGeometry;
    }
    detail::LayoutHelper::Outcome helped;
    if (context_->helper) helped = context_->helper->layOut(parts, graph);
    context_->ranInHelper = helped.ended != detail::LayoutHelper::Outcome::Ended::Unavailable;
    detail::RawLayout raw;
    if (context_->ranInHelper) {
        agclose(parts.graph);
        if (helped.ended == detail::LayoutHelper::Outcome::Ended::Failed)
            return Result<MapGeometry>::failure(ErrorCode::Internal,
                                                helped.why.empty()
                                                    ? "Graphviz dot could not lay out the chain"
                                                    : "Graphviz dot could not lay out the chain: " + helped.why);
        raw = std::move(helped.layout);
    } else {
        if (gvLayout(gvc, parts.graph, "dot") != 0) {
            agclose(parts.graph);
            return Result<MapGeometry>::failure(ErrorCode::Internal, "Graphviz dot could not lay out the chain");
        }
        raw = detail::rawLayoutOf(parts);
        gvFreeLayout(gvc, parts.graph);
        agclose(parts.graph);
    }
    MapGeometry geometry = geometryOf(raw, parts.draw, chain, analysis, options);
    if (options.level == MapLevel::Firm)
        routeSupplies(geometry, chain, analysis, placeFirms(geometry, chain, plan, options), options);
    context_->lastGeometry = input.empty() ? MapGeometry{} : geometry;
    context_->lastInput = std::move(input);
    return geometry;
}

bool LayoutEngine::reusedLast() const { return context_->reused; }

void LayoutEngine::layOutInHelper(std::vector<std::string> command, std::size_t mostHeapBytes) {
    context_->helper = command.empty() ? nullptr
                                       : std::make_unique<detail::LayoutHelper>(std::move(command), mostHeapBytes);
}

bool LayoutEngine::ranInHelperLast() const { return context_->ranInHelper; }

int LayoutEngine::helpersStarted() const { return context_->helper ? context_->helper->started() : 0; }

int serveMapLayouts(int socket) {
    GVC_t* gvc = sharedContext();
    if (!gvc) return 1;
    return detail::serveLayouts(socket, gvc);
}

}  // namespace chainatlas
