// Analysis results as the docs/architecture.md JSON object and as a CSV target list (shared by the command line and the
// viewer).
#include "chainatlas/results/result_writers.hpp"

#include "base/json_writer.hpp"
#include "chainatlas/analysis/vocabulary.hpp"
#include "chainatlas/base/text.hpp"
#include "chainatlas/results/reasons.hpp"

#include <charconv>
#include <cstdio>

namespace chainatlas {

namespace {

using nlohmann::json;

std::size_t limit(std::size_t top, std::size_t size) { return top == 0 ? size : std::min(top, size); }

}  // namespace

std::string joinFirmIds(const Chain& chain, const std::vector<int>& firms, const char* separator) {
    std::string out;
    for (std::size_t i = 0; i < firms.size(); ++i) out += (i ? separator : "") + chain.firms[firms[i]].id;
    return out;
}

std::string fitSegmentList(const Chain& chain, const Target& target, Lang lang, bool ids, double occupiedDiscount) {
    std::string out;
    for (const FitSegment& fs : target.segments) {
        if (!fs.earnedUnder(occupiedDiscount)) continue;
        const Segment& segment = chain.segments[fs.segment];
        out += (out.empty() ? "" : "; ") + (ids ? segment.id : segment.name.pick(lang, segment.id)) + " (" +
               statusWord(fs.status, lang) + ", " + adviceWord(fs.advice, lang) + ")";
    }
    return out;
}

std::string unscoredSegmentList(const Chain& chain, const Target& target, Lang lang, bool ids,
                                double occupiedDiscount) {
    std::string out;
    for (const FitSegment& fs : target.segments) {
        if (fs.earnedUnder(occupiedDiscount)) continue;
        const Segment& segment = chain.segments[fs.segment];
        out += (out.empty() ? "" : "; ") + (ids ? segment.id : segment.name.pick(lang, segment.id));
    }
    return out;
}

nlohmann::json analysisToJson(const Chain& chain, const Analysis& a, std::size_t top) {
    return nlohmann::json::parse(analysisJsonText(chain, a, top, -1));  // one writer: the streamed one
}

namespace {

// The streamed result object. Keys in sorted order, as nlohmann::json keeps them, so that
// analysisToJson(...).dump(indent) gives the same text byte for byte (test_writers checks it).
void writeWeights(JsonWriter& w, const Weights& weights) {
    w.beginObject();
    w.field("anchor", weights.anchor);
    w.field("density", weights.density);
    w.field("fit", weights.fit);
    w.field("hub", weights.hub);
    w.field("innovation", weights.innovation);
    w.field("leader", weights.leader);
    w.field("occupied_discount", weights.occupiedDiscount);
    w.field("profile", weights.profile);
    w.endObject();
}

void writeSegmentIds(JsonWriter& w, const Chain& chain, const std::vector<int>& segments) {
    w.beginArray();
    for (int s : segments) w.string(chain.segments[s].id);
    w.endArray();
}

void writeFirmIds(JsonWriter& w, const Chain& chain, const std::vector<int>& firms) {
    w.beginArray();
    for (int f : firms) w.string(chain.firms[f].id);
    w.endArray();
}

void writeSegment(JsonWriter& w, const Chain& chain, const SegmentResult& r, std::size_t s) {
    w.beginObject();
    w.field("advice", adviceKey(r.advice));
    w.field("candidates", r.candidates);
    w.field("complement", r.complement);
    w.field("density", r.density);
    w.field("hub_strong", r.hubStrong);
    w.field("id", chain.segments[s].id);
    w.field("market", r.market);
    w.field("occupied", r.occupied);
    w.field("output", r.output);
    w.field("profile", r.profile);
    w.field("profile_basis", basisKey(r.profileBasis));
    w.field("rca", r.rca);
    w.field("single_source", r.singleSource);
    w.field("sites", r.sites);
    w.field("status", statusKey(r.status));
    w.key("support");
    w.beginObject();
    w.field("capital", r.support.capital);
    w.field("innovation", r.support.innovation);
    w.field("service", r.support.service);
    w.field("talent", r.support.talent);
    w.endObject();
    w.field("transfer", r.transfer);
    w.endObject();
}

void writeTerms(JsonWriter& w, const Target& t) {
    // kTermKeys sorted: anchor, density, fit, hub, innovation, leader, profile.
    static constexpr Term kSorted[] = {TermAnchor,     TermDensity, TermFit,    TermHub,
                                       TermInnovation, TermLeader,  TermProfile};
    w.beginObject();
    for (Term k : kSorted) {
        w.key(kTermKeys[k]);
        w.beginObject();
        if (k == TermProfile) w.field("basis", basisKey(t.profileBasis));
        if (k == TermInnovation) w.field("basis", basisKey(t.innovationBasis));
        if (k == TermProfile) w.field("imputed", t.profileImputed());
        w.field("value", t.value[k]);
        w.field("weighted", t.weighted[k]);
        w.endObject();
    }
    w.endObject();
}

void writeTarget(JsonWriter& w, const Chain& chain, const Target& t, const Weights& weights) {
    w.beginObject();
    w.key("anchors");
    writeFirmIds(w, chain, t.anchors);
    w.key("anchors_inferred");
    writeFirmIds(w, chain, t.anchorsInferred);
    w.field("firm", chain.firms[t.firm].id);
    w.key("hub_partners");
    writeFirmIds(w, chain, t.hubPartners);
    w.key("hub_partners_inferred");
    writeFirmIds(w, chain, t.hubPartnersInferred);
    w.field("rank", t.rank);
    w.key("rank_range");
    w.beginArray();
    w.integer(t.rankBest);
    w.integer(t.rankWorst);
    w.endArray();
    w.key("resources");
    w.beginArray();
    for (int r : t.resources) w.string(chain.resources[r].id);
    w.endArray();
    w.field("score", t.score);
    w.key("segments");
    w.beginArray();
    for (const FitSegment& fs : t.segments) {
        if (!fs.isEarned()) continue;  // E(f) only; the others are `unscored`
        w.beginObject();
        w.field("advice", adviceKey(fs.advice));
        w.field("discounted", fs.occupied && weights.occupiedDiscount > 0);
        w.field("id", chain.segments[fs.segment].id);
        w.field("status", statusKey(fs.status));
        w.endObject();
    }
    w.endArray();
    w.key("terms");
    writeTerms(w, t);
    w.key("unscored");
    writeSegmentIds(w, chain, t.unscored());
    w.endObject();
}

void writeLocalSupply(JsonWriter& w, const Chain& chain, const LocalSupply& row) {
    w.beginObject();
    w.field("firm", chain.firms[row.firm].id);
    w.key("inferred");
    writeFirmIds(w, chain, row.inferred);
    w.key("local");
    writeFirmIds(w, chain, row.local);
    w.key("outside_segments");
    writeSegmentIds(w, chain, row.outsideSegments);
    w.field("share", row.share());
    w.key("suppliers");
    writeFirmIds(w, chain, row.suppliers);
    w.endObject();
}

void writePriority(JsonWriter& w, const Chain& chain, const Priority& p) {
    w.beginObject();
    w.field("advice", adviceKey(p.advice));
    w.field("basis", basisKey(p.basis));
    w.field("candidates", p.candidates);
    w.field("density", p.density);
    w.field("profile", p.profile);
    w.field("score", p.score);
    w.field("segment", chain.segments[p.segment].id);
    w.field("value", p.value);
    w.endObject();
}

}  // namespace

namespace {

void writeAnalysisJson(JsonWriter& w, const Chain& chain, const Analysis& a, std::size_t top) {
    w.beginObject();
    w.key("assumed");
    w.beginArray();
    for (const Assumption& as : a.assumed) {
        w.beginObject();
        w.field("firm", chain.firms[as.firm].id);
        w.field("region", chain.regions[as.region].id);
        w.key("segments");
        writeSegmentIds(w, chain, as.segments);
        w.endObject();
    }
    w.endArray();
    w.field("chain", chain.id);
    w.key("changed");
    w.beginArray();
    for (const StatusChange& c : a.changed) {
        w.beginObject();
        w.field("cause", causeKey(c.cause));
        w.field("from", statusKey(c.from));
        w.field("id", chain.segments[c.segment].id);
        w.field("to", statusKey(c.to));
        w.endObject();
    }
    w.endArray();
    w.key("hubs");
    w.beginArray();
    for (int h : a.hubs) w.string(chain.regions[h].id);
    w.endArray();
    w.key("local_supply");
    w.beginArray();
    for (const LocalSupply& row : a.localSupply) writeLocalSupply(w, chain, row);
    w.endArray();
    w.key("priorities");
    w.beginArray();
    for (const Priority& p : a.priorities) writePriority(w, chain, p);
    w.endArray();
    w.field("region", chain.regions[a.region].id);
    w.key("segments");
    w.beginArray();
    for (std::size_t s = 0; s < a.segments.size(); ++s) writeSegment(w, chain, a.segments[s], s);
    w.endArray();
    w.key("set_aside");
    w.beginArray();
    for (const SetAside& entry : a.setAside) {
        w.beginObject();
        w.field("firm", chain.firms[entry.firm].id);
        w.key("segments");
        writeSegmentIds(w, chain, entry.segments);
        w.endObject();
    }
    w.endArray();
    w.key("targets");
    w.beginArray();
    for (std::size_t i = 0; i < limit(top, a.targets.size()); ++i) writeTarget(w, chain, a.targets[i], a.weights);
    w.endArray();
    w.key("weights");
    writeWeights(w, a.weights);
    w.endObject();
}

}  // namespace

std::string analysisJsonText(const Chain& chain, const Analysis& a, std::size_t top, int indent) {
    std::string out;
    out.reserve(1024 + a.segments.size() * 600 + limit(top, a.targets.size()) * (indent < 0 ? 700 : 1800));
    JsonWriter w(out, indent);
    writeAnalysisJson(w, chain, a, top);
    return out;
}

void writeAnalysisJson(const Chain& chain, const Analysis& a, std::size_t top, int indent, const TextSink& sink) {
    std::string out;
    JsonWriter w(out, indent, sink);
    writeAnalysisJson(w, chain, a, top);
    out.push_back('\n');
    w.finish();
}

namespace {

const char* tr(Lang lang, const char* zh, const char* en) { return lang == Lang::Zh ? zh : en; }

// The CSV text appended straight to one string (no stream, no string per cell), as the JSON writer does.
class CsvText {
public:
    explicit CsvText(std::string& out, TextSink sink = {}) : out_(out), pieces_(out, std::move(sink)) {}
    CsvText& raw(std::string_view text) {
        out_.append(text);
        pieces_.flushIfFull();
        return *this;
    }
    void finish() { pieces_.finish(); }
    CsvText& raw(char c) {
        out_.push_back(c);
        return *this;
    }
    CsvText& integer(std::size_t value) {
        char buffer[24];
        out_.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
        return *this;
    }
    // "%.6f", as fixed(value, 6): to_chars with a precision is printf's conversion.
    CsvText& number(double value) {
        char buffer[400];  // the longest "%.6f" of a double (1e308) fits
        out_.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 6).ptr);
        return *this;
    }
    // A number, or "–" when its basis is none (shown as no data, never as a score: docs/method.md §8).
    CsvText& numberOrNoData(double value, Basis basis) {
        return basis == Basis::None ? raw(kNoDataMark) : number(value);
    }
    // A cell a spreadsheet shows as text, by the one CSV cell writer (text.hpp: formula guard, control escapes).
    CsvText& field(std::string_view text) {
        appendCsvCell(out_, text);
        pieces_.flushIfFull();
        return *this;
    }

private:
    std::string& out_;
    Pieces pieces_;
};

void writeTargetsCsv(CsvText& out, const Chain& chain, const Analysis& a, std::size_t top, Lang lang,
                     const std::map<std::string, std::string>& notes) {
    out.raw(tr(lang, "排名,名次范围,企业编号,企业,得分", "rank,rank_range,firm,name,score"));
    for (int k = 0; k < kTermCount; ++k)
        out.raw(',').raw(termWord(k, lang)).raw(',').raw(termWord(k, lang)).raw(tr(lang, "加权", "_weighted"));
    out.raw(tr(
        lang,
        ",三高三低依据,契合环节,错位避让不计分,本地伙伴,本地伙伴(推断),供应枢纽企业,供应枢纽企业(推断),理由,来源,备注\r\n",
        ",profile_basis,segments,unscored,anchors,anchors_inferred,hub_partners,hub_partners_inferred,reason,"
        "sources,note\r\n"));
    bool imputed = false;
    for (std::size_t i = 0; i < limit(top, a.targets.size()); ++i) {
        const Target& t = a.targets[i];
        const Firm& firm = chain.firms[t.firm];
        out.integer(static_cast<std::size_t>(t.rank)).raw(',').integer(static_cast<std::size_t>(t.rankBest));
        out.raw("\u2013").integer(static_cast<std::size_t>(t.rankWorst)).raw(',').field(firm.id).raw(',');
        out.field(firm.name.pick(lang, firm.id)).raw(',').number(t.score);
        for (int k = 0; k < kTermCount; ++k) {
            bool noData = k == TermInnovation && t.innovationBasis == Basis::None;
            const char* mark = termImputed(t, k) ? "*" : "";
            imputed = imputed || termImputed(t, k);
            out.raw(',').numberOrNoData(t.value[k], noData ? Basis::None : Basis::Firm).raw(mark);
            out.raw(',').numberOrNoData(t.weighted[k], noData ? Basis::None : Basis::Firm).raw(mark);
        }
        out.raw(',').raw(basisWord(t.profileBasis, lang)).raw(',');
        out.field(fitSegmentList(chain, t, lang, true, a.weights.occupiedDiscount)).raw(',');
        out.field(unscoredSegmentList(chain, t, lang, true, a.weights.occupiedDiscount));
        for (const auto* list : {&t.anchors, &t.anchorsInferred, &t.hubPartners, &t.hubPartnersInferred})
            out.raw(',').field(joinFirmIds(chain, *list, "; "));
        out.raw(',').field(targetReason(chain, a, t, lang)).raw(',').field(firmSources(chain, t.firm, lang));
        auto note = notes.find(firm.id);
        out.raw(',').field(note == notes.end() ? std::string_view() : std::string_view(note->second)).raw("\r\n");
    }
    if (imputed) out.field(imputedFootnote(lang)).raw("\r\n");
}

// The local supply share (本地配套率) of each local buyer.
void writeLocalSupplyCsv(CsvText& out, const Chain& chain, const Analysis& a, Lang lang) {
    out.raw("\r\n").raw(
        tr(lang,
           "本地配套率,企业编号,企业,供应商数,本地供应商数,本地配套率,本地供应商,厂址推断的供应商,外地采购环节\r\n",
           "local_supply,firm,name,suppliers,local,share,local_suppliers,inferred,outside_segments\r\n"));
    for (std::size_t i = 0; i < a.localSupply.size(); ++i) {
        const LocalSupply& row = a.localSupply[i];
        const Firm& firm = chain.firms[row.firm];
        out.integer(i + 1).raw(',').field(firm.id).raw(',').field(firm.name.pick(lang, firm.id)).raw(',');
        out.integer(row.suppliers.size()).raw(',').integer(row.local.size()).raw(',').number(row.share()).raw(',');
        out.field(joinFirmIds(chain, row.local, "; ")).raw(',').field(joinFirmIds(chain, row.inferred, "; ")).raw(',');
        std::string segments;
        for (int s : row.outsideSegments) segments.append(segments.empty() ? "" : "; ").append(chain.segments[s].id);
        out.field(segments).raw("\r\n");
    }
}

// Second section: the segment priorities (docs/method.md §10); a segment with no candidate says so in the note.
void writePrioritiesCsv(CsvText& out, const Chain& chain, const Analysis& a, Lang lang) {
    out.raw("\r\n").raw(
        tr(lang, "优先序,环节编号,环节,建议,价值,关联密度,三高三低,三高三低依据,候选企业数,得分,备注\r\n",
           "priority,segment,name,advice,value,density,profile,profile_basis,candidates,score,note\r\n"));
    for (std::size_t i = 0; i < a.priorities.size(); ++i) {
        const Priority& p = a.priorities[i];
        const Segment& segment = chain.segments[p.segment];
        out.integer(i + 1).raw(',').field(segment.id).raw(',').field(segment.name.pick(lang, segment.id)).raw(',');
        out.raw(adviceWord(p.advice, lang)).raw(',').number(p.value).raw(',').number(p.density).raw(',');
        out.numberOrNoData(p.profile, p.basis).raw(',').raw(basisWord(p.basis, lang)).raw(',');
        out.integer(static_cast<std::size_t>(p.candidates)).raw(',').number(p.score).raw(',');
        out.raw(p.candidates == 0 ? noCandidateWord(lang) : "").raw("\r\n");
    }
}

// Third section: candidates set aside because they earn fit only where the hub is (docs/method.md §8).
void writeSetAsideCsv(CsvText& out, const Chain& chain, const Analysis& a, Lang lang) {
    out.raw("\r\n").raw(tr(lang, "暂不列入,企业编号,企业,环节\r\n", "set_aside,firm,name,segments\r\n"));
    for (std::size_t i = 0; i < a.setAside.size(); ++i) {
        const SetAside& entry = a.setAside[i];
        const Firm& firm = chain.firms[entry.firm];
        std::string segments;
        for (std::size_t k = 0; k < entry.segments.size(); ++k)
            segments.append(k ? "; " : "").append(chain.segments[entry.segments[k]].id);
        out.integer(i + 1).raw(',').field(firm.id).raw(',').field(firm.name.pick(lang, firm.id)).raw(',');
        out.field(segments).raw("\r\n");
    }
}

void writeCsv(CsvText& out, const Chain& chain, const Analysis& a, std::size_t top, Lang lang,
              const std::map<std::string, std::string>& notes) {
    out.raw("\xEF\xBB\xBF");  // byte-order mark: Excel and WPS then read the file as UTF-8
    writeTargetsCsv(out, chain, a, top, lang, notes);
    writePrioritiesCsv(out, chain, a, lang);
    writeSetAsideCsv(out, chain, a, lang);
    writeLocalSupplyCsv(out, chain, a, lang);
}

}  // namespace

std::string analysisToCsv(const Chain& chain, const Analysis& a, std::size_t top, Lang lang,
                          const std::map<std::string, std::string>& notes) {
    std::string text;
    text.reserve(4096 + limit(top, a.targets.size()) * 400 + (a.priorities.size() + a.setAside.size()) * 120);
    CsvText out(text);
    writeCsv(out, chain, a, top, lang, notes);
    return text;
}

void writeAnalysisCsv(const Chain& chain, const Analysis& a, std::size_t top, Lang lang,
                      const std::map<std::string, std::string>& notes, const TextSink& sink) {
    std::string text;
    CsvText out(text, sink);
    writeCsv(out, chain, a, top, lang, notes);
    out.finish();
}

}  // namespace chainatlas
