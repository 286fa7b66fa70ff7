// Formatting of analysis results for the command line.
#include "terminal_tables.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "chainatlas/analysis/vocabulary.hpp"
#include "chainatlas/base/text.hpp"
#include "chainatlas/results/result_writers.hpp"

namespace chainatlas::cli {

namespace {

// Pads to a display width, so Chinese (two columns a character) stays aligned.
std::string pad(const std::string& text, std::size_t width, bool right = false) {
    std::size_t w = displayWidth(text);
    std::string spaces(w < width ? width - w : 0, ' ');
    return right ? spaces + text : text + spaces;
}

// Cuts text to at most `width` columns, ending with "…" when cut.
std::string clip(const std::string& text, std::size_t width) {
    if (displayWidth(text) <= width) return text;
    std::string out;
    std::size_t used = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t n = 1;
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0xF0) n = 4;
        else if (c >= 0xE0) n = 3;
        else if (c >= 0xC0) n = 2;
        std::string piece = text.substr(i, n);
        std::size_t pw = displayWidth(piece);
        if (used + pw + 1 > width) break;
        out += piece;
        used += pw;
        i += n;
    }
    return out + "…";
}

const char* tr(Lang lang, const char* zh, const char* en) { return lang == Lang::Zh ? zh : en; }

// A value shown with its basis: "–" (no data) when the basis is none, never a score (docs/method.md §8).
std::string firmNames(const Chain& chain, const std::vector<int>& firms, Lang lang) {
    std::string out;
    for (std::size_t i = 0; i < firms.size(); ++i) out += (i ? ", " : "") + firmName(chain, firms[i], lang);
    return out;
}

std::string valueOrNoData(double value, Basis basis, int decimals) {
    return basis == Basis::None ? std::string(kNoDataMark) : fixed(value, decimals);
}

void writeHeader(std::ostringstream& out, const Chain& chain, const Analysis& a, Lang lang) {
    out << chain.name.pick(lang, chain.id) << " — " << tr(lang, "本地区域 ", "region ")
        << regionName(chain, a.region, lang);
    if (!a.hubs.empty()) {
        out << tr(lang, "；枢纽 ", "; hubs ");
        for (std::size_t i = 0; i < a.hubs.size(); ++i) out << (i ? ", " : "") << regionName(chain, a.hubs[i], lang);
    }
    out << "\n";
    for (const Assumption& as : a.assumed)
        out << tr(lang, "假设: ", "assume: ") << firmName(chain, as.firm, lang) << " @ "
            << regionName(chain, as.region, lang) << "\n";
    out << "\n";
}

std::string segmentMarks(const SegmentResult& r, Lang lang) {
    std::string marks;
    if (lacksCandidate(r)) marks += std::string(noCandidateWord(lang)) + " ";
    if (r.hubStrong) marks += tr(lang, "枢纽优势 ", "hub-strong ");
    if (r.singleSource) marks += tr(lang, "独家 ", "single-source ");
    if (r.transfer) marks += tr(lang, "成果转化 ", "transfer ");
    return marks;
}

void writeSegments(std::ostringstream& out, const Chain& chain, const Analysis& a, Lang lang) {
    const std::size_t nameWidth = 28;
    out << pad(tr(lang, "环节", "segment"), nameWidth) << pad(tr(lang, "状态", "status"), 11)
        << pad(tr(lang, "建议", "advice"), 12) << pad(tr(lang, "站点", "sites"), 6, true)
        << pad(tr(lang, "区位熵", "RCA"), 8, true) << pad(tr(lang, "密度", "density"), 9, true)
        << pad(tr(lang, "候选", "cands"), 7, true) << pad(tr(lang, "三高三低", "profile"), 10, true) << "  "
        << tr(lang, "标记", "marks") << "\n";
    // Stages in file order, then segments without a stage.
    for (int stage = 0; stage <= static_cast<int>(chain.stages.size()); ++stage) {
        int stageIndex = stage == static_cast<int>(chain.stages.size()) ? -1 : stage;
        bool header = false;
        for (std::size_t s = 0; s < chain.segments.size(); ++s) {
            if (chain.segments[s].stage != stageIndex) continue;
            if (!header) {
                out << "["
                    << (stageIndex >= 0 ? chain.stages[stageIndex].name.pick(lang, chain.stages[stageIndex].id)
                                        : std::string(tr(lang, "未分阶段", "no stage")))
                    << "]\n";
                header = true;
            }
            const SegmentResult& r = a.segments[s];
            out << "  " << pad(clip(segmentName(chain, static_cast<int>(s), lang), nameWidth - 3), nameWidth - 2)
                << pad(statusWord(r.status, lang), 11) << pad(adviceWord(r.advice, lang), 12)
                << pad(std::to_string(r.sites), 6, true) << pad(fixed(r.rca, 2), 8, true)
                << pad(fixed(r.density, 2), 9, true) << pad(std::to_string(r.candidates), 7, true)
                << pad(valueOrNoData(r.profile, r.profileBasis, 2), 10, true) << "  " << segmentMarks(r, lang) << "\n";
        }
    }
}

// "▲2" / "▼1" / "新" against the analysis without the assumptions (docs/method.md §11); empty without a what-if.
std::string rankChange(const Target& t, bool whatIf, Lang lang) {
    if (!whatIf) return "";
    if (t.baseRank == 0) return tr(lang, "新", "new");
    if (t.baseRank > t.rank) return "▲" + std::to_string(t.baseRank - t.rank);
    if (t.baseRank < t.rank) return "▼" + std::to_string(t.rank - t.baseRank);
    return "=";
}

// Firm names, each inferred one marked: "开沃汽车(推断), 比亚迪".
std::string partnerNames(const Chain& chain, const std::vector<int>& firms, const std::vector<int>& inferred,
                         Lang lang) {
    std::string out;
    for (std::size_t i = 0; i < firms.size(); ++i) {
        bool guessed = std::find(inferred.begin(), inferred.end(), firms[i]) != inferred.end();
        out += (i ? ", " : "") + firmName(chain, firms[i], lang) +
               (guessed ? std::string(tr(lang, "(", " (")) + inferredWord(lang) + ")" : "");
    }
    return out;
}

void writeTargetDetails(std::ostringstream& out, const Chain& chain, const Analysis& a, const Target& t, Lang lang) {
    double discount = a.weights.occupiedDiscount;
    out << "      " << tr(lang, "契合环节: ", "fills: ") << fitSegmentList(chain, t, lang, false, discount) << "\n";
    if (std::string unscored = unscoredSegmentList(chain, t, lang, false, discount); !unscored.empty())
        out << "      " << unscoredLabel(lang) << ": " << unscored << "\n";
    if (!t.anchors.empty())
        out << "      " << tr(lang, "本地伙伴: ", "local partners: ")
            << partnerNames(chain, t.anchors, t.anchorsInferred, lang) << "\n";
    if (t.value[TermHub] > 0)
        out << "      " << tr(lang, "供应枢纽企业: ", "supplies hub firms: ")
            << partnerNames(chain, t.hubPartners, t.hubPartnersInferred, lang) << "\n";
}

void writeTargets(std::ostringstream& out, const Chain& chain, const Analysis& a, std::size_t top, Lang lang) {
    std::size_t shown = top == 0 ? a.targets.size() : std::min(top, a.targets.size());
    bool whatIf = !a.assumed.empty();
    out << "\n"
        << tr(lang, "招商目标", "Targets") << " (" << shown << " / " << a.targets.size() << ")"
        << tr(lang, "；各项为加权分值，相加即得分", "; terms are weighted values and add up to the score") << "\n";
    out << pad(tr(lang, "排名(范围)", "rank (range)"), 13) << pad("", whatIf ? 5 : 0) << "  "
        << pad(tr(lang, "企业", "firm"), 26) << pad(tr(lang, "得分", "score"), 7, true);
    for (int k = 0; k < kTermCount; ++k) out << pad(clip(termWord(k, lang), 9), 10, true);
    out << "\n";
    bool imputed = false;
    for (std::size_t i = 0; i < shown; ++i) {
        const Target& t = a.targets[i];
        out << pad(rankWithRange(t), 13) << pad(rankChange(t, whatIf, lang), whatIf ? 5 : 0, true) << "  "
            << pad(clip(firmName(chain, t.firm, lang), 25), 26) << pad(fixed(t.score, 2), 7, true);
        for (int k = 0; k < kTermCount; ++k) {
            out << pad(weightedTermText(t, k, 2), 10, true);
            imputed = imputed || termImputed(t, k);
        }
        out << "\n";
        writeTargetDetails(out, chain, a, t, lang);
    }
    if (shown > 0) out << rankRangeNote(lang) << "\n";
    if (imputed) out << imputedFootnote(lang) << "\n";
}

// 本地配套率: each local buyer's suppliers there, the local ones, and what is still bought from outside.
void writeLocalSupply(std::ostringstream& out, const Chain& chain, const Analysis& a, Lang lang) {
    out << "\n" << tr(lang, "本地配套率", "Local supply share") << " (" << a.localSupply.size() << ")\n";
    for (const LocalSupply& row : a.localSupply) {
        out << "  " << pad(clip(firmName(chain, row.firm, lang), 25), 26) << row.local.size() << "/"
            << row.suppliers.size() << " = " << fixed(100.0 * row.share(), 0) << "%";
        if (!row.inferred.empty())
            out << tr(lang, "  （", "  (") << row.inferred.size()
                << tr(lang, " 家供货厂址为推断）", " with the plant inferred)");
        out << "\n";
        if (!row.local.empty())
            out << "      " << tr(lang, "本地供应商: ", "local suppliers: ") << firmNames(chain, row.local, lang)
                << "\n";
        if (!row.outsideSegments.empty()) {
            out << "      "
                << tr(lang, "仍从外地采购（以商招商起点）: ", "still bought from outside (where 以商招商 starts): ");
            for (std::size_t i = 0; i < row.outsideSegments.size(); ++i)
                out << (i ? ", " : "") << segmentName(chain, row.outsideSegments[i], lang);
            out << "\n";
        }
    }
}

// 应用市场: the chain's customers are firms to win as buyers, never investment targets.
void writeMarkets(std::ostringstream& out, const Chain& chain, const Analysis& a, Lang lang) {
    for (std::size_t s = 0; s < chain.segments.size(); ++s) {
        if (!a.segments[s].market) continue;
        std::vector<int> customers = firmsInSegment(chain, static_cast<int>(s));
        out << "\n"
            << marketWord(lang) << tr(lang, "（客户，不作招商目标）: ", " (customers, not investment targets): ")
            << segmentName(chain, static_cast<int>(s), lang) << " — " << firmNames(chain, customers, lang) << "\n";
    }
}

void writeSetAside(std::ostringstream& out, const Chain& chain, const Analysis& a, Lang lang) {
    if (a.setAside.empty()) return;
    out << "\n"
        << tr(lang, "暂不列入（只在枢纽占据的环节有契合，错位避让）", "Set aside (fit only in segments the hub holds)")
        << " (" << a.setAside.size() << ")\n";
    for (const SetAside& entry : a.setAside) {
        out << "  " << firmName(chain, entry.firm, lang) << ": ";
        for (std::size_t i = 0; i < entry.segments.size(); ++i)
            out << (i ? ", " : "") << segmentName(chain, entry.segments[i], lang);
        out << "\n";
    }
}

void writePriorities(std::ostringstream& out, const Chain& chain, const Analysis& a, Lang lang) {
    out << "\n" << tr(lang, "产业选择（环节优先级）", "Segment priorities") << " (" << a.priorities.size() << ")\n";
    if (a.priorities.empty()) return;
    out << pad("#", 4, true) << "  " << pad(tr(lang, "环节", "segment"), 26) << pad(tr(lang, "建议", "advice"), 12)
        << pad(tr(lang, "价值", "value"), 7, true) << pad(tr(lang, "密度", "density"), 9, true)
        << pad(tr(lang, "三高三低", "profile"), 10, true) << pad(tr(lang, "候选", "cands"), 7, true)
        << pad(tr(lang, "得分", "score"), 7, true) << "\n";
    for (std::size_t i = 0; i < a.priorities.size(); ++i) {
        const Priority& p = a.priorities[i];
        out << pad(std::to_string(i + 1), 4, true) << "  " << pad(clip(segmentName(chain, p.segment, lang), 25), 26)
            << pad(adviceWord(p.advice, lang), 12) << pad(fixed(p.value, 2), 7, true)
            << pad(fixed(p.density, 2), 9, true) << pad(valueOrNoData(p.profile, p.basis, 2), 10, true)
            << pad(std::to_string(p.candidates), 7, true) << pad(fixed(p.score, 2), 7, true)
            << (p.candidates == 0 ? std::string("  ") + noCandidateWord(lang) : "") << "\n";
    }
}

void writeChanges(std::ostringstream& out, const Chain& chain, const Analysis& a, Lang lang) {
    if (a.assumed.empty()) return;
    out << "\n" << tr(lang, "假设带来的变化", "Changes under the assumptions") << " (" << a.changed.size() << ")\n";
    for (const StatusChange& c : a.changed)
        out << "  [" << causeWord(c.cause, lang) << "] " << describeChange(chain, c, lang) << "\n";
}

void writeWeights(std::ostringstream& out, const Weights& w, Lang lang) {
    out << "\n" << tr(lang, "权重", "weights");
    for (int k = 0; k < kTermCount; ++k) out << " " << termWord(k, lang) << " " << fixed(termWeight(w, k), 2);
    out << tr(lang, "；枢纽占据环节折扣 ", "; occupied_discount ") << fixed(w.occupiedDiscount, 2) << "\n";
}

}  // namespace

std::string analysisToTable(const Chain& chain, const Analysis& a, std::size_t top, Lang lang) {
    std::ostringstream out;
    writeHeader(out, chain, a, lang);
    writeSegments(out, chain, a, lang);
    writeChanges(out, chain, a, lang);
    writeTargets(out, chain, a, top, lang);
    writeSetAside(out, chain, a, lang);
    writePriorities(out, chain, a, lang);
    writeLocalSupply(out, chain, a, lang);
    writeMarkets(out, chain, a, lang);
    writeWeights(out, a.weights, lang);
    return out.str();
}

std::string comparisonToTable(const Chain& chain, const Comparison& c, Lang lang) {
    bool zh = lang == Lang::Zh;
    std::ostringstream out;
    out << chain.name.pick(lang, chain.id) << (zh ? " — 区域对比" : " — regions compared");
    if (!c.hubs.empty()) {
        out << (zh ? "；枢纽 " : "; hubs ");
        for (std::size_t i = 0; i < c.hubs.size(); ++i)
            out << (i ? ", " : "") << chain.regions[c.hubs[i]].name.pick(lang, chain.regions[c.hubs[i]].id);
    }
    out << "\n\n";
    const std::size_t nameWidth = 24, columnWidth = 20;
    out << pad(zh ? "环节" : "segment", nameWidth);
    for (const RegionComparison& rc : c.regions)
        out << pad(clip(chain.regions[rc.region].name.pick(lang, chain.regions[rc.region].id), columnWidth - 2),
                   columnWidth);
    out << "\n";
    for (std::size_t s = 0; s < chain.segments.size(); ++s) {
        out << pad(clip(chain.segments[s].name.pick(lang, chain.segments[s].id), nameWidth - 2), nameWidth);
        for (const RegionComparison& rc : c.regions)
            out << pad(std::string(statusWord(rc.status[s], lang)) + " / " + adviceWord(rc.advice[s], lang),
                       columnWidth);
        out << "\n";
    }
    for (const RegionComparison& rc : c.regions) {
        out << "\n" << regionName(chain, rc.region, lang) << ":";
        for (int a = 0; a < kAdviceCount; ++a)
            if (rc.adviceCounts[a] > 0)
                out << "  " << adviceWord(static_cast<Advice>(a), lang) << " " << rc.adviceCounts[a];
        out << "\n  " << (zh ? "本地企业 " : "local firms ") << rc.localFirms << (zh ? "，站点 " : ", sites ")
            << rc.localSites << (zh ? "，本地配套率 " : ", local supply share ") << rc.localSuppliers << "/"
            << rc.suppliers << " = " << fixed(100.0 * rc.localShare(), 0) << "%\n";
        for (const Assumption& as : rc.assumed)
            out << "  " << tr(lang, "假设: ", "assume: ") << firmName(chain, as.firm, lang) << " @ "
                << regionName(chain, as.region, lang) << "\n";
        if (rc.top.empty()) out << "  " << (zh ? "没有招商目标" : "no targets") << "\n";
        for (const Target& t : rc.top) {
            bool contested = std::any_of(c.contested.begin(), c.contested.end(),
                                         [&](const Contest& k) { return k.firm == t.firm; });
            out << "  " << rankWithRange(t) << ". " << firmName(chain, t.firm, lang) << "  " << fixed(t.score, 2)
                << (contested ? tr(lang, "  [竞争]", "  [contested]") : "") << "\n";
        }
    }
    if (!c.contested.empty()) {
        out << "\n"
            << tr(lang, "竞争目标（两个以上区域的前十名都有这家企业）",
                  "Contested targets (in the top ten of two or more regions)")
            << "\n";
        for (const Contest& contest : c.contested) {
            out << "  " << firmName(chain, contest.firm, lang) << tr(lang, "：", ": ");
            for (std::size_t i = 0; i < contest.ranks.size(); ++i)
                out << (i ? ", " : "") << regionName(chain, contest.ranks[i].first, lang) << " #"
                    << contest.ranks[i].second;
            out << "\n";
        }
    }
    return out.str();
}

}  // namespace chainatlas::cli
