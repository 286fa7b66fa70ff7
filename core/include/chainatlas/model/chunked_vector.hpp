// A vector whose copies share its items in chunks of 512 until one of them writes (copy on write, a chunk at a
// time). A what-if copies the chain to add a site to a few firms: the copy takes the chunks' pointers (200 at
// 100k firms) and copies only the chunks its assumed firms are in, instead of every firm (41 MB at 100k;
// docs/performance.md, "the viewer's memory").
//
// Reading is what a const std::vector offers (operator[], size, random-access iterators). Writing through
// operator[], back() or a non-const iteration first copies the chunks another copy still shares: a chain
// shared between threads is const and never written, so the check needs no lock.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace chainatlas {

template <class T>
class ChunkedVector {
    static constexpr std::size_t kBits = 9;
    static constexpr std::size_t kChunk = std::size_t{1} << kBits;
    static constexpr std::size_t kMask = kChunk - 1;
    using Chunk = std::vector<T>;

public:
    template <bool Const>
    class Iterator {
        using Owner = std::conditional_t<Const, const ChunkedVector, ChunkedVector>;

    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = std::conditional_t<Const, const T*, T*>;
        using reference = std::conditional_t<Const, const T&, T&>;

        Iterator() = default;
        Iterator(Owner* owner, std::size_t at) : owner_(owner), at_(at) {}
        operator Iterator<true>() const { return {owner_, at_}; }  // NOLINT: iterator -> const_iterator

        // A mutable iterator comes from a non-const begin(), which has made every chunk this vector's own.
        reference operator*() const { return (*owner_->chunks_[at_ >> kBits])[at_ & kMask]; }
        pointer operator->() const { return &**this; }
        reference operator[](difference_type n) const { return *(*this + n); }
        Iterator& operator++() { return ++at_, *this; }
        Iterator operator++(int) {
            Iterator was = *this;
            return ++at_, was;
        }
        Iterator& operator--() { return --at_, *this; }
        Iterator operator--(int) {
            Iterator was = *this;
            return --at_, was;
        }
        Iterator& operator+=(difference_type n) { return at_ += n, *this; }
        Iterator& operator-=(difference_type n) { return at_ -= n, *this; }
        friend Iterator operator+(Iterator it, difference_type n) { return it += n; }
        friend Iterator operator+(difference_type n, Iterator it) { return it += n; }
        friend Iterator operator-(Iterator it, difference_type n) { return it -= n; }
        friend difference_type operator-(const Iterator& a, const Iterator& b) {
            return static_cast<difference_type>(a.at_) - static_cast<difference_type>(b.at_);
        }
        friend bool operator==(const Iterator& a, const Iterator& b) { return a.at_ == b.at_; }
        friend bool operator!=(const Iterator& a, const Iterator& b) { return a.at_ != b.at_; }
        friend bool operator<(const Iterator& a, const Iterator& b) { return a.at_ < b.at_; }
        friend bool operator>(const Iterator& a, const Iterator& b) { return a.at_ > b.at_; }
        friend bool operator<=(const Iterator& a, const Iterator& b) { return a.at_ <= b.at_; }
        friend bool operator>=(const Iterator& a, const Iterator& b) { return a.at_ >= b.at_; }

    private:
        Owner* owner_ = nullptr;
        std::size_t at_ = 0;
    };
    using value_type = T;
    using size_type = std::size_t;
    using iterator = Iterator<false>;
    using const_iterator = Iterator<true>;

    ChunkedVector() = default;
    ChunkedVector(std::initializer_list<T> items) {
        for (const T& item : items) push_back(item);
    }

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    const T& operator[](std::size_t i) const { return (*chunks_[i >> kBits])[i & kMask]; }
    T& operator[](std::size_t i) { return own(i >> kBits)[i & kMask]; }
    const T& front() const { return (*this)[0]; }
    const T& back() const { return (*this)[size_ - 1]; }
    T& front() { return (*this)[0]; }
    T& back() { return (*this)[size_ - 1]; }

    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size_}; }
    const_iterator cbegin() const { return begin(); }
    const_iterator cend() const { return end(); }
    iterator begin() { return ownAll(), iterator{this, 0}; }
    iterator end() { return ownAll(), iterator{this, size_}; }

    void reserve(std::size_t n) { chunks_.reserve((n + kMask) >> kBits); }
    void push_back(T item) { emplace_back(std::move(item)); }
    template <class... Args>
    T& emplace_back(Args&&... args) {
        if ((size_ & kMask) == 0) chunks_.push_back(std::make_shared<Chunk>());
        Chunk& last = own(size_ >> kBits);
        last.emplace_back(std::forward<Args>(args)...);
        ++size_;
        return last.back();
    }
    void pop_back() {
        own((size_ - 1) >> kBits).pop_back();
        if ((--size_ & kMask) == 0) chunks_.pop_back();
    }
    void resize(std::size_t n) {
        while (size_ > n) pop_back();
        while (size_ < n) emplace_back();
    }
    void clear() { chunks_.clear(), size_ = 0; }

    // How many chunks this vector and `other` share (tests and the bench check what a what-if copied).
    std::size_t chunksSharedWith(const ChunkedVector& other) const {
        std::size_t shared = 0;
        for (std::size_t c = 0; c < chunks_.size() && c < other.chunks_.size(); ++c)
            shared += chunks_[c] == other.chunks_[c];
        return shared;
    }
    std::size_t chunkCount() const { return chunks_.size(); }

private:
    Chunk& own(std::size_t chunk) {
        std::shared_ptr<Chunk>& items = chunks_[chunk];
        if (items.use_count() > 1) items = std::make_shared<Chunk>(*items);
        return *items;
    }
    void ownAll() {
        for (std::size_t c = 0; c < chunks_.size(); ++c) own(c);
    }

    std::vector<std::shared_ptr<Chunk>> chunks_;
    std::size_t size_ = 0;
};

}  // namespace chainatlas
