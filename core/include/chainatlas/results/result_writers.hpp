// Analysis results as the docs/architecture.md JSON object and as a CSV target list; formatting only, shared by the
// command line and the viewer's export.
#pragma once

#include <map>
#include <string>

#include "chainatlas/analysis/targets.hpp"
#include "chainatlas/base/file_io.hpp"

namespace chainatlas {

// The docs/architecture.md JSON object; `top` limits the targets (0: all).
nlohmann::json analysisToJson(const Chain& chain, const Analysis& analysis, std::size_t top);
// The same object as JSON text, written straight out without a DOM (60k targets are 20-60 MB): byte for byte
// analysisToJson(...).dump(indent), compact when indent < 0. No line break at the end.
std::string analysisJsonText(const Chain& chain, const Analysis& analysis, std::size_t top, int indent);
// The same text and a line break, a megabyte at a time into `sink` (a 100k-firm result is 40 MB).
void writeAnalysisJson(const Chain& chain, const Analysis& analysis, std::size_t top, int indent, const TextSink& sink);
// Target list as CSV, UTF-8 with a byte-order mark (Excel and WPS then read Chinese correctly), each target
// with its reason in words, its sources with confidence and the planner's note (firm id -> note).
std::string analysisToCsv(const Chain& chain, const Analysis& analysis, std::size_t top, Lang lang,
                          const std::map<std::string, std::string>& notes = {});
// The same, a megabyte at a time into `sink`.
void writeAnalysisCsv(const Chain& chain, const Analysis& analysis, std::size_t top, Lang lang,
                      const std::map<std::string, std::string>& notes, const TextSink& sink);
// "cathode (gap, complement); separator (absent, complement)" — the segments that earn a target its fit, by id
// or by name. Segments the hub occupies are left out while the occupied discount is 1 (they earn nothing:
// listing them as "fills" read as advice to compete with the hub); unscoredSegmentList names those.
std::string fitSegmentList(const Chain& chain, const Target& target, Lang lang, bool ids, double occupiedDiscount);
std::string unscoredSegmentList(const Chain& chain, const Target& target, Lang lang, bool ids, double occupiedDiscount);
std::string joinFirmIds(const Chain& chain, const std::vector<int>& firms, const char* separator);

}  // namespace chainatlas
