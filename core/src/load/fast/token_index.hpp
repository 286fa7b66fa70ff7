// Handing back simdjson's token index behind the reader, so a national file's 55 MB index is not held to the
// end of the walk (docs/performance.md). simdjson offers no way to reach it: where the installed version lets
// the configure-time probe (cmake/probes/simdjson_token_index.cpp) reach it, CHAINATLAS_SIMDJSON_TOKEN_INDEX
// is defined and the index is handed back; otherwise start() leaves everything as it is and the walk keeps the
// whole index, which costs memory and nothing else.
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <cstdint>

namespace chainatlas::detail {

class TokenIndexRelease {
public:
    // After parser.iterate(text) ran stage 1 over `text`.
    void start(simdjson::ondemand::parser& parser, const char* text);
    // `location` is where the reader stands in the text (the start of the next item).
    void before(const char* location);
    std::size_t indexBytes() const { return std::size_t{count_} * sizeof(std::uint32_t); }
    std::size_t releasedBytes() const { return releasedBytes_; }

private:
    static constexpr std::uintptr_t kMargin = 256 * 1024;  // 64k tokens behind the reader stay
    static constexpr std::uintptr_t kStep = 1024 * 1024;   // hand back a megabyte or more at a time
    const std::uint32_t* index_ = nullptr;
    std::uint32_t count_ = 0;
    const char* text_ = nullptr;
    std::uintptr_t page_ = 4096, released_ = 0;
    std::size_t releasedBytes_ = 0;
    std::uintptr_t roundUp(std::uintptr_t at) const { return (at + page_ - 1) / page_ * page_; }
};

}  // namespace chainatlas::detail
