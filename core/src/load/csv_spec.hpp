// The planner's tables (README "CSV folders and workbooks", docs/data.md): the files of a CSV folder and the
// sheets of a workbook, their columns with English names and Chinese labels, and the steps every reader of
// them shares — decoding a CSV file's text, mapping a header, reading a boolean. The validating reader
// (csv.cpp), the fast path (csv_fast.cpp) and the writers (chain_tables.cpp) all work from this one list, so
// a new field is one line here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chainatlas/load/load.hpp"

namespace chainatlas::csv {

enum class Cell { Text, Number, Integer, Bool, List };

// What a cell may hold, for the drop-down lists of a workbook and the readme sheet.
enum class Choices { None, Stages, Segments, Regions, Firms, Resources, Confidence, ResourceKinds, TieKinds };

struct Column {
    const char* header;  // the English name (canonical; a folder written by convert uses it)
    const char* label;   // the Chinese label, accepted as the header too
    const char* path;    // JSON path inside the row's object ("" for a site's firm, which says where it goes)
    Cell kind;
    bool required = false;
    Choices choices = Choices::None;
    const char* example = "";
    const char* meaningZh = "";
    const char* meaningEn = "";
};

struct FileSpec {
    const char* file;     // "firms.csv"
    const char* sheet;    // "firms": the sheet of a workbook, also ...
    const char* sheetZh;  // ... "企业"
    const char* array;    // top-level array the rows go to ("sites" rows go into their firm; "chain": one row)
    bool required;
    std::vector<Column> columns;
};

// Every table, in the order they are read (firms before sites, which are placed into their firm).
const std::vector<FileSpec>& specs();
const FileSpec* specNamed(std::string_view array);

// Stages used when a folder or workbook has no stages table: upstream, midstream, downstream.
struct DefaultStage {
    const char* id;
    const char* zh;
    const char* en;
};
const std::vector<DefaultStage>& defaultStages();

// Spaces and tabs around a cell are not part of it.
std::string_view trim(std::string_view s);

// true/false, TRUE/FALSE, 1/0, 是/否, Y/N, yes/no (any case); nullopt for anything else.
std::optional<bool> parseBool(std::string_view text);

// The chain's id and name from the folder's name ("NEV_2024/" -> "nev_2024"; "chain" when not a valid id).
std::pair<std::string, std::string> chainIdAndName(const std::string& folder);

// The text of one file of the folder: nullopt when it is absent (a missing required file is a diagnostic) or
// cannot be used (not readable, UTF-16, neither UTF-8 nor GB18030: a diagnostic each); the UTF-8 byte-order
// mark removed. A GB18030 file (Excel's "CSV" for Chinese) is converted to UTF-8 with a note.
std::optional<std::string> decodeFile(const std::string& folder, const FileSpec& spec,
                                      std::vector<Diagnostic>& diagnostics);
// GB18030 text as UTF-8, or nullopt when the bytes are not GB18030 either.
std::optional<std::string> gb18030ToUtf8(std::string_view text);

// What one header cell names: a column of the spec, a kept key ("+note": carried along unread, "+x:json":
// the cell is JSON), or nothing (a blank header over an empty column, Excel's trailing columns).
struct HeaderCell {
    const Column* column = nullptr;
    std::string kept;  // the kept key, when the header is "+key"
    bool keptJson = false;
    bool byLabel = false;  // named by its Chinese label (a second header row of English names may follow)
    bool blank = false;    // an empty header cell: its column must be empty
    bool unknown = false;  // a header that names nothing (reported once, at the header)
};
// A header problem: its position in the row and the message ("unknown column ... (did you mean ...)").
struct HeaderProblem {
    std::size_t position;
    std::string message;
};
// The header row mapped, with every problem: an unknown header (did-you-mean over names and labels), a column
// named twice (by its name and its label too), a kept key that is a column's key.
std::vector<HeaderCell> readHeader(const FileSpec& spec, const std::vector<std::string_view>& cells,
                                   std::vector<HeaderProblem>& problems);
// A second header row (the English names under the Chinese labels, as the template and a workbook written by
// convert have them): the header above is of Chinese labels, and every non-empty cell here names the column
// (or kept key) of the header cell above it.
bool isSecondHeader(const FileSpec& spec, const std::vector<HeaderCell>& header,
                    const std::vector<std::string_view>& cells);

// The JSON key a column fills ("name" for name_zh, "metrics" for tech); "" for a site's firm.
std::string_view topKey(const Column& column);

// Where a cell is: "12:7" (CSV line and column) or "企业!C7" (sheet and cell) when `sheet` is not empty.
std::string cellLocation(const std::string& sheet, std::size_t line, std::size_t column);
// "A", "B", ..., "Z", "AA": a workbook's column letters for a 1-based column number.
std::string columnLetters(std::size_t column);

}  // namespace chainatlas::csv
