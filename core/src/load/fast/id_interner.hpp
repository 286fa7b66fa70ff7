// Ids met in any order (a reference may come before its definition, as in a file with sorted keys)
// get a provisional number at first sight; definitions then say which position each number stands for.
// Shared by the fast JSON and CSV loaders; the views must outlive the interner.
#pragma once

#include <algorithm>
#include <functional>
#include <string_view>
#include <vector>

namespace chainatlas::detail {

struct GiveUp {};  // thrown inside a fast loader only: the validating path decides

// Open addressing with the hash and short ids kept in the slot: a lookup among 100k ids costs about one
// cache miss, where std::unordered_map's node chains (and the id's text elsewhere in memory) cost several.
class IdInterner {
public:
    int intern(std::string_view id) { return internHashed(id, std::hash<std::string_view>{}(id)); }
    // The same for many ids at once, in order: each slot is fetched from memory 32 ids ahead of its turn.
    // A lookup in a table of 100k ids is one cache miss; with the misses overlapped the 1M firm references
    // of a national file's supplies are interned about three times faster than one by one. At 1M firms the
    // table is 128 MB and each miss goes to memory: 8 ids ahead left the interning at 14% of the run's
    // cycles, 32 at 8% (at 100k firms 10% to 7%).
    void internAll(const std::vector<std::string_view>& ids, std::vector<int>& numbers) {
        constexpr std::size_t kAhead = 32;
        std::size_t hashes[kAhead];
        auto fetch = [&](std::size_t i) {
            std::size_t hash = std::hash<std::string_view>{}(ids[i]);
            hashes[i % kAhead] = hash;
            if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
        };
        numbers.resize(ids.size());
        for (std::size_t i = 0; i < std::min(kAhead, ids.size()); ++i) fetch(i);
        for (std::size_t i = 0; i < ids.size(); ++i) {
            numbers[i] = internHashed(ids[i], hashes[i % kAhead]);
            if (i + kAhead < ids.size()) fetch(i + kAhead);
        }
    }
    // Room for `more` ids beyond those met so far, so that an array of definitions whose length is known
    // does not grow the table (and rehash every id met) a dozen times on the way.
    void reserve(std::size_t more) {
        std::size_t want = 64;
        while (want < (ids_.size() + more + 1) * 2) want *= 2;
        if (want > slots_.size()) growTo(want);
        ids_.reserve(ids_.size() + more);
        position_.reserve(position_.size() + more);
    }
    // Gives up on a duplicate definition (the validator reports it).
    void define(std::string_view id, int position) {
        int number = intern(id);
        if (position_[static_cast<std::size_t>(number)] >= 0) throw GiveUp{};
        position_[static_cast<std::size_t>(number)] = position;
    }
    // Gives up on an id that was never defined (the validator reports it with did-you-mean).
    int resolve(int number) const {
        int position = position_[static_cast<std::size_t>(number)];
        if (position < 0) throw GiveUp{};
        return position;
    }

    // The position of an id already defined, or -1; interns nothing (a resource id must not be a firm id).
    int positionOf(std::string_view id) const {
        if (slots_.empty()) return -1;
        std::size_t hash = std::hash<std::string_view>{}(id);
        std::size_t mask = slots_.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {  // at most half the slots are taken: ends
            const Slot& slot = slots_[i];
            if (slot.number < 0) return -1;
            if (slot.hash == hash && sameId(slot, id)) return position_[static_cast<std::size_t>(slot.number)];
        }
    }

private:
    int internHashed(std::string_view id, std::size_t hash) {
        if ((ids_.size() + 1) * 2 > slots_.size()) grow();
        std::size_t mask = slots_.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            Slot& slot = slots_[i];
            if (slot.number < 0) {
                slot.hash = hash;
                slot.number = static_cast<int>(ids_.size());
                slot.length = static_cast<unsigned char>(std::min(id.size(), kInline + 1));
                std::copy_n(id.data(), std::min(id.size(), kInline), slot.text);
                ids_.push_back(id);
                position_.push_back(-1);
                return slot.number;
            }
            if (slot.hash == hash && sameId(slot, id)) return slot.number;
        }
    }

    static constexpr std::size_t kInline = 19;  // a slot is 32 bytes
    struct Slot {
        std::size_t hash = 0;
        int number = -1;
        unsigned char length = 0;  // kInline + 1: longer, compare with ids_
        char text[kInline] = {};
    };
    bool sameId(const Slot& slot, std::string_view id) const {
        if (slot.length <= kInline) return id.size() == slot.length && std::equal(id.begin(), id.end(), slot.text);
        return ids_[static_cast<std::size_t>(slot.number)] == id;
    }
    std::vector<Slot> slots_;
    std::vector<std::string_view> ids_;  // by provisional number
    std::vector<int> position_;          // by provisional number; -1 until defined

    void grow() { growTo(std::max<std::size_t>(64, slots_.size() * 2)); }
    void growTo(std::size_t size) {  // a power of two
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(size, Slot{});
        std::size_t mask = slots_.size() - 1;
        for (const Slot& slot : old) {
            if (slot.number < 0) continue;
            std::size_t i = slot.hash & mask;
            while (slots_[i].number >= 0) i = (i + 1) & mask;
            slots_[i] = slot;
        }
    }
};

}  // namespace chainatlas::detail
