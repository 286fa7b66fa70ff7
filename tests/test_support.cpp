// Four chains and 科技招商 (DESIGN §2 resources/ties, §3.9): support by chain, transfer, the innovation term,
// the checklist evidence, and validation of resources and ties. Expected values are worked out by hand.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "chainatlas/support.hpp"
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
