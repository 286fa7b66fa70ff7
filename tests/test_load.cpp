// Loader and validator: every rule of the chain format (docs/data.md, docs/method.md §1) with its exact location, and
// the bad-input corpus.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "chainatlas/load/load.hpp"
#include "helpers.hpp"

using namespace chainatlas;

namespace {

struct Expected {
    std::string file, location, keywords;
};

std::vector<Expected> expectedFaults() {
    std::ifstream in(std::string(CHAINATLAS_TEST_DATA_DIR) + "/bad/expected.tsv");
    std::vector<Expected> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        Expected e;
        std::getline(fields, e.file, '\t');
        std::getline(fields, e.location, '\t');
        std::getline(fields, e.keywords, '\t');
        rows.push_back(e);
    }
    return rows;
}

bool hasDiagnostic(const LoadResult& result, const std::string& location, const std::string& keywords) {
    for (const auto& d : result.diagnostics)
        if (d.severity == Severity::Error && d.location == location && d.message.find(keywords) != std::string::npos)
            return true;
    return false;
}

std::string valid() {
    return test::document(R"([{"id": "a"}, {"id": "b"}])", R"([{"from": "a", "to": "b"}])", R"([{"id": "suzhou"}])",
                          R"([{"id": "f1", "sites": [{"region": "suzhou", "segments": ["a"]}]}])");
}

}  // namespace

TEST_CASE("every fault of the bad-input corpus is reported at its exact place") {
    auto rows = expectedFaults();
    REQUIRE(rows.size() >= 30);
    for (const auto& row : rows) {
        CAPTURE(row.file);
        LoadResult result = loadChainFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/bad/" + row.file);
        CHECK_FALSE(result.ok());
        std::string all;
        for (const auto& d : result.diagnostics) all += formatDiagnostic(d) + "\n";
        CAPTURE(all);
        CHECK(hasDiagnostic(result, row.location, row.keywords));
    }
}

TEST_CASE("a minimal valid file loads and ids become indices") {
    Chain chain = test::chainFrom(valid());
    CHECK(chain.segments.size() == 2);
    CHECK(chain.links[0].from == 0);
    CHECK(chain.links[0].to == 1);
    CHECK(chain.firms[0].sites[0].region == 0);
    CHECK(chain.firms[0].sites[0].outputOrOne() == 1.0);
    CHECK(chain.links.size() == 1);
    CHECK(findSegment(chain, "b") == 1);
}

TEST_CASE("a plain string name fills both languages — an object may have one") {
    Chain chain = test::chainFrom(test::document(R"([{"id": "a", "name": "锂"}, {"id": "b", "name": {"en": "Cell"}}])",
                                                 "[]", R"([{"id": "r"}])", "[]"));
    CHECK(chain.segments[0].name.zh == "锂");
    CHECK(chain.segments[0].name.en == "锂");
    CHECK(chain.segments[1].name.pick(Lang::Zh, "b") == "Cell");  // falls back to the other language
}

TEST_CASE("unknown top-level keys are warnings, unknown nested keys are kept silently") {
    std::string text = valid();
    text.insert(1, R"("comment": "x", )");
    text.replace(text.find(R"({"id": "f1")"), 11, R"({"id": "f1", "stock": "600000")");
    LoadResult result = loadChainText(text, "w.json");
    REQUIRE(result.ok());
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].severity == Severity::Warning);
    CHECK(result.diagnostics[0].location == "/comment");
    CHECK(result.chain->firms[0].extra["stock"] == "600000");
}

TEST_CASE("every error is reported, not only the first") {
    std::string text = test::document(R"([{"id": "a"}, {"id": "A"}])", R"([{"from": "a", "to": "x"}])",
                                      R"([{"id": "r"}])",
                                      R"([{"id": "f", "sites": [{"region": "q", "segments": []}]}])");
    LoadResult result = loadChainText(text, "m.json");
    CHECK_FALSE(result.ok());
    CHECK(hasDiagnostic(result, "/segments/1/id", "invalid id"));
    CHECK(hasDiagnostic(result, "/links/0/to", "unknown segment"));
    CHECK(hasDiagnostic(result, "/firms/0/sites/0/region", "unknown region"));
    CHECK(hasDiagnostic(result, "/firms/0/sites/0/segments", "at least one segment"));
}

TEST_CASE("a longer cycle names every segment on it") {
    std::string text = test::document(
        R"([{"id": "a"}, {"id": "b"}, {"id": "c"}])",
        R"([{"from": "a", "to": "b"}, {"from": "b", "to": "c"}, {"from": "c", "to": "a"}])", R"([{"id": "r"}])", "[]");
    LoadResult result = loadChainText(text, "c.json");
    CHECK(hasDiagnostic(result, "/links/2", "a -> b -> c -> a"));
}

TEST_CASE("diagnostics print as file, pointer or line:column, message") {
    CHECK(formatDiagnostic({Severity::Error, "nev.json", "/firms/3/sites/0/region", "unknown region"}) ==
          "nev.json: /firms/3/sites/0/region: unknown region");
    CHECK(formatDiagnostic({Severity::Error, "nev.json", "12:7", "syntax error"}) == "nev.json:12:7: syntax error");
    CHECK(formatDiagnostic({Severity::Warning, "nev.json", "/x", "unknown"}) == "nev.json: /x: warning: unknown");
}

TEST_CASE("a missing file is reported, not thrown") {
    LoadResult result = loadChainFile("/nonexistent/chain.json");
    CHECK_FALSE(result.ok());
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message.find("no such file") != std::string::npos);
}

TEST_CASE("a byte-order mark before the JSON is accepted") {
    Chain chain = test::chainFrom("\xEF\xBB\xBF" + valid());
    CHECK(chain.firms.size() == 1);
}

TEST_CASE("thousands of misspelt references validate quickly: suggestions for the first few only") {
    // 5,000 firms and 5,000 supplies to "firm-NNNNNx": every suggestion scans 5,000 ids, so unbounded this
    // took 5,000 * 5,000 edit distances (was 12 s for 10,000 in a release build).
    std::string firms, supplies;
    for (int i = 0; i < 5000; ++i) {
        std::string id = "firm-" + std::to_string(10000 + i);
        if (i) firms += ',', supplies += ',';
        firms.append(R"({"id": ")").append(id).append(R"(", "sites": [{"region": "r", "segments": ["a"]}]})");
        supplies.append(R"({"from": ")").append(id).append(R"(", "to": ")").append(id).append("x\"}");
    }
    LoadResult result = loadChainText(test::document(R"([{"id": "a"}])", "[]", R"([{"id": "r"}])", "[" + firms + "]",
                                                     "[" + supplies + "]"),
                                      "typos.json");
    REQUIRE(result.diagnostics.size() == 5000);
    CHECK(result.diagnostics[0].message == "unknown firm \"firm-10000x\" (did you mean \"firm-10000\"?)");
    CHECK(result.diagnostics[19].message.find("did you mean") != std::string::npos);
    CHECK(result.diagnostics[20].message == "unknown firm \"firm-10020x\"");  // past kMaxSuggestionsPerFile = 20
}

TEST_CASE("the kind of a problem gives the exit status: data 2, an unreadable file 1 (one vocabulary)") {
    LoadResult missing = loadChainFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/no-such-file.json");
    REQUIRE(missing.diagnostics.size() == 1);
    CHECK(missing.diagnostics[0].kind == ProblemKind::Io);
    CHECK(exitStatusFor(missing.diagnostics) == kExitFailure);
    LoadResult cycle = loadChainFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/bad/link_cycle.json");
    REQUIRE_FALSE(cycle.ok());
    CHECK(cycle.diagnostics[0].kind == ProblemKind::Data);
    CHECK(exitStatusFor(cycle.diagnostics) == kExitInvalidData);
    // Data outranks the rest; warnings alone are no failure.
    std::vector<Diagnostic> mixed{{Severity::Error, "a", "", "x", ProblemKind::Io},
                                  {Severity::Error, "b", "/k", "y", ProblemKind::Data}};
    CHECK(exitStatusFor(mixed) == kExitInvalidData);
    CHECK(exitStatusFor({{Severity::Warning, "a", "/k", "unknown key", ProblemKind::Data}}) == kExitOk);
    CHECK(exitStatusFor({{Severity::Error, "s.json", "", "for another chain", ProblemKind::Usage}}) == kExitFailure);
}

TEST_CASE("the chain's note is bilingual like a name: a string fills both, an object gives each language") {
    auto withNote = [](const std::string& note) {
        std::string text = test::document(R"([{"id": "a"}])", "[]", R"([{"id": "r"}])", "[]");
        return text.replace(text.find(R"("name": "T"})"), 12, R"("name": "T", "note": )" + note + "}");
    };
    Chain plain = test::chainFrom(withNote(R"("Illustrative.")"));
    CHECK(plain.note.zh == "Illustrative.");
    CHECK(plain.note.en == "Illustrative.");
    Chain both = test::chainFrom(withNote(R"({"zh": "示意数据。", "en": "Illustrative."})"));
    CHECK(both.note.pick(Lang::Zh, "") == "示意数据。");
    CHECK(both.note.pick(Lang::En, "") == "Illustrative.");
    for (bool fast : {true, false}) {  // the validating path names the place; the fast path gives way to it
        CAPTURE(fast);
        std::string bad = withNote("5");
        LoadResult r = fast ? loadChainText(bad, "t.json") : validateChainText(bad, "t.json");
        REQUIRE_FALSE(r.ok());
        CHECK(formatDiagnostic(r.diagnostics[0]) ==
              "t.json: /chain/note: a note is a string or an object with \"zh\" and/or \"en\", found a number");
    }
}

TEST_CASE("an unknown key inside metrics or a name is an error with did-you-mean, by both loading paths") {
    // The review's silent drops: "polution" vanished (metrics were read key by key), "zn" likewise.
    const std::string firm = R"({"id": "f", "sites": [{"region": "r", "segments": ["s"]}], )";
    const std::pair<std::string, std::pair<std::string, std::string>> cases[] = {
        {firm + R"("metrics": {"tech": 0.1, "polution": 0.2}})",
         {"/firms/0/metrics/polution", "unknown metric \"polution\" (did you mean \"pollution\"?)"}},
        {firm + R"("name": {"zh": "甲", "zn": "乙"}})",
         {"/firms/0/name/zn", "unknown key \"zn\" in a name (did you mean"}},
        {firm + R"("name": {"en": "A", "fr": "B"}})", {"/firms/0/name/fr", "unknown key \"fr\" in a name"}},
    };
    for (const auto& [firmText, expected] : cases) {
        std::string text = test::document(R"([{"id": "s"}])", "[]", R"([{"id": "r"}])", "[" + firmText + "]");
        INFO(text);
        LoadResult loaded = loadChainText(text, "t.json");  // the fast path declines, the validator reports
        CHECK_FALSE(loaded.ok());
        CHECK(hasDiagnostic(loaded, expected.first, expected.second));
        CHECK(hasDiagnostic(validateChainText(text, "t.json"), expected.first, expected.second));
    }
    std::string note = R"({"format": "chainatlas/1", "chain": {"id": "c", "note": {"zh": "x", "de": "y"}},
        "segments": [], "regions": [], "firms": []})";
    CHECK(hasDiagnostic(loadChainText(note, "t.json"), "/chain/note/de", "unknown key \"de\" in a note"));
}

TEST_CASE("JSON too: a region named instead of its id gets the id, and a firm with no site a warning") {
    std::string text = test::document(R"([{"id": "s", "name": "电芯"}])", "[]",
                                      R"([{"id": "weinan", "name": {"zh": "渭南", "en": "Weinan"}}])",
                                      R"([{"id": "f", "sites": [{"region": "渭南", "segments": ["电芯"]}]},
                                          {"id": "g", "name": {"zh": "乙"}}])");
    LoadResult result = loadChainText(text, "t.json");
    CHECK_FALSE(result.ok());
    CHECK(hasDiagnostic(result, "/firms/0/sites/0/region", "unknown region \"渭南\" (did you mean \"weinan\", 渭南?)"));
    CHECK(hasDiagnostic(result, "/firms/0/sites/0/segments/0", "(did you mean \"s\", 电芯?)"));
    bool warned = false;
    for (const auto& d : result.diagnostics)
        warned = warned || (d.severity == Severity::Warning && d.location == "/firms/1" &&
                            d.message.find("\"g\" (乙) has no site") != std::string::npos);
    CHECK(warned);
}

TEST_CASE("issue 25.14: a number overflow is located where it stands as a number, not in a note quoting it") {
    std::string text =
        "{\"format\": \"chainatlas/1\",\n"
        " \"chain\": {\"id\": \"c\", \"note\": \"1e999 is too large\"},\n"
        " \"segments\": [{\"id\": \"a\"}], \"regions\": [{\"id\": \"r\"}],\n"
        " \"firms\": [{\"id\": \"f\", \"sites\": [{\"region\": \"r\", \"segments\": [\"a\"],\n"
        "   \"output\": 1e999}]}]}";
    LoadResult result = validateChainText(text, "o.json");
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].location == "5:14");  // before: 2:30, inside the note
    CHECK(result.diagnostics[0].message == "number 1e999 is out of range (not a finite number)");
}

TEST_CASE("issue 25.15: a site's or a supply's confidence that is not text is an error, not dropped") {
    std::string head = R"({"format": "chainatlas/1", "chain": {"id": "c"}, "segments": [{"id": "a"}],
        "regions": [{"id": "r"}], )";
    LoadResult site = loadChainText(
        head + R"("firms": [{"id": "f", "sites": [{"region": "r", "segments": ["a"], "confidence": 5}]}]})", "s.json");
    REQUIRE_FALSE(site.ok());
    CHECK(formatDiagnostic(site.diagnostics[0]) ==
          "s.json: /firms/0/sites/0/confidence: \"confidence\" must be a string, found a number");
    LoadResult supply = loadChainText(head + R"("firms": [{"id": "f", "sites": [{"region": "r", "segments": ["a"]}]},
                   {"id": "g", "sites": [{"region": "r", "segments": ["a"]}]}],
        "supplies": [{"from": "f", "to": "g", "confidence": ["A"]}]})",
                                      "s.json");
    REQUIRE_FALSE(supply.ok());
    REQUIRE(supply.diagnostics.size() == 1);
    CHECK(supply.diagnostics[0].location == "/supplies/0/confidence");
}

TEST_CASE("v3 evidence keys: an unknown plant region is located with did-you-mean, a plant without a site warns") {
    std::string base = R"({"format": "chainatlas/1", "chain": {"id": "e"},
      "segments": [{"id": "a"}, {"id": "b", "market": MARKET}], "links": [],
      "regions": [{"id": "suzhou"}, {"id": "xian"}],
      "firms": [{"id": "f", "sites": [{"region": "suzhou", "segments": ["a"], "year": YEAR}]},
                {"id": "g", "sites": [{"region": "suzhou", "segments": ["b"]}]}],
      "supplies": [{"from": "f", "to": "g", "to_region": "TO"}]})";
    auto with = [&](const std::string& market, const std::string& year, const std::string& to) {
        std::string text = base;
        text.replace(text.find("MARKET"), 6, market);
        text.replace(text.find("YEAR"), 4, year);
        text.replace(text.find("TO"), 2, to);
        return loadChainText(text, "e.json");
    };
    LoadResult typo = with("true", "2016", "suzho");
    REQUIRE(typo.diagnostics.size() == 1);
    CHECK(typo.diagnostics[0].location == "/supplies/0/to_region");
    CHECK(typo.diagnostics[0].message == "unknown region \"suzho\" (did you mean \"suzhou\"?)");
    LoadResult noSite = with("true", "2016", "xian");
    REQUIRE(noSite.ok());  // a warning, not an error
    REQUIRE(noSite.diagnostics.size() == 1);
    CHECK(noSite.diagnostics[0].severity == Severity::Warning);
    CHECK(noSite.diagnostics[0].message == "firm \"g\" has no site in region \"xian\"");
    LoadResult market = with("\"yes\"", "2016", "suzhou");
    REQUIRE(market.diagnostics.size() == 1);
    CHECK(market.diagnostics[0].location == "/segments/1/market");
    LoadResult year = with("false", "2016.5", "suzhou");
    REQUIRE(year.diagnostics.size() == 1);
    CHECK(year.diagnostics[0].location == "/firms/0/sites/0/year");
    LoadResult good = with("true", "2016", "suzhou");
    REQUIRE(good.ok());
    CHECK(good.chain->segments[1].market);
    CHECK(good.chain->firms[0].sites[0].year == 2016);
    CHECK(good.chain->supplies[0].toRegion == 0);
}
