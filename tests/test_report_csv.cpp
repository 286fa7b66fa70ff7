// The CSV target list written straight into one string (report.cpp) against the stream-and-temporaries
// writer it replaced, kept here as the reference: byte for byte the same on every bundled chain (every
// region, with a hub and a what-if), in both languages, with notes a spreadsheet must not run as formulas,
// and on a synthetic chain with thousands of targets.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "chainatlas/load.hpp"
#include "chainatlas/report.hpp"
#include "chainatlas/report_document.hpp"
#include "chainatlas/text.hpp"
#include "chainatlas/vocabulary.hpp"
#include "helpers.hpp"
#include "synthetic.hpp"

using namespace chainatlas;

namespace reference {

const char* tr(Lang lang, const char* zh, const char* en) { return lang == Lang::Zh ? zh : en; }

std::size_t limit(std::size_t top, std::size_t size) { return top == 0 ? size : std::min(top, size); }

std::string csvField(const std::string& raw) {
    std::string text = escapeControls(raw, true);  // tab and CR as "\x09", "\x0d": a cell never holds a control
    bool formula = !text.empty() && std::string_view("=+-@").find(text[0]) != std::string_view::npos;
    std::string cell = formula ? "'" + text : text;
    if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
    std::string out = "\"";
    for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string numberOrNoData(double value, Basis basis) { return basis == Basis::None ? kNoDataMark : fixed(value, 6); }

std::string analysisToCsv(const Chain& chain, const Analysis& a, std::size_t top, Lang lang,
                          const std::map<std::string, std::string>& notes) {
    std::ostringstream out;
    out << "\xEF\xBB\xBF";
    out << tr(lang, "排名,企业编号,企业,得分", "rank,firm,name,score");
    for (int k = 0; k < kTermCount; ++k)
        out << ',' << termWord(k, lang) << ',' << termWord(k, lang) << tr(lang, "加权", "_weighted");
    out << tr(lang, ",三高三低依据,契合环节,本地伙伴,供应枢纽企业,理由,来源,备注\r\n",
              ",profile_basis,segments,anchors,hub_partners,reason,sources,note\r\n");
    for (std::size_t i = 0; i < limit(top, a.targets.size()); ++i) {
        const Target& t = a.targets[i];
        const Firm& firm = chain.firms[t.firm];
        out << t.rank << ',' << csvField(firm.id) << ',' << csvField(firm.name.pick(lang, firm.id)) << ','
            << fixed(t.score, 6);
        for (int k = 0; k < kTermCount; ++k) {
            Basis basis = k == TermProfile ? t.profileBasis : k == TermInnovation ? t.innovationBasis : Basis::Firm;
            out << ',' << numberOrNoData(t.value[k], basis) << ',' << numberOrNoData(t.weighted[k], basis);
        }
        out << ',' << basisWord(t.profileBasis, lang) << ','
            << csvField(fitSegmentList(chain, t, lang, true, a.weights.occupiedDiscount)) << ','
            << csvField(joinFirmIds(chain, t.anchors, "; ")) << ',' << csvField(joinFirmIds(chain, t.hubPartners, "; "))
            << ',' << csvField(targetReason(chain, a, t, lang)) << ',' << csvField(firmSources(chain, t.firm, lang));
        auto note = notes.find(firm.id);
        out << ',' << csvField(note == notes.end() ? std::string() : note->second) << "\r\n";
    }
    out << "\r\n"
        << tr(lang, "优先序,环节编号,环节,建议,价值,关联密度,三高三低,三高三低依据,候选企业数,得分,备注\r\n",
              "priority,segment,name,advice,value,density,profile,profile_basis,candidates,score,note\r\n");
    for (std::size_t i = 0; i < a.priorities.size(); ++i) {
        const Priority& p = a.priorities[i];
        const Segment& segment = chain.segments[p.segment];
        out << i + 1 << ',' << csvField(segment.id) << ',' << csvField(segment.name.pick(lang, segment.id)) << ','
            << adviceWord(p.advice, lang) << ',' << fixed(p.value, 6) << ',' << fixed(p.density, 6) << ','
            << numberOrNoData(p.profile, p.basis) << ',' << basisWord(p.basis, lang) << ',' << p.candidates << ','
            << fixed(p.score, 6) << ',' << (p.candidates == 0 ? noCandidateWord(lang) : "") << "\r\n";
    }
    out << "\r\n" << tr(lang, "暂不列入,企业编号,企业,环节\r\n", "set_aside,firm,name,segments\r\n");
    for (std::size_t i = 0; i < a.setAside.size(); ++i) {
        const SetAside& entry = a.setAside[i];
        const Firm& firm = chain.firms[entry.firm];
        std::string segments;
        for (std::size_t k = 0; k < entry.segments.size(); ++k)
            segments += (k ? "; " : "") + chain.segments[entry.segments[k]].id;
        out << i + 1 << ',' << csvField(firm.id) << ',' << csvField(firm.name.pick(lang, firm.id)) << ','
            << csvField(segments) << "\r\n";
    }
    return out.str();
}

}  // namespace reference

namespace {

Chain load(const std::string& path) {
    LoadResult loaded = loadChainFile(path);
    REQUIRE(loaded.ok());
    return std::move(*loaded.chain);
}

// Notes on the first targets that need quoting or a formula guard ("=", "+", "-", "@", tab, CR).
std::map<std::string, std::string> awkwardNotes(const Chain& chain, const Analysis& a) {
    const char* notes[] = {"=SUM(A1:A9)", "+86 29",     "-1",         "@home", "\tindented",
                           "a, b",        "say \"hi\"", "two\nlines", "\r",    "plain"};
    std::map<std::string, std::string> out;
    for (std::size_t i = 0; i < a.targets.size() && i < std::size(notes); ++i)
        out[chain.firms[a.targets[i].firm].id] = notes[i];
    return out;
}

void checkSameCsv(const Chain& chain, const Analysis& a, const std::string& label) {
    std::map<std::string, std::string> notes = awkwardNotes(chain, a);
    for (Lang lang : {Lang::Zh, Lang::En})
        for (std::size_t top : {std::size_t{0}, std::size_t{3}}) {
            INFO(label << (lang == Lang::Zh ? " zh" : " en") << " top " << top);
            std::string expected = reference::analysisToCsv(chain, a, top, lang, notes);
            std::string got = analysisToCsv(chain, a, top, lang, notes);
            REQUIRE(got.size() == expected.size());
            CHECK(got == expected);
        }
}

}  // namespace

TEST_CASE("the CSV writer gives the reference writer's bytes on every bundled chain, region by region") {
    int chains = 0;
    for (const auto& entry : std::filesystem::directory_iterator(CHAINATLAS_CHAINS_DIR)) {
        if (entry.path().extension() != ".json") continue;
        ++chains;
        Chain chain = load(entry.path().string());
        for (int r = 0; r < static_cast<int>(chain.regions.size()); ++r) {
            AnalysisOptions options;
            options.region = r;
            options.hubs = {(r + 1) % static_cast<int>(chain.regions.size())};
            if (options.hubs[0] == r) options.hubs.clear();
            Analysis plain = analyze(chain, options);
            checkSameCsv(chain, plain, entry.path().filename().string() + " region " + chain.regions[r].id);
            if (plain.targets.empty()) continue;
            options.assumptions.push_back({plain.targets.front().firm, r, {}});  // the what-if adds "changed"
            checkSameCsv(chain, analyze(chain, options), entry.path().filename().string() + " what-if");
        }
    }
    CHECK(chains >= 5);
}

TEST_CASE("the CSV writer gives the reference writer's bytes on a synthetic chain with resources and ties") {
    bench::SyntheticSpec spec;
    spec.segments = 40, spec.regions = 30, spec.firms = 3000, spec.supplies = 9000;
    spec.resources = 60, spec.ties = 2000;
    Chain chain = bench::generateChain(spec);
    AnalysisOptions options;
    options.region = 0;
    options.hubs = {1, 2};
    Analysis a = analyze(chain, options);
    REQUIRE(a.targets.size() > 200);
    REQUIRE(!a.setAside.empty());
    checkSameCsv(chain, a, "synthetic");
}

TEST_CASE("the CSV written a piece at a time is the text written whole") {
    auto [chain, a] = test::syntheticWithHub(20000);
    std::map<std::string, std::string> notes = awkwardNotes(chain, a);
    std::string whole = analysisToCsv(chain, a, 0, Lang::Zh, notes);
    REQUIRE(whole.size() > 1'100'000);  // two pieces or more
    std::string joined;
    std::size_t pieces = 0, largest = 0;
    writeAnalysisCsv(chain, a, 0, Lang::Zh, notes, [&](std::string_view piece) {
        ++pieces, largest = std::max(largest, piece.size());
        joined.append(piece);
    });
    CHECK(joined == whole);
    CHECK(pieces >= 2);
    CHECK(largest < (1 << 20) + 64 * 1024);
}
