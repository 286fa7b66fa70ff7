// See token_index.hpp. On-Demand walks the index forward only: count_elements() and a field lookup rewind
// within the array or object being read, never behind it. So every few thousand items of a long array, the
// whole pages of the index that lie more than a margin behind the reader are given back to the kernel
// (madvise); by the end of the walk almost none of it is resident. Anything that fails here only leaves the
// memory where it was.
#include "load/fast/token_index.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>

#if CHAINATLAS_SIMDJSON_TOKEN_INDEX
#include "load/fast/simdjson_reach.hpp"
#endif

namespace chainatlas::detail {

void TokenIndexRelease::start(simdjson::ondemand::parser& parser, const char* text) {
#if CHAINATLAS_SIMDJSON_TOKEN_INDEX
    index_ = tokenIndex(parser, count_);
    if (!index_) return;
    text_ = text;
    long page = sysconf(_SC_PAGESIZE);
    page_ = page > 0 ? static_cast<std::uintptr_t>(page) : 4096;
    released_ = roundUp(reinterpret_cast<std::uintptr_t>(index_));  // whole pages of the index only
#else
    (void)parser, (void)text;
#endif
}

void TokenIndexRelease::before(const char* location) {
    if (!index_ || location < text_) return;
    auto offset = static_cast<std::uint32_t>(location - text_);
    const std::uint32_t* reached = std::lower_bound(index_, index_ + count_, offset);
    auto end = reinterpret_cast<std::uintptr_t>(reached);
    if (end < reinterpret_cast<std::uintptr_t>(index_) + kMargin) return;
    std::uintptr_t upTo = (end - kMargin) / page_ * page_;
    if (upTo <= released_ + kStep) return;
    // The address is whole pages inside the index simdjson allocated: no other object lives there.
    void* from = reinterpret_cast<void*>(released_);  // NOLINT(performance-no-int-to-ptr)
    if (madvise(from, upTo - released_, MADV_DONTNEED) != 0) return;
    releasedBytes_ += upTo - released_;
    released_ = upTo;
}

}  // namespace chainatlas::detail
