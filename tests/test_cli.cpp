// The `chainatlas` command: formats, byte-order mark, exit statuses, atomic output, the bad-input corpus.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/base/file_io.hpp"
#include "chainatlas/load/load.hpp"
#include "chainatlas/results/result_writers.hpp"
#include "cli_run.hpp"
#include "fixtures.hpp"
#include "synthetic.hpp"

namespace {

using test::quote;
using test::run;
using test::Run;

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

TEST_CASE("analyze --format json has every key of the JSON result") {
    Run r = run("analyze " + kMini + " --region suzhou --hub shanghai --format json");
    REQUIRE(r.status == 0);
    nlohmann::json doc = nlohmann::json::parse(r.out);
    for (const char* key :
         {"chain", "region", "hubs", "assumed", "weights", "segments", "targets", "set_aside", "priorities", "changed"})
        CHECK(doc.contains(key));
    CHECK(doc["weights"].size() == 8);  // seven terms and occupied_discount
    CHECK(doc["weights"]["occupied_discount"] == 1.0);
    for (const char* key :
         {"id", "status", "advice", "sites", "output", "rca", "density", "hub_strong", "occupied", "complement",
          "single_source", "candidates", "profile", "profile_basis", "support", "transfer"})
        CHECK(doc["segments"][0].contains(key));
    for (const char* key : {"innovation", "capital", "talent", "service"})
        CHECK(doc["segments"][0]["support"][key] == 0);
    // By hand (see test_whatif.cpp for the chain): f2 fills b (gap) and d (extension), both occupied by Shanghai
    // (revised §3.6: the default discount 1.0 takes all their value; before, with 0.5, f2 ranked first with 1.5 fit).
    CHECK(doc["targets"].empty());
    CHECK(doc["set_aside"] == nlohmann::json::parse(R"([{"firm": "f2", "segments": ["b", "d"]}])"));
    CHECK(doc["changed"].empty());
}

TEST_CASE("analyze --format json on the planner chain matches the hand computation to 1e-6") {
    // Every number below is computed in tests/fixtures.hpp (kPlannerFile).
    Run r = run("analyze " + data(fixtures::kPlannerFile) + " --region l --hub h --format json");
    REQUIRE(r.status == 0);
    nlohmann::json doc = nlohmann::json::parse(r.out);
    auto near = [](const nlohmann::json& value, double expected) {
        return std::abs(value.get<double>() - expected) <= 1e-6;
    };
    std::map<std::string, nlohmann::json> segments;
    for (const auto& s : doc["segments"]) segments[s["id"]] = s;
    CHECK(segments["m"]["advice"] == "keep");
    CHECK(segments["p"]["advice"] == "leave");
    CHECK(segments["q"]["advice"] == "extend");
    CHECK(segments["s"]["advice"] == "complement");
    CHECK(segments["q"]["candidates"] == 0);
    CHECK(segments["p"]["candidates"] == 3);
    CHECK(near(segments["s"]["profile"], 4.0 / 6));
    CHECK(segments["s"]["profile_basis"] == "segment");
    CHECK(segments["t"]["profile_basis"] == "none");
    CHECK(near(segments["m"]["rca"], 3.25));
    CHECK(near(segments["t"]["density"], 1.0));

    REQUIRE(doc["targets"].size() == 3);
    const auto& e = doc["targets"][0];
    CHECK(e["firm"] == "e");
    CHECK(e["rank"] == 1);
    CHECK(near(e["score"], 5.0 + 0.2 / 3));  // 2.4 + 2/3 + 1 + 1
    CHECK(near(e["terms"]["anchor"]["weighted"], 2.0 / 3));
    CHECK(e["terms"]["profile"]["basis"] == "none");
    CHECK(e["terms"]["innovation"]["basis"] == "none");
    CHECK(e["segments"] ==
          nlohmann::json::parse(R"([{"id": "t", "status": "absent", "advice": "complement", "discounted": false}])"));
    CHECK(e["anchors"] == nlohmann::json::array({"f1"}));
    CHECK(e["resources"].empty());
    const auto& a = doc["targets"][1];
    CHECK(a["firm"] == "a");
    CHECK(near(a["score"], 2.4 + 1 + 8.0 / 6));
    CHECK(near(a["terms"]["hub"]["value"], 1.0));
    CHECK(a["terms"]["profile"]["basis"] == "segment");
    const auto& b = doc["targets"][2];
    CHECK(b["firm"] == "b");
    CHECK(near(b["score"], 2.4 + 7.0 / 6));
    CHECK(near(b["terms"]["hub"]["value"], 0.0));
    CHECK(b["hub_partners"] == nlohmann::json::array({"hv"}));
    CHECK(b["terms"]["profile"]["basis"] == "firm");
    // p is occupied: at discount 1 it earns nothing, so it is unscored and E(b) is s alone.
    CHECK(b["segments"] ==
          nlohmann::json::parse(R"([{"id": "s", "status": "absent", "advice": "complement", "discounted": false}])"));
    CHECK(b["unscored"] == nlohmann::json::array({"p"}));
    CHECK(doc["set_aside"] ==
          nlohmann::json::parse(R"([{"firm": "c", "segments": ["p"]}, {"firm": "hp", "segments": ["p"]}])"));

    REQUIRE(doc["priorities"].size() == 3);
    const auto& t = doc["priorities"][0];
    for (const char* key : {"segment", "advice", "value", "density", "profile", "basis", "candidates", "score"})
        CHECK(t.contains(key));
    CHECK(t["segment"] == "t");
    CHECK(t["advice"] == "complement");
    CHECK(near(t["score"], 4.4));
    CHECK(t["basis"] == "none");
    CHECK(doc["priorities"][1]["segment"] == "s");
    CHECK(near(doc["priorities"][1]["score"], 2.4 + 8.0 / 6));
    CHECK(doc["priorities"][2]["segment"] == "q");
    CHECK(doc["priorities"][2]["candidates"] == 0);
}

TEST_CASE("analyze --format json with custom weights and a what-if on the planner chain") {
    // hub 3, profile 1, occupied_discount 0.5: a 6.066667, e 4.566667, b 2.983333, c = hp = 1.316667
    // (test_targets.cpp).
    std::string weights = std::filesystem::temp_directory_path() / "chainatlas-planner-weights.json";
    std::ofstream(weights) << R"({"hub": 3, "profile": 1, "occupied_discount": 0.5})";
    Run r = run("analyze " + data(fixtures::kPlannerFile) + " --region l --hub h --format json --weights " +
                quote(weights));
    REQUIRE(r.status == 0);
    nlohmann::json doc = nlohmann::json::parse(r.out);
    std::vector<std::string> order;
    for (const auto& t : doc["targets"]) order.push_back(t["firm"]);
    CHECK(order == std::vector<std::string>{"a", "e", "b", "c", "hp"});
    CHECK(std::abs(doc["targets"][0]["score"].get<double>() - (2.4 + 3 + 4.0 / 6)) <= 1e-6);
    CHECK(std::abs(doc["targets"][4]["score"].get<double>() - (0.9 + 2.5 / 6)) <= 1e-6);
    CHECK(doc["targets"][3]["segments"][0]["discounted"] == true);
    CHECK(doc["set_aside"].empty());
    // Priorities with profile weight 1: t 2.4 + 1 + 0.5 = 3.9; s 2.4 + 0 + 4/6; q 1.8 + 0.5 = 2.3.
    CHECK(std::abs(doc["priorities"][0]["score"].get<double>() - 3.9) <= 1e-6);
    CHECK(std::abs(doc["priorities"][2]["score"].get<double>() - 2.3) <= 1e-6);
    // What-if a@l (test_whatif.cpp): s absent -> strong (site), v absent -> extension (link).
    r = run("analyze " + data(fixtures::kPlannerFile) + " --region l --hub h --format json --assume a@l");
    REQUIRE(r.status == 0);
    doc = nlohmann::json::parse(r.out);
    CHECK(doc["changed"] == nlohmann::json::parse(R"([{"id": "s", "from": "absent", "to": "strong", "cause": "site"},
                                                      {"id": "v", "from": "absent", "to": "extension", "cause": "link"}])"));
    std::filesystem::remove(weights);
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
    CHECK(doc["changed"][0] == nlohmann::json({{"id", "b"}, {"from", "gap"}, {"to", "weak"}, {"cause", "site"}}));
    std::ofstream(weights) << R"({"lead": 4})";
    r = run("analyze " + kMini + " --region suzhou --weights " + quote(weights));
    CHECK(r.status == 2);  // bad weights are invalid data, located as inside a session
    CHECK(r.err.find(weights + ": /lead: unknown weight \"lead\" (did you mean \"leader\"?)") != std::string::npos);
    std::filesystem::remove(weights);
}

TEST_CASE("analyze --format csv starts with a byte-order mark") {
    Run r = run("analyze " + kMini + " --region suzhou --format csv");
    REQUIRE(r.status == 0);
    CHECK(r.out.rfind("\xEF\xBB\xBF"
                      "rank,rank_range,firm,name,score,fit,fit_weighted",
                      0) == 0);
    CHECK(r.out.find("\r\n1,1\u20131,f2,") != std::string::npos);
}

TEST_CASE("analyze table: Chinese names keep the columns aligned") {
    Run r = run("analyze " + kMini + " --region suzhou --lang zh");
    REQUIRE(r.status == 0);
    // "锂" is two columns wide: the status column starts at the same display column on every segment row.
    std::istringstream lines(r.out);
    std::string line;
    std::vector<std::size_t> columns;
    while (std::getline(lines, line)) {
        for (const char* status : {"优势", "断点", "可延伸", "薄弱"}) {
            std::size_t at = line.find(std::string(status) + " ");
            if (line.rfind("  ", 0) == 0 && at != std::string::npos && line.find("契合环节") == std::string::npos) {
                std::string before = line.substr(0, at);
                std::size_t width = 0;
                for (char byte : before) {
                    auto c = static_cast<unsigned char>(byte);
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

TEST_CASE("analyze --lang zh: no English status, advice or term word in the table or the CSV header") {
    // The planner chain has every advice but fill and strengthen; mini (hub Shanghai, assuming f2) adds gap and weak.
    std::vector<std::string> outputs = {
        run("analyze " + data(fixtures::kPlannerFile) + " --region l --hub h --lang zh --assume a@l").out,
        run("analyze " + kMini + " --region suzhou --hub shanghai --lang zh").out,
        run("analyze " + kMini + " --region suzhou --lang zh --assume f3@shanghai --assume f1@shanghai:c").out};
    std::string csv = run("analyze " + data(fixtures::kPlannerFile) + " --region l --hub h --lang zh --format csv").out;
    for (const std::string& table : outputs) REQUIRE(table.find("优势") != std::string::npos);
    CHECK(outputs[0].find("错位配套") != std::string::npos);
    CHECK(outputs[0].find("无候选企业") != std::string::npos);              // q: extend with no candidate
    CHECK(outputs[0].find("–") != std::string::npos);                       // profile with basis none
    CHECK(outputs[2].find("新增企业摊薄了本地占比") != std::string::npos);  // the share cause in words
    auto header = csv.substr(0, csv.find("\r\n"));
    outputs.push_back(header);
    for (const std::string& text : outputs)
        for (const char* word :
             {"strong",     "weak",   "gap",   "extension", "absent", "keep",    "leave",   "complement", "fill",
              "strengthen", "extend", "fit",   "anchor",    "hub",    "leader",  "density", "profile",    "innovation",
              "rank",       "sites",  "score", "segment",   "firm",   "weights", "none"}) {
            CAPTURE(word);
            CHECK(text.find(word) == std::string::npos);
        }
}

TEST_CASE("analyze: a target's segments the hub holds are named apart as not scored, not as filled") {
    // planner.json, L with hub H (fixtures.hpp): b has sites in p (held by H: extension, occupied, v 0.6 -> 0 at
    // the default discount) and s (complement 0.8). Its fit is 3 x 0.8 = 2.40, from s alone.
    std::string table = run("analyze " + data(fixtures::kPlannerFile) + " --region l --hub h --lang en").out;
    std::size_t b = table.find("B Electronics");
    REQUIRE(b != std::string::npos);
    std::string block = table.substr(b, table.find("\n\n", b) - b);
    CHECK(block.find("2.40") != std::string::npos);
    CHECK(block.find("fills: Sensors (absent, complement)\n") != std::string::npos);
    CHECK(block.find("hub holds, not scored: Parts") != std::string::npos);
    // With the discount lowered p earns 0.6 x 0.5 = 0.3 and is listed as filled like any other.
    std::string weights = (std::filesystem::temp_directory_path() / "chainatlas-discount.json").string();
    std::ofstream(weights) << R"({"occupied_discount": 0.5})";
    table = run("analyze " + data(fixtures::kPlannerFile) + " --region l --hub h --lang en --weights " + weights).out;
    std::filesystem::remove(weights);
    b = table.find("B Electronics");
    REQUIRE(b != std::string::npos);
    block = table.substr(b, table.find("\n\n", b) - b);
    CHECK(block.find("fills: Parts (extension, leave); Sensors (absent, complement)") != std::string::npos);
    CHECK(block.find("not scored") == std::string::npos);
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

TEST_CASE("map --view priorities writes the chart — an unknown view is exit 1 naming the valid ones") {
    std::string out = std::filesystem::temp_directory_path() / "chainatlas-priorities.svg";
    Run r = run("map " + kMini + " --region suzhou --hub shanghai --view priorities --lang en -o " + quote(out));
    CHECK(r.status == 0);
    std::string svg = *chainatlas::readWholeFile(out);
    CHECK(svg.find("id=\"chart\"") != std::string::npos);
    CHECK(svg.find("segment priorities") != std::string::npos);
    std::filesystem::remove(out);
    r = run("map " + kMini + " --region suzhou --view chart -o " + quote(out));
    CHECK(r.status == 1);
    CHECK(r.err.find("chain") != std::string::npos);
    CHECK(r.err.find("priorities") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("stats prints counts and empty segments") {
    Run r = run("stats " + kMini);
    CHECK(r.status == 0);
    CHECK(r.out.find("segments 4") != std::string::npos);
    CHECK(r.out.find("Suzhou (suzhou): 2") != std::string::npos);
    CHECK(r.out.find("segments with no firm anywhere 0") != std::string::npos);
}

// ---- Hardening (issue 9): each case reproduces one defect found by fuzzing or fault injection. ----

namespace {
const std::string kHostile = data("good/hostile.json");  // names with ESC, BEL, NUL, CR, U+FFFE, "=", "+", "-", "@"

std::string scratch(const std::string& name) {
    return std::filesystem::temp_directory_path() / ("chainatlas-harden-" + std::to_string(::getpid()) + "-" + name);
}
bool hasRawControl(const std::string& text) {
    for (char c : text)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7F) return true;
    return false;
}
}  // namespace

TEST_CASE("stdout write errors (/dev/full) exit 1 with a message") {
    for (const std::string& command :
         {"analyze " + kMini + " --region suzhou", "analyze " + kMini + " --region suzhou --format json",
          "validate " + kMini, "stats " + kMini}) {
        CAPTURE(command);
        Run r = run(command + " >/dev/full");
        CHECK(r.status == 1);
        CHECK(r.err.find("cannot write to standard output") != std::string::npos);
    }
}

TEST_CASE("terminal output escapes control characters from data (table, stats, error messages)") {
    Run table = run("analyze " + kHostile + " --region suzhou");
    REQUIRE(table.status == 0);
    CHECK_FALSE(hasRawControl(table.out));
    CHECK(table.out.find("+cmd\\x1b[2J") != std::string::npos);
    CHECK(table.out.find("-2\\x0d\\x0dcarriage") != std::string::npos);
    Run stats = run("stats " + kHostile);
    REQUIRE(stats.status == 0);
    CHECK_FALSE(hasRawControl(stats.out));
    // An unknown region id typed with an escape sequence: the message shows it escaped.
    Run bad = run("analyze " + kHostile + " --region \"$(printf 'su\\033[2Jzhou')\"");
    CHECK(bad.status == 1);
    CHECK_FALSE(hasRawControl(bad.err));
    CHECK(bad.err.find("su\\x1b[2Jzhou") != std::string::npos);
}

TEST_CASE("CSV targets: cells starting with = + - @ are prefixed with ' (no formula injection)") {
    Run r = run("analyze " + kHostile + " --region suzhou --format csv");
    REQUIRE(r.status == 0);
    CHECK(r.out.find(",'+cmd") != std::string::npos);
    CHECK(r.out.find(",'-2\\x0d\\x0dcarriage,") != std::string::npos);  // its carriage returns escaped
    CHECK(r.out.find(",'@SUM(A1),") != std::string::npos);
    CHECK(r.out.find(",+cmd") == std::string::npos);
}

TEST_CASE("map of hostile names is well-formed XML (U+FFFE, U+FFFF, NUL dropped)") {
    std::string out = scratch("hostile.svg");
    REQUIRE(run("map " + kHostile + " --region suzhou -o " + quote(out)).status == 0);
    auto svg = chainatlas::readWholeFile(out);
    REQUIRE(svg);
    CHECK(svg->find("\xEF\xBF\xBE") == std::string::npos);  // U+FFFE
    CHECK(svg->find("\xEF\xBF\xBF") == std::string::npos);  // U+FFFF
    CHECK(svg->find('\0') == std::string::npos);
    if (std::system("command -v xmllint >/dev/null 2>&1") == 0)
        CHECK(std::system(("xmllint --noout " + quote(out)).c_str()) == 0);
    std::filesystem::remove(out);
}

TEST_CASE("FILE that is not a regular file: refused at once with exit 1 (FIFO never blocks, /dev/zero)") {
    std::string fifo = scratch("fifo");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    Run r = run("validate " + quote(fifo));
    CHECK(r.status == 1);
    CHECK(r.err.find("named pipe") != std::string::npos);
    std::filesystem::remove(fifo);
    r = run("validate /dev/zero");
    CHECK(r.status == 1);
    CHECK(r.err.find("character device") != std::string::npos);
}

TEST_CASE("a symbolic link loop is reported as such, not as a missing file") {
    std::string a = scratch("loop-a.json"), b = scratch("loop-b.json");
    std::filesystem::create_symlink(b, a);
    std::filesystem::create_symlink(a, b);
    Run r = run("validate " + quote(a));
    CHECK(r.status == 1);
    CHECK(r.err.find("symbolic link loop") != std::string::npos);
    CHECK(r.err.find("no such file") == std::string::npos);
    std::filesystem::remove(a);
    std::filesystem::remove(b);
}

TEST_CASE("- reads the chain from standard input") {
    Run r = run("validate - < " + kMini);
    CHECK(r.status == 0);
    CHECK(r.out.find("4 segments, 3 links") != std::string::npos);
}

TEST_CASE("weights are bounded: 1e308 is refused with a clear message") {
    std::string weights = scratch("weights.json");
    std::ofstream(weights) << R"({"fit": 1e308})";
    Run r = run("analyze " + kMini + " --region suzhou --weights " + quote(weights));
    CHECK(r.status == 2);
    CHECK(r.err.find(": /fit: must be at most 100") != std::string::npos);
    std::filesystem::remove(weights);
}

TEST_CASE("-o through a symlink, to /dev/null and to a FIFO: the link, device and pipe stay what they are") {
    std::string target = scratch("target.json"), link = scratch("link.json");
    std::filesystem::create_symlink(target, link);
    REQUIRE(run("analyze " + kMini + " --region suzhou --format json -o " + quote(link)).status == 0);
    CHECK(std::filesystem::is_symlink(link));
    CHECK(std::filesystem::file_size(target) > 100);
    std::filesystem::remove(link);
    std::filesystem::remove(target);

    REQUIRE(run("analyze " + kMini + " --region suzhou -o /dev/null").status == 0);
    CHECK(std::filesystem::is_character_file("/dev/null"));

    std::string fifo = scratch("out-fifo");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    Run r = run("analyze " + kMini + " --region suzhou --format json -o " + quote(fifo) + " & cat " + quote(fifo) +
                "; wait");
    CHECK(r.out.find("\"targets\"") != std::string::npos);
    CHECK(std::filesystem::is_fifo(fifo));
    std::filesystem::remove(fifo);
}

TEST_CASE("the segment map depends on the data only, not on how the path is spelled") {
    // 300 segments: Graphviz used to order nodes by the addresses of their names, which moved with the
    // length of the path (big.json vs ./big.json gave different maps).
    bench::SyntheticSpec spec;
    spec.firms = 3000;
    spec.supplies = 5000;
    spec.regions = 50;
    chainatlas::Chain chain = bench::generateChain(spec);
    std::filesystem::path folder = scratch("spelling");
    std::filesystem::create_directories(folder);
    REQUIRE(chainatlas::writeFileAtomically((folder / "big.json").string(), chainatlas::chainToJson(chain).dump()));
    std::string region = chain.regions[0].id;
    std::vector<std::string> spellings = {"big.json", "./big.json", "././big.json", (folder / "big.json").string()};
    std::string first;
    for (std::size_t i = 0; i < spellings.size(); ++i) {
        std::string out = (folder / ("map" + std::to_string(i) + ".svg")).string();
        std::string command = "cd " + quote(folder.string()) + " && " + quote(CHAINATLAS_CLI_PATH) + " map " +
                              quote(spellings[i]) + " --region " + region + " -o " + quote(out);
        REQUIRE(std::system(command.c_str()) == 0);
        auto svg = chainatlas::readWholeFile(out);
        REQUIRE(svg);
        if (i == 0) first = *svg;
        CAPTURE(spellings[i]);
        CHECK(*svg == first);
    }
    std::filesystem::remove_all(folder);
}

TEST_CASE("--session supplies region, hubs and weights — options on the command line override it") {
    std::string path = (std::filesystem::temp_directory_path() / "chainatlas-cli-session.json").string();
    std::ofstream(path)
        << R"({"format": "chainatlas-session/1", "chain": "mini", "region": "suzhou", "hubs": ["shanghai"],
                              "weights": {"leader": 3}, "assumptions": [], "notes": {}})";
    Run r = run("analyze " + kMini + " --session " + quote(path) + " --format json");
    REQUIRE(r.status == 0);
    auto out = nlohmann::json::parse(r.out);
    CHECK(out["region"] == "suzhou");
    CHECK(out["hubs"] == nlohmann::json::array({"shanghai"}));
    CHECK(out["weights"]["leader"] == 3);
    r = run("analyze " + kMini + " --session " + quote(path) + " --region shanghai --format json");
    REQUIRE(r.status == 0);
    CHECK(nlohmann::json::parse(r.out)["region"] == "shanghai");    // the command line wins
    CHECK(nlohmann::json::parse(r.out)["weights"]["leader"] == 3);  // what it does not say stays the session's

    std::ofstream(path) << R"({"format": "chainatlas-session/1", "chain": "mini", "hubs": ["shanghia"]})";
    r = run("analyze " + kMini + " --session " + quote(path));
    CHECK(r.status == 2);
    CHECK(r.err.find(path + ": /hubs/0: unknown region \"shanghia\" (did you mean \"shanghai\"?)") !=
          std::string::npos);

    std::ofstream(path) << R"({"format": "chainatlas-session/1", "chain": "nev", "region": "suzhou"})";
    r = run("analyze " + kMini + " --session " + quote(path));
    CHECK(r.status == 2);  // invalid data, located (issue 25, item 12)
    CHECK(r.err == path + ": /chain: the session is for chain \"nev\", not \"mini\"\n");
    r = run("analyze " + kMini);
    CHECK(r.status == 1);
    CHECK(r.err.find("--region is required") != std::string::npos);
    // Said before the file is read: a missing file is not even looked at (a national file takes seconds).
    for (const char* command : {"analyze", "map -o /tmp/chainatlas-never.svg", "report -o /tmp/chainatlas-never.pdf"}) {
        CAPTURE(command);
        r = run(std::string(command) + " /no/such/chain.json");
        CHECK(r.status == 1);
        CHECK(r.err == "chainatlas: --region is required (or a --session that names one)\n");
    }
    std::filesystem::remove(path);
}

namespace {

// The target rows of a table: the last eight cells of a row are the score and the seven weighted terms.
void checkTableAddsUp(const std::string& table) {
    std::istringstream lines(table);
    std::string line;
    int rows = 0;
    std::regex rowStart("^\\d+ \\(\\d+\u2013\\d+\\)");
    while (std::getline(lines, line)) {
        if (!std::regex_search(line, rowStart)) continue;
        std::istringstream cells(line);
        std::vector<std::string> words;
        for (std::string w; cells >> w;) words.push_back(w);
        REQUIRE(words.size() >= 10);
        double score = std::stod(words[words.size() - 8]), sum = 0;
        for (std::size_t i = words.size() - 7; i < words.size(); ++i)
            sum += words[i] == "\u2013" ? 0.0 : std::stod(words[i]);  // "1.00*" reads as 1.00
        CAPTURE(line);
        CHECK(std::abs(sum - score) <= 7 * 0.005 + 0.005 + 1e-9);  // two decimals each, and the score's
        ++rows;
    }
    CHECK(rows > 0);
}

}  // namespace

TEST_CASE("analyze table: the weighted columns add up to the score on every target row, zh and en") {
    std::string nev = quote(std::string(CHAINATLAS_CHAINS_DIR) + "/nev.json");
    for (const char* lang : {"zh", "en"})
        for (const char* scenario : {"--region weinan --hub xian", "--region suzhou --hub shanghai"}) {
            Run r = run("analyze " + nev + " " + scenario + " --top 30 --lang " + lang);
            REQUIRE(r.status == 0);
            checkTableAddsUp(r.out);
        }
    Run mini = run("analyze " + kMini + " --region suzhou --lang zh");
    CHECK(mini.out.find("1.00*") != std::string::npos);  // f2's imputed profile, marked
    CHECK(mini.out.find("* 无数据，按中性值 0.5 计") != std::string::npos);
}

TEST_CASE("one language rule: --lang, else the session's lang, else the locale, else English") {
    auto analyzeIn = [](const char* locale, const std::string& extra) {
        ::setenv("LANG", locale, 1);
        ::unsetenv("LC_ALL");
        ::unsetenv("LC_MESSAGES");
        Run r = run("analyze " + kMini + " --region suzhou " + extra);
        ::unsetenv("LANG");
        return r.out;
    };
    CHECK(analyzeIn("zh_CN.UTF-8", "").find("招商目标") != std::string::npos);
    CHECK(analyzeIn("C", "").find("Targets") != std::string::npos);
    CHECK(analyzeIn("zh_CN.UTF-8", "--lang en").find("Targets") != std::string::npos);
    std::string session = (std::filesystem::temp_directory_path() / "chainatlas-lang-session.json").string();
    std::ofstream(session)
        << R"({"format": "chainatlas-session/1", "chain": "mini", "lang": "zh", "region": "suzhou"})";
    CHECK(analyzeIn("C", "--session " + quote(session)).find("招商目标") != std::string::npos);
    CHECK(analyzeIn("C", "--session " + quote(session) + " --lang en").find("Targets") != std::string::npos);
    // The same rule for the other commands: the map's title, compare's header.
    ::setenv("LC_ALL", "zh_CN.UTF-8", 1);
    Run compare = run("compare " + kMini + " --region suzhou --region shanghai");
    ::unsetenv("LC_ALL");
    CHECK(compare.out.find("区域对比") != std::string::npos);
    std::filesystem::remove(session);
}

// ---- Issue 25: CSV and terminal outputs, and the exit status of bad planner input ----

namespace {
bool hasEscOrBell(const std::string& text) {
    return text.find('\x1b') != std::string::npos || text.find('\x07') != std::string::npos;
}
}  // namespace

TEST_CASE("issue 25.9: compare --format csv guards formulas as analyze's CSV does") {
    Run r = run("compare " + kHostile + " --region suzhou --region wuxi --format csv");
    REQUIRE(r.status == 0);
    CHECK(r.out.find("'=1+2 segment\\x1b[31m") != std::string::npos);  // before: "=1+2 segment" raw
    CHECK(r.out.find(",=1+2") == std::string::npos);
}

TEST_CASE("issue 25.10: compare's table and CSV and analyze's CSV on stdout print no raw ESC or BEL") {
    for (const std::string& command : {"compare " + kHostile + " --region suzhou --region wuxi",
                                       "compare " + kHostile + " --region suzhou --region wuxi --format csv",
                                       "analyze " + kHostile + " --region suzhou --format csv"}) {
        CAPTURE(command);
        Run r = run(command);
        REQUIRE(r.status == 0);
        CHECK_FALSE(hasEscOrBell(r.out));
    }
}

TEST_CASE("issue 25.12: bad --weights are invalid data: exit 2, file and pointer") {
    std::string weights = scratch("weights-type.json");
    std::ofstream(weights) << R"({"fit": "1"})";
    Run r = run("analyze " + kMini + " --region suzhou --weights " + quote(weights));
    CHECK(r.status == 2);  // before: exit 1, "must be a finite number"
    CHECK(r.err == weights + ": /fit: must be a number, found a string\n");
    std::ofstream(weights) << R"({"fit": 1)";
    r = run("compare " + kMini + " --region suzhou --region shanghai --weights " + quote(weights));
    CHECK(r.status == 2);  // before: exit 1, "not valid JSON" and no place
    CHECK(r.err.find(weights + ":1:") == 0);
    std::filesystem::remove(weights);
}

TEST_CASE("issue 25.12: a number overflow in a session is located, exit 2") {
    std::string session = scratch("overflow-session.json");
    std::ofstream(session) << "{\"format\": \"chainatlas-session/1\",\n \"weights\": {\"fit\": 1e999}}";
    Run r = run("analyze " + kMini + " --region suzhou --session " + quote(session));
    CHECK(r.status == 2);
    CHECK(r.err == session + ":2:21: number 1e999 is out of range (not a finite number)\n");  // before: "/: ..."
    std::filesystem::remove(session);
}

namespace {
// The region with the fewest sites (a what-if there changes statuses) and the one with the most (a hub).
std::pair<int, int> thinAndThickRegions(const chainatlas::Chain& chain) {
    std::vector<int> sites(chain.regions.size(), 0);
    for (const chainatlas::Firm& firm : chain.firms)
        for (const chainatlas::Site& site : firm.sites) ++sites[static_cast<std::size_t>(site.region)];
    auto thin = std::min_element(sites.begin(), sites.end()) - sites.begin();
    auto thick = std::max_element(sites.begin(), sites.end()) - sites.begin();
    return {static_cast<int>(thin), static_cast<int>(thick)};
}

// Three assumptions for firms with sites in neither region: the first in `region` with its own segments, the
// second there with a segment the region has no site in (absent before), the third in `hub`.
std::vector<std::string> threeAssumptions(const chainatlas::Chain& chain, int region, int hub) {
    std::vector<char> held(chain.segments.size(), 0);
    for (const chainatlas::Firm& firm : chain.firms)
        for (const chainatlas::Site& site : firm.sites)
            if (site.region == region)
                for (int s : site.segments) held[static_cast<std::size_t>(s)] = 1;
    auto absent = std::find(held.begin(), held.end(), 0);
    if (absent == held.end()) return {};
    const std::string& absentId = chain.segments[static_cast<std::size_t>(absent - held.begin())].id;
    const std::string& here = chain.regions[static_cast<std::size_t>(region)].id;
    std::vector<std::string> assumed;
    for (const chainatlas::Firm& firm : chain.firms) {
        bool away = !firm.sites.empty() && std::none_of(firm.sites.begin(), firm.sites.end(), [&](const auto& s) {
            return s.region == region || s.region == hub;
        });
        if (!away) continue;
        std::string text = firm.id + "@";
        if (assumed.empty()) text += here;
        else if (assumed.size() == 1) text.append(here).append(":").append(absentId);
        else text += chain.regions[static_cast<std::size_t>(hub)].id;
        assumed.push_back(text);
        if (assumed.size() == 3) break;
    }
    return assumed;
}
}  // namespace

TEST_CASE("analyze --assume writes what the analysis of a copy of the chain with the sites added gives") {
    // The command analyses a what-if from the plain analysis without copying the chain (analyzeWhatIf);
    // analyze() analyses a copy of the chain with the assumed sites. A synthetic chain with resources and
    // ties, firms assumed in the focal region (statuses, local supply and anchors change) and in the hub
    // (hub partners change). JSON and CSV must match byte for byte.
    bench::SyntheticSpec spec;
    spec.firms = 2000;
    spec.supplies = 8000;
    spec.regions = 40;
    spec.segments = 80;
    spec.resources = 30;
    spec.ties = 600;
    std::string file = std::filesystem::temp_directory_path() /
                       ("chainatlas-cli-whatif-" + std::to_string(::getpid()) + ".json");
    REQUIRE(chainatlas::writeFileAtomically(file, chainatlas::chainToJson(bench::generateChain(spec)).dump()));
    chainatlas::LoadResult loaded = chainatlas::loadChainFile(file);
    REQUIRE(loaded.ok());
    const chainatlas::Chain& chain = *loaded.chain;
    chainatlas::AnalysisOptions options;
    auto [region, hub] = thinAndThickRegions(chain);
    options.region = region;
    options.hubs = {hub};
    std::vector<std::string> assumed = threeAssumptions(chain, region, hub);
    REQUIRE(assumed.size() == 3);
    std::string arguments = "analyze " + quote(file) + " --region " +
                            chain.regions[static_cast<std::size_t>(region)].id + " --hub " +
                            chain.regions[static_cast<std::size_t>(hub)].id;
    for (const std::string& text : assumed) {
        auto assumption = chainatlas::parseAssumption(chain, text);
        REQUIRE(assumption);
        options.assumptions.push_back(*assumption);
        arguments += " --assume " + text;
    }
    chainatlas::Analysis copied = chainatlas::analyze(chain, options);
    REQUIRE_FALSE(copied.changed.empty());  // the what-if moves something, or the comparison proves little
    REQUIRE_FALSE(copied.targets.empty());
    Run json = run(arguments + " --format json");
    REQUIRE(json.status == 0);
    CHECK(json.out == chainatlas::analysisJsonText(chain, copied, 0, 2) + "\n");
    Run csv = run(arguments + " --format csv --lang en");
    REQUIRE(csv.status == 0);
    CHECK(csv.out == chainatlas::analysisToCsv(chain, copied, 0, chainatlas::Lang::En));
    std::filesystem::remove(file);
}
