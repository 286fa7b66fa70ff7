// The report as an A4 PDF: title page with the chain map, the priorities chart, then the tables, each
// repeating its header row on every page it runs over; page numbers; Chinese fonts embedded by cairo.
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <algorithm>
#include <cstdio>
#include <memory>

#include "chainatlas/base/text.hpp"
#include "chainatlas/documents/document.hpp"
#include "documents/svg_raster.hpp"

namespace chainatlas {

namespace {

constexpr double kPageWidth = 595.276, kPageHeight = 841.89;  // A4 in points
constexpr double kMargin = 42, kFooter = 28;
constexpr double kCellPad = 3;

const std::string& pageText(const DocCell& cell) { return cell.brief.empty() ? cell.text : cell.brief; }

// The texts of one table row as drawn (the header's titles when `row` is null), ready for pango: cairo
// refuses noncharacters and a NUL would end the text (drawableText).
std::vector<std::string> rowTexts(const DocTable& table, const std::vector<DocCell>* row) {
    std::vector<std::string> texts;
    for (std::size_t c = 0; c < table.columns.size(); ++c)
        texts.push_back(
            drawableText(row ? (c < row->size() ? pageText((*row)[c]) : std::string()) : table.columns[c].title));
    return texts;
}

struct FontDeleter {
    void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
using Font = std::unique_ptr<PangoFontDescription, FontDeleter>;

// Paints a Document page by page; `y` is where the next block starts on the current page.
class PdfPainter {
public:
    PdfPainter(cairo_t* cr, const Document& document) : cr_(cr), doc_(document) {}
    void titlePage();
    void overviewRow(const std::string& label, std::string value, double labelWidth);
    void chartPage();
    void table(const DocTable& table);
    void finish() { endPage(); }
    Status status = Status::success();  // a map or chart that could not be drawn

private:
    Font font(double size, bool bold) const;
    // Lays out text in `width` points; returns its height. `draw` false only measures.
    double text(const std::string& text, double x, double y, double width, double size, bool bold, bool draw = true,
                PangoAlignment align = PANGO_ALIGN_LEFT);
    void beginPage();
    void endPage();
    void ensureRoom(double height);
    double rowHeight(const std::vector<std::string>& texts, const std::vector<double>& widths, bool header);
    void drawRow(const DocTable& table, const std::vector<DocCell>* row, const std::vector<std::string>& texts,
                 const std::vector<double>& widths, bool shade);
    void continueTable(const DocTable& table, const std::vector<double>& widths);
    std::string fittingPart(const std::string& text, double width, double room, double size);
    std::size_t fittingLength(std::string_view text, double width, double room, double size, bool& overflowed);
    std::vector<std::string> splitRow(std::vector<std::string>& texts, const std::vector<double>& widths, double room);
    void tableRow(const DocTable& table, std::size_t r, const std::vector<double>& widths);
    void heading(const std::string& text, double size);
    std::vector<double> columnWidths(const DocTable& table) const;

    cairo_t* cr_;
    const Document& doc_;
    int page_ = 0;
    bool open_ = false;
    double y_ = kMargin;
    const double width_ = kPageWidth - 2 * kMargin;
    const double bottom_ = kPageHeight - kMargin - kFooter;
};

Font PdfPainter::font(double size, bool bold) const {
    Font f(pango_font_description_from_string(doc_.fontFamily.c_str()));
    pango_font_description_set_absolute_size(f.get(), size * PANGO_SCALE);
    if (bold) pango_font_description_set_weight(f.get(), PANGO_WEIGHT_BOLD);
    return f;
}

double PdfPainter::text(const std::string& content, double x, double y, double width, double size, bool bold, bool draw,
                        PangoAlignment align) {
    PangoLayout* layout = pango_cairo_create_layout(cr_);
    Font f = font(size, bold);
    pango_layout_set_font_description(layout, f.get());
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, align);
    std::string drawable = drawableText(content);  // whole, with its length: no NUL, nothing cairo refuses
    pango_layout_set_text(layout, drawable.data(), static_cast<int>(drawable.size()));
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    if (draw) {
        cairo_move_to(cr_, x, y);
        pango_cairo_show_layout(cr_, layout);
    }
    g_object_unref(layout);
    return static_cast<double>(h) / PANGO_SCALE;
}

void PdfPainter::beginPage() {
    ++page_;
    open_ = true;
    y_ = kMargin;
}

void PdfPainter::endPage() {
    if (!open_) return;
    char number[64];
    std::snprintf(number, sizeof number, doc_.pageWord.c_str(), page_);
    cairo_set_source_rgb(cr_, 0.45, 0.45, 0.45);
    text(shortenForDrawing(doc_.title, 80), kMargin, kPageHeight - kMargin, width_ * 0.7, 7.5, false);
    text(number, kMargin, kPageHeight - kMargin, width_, 7.5, false, true, PANGO_ALIGN_RIGHT);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_show_page(cr_);
    open_ = false;
}

void PdfPainter::ensureRoom(double height) {
    if (!open_ || y_ + height > bottom_) {
        endPage();
        beginPage();
    }
}

void PdfPainter::heading(const std::string& content, double size) {
    double h = text(content, kMargin, y_, width_, size, true, false);
    ensureRoom(h + 40);  // never a heading alone at the foot of a page
    cairo_set_source_rgb(cr_, 0.1, 0.2, 0.3);
    y_ += text(content, kMargin, y_, width_, size, true) + 6;
    cairo_set_source_rgb(cr_, 0, 0, 0);
}

void PdfPainter::titlePage() {
    beginPage();
    cairo_set_source_rgb(cr_, 0.1, 0.2, 0.3);
    y_ += text(shortenForDrawing(doc_.title, 200), kMargin, y_, width_, 20, true) + 4;
    cairo_set_source_rgb(cr_, 0.3, 0.3, 0.3);
    y_ += text(shortenForDrawing(doc_.subtitle, 300), kMargin, y_, width_, 11, false) + 12;
    cairo_set_source_rgb(cr_, 0, 0, 0);
    const double labelWidth = 96;
    for (const auto& [label, value] : doc_.overview) overviewRow(label, drawableText(value), labelWidth);
    y_ += 10;
    if (doc_.mapSvg.empty()) return;
    double used = 0;
    if (Status drawn = detail::drawSvg(cr_, doc_.mapSvg, kMargin, y_, width_, bottom_ - y_, &used); !drawn)
        status = drawn;
    y_ += used + 8;
}

// One label and value of the overview, continued on the next page when it runs past this one.
void PdfPainter::overviewRow(const std::string& label, std::string value, double labelWidth) {
    double valueWidth = width_ - labelWidth;
    auto draw = [&](const std::string& part) {
        return std::max(text(label, kMargin, y_, labelWidth - 6, 9, true),
                        text(part, kMargin + labelWidth, y_, valueWidth, 9, false));
    };
    if (y_ + text(value, 0, 0, valueWidth, 9, false, false) > bottom_) {
        while (true) {
            std::string head = fittingPart(value, valueWidth, bottom_ - y_, 9);
            if (head.size() == value.size() || (head.empty() && y_ <= kMargin)) break;  // fits, or never will
            if (!head.empty()) {
                draw(head);
                value = doc_.continuedCell + value.substr(head.size());
            }
            endPage();
            beginPage();
        }
    }
    y_ += draw(value) + 3;
}

void PdfPainter::chartPage() {
    if (doc_.chartSvg.empty()) return;
    endPage();
    beginPage();
    heading(doc_.chartHeading, 14);
    double used = 0;
    if (Status drawn = detail::drawSvg(cr_, doc_.chartSvg, kMargin, y_, width_, bottom_ - y_, &used); !drawn)
        status = drawn;
    y_ += used + 8;
}

std::vector<double> PdfPainter::columnWidths(const DocTable& table) const {
    double total = 0;
    for (const DocColumn& c : table.columns) total += c.pdfWidth;
    std::vector<double> widths;
    for (const DocColumn& c : table.columns) widths.push_back(total > 0 ? width_ * c.pdfWidth / total : 0);
    return widths;
}

double PdfPainter::rowHeight(const std::vector<std::string>& texts, const std::vector<double>& widths, bool header) {
    double height = 0;
    for (std::size_t c = 0; c < texts.size(); ++c)
        if (widths[c] > 0) height = std::max(height, text(texts[c], 0, 0, widths[c] - 2 * kCellPad, 8, header, false));
    return height + 2 * kCellPad;
}

// A header row when `row` is null; `texts` are the row's texts as drawn (a part of them when it is split).
void PdfPainter::drawRow(const DocTable& table, const std::vector<DocCell>* row, const std::vector<std::string>& texts,
                         const std::vector<double>& widths, bool shade) {
    double height = rowHeight(texts, widths, !row);
    if (shade || !row) {
        if (row) cairo_set_source_rgb(cr_, 0.96, 0.97, 0.98);
        else cairo_set_source_rgb(cr_, 0.89, 0.91, 0.93);
        cairo_rectangle(cr_, kMargin, y_, width_, height);
        cairo_fill(cr_);
        cairo_set_source_rgb(cr_, 0, 0, 0);
    }
    double x = kMargin;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        if (widths[c] <= 0) continue;
        bool number = row && c < row->size() && (*row)[c].number;
        text(texts[c], x + kCellPad, y_ + kCellPad, widths[c] - 2 * kCellPad, 8, !row, true,
             number ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
        x += widths[c];
    }
    y_ += height;
}

// The table runs over: a new page starts with its heading and header row again.
void PdfPainter::continueTable(const DocTable& table, const std::vector<double>& widths) {
    endPage();
    beginPage();
    cairo_set_source_rgb(cr_, 0.1, 0.2, 0.3);
    y_ += text(table.heading + doc_.continued, kMargin, y_, width_, 11, true) + 4;
    cairo_set_source_rgb(cr_, 0, 0, 0);
    drawRow(table, nullptr, rowTexts(table, nullptr), widths, false);
}

// Cuts a row too tall for `room` at a line break in every cell: returns what fits, and leaves in `texts`
// the rest of each cell (marked as continued; empty when all of it fits), for the next page.
std::vector<std::string> PdfPainter::splitRow(std::vector<std::string>& texts, const std::vector<double>& widths,
                                              double room) {
    std::vector<std::string> head(texts.size());
    for (std::size_t c = 0; c < texts.size(); ++c) {
        if (widths[c] <= 0 || texts[c].empty()) continue;
        head[c] = fittingPart(texts[c], widths[c] - 2 * kCellPad, room - 2 * kCellPad, 8);
        if (head[c].size() == texts[c].size()) texts[c].clear();
        else texts[c] = doc_.continuedCell + texts[c].substr(head[c].size());
    }
    return head;
}

// The lines of `text` in a column of `width` that fit in `room` points of height, cut at a line break. Only
// a prefix that overfills the room is laid out (a line holds at most width / (0.25 em) characters, unless
// they have no width: then a longer prefix), so a cell many pages long is not laid out whole for each page.
std::string PdfPainter::fittingPart(const std::string& content, double width, double room, double size) {
    std::size_t lines = static_cast<std::size_t>(std::max(0.0, room) / size) + 2;
    std::size_t bytes = lines * (static_cast<std::size_t>(width / (0.25 * size)) + 1) * 4;
    while (true) {
        std::size_t end = std::min(bytes, content.size());
        while (end < content.size() && (static_cast<unsigned char>(content[end]) & 0xC0) == 0x80) ++end;
        bool overflowed = false;
        std::size_t cut = fittingLength(std::string_view(content).substr(0, end), width, room, size, overflowed);
        if (overflowed || end == content.size()) return content.substr(0, cut);
        bytes *= 2;
    }
}

// The bytes of `text` whose lines fit in `room`; `overflowed` tells whether a line did not.
std::size_t PdfPainter::fittingLength(std::string_view content, double width, double room, double size,
                                      bool& overflowed) {
    PangoLayout* layout = pango_cairo_create_layout(cr_);
    Font f = font(size, false);
    pango_layout_set_font_description(layout, f.get());
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout, content.data(), static_cast<int>(content.size()));
    std::size_t cut = content.size();
    overflowed = false;
    PangoLayoutIter* lines = pango_layout_get_iter(layout);
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(lines, nullptr, &logical);
        if (static_cast<double>(logical.y + logical.height) / PANGO_SCALE > room) {
            cut = static_cast<std::size_t>(pango_layout_iter_get_index(lines));
            overflowed = true;
            break;
        }
    } while (pango_layout_iter_next_line(lines));
    pango_layout_iter_free(lines);
    g_object_unref(layout);
    return cut;
}

// One body row: on this page, on the next, or split across pages when it is taller than a page's room (a
// row never runs off the foot of a page: the rest of each cell continues on the next, marked 续).
void PdfPainter::tableRow(const DocTable& table, std::size_t r, const std::vector<double>& widths) {
    const std::vector<DocCell>* row = &table.rows[r];
    std::vector<std::string> texts = rowTexts(table, row);
    bool shade = r % 2 == 1;
    double h = rowHeight(texts, widths, false);
    if (y_ + h <= bottom_) return drawRow(table, row, texts, widths, shade);
    constexpr double kFewLines = 40;  // a split leaves at least a few lines on the page it starts on
    if (h <= bottom_ - kMargin - 60 || bottom_ - y_ < kFewLines) {  // fits on a fresh page, or no room here
        continueTable(table, widths);
        if (y_ + h <= bottom_) return drawRow(table, row, texts, widths, shade);
    }
    while (true) {
        std::vector<std::string> head = splitRow(texts, widths, bottom_ - y_);
        bool none = std::all_of(head.begin(), head.end(), [](const std::string& t) { return t.empty(); });
        if (none) return drawRow(table, row, texts, widths, shade);  // not one line fits: drawn as it is
        drawRow(table, row, head, widths, shade);
        if (std::all_of(texts.begin(), texts.end(), [](const std::string& t) { return t.empty(); })) return;
        continueTable(table, widths);
    }
}

void PdfPainter::table(const DocTable& table) {
    if (!table.inPdf) return;
    std::vector<double> widths = columnWidths(table);
    heading(table.heading, 13);
    if (!table.intro.empty()) y_ += text(table.intro, kMargin, y_, width_, 8.5, false) + 4;
    if (table.rows.empty()) {
        y_ += text(table.emptyText, kMargin, y_, width_, 9, false) + 14;
        return;
    }
    drawRow(table, nullptr, rowTexts(table, nullptr), widths, false);
    for (std::size_t r = 0; r < table.rows.size(); ++r) tableRow(table, r, widths);
    y_ += 16;
}

}  // namespace

Status writePdf(const Document& document, const std::string& path) {
    std::string bytes;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(detail::appendToString, &bytes, kPageWidth,
                                                                   kPageHeight);
    std::string title = drawableText(document.title);  // no NUL: cairo takes a C string
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "ChainAtlas");
    cairo_t* cr = cairo_create(surface);
    PdfPainter painter(cr, document);
    painter.titlePage();
    painter.chartPage();
    for (const DocTable& table : document.tables) painter.table(table);
    painter.finish();
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (!painter.status) return painter.status;
    if (status != CAIRO_STATUS_SUCCESS)
        return Status::failure(ErrorCode::Internal,
                               std::string("cannot write the PDF: ") + cairo_status_to_string(status));
    return writeFileAtomically(path, bytes);
}

}  // namespace chainatlas
