// Planning sessions (`chainatlas-session/1`): the scenario a planner worked out (region, hubs, weights,
// assumptions), their notes on targets and the 十个一 checklist. Read and written here only; the viewer
// and the command line (`--session`) both call this module.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "chainatlas/analysis/targets.hpp"
#include "chainatlas/base/diagnostics.hpp"

namespace chainatlas {

inline constexpr const char* kSessionFormat = "chainatlas-session/1";

// SIP's 十个一 cultivation mechanism, in its order (docs/architecture.md).
enum class ChecklistState { Todo, Doing, Done };
inline constexpr int kChecklistCount = 10;
inline constexpr std::array<const char*, kChecklistCount> kChecklistKeys = {"industry",   "plan", "company", "park",
                                                                            "institutes", "fund", "service", "leaders",
                                                                            "platforms",  "event"};
const char* checklistStateKey(ChecklistState state);  // "todo", "doing", "done"
// "选择一个特色产业" / "Choose one distinctive industry".
const char* checklistTitle(int item, Lang lang);
const char* checklistStateName(ChecklistState state, Lang lang);  // 待办/进行中/已完成
// What the data says about one 十个一 item in `region` (docs/method.md §12): its confirmed resources, or its chain
// leaders; "" for items the data cannot speak to.
std::string checklistEvidenceText(const Chain& chain, int region, int item, Lang lang);

struct ChecklistItem {
    ChecklistState state = ChecklistState::Todo;
    std::string owner, due, note;  // due: a date as the planner typed it, e.g. "2026-12-31"
    bool operator==(const ChecklistItem&) const = default;
    bool empty() const { return state == ChecklistState::Todo && owner.empty() && due.empty() && note.empty(); }
};
using Checklist = std::array<ChecklistItem, kChecklistCount>;

// A session as written in the file: ids, not indices, so it can be read before the chain is loaded
// (assumptions are read and written by the what-if module, whatif.hpp).
using SessionAssumption = AssumptionIds;

struct Session {
    std::string file;   // the chain file (absolute path when the viewer wrote it)
    std::string chain;  // the chain id; empty in sessions older than the checklist
    Lang lang = Lang::Zh;
    bool langGiven = false;  // the file said "lang" (it then outranks the locale: chooseLang)
    std::string region;
    std::vector<std::string> hubs;
    std::optional<Weights> weights;  // absent: the defaults
    std::vector<SessionAssumption> assumptions;
    std::map<std::string, std::string> notes;  // firm id -> the planner's note, for `region`
    // region id -> firm id -> note: notes belong to the region they were made for (a note on a target for
    // Weinan is no note on the same firm for Baoji), kept when switching region, as the checklists are.
    std::map<std::string, std::map<std::string, std::string>> otherNotes;
    Checklist checklist;                               // for `region`
    std::map<std::string, Checklist> otherChecklists;  // region id -> its checklist, kept when switching region
};

nlohmann::json sessionToJson(const Session& session);
// Every problem found, each located by a JSON pointer in `label`; `session` is filled only when there is none.
std::vector<Diagnostic> sessionFromJson(const nlohmann::json& json, const std::string& label, Session& session);
// Reads and parses a session file (syntax errors with line and column).
std::vector<Diagnostic> loadSessionFile(const std::string& path, Session& session);
Status saveSessionFile(const Session& session, const std::string& path);  // written atomically (file_io.hpp)
// A weights file (`--weights`): the keys it gives replace those of `weights`, which is changed only when
// there is no problem. Read by the rule every JSON input follows (load.hpp, parseJsonText); problems are
// located by JSON pointer as inside a session.
std::vector<Diagnostic> loadWeightsFile(const std::string& path, Weights& weights);

// Success when the session may be applied to `chain`, else why not (Mismatch: written for another chain).
Status sessionChainMismatch(const Session& session, const Chain& chain);
// The session's scenario as analysis options over `chain` (`options` is changed only when there is no
// problem). Unknown ids are located errors with did-you-mean.
std::vector<Diagnostic> resolveSession(const Session& session, const Chain& chain, const std::string& label,
                                       AnalysisOptions& options);
// The session's fields from analysis options (ids looked up in `chain`).
void storeScenario(Session& session, const Chain& chain, const AnalysisOptions& options);

}  // namespace chainatlas
