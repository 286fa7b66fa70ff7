// The four chains around the industry chain (四链融合, docs/method.md §12): what a region's universities,
// institutes, labs, funds, talent programmes, platforms and services offer each segment, and the
// research ties that make a firm easier to court (科技招商).
#pragma once

#include <array>
#include <vector>

#include "chainatlas/analysis/analysis.hpp"

namespace chainatlas {

enum class ChainKind { Innovation, Capital, Talent, Service };
inline constexpr int kChainKindCount = 4;
inline constexpr std::array<const char*, kChainKindCount> kChainKindKeys = {"innovation", "capital", "talent",
                                                                            "service"};

// Whether a resource of this kind counts in each chain (a university counts in innovation and talent).
std::array<bool, kChainKindCount> resourceChains(ResourceKind kind);
int& supportCount(ChainSupport& support, ChainKind chain);
int supportCount(const ChainSupport& support, ChainKind chain);

// support(s) for every segment: confirmed (A/B) resources in `region` serving s, by chain.
std::vector<ChainSupport> computeSupport(const Chain& chain, int region);

// Fills `support` and `transfer` (not present in the region, innovation support >= 1) of every segment.
void applySupport(const Chain& chain, int region, std::vector<SegmentResult>& segments);

// The `innovation` term of a firm: 1 with a confirmed tie to a confirmed resource in `region`, else 0.5 with
// one in a hub region, else 0; `resources` are the resources that earned the value, ordered by id.
struct InnovationTerm {
    double value = 0;
    std::vector<int> resources;
};
InnovationTerm innovationTerm(const Chain& chain, int firm, int region, const std::vector<int>& hubs);

// The confirmed ties to confirmed resources, grouped by firm (firm f's are tie numbers
// ties[begin[f]] .. ties[begin[f + 1]] - 1, in file order): built once per analysis, so that the innovation
// term of every firm costs its own ties and not a scan of all ties (quadratic with many ties).
struct ConfirmedTiesByFirm {
    std::vector<int> begin, ties;
};
ConfirmedTiesByFirm confirmedTiesByFirm(const Chain& chain);
InnovationTerm innovationTerm(const Chain& chain, const ConfirmedTiesByFirm& index, int firm, int region,
                              const std::vector<int>& hubs);

// The data's evidence for the 十个一 checklist items (docs/method.md §12): confirmed resources in the region by item,
// and chain leaders with a site there. Each list is ordered by id.
struct ChecklistEvidence {
    std::vector<int> institutes;  // universities, institutes, labs (item `institutes`)
    std::vector<int> funds;       // item `fund`
    std::vector<int> platforms;   // item `platforms`
    std::vector<int> services;    // item `service`
    std::vector<int> leaders;     // firm indices (item `leaders`)
};
ChecklistEvidence checklistEvidence(const Chain& chain, int region);

}  // namespace chainatlas
