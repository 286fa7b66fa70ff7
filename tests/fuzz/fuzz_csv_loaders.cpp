// libFuzzer target comparing the two CSV folder loaders: a folder (tests/data/good/csv_mini) with one file
// replaced by the input, as fuzz_csv makes it. The fast path (csv_fast.cpp) may decline anything; what it
// accepts the validating path (validateCsvFolder: csv.cpp, then the validator) must accept without a word, as the same
// model.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "chainatlas/base/file_io.hpp"
#include "chainatlas/load/fast_load.hpp"
#include "chainatlas/load/load.hpp"
#include "csv_folder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static fuzz::CsvFolder folder("chainatlas-fuzz-csv-loaders");
    if (size == 0) return 0;
    std::size_t file = data[0] % fuzz::kCsvFiles.size();
    folder.write(file, reinterpret_cast<const char*>(data + 1), size - 1);
    std::optional<chainatlas::Chain> fast = chainatlas::fastChainFromCsvFolder(folder.path());
    chainatlas::LoadResult validated = chainatlas::validateCsvFolder(folder.path());
    folder.restore(file);
    if (!fast) return 0;
    if (!validated.ok() || !validated.diagnostics.empty()) {
        for (const auto& d : validated.diagnostics)
            std::fprintf(stderr, "%s\n", chainatlas::formatDiagnostic(d).c_str());
        std::fprintf(stderr, "the fast CSV path accepted what the validating reader reports\n");
        std::abort();
    }
    if (chainatlas::chainToJson(*fast) != chainatlas::chainToJson(*validated.chain)) {
        std::fprintf(stderr, "the two CSV loaders built different models\n");
        std::abort();
    }
    return 0;
}
