// Every number a planner sees adds up (docs/method.md §8): the CSV target list, read back as a spreadsheet
// would, in both languages, on the bundled chains and a synthetic one — for every target row the weighted
// columns add up to the score shown; an imputed value carries its mark and the footnote is there.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/analysis/vocabulary.hpp"
#include "chainatlas/load/load.hpp"
#include "chainatlas/results/result_writers.hpp"
#include "helpers.hpp"

using namespace chainatlas;

namespace {

// One CSV record (RFC 4180: quotes, doubled quotes, commas and line breaks inside quotes) from `text` at `at`.
std::vector<std::string> record(const std::string& text, std::size_t& at) {
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (; at < text.size(); ++at) {
        char c = text[at];
        if (quoted) {
            if (c == '"' && at + 1 < text.size() && text[at + 1] == '"') cells.back() += '"', ++at;
            else if (c == '"') quoted = false;
            else cells.back() += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            cells.emplace_back();
        } else if (c == '\r' && at + 1 < text.size() && text[at + 1] == '\n') {
            at += 2;
            return cells;
        } else {
            cells.back() += c;
        }
    }
    return cells;
}

// "1.000000*" -> 1, "–" -> 0 (no data adds nothing).
double shown(const std::string& cell) { return cell == kNoDataMark ? 0.0 : std::stod(cell); }

// The first section's rows as header -> cell maps; checks the sums and returns how many rows were imputed.
int checkTargetSection(const std::string& csv, Lang lang) {
    std::size_t at = 3;  // after the byte-order mark
    std::vector<std::string> header = record(csv, at);
    std::string suffix = lang == Lang::Zh ? "加权" : "_weighted";
    std::vector<std::size_t> weighted;
    for (std::size_t c = 0; c < header.size(); ++c)
        if (header[c].size() > suffix.size() && header[c].substr(header[c].size() - suffix.size()) == suffix)
            weighted.push_back(c);
    REQUIRE(weighted.size() == kTermCount);
    std::size_t scoreColumn = 4;
    CHECK(header[scoreColumn] == (lang == Lang::Zh ? "得分" : "score"));
    int imputed = 0;
    for (std::vector<std::string> row = record(csv, at); row.size() == header.size(); row = record(csv, at)) {
        double sum = 0;
        for (std::size_t c : weighted) {
            sum += shown(row[c]);
            imputed += row[c].back() == '*';
        }
        CAPTURE(row[2]);
        CHECK(std::abs(sum - std::stod(row[scoreColumn])) <= kTermCount * 5e-7 + 1e-9);  // 6 decimals each
    }
    return imputed;
}

}  // namespace

TEST_CASE("CSV targets: the weighted columns add up to the score on every row, in both languages") {
    struct Case {
        const char* file;
        const char* region;
        std::vector<std::string> hubs;
    };
    std::vector<Case> cases = {{"/nev.json", "weinan", {"xian"}},
                               {"/nev.json", "suzhou", {"shanghai"}},
                               {"/nev.json", "baoji", {"xian"}},
                               {"/biomedicine.json", "suzhou", {}},
                               {"/additive-manufacturing.json", "weinan", {"xian"}},
                               {"/ai.json", "suzhou", {"shanghai"}}};
    for (const Case& c : cases) {
        Chain chain = test::chainFromFile(std::string(CHAINATLAS_CHAINS_DIR) + c.file);
        if (findRegion(chain, c.region) < 0) continue;
        Analysis a = analyze(chain, test::options(chain, c.region, c.hubs));
        for (Lang lang : {Lang::Zh, Lang::En}) {
            CAPTURE(c.file);
            CAPTURE(c.region);
            std::string csv = analysisToCsv(chain, a, 0, lang, {});
            int imputed = checkTargetSection(csv, lang);
            // The footnote stands under the rows exactly when a mark does.
            CHECK((csv.find(imputedFootnote(lang)) != std::string::npos) == (imputed > 0));
        }
    }
}

TEST_CASE("CSV targets: the columns add up on a synthetic chain with thousands of targets") {
    test::SyntheticAnalysis s = test::syntheticWithHub(3000);
    std::string csv = analysisToCsv(s.chain, s.analysis, 0, Lang::En, {});
    CHECK(checkTargetSection(csv, Lang::En) >= 0);
}

TEST_CASE("the CSV written a piece at a time is the text written whole") {
    auto [chain, a] = test::syntheticWithHub(20000);
    std::map<std::string, std::string> notes;
    for (std::size_t i = 0; i < a.targets.size(); i += 7)
        notes[chain.firms[a.targets[i].firm].id] = i % 2 ? "=HYPERLINK(\"x\")" : "line\nbreak, \"quoted\"";
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
