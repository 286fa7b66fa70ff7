// Meeting documents: one description of a report (overview, tables, map and chart images) painted as an
// .xlsx workbook (libxlsxwriter) or an A4 .pdf (cairo + pango, SVG through librsvg), and SVG maps as PNG.
// Every writer is atomic: a failure leaves no file behind and returns a one-line reason.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "chainatlas/base/file_io.hpp"

namespace chainatlas {

struct DocCell {
    std::string text;              // shown when `number` is absent (and in the PDF)
    std::optional<double> number;  // a number stays a number in the workbook
    int decimals = 2;
    std::string brief;  // shorter text for the PDF page (the workbook keeps `text` whole); may be empty
    static DocCell of(std::string text) { return {std::move(text), std::nullopt, 2, {}}; }
    static DocCell num(double value, int decimals = 2);
};

struct DocColumn {
    std::string title;
    double pdfWidth = 1;  // share of the page width in the PDF; 0: the column is left out of the PDF
    bool wrap = false;    // long text: wrapped in the workbook, capped width
};

struct DocTable {
    std::string sheet;    // sheet name in the workbook (at most 31 characters)
    std::string heading;  // heading in the PDF
    std::string intro;    // one sentence under the heading (PDF only)
    std::vector<DocColumn> columns;
    std::vector<std::vector<DocCell>> rows;
    std::string emptyText;  // shown in the PDF when there is no row
    bool autofilter = false;
    bool inPdf = true;
};

struct Document {
    std::string title, subtitle;                // "新能源汽车产业链招商报告", "西安 · 2026-11-27"
    std::string overviewSheet;                  // name of the first sheet, e.g. 概览
    std::array<std::string, 2> overviewHeader;  // its header row, e.g. 项目, 内容
    std::vector<std::pair<std::string, std::string>> overview;  // label, value
    std::string mapSvg;                                         // the segment map (PDF title page); may be empty
    std::string chartHeading, chartSvg;                         // the priorities chart (PDF); may be empty
    std::vector<DocTable> tables;
    std::string continued;                 // appended to a repeated table heading, e.g. "（续）"
    std::string continuedCell = "（续）";  // starts the rest of a cell split across pages in the PDF
    std::string pageWord;                  // "第 %d 页" / "Page %d"
    std::string fontFamily = "Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif";
};

enum class DocumentKind { Xlsx, Pdf, Png, Svg };
// The kind chosen by the extension of `path` (case-insensitive), or nothing for an unknown one.
std::optional<DocumentKind> documentKindOf(const std::string& path);

// Excel's limit on the characters of one cell (UTF-16 code units).
inline constexpr std::size_t kExcelCellLimit = 32767;
// A cell past the limit is cut with a visible "… [+N]" and a line in `warnings` (when given); characters XML
// forbids become U+FFFD and a literal "_xHHHH_" is escaped, so no text is lost without a mark.
Status writeXlsx(const Document& document, const std::string& path, std::vector<std::string>* warnings = nullptr);
Status writePdf(const Document& document, const std::string& path);
// The SVG rendered at `scale` (1: one pixel per SVG unit) as PNG bytes, on a white background.
Result<std::string> svgToPng(const std::string& svg, double scale);

}  // namespace chainatlas
