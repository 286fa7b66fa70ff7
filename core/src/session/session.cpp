// Planning sessions: JSON mapping next to the struct (assumptions: whatif.cpp), structural checks located by JSON
// pointer, and resolution of the ids against a loaded chain (with did-you-mean).
#include "chainatlas/session/session.hpp"

#include <algorithm>

#include "base/json_reader.hpp"
#include "chainatlas/base/file_io.hpp"
#include "chainatlas/base/text.hpp"
#include "chainatlas/load/load.hpp"

namespace chainatlas {

namespace {

using nlohmann::json;

constexpr std::array<const char*, 3> kStateKeys = {"todo", "doing", "done"};

struct ChecklistText {
    const char* zh;
    const char* en;
};
// docs/architecture.md, in the order of kChecklistKeys.
constexpr std::array<ChecklistText, kChecklistCount> kChecklistTitles = {{
    {"选择一个特色产业", "Choose one distinctive industry"},
    {"制定一个产业规划", "Draw up one industry plan"},
    {"组建一家国资公司", "Form one state-owned company"},
    {"建设一个功能园区", "Build one dedicated park"},
    {"引进一批大院大所", "Bring in research universities and institutes"},
    {"设立一支产业基金", "Set up one industry fund"},
    {"成立一个服务机构", "Found one service agency"},
    {"聚集一批龙头企业", "Gather leading firms"},
    {"搭建一批合作平台", "Build cooperation platforms"},
    {"打造一个品牌盛会", "Stage one signature event"},
}};

json checklistToJson(const Checklist& checklist) {
    json out = json::object();
    for (int i = 0; i < kChecklistCount; ++i) {
        const ChecklistItem& item = checklist[i];
        out[kChecklistKeys[i]] = {{"state", checklistStateKey(item.state)},
                                  {"owner", item.owner},
                                  {"due", item.due},
                                  {"note", item.note}};
    }
    return out;
}

void readChecklistItem(JsonReader& reader, const json& value, const std::string& pointer, ChecklistItem& item) {
    if (!value.is_object()) return reader.fail(pointer, "expected an object with state, owner, due and note");
    reader.unknownKeys(value, pointer, {"state", "owner", "due", "note"}, "checklist item");
    std::string state = reader.text(value, "state", pointer);
    auto known = std::find(kStateKeys.begin(), kStateKeys.end(), state);
    if (!state.empty() && known == kStateKeys.end())
        reader.fail(pointer + "/state",
                    "unknown state \"" + state + "\"" +
                        didYouMean(state, std::vector<std::string>(kStateKeys.begin(), kStateKeys.end())));
    else if (!state.empty()) item.state = static_cast<ChecklistState>(known - kStateKeys.begin());
    item.owner = reader.text(value, "owner", pointer);
    item.due = reader.text(value, "due", pointer);
    item.note = reader.text(value, "note", pointer);
}

// Missing items stay "todo"; an unknown key is a typo worth naming.
Checklist readChecklist(JsonReader& reader, const json& value, const std::string& pointer) {
    Checklist checklist;
    if (!value.is_object()) {
        reader.fail(pointer, "expected an object keyed by the ten items");
        return checklist;
    }
    std::vector<std::string> keys(kChecklistKeys.begin(), kChecklistKeys.end());
    for (auto it = value.begin(); it != value.end(); ++it) {
        auto key = std::find(keys.begin(), keys.end(), it.key());
        if (key == keys.end())
            reader.fail(pointerTo(pointer, it.key()), "unknown item \"" + it.key() + "\"" + didYouMean(it.key(), keys));
        else readChecklistItem(reader, *it, pointerTo(pointer, it.key()), checklist[key - keys.begin()]);
    }
    return checklist;
}

void readAssumptions(JsonReader& reader, const json& session, Session& out) {
    auto it = session.find("assumptions");
    if (it == session.end()) return;
    if (!it->is_array()) return reader.fail("/assumptions", "expected an array");
    for (std::size_t i = 0; i < it->size(); ++i) {
        SessionAssumption a;
        auto problems = assumptionFromJson((*it)[i], reader.label, "/assumptions/" + std::to_string(i), a);
        reader.problems.insert(reader.problems.end(), problems.begin(), problems.end());
        out.assumptions.push_back(std::move(a));
    }
}

std::map<std::string, std::string> readNoteObject(JsonReader& reader, const json& notes, const std::string& pointer) {
    std::map<std::string, std::string> out;
    if (!notes.is_object()) {
        reader.fail(pointer, "expected an object of firm id -> note");
        return out;
    }
    for (auto note = notes.begin(); note != notes.end(); ++note) {
        if (note->is_string()) out[note.key()] = note->get<std::string>();
        else reader.fail(pointerTo(pointer, note.key()), "expected a string, found " + jsonTypeName(*note));
    }
    return out;
}

// "notes" are the session region's (older sessions had only these: their notes stay with their region);
// "other_notes" those of other regions.
void readNotes(JsonReader& reader, const json& session, Session& out) {
    if (auto it = session.find("notes"); it != session.end()) out.notes = readNoteObject(reader, *it, "/notes");
    auto others = session.find("other_notes");
    if (others == session.end()) return;
    if (!others->is_object()) return reader.fail("/other_notes", "expected an object of region id -> notes");
    for (auto it = others->begin(); it != others->end(); ++it)
        out.otherNotes[it.key()] = readNoteObject(reader, *it, pointerTo("/other_notes", it.key()));
}

void readChecklists(JsonReader& reader, const json& session, Session& out) {
    if (auto it = session.find("checklist"); it != session.end())
        out.checklist = readChecklist(reader, *it, "/checklist");
    auto others = session.find("other_checklists");
    if (others == session.end()) return;
    if (!others->is_object()) return reader.fail("/other_checklists", "expected an object of region id -> checklist");
    for (auto it = others->begin(); it != others->end(); ++it)
        out.otherChecklists[it.key()] = readChecklist(reader, *it, pointerTo("/other_checklists", it.key()));
}

// weightsFromJson's error as a located problem: its place (a pointer within the weights) under `pointer`.
void failWeights(JsonReader& reader, const std::string& pointer, const Error& problem) {
    reader.fail(pointer + (problem.where == "/" ? std::string() : problem.where), problem.message);
}

void readWeights(JsonReader& reader, const json& session, Session& out) {
    auto it = session.find("weights");
    if (it == session.end()) return;
    auto weights = weightsFromJson(*it);
    if (weights) out.weights = *weights;
    else failWeights(reader, "/weights", weights.error());
}

bool isEmpty(const Checklist& checklist) {
    return std::all_of(checklist.begin(), checklist.end(), [](const ChecklistItem& i) { return i.empty(); });
}

// Notes and other regions' checklists are keyed by ids of the chain: an id it lacks is a typo (or a firm
// since removed), reported rather than dropped. Empty ones carry nothing (the writer leaves them out).
void resolveKeys(const Session& session, const Chain& chain, const std::string& label,
                 std::vector<Diagnostic>& problems) {
    for (const auto& [firm, note] : session.notes) {
        if (note.empty()) continue;
        if (auto found = resolveId(chain, IdKind::Firm, firm); !found)
            problems.push_back({Severity::Error, label, pointerTo("/notes", firm), found.error().message});
    }
    for (const auto& [region, notes] : session.otherNotes) {
        std::string place = pointerTo("/other_notes", region);
        bool any = std::any_of(notes.begin(), notes.end(), [](const auto& n) { return !n.second.empty(); });
        if (auto found = resolveId(chain, IdKind::Region, region); any && !found)
            problems.push_back({Severity::Error, label, place, found.error().message});
        for (const auto& [firm, note] : notes) {
            if (note.empty()) continue;
            if (auto found = resolveId(chain, IdKind::Firm, firm); !found)
                problems.push_back({Severity::Error, label, pointerTo(place, firm), found.error().message});
        }
    }
    for (const auto& [region, checklist] : session.otherChecklists) {
        if (isEmpty(checklist)) continue;
        if (auto found = resolveId(chain, IdKind::Region, region); !found)
            problems.push_back({Severity::Error, label, pointerTo("/other_checklists", region), found.error().message});
    }
}

}  // namespace

const char* checklistStateKey(ChecklistState state) { return kStateKeys[static_cast<int>(state)]; }

const char* checklistTitle(int item, Lang lang) {
    return lang == Lang::Zh ? kChecklistTitles[item].zh : kChecklistTitles[item].en;
}

const char* checklistStateName(ChecklistState state, Lang lang) {
    constexpr std::array<ChecklistText, 3> names = {{{"待办", "to do"}, {"进行中", "in progress"}, {"已完成", "done"}}};
    return lang == Lang::Zh ? names[static_cast<int>(state)].zh : names[static_cast<int>(state)].en;
}

nlohmann::json sessionToJson(const Session& s) {
    json out;
    out["format"] = kSessionFormat;
    out["file"] = s.file;
    out["chain"] = s.chain;
    out["lang"] = s.lang == Lang::Zh ? "zh" : "en";
    out["region"] = s.region;
    out["hubs"] = s.hubs;
    if (s.weights) out["weights"] = weightsToJson(*s.weights);
    out["assumptions"] = json::array();
    for (const SessionAssumption& a : s.assumptions) out["assumptions"].push_back(assumptionToJson(a));
    out["notes"] = json::object();
    for (const auto& [firm, note] : s.notes)
        if (!note.empty()) out["notes"][firm] = note;
    json otherNotes = json::object();
    for (const auto& [region, notes] : s.otherNotes)
        for (const auto& [firm, note] : notes)
            if (region != s.region && !note.empty()) otherNotes[region][firm] = note;
    if (!otherNotes.empty()) out["other_notes"] = otherNotes;
    out["checklist"] = checklistToJson(s.checklist);
    json others = json::object();
    for (const auto& [region, checklist] : s.otherChecklists)
        if (region != s.region && !isEmpty(checklist)) others[region] = checklistToJson(checklist);
    if (!others.empty()) out["other_checklists"] = others;
    return out;
}

std::vector<Diagnostic> sessionFromJson(const json& document, const std::string& label, Session& session) {
    JsonReader reader{label, {}};
    if (!document.is_object()) {
        reader.fail("/", "a session is a JSON object");
        return reader.problems;
    }
    auto format = document.find("format");
    if (format == document.end() || *format != kSessionFormat) {
        reader.fail("/format", std::string("expected \"") + kSessionFormat + "\"");
        return reader.problems;
    }
    reader.unknownKeys(document, "",
                       {"format", "file", "chain", "lang", "region", "hubs", "weights", "assumptions", "notes",
                        "other_notes", "checklist", "other_checklists"},
                       "session");
    Session out;
    out.file = reader.text(document, "file", "");
    out.chain = reader.text(document, "chain", "");
    out.lang = reader.text(document, "lang", "") == "en" ? Lang::En : Lang::Zh;
    out.langGiven = document.contains("lang");
    out.region = reader.text(document, "region", "");
    out.hubs = reader.textList(document, "hubs", "");
    readWeights(reader, document, out);
    readAssumptions(reader, document, out);
    readNotes(reader, document, out);
    readChecklists(reader, document, out);
    if (reader.problems.empty()) session = std::move(out);
    return reader.problems;
}

std::vector<Diagnostic> loadSessionFile(const std::string& path, Session& session) {
    auto text = readWholeFile(path);
    if (!text) return {{Severity::Error, path, "", text.error().message, ProblemKind::Io}};
    json document;
    if (auto problem = parseJsonText(withoutUtf8Bom(*text), path, document, "a chainatlas-session/1 JSON object"))
        return {*problem};
    return sessionFromJson(document, path, session);
}

std::vector<Diagnostic> loadWeightsFile(const std::string& path, Weights& weights) {
    auto text = readWholeFile(path);
    if (!text) return {{Severity::Error, path, "", text.error().message, ProblemKind::Io}};
    json document;
    if (auto problem = parseJsonText(withoutUtf8Bom(*text), path, document, "a JSON object of weights"))
        return {*problem};
    auto read = weightsFromJson(document, weights);
    JsonReader reader{path, {}};
    if (read) weights = *read;
    else failWeights(reader, "", read.error());
    if (!reader.problems.empty() && reader.problems[0].location.empty()) reader.problems[0].location = "/";
    return reader.problems;
}

Status saveSessionFile(const Session& session, const std::string& path) {
    return writeFileAtomically(path, sessionToJson(session).dump(2) + "\n");
}

Status sessionChainMismatch(const Session& session, const Chain& chain) {
    if (session.chain.empty() || session.chain == chain.id) return Status::success();
    return Status::failure(ErrorCode::Mismatch,
                           "the session is for chain \"" + session.chain + "\", not \"" + chain.id + "\"");
}

std::vector<Diagnostic> resolveSession(const Session& session, const Chain& chain, const std::string& label,
                                       AnalysisOptions& options) {
    std::vector<Diagnostic> problems;
    auto fail = [&](const std::string& pointer, const std::string& message) {
        problems.push_back({Severity::Error, label, pointer, message});
    };
    auto resolve = [&](IdKind kind, const std::string& id, const std::string& pointer) {
        auto index = resolveId(chain, kind, id);
        if (!index) fail(pointer, index.error().message);
        return index ? *index : -1;
    };
    AnalysisOptions out = options;
    if (Status matches = sessionChainMismatch(session, chain); !matches) {
        fail("/chain", matches.error().message);
        return problems;
    }
    if (!session.region.empty()) out.region = resolve(IdKind::Region, session.region, "/region");
    out.hubs.clear();
    for (std::size_t i = 0; i < session.hubs.size(); ++i)
        if (int h = resolve(IdKind::Region, session.hubs[i], "/hubs/" + std::to_string(i));
            h >= 0 && std::find(out.hubs.begin(), out.hubs.end(), h) == out.hubs.end())
            out.hubs.push_back(h);
    if (session.weights) out.weights = *session.weights;
    out.assumptions.clear();
    for (std::size_t i = 0; i < session.assumptions.size(); ++i) {
        Assumption assumption;
        auto found = resolveAssumption(chain, session.assumptions[i], label, "/assumptions/" + std::to_string(i),
                                       assumption);
        problems.insert(problems.end(), found.begin(), found.end());
        out.assumptions.push_back(std::move(assumption));
    }
    resolveKeys(session, chain, label, problems);
    if (problems.empty()) options = std::move(out);
    return problems;
}

void storeScenario(Session& session, const Chain& chain, const AnalysisOptions& options) {
    session.chain = chain.id;
    session.region = options.region >= 0 ? chain.regions[options.region].id : "";
    session.hubs.clear();
    for (int h : options.hubs) session.hubs.push_back(chain.regions[h].id);
    session.weights = options.weights;
    session.assumptions.clear();
    for (const Assumption& a : options.assumptions) session.assumptions.push_back(assumptionIds(chain, a));
}

}  // namespace chainatlas
