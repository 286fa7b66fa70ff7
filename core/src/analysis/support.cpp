// Four chains and 科技招商 (docs/method.md §12). Only confirmed facts count: a C-level resource or tie is shown
// as unconfirmed by the writers but never changes a number.
#include "chainatlas/analysis/support.hpp"

#include <algorithm>
#include <span>

namespace chainatlas {

std::array<bool, kChainKindCount> resourceChains(ResourceKind kind) {
    switch (kind) {
        case ResourceKind::University: return {true, false, true, false};
        case ResourceKind::Institute:
        case ResourceKind::Lab: return {true, false, false, false};
        case ResourceKind::Fund: return {false, true, false, false};
        case ResourceKind::Talent: return {false, false, true, false};
        case ResourceKind::Platform:
        case ResourceKind::Service: return {false, false, false, true};
    }
    return {false, false, false, false};
}

int& supportCount(ChainSupport& support, ChainKind chain) {
    switch (chain) {
        case ChainKind::Innovation: return support.innovation;
        case ChainKind::Capital: return support.capital;
        case ChainKind::Talent: return support.talent;
        case ChainKind::Service: return support.service;
    }
    return support.innovation;
}

int supportCount(const ChainSupport& support, ChainKind chain) {
    return supportCount(const_cast<ChainSupport&>(support), chain);
}

std::vector<ChainSupport> computeSupport(const Chain& chain, int region) {
    std::vector<ChainSupport> support(chain.segments.size());
    for (const Resource& resource : chain.resources) {
        if (resource.region != region || !resource.confirmed()) continue;
        auto chains = resourceChains(resource.kind);
        auto add = [&](std::size_t s) {
            for (int c = 0; c < kChainKindCount; ++c)
                if (chains[c]) ++supportCount(support[s], static_cast<ChainKind>(c));
        };
        if (resource.segments.empty())  // serves the whole chain
            for (std::size_t s = 0; s < support.size(); ++s) add(s);
        for (int s : resource.segments) add(static_cast<std::size_t>(s));
    }
    return support;
}

void applySupport(const Chain& chain, int region, std::vector<SegmentResult>& segments) {
    std::vector<ChainSupport> support = computeSupport(chain, region);
    for (std::size_t s = 0; s < segments.size(); ++s) {
        segments[s].support = support[s];
        segments[s].transfer = segments[s].sites == 0 && support[s].innovation >= 1;
    }
}

namespace {

bool counts(const Chain& chain, const Tie& tie) {
    return tie.confirmed() && chain.resources[static_cast<std::size_t>(tie.resource)].confirmed();
}

// The term from a firm's counted ties (given as tie numbers).
InnovationTerm termFromTies(const Chain& chain, std::span<const int> ties, int region, const std::vector<int>& hubs) {
    std::vector<int> local, hub;
    for (int t : ties) {
        const Tie& tie = chain.ties[static_cast<std::size_t>(t)];
        int resourceRegion = chain.resources[static_cast<std::size_t>(tie.resource)].region;
        if (resourceRegion == region) local.push_back(tie.resource);
        else if (std::find(hubs.begin(), hubs.end(), resourceRegion) != hubs.end()) hub.push_back(tie.resource);
    }
    InnovationTerm term;
    if (!local.empty()) term = {1.0, std::move(local)};
    else if (!hub.empty()) term = {0.5, std::move(hub)};
    auto byId = [&](int a, int b) { return chain.resources[a].id < chain.resources[b].id; };
    std::sort(term.resources.begin(), term.resources.end(), byId);
    term.resources.erase(std::unique(term.resources.begin(), term.resources.end()), term.resources.end());
    return term;
}

}  // namespace

InnovationTerm innovationTerm(const Chain& chain, int firm, int region, const std::vector<int>& hubs) {
    std::vector<int> ties;
    for (std::size_t t = 0; t < chain.ties.size(); ++t)
        if (chain.ties[t].firm == firm && counts(chain, chain.ties[t])) ties.push_back(static_cast<int>(t));
    return termFromTies(chain, ties, region, hubs);
}

ConfirmedTiesByFirm confirmedTiesByFirm(const Chain& chain) {
    // Counting sort by firm: a count per firm, prefix sums, then each tie in its firm's place.
    ConfirmedTiesByFirm index;
    index.begin.assign(chain.firms.size() + 1, 0);
    for (const Tie& tie : chain.ties)
        if (counts(chain, tie)) ++index.begin[static_cast<std::size_t>(tie.firm) + 1];
    for (std::size_t f = 0; f < chain.firms.size(); ++f) index.begin[f + 1] += index.begin[f];
    index.ties.resize(static_cast<std::size_t>(index.begin.back()));
    std::vector<int> next(index.begin.begin(), index.begin.end() - 1);
    for (std::size_t t = 0; t < chain.ties.size(); ++t)
        if (counts(chain, chain.ties[t]))
            index.ties[static_cast<std::size_t>(next[static_cast<std::size_t>(chain.ties[t].firm)]++)] =
                static_cast<int>(t);
    return index;
}

InnovationTerm innovationTerm(const Chain& chain, const ConfirmedTiesByFirm& index, int firm, int region,
                              const std::vector<int>& hubs) {
    auto first = static_cast<std::size_t>(index.begin[static_cast<std::size_t>(firm)]);
    auto last = static_cast<std::size_t>(index.begin[static_cast<std::size_t>(firm) + 1]);
    return termFromTies(chain, std::span<const int>(index.ties).subspan(first, last - first), region, hubs);
}

ChecklistEvidence checklistEvidence(const Chain& chain, int region) {
    ChecklistEvidence evidence;
    for (int r = 0; r < static_cast<int>(chain.resources.size()); ++r) {
        const Resource& resource = chain.resources[r];
        if (resource.region != region || !resource.confirmed()) continue;
        switch (resource.kind) {
            case ResourceKind::University:
            case ResourceKind::Institute:
            case ResourceKind::Lab: evidence.institutes.push_back(r); break;
            case ResourceKind::Fund: evidence.funds.push_back(r); break;
            case ResourceKind::Platform: evidence.platforms.push_back(r); break;
            case ResourceKind::Service: evidence.services.push_back(r); break;
            case ResourceKind::Talent: break;  // no 十个一 item of its own
        }
    }
    for (int f = 0; f < static_cast<int>(chain.firms.size()); ++f) {
        const Firm& firm = chain.firms[f];
        if (firm.leader && hasSiteIn(firm, region)) evidence.leaders.push_back(f);  // a C-graded site counts nowhere
    }
    auto byResourceId = [&](int a, int b) { return chain.resources[a].id < chain.resources[b].id; };
    for (auto* list : {&evidence.institutes, &evidence.funds, &evidence.platforms, &evidence.services})
        std::sort(list->begin(), list->end(), byResourceId);
    std::sort(evidence.leaders.begin(), evidence.leaders.end(),
              [&](int a, int b) { return chain.firms[a].id < chain.firms[b].id; });
    return evidence;
}

}  // namespace chainatlas
