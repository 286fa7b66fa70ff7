// Default names, the planner's folder and what an existing file holds (see saved_files.hpp).
#include "state/saved_files.hpp"

#include <cstdlib>
#include <filesystem>

#include "chainatlas/base/text.hpp"
#include "chainatlas/session/session.hpp"
#include "i18n.hpp"

namespace viewer {

using namespace chainatlas;

namespace {

std::string normalPath(const std::string& path) {
    std::error_code ec;
    std::filesystem::path absolute = std::filesystem::absolute(path, ec);
    return ec ? path : absolute.lexically_normal().string();
}

bool samePath(const std::string& a, const std::string& b) {
    return !a.empty() && !b.empty() && normalPath(a) == normalPath(b);
}

// A region as the planner reads it: its name in the open chain when the id is there, else the id.
std::string regionWord(const ViewerState& state, const std::string& id) {
    if (state.chain)
        for (const Region& r : state.chain->regions)
            if (r.id == id) return r.name.pick(state.lang, r.id);
    return id;
}

bool sameChain(const ViewerState& state, const ExistingFile& file) {
    if (!state.chain) return false;
    if (!file.chain.empty() && !state.chain->id.empty()) return file.chain == state.chain->id;
    return samePath(file.file, state.path);
}

}  // namespace

std::string fileNamePart(const std::string& text) {
    std::string out;
    for (char32_t c : decodeUtf8(text)) {
        bool keep = c >= 0x80 ? c != 0xFFFD && !isNoncharacter(c) && !(c >= 0x2000 && c <= 0x206F) && c != 0x3000
                              : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                    c == '-' || c == '_' || c == '.';
        out += keep ? encodeUtf8(c) : std::string("-");
    }
    while (!out.empty() && (out.front() == '-' || out.front() == '.')) out.erase(out.begin());
    return out.empty() ? std::string("chainatlas") : out;
}

std::string defaultBaseName(const ViewerState& state, const std::string& date) {
    if (!state.chain) return "chainatlas-" + date;
    std::string chain = state.chain->id.empty() ? std::filesystem::path(state.path).stem().string() : state.chain->id;
    std::string name = fileNamePart(chain);
    if (state.hasAnalysis()) name += "-" + fileNamePart(state.chain->regions[state.scenario.region].id);
    return name + "-" + date;
}

std::string documentsFolder() {
    if (const char* documents = std::getenv("XDG_DOCUMENTS_DIR"); documents && *documents) return documents;
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/Documents";
    std::error_code ec;
    std::string here = std::filesystem::current_path(ec).string();
    return ec ? std::string(".") : here;
}

std::string joinPath(const std::string& folder, const std::string& name) {
    if (folder.empty()) return name;
    return folder.back() == '/' ? folder + name : folder + "/" + name;
}

chainatlas::Status makeParentFolder(const std::string& path) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(normalPath(path)).parent_path(), ec);
    return ec ? chainatlas::Status::failure(chainatlas::ErrorCode::Io, ec.message()) : chainatlas::Status::success();
}

std::string folderOf(const std::string& path) { return std::filesystem::path(normalPath(path)).parent_path().string(); }

ExistingFile inspectExisting(const std::string& path) {
    ExistingFile out;
    std::error_code ec;
    out.exists = std::filesystem::exists(path, ec);
    if (!out.exists) return out;
    Session session;
    if (!std::filesystem::is_regular_file(path, ec) || !loadSessionFile(path, session).empty()) return out;
    out.session = true;
    out.chain = session.chain;
    out.file = session.file;
    out.region = session.region;
    return out;
}

std::string sessionOverwriteQuestion(const ViewerState& state, const std::string& path) {
    ExistingFile existing = inspectExisting(path);
    if (!existing.exists) return {};
    Lang lang = state.lang;
    std::string region = state.hasAnalysis() ? state.chain->regions[state.scenario.region].id : std::string();
    bool same = existing.session && sameChain(state, existing) && existing.region == region;
    if (same && samePath(path, state.sessionFile)) return {};  // Ctrl+S on the state's own file
    std::string held;
    if (!existing.session) held = tr(lang, "这个文件不是规划会话。", "This file is not a planning session.");
    else if (!sameChain(state, existing))
        held = std::string(
                   tr(lang, "这个文件保存的是另一条产业链的会话: ", "This file holds a session of another chain: ")) +
               (existing.chain.empty() ? existing.file : existing.chain);
    else if (existing.region != region)
        held = std::string(
                   tr(lang, "这个文件保存的是另一个区域的会话: ", "This file holds a session of another region: ")) +
               regionWord(state, existing.region);
    else held = tr(lang, "这个文件是另一次保存的会话。", "This file holds a session saved separately.");
    return path + "\n" + held + "\n" + tr(lang, "覆盖它吗?", "Write over it?");
}

std::string exportOverwriteQuestion(const ViewerState& state, const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return {};
    return path + "\n" + tr(state.lang, "文件已存在。覆盖它吗?", "The file exists already. Write over it?");
}

void ownSessionFile(ViewerState& state, const std::string& path) { state.sessionFile = normalPath(path); }

}  // namespace viewer
