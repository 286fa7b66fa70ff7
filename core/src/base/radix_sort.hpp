// A least-significant-digit radix sort by a 64-bit key, 11 bits a pass, that skips the passes whose digit
// every key shares (keys of one kind mostly share their high bits: 4-5 passes instead of 6). Stable, so keys
// that carry a tie-breaker in their low bits give a total order. Shared by the rankings (targets.cpp) and
// the percentiles (profile.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace chainatlas::detail {

class RadixSort {
public:
    // Sorts `items` by key(item); `spare` is scratch of the same type, kept by the caller for the next sort.
    template <typename T, typename Key>
    void operator()(std::vector<T>& items, std::vector<T>& spare, Key key) {
        if (items.size() < 2) return;
        for (auto& c : counts_) c.fill(0);
        for (const T& item : items) {
            std::uint64_t k = key(item);
            for (int d = 0; d < kDigits; ++d) ++counts_[d][digit(k, d)];
        }
        spare.resize(items.size());
        for (int d = 0; d < kDigits; ++d) {
            std::array<std::uint32_t, kBuckets>& c = counts_[static_cast<std::size_t>(d)];
            if (c[digit(key(items[0]), d)] == items.size()) continue;  // every key has this digit
            std::uint32_t at = 0;
            for (std::uint32_t& count : c) at += std::exchange(count, at);  // starts of the buckets
            for (const T& item : items) spare[c[digit(key(item), d)]++] = item;
            items.swap(spare);
        }
    }

private:
    static constexpr int kDigitBits = 11, kDigits = (64 + kDigitBits - 1) / kDigitBits;
    static constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
    static std::size_t digit(std::uint64_t key, int d) { return (key >> (d * kDigitBits)) & (kBuckets - 1); }
    std::vector<std::array<std::uint32_t, kBuckets>> counts_ = std::vector<std::array<std::uint32_t, kBuckets>>(
        kDigits);
};

}  // namespace chainatlas::detail
