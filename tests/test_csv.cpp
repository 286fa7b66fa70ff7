// CSV folders: the same chain as JSON, and located errors in CSV files.
#include <doctest/doctest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "chainatlas/analysis/targets.hpp"
#include "chainatlas/load/load.hpp"
#include "chainatlas/model/profile.hpp"
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

// --- The planner's own data (README "CSV folders and workbooks") ---
namespace {

namespace fs = std::filesystem;

// A scratch copy of csv_mini with some files replaced, removed when the test ends.
struct PlannerFolder {
    fs::path path;
    explicit PlannerFolder(const std::string& name)
        : path(fs::temp_directory_path() / ("chainatlas-planner-" + std::to_string(::getpid())) / name) {
        fs::remove_all(path);
        fs::create_directories(path.parent_path());
        fs::copy(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/csv_mini", path);
    }
    ~PlannerFolder() { fs::remove_all(path.parent_path()); }
    void write(const std::string& file, const std::string& text) const { std::ofstream(path / file) << text; }
    LoadResult load() const { return loadChainFile(path.string()); }
};

std::string allOf(const LoadResult& result) {
    std::string text;
    for (const auto& d : result.diagnostics) text += formatDiagnostic(d) + "\n";
    return text;
}

// The one diagnostic at `file` and `location`, or an empty message.
std::string messageAt(const LoadResult& result, const std::string& file, const std::string& location) {
    for (const auto& d : result.diagnostics)
        if (fs::path(d.file).filename() == file && d.location == location) return d.message;
    return {};
}

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

TEST_CASE("booleans: true/false, TRUE/FALSE, 1/0, 是/否, Y/N, yes/no, and anything else is a located error") {
    PlannerFolder folder("booleans");
    const std::pair<const char*, bool> cases[] = {{"true", true},   {"TRUE", true}, {"1", true},   {"是", true},
                                                  {"Y", true},      {"y", true},    {"Yes", true}, {"false", false},
                                                  {"FALSE", false}, {"0", false},   {"否", false}, {"N", false},
                                                  {"no", false}};
    for (const auto& booleanCase : cases) {
        const char* text = booleanCase.first;  // a named variable: doctest's INFO captures it by reference
        bool value = booleanCase.second;
        INFO(text);
        folder.write("firms.csv", std::string("id,leader\nf1,") + text + "\nf2,\nf3,\n");
        Chain chain = test::chainFromFile(folder.path.string());
        CHECK(chain.firms[0].leader == value);
        CHECK_FALSE(chain.firms[1].leader);  // empty: absent, not a leader
    }
    folder.write("firms.csv", "id,leader\nf1,maybe\nf2,\nf3,\n");
    LoadResult bad = folder.load();
    CHECK_FALSE(bad.ok());
    CHECK(messageAt(bad, "firms.csv", "2:4").find("是/否") != std::string::npos);
}

TEST_CASE("Chinese header labels read as the English names, and both rows of a template are accepted") {
    PlannerFolder folder("labels");
    folder.write("firms.csv",
                 "企业编号,企业名称,英文名称,链主,来源\nf1,F1,F1,否,src-1\nf2,F2,F2,是,src-1\n"
                 "f3,\"F3, \"\"quoted\"\"\",F3,否,src-1\n");
    folder.write("sites.csv",
                 "企业编号,所在区域,所属环节,产值\nfirm,region,segments,output\nf1,suzhou,a,2\n"
                 "f2,shanghai,b;d,\nf3,suzhou,c,\n");
    Chain labelled = test::chainFromFile(folder.path.string());
    Chain english = test::chainFromFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/csv_mini");
    labelled.id = english.id, labelled.name = english.name;
    CHECK(chainToJson(labelled) == chainToJson(english));
    CHECK(labelled.firms[1].leader);
}

TEST_CASE("an unknown or repeated header is an error naming file and column, with did-you-mean") {
    PlannerFolder folder("headers");
    folder.write("firms.csv", "id,firm_name,leadr,企业名\nf1,F1,true,x\nf2,,,\nf3,,,\n");
    LoadResult result = folder.load();
    CHECK_FALSE(result.ok());
    INFO(allOf(result));
    CHECK(messageAt(result, "firms.csv", "1:4").find("unknown column \"firm_name\"") != std::string::npos);
    CHECK(messageAt(result, "firms.csv", "1:4").find("did you mean \"name_zh\"") != std::string::npos);
    CHECK(messageAt(result, "firms.csv", "1:14").find("did you mean \"leader\"") != std::string::npos);
    CHECK(messageAt(result, "firms.csv", "1:20").find("did you mean \"企业名称\"") != std::string::npos);

    folder.write("firms.csv", "id,name_zh,企业名称\nf1,F1,F1\nf2,,\nf3,,\n");
    result = folder.load();
    CHECK_FALSE(result.ok());
    CHECK(messageAt(result, "firms.csv", "1:12").find("same column as \"name_zh\"") != std::string::npos);

    // A column carried along unread is named "+key"; it must not be a key the columns fill.
    folder.write("firms.csv", "id,+crm,+name\nf1,12,x\nf2,,\nf3,,\n");
    result = folder.load();
    CHECK_FALSE(result.ok());
    CHECK(messageAt(result, "firms.csv", "1:9").find("cannot be kept") != std::string::npos);
    folder.write("firms.csv", "id,+crm,+tags:json\nf1,12,\"[1,2]\"\nf2,,\nf3,,\n");
    Chain chain = test::chainFromFile(folder.path.string());
    CHECK(chain.firms[0].extra["crm"] == "12");
    CHECK(chain.firms[0].extra["tags"] == nlohmann::json::array({1, 2}));
    CHECK_FALSE(chain.firms[1].extra.contains("crm"));  // an empty cell: no key
}

TEST_CASE("a name where an id belongs gets did-you-mean with the id") {
    PlannerFolder folder("names");
    folder.write("sites.csv", "firm,region,segments\nf1,苏州,a\nf2,shanghai,正极;d\nf3,Suzhou,c\n");
    LoadResult result = folder.load();
    CHECK_FALSE(result.ok());
    INFO(allOf(result));
    CHECK(messageAt(result, "sites.csv", "2:4") == "unknown region \"苏州\" (did you mean \"suzhou\", 苏州?)");
    CHECK(messageAt(result, "sites.csv", "3:13") == "unknown segment \"正极\" (did you mean \"b\", 正极?)");
    CHECK(messageAt(result, "sites.csv", "4:4") == "unknown region \"Suzhou\" (did you mean \"suzhou\", Suzhou?)");
}

TEST_CASE("a firm with no site is a warning naming it, and the chain still loads") {
    PlannerFolder folder("siteless");
    folder.write("firms.csv", "id,name_zh\nf1,F1\nf2,F2\nf3,F3\nf4,县里的企业\n");
    LoadResult result = folder.load();
    REQUIRE(result.ok());
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].severity == Severity::Warning);
    CHECK(fs::path(result.diagnostics[0].file).filename() == "firms.csv");
    CHECK(result.diagnostics[0].location == "5:1");
    CHECK(result.diagnostics[0].message.find("\"f4\" (县里的企业) has no site") != std::string::npos);
}

TEST_CASE("a GB18030 folder (Excel's Chinese CSV) reads like its UTF-8 twin, with a note") {
    LoadResult gb = loadChainFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/csv_gb18030");
    INFO(allOf(gb));
    REQUIRE(gb.ok());
    bool noted = false;
    for (const auto& d : gb.diagnostics)
        noted = noted || (d.severity == Severity::Note && d.message.find("GB18030") != std::string::npos);
    CHECK(noted);
    Chain utf8 = test::chainFromFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/csv_mini");
    gb.chain->id = utf8.id, gb.chain->name = utf8.name;
    CHECK(chainToJson(*gb.chain) == chainToJson(utf8));
    CHECK(gb.chain->segments[0].name.zh == "锂");

    // Bytes that are neither UTF-8 nor GB18030: a located error that says how to save as UTF-8.
    PlannerFolder folder("latin");
    folder.write("regions.csv", "id,name_zh\nsuzhou,\xFF\xFF\nshanghai,x\n");
    LoadResult bad = folder.load();
    CHECK_FALSE(bad.ok());
    CHECK(messageAt(bad, "regions.csv", "2:8").find("CSV UTF-8") != std::string::npos);
}

TEST_CASE("chain.csv names the chain, and without stages.csv the default stages are there") {
    PlannerFolder folder("My2");
    CHECK(test::chainFromFile(folder.path.string()).id == "my2");  // the folder's name, without chain.csv
    folder.write("chain.csv",
                 "id,name_zh,name_en,note_zh,note_en\nweinan-nev,渭南新能源汽车,Weinan NEV,示意,Illustrative\n");
    fs::remove(folder.path / "stages.csv");
    folder.write("segments.csv", "id,stage\na,upstream\nb,midstream\nc,downstream\nd,\n");
    Chain chain = test::chainFromFile(folder.path.string());
    CHECK(chain.id == "weinan-nev");
    CHECK(chain.name.zh == "渭南新能源汽车");
    CHECK(chain.note.en == "Illustrative");
    REQUIRE(chain.stages.size() == 3);
    CHECK(chain.stages[1].name.zh == "中游");
    CHECK(chain.segments[2].stage == 2);

    folder.write("segments.csv", "id,stage\na,up\nb,\nc,\nd,\n");
    LoadResult typo = folder.load();
    CHECK(messageAt(typo, "segments.csv", "2:3").find("did you mean \"upstream\"") != std::string::npos);
    folder.write("chain.csv", "id\none\ntwo\n");
    CHECK(messageAt(folder.load(), "chain.csv", "3:1").find("one row") != std::string::npos);
}

TEST_CASE("a .csv file of no table is a warning with did-you-mean, never silently ignored") {
    PlannerFolder folder("extra");
    folder.write("firm.csv", "id\n");
    LoadResult result = folder.load();
    REQUIRE(result.ok());
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message.find("did you mean \"firms.csv\"") != std::string::npos);
}

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
