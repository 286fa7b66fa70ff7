// Formatting of analysis results for the command line.
#include "report.hpp"

#include <cstdio>
#include <sstream>

#include "chainatlas/report.hpp"
#include "chainatlas/vocabulary.hpp"
#include "chainatlas/text.hpp"

namespace chainatlas::cli {

namespace {

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

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
        if (c >= 0xF0) n = 4; else if (c >= 0xE0) n = 3; else if (c >= 0xC0) n = 2;
        std::string piece = text.substr(i, n);
        std::size_t pw = displayWidth(piece);
        if (used + pw + 1 > width) break;
        out += piece;
        used += pw;
        i += n;
    }
    return out + "…";
}

}  // namespace

std::string analysisToTable(const Chain& chain, const Analysis& a, std::size_t top, Lang lang) {
    bool zh = lang == Lang::Zh;
    std::ostringstream out;
    const Region& region = chain.regions[a.region];
    out << chain.name.pick(lang, chain.id) << " — " << (zh ? "本地区域 " : "region ") << region.name.pick(lang, region.id);
    if (!a.hubs.empty()) {
        out << (zh ? "；枢纽 " : "; hubs ");
        for (std::size_t i = 0; i < a.hubs.size(); ++i)
            out << (i ? ", " : "") << chain.regions[a.hubs[i]].name.pick(lang, chain.regions[a.hubs[i]].id);
    }
    out << "\n";
    for (const Assumption& as : a.assumed)
        out << (zh ? "假设: " : "assume: ") << chain.firms[as.firm].name.pick(lang, chain.firms[as.firm].id) << " @ "
            << chain.regions[as.region].name.pick(lang, chain.regions[as.region].id) << "\n";
    out << "\n";
    const std::size_t nameWidth = 28;
    out << pad(zh ? "环节" : "segment", nameWidth) << pad(zh ? "状态" : "status", 11) << pad(zh ? "站点" : "sites", 7, true)
        << pad("RCA", 8, true) << pad(zh ? "密度" : "density", 9, true) << "  " << (zh ? "标记" : "marks") << "\n";
    // Stages in file order, then segments without a stage.
    for (int stage = 0; stage <= static_cast<int>(chain.stages.size()); ++stage) {
        int stageIndex = stage == static_cast<int>(chain.stages.size()) ? -1 : stage;
        bool header = false;
        for (std::size_t s = 0; s < chain.segments.size(); ++s) {
            if (chain.segments[s].stage != stageIndex) continue;
            if (!header) {
                out << "[" << (stageIndex >= 0 ? chain.stages[stageIndex].name.pick(lang, chain.stages[stageIndex].id)
                                               : std::string(zh ? "未分阶段" : "no stage"))
                    << "]\n";
                header = true;
            }
            const SegmentResult& r = a.segments[s];
            std::string marks;
            if (r.hubStrong) marks += zh ? "枢纽强 " : "hub-strong ";
            if (r.occupied) marks += zh ? "被占位 " : "OCCUPIED ";
            if (r.complement) marks += zh ? "可配套 " : "COMPLEMENT ";
            if (r.singleSource) marks += zh ? "独家 " : "single-source ";
            const Segment& segment = chain.segments[s];
            out << "  " << pad(clip(segment.name.pick(lang, segment.id), nameWidth - 3), nameWidth - 2)
                << pad(statusKey(r.status), 11) << pad(std::to_string(r.sites), 7, true) << pad(fixed(r.rca, 2), 8, true)
                << pad(fixed(r.density, 2), 9, true) << "  " << marks << "\n";
        }
    }
    std::size_t shown = top == 0 ? a.targets.size() : std::min(top, a.targets.size());
    out << "\n" << (zh ? "招商目标" : "Targets") << " (" << shown << " / " << a.targets.size() << ")\n";
    out << pad("#", 4, true) << "  " << pad(zh ? "企业" : "firm", 26) << pad(zh ? "得分" : "score", 7, true);
    for (const char* key : kTermKeys) out << pad(std::string(key).substr(0, 7), 8, true);
    out << "\n";
    for (std::size_t i = 0; i < shown; ++i) {
        const Target& t = a.targets[i];
        const Firm& firm = chain.firms[t.firm];
        out << pad(std::to_string(t.rank), 4, true) << "  " << pad(clip(firm.name.pick(lang, firm.id), 25), 26)
            << pad(fixed(t.score, 2), 7, true);
        for (int k = 0; k < kTermCount; ++k) out << pad(fixed(t.weighted[k], 2), 8, true);
        out << "\n      " << (zh ? "填补: " : "fills: ") << fitSegmentList(chain, t, lang, false) << "\n";
        if (!t.anchors.empty()) out << "      " << (zh ? "本地伙伴: " : "local partners: ") << joinFirmIds(chain, t.anchors, ", ") << "\n";
        if (!t.hubPartners.empty())
            out << "      " << (zh ? "供应枢纽企业: " : "supplies hub firms: ") << joinFirmIds(chain, t.hubPartners, ", ") << "\n";
    }
    out << "\n" << (zh ? "权重 " : "weights ") << weightsToJson(a.weights).dump() << "\n";
    return out.str();
}

std::string comparisonToTable(const Chain& chain, const Comparison& c, Lang lang) {
    bool zh = lang == Lang::Zh;
    std::ostringstream out;
    out << chain.name.pick(lang, chain.id) << (zh ? " — 区域对比" : " — regions compared");
    if (!c.hubs.empty()) {
        out << (zh ? "；枢纽 " : "; hubs ");
        for (std::size_t i = 0; i < c.hubs.size(); ++i) out << (i ? ", " : "") << chain.regions[c.hubs[i]].name.pick(lang, chain.regions[c.hubs[i]].id);
    }
    out << "\n\n";
    const std::size_t nameWidth = 24, columnWidth = 20;
    out << pad(zh ? "环节" : "segment", nameWidth);
    for (const RegionComparison& rc : c.regions) out << pad(clip(chain.regions[rc.region].name.pick(lang, chain.regions[rc.region].id), columnWidth - 2), columnWidth);
    out << "\n";
    for (std::size_t s = 0; s < chain.segments.size(); ++s) {
        out << pad(clip(chain.segments[s].name.pick(lang, chain.segments[s].id), nameWidth - 2), nameWidth);
        for (const RegionComparison& rc : c.regions)
            out << pad(std::string(statusWord(rc.status[s], lang)) + " / " + adviceWord(rc.advice[s], lang), columnWidth);
        out << "\n";
    }
    for (const RegionComparison& rc : c.regions) {
        out << "\n" << chain.regions[rc.region].name.pick(lang, chain.regions[rc.region].id) << ":";
        for (int a = 0; a < kAdviceCount; ++a)
            if (rc.adviceCounts[a] > 0) out << "  " << adviceWord(static_cast<Advice>(a), lang) << " " << rc.adviceCounts[a];
        out << "\n";
        if (rc.top.empty()) out << "  " << (zh ? "没有招商目标" : "no targets") << "\n";
        for (const Target& t : rc.top)
            out << "  " << t.rank << ". " << chain.firms[t.firm].name.pick(lang, chain.firms[t.firm].id) << "  " << fixed(t.score, 2) << "\n";
    }
    return out.str();
}

}  // namespace chainatlas::cli
