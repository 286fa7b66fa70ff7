// The map scene: one description of what a chain map shows, drawn by svg.cpp and the viewer's map panel.
// Segments are filled with their advice colour (docs/method.md §5), so a box never says "fill it" and "avoid it" at
// once; status, RCA and density go to the details.
#include "chainatlas/map/scene.hpp"
#include "chainatlas/base/text.hpp"

#include "chainatlas/analysis/support.hpp"
#include "chainatlas/analysis/vocabulary.hpp"

#include <algorithm>
#include <cstdio>
#include <tuple>

namespace chainatlas {

namespace {

const char* pick(Lang lang, const char* zh, const char* en) { return lang == Lang::Zh ? zh : en; }

std::string siteCount(int sites, Lang lang) {
    if (sites <= 0) return "";
    if (lang == Lang::Zh) return "本地 " + std::to_string(sites) + " 个站点";
    return std::to_string(sites) + (sites == 1 ? " local site" : " local sites");
}

const StatusChange* changeOf(const Analysis& a, int segment) {
    for (const StatusChange& c : a.changed)
        if (c.segment == segment) return &c;
    return nullptr;
}

// The first kShownLocalFirms firms (in file order) with a site in the region, for every segment: one pass over
// the firms for the whole map, where a scan per segment would read all firms 300 times at national scale.
constexpr std::size_t kShownLocalFirms = 12;

std::vector<std::vector<int>> localFirmsBySegment(const Chain& chain, int region) {
    std::vector<std::vector<int>> bySegment(chain.segments.size());
    for (std::size_t f = 0; f < chain.firms.size(); ++f)
        for (const Site& site : chain.firms[f].sites) {
            if (site.region != region) continue;
            for (int s : site.segments) {
                std::vector<int>& list = bySegment[static_cast<std::size_t>(s)];
                if (list.size() < kShownLocalFirms && (list.empty() || list.back() != static_cast<int>(f)))
                    list.push_back(static_cast<int>(f));
            }
        }
    return bySegment;
}

std::string localFirms(const Chain& chain, const std::vector<int>& firms, Lang lang) {
    std::string list;
    for (std::size_t i = 0; i < firms.size(); ++i)
        list += (i ? pick(lang, "、", ", ") : "") + chain.firms[firms[i]].name.pick(lang, chain.firms[firms[i]].id);
    return list.empty() ? pick(lang, "无", "none") : list;
}

std::string segmentDetails(const Chain& chain, const Analysis& a, int s, const std::vector<int>& local, Lang lang) {
    const SegmentResult& r = a.segments[s];
    char numbers[96];
    std::snprintf(numbers, sizeof numbers, " · %s %.2f · %s %.2f", pick(lang, "区位商", "RCA"), r.rca,
                  pick(lang, "关联密度", "density"), r.density);
    std::string text = chain.segments[s].name.pick(lang, chain.segments[s].id) + "\n" +
                       pick(lang, "建议: ", "advice: ") + adviceWord(r.advice, lang) + "\n" +
                       pick(lang, "状态: ", "status: ") + statusWord(r.status, lang) + numbers;
    char profile[32];
    std::snprintf(profile, sizeof profile, "%.2f", r.profile);
    text += std::string("\n") + pick(lang, "三高三低 ", "profile ") +
            (r.profileBasis == Basis::None ? pick(lang, "– 无数据", "– no data")
                                           : profile);  // never a score without data
    text += std::string("\n") + pick(lang, "候选企业 ", "candidates ") + std::to_string(r.candidates);
    if (r.occupied)
        text += pick(lang, "\n枢纽已占优: 避免正面竞争 (错位发展)", "\na hub holds it: do not compete head-on");
    if (r.complement) text += pick(lang, "\n可为枢纽的优势环节配套", "\ncan supply the hub's strength");
    if (r.singleSource) text += pick(lang, "\n仅一家企业 (卡脖子)", "\nsingle source (chokepoint)");
    if (lacksCandidate(r)) text += std::string("\n") + noCandidateWord(lang);
    if (!chain.resources.empty()) {  // docs/method.md §12: the region's own resources serving s, by chain
        text += pick(lang, "\n本地四链支撑: ", "\nlocal support: ");
        for (int c = 0; c < kChainKindCount; ++c)
            text += (c ? " · " : "") + std::string(chainKindWord(static_cast<ChainKind>(c), lang)) + " " +
                    std::to_string(supportCount(r.support, static_cast<ChainKind>(c)));
    }
    if (r.transfer)
        text += pick(lang, "\n成果转化机会: 本地有科研、无产业",
                     "\ntransfer opportunity: local research, no local industry");
    if (const StatusChange* c = changeOf(a, s))
        text += std::string("\n") + pick(lang, "假设后: ", "what-if: ") + describeChange(chain, *c, lang);
    return text + "\n" + pick(lang, "本地企业: ", "local firms: ") + localFirms(chain, local, lang);
}

SegmentLook describeSegment(const Chain& chain, const Analysis& a, const Theme& theme, int s,
                            const std::vector<int>& local, Lang lang) {
    const SegmentResult& r = a.segments[s];
    SegmentLook look;
    look.advice = r.advice;
    look.fill = theme.adviceColor(r.advice);
    look.textColor = textColorOn(look.fill, theme);
    look.lines = segmentLines(chain, a, s, lang);
    look.noCandidate = lacksCandidate(r);
    look.classes = std::string("segment advice-") + adviceKey(r.advice) + " status-" + statusKey(r.status);
    if (r.occupied) look.classes += " occupied";
    if (r.complement) look.classes += " complement";
    if (r.singleSource) {
        look.classes += " single-source";
        look.marks.push_back({MarkKind::SingleSource, theme.singleSourceMark, ""});
    }
    if (look.noCandidate) look.classes += " no-candidate";
    if (r.transfer) {
        look.classes += " transfer";
        look.marks.push_back({MarkKind::Transfer, theme.transferMark, pick(lang, "成果转化", "transfer")});
    }
    if (const StatusChange* c = changeOf(a, s)) {
        look.classes += " changed";
        look.change = std::string(statusWord(c->from, lang)) + " → " + statusWord(c->to, lang);
        look.marks.push_back({MarkKind::Changed, theme.highlightEdge, ""});
    }
    look.details = segmentDetails(chain, a, s, local, lang);
    return look;
}

std::vector<FirmLook> describeFirms(const Chain& chain, const Analysis& a, const Theme& theme,
                                    const SceneOptions& options) {
    std::vector<FirmLook> looks(chain.firms.size());
    for (const Target& t : a.targets) looks[t.firm].rank = t.rank;
    Lang lang = options.lang;
    for (std::size_t f = 0; f < chain.firms.size(); ++f) {
        const Firm& firm = chain.firms[f];
        FirmLook& look = looks[f];
        bool local = false;
        for (const Site& site : firm.sites)
            if (site.region == a.region) {
                local = true;
                look.assumed = look.assumed || site.assumed;
            }
        bool target = !local && look.rank > 0 && static_cast<std::size_t>(look.rank) <= options.top;
        look.role = local ? FirmRole::Local : (target ? FirmRole::Target : FirmRole::Other);
        look.leader = firm.leader;
        look.fill = local ? theme.firmLocal : (target ? theme.firmTarget : theme.firmOther);
        look.textColor = textColorOn(look.fill, theme);
        std::string name = firm.name.pick(lang, firm.id);
        std::string drawn = shortenForDrawing(name);  // the title (a tooltip) keeps the whole name
        look.label = target ? "#" + std::to_string(look.rank) + " " + drawn : drawn;
        look.title = lang == Lang::Zh ? name : name + " (" + firm.id + ")";
        if (firm.leader) look.title += pick(lang, " · 链主", " · chain leader");
        if (look.rank > 0) look.title += std::string(pick(lang, " · 排名 ", " · rank ")) + std::to_string(look.rank);
        if (look.assumed) look.title += pick(lang, " · 假设引进", " · assumed (what-if)");
    }
    return looks;
}

std::string describeTitle(const Chain& chain, const Analysis& a, Lang lang) {
    const Region& region = chain.regions[a.region];
    return shortenForDrawing(chain.name.pick(lang, chain.id)) + " — " +
           shortenForDrawing(region.name.pick(lang, region.id)) + pick(lang, " 产业链图谱", " chain map");
}

}  // namespace

std::string mapSubtitle(const Chain& chain, const Analysis& a, const SceneOptions& options) {
    Lang lang = options.lang;
    const char* separator = pick(lang, "、", ", ");
    std::string text = pick(lang, "枢纽: ", "Hubs: ");
    if (a.hubs.empty()) text += pick(lang, "无", "none");
    for (std::size_t i = 0; i < a.hubs.size(); ++i)
        text += (i ? separator : "") +
                shortenForDrawing(chain.regions[a.hubs[i]].name.pick(lang, chain.regions[a.hubs[i]].id));
    text += pick(lang, " · 假设引进: ", " · Assumed: ");
    if (a.assumed.empty()) text += pick(lang, "无", "none");
    for (std::size_t i = 0; i < a.assumed.size(); ++i) {
        const Assumption& as = a.assumed[i];
        text += (i ? separator : "") +
                shortenForDrawing(chain.firms[as.firm].name.pick(lang, chain.firms[as.firm].id)) + " @ " +
                shortenForDrawing(chain.regions[as.region].name.pick(lang, chain.regions[as.region].id));
    }
    if (!options.date.empty()) text += " · " + options.date;
    return text;
}

namespace {

// The legend lists what the map can show: every advice colour, the marks that occur, firm kinds at firm level.
std::vector<LegendEntry> describeLegend(const MapScene& scene, const Theme& theme, MapLevel level) {
    Lang lang = scene.lang;
    std::vector<LegendEntry> legend;
    for (Advice a : {Advice::Keep, Advice::Leave, Advice::Complement, Advice::Fill, Advice::Strengthen, Advice::Extend,
                     Advice::None})
        legend.push_back({LegendShape::Fill, theme.adviceColor(a),
                          a == Advice::None ? pick(lang, "无需行动", "nothing to do") : adviceWord(a, lang), "", 0});
    auto any = [&](auto test) { return std::any_of(scene.segments.begin(), scene.segments.end(), test); };
    auto hasMark = [&](MarkKind kind) {
        return any([&](const SegmentLook& s) {
            return std::any_of(s.marks.begin(), s.marks.end(), [&](const Mark& m) { return m.kind == kind; });
        });
    };
    if (hasMark(MarkKind::SingleSource))
        legend.push_back({LegendShape::Diamond, theme.singleSourceMark,
                          pick(lang, "独家供应 (卡脖子)", "single source (chokepoint)"), "", 1});
    if (any([](const SegmentLook& s) { return s.noCandidate; }))
        legend.push_back({LegendShape::Tag, theme.textDark,
                          pick(lang, "数据中没有可招引的企业", "nobody to court in the data"), noCandidateWord(lang),
                          1});
    if (hasMark(MarkKind::Transfer))
        legend.push_back({LegendShape::Pill, theme.transferMark,
                          pick(lang, "本地有科研、无产业", "local research, no local industry"),
                          pick(lang, "成果转化", "transfer"), 1});
    if (hasMark(MarkKind::Changed))
        legend.push_back({LegendShape::Outline, theme.highlightEdge,
                          pick(lang, "假设后状态变化", "status changed by the what-if"), "", 1});
    if (level == MapLevel::Firm) {
        legend.push_back({LegendShape::Firm, theme.firmLocal, pick(lang, "本地企业", "local firm"), "", 2});
        legend.push_back({LegendShape::Firm, theme.firmTarget, pick(lang, "招商目标 (排名)", "target (rank)"), "", 2});
        legend.push_back({LegendShape::Firm, theme.firmOther, pick(lang, "其他企业", "other firm"), "", 2});
        legend.push_back(
            {LegendShape::Outline, theme.firmAssumed, pick(lang, "假设引进", "assumed site (what-if)"), "", 2});
    }
    return legend;
}

// Row 3: a mark per chain that occurs, naming the kinds behind its glyphs; rings (a hub's resources) and faded
// marks (unconfirmed) join the marks of row 1, which is short.
void describeResourceLegend(const Chain& chain, MapScene& scene, const Theme& theme) {
    Lang lang = scene.lang;
    for (int c = 0; c < kChainKindCount; ++c) {
        std::string kinds;
        for (int k = 0; k < kResourceKindCount; ++k) {
            auto kind = static_cast<ResourceKind>(k);
            bool shown = resourceChains(kind)[c] &&
                         std::any_of(scene.resources.begin(), scene.resources.end(),
                                     [&](const ResourceLook& r) { return chain.resources[r.resource].kind == kind; });
            if (shown)
                kinds += (kinds.empty() ? "" : pick(lang, "、", ", ")) + std::string(resourceKindGlyph(kind, lang)) +
                         " " + resourceKindWord(kind, lang);
        }
        if (!kinds.empty())
            scene.legend.push_back({LegendShape::Resource, theme.resourceChain[c],
                                    chainKindWord(static_cast<ChainKind>(c), lang) + std::string(": ") + kinds, "", 3});
    }
    auto any = [&](auto test) { return std::any_of(scene.resources.begin(), scene.resources.end(), test); };
    if (any([](const ResourceLook& r) { return !r.local; }))
        scene.legend.push_back({LegendShape::Resource, theme.textMuted,
                                pick(lang, "空心: 枢纽的资源", "ring: a hub's resource"), "", 1, true});
    if (any([](const ResourceLook& r) { return !r.confirmed; }))
        scene.legend.push_back({LegendShape::Resource, theme.textMuted,
                                pick(lang, "淡色: 未证实 (C), 不计入", "faded: unconfirmed (C), counts nowhere"), "", 1,
                                false, true});
}

std::string joinNames(const std::vector<std::string>& names, Lang lang, std::size_t most) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < most; ++i) out += (i ? pick(lang, "、", ", ") : "") + names[i];
    if (names.size() > most)
        out += lang == Lang::Zh ? "等 " + std::to_string(names.size()) + " 个"
                                : " and " + std::to_string(names.size() - most) + " more";
    return out;
}

// The hover text of a resource: what it is, where, which chains and segments, its ties, how sure we are.
std::string resourceTitle(const Chain& chain, const Analysis& a, int index, const std::vector<int>& ties, Lang lang) {
    const Resource& r = chain.resources[index];
    const Region& region = chain.regions[r.region];
    std::string chains;
    auto counts = resourceChains(r.kind);
    for (int c = 0; c < kChainKindCount; ++c)
        if (counts[c])
            chains += (chains.empty() ? "" : pick(lang, "、", ", ")) +
                      std::string(chainKindWord(static_cast<ChainKind>(c), lang));
    std::string text = r.name.pick(lang, r.id) + "\n" + resourceKindWord(r.kind, lang) + " · " +
                       region.name.pick(lang, region.id) +
                       (r.region == a.region ? pick(lang, " (本地)", " (local)") : pick(lang, " (枢纽)", " (hub)")) +
                       " · " + chains;
    std::vector<std::string> segments;
    for (int s : r.segments) segments.push_back(chain.segments[s].name.pick(lang, chain.segments[s].id));
    text += std::string("\n") + pick(lang, "服务环节: ", "serves: ") +
            (segments.empty() ? pick(lang, "全产业链", "the whole chain") : joinNames(segments, lang, 8));
    std::vector<std::string> partners;
    for (int t : ties) {
        const Tie& tie = chain.ties[static_cast<std::size_t>(t)];
        partners.push_back(chain.firms[tie.firm].name.pick(lang, chain.firms[tie.firm].id) + " (" +
                           tieKindWord(tie.kind, lang) +
                           (tie.confirmed() ? "" : pick(lang, ", 未证实", ", unconfirmed")) + ")");
    }
    if (!partners.empty())
        text += std::string("\n") + pick(lang, "合作企业: ", "ties: ") + joinNames(partners, lang, 6);
    text += std::string("\n") + pick(lang, "可信度 ", "confidence ") + r.confidence;
    if (!r.confirmed()) text += pick(lang, " — 未证实, 不计入分析", " — unconfirmed, counts nowhere");
    return text;
}

int firstChain(ResourceKind kind) {
    auto chains = resourceChains(kind);
    return static_cast<int>(std::find(chains.begin(), chains.end(), true) - chains.begin());
}

// The resources of the focal region and its hubs, local first, then by chain and id; and which segments
// carry whose marks.
void describeResources(const Chain& chain, const Analysis& a, const Theme& theme, MapScene& scene) {
    std::vector<int> shown;
    auto place = [&](const Resource& r) {
        if (r.region == a.region) return 0;
        auto hub = std::find(a.hubs.begin(), a.hubs.end(), r.region);
        return hub == a.hubs.end() ? -1 : 1 + static_cast<int>(hub - a.hubs.begin());
    };
    for (int r = 0; r < static_cast<int>(chain.resources.size()); ++r)
        if (place(chain.resources[r]) >= 0) shown.push_back(r);
    std::sort(shown.begin(), shown.end(), [&](int x, int y) {
        const Resource &rx = chain.resources[x], &ry = chain.resources[y];
        return std::tuple(place(rx), firstChain(rx.kind), rx.id) < std::tuple(place(ry), firstChain(ry.kind), ry.id);
    });
    std::vector<std::vector<int>> ties(chain.resources.size());  // by resource, in file order: one pass
    for (std::size_t t = 0; t < chain.ties.size(); ++t)
        ties[static_cast<std::size_t>(chain.ties[t].resource)].push_back(static_cast<int>(t));
    Lang lang = scene.lang;
    for (int r : shown) {
        const Resource& resource = chain.resources[r];
        ResourceLook look;
        look.resource = r;
        auto chains = resourceChains(resource.kind);
        for (int c = 0; c < kChainKindCount; ++c)
            if (chains[c]) look.colors.push_back(theme.resourceChain[c]);
        look.glyph = resourceKindGlyph(resource.kind, lang);
        look.local = resource.region == a.region;
        look.confirmed = resource.confirmed();
        look.segments = resource.segments;
        look.label = shortenForDrawing(resource.name.pick(lang, resource.id));
        look.title = resourceTitle(chain, a, r, ties[static_cast<std::size_t>(r)], lang);
        int index = static_cast<int>(scene.resources.size());
        if (look.segments.empty()) scene.chainWide.push_back(index);
        for (int s : look.segments) scene.segments[s].resources.push_back(index);
        scene.resources.push_back(std::move(look));
    }
    scene.chainWideLabel = pick(lang, "服务全产业链:", "Serving the whole chain:");
}

}  // namespace

bool hasResourceMarks(const Chain& chain, const Analysis& a) {
    return std::any_of(chain.resources.begin(), chain.resources.end(), [&](const Resource& r) {
        bool shown = r.region == a.region || std::find(a.hubs.begin(), a.hubs.end(), r.region) != a.hubs.end();
        return shown && !r.segments.empty();
    });
}

Point resourceMarkCentre(const Box& box, std::size_t index, std::size_t count) {
    constexpr double kInset = 4 + kResourceMarkRadius, kStep = 2 * kResourceMarkRadius + 3;
    double step = count > 1 ? std::min(kStep, (box.w - 2 * kInset) / static_cast<double>(count - 1)) : 0;
    return {box.x + kInset + step * static_cast<double>(index), box.y + box.h + kResourceMarkDrop};
}

const std::string& textColorOn(const std::string& fill, const Theme& theme) {
    int r = 0, g = 0, b = 0;
    if (!parseColor(fill, r, g, b)) return theme.textDark;
    // Perceived brightness (ITU-R BT.601 weights): yellow and grey fills take dark text.
    double brightness = (0.299 * r + 0.587 * g + 0.114 * b) / 255.0;
    return brightness > 0.55 ? theme.textDark : theme.textLight;
}

std::vector<std::string> segmentLines(const Chain& chain, const Analysis& analysis, int segment, Lang lang) {
    const SegmentResult& r = analysis.segments[segment];
    // Cut for drawing: a box grows to its name, and librsvg measures every character (the tooltip keeps it whole).
    std::vector<std::string> lines{
        shortenForDrawing(chain.segments[segment].name.pick(lang, chain.segments[segment].id))};
    if (std::string count = siteCount(r.sites, lang); !count.empty()) lines.push_back(count);
    if (lacksCandidate(r)) lines.emplace_back(noCandidateWord(lang));
    return lines;
}

std::string firmRegionsIn(const Chain& chain, int firm, int segment, Lang lang) {
    std::string out;
    std::vector<int> seen;
    for (const Site& site : chain.firms[firm].sites) {
        bool inSegment = std::find(site.segments.begin(), site.segments.end(), segment) != site.segments.end();
        if (!inSegment || std::find(seen.begin(), seen.end(), site.region) != seen.end()) continue;
        seen.push_back(site.region);
        const Region& region = chain.regions[site.region];
        out += (out.empty() ? "" : pick(lang, "、", ", ")) + region.name.pick(lang, region.id);
    }
    return out;
}

MapScene describeMap(const Chain& chain, const Analysis& analysis, const Theme& theme, MapLevel level,
                     const SceneOptions& options) {
    MapScene scene;
    scene.lang = options.lang;
    scene.title = describeTitle(chain, analysis, options.lang);
    scene.subtitle = mapSubtitle(chain, analysis, options);
    std::vector<std::vector<int>> local = localFirmsBySegment(chain, analysis.region);
    for (std::size_t s = 0; s < chain.segments.size(); ++s)
        scene.segments.push_back(describeSegment(chain, analysis, theme, static_cast<int>(s), local[s], options.lang));
    if (level == MapLevel::Firm) scene.firms = describeFirms(chain, analysis, theme, options);
    describeResources(chain, analysis, theme, scene);
    scene.legend = describeLegend(scene, theme, level);
    describeResourceLegend(chain, scene, theme);
    return scene;
}

}  // namespace chainatlas
