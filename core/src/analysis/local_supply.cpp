// 本地配套率 (docs/method.md §13): for each local buyer, its suppliers there and which of them are local.
#include "chainatlas/analysis/local_supply.hpp"

#include <algorithm>
#include <map>

namespace chainatlas {

namespace {

// What one buyer's records say about one of its suppliers.
struct SupplierFacts {
    bool local = false;       // some record ships from the region
    bool plantNamed = false;  // some record names the buyer's plant
};

struct Buyer {
    std::map<int, SupplierFacts> suppliers;
    std::vector<int> outsideSegments;
};

LocalSupply rowOf(const Chain& chain, int firm, const Buyer& buyer) {
    LocalSupply row;
    row.firm = firm;
    for (const auto& [supplier, facts] : buyer.suppliers) {
        row.suppliers.push_back(supplier);
        if (facts.local) row.local.push_back(supplier);
        if (!facts.plantNamed) row.inferred.push_back(supplier);
    }
    auto byId = [&](int a, int b) { return chain.firms[a].id < chain.firms[b].id; };
    for (auto* list : {&row.suppliers, &row.local, &row.inferred}) std::sort(list->begin(), list->end(), byId);
    row.outsideSegments = buyer.outsideSegments;
    return row;
}

}  // namespace

std::vector<LocalSupply> localSupply(const Chain& chain, int region) {
    std::vector<char> local(chain.firms.size(), 0);
    for (std::size_t f = 0; f < chain.firms.size(); ++f) local[f] = hasSiteIn(chain.firms[f], region);
    return localSupply(chain, region, local);
}

std::vector<LocalSupply> localSupply(const Chain& chain, int region, const std::vector<char>& local) {
    std::map<int, Buyer> buyers;
    for (const Supply& supply : chain.supplies) {
        if (!supply.counted() || !local[supply.to]) continue;
        // The buyer's end: the plant the record names, else its plant in the region (it has one: inferred).
        if (supply.toRegion >= 0 && supply.toRegion != region) continue;
        bool fromHere = supply.fromRegion >= 0 ? supply.fromRegion == region : local[supply.from] != 0;
        Buyer& buyer = buyers[supply.to];
        SupplierFacts& facts = buyer.suppliers[supply.from];
        facts.local = facts.local || fromHere;
        facts.plantNamed = facts.plantNamed || supply.toRegion >= 0;
        if (!fromHere && supply.segment >= 0 &&
            std::find(buyer.outsideSegments.begin(), buyer.outsideSegments.end(), supply.segment) ==
                buyer.outsideSegments.end())
            buyer.outsideSegments.push_back(supply.segment);
    }
    std::vector<LocalSupply> rows;
    rows.reserve(buyers.size());
    for (const auto& [firm, buyer] : buyers) rows.push_back(rowOf(chain, firm, buyer));
    std::sort(rows.begin(), rows.end(), [&](const LocalSupply& a, const LocalSupply& b) {
        if (a.suppliers.size() != b.suppliers.size()) return a.suppliers.size() > b.suppliers.size();
        return chain.firms[a.firm].id < chain.firms[b.firm].id;
    });
    return rows;
}

double overallLocalShare(const std::vector<LocalSupply>& rows) {
    std::size_t suppliers = 0, local = 0;
    for (const LocalSupply& row : rows) suppliers += row.suppliers.size(), local += row.local.size();
    return suppliers == 0 ? 0.0 : static_cast<double>(local) / static_cast<double>(suppliers);
}

}  // namespace chainatlas
