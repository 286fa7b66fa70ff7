// The meeting report's content (docs/architecture.md `report`): overview, targets with reasons in words and sources,
// segments with advice, priorities, set-aside firms, the 十个一 checklist and sources, in the planner's
// language. Described once as a Document; the xlsx and pdf writers paint it.
#pragma once

#include <string>

#include "chainatlas/document.hpp"
#include "chainatlas/session.hpp"
#include "chainatlas/targets.hpp"

namespace chainatlas {

// One plain sentence on why a target is on the list, e.g.
// "补链: 正极材料; 供应枢纽企业 比亚迪(西安); 以商招商: 本地伙伴 2 家". Used by CSV, xlsx, pdf and the viewer.
std::string targetReason(const Chain& chain, const Analysis& analysis, const Target& target, Lang lang);
// The firm's sources by title, with the confidence of its sites: "Title A; Title B (可信度 A/B)"; with
// `maxTitles` > 0 at most that many titles, then "等 5 项" / "and 3 more".
std::string firmSources(const Chain& chain, int firm, Lang lang, std::size_t maxTitles = 0);

// What the data says about one 十个一 item in `region` (docs/method.md §12): its confirmed resources, or its chain
// leaders;
// "" for items the data cannot speak to.
std::string checklistEvidenceText(const Chain& chain, int region, int item, Lang lang);

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
