// The fast loading path against the validating one: the same model for every valid file, and never a
// model where the validator has anything to say (so diagnostics stay exactly those of the validator).
#include <doctest/doctest.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>

#include <unistd.h>

#include "chainatlas/base/file_io.hpp"
#include "chainatlas/load/csv.hpp"
#include "chainatlas/load/fast_load.hpp"
#include "chainatlas/load/load.hpp"
#include "synthetic.hpp"

using namespace chainatlas;

namespace {

std::string readText(const std::string& path) {
    auto text = readWholeFile(path);
    REQUIRE(text);
    return *text;
}

void checkSameName(const Name& a, const Name& b) {
    CHECK(a.zh == b.zh);
    CHECK(a.en == b.en);
}

void checkSameSites(const Firm& a, const Firm& b) {
    REQUIRE(a.sites.size() == b.sites.size());
    for (std::size_t k = 0; k < a.sites.size(); ++k) {
        const Site &x = a.sites[k], &y = b.sites[k];
        CHECK(x.region == y.region);
        CHECK(x.segments == y.segments);
        CHECK(x.output == y.output);
        CHECK(x.confidence == y.confidence);
        CHECK(x.extra == y.extra);
    }
}

void checkSameFirms(const Chain& a, const Chain& b) {
    REQUIRE(a.firms.size() == b.firms.size());
    for (std::size_t i = 0; i < a.firms.size(); ++i) {
        const Firm &x = a.firms[i], &y = b.firms[i];
        CHECK(x.id == y.id);
        checkSameName(x.name, y.name);
        CHECK(x.leader == y.leader);
        CHECK(x.metrics == y.metrics);
        CHECK(x.sources == y.sources);
        CHECK(x.extra == y.extra);
        checkSameSites(x, y);
    }
    REQUIRE(a.supplies.size() == b.supplies.size());
    for (std::size_t i = 0; i < a.supplies.size(); ++i) {
        const Supply &x = a.supplies[i], &y = b.supplies[i];
        CHECK(x.from == y.from);
        CHECK(x.to == y.to);
        CHECK(x.segment == y.segment);
        CHECK(x.confidence == y.confidence);
        CHECK(x.fromRegion == y.fromRegion);
        CHECK(x.toRegion == y.toRegion);
        CHECK(x.year == y.year);
        CHECK(supplyExtra(a, static_cast<int>(i)) == supplyExtra(b, static_cast<int>(i)));
    }
    REQUIRE(a.supplyExtras.size() == b.supplyExtras.size());
    for (std::size_t i = 0; i < a.supplyExtras.size(); ++i) CHECK(a.supplyExtras[i].supply == b.supplyExtras[i].supply);
}

// The four chains (§2, §3.9): resources and the ties from them to firms.
void checkSameResources(const Chain& a, const Chain& b) {
    REQUIRE(a.resources.size() == b.resources.size());
    for (std::size_t i = 0; i < a.resources.size(); ++i) {
        const Resource &x = a.resources[i], &y = b.resources[i];
        CHECK(x.id == y.id);
        checkSameName(x.name, y.name);
        CHECK(x.kind == y.kind);
        CHECK(x.region == y.region);
        CHECK(x.segments == y.segments);
        CHECK(x.sources == y.sources);
        CHECK(x.confidence == y.confidence);
        CHECK(x.note == y.note);
        CHECK(x.extra == y.extra);
        CHECK(findResource(a, x.id) == static_cast<int>(i));
        CHECK(findResource(b, x.id) == static_cast<int>(i));
    }
    REQUIRE(a.ties.size() == b.ties.size());
    for (std::size_t i = 0; i < a.ties.size(); ++i) {
        const Tie &x = a.ties[i], &y = b.ties[i];
        CHECK(x.resource == y.resource);
        CHECK(x.firm == y.firm);
        CHECK(x.kind == y.kind);
        CHECK(x.confidence == y.confidence);
        CHECK(x.extra == y.extra);
    }
}

// Field by field, so a difference names the field; then the indexes built from them.
void checkSameChain(const Chain& a, const Chain& b) {
    CHECK(a.id == b.id);
    checkSameName(a.name, b.name);
    CHECK(a.note.zh == b.note.zh);
    CHECK(a.note.en == b.note.en);
    CHECK(a.extra == b.extra);
    REQUIRE(a.sources.size() == b.sources.size());
    for (std::size_t i = 0; i < a.sources.size(); ++i) {
        CHECK(a.sources[i].id == b.sources[i].id);
        CHECK(a.sources[i].title == b.sources[i].title);
        CHECK(a.sources[i].url == b.sources[i].url);
        CHECK(a.sources[i].accessed == b.sources[i].accessed);
        CHECK(a.sources[i].extra == b.sources[i].extra);
    }
    REQUIRE(a.stages.size() == b.stages.size());
    for (std::size_t i = 0; i < a.stages.size(); ++i) {
        CHECK(a.stages[i].id == b.stages[i].id);
        checkSameName(a.stages[i].name, b.stages[i].name);
        CHECK(a.stages[i].extra == b.stages[i].extra);
    }
    REQUIRE(a.segments.size() == b.segments.size());
    for (std::size_t i = 0; i < a.segments.size(); ++i) {
        CHECK(a.segments[i].id == b.segments[i].id);
        checkSameName(a.segments[i].name, b.segments[i].name);
        CHECK(a.segments[i].stage == b.segments[i].stage);
        CHECK(a.segments[i].metrics == b.segments[i].metrics);
        CHECK(a.segments[i].division == b.segments[i].division);
        CHECK(a.segments[i].sources == b.segments[i].sources);
        CHECK(a.segments[i].extra == b.segments[i].extra);
    }
    REQUIRE(a.links.size() == b.links.size());
    for (std::size_t i = 0; i < a.links.size(); ++i) {
        CHECK(a.links[i].from == b.links[i].from);
        CHECK(a.links[i].to == b.links[i].to);
        CHECK(a.links[i].extra == b.links[i].extra);
    }
    REQUIRE(a.regions.size() == b.regions.size());
    for (std::size_t i = 0; i < a.regions.size(); ++i) {
        CHECK(a.regions[i].id == b.regions[i].id);
        checkSameName(a.regions[i].name, b.regions[i].name);
        CHECK(a.regions[i].lon == b.regions[i].lon);
        CHECK(a.regions[i].lat == b.regions[i].lat);
        CHECK(a.regions[i].extra == b.regions[i].extra);
    }
    checkSameFirms(a, b);
    checkSameResources(a, b);
    // Both paths built the id lookups: every id finds its own position in each.
    for (std::size_t i = 0; i < a.firms.size(); ++i) {
        CHECK(findFirm(a, a.firms[i].id) == static_cast<int>(i));
        CHECK(findFirm(b, a.firms[i].id) == static_cast<int>(i));
    }
    for (std::size_t i = 0; i < a.segments.size(); ++i) {
        CHECK(findSegment(a, a.segments[i].id) == static_cast<int>(i));
        CHECK(findSegment(b, a.segments[i].id) == static_cast<int>(i));
    }
    CHECK(chainToJson(a) == chainToJson(b));  // catches a field added to the model but not to this test
}

void checkBothPaths(const std::string& text, const std::string& label) {
    INFO(label);
    std::optional<Chain> fast = fastChainFromJson(text);
    LoadResult slow = validateChainText(text, label);
    REQUIRE(slow.ok());
    REQUIRE(slow.diagnostics.empty());
    REQUIRE(fast.has_value());
    checkSameChain(*fast, *slow.chain);
}

std::vector<std::string> jsonFilesIn(const std::string& folder) {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.path().extension() == ".json") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("every bundled chain and good test file loads to the same model by both paths") {
    std::vector<std::string> files = jsonFilesIn(CHAINATLAS_CHAINS_DIR);
    for (const auto& file : jsonFilesIn(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good")) files.push_back(file);
    REQUIRE(files.size() >= 7);  // five bundled chains, mini.json, escape.json
    int fourChains = 0;
    for (const auto& file : files) {
        std::string text = readText(file);
        checkBothPaths(text, file);
        std::optional<Chain> fast = fastChainFromJson(text);
        if (fast && !fast->resources.empty() && !fast->ties.empty()) ++fourChains;
    }
    CHECK(fourChains >= 6);  // the five bundled chains and four_chains.json have resources and ties
}

TEST_CASE("a synthetic chain loads to the same model by both paths") {
    bench::SyntheticSpec spec;
    spec.segments = 40, spec.regions = 30, spec.firms = 2000, spec.supplies = 6000, spec.resources = 60,
    spec.ties = 300;
    checkBothPaths(chainToJson(bench::generateChain(spec)).dump(), "synthetic");
}

TEST_CASE("a chain large enough to hand back its token index behind the reader loads to the same model") {
    // 12k firms and 60k supplies: an index of about 6 MB, most of it given back while the supplies are read.
    bench::SyntheticSpec spec;
    spec.segments = 60, spec.regions = 40, spec.firms = 12000, spec.supplies = 60000, spec.resources = 50,
    spec.ties = 2000;
    std::string text = chainToJson(bench::generateChain(spec)).dump();
    FastLoadStats stats;
    FastJsonOptions oneDocument;
    oneDocument.oneDocument = true;
    std::optional<Chain> fast = fastChainFromJson(text, &stats, oneDocument);
    REQUIRE(fast.has_value());
    CHECK(stats.windows == 0);
    // The configure-time probe (cmake/probes/simdjson_token_index.cpp) decides whether the index can be
    // reached; it must for the simdjson whose layout was read (Debian 12's 3.0), which CI builds against.
    bool reachable = stats.indexBytes > 0;
    bool layoutRead = simdjson::SIMDJSON_VERSION_MAJOR == 3 && simdjson::SIMDJSON_VERSION_MINOR == 0;
    CHECK((reachable || !layoutRead));
    if (reachable) {
        CHECK(stats.indexBytes > 4'000'000);
        CHECK(stats.indexBytesReleased > stats.indexBytes / 2);
        CHECK(stats.indexBytesReleased < stats.indexBytes);
    }
    LoadResult slow = validateChainText(text, "large");
    REQUIRE(slow.ok());
    REQUIRE(slow.diagnostics.empty());
    checkSameChain(*fast, *slow.chain);

    // White space put between tokens in the part read after the first pages went back moves every later
    // token: the model must not change (a token read from a page handed back would read as offset 0).
    std::vector<bool> inString(text.size());
    for (std::size_t i = 0, quoted = 0, escaped = 0; i < text.size(); ++i) {
        inString[i] = quoted;
        if (escaped) escaped = 0;
        else if (quoted && text[i] == '\\') escaped = 1;
        else if (text[i] == '"') quoted = !quoted;
    }
    std::mt19937 random(1427);
    const nlohmann::json model = chainToJson(*fast);  // one comparison a round (checkSameChain: 1M checks)
    for (int round = 0; round < 3; ++round) {
        std::size_t at = text.size() / 3 + random() % (text.size() * 2 / 3);
        while (inString[at] || std::string_view(",:{}[]").find(text[at]) == std::string_view::npos)
            ++at;  // before a separator or a bracket outside strings (not inside a number)
        std::string moved = text.substr(0, at) + std::string(1 + random() % 3000, ' ') + text.substr(at);
        INFO("white space at " << at);
        FastLoadStats movedStats;
        std::optional<Chain> again = fastChainFromJson(moved, &movedStats, oneDocument);
        REQUIRE(again.has_value());
        if (reachable) CHECK(movedStats.indexBytesReleased > stats.indexBytes / 2);
        CHECK(chainToJson(*again) == model);
    }
}

namespace {

// The model read in windows of `windowBytes` (stats.windows > 0 when the windows were read to the end, 0
// when the reading fell back to one document), as JSON for comparison; "none" when the fast path declined.
std::string readInWindows(const std::string& text, std::size_t windowBytes, FastLoadStats& stats) {
    FastJsonOptions options;
    options.windowBytes = windowBytes;
    std::optional<Chain> chain = fastChainFromJson(text, &stats, options);
    return chain ? chainToJson(*chain).dump() : "none";
}

std::string readAsOneDocument(const std::string& text) {
    FastJsonOptions options;
    options.oneDocument = true;
    std::optional<Chain> chain = fastChainFromJson(text, nullptr, options);
    return chain ? chainToJson(*chain).dump() : "none";
}

}  // namespace

TEST_CASE("read in windows of any size, every good file gives the model it gives read as one document") {
    std::vector<std::string> files = jsonFilesIn(CHAINATLAS_CHAINS_DIR);
    for (const auto& file : jsonFilesIn(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good")) files.push_back(file);
    bench::SyntheticSpec spec;
    spec.segments = 30, spec.regions = 20, spec.firms = 600, spec.supplies = 2000, spec.resources = 20, spec.ties = 100;
    const std::string synthetic = chainToJson(bench::generateChain(spec)).dump();
    std::vector<std::pair<std::string, std::string>> texts{{"synthetic, minified", synthetic},
                                                           {"synthetic, indented",
                                                            nlohmann::json::parse(synthetic).dump(2)}};
    for (const auto& file : files) texts.emplace_back(file, readText(file));
    // 1 byte: every item is longer than the window, which must double; 300 and 4096: cuts inside items (after
    // a site's or a name's '}') and between them; the default: a small chain in one window an array.
    for (const auto& entry : texts) {
        const std::string& text = entry.second;
        const std::string whole = readAsOneDocument(text);
        REQUIRE(whole != "none");
        for (std::size_t windowBytes : {std::size_t{1}, std::size_t{300}, std::size_t{4096}, std::size_t{256} * 1024}) {
            INFO(entry.first << ", windows of " << windowBytes << " bytes");
            FastLoadStats stats;
            CHECK(readInWindows(text, windowBytes, stats) == whole);
            CHECK(stats.windows > 0);  // read in windows, not after falling back
        }
    }
    // The synthetic chain in windows of 300 bytes: many windows, each with a small token index.
    FastLoadStats stats;
    readInWindows(synthetic, 300, stats);
    CHECK(stats.windows > synthetic.size() / 600);
}

TEST_CASE("a window cut inside a string, ids with escapes and items longer than a window read as in one document") {
    // Strings holding "}," "}]" and "},{" (a cut there ends the window inside the string: stage 1 refuses it,
    // and the window grows past it); ids written with \u escapes (unescaped into the parser's buffer, which the
    // next window overwrites: the supplies' ends wait there for a batch to be interned, windows later); a
    // firm far longer than the window.
    std::string firms;
    for (int i = 0; i < 40; ++i) {
        firms += std::string(i ? "," : "") + "{\"id\": \"f\\u0030" + std::to_string(i) +
                 "\", \"note\": \"ends }, then {\\\"x\\\": 1}], and },{ again\", \"sites\": [{\"region\": \"r\","
                 " \"segments\": [\"s\"], \"note\": \"a}, b\"}, {\"region\": \"q\", \"segments\": [\"s\"]}]}";
    }
    firms += ", {\"id\": \"long\", \"name\": \"" + std::string(5000, 'L') +
             "\", \"sites\": [{\"region\": \"r\", \"segments\": [\"s\"]}]}";
    std::string supplies;
    for (int i = 0; i + 1 < 40; ++i)
        supplies += std::string(i ? "," : "") + "{\"from\": \"f0" + std::to_string(i) + "\", \"to\": \"f\\u0030" +
                    std::to_string(i + 1) + "\", \"note\": \"plain\"}";
    const std::string text = R"({"format": "chainatlas/1", "chain": {"id": "c", "note": "a }, b"}, "firms": [)" +
                             firms +
                             R"(], "segments": [{"id": "s"}], "regions": [{"id": "r"}, {"id": "q"}], "supplies": [)" +
                             supplies + "]}";
    checkBothPaths(text, "cuts inside strings");
    const std::string whole = readAsOneDocument(text);
    REQUIRE(whole != "none");
    for (std::size_t windowBytes : {std::size_t{1}, std::size_t{50}, std::size_t{200}, std::size_t{1000}}) {
        INFO("windows of " << windowBytes << " bytes");
        FastLoadStats stats;
        CHECK(readInWindows(text, windowBytes, stats) == whole);
        CHECK(stats.windows > (windowBytes <= 50 ? 40u : 0u));  // small windows: the supplies take many
    }
    FastLoadStats stats;
    FastJsonOptions small;
    small.windowBytes = 200;
    std::optional<Chain> chain = fastChainFromJson(text, &stats, small);
    REQUIRE(chain.has_value());
    CHECK(chain->firms[7].id == "f07");
    CHECK(chain->supplies.size() == 39);
    CHECK(chain->supplies[38].from == 38);
    CHECK(chain->supplies[38].to == 39);
}

TEST_CASE("what only one document can say falls back to it, and what is wrong stays wrong in windows") {
    const std::string head = R"({"format": "chainatlas/1", "chain": {"id": "c"}, "segments": [{"id": "s"}],
                                 "regions": [{"id": "r"}], )";
    // Read in windows these decline (an escape in a top-level key or in the format, a key the windows do not
    // know): read as one document they load, and the result is the same.
    const std::string fallbacks[] = {
        R"({"format": "chainatlas\/1", "chain": {"id": "c"}, "segments": [{"id": "s"}], "regions": [{"id": "r"}], "firms": []})",
        head + R"("fir\u006ds": [{"id": "a", "sites": [{"region": "r", "segments": ["s"]}]}]})",
    };
    for (const std::string& text : fallbacks) {
        INFO(text);
        FastLoadStats stats;
        CHECK(readInWindows(text, 8, stats) == readAsOneDocument(text));
        CHECK(readAsOneDocument(text) != "none");
        CHECK(stats.windows == 0);
    }
    // Wrong deep in a long array (an item the validator warns about, a bracket missing, a string never
    // closed, text after the end): declined in windows of every size, as in one document.
    std::string many;
    for (int i = 0; i < 60; ++i)
        many += std::string(i ? "," : "") + R"({"id": "f)" + std::to_string(i) +
                R"(", "sites": [{"region": "r", "segments": ["s"]}]})";
    const std::string wrongs[] = {
        head + R"("firms": [)" + many + R"(, {"id": "g"}]})",
        head + R"("firms": [)" + many + R"(, {"id": "g", "sites": [{"region": "r", "segments": ["s"]}]})",
        head + R"("firms": [)" + many + R"(, {"id": "g", "sites": [{"region": "r", "segments": ["s"]}]}, {"id": "h})",
        head + R"("firms": [)" + many + R"(]} ])",
        head + R"("firms": [)" + many +
            R"(], "supplies": [{"from": "f1", "to": "f2"}, {"from": "f1", "to": "nobody"}]})",
    };
    for (const std::string& text : wrongs) {
        INFO(text.substr(text.size() - 80));
        for (std::size_t windowBytes : {std::size_t{1}, std::size_t{100}, std::size_t{256} * 1024}) {
            FastLoadStats stats;
            CHECK(readInWindows(text, windowBytes, stats) == "none");
        }
        CHECK_FALSE(validateChainText(text, "t.json").diagnostics.empty());
    }
}

TEST_CASE("kept keys, names in any form and keys in any order reach the model as the validator builds it") {
    // Supplies and firms come before the segments and regions they name (files with sorted keys do this).
    checkBothPaths(R"({"supplies": [{"to": "b", "from": "a", "confidence": "B", "note": {"deep": [1, [2.5, null]]}}],
        "firms": [{"id": "a", "sites": [{"segments": ["y", "x"], "region": "r", "output": 0}], "x-crm": 12345678901},
                  {"id": "b", "name": {"en": "B only"}, "leader": true, "metrics": {"tech": 3, "land": 0.5},
                   "sites": [{"region": "r", "segments": ["y"], "confidence": "C", "tag": "\u4e2d"}]}],
        "regions": [{"id": "r", "name": "地区", "lon": -120.5, "lat": 0, "code": "3205"}],
        "segments": [{"id": "x", "stage": "up", "k": true, "metrics": {"energy": 2}, "division": "C3841",
                      "sources": ["s1", "s1"]}, {"id": "y", "name": {"zh": "乙", "en": "Y"}}],
        "links": [{"from": "x", "to": "y", "w": -0.0}],
        "stages": [{"id": "up", "name": "Up", "order": 1}],
        "sources": [{"id": "s1", "title": "T", "year": 2024}],
        "chain": {"id": "c", "name": "C", "note": "n", "owner": "me"},
        "format": "chainatlas/1"})",
                   "keys-in-any-order");
}

TEST_CASE("strings read in place and strings with escapes, with blanks around every token, give the same model") {
    // Plain strings are views into the text (no unescaping); these need get_string(): an escaped quote, a
    // backslash, \u escapes (BMP and a surrogate pair), an escaped key ("n\u0061me" is "name"), and blanks
    // (space, tab, CR, LF) before separators.
    std::string text =
        "{ \"format\" :\t\"chainatlas/1\" ,\r\n \"chain\" : { \"id\" : \"c\" , \"name\" :"
        " \"say \\\"hi\\\" \\\\ \\u00e9 \\ud83d\\ude00\" } ,\n"
        "\"segments\" : [ { \"id\" : \"s\"\n } ] , \"regions\" : [ { \"id\" :\"r\" , \"n\\u0061me\":"
        " { \"zh\" : \"\\u82cf\\u5dde\" , \"en\" : \"Su\\/zhou\" } } ] ,"
        " \"firms\" : [ { \"id\" : \"f\" , \"name\" : \"\" , \"sites\" : [ { \"region\" : \"r\" ,"
        " \"segments\" : [ \"s\" ] , \"confidence\" : \"A\" } ] } ] }";
    checkBothPaths(text, "escapes-and-blanks");
    std::optional<Chain> fast = fastChainFromJson(text);
    REQUIRE(fast.has_value());
    CHECK(fast->name.en == "say \"hi\" \\ \u00e9 \U0001F600");
    CHECK(fast->regions[0].name.zh == "苏州");
    CHECK(fast->regions[0].name.en == "Su/zhou");
    CHECK(fast->firms[0].name.en.empty());
    CHECK(fast->firms[0].sites[0].confidence == "A");
    // A raw control character inside a string is an error for the validator, so the fast path declines.
    CHECK_FALSE(fastChainFromJson(R"({"format": "chainatlas/1", "chain": {"id": "c", "name": "a)"
                                  "\t"
                                  R"(b"}, "segments": [], "regions": [], "firms": []})")
                    .has_value());
}

TEST_CASE("the fast path leaves every bad file to the validator") {
    std::string folder = std::string(CHAINATLAS_TEST_DATA_DIR) + "/bad";
    std::vector<std::string> files = jsonFilesIn(folder);
    REQUIRE(files.size() >= 10);
    for (const auto& file : files) {
        INFO(file);
        CHECK_FALSE(fastChainFromJson(readText(file)).has_value());
    }
}

TEST_CASE("the fast path refuses what the validator warns about or refuses") {
    const std::string head = R"({"format": "chainatlas/1", "chain": {"id": "c"}, "segments": [{"id": "x"}, {"id": "y"}],
                                 "regions": [{"id": "r"}], )";
    const char* tails[] = {
        R"("firms": [{"id": "a", "sites": [{"region": "r", "segments": ["x", "x"]}]}]})",  // listed twice: warning
        R"("firms": [{"id": "a"}], "supplies": [{"from": "a", "to": "a"}]})",              // supplies itself: warning
        R"("firms": [], "links": [{"from": "x", "to": "y"}, {"from": "x", "to": "y"}]})",  // duplicate link: warning
        R"("firms": [], "links": [{"from": "x", "to": "y"}, {"from": "y", "to": "x"}]})",  // cycle: error
        R"("firms": [], "links": [{"from": "x", "to": "x"}]})",                            // self-link: cycle
        R"("firms": [], "links": [{"from": "y", "to": "x"}, {"from": "x", "to": "x"}]})",  // behind a good link
        R"("firms": [], "extra": 1})",                                                     // unknown top-level key
        R"("firms": [{"id": "a", "sites": [{"region": "r", "segments": ["z"]}]}]})",       // unknown segment
        R"("firms": [{"id": "a", "metrics": {"tech": -1}}]})",                             // negative metric
        R"("firms": []} {})",                                                              // trailing text
        R"("firms": [{"id": "A"}]})",                                                      // invalid id
        R"("firms": [{"id": "a", "sites": [{"region": "r", "segments": ["x"], "confidence": 1}]}]})",  // not text
    };
    for (const char* tail : tails) {
        INFO(std::string(tail));
        CHECK_FALSE(fastChainFromJson(head + tail).has_value());
        CHECK_FALSE(validateChainText(head + tail, "t.json").diagnostics.empty());
    }
    CHECK(fastChainFromJson(head + R"("firms": []})").has_value());  // the same head is fine on its own
    // Valid, but left to the validator: -0 (nlohmann reads it as the integer 0, -0.0 as negative zero),
    // a duplicate key (nlohmann keeps the last).
    const char* quirks[] = {
        R"("firms": [{"id": "a", "metrics": {"tech": -0}}]})",
        R"("firms": [{"id": "a", "id": "b"}]})",
    };
    for (const char* tail : quirks) {
        INFO(std::string(tail));
        CHECK_FALSE(fastChainFromJson(head + tail).has_value());
        CHECK(loadChainText(head + tail, "t.json").ok());
    }
}

// Resources and ties in every form the validator accepts silently: keys in any order, ties before the
// resources and firms they name, names as strings or objects, segments and sources unsorted and repeated
// (the validator sorts them and keeps each once without a word), empty segments (the whole chain), kept keys.
const char* const kFourChainsAnyOrder = R"({"ties": [
        {"confidence": "C", "kind": "joint-lab", "firm": "b", "resource": "lab", "since": 2021},
        {"resource": "fund", "firm": "a", "kind": "investment", "confidence": "A"},
        {"resource": "uni", "firm": "a", "kind": "spinoff", "confidence": "B", "note": {"deep": [1, [2]]}}],
    "resources": [
        {"id": "uni", "name": {"zh": "大学", "en": "Uni"}, "kind": "university", "region": "r",
         "segments": ["y", "x", "y"], "sources": ["s2", "s1", "s2"], "confidence": "A", "note": "n", "rank": 3},
        {"confidence": "B", "region": "r", "kind": "fund", "id": "fund", "name": "基金", "segments": []},
        {"id": "lab", "kind": "lab", "region": "q", "confidence": "C", "name": {"en": "Lab only"}},
        {"id": "plat", "kind": "platform", "region": "q", "confidence": "A", "segments": ["x"]}],
    "firms": [{"id": "a", "sites": [{"region": "r", "segments": ["x"]}]},
              {"id": "b", "sites": [{"region": "q", "segments": ["y"]}]}],
    "regions": [{"id": "r"}, {"id": "q"}],
    "segments": [{"id": "x"}, {"id": "y"}],
    "sources": [{"id": "s1"}, {"id": "s2"}],
    "chain": {"id": "c"},
    "format": "chainatlas/1"})";

TEST_CASE("resources and ties reach the model as the validator builds them, keys and arrays in any order") {
    checkBothPaths(kFourChainsAnyOrder, "four-chains-any-order");
    std::optional<Chain> fast = fastChainFromJson(kFourChainsAnyOrder);
    REQUIRE(fast.has_value());
    REQUIRE(fast->resources.size() == 4);
    const Resource& uni = fast->resources[0];
    CHECK(uni.kind == ResourceKind::University);
    CHECK(uni.region == 0);                         // r is the first region
    CHECK(uni.segments == std::vector<int>{0, 1});  // ["y", "x", "y"]: x = 0, y = 1, sorted, once each
    CHECK(uni.sources == std::vector<int>{0, 1});   // ["s2", "s1", "s2"] likewise
    CHECK(uni.note == "n");
    CHECK(uni.extra["rank"] == 3);
    CHECK(fast->resources[1].kind == ResourceKind::Fund);
    CHECK(fast->resources[1].name.en == "基金");  // a string names both languages
    CHECK(fast->resources[1].segments.empty());   // the whole chain
    CHECK(fast->resources[2].region == 1);        // q
    CHECK(fast->resources[2].name.zh.empty());
    CHECK(fast->resources[3].kind == ResourceKind::Platform);
    REQUIRE(fast->ties.size() == 3);
    CHECK(fast->ties[0].resource == 2);  // lab, named before the resources array
    CHECK(fast->ties[0].firm == 1);      // b, named before the firms array
    CHECK(fast->ties[0].kind == TieKind::JointLab);
    CHECK(fast->ties[0].confidence == "C");
    CHECK(fast->ties[0].extra["since"] == 2021);
    CHECK(fast->ties[1].kind == TieKind::Investment);
    CHECK(fast->ties[2].kind == TieKind::Spinoff);
    CHECK(fast->ties[2].resource == 0);
}

TEST_CASE("the fast path refuses every problem the validator reports in resources and ties") {
    const std::string head = R"({"format": "chainatlas/1", "chain": {"id": "c"}, "segments": [{"id": "x"}],
        "regions": [{"id": "r"}], "sources": [{"id": "s"}],
        "firms": [{"id": "a", "sites": [{"region": "r", "segments": ["x"]}]}], )";
    const std::string good = R"({"id": "u", "kind": "lab", "region": "r", "confidence": "A")";  // + "}"
    const std::string resources = R"("resources": [)" + good + "}], ";
    const std::string tails[] = {
        R"("resources": [{"kind": "lab", "region": "r", "confidence": "A"}]})",               // no id
        R"("resources": [{"id": "U", "kind": "lab", "region": "r", "confidence": "A"}]})",    // invalid id
        R"("resources": [{"id": 7, "kind": "lab", "region": "r", "confidence": "A"}]})",      // id not a string
        R"("resources": [)" + good + "}, " + good + "}]}",                                    // duplicate id
        R"("resources": [{"id": "a", "kind": "lab", "region": "r", "confidence": "A"}]})",    // also a firm id
        R"("resources": [{"id": "u", "region": "r", "confidence": "A"}]})",                   // no kind
        R"("resources": [{"id": "u", "kind": "labs", "region": "r", "confidence": "A"}]})",   // unknown kind
        R"("resources": [{"id": "u", "kind": "Lab", "region": "r", "confidence": "A"}]})",    // kinds are lower case
        R"("resources": [{"id": "u", "kind": 3, "region": "r", "confidence": "A"}]})",        // kind not a string
        R"("resources": [{"id": "u", "kind": "lab", "confidence": "A"}]})",                   // no region
        R"("resources": [{"id": "u", "kind": "lab", "region": "rr", "confidence": "A"}]})",   // unknown region
        R"("resources": [{"id": "u", "kind": "lab", "region": ["r"], "confidence": "A"}]})",  // region not a string
        R"("resources": [{"id": "u", "kind": "lab", "region": "r"}]})",                       // no confidence
        R"("resources": [{"id": "u", "kind": "lab", "region": "r", "confidence": "D"}]})",    // not A, B or C
        R"("resources": [{"id": "u", "kind": "lab", "region": "r", "confidence": "a"}]})",    // lower case
        R"("resources": [{"id": "u", "kind": "lab", "region": "r", "confidence": 1}]})",      // not a string
        R"("resources": [)" + good + R"(, "segments": ["z"]}]})",                             // unknown segment
        R"("resources": [)" + good + R"(, "segments": "x"}]})",                               // segments not a list
        R"("resources": [)" + good + R"(, "segments": [1]}]})",                               // segment not a string
        R"("resources": [)" + good + R"(, "sources": ["t"]}]})",                              // unknown source
        R"("resources": [)" + good + R"(, "sources": "s"}]})",                                // sources not a list
        R"("resources": [)" + good + R"(, "note": {"en": "n"}}]})",                           // note not a string
        R"("resources": [)" + good + R"(, "name": 5}]})",                                     // name not a name
        R"("resources": [)" + good + R"(, "name": {}}]})",                                    // name without zh, en
        R"("resources": [3]})",                                                               // not an object
        R"("resources": {}})",                                                                // not an array
        resources + R"("ties": [{"firm": "a", "kind": "spinoff", "confidence": "A"}]})",      // no resource
        resources + R"("ties": [{"resource": "v", "firm": "a", "kind": "spinoff", "confidence": "A"}]})",  // unknown
        resources + R"("ties": [{"resource": "u", "kind": "spinoff", "confidence": "A"}]})",               // no firm
        resources + R"("ties": [{"resource": "u", "firm": "b", "kind": "spinoff", "confidence": "A"}]})",  // unknown
        resources + R"("ties": [{"resource": "u", "firm": "u", "kind": "spinoff", "confidence": "A"}]})",  // not a firm
        resources + R"("ties": [{"resource": "a", "firm": "a", "kind": "spinoff", "confidence": "A"}]})",  // firm
        resources + R"("ties": [{"resource": "u", "firm": "a", "confidence": "A"}]})",                     // no kind
        resources + R"("ties": [{"resource": "u", "firm": "a", "kind": "spin-off", "confidence": "A"}]})",  // kind
        resources + R"("ties": [{"resource": "u", "firm": "a", "kind": "fund", "confidence": "A"}]})",  // resource kind
        resources + R"("ties": [{"resource": "u", "firm": "a", "kind": "spinoff"}]})",                  // no confidence
        resources + R"("ties": [{"resource": "u", "firm": "a", "kind": "spinoff", "confidence": "AB"}]})",
        resources + R"("ties": [{"resource": "u", "firm": "a", "kind": "spinoff", "confidence": null}]})",
        resources + R"("ties": ["u"]})",                                                       // not an object
        resources + R"("ties": {"resource": "u"}})",                                           // not an array
        R"("ties": [{"resource": "u", "firm": "a", "kind": "spinoff", "confidence": "A"}]})",  // no resources at all
    };
    for (const std::string& tail : tails) {
        INFO(tail);
        CHECK_FALSE(fastChainFromJson(head + tail).has_value());
        CHECK_FALSE(validateChainText(head + tail, "t.json").diagnostics.empty());
    }
    // The same head with a good resource and tie is fine (every refusal above is for its one change).
    std::string fine = head + resources +
                       R"("ties": [{"resource": "u", "firm": "a", "kind": "spinoff", "confidence": "A"}]})";
    CHECK(fastChainFromJson(fine).has_value());
    CHECK(validateChainText(fine, "t.json").diagnostics.empty());
    // Valid, but left to the validator: a key twice (nlohmann keeps the last).
    for (const std::string& tail : {R"("resources": [)" + good + R"(, "kind": "fund"}]})",
                                    resources + R"("ties": [{"resource": "u", "firm": "a", "kind": "spinoff",
                                                             "confidence": "A", "firm": "a"}]})"}) {
        INFO(tail);
        CHECK_FALSE(fastChainFromJson(head + tail).has_value());
        CHECK(loadChainText(head + tail, "t.json").ok());
    }
}

TEST_CASE("random damage to valid files: whatever the fast path accepts, the validator accepts silently and alike") {
    // Deterministic mutations (seeded): delete, duplicate or replace one byte with a JSON-significant one.
    const std::string alphabet = "{}[]\",:0-1.eE \\/un\xE4\xB8\xAD\x01";
    std::mt19937 random(14);
    int accepted = 0;
    for (const char* name : {"/good/mini.json", "/good/escape.json", "/good/four_chains.json"}) {
        std::string original = readText(std::string(CHAINATLAS_TEST_DATA_DIR) + name);
        for (int round = 0; round < 1500; ++round) {
            std::string text = original;
            std::size_t at = random() % text.size();
            switch (random() % 3) {
                case 0: text.erase(at, 1); break;
                case 1: text.insert(at, 1, text[at]); break;
                default: text[at] = alphabet[random() % alphabet.size()]; break;
            }
            std::optional<Chain> fast = fastChainFromJson(text);
            if (!fast) continue;
            ++accepted;
            INFO(text);
            LoadResult slow = validateChainText(text, "mutated.json");
            REQUIRE(slow.ok());
            CHECK(slow.diagnostics.empty());
            checkSameChain(*fast, *slow.chain);
        }
    }
    CHECK(accepted > 100);  // harmless changes (inside names, spaces) must still take the fast path
}

TEST_CASE("a file with a byte-order mark takes the fast path through loadChainFile") {
    std::string path = (std::filesystem::temp_directory_path() / "chainatlas-fast-bom.json").string();
    std::string text = "\xEF\xBB\xBF" + readText(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json");
    REQUIRE(writeFileAtomically(path, text));
    std::optional<PaddedText> padded = readPaddedFile(path);
    REQUIRE(padded);
    CHECK(padded->view() == text);
    LoadResult loaded = loadChainFile(path);
    std::filesystem::remove(path);
    REQUIRE(loaded.ok());
    checkSameChain(*loaded.chain, *validateChainText(text.substr(3), "mini.json").chain);
}

// loadChainFile maps the file: a file that ends on a page boundary (its padding is the zero page mapped after
// it), a byte short of one, or less than the padding short of one (the padding crosses into that page) loads
// by the fast path to the same model as the validator builds.
TEST_CASE("a mapped file ending at or just before a page boundary loads to the same model by both paths") {
    std::string text = readText(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json");
    auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    std::size_t pages = text.size() / page + 1;
    for (std::size_t size : {pages * page, pages * page - 1, pages * page - fastLoadPadding() + 1}) {
        CAPTURE(size);
        std::string padded = text + std::string(size - text.size(), ' ');  // blanks after the object
        std::string path = (std::filesystem::temp_directory_path() / "chainatlas-fast-page.json").string();
        REQUIRE(writeFileAtomically(path, padded));
        LoadResult loaded = loadChainFile(path);
        std::filesystem::remove(path);
        REQUIRE(loaded.ok());
        CHECK(loaded.diagnostics.empty());
        REQUIRE(fastChainFromJson(padded));  // the fast path takes it (so loadChainFile's model is the fast one)
        checkSameChain(*loaded.chain, *validateChainText(padded, "mini.json").chain);
    }
}

// CSV folders: the fast path (csv_fast.cpp) against the validating reader (readCsvFolder + the validator).
namespace {

namespace fs = std::filesystem;

void checkBothCsvPaths(const std::string& folder) {
    INFO(folder);
    std::optional<Chain> fast = fastChainFromCsvFolder(folder);
    LoadResult slow = validateCsvFolder(folder);
    REQUIRE(slow.ok());
    REQUIRE(slow.diagnostics.empty());
    REQUIRE(fast.has_value());
    checkSameChain(*fast, *slow.chain);
}

// A scratch folder named `name` (its name is the chain's id), removed when the test ends.
struct ScratchFolder {
    fs::path path;
    explicit ScratchFolder(const std::string& name)
        : path(fs::temp_directory_path() / ("chainatlas-fast-csv-" + std::to_string(::getpid())) / name) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~ScratchFolder() { fs::remove_all(path.parent_path()); }
    void write(const std::string& file, const std::string& text) const {
        REQUIRE(writeFileAtomically((path / file).string(), text));
    }
};

std::map<std::string, std::string> filesOf(const std::string& folder) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::directory_iterator(folder))
        files[entry.path().filename().string()] = readText(entry.path().string());
    return files;
}

// The good folder's files with a resources.csv and a ties.csv added (the four chains, §3.9).
std::map<std::string, std::string> goodFilesWithResources() {
    std::map<std::string, std::string> files = filesOf(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/csv_mini");
    files["resources.csv"] = "id,kind,region,segments,confidence\nu,university,suzhou,b;a,A\nfund,fund,shanghai,,C\n";
    files["ties.csv"] = "resource,firm,kind,confidence\nu,f1,spinoff,B\nfund,f3,investment,A\n";
    return files;
}

}  // namespace

TEST_CASE("CSV folders: the good folder and a synthetic one load to the same model by both paths") {
    checkBothCsvPaths(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/csv_mini");
    bench::SyntheticSpec spec;
    spec.segments = 40, spec.regions = 30, spec.firms = 2000, spec.supplies = 6000, spec.resources = 60,
    spec.ties = 300;
    Chain generated = bench::generateChain(spec);
    ScratchFolder folder("synthetic");
    REQUIRE(bench::writeCsvFolder(generated, folder.path.string()));
    checkBothCsvPaths(folder.path.string());
    // And the same model as the JSON file of the same chain, but for what only a JSON file has: the chain's
    // name and note (a CSV folder's name is its folder's).
    std::optional<Chain> csv = fastChainFromCsvFolder(folder.path.string());
    LoadResult json = loadChainText(chainToJson(generated).dump(), "synthetic.json");
    REQUIRE(csv);
    REQUIRE(json.ok());
    CHECK(csv->id == "synthetic");
    CHECK(csv->resources.size() == 60);
    CHECK(csv->ties.size() == 300);
    csv->name = json.chain->name;
    csv->note = json.chain->note;
    checkSameChain(*csv, *json.chain);
}

TEST_CASE("CSV folders: quoting, extra columns, list cells, blank lines and CRLF reach the model as validated") {
    ScratchFolder folder("Quirks_2024");  // the id is the folder's name in lower case
    folder.write("segments.csv",
                 "id,name_zh,tech,sources,+memo\r\n\"a\",\"甲, 乙\",0.5,s1; s1 ;,\"say \"\"x\"\"\"\r\n"
                 "b, 乙 ,,,\r\n\r\n");
    folder.write("sources.csv", "id,title,url\ns1,\"T\"\"itle\",https://example.org\n");
    folder.write("links.csv", "from,to\na,b\n");
    folder.write("regions.csv", "id,lon,lat\nr,-120.5,0\nq,,\n");
    folder.write("firms.csv", "id,name_en,leader,land,+x-crm\nf,\"F\nnewline\",yes,1e-3,12\ng,,0,,\nh,,,,\n");
    folder.write("sites.csv", "firm,region,segments,output,confidence\ng,r,b;a,2,B\nf,q,a,,\nf,r,b\nh,r,a\n");
    folder.write("supplies.csv", "from,to,segment,confidence\nf,g,a,A\ng,h,,\n");
    // Ties before their resources' file is read (ties.csv comes after it in the spec, not in the folder),
    // segments repeated and unsorted, an empty segments cell (the whole chain), a quoted note, an extra column.
    folder.write("resources.csv",
                 "id,kind,region,segments,sources,confidence,note,+rank\r\n"
                 "u,lab,r, b ; a;b ,s1;s1,A,\"a, b\",1\r\nv,platform,q,,,C,,\r\n");
    folder.write("ties.csv", "firm,resource,kind,confidence,+since\ng,v,joint-lab,B,2020\nf,u,license,C,\n");
    checkBothCsvPaths(folder.path.string());
    Chain chain = *fastChainFromCsvFolder(folder.path.string());
    CHECK(chain.id == "quirks_2024");
    CHECK(chain.segments[0].name.zh == "甲, 乙");
    CHECK(chain.segments[0].extra["memo"] == "say \"x\"");
    CHECK(chain.firms[0].name.en == "F\nnewline");
    CHECK(chain.firms[0].sites.size() == 2);  // sites go into their firm in file order
    CHECK(chain.firms[1].sites[0].segments == std::vector<int>{0, 1});
    REQUIRE(chain.resources.size() == 2);
    CHECK(chain.resources[0].segments == std::vector<int>{0, 1});  // " b ; a;b ": a = 0, b = 1, once each
    CHECK(chain.resources[0].sources == std::vector<int>{0});
    CHECK(chain.resources[0].note == "a, b");
    CHECK(chain.resources[0].extra["rank"] == "1");  // an extra column keeps its text
    CHECK(chain.resources[1].kind == ResourceKind::Platform);
    CHECK(chain.resources[1].segments.empty());
    REQUIRE(chain.ties.size() == 2);
    CHECK(chain.ties[0].firm == 1);      // g
    CHECK(chain.ties[0].resource == 1);  // v
    CHECK(chain.ties[0].kind == TieKind::JointLab);
    CHECK(chain.ties[1].kind == TieKind::License);
}

TEST_CASE("CSV folders: the fast path leaves every bad folder and every CSV problem to the validating reader") {
    for (const char* bad : {"csv_reserved_column", "csv_unknown_region", "csv_utf16"})
        CHECK_FALSE(fastChainFromCsvFolder(std::string(CHAINATLAS_TEST_DATA_DIR) + "/bad/" + bad).has_value());
    std::map<std::string, std::string> good = goodFilesWithResources();
    checkBothCsvPaths(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/csv_mini");
    {
        ScratchFolder undamaged("undamaged");
        for (const auto& [name, text] : good) undamaged.write(name, text);
        checkBothCsvPaths(undamaged.path.string());  // the resources and ties below damage this
    }
    // Each damages one file of the good folder in a way the reader or the validator has something to say about.
    std::vector<std::pair<std::string, std::string>> damages = {
        {"firms.csv", good["firms.csv"] + "\"open quote\n"},                   // a quote never closed
        {"firms.csv", good["firms.csv"] + "x9,,,,,,,,,,,,,,,,,,\n"},           // more fields than the header
        {"firms.csv", "memo," + good["firms.csv"]},                            // unknown first column: an error
        {"sites.csv", good["sites.csv"] + "nobody,r1,s1\n"},                   // a site of an unknown firm
        {"regions.csv", "id,lon\nr,east\n"},                                   // not a number
        {"firms.csv", "id,leader\nf,maybe\n"},                                 // not a boolean
        {"segments.csv", "id,tech\na,1e999\n"},                                // out of range
        {"segments.csv", "id,id\na,b\n"},                                      // a column twice
        {"sites.csv", "firm,region,segments\n"},                               // header only: firms without sites
        {"segments.csv", ""},                                                  // empty file
        {"resources.csv", "id,kind,region,confidence\nu,college,suzhou,A\n"},  // unknown kind
        {"resources.csv", "id,kind,region,confidence\nu,lab,suzhou,\n"},       // no confidence
        {"resources.csv", "id,kind,region,confidence\nu,lab,suzhou,X\n"},      // not A, B or C
        {"resources.csv", "id,kind,region,confidence\nu,lab,suzho,A\n"},       // unknown region
        {"resources.csv", "id,kind,confidence\nu,lab,A\n"},                    // no region
        {"resources.csv", "id,kind,region,segments,confidence\nu,lab,suzhou,a;z,A\n"},      // unknown segment
        {"resources.csv", "id,kind,region,sources,confidence\nu,lab,suzhou,src-9,A\n"},     // unknown source
        {"resources.csv", "id,kind,region,confidence\nf1,lab,suzhou,A\nu,lab,suzhou,A\n"},  // a firm's id
        {"resources.csv", "id,kind,region,confidence\nu,lab,suzhou,A\nu,fund,suzhou,B\n"},  // id twice
        {"resources.csv", "id,kind,region,confidence,name\nu,lab,suzhou,A,U\n"},            // reserved column
        {"resources.csv", "kind,region,confidence\nlab,suzhou,A\n"},                        // no id
        {"ties.csv", "resource,firm,kind,confidence\nu,f9,spinoff,A\n"},                    // unknown firm
        {"ties.csv", "resource,firm,kind,confidence\nv,f1,spinoff,A\n"},                    // unknown resource
        {"ties.csv", "resource,firm,kind,confidence\nu,f1,spin-off,A\n"},                   // unknown kind
        {"ties.csv", "resource,firm,kind\nu,f1,spinoff\n"},                                 // no confidence
        {"ties.csv", "resource,firm,kind,confidence\nu,f1,spinoff,a\n"},                    // lower-case confidence
        {"ties.csv", "memo,resource,firm,kind,confidence\nx,u,f1,spinoff,A\n"},             // unknown first column
    };
    for (const auto& damage : damages) {
        const auto& [file, text] = damage;
        INFO(damage.first << ": " << damage.second);  // (clang 14 cannot capture a structured binding)
        ScratchFolder folder("damaged");
        for (const auto& [name, original] : good) folder.write(name, name == file ? text : original);
        std::optional<Chain> fast = fastChainFromCsvFolder(folder.path.string());
        LoadResult slow = validateCsvFolder(folder.path.string());
        if (file == "resources.csv" || file == "ties.csv") CHECK_FALSE(slow.diagnostics.empty());  // each a problem
        if (!slow.ok() || !slow.diagnostics.empty()) {
            CHECK_FALSE(fast.has_value());  // the validating reader has something to say: it must be asked
            continue;
        }
        if (!fast) continue;  // valid, but left to the validating reader
        checkSameChain(*fast, *slow.chain);
    }
    fs::remove_all(fs::temp_directory_path() / ("chainatlas-fast-csv-" + std::to_string(::getpid())));
}

TEST_CASE(
    "CSV folders: random damage — the fast path refuses whatever the validating reader reports, else builds the same") {
    std::map<std::string, std::string> good = goodFilesWithResources();
    const std::string alphabet = ",;\"\r\n 1-.eabx\xE4\xB8\xAD\t";
    std::mt19937 random(1402);
    int accepted = 0, rounds = 0;
    ScratchFolder folder("mutated");
    for (const auto& [name, text] : good) folder.write(name, text);
    std::vector<std::string> names;
    names.reserve(good.size());
    for (const auto& [name, text] : good) names.push_back(name);
    for (; rounds < 600; ++rounds) {
        const std::string& name = names[random() % names.size()];
        std::string text = good[name];
        if (text.empty()) continue;
        std::size_t at = random() % text.size();
        switch (random() % 3) {
            case 0: text.erase(at, 1); break;
            case 1: text.insert(at, 1, text[at]); break;
            default: text[at] = alphabet[random() % alphabet.size()]; break;
        }
        folder.write(name, text);
        std::optional<Chain> fast = fastChainFromCsvFolder(folder.path.string());
        LoadResult slow = validateCsvFolder(folder.path.string());
        INFO(name << ":\n" << text);
        if (!slow.ok() || !slow.diagnostics.empty()) {
            CHECK_FALSE(fast.has_value());
        } else if (fast) {
            ++accepted;
            checkSameChain(*fast, *slow.chain);
        }
        folder.write(name, good[name]);
    }
    CHECK(accepted > 50);  // harmless changes (inside names, spaces) still take the fast path
}

TEST_CASE("issue 25.11: bytes after a kept scalar (a NUL, then garbage) are refused by both paths") {
    std::string text = std::string(R"({"format": "chainatlas/1", "chain": {"id": "c", "x": 1)") +
                       std::string("\0\x01garbage", 9) +
                       R"(}, "segments": [{"id": "a"}], "regions": [{"id": "r"}], "firms": []})";
    CHECK_FALSE(fastChainFromJson(text).has_value());  // before: accepted, "x" kept as 1
    LoadResult result = loadChainText(text, "t.json");
    REQUIRE_FALSE(result.ok());
    CHECK(result.diagnostics[0].message.find("binary data (control byte 0)") == 0);
}

// A supply's optional keys are kept beside the supplies, for the supplies that have any (a json in each of
// five million supplies took 80 MB): both loaders keep them at the supply's index, and writing the chain back
// gives them again.
TEST_CASE("a supply's optional keys are kept at its index by both loaders and written back") {
    const std::string text = R"({"format": "chainatlas/1", "chain": {"id": "c"},
      "segments": [{"id": "x"}], "links": [], "regions": [{"id": "r"}],
      "firms": [{"id": "a", "sites": [{"region": "r", "segments": ["x"]}]},
                {"id": "b", "sites": [{"region": "r", "segments": ["x"]}]},
                {"id": "c", "sites": [{"region": "r", "segments": ["x"]}]}],
      "supplies": [{"from": "a", "to": "b"},
                   {"from": "b", "to": "c", "contract": {"since": 2021, "memo": "三年框架协议"}},
                   {"from": "a", "to": "c"},
                   {"from": "c", "to": "a", "crm": "42"}]})";
    checkBothPaths(text, "supply-extras");
    std::optional<Chain> fast = fastChainFromJson(text);
    LoadResult slow = validateChainText(text, "supply-extras");
    REQUIRE(fast.has_value());
    REQUIRE(slow.ok());
    for (const Chain* chain : {&*fast, &*slow.chain}) {
        REQUIRE(chain->supplyExtras.size() == 2);  // only the two supplies that have optional keys
        CHECK(supplyExtra(*chain, 0).is_null());
        CHECK(supplyExtra(*chain, 1)["contract"]["since"] == 2021);
        CHECK(supplyExtra(*chain, 1)["contract"]["memo"] == "三年框架协议");
        CHECK(supplyExtra(*chain, 2).is_null());
        CHECK(supplyExtra(*chain, 3)["crm"] == "42");
        CHECK(supplyExtra(*chain, 4).is_null());  // past the end: none
        nlohmann::json written = chainToJson(*chain);
        CHECK(written["supplies"][1]["contract"]["memo"] == "三年框架协议");
        CHECK(written["supplies"][3]["crm"] == "42");
        CHECK_FALSE(written["supplies"][0].contains("crm"));
        CHECK_FALSE(written["supplies"][2].contains("contract"));
    }
}
