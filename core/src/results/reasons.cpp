// The words of a target's reason and of its sources, shared by every export and the viewer.
#include "chainatlas/results/reasons.hpp"

#include <algorithm>
#include <set>

#include "chainatlas/analysis/support.hpp"
#include "chainatlas/analysis/vocabulary.hpp"
#include "chainatlas/base/text.hpp"

namespace chainatlas {

namespace {

// "补链: 正极材料、电芯; 错位配套: 电机" — the segments that earned fit, grouped by their advice; then
// "错位避让(不计分): 电芯" for the segments a hub holds that earn nothing (docs/method.md §8).
std::string fitPart(const Chain& chain, const Analysis& a, const Target& t, Lang lang) {
    std::vector<std::pair<Advice, std::vector<int>>> groups;
    std::vector<int> unscored;
    for (const FitSegment& fs : t.segments) {
        if (!fs.earnedUnder(a.weights.occupiedDiscount)) {
            unscored.push_back(fs.segment);
            continue;
        }
        Advice advice = a.segments[fs.segment].advice;
        auto group = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == advice; });
        if (group == groups.end()) groups.push_back({advice, {fs.segment}});
        else group->second.push_back(fs.segment);
    }
    const char* comma = lang == Lang::Zh ? "、" : ", ";
    auto names = [&](const std::vector<int>& ids) {
        return joinMapped(ids, comma, [&](int s) { return segmentName(chain, s, lang); });
    };
    std::string out = joinMapped(groups, "; ", [&](const auto& g) {
        return adviceWord(g.first, lang) + std::string(": ") + names(g.second);
    });
    if (!unscored.empty())
        out += (out.empty() ? "" : "; ") +
               std::string(lang == Lang::Zh ? "错位避让(不计分): " : "hub holds (not scored): ") + names(unscored);
    return out;
}

// The first hub region a firm has a counted site in (for "比亚迪(西安)").
int hubRegionOf(const Chain& chain, const Analysis& a, int firm) {
    for (const Site& site : chain.firms[firm].sites)
        if (site.counted() && std::find(a.hubs.begin(), a.hubs.end(), site.region) != a.hubs.end()) return site.region;
    return -1;
}

bool listed(const std::vector<int>& list, int firm) { return std::find(list.begin(), list.end(), firm) != list.end(); }

// "供应枢纽企业 比亚迪(西安, 推断)": where the supply record does not name the plant, the hub end is inferred.
std::string hubPart(const Chain& chain, const Analysis& a, const Target& t, Lang lang) {
    bool zh = lang == Lang::Zh;
    std::string names = joinMapped(t.hubPartners, zh ? "、" : ", ", [&](int f) {
        int r = hubRegionOf(chain, a, f);
        std::vector<std::string> notes;
        if (r >= 0) notes.push_back(regionName(chain, r, lang));
        if (listed(t.hubPartnersInferred, f)) notes.emplace_back(inferredWord(lang));
        std::string where = joinMapped(notes, ", ", [](const std::string& n) { return n; });
        return firmName(chain, f, lang) + (where.empty() ? "" : (zh ? "(" : " (") + where + ")");
    });
    return (zh ? "供应枢纽企业 " : "supplies hub firm ") + names;
}

// "以商招商: 本地伙伴 开沃汽车(推断)".
std::string anchorPart(const Chain& chain, const Target& t, Lang lang) {
    bool zh = lang == Lang::Zh;
    std::string names = joinMapped(t.anchors, zh ? "、" : ", ", [&](int f) {
        return firmName(chain, f, lang) +
               (listed(t.anchorsInferred, f) ? (zh ? "(" : " (") + std::string(inferredWord(lang)) + ")" : "");
    });
    return (zh ? "以商招商: 本地伙伴 " : "local partners: ") + names;
}

}  // namespace

std::string targetReason(const Chain& chain, const Analysis& a, const Target& t, Lang lang) {
    bool zh = lang == Lang::Zh;
    std::vector<std::string> parts;
    if (!t.segments.empty()) parts.push_back(fitPart(chain, a, t, lang));
    if (t.value[TermHub] > 0) parts.push_back(hubPart(chain, a, t, lang));
    if (!t.anchors.empty()) parts.push_back(anchorPart(chain, t, lang));
    if (chain.firms[t.firm].leader) parts.emplace_back(zh ? "链主企业" : "chain leader");
    if (!t.resources.empty())
        parts.push_back((zh ? "科技招商: " : "research ties: ") + joinMapped(t.resources, zh ? "、" : ", ", [&](int r) {
                            return chain.resources[r].name.pick(lang, chain.resources[r].id);
                        }));
    return joinMapped(parts, "; ", [](const std::string& p) { return p; });
}

std::string firmSources(const Chain& chain, int firm, Lang lang, std::size_t maxTitles) {
    const Firm& f = chain.firms[firm];
    bool cut = maxTitles > 0 && f.sources.size() > maxTitles;
    std::vector<int> shown(f.sources.begin(),
                           cut ? f.sources.begin() + static_cast<std::ptrdiff_t>(maxTitles) : f.sources.end());
    std::string titles = joinMapped(shown, "; ", [&](int s) {
        const Source& source = chain.sources[s];
        return source.title.empty() ? source.id : source.title;
    });
    if (cut && lang == Lang::Zh) titles.append(" 等 ").append(std::to_string(f.sources.size())).append(" 项");
    else if (cut) titles.append(" and ").append(std::to_string(f.sources.size() - maxTitles)).append(" more");
    std::set<std::string> levels;
    for (const Site& site : f.sites)
        if (!site.confidence.empty()) levels.insert(site.confidence.str());
    if (levels.empty()) return titles;
    std::string confidence = joinMapped(levels, "/", [](const std::string& l) { return l; });
    return titles + (lang == Lang::Zh ? " (可信度 " : " (confidence ") + confidence + ")";
}

}  // namespace chainatlas
