// CSV folders: the same chain as JSON, and located errors in CSV files.
#include <doctest/doctest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "chainatlas/load.hpp"
#include "chainatlas/profile.hpp"
#include "chainatlas/targets.hpp"
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
        if (d.file == folder + "/sites.csv" && d.location == "3:4" && d.message.find("suzhou") != std::string::npos)
            region = true;
        if (d.file == folder + "/firms.csv" && d.location == "3:16" &&
            d.message.find("must be a number") != std::string::npos)
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
        if (d.file.find("segments.csv") != std::string::npos && d.message.find("missing") != std::string::npos)
            segments = true;
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

TEST_CASE("segments.csv carries the six metrics, the division and sources — a bad metric is a located error") {
    namespace fs = std::filesystem;
    fs::path folder = fs::temp_directory_path() / ("chainatlas-csv-segments-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::copy(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/csv_mini", folder);
    std::ofstream(folder / "segments.csv")
        << "id,name_zh,name_en,stage,tech,profit,growth,pollution,energy,land,division,sources\n"
           "a,锂,Lithium,up,0.02,,,0.5,,,B0912,src-1\n"
           "b,正极,Cathode,up,,,,,,,,\n"
           "c,电芯,Cell,down,0.04,,,0.1,,,C3841,src-1\n"
           "d,整车,Vehicle,down,,,,,,,,\n";
    Chain chain = test::chainFromFile(folder.string());
    CHECK(chain.segments[0].metrics[0] == 0.02);
    CHECK(chain.segments[0].metrics[3] == 0.5);
    CHECK_FALSE(chain.segments[1].metrics[0].has_value());
    CHECK(chain.segments[2].division == "C3841");
    CHECK(chain.segments[0].sources.size() == 1);
    // P(a): tech q 0, pollution q 1 (1 - q = 0) -> (0 + 0.5 * 4)/6 = 2/6; P(c): tech 1, pollution 1 - 0 -> 4/6.
    auto profile = segmentProfiles(chain);
    CHECK(*profile[0] == doctest::Approx(2.0 / 6));
    CHECK(*profile[2] == doctest::Approx(4.0 / 6));
    CHECK_FALSE(profile[1].has_value());

    std::ofstream(folder / "segments.csv") << "id,name_zh,name_en,stage,tech\na,锂,Lithium,up,-1\nb,正极,Cathode,up,\n"
                                              "c,电芯,Cell,down,x\nd,整车,Vehicle,down,\n";
    LoadResult bad = loadChainFile(folder.string());
    CHECK_FALSE(bad.ok());
    bool negative = false, notNumber = false;
    for (const auto& d : bad.diagnostics) {
        if (d.file == (folder / "segments.csv").string() && d.location.rfind("2:", 0) == 0 &&
            d.message.find("negative") != std::string::npos)
            negative = true;
        if (d.file == (folder / "segments.csv").string() && d.location.rfind("4:", 0) == 0 &&
            d.message.find("must be a number") != std::string::npos)
            notNumber = true;
    }
    CHECK(negative);
    CHECK(notNumber);
    fs::remove_all(folder);
}

namespace {

// A copy of csv_mini with `file` replaced by `content`.
std::string miniWith(const std::string& file, const std::string& content) {
    namespace fs = std::filesystem;
    fs::path folder = fs::temp_directory_path() / ("chainatlas-csv-" + std::to_string(::getpid()) + "-" + file);
    fs::remove_all(folder);
    fs::copy(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/csv_mini", folder);
    std::ofstream(folder / file, std::ios::binary | std::ios::trunc) << content;
    return folder.string();
}

}  // namespace

TEST_CASE("issue 25.13: a CSV with CR-only line endings reports the right line") {
    std::string folder = miniWith("sites.csv",
                                  "firm,region,segments,output\rf1,suzhou,a,2\rf2,shanghai,b;d,\rf3,suzhuo,c,\r");
    LoadResult result = loadChainFile(folder);
    REQUIRE_FALSE(result.ok());
    CHECK(result.diagnostics[0].file == folder + "/sites.csv");
    CHECK(result.diagnostics[0].location == "4:4");  // before: 1:60
    CHECK(result.diagnostics[0].message.find("unknown region \"suzhuo\"") == 0);
    std::filesystem::remove_all(folder);
}

TEST_CASE("issue 25.16: a NUL or another control byte in a CSV cell is refused, located, as in JSON") {
    std::string folder = miniWith("sites.csv", std::string("firm,region,segments,output\nf1,su\0zhou,a,2\n", 43));
    LoadResult result = loadChainFile(folder);
    REQUIRE_FALSE(result.ok());  // before: accepted, the region id "su\0zhou" unknown at best
    CHECK(result.diagnostics[0].location == "2:6");
    CHECK(result.diagnostics[0].message.find("binary data (control byte 0)") == 0);
    std::filesystem::remove_all(folder);
    folder = miniWith("firms.csv", "id,name_zh\nf1,F\x1b[2J1\nf2,F2\nf3,F3\n");
    result = loadChainFile(folder);
    REQUIRE_FALSE(result.ok());
    CHECK(result.diagnostics[0].location == "2:5");
    std::filesystem::remove_all(folder);
}
