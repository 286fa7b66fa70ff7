// The meeting report described once (tables of words and numbers) for the xlsx and pdf writers.
#include "chainatlas/documents/meeting_report.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "chainatlas/analysis/support.hpp"
#include "chainatlas/analysis/vocabulary.hpp"
#include "chainatlas/base/text.hpp"
#include "chainatlas/results/reasons.hpp"

namespace chainatlas {

namespace {

struct Builder {
    const Chain& chain;
    const Analysis& a;
    const Session& session;
    const ReportOptions& options;
    Lang lang() const { return options.lang; }
    bool zh() const { return options.lang == Lang::Zh; }
    const char* w(const char* zhText, const char* enText) const { return zh() ? zhText : enText; }

    void overview(Document& d) const;
    DocTable targets() const;
    DocTable segments() const;
    DocTable priorities() const;
    DocTable setAside() const;
    DocTable localSupply() const;
    DocTable checklist() const;
    DocTable sources() const;
    DocCell term(const Target& t, int k) const;
};

std::string assumptionText(const Chain& chain, const Assumption& as, Lang lang) {
    std::string out = firmName(chain, as.firm, lang) + " @ " + regionName(chain, as.region, lang);
    if (!as.segments.empty())
        out += ": " + joinMapped(as.segments, lang == Lang::Zh ? "、" : ", ",
                                 [&](int s) { return segmentName(chain, s, lang); });
    return out;
}

std::string weightsText(const Weights& weights, Lang lang) {
    std::string out;
    for (int k = 0; k < kTermCount; ++k)
        out += (k ? ", " : "") + std::string(termWord(k, lang)) + " " + fixed(termWeight(weights, k), 1);
    return out + (lang == Lang::Zh ? ", 被占位折减 " : ", occupied discount ") + fixed(weights.occupiedDiscount, 2);
}

void Builder::overview(Document& d) const {
    const char* comma = zh() ? "、" : ", ";
    auto hubs = joinMapped(a.hubs, comma, [&](int h) { return regionName(chain, h, lang()); });
    auto assumed = joinMapped(a.assumed, "; ", [&](const Assumption& as) { return assumptionText(chain, as, lang()); });
    std::size_t local = 0;
    for (const SegmentResult& s : a.segments) local += s.sites > 0;
    d.overview = {
        {w("产业链", "Chain"), chain.name.pick(lang(), chain.id)},
        {w("本地区域", "Region"), regionName(chain, a.region, lang())},
        {w("枢纽区域", "Hubs"), hubs.empty() ? w("无", "none") : hubs},
        {w("假设 (推演)", "Assumptions (what-if)"), assumed.empty() ? w("无", "none") : assumed},
        {w("权重", "Weights"), weightsText(a.weights, lang())},
        {w("日期", "Date"), options.date},
        {w("本地已有环节", "Segments present"), std::to_string(local) + " / " + std::to_string(a.segments.size())},
        {w("招商目标", "Targets"), std::to_string(a.targets.size())},
        {w("暂不建议", "Set aside"), std::to_string(a.setAside.size())},
        {w("数据说明", "Data note"), std::string(chain.note.pick(options.lang, w("无", "none")))},
    };
    for (std::size_t s = 0; s < a.segments.size(); ++s)
        if (a.segments[s].market)
            d.overview.emplace_back(std::string(marketWord(lang())) +
                                        w("（客户，不作招商目标）", " (customers, not targets)"),
                                    segmentName(chain, static_cast<int>(s), lang()) + ": " +
                                        joinMapped(firmsInSegment(chain, static_cast<int>(s)), comma,
                                                   [&](int f) { return firmName(chain, f, lang()); }));
}

// A weighted term as a number, except an imputed one ("1.00*") or one with no data ("–"), which are text
// so that the mark stays beside the value (docs/method.md §8).
DocCell Builder::term(const Target& t, int k) const {
    bool marked = termImputed(t, k) || (k == TermInnovation && t.innovationBasis == Basis::None);
    return marked ? DocCell::of(weightedTermText(t, k, 2)) : DocCell::num(t.weighted[k], 2);
}

DocTable Builder::targets() const {
    DocTable table{w("招商目标", "Targets"),
                   w("招商目标", "Investment targets"),
                   std::string(w("按得分排序；理由说明每个目标为何入选；各项为加权分值，相加即得分。",
                                 "Ordered by score; the reason says why each firm is listed; terms are weighted "
                                 "values and add up to the score. ")) +
                       rankRangeNote(lang()) + w("。", "."),
                   {},
                   {},
                   w("没有招商目标。", "No targets."),
                   true,
                   true};
    table.columns = {{w("排名", "Rank"), 0.45},
                     {w("名次范围", "Rank range"), 0.55},
                     {w("企业", "Firm"), 1.5},
                     {w("代码", "ID"), 0},
                     {w("得分", "Score"), 0.55}};
    std::size_t count = options.top == 0 ? a.targets.size() : std::min(options.top, a.targets.size());
    bool imputed = std::any_of(a.targets.begin(), a.targets.begin() + static_cast<std::ptrdiff_t>(count),
                               [](const Target& t) { return t.profileImputed(); });
    for (int k = 0; k < kTermCount; ++k) {
        std::string title = termWord(k, lang()) + std::string(w("(加权)", " (weighted)"));
        if (k == TermProfile && imputed) title += std::string(" ") + imputedFootnote(lang());
        table.columns.push_back({title, 0});
    }
    table.columns.push_back({w("理由", "Reason"), 3.0, true});
    table.columns.push_back({w("来源与可信度", "Sources and confidence"), 1.9, true});
    table.columns.push_back({w("备注", "Note"), 1.3, true});
    std::size_t shown = options.top == 0 ? a.targets.size() : std::min(options.top, a.targets.size());
    for (std::size_t i = 0; i < shown; ++i) {
        const Target& t = a.targets[i];
        const Firm& firm = chain.firms[t.firm];
        std::vector<DocCell> row = {DocCell::num(t.rank, 0),
                                    DocCell::of(std::to_string(t.rankBest) + "\u2013" + std::to_string(t.rankWorst)),
                                    DocCell::of(firm.name.pick(lang(), firm.id)), DocCell::of(firm.id),
                                    DocCell::num(t.score, 2)};
        for (int k = 0; k < kTermCount; ++k) row.push_back(term(t, k));
        auto note = session.notes.find(firm.id);
        row.push_back(DocCell::of(targetReason(chain, a, t, lang())));
        DocCell sources = DocCell::of(firmSources(chain, t.firm, lang()));
        sources.brief = firmSources(chain, t.firm, lang(), 2);  // a meeting page; the workbook keeps them all
        row.push_back(std::move(sources));
        row.push_back(DocCell::of(note == session.notes.end() ? "" : note->second));
        table.rows.push_back(std::move(row));
    }
    return table;
}

std::string segmentMarks(const SegmentResult& s, Lang lang) {
    bool zh = lang == Lang::Zh;
    std::vector<std::string> marks;
    if (s.hubStrong) marks.emplace_back(zh ? "枢纽优势" : "hub strong");
    if (s.occupied) marks.emplace_back(zh ? "枢纽占位" : "occupied");
    if (s.complement) marks.emplace_back(zh ? "可配套枢纽" : "complements hub");
    if (s.singleSource) marks.emplace_back(zh ? "独家供应" : "single source");
    if (lacksCandidate(s)) marks.emplace_back(noCandidateWord(lang));
    if (s.transfer) marks.emplace_back(zh ? "成果转化" : "research transfer");
    return joinMapped(marks, zh ? "、" : ", ", [](const std::string& m) { return m; });
}

DocTable Builder::segments() const {
    DocTable table{w("环节", "Segments"),
                   w("产业链环节", "Chain segments"),
                   w("每个环节在本地的状态与建议；区位商 ≥ 1 为优势。",
                     "Status and advice for each segment; RCA ≥ 1 is strong."),
                   {},
                   {},
                   "",
                   false,
                   true};
    table.columns = {{w("环节", "Segment"), 1.6},     {w("阶段", "Stage"), 1.1},          {w("状态", "Status"), 0.6},
                     {w("建议", "Advice"), 0.8},      {w("站点", "Sites"), 0.5},          {w("区位商", "RCA"), 0.55},
                     {w("关联密度", "Density"), 0.6}, {w("候选企业", "Candidates"), 0.6}, {w("三高三低", "Profile"), 0},
                     {w("依据", "Basis"), 0},         {w("标记", "Marks"), 1.5, true}};
    for (std::size_t s = 0; s < a.segments.size(); ++s) {
        const SegmentResult& r = a.segments[s];
        const Segment& segment = chain.segments[s];
        table.rows.push_back(
            {DocCell::of(segment.name.pick(lang(), segment.id)),
             DocCell::of(segment.stage < 0
                             ? ""
                             : chain.stages[segment.stage].name.pick(lang(), chain.stages[segment.stage].id)),
             DocCell::of(statusWord(r.status, lang())), DocCell::of(adviceWord(r.advice, lang())),
             DocCell::num(r.sites, 0), DocCell::num(r.rca, 2), DocCell::num(r.density, 2),
             DocCell::num(r.candidates, 0),
             r.profileBasis == Basis::None ? DocCell::of(kNoDataMark) : DocCell::num(r.profile, 2),
             DocCell::of(basisWord(r.profileBasis, lang())), DocCell::of(segmentMarks(r, lang()))});
    }
    return table;
}

DocTable Builder::priorities() const {
    DocTable table{w("产业选择", "Priorities"),
                   w("产业选择 (环节优先级)", "Segment priorities"),
                   w("得分 = 契合权重×环节价值 + 密度权重×可行性 + 三高三低权重×吸引力。",
                     "Score = fit weight × value + density weight × feasibility + profile weight × attractiveness."),
                   {},
                   {},
                   w("没有需要行动的环节。", "No segment to act on."),
                   false,
                   true};
    table.columns = {{w("环节", "Segment"), 1.8},
                     {w("建议", "Advice"), 0.9},
                     {w("环节价值", "Value"), 0.7},
                     {w("可行性 (密度)", "Feasibility (density)"), 0.9},
                     {w("吸引力 (三高三低)", "Attractiveness (profile)"), 1.0},
                     {w("依据", "Basis"), 0.6},
                     {w("候选企业", "Candidates"), 0.7},
                     {w("得分", "Score"), 0.6}};
    for (const Priority& p : a.priorities)
        table.rows.push_back(
            {DocCell::of(segmentName(chain, p.segment, lang())), DocCell::of(adviceWord(p.advice, lang())),
             DocCell::num(p.value, 2), DocCell::num(p.density, 2),
             p.basis == Basis::None ? DocCell::of(kNoDataMark) : DocCell::num(p.profile, 2),
             DocCell::of(basisWord(p.basis, lang())), DocCell::num(p.candidates, 0), DocCell::num(p.score, 2)});
    return table;
}

DocTable Builder::setAside() const {
    DocTable table{w("暂不建议", "Set aside"),
                   w("暂不建议 (枢纽已占位)", "Set aside (the hub holds their segments)"),
                   w("这些企业只在枢纽占据的环节有契合，错位发展不宜正面竞争。",
                     "These firms fit only segments a hub holds; complementary development avoids competing head-on."),
                   {},
                   {},
                   w("无。", "None."),
                   false,
                   true};
    table.columns = {{w("企业", "Firm"), 1.6}, {w("代码", "ID"), 0}, {w("被占位环节", "Occupied segments"), 3.0, true}};
    const char* comma = zh() ? "、" : ", ";
    for (const SetAside& s : a.setAside)
        table.rows.push_back(
            {DocCell::of(firmName(chain, s.firm, lang())), DocCell::of(chain.firms[s.firm].id),
             DocCell::of(joinMapped(s.segments, comma, [&](int seg) { return segmentName(chain, seg, lang()); }))});
    return table;
}

DocTable Builder::localSupply() const {
    DocTable table{
        w("本地配套", "Local supply"),
        w("本地配套率", "Local supply share"),
        w("本地企业在本地厂址的供应商中本地供应商所占比例；外地采购环节是以商招商的起点。推断：供货记录未写明厂址，按企业站点推断。",
          "Of the suppliers of a local firm's plant here, the share that ship from the region; segments "
          "still bought from outside are where 以商招商 starts. Inferred: the record names no plant, "
          "taken from the firms' sites."),
        {},
        {},
        w("没有在本地收货的供货记录。", "No supply record received in the region."),
        false,
        true};
    table.columns = {{w("企业", "Firm"), 1.4},
                     {w("代码", "ID"), 0},
                     {w("本地/供应商", "Local/suppliers"), 0.7},
                     {w("本地配套率", "Share"), 0.6},
                     {w("本地供应商", "Local suppliers"), 1.6, true},
                     {w("外地采购环节", "Bought from outside"), 1.8, true},
                     {w("厂址推断的供应商", "Plant inferred for"), 1.3, true}};
    const char* comma = zh() ? "、" : ", ";
    auto firms = [&](const std::vector<int>& list) {
        return joinMapped(list, comma, [&](int f) { return firmName(chain, f, lang()); });
    };
    for (const LocalSupply& row : a.localSupply)
        table.rows.push_back(
            {DocCell::of(firmName(chain, row.firm, lang())), DocCell::of(chain.firms[row.firm].id),
             DocCell::of(std::to_string(row.local.size()) + "/" + std::to_string(row.suppliers.size())),
             DocCell::num(100.0 * row.share(), 0), DocCell::of(firms(row.local)),
             DocCell::of(joinMapped(row.outsideSegments, comma, [&](int s) { return segmentName(chain, s, lang()); })),
             DocCell::of(firms(row.inferred))});
    return table;
}

DocTable Builder::checklist() const {
    DocTable table{w("十个一", "Checklist"),
                   w("十个一 工作清单", "十个一 checklist (SIP's ten ones)"),
                   regionName(chain, a.region, lang()) + " · " + chain.name.pick(lang(), chain.id),
                   {},
                   {},
                   "",
                   false,
                   true};
    table.columns = {{w("序号", "No."), 0.35},
                     {w("事项", "Item"), 1.6},
                     {w("状态", "State"), 0.55},
                     {w("负责人", "Owner"), 0.8},
                     {w("期限", "Due"), 0.7},
                     {w("备注", "Note"), 1.6, true},
                     {w("数据佐证", "Evidence in the data"), 1.4, true}};
    for (int i = 0; i < kChecklistCount; ++i) {
        const ChecklistItem& item = session.checklist[i];
        table.rows.push_back({DocCell::num(i + 1, 0), DocCell::of(checklistTitle(i, lang())),
                              DocCell::of(checklistStateName(item.state, lang())), DocCell::of(item.owner),
                              DocCell::of(item.due), DocCell::of(item.note),
                              DocCell::of(checklistEvidenceText(chain, a.region, i, lang()))});
    }
    return table;
}

DocTable Builder::sources() const {
    DocTable table{w("来源", "Sources"),
                   w("数据来源", "Sources"),
                   chain.note.pick(lang(), ""),
                   {},
                   {},
                   w("文件未列出来源。", "The file lists no source."),
                   false,
                   true};
    table.columns = {{w("编号", "ID"), 1.1},
                     {w("标题", "Title"), 2.2, true},
                     {w("网址", "URL"), 2.2, true},
                     {w("访问日期", "Accessed"), 0.7}};
    for (const Source& s : chain.sources)
        table.rows.push_back({DocCell::of(s.id), DocCell::of(s.title), DocCell::of(s.url), DocCell::of(s.accessed)});
    return table;
}

}  // namespace

Document buildReport(const Chain& chain, const Analysis& analysis, const Session& session,
                     const ReportOptions& options) {
    Builder b{chain, analysis, session, options};
    Document d;
    std::string chainName = chain.name.pick(options.lang, chain.id);
    d.title = chainName + b.w("产业链招商报告", " — investment promotion report");
    d.subtitle = regionName(chain, analysis.region, options.lang) + " · " + options.date;
    d.overviewSheet = b.w("概览", "Overview");
    d.overviewHeader = {b.w("项目", "Item"), b.w("内容", "Value")};
    b.overview(d);
    d.mapSvg = options.mapSvg;
    d.chartHeading = b.w("产业选择: 可行性 × 吸引力", "Priorities: feasibility × attractiveness");
    d.chartSvg = options.chartSvg;
    d.tables = {b.targets(), b.segments(), b.priorities(), b.setAside(), b.localSupply(), b.checklist(), b.sources()};
    d.continued = b.w("（续）", " (continued)");
    d.continuedCell = b.w("（续）", "(cont.) ");
    d.pageWord = b.w("第 %d 页", "Page %d");
    if (!options.fontFamily.empty()) d.fontFamily = options.fontFamily;
    return d;
}

}  // namespace chainatlas
