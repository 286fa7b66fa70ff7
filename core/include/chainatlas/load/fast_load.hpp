// The fast path for large chain files: builds the model in one pass without a document tree.
// It accepts only input the validator accepts without a single diagnostic, and builds the same model;
// on anything else it returns nothing and the caller takes the validating path (load.cpp), which
// reports the problems with their places.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "chainatlas/model/model.hpp"

namespace chainatlas {

// Extra bytes that must be readable after the text (simdjson reads in 64-byte blocks).
std::size_t fastLoadPadding();

// A whole file in a buffer followed by fastLoadPadding() zero bytes.
class PaddedText {
public:
    PaddedText(std::unique_ptr<char[]> bytes, std::size_t size) : bytes_(std::move(bytes)), size_(size) {}
    std::string_view view() const { return {bytes_.get(), size_}; }

private:
    std::unique_ptr<char[]> bytes_;
    std::size_t size_;
};
// nullopt when the file cannot be read (readWholeFile then says why).
std::optional<PaddedText> readPaddedFile(const std::string& path);

// What one fast load did with its memory (for tests and the bench).
struct FastLoadStats {
    std::size_t indexBytes = 0;          // simdjson's token index: 4 bytes a token (read in windows: the largest)
    std::size_t indexBytesReleased = 0;  // of those, handed back to the kernel behind the reader
    std::size_t windows = 0;             // pieces parsed one after another (0: the text as one document)
};

// How the fast path reads a text. By default the long arrays go through simdjson a window of about
// `windowBytes` at a time, each copied into one small buffer that is reused, so the token index stays small
// and warm in the cache instead of covering the whole file (docs/performance.md); where a window cannot be
// read (a cut that falls inside a string, say), the text is read again as one document. Tests and the bench
// set these to compare the two readings.
struct FastJsonOptions {
    bool oneDocument = false;
    std::size_t windowBytes = std::size_t{256} * 1024;
};

// A chainatlas/1 JSON text (byte-order mark already removed) whose buffer holds at least
// fastLoadPadding() readable bytes after text.size(); nullopt when the validating path must decide.
std::optional<Chain> fastChainFromPaddedJson(std::string_view text, FastLoadStats* stats = nullptr,
                                             const FastJsonOptions& options = {});
// The same for any text (copies it into a padded buffer first).
std::optional<Chain> fastChainFromJson(std::string_view text, FastLoadStats* stats = nullptr,
                                       const FastJsonOptions& options = {});

// A CSV folder (docs/data.md) the validating reader would turn into a chain without a single
// diagnostic, with the same model; nullopt when readCsvFolder and the validator must decide (csv_fast.cpp).
std::optional<Chain> fastChainFromCsvFolder(const std::string& folder);
// The same for an .xlsx workbook's bytes, named `label` (its name gives the chain's id without a chain sheet).
std::optional<Chain> fastChainFromWorkbook(std::string_view bytes, const std::string& label);

}  // namespace chainatlas
