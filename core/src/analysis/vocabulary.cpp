// The planner's words in Chinese and English (see vocabulary.hpp); arrays follow the enum order.
#include "chainatlas/analysis/vocabulary.hpp"

#include "chainatlas/analysis/targets.hpp"  // kTermCount, kTermKeys
#include "chainatlas/base/text.hpp"

namespace chainatlas {

namespace {
const char* pick(Lang lang, const char* zh, const char* en) { return lang == Lang::Zh ? zh : en; }
}  // namespace

const char* statusWord(SegmentStatus status, Lang lang) {
    static const char* zh[] = {"优势", "薄弱", "断点", "可延伸", "无"};
    static const char* en[] = {"strong", "weak", "gap", "extension", "absent"};
    int i = static_cast<int>(status);
    return pick(lang, zh[i], en[i]);
}

const char* adviceWord(Advice advice, Lang lang) {
    static const char* zh[] = {"巩固优势", "错位避让", "错位配套", "补链", "强链", "延链", "—"};
    static const char* en[] = {"keep", "leave", "complement", "fill", "strengthen", "extend", "none"};
    int i = static_cast<int>(advice);
    return pick(lang, zh[i], en[i]);
}

const char* termWord(int term, Lang lang) {
    static const char* zh[] = {"契合", "以商招商", "枢纽配套", "链主", "关联密度", "三高三低", "科技招商"};
    return term >= 0 && term < kTermCount ? pick(lang, zh[term], kTermKeys[term]) : "";
}

const char* metricWord(int metric, Lang lang) {
    static const char* zh[] = {"研发强度", "利润", "增长", "污染", "能耗", "用地"};
    static const char* en[] = {"R&D intensity", "profit", "growth", "pollution", "energy", "land"};
    return metric >= 0 && metric < kMetricCount ? pick(lang, zh[metric], en[metric]) : "";
}

const char* basisWord(Basis basis, Lang lang) {
    switch (basis) {
        case Basis::Firm: return pick(lang, "企业数据", "firm data");
        case Basis::Segment: return pick(lang, "环节数据", "segment data");
        case Basis::Ties: return pick(lang, "合作关系", "ties");
        case Basis::None: return noDataWord(lang);
    }
    return noDataWord(lang);
}

const char* causeWord(ChangeCause cause, Lang lang) {
    switch (cause) {
        case ChangeCause::Site: return pick(lang, "新增站点", "new site");
        case ChangeCause::Share: return pick(lang, "占比变化", "share");
        case ChangeCause::Link: return pick(lang, "相邻变化", "link");
    }
    return "";
}

const char* chainKindWord(ChainKind chain, Lang lang) {
    static const char* zh[] = {"创新链", "资本链", "人才链", "服务链"};
    static const char* en[] = {"innovation", "capital", "talent", "services"};
    int i = static_cast<int>(chain);
    return pick(lang, zh[i], en[i]);
}

const char* resourceKindWord(ResourceKind kind, Lang lang) {
    static const char* zh[] = {"高校", "科研院所", "实验室", "基金", "人才计划", "平台", "服务机构"};
    static const char* en[] = {"university", "institute", "lab", "fund", "talent programme", "platform", "service"};
    int i = static_cast<int>(kind);
    return pick(lang, zh[i], en[i]);
}

const char* resourceKindGlyph(ResourceKind kind, Lang lang) {
    static const char* zh[] = {"校", "院", "室", "金", "才", "台", "服"};
    static const char* en[] = {"U", "I", "L", "F", "T", "P", "S"};
    int i = static_cast<int>(kind);
    return pick(lang, zh[i], en[i]);
}

const char* tieKindWord(TieKind kind, Lang lang) {
    static const char* zh[] = {"衍生企业", "技术许可", "联合实验室", "投资", "人才培养", "服务"};
    static const char* en[] = {"spin-off", "licence", "joint lab", "investment", "training", "service"};
    int i = static_cast<int>(kind);
    return pick(lang, zh[i], en[i]);
}

const char* unscoredLabel(Lang lang) { return pick(lang, "错位避让, 不计分", "hub holds, not scored"); }

const char* noDataWord(Lang lang) { return pick(lang, "无数据", "no data"); }
const char* inferredWord(Lang lang) { return pick(lang, "推断", "inferred"); }
const char* weightedWord(Lang lang) { return pick(lang, "加权", "weighted"); }
const char* marketWord(Lang lang) { return pick(lang, "应用市场", "end market"); }
const char* imputedFootnote(Lang lang) {
    return pick(lang, "* 无数据，按中性值 0.5 计", "* no data, neutral 0.5 used");
}
const char* rankRangeNote(Lang lang) {
    return pick(
        lang, "排名括号内为名次范围：任一项权重乘以 0.5 或 1.5 时的最好与最差名次",
        "the brackets give the rank range: best and worst rank when any one weight is multiplied by 0.5 or 1.5");
}

bool termImputed(const Target& target, int term) { return term == TermProfile && target.profileImputed(); }

std::string weightedTermText(const Target& target, int term, int decimals) {
    if (term == TermInnovation && target.innovationBasis == Basis::None) return kNoDataMark;  // 0, adds nothing
    return fixed(target.weighted[term], decimals) + (termImputed(target, term) ? "*" : "");
}

std::string rankWithRange(const Target& target) {
    return std::to_string(target.rank) + " (" + std::to_string(target.rankBest) + "\u2013" +
           std::to_string(target.rankWorst) + ")";
}
const char* noCandidateWord(Lang lang) { return pick(lang, "无候选企业", "no candidate in the data"); }

bool lacksCandidate(const SegmentResult& segment) {
    bool act = segment.advice == Advice::Fill || segment.advice == Advice::Strengthen ||
               segment.advice == Advice::Extend || segment.advice == Advice::Complement;
    return act && segment.candidates == 0 && !segment.market;  // a market's firms are customers, not candidates
}

namespace {

// Why the status moved, in words; `share` says which of RCA's denominators did it.
const char* reason(const StatusChange& change, Lang lang) {
    switch (change.cause) {
        case ChangeCause::Site: return pick(lang, "假设的企业在本地落户该环节", "an assumed firm opens a site here");
        case ChangeCause::Share:
            return change.to == SegmentStatus::Weak
                       ? pick(lang, "新增企业摊薄了本地占比", "the added firms diluted the local share")
                       : pick(lang, "新增企业改变了总量，本地占比相对上升",
                              "the added firms changed the totals: the local share rose");
        case ChangeCause::Link: return pick(lang, "相邻环节在本地有了企业", "a linked segment is now present locally");
    }
    return "";
}

}  // namespace

std::string describeChange(const Chain& chain, const StatusChange& change, Lang lang) {
    const Segment& segment = chain.segments[change.segment];
    return segment.name.pick(lang, segment.id) + ": " + statusWord(change.from, lang) + " → " +
           statusWord(change.to, lang) + " — " + reason(change, lang);
}

}  // namespace chainatlas
