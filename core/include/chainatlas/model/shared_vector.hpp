// A vector that the copies of a chain share until one of them changes it (copy on write). A what-if copies the
// chain to add sites and changes nothing else: its supplies (500k at 40 bytes in a national chain) stay one
// block instead of a second one per what-if (docs/performance.md, "the viewer's memory").
#pragma once

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <vector>

namespace chainatlas {

template <class T>
class SharedVector {
public:
    SharedVector() = default;
    SharedVector(std::vector<T> items) : items_(std::make_shared<std::vector<T>>(std::move(items))) {}  // NOLINT
    SharedVector(std::initializer_list<T> items) : SharedVector(std::vector<T>(items)) {}

    // Reading: what a const std::vector offers.
    const std::vector<T>& get() const { return items_ ? *items_ : none(); }
    operator const std::vector<T>&() const { return get(); }  // NOLINT: reads like the vector it holds
    auto begin() const { return get().begin(); }
    auto end() const { return get().end(); }
    std::size_t size() const { return get().size(); }
    bool empty() const { return get().empty(); }
    const T& operator[](std::size_t i) const { return get()[i]; }
    const T& front() const { return get().front(); }
    const T& back() const { return get().back(); }

    // Changing: this copy's own vector, copied first when another copy still shares it. Only the owner of a
    // chain that is not shared with other threads yet (a loader, a test) calls this.
    std::vector<T>& edit() {
        if (!items_) items_ = std::make_shared<std::vector<T>>();
        else if (items_.use_count() > 1) items_ = std::make_shared<std::vector<T>>(*items_);
        return *items_;
    }
    // Whether two copies share one vector (tests and the bench check that a what-if copied nothing).
    bool sharedWith(const SharedVector& other) const { return items_ && items_ == other.items_; }

private:
    static const std::vector<T>& none() {
        static const std::vector<T> empty;
        return empty;
    }
    std::shared_ptr<std::vector<T>> items_;
};

}  // namespace chainatlas
