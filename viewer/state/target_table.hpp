// The target list's rows in the order the planner chose, without ImGui: the targets and the assumed firms
// (at their former rank), sorted by any column (firm names by pinyin in Chinese, viewer/state/collate.*), and kept
// until the analysis, the language or the order changes. The App owns one; the targets panel draws it.
#pragma once

#include <string>
#include <vector>

#include "chainatlas/analysis/targets.hpp"
#include "chainatlas/model/model.hpp"
#include "state/state.hpp"

namespace viewer {

enum TargetColumn {
    kRankColumn,
    kAssumeColumn,
    kFirmColumn,
    kChangeColumn,
    kScoreColumn,
    kContributionsColumn,
    kNoteColumn,       // before the terms: the planner's field stays on screen when the table scrolls sideways
    kFirstTermColumn,  // one column per term (chainatlas::Term), its weighted value
    kTargetColumnCount = kFirstTermColumn + chainatlas::kTermCount
};

// A row: a target, or an assumed firm (no longer a target: it is local now) at its former rank.
struct TargetRow {
    int target = -1;  // index into analysis.targets, -1 for an assumed firm
    int firm = -1;
    double rankKey = 0;  // rank, or the rank before the what-if minus a half (listed just above its old place)
    bool assumed = false;
};

// Ascending means smaller first in every column, so the arrow reads the same way everywhere.
struct TargetOrder {
    int column = kRankColumn;
    bool descending = false;
    bool operator==(const TargetOrder&) const = default;
};

// The rows in analysis order: the targets, then the assumed firms that are no longer targets.
std::vector<TargetRow> targetRows(const ViewerState& state);
// Places gained under the what-ifs (positive: up), 0 without a baseline rank.
int rankChange(const ViewerState& state, const TargetRow& row);
// Whether any target shows an imputed value ("1.00*"), so the table needs the footnote that explains it.
bool anyImputed(const chainatlas::Analysis& analysis);

// Whether a click on a row's "assume" box is applied: one click, one what-if. Not applied: the second click
// of a double-click (the first one ticked the box), a click pressed before the rows moved, and a click within
// kSettleSeconds of the last tick at the same place on the screen when another firm has slid there since.
struct TickGuard {
    static constexpr double kSettleSeconds = 1.0;
    int lastIndex = -1, lastFirm = -1, lastOrder = -1;
    double lastTime = -100;
    // `order`: TargetTable::orderChanges() now; `orderAtPress`: the same when the mouse went down.
    bool accept(int index, int firm, double now, bool secondOfDoubleClick, int order, int orderAtPress);
};

// What the panel shows of the whole list beside its rows: whether any value is imputed (the footnote) and the
// highest score (the scale of the score bars).
struct TargetSummary {
    bool imputed = false;
    double maxScore = 0;
};

class TargetTable {
public:
    // Counts the times the firms on screen changed order (a new analysis, a sort, another language).
    int orderChanges() const { return orderChanges_; }
    // The rows sorted by `order` (stable: ties keep the analysis order), computed again only when the
    // analysis version, the language or the order changed; typing a note does not move rows under the pen.
    // A firm ticked from the list keeps its line: it stays just above the firm that now has its former rank.
    const std::vector<TargetRow>& rows(const ViewerState& state, TargetOrder order);
    // Found once per analysis version, not every frame (100k firms: 35k targets of seven terms each).
    const TargetSummary& summary(const ViewerState& state);

private:
    void sort(const ViewerState& state);
    void keepAssumedInPlace(const std::vector<TargetRow>& before);
    int orderChanges_ = 0;
    const chainatlas::Chain* rowsChain_ = nullptr;
    const chainatlas::Chain* keysChain_ = nullptr;
    Lang keysLang_ = Lang::Zh;
    std::vector<std::string> keys_;  // collation key per firm
    int version_ = -1;
    Lang lang_ = Lang::Zh;
    TargetOrder order_;
    std::vector<TargetRow> rows_;
    TargetSummary summary_;
    int summaryVersion_ = -1;
    const chainatlas::Chain* summaryChain_ = nullptr;
};

}  // namespace viewer
