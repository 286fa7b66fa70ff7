// The `chainatlas` command: formats, byte-order mark, exit statuses, atomic output, the bad-input corpus.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include "chainatlas/file_io.hpp"

namespace {

struct Run {
    int status = -1;
    std::string out, err;
};

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

Run run(const std::string& arguments) {
    std::string errPath = std::filesystem::temp_directory_path() / ("chainatlas-cli-" + std::to_string(::getpid()) + ".err");
    std::string command = quote(CHAINATLAS_CLI_PATH) + " " + arguments + " 2>" + quote(errPath);
    Run result;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe);
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
    int raw = ::pclose(pipe);
    result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    auto err = chainatlas::readWholeFile(errPath);
    if (err) result.err = *err;
    std::filesystem::remove(errPath);
    return result;
}

std::string data(const std::string& relative) { return quote(std::string(CHAINATLAS_TEST_DATA_DIR) + "/" + relative); }
const std::string kMini = data("good/mini.json");

}  // namespace

TEST_CASE("validate: ok line with counts, exit 0") {
    Run r = run("validate " + kMini);
    CHECK(r.status == 0);
    CHECK(r.out.find("ok ") != std::string::npos);
    CHECK(r.out.find("4 segments, 3 links, 2 regions, 3 firms, 3 sites, 1 supplies, 1 sources") != std::string::npos);
}

TEST_CASE("validate: every bad file exits 2 with its name and a located message, and no crash") {
    std::ifstream in(std::string(CHAINATLAS_TEST_DATA_DIR) + "/bad/expected.tsv");
    std::string line;
    int checked = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string file, location, keywords;
        std::getline(fields, file, '\t');
        std::getline(fields, location, '\t');
        std::getline(fields, keywords, '\t');
        CAPTURE(file);
        Run r = run("validate " + data("bad/" + file));
        CHECK(r.status == 2);
        CAPTURE(r.err);
        CHECK(r.err.find(file) != std::string::npos);
        bool pointer = location[0] == '/';
        CHECK(r.err.find(pointer ? ": " + location + ": " : ":" + location + ": ") != std::string::npos);
        CHECK(r.err.find(keywords) != std::string::npos);
        ++checked;
    }
    CHECK(checked >= 30);
}

TEST_CASE("validate: a mix of good and bad files exits 2 and still reports the good one") {
    Run r = run("validate " + kMini + " " + data("bad/link_cycle.json"));
    CHECK(r.status == 2);
    CHECK(r.out.find("ok ") != std::string::npos);
}

TEST_CASE("exit 1: missing file, bad arguments, unknown region with a suggestion") {
    CHECK(run("validate /nonexistent.json").status == 1);
    CHECK(run("frobnicate").status == 1);
    CHECK(run("analyze " + kMini).status == 1);  // --region is required
    Run r = run("analyze " + kMini + " --region suzho");
    CHECK(r.status == 1);
    CHECK(r.err.find("unknown region \"suzho\" (did you mean \"suzhou\"?)") != std::string::npos);
    r = run("analyze " + kMini + " --region suzhou --hub shanghia");
    CHECK(r.status == 1);
    CHECK(r.err.find("did you mean \"shanghai\"") != std::string::npos);
    r = run("analyze " + kMini + " --region suzhou --assume f9@suzhou");
    CHECK(r.status == 1);
    CHECK(r.err.find("unknown firm") != std::string::npos);
    r = run("analyze " + kMini + " --region suzhou --assume f2@suzhou:bb");
    CHECK(r.status == 1);
    CHECK(r.err.find("unknown segment \"bb\" (did you mean \"b\"?)") != std::string::npos);
    CHECK(run("analyze " + kMini + " --region suzhou --format xml").status == 1);
}

TEST_CASE("exit 2 for invalid data in analyze and map") {
    CHECK(run("analyze " + data("bad/link_cycle.json") + " --region suzhou").status == 2);
    CHECK(run("map " + data("bad/link_cycle.json") + " --region suzhou -o /tmp/never.svg").status == 2);
}

TEST_CASE("--help and --version exit 0") {
    CHECK(run("--help").status == 0);
    CHECK(run("analyze --help").out.find("--assume") != std::string::npos);
    Run v = run("--version");
    CHECK(v.status == 0);
    CHECK(v.out.find("chainatlas") != std::string::npos);
}

TEST_CASE("analyze --format json has every key of DESIGN §4") {
    Run r = run("analyze " + kMini + " --region suzhou --hub shanghai --format json");
    REQUIRE(r.status == 0);
    nlohmann::json doc = nlohmann::json::parse(r.out);
    for (const char* key : {"chain", "region", "hubs", "assumed", "weights", "segments", "targets", "changed"})
        CHECK(doc.contains(key));
    CHECK(doc["weights"].size() == 8);  // seven terms and occupied_discount
    CHECK(doc["weights"]["occupied_discount"] == 0.5);
    for (const char* key : {"id", "status", "sites", "output", "rca", "density", "hub_strong", "occupied", "complement",
                            "single_source"})
        CHECK(doc["segments"][0].contains(key));
    REQUIRE(doc["targets"].size() == 1);
    const auto& target = doc["targets"][0];
    for (const char* key : {"rank", "firm", "score", "terms", "segments", "anchors", "hub_partners"}) CHECK(target.contains(key));
    for (const char* term : {"fit", "anchor", "hub", "leader", "density", "profile"}) {
        CHECK(target["terms"][term].contains("value"));
        CHECK(target["terms"][term].contains("weighted"));
    }
    // By hand (see test_whatif.cpp for the chain): f2 fills b (gap, occupied by shanghai) and d (extension, occupied):
    // fit max(1.0, 0.6) * 0.5 = 0.5 -> 1.5; anchor: supplies f3 (local) -> 1/3 -> 0.666667; leader 1; profile 0.5 -> 1.
    CHECK(target["firm"] == "f2");
    CHECK(target["terms"]["fit"]["weighted"].get<double>() == doctest::Approx(1.5));
    CHECK(target["score"].get<double>() == doctest::Approx(1.5 + 2.0 / 3 + 1 + 1));
    CHECK(target["anchors"] == nlohmann::json::array({"f3"}));
    CHECK(doc["changed"].empty());
}

TEST_CASE("analyze with --assume reports what changed and echoes --weights") {
    std::string weights = std::filesystem::temp_directory_path() / "chainatlas-weights.json";
    std::ofstream(weights) << R"({"leader": 4, "occupied_discount": 0})";
    Run r = run("analyze " + kMini + " --region suzhou --assume f2@suzhou --format json --weights " + quote(weights));
    REQUIRE(r.status == 0);
    nlohmann::json doc = nlohmann::json::parse(r.out);
    CHECK(doc["weights"]["leader"] == 4.0);
    CHECK(doc["weights"]["occupied_discount"] == 0.0);
    CHECK(doc["weights"]["fit"] == 3.0);
    REQUIRE(doc["assumed"].size() == 1);
    CHECK(doc["assumed"][0]["segments"] == nlohmann::json::array({"b", "d"}));
    REQUIRE(doc["changed"].size() == 2);
    CHECK(doc["changed"][0] == nlohmann::json({{"id", "b"}, {"from", "gap"}, {"to", "weak"}}));
    std::ofstream(weights) << R"({"lead": 4})";
    r = run("analyze " + kMini + " --region suzhou --weights " + quote(weights));
    CHECK(r.status == 1);
    CHECK(r.err.find("did you mean \"leader\"") != std::string::npos);
    std::filesystem::remove(weights);
}

TEST_CASE("analyze --format csv starts with a byte-order mark") {
    Run r = run("analyze " + kMini + " --region suzhou --format csv");
    REQUIRE(r.status == 0);
    CHECK(r.out.rfind("\xEF\xBB\xBF" "rank,firm,name,score,fit,fit_weighted", 0) == 0);
    CHECK(r.out.find("\r\n1,f2,") != std::string::npos);
}

TEST_CASE("analyze table: Chinese names keep the columns aligned") {
    Run r = run("analyze " + kMini + " --region suzhou --lang zh");
    REQUIRE(r.status == 0);
    // "锂" is two columns wide: the status column starts at the same display column on every segment row.
    std::istringstream lines(r.out);
    std::string line;
    std::vector<std::size_t> columns;
    while (std::getline(lines, line)) {
        for (const char* status : {"strong", "gap", "extension", "weak"}) {
            std::size_t at = line.find(std::string(status) + " ");
            if (line.rfind("  ", 0) == 0 && at != std::string::npos && line.find("填补") == std::string::npos) {
                std::string before = line.substr(0, at);
                std::size_t width = 0;
                for (std::size_t i = 0; i < before.size(); ++i) {
                    unsigned char c = static_cast<unsigned char>(before[i]);
                    if (c < 0x80) ++width;
                    else if (c >= 0xE0 && c < 0xF0) width += 2;
                }
                columns.push_back(width);
                break;
            }
        }
    }
    REQUIRE(columns.size() == 4);
    for (std::size_t w : columns) CHECK(w == columns[0]);
}

TEST_CASE("-o writes atomically and a failed run leaves the old file untouched") {
    std::string out = std::filesystem::temp_directory_path() / "chainatlas-out.json";
    std::ofstream(out) << "previous";
    Run r = run("analyze " + kMini + " --region nowhere --format json -o " + quote(out));
    CHECK(r.status == 1);
    CHECK(*chainatlas::readWholeFile(out) == "previous");
    r = run("analyze " + kMini + " --region suzhou --format json -o " + quote(out));
    CHECK(r.status == 0);
    CHECK(nlohmann::json::parse(*chainatlas::readWholeFile(out))["region"] == "suzhou");
    r = run("analyze " + kMini + " --region suzhou -o /nonexistent-folder/x.txt");
    CHECK(r.status == 1);
    CHECK(r.err.find("does not exist") != std::string::npos);
    std::filesystem::remove(out);
}

TEST_CASE("map writes an SVG at segment and firm level") {
    std::string out = std::filesystem::temp_directory_path() / "chainatlas-map.svg";
    for (const char* level : {"segment", "firm"}) {
        Run r = run("map " + kMini + " --region suzhou --hub shanghai --level " + level + " -o " + quote(out));
        CHECK(r.status == 0);
        std::string svg = *chainatlas::readWholeFile(out);
        CHECK(svg.find("<svg") != std::string::npos);
        CHECK(svg.find("id=\"seg-b\"") != std::string::npos);
    }
    std::filesystem::remove(out);
}

TEST_CASE("stats prints counts and empty segments") {
    Run r = run("stats " + kMini);
    CHECK(r.status == 0);
    CHECK(r.out.find("segments 4") != std::string::npos);
    CHECK(r.out.find("Suzhou (suzhou): 2") != std::string::npos);
    CHECK(r.out.find("segments with no firm anywhere 0") != std::string::npos);
}
