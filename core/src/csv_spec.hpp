// CSV folders (README, "CSV folders"): the files and columns chainatlas reads, and the steps the validating
// reader (csv.cpp) and the fast path (csv_fast.cpp) share: decoding a file's text and mapping its header.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chainatlas/load.hpp"

namespace chainatlas::csv {

enum class Cell { Text, Number, Integer, Bool, List };  // Integer: a year

struct Column {
    const char* header;
    const char* path;  // JSON path inside the row's object
    Cell kind;
};

struct FileSpec {
    const char* file;
    const char* array;  // top-level array the rows go to ("sites" rows go into their firm)
    bool required;
    std::vector<Column> columns;
};

// Every file, in the order they are read (firms before sites, which are placed into their firm).
inline const std::vector<FileSpec>& specs() {
    static const std::vector<FileSpec> all = {
        {"sources.csv",
         "sources",
         false,
         {{"id", "/id", Cell::Text},
          {"title", "/title", Cell::Text},
          {"url", "/url", Cell::Text},
          {"accessed", "/accessed", Cell::Text}}},
        {"stages.csv",
         "stages",
         false,
         {{"id", "/id", Cell::Text}, {"name_zh", "/name/zh", Cell::Text}, {"name_en", "/name/en", Cell::Text}}},
        {"segments.csv",
         "segments",
         true,
         {{"id", "/id", Cell::Text},
          {"name_zh", "/name/zh", Cell::Text},
          {"name_en", "/name/en", Cell::Text},
          {"stage", "/stage", Cell::Text},
          {"tech", "/metrics/tech", Cell::Number},
          {"profit", "/metrics/profit", Cell::Number},
          {"growth", "/metrics/growth", Cell::Number},
          {"pollution", "/metrics/pollution", Cell::Number},
          {"energy", "/metrics/energy", Cell::Number},
          {"land", "/metrics/land", Cell::Number},
          {"division", "/division", Cell::Text},
          {"sources", "/sources", Cell::List},
          {"market", "/market", Cell::Bool}}},
        {"links.csv", "links", false, {{"from", "/from", Cell::Text}, {"to", "/to", Cell::Text}}},
        {"regions.csv",
         "regions",
         true,
         {{"id", "/id", Cell::Text},
          {"name_zh", "/name/zh", Cell::Text},
          {"name_en", "/name/en", Cell::Text},
          {"lon", "/lon", Cell::Number},
          {"lat", "/lat", Cell::Number}}},
        {"firms.csv",
         "firms",
         true,
         {{"id", "/id", Cell::Text},
          {"name_zh", "/name/zh", Cell::Text},
          {"name_en", "/name/en", Cell::Text},
          {"leader", "/leader", Cell::Bool},
          {"tech", "/metrics/tech", Cell::Number},
          {"profit", "/metrics/profit", Cell::Number},
          {"growth", "/metrics/growth", Cell::Number},
          {"pollution", "/metrics/pollution", Cell::Number},
          {"energy", "/metrics/energy", Cell::Number},
          {"land", "/metrics/land", Cell::Number},
          {"sources", "/sources", Cell::List}}},
        {"sites.csv",
         "sites",
         false,
         {{"firm", "", Cell::Text},
          {"region", "/region", Cell::Text},
          {"segments", "/segments", Cell::List},
          {"output", "/output", Cell::Number},
          {"confidence", "/confidence", Cell::Text},
          {"year", "/year", Cell::Integer}}},
        {"supplies.csv",
         "supplies",
         false,
         {{"from", "/from", Cell::Text},
          {"to", "/to", Cell::Text},
          {"segment", "/segment", Cell::Text},
          {"confidence", "/confidence", Cell::Text},
          {"from_region", "/from_region", Cell::Text},
          {"to_region", "/to_region", Cell::Text},
          {"year", "/year", Cell::Integer}}},
        {"resources.csv",
         "resources",
         false,
         {{"id", "/id", Cell::Text},
          {"name_zh", "/name/zh", Cell::Text},
          {"name_en", "/name/en", Cell::Text},
          {"kind", "/kind", Cell::Text},
          {"region", "/region", Cell::Text},
          {"segments", "/segments", Cell::List},
          {"sources", "/sources", Cell::List},
          {"confidence", "/confidence", Cell::Text},
          {"note", "/note", Cell::Text},
          {"year", "/year", Cell::Integer}}},
        {"ties.csv",
         "ties",
         false,
         {{"resource", "/resource", Cell::Text},
          {"firm", "/firm", Cell::Text},
          {"kind", "/kind", Cell::Text},
          {"confidence", "/confidence", Cell::Text},
          {"year", "/year", Cell::Integer}}},
    };
    return all;
}

// Spaces and tabs around a cell are not part of it.
std::string_view trim(std::string_view s);

// The chain's id and name from the folder's name ("NEV_2024/" -> "nev_2024"; "chain" when not a valid id).
std::pair<std::string, std::string> chainIdAndName(const std::string& folder);

// The text of one file of the folder: nullopt when it is absent (a missing required file is a diagnostic) or
// cannot be used (not readable, UTF-16, invalid UTF-8: a diagnostic each); the UTF-8 byte-order mark removed.
std::optional<std::string> decodeFile(const std::string& folder, const FileSpec& spec,
                                      std::vector<Diagnostic>& diagnostics);

// The JSON keys a file's rows fill from its own columns ("name" from name_zh, "metrics" from tech, ...)
// and that the loader adds ("sites" of a firm): an extra column of that name would clash with them.
bool isReservedKey(const FileSpec& spec, std::string_view key);

// Which spec column each header cell is (null: an extra column).
const Column* columnNamed(const FileSpec& spec, std::string_view header);

}  // namespace chainatlas::csv
