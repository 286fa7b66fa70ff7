// Four chains and 科技招商 (docs/method.md §12): support by chain, transfer, the innovation term,
// the checklist evidence, and validation of resources and ties. Expected values are worked out by hand.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/analysis/support.hpp"
#include "cli_run.hpp"
#include "helpers.hpp"

using namespace chainatlas;

namespace {

// a -> b -> c. The focal region r has firm loc in a and c, so b is a gap. h is the hub, x elsewhere.
// Resources in r: uni (university, b), lab (lab, whole chain), fund (fund, c), svc (service, a),
// weak (platform, whole chain, confidence C: counts nowhere). In the hub: hublab (institute, b).
std::string fourChains(const std::string& resources, const std::string& ties) {
    std::string doc = test::document(
        R"([{"id": "a"}, {"id": "b"}, {"id": "c"}])", R"([{"from": "a", "to": "b"}, {"from": "b", "to": "c"}])",
        R"([{"id": "r"}, {"id": "h"}, {"id": "x"}])",
        R"([{"id": "loc", "leader": true, "sites": [{"region": "r", "segments": ["a", "c"]}]},
            {"id": "f1", "sites": [{"region": "x", "segments": ["b"]}]},
            {"id": "f2", "sites": [{"region": "x", "segments": ["b"]}]},
            {"id": "f3", "sites": [{"region": "x", "segments": ["b"]}]}])");
    doc.pop_back();  // reopen the object to add the two arrays
    return doc + R"(, "resources": )" + resources + R"(, "ties": )" + ties + "}";
}

const char* kResources = R"([
    {"id": "uni", "kind": "university", "region": "r", "segments": ["b"], "confidence": "A"},
    {"id": "lab", "kind": "lab", "region": "r", "confidence": "B"},
    {"id": "fund", "kind": "fund", "region": "r", "segments": ["c"], "confidence": "A"},
    {"id": "svc", "kind": "service", "region": "r", "segments": ["a"], "confidence": "B"},
    {"id": "weak", "kind": "platform", "region": "r", "confidence": "C"},
    {"id": "hublab", "kind": "institute", "region": "h", "segments": ["b"], "confidence": "A"}])";

// f1: tie to uni (in r) and to hublab (hub) -> 1, listing only uni. f2: tie to hublab only -> 0.5.
// f3: a tie to a C resource and a C tie to lab -> 0.
const char* kTies = R"([
    {"resource": "uni", "firm": "f1", "kind": "spinoff", "confidence": "A"},
    {"resource": "hublab", "firm": "f1", "kind": "training", "confidence": "A"},
    {"resource": "hublab", "firm": "f2", "kind": "joint-lab", "confidence": "B"},
    {"resource": "weak", "firm": "f3", "kind": "service", "confidence": "A"},
    {"resource": "lab", "firm": "f3", "kind": "license", "confidence": "C"}])";

}  // namespace

TEST_CASE("support counts confirmed resources of the region by chain — a university counts twice") {
    Chain chain = test::chainFrom(fourChains(kResources, kTies));
    Analysis a = analyze(chain, test::options(chain, "r", {"h"}));
    // a: lab (innovation), svc (service).  b: uni + lab (innovation 2), uni (talent).  c: lab, fund (capital).
    const ChainSupport& sa = test::segment(chain, a, "a").support;
    CHECK(sa.innovation == 1);
    CHECK(sa.capital == 0);
    CHECK(sa.talent == 0);
    CHECK(sa.service == 1);
    const ChainSupport& sb = test::segment(chain, a, "b").support;
    CHECK(sb.innovation == 2);
    CHECK(sb.capital == 0);
    CHECK(sb.talent == 1);
    CHECK(sb.service == 0);
    const ChainSupport& sc = test::segment(chain, a, "c").support;
    CHECK(sc.innovation == 1);
    CHECK(sc.capital == 1);
    CHECK(sc.talent == 0);
    CHECK(sc.service == 0);
}

TEST_CASE("transfer: local research without local industry") {
    Chain chain = test::chainFrom(fourChains(kResources, kTies));
    Analysis a = analyze(chain, test::options(chain, "r"));
    CHECK_FALSE(test::segment(chain, a, "a").transfer);  // present in r
    CHECK(test::segment(chain, a, "b").transfer);        // not present, innovation support 2
    CHECK_FALSE(test::segment(chain, a, "c").transfer);  // present in r
}

TEST_CASE("innovation term: 1 for a tie in the region, 0.5 in a hub only, 0 for unconfirmed") {
    Chain chain = test::chainFrom(fourChains(kResources, kTies));
    Analysis a = analyze(chain, test::options(chain, "r", {"h"}));
    const Target* f1 = test::target(chain, a, "f1");
    const Target* f2 = test::target(chain, a, "f2");
    const Target* f3 = test::target(chain, a, "f3");
    REQUIRE(f1);
    REQUIRE(f2);
    REQUIRE(f3);
    CHECK(f1->value[TermInnovation] == 1.0);
    REQUIRE(f1->resources.size() == 1);
    CHECK(chain.resources[f1->resources[0]].id == "uni");
    CHECK(f2->value[TermInnovation] == 0.5);
    REQUIRE(f2->resources.size() == 1);
    CHECK(chain.resources[f2->resources[0]].id == "hublab");
    CHECK(f3->value[TermInnovation] == 0.0);
    CHECK(f3->resources.empty());
    CHECK(f1->innovationBasis == Basis::Ties);
    CHECK(f3->innovationBasis == Basis::Ties);
    // Default weight 1: f1 scores 1 more than f3 from this term (other terms equal: same segment, no ties).
    CHECK(f1->weighted[TermInnovation] == doctest::Approx(1.0));
    CHECK(f1->score - f3->score == doctest::Approx(1.0));

    // Without the hub the hub tie earns nothing.
    Analysis noHub = analyze(chain, test::options(chain, "r"));
    CHECK(test::target(chain, noHub, "f2")->value[TermInnovation] == 0.0);
}

TEST_CASE("without resources every support is 0 and innovation has basis none") {
    Chain chain = test::chainFrom(fourChains("[]", "[]"));
    Analysis a = analyze(chain, test::options(chain, "r", {"h"}));
    CHECK(test::segment(chain, a, "b").support.innovation == 0);
    CHECK_FALSE(test::segment(chain, a, "b").transfer);
    for (const Target& t : a.targets) {
        CHECK(t.value[TermInnovation] == 0.0);
        CHECK(t.innovationBasis == Basis::None);
    }
}

TEST_CASE("checklist evidence: confirmed institutes, funds, platforms, services and leaders of the region") {
    Chain chain = test::chainFrom(fourChains(kResources, kTies));
    ChecklistEvidence e = checklistEvidence(chain, findRegion(chain, "r"));
    REQUIRE(e.institutes.size() == 2);  // lab and uni, by id; hublab is in h
    CHECK(chain.resources[e.institutes[0]].id == "lab");
    CHECK(chain.resources[e.institutes[1]].id == "uni");
    REQUIRE(e.funds.size() == 1);
    CHECK(e.platforms.empty());  // weak is confidence C
    REQUIRE(e.services.size() == 1);
    REQUIRE(e.leaders.size() == 1);
    CHECK(chain.firms[e.leaders[0]].id == "loc");
}

TEST_CASE("resources and ties round-trip through the JSON writer") {
    Chain chain = test::chainFrom(fourChains(kResources, kTies));
    Chain again = test::chainFrom(chainToJson(chain).dump());
    REQUIRE(again.resources.size() == 6);
    REQUIRE(again.ties.size() == 5);
    CHECK(again.resources[0].kind == ResourceKind::University);
    CHECK(again.resources[1].segments.empty());  // whole chain stays whole chain
    CHECK(again.ties[2].kind == TieKind::JointLab);
    CHECK(again.ties[4].confidence == "C");
    CHECK(chainToJson(again) == chainToJson(chain));
}

namespace {
std::vector<std::string> problems(const std::string& text) {
    LoadResult result = loadChainText(text, "t.json");
    std::vector<std::string> out;
    for (const auto& d : result.diagnostics) out.push_back(formatDiagnostic(d));
    return out;
}
bool anyContains(const std::vector<std::string>& lines, const std::string& part) {
    for (const auto& line : lines)
        if (line.find(part) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("bad resources and ties are located errors with did-you-mean") {
    auto p = problems(fourChains(
        R"([{"id": "f1", "kind": "univercity", "region": "rr", "confidence": "D"},
            {"id": "ok", "kind": "fund", "region": "r", "segments": ["bb"]}])",
        R"([{"resource": "okk", "firm": "f1", "kind": "spin-off", "confidence": "A"}])"));
    CHECK(anyContains(p, "t.json: /resources/0/id: resource id \"f1\" is also a firm id"));
    CHECK(anyContains(p, "/resources/0/kind: unknown kind \"univercity\" (did you mean \"university\"?)"));
    CHECK(anyContains(p, "/resources/0/region: unknown region \"rr\""));
    CHECK(anyContains(p, "/resources/0/confidence: \"confidence\" must be \"A\", \"B\" or \"C\""));
    CHECK(anyContains(p, "/resources/1/confidence: missing \"confidence\""));
    CHECK(anyContains(p, "/resources/1/segments/0: unknown segment \"bb\" (did you mean \"b\"?)"));
    CHECK(anyContains(p, "/ties/0/resource: unknown resource \"okk\" (did you mean \"ok\"?)"));
    CHECK(anyContains(p, "/ties/0/kind: unknown kind \"spin-off\" (did you mean \"spinoff\"?)"));
}

namespace {
std::string writeCsvFolder(const std::string& name, const std::string& resourcesCsv) {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("chainatlas-test-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto put = [&](const char* file, const std::string& text) { std::ofstream(dir / file) << text; };
    put("segments.csv", "id\na\nb\nc\n");
    put("links.csv", "from,to\na,b\nb,c\n");
    put("regions.csv", "id\nr\nh\nx\n");
    put("firms.csv", "id,leader\nloc,true\nf1,false\nf2,false\nf3,false\n");
    put("sites.csv", "firm,region,segments\nloc,r,a;c\nf1,x,b\nf2,x,b\nf3,x,b\n");
    put("resources.csv", resourcesCsv);
    put("ties.csv",
        "resource,firm,kind,confidence\nuni,f1,spinoff,A\nhublab,f1,training,A\nhublab,f2,joint-lab,B\n"
        "weak,f3,service,A\nlab,f3,license,C\n");
    return dir.string();
}
}  // namespace

TEST_CASE("resources.csv and ties.csv load to the same model as the JSON arrays") {
    std::string folder =
        writeCsvFolder("resources",
                       "id,kind,region,segments,confidence\nuni,university,r,b,A\nlab,lab,r,,B\n"
                       "fund,fund,r,c,A\nsvc,service,r,a,B\nweak,platform,r,,C\nhublab,institute,h,b,A\n");
    Chain csv = test::chainFromFile(folder);
    Chain json = test::chainFrom(fourChains(kResources, kTies));
    CHECK(chainToJson(csv)["resources"] == chainToJson(json)["resources"]);
    CHECK(chainToJson(csv)["ties"] == chainToJson(json)["ties"]);
}

TEST_CASE("a bad kind in resources.csv is located by file, line and column") {
    std::string folder = writeCsvFolder("resources-bad", "id,kind,region,segments,confidence\nuni,univercity,r,b,A\n");
    LoadResult result = loadChainFile(folder);
    CHECK_FALSE(result.ok());
    bool located = false;
    for (const auto& d : result.diagnostics)
        if (d.file == folder + "/resources.csv" && d.location == "2:5" &&
            d.message.find("did you mean \"university\"") != std::string::npos)
            located = true;
    CHECK(located);
}

// Held out from the code above: tests/data/good/four_chains.json through the command line, with custom weights
// and a what-if, checked against docs/method.md §12 by hand.
//   Segments a -> b -> c; d and e alone, e without any site. Sites (output 1): r: fr1 a, fr2 c; h: fh d;
//   o: t1, t2, t3 b.
//   --assume fh@r adds fh's site in d to r. Rows then r 3 (a, c, d), h 1 (d), o 3 (b); total 7;
//   columns a 1, b 3, c 1, d 2. RCA(r,a) = RCA(r,c) = (1/3)/(1/7) = 7/3, RCA(r,d) = (1/3)/(2/7) = 7/6: strong.
//   b: not present, a reaches b and b reaches c -> gap, v = 1; RCA(h,d) = 1/(2/7) = 3.5 -> hub_strong(d).
//   Without the what-if d was absent (no site, no link): changed d absent -> strong, cause site.
// Resources of r (svc-r is C and counts nowhere; uni-h is in the hub and gives r no support):
//   lab-r (lab, b): innovation b +1; uni-r (university, d): innovation d +1, talent d +1;
//   fund-r (fund, whole chain): capital +1 everywhere.
//   support a {0,1,0,0}, b {1,1,0,0}, c {0,1,0,0}, d {1,1,1,0}, e {0,1,0,0} (innovation, capital, talent,
//   service). transfer: b (not present, innovation 1); d has innovation 1 but is present after the what-if;
//   e is not present but has no local research (capital alone is no transfer opportunity).
// Targets: t1, t2, t3 (b is their only segment; fh is local now). fit 1, anchor 0, hub 0, leader 0,
//   density: phi(b, s') = 0 for all s' (b is M = 1 only in o, which has nothing else; k_e = 0) -> omega 0;
//   profile: no metrics anywhere -> 0.5, basis none.
//   innovation (weight 2 from --weights): t1 tie A to lab-r in r -> 1 (uni-h in the hub is not listed),
//   weighted 2; t2 tie B to uni-h in the hub -> 0.5, weighted 1; t3: a C tie to lab-r and a tie to the C
//   resource svc-r -> 0.
//   score = 3*1 + 2*0.5 + 2*innovation: t1 3 + 1 + 2 = 6, t2 3 + 1 + 1 = 5, t3 3 + 1 + 0 = 4.
TEST_CASE("analyze --format json matches §3.9 by hand on a held-out file, with --weights and --assume") {
    std::string weights = std::filesystem::temp_directory_path() / "chainatlas-four-chains-weights.json";
    std::ofstream(weights) << R"({"innovation": 2})";
    test::Run r = test::run("analyze " + test::quote(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/four_chains.json") +
                            " --region r --hub h --format json --assume fh@r --weights " + test::quote(weights));
    std::filesystem::remove(weights);
    REQUIRE(r.status == 0);
    nlohmann::json doc = nlohmann::json::parse(r.out);
    CHECK(doc["weights"]["innovation"] == 2.0);
    std::map<std::string, nlohmann::json> segment;
    for (const auto& s : doc["segments"]) segment[s["id"]] = s;
    auto support = [](int innovation, int capital, int talent, int service) {
        return nlohmann::json{{"innovation", innovation},
                              {"capital", capital},
                              {"talent", talent},
                              {"service", service}};
    };
    CHECK(segment["a"]["support"] == support(0, 1, 0, 0));
    CHECK(segment["b"]["support"] == support(1, 1, 0, 0));
    CHECK(segment["c"]["support"] == support(0, 1, 0, 0));
    CHECK(segment["d"]["support"] == support(1, 1, 1, 0));
    CHECK(segment["e"]["support"] == support(0, 1, 0, 0));
    CHECK(segment["e"]["transfer"] == false);
    CHECK(segment["a"]["transfer"] == false);
    CHECK(segment["b"]["transfer"] == true);
    CHECK(segment["c"]["transfer"] == false);
    CHECK(segment["d"]["transfer"] == false);  // present through the what-if
    CHECK(segment["b"]["status"] == "gap");
    CHECK(segment["d"]["status"] == "strong");
    CHECK(doc["changed"] ==
          nlohmann::json::parse(R"([{"id": "d", "from": "absent", "to": "strong", "cause": "site"}])"));
    REQUIRE(doc["targets"].size() == 3);
    const char* firms[] = {"t1", "t2", "t3"};
    const double value[] = {1, 0.5, 0}, score[] = {6, 5, 4};
    const std::vector<std::vector<std::string>> resources = {{"lab-r"}, {"uni-h"}, {}};
    for (int i = 0; i < 3; ++i) {
        const auto& t = doc["targets"][i];
        CAPTURE(firms[i]);
        CHECK(t["firm"] == firms[i]);
        CHECK(t["rank"] == i + 1);
        CHECK(t["terms"]["innovation"]["value"].get<double>() == doctest::Approx(value[i]));
        CHECK(t["terms"]["innovation"]["weighted"].get<double>() == doctest::Approx(2 * value[i]));
        CHECK(t["terms"]["innovation"]["basis"] == "ties");
        CHECK(t["resources"].get<std::vector<std::string>>() == resources[i]);
        CHECK(t["score"].get<double>() == doctest::Approx(score[i]));
    }
    // Without the what-if, d has no site in r and a local university serves it: a transfer opportunity too.
    r = test::run("analyze " + test::quote(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/four_chains.json") +
                  " --region r --hub h --format json");
    REQUIRE(r.status == 0);
    doc = nlohmann::json::parse(r.out);
    CHECK(doc["segments"][3]["id"] == "d");
    CHECK(doc["segments"][3]["transfer"] == true);
}
