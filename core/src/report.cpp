// Analysis results as the §4 JSON object and as a CSV target list (shared by the command line and the viewer).
#include "chainatlas/report.hpp"

#include "chainatlas/report_document.hpp"
#include "chainatlas/vocabulary.hpp"

#include <cstdio>
#include <sstream>

namespace chainatlas {

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

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

std::string joinFirmIds(const Chain& chain, const std::vector<int>& firms, const char* separator) {
    std::string out;
    for (std::size_t i = 0; i < firms.size(); ++i) out += (i ? separator : "") + chain.firms[firms[i]].id;
    return out;
}

std::string fitSegmentList(const Chain& chain, const Target& target, Lang lang, bool ids) {
    std::string out;
    for (std::size_t i = 0; i < target.segments.size(); ++i) {
        const FitSegment& fs = target.segments[i];
        const Segment& segment = chain.segments[fs.segment];
        out += (i ? "; " : "") + (ids ? segment.id : segment.name.pick(lang, segment.id)) + " (" +
               statusWord(fs.status, lang) + ", " + adviceWord(fs.advice, lang) + ")";
    }
    return out;
}

namespace {

json assumedJson(const Chain& chain, const Analysis& a) {
    json out = json::array();
    for (const Assumption& as : a.assumed) {
        json segments = json::array();
        for (int s : as.segments) segments.push_back(chain.segments[s].id);
        out.push_back({{"firm", chain.firms[as.firm].id}, {"region", chain.regions[as.region].id}, {"segments", segments}});
    }
    return out;
}

json segmentJson(const Chain& chain, const SegmentResult& r, std::size_t s) {
    return {{"id", chain.segments[s].id},
            {"status", statusKey(r.status)},
            {"advice", adviceKey(r.advice)},
            {"sites", r.sites},
            {"output", r.output},
            {"rca", r.rca},
            {"density", r.density},
            {"hub_strong", r.hubStrong},
            {"occupied", r.occupied},
            {"complement", r.complement},
            {"single_source", r.singleSource},
            {"candidates", r.candidates},
            {"profile", r.profile},
            {"profile_basis", basisKey(r.profileBasis)},
            {"support",
             {{"innovation", r.support.innovation},
              {"capital", r.support.capital},
              {"talent", r.support.talent},
              {"service", r.support.service}}},
            {"transfer", r.transfer}};
}

json targetJson(const Chain& chain, const Target& t, const Weights& weights) {
    json terms = json::object();
    for (int k = 0; k < kTermCount; ++k) terms[kTermKeys[k]] = {{"value", t.value[k]}, {"weighted", t.weighted[k]}};
    terms["profile"]["basis"] = basisKey(t.profileBasis);
    terms["innovation"]["basis"] = basisKey(t.innovationBasis);
    json segments = json::array();
    for (const FitSegment& fs : t.segments)
        segments.push_back({{"id", chain.segments[fs.segment].id},
                            {"status", statusKey(fs.status)},
                            {"advice", adviceKey(fs.advice)},
                            {"discounted", fs.occupied && weights.occupiedDiscount > 0}});
    json resources = json::array();
    for (int r : t.resources) resources.push_back(chain.resources[r].id);
    return {{"rank", t.rank},
            {"firm", chain.firms[t.firm].id},
            {"score", t.score},
            {"terms", terms},
            {"segments", segments},
            {"anchors", idList(chain, t.anchors)},
            {"hub_partners", idList(chain, t.hubPartners)},
            {"resources", resources}};
}

json priorityJson(const Chain& chain, const Priority& p) {
    return {{"segment", chain.segments[p.segment].id},
            {"advice", adviceKey(p.advice)},
            {"value", p.value},
            {"density", p.density},
            {"profile", p.profile},
            {"basis", basisKey(p.basis)},
            {"candidates", p.candidates},
            {"score", p.score}};
}

}  // namespace

nlohmann::json analysisToJson(const Chain& chain, const Analysis& a, std::size_t top) {
    json out;
    out["chain"] = chain.id;
    out["region"] = chain.regions[a.region].id;
    out["hubs"] = json::array();
    for (int h : a.hubs) out["hubs"].push_back(chain.regions[h].id);
    out["assumed"] = assumedJson(chain, a);
    out["weights"] = weightsToJson(a.weights);
    out["segments"] = json::array();
    for (std::size_t s = 0; s < a.segments.size(); ++s) out["segments"].push_back(segmentJson(chain, a.segments[s], s));
    out["targets"] = json::array();
    for (std::size_t i = 0; i < limit(top, a.targets.size()); ++i)
        out["targets"].push_back(targetJson(chain, a.targets[i], a.weights));
    out["set_aside"] = json::array();
    for (const SetAside& entry : a.setAside) {
        json segments = json::array();
        for (int s : entry.segments) segments.push_back(chain.segments[s].id);
        out["set_aside"].push_back({{"firm", chain.firms[entry.firm].id}, {"segments", segments}});
    }
    out["priorities"] = json::array();
    for (const Priority& p : a.priorities) out["priorities"].push_back(priorityJson(chain, p));
    out["changed"] = json::array();
    for (const StatusChange& c : a.changed)
        out["changed"].push_back({{"id", chain.segments[c.segment].id},
                                  {"from", statusKey(c.from)},
                                  {"to", statusKey(c.to)},
                                  {"cause", causeKey(c.cause)}});
    return out;
}

std::string analysisToCsv(const Chain& chain, const Analysis& a, std::size_t top, Lang lang,
                          const std::map<std::string, std::string>& notes) {
    std::ostringstream out;
    out << "\xEF\xBB\xBF";  // byte-order mark: Excel and WPS then read the file as UTF-8
    out << "rank,firm,name,score";
    for (const char* key : kTermKeys) out << ',' << key << ',' << key << "_weighted";
    out << ",segments,anchors,hub_partners,reason,sources,note\r\n";
    for (std::size_t i = 0; i < limit(top, a.targets.size()); ++i) {
        const Target& t = a.targets[i];
        const Firm& firm = chain.firms[t.firm];
        out << t.rank << ',' << csvField(firm.id) << ',' << csvField(firm.name.pick(lang, firm.id)) << ','
            << fixed(t.score, 6);
        for (int k = 0; k < kTermCount; ++k) out << ',' << fixed(t.value[k], 6) << ',' << fixed(t.weighted[k], 6);
        out << ',' << csvField(fitSegmentList(chain, t, lang, true)) << ',' << csvField(joinFirmIds(chain, t.anchors, "; "))
            << ',' << csvField(joinFirmIds(chain, t.hubPartners, "; ")) << ',' << csvField(targetReason(chain, a, t, lang))
            << ',' << csvField(firmSources(chain, t.firm, lang));
        auto note = notes.find(firm.id);
        out << ',' << csvField(note == notes.end() ? std::string() : note->second) << "\r\n";
    }
    return out.str();
}

}  // namespace chainatlas
