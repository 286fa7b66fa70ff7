// CSV folders: the same chain as JSON, and located errors in CSV files.
#include <doctest/doctest.h>

#include "chainatlas/load.hpp"
#include "helpers.hpp"

using namespace chainatlas;

TEST_CASE("a CSV folder loads to the same model as the equivalent JSON file") {
    Chain csv = test::chainFromFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/csv_mini");
    Chain json = test::chainFromFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json");
    REQUIRE(csv.firms.size() == 3);
    CHECK(csv.firms[2].name.zh == "F3, \"quoted\"");  // quoted field with a comma and doubled quotes
    CHECK(csv.firms[1].leader);
    CHECK(csv.firms[0].sites[0].output == 2.0);
    CHECK(csv.firms[1].sites[0].segments == std::vector<int>{1, 3});
    CHECK_FALSE(csv.firms[1].sites[0].output.has_value());  // empty cell: absent, counts as 1
    nlohmann::json a = chainToJson(csv), b = chainToJson(json);
    CHECK(a["segments"] == b["segments"]);
    CHECK(a["links"] == b["links"]);
    CHECK(a["supplies"] == b["supplies"]);
    for (std::size_t f = 0; f < 3; ++f) CHECK(a["firms"][f]["sites"] == b["firms"][f]["sites"]);
}

TEST_CASE("CSV errors name the CSV file, line and column") {
    std::string folder = std::string(CHAINATLAS_TEST_DATA_DIR) + "/bad/csv_unknown_region";
    LoadResult result = loadChainFile(folder);
    CHECK_FALSE(result.ok());
    bool region = false, number = false;
    for (const auto& d : result.diagnostics) {
        if (d.file == folder + "/sites.csv" && d.location == "3:4" && d.message.find("suzhou") != std::string::npos) region = true;
        if (d.file == folder + "/firms.csv" && d.location == "3:16" && d.message.find("must be a number") != std::string::npos)
            number = true;
    }
    CHECK(region);
    CHECK(number);
}

TEST_CASE("a folder without its required files says which is missing") {
    LoadResult result = loadChainFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good");
    CHECK_FALSE(result.ok());
    bool segments = false;
    for (const auto& d : result.diagnostics)
        if (d.file.find("segments.csv") != std::string::npos && d.message.find("missing") != std::string::npos) segments = true;
    CHECK(segments);
}

TEST_CASE("a CSV file saved as UTF-16 is named, with the fix") {
    std::string folder = std::string(CHAINATLAS_TEST_DATA_DIR) + "/bad/csv_utf16";
    LoadResult result = loadChainFile(folder);
    CHECK_FALSE(result.ok());
    REQUIRE_FALSE(result.diagnostics.empty());
    CHECK(result.diagnostics[0].file == folder + "/firms.csv");
    CHECK(result.diagnostics[0].location == "1:1");
    CHECK(result.diagnostics[0].message.find("CSV UTF-8") != std::string::npos);
}
