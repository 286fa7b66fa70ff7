// libFuzzer target comparing the two JSON loaders on the same bytes: the fast path (simdjson, fast_load.cpp)
// may decline anything, but what it accepts the validating path must accept without a word, as the same
// model. The verdict of loadChainText (fast path first) is then always the validator's. The fast path is
// tried three ways: as loadChainText calls it (windows of the default size), in windows of a few bytes (cut
// wherever the input lets them be cut), and as one document.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "chainatlas/load/fast_load.hpp"
#include "chainatlas/load/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    chainatlas::FastJsonOptions small, whole;
    small.windowBytes = 1 + size % 61;
    whole.oneDocument = true;
    std::optional<chainatlas::Chain> fast[] = {chainatlas::fastChainFromJson(text),
                                               chainatlas::fastChainFromJson(text, nullptr, small),
                                               chainatlas::fastChainFromJson(text, nullptr, whole)};
    const char* how[] = {"in windows", "in small windows", "as one document"};
    chainatlas::LoadResult validated = chainatlas::validateChainText(text, "fuzz.json");
    for (int k = 0; k < 3; ++k) {
        if (!fast[k]) continue;
        if (!validated.ok() || !validated.diagnostics.empty()) {
            for (const auto& d : validated.diagnostics)
                std::fprintf(stderr, "%s\n", chainatlas::formatDiagnostic(d).c_str());
            std::fprintf(stderr, "the fast path (%s) accepted what the validator reports\n", how[k]);
            std::abort();
        }
        if (chainatlas::chainToJson(*fast[k]) != chainatlas::chainToJson(*validated.chain)) {
            std::fprintf(stderr, "the two loaders built different models (fast path %s)\n", how[k]);
            std::abort();
        }
    }
    return 0;
}
