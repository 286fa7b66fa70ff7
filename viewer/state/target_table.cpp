// Rows of the target list and their order (see target_table.hpp).
#include "state/target_table.hpp"

#include <algorithm>
#include <climits>
#include <map>

#include "chainatlas/analysis/vocabulary.hpp"
#include "state/collate.hpp"

namespace viewer {

using namespace chainatlas;

std::vector<TargetRow> targetRows(const ViewerState& state) {
    std::vector<TargetRow> rows;
    const auto& targets = state.analysis().targets;
    rows.reserve(targets.size() + state.scenario.assumptions.size());
    for (std::size_t i = 0; i < targets.size(); ++i)
        rows.push_back(
            {static_cast<int>(i), targets[i].firm, double(targets[i].rank), isAssumed(state, targets[i].firm)});
    for (const Assumption& a : assumptionsHere(state.scenario)) {
        bool listed = std::any_of(targets.begin(), targets.end(), [&](const Target& t) { return t.firm == a.firm; });
        if (listed) continue;
        auto before = state.baselineRank.find(a.firm);
        rows.push_back({-1, a.firm, before == state.baselineRank.end() ? double(INT_MAX) : before->second - 0.5, true});
    }
    return rows;
}

int rankChange(const ViewerState& state, const TargetRow& row) {
    if (row.target < 0) return 0;
    auto before = state.baselineRank.find(row.firm);
    return before == state.baselineRank.end() ? 0 : before->second - state.analysis().targets[row.target].rank;
}

bool anyImputed(const Analysis& analysis) {
    for (const Target& t : analysis.targets)
        for (int k = 0; k < kTermCount; ++k)
            if (termImputed(t, k)) return true;
    return false;
}

void TargetTable::sort(const ViewerState& state) {
    const auto& targets = state.analysis().targets;
    auto score = [&](const TargetRow& r) { return r.target < 0 ? -1.0 : targets[r.target].score; };
    auto term = [&](const TargetRow& r, int k) { return r.target < 0 ? -1.0 : targets[r.target].weighted[k]; };
    auto note = [&](const TargetRow& r) {
        const auto& notes = notesHere(state);
        auto it = notes.find(state.chain->firms[r.firm].id);
        return it == notes.end() ? std::string() : it->second;
    };
    auto less = [&](const TargetRow& a, const TargetRow& b) {
        switch (order_.column) {
            case kAssumeColumn: return a.assumed != b.assumed ? a.assumed > b.assumed : a.rankKey < b.rankKey;
            case kFirmColumn: return keys_[a.firm] < keys_[b.firm];
            case kChangeColumn: return rankChange(state, a) < rankChange(state, b);
            case kScoreColumn:
            case kContributionsColumn: return score(a) < score(b);
            case kNoteColumn: return note(a) < note(b);
            default:
                if (order_.column >= kFirstTermColumn && order_.column < kTargetColumnCount)
                    return term(a, order_.column - kFirstTermColumn) < term(b, order_.column - kFirstTermColumn);
                return a.rankKey < b.rankKey;
        }
    };
    bool descending = order_.descending;
    // The analysis lists its targets by rank: in that order (the default) there is nothing to sort unless
    // assumed firms were added at their former ranks.
    if (order_.column == kRankColumn && !descending &&
        std::is_sorted(rows_.begin(), rows_.end(),
                       [](const TargetRow& a, const TargetRow& b) { return a.rankKey < b.rankKey; }))
        return;
    std::stable_sort(rows_.begin(), rows_.end(),
                     [&](const TargetRow& a, const TargetRow& b) { return descending ? less(b, a) : less(a, b); });
}

// A firm assumed since the rows were last made is no target any more: it keeps the line it had (its rank
// then, less a half), not its rank without any what-if, which after earlier what-ifs may be lines away.
// The rows of assumed firms are few (one per what-if here): the earlier rows are searched for those alone,
// not put in a map of all 35k at 100k firms, which took 10-20 ms of the frame that shows a new analysis.
void TargetTable::keepAssumedInPlace(const std::vector<TargetRow>& before) {
    if (before.empty()) return;
    std::map<int, TargetRow*> assumed;  // firm -> its row now
    for (TargetRow& row : rows_)
        if (row.target < 0) assumed[row.firm] = &row;
    if (assumed.empty()) return;
    for (const TargetRow& row : before)
        if (auto it = assumed.find(row.firm); it != assumed.end())
            it->second->rankKey = row.target >= 0 ? row.rankKey - 0.5 : row.rankKey;
}

const TargetSummary& TargetTable::summary(const ViewerState& state) {
    if (summaryVersion_ != state.analysisVersion() || summaryChain_ != state.chain.get()) {
        summary_.imputed = anyImputed(state.analysis());
        summary_.maxScore = 0;
        for (const Target& t : state.analysis().targets) summary_.maxScore = std::max(summary_.maxScore, t.score);
        summaryVersion_ = state.analysisVersion();
        summaryChain_ = state.chain.get();
    }
    return summary_;
}

bool TickGuard::accept(int index, int firm, double now, bool secondOfDoubleClick, int order, int orderAtPress) {
    bool recent = now - lastTime < kSettleSeconds;
    if (secondOfDoubleClick && recent) return false;
    if (order != orderAtPress) return false;  // the row under the pointer changed while the button was down
    if (recent && index == lastIndex && firm != lastFirm && order != lastOrder) return false;
    lastIndex = index;
    lastFirm = firm;
    lastOrder = order;
    lastTime = now;
    return true;
}

const std::vector<TargetRow>& TargetTable::rows(const ViewerState& state, TargetOrder order) {
    const Chain* chain = state.chain.get();
    // Collation keys only when sorting by name: 100k names take tens of milliseconds, which a file opened
    // or a language switched would otherwise cost in its first frame.
    bool byName = order.column == kFirmColumn;
    if (byName && (keysChain_ != chain || keysLang_ != state.lang)) {
        std::vector<std::string> names;
        for (const Firm& f : chain->firms) names.push_back(f.name.pick(state.lang, f.id));
        keys_ = collationKeys(names, state.lang);
        keysChain_ = chain;
        keysLang_ = state.lang;
        version_ = -1;
    }
    if (version_ != state.analysisVersion() || !(order_ == order) || lang_ != state.lang) {
        std::vector<TargetRow> before = rowsChain_ == chain ? std::move(rows_) : std::vector<TargetRow>();
        rows_ = targetRows(state);
        keepAssumedInPlace(before);
        order_ = order;
        sort(state);
        rowsChain_ = chain;
        bool moved = before.size() != rows_.size() ||
                     !std::equal(before.begin(), before.end(), rows_.begin(),
                                 [](const TargetRow& a, const TargetRow& b) { return a.firm == b.firm; });
        if (moved) ++orderChanges_;
        version_ = state.analysisVersion();
        lang_ = state.lang;
    }
    return rows_;
}

}  // namespace viewer
