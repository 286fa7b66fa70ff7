// The planner's tables: every file/sheet and column (csv_spec.hpp), and the header and cell rules the readers
// share. docs/data.md lists the same columns for planners; the template's readme sheet is written from here.
#include "load/csv_spec.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <memory>

#include "chainatlas/base/file_io.hpp"
#include "chainatlas/base/text.hpp"

namespace chainatlas::csv {

namespace {

using C = Cell;
using K = Choices;

// The same six metrics for firms (their own figures) and segments (industry-level figures).
std::vector<Column> withMetrics(std::vector<Column> columns, std::vector<Column> after) {
    const Column metrics[] = {
        {"tech", "研发强度", "/metrics/tech", C::Number, false, K::None, "0.05", "研发投入占营收比（高为好）",
         "R&D intensity (higher is better)"},
        {"profit", "利润率", "/metrics/profit", C::Number, false, K::None, "0.08", "利润率（高为好）",
         "profit margin (higher is better)"},
        {"growth", "增长率", "/metrics/growth", C::Number, false, K::None, "0.12", "营收增长率（高为好）",
         "revenue growth (higher is better)"},
        {"pollution", "污染强度", "/metrics/pollution", C::Number, false, K::None, "0.2", "单位产值排放（低为好）",
         "emissions per output (lower is better)"},
        {"energy", "能耗强度", "/metrics/energy", C::Number, false, K::None, "0.1", "单位产值能耗（低为好）",
         "energy per output (lower is better)"},
        {"land", "用地强度", "/metrics/land", C::Number, false, K::None, "0.3", "单位产值用地（低为好）",
         "land per output (lower is better)"},
    };
    columns.insert(columns.end(), std::begin(metrics), std::end(metrics));
    columns.insert(columns.end(), after.begin(), after.end());
    return columns;
}

Column sourcesColumn() {
    return {"sources",
            "来源",
            "/sources",
            C::List,
            false,
            K::None,
            "src-1;src-2",
            "来源编号，多个用 ; 分隔",
            "source ids, separated by ;"};
}

Column yearColumn() {
    return {
        "year", "年份", "/year", C::Integer, false, K::None, "2024", "信息所指的年份", "the year the fact refers to"};
}

Column confidenceColumn(bool required) {
    return {"confidence",
            "可信度",
            "/confidence",
            C::Text,
            required,
            K::Confidence,
            "A",
            "A 一手来源确认，B 二手来源，C 未确认（不计入）",
            "A primary source, B secondary source, C unconfirmed (counts nowhere)"};
}

FileSpec chainTable() {
    return {"chain.csv",
            "chain",
            "产业链",
            "chain",
            false,
            {{"id", "产业链编号", "/id", C::Text, true, K::None, "nev", "产业链编号（小写字母、数字、.-_）",
              "chain id (lower-case letters, digits, . - _)"},
             {"name_zh", "产业链名称", "/name/zh", C::Text, false, K::None, "新能源汽车", "中文名称", "Chinese name"},
             {"name_en", "英文名称", "/name/en", C::Text, false, K::None, "New-energy vehicles", "英文名称",
              "English name"},
             {"note_zh", "数据说明", "/note/zh", C::Text, false, K::None, "示意数据，非官方统计", "数据说明（中文）",
              "what the data is (Chinese)"},
             {"note_en", "英文说明", "/note/en", C::Text, false, K::None, "Illustrative data", "数据说明（英文）",
              "what the data is (English)"}}};
}

FileSpec sourcesTable() {
    return {"sources.csv",
            "sources",
            "来源",
            "sources",
            false,
            {{"id", "来源编号", "/id", C::Text, true, K::None, "src-1", "来源编号", "source id"},
             {"title", "标题", "/title", C::Text, false, K::None, "渭南市统计公报", "来源标题", "title"},
             {"url", "网址", "/url", C::Text, false, K::None, "https://example.org", "网址", "address"},
             {"accessed", "访问日期", "/accessed", C::Text, false, K::None, "2026-11-26", "访问日期",
              "date accessed"}}};
}

FileSpec stagesTable() {
    return {"stages.csv",
            "stages",
            "阶段",
            "stages",
            false,
            {{"id", "阶段编号", "/id", C::Text, true, K::None, "upstream", "阶段编号", "stage id"},
             {"name_zh", "阶段名称", "/name/zh", C::Text, false, K::None, "上游", "中文名称", "Chinese name"},
             {"name_en", "英文名称", "/name/en", C::Text, false, K::None, "Upstream", "英文名称", "English name"}}};
}

FileSpec segmentsTable() {
    return {"segments.csv",
            "segments",
            "环节",
            "segments",
            true,
            withMetrics({{"id", "环节编号", "/id", C::Text, true, K::None, "cathode", "环节编号", "segment id"},
                         {"name_zh", "环节名称", "/name/zh", C::Text, false, K::None, "正极材料", "中文名称",
                          "Chinese name"},
                         {"name_en", "英文名称", "/name/en", C::Text, false, K::None, "Cathode materials", "英文名称",
                          "English name"},
                         {"stage", "所属阶段", "/stage", C::Text, false, K::Stages, "upstream", "阶段编号", "stage id"},
                         {"market", "应用市场", "/market", C::Bool, false, K::None, "否",
                          "是：终端用户（客户而非招商对象）", "yes: the chain's end users (customers, not investors)"}},
                        {{"division", "行业代码", "/division", C::Text, false, K::None, "C3841", "国民经济行业分类代码",
                          "national industry classification code"},
                         sourcesColumn()})};
}

FileSpec linksTable() {
    return {"links.csv",
            "links",
            "上下游",
            "links",
            false,
            {{"from", "上游环节", "/from", C::Text, true, K::Segments, "cathode", "供货的环节编号",
              "supplier segment id"},
             {"to", "下游环节", "/to", C::Text, true, K::Segments, "cell", "采购的环节编号", "buyer segment id"}}};
}

FileSpec regionsTable() {
    return {"regions.csv",
            "regions",
            "区域",
            "regions",
            true,
            {{"id", "区域编号", "/id", C::Text, true, K::None, "weinan", "区域编号", "region id"},
             {"name_zh", "区域名称", "/name/zh", C::Text, false, K::None, "渭南", "中文名称", "Chinese name"},
             {"name_en", "英文名称", "/name/en", C::Text, false, K::None, "Weinan", "英文名称", "English name"},
             {"lon", "经度", "/lon", C::Number, false, K::None, "109.5", "经度", "longitude"},
             {"lat", "纬度", "/lat", C::Number, false, K::None, "34.5", "纬度", "latitude"}}};
}

FileSpec firmsTable() {
    return {"firms.csv",
            "firms",
            "企业",
            "firms",
            true,
            withMetrics(
                {{"id", "企业编号", "/id", C::Text, true, K::None, "catl", "企业编号", "firm id"},
                 {"name_zh", "企业名称", "/name/zh", C::Text, false, K::None, "宁德时代", "中文名称", "Chinese name"},
                 {"name_en", "英文名称", "/name/en", C::Text, false, K::None, "CATL", "英文名称", "English name"},
                 {"leader", "链主", "/leader", C::Bool, false, K::None, "是", "是否链主企业", "a chain leader?"}},
                {sourcesColumn()})};
}

FileSpec sitesTable() {
    return {"sites.csv",
            "sites",
            "布局",
            "sites",
            false,
            {{"firm", "企业编号", "", C::Text, true, K::Firms, "catl", "企业编号", "firm id"},
             {"region", "所在区域", "/region", C::Text, true, K::Regions, "weinan", "区域编号", "region id"},
             {"segments", "所属环节", "/segments", C::List, true, K::None, "cell;pack", "环节编号，多个用 ; 分隔",
              "segment ids, separated by ;"},
             {"output", "产值", "/output", C::Number, false, K::None, "120", "产值（同一文件同一单位；空则计 1）",
              "output (one unit per file; empty counts 1)"},
             confidenceColumn(false),
             yearColumn()}};
}

FileSpec suppliesTable() {
    return {"supplies.csv",
            "supplies",
            "供货",
            "supplies",
            false,
            {{"from", "供货企业", "/from", C::Text, true, K::Firms, "catl", "供货企业编号", "supplier firm id"},
             {"to", "采购企业", "/to", C::Text, true, K::Firms, "tesla", "采购企业编号", "buyer firm id"},
             {"segment", "供货环节", "/segment", C::Text, false, K::Segments, "cell", "供货内容的环节编号",
              "segment id of what is supplied"},
             confidenceColumn(false),
             yearColumn(),
             {"from_region", "供货地", "/from_region", C::Text, false, K::Regions, "ningde", "供货工厂所在区域编号",
              "region id of the supplier's plant"},
             {"to_region", "收货地", "/to_region", C::Text, false, K::Regions, "shanghai", "收货工厂所在区域编号",
              "region id of the buyer's plant"},
             sourcesColumn()}};
}

FileSpec resourcesTable() {
    return {"resources.csv",
            "resources",
            "资源",
            "resources",
            false,
            {{"id", "资源编号", "/id", C::Text, true, K::None, "nwpu", "资源编号（不同于企业编号）",
              "resource id (not a firm id)"},
             {"name_zh", "资源名称", "/name/zh", C::Text, false, K::None, "西北工业大学", "中文名称", "Chinese name"},
             {"name_en", "英文名称", "/name/en", C::Text, false, K::None, "NWPU", "英文名称", "English name"},
             {"kind", "资源类型", "/kind", C::Text, true, K::ResourceKinds, "university",
              "university/institute/lab/fund/talent/platform/service",
              "university/institute/lab/fund/talent/platform/service"},
             {"region", "所在区域", "/region", C::Text, true, K::Regions, "xian", "区域编号", "region id"},
             {"segments", "服务环节", "/segments", C::List, false, K::None, "cell;pack",
              "环节编号，用 ; 分隔；空则服务全产业链", "segment ids, separated by ;; empty: the whole chain"},
             sourcesColumn(),
             confidenceColumn(true),
             {"note", "备注", "/note", C::Text, false, K::None, "", "备注", "note"},
             yearColumn()}};
}

FileSpec tiesTable() {
    return {"ties.csv",
            "ties",
            "关联",
            "ties",
            false,
            {{"resource", "资源编号", "/resource", C::Text, true, K::Resources, "nwpu", "资源编号", "resource id"},
             {"firm", "企业编号", "/firm", C::Text, true, K::Firms, "blt", "企业编号", "firm id"},
             {"kind", "关联类型", "/kind", C::Text, true, K::TieKinds, "spinoff",
              "spinoff/license/joint-lab/investment/training/service",
              "spinoff/license/joint-lab/investment/training/service"},
             confidenceColumn(true),
             yearColumn()}};
}

// Every table, in the order a workbook or a folder lists them (the template writes them so).
std::vector<FileSpec> buildSpecs() {
    return {chainTable(), sourcesTable(), stagesTable(),   segmentsTable(),  linksTable(), regionsTable(),
            firmsTable(), sitesTable(),   suppliesTable(), resourcesTable(), tiesTable()};
}

std::string asciiLower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Closes an iconv descriptor when it goes out of scope.
// iconv's documented failure value.
const iconv_t kIconvFailed = reinterpret_cast<iconv_t>(-1);  // NOLINT(performance-no-int-to-ptr)

struct Iconv {
    iconv_t cd;
    explicit Iconv(const char* to, const char* from) : cd(iconv_open(to, from)) {}
    ~Iconv() {
        if (cd != kIconvFailed) iconv_close(cd);
    }
    Iconv(const Iconv&) = delete;
    Iconv& operator=(const Iconv&) = delete;
};

}  // namespace

const std::vector<FileSpec>& specs() {
    static const std::vector<FileSpec> all = buildSpecs();
    return all;
}

const FileSpec* specNamed(std::string_view array) {
    for (const FileSpec& spec : specs())
        if (array == spec.array) return &spec;
    return nullptr;
}

const std::vector<DefaultStage>& defaultStages() {
    static const std::vector<DefaultStage> stages = {{"upstream", "上游", "Upstream"},
                                                     {"midstream", "中游", "Midstream"},
                                                     {"downstream", "下游", "Downstream"}};
    return stages;
}

std::string_view trim(std::string_view s) {
    // Loops rather than find_first_not_of(" \t"), which calls memchr on the set for every byte.
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::optional<bool> parseBool(std::string_view text) {
    if (text.size() > 5) return std::nullopt;
    std::string word = asciiLower(text);
    if (word == "true" || word == "1" || word == "是" || word == "y" || word == "yes") return true;
    if (word == "false" || word == "0" || word == "否" || word == "n" || word == "no") return false;
    return std::nullopt;
}

std::pair<std::string, std::string> chainIdAndName(const std::string& folder) {
    namespace fs = std::filesystem;
    std::string folderName = fs::path(folder).lexically_normal().filename().string();
    if (folderName.empty() || folderName == ".")
        folderName = fs::path(folder).lexically_normal().parent_path().filename().string();
    std::string chainId = asciiLower(folderName);
    return {isValidId(chainId) ? chainId : "chain", folderName};
}

std::optional<std::string> gb18030ToUtf8(std::string_view text) {
    Iconv convert("UTF-8", "GB18030");
    if (convert.cd == kIconvFailed) return std::nullopt;
    std::string out(text.size() * 2 + 16, '\0');  // a GB18030 character of 2 or 4 bytes is at most 4 in UTF-8
    char* in = const_cast<char*>(text.data());    // iconv's interface; it does not write the input
    std::size_t inLeft = text.size();
    char* to = out.data();
    std::size_t outLeft = out.size();
    if (iconv(convert.cd, &in, &inLeft, &to, &outLeft) == static_cast<std::size_t>(-1) || inLeft != 0)
        return std::nullopt;
    out.resize(out.size() - outLeft);
    return out;
}

namespace {

// The rule the JSON loader applies: no control byte but tab and line breaks (a NUL in a name would cut it
// short wherever it is handed on as a C string).
std::optional<std::string> refuseControlBytes(std::string text, const std::string& label,
                                              std::vector<Diagnostic>& diagnostics) {
    auto control = std::find_if(text.begin(), text.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r';
    });
    if (control == text.end()) return text;
    auto offset = static_cast<std::size_t>(control - text.begin());
    LineColumn at = lineColumnAt(text, offset);
    diagnostics.push_back({Severity::Error, label, std::to_string(at.line) + ":" + std::to_string(at.column),
                           "binary data (control byte " + std::to_string(static_cast<unsigned char>(*control)) +
                               "): this is not a CSV text"});
    return std::nullopt;
}

}  // namespace

std::optional<std::string> decodeFile(const std::string& folder, const FileSpec& spec,
                                      std::vector<Diagnostic>& diagnostics) {
    std::string label = (std::filesystem::path(folder) / spec.file).string();
    auto text = readWholeFile(label);
    if (!text && text.error().code == ErrorCode::NotFound) {
        if (spec.required) diagnostics.push_back({Severity::Error, label, "", "missing required file"});
        return std::nullopt;
    }
    if (!text) {
        diagnostics.push_back({Severity::Error, label, "", text.error().message});
        return std::nullopt;
    }
    if (startsAsUtf16(*text)) {
        diagnostics.push_back(
            {Severity::Error, label, "1:1", "the file is UTF-16 (Excel's \"Unicode text\"): save it as \"CSV UTF-8\""});
        return std::nullopt;
    }
    text->erase(0, text->size() - withoutUtf8Bom(*text).size());
    std::size_t bad = findInvalidUtf8(*text);
    if (bad == std::string_view::npos) return refuseControlBytes(std::move(*text), label, diagnostics);
    if (auto converted = gb18030ToUtf8(*text)) {
        diagnostics.push_back({Severity::Note, label, "",
                               "read as GB18030 (Excel's \"CSV\" for Chinese text); save as \"CSV UTF-8\" to "
                               "leave no doubt"});
        return refuseControlBytes(std::move(*converted), label, diagnostics);
    }
    LineColumn at = lineColumnAt(*text, bad);
    diagnostics.push_back({Severity::Error, label, std::to_string(at.line) + ":" + std::to_string(at.column),
                           "neither UTF-8 nor GB18030 text: save the file as \"CSV UTF-8\" (Excel: Save As, "
                           "\"CSV UTF-8 (Comma delimited)\"; WPS: UTF-8 encoding)"});
    return std::nullopt;
}

std::string_view topKey(const Column& column) {
    std::string_view path = column.path;
    if (path.empty()) return path;
    path.remove_prefix(1);
    return path.substr(0, path.find('/'));
}

namespace {

const Column* columnNamed(const FileSpec& spec, std::string_view header) {
    std::string lower = asciiLower(header);
    for (const Column& column : spec.columns)
        if (lower == column.header || header == column.label) return &column;
    return nullptr;
}

// Every name and label of a file's columns, for did-you-mean.
std::vector<std::string> headerWords(const FileSpec& spec) {
    std::vector<std::string> words;
    for (const Column& column : spec.columns) words.emplace_back(column.header), words.emplace_back(column.label);
    return words;
}

// "+note" -> a kept key; its problem, if any.
std::string keptKey(const FileSpec& spec, std::string_view header, HeaderCell& cell) {
    std::string_view key = header.substr(1);
    if (key.size() > 5 && key.substr(key.size() - 5) == ":json") cell.keptJson = true, key.remove_suffix(5);
    cell.kept = std::string(key);
    if (key.empty()) return "a kept column needs a key after \"+\" (\"+note\")";
    bool reserved = std::string_view(spec.array) == "firms" && key == "sites";
    for (const Column& column : spec.columns) reserved = reserved || topKey(column) == key;
    if (reserved)
        return "column \"" + std::string(header) + "\": \"" + std::string(key) + "\" is read from the columns of " +
               spec.file + ", it cannot be kept as well";
    return {};
}

// Did-you-mean over the names and labels; a header about a name ("firm_name", "名称") gets name_zh.
std::string suggestColumn(const FileSpec& spec, std::string_view header) {
    std::string hint = didYouMean(asciiLower(header), headerWords(spec));
    bool aboutName = asciiLower(header).find("name") != std::string::npos ||
                     header.find("名称") != std::string_view::npos || header.find("名字") != std::string_view::npos;
    if (hint.empty() && aboutName && columnNamed(spec, "name_zh")) return " (did you mean \"name_zh\"?)";
    return hint;
}

}  // namespace

std::vector<HeaderCell> readHeader(const FileSpec& spec, const std::vector<std::string_view>& cells,
                                   std::vector<HeaderProblem>& problems) {
    std::vector<HeaderCell> header(cells.size());
    for (std::size_t c = 0; c < cells.size(); ++c) {
        std::string_view name = trim(cells[c]);
        HeaderCell& cell = header[c];
        if (name.empty()) {
            cell.blank = true;
            continue;
        }
        if (name.front() == '+') {
            std::string problem = keptKey(spec, name, cell);
            if (!problem.empty()) problems.push_back({c, problem});
            continue;
        }
        cell.column = columnNamed(spec, name);
        cell.byLabel = cell.column && name == cell.column->label;
        if (!cell.column) {
            problems.push_back({c, "unknown column \"" + std::string(name) + "\" in " + spec.file +
                                       suggestColumn(spec, name) + " (a column to carry along unread is named \"+" +
                                       std::string(name) + "\")"});
            cell.unknown = true;  // its cells are not read
        }
    }
    for (std::size_t c = 0; c < header.size(); ++c)
        for (std::size_t d = 0; d < c; ++d) {
            bool sameColumn = header[c].column && header[c].column == header[d].column;
            bool sameKept = !header[c].kept.empty() && header[c].kept == header[d].kept;
            if (sameColumn || sameKept) {
                problems.push_back({c, "column \"" + std::string(trim(cells[c])) + "\" is the same column as \"" +
                                           std::string(trim(cells[d])) + "\" before it (each column once)"});
                break;
            }
        }
    return header;
}

bool isSecondHeader(const FileSpec& spec, const std::vector<HeaderCell>& header,
                    const std::vector<std::string_view>& cells) {
    if (std::none_of(header.begin(), header.end(), [](const HeaderCell& cell) { return cell.byLabel; })) return false;
    std::vector<HeaderProblem> problems;
    std::vector<HeaderCell> second = readHeader(spec, cells, problems);
    if (!problems.empty()) return false;
    bool any = false;
    for (std::size_t c = 0; c < second.size(); ++c) {
        if (second[c].blank) continue;
        if (c >= header.size() || second[c].column != header[c].column || second[c].kept != header[c].kept ||
            second[c].keptJson != header[c].keptJson)
            return false;
        any = true;
    }
    return any;
}

std::string columnLetters(std::size_t column) {
    std::string letters;
    for (; column > 0; column = (column - 1) / 26) letters.insert(letters.begin(), char('A' + (column - 1) % 26));
    return letters;
}

std::string cellLocation(const std::string& sheet, std::size_t line, std::size_t column) {
    if (sheet.empty()) return std::to_string(line) + ":" + std::to_string(column);
    return sheet + "!" + columnLetters(column) + std::to_string(line);
}

}  // namespace chainatlas::csv
