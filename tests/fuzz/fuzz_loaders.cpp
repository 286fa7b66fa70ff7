// libFuzzer target comparing the two JSON loaders on the same bytes: the fast path (simdjson, fast_load.cpp)
// may decline anything, but what it accepts the validating path must accept without a word, as the same
// model. The verdict of loadChainText (fast path first) is then always the validator's.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "chainatlas/load/fast_load.hpp"
#include "chainatlas/load/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    std::optional<chainatlas::Chain> fast = chainatlas::fastChainFromJson(text);
    chainatlas::LoadResult validated = chainatlas::validateChainText(text, "fuzz.json");
    if (!fast) return 0;
    if (!validated.ok() || !validated.diagnostics.empty()) {
        for (const auto& d : validated.diagnostics)
            std::fprintf(stderr, "%s\n", chainatlas::formatDiagnostic(d).c_str());
        std::fprintf(stderr, "the fast path accepted what the validator reports\n");
        std::abort();
    }
    if (chainatlas::chainToJson(*fast) != chainatlas::chainToJson(*validated.chain)) {
        std::fprintf(stderr, "the two loaders built different models\n");
        std::abort();
    }
    return 0;
}
