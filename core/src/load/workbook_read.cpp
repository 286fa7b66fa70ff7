// Reading .xlsx workbooks (Excel, WPS, LibreOffice) into tables: minizip opens the container, libxml2's
// streaming reader (xmlTextReader) walks each part, so neither a zip nor an XML parser of our own is involved.
// What a workbook may hold and is read: shared and inline strings (rich text runs joined, phonetic runs left
// out), numbers as written (so a number stored as text and text stored as a number both reach the column as
// text), dates as YYYY-MM-DD, booleans, formulas by their cached value; a formula error (#N/A) is reported at
// its cell. Hostile files: every part is decompressed as it is parsed and all parts together may unpack to at
// most kMaxReadBytes; a document type declaration (the door to entity expansion) is refused; cell references
// are bounded by Excel's own limits; only cells with a value are stored.
#include <libxml/xmlreader.h>
#include <unzip.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>

#include "chainatlas/base/file_io.hpp"
#include "chainatlas/base/text.hpp"
#include "load/tables.hpp"

namespace chainatlas::csv {

namespace {

constexpr std::size_t kMaxRows = 1048576, kMaxColumns = 16384;  // Excel's sheet size

// --- The container: minizip reading from memory ---
struct MemoryFile {
    std::string_view bytes;
    std::size_t at = 0;
};

voidpf memoryOpen(voidpf opaque, const void*, int) { return opaque; }
uLong memoryRead(voidpf, voidpf stream, void* buffer, uLong size) {
    auto* file = static_cast<MemoryFile*>(stream);
    std::size_t n = std::min<std::size_t>(size, file->bytes.size() - file->at);
    std::memcpy(buffer, file->bytes.data() + file->at, n);
    file->at += n;
    return static_cast<uLong>(n);
}
uLong memoryWrite(voidpf, voidpf, const void*, uLong) { return 0; }
ZPOS64_T memoryTell(voidpf, voidpf stream) { return static_cast<MemoryFile*>(stream)->at; }
long memorySeek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
    auto* file = static_cast<MemoryFile*>(stream);
    std::size_t base = origin == ZLIB_FILEFUNC_SEEK_CUR   ? file->at
                       : origin == ZLIB_FILEFUNC_SEEK_END ? file->bytes.size()
                                                          : 0;
    if (offset > file->bytes.size() - base) return -1;
    file->at = base + static_cast<std::size_t>(offset);
    return 0;
}
int memoryClose(voidpf, voidpf) { return 0; }
int memoryError(voidpf, voidpf) { return 0; }

// A problem that ends the reading of the workbook, with its location ("" or a cell).
struct Unreadable {
    std::string location, message;
};

class Container {
public:
    explicit Container(std::string_view bytes) : memory_{bytes, 0} {
        zlib_filefunc64_def io{memoryOpen, memoryRead,  memoryWrite, memoryTell,
                               memorySeek, memoryClose, memoryError, &memory_};
        zip_ = unzOpen2_64("workbook", &io);
    }
    ~Container() {
        if (zip_) unzClose(zip_);
    }
    Container(const Container&) = delete;
    Container& operator=(const Container&) = delete;
    bool ok() const { return zip_ != nullptr; }
    bool has(const std::string& part) { return unzLocateFile(zip_, part.c_str(), 2) == UNZ_OK; }
    // Opens `part` for reading; false when it is absent.
    bool open(const std::string& part) {
        if (!has(part)) return false;
        if (unzOpenCurrentFile(zip_) != UNZ_OK)
            throw Unreadable{"", "cannot read part " + part + " (encrypted? save the workbook without a password)"};
        return true;
    }
    // The next bytes of the open part; 0 at its end. All parts together are bounded (zip bombs).
    int read(char* buffer, int size, const std::string& part) {
        int n = unzReadCurrentFile(zip_, buffer, static_cast<unsigned>(size));
        if (n < 0) throw Unreadable{"", "part " + part + " is damaged (the zip data does not decompress)"};
        unpacked_ += static_cast<std::size_t>(n);
        if (unpacked_ > kMaxReadBytes)
            throw Unreadable{"", "the workbook unpacks to more than " + std::to_string(kMaxReadBytes >> 20) + " MiB"};
        return n;
    }
    void close() { unzCloseCurrentFile(zip_); }
    std::size_t unpacked() const { return unpacked_; }

private:
    MemoryFile memory_;
    unzFile zip_ = nullptr;
    std::size_t unpacked_ = 0;
};

// --- One part as a stream of XML nodes ---
class PartReader {
public:
    PartReader(Container& zip, std::string part) : zip_(zip), part_(std::move(part)) {
        if (!zip_.open(part_)) return;
        open_ = true;
        reader_ = xmlReaderForIO(&PartReader::readCallback, nullptr, this, part_.c_str(), nullptr,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
        if (!reader_) throw Unreadable{"", "cannot read part " + part_};
        xmlTextReaderSetStructuredErrorHandler(reader_, &PartReader::errorCallback, this);
    }
    ~PartReader() {
        if (reader_) xmlFreeTextReader(reader_);
        if (open_) zip_.close();
    }
    PartReader(const PartReader&) = delete;
    PartReader& operator=(const PartReader&) = delete;
    bool present() const { return reader_ != nullptr; }
    // The next node; false at the end. Malformed XML and document type declarations end the reading.
    // The node's type and name are asked once per node: a sheet has millions, and each question is a call.
    bool next() {
        int status = xmlTextReaderRead(reader_);
        if (thrown_) throw *thrown_;
        if (status < 0) throw Unreadable{"", "part " + part_ + " is not well-formed XML" + error_};
        if (status == 0) return false;
        type_ = xmlTextReaderNodeType(reader_);
        if (type_ == XML_READER_TYPE_DOCUMENT_TYPE)
            throw Unreadable{"", "part " + part_ + " declares a document type, which no workbook does: refused"};
        bool tag = type_ == XML_READER_TYPE_ELEMENT || type_ == XML_READER_TYPE_END_ELEMENT;
        name_ = tag ? view(xmlTextReaderConstLocalName(reader_)) : std::string_view();
        return true;
    }
    bool element(std::string_view name) const { return type_ == XML_READER_TYPE_ELEMENT && name_ == name; }
    bool end(std::string_view name) const { return type_ == XML_READER_TYPE_END_ELEMENT && name_ == name; }
    bool empty() const { return xmlTextReaderIsEmptyElement(reader_) == 1; }
    bool text() const {
        return type_ == XML_READER_TYPE_TEXT || type_ == XML_READER_TYPE_CDATA ||
               type_ == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
    }
    std::string_view value() const { return view(xmlTextReaderConstValue(reader_)); }
    // Each attribute of the current element: f(local name, value).
    template <typename F>
    void attributes(F&& f) {
        if (xmlTextReaderMoveToFirstAttribute(reader_) != 1) return;
        do f(view(xmlTextReaderConstLocalName(reader_)), view(xmlTextReaderConstValue(reader_)));
        while (xmlTextReaderMoveToNextAttribute(reader_) == 1);
        xmlTextReaderMoveToElement(reader_);
    }

private:
    Container& zip_;
    std::string part_;
    bool open_ = false;
    xmlTextReaderPtr reader_ = nullptr;
    int type_ = 0;
    std::string_view name_;  // the local name of an element's start or end; libxml2's dictionary keeps it
    std::string error_;
    std::optional<Unreadable> thrown_;  // an exception must not cross libxml2's C frames

    static std::string_view view(const xmlChar* text) {
        return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
    }
    static int readCallback(void* context, char* buffer, int size) {
        auto* self = static_cast<PartReader*>(context);
        try {
            return self->zip_.read(buffer, size, self->part_);
        } catch (const Unreadable& problem) {
            self->thrown_ = problem;
            return -1;
        }
    }
    static void errorCallback(void* context, xmlErrorPtr error) {
        auto* self = static_cast<PartReader*>(context);
        if (!self->error_.empty() || !error || !error->message) return;
        std::string message = error->message;
        while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
        self->error_ = " (line " + std::to_string(error->line) + ": " + message + ")";
    }
};

// --- Paths inside the container ---
std::string folderOf(const std::string& part) {
    std::size_t slash = part.rfind('/');
    return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

// A relationship's target as a part name: absolute ("/xl/...") or relative to the source's folder, ".." resolved.
std::string resolvePart(const std::string& from, std::string_view target) {
    std::string path = !target.empty() && target.front() == '/' ? std::string(target.substr(1))
                                                                : folderOf(from) + std::string(target);
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        std::string piece = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (piece == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!piece.empty() && piece != ".") {
            parts.push_back(piece);
        }
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    std::string out;
    for (const auto& piece : parts) out += (out.empty() ? "" : "/") + piece;
    return out;
}

// Relationship id -> (type, target part) of a part's relationships.
struct Relationship {
    std::string type, target;
};
std::map<std::string, Relationship> relationships(Container& zip, const std::string& part) {
    std::string relsPart = folderOf(part) + "_rels/" + part.substr(folderOf(part).size()) + ".rels";
    std::map<std::string, Relationship> out;
    PartReader reader(zip, relsPart);
    if (!reader.present()) return out;
    while (reader.next()) {
        if (!reader.element("Relationship")) continue;
        std::string id, type, target, mode;
        reader.attributes([&](std::string_view name, std::string_view value) {
            if (name == "Id") id = value;
            else if (name == "Type") type = value;
            else if (name == "Target") target = value;
            else if (name == "TargetMode") mode = value;
        });
        if (mode != "External") out[id] = {type, resolvePart(part, target)};
    }
    return out;
}

bool endsWith(std::string_view text, std::string_view tail) {
    return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

// --- Cell values ---
// Days since 1970-01-01 -> "YYYY-MM-DD" (Howard Hinnant's civil_from_days).
std::string isoDate(long long days) {
    days += 719468;
    long long era = (days >= 0 ? days : days - 146096) / 146097;
    long long doe = days - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    long long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    char text[80];
    std::snprintf(text, sizeof text, "%04lld-%02lld-%02lld", y, m, d);
    return text;
}

// A date cell's serial number as the date (and time, when it has one) it shows.
std::string serialDate(std::string_view raw, bool date1904) {
    double serial = 0;
    try {
        serial = std::stod(std::string(raw));
    } catch (const std::exception&) {
        return std::string(raw);
    }
    if (!std::isfinite(serial) || serial < 0 || serial > 2958465) return std::string(raw);  // past 9999-12-31
    double whole = std::floor(serial);
    // 1900 system: serial 1 is 1900-01-01 and Lotus's 1900-02-29 (serial 60) is counted, so later serials are
    // days since 1899-12-30; the 1904 system counts from 1904-01-01.
    long long days = static_cast<long long>(whole) + (date1904 ? -24107 : (whole < 60 ? -25568 : -25569));
    std::string text = isoDate(days);
    long long seconds = std::llround((serial - whole) * 86400);
    if (seconds > 0 && seconds < 86400) {
        char time[80];
        std::snprintf(time, sizeof time, " %02lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60, seconds % 60);
        text += time;
    }
    return text;
}

// Whether a number format shows a date or time: Excel's built-in ones (the CJK ids too), or a format code with
// y, m, d, h or s outside quotes, escapes and [colour] brackets.
bool isDateFormat(int id, std::string_view code) {
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58))
        return true;
    bool quoted = false, bracket = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (quoted) quoted = c != '"';
        else if (bracket) bracket = c != ']';
        else if (c == '"') quoted = true;
        else if (c == '[') bracket = true;
        else if (c == '\\' || c == '_' || c == '*') ++i;
        else if (std::strchr("yYmMdDhHsS", c) && c != '\0') return true;
    }
    return false;
}

int toInt(std::string_view text) {
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9' || value > 100000000) return -1;
        value = value * 10 + (c - '0');
    }
    return text.empty() ? -1 : value;
}

// "C7" -> column 3, row 7; false when it is not a cell reference inside Excel's limits.
bool cellReference(std::string_view ref, std::size_t& column, std::size_t& row) {
    std::size_t i = 0, col = 0, r = 0;
    for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
        col = col * 26 + static_cast<std::size_t>(ref[i] - 'A' + 1);
        if (col > kMaxColumns) return false;
    }
    if (i == 0 || i == ref.size()) return false;
    for (; i < ref.size(); ++i) {
        if (ref[i] < '0' || ref[i] > '9') return false;
        r = r * 10 + static_cast<std::size_t>(ref[i] - '0');
        if (r > kMaxRows) return false;
    }
    if (r == 0) return false;
    column = col, row = r;
    return true;
}

// --- The parts ---
struct Styles {
    std::vector<bool> dateStyle;  // by cell style index (the "s" of a cell)
};

Styles readStyles(Container& zip, const std::string& part) {
    Styles styles;
    PartReader reader(zip, part);
    if (!reader.present()) return styles;
    std::map<int, bool> customDate;
    bool inCellXfs = false;
    while (reader.next()) {
        if (reader.element("numFmt")) {
            int id = -1;
            std::string code;
            reader.attributes([&](std::string_view name, std::string_view value) {
                if (name == "numFmtId") id = toInt(value);
                else if (name == "formatCode") code = value;
            });
            customDate[id] = isDateFormat(-1, code);
        } else if (reader.element("cellXfs")) {
            inCellXfs = !reader.empty();
        } else if (reader.end("cellXfs")) {
            inCellXfs = false;
        } else if (inCellXfs && reader.element("xf") && styles.dateStyle.size() < 65536) {
            int id = 0;
            reader.attributes([&](std::string_view name, std::string_view value) {
                if (name == "numFmtId") id = toInt(value);
            });
            auto custom = customDate.find(id);
            styles.dateStyle.push_back(custom != customDate.end() ? custom->second : isDateFormat(id, ""));
        }
    }
    return styles;
}

// The text of a string item (<si> or <is>): its <t> texts, rich-text runs joined, phonetic runs (<rPh>) left out.
// The reader stands on the item's start element; it ends on the item's end element.
std::string stringItem(PartReader& reader, const char* item) {
    std::string text;
    if (reader.empty()) return text;
    int phonetic = 0;
    bool inText = false;
    while (reader.next()) {
        if (reader.end(item)) break;
        if (reader.element("rPh") && !reader.empty()) ++phonetic;
        else if (reader.end("rPh")) --phonetic;
        else if (reader.element("t")) inText = !reader.empty();
        else if (reader.end("t")) inText = false;
        else if (inText && phonetic == 0 && reader.text()) text += reader.value();
    }
    return text;
}

std::vector<std::string> readSharedStrings(Container& zip, const std::string& part) {
    std::vector<std::string> strings;
    PartReader reader(zip, part);
    if (!reader.present()) return strings;
    while (reader.next())
        if (reader.element("si")) strings.push_back(stringItem(reader, "si"));
    return strings;
}

// One worksheet into a Sheet: only cells with a value are kept, each with its column; a leading title row
// (its cells merged across columns, above the header) is left out.
class SheetParser {
public:
    SheetParser(PartReader& reader, const std::vector<std::string>& strings, const Styles& styles, bool date1904,
                Sheet& sheet, const std::string& label, std::vector<Diagnostic>& diagnostics)
        : reader_(reader),
          strings_(strings),
          styles_(styles),
          date1904_(date1904),
          sheet_(sheet),
          label_(label),
          diagnostics_(diagnostics) {}
    // Reads the sheet; with `firstValueOnly`, stops at the first cell with a value (a sheet that is no table).
    void run(bool firstValueOnly);

private:
    PartReader& reader_;
    const std::vector<std::string>& strings_;
    const Styles& styles_;
    bool date1904_;
    Sheet& sheet_;
    const std::string& label_;
    std::vector<Diagnostic>& diagnostics_;
    std::size_t rowNumber_ = 0, lastColumn_ = 0;
    std::vector<std::pair<std::size_t, std::size_t>> mergedTitles_;  // (row, column) of wide merged cells
    int problemsLeft_ = kMaxSuggestionsPerFile;

    void problem(std::size_t column, std::string message) {
        if (problemsLeft_-- <= 0) return;
        diagnostics_.push_back(
            {Severity::Error, label_, cellLocation(sheet_.name, rowNumber_, column), std::move(message)});
    }
    void startRow();
    void readCell();
    std::string cellText(std::string_view type, std::string_view value, const std::string& inlineText, int style,
                         std::size_t column);
    void readMerge();
    void dropTitleRows();
};

void SheetParser::startRow() {
    std::size_t number = 0;
    reader_.attributes([&](std::string_view name, std::string_view value) {
        if (name == "r") number = static_cast<std::size_t>(std::max(0, toInt(value)));
    });
    if (number == 0) number = rowNumber_ + 1;
    if (number <= rowNumber_ || number > kMaxRows)
        throw Unreadable{cellLocation(sheet_.name, number, 1), "row out of order or beyond row 1048576"};
    rowNumber_ = number, lastColumn_ = 0;
}

std::string SheetParser::cellText(std::string_view type, std::string_view value, const std::string& inlineText,
                                  int style, std::size_t column) {
    if (type == "inlineStr") return inlineText;
    if (type == "s") {
        int index = toInt(value);
        if (index < 0 || static_cast<std::size_t>(index) >= strings_.size()) {
            problem(column, "the cell names shared string " + std::string(value) + ", which the workbook lacks");
            return {};
        }
        return strings_[static_cast<std::size_t>(index)];
    }
    if (type == "b") return value == "1" ? "TRUE" : value.empty() ? "" : "FALSE";
    if (type == "e") {
        problem(column, "the cell shows the formula error " + std::string(value) + ": type the value instead");
        return {};
    }
    bool date = style >= 0 && static_cast<std::size_t>(style) < styles_.dateStyle.size() &&
                styles_.dateStyle[static_cast<std::size_t>(style)];
    if ((type.empty() || type == "n") && date && !value.empty()) return serialDate(value, date1904_);
    return std::string(value);  // a number as written, a formula's string ("str"), an ISO date ("d")
}

void SheetParser::readCell() {
    std::string ref, type;
    int style = -1;
    reader_.attributes([&](std::string_view name, std::string_view value) {
        if (name == "r") ref = value;
        else if (name == "t") type = value;
        else if (name == "s") style = toInt(value);
    });
    std::size_t column = lastColumn_ + 1, row = rowNumber_;
    if (!ref.empty() && (!cellReference(ref, column, row) || row != rowNumber_))
        throw Unreadable{cellLocation(sheet_.name, rowNumber_, lastColumn_ + 1),
                         "cell reference \"" + ref.substr(0, 20) + "\" is not a cell of this row"};
    if (column > kMaxColumns) throw Unreadable{cellLocation(sheet_.name, rowNumber_, kMaxColumns), "too many columns"};
    if (column <= lastColumn_) throw Unreadable{cellLocation(sheet_.name, rowNumber_, column), "cell given twice"};
    lastColumn_ = column;
    if (reader_.empty()) return;
    std::string value, inlineText;
    bool inValue = false;
    while (reader_.next() && !reader_.end("c")) {
        if (reader_.element("v")) inValue = !reader_.empty();
        else if (reader_.end("v")) inValue = false;
        else if (reader_.element("is")) inlineText = stringItem(reader_, "is");
        else if (inValue && reader_.text()) value += reader_.value();
    }
    std::string text = cellText(type, value, inlineText, style, column);
    if (text.empty()) return;
    if (sheet_.rows.empty() || sheet_.rows.back().line != rowNumber_) {
        std::size_t width = sheet_.rows.empty() ? 4 : sheet_.rows.back().fields.size();  // rows are alike
        sheet_.rows.push_back({rowNumber_, {}});
        sheet_.rows.back().fields.reserve(width);
    }
    sheet_.rows.back().fields.push_back({std::move(text), column, column - 1});
}

void SheetParser::readMerge() {
    std::string ref;
    reader_.attributes([&](std::string_view name, std::string_view value) {
        if (name == "ref") ref = value;
    });
    std::size_t colon = ref.find(':'), c1 = 0, r1 = 0, c2 = 0, r2 = 0;
    if (colon == std::string::npos || !cellReference(std::string_view(ref).substr(0, colon), c1, r1) ||
        !cellReference(std::string_view(ref).substr(colon + 1), c2, r2))
        return;
    if (c2 > c1 && mergedTitles_.size() < 4096) mergedTitles_.emplace_back(r1, c1);
}

void SheetParser::dropTitleRows() {
    auto merged = [&](std::size_t row, std::size_t column) {
        return std::find(mergedTitles_.begin(), mergedTitles_.end(), std::make_pair(row, column)) !=
               mergedTitles_.end();
    };
    std::size_t drop = 0;
    while (drop + 1 < sheet_.rows.size()) {
        const TableRow& row = sheet_.rows[drop];
        bool title = std::all_of(row.fields.begin(), row.fields.end(),
                                 [&](const TableField& field) { return merged(row.line, field.column); });
        if (!title) break;
        ++drop;
    }
    sheet_.rows.erase(sheet_.rows.begin(), sheet_.rows.begin() + static_cast<std::ptrdiff_t>(drop));
}

void SheetParser::run(bool firstValueOnly) {
    while (reader_.next()) {
        if (reader_.element("row")) {
            startRow();
        } else if (reader_.element("c")) {
            readCell();
            if (firstValueOnly && !sheet_.rows.empty()) return;
        } else if (reader_.element("mergeCell")) {
            readMerge();
        }
    }
    dropTitleRows();
}

struct SheetEntry {
    std::string name, id;
};

// The workbook part: its sheets in order and its date system.
std::vector<SheetEntry> readWorkbookPart(Container& zip, const std::string& part, bool& date1904) {
    std::vector<SheetEntry> sheets;
    PartReader reader(zip, part);
    if (!reader.present()) throw Unreadable{"", "no workbook inside: this is not an .xlsx workbook"};
    while (reader.next()) {
        if (reader.element("workbookPr")) {
            reader.attributes([&](std::string_view name, std::string_view value) {
                if (name == "date1904") date1904 = value == "1" || value == "true";
            });
        } else if (reader.element("sheet") && sheets.size() < 256) {
            SheetEntry entry;
            reader.attributes([&](std::string_view name, std::string_view value) {
                if (name == "name") entry.name = value;
                else if (name == "id") entry.id = value;
            });
            sheets.push_back(std::move(entry));
        }
    }
    return sheets;
}

// The main part named by the package relationships (xl/workbook.xml as Excel, WPS and LibreOffice write it).
std::string workbookPart(Container& zip) {
    for (const auto& [id, rel] : relationships(zip, ""))
        if (endsWith(rel.type, "/officeDocument")) return rel.target;
    return "xl/workbook.xml";
}

// The target of the workbook's first relationship whose type ends with `kind` ("" when there is none).
std::string relatedPart(const std::map<std::string, Relationship>& rels, std::string_view kind) {
    for (const auto& [id, rel] : rels)
        if (endsWith(rel.type, kind)) return rel.target;
    return {};
}

bool isReadmeSheet(const std::string& name) {
    std::string lower = name;
    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return lower.rfind("说明", 0) == 0 || lower.rfind("readme", 0) == 0;
}

// Whether a sheet's name names a table: its English or Chinese name, alone or beside the other ("企业 firms").
bool namesTable(const std::string& name, const FileSpec& spec) {
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t space = name.find(' ', start);
        std::string word = name.substr(start, space == std::string::npos ? std::string::npos : space - start);
        for (char& c : word) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        if (word == spec.sheet || word == spec.sheetZh) return true;
        if (space == std::string::npos) break;
        start = space + 1;
    }
    return false;
}

Workbook readContainer(Container& zip, const std::string& label, std::vector<Diagnostic>& diagnostics) {
    std::string main = workbookPart(zip);
    bool date1904 = false;
    std::vector<SheetEntry> entries = readWorkbookPart(zip, main, date1904);
    std::map<std::string, Relationship> rels = relationships(zip, main);
    std::string stringsPart = relatedPart(rels, "/sharedStrings"), stylesPart = relatedPart(rels, "/styles");
    std::vector<std::string> strings = stringsPart.empty() ? std::vector<std::string>()
                                                           : readSharedStrings(zip, stringsPart);
    Styles styles = stylesPart.empty() ? Styles() : readStyles(zip, stylesPart);
    Workbook book;
    std::vector<std::string> readParts;
    for (const SheetEntry& entry : entries) {
        Sheet& sheet = book.sheets.emplace_back();
        sheet.name = entry.name;
        auto rel = rels.find(entry.id);
        if (isReadmeSheet(entry.name) || rel == rels.end()) continue;
        const std::string& part = rel->second.target;
        // A part read twice (two sheets naming one part) would let a small file unpack many times over.
        if (std::find(readParts.begin(), readParts.end(), part) != readParts.end()) continue;
        readParts.push_back(part);
        bool table = std::any_of(specs().begin(), specs().end(),
                                 [&](const FileSpec& s) { return namesTable(entry.name, s); });
        PartReader reader(zip, part);
        if (!reader.present()) throw Unreadable{"", "sheet \"" + entry.name + "\" is missing from the workbook"};
        SheetParser(reader, strings, styles, date1904, sheet, label, diagnostics).run(!table);
    }
    return book;
}

// What a file that is no .xlsx workbook probably is, for the message.
std::string notAWorkbook(std::string_view bytes) {
    if (bytes.substr(0, 4) == std::string_view("\xD0\xCF\x11\xE0", 4))
        return "an old .xls workbook (or another Office 97 file): save it as an .xlsx workbook";
    if (bytes.find("opendocument.spreadsheet") != std::string_view::npos)
        return "an OpenDocument spreadsheet (.ods): save it as an .xlsx workbook";
    return "not an .xlsx workbook (not a zip container)";
}

}  // namespace

std::optional<Workbook> readWorkbookBytes(std::string_view bytes, const std::string& label,
                                          std::vector<Diagnostic>& diagnostics) {
    if (bytes.size() >= 0xFFFFFFFFu) {  // minizip's 32-bit offsets of a plain zip
        diagnostics.push_back({Severity::Error, label, "", "the workbook is too large"});
        return std::nullopt;
    }
    try {
        Container zip(bytes);
        if (!zip.ok()) throw Unreadable{"", notAWorkbook(bytes)};
        return readContainer(zip, label, diagnostics);
    } catch (const Unreadable& problem) {
        diagnostics.push_back({Severity::Error, label, problem.location, problem.message});
        return std::nullopt;
    }
}

std::optional<Workbook> readWorkbookFile(const std::string& path, std::vector<Diagnostic>& diagnostics) {
    auto bytes = readWholeFile(path);
    if (!bytes) {
        diagnostics.push_back({Severity::Error, path, "", bytes.error().message, ProblemKind::Io});
        return std::nullopt;
    }
    return readWorkbookBytes(*bytes, path, diagnostics);
}

Sheet* sheetFor(Workbook& workbook, const FileSpec& spec) {
    for (Sheet& sheet : workbook.sheets)
        if (namesTable(sheet.name, spec)) return &sheet;
    return nullptr;
}

void warnUnknownSheets(const Workbook& workbook, const std::string& label, std::vector<Diagnostic>& diagnostics) {
    std::vector<std::string> names;
    for (const FileSpec& spec : specs()) names.emplace_back(spec.sheet), names.emplace_back(spec.sheetZh);
    std::vector<const FileSpec*> taken;
    for (const Sheet& sheet : workbook.sheets) {
        const FileSpec* table = nullptr;
        for (const FileSpec& spec : specs())
            if (!table && namesTable(sheet.name, spec)) table = &spec;
        if (table && std::find(taken.begin(), taken.end(), table) != taken.end()) {
            diagnostics.push_back({Severity::Warning, label, sheet.name,
                                   std::string("not read: an earlier sheet already holds the ") + table->sheet});
        } else if (table) {
            taken.push_back(table);
        } else if (!isReadmeSheet(sheet.name) && !sheet.rows.empty()) {
            diagnostics.push_back({Severity::Warning, label, sheet.name,
                                   "sheet not read: no table of that name" + didYouMean(sheet.name, names)});
        }
    }
}

}  // namespace chainatlas::csv
