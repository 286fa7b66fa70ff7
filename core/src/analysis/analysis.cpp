// Segment analysis for a focal region (docs/method.md §3–§7): presence, RCA, status, hubs, advice, relatedness.
#include "chainatlas/analysis/analysis.hpp"

#include <algorithm>
#include <bit>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <cstdint>

#include "analysis/firm_sites.hpp"
#include "chainatlas/model/profile.hpp"
#include "model/chain_index.hpp"

namespace chainatlas {

namespace {
constexpr double kRcaTolerance = 1e-9;  // "RCA >= 1" holds from 1 - 1e-9 (docs/method.md §2)
}

const char* statusKey(SegmentStatus status) {
    switch (status) {
        case SegmentStatus::Strong: return "strong";
        case SegmentStatus::Weak: return "weak";
        case SegmentStatus::Gap: return "gap";
        case SegmentStatus::Extension: return "extension";
        case SegmentStatus::Absent: return "absent";
    }
    return "absent";
}

const char* adviceKey(Advice advice) {
    switch (advice) {
        case Advice::Keep: return "keep";
        case Advice::Leave: return "leave";
        case Advice::Complement: return "complement";
        case Advice::Fill: return "fill";
        case Advice::Strengthen: return "strengthen";
        case Advice::Extend: return "extend";
        case Advice::None: return "none";
    }
    return "none";
}

const char* basisKey(Basis basis) {
    switch (basis) {
        case Basis::Firm: return "firm";
        case Basis::Segment: return "segment";
        case Basis::Ties: return "ties";
        case Basis::None: return "none";
    }
    return "none";
}

const char* causeKey(ChangeCause cause) {
    switch (cause) {
        case ChangeCause::Site: return "site";
        case ChangeCause::Share: return "share";
        case ChangeCause::Link: return "link";
    }
    return "link";
}

namespace {

// RCA and M from X and n (docs/method.md §2, §6): the region's, the segment's and the chain's totals.
void fillRca(PresenceMatrix& m) {
    std::vector<double> rowSum(m.regions, 0.0), columnSum(m.segments, 0.0);
    double total = 0;
    for (int r = 0; r < m.regions; ++r)
        for (int s = 0; s < m.segments; ++s) {
            double x = m.output[m.at(r, s)];
            rowSum[r] += x;
            columnSum[s] += x;
            total += x;
        }
    for (int r = 0; r < m.regions; ++r)
        for (int s = 0; s < m.segments; ++s) {
            std::size_t i = m.at(r, s);
            if (rowSum[r] > 0 && columnSum[s] > 0 && total > 0)
                m.rca[i] = (m.output[i] / rowSum[r]) / (columnSum[s] / total);
            m.advantage[i] = m.sites[i] >= 1 && m.rca[i] >= 1.0 - kRcaTolerance;
        }
}

}  // namespace

namespace detail {

FirmSites::FirmSites(const Chain& chain, const std::vector<Assumption>& filled) : chain_(chain) {
    for (const Assumption& assumption : filled) {
        if (assumption.segments.empty()) continue;  // as applyAssumptions: no site without a segment
        Site site;
        site.region = assumption.region;
        site.segments = assumption.segments;  // no output: counts as 1
        site.assumed = true;
        site.confidence = "A";  // an assumption is taken as certain
        added_.emplace_back(assumption.firm, std::move(site));
        assumedFirms_.push_back(assumption.firm);
    }
    if (added_.empty()) return;
    hasAdded_.assign(chain.firms.size(), 0);
    for (int firm : assumedFirms_) hasAdded_[static_cast<std::size_t>(firm)] = 1;
    std::sort(assumedFirms_.begin(), assumedFirms_.end());
    assumedFirms_.erase(std::unique(assumedFirms_.begin(), assumedFirms_.end()), assumedFirms_.end());
}

bool FirmSites::hasSiteIn(int firm, int region) const {
    bool found = false;
    forEach(firm, [&](const Site& site) { found = found || (site.counted() && site.region == region); });
    return found;
}

PresenceMatrix computePresence(const FirmSites& sites, const Chain& chain) {
    PresenceMatrix m;
    m.regions = static_cast<int>(chain.regions.size());
    m.segments = static_cast<int>(chain.segments.size());
    std::size_t cells = static_cast<std::size_t>(m.regions) * m.segments;
    m.output.assign(cells, 0.0);
    m.sites.assign(cells, 0);
    m.rca.assign(cells, 0.0);
    m.advantage.assign(cells, 0);
    for (int f = 0; f < static_cast<int>(chain.firms.size()); ++f)
        sites.forEach(f, [&](const Site& site) {
            if (!site.counted()) return;  // a C-graded site counts nowhere
            for (int s : site.segments) {
                m.output[m.at(site.region, s)] += site.outputOrOne();  // no splitting among segments
                ++m.sites[m.at(site.region, s)];
            }
        });
    fillRca(m);
    return m;
}

}  // namespace detail

PresenceMatrix computePresence(const Chain& chain) { return detail::computePresence(detail::FirmSites(chain), chain); }

std::vector<double> computeProximity(const PresenceMatrix& m) {
    // One bitset over regions per segment: co-occurrence is a popcount of an AND.
    std::size_t words = (static_cast<std::size_t>(m.regions) + 63) / 64;
    std::vector<std::uint64_t> bits(words * m.segments, 0);
    std::vector<int> ubiquity(m.segments, 0);
    for (int r = 0; r < m.regions; ++r)
        for (int s = 0; s < m.segments; ++s)
            if (m.advantage[m.at(r, s)]) {
                bits[s * words + r / 64] |= std::uint64_t{1} << (r % 64);
                ++ubiquity[s];
            }
    std::vector<double> phi(static_cast<std::size_t>(m.segments) * m.segments, 0.0);
    for (int a = 0; a < m.segments; ++a)
        for (int b = a; b < m.segments; ++b) {
            int larger = std::max(ubiquity[a], ubiquity[b]);
            if (larger == 0) continue;  // 0 when both are 0
            int both = 0;
            for (std::size_t w = 0; w < words; ++w) both += std::popcount(bits[a * words + w] & bits[b * words + w]);
            double value = static_cast<double>(both) / larger;
            phi[static_cast<std::size_t>(a) * m.segments + b] = value;
            phi[static_cast<std::size_t>(b) * m.segments + a] = value;
        }
    return phi;
}

std::vector<double> computeDensity(const PresenceMatrix& m, const std::vector<double>& phi, int region) {
    std::vector<double> density(m.segments, 0.0);
    for (int s = 0; s < m.segments; ++s) {
        double numerator = 0, denominator = 0;
        const double* row = &phi[static_cast<std::size_t>(s) * m.segments];
        for (int t = 0; t < m.segments; ++t) {
            if (t == s) continue;
            denominator += row[t];
            if (m.advantage[m.at(region, t)]) numerator += row[t];
        }
        density[s] = denominator > 0 ? numerator / denominator : 0.0;
    }
    return density;
}

namespace {

// Marks every segment reachable along `graph` from the marked ones (the starts stay marked).
template <typename Graph>
std::vector<bool> reachFrom(const Graph& graph, const std::vector<bool>& starts) {
    int n = static_cast<int>(starts.size());
    std::vector<boost::default_color_type> color(starts.size(), boost::white_color);
    auto colorMap = boost::make_iterator_property_map(color.begin(), boost::get(boost::vertex_index, graph));
    boost::queue<int> queue;
    for (int s = 0; s < n; ++s)
        if (starts[s] && color[s] == boost::white_color)
            boost::breadth_first_visit(graph, s, queue, boost::default_bfs_visitor(), colorMap);
    std::vector<bool> reached(starts.size());
    for (int s = 0; s < n; ++s) reached[s] = color[s] != boost::white_color;
    return reached;
}

}  // namespace

namespace {

// single_source(s) and candidates(s): firms with a counted site in s anywhere, and those among them with no
// counted site in the region. A market segment's firms are customers, never candidates.
void countFirms(const Chain& chain, const detail::FirmSites& sites, int region, std::vector<SegmentResult>& result) {
    std::size_t n = result.size();
    std::vector<int> firmsInSegment(n, 0), lastFirm(n, -1);
    for (int f = 0; f < static_cast<int>(chain.firms.size()); ++f) {
        bool local = sites.hasSiteIn(f, region);
        sites.forEach(f, [&](const Site& site) {
            if (!site.counted()) return;
            for (int s : site.segments)
                if (lastFirm[s] != f) {
                    lastFirm[s] = f;
                    ++firmsInSegment[s];
                    if (!local && !result[s].market) ++result[s].candidates;
                }
        });
    }
    for (std::size_t s = 0; s < n; ++s) result[s].singleSource = firmsInSegment[s] == 1;
}

SegmentStatus statusOf(const Chain& chain, const PresenceMatrix& m, const std::vector<bool>& present, bool between,
                       int region, int s) {
    if (present[s]) return m.advantage[m.at(region, s)] ? SegmentStatus::Strong : SegmentStatus::Weak;
    if (between) return SegmentStatus::Gap;
    const detail::ChainGraph& graph = chain.index().segmentGraph();
    for (auto [e, end] = boost::out_edges(s, graph); e != end; ++e)
        if (present[boost::target(*e, graph)]) return SegmentStatus::Extension;
    for (auto [e, end] = boost::in_edges(s, graph); e != end; ++e)
        if (present[boost::source(*e, graph)]) return SegmentStatus::Extension;
    return SegmentStatus::Absent;
}

// hub_strong, occupied, then complement (which needs every segment's hub_strong first: s -> t, t hub-strong).
void markHubs(const Chain& chain, const PresenceMatrix& m, const std::vector<int>& hubs,
              std::vector<SegmentResult>& result) {
    const detail::ChainGraph& graph = chain.index().segmentGraph();
    for (std::size_t s = 0; s < result.size(); ++s) {
        SegmentResult& r = result[s];
        for (int h : hubs) r.hubStrong = r.hubStrong || m.advantage[m.at(h, static_cast<int>(s))];
        r.occupied = r.hubStrong && r.status != SegmentStatus::Strong;
    }
    for (std::size_t s = 0; s < result.size(); ++s) {
        SegmentResult& r = result[s];
        if (r.status == SegmentStatus::Strong || r.hubStrong) continue;
        for (auto [e, end] = boost::out_edges(static_cast<int>(s), graph); e != end; ++e)
            if (result[boost::target(*e, graph)].hubStrong) r.complement = true;
    }
}

}  // namespace

std::vector<int> firmsInSegment(const Chain& chain, int segment) {
    std::vector<int> firms;
    for (std::size_t f = 0; f < chain.firms.size(); ++f)
        for (const Site& site : chain.firms[f].sites)
            if (site.counted() && std::binary_search(site.segments.begin(), site.segments.end(), segment)) {
                firms.push_back(static_cast<int>(f));
                break;
            }
    return firms;
}

Advice adviceFor(const SegmentResult& r) {
    if (r.status == SegmentStatus::Strong) return Advice::Keep;
    if (r.occupied) return Advice::Leave;
    if (r.complement) return Advice::Complement;
    switch (r.status) {
        case SegmentStatus::Gap: return Advice::Fill;
        case SegmentStatus::Weak: return Advice::Strengthen;
        case SegmentStatus::Extension: return Advice::Extend;
        default: return Advice::None;
    }
}

std::vector<SegmentResult> analyzeSegments(const Chain& chain, const PresenceMatrix& m, const std::vector<double>& phi,
                                           int region, const std::vector<int>& hubs) {
    return detail::analyzeSegments(chain, detail::FirmSites(chain), m, phi, region, hubs);
}

std::vector<SegmentResult> detail::analyzeSegments(const Chain& chain, const FirmSites& sites, const PresenceMatrix& m,
                                                   const std::vector<double>& phi, int region,
                                                   const std::vector<int>& hubs) {
    int n = m.segments;
    std::vector<SegmentResult> result(n);
    std::vector<bool> present(n);
    for (int s = 0; s < n; ++s) {
        std::size_t i = m.at(region, s);
        result[s].sites = m.sites[i];
        result[s].output = m.output[i];
        result[s].rca = m.rca[i];
        present[s] = result[s].sites >= 1;
    }
    // A non-present segment reached forward from a present one lies downstream of it (path length >= 1);
    // reached backward, it lies upstream of one: both make it a gap in the local chain.
    const detail::ChainGraph& graph = chain.index().segmentGraph();
    std::vector<bool> downstreamOfPresent = reachFrom(graph, present);
    std::vector<bool> upstreamOfPresent = reachFrom(boost::make_reverse_graph(graph), present);
    std::vector<double> density = computeDensity(m, phi, region);
    std::vector<std::optional<double>> profile = segmentProfiles(chain);
    for (int s = 0; s < n; ++s) {
        SegmentResult& r = result[s];
        r.status = statusOf(chain, m, present, downstreamOfPresent[s] && upstreamOfPresent[s], region, s);
        r.density = density[s];
        r.profile = profile[s].value_or(0.5);
        r.profileBasis = profile[s] ? Basis::Segment : Basis::None;
        r.market = chain.segments[s].market;
    }
    countFirms(chain, sites, region, result);
    markHubs(chain, m, hubs, result);
    for (SegmentResult& r : result) r.advice = adviceFor(r);
    return result;
}

}  // namespace chainatlas
