// libFuzzer target: a CSV folder (tests/data/good/csv_mini) with one of its files replaced by the input.
// The first byte picks the file (any file the loader reads, also ones the folder lacks); the rest is its
// content. Problems must come back as diagnostics, never as an exception, a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "chainatlas/load/load.hpp"
#include "csv_folder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static fuzz::CsvFolder folder("chainatlas-fuzz-csv");
    if (size == 0) return 0;
    std::size_t file = data[0] % fuzz::kCsvFiles.size();
    folder.write(file, reinterpret_cast<const char*>(data + 1), size - 1);
    chainatlas::LoadResult result = chainatlas::loadChainFile(folder.path());
    folder.restore(file);
    if (result.ok() == chainatlas::hasErrors(result.diagnostics)) std::abort();
    for (const auto& d : result.diagnostics)
        // The last-resort catch words its message so; a syntax error may quote the same words from the input.
        if (d.severity == chainatlas::Severity::Error && d.message.rfind("unexpected value: ", 0) == 0)
            std::abort();  // a library exception reached the defensive catch: a column was not checked
    return 0;
}
