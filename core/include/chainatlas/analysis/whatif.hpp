// What-if (docs/method.md §11, whatif.cpp): "assume firm f opens a site in region r", read from the command line
// or a file, the chain with the assumed sites added, and why each segment's status changed. The analysis
// of a whole scenario with assumptions is `analyzeScenario` (targets.hpp).
#pragma once

#include <string>
#include <vector>

#include "chainatlas/analysis/analysis.hpp"
#include "chainatlas/base/diagnostics.hpp"

namespace chainatlas {

// "Assume firm f opens a site in region r in these segments" (docs/method.md §11).
struct Assumption {
    int firm = -1;
    int region = -1;
    std::vector<int> segments;  // empty: all segments of the firm's existing sites
    bool operator==(const Assumption&) const = default;
};

// Reads "FIRM@REGION[:SEG,SEG...]" (command line, viewer); the error is Format (the syntax, a firm without
// sites and no segments named) or UnknownId, with did-you-mean.
Result<Assumption> parseAssumption(const Chain& chain, const std::string& text);

// An assumption as files write it: ids, not indices, so that a file (a session) can be read before its
// chain is loaded; `resolveAssumption` turns it into an Assumption once the chain is there.
struct AssumptionIds {
    std::string firm, region;
    std::vector<std::string> segments;
    bool operator==(const AssumptionIds&) const = default;
};
AssumptionIds assumptionIds(const Chain& chain, const Assumption& assumption);
// {"firm": ID, "region": ID, "segments": [ID...]}: sessions and `assumed` in analyze's JSON.
nlohmann::json assumptionToJson(const AssumptionIds& assumption);
// Reads that object. Every problem is located in `label` by a JSON pointer below `pointer` (the object's
// own pointer, e.g. "/assumptions/0"); `assumption` is set only when there is none.
std::vector<Diagnostic> assumptionFromJson(const nlohmann::json& value, const std::string& label,
                                           const std::string& pointer, AssumptionIds& assumption);
// The ids looked up in `chain`; unknown ids are located errors with did-you-mean (the same places as
// assumptionFromJson). `assumption` is set only when there is none.
std::vector<Diagnostic> resolveAssumption(const Chain& chain, const AssumptionIds& ids, const std::string& label,
                                          const std::string& pointer, Assumption& assumption);

// The assumptions with their default segments filled in (every segment of the firm's existing sites),
// sorted and unique: the form applyAssumptions and the analysis's `assumed` use.
std::vector<Assumption> withDefaultSegments(const Chain& chain, std::vector<Assumption> assumptions);
// A copy of the chain with the assumed sites added (Site::assumed, output absent so each counts as 1).
// The input is not changed; assumptions without segments get their defaults here too.
Chain applyAssumptions(const Chain& chain, const std::vector<Assumption>& assumptions);

struct StatusChange {
    int segment = -1;
    SegmentStatus from = SegmentStatus::Absent, to = SegmentStatus::Absent;
    ChangeCause cause = ChangeCause::Link;
};
// Segments whose status differs between two analyses of one region, each with its cause (docs/method.md §11).
std::vector<StatusChange> statusChanges(const std::vector<SegmentResult>& before,
                                        const std::vector<SegmentResult>& after,
                                        const std::vector<Assumption>& assumptions, int region);

}  // namespace chainatlas
