// Problems in the interface language (see explain.hpp).
#include "state/explain.hpp"

#include <array>
#include <utility>

#include "i18n.hpp"

namespace viewer {

using namespace chainatlas;

namespace {

// The core's phrases, longest first where one contains another; ids and quoted words are left as written.
constexpr std::array<std::pair<std::string_view, std::string_view>, 31> kPhrases = {{
    {"syntax error while parsing value", "JSON 语法错误"},
    {"syntax error while parsing object key", "JSON 语法错误 (对象的键)"},
    {"syntax error while parsing object", "JSON 语法错误 (对象)"},
    {"syntax error while parsing array", "JSON 语法错误 (数组)"},
    {"syntax error", "JSON 语法错误"},
    {"invalid literal", "无效的字面量 (这不是 JSON)"},
    {"last read:", "最后读到:"},
    {"unexpected end of input", "文件意外结束"},
    {"unknown top-level key", "未知的顶层键"},
    {"unknown key", "未知的键"},
    {"unknown region", "未知区域"},
    {"unknown firm", "未知企业"},
    {"unknown segment", "未知环节"},
    {"unknown resource", "未知资源"},
    {"unknown state", "未知状态"},
    {"unknown item", "未知事项"},
    {"did you mean", "是否应为"},
    {"missing required object", "缺少必需的对象"},
    {"missing required array", "缺少必需的数组"},
    {"missing the chain file", "缺少产业链文件"},
    {"missing", "缺少"},
    {"expected a string, found", "应为字符串, 实为"},
    {"expected a number, found", "应为数字, 实为"},
    {"expected an object", "应为对象"},
    {"expected an array", "应为数组"},
    {"cannot open", "无法打开"},
    {"unsupported format", "不支持的格式"},
    {"the session is for chain", "该会话属于产业链"},
    {"not a regular file", "不是普通文件"},
    {"no such file or directory", "文件不存在"},
    {"warning: ", "警告: "},
}};

}  // namespace

std::string explainProblem(std::string_view line, Lang lang) {
    std::string out(line);
    if (lang != Lang::Zh) return out;
    for (const auto& [en, zh] : kPhrases) {
        for (std::size_t at = out.find(en); at != std::string::npos; at = out.find(en, at + zh.size()))
            out.replace(at, en.size(), zh);
    }
    return out;
}

std::string problemHeadline(const std::vector<Diagnostic>& problems, Lang lang) {
    bool notJson = !problems.empty() && problems.front().location.rfind("1:", 0) == 0 &&
                   problems.front().message.find("syntax error") != std::string::npos;
    if (notJson)
        return tr(lang, "这个文件不是产业链文件 (不是 JSON, 也不是 CSV 文件夹)。之前的产业链仍然打开。",
                  "This file is not a chain (neither JSON nor a CSV folder). The previous chain stays open.");
    return tr(lang, "文件未能打开 (之前的产业链仍然打开)。每个问题都标明了位置:",
              "The file was not opened (the previous chain stays open). Every problem with its place:");
}

}  // namespace viewer
