// A target's reason, and a firm's sources in words, in the planner's language: the
// sentences every export (CSV, xlsx, pdf) and the viewer share.
#pragma once

#include <string>

#include "chainatlas/analysis/targets.hpp"

namespace chainatlas {

// One plain sentence on why a target is on the list, e.g.
// "补链: 正极材料; 供应枢纽企业 比亚迪(西安); 以商招商: 本地伙伴 2 家". Used by CSV, xlsx, pdf and the viewer.
std::string targetReason(const Chain& chain, const Analysis& analysis, const Target& target, Lang lang);
// The firm's sources by title, with the confidence of its sites: "Title A; Title B (可信度 A/B)"; with
// `maxTitles` > 0 at most that many titles, then "等 5 项" / "and 3 more".
std::string firmSources(const Chain& chain, int firm, Lang lang, std::size_t maxTitles = 0);

}  // namespace chainatlas
