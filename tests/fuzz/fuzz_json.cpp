// libFuzzer target: any bytes as a chain JSON file. The loader must report problems as diagnostics
// (never throw, crash or hang), and a chain it accepts must survive a round trip through chainToJson.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "chainatlas/load/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    chainatlas::LoadResult result = chainatlas::loadChainText(text, "fuzz.json");
    if (result.ok() == chainatlas::hasErrors(result.diagnostics)) std::abort();  // ok exactly when no error
    for (const auto& d : result.diagnostics)
        // The last-resort catch words its message so; a syntax error may quote the same words from the input.
        if (d.severity == chainatlas::Severity::Error && d.message.rfind("unexpected value: ", 0) == 0)
            std::abort();  // a library exception reached the defensive catch: the validator missed a check
    if (!result.ok()) return 0;
    std::string again = chainatlas::chainToJson(*result.chain).dump();
    if (!chainatlas::loadChainText(again, "round-trip.json").ok()) std::abort();
    return 0;
}
