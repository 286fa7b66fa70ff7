// libFuzzer target: a CSV folder (tests/data/good/csv_mini) with one of its files replaced by the input.
// The first byte picks the file (any file the loader reads, also ones the folder lacks); the rest is its
// content. Problems must come back as diagnostics, never as an exception, a crash or a hang.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

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
        path = base / ("chainatlas-fuzz-csv-" + std::to_string(::getpid()));
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Folder folder;
    if (size == 0) return 0;
    std::size_t file = data[0] % kFiles.size();
    folder.write(file, reinterpret_cast<const char*>(data + 1), size - 1);
    chainatlas::LoadResult result = chainatlas::loadChainFile(folder.path.string());
    folder.restore(file);
    if (result.ok() == chainatlas::hasErrors(result.diagnostics)) std::abort();
    for (const auto& d : result.diagnostics)
        // The last-resort catch words its message so; a syntax error may quote the same words from the input.
        if (d.severity == chainatlas::Severity::Error && d.message.rfind("unexpected value: ", 0) == 0)
            std::abort();  // a library exception reached the defensive catch: a column was not checked
    return 0;
}
