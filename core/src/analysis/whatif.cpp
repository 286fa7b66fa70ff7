// What-if (docs/method.md §11): assumptions read and written, the chain with assumed sites added, and why each
// segment's status changed.
#include "chainatlas/analysis/whatif.hpp"

#include <algorithm>

#include "base/json_reader.hpp"

namespace chainatlas {

Result<Assumption> parseAssumption(const Chain& chain, const std::string& text) {
    std::size_t at = text.find('@');
    if (at == std::string::npos) return Error{ErrorCode::Format, "\"" + text + "\": expected FIRM@REGION[:SEG,SEG...]"};
    std::size_t colon = text.find(':', at);
    Assumption assumption;
    auto firm = resolveId(chain, IdKind::Firm, text.substr(0, at));
    if (!firm) return firm.error();
    assumption.firm = *firm;
    std::string regionId = colon == std::string::npos ? text.substr(at + 1) : text.substr(at + 1, colon - at - 1);
    auto region = resolveId(chain, IdKind::Region, regionId);
    if (!region) return region.error();
    assumption.region = *region;
    if (colon != std::string::npos) {
        std::string list = text.substr(colon + 1);
        for (std::size_t start = 0; start <= list.size();) {
            std::size_t comma = list.find(',', start);
            std::string id = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (!id.empty()) {
                auto segment = resolveId(chain, IdKind::Segment, id);
                if (!segment) return segment.error();
                assumption.segments.push_back(*segment);
            }
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    if (assumption.segments.empty() && chain.firms[assumption.firm].sites.empty())
        return Error{ErrorCode::Format,
                     "\"" + text + "\": the firm has no sites, so name the segments (FIRM@REGION:SEG,...)"};
    return assumption;
}

AssumptionIds assumptionIds(const Chain& chain, const Assumption& assumption) {
    AssumptionIds ids{chain.firms[assumption.firm].id, chain.regions[assumption.region].id, {}};
    for (int s : assumption.segments) ids.segments.push_back(chain.segments[s].id);
    return ids;
}

nlohmann::json assumptionToJson(const AssumptionIds& assumption) {
    return {{"firm", assumption.firm}, {"region", assumption.region}, {"segments", assumption.segments}};
}

std::vector<Diagnostic> assumptionFromJson(const nlohmann::json& value, const std::string& label,
                                           const std::string& pointer, AssumptionIds& assumption) {
    JsonReader reader{label, {}};
    if (!value.is_object()) {
        reader.fail(pointer, "expected an object with firm, region and segments");
        return reader.problems;
    }
    reader.unknownKeys(value, pointer, {"firm", "region", "segments"}, "assumption");
    AssumptionIds read{reader.text(value, "firm", pointer), reader.text(value, "region", pointer),
                       reader.textList(value, "segments", pointer)};
    if (read.firm.empty()) reader.fail(pointer + "/firm", "expected a firm id");
    if (reader.problems.empty()) assumption = std::move(read);
    return reader.problems;
}

std::vector<Diagnostic> resolveAssumption(const Chain& chain, const AssumptionIds& ids, const std::string& label,
                                          const std::string& pointer, Assumption& assumption) {
    std::vector<Diagnostic> problems;
    auto resolve = [&](IdKind kind, const std::string& id, const std::string& at) {
        auto index = resolveId(chain, kind, id);
        if (!index) problems.push_back({Severity::Error, label, at, index.error().message});
        return index ? *index : -1;
    };
    Assumption resolved;
    resolved.firm = resolve(IdKind::Firm, ids.firm, pointer + "/firm");
    resolved.region = resolve(IdKind::Region, ids.region, pointer + "/region");
    for (std::size_t k = 0; k < ids.segments.size(); ++k)
        resolved.segments.push_back(
            resolve(IdKind::Segment, ids.segments[k], pointer + "/segments/" + std::to_string(k)));
    if (problems.empty()) assumption = std::move(resolved);
    return problems;
}

std::vector<Assumption> withDefaultSegments(const Chain& chain, std::vector<Assumption> assumptions) {
    for (Assumption& assumption : assumptions) {
        if (assumption.segments.empty()) {
            // Default: every segment of the firm's existing sites.
            for (const Site& site : chain.firms[assumption.firm].sites)
                assumption.segments.insert(assumption.segments.end(), site.segments.begin(), site.segments.end());
        }
        std::sort(assumption.segments.begin(), assumption.segments.end());
        assumption.segments.erase(std::unique(assumption.segments.begin(), assumption.segments.end()),
                                  assumption.segments.end());
    }
    return assumptions;
}

Chain applyAssumptions(const Chain& chain, const std::vector<Assumption>& assumptions) {
    Chain copy = chain;
    for (const Assumption& assumption : withDefaultSegments(chain, assumptions)) {
        Site site;
        site.region = assumption.region;
        site.segments = assumption.segments;  // no output: counts as 1
        site.assumed = true;
        site.confidence = "A";  // an assumption is taken as certain
        if (!site.segments.empty()) copy.firms[assumption.firm].sites.push_back(std::move(site));
    }
    // Only sites were added: ids, links and supplies are unchanged, so the copied graphs and maps stay valid.
    // The copy shares the supplies and every chunk of 512 firms but those of the assumed firms
    // (ChunkedVector): 0.3 MB at 100k firms instead of 41 MB.
    return copy;
}

namespace {

bool isStrongOrWeak(SegmentStatus status) { return status == SegmentStatus::Strong || status == SegmentStatus::Weak; }

ChangeCause causeOf(SegmentStatus from, SegmentStatus to, int segment, const std::vector<Assumption>& assumptions,
                    int region) {
    for (const Assumption& assumption : assumptions)
        if (assumption.region == region &&
            std::find(assumption.segments.begin(), assumption.segments.end(), segment) != assumption.segments.end())
            return ChangeCause::Site;
    // Present before and after, only RCA's denominators (the region's or the chain's totals) moved.
    if (isStrongOrWeak(from) && isStrongOrWeak(to)) return ChangeCause::Share;
    return ChangeCause::Link;  // a neighbour became present (or stopped being)
}

}  // namespace

std::vector<StatusChange> statusChanges(const std::vector<SegmentResult>& before,
                                        const std::vector<SegmentResult>& after,
                                        const std::vector<Assumption>& assumptions, int region) {
    std::vector<StatusChange> changes;
    for (std::size_t s = 0; s < before.size() && s < after.size(); ++s) {
        if (before[s].status == after[s].status) continue;
        int segment = static_cast<int>(s);
        changes.push_back({segment, before[s].status, after[s].status,
                           causeOf(before[s].status, after[s].status, segment, assumptions, region)});
    }
    return changes;
}

}  // namespace chainatlas
