// Chain indexes: graphs over segments and firms, id lookups.
#include "chainatlas/model/model.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "chainatlas/base/diagnostics.hpp"
#include "chainatlas/base/text.hpp"
#include "chainatlas/model/profile.hpp"
#include "model/chain_index.hpp"

namespace chainatlas {

const std::array<std::string, 3>& Confidence::grades() {
    static const std::array<std::string, 3> kGrades = {"A", "B", "C"};
    return kGrades;
}

void Confidence::assign(std::string_view text) {
    const std::string* shared = nullptr;
    for (const std::string& grade : grades())
        if (text == grade) shared = &grade;
    if (shared == text_ && shared) return;
    std::string* copy = shared || text.empty() ? nullptr : new std::string(text);  // before release: text may be ours
    release();
    text_ = shared ? shared : copy;
}

Lang chooseLang(const std::string& flag, const Lang* session) {
    if (flag == "zh") return Lang::Zh;
    if (flag == "en") return Lang::En;
    if (session) return *session;
    for (const char* variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(variable);
        if (value && *value) return std::string_view(value).substr(0, 2) == "zh" ? Lang::Zh : Lang::En;
    }
    return Lang::En;
}

const std::string& Name::pick(Lang lang, const std::string& fallback) const {
    const std::string& first = lang == Lang::Zh ? zh : en;
    const std::string& second = lang == Lang::Zh ? en : zh;
    if (!first.empty()) return first;
    if (!second.empty()) return second;
    return fallback;
}

std::string firmName(const Chain& chain, int firm, Lang lang) {
    return chain.firms[firm].name.pick(lang, chain.firms[firm].id);
}
std::string segmentName(const Chain& chain, int segment, Lang lang) {
    return chain.segments[segment].name.pick(lang, chain.segments[segment].id);
}
std::string regionName(const Chain& chain, int region, Lang lang) {
    return chain.regions[region].name.pick(lang, chain.regions[region].id);
}

bool hasSiteIn(const Firm& firm, int region) {
    return std::any_of(firm.sites.begin(), firm.sites.end(),
                       [&](const Site& site) { return site.region == region && site.counted(); });
}

void Chain::buildIndexes() { index_ = std::make_shared<const detail::ChainIndex>(*this); }

const detail::ChainIndex& Chain::index() const {
    if (!index_) throw std::logic_error("Chain::index(): the chain was built without buildIndexes()");
    return *index_;
}

namespace detail {

namespace {

// Edges as (from, to) pairs for the compressed-sparse-row constructor (any order: it sorts by counting).
template <typename Edge>
ChainGraph graphOf(const std::vector<Edge>& edges, std::size_t vertices) {
    std::vector<std::pair<int, int>> pairs;
    pairs.reserve(edges.size());
    for (const Edge& edge : edges) pairs.emplace_back(edge.from, edge.to);
    return ChainGraph(boost::edges_are_unsorted_multi_pass, pairs.begin(), pairs.end(), static_cast<int>(vertices));
}

template <typename Items>
std::vector<int> sortedById(const Items& items) {
    std::vector<int> order(items.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return items[a].id < items[b].id; });
    return order;
}

template <typename Items>
int findIn(const std::vector<int>& sorted, const Items& items, std::string_view id) {
    auto it = std::lower_bound(sorted.begin(), sorted.end(), id,
                               [&](int position, std::string_view wanted) { return items[position].id < wanted; });
    return it != sorted.end() && items[*it].id == id ? *it : -1;
}

template <typename Items>
std::vector<std::string> idsOf(const Items& items) {
    std::vector<std::string> ids;
    ids.reserve(items.size());
    for (const auto& item : items) ids.push_back(item.id);
    return ids;
}

}  // namespace

ChainGraph linkGraph(const Chain& chain) { return graphOf(chain.links, chain.segments.size()); }

SupplyRecords::SupplyRecords(const std::vector<Supply>& supplies, std::size_t firms)
    : soldStart_(firms + 1, 0), boughtStart_(firms + 1, 0) {
    for (const Supply& supply : supplies) ++soldStart_[supply.from + 1], ++boughtStart_[supply.to + 1];
    for (std::size_t f = 0; f < firms; ++f) soldStart_[f + 1] += soldStart_[f], boughtStart_[f + 1] += boughtStart_[f];
    std::vector<int> soldNext(soldStart_.begin(), soldStart_.end() - 1);
    std::vector<int> boughtNext(boughtStart_.begin(), boughtStart_.end() - 1);
    sold_.assign(supplies.size(), SupplyEnd(-1, -1, false));
    bought_.assign(supplies.size(), SupplyEnd(-1, -1, false));
    for (const Supply& supply : supplies) {
        bool counted = supply.counted();
        sold_[static_cast<std::size_t>(soldNext[supply.from]++)] = SupplyEnd(supply.to, supply.toRegion, counted);
        bought_[static_cast<std::size_t>(boughtNext[supply.to]++)] = SupplyEnd(supply.from, supply.fromRegion, counted);
    }
}

ChainIndex::ChainIndex(const Chain& chain)
    : segments_(linkGraph(chain)), supplies_(chain.supplies, chain.firms.size()) {}

int ChainIndex::find(const Chain& chain, IdKind kind, std::string_view id) const {
    auto k = static_cast<std::size_t>(kind);
    // Each kind is sorted at its first lookup: resolving --region must not sort 100k firm ids.
    std::call_once(sortedOnce_[k], [&] {
        switch (kind) {
            case IdKind::Segment: sorted_[k] = sortedById(chain.segments); break;
            case IdKind::Region: sorted_[k] = sortedById(chain.regions); break;
            case IdKind::Firm: sorted_[k] = sortedById(chain.firms); break;
            case IdKind::Resource: sorted_[k] = sortedById(chain.resources); break;
        }
    });
    switch (kind) {
        case IdKind::Segment: return findIn(sorted_[k], chain.segments, id);
        case IdKind::Region: return findIn(sorted_[k], chain.regions, id);
        case IdKind::Firm: return findIn(sorted_[k], chain.firms, id);
        case IdKind::Resource: return findIn(sorted_[k], chain.resources, id);
    }
    return -1;
}

const std::vector<double>& ChainIndex::firmProfiles(const Chain& chain) const {
    std::call_once(profilesOnce_, [&] { profiles_ = profileScores(chain); });
    return profiles_;
}

}  // namespace detail

const nlohmann::json& supplyExtra(const Chain& chain, int supply) {
    static const nlohmann::json none;
    const auto& extras = chain.supplyExtras.get();
    auto found = std::lower_bound(extras.begin(), extras.end(), supply,
                                  [](const SupplyExtra& e, int s) { return e.supply < s; });
    return found != extras.end() && found->supply == supply ? found->extra : none;
}

std::size_t siteCount(const Chain& chain) {
    std::size_t sites = 0;
    for (const Firm& firm : chain.firms) sites += firm.sites.size();
    return sites;
}

int findSegment(const Chain& chain, const std::string& id) { return chain.index().find(chain, IdKind::Segment, id); }
int findRegion(const Chain& chain, const std::string& id) { return chain.index().find(chain, IdKind::Region, id); }
int findFirm(const Chain& chain, const std::string& id) { return chain.index().find(chain, IdKind::Firm, id); }
int findResource(const Chain& chain, const std::string& id) { return chain.index().find(chain, IdKind::Resource, id); }

Result<int> resolveId(const Chain& chain, IdKind kind, const std::string& id) {
    int found = chain.index().find(chain, kind, id);
    if (found >= 0) return found;
    const char* what = nullptr;
    std::vector<std::string> ids;
    switch (kind) {
        case IdKind::Segment: what = "segment", ids = detail::idsOf(chain.segments); break;
        case IdKind::Region: what = "region", ids = detail::idsOf(chain.regions); break;
        case IdKind::Firm: what = "firm", ids = detail::idsOf(chain.firms); break;
        case IdKind::Resource: what = "resource", ids = detail::idsOf(chain.resources); break;
    }
    return Error{ErrorCode::UnknownId, std::string("unknown ") + what + " \"" + id + "\"" + didYouMean(id, ids)};
}

std::string formatDiagnostic(const Diagnostic& d) {
    std::string prefix = d.severity == Severity::Warning ? "warning: " : d.severity == Severity::Note ? "note: " : "";
    if (!d.location.empty() && d.location[0] >= '0' && d.location[0] <= '9')
        return d.file + ":" + d.location + ": " + prefix + d.message;  // line:column
    return d.file + ": " + (d.location.empty() ? std::string("/") : d.location) + ": " + prefix + d.message;
}

bool hasErrors(const std::vector<Diagnostic>& diagnostics) {
    for (const auto& d : diagnostics)
        if (d.severity == Severity::Error) return true;
    return false;
}

int exitStatusFor(const std::vector<Diagnostic>& diagnostics) {
    int status = kExitOk;
    for (const Diagnostic& d : diagnostics) {
        if (d.severity != Severity::Error) continue;
        if (d.kind == ProblemKind::Data) return kExitInvalidData;
        status = kExitFailure;
    }
    return status;
}

}  // namespace chainatlas
