// What-if (DESIGN §3.5): the chain with assumed sites added.
#include <algorithm>

#include "chainatlas/analysis.hpp"

namespace chainatlas {

Chain applyAssumptions(const Chain& chain, std::vector<Assumption>& assumptions) {
    Chain copy = chain;
    for (Assumption& assumption : assumptions) {
        Firm& firm = copy.firms[assumption.firm];
        if (assumption.segments.empty()) {
            // Default: every segment of the firm's existing sites (taken from the original chain).
            for (const Site& site : chain.firms[assumption.firm].sites)
                assumption.segments.insert(assumption.segments.end(), site.segments.begin(), site.segments.end());
        }
        std::sort(assumption.segments.begin(), assumption.segments.end());
        assumption.segments.erase(std::unique(assumption.segments.begin(), assumption.segments.end()),
                                  assumption.segments.end());
        Site site;
        site.region = assumption.region;
        site.segments = assumption.segments;  // no output: counts as 1
        site.extra = {{"assumed", true}};
        if (!site.segments.empty()) firm.sites.push_back(std::move(site));
    }
    // Only sites were added: ids, links and supplies are unchanged, so the copied graphs and maps stay valid.
    return copy;
}

}  // namespace chainatlas
