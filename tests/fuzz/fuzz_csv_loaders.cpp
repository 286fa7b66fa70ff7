// libFuzzer target comparing the two CSV folder loaders: a folder (tests/data/good/csv_mini) with one file
// replaced by the input, as fuzz_csv makes it. The fast path (csv_fast.cpp) may decline anything; what it
// accepts the validating reader (csv.cpp, then the validator) must accept without a word, as the same model.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "chainatlas/csv.hpp"
#include "chainatlas/fast_load.hpp"
#include "chainatlas/file_io.hpp"
#include "chainatlas/load.hpp"

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kFiles = {"sources.csv", "stages.csv", "segments.csv", "links.csv",     "regions.csv",
                                         "firms.csv",   "sites.csv",  "supplies.csv", "resources.csv", "ties.csv"};

struct Folder {
    fs::path path;
    std::vector<std::string> original;  // per kFiles entry; empty when the seed folder has no such file
    Folder() {
        fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
        path = base / ("chainatlas-fuzz-csv-loaders-" + std::to_string(::getpid()));
        fs::create_directories(path);
        for (const auto& name : kFiles) {
            auto text = chainatlas::readWholeFile(std::string(CHAINATLAS_FUZZ_CSV_SEED) + "/" + name);
            original.push_back(text ? *text : std::string());
            restore(original.size() - 1);
        }
    }
    ~Folder() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    void write(std::size_t file, const char* data, std::size_t size) {
        std::ofstream(path / kFiles[file], std::ios::binary | std::ios::trunc)
            .write(data, static_cast<std::streamsize>(size));
    }
    void restore(std::size_t file) {
        std::error_code ec;
        if (original[file].empty()) fs::remove(path / kFiles[file], ec);
        else write(file, original[file].data(), original[file].size());
    }
};

// The validating path alone, as loadChainFile takes it when the fast path declines.
chainatlas::LoadResult validateFolder(const std::string& folder) {
    chainatlas::CsvDocument csv = chainatlas::readCsvFolder(folder);
    if (chainatlas::hasErrors(csv.diagnostics)) return {std::nullopt, csv.diagnostics};
    chainatlas::LoadResult result = chainatlas::chainFromJson(csv.document, folder);
    result.diagnostics.insert(result.diagnostics.begin(), csv.diagnostics.begin(), csv.diagnostics.end());
    return result;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Folder folder;
    if (size == 0) return 0;
    std::size_t file = data[0] % kFiles.size();
    folder.write(file, reinterpret_cast<const char*>(data + 1), size - 1);
    std::optional<chainatlas::Chain> fast = chainatlas::fastChainFromCsvFolder(folder.path.string());
    chainatlas::LoadResult validated = validateFolder(folder.path.string());
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
