// What a loaded chain derives from its vectors: the segment DAG and the supply graph (Boost.Graph), and
// id lookups. Private to the core: other modules see the chain's data and the find*/resolveId functions in
// model.hpp, so model.hpp need not include Boost.Graph.
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <mutex>
#include <span>
#include <string_view>
#include <vector>

#include "chainatlas/model/model.hpp"

namespace chainatlas::detail {

// Compressed sparse rows, both directions, 4-byte vertices and edge numbers: 500k supplies take 8 MB and
// 30 ms to build, where an adjacency_list took 50 MB (a list node and two vector entries per edge) and 80 ms.
using ChainGraph = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, boost::no_property,
                                                      boost::no_property, int, int>;

// The segment DAG of a chain's links (what ChainIndex::segmentGraph() holds; the fast loader checks it first).
ChainGraph linkGraph(const Chain& chain);

// One supply record as a row of one of its firms holds it: the firm at the other end, the plant the record
// names at that end (-1: not named; the analysis infers it from that firm's sites) and whether the record is
// counted (not grade C). Kept in the row itself, so that walking a firm's records reads one short run of
// memory instead of one of millions of records each: at 1M firms that walk took 0.30 s against 0.013 s at
// 100k. 8 bytes: the plant and the grade share an int.
class SupplyEnd {
public:
    SupplyEnd(int partner, int region, bool counted)
        : partner_(partner), plant_((region + 1) * 2 + (counted ? 1 : 0)) {}
    int partner() const { return partner_; }
    int region() const { return plant_ / 2 - 1; }
    bool counted() const { return (plant_ & 1) != 0; }

private:
    int partner_, plant_;
};

// Each firm's supply records (file order) as compressed rows: a record is a fact with its own plants and grade,
// so the analysis walks records, not firm pairs. 500k supplies: 8 MB.
class SupplyRecords {
public:
    SupplyRecords(const std::vector<Supply>& supplies, std::size_t firms);
    // Firm is `from`: the buyers (`to`, `toRegion`).
    std::span<const SupplyEnd> sold(int firm) const { return row(soldStart_, sold_, firm); }
    // Firm is `to`: the suppliers (`from`, `fromRegion`).
    std::span<const SupplyEnd> bought(int firm) const { return row(boughtStart_, bought_, firm); }

private:
    std::vector<int> soldStart_, boughtStart_;
    std::vector<SupplyEnd> sold_, bought_;
    static std::span<const SupplyEnd> row(const std::vector<int>& start, const std::vector<SupplyEnd>& items,
                                          int firm) {
        auto f = static_cast<std::size_t>(firm);
        return {items.data() + start[f], static_cast<std::size_t>(start[f + 1] - start[f])};
    }
};

class ChainIndex {
public:
    explicit ChainIndex(const Chain& chain);

    const ChainGraph& segmentGraph() const { return segments_; }  // vertex i is segment i, an edge per link
    const SupplyRecords& supplies() const { return supplies_; }

    // The position of `id` among the chain's segments, regions, firms or resources; -1 when unknown.
    // `chain` is the chain the index was built for or a copy with the same ids (a what-if shares the index).
    int find(const Chain& chain, IdKind kind, std::string_view id) const;

    // Each firm's 三高三低 profile among firms (docs/method.md §7), built at the first analysis. Metrics never
    // change after loading (a what-if only adds sites), so a region change or a what-if does not sort 100k
    // firms' six metrics again. `chain` as for find().
    const std::vector<double>& firmProfiles(const Chain& chain) const;

private:
    ChainGraph segments_;
    SupplyRecords supplies_;
    // Positions sorted by id, per kind; built at the first lookup (only user-typed ids are looked up, so
    // a batch run on a national file never pays for them). Lookups may come from several threads.
    static constexpr std::size_t kKinds = 4;  // IdKind's values
    mutable std::once_flag sortedOnce_[kKinds];
    mutable std::vector<int> sorted_[kKinds];
    mutable std::once_flag profilesOnce_;
    mutable std::vector<double> profiles_;
};

}  // namespace chainatlas::detail
