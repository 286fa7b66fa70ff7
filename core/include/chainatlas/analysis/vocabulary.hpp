// The planner's words for the analysis in Chinese and English, one place for the command line, the SVG and
// the viewer (docs/method.md §5, docs/architecture.md): statuses, advice, term names, bases, what-if causes and their
// explanations. JSON keys and values stay English (statusKey, adviceKey, ...); these are the words people read.
#pragma once

#include <string>

#include "chainatlas/analysis/support.hpp"
#include "chainatlas/analysis/targets.hpp"
#include "chainatlas/analysis/whatif.hpp"

namespace chainatlas {

const char* statusWord(SegmentStatus status, Lang lang);  // 优势/薄弱/断点/可延伸/无
const char* adviceWord(Advice advice, Lang lang);  // 巩固优势/错位避让/错位配套/补链/强链/延链/—
const char* termWord(int term, Lang lang);  // 契合/以商招商/枢纽配套/链主/关联密度/三高三低/科技招商
const char* metricWord(int metric, Lang lang);        // 研发强度/利润/增长/污染/能耗/用地
const char* basisWord(Basis basis, Lang lang);        // 企业数据/环节数据/合作关系/无数据
const char* causeWord(ChangeCause cause, Lang lang);  // 新增站点/占比变化/相邻变化
// The four chains (docs/method.md §12): 创新链/资本链/人才链/服务链.
const char* chainKindWord(ChainKind chain, Lang lang);
// Resource kinds (docs/method.md §1): 高校/科研院所/实验室/基金/人才计划/平台/服务机构, and the one-character glyph of
// a resource's mark on the map (校/院/室/金/才/台/服; U/I/L/F/T/P/S in English).
const char* resourceKindWord(ResourceKind kind, Lang lang);
const char* resourceKindGlyph(ResourceKind kind, Lang lang);
// Tie kinds (docs/method.md §1): 衍生企业/技术许可/联合实验室/投资/人才培养/服务.
const char* tieKindWord(TieKind kind, Lang lang);

// A value with basis `none` is shown as this mark, never as a score (docs/method.md §8).
inline constexpr const char* kNoDataMark = "–";
const char* noDataWord(Lang lang);  // 无数据 / no data
// The label of the segments a target would fit but that a hub holds, while the occupied discount is 1 (docs/method.md
// §8): they earn nothing and are listed apart from the segments it fills (错位避让, 不计分 / hub holds, not scored).
const char* unscoredLabel(Lang lang);
const char* noCandidateWord(Lang lang);  // 无候选企业 / no candidate in the data (docs/method.md §4)

// A term's weighted value as a planner sees it, so that the shown columns add up to the score
// (docs/method.md §8): "1.20"; "1.00*" for a value imputed as the neutral 0.5 (see imputedFootnote);
// "–" for a term with no data that adds nothing (innovation without resources, 0).
std::string weightedTermText(const Target& target, int term, int decimals);
bool termImputed(const Target& target, int term);
// "* 无数据，按中性值 0.5 计" / "* no data, neutral 0.5 used".
const char* imputedFootnote(Lang lang);
// "4 (2–9)": the rank and its range over the 14 weight variants (docs/method.md §9).
std::string rankWithRange(const Target& target);
const char* rankRangeNote(Lang lang);  // what the brackets mean, one line
const char* inferredWord(Lang lang);   // 推断 / inferred
const char* weightedWord(Lang lang);   // 加权 / weighted
const char* marketWord(Lang lang);     // 应用市场 / end market

// True for a segment the planner should act on (fill, strengthen, extend, complement) with no candidate firm.
bool lacksCandidate(const SegmentResult& segment);

// "整车制造: 优势 → 薄弱 — 新增企业摊薄了本地占比": a what-if status change explained in words (docs/method.md §11).
std::string describeChange(const Chain& chain, const StatusChange& change, Lang lang);

}  // namespace chainatlas
