// 三高三低 profiles (docs/method.md §7): percentiles of firms among firms and of segments among segments.
#include "chainatlas/model/profile.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "base/radix_sort.hpp"

namespace chainatlas {

namespace {

// A metric's value and the item that has it, ordered by value. The key is the value's bits turned so that
// unsigned order is numeric order (the sign bit set for positives, all bits flipped for negatives), with
// -0 taken as 0, which equals it.
struct Keyed {
    std::uint64_t key;
    std::uint32_t item;
};

std::uint64_t orderKey(double value) {
    if (value == 0) value = 0;  // -0 == 0: one run
    std::uint64_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return bits >> 63 ? ~bits : bits | std::uint64_t{1} << 63;
}

// q of every item in every metric; 0.5 where the item lacks the metric or only one item has it.
// Items are firms or segments: both carry the same six optional metrics.
template <typename Items>
std::vector<std::array<double, kMetricCount>> percentilesOf(const Items& items) {
    std::vector<std::array<double, kMetricCount>> q(items.size());
    for (auto& row : q) row.fill(0.5);
    // One sort of the values per metric, then each run of equal values shares its q: `less` is where the run
    // starts and `equal` its length. A binary search per item found the same two numbers, but 600k searches
    // into 100k values missed the cache each time; a comparison sort of 100k values took 4 ms a metric.
    std::vector<Keyed> values, spare;
    detail::RadixSort radixSort;  // runs of equal keys are runs of equal values; order within a run is free
    for (int m = 0; m < kMetricCount; ++m) {
        values.clear();
        for (std::size_t i = 0; i < items.size(); ++i)
            if (items[i].metrics[m]) values.push_back({orderKey(*items[i].metrics[m]), static_cast<std::uint32_t>(i)});
        std::size_t n = values.size();
        if (n <= 1) continue;
        radixSort(values, spare, [](const Keyed& v) { return v.key; });
        for (std::size_t low = 0; low < n;) {
            std::size_t high = low + 1;
            while (high < n && values[high].key == values[low].key) ++high;
            double less = static_cast<double>(low);
            double equal = static_cast<double>(high - low);  // counts the item itself
            double value = (less + 0.5 * (equal - 1)) / static_cast<double>(n - 1);
            for (std::size_t k = low; k < high; ++k) q[values[k].item][m] = value;
            low = high;
        }
    }
    return q;
}

// Mean over the six metrics of q, with 1 - q for the lower-is-better ones.
double meanProfile(const std::array<double, kMetricCount>& q) {
    double sum = 0;
    for (int m = 0; m < kMetricCount; ++m) sum += metricLowerIsBetter(m) ? 1.0 - q[m] : q[m];
    return sum / kMetricCount;
}

}  // namespace

bool hasAnyMetric(const std::array<std::optional<double>, kMetricCount>& metrics) {
    return std::any_of(metrics.begin(), metrics.end(), [](const auto& m) { return m.has_value(); });
}

std::vector<std::array<double, kMetricCount>> metricPercentiles(const Chain& chain) {
    return percentilesOf(chain.firms);
}

std::vector<double> profileScores(const Chain& chain) {
    auto q = metricPercentiles(chain);
    std::vector<double> profile(q.size());
    for (std::size_t f = 0; f < q.size(); ++f) profile[f] = meanProfile(q[f]);
    return profile;
}

std::vector<std::optional<double>> segmentProfiles(const Chain& chain) {
    auto q = percentilesOf(chain.segments);
    std::vector<std::optional<double>> profile(q.size());
    for (std::size_t s = 0; s < q.size(); ++s)
        if (hasAnyMetric(chain.segments[s].metrics)) profile[s] = meanProfile(q[s]);
    return profile;
}

}  // namespace chainatlas
