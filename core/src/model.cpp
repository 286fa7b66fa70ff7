// Chain indexes: graphs over segments and firms, id lookups.
#include "chainatlas/model.hpp"
#include "chainatlas/diagnostics.hpp"
#include "chainatlas/text.hpp"

namespace chainatlas {

const std::string& Name::pick(Lang lang, const std::string& fallback) const {
    const std::string& first = lang == Lang::Zh ? zh : en;
    const std::string& second = lang == Lang::Zh ? en : zh;
    if (!first.empty()) return first;
    if (!second.empty()) return second;
    return fallback;
}

void Chain::buildIndexes() {
    segmentIndex.clear();
    regionIndex.clear();
    firmIndex.clear();
    stageIndex.clear();
    sourceIndex.clear();
    resourceIndex.clear();
    for (int i = 0; i < static_cast<int>(segments.size()); ++i) segmentIndex.emplace(segments[i].id, i);
    for (int i = 0; i < static_cast<int>(regions.size()); ++i) regionIndex.emplace(regions[i].id, i);
    for (int i = 0; i < static_cast<int>(firms.size()); ++i) firmIndex.emplace(firms[i].id, i);
    for (int i = 0; i < static_cast<int>(stages.size()); ++i) stageIndex.emplace(stages[i].id, i);
    for (int i = 0; i < static_cast<int>(sources.size()); ++i) sourceIndex.emplace(sources[i].id, i);
    for (int i = 0; i < static_cast<int>(resources.size()); ++i) resourceIndex.emplace(resources[i].id, i);

    segmentGraph = SegmentGraph(segments.size());
    for (const auto& link : links) boost::add_edge(link.from, link.to, segmentGraph);
    firmGraph = FirmGraph(firms.size());
    for (int i = 0; i < static_cast<int>(supplies.size()); ++i)
        boost::add_edge(supplies[i].from, supplies[i].to, i, firmGraph);
}

namespace {
int lookup(const std::unordered_map<std::string, int>& index, const std::string& id) {
    auto it = index.find(id);
    return it == index.end() ? -1 : it->second;
}
}  // namespace

std::size_t siteCount(const Chain& chain) {
    std::size_t sites = 0;
    for (const Firm& firm : chain.firms) sites += firm.sites.size();
    return sites;
}

int findSegment(const Chain& chain, const std::string& id) { return lookup(chain.segmentIndex, id); }
int findRegion(const Chain& chain, const std::string& id) { return lookup(chain.regionIndex, id); }
int findFirm(const Chain& chain, const std::string& id) { return lookup(chain.firmIndex, id); }

int resolveId(const Chain& chain, IdKind kind, const std::string& id, std::string& problem) {
    const auto& index = kind == IdKind::Segment  ? chain.segmentIndex
                        : kind == IdKind::Region ? chain.regionIndex
                                                 : chain.firmIndex;
    int found = lookup(index, id);
    if (found >= 0) return found;
    std::vector<std::string> ids;
    ids.reserve(index.size());
    for (const auto& [known, i] : index) ids.push_back(known);
    const char* what = kind == IdKind::Segment ? "segment" : kind == IdKind::Region ? "region" : "firm";
    problem = std::string("unknown ") + what + " \"" + id + "\"" + didYouMean(id, ids);
    return -1;
}

std::string formatDiagnostic(const Diagnostic& d) {
    std::string prefix = d.severity == Severity::Warning ? "warning: " : "";
    if (!d.location.empty() && d.location[0] != '/' && d.location[0] != '(')
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
