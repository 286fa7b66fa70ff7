// Reading .xlsx workbooks: what Excel, WPS and LibreOffice write (shared and inline strings, rich text and
// phonetic runs, dates, numbers stored as text and text stored as numbers, booleans, formulas, empty rows,
// trailing blank columns, a merged title row), a workbook LibreOffice saved, and hostile or broken files.
// The test workbooks are zipped here from hand-written XML (minizip), so each case is exactly what it says.
#include <doctest/doctest.h>

#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <map>

#include "chainatlas/base/file_io.hpp"
#include "chainatlas/load/csv.hpp"
#include "chainatlas/load/fast_load.hpp"
#include "helpers.hpp"

using namespace chainatlas;
namespace fs = std::filesystem;

namespace {

const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const char* kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string sheetXml(const std::string& body, const std::string& after = "") {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"") + kMain + "\" xmlns:r=\"" +
           kRel + "\"><sheetData>" + body + "</sheetData>" + after + "</worksheet>";
}

// A workbook of the given sheets (name, XML), shared strings (each an <si> body) and cell styles (numFmtIds).
struct Book {
    std::vector<std::pair<std::string, std::string>> sheets;
    std::vector<std::string> strings;
    std::vector<int> styles = {0};
    std::map<std::string, std::string> extraParts;

    std::map<std::string, std::string> parts() const {
        std::map<std::string, std::string> out = extraParts;
        out["_rels/.rels"] = std::string(
                                 "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                                 "relationships\"><Relationship Id=\"rId1\" Type=\"") +
                             kRel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
        std::string workbook = std::string("<workbook xmlns=\"") + kMain + "\" xmlns:r=\"" + kRel + "\"><sheets>";
        std::string rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
        for (std::size_t i = 0; i < sheets.size(); ++i) {
            std::string id = "rId" + std::to_string(i + 1), file = "worksheets/sheet" + std::to_string(i + 1) + ".xml";
            workbook += "<sheet name=\"" + sheets[i].first + "\" sheetId=\"" + std::to_string(i + 1) + "\" r:id=\"" +
                        id + "\"/>";
            rels.append("<Relationship Id=\"")
                .append(id)
                .append("\" Type=\"")
                .append(kRel)
                .append("/worksheet\" Target=\"")
                .append(file)
                .append("\"/>");
            out["xl/" + file] = sheets[i].second;
        }
        out["xl/workbook.xml"] = workbook + "</sheets></workbook>";
        rels += std::string("<Relationship Id=\"rS\" Type=\"") + kRel +
                "/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rY\" Type=\"" + kRel +
                "/styles\" Target=\"/xl/styles.xml\"/></Relationships>";
        out["xl/_rels/workbook.xml.rels"] = rels;
        std::string sst = std::string("<sst xmlns=\"") + kMain + "\">";
        for (const auto& s : strings) sst += "<si>" + s + "</si>";
        out["xl/sharedStrings.xml"] = sst + "</sst>";
        std::string styleXml = std::string("<styleSheet xmlns=\"") + kMain + "\"><cellXfs>";
        for (int id : styles) styleXml += "<xf numFmtId=\"" + std::to_string(id) + "\"/>";
        out["xl/styles.xml"] = styleXml + "</cellXfs></styleSheet>";
        return out;
    }
};

struct Scratch {
    fs::path path = fs::temp_directory_path() / ("chainatlas-workbook-" + std::to_string(::getpid()));
    Scratch() {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~Scratch() { fs::remove_all(path); }
};

void zipParts(const std::string& path, const std::map<std::string, std::string>& parts) {
    zipFile zip = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
    REQUIRE(zip);
    for (const auto& [name, text] : parts) {
        zip_fileinfo info{};
        REQUIRE(zipOpenNewFileInZip(zip, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                                    Z_DEFAULT_COMPRESSION) == ZIP_OK);
        REQUIRE(zipWriteInFileInZip(zip, text.data(), static_cast<unsigned>(text.size())) == ZIP_OK);
        zipCloseFileInZip(zip);
    }
    zipClose(zip, nullptr);
}

std::string cellS(const std::string& ref, int index, int style = 0) {
    return "<c r=\"" + ref + "\" t=\"s\" s=\"" + std::to_string(style) + "\"><v>" + std::to_string(index) + "</v></c>";
}
std::string cellN(const std::string& ref, const std::string& value, int style = 0) {
    return "<c r=\"" + ref + "\" s=\"" + std::to_string(style) + "\"><v>" + value + "</v></c>";
}
std::string cellI(const std::string& ref, const std::string& text) {
    return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}

// The small chain of the first case, sheet by sheet.
Book plannerBook() {
    Book book;
    // 0 id, 1 name_zh, 2 lon, 3 weinan, 4 渭南 as rich text with a phonetic run, 5 "108.9" (a number as text)
    book.strings = {"<t>id</t>",
                    "<t>name_zh</t>",
                    "<t>lon</t>",
                    "<t>weinan</t>",
                    "<r><t>渭</t></r><r><rPr><b/></rPr><t>南</t></r><rPh sb=\"0\" eb=\"2\"><t>wei nan</t></rPh>",
                    "<t>108.9</t>"};
    book.styles = {0, 14, 49};  // general, a built-in date, text (@)
    book.sheets.emplace_back("regions", sheetXml("<row r=\"1\">" + cellS("A1", 0) + cellS("B1", 1) + cellS("C1", 2) +
                                                 "<c r=\"D1\" s=\"2\"/></row>"  // a trailing blank header cell
                                                 "<row r=\"2\">" +
                                                 cellS("A2", 3) + cellS("B2", 4) + cellN("C2", "109.5") +
                                                 "</row>"
                                                 "<row r=\"3\"/>"  // an empty row
                                                 "<row r=\"5\">" +
                                                 cellI("A5", "xian") +
                                                 "<c r=\"B5\" t=\"str\"><f>\"西\"&amp;\"安\"</f><v>西安</v></c>" +
                                                 cellS("C5", 5, 2) + "</row>"));
    book.sheets.emplace_back("segments 环节",
                             sheetXml("<row r=\"1\">" + cellI("A1", "渭南市新能源汽车产业链") +
                                          "</row>"  // a title
                                          "<row r=\"2\">" +
                                          cellI("A2", "环节编号") + cellI("B2", "环节名称") +
                                          "</row>"
                                          "<row r=\"3\">" +
                                          cellI("A3", "id") + cellI("B3", "name_zh") +
                                          "</row>"
                                          "<row r=\"4\">" +
                                          cellI("A4", "cell") + cellI("B4", "电芯") +
                                          "</row>"
                                          "<row r=\"5\">" +
                                          cellN("A5", "2024") + cellI("B5", "二〇二四") + "</row>",
                                      "<mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/></mergeCells>"));
    book.sheets.emplace_back("企业", sheetXml("<row r=\"1\">" + cellI("A1", "企业编号") + cellI("B1", "企业名称") +
                                              cellI("C1", "链主") + "</row><row r=\"2\">" + cellI("A2", "f1") +
                                              cellI("B2", "甲 ") +
                                              "<c r=\"C2\" t=\"b\"><v>1</v></c></row>"
                                              "<row r=\"3\">" +
                                              cellI("A3", "f2") + cellI("B3", "乙") + cellI("C3", "否") + "</row>"));
    book.sheets.emplace_back("sites", sheetXml("<row r=\"1\">" + cellI("A1", "firm") + cellI("B1", "region") +
                                               cellI("C1", "segments") + cellI("D1", "output") +
                                               "</row>"
                                               "<row r=\"2\">" +
                                               cellI("A2", "f1") + cellI("B2", "weinan") + cellI("C2", "cell") +
                                               cellN("D2", "2") + "</row><row r=\"3\">" + cellI("A3", "f2") +
                                               cellI("B3", "xian") + cellI("C3", "2024;cell") + "</row>"));
    book.sheets.emplace_back("sources",
                             sheetXml("<row r=\"1\">" + cellI("A1", "id") + cellI("B1", "accessed") +
                                      "</row><row r=\"2\">" + cellI("A2", "src") + cellN("B2", "45000", 1) + "</row>"));
    book.sheets.emplace_back("说明", sheetXml("<row r=\"1\">" + cellI("A1", "anything") + "</row>"));
    return book;
}

std::string allOf(const LoadResult& result) {
    std::string text;
    for (const auto& d : result.diagnostics) text += formatDiagnostic(d) + "\n";
    return text;
}

}  // namespace

TEST_CASE("a workbook as planners' programs write it loads: strings of every kind, dates, numbers, booleans") {
    Scratch scratch;
    std::string path = (scratch.path / "渭南企业名录.xlsx").string();
    zipParts(path, plannerBook().parts());
    LoadResult result = loadChainFile(path);
    INFO(allOf(result));
    REQUIRE(result.ok());
    CHECK(result.diagnostics.empty());
    const Chain& chain = *result.chain;
    CHECK(chain.id == "chain");  // the workbook's name is no id
    CHECK(chain.name.zh == "渭南企业名录");
    REQUIRE(chain.regions.size() == 2);
    CHECK(chain.regions[0].name.zh == "渭南");  // rich text joined, the phonetic run left out
    CHECK(*chain.regions[0].lon == 109.5);
    CHECK(chain.regions[1].name.zh == "西安");  // a formula's cached text
    CHECK(*chain.regions[1].lon == 108.9);      // a number stored as text
    REQUIRE(chain.segments.size() == 2);        // the merged title row left out, both header rows read
    CHECK(chain.segments[1].id == "2024");      // text stored as a number
    CHECK(chain.stages.size() == 3);            // no stages sheet: the default stages
    CHECK(chain.firms[0].leader);               // a boolean cell
    CHECK_FALSE(chain.firms[1].leader);         // 否
    CHECK(chain.firms[0].name.zh == "甲");      // spaces around a cell are not part of it
    CHECK(chain.firms[1].sites[0].segments.size() == 2);
    CHECK(chain.sources[0].accessed == "2023-03-15");  // a date cell, as the date it shows
    // The fast path builds the same model.
    auto bytes = readWholeFile(path);
    REQUIRE(bytes);
    std::optional<Chain> fast = fastChainFromWorkbook(*bytes, path);
    REQUIRE(fast);
    CHECK(chainToJson(*fast) == chainToJson(chain));
}

TEST_CASE("problems in a workbook are located as book.xlsx: sheet!cell") {
    Scratch scratch;
    Book book = plannerBook();
    book.sheets[0].second = sheetXml("<row r=\"1\">" + cellS("A1", 0) + cellS("B1", 1) + "</row><row r=\"2\">" +
                                     cellS("A2", 3) + cellS("B2", 99) + "</row><row r=\"3\">" + cellI("A3", "xian") +
                                     "<c r=\"B3\" t=\"e\"><v>#N/A</v></c></row>");
    book.sheets[3].second = sheetXml("<row r=\"1\">" + cellI("A1", "firm") + cellI("B1", "所在区域") +
                                     cellI("C1", "segment") + "</row><row r=\"2\">" + cellI("A2", "f1") +
                                     cellI("B2", "渭南") + cellI("C2", "cell") + "</row>");
    std::string path = (scratch.path / "企业名录.xlsx").string();
    zipParts(path, book.parts());
    LoadResult result = loadChainFile(path);
    std::string all = allOf(result);
    INFO(all);
    CHECK_FALSE(result.ok());
    CHECK(all.find(path + ": regions!B2: the cell names shared string 99") != std::string::npos);
    CHECK(all.find(path + ": regions!B3: the cell shows the formula error #N/A") != std::string::npos);
    CHECK(all.find(path + ": sites!C1: unknown column \"segment\" in sites.csv (did you mean \"segments\"?)") !=
          std::string::npos);
}

TEST_CASE("a name for an id in a workbook points to the id, at the cell") {
    Scratch scratch;
    Book book = plannerBook();
    book.sheets[3].second = sheetXml("<row r=\"1\">" + cellI("A1", "firm") + cellI("B1", "所在区域") +
                                     cellI("C1", "segments") + "</row><row r=\"2\">" + cellI("A2", "f1") +
                                     cellI("B2", "渭南") + cellI("C2", "cell") + "</row><row r=\"3\">" +
                                     cellI("A3", "f2") + cellI("B3", "xian") + cellI("C3", "cell") + "</row>");
    std::string path = (scratch.path / "book.xlsx").string();
    zipParts(path, book.parts());
    LoadResult result = loadChainFile(path);
    CHECK_FALSE(result.ok());
    CHECK(allOf(result).find(path + ": sites!B2: unknown region \"渭南\" (did you mean \"weinan\", 渭南?)") !=
          std::string::npos);
}

TEST_CASE("hostile and broken workbooks are refused with a reason, never read") {
    Scratch scratch;
    auto problem = [&](const std::string& bytes) {
        CsvDocument document = readWorkbookBytes(bytes, "x.xlsx");
        REQUIRE_FALSE(document.diagnostics.empty());
        return document.diagnostics[0].message;
    };
    CHECK(problem("not a zip at all").find("not an .xlsx workbook") != std::string::npos);
    CHECK(problem(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0')).find(".xls") !=
          std::string::npos);
    // A document type declaration (the way to entity expansion, "billion laughs") is refused outright.
    Book laughs = plannerBook();
    laughs.sheets[0].second =
        "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
        "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><worksheet xmlns=\"" +
        std::string(kMain) +
        "\"><sheetData><row><c t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>";
    std::string path = (scratch.path / "laughs.xlsx").string();
    zipParts(path, laughs.parts());
    auto bytes = readWholeFile(path);
    REQUIRE(bytes);
    CHECK(problem(*bytes).find("document type") != std::string::npos);
    // A zip whose data is cut off.
    zipParts(path, plannerBook().parts());
    bytes = readWholeFile(path);
    REQUIRE(bytes);
    CHECK_FALSE(readWorkbookBytes(bytes->substr(0, bytes->size() / 2), "x.xlsx").diagnostics.empty());
    // Malformed XML in a sheet, and a cell beyond Excel's last column.
    Book broken = plannerBook();
    broken.sheets[0].second = sheetXml("<row r=\"1\"><c r=\"A1\"><v>1</v></row>");
    zipParts(path, broken.parts());
    CHECK(problem(*readWholeFile(path)).find("not well-formed") != std::string::npos);
    broken.sheets[0].second = sheetXml("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>");
    zipParts(path, broken.parts());
    CHECK(problem(*readWholeFile(path)).find("not a cell") != std::string::npos);
}

TEST_CASE("a workbook LibreOffice saved (tests/data/good/libreoffice.xlsx) reads as the chain it holds") {
    std::string path = std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/libreoffice.xlsx";
    LoadResult result = loadChainFile(path);
    INFO(allOf(result));
    REQUIRE(result.ok());
    const Chain& chain = *result.chain;
    CHECK(chain.id == "weinan-demo");
    CHECK(chain.name.zh == "渭南示例");
    REQUIRE(chain.firms.size() == 3);
    CHECK(chain.firms[0].name.zh == "陕西示例电池");
    CHECK(chain.firms[0].leader);
    CHECK_FALSE(chain.firms[1].leader);
    CHECK(chain.firms[2].leader);
    CHECK(*chain.firms[0].metrics[0] == doctest::Approx(0.05));
    CHECK(chain.sources[0].accessed == "2024-05-06");
    CHECK(chain.segments[0].id == "2024");                    // an id typed as a number
    CHECK(*chain.regions[1].lon == doctest::Approx(108.94));  // a number typed as text
}
