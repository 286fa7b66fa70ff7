// The scratch folder of the CSV fuzz targets (fuzz_csv, fuzz_csv_loaders): a copy of the seed folder
// (CHAINATLAS_FUZZ_CSV_SEED, tests/data/good/csv_mini) in which one file at a time is replaced by the input.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "chainatlas/base/file_io.hpp"

namespace fuzz {

// Every file the loader reads, also ones the seed folder lacks; the input's first byte picks one.
inline const std::vector<std::string> kCsvFiles = {"chain.csv",    "sources.csv",   "stages.csv", "segments.csv",
                                                   "links.csv",    "regions.csv",   "firms.csv",  "sites.csv",
                                                   "supplies.csv", "resources.csv", "ties.csv"};

class CsvFolder {
public:
    explicit CsvFolder(const std::string& name) {
        namespace fs = std::filesystem;
        fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
        path_ = base / (name + "-" + std::to_string(::getpid()));
        fs::create_directories(path_);
        for (const auto& file : kCsvFiles) {
            auto text = chainatlas::readWholeFile(std::string(CHAINATLAS_FUZZ_CSV_SEED) + "/" + file);
            original_.push_back(text ? *text : std::string());
            restore(original_.size() - 1);
        }
    }
    ~CsvFolder() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    CsvFolder(const CsvFolder&) = delete;
    CsvFolder& operator=(const CsvFolder&) = delete;

    std::string path() const { return path_.string(); }
    void write(std::size_t file, const char* data, std::size_t size) {
        std::ofstream(path_ / kCsvFiles[file], std::ios::binary | std::ios::trunc)
            .write(data, static_cast<std::streamsize>(size));
    }
    void restore(std::size_t file) {
        std::error_code ec;
        if (original_[file].empty()) std::filesystem::remove(path_ / kCsvFiles[file], ec);
        else write(file, original_[file].data(), original_[file].size());
    }

private:
    std::filesystem::path path_;
    std::vector<std::string> original_;  // per kCsvFiles entry; empty when the seed folder has no such file
};

}  // namespace fuzz
