// Formatting of analysis results for the command line.
#include "report.hpp"

#include <cstdio>
#include <sstream>

#include "chainatlas/text.hpp"

namespace chainatlas::cli {

namespace {

using nlohmann::json;

std::size_t limit(std::size_t top, std::size_t size) { return top == 0 ? size : std::min(top, size); }

json idList(const Chain& chain, const std::vector<int>& firms) {
    json out = json::array();
    for (int f : firms) out.push_back(chain.firms[f].id);
    return out;
}

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

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string joinIds(const Chain& chain, const std::vector<int>& firms, const char* separator) {
    std::string out;
    for (std::size_t i = 0; i < firms.size(); ++i) out += (i ? separator : "") + chain.firms[firms[i]].id;
    return out;
}

std::string segmentList(const Chain& chain, const Target& target, Lang lang, bool ids) {
    std::string out;
    for (std::size_t i = 0; i < target.segments.size(); ++i) {
        const FitSegment& fs = target.segments[i];
        const Segment& segment = chain.segments[fs.segment];
        out += (i ? "; " : "") + (ids ? segment.id : segment.name.pick(lang, segment.id)) + " (" +
               statusKey(fs.status) + (fs.complement ? "+complement" : "") + (fs.occupied ? ", occupied" : "") + ")";
    }
    return out;
}

}  // namespace

json analysisToJson(const Chain& chain, const Analysis& a, std::size_t top) {
    json out;
    out["chain"] = chain.id;
    out["region"] = chain.regions[a.region].id;
    out["hubs"] = json::array();
    for (int h : a.hubs) out["hubs"].push_back(chain.regions[h].id);
    out["assumed"] = json::array();
    for (const Assumption& as : a.assumed) {
        json segments = json::array();
        for (int s : as.segments) segments.push_back(chain.segments[s].id);
        out["assumed"].push_back(
            {{"firm", chain.firms[as.firm].id}, {"region", chain.regions[as.region].id}, {"segments", segments}});
    }
    out["weights"] = weightsToJson(a.weights);
    out["segments"] = json::array();
    for (std::size_t s = 0; s < a.segments.size(); ++s) {
        const SegmentResult& r = a.segments[s];
        out["segments"].push_back({{"id", chain.segments[s].id},
                                   {"status", statusKey(r.status)},
                                   {"sites", r.sites},
                                   {"output", r.output},
                                   {"rca", r.rca},
                                   {"density", r.density},
                                   {"hub_strong", r.hubStrong},
                                   {"occupied", r.occupied},
                                   {"complement", r.complement},
                                   {"single_source", r.singleSource}});
    }
    out["targets"] = json::array();
    for (std::size_t i = 0; i < limit(top, a.targets.size()); ++i) {
        const Target& t = a.targets[i];
        json terms = json::object();
        for (int k = 0; k < kTermCount; ++k) terms[kTermKeys[k]] = {{"value", t.value[k]}, {"weighted", t.weighted[k]}};
        json segments = json::array();
        for (const FitSegment& fs : t.segments)
            segments.push_back({{"id", chain.segments[fs.segment].id},
                                {"status", statusKey(fs.status)},
                                {"complement", fs.complement},
                                {"occupied", fs.occupied}});
        out["targets"].push_back({{"rank", t.rank},
                                  {"firm", chain.firms[t.firm].id},
                                  {"score", t.score},
                                  {"terms", terms},
                                  {"segments", segments},
                                  {"anchors", idList(chain, t.anchors)},
                                  {"hub_partners", idList(chain, t.hubPartners)}});
    }
    out["changed"] = json::array();
    for (const StatusChange& c : a.changed)
        out["changed"].push_back(
            {{"id", chain.segments[c.segment].id}, {"from", statusKey(c.from)}, {"to", statusKey(c.to)}});
    return out;
}

std::string analysisToCsv(const Chain& chain, const Analysis& a, std::size_t top, Lang lang) {
    std::ostringstream out;
    out << "\xEF\xBB\xBF";  // byte-order mark: Excel and WPS then read the file as UTF-8
    out << "rank,firm,name,score";
    for (const char* key : kTermKeys) out << ',' << key << ',' << key << "_weighted";
    out << ",segments,anchors,hub_partners\r\n";
    for (std::size_t i = 0; i < limit(top, a.targets.size()); ++i) {
        const Target& t = a.targets[i];
        const Firm& firm = chain.firms[t.firm];
        out << t.rank << ',' << csvField(firm.id) << ',' << csvField(firm.name.pick(lang, firm.id)) << ','
            << fixed(t.score, 6);
        for (int k = 0; k < kTermCount; ++k) out << ',' << fixed(t.value[k], 6) << ',' << fixed(t.weighted[k], 6);
        out << ',' << csvField(segmentList(chain, t, lang, true)) << ',' << csvField(joinIds(chain, t.anchors, "; "))
            << ',' << csvField(joinIds(chain, t.hubPartners, "; ")) << "\r\n";
    }
    return out.str();
}

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
    std::size_t shown = limit(top, a.targets.size());
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
        out << "\n      " << (zh ? "填补: " : "fills: ") << segmentList(chain, t, lang, false) << "\n";
        if (!t.anchors.empty()) out << "      " << (zh ? "本地伙伴: " : "local partners: ") << joinIds(chain, t.anchors, ", ") << "\n";
        if (!t.hubPartners.empty())
            out << "      " << (zh ? "供应枢纽企业: " : "supplies hub firms: ") << joinIds(chain, t.hubPartners, ", ") << "\n";
    }
    out << "\n" << (zh ? "权重 " : "weights ") << weightsToJson(a.weights).dump() << "\n";
    return out.str();
}

}  // namespace chainatlas::cli
