// libFuzzer target: the workbook reader. The first byte picks what the rest of the input is:
//   0    the whole .xlsx file (broken zips, zip bombs, overlapping entries, anything);
//   1-4  the XML of one part of a valid workbook (the csv_mini chain): 1 the firms sheet, 2 the sites sheet,
//        3 the shared strings, 4 the workbook part — zipped here, so the fuzzer reaches the XML reader
//        (entity expansion, shared-string indices out of range, huge or disordered rows, bad references).
// Problems must come back as diagnostics, never as an exception, a crash, a hang or a leak; a chain it
// accepts must load again from its own JSON.
#include <unistd.h>
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "chainatlas/base/file_io.hpp"
#include "chainatlas/load/load.hpp"

namespace {

const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const char* kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string row(int r, const std::string& cells) { return "<row r=\"" + std::to_string(r) + "\">" + cells + "</row>"; }
std::string cell(const std::string& ref, int sharedIndex) {
    return "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string(sharedIndex) + "</v></c>";
}
std::string sheet(const std::string& rows) {
    return std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData>" + rows + "</sheetData></worksheet>";
}

// The parts of a small valid workbook: segments a, b; region r; firm f with a site; shared strings.
std::map<std::string, std::string> seedParts() {
    std::map<std::string, std::string> parts;
    parts["_rels/.rels"] = std::string(
                               "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                               "relationships\"><Relationship Id=\"rId1\" Type=\"") +
                           kRel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
    const char* names[] = {"segments", "regions", "firms", "sites"};
    std::string workbook = std::string("<workbook xmlns=\"") + kMain + "\" xmlns:r=\"" + kRel + "\"><sheets>";
    std::string rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    for (int i = 0; i < 4; ++i) {
        std::string id = "rId" + std::to_string(i + 1);
        workbook += std::string("<sheet name=\"") + names[i] + "\" sheetId=\"" + std::to_string(i + 1) + "\" r:id=\"" +
                    id + "\"/>";
        rels += "<Relationship Id=\"" + id + "\" Type=\"" + kRel + "/worksheet\" Target=\"worksheets/sheet" +
                std::to_string(i + 1) + ".xml\"/>";
    }
    parts["xl/workbook.xml"] = workbook + "</sheets></workbook>";
    parts["xl/_rels/workbook.xml.rels"] = rels + "<Relationship Id=\"rS\" Type=\"" + kRel +
                                          "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
    // 0 id, 1 a, 2 b, 3 r, 4 f, 5 firm, 6 region, 7 segments, 8 leader, 9 TRUE
    const char* strings[] = {"id", "a", "b", "r", "f", "firm", "region", "segments", "leader", "TRUE"};
    std::string sst = std::string("<sst xmlns=\"") + kMain + "\">";
    for (const char* s : strings) sst += std::string("<si><t>") + s + "</t></si>";
    parts["xl/sharedStrings.xml"] = sst + "</sst>";
    parts["xl/worksheets/sheet1.xml"] = sheet(row(1, cell("A1", 0)) + row(2, cell("A2", 1)) + row(3, cell("A3", 2)));
    parts["xl/worksheets/sheet2.xml"] = sheet(row(1, cell("A1", 0)) + row(2, cell("A2", 3)));
    parts["xl/worksheets/sheet3.xml"] = sheet(row(1, cell("A1", 0) + cell("B1", 8)) +
                                              row(2, cell("A2", 4) + cell("B2", 9)));
    parts["xl/worksheets/sheet4.xml"] = sheet(row(1, cell("A1", 5) + cell("B1", 6) + cell("C1", 7)) +
                                              row(2, cell("A2", 4) + cell("B2", 3) + cell("C2", 1)));
    return parts;
}

// The parts zipped (minizip) into a scratch file and read back.
std::string zipped(const std::map<std::string, std::string>& parts) {
    namespace fs = std::filesystem;
    static const fs::path path = (fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path()) /
                                 ("chainatlas-fuzz-xlsx-" + std::to_string(::getpid()) + ".xlsx");
    zipFile zip = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
    if (!zip) std::abort();
    for (const auto& [name, text] : parts) {
        zip_fileinfo info{};
        zipOpenNewFileInZip(zip, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, 1);
        zipWriteInFileInZip(zip, text.data(), static_cast<unsigned>(text.size()));
        zipCloseFileInZip(zip);
    }
    zipClose(zip, nullptr);
    auto bytes = chainatlas::readWholeFile(path.string());
    if (!bytes) std::abort();
    return *bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    std::string rest(reinterpret_cast<const char*>(data + 1), size - 1);
    std::string bytes;
    static const char* parts[] = {"xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml", "xl/sharedStrings.xml",
                                  "xl/workbook.xml"};
    if (data[0] % 5 == 0) {
        bytes = std::move(rest);
    } else {
        std::map<std::string, std::string> seed = seedParts();
        seed[parts[data[0] % 5 - 1]] = std::move(rest);
        bytes = zipped(seed);
    }
    chainatlas::LoadResult result = chainatlas::loadWorkbookBytes(bytes, "fuzz.xlsx");
    if (result.ok() == chainatlas::hasErrors(result.diagnostics)) std::abort();  // ok exactly when no error
    for (const auto& d : result.diagnostics)
        if (d.severity == chainatlas::Severity::Error && d.message.rfind("unexpected value: ", 0) == 0)
            std::abort();  // a library exception reached the defensive catch: a cell was not checked
    if (!result.ok()) return 0;
    std::string again = chainatlas::chainToJson(*result.chain).dump();
    if (!chainatlas::loadChainText(again, "round-trip.json").ok()) std::abort();
    return 0;
}
