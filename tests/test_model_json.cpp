// JSON mapping of the model: round trip and missing optional fields.
#include <doctest/doctest.h>

#include "chainatlas/load/load.hpp"
#include "helpers.hpp"

using namespace chainatlas;

TEST_CASE("a chain survives a round trip through JSON unchanged") {
    Chain chain = test::chainFromFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json");
    nlohmann::json once = chainToJson(chain);
    Chain again = test::chainFrom(once.dump());
    CHECK(chainToJson(again) == once);
    CHECK(again.firms[1].leader == true);
    CHECK(again.firms[0].sites[0].output == 2.0);
    CHECK_FALSE(again.firms[1].sites[0].output.has_value());
}

TEST_CASE("kept keys (confidence, unknown ones) come back on the round trip") {
    std::string text = test::document(
        R"([{"id": "a", "name": {"zh": "锂", "en": "Lithium"}, "hs_code": "2825"}])", "[]",
        R"([{"id": "r", "lon": 120.5, "lat": 31.25}])",
        R"([{"id": "f", "metrics": {"tech": 0.1, "land": 3}, "sites": [{"region": "r", "segments": ["a"], "confidence": "B", "note": "x"}]}])",
        R"([{"from": "f", "to": "f", "confidence": "A"}])");
    Chain chain = test::chainFrom(text);
    nlohmann::json doc = chainToJson(chain);
    CHECK(doc["segments"][0]["hs_code"] == "2825");
    CHECK(doc["segments"][0]["name"]["zh"] == "锂");
    CHECK(doc["regions"][0]["lat"] == 31.25);
    CHECK(doc["firms"][0]["sites"][0]["confidence"] == "B");
    CHECK(doc["firms"][0]["sites"][0]["note"] == "x");
    CHECK(doc["firms"][0]["metrics"]["land"] == 3.0);
    CHECK_FALSE(doc["firms"][0]["metrics"].contains("profit"));
    CHECK(doc["supplies"][0]["confidence"] == "A");
}

TEST_CASE("missing optional fields take their defaults") {
    Chain chain = test::chainFrom(test::document(R"([{"id": "a"}])", "[]", R"([{"id": "r"}])",
                                                 R"([{"id": "f", "sites": [{"region": "r", "segments": ["a"]}]}])"));
    const Firm& firm = chain.firms[0];
    CHECK_FALSE(firm.leader);
    for (const auto& metric : firm.metrics) CHECK_FALSE(metric.has_value());
    CHECK(firm.sources.empty());
    CHECK(firm.sites[0].outputOrOne() == 1.0);
    CHECK(chain.segments[0].stage == -1);
    CHECK(chain.segments[0].name.pick(Lang::En, chain.segments[0].id) == "a");
    CHECK(chain.stages.empty());
}

TEST_CASE("missing required fields are errors with their pointer") {
    LoadResult result = loadChainText(
        R"({"format": "chainatlas/1", "chain": {"name": "x"}, "segments": [{"name": "no id"}], "regions": [], "firms": [{"id": "f", "sites": [{"segments": []}]}]})",
        "r.json");
    CHECK_FALSE(result.ok());
    std::vector<std::string> locations;
    for (const auto& d : result.diagnostics) locations.push_back(d.location);
    auto has = [&](const std::string& l) {
        return std::find(locations.begin(), locations.end(), l) != locations.end();
    };
    CHECK(has("/chain/id"));
    CHECK(has("/segments/0/id"));
    CHECK(has("/firms/0/sites/0/region"));
    CHECK(has("/firms/0/sites/0/segments"));
}

TEST_CASE("a site's and a supply's confidence: grades shared, any other text kept as written, copies apart") {
    // Eight bytes in the model (a supply was 64 bytes with a string here; 48 with its two plants and year).
    static_assert(sizeof(Confidence) == sizeof(void*));
    static_assert(sizeof(Supply) <= 48);
    Confidence a("A"), b = a, other("probable (press report)"), empty;
    CHECK(a == "A");
    CHECK(b == a);
    CHECK(std::string_view(a.c_str()) == "A");
    CHECK(empty.empty());
    CHECK(std::string_view(empty.c_str()).empty());
    CHECK(other.str() == "probable (press report)");
    Confidence copy = other;  // a copy of an owned text is its own: changing one leaves the other
    copy = "C";
    CHECK(copy == "C");
    CHECK(other == "probable (press report)");
    other = other.view();  // assigned from its own text: still whole
    CHECK(other == "probable (press report)");
    Confidence moved = std::move(other);
    CHECK(moved == "probable (press report)");
    moved = std::string_view();
    CHECK(moved.empty());

    std::string text = test::document(
        R"([{"id": "a"}])", "[]", R"([{"id": "r"}])",
        R"([{"id": "f", "sites": [{"region": "r", "segments": ["a"], "confidence": "probable"}]}, {"id": "g"}])",
        R"([{"from": "f", "to": "g", "confidence": "C"}, {"from": "g", "to": "f", "confidence": "b?"}])");
    Chain chain = test::chainFrom(text);
    CHECK(chain.firms[0].sites[0].confidence == "probable");
    CHECK(chain.supplies[0].confidence == "C");
    CHECK(chain.supplies[1].confidence == "b?");
    nlohmann::json doc = chainToJson(chain);
    CHECK(doc["firms"][0]["sites"][0]["confidence"] == "probable");
    CHECK(doc["supplies"][1]["confidence"] == "b?");
}
