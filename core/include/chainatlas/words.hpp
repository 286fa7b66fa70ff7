// The planner's words for analysis values (DESIGN §4): statuses 优势/薄弱/断点/可延伸/无, the advice words of
// §3.3, term names 契合/以商招商/…; English in `Lang::En`. One table, used by every document writer.
#pragma once

#include "chainatlas/analysis.hpp"

namespace chainatlas {

const char* statusWord(SegmentStatus status, Lang lang);
const char* adviceWord(Advice advice, Lang lang);
const char* termWord(int term, Lang lang);
const char* basisWord(Basis basis, Lang lang);  // 企业/环节/合作关系/无数据
// "–": a value whose basis is `none` (no data), never shown as a score.
inline constexpr const char* kNoDataMark = "–";
// What a planner acts on: fill, strengthen, extend, complement (§3.2's "no candidate" applies to these).
bool isActionAdvice(Advice advice);

}  // namespace chainatlas
