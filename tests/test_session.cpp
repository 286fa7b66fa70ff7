// Sessions (chainatlas-session/1): round trip, missing fields, located errors with did-you-mean, resolution
// against a chain, and the 十个一 checklist.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "chainatlas/session/session.hpp"
#include "helpers.hpp"

using namespace chainatlas;
using nlohmann::json;

namespace {

const std::string kMini = std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json";

Session fullSession() {
    Session s;
    s.file = "/data/mini.json";
    s.chain = "mini";
    s.lang = Lang::En;
    s.region = "suzhou";
    s.hubs = {"shanghai"};
    Weights w;
    w.fit = 4.5;
    s.weights = w;
    s.assumptions = {{"f2", "suzhou", {"b"}}};
    s.notes = {{"f2", "约见 6 月"}};
    s.checklist[1] = {ChecklistState::Doing, "规划科 王", "2026-12-31", "初稿已成"};
    s.checklist[9] = {ChecklistState::Done, "", "", ""};
    s.otherChecklists["shanghai"][0] = {ChecklistState::Done, "Li", "", ""};
    return s;
}

std::vector<Diagnostic> parse(const std::string& text, Session& out) {
    return sessionFromJson(json::parse(text), "s.json", out);
}

std::string firstProblem(const std::string& text) {
    Session out;
    auto problems = parse(text, out);
    return problems.empty() ? "" : formatDiagnostic(problems[0]);
}

}  // namespace

TEST_CASE("a session survives a round trip through JSON, checklist included") {
    Session s = fullSession();
    json written = sessionToJson(s);
    CHECK(written["format"] == "chainatlas-session/1");
    CHECK(written["checklist"].size() == 10);  // all ten items, so a planner sees them in the file
    CHECK(written["checklist"]["plan"]["state"] == "doing");
    CHECK(written["checklist"]["event"]["state"] == "done");
    CHECK(written["checklist"]["fund"]["state"] == "todo");
    Session read;
    REQUIRE(sessionFromJson(written, "s.json", read).empty());
    CHECK(read.file == s.file);
    CHECK(read.chain == "mini");
    CHECK(read.lang == Lang::En);
    CHECK(read.region == "suzhou");
    CHECK(read.hubs == s.hubs);
    REQUIRE(read.weights);
    CHECK(read.weights->fit == 4.5);
    CHECK(read.weights->anchor == Weights{}.anchor);
    CHECK(read.assumptions == s.assumptions);
    CHECK(read.notes == s.notes);
    CHECK(read.checklist == s.checklist);
    CHECK(read.otherChecklists == s.otherChecklists);
}

TEST_CASE("an old session without checklist, chain or weights still opens with the defaults") {
    Session s;
    REQUIRE(parse(R"({"format": "chainatlas-session/1", "file": "x.json", "region": "suzhou", "hubs": [],
                      "assumptions": [], "notes": {"f1": "ok"}})",
                  s)
                .empty());
    CHECK(s.chain.empty());
    CHECK_FALSE(s.weights);
    CHECK(s.lang == Lang::Zh);  // the viewer's default
    for (const ChecklistItem& item : s.checklist) CHECK(item.empty());
    CHECK(s.notes.at("f1") == "ok");
    Session partial;  // one item given: the nine others stay "todo"
    REQUIRE(parse(R"({"format": "chainatlas-session/1", "checklist": {"fund": {"state": "doing"}}})", partial).empty());
    CHECK(partial.checklist[5].state == ChecklistState::Doing);
    CHECK(partial.checklist[0].state == ChecklistState::Todo);
}

TEST_CASE("a broken session is refused with its place and a suggestion, and nothing is filled in") {
    CHECK(firstProblem(R"([1])") == "s.json: /: a session is a JSON object");
    CHECK(firstProblem(R"({"format": "other"})") == "s.json: /format: expected \"chainatlas-session/1\"");
    std::string base = R"({"format": "chainatlas-session/1", )";
    CHECK(firstProblem(base + R"("checklist": {"fundd": {}}})") ==
          "s.json: /checklist/fundd: unknown item \"fundd\" (did you mean \"fund\"?)");
    CHECK(firstProblem(base + R"("checklist": {"plan": {"state": "don"}}})") ==
          "s.json: /checklist/plan/state: unknown state \"don\" (did you mean \"done\"?)");
    CHECK(firstProblem(base + R"("checklist": {"plan": {"owner": 3}}})") ==
          "s.json: /checklist/plan/owner: expected a string, found a number");
    CHECK(firstProblem(base + R"("hubs": "shanghai"})") == "s.json: /hubs: expected an array of ids, found a string");
    CHECK(firstProblem(base + R"("weights": {"fitt": 1}})") ==
          "s.json: /weights/fitt: unknown weight \"fitt\" (did you mean \"fit\"?)");
    CHECK(firstProblem(base + R"("notes": {"f1": 2}})") == "s.json: /notes/f1: expected a string, found a number");
    Session untouched = fullSession();
    auto problems = parse(base + R"("region": "x", "hubs": [1], "assumptions": [{"region": "suzhou"}]})", untouched);
    CHECK(problems.size() == 2);  // every problem, not only the first: /hubs/0 and /assumptions/0/firm
    CHECK(untouched.region == "suzhou");
}

TEST_CASE("a session file with a syntax error gives line and column") {
    std::string path = (std::filesystem::temp_directory_path() / "chainatlas-session-syntax.json").string();
    std::ofstream(path) << "{\n  \"format\": \"chainatlas-session/1\",\n  \"hubs\": [,]\n}\n";
    Session s;
    auto problems = loadSessionFile(path, s);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].location == "3:12");                 // the comma after "[" on line 3, column 12
    CHECK(problems[0].message.find("syntax error") == 0);  // worded as the chain loader words it
    std::filesystem::remove(path);
}

TEST_CASE("resolving a session against the chain: ids to indices, typos located, other chains refused") {
    Chain chain = test::chainFromFile(kMini);
    Session s = fullSession();
    AnalysisOptions options;
    REQUIRE(resolveSession(s, chain, "s.json", options).empty());
    CHECK(options.region == findRegion(chain, "suzhou"));
    CHECK(options.hubs == std::vector<int>{findRegion(chain, "shanghai")});
    CHECK(options.weights.fit == 4.5);
    REQUIRE(options.assumptions.size() == 1);
    CHECK(options.assumptions[0].firm == findFirm(chain, "f2"));
    CHECK(options.assumptions[0].segments == std::vector<int>{findSegment(chain, "b")});
    CHECK(sessionChainMismatch(s, chain));

    s.hubs = {"shanghia"};
    s.assumptions[0].segments = {"bb"};
    AnalysisOptions kept;
    auto problems = resolveSession(s, chain, "s.json", kept);
    REQUIRE(problems.size() == 2);
    CHECK(formatDiagnostic(problems[0]) == "s.json: /hubs/0: unknown region \"shanghia\" (did you mean \"shanghai\"?)");
    CHECK(problems[1].location == "/assumptions/0/segments/0");
    CHECK(kept.region == -1);  // untouched

    s.chain = "nev";
    Status mismatch = sessionChainMismatch(s, chain);
    REQUIRE_FALSE(mismatch);
    CHECK(mismatch.error() == Error{ErrorCode::Mismatch, "the session is for chain \"nev\", not \"mini\""});
}

TEST_CASE("storing a scenario writes ids, and reading it back gives the same options") {
    Chain chain = test::chainFromFile(kMini);
    AnalysisOptions options = test::options(chain, "suzhou", {"shanghai"});
    options.assumptions = {{findFirm(chain, "f2"), findRegion(chain, "suzhou"), {findSegment(chain, "d")}}};
    options.weights.leader = 3;
    Session s;
    storeScenario(s, chain, options);
    CHECK(s.chain == "mini");
    CHECK(s.region == "suzhou");
    CHECK(s.assumptions[0] == SessionAssumption{"f2", "suzhou", {"d"}});
    Session read;
    REQUIRE(sessionFromJson(sessionToJson(s), "s.json", read).empty());
    AnalysisOptions back;
    REQUIRE(resolveSession(read, chain, "s.json", back).empty());
    CHECK(back.hubs == options.hubs);
    CHECK(back.weights.leader == 3);
    CHECK(back.assumptions[0].segments == options.assumptions[0].segments);
}

TEST_CASE("the ten items carry their Chinese and English titles") {
    CHECK(std::string(checklistTitle(0, Lang::Zh)) == "选择一个特色产业");
    CHECK(std::string(checklistTitle(9, Lang::Zh)) == "打造一个品牌盛会");
    CHECK(std::string(checklistTitle(5, Lang::En)) == "Set up one industry fund");
    CHECK(std::string(checklistStateName(ChecklistState::Doing, Lang::Zh)) == "进行中");
    CHECK(std::string(kChecklistKeys[4]) == "institutes");
}

// --- Issue 25: sessions and weights follow the one input rule ---

TEST_CASE("issue 25.8: a typo in a session's keys is an error with did-you-mean, not ignored") {
    std::string base = R"({"format": "chainatlas-session/1", )";
    // Before: "hub" was ignored and the analysis ran with no hub (different advice, exit 0).
    CHECK(firstProblem(base + R"("region": "suzhou", "hub": ["shanghai"]})") ==
          "s.json: /hub: unknown session key \"hub\" (did you mean \"hubs\"?)");
    // Before: the assumption read no segments, so it assumed every segment of the firm.
    CHECK(firstProblem(base + R"("assumptions": [{"firm": "f2", "region": "suzhou", "segment": ["b"]}]})") ==
          "s.json: /assumptions/0/segment: unknown assumption key \"segment\" (did you mean \"segments\"?)");
    CHECK(firstProblem(base + R"("checklist": {"plan": {"owner": "x", "notes": "y"}}})") ==
          "s.json: /checklist/plan/notes: unknown checklist item key \"notes\" (did you mean \"note\"?)");
}

TEST_CASE("issue 25.8: notes for firms the chain lacks are errors when the session is resolved") {
    Chain chain = test::chainFromFile(kMini);
    Session s = fullSession();
    s.notes = {{"f22", "call in June"}};
    s.otherChecklists = {{"shanghia", {}}};
    s.otherChecklists["shanghia"][0] = {ChecklistState::Done, "Li", "", ""};
    s.notes["f9"] = "";  // an empty note carries nothing (it is not written back): no problem
    AnalysisOptions options;
    auto problems = resolveSession(s, chain, "s.json", options);
    REQUIRE(problems.size() == 2);  // before: both were dropped without a word
    CHECK(formatDiagnostic(problems[0]) == "s.json: /notes/f22: unknown firm \"f22\" (did you mean \"f2\"?)");
    CHECK(problems[1].location == "/other_checklists/shanghia");
}

TEST_CASE("issue 25.12: session pointers are escaped, nesting is bounded, a number overflow is located") {
    std::string base = R"({"format": "chainatlas-session/1", )";
    CHECK(firstProblem(base + R"("checklist": {"a/b~c": {}}})") ==
          "s.json: /checklist/a~1b~0c: unknown item \"a/b~c\"");  // before: /checklist/a/b~c
    CHECK(firstProblem(base + R"("weights": {"fit": "1"}})") ==
          "s.json: /weights/fit: must be a number, found a string");  // before: "must be a finite number"

    std::string path = (std::filesystem::temp_directory_path() / "chainatlas-session-input.json").string();
    Session s;
    std::ofstream(path) << base << "\n\"notes\": {\"f1\": \"1e999\"},\n\"weights\": {\"fit\": 1e999}}";
    auto problems = loadSessionFile(path, s);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].location == "3:20");  // before: no place ("/"), and nlohmann's exception text
    CHECK(problems[0].message == "number 1e999 is out of range (not a finite number)");

    std::ofstream(path) << base << "\"notes\": " << std::string(100000, '[') << "}";
    problems = loadSessionFile(path, s);
    REQUIRE(problems.size() == 1);  // before: parsed to the end, 10M brackets took 780 MB
    CHECK(problems[0].message == "nesting deeper than 64 levels");

    std::ofstream(path, std::ios::binary) << base << std::string("\"file\": \"a\0b\"}", 14);
    problems = loadSessionFile(path, s);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message.find("binary data (control byte 0)") == 0);
    std::filesystem::remove(path);
}

TEST_CASE("issue 25.12: a weights file is read by the same rule: located problems, invalid data") {
    std::string path = (std::filesystem::temp_directory_path() / "chainatlas-weights-input.json").string();
    Weights w;
    std::ofstream(path) << R"({"fit": 2, "a/b": 1})";
    auto problems = loadWeightsFile(path, w);
    REQUIRE(problems.size() == 1);
    CHECK(formatDiagnostic(problems[0]) == path + ": /a~1b: unknown weight \"a/b\"");
    CHECK(problems[0].kind == ProblemKind::Data);
    CHECK(w.fit == Weights{}.fit);  // untouched
    std::ofstream(path) << "{\"fit\":\n [1]}";
    problems = loadWeightsFile(path, w);
    REQUIRE(problems.size() == 1);
    CHECK(formatDiagnostic(problems[0]) == path + ": /fit: must be a number, found an array");
    std::ofstream(path) << "{\"fit\": }";
    problems = loadWeightsFile(path, w);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].location == "1:9");  // before: "not valid JSON", no place
    std::ofstream(path) << R"({"fit": 3})";
    REQUIRE(loadWeightsFile(path, w).empty());
    CHECK(w.fit == 3);
    std::filesystem::remove(path);
}

TEST_CASE("notes belong to their region: the session region's under notes, the others' under other_notes") {
    Session s = fullSession();  // region suzhou, a note on f2
    s.otherNotes["shanghai"] = {{"f2", "上海的 f2: 已联系"}, {"f1", ""}};
    s.otherNotes["suzhou"] = {{"f1", "never written: suzhou's notes are \"notes\""}};
    json written = sessionToJson(s);
    CHECK(written["notes"] == json{{"f2", "约见 6 月"}});
    CHECK(written["other_notes"] == json{{"shanghai", {{"f2", "上海的 f2: 已联系"}}}});  // empty notes left out
    Session read;
    REQUIRE(sessionFromJson(written, "s.json", read).empty());
    CHECK(read.notes == s.notes);
    CHECK(read.otherNotes.size() == 1);
    CHECK(read.otherNotes.at("shanghai") == std::map<std::string, std::string>{{"f2", "上海的 f2: 已联系"}});
    // A session without other regions' notes writes no other_notes (older readers see the file they knew).
    CHECK_FALSE(sessionToJson(fullSession()).contains("other_notes"));
    // Misspelt or mistyped: located.
    std::string base = R"({"format": "chainatlas-session/1", )";
    CHECK(firstProblem(base + R"("other_notes": []})") ==
          "s.json: /other_notes: expected an object of region id -> notes");
    CHECK(firstProblem(base + R"("other_notes": {"shanghai": {"f2": 3}}})") ==
          "s.json: /other_notes/shanghai/f2: expected a string, found a number");
    CHECK(firstProblem(base + R"("other_note": {}})") ==
          "s.json: /other_note: unknown session key \"other_note\" (did you mean \"other_notes\"?)");
    // Against the chain: an unknown region or firm is an error with did-you-mean, as for "notes".
    Chain chain = test::chainFromFile(kMini);
    Session typo = fullSession();
    typo.otherNotes = {{"shanghia", {{"f2", "x"}}}, {"shanghai", {{"f22", "y"}}}};
    AnalysisOptions options;
    auto problems = resolveSession(typo, chain, "s.json", options);
    REQUIRE(problems.size() == 2);
    CHECK(formatDiagnostic(problems[0]) ==
          "s.json: /other_notes/shanghai/f22: unknown firm \"f22\" (did you mean \"f2\"?)");
    CHECK(problems[1].location == "/other_notes/shanghia");
}
