// The meeting report's content (docs/architecture.md `report`): overview, targets with reasons in words and sources,
// segments with advice, priorities, set-aside firms, the 十个一 checklist and sources, in the planner's
// language. Described once as a Document; the xlsx and pdf writers paint it.
#pragma once

#include <string>

#include "chainatlas/analysis/targets.hpp"
#include "chainatlas/documents/document.hpp"
#include "chainatlas/session/session.hpp"

namespace chainatlas {

struct ReportOptions {
    Lang lang = Lang::Zh;
    std::size_t top = 0;     // targets listed (0: all)
    std::string date;        // "2026-11-27"
    std::string mapSvg;      // the segment map, as `chainatlas map` writes it
    std::string chartSvg;    // the priorities chart (may be empty)
    std::string fontFamily;  // for the PDF; empty: the document default
};

// `session` supplies the planner's notes and the checklist (an empty Session when there is none).
Document buildReport(const Chain& chain, const Analysis& analysis, const Session& session,
                     const ReportOptions& options);

}  // namespace chainatlas
