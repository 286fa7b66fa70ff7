// The planner's words for analysis values, in Chinese and English.
#include "chainatlas/words.hpp"

namespace chainatlas {

namespace {

struct Words {
    const char* zh;
    const char* en;
    const char* pick(Lang lang) const { return lang == Lang::Zh ? zh : en; }
};

constexpr Words kStatus[] = {{"优势", "strong"}, {"薄弱", "weak"}, {"断点", "gap"}, {"可延伸", "extension"}, {"无", "absent"}};
constexpr Words kAdvice[] = {{"巩固优势", "keep"}, {"错位避让", "leave"}, {"错位配套", "complement"}, {"补链", "fill"},
                             {"强链", "strengthen"}, {"延链", "extend"}, {"—", "—"}};
constexpr Words kTerm[] = {{"契合", "fit"},         {"以商招商", "anchor"}, {"枢纽配套", "hub"},       {"链主", "leader"},
                           {"关联密度", "density"}, {"三高三低", "profile"}, {"科技招商", "innovation"}};
constexpr Words kBasis[] = {{"企业", "firm"}, {"环节", "segment"}, {"合作关系", "ties"}, {"无数据", "no data"}};

}  // namespace

const char* statusWord(SegmentStatus status, Lang lang) { return kStatus[static_cast<int>(status)].pick(lang); }
const char* adviceWord(Advice advice, Lang lang) { return kAdvice[static_cast<int>(advice)].pick(lang); }
const char* termWord(int term, Lang lang) { return term >= 0 && term < kTermCount ? kTerm[term].pick(lang) : ""; }
const char* basisWord(Basis basis, Lang lang) { return kBasis[static_cast<int>(basis)].pick(lang); }

bool isActionAdvice(Advice advice) {
    return advice == Advice::Fill || advice == Advice::Strengthen || advice == Advice::Extend || advice == Advice::Complement;
}

}  // namespace chainatlas
