// The sites an analysis counts, firm by firm: the chain's own and, under a what-if, the assumed ones after
// them (docs/method.md §11), in the order applyAssumptions appends them to a copy. A what-if is so analysed
// without copying the chain, and every sum runs in the same order as on the copy (the same last bits).
// Private to the core.
#pragma once

#include <utility>
#include <vector>

#include "chainatlas/analysis/analysis.hpp"
#include "chainatlas/analysis/whatif.hpp"
#include "chainatlas/model/model.hpp"

namespace chainatlas::detail {

class FirmSites {
public:
    explicit FirmSites(const Chain& chain) : chain_(chain) {}
    // `filled`: assumptions with their segments filled in (withDefaultSegments); one with no segment adds nothing.
    FirmSites(const Chain& chain, const std::vector<Assumption>& filled);

    // Calls visit(site) for each site of `firm`, the chain's first.
    template <typename Visit>
    void forEach(int firm, Visit&& visit) const {
        for (const Site& site : chain_.firms[static_cast<std::size_t>(firm)].sites) visit(site);
        if (added_.empty() || !hasAdded_[static_cast<std::size_t>(firm)]) return;
        for (const auto& [owner, site] : added_)
            if (owner == firm) visit(site);
    }
    // Whether the firm has a counted site in the region (hasSiteIn, with the assumed sites).
    bool hasSiteIn(int firm, int region) const;
    // Firms with an assumed site, each once, ascending.
    const std::vector<int>& assumedFirms() const { return assumedFirms_; }

private:
    const Chain& chain_;
    std::vector<std::pair<int, Site>> added_;  // (firm, site) in assumption order
    std::vector<char> hasAdded_;               // per firm, when anything is added
    std::vector<int> assumedFirms_;
};

// computePresence and analyzeSegments over these sites.
PresenceMatrix computePresence(const FirmSites& sites, const Chain& chain);
std::vector<SegmentResult> analyzeSegments(const Chain& chain, const FirmSites& sites, const PresenceMatrix& m,
                                           const std::vector<double>& phi, int region, const std::vector<int>& hubs);

}  // namespace chainatlas::detail
