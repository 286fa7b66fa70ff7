// Details of the selection: a segment's status, RCA, density, local firms and firms elsewhere by region;
// a firm's sites, metrics with percentiles, leader flag, supply partners and sources with confidence; a
// resource's kind, region, segments, tied firms and sources.
#include <algorithm>
#include <map>

#include "../i18n.hpp"
#include "app.hpp"
#include "chainatlas/analysis/vocabulary.hpp"
#include "chainatlas/results/result_writers.hpp"

namespace viewer {

using namespace chainatlas;

namespace {

// ImGui 1.86 has no SeparatorText: a rule and a label.
void heading(const char* text) {
    ImGui::Separator();
    ImGui::TextUnformatted(text);
}

void firmLink(App& app, int firm) {
    const Firm& f = app.state.drawn->firms[firm];
    ImGui::PushID(firm);
    if (ImGui::SmallButton(f.name.pick(app.state.lang, f.id).c_str())) app.locate({SelectionKind::Firm, firm});
    ImGui::PopID();
}

void sourceList(const Chain& chain, const std::vector<int>& sources) {
    for (int s : sources) {
        const Source& source = chain.sources[s];
        ImGui::Bullet();
        ImGui::TextWrapped("%s", source.title.c_str());  // long titles and URLs wrap instead of being cut
        ImGui::Indent();
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s · %s", source.url.c_str(), source.accessed.c_str());
        ImGui::PopStyleColor();
        ImGui::Unindent();
    }
}

// The resources of the region and its hubs that serve segment s (those the map marks), each one click away.
void resourcesServing(App& app, int s) {
    ViewerState& state = app.state;
    const Chain& chain = *state.drawn;
    const Analysis& a = state.analysis();
    bool any = false;
    for (int i = 0; i < static_cast<int>(chain.resources.size()); ++i) {
        const Resource& r = chain.resources[i];
        bool shown = r.region == a.region || std::find(a.hubs.begin(), a.hubs.end(), r.region) != a.hubs.end();
        bool serves = r.segments.empty() || std::find(r.segments.begin(), r.segments.end(), s) != r.segments.end();
        if (!shown || !serves) continue;
        if (!any) heading(tr(state.lang, "资源 (本地与枢纽)", "Resources (local and hubs)"));
        any = true;
        ImGui::TextDisabled("%s%s", chain.regions[r.region].name.pick(state.lang, chain.regions[r.region].id).c_str(),
                            r.confirmed() ? "" : " [C]");  // before the name: long names are cut at the edge
        ImGui::SameLine();
        ImGui::PushID(i + 200000);  // apart from firm ids
        if (ImGui::SmallButton(r.name.pick(state.lang, r.id).c_str())) select(state, {SelectionKind::Resource, i});
        ImGui::PopID();
    }
    if (any) ImGui::Separator();
}

void segmentDetails(App& app, int s) {
    ViewerState& state = app.state;
    const Chain& chain = *state.drawn;
    const SegmentResult& r = state.analysis().segments[s];
    ImGui::TextWrapped("%s", chain.segments[s].name.pick(state.lang, chain.segments[s].id).c_str());
    ImGui::TextDisabled("%s", chain.segments[s].id.c_str());
    // The map's colour and word for this box (the advice), then the status it follows from: a box painted
    // purple 错位避让 is never headlined with a red 断点 swatch.
    ImGui::ColorButton("##advice", ImColor(themeColor(app.theme.adviceColor(r.advice))), ImGuiColorEditFlags_NoTooltip);
    ImGui::SameLine();
    ImGui::TextUnformatted(r.advice == Advice::None ? tr(state.lang, "无需行动", "nothing to do")
                                                    : adviceWord(r.advice, state.lang));
    ImGui::SameLine();
    ImGui::TextDisabled("(%s: %s)", tr(state.lang, "状态", "status"),
                        statusName(state.lang, static_cast<int>(r.status)));
    ImGui::Text("RCA %.2f · %s %.2f", r.rca, tr(state.lang, "关联密度", "density"),
                r.density);  // as in the map's tooltip
    ImGui::Text("%s %d · %s %.1f", tr(state.lang, "本地站点", "local sites"), r.sites, tr(state.lang, "产出", "output"),
                r.output);
    if (r.market)
        ImGui::TextWrapped("%s: %s", marketWord(state.lang),
                           tr(state.lang, "下列企业是本链的客户, 不是招商候选",
                              "the firms below are the chain's customers, not candidates"));
    if (r.hubStrong) ImGui::BulletText("%s", tr(state.lang, "枢纽在此环节占优", "a hub is strong here"));
    if (r.occupied)
        ImGui::BulletText("%s", tr(state.lang, "被占位: 避免正面竞争", "occupied: avoid head-on competition"));
    if (r.complement)
        ImGui::BulletText("%s", tr(state.lang, "可为枢纽配套", "complement: supplies the hub's strength"));
    if (r.singleSource) ImGui::BulletText("%s", tr(state.lang, "独家供应 (卡脖子)", "single source (chokepoint)"));
    if (r.transfer)
        ImGui::BulletText("%s", tr(state.lang, "成果转化机会: 本地有科研、无产业",
                                   "transfer opportunity: local research, no local industry"));
    resourcesServing(app, s);
    bool expanded = s < static_cast<int>(state.expanded.size()) && state.expanded[s] && state.level == MapLevel::Firm;
    if (ImGui::Button(expanded ? tr(state.lang, "收起企业", "Hide firms") : tr(state.lang, "展开企业", "Show firms")))
        toggleExpanded(state, s);
    // Firms by region, the focal region first.
    std::map<int, std::vector<int>> byRegion;
    for (std::size_t f = 0; f < chain.firms.size(); ++f)
        for (const Site& site : chain.firms[f].sites)
            if (std::find(site.segments.begin(), site.segments.end(), s) != site.segments.end()) {
                auto& list = byRegion[site.region];
                if (list.empty() || list.back() != static_cast<int>(f)) list.push_back(static_cast<int>(f));
            }
    ImGui::Separator();
    auto regionBlock = [&](int region, const std::vector<int>& firms) {
        const Region& reg = chain.regions[region];
        ImGui::Text("%s%s (%zu)", reg.name.pick(state.lang, reg.id).c_str(),
                    region == state.analysis().region ? tr(state.lang, " · 本地", " · local") : "", firms.size());
        ImGui::Indent();
        for (int f : firms) firmLink(app, f);
        ImGui::Unindent();
    };
    if (byRegion.count(state.analysis().region))
        regionBlock(state.analysis().region, byRegion[state.analysis().region]);
    else ImGui::TextDisabled("%s", tr(state.lang, "本地无企业", "no local firm"));
    for (const auto& [region, firms] : byRegion)
        if (region != state.analysis().region) regionBlock(region, firms);
}

// A firm with "推断" beside it when the link that makes it a partner was inferred, not named in the data.
void partnerList(App& app, const std::vector<int>& firms, const std::vector<int>& inferred) {
    for (int firm : firms) {
        firmLink(app, firm);
        if (std::find(inferred.begin(), inferred.end(), firm) == inferred.end()) continue;
        ImGui::SameLine();
        ImGui::TextDisabled("%s", inferredWord(app.state.lang));
    }
}

// A target's rank with its range, each term as value → weighted as the table shows it ("1.00*" imputed),
// the segments it fills and those a hub holds (unscored, listed apart), and its partners here and at hubs.
void targetDetails(App& app, const Target& t) {
    const ViewerState& state = app.state;
    Lang lang = state.lang;
    const Chain& chain = *state.drawn;
    ImGui::Text("%s %s · %s %.3f", tr(lang, "排名", "rank"), rankWithRange(t).c_str(), tr(lang, "得分", "score"),
                t.score);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", rankRangeNote(lang));
    ImGui::TextDisabled("%s (%s)", tr(lang, "值 → 加权值", "value → weighted"), weightedWord(lang));
    bool imputed = false;
    for (int k = 0; k < kTermCount; ++k) {
        ImGui::BulletText("%s %.2f%s → %s", termName(lang, k), t.value[k], termImputed(t, k) ? "*" : "",
                          weightedTermText(t, k, 2).c_str());
        imputed = imputed || termImputed(t, k);
    }
    if (imputed) ImGui::TextDisabled("%s", imputedFootnote(lang));
    double discount = state.analysis().weights.occupiedDiscount;
    if (std::string fills = fitSegmentList(chain, t, lang, false, discount); !fills.empty())
        ImGui::TextWrapped("%s: %s", tr(lang, "契合环节", "fits"), fills.c_str());
    if (std::string unscored = unscoredSegmentList(chain, t, lang, false, discount); !unscored.empty())
        ImGui::TextWrapped("%s: %s", unscoredLabel(lang), unscored.c_str());
    ImGui::PushID("partners");  // a firm may be listed here and again below (ImGui ids apart)
    if (!t.anchors.empty()) {
        heading(tr(lang, "本地合作企业 (以商招商)", "Local partners (anchor)"));
        partnerList(app, t.anchors, t.anchorsInferred);
    }
    ImGui::PushID("hubs");
    if (!t.hubPartners.empty()) {
        heading(tr(lang, "枢纽客户 (枢纽配套)", "Customers at hubs (hub)"));
        partnerList(app, t.hubPartners, t.hubPartnersInferred);
    }
    ImGui::PopID();
    ImGui::PopID();
}

// The segments a local buyer still buys from outside, each a button to it, wrapped to the panel's width.
void outsideSegmentButtons(App& app, const std::vector<int>& segments) {
    Lang lang = app.state.lang;
    const Chain& chain = *app.state.drawn;
    float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        int s = segments[i];
        const std::string& name = chain.segments[s].name.pick(lang, chain.segments[s].id);
        float width = ImGui::CalcTextSize(name.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
        if (i > 0 && ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width < right)
            ImGui::SameLine();      // else wrap
        ImGui::PushID(s + 300000);  // apart from firm ids
        if (ImGui::SmallButton(name.c_str())) app.locate({SelectionKind::Segment, s});
        ImGui::PopID();
    }
}

// 本地配套率 of a local buyer: how many of the firms supplying its plant here ship from here, who they are,
// and the segments still bought from outside, where 以商招商 starts.
void localSupplyDetails(App& app, const LocalSupply& row) {
    Lang lang = app.state.lang;
    heading(tr(lang, "本地配套率", "Local supply share"));
    ImGui::PushID("local-supply");  // a supplier may be listed again under the supply partners
    ImGui::Text("%zu/%zu = %.0f%%", row.local.size(), row.suppliers.size(), row.share() * 100);
    std::vector<int> outside;
    for (int s : row.suppliers)
        if (std::find(row.local.begin(), row.local.end(), s) == row.local.end()) outside.push_back(s);
    ImGui::TextDisabled("%s (%zu)", tr(lang, "本地供应商", "local suppliers"), row.local.size());
    partnerList(app, row.local, row.inferred);
    ImGui::TextDisabled("%s (%zu)", tr(lang, "外地供应商", "suppliers elsewhere"), outside.size());
    partnerList(app, outside, row.inferred);
    if (!row.inferred.empty())
        ImGui::TextDisabled("%s: %s", inferredWord(lang),
                            tr(lang, "记录未注明供货工厂, 按本地工厂计",
                               "the record names no plant; the local one assumed"));
    if (!row.outsideSegments.empty()) {
        ImGui::TextWrapped("%s:", tr(lang, "仍从外地采购 (以商招商的起点)",
                                     "still bought from outside (where anchor starts)"));
        outsideSegmentButtons(app, row.outsideSegments);
    }
    ImGui::PopID();
}

void firmDetails(App& app, int f) {
    ViewerState& state = app.state;
    const Chain& chain = *state.drawn;
    const Firm& firm = chain.firms[f];
    ImGui::TextWrapped("%s", firm.name.pick(state.lang, firm.id).c_str());
    ImGui::TextDisabled("%s%s", firm.id.c_str(), firm.leader ? tr(state.lang, " · 链主", " · chain leader") : "");
    if (firm.extra.contains("leader_basis"))
        ImGui::TextWrapped("%s", firm.extra["leader_basis"].get<std::string>().c_str());
    for (const Target& t : state.analysis().targets)
        if (t.firm == f) targetDetails(app, t);
    if (const LocalSupply* row = localSupplyOf(state.analysis(), f)) localSupplyDetails(app, *row);
    heading(tr(state.lang, "站点", "Sites"));
    for (const Site& site : firm.sites) {
        std::string segments;
        for (int s : site.segments)
            segments += (segments.empty() ? "" : ", ") + chain.segments[s].name.pick(state.lang, chain.segments[s].id);
        ImGui::Bullet();
        ImGui::TextWrapped("%s: %s",
                           chain.regions[site.region].name.pick(state.lang, chain.regions[site.region].id).c_str(),
                           segments.c_str());
        ImGui::Indent();
        if (!site.confidence.empty())
            ImGui::TextDisabled("%s %s", tr(state.lang, "可信度", "confidence"), site.confidence.c_str());
        if (site.assumed)
            ImGui::TextColored(ImColor(themeColor(app.theme.firmAssumed)), "%s",
                               tr(state.lang, "假设引进", "assumed (what-if)"));
        if (site.extra.contains("note") && site.extra["note"].is_string())
            ImGui::TextWrapped("%s", site.extra["note"].get<std::string>().c_str());
        ImGui::Unindent();
    }
    heading(tr(state.lang, "三高三低指标 (百分位)", "Metrics (percentile)"));
    bool any = false;
    for (int m = 0; m < kMetricCount; ++m)
        if (firm.metrics[m]) {
            any = true;
            ImGui::BulletText("%s %.3g (q %.2f)", metricName(state.lang, m), *firm.metrics[m], state.percentiles[f][m]);
        }
    if (!any) ImGui::TextDisabled("%s", tr(state.lang, "无指标数据 (按 0.5 计)", "no metrics (counted as 0.5)"));
    heading(tr(state.lang, "供应关系", "Supply partners"));
    for (const Supply& supply : chain.supplies) {
        if (supply.from != f && supply.to != f) continue;
        ImGui::TextUnformatted(supply.from == f ? tr(state.lang, "供应 →", "supplies →")
                                                : tr(state.lang, "← 采购自", "← buys from"));
        ImGui::SameLine();
        firmLink(app, supply.from == f ? supply.to : supply.from);
        if (!supply.confidence.empty()) {
            ImGui::SameLine();
            ImGui::TextDisabled("[%s]", supply.confidence.c_str());
        }
    }
    heading(tr(state.lang, "来源", "Sources"));
    sourceList(chain, firm.sources);
}

// A resource (docs/method.md §1, docs/method.md §12): what it is, where, which chains and segments it serves, the firms
// tied to it (each one click from the map), and its sources with the confidence of the data.
void resourceDetails(App& app, int r) {
    ViewerState& state = app.state;
    const Chain& chain = *state.drawn;
    ResourceDetails d = describeResource(state, r);
    ImGui::TextWrapped("%s", d.name.c_str());
    ImGui::TextDisabled("%s", d.id.c_str());
    ImGui::Text("%s · %s%s", d.kind.c_str(), d.region.c_str(),
                d.local ? tr(state.lang, " · 本地", " · local")
                : d.hub ? tr(state.lang, " · 枢纽", " · hub")
                        : "");
    ImGui::TextWrapped("%s", d.chains.c_str());
    ImGui::Text("%s %s", tr(state.lang, "可信度", "confidence"), d.confidence.c_str());
    if (!d.confirmed)
        ImGui::TextColored(ImColor(themeColor(app.theme.textMuted)), "%s",
                           tr(state.lang, "未证实: 不计入分析", "unconfirmed: counts nowhere"));
    if (!d.note.empty()) ImGui::TextWrapped("%s", d.note.c_str());
    heading(tr(state.lang, "服务环节", "Serves"));
    if (d.segments.empty()) ImGui::TextUnformatted(tr(state.lang, "全产业链", "the whole chain"));
    for (int s : d.segments) {
        ImGui::PushID(s + 100000);  // apart from firm ids
        if (ImGui::SmallButton(chain.segments[s].name.pick(state.lang, chain.segments[s].id).c_str()))
            app.locate({SelectionKind::Segment, s});
        ImGui::PopID();
    }
    heading(tr(state.lang, "合作企业", "Tied firms"));
    if (d.ties.empty()) ImGui::TextDisabled("%s", tr(state.lang, "数据中没有合作关系", "no tie in the data"));
    for (const ResourceDetails::TieRow& tie : d.ties) {
        firmLink(app, tie.firm);
        ImGui::SameLine();
        ImGui::TextDisabled("%s [%s]", tie.kind.c_str(), tie.confidence.c_str());
    }
    heading(tr(state.lang, "来源", "Sources"));
    sourceList(chain, d.sources);
}

const char* selectionKindName(const ViewerState& state) {
    if (state.selection.kind == SelectionKind::Segment) return tr(state.lang, "环节", "Segment");
    if (state.selection.kind == SelectionKind::Firm) return tr(state.lang, "企业", "Firm");
    if (state.selection.kind == SelectionKind::Resource) return tr(state.lang, "资源", "Resource");
    return tr(state.lang, "使用说明", "How to use");
}

}  // namespace

void drawDetailsPanel(App& app, ImVec2 pos, ImVec2 size) {
    ViewerState& state = app.state;
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin(tr(state.lang, "详情###details", "Details###details"), nullptr,
                 ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse);
    drawFoldButton(app, app.showDetailsPanel, "»");
    ImGui::TextDisabled("%s", selectionKindName(state));
    ImGui::PopTextWrapPos();
    if (!state.hasAnalysis()) {
        ImGui::End();
        return;
    }
    if (state.selection.kind == SelectionKind::Segment) segmentDetails(app, state.selection.index);
    else if (state.selection.kind == SelectionKind::Firm) firmDetails(app, state.selection.index);
    else if (state.selection.kind == SelectionKind::Resource) resourceDetails(app, state.selection.index);
    else {
        ImGui::TextWrapped(
            "%s", tr(state.lang, "点击图中的环节或企业查看详情。拖动平移，滚轮缩放，F 适应窗口，Ctrl+F 搜索。",
                     "Click a segment or a firm for details. Drag to pan, wheel to zoom, F to fit, Ctrl+F to search."));
        if (std::string note = state.chain->note.pick(state.lang, ""); !note.empty()) {
            ImGui::Separator();
            ImGui::TextWrapped("%s", note.c_str());
        }
    }
    ImGui::End();
}

}  // namespace viewer
